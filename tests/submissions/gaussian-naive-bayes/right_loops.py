"""Right, loop style: dictionaries per class, math.log, a loop over samples and classes, log-sum-exp by hand."""
import math

import numpy as np


class GaussianNB:
    def __init__(self, var_smoothing=1e-9):
        self.var_smoothing = var_smoothing

    def fit(self, X, y):
        self.classes_ = np.array(sorted(set(y.tolist())))
        n, d = X.shape
        epsilon = self.var_smoothing * max(np.var(X[:, j]) for j in range(d))
        self.theta_ = np.zeros((len(self.classes_), d))
        self.var_ = np.zeros((len(self.classes_), d))
        self.priors = []
        for i, c in enumerate(self.classes_):
            rows = X[y == c]
            self.theta_[i] = rows.mean(axis=0)
            self.var_[i] = rows.var(axis=0) + epsilon
            self.priors.append(len(rows) / n)
        return self

    def _log_posteriors(self, x):
        scores = []
        for i in range(len(self.classes_)):
            s = math.log(self.priors[i])
            for j in range(len(x)):
                v = self.var_[i, j]
                s += -0.5 * math.log(2 * math.pi * v) - (x[j] - self.theta_[i, j]) ** 2 / (2 * v)
            scores.append(s)
        top = max(scores)
        log_total = top + math.log(sum(math.exp(s - top) for s in scores))
        return [s - log_total for s in scores]

    def predict_proba(self, X):
        return np.array([[math.exp(s) for s in self._log_posteriors(x)] for x in X])

    def predict(self, X):
        return np.array([self.classes_[int(np.argmax(self._log_posteriors(x)))] for x in X])
