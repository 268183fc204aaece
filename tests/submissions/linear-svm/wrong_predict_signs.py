"""Wrong: predict returns the internal ±1 signs instead of the labels fit was given."""
import numpy as np


class LinearSVM:
    def __init__(self, C=1.0, learning_rate=0.01, n_iterations=1000):
        self.C = C
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.w = None
        self.b = 0.0

    def _targets(self, y):
        return np.where(y == self.classes[1], 1.0, -1.0)

    def fit(self, X, y):
        self.classes = np.unique(y)
        t = self._targets(y)
        n, d = X.shape
        self.w = np.zeros(d)
        self.b = 0.0
        for _ in range(self.n_iterations):
            margins = t * (X @ self.w + self.b)
            idx = margins < 1
            dw = self.w - self.C * X[idx].T @ t[idx]
            db = -self.C * np.sum(t[idx])
            self.w -= self.learning_rate * dw
            self.b -= self.learning_rate * db
        return self

    def decision_function(self, X):
        return X @ self.w + self.b

    def predict(self, X):
        return np.sign(self.decision_function(X))

    def objective(self, X, y):
        t = self._targets(y)
        hinge = np.maximum(0, 1 - t * self.decision_function(X))
        return 0.5 * np.dot(self.w, self.w) + self.C * np.sum(hinge)
