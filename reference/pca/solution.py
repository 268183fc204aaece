"""Principal component analysis by the SVD of the centred data — the reference."""

from __future__ import annotations

import numpy as np


class PCA:
    """Project onto the n_components directions of largest variance (the top eigenvectors of the covariance)."""

    def __init__(self, n_components: int):
        self.n_components = n_components
        self.mean_: np.ndarray | None = None
        self.components_: np.ndarray | None = None
        self.explained_variance_: np.ndarray | None = None
        self.explained_variance_ratio_: np.ndarray | None = None

    def fit(self, X: np.ndarray) -> PCA:
        """Centre X, take its SVD Xc = U·S·Vt: the rows of Vt are the principal axes, S²/(n − 1) their variances."""
        X = np.asarray(X, dtype=float)
        self.mean_ = X.mean(axis=0)
        # singular values come sorted in decreasing order; no covariance matrix is formed (better conditioned)
        _, S, Vt = np.linalg.svd(X - self.mean_, full_matrices=False)
        variances = S**2 / (len(X) - 1)
        k = self.n_components
        self.components_ = Vt[:k]
        self.explained_variance_ = variances[:k]
        self.explained_variance_ratio_ = variances[:k] / variances.sum()  # the share of the TOTAL variance
        return self

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Coordinates of each row on the components, shape (m, n_components): (X − mean_) · components_ᵀ."""
        if self.mean_ is None or self.components_ is None:
            raise RuntimeError("call fit before transform")
        return (np.asarray(X, dtype=float) - self.mean_) @ self.components_.T

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Back to the original space, shape (m, n_features): Z · components_ + mean_."""
        if self.mean_ is None or self.components_ is None:
            raise RuntimeError("call fit before inverse_transform")
        return np.asarray(Z, dtype=float) @ self.components_ + self.mean_

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then transform(X)."""
        return self.fit(X).transform(X)
