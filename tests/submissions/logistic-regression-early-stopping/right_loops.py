"""Correct, loop style: per-sample Python loops; the loss clipped with eps; in-place updates with copies kept."""
import math

import numpy as np


class EarlyStoppingLogisticRegression:
    def __init__(self, learning_rate=0.1, max_epochs=1000, patience=10, min_delta=0.0):
        self.learning_rate = learning_rate
        self.max_epochs = max_epochs
        self.patience = patience
        self.min_delta = min_delta
        self.weights = None
        self.bias = None
        self.val_loss_history = []
        self.best_epoch_ = 0
        self.stopped_epoch_ = 0

    @staticmethod
    def _p(w, b, row):
        z = b + sum(wi * xi for wi, xi in zip(w, row))
        z = max(-500.0, min(500.0, z))
        return 1.0 / (1.0 + math.exp(-z))

    def fit(self, X, y, X_val, y_val):
        n, d = len(X), len(X[0])
        w = np.zeros(d)
        b = 0.0
        best_loss = float("inf")
        best_w, best_b = w.copy(), b
        self.val_loss_history = []
        self.best_epoch_ = 0
        bad_epochs = 0
        for epoch in range(1, self.max_epochs + 1):
            grad_w = [0.0] * d
            grad_b = 0.0
            for i in range(n):
                err = self._p(w, b, X[i]) - y[i]
                for j in range(d):
                    grad_w[j] += err * X[i][j]
                grad_b += err
            for j in range(d):
                w[j] -= self.learning_rate * grad_w[j] / n
            b -= self.learning_rate * grad_b / n
            loss = 0.0
            for row, t in zip(X_val, y_val):
                p = self._p(w, b, row)
                loss -= t * math.log(p + 1e-15) + (1 - t) * math.log(1 - p + 1e-15)
            loss /= len(y_val)
            self.val_loss_history.append(loss)
            if loss < best_loss - self.min_delta:
                best_loss = loss
                best_w, best_b = w.copy(), b
                self.best_epoch_ = epoch
                bad_epochs = 0
            else:
                bad_epochs += 1
                if bad_epochs == self.patience:
                    break
        self.stopped_epoch_ = len(self.val_loss_history)
        self.weights, self.bias = best_w, best_b
        return self

    def predict_proba(self, X):
        return np.array([self._p(self.weights, self.bias, row) for row in X])

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
