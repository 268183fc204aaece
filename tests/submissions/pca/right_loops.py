"""Right, loop style: the covariance summed sample by sample, eigh, then sorted; transforms row by row."""
import numpy as np


class PCA:
    def __init__(self, n_components):
        self.n_components = n_components

    def fit(self, X):
        n, d = X.shape
        mean = np.zeros(d)
        for row in X:
            mean += row
        mean /= n
        cov = np.zeros((d, d))
        for row in X:
            diff = row - mean
            cov += np.outer(diff, diff)
        cov /= n - 1
        eigenvalues, eigenvectors = np.linalg.eigh(cov)
        pairs = sorted(zip(eigenvalues, eigenvectors.T), key=lambda p: p[0], reverse=True)
        self.mean_ = mean
        self.components_ = np.array([vec for _, vec in pairs[: self.n_components]])
        self.explained_variance_ = np.array([val for val, _ in pairs[: self.n_components]])
        total = sum(val for val, _ in pairs)
        self.explained_variance_ratio_ = self.explained_variance_ / total
        return self

    def transform(self, X):
        out = np.zeros((len(X), self.n_components))
        for i, row in enumerate(X):
            for j, comp in enumerate(self.components_):
                out[i, j] = np.dot(row - self.mean_, comp)
        return out

    def inverse_transform(self, Z):
        out = np.zeros((len(Z), len(self.mean_)))
        for i, z in enumerate(Z):
            out[i] = self.mean_.copy()
            for j, comp in enumerate(self.components_):
                out[i] += z[j] * comp
        return out

    def fit_transform(self, X):
        self.fit(X)
        return self.transform(X)
