"""Wrong: np.argpartition(d, k) — index k does not exist when k equals the number of training points."""
import numpy as np
class KNN:
    def __init__(self, k=3):
        self.k = k
    def fit(self, X, y):
        self.X, self.y = X, y
        return self
    def predict(self, X):
        d = ((X[:, None, :] - self.X[None]) ** 2).sum(-1)
        idx = np.argpartition(d, self.k, axis=1)[:, :self.k]
        out = []
        for row in self.y[idx]:
            vals, counts = np.unique(row, return_counts=True)
            out.append(vals[np.argmax(counts)])
        return np.array(out)
