"""Wrong: the smoothed counts are normalised per feature (over the classes) instead of per class."""
import numpy as np


class MultinomialNB:
    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        counts = np.array([X[y == c].sum(axis=0) for c in self.classes_], dtype=float)
        smoothed = counts + self.alpha
        self.feature_log_prob_ = np.log(smoothed / smoothed.sum(axis=0, keepdims=True))
        self.class_log_prior_ = np.log(np.array([np.sum(y == c) for c in self.classes_]) / len(y))
        return self

    def _jll(self, X):
        return X @ self.feature_log_prob_.T + self.class_log_prior_

    def predict_log_proba(self, X):
        jll = self._jll(X)
        m = jll.max(axis=1, keepdims=True)
        return jll - m - np.log(np.exp(jll - m).sum(axis=1, keepdims=True))

    def predict(self, X):
        return self.classes_[np.argmax(self._jll(X), axis=1)]
