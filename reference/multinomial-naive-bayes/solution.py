"""Multinomial naive Bayes for count data (bag of words), with additive smoothing — the reference."""

from __future__ import annotations

import numpy as np


class MultinomialNB:
    """P(c | x) ∝ P(c) · Π_j θ_cj^x_j, θ_cj = (N_cj + α) / (N_c + α·d), scored and normalised in log space."""

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha
        self.classes_: np.ndarray | None = None
        self.feature_log_prob_: np.ndarray | None = None
        self.class_log_prior_: np.ndarray | None = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> MultinomialNB:
        """Count each word per class (N_cj), smooth, normalise each class's row; priors from class frequencies."""
        X = np.asarray(X, dtype=float)
        self.classes_, codes = np.unique(np.asarray(y), return_inverse=True)
        onehot = np.eye(len(self.classes_))[codes]  # (n, K)
        smoothed = onehot.T @ X + self.alpha  # N_cj + α, shape (K, d)
        # each ROW (class) is a distribution over the d features: N_c + α·d in the denominator
        self.feature_log_prob_ = np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True))
        class_count = onehot.sum(axis=0)
        self.class_log_prior_ = np.log(class_count) - np.log(class_count.sum())
        return self

    def _joint_log_likelihood(self, X: np.ndarray) -> np.ndarray:
        """log P(c) + Σ_j x_j · log θ_cj for every row and class, shape (m, K)."""
        if self.feature_log_prob_ is None or self.class_log_prior_ is None:
            raise RuntimeError("call fit first")
        return np.asarray(X, dtype=float) @ self.feature_log_prob_.T + self.class_log_prior_

    def predict_log_proba(self, X: np.ndarray) -> np.ndarray:
        """log P(c | x), shape (m, K): the joint log-likelihood minus its log-sum-exp over the classes (stable)."""
        jll = self._joint_log_likelihood(X)
        top = jll.max(axis=1, keepdims=True)
        return jll - (top + np.log(np.exp(jll - top).sum(axis=1, keepdims=True)))

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row, as a label, shape (m,)."""
        if self.classes_ is None:
            raise RuntimeError("call fit before predict")
        return self.classes_[np.argmax(self._joint_log_likelihood(X), axis=1)]
