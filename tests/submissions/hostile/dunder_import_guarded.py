"""Hostile: reaches for SciPy through __import__ and swallows the ImportError, hoping nobody notices."""
import numpy as np

try:
    spatial = __import__("sci" + "py.spatial", fromlist=["distance"])
except ImportError:
    spatial = None


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        self.centroids = X[: self.k].astype(float)
        self.labels = np.zeros(len(X), dtype=int)
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
