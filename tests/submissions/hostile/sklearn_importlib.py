"""Hostile: imports scikit-learn at run time through importlib, with a name the source never spells out."""
import importlib

import numpy as np


class KMeans:
    def __init__(self, k=3, max_iters=100, random_state=42):
        self.k, self.max_iters, self.random_state = k, max_iters, random_state

    def fit(self, X):
        cluster = importlib.import_module("sk" + "learn.cluster")
        model = cluster.KMeans(n_clusters=self.k, random_state=self.random_state).fit(X)
        self.centroids, self.labels = model.cluster_centers_, model.labels_
        return self

    def predict(self, X):
        return np.zeros(len(X), dtype=int)
