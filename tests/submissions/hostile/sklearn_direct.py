"""Hostile: delegates to scikit-learn, imported directly."""
from sklearn.cluster import KMeans as _SkKMeans


class KMeans(_SkKMeans):
    def __init__(self, k=3, max_iters=100, random_state=42):
        super().__init__(n_clusters=k, max_iter=max_iters, random_state=random_state)
