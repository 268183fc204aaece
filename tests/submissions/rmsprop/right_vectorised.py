"""Correct, vectorised: the average updated in place, params updated in place and returned."""
import numpy as np


class RMSProp:
    def __init__(self, learning_rate=0.001, rho=0.9, eps=1e-8):
        self.learning_rate = learning_rate
        self.rho = rho
        self.eps = eps
        self.sq = None

    def step(self, params, grads):
        if self.sq is None:
            self.sq = np.zeros(params.shape)
        self.sq *= self.rho
        self.sq += (1 - self.rho) * np.square(grads)
        params -= self.learning_rate * grads / (np.sqrt(self.sq) + self.eps)
        return params
