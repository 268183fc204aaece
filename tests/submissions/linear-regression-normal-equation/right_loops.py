"""Correct, loop style: the normal equations built sample by sample, then solved with lstsq."""
import numpy as np


class LinearRegression:
    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        n, d = len(X), len(X[0])
        AtA = np.zeros((d + 1, d + 1))
        Aty = np.zeros(d + 1)
        for i in range(n):
            row = list(X[i]) + [1.0]
            for j in range(d + 1):
                Aty[j] += row[j] * y[i]
                for k in range(d + 1):
                    AtA[j, k] += row[j] * row[k]
        theta = np.linalg.lstsq(AtA, Aty, rcond=None)[0]
        self.weights = theta[:d]
        self.bias = theta[d]
        return self

    def predict(self, X):
        out = []
        for row in X:
            total = self.bias
            for w, x in zip(self.weights, row):
                total += w * x
            out.append(total)
        return np.array(out)
