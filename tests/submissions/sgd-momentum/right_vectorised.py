"""Correct, vectorised: the "velocity" convention (v ← μv − αg; θ + v), updating params in place and returning it."""
import numpy as np


class SGDMomentum:
    def __init__(self, learning_rate=0.01, momentum=0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity = {}

    def step(self, params, grads):
        v = self.velocity.get("v", np.zeros_like(params))
        v = self.momentum * v - self.learning_rate * grads
        self.velocity["v"] = v
        params += v
        return params
