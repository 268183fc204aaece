"""Hostile: allocates memory without bound inside fit."""
import numpy as np


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        blocks = []
        while True:
            blocks.append(np.ones(50_000_000))

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
