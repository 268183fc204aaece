"""SGD with classical momentum — the reference solution."""

from __future__ import annotations

import numpy as np


class SGDMomentum:
    """v ← μ·v + g;  θ ← θ − α·v, with v created as zeros on the first step."""

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum
        self.velocity: np.ndarray | None = None

    def step(self, params: np.ndarray, grads: np.ndarray) -> np.ndarray:
        """Return the parameters after one momentum step."""
        grads = np.asarray(grads, dtype=float)
        if self.velocity is None:
            self.velocity = np.zeros_like(grads)
        self.velocity = self.momentum * self.velocity + grads
        return np.asarray(params, dtype=float) - self.learning_rate * self.velocity
