"""Correct, vectorised: bias kept apart from w (block gradient and Hessian), stops on the size of the step."""
import numpy as np


class NewtonLogisticRegression:
    def __init__(self, alpha=1e-3, max_iter=100, tol=1e-8):
        self.alpha, self.max_iter, self.tol = alpha, max_iter, tol
        self.weights, self.bias, self.n_iter_ = None, None, 0

    def fit(self, X, y):
        n, d = X.shape
        w, b = np.zeros(d), 0.0
        self.n_iter_ = 0
        for _ in range(self.max_iter):
            z = np.clip(X @ w + b, -500, 500)
            p = 1.0 / (1.0 + np.exp(-z))
            s = p * (1 - p)
            g = np.concatenate([X.T @ (p - y) / n + self.alpha * w, [np.mean(p - y)]])
            H = np.empty((d + 1, d + 1))
            H[:d, :d] = np.einsum("i,ij,ik->jk", s, X, X) / n + self.alpha * np.eye(d)
            H[:d, d] = H[d, :d] = X.T @ s / n
            H[d, d] = s.mean()
            step = np.linalg.solve(H, g)
            w, b = w - step[:d], b - step[d]
            self.n_iter_ += 1
            if np.max(np.abs(step)) < self.tol:
                break
        self.weights, self.bias = w, b
        return self

    def predict_proba(self, X):
        return 1.0 / (1.0 + np.exp(-np.clip(X @ self.weights + self.bias, -500, 500)))

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
