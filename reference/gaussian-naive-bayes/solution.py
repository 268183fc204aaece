"""Gaussian naive Bayes, scored in log space — the reference (the same estimates as scikit-learn's GaussianNB)."""

from __future__ import annotations

import numpy as np


class GaussianNB:
    """P(c | x) ∝ P(c) · Π_j N(x_j; theta_[c, j], var_[c, j]): independent Gaussian features within each class."""

    def __init__(self, var_smoothing: float = 1e-9):
        self.var_smoothing = var_smoothing
        self.classes_: np.ndarray | None = None
        self.theta_: np.ndarray | None = None
        self.var_: np.ndarray | None = None
        self.class_prior_: np.ndarray | None = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> GaussianNB:
        """Per-class means and (biased) variances, plus var_smoothing × the largest feature variance of X."""
        X = np.asarray(X, dtype=float)
        self.classes_, codes = np.unique(np.asarray(y), return_inverse=True)  # sorted labels
        groups = [X[codes == c] for c in range(len(self.classes_))]
        epsilon = self.var_smoothing * X.var(axis=0).max()  # keeps a constant feature from dividing by zero
        self.theta_ = np.stack([g.mean(axis=0) for g in groups])
        self.var_ = np.stack([g.var(axis=0) for g in groups]) + epsilon
        self.class_prior_ = np.bincount(codes) / len(codes)
        return self

    def _joint_log_likelihood(self, X: np.ndarray) -> np.ndarray:
        """log P(c) + Σ_j log N(x_j; θ_cj, σ²_cj) for every row and class, shape (m, K) — never a raw product."""
        if self.theta_ is None or self.var_ is None or self.class_prior_ is None:
            raise RuntimeError("call fit first")
        X = np.asarray(X, dtype=float)
        log_norm = -0.5 * np.log(2 * np.pi * self.var_).sum(axis=1)  # (K,)
        sq = ((X[:, None, :] - self.theta_[None, :, :]) ** 2 / self.var_[None, :, :]).sum(axis=2)  # (m, K)
        return np.log(self.class_prior_) + log_norm - 0.5 * sq

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(class | x), shape (m, K), columns in the order of classes_; normalised by log-sum-exp."""
        jll = self._joint_log_likelihood(X)
        log_evidence = jll.max(axis=1, keepdims=True)
        log_evidence = log_evidence + np.log(np.exp(jll - log_evidence).sum(axis=1, keepdims=True))
        return np.exp(jll - log_evidence)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row, as a label from classes_, shape (m,)."""
        if self.classes_ is None:
            raise RuntimeError("call fit before predict")
        return self.classes_[np.argmax(self._joint_log_likelihood(X), axis=1)]
