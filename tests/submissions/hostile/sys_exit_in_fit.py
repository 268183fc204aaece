"""Hostile: calls sys.exit(0) inside fit."""
import sys


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k = k

    def fit(self, X):
        sys.exit(0)

    def predict(self, X):
        sys.exit(0)
