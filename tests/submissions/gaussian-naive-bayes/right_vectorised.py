"""Right, vectorised: one-hot matrix products for the estimates, the expanded quadratic form for the scores."""
import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        self.classes_, inv = np.unique(y, return_inverse=True)
        Y = (inv[:, None] == np.arange(len(self.classes_))).astype(float)  # (n, K)
        counts = Y.sum(axis=0)
        self.theta_ = (Y.T @ X) / counts[:, None]
        self.var_ = (Y.T @ X**2) / counts[:, None] - self.theta_**2
        self.var_ += self.var_smoothing * np.var(X, axis=0).max()
        self.log_prior_ = np.log(counts / counts.sum())
        return self

    def _jll(self, X):
        inv_var = 1.0 / self.var_
        quad = (X**2) @ inv_var.T - 2 * X @ (self.theta_ * inv_var).T + (self.theta_**2 * inv_var).sum(axis=1)
        return self.log_prior_ - 0.5 * np.log(2 * np.pi * self.var_).sum(axis=1) - 0.5 * quad

    def predict_proba(self, X):
        jll = self._jll(X)
        log_norm = np.logaddexp.reduce(jll, axis=1, keepdims=True)
        return np.exp(jll - log_norm)

    def predict(self, X):
        return self.classes_[self._jll(X).argmax(axis=1)]
