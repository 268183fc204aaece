"""Wrong: no ε — a gradient that is exactly 0 gives 0/0 = NaN."""
import numpy as np


class RMSProp:
    def __init__(self, learning_rate=0.001, rho=0.9, eps=1e-8):
        self.learning_rate, self.rho, self.eps = learning_rate, rho, eps
        self.s = None

    def step(self, params, grads):
        if self.s is None:
            self.s = np.zeros_like(params)
        self.s = self.rho * self.s + (1 - self.rho) * grads**2
        return params - self.learning_rate * grads / np.sqrt(self.s)
