"""Correct, loop style: pure Python loops over samples for every coordinate update."""
import numpy as np


def soft_threshold(rho, lam):
    if rho > lam:
        return rho - lam
    if rho < -lam:
        return rho + lam
    return 0.0


class LassoRegression:
    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-6):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.weights = None
        self.bias = None
        self.n_iter_ = 0

    def fit(self, X, y):
        n, d = len(X), len(X[0])
        means = [sum(X[i][j] for i in range(n)) / n for j in range(d)]
        y_mean = sum(y) / n
        Xc = [[X[i][j] - means[j] for j in range(d)] for i in range(n)]
        yc = [v - y_mean for v in y]
        w = [0.0] * d
        for it in range(self.max_iter):
            biggest = 0.0
            for j in range(d):
                z = sum(Xc[i][j] ** 2 for i in range(n)) / n
                if z == 0:
                    continue
                rho = 0.0
                for i in range(n):
                    pred_without_j = sum(Xc[i][k] * w[k] for k in range(d) if k != j)
                    rho += Xc[i][j] * (yc[i] - pred_without_j)
                rho /= n
                new = soft_threshold(rho, self.alpha) / z
                biggest = max(biggest, abs(new - w[j]))
                w[j] = new
            self.n_iter_ = it + 1
            if biggest < self.tol:
                break
        self.weights = np.array(w)
        self.bias = y_mean - sum(m * v for m, v in zip(means, w))
        return self

    def predict(self, X):
        return np.array([sum(wj * xj for wj, xj in zip(self.weights, row)) + self.bias for row in X])
