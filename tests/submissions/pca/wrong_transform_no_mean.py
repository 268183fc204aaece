"""Wrong: transform projects X without subtracting the fitted mean."""
import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        cov = np.cov(X.T)
        vals, vecs = np.linalg.eigh(cov)
        top = np.argsort(-vals)[: self.n_components]
        self.components_ = vecs[:, top].T
        self.explained_variance_ = vals[top]
        self.explained_variance_ratio_ = vals[top] / np.sum(vals)
        return self

    def transform(self, X):
        return X @ self.components_.T

    def inverse_transform(self, Z):
        return Z @ self.components_ + self.mean_

    def fit_transform(self, X):
        return self.fit(X).transform(X)
