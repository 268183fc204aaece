"""Correct, loop style: squared distances (no sqrt) in plain Python, sorted(), a dict vote; ties go to the
smallest label."""
import numpy as np


class KNN:
    def __init__(self, k=3):
        self.k = k

    def fit(self, X, y):
        self.X_train = X.tolist()
        self.y_train = list(y)
        return self

    def predict(self, X):
        out = []
        for q in X.tolist():
            d = []
            for x, label in zip(self.X_train, self.y_train):
                d.append((sum((a - b) ** 2 for a, b in zip(q, x)), label))
            d = sorted(d, key=lambda t: t[0])[: self.k]
            votes = {}
            for _, label in d:
                votes[label] = votes.get(label, 0) + 1
            best = max(votes.values())
            out.append(min(label for label, v in votes.items() if v == best))
        return np.array(out)
