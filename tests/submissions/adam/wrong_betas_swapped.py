"""Wrong: β₁ and β₂ swapped between m and v."""
import numpy as np


class Adam:
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.learning_rate, self.beta1, self.beta2, self.eps = learning_rate, beta1, beta2, eps
        self.m = self.v = None
        self.t = 0

    def step(self, params, grads):
        if self.m is None:
            self.m, self.v = np.zeros_like(params), np.zeros_like(params)
        self.t += 1
        self.m = self.beta2 * self.m + (1 - self.beta2) * grads
        self.v = self.beta1 * self.v + (1 - self.beta1) * grads**2
        m_hat = self.m / (1 - self.beta2**self.t)
        v_hat = self.v / (1 - self.beta1**self.t)
        return params - self.learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)
