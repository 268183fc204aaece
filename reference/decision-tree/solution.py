"""A CART classification tree (Gini or entropy), grown greedily with vectorised split search — the reference."""

from __future__ import annotations

import numpy as np


def impurity(counts: np.ndarray, criterion: str) -> np.ndarray:
    """Gini 1 − Σ p² or entropy −Σ p·ln p of class counts (..., K), with 0·log 0 = 0; empty rows score 0."""
    n = counts.sum(axis=-1, keepdims=True)
    p = counts / np.maximum(n, 1)
    if criterion == "gini":
        return 1.0 - (p**2).sum(axis=-1)
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -(p * log_p).sum(axis=-1)


def best_split(X: np.ndarray, Y: np.ndarray, criterion: str) -> tuple[int, float, float] | None:
    """(feature, threshold, impurity decrease) of the best split of one node, or None when no threshold exists.

    Every feature is sorted once; cumulative one-hot counts give the class counts left of every cut, so the
    weighted child impurity of all (n − 1)·d candidate splits comes out of a few array operations.
    """
    n = len(X)
    order = np.argsort(X, axis=0, kind="stable")  # (n, d)
    xs = np.take_along_axis(X, order, axis=0)
    left = np.cumsum(Y[order], axis=0)[:-1]  # (n − 1, d, K): counts of the first i + 1 sorted samples
    total = Y.sum(axis=0)
    n_left = np.arange(1, n)[:, None]
    child = (n_left * impurity(left, criterion) + (n - n_left) * impurity(total - left, criterion)) / n
    child = np.where(xs[1:] > xs[:-1], child, np.inf)  # a cut only between two distinct values
    i, j = np.unravel_index(np.argmin(child), child.shape)
    if not np.isfinite(child[i, j]):
        return None  # every feature is constant on this node
    threshold = (xs[i, j] + xs[i + 1, j]) / 2
    return int(j), float(threshold), float(impurity(total, criterion) - child[i, j])


class DecisionTreeClassifier:
    """Binary tree: an internal node sends x left when x[feature] <= threshold; a leaf holds class frequencies."""

    def __init__(self, max_depth: int | None = None, min_samples_split: int = 2, criterion: str = "gini"):
        if criterion not in ("gini", "entropy"):
            raise ValueError(f"criterion must be 'gini' or 'entropy', not {criterion!r}")
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.criterion = criterion

    def fit(self, X: np.ndarray, y: np.ndarray) -> DecisionTreeClassifier:
        """Grow the tree on X (n, d) and labels y (n,) of any sortable kind."""
        X = np.asarray(X, dtype=float)
        self.classes_, codes = np.unique(np.asarray(y), return_inverse=True)
        Y = np.eye(len(self.classes_))[codes.ravel()]  # one-hot, (n, K)
        # the tree as parallel lists: feature −1 marks a leaf; value is the leaf's class frequencies
        self.feature_: list[int] = []
        self.threshold_: list[float] = []
        self.left_: list[int] = []
        self.right_: list[int] = []
        self.value_: list[np.ndarray] = []
        self._grow(X, Y, depth=0)
        return self

    def _grow(self, X: np.ndarray, Y: np.ndarray, depth: int) -> int:
        node = len(self.feature_)
        counts = Y.sum(axis=0)
        for column in (self.feature_, self.threshold_, self.left_, self.right_):
            column.append(-1)  # type: ignore[arg-type]
        self.value_.append(counts / counts.sum())
        if (self.max_depth is not None and depth >= self.max_depth) or len(X) < self.min_samples_split:
            return node
        if np.count_nonzero(counts) == 1:
            return node  # pure
        split = best_split(X, Y, self.criterion)
        if split is None or split[2] <= 0:
            return node  # no threshold, or no split lowers the impurity
        feature, threshold, _ = split
        goes_left = X[:, feature] <= threshold
        self.feature_[node], self.threshold_[node] = feature, threshold
        self.left_[node] = self._grow(X[goes_left], Y[goes_left], depth + 1)
        self.right_[node] = self._grow(X[~goes_left], Y[~goes_left], depth + 1)
        return node

    def _leaves(self, X: np.ndarray) -> np.ndarray:
        """The leaf each row of X lands in: all rows descend together, one level per step."""
        X = np.asarray(X, dtype=float)
        feature, threshold = np.array(self.feature_), np.array(self.threshold_)
        left, right = np.array(self.left_), np.array(self.right_)
        node = np.zeros(len(X), dtype=np.intp)
        inner = feature[node] >= 0
        while inner.any():
            rows = np.flatnonzero(inner)
            at = node[rows]
            go_left = X[rows, feature[at]] <= threshold[at]
            node[rows] = np.where(go_left, left[at], right[at])
            inner = feature[node] >= 0
        return node

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class frequencies of each row's leaf, shape (m, K), columns in the order of self.classes_ (sorted)."""
        return np.array(self.value_)[self._leaves(X)]

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most frequent class of each row's leaf, shape (m,), labels of the kind given to fit."""
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
