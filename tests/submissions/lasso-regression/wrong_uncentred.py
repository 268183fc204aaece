"""Wrong: coordinate descent on the raw columns of X (never centred); the intercept only afterwards."""
import numpy as np


class LassoRegression:
    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-6):
        self.alpha, self.max_iter, self.tol = alpha, max_iter, tol
        self.weights, self.bias, self.n_iter_ = None, None, 0

    def fit(self, X, y):
        n, d = X.shape
        w = np.zeros(d)
        yc = y - y.mean()
        z = (X ** 2).sum(axis=0) / n
        r = yc.copy()
        for it in range(self.max_iter):
            moved = 0.0
            for j in range(d):
                rho = X[:, j] @ r / n + z[j] * w[j]
                new = np.sign(rho) * max(abs(rho) - self.alpha, 0.0) / z[j]
                r -= (new - w[j]) * X[:, j]
                moved = max(moved, abs(new - w[j]))
                w[j] = new
            self.n_iter_ = it + 1
            if moved < self.tol:
                break
        self.weights = w
        self.bias = y.mean() - X.mean(axis=0) @ w
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
