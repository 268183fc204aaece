"""Correct, loop style: a Python loop over the samples, math.exp with a branch for stability, clipped log-loss."""
import math

import numpy as np


def _sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class LogisticRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X, y):
        n, d = X.shape
        w = np.zeros(d)
        b = 0.0
        self.cost_history = []
        for _ in range(self.n_iterations):
            gw = np.zeros(d)
            gb = 0.0
            cost = 0.0
            for i in range(n):
                p = _sigmoid(float(X[i] @ w) + b)
                p_safe = min(max(p, 1e-15), 1 - 1e-15)
                cost -= y[i] * math.log(p_safe) + (1 - y[i]) * math.log(1 - p_safe)
                gw += (p - y[i]) * X[i]
                gb += p - y[i]
            self.cost_history.append(cost / n)
            w = w - self.learning_rate * gw / n
            b -= self.learning_rate * gb / n
        self.weights = w
        self.bias = b
        return self

    def predict_proba(self, X):
        return np.array([_sigmoid(float(row @ self.weights) + self.bias) for row in X])

    def predict(self, X):
        return np.array([1 if p >= 0.5 else 0 for p in self.predict_proba(X)])
