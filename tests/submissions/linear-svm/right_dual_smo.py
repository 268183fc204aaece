"""Right: the dual problem, solved by the simplified SMO of Stanford's CS229 notes (pairs of multipliers, the
second chosen at random from a seeded generator); learning_rate is not used, n_iterations caps the sweeps."""
import numpy as np


class LinearSVM:
    def __init__(self, C=1.0, learning_rate=0.01, n_iterations=1000):
        self.C = C
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.tol = 1e-4
        self.max_passes = 10

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        t = np.where(y == self.classes_[1], 1.0, -1.0)
        n = len(t)
        K = X @ X.T
        C = self.C
        alpha = np.zeros(n)
        b = 0.0
        rng = np.random.default_rng(0)
        passes = sweeps = 0
        while passes < self.max_passes and sweeps < self.n_iterations:
            sweeps += 1
            changed = 0
            for i in range(n):
                E_i = (alpha * t) @ K[:, i] + b - t[i]
                if (t[i] * E_i < -self.tol and alpha[i] < C) or (t[i] * E_i > self.tol and alpha[i] > 0):
                    j = int(rng.integers(n - 1))
                    j += j >= i
                    E_j = (alpha * t) @ K[:, j] + b - t[j]
                    a_i, a_j = alpha[i], alpha[j]
                    if t[i] != t[j]:
                        L, H = max(0.0, a_j - a_i), min(C, C + a_j - a_i)
                    else:
                        L, H = max(0.0, a_i + a_j - C), min(C, a_i + a_j)
                    if L == H:
                        continue
                    eta = 2 * K[i, j] - K[i, i] - K[j, j]
                    if eta >= 0:
                        continue
                    alpha[j] = np.clip(a_j - t[j] * (E_i - E_j) / eta, L, H)
                    if abs(alpha[j] - a_j) < 1e-7:
                        continue
                    alpha[i] = a_i + t[i] * t[j] * (a_j - alpha[j])
                    b1 = b - E_i - t[i] * (alpha[i] - a_i) * K[i, i] - t[j] * (alpha[j] - a_j) * K[i, j]
                    b2 = b - E_j - t[i] * (alpha[i] - a_i) * K[i, j] - t[j] * (alpha[j] - a_j) * K[j, j]
                    if 0 < alpha[i] < C:
                        b = b1
                    elif 0 < alpha[j] < C:
                        b = b2
                    else:
                        b = (b1 + b2) / 2
                    changed += 1
            passes = passes + 1 if changed == 0 else 0
        self.w = (alpha * t) @ X
        self.b = b
        return self

    def decision_function(self, X):
        return X @ self.w + self.b

    def predict(self, X):
        return np.where(self.decision_function(X) > 0, self.classes_[1], self.classes_[0])

    def objective(self, X, y):
        t = np.where(y == self.classes_[1], 1.0, -1.0)
        return float(0.5 * self.w @ self.w + self.C * np.sum(np.maximum(0.0, 1.0 - t * self.decision_function(X))))
