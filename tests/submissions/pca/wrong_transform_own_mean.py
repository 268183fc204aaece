"""Wrong: transform centres the data it is given with ITS OWN mean instead of the fitted mean_."""
import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def _centre(self, X):
        return X - X.mean(axis=0)

    def fit(self, X):
        self.mean_ = X.mean(axis=0)
        _, S, Vt = np.linalg.svd(self._centre(X), full_matrices=False)
        var = S ** 2 / (X.shape[0] - 1)
        self.components_ = Vt[: self.n_components]
        self.explained_variance_ = var[: self.n_components]
        self.explained_variance_ratio_ = var[: self.n_components] / var.sum()
        return self

    def transform(self, X):
        return self._centre(X) @ self.components_.T

    def inverse_transform(self, Z):
        return Z @ self.components_ + self.mean_

    def fit_transform(self, X):
        return self.fit(X).transform(X)
