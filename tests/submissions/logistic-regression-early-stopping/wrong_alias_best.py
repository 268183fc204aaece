"""Wrong: saves the best weights without a copy — `-=` keeps changing them."""
import numpy as np


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -250, 250)))


class EarlyStoppingLogisticRegression:
    def __init__(self, learning_rate=0.1, max_epochs=1000, patience=10, min_delta=0.0):
        self.learning_rate, self.max_epochs = learning_rate, max_epochs
        self.patience, self.min_delta = patience, min_delta
        self.weights, self.bias = None, None
        self.val_loss_history, self.best_epoch_, self.stopped_epoch_ = [], 0, 0

    def fit(self, X, y, X_val, y_val):
        self.weights, self.bias = np.zeros(X.shape[1]), 0.0
        self.val_loss_history = []
        best, best_params, wait = np.inf, None, 0
        for epoch in range(1, self.max_epochs + 1):
            err = _sigmoid(X @ self.weights + self.bias) - y
            self.weights -= self.learning_rate * X.T @ err / len(y)
            self.bias -= self.learning_rate * err.mean()
            p = np.clip(_sigmoid(X_val @ self.weights + self.bias), 1e-15, 1 - 1e-15)
            loss = -np.mean(y_val * np.log(p) + (1 - y_val) * np.log(1 - p))
            self.val_loss_history.append(float(loss))
            if loss < best - self.min_delta:
                best, best_params, wait, self.best_epoch_ = loss, (self.weights, self.bias), 0, epoch
            else:
                wait += 1
                if wait >= self.patience:
                    break
        self.stopped_epoch_ = epoch
        self.weights, self.bias = best_params
        return self

    def predict_proba(self, X):
        return _sigmoid(X @ self.weights + self.bias)

    def predict(self, X):
        return (self.predict_proba(X) >= 0.5).astype(int)
