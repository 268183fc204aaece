"""Correct, loop style: means, centred Gram matrix and right-hand side accumulated sample by sample."""
import numpy as np


class RidgeRegression:
    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        n, d = len(X), len(X[0])
        x_mean = [sum(X[i][j] for i in range(n)) / n for j in range(d)]
        y_mean = sum(y) / n
        G = [[0.0] * d for _ in range(d)]
        r = [0.0] * d
        for i in range(n):
            xc = [X[i][j] - x_mean[j] for j in range(d)]
            for j in range(d):
                r[j] += xc[j] * (y[i] - y_mean)
                for k in range(d):
                    G[j][k] += xc[j] * xc[k]
        for j in range(d):
            G[j][j] += self.alpha
        self.weights = np.linalg.solve(np.array(G), np.array(r))
        self.bias = y_mean - sum(m * w for m, w in zip(x_mean, self.weights))
        return self

    def predict(self, X):
        return np.array([sum(w * x for w, x in zip(self.weights, row)) + self.bias for row in X])
