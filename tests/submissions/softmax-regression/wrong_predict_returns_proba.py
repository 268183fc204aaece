"""Wrong: predict returns the probability matrix."""
import numpy as np


def _log_softmax(Z):
    m = Z.max(axis=1, keepdims=True)
    return Z - m - np.log(np.exp(Z - m).sum(axis=1, keepdims=True))


class SoftmaxRegression:
    def __init__(self, learning_rate=0.1, n_iterations=500):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.cost_history = []

    def fit(self, X, y):
        n, d = X.shape
        K = y.max() + 1
        Y = np.zeros((n, K))
        Y[np.arange(n), y] = 1.0
        self.weights, self.bias, self.cost_history = np.zeros((d, K)), np.zeros(K), []
        for _ in range(self.n_iterations):
            P = np.exp(_log_softmax(X @ self.weights + self.bias))
            self.weights = self.weights - self.learning_rate * X.T @ (P - Y) / n
            self.bias = self.bias - self.learning_rate * (P - Y).mean(axis=0)
            self.cost_history.append(-(Y * _log_softmax(X @ self.weights + self.bias)).sum() / n)
        return self

    def predict_proba(self, X):
        return np.exp(_log_softmax(X @ self.weights + self.bias))

    def predict(self, X):
        return self.predict_proba(X)
