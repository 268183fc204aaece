"""Wrong: every tree is fitted to y itself instead of the current residuals."""
import numpy as np


def sse(r):
    return np.sum((r - np.mean(r)) ** 2) if len(r) else 0.0


def build_tree(X, r, depth, max_depth):
    node = {"value": np.mean(r)}
    if depth >= max_depth or len(r) < 2:
        return node
    best_score, best = sse(r), None
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            score = sse(r[left]) + sse(r[~left])
            if score < sse(r) and (best is None or score <= best_score):
                best_score, best = score, (j, t)
    if best is None:
        return node
    j, t = best
    left = X[:, j] <= t
    node["feature"], node["threshold"] = j, t
    node["left"] = build_tree(X[left], r[left], depth + 1, max_depth)
    node["right"] = build_tree(X[~left], r[~left], depth + 1, max_depth)
    return node


def predict_tree(node, x):
    while "feature" in node:
        node = node["left"] if x[node["feature"]] <= node["threshold"] else node["right"]
    return node["value"]


class GradientBoostingRegressor:
    def __init__(self, n_estimators=100, learning_rate=0.1, max_depth=1):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth

    def fit(self, X, y):
        self.f0 = np.mean(y)
        self.trees = []
        self.train_loss_ = []
        F = np.full(len(y), self.f0)
        for _ in range(self.n_estimators):
            residuals = y - F
            tree = build_tree(X, y, 0, self.max_depth)
            self.trees.append(tree)
            F = F + self.learning_rate * np.array([predict_tree(tree, x) for x in X])
            self.train_loss_.append(np.mean((y - F) ** 2))
        return self

    def predict(self, X):
        out = []
        for x in X:
            out.append(self.f0 + self.learning_rate * sum(predict_tree(tree, x) for tree in self.trees))
        return np.array(out)
