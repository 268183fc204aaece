"""Correct, loop style: one parameter at a time with math.sqrt, state in a list."""
import math

import numpy as np


class RMSProp:
    def __init__(self, learning_rate=0.001, rho=0.9, eps=1e-8):
        self.learning_rate = learning_rate
        self.rho = rho
        self.eps = eps
        self.cache = None

    def step(self, params, grads):
        if self.cache is None:
            self.cache = [0.0 for _ in params]
        out = []
        for i, (p, g) in enumerate(zip(params, grads)):
            self.cache[i] = self.rho * self.cache[i] + (1 - self.rho) * g * g
            out.append(p - self.learning_rate * g / (math.sqrt(self.cache[i]) + self.eps))
        return np.array(out)
