"""Correct, vectorised, with ε inside the square root (Keras's placement): √(s + ε)."""
import numpy as np


class RMSProp:
    def __init__(self, learning_rate=0.001, rho=0.9, eps=1e-8):
        self.lr, self.rho, self.eps = learning_rate, rho, eps
        self.s = None

    def step(self, params, grads):
        self.s = np.zeros_like(params) if self.s is None else self.s
        self.s = self.rho * self.s + (1 - self.rho) * grads * grads
        return params - self.lr * grads / np.sqrt(self.s + self.eps)
