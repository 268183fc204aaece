"""Correct, loop style: explicit Python loops over samples and features; cost appended before the update."""
import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X, y):
        n, d = len(X), len(X[0])
        w = [0.0] * d
        b = 0.0
        self.cost_history = []
        for _ in range(self.n_iterations):
            grad_w = [0.0] * d
            grad_b = 0.0
            cost = 0.0
            for i in range(n):
                pred = b
                for j in range(d):
                    pred += w[j] * X[i][j]
                err = pred - y[i]
                cost += err * err
                for j in range(d):
                    grad_w[j] += err * X[i][j]
                grad_b += err
            self.cost_history.append(cost / (2 * n))
            for j in range(d):
                w[j] -= self.learning_rate * grad_w[j] / n
            b -= self.learning_rate * grad_b / n
        self.weights = np.array(w)
        self.bias = b
        return self

    def predict(self, X):
        return np.array([sum(wj * xj for wj, xj in zip(self.weights, row)) + self.bias for row in X])

    def score(self, X, y):
        pred = self.predict(X)
        mean = sum(y) / len(y)
        ss_res = sum((yi - pi) ** 2 for yi, pi in zip(y, pred))
        ss_tot = sum((yi - mean) ** 2 for yi in y)
        return 1 - ss_res / ss_tot
