"""Hostile: an infinite loop inside fit."""
import numpy as np


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        while True:
            pass

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
