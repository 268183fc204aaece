"""Right: backprop one sample at a time with explicit loops, Xavier-uniform init from a seeded RandomState."""
import math

import numpy as np


class MLP:
    def __init__(self, n_in, n_hidden, n_out, seed=0):
        rs = np.random.RandomState(seed)
        limit1 = math.sqrt(6.0 / (n_in + n_hidden))
        limit2 = math.sqrt(6.0 / (n_hidden + n_out))
        self.W1 = rs.uniform(-limit1, limit1, size=(n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.W2 = rs.uniform(-limit2, limit2, size=(n_hidden, n_out))
        self.b2 = np.zeros(n_out)

    def _one(self, x):
        a = np.zeros(len(self.b1))
        for j in range(len(self.b1)):
            a[j] = self.b1[j] + sum(x[i] * self.W1[i, j] for i in range(len(x)))
        h = np.array([max(v, 0.0) for v in a])
        z = np.zeros(len(self.b2))
        for k in range(len(self.b2)):
            z[k] = self.b2[k] + sum(h[j] * self.W2[j, k] for j in range(len(h)))
        return a, h, z

    def forward(self, X):
        return np.array([self._one(x)[2] for x in X])

    def loss(self, X, y):
        total = 0.0
        for x, label in zip(X, y):
            z = self._one(x)[2]
            top = max(z)
            total += top + math.log(sum(math.exp(v - top) for v in z)) - z[label]
        return total / len(y)

    def gradients(self, X, y):
        n = len(y)
        g = {"W1": np.zeros_like(self.W1), "b1": np.zeros_like(self.b1),
             "W2": np.zeros_like(self.W2), "b2": np.zeros_like(self.b2)}
        for x, label in zip(X, y):
            a, h, z = self._one(x)
            top = max(z)
            e = [math.exp(v - top) for v in z]
            s = sum(e)
            dz = np.array([ek / s for ek in e])
            dz[label] -= 1.0
            dz /= n
            for j in range(len(h)):
                for k in range(len(dz)):
                    g["W2"][j, k] += h[j] * dz[k]
            g["b2"] += dz
            for j in range(len(a)):
                if a[j] > 0:
                    dh = sum(dz[k] * self.W2[j, k] for k in range(len(dz)))
                    g["b1"][j] += dh
                    for i in range(len(x)):
                        g["W1"][i, j] += x[i] * dh
        return g

    def fit(self, X, y, lr=0.1, epochs=100):
        for _ in range(epochs):
            g = self.gradients(X, y)
            self.W1 = self.W1 - lr * g["W1"]
            self.b1 = self.b1 - lr * g["b1"]
            self.W2 = self.W2 - lr * g["W2"]
            self.b2 = self.b2 - lr * g["b2"]
        return self

    def predict(self, X):
        return np.array([int(np.argmax(self._one(x)[2])) for x in X])
