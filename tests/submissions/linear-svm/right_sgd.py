"""Right: stochastic subgradient descent — one sample at a time, in a seeded random order each epoch (the
regulariser's gradient is shared out as w/n per sample)."""
import numpy as np


class LinearSVM:
    def __init__(self, C=1.0, learning_rate=0.01, n_iterations=1000):
        self.C = C
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        t = np.where(y == self.classes_[1], 1, -1)
        n, d = X.shape
        rng = np.random.default_rng(0)
        self.w, self.b = np.zeros(d), 0.0
        for _ in range(self.n_iterations):
            for i in rng.permutation(n):
                if t[i] * (X[i] @ self.w + self.b) < 1:
                    self.w -= self.learning_rate * (self.w / n - self.C * t[i] * X[i])
                    self.b += self.learning_rate * self.C * t[i]
                else:
                    self.w -= self.learning_rate * self.w / n
        return self

    def decision_function(self, X):
        return X @ self.w + self.b

    def predict(self, X):
        return np.where(self.decision_function(X) > 0, self.classes_[1], self.classes_[0])

    def objective(self, X, y):
        t = np.where(y == self.classes_[1], 1, -1)
        return 0.5 * self.w @ self.w + self.C * np.maximum(0, 1 - t * self.decision_function(X)).sum()
