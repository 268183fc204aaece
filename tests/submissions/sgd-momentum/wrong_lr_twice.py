"""Wrong: the learning rate is applied twice (v ← μv + αg, then θ − αv)."""
import numpy as np


class SGDMomentum:
    def __init__(self, learning_rate=0.01, momentum=0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity = None

    def step(self, params, grads):
        if self.velocity is None:
            self.velocity = np.zeros_like(params)
        self.velocity = self.momentum * self.velocity + self.learning_rate * grads
        return params - self.learning_rate * self.velocity
