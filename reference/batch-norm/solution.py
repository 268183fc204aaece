"""BatchNorm1d with PyTorch's conventions (biased variance to normalise, unbiased in the running average), forward
in both modes and backward — the reference."""

from __future__ import annotations

import numpy as np


class BatchNorm:
    """Normalise each feature over the batch; keep running statistics for inference."""

    def __init__(self, num_features: int, momentum: float = 0.1, eps: float = 1e-5):
        self.momentum = momentum
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.dgamma: np.ndarray | None = None
        self.dbeta: np.ndarray | None = None
        self._cache: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        """y = gamma · xhat + beta; xhat from the batch's statistics (training) or the running ones (inference)."""
        if not training:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        n = x.shape[0]
        mu = x.mean(axis=0)
        var = x.var(axis=0)  # biased: what the batch is normalised with
        m = self.momentum
        self.running_mean = (1 - m) * self.running_mean + m * mu
        self.running_var = (1 - m) * self.running_var + m * var * n / (n - 1)  # unbiased in the running average
        inv_std = 1.0 / np.sqrt(var + self.eps)
        xhat = (x - mu) * inv_std
        self._cache = (xhat, inv_std, self.gamma)
        return self.gamma * xhat + self.beta

    def backward(self, dy: np.ndarray) -> np.ndarray:
        """dx (returned), dgamma and dbeta (stored), through the batch mean and variance."""
        if self._cache is None:
            raise RuntimeError("backward needs a training forward first")
        xhat, inv_std, gamma = self._cache
        self.dgamma = (dy * xhat).sum(axis=0)
        self.dbeta = dy.sum(axis=0)
        dxhat = dy * gamma
        return inv_std * (dxhat - dxhat.mean(axis=0) - xhat * (dxhat * xhat).mean(axis=0))
