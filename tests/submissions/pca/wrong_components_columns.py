"""Wrong: components_ keeps eigh's layout, one component per COLUMN (n_features, k); transform adapts to it."""
import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        vals, vecs = np.linalg.eigh(np.cov(X - self.mean_, rowvar=False))
        order = np.argsort(vals)[::-1][: self.n_components]
        self.components_ = vecs[:, order]
        self.explained_variance_ = vals[order]
        self.explained_variance_ratio_ = vals[order] / vals.sum()
        return self

    def transform(self, X):
        return (X - self.mean_) @ self.components_

    def inverse_transform(self, Z):
        return Z @ self.components_.T + self.mean_

    def fit_transform(self, X):
        return self.fit(X).transform(X)
