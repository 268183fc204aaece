"""A one-hidden-layer ReLU network with softmax cross-entropy, backprop by hand, full-batch gradient descent —
the reference."""

from __future__ import annotations

import numpy as np


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Row-wise log softmax via log-sum-exp with the row maximum subtracted."""
    shifted = Z - Z.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


class MLP:
    """X → A = X·W1 + b1 → H = relu(A) → Z = H·W2 + b2 → mean softmax cross-entropy."""

    def __init__(self, n_in: int, n_hidden: int, n_out: int, seed: int = 0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.standard_normal((n_in, n_hidden)) * np.sqrt(2.0 / n_in)  # He: keeps ReLU activations in scale
        self.b1 = np.zeros(n_hidden)
        self.W2 = rng.standard_normal((n_hidden, n_out)) * np.sqrt(1.0 / n_hidden)
        self.b2 = np.zeros(n_out)

    def _forward(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        A = X @ self.W1 + self.b1
        H = np.maximum(A, 0.0)
        return A, H, H @ self.W2 + self.b2

    def forward(self, X: np.ndarray) -> np.ndarray:
        """The logits, shape (n, n_out)."""
        return self._forward(X)[2]

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        """Mean softmax cross-entropy."""
        return float(-log_softmax(self.forward(X))[np.arange(len(y)), y].mean())

    def gradients(self, X: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
        """Backprop: the gradient of the mean loss with respect to W1, b1, W2, b2."""
        n = len(y)
        A, H, Z = self._forward(X)
        dZ = np.exp(log_softmax(Z))
        dZ[np.arange(n), y] -= 1.0
        dZ /= n
        dA = (dZ @ self.W2.T) * (A > 0)  # the ReLU passes gradient only where its input was positive
        return {"W1": X.T @ dA, "b1": dA.sum(axis=0), "W2": H.T @ dZ, "b2": dZ.sum(axis=0)}

    def fit(self, X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 100) -> MLP:
        """`epochs` full-batch gradient steps from the current weights."""
        for _ in range(epochs):
            grads = self.gradients(X, y)
            self.W1 = self.W1 - lr * grads["W1"]
            self.b1 = self.b1 - lr * grads["b1"]
            self.W2 = self.W2 - lr * grads["W2"]
            self.b2 = self.b2 - lr * grads["b2"]
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Class ids, shape (m,)."""
        return np.argmax(self.forward(X), axis=1)
