"""Right: a Python loop over the samples inside each iteration (NumPy only within one sample); stable softmax."""
import math

import numpy as np


class SoftmaxRegression:
    def __init__(self, learning_rate=0.1, n_iterations=500):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X, y):
        n, d = X.shape
        K = int(max(y)) + 1
        self.weights = np.zeros((d, K))
        self.bias = np.zeros(K)
        self.cost_history = []
        for _ in range(self.n_iterations):
            dW = np.zeros((d, K))
            db = np.zeros(K)
            cost = 0.0
            for x, label in zip(X, y):
                z = x @ self.weights + self.bias
                top = z.max()
                e = np.exp(z - top)
                total = e.sum()
                cost += top + math.log(total) - z[label]
                err = e / total
                err[label] -= 1.0
                db += err
                dW += np.outer(x, err)
            self.cost_history.append(cost / n)
            self.weights -= self.learning_rate * dW / n
            self.bias -= self.learning_rate * db / n
        return self

    def predict_proba(self, X):
        rows = []
        for x in X:
            z = x @ self.weights + self.bias
            e = np.exp(z - z.max())
            rows.append(e / e.sum())
        return np.array(rows)

    def predict(self, X):
        return np.array([int(np.argmax(p)) for p in self.predict_proba(X)])
