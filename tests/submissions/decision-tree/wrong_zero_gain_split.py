"""Wrong: candidate thresholds are midpoints of consecutive SORTED values (duplicates included), so a repeated
value gives a threshold with an empty side, and the best split is taken even when it lowers nothing: on rows
that are identical but differently labelled, the tree splits off nothing, forever."""
import numpy as np


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.criterion = criterion

    def _impurity(self, y):
        if len(y) == 0:
            return 0.0
        _, counts = np.unique(y, return_counts=True)
        p = counts / len(y)
        if self.criterion == "gini":
            return 1 - np.sum(p ** 2)
        return -np.sum(p * np.log2(p))

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.tree = self._build(np.asarray(X, dtype=float), np.asarray(y), 0)
        return self

    def _build(self, X, y, depth):
        proba = np.array([np.mean(y == c) for c in self.classes_])
        if (self.max_depth is not None and depth >= self.max_depth) or len(y) < self.min_samples_split \
                or len(np.unique(y)) == 1:
            return {"proba": proba}
        parent = self._impurity(y)
        best_gain, best = -np.inf, None
        for j in range(X.shape[1]):
            xs = np.sort(X[:, j])
            for t in (xs[:-1] + xs[1:]) / 2:
                mask = X[:, j] <= t
                child = (mask.sum() * self._impurity(y[mask]) + (~mask).sum() * self._impurity(y[~mask])) / len(y)
                if parent - child > best_gain:
                    best_gain, best = parent - child, (j, t)
        j, t = best
        mask = X[:, j] <= t
        return {"feature": j, "threshold": t, "left": self._build(X[mask], y[mask], depth + 1),
                "right": self._build(X[~mask], y[~mask], depth + 1), "proba": proba}

    def predict_proba(self, X):
        out = []
        for x in X:
            node = self.tree
            while "feature" in node:
                node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
            out.append(node["proba"])
        return np.array(out)

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
