"""Gradient boosting for squared loss: depth-limited regression trees fitted to the residuals — the reference."""

from __future__ import annotations

import numpy as np


def best_split(X: np.ndarray, r: np.ndarray) -> tuple[int, float, float] | None:
    """(feature, threshold, decrease of the sum of squared errors) of the best split of one node, or None.

    Each feature is sorted once; prefix sums of r and r² give the SSE of both sides of every cut at once:
    SSE = Σ r² − (Σ r)² / n on each side.
    """
    n = len(X)
    order = np.argsort(X, axis=0, kind="stable")  # (n, d)
    xs = np.take_along_axis(X, order, axis=0)
    rs = r[order]
    s1, s2 = np.cumsum(rs, axis=0)[:-1], np.cumsum(rs**2, axis=0)[:-1]  # sums over the left side of each cut
    t1, t2 = r.sum(), (r**2).sum()
    n_left = np.arange(1, n)[:, None]
    sse = (s2 - s1**2 / n_left) + ((t2 - s2) - (t1 - s1) ** 2 / (n - n_left))
    sse = np.where(xs[1:] > xs[:-1], sse, np.inf)  # a cut only between two distinct values
    i, j = np.unravel_index(np.argmin(sse), sse.shape)
    if not np.isfinite(sse[i, j]):
        return None
    return int(j), float((xs[i, j] + xs[i + 1, j]) / 2), float(t2 - t1**2 / n - sse[i, j])


class RegressionTree:
    """A least-squares regression tree of limited depth; each leaf predicts the mean target of its rows."""

    def __init__(self, max_depth: int):
        self.max_depth = max_depth

    def fit(self, X: np.ndarray, r: np.ndarray) -> RegressionTree:
        self.feature: list[int] = []
        self.threshold: list[float] = []
        self.children: list[tuple[int, int]] = []
        self.value: list[float] = []
        self._grow(X, r, 0)
        # frozen into arrays: predict sends all rows down together, one level per step
        self.arrays = (np.array(self.feature), np.array(self.threshold), np.array(self.children),
                       np.array(self.value))
        return self

    def _grow(self, X: np.ndarray, r: np.ndarray, depth: int) -> int:
        node = len(self.value)
        self.feature.append(-1)
        self.threshold.append(0.0)
        self.children.append((-1, -1))
        self.value.append(float(r.mean()))
        split = best_split(X, r) if depth < self.max_depth and len(r) >= 2 else None
        if split is None or split[2] <= 0:
            return node
        j, t, _ = split
        left = X[:, j] <= t
        self.feature[node], self.threshold[node] = j, t
        self.children[node] = (self._grow(X[left], r[left], depth + 1), self._grow(X[~left], r[~left], depth + 1))
        return node

    def predict(self, X: np.ndarray) -> np.ndarray:
        feature, threshold, children, value = self.arrays
        node = np.zeros(len(X), dtype=np.intp)
        while (inner := feature[node] >= 0).any():
            rows = np.flatnonzero(inner)
            at = node[rows]
            node[rows] = children[at, (X[rows, feature[at]] > threshold[at]).astype(np.intp)]
        return value[node]


class GradientBoostingRegressor:
    """F_0 = mean(y); F_m = F_(m−1) + learning_rate · h_m, with h_m a tree fitted to the residuals y − F_(m−1)."""

    def __init__(self, n_estimators: int = 100, learning_rate: float = 0.1, max_depth: int = 1):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth

    def fit(self, X: np.ndarray, y: np.ndarray) -> GradientBoostingRegressor:
        """Fit n_estimators trees in turn; train_loss_[m] is the training MSE after stage m + 1."""
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        self.init_ = float(y.mean())
        self.trees_: list[RegressionTree] = []
        self.train_loss_: list[float] = []
        F = np.full(len(y), self.init_)
        for _ in range(self.n_estimators):
            tree = RegressionTree(self.max_depth).fit(X, y - F)  # the residuals: minus the gradient of ½(y − F)²
            F = F + self.learning_rate * tree.predict(X)
            self.trees_.append(tree)
            self.train_loss_.append(float(np.mean((y - F) ** 2)))
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """F_0 + learning_rate · Σ_m h_m(X), shape (m,)."""
        X = np.asarray(X, dtype=float)
        F = np.full(len(X), self.init_)
        for tree in self.trees_:
            F += self.learning_rate * tree.predict(X)
        return F
