"""Wrong: the running average is a local variable, so it restarts from zero on every step."""
import numpy as np


class RMSProp:
    def __init__(self, learning_rate=0.001, rho=0.9, eps=1e-8):
        self.learning_rate, self.rho, self.eps = learning_rate, rho, eps

    def step(self, params, grads):
        s = np.zeros_like(params)
        s = self.rho * s + (1 - self.rho) * grads**2
        return params - self.learning_rate * grads / (np.sqrt(s) + self.eps)
