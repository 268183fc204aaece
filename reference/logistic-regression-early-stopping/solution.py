"""Logistic regression by gradient descent with early stopping on a validation loss — the reference solution."""

from __future__ import annotations

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """1 / (1 + e^(−z)), computed without overflow for any z."""
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def log_loss(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> float:
    """Mean log-loss, as log(1 + e^z) − y·z: finite even when a probability rounds to 0 or 1."""
    z = X @ weights + bias
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


class EarlyStoppingLogisticRegression:
    """Full-batch gradient descent on the mean log-loss that stops once the validation loss has not improved
    for `patience` epochs, and keeps the weights of the best epoch."""

    def __init__(self, learning_rate: float = 0.1, max_epochs: int = 1000, patience: int = 10,
                 min_delta: float = 0.0):
        self.learning_rate = learning_rate
        self.max_epochs = max_epochs
        self.patience = patience
        self.min_delta = min_delta
        self.weights: np.ndarray | None = None
        self.bias: float | None = None
        self.val_loss_history: list[float] = []
        self.best_epoch_ = 0
        self.stopped_epoch_ = 0

    def fit(self, X: np.ndarray, y: np.ndarray, X_val: np.ndarray, y_val: np.ndarray
            ) -> EarlyStoppingLogisticRegression:
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        X_val, y_val = np.asarray(X_val, dtype=float), np.asarray(y_val, dtype=float)
        n, d = X.shape
        w, b = np.zeros(d), 0.0
        best_w, best_b, best_loss = w.copy(), b, np.inf
        self.val_loss_history = []
        self.best_epoch_ = 0
        epochs_without_improvement = 0
        for epoch in range(1, self.max_epochs + 1):
            error = sigmoid(X @ w + b) - y
            w = w - self.learning_rate * (X.T @ error) / n  # a new array: best_w never aliases w
            b = b - self.learning_rate * float(error.mean())
            val_loss = log_loss(X_val, y_val, w, b)
            self.val_loss_history.append(val_loss)
            if val_loss < best_loss - self.min_delta:
                best_w, best_b, best_loss = w, b, val_loss
                self.best_epoch_ = epoch
                epochs_without_improvement = 0
            else:
                epochs_without_improvement += 1
                if epochs_without_improvement >= self.patience:
                    break
        self.stopped_epoch_ = len(self.val_loss_history)
        self.weights, self.bias = best_w, best_b
        return self

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        if self.weights is None:
            raise RuntimeError("call fit before predict_proba")
        return sigmoid(np.asarray(X, dtype=float) @ self.weights + self.bias)

    def predict(self, X: np.ndarray) -> np.ndarray:
        return (self.predict_proba(X) >= 0.5).astype(int)
