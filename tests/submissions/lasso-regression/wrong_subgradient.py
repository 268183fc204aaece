"""Wrong: subgradient descent on the lasso objective — converges roughly, but never to exact zeros."""
import numpy as np


class LassoRegression:
    def __init__(self, alpha=1.0, max_iter=1000, tol=1e-6):
        self.alpha, self.max_iter, self.tol = alpha, max_iter, tol
        self.weights, self.bias, self.n_iter_ = None, None, 0

    def fit(self, X, y):
        n, d = X.shape
        w, b = np.zeros(d), 0.0
        lr = 0.05
        for it in range(20 * self.max_iter):
            r = X @ w + b - y
            w -= lr * (X.T @ r / n + self.alpha * np.sign(w))
            b -= lr * r.mean()
        self.weights, self.bias, self.n_iter_ = w, b, 20 * self.max_iter
        return self

    def predict(self, X):
        return X @ self.weights + self.bias
