"""Wrong: fit draws fresh weights before training instead of starting from the current ones."""
import numpy as np


class MLP:
    def __init__(self, n_in, n_hidden, n_out, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.W2 = rng.normal(0.0, np.sqrt(1.0 / n_hidden), size=(n_hidden, n_out))
        self.b2 = np.zeros(n_out)

    def forward(self, X):
        self.z1 = X @ self.W1 + self.b1
        self.a1 = np.maximum(0, self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        return self.z2

    def loss(self, X, y):
        z = self.forward(X)
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(y)), y].mean())

    def gradients(self, X, y):
        m = X.shape[0]
        z2 = self.forward(X)
        e = np.exp(z2 - z2.max(axis=1, keepdims=True))
        probs = e / e.sum(axis=1, keepdims=True)
        dz2 = probs.copy()
        dz2[np.arange(m), y] -= 1
        dz2 /= m
        dW2 = self.a1.T @ dz2
        db2 = dz2.sum(axis=0)
        da1 = dz2 @ self.W2.T
        dz1 = da1 * (self.z1 > 0)
        dW1 = X.T @ dz1
        db1 = dz1.sum(axis=0)
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}

    def fit(self, X, y, lr=0.1, epochs=100):
        self.__init__(X.shape[1], len(self.b1), len(self.b2))
        for _ in range(epochs):
            g = self.gradients(X, y)
            self.W1 -= lr * g["W1"]
            self.b1 -= lr * g["b1"]
            self.W2 -= lr * g["W2"]
            self.b2 -= lr * g["b2"]
        return self

    def predict(self, X):
        return np.argmax(self.forward(X), axis=1)
