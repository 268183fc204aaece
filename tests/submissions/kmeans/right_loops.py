"""Correct, loop style: Python loops over the points, the `random` module seeded from random_state for the
initialisation, and an empty cluster re-seeded at the point farthest from its centroid."""
import random

import numpy as np


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k
        self.max_iters = max_iters
        self.random_state = random_state
        self.centroids = None
        self.labels = None

    def _closest(self, x):
        best, best_d = 0, float("inf")
        for j, c in enumerate(self.centroids):
            d = sum((a - b) ** 2 for a, b in zip(x, c))
            if d < best_d:
                best, best_d = j, d
        return best

    def fit(self, X):
        rnd = random.Random(self.random_state)
        self.centroids = [list(X[i]) for i in rnd.sample(range(len(X)), self.k)]
        labels = None
        for _ in range(self.max_iters):
            new = [self._closest(x) for x in X]
            if new == labels:
                break
            labels = new
            for j in range(self.k):
                members = [x for x, lab in zip(X, labels) if lab == j]
                if members:
                    self.centroids[j] = list(np.mean(members, axis=0))
                else:
                    far = max(range(len(X)), key=lambda i: sum((a - b) ** 2 for a, b in zip(X[i], self.centroids[labels[i]])))
                    self.centroids[j] = list(X[far])
        self.centroids = np.array(self.centroids)
        self.labels = np.array([self._closest(x) for x in X])
        return self

    def predict(self, X):
        return np.array([self._closest(x) for x in X])
