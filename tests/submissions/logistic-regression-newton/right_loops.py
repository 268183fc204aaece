"""Correct, loop style: gradient and Hessian accumulated sample by sample in Python."""
import math

import numpy as np


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


class NewtonLogisticRegression:
    def __init__(self, alpha=1e-3, max_iter=100, tol=1e-8):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.weights = None
        self.bias = None
        self.n_iter_ = 0

    def fit(self, X, y):
        n, d = len(X), len(X[0])
        theta = [0.0] * (d + 1)
        self.n_iter_ = 0
        while True:
            g = [0.0] * (d + 1)
            H = [[0.0] * (d + 1) for _ in range(d + 1)]
            for i in range(n):
                a = list(X[i]) + [1.0]
                p = sigmoid(sum(t * v for t, v in zip(theta, a)))
                for j in range(d + 1):
                    g[j] += (p - y[i]) * a[j] / n
                    for k in range(d + 1):
                        H[j][k] += p * (1 - p) * a[j] * a[k] / n
            for j in range(d):
                g[j] += self.alpha * theta[j]
                H[j][j] += self.alpha
            if max(abs(v) for v in g) < self.tol or self.n_iter_ >= self.max_iter:
                break
            step = np.linalg.solve(np.array(H), np.array(g))
            theta = [t - s for t, s in zip(theta, step)]
            self.n_iter_ += 1
        self.weights = np.array(theta[:d])
        self.bias = theta[d]
        return self

    def predict_proba(self, X):
        return np.array([sigmoid(sum(w * v for w, v in zip(self.weights, row)) + self.bias) for row in X])

    def predict(self, X):
        return np.array([1 if p >= 0.5 else 0 for p in self.predict_proba(X)])
