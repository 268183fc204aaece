"""Wrong: predict ignores its input and returns the predictions stored during fit."""
import numpy as np


class LinearRegression:
    def __init__(self, learning_rate=0.01, n_iterations=1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X, y):
        n, d = X.shape
        self.weights, self.bias, self.cost_history = np.zeros(d), 0.0, []
        for _ in range(self.n_iterations):
            y_pred = X @ self.weights + self.bias
            self.cost_history.append(np.sum((y_pred - y) ** 2) / (2 * n))
            self.weights -= self.learning_rate * X.T @ (y_pred - y) / n
            self.bias -= self.learning_rate * np.mean(y_pred - y)
        self.train_predictions = X @ self.weights + self.bias
        return self

    def predict(self, X):
        return self.train_predictions

    def score(self, X, y):
        p = self.predict(X)
        return 1 - np.sum((y - p) ** 2) / np.sum((y - np.mean(y)) ** 2)
