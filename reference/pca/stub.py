"""Principal component analysis (PCA) from scratch.

Interview question: "Implement PCA: fit, transform, and reconstruct." Use NumPy (and the standard library) only.
Check your work with `drill check pca`.
"""

import numpy as np


class PCA:
    """Linear dimensionality reduction onto the directions of largest variance.

    Parameters
    ----------
    n_components : int
        k, the number of components to keep, 1 ≤ k ≤ min(n_samples, n_features). No default.

    Attributes (set by fit)
    -----------------------
    mean_ : np.ndarray, shape (n_features,), float
        The per-feature mean of the training X.
    components_ : np.ndarray, shape (n_components, n_features), float
        The principal axes as ROWS (not columns), orthonormal (components_ @ components_.T = I), sorted by
        decreasing explained variance: row 0 is the direction of largest variance of the centred data.
    explained_variance_ : np.ndarray, shape (n_components,), float
        The variance of the data along each component, with the unbiased n − 1 denominator: the eigenvalues of
        the covariance matrix np.cov(X, rowvar=False), largest first. (With an SVD of the centred data
        Xc = U·S·Vt, that is S**2 / (n − 1).)
    explained_variance_ratio_ : np.ndarray, shape (n_components,), float
        explained_variance_ divided by the TOTAL variance — the sum of ALL n_features eigenvalues, which equals
        np.var(X, axis=0, ddof=1).sum() — not by the sum of the kept ones (it sums to 1 only when k = n_features).

    Left open (the grader does not judge it):
    - the sign of each component: v and −v are the same axis. The grader compares components_ up to a sign per
      row, and transform's columns up to the same per-component sign as your components_;
    - the basis inside a repeated (or nearly repeated) eigenvalue: any orthonormal basis of that eigenspace is
      right; the grader then judges the subspace you keep, the variances and the reconstructions;
    - eigh on the covariance matrix or the SVD of the centred data: both pass (tolerances are on the scale of
      the data, about 1e-6 relative).
    inverse_transform(transform(X)) does not depend on the signs, and is compared with the reference's exactly
    (to that tolerance).
    """

    def __init__(self, n_components):
        self.n_components = n_components
        self.mean_ = None
        self.components_ = None
        self.explained_variance_ = None
        self.explained_variance_ratio_ = None

    def fit(self, X: np.ndarray) -> "PCA":
        """Learn the mean, the principal axes and their variances.

        Args:
            X: float array, shape (n_samples, n_features), n_samples ≥ 2. The data may have a large mean:
               centre it (subtract mean_) before anything else.

        Returns:
            self (so that `PCA(2).fit(X).transform(X)` chains).

        Either: the covariance C = Xcᵀ·Xc / (n − 1) of the centred data Xc = X − mean_, its eigen-decomposition
        (np.linalg.eigh returns eigenvalues in ASCENDING order and eigenvectors as COLUMNS), sorted in decreasing
        order; or: np.linalg.svd(Xc, full_matrices=False), whose rows of Vt are already the axes, largest first.
        Prefer eigh to np.linalg.eig for the symmetric covariance: eig may return complex types and, where
        eigenvalues repeat, eigenvectors that are not orthogonal.
        """
        raise NotImplementedError

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Project X onto the components.

        Args:
            X: float array, shape (m, n_features) — new data or the training data.

        Returns:
            float array, shape (m, n_components): (X − mean_) @ components_.T, with the mean learned by fit
            (not the mean of this X).
        """
        raise NotImplementedError

    def inverse_transform(self, Z: np.ndarray) -> np.ndarray:
        """Map coordinates back to the original feature space.

        Args:
            Z: float array, shape (m, n_components) — for example the output of transform.

        Returns:
            float array, shape (m, n_features): Z @ components_ + mean_. For X in the span of the kept components
            (e.g. k = n_features) this gives X back.
        """
        raise NotImplementedError

    def fit_transform(self, X: np.ndarray) -> np.ndarray:
        """fit(X), then return transform(X), shape (n_samples, n_components)."""
        raise NotImplementedError
