"""Adam — the reference solution."""

from __future__ import annotations

import numpy as np


class Adam:
    """Bias-corrected running means of g (m) and g² (v); θ ← θ − α·m̂ / (√v̂ + ε)."""

    def __init__(self, learning_rate: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.learning_rate = learning_rate
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.t = 0
        self.m: np.ndarray | None = None
        self.v: np.ndarray | None = None

    def step(self, params: np.ndarray, grads: np.ndarray) -> np.ndarray:
        """Return the parameters after one Adam step."""
        grads = np.asarray(grads, dtype=float)
        if self.m is None or self.v is None:
            self.m, self.v = np.zeros_like(grads), np.zeros_like(grads)
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * grads
        self.v = self.beta2 * self.v + (1 - self.beta2) * grads**2
        m_hat = self.m / (1 - self.beta1**self.t)
        v_hat = self.v / (1 - self.beta2**self.t)
        return np.asarray(params, dtype=float) - self.learning_rate * m_hat / (np.sqrt(v_hat) + self.eps)
