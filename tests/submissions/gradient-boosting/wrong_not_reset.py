"""Wrong: the list of trees and train_loss_ are created in __init__, so a second fit adds to the first one's."""
import numpy as np


def fit_stump_or_tree(X, r, depth, max_depth):
    node = {"value": r.mean()}
    if depth >= max_depth or len(r) < 2:
        return node
    best = None
    total = ((r - r.mean()) ** 2).sum()
    for j in range(X.shape[1]):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            left = X[:, j] <= t
            score = ((r[left] - r[left].mean()) ** 2).sum() + ((r[~left] - r[~left].mean()) ** 2).sum()
            if score < total and (best is None or score < best[0]):
                best = (score, j, t)
    if best is None:
        return node
    _, j, t = best
    left = X[:, j] <= t
    node.update(feature=j, threshold=t, left=fit_stump_or_tree(X[left], r[left], depth + 1, max_depth),
                right=fit_stump_or_tree(X[~left], r[~left], depth + 1, max_depth))
    return node


def evaluate(node, X):
    if "feature" not in node:
        return np.full(len(X), node["value"])
    left = X[:, node["feature"]] <= node["threshold"]
    out = np.empty(len(X))
    out[left] = evaluate(node["left"], X[left])
    out[~left] = evaluate(node["right"], X[~left])
    return out


class GradientBoostingRegressor:
    def __init__(self, n_estimators=100, learning_rate=0.1, max_depth=1):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.trees = []
        self.train_loss_ = []

    def fit(self, X, y):
        self.init = y.mean()
        F = np.full(len(y), self.init)
        for _ in range(self.n_estimators):
            tree = fit_stump_or_tree(X, y - F, 0, self.max_depth)
            F = F + self.learning_rate * evaluate(tree, X)
            self.trees.append(tree)
            self.train_loss_.append(np.mean((y - F) ** 2))
        return self

    def predict(self, X):
        return self.init + self.learning_rate * sum(evaluate(tree, X) for tree in self.trees)
