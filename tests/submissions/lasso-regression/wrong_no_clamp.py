"""Wrong: shrinks by alpha but forgets the max(…, 0) of the soft-threshold, so small weights overshoot past 0."""
import numpy as np


class LassoRegression:
    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-6):
        self.alpha, self.max_iter, self.tol = alpha, max_iter, tol
        self.weights, self.bias, self.n_iter_ = None, None, 0

    def fit(self, X, y):
        n, d = X.shape
        x_mean, y_mean = X.mean(axis=0), y.mean()
        Xc = X - x_mean
        G = Xc.T @ Xc / n
        c = Xc.T @ (y - y_mean) / n
        w = np.zeros(d)
        for it in range(self.max_iter):
            w_old = w.copy()
            for j in range(d):
                if G[j, j] == 0:
                    continue
                rho = c[j] - G[j] @ w + G[j, j] * w[j]
                w[j] = (rho - self.alpha * np.sign(rho)) / G[j, j]
            self.n_iter_ = it + 1
            if np.max(np.abs(w - w_old)) < self.tol:
                break
        self.weights = w
        self.bias = y_mean - x_mean @ w
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
