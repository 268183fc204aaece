"""Right: fully vectorised; small Gaussian init (0.01·randn), one-hot targets, np.where for the ReLU mask,
in-place updates over the parameter names."""
import numpy as np


class MLP:
    def __init__(self, n_in, n_hidden, n_out, seed=0):
        rng = np.random.default_rng(seed)
        self.W1 = 0.01 * rng.standard_normal((n_in, n_hidden))
        self.b1 = np.zeros(n_hidden)
        self.W2 = 0.01 * rng.standard_normal((n_hidden, n_out))
        self.b2 = np.zeros(n_out)

    def _layers(self, X):
        a = X @ self.W1 + self.b1
        h = np.where(a > 0, a, 0.0)
        return a, h, h @ self.W2 + self.b2

    def forward(self, X):
        return self._layers(X)[2]

    @staticmethod
    def _probs(z):
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True), z - np.log(e.sum(axis=1, keepdims=True))

    def loss(self, X, y):
        _, log_p = self._probs(self.forward(X))
        return float(-log_p[np.arange(len(y)), y].mean())

    def gradients(self, X, y):
        a, h, z = self._layers(X)
        p, _ = self._probs(z)
        Y = np.eye(self.W2.shape[1])[y]
        dz = (p - Y) / X.shape[0]
        da = np.where(a > 0, dz @ self.W2.T, 0.0)
        return {"W1": X.T @ da, "b1": np.sum(da, axis=0), "W2": h.T @ dz, "b2": np.sum(dz, axis=0)}

    def fit(self, X, y, lr=0.1, epochs=100):
        for _ in range(epochs):
            grads = self.gradients(X, y)
            for name, g in grads.items():
                getattr(self, name)[...] -= lr * g
        return self

    def predict(self, X):
        return self.forward(X).argmax(axis=1)
