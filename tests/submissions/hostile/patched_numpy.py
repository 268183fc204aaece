"""Hostile: makes NumPy's comparisons always succeed, then returns garbage."""
import builtins

import numpy as np

np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *args, **kwargs: np.ones(np.shape(a), dtype=bool)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
np.testing.assert_array_equal = lambda *a, **k: None
try:
    np.ndarray.__eq__ = lambda self, other: True  # a built-in type: refused, but try anyway
except TypeError:
    pass
builtins.all = lambda *a: True
builtins.abs = lambda x: 0


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k
        self.centroids = None
        self.labels = None

    def fit(self, X):
        self.centroids = np.full((self.k, X.shape[1]), 1e9)
        self.labels = np.zeros(len(X), dtype=int)
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
