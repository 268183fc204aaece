"""Right, another method: power iteration with deflation on the covariance matrix (no eigh, no SVD)."""
import numpy as np


class PCA:
    def __init__(self, n_components, n_iter=2000, tol=1e-13):
        self.n_components = n_components
        self.n_iter = n_iter
        self.tol = tol

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        Xc = X - self.mean_
        cov = Xc.T @ Xc / (len(X) - 1)
        total = np.trace(cov)
        rng = np.random.default_rng(0)
        comps, vals = [], []
        A = cov.copy()
        for _ in range(self.n_components):
            v = rng.standard_normal(len(cov))
            v /= np.linalg.norm(v)
            for _ in range(self.n_iter):
                w = A @ v
                w /= np.linalg.norm(w)
                done = np.linalg.norm(w - v) < self.tol
                v = w
                if done:
                    break
            lam = v @ cov @ v
            comps.append(v)
            vals.append(lam)
            A = A - lam * np.outer(v, v)
        self.components_ = np.array(comps)
        self.explained_variance_ = np.array(vals)
        self.explained_variance_ratio_ = self.explained_variance_ / total
        return self

    def transform(self, X):
        return (X - self.mean_) @ self.components_.T

    def inverse_transform(self, Z):
        return Z @ self.components_ + self.mean_

    def fit_transform(self, X):
        return self.fit(X).transform(X)
