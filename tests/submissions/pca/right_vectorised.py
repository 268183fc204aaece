"""Right, vectorised: np.cov and eigh, with a sign convention (largest-magnitude entry positive)."""
import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        vals, vecs = np.linalg.eigh(np.cov(X, rowvar=False))
        order = np.argsort(vals)[::-1]
        vals, vecs = vals[order], vecs[:, order]
        comps = vecs[:, : self.n_components].T
        flip = np.sign(comps[np.arange(len(comps)), np.abs(comps).argmax(axis=1)])
        self.components_ = comps * flip[:, None]
        self.explained_variance_ = vals[: self.n_components]
        self.explained_variance_ratio_ = self.explained_variance_ / vals.sum()
        return self

    def transform(self, X):
        return (X - self.mean_) @ self.components_.T

    def inverse_transform(self, Z):
        return Z @ self.components_ + self.mean_

    def fit_transform(self, X):
        return self.fit(X).transform(X)
