"""RMSProp — the reference solution."""

from __future__ import annotations

import numpy as np


class RMSProp:
    """s ← ρ·s + (1 − ρ)·g²;  θ ← θ − α·g / (√s + ε), with s created as zeros on the first step."""

    def __init__(self, learning_rate: float = 0.001, rho: float = 0.9, eps: float = 1e-8):
        self.learning_rate = learning_rate
        self.rho = rho
        self.eps = eps
        self.square_avg: np.ndarray | None = None

    def step(self, params: np.ndarray, grads: np.ndarray) -> np.ndarray:
        """Return the parameters after one RMSProp step."""
        grads = np.asarray(grads, dtype=float)
        if self.square_avg is None:
            self.square_avg = np.zeros_like(grads)
        self.square_avg = self.rho * self.square_avg + (1 - self.rho) * grads**2
        return np.asarray(params, dtype=float) - self.learning_rate * grads / (np.sqrt(self.square_avg) + self.eps)
