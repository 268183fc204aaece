"""Wrong: ρ and 1 − ρ swapped — the new squared gradient gets weight ρ."""
import numpy as np


class RMSProp:
    def __init__(self, learning_rate=0.001, rho=0.9, eps=1e-8):
        self.learning_rate, self.rho, self.eps = learning_rate, rho, eps
        self.s = None

    def step(self, params, grads):
        if self.s is None:
            self.s = np.zeros_like(params)
        self.s = (1 - self.rho) * self.s + self.rho * grads**2
        return params - self.learning_rate * grads / (np.sqrt(self.s) + self.eps)
