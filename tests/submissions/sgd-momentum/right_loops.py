"""Correct, loop style: PyTorch's convention (v ← μv + g; θ − αv), one parameter at a time, state in a list."""
import numpy as np


class SGDMomentum:
    def __init__(self, learning_rate=0.01, momentum=0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.v = None

    def step(self, params, grads):
        if self.v is None:
            self.v = [0.0] * len(params)
        new_params = []
        for i in range(len(params)):
            self.v[i] = self.momentum * self.v[i] + grads[i]
            new_params.append(params[i] - self.learning_rate * self.v[i])
        return np.array(new_params)
