"""Wrong: the velocity is a local variable, so it starts from zero on every call (plain SGD)."""
import numpy as np


class SGDMomentum:
    def __init__(self, learning_rate=0.01, momentum=0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum

    def step(self, params, grads):
        velocity = np.zeros_like(params)
        velocity = self.momentum * velocity + grads
        return params - self.learning_rate * velocity
