"""Right: full-batch subgradient descent with a Python loop over the samples in each iteration."""
import numpy as np


class LinearSVM:
    def __init__(self, C=1.0, learning_rate=0.01, n_iterations=1000):
        self.C = C
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.w = None
        self.b = 0.0

    def fit(self, X, y):
        self.classes = sorted(set(y.tolist()))
        n, d = X.shape
        t = [1.0 if label == self.classes[1] else -1.0 for label in y.tolist()]
        self.w = np.zeros(d)
        self.b = 0.0
        for _ in range(self.n_iterations):
            grad_w = self.w.copy()
            grad_b = 0.0
            for i in range(n):
                if t[i] * (np.dot(self.w, X[i]) + self.b) < 1:
                    grad_w -= self.C * t[i] * X[i]
                    grad_b -= self.C * t[i]
            self.w = self.w - self.learning_rate * grad_w
            self.b = self.b - self.learning_rate * grad_b
        return self

    def decision_function(self, X):
        return np.array([np.dot(self.w, x) + self.b for x in X])

    def predict(self, X):
        return np.array([self.classes[1] if s > 0 else self.classes[0] for s in self.decision_function(X)])

    def objective(self, X, y):
        total = 0.5 * float(np.dot(self.w, self.w))
        for x, label in zip(X, y.tolist()):
            t = 1.0 if label == self.classes[1] else -1.0
            total += self.C * max(0.0, 1.0 - t * (np.dot(self.w, x) + self.b))
        return total
