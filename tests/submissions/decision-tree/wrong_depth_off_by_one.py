"""Wrong: the depth test is off by one (depth > max_depth), so the tree grows one level too deep."""
import numpy as np


class Node:
    def __init__(self, value, feature=None, threshold=None, left=None, right=None):
        self.value = value
        self.feature = feature
        self.threshold = threshold
        self.left = left
        self.right = right


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.criterion = criterion

    def _impurity(self, y):
        _, counts = np.unique(y, return_counts=True)
        p = counts / len(y)
        if self.criterion == "gini":
            return 1 - np.sum(p ** 2)
        return -np.sum(p * np.log2(p))

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.root = self._build(np.asarray(X, dtype=float), np.asarray(y), 0)
        return self

    def _build(self, X, y, depth):
        value = np.array([np.mean(y == c) for c in self.classes_])
        if self.max_depth is not None and depth > self.max_depth:
            return Node(value)
        if len(y) < self.min_samples_split or len(np.unique(y)) == 1:
            return Node(value)
        parent = self._impurity(y)
        best_gain, best = 0.0, None
        for j in reversed(range(X.shape[1])):
            values = np.unique(X[:, j])
            for t in (values[:-1] + values[1:]) / 2:
                mask = X[:, j] <= t
                n_l, n_r = mask.sum(), (~mask).sum()
                child = (n_l * self._impurity(y[mask]) + n_r * self._impurity(y[~mask])) / len(y)
                gain = parent - child
                if gain > 0 and gain >= best_gain:
                    best_gain, best = gain, (j, t)
        if best is None:
            return Node(value)
        j, t = best
        mask = X[:, j] <= t
        return Node(value, j, t, self._build(X[mask], y[mask], depth + 1), self._build(X[~mask], y[~mask], depth + 1))

    def _leaf(self, x):
        node = self.root
        while node.feature is not None:
            node = node.left if x[node.feature] <= node.threshold else node.right
        return node.value

    def predict_proba(self, X):
        return np.array([self._leaf(x) for x in X])

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
