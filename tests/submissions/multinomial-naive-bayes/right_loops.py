"""Right, loop style: dictionaries of word counts per class, math.log, one document at a time."""
import math

import numpy as np


class MultinomialNB:
    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def fit(self, X, y):
        self.classes_ = sorted(set(y.tolist()))
        n, d = X.shape
        self.class_log_prior_ = np.zeros(len(self.classes_))
        self.feature_log_prob_ = np.zeros((len(self.classes_), d))
        for i, c in enumerate(self.classes_):
            docs = [X[r] for r in range(n) if y[r] == c]
            self.class_log_prior_[i] = math.log(len(docs) / n)
            word_counts = [0.0] * d
            for doc in docs:
                for j in range(d):
                    word_counts[j] += doc[j]
            total = sum(word_counts) + self.alpha * d
            for j in range(d):
                self.feature_log_prob_[i, j] = math.log((word_counts[j] + self.alpha) / total)
        return self

    def _scores(self, doc):
        return [self.class_log_prior_[i] + sum(doc[j] * self.feature_log_prob_[i, j] for j in range(len(doc)))
                for i in range(len(self.classes_))]

    def predict_log_proba(self, X):
        out = []
        for doc in X:
            scores = self._scores(doc)
            top = max(scores)
            log_z = top + math.log(sum(math.exp(s - top) for s in scores))
            out.append([s - log_z for s in scores])
        return np.array(out)

    def predict(self, X):
        return np.array([self.classes_[int(np.argmax(self._scores(doc)))] for doc in X])
