"""Layer normalisation over the last axis, forward and backward — the reference."""

from __future__ import annotations

import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> tuple:
    """y = gamma · (x − mean) / sqrt(var + eps) + beta, statistics over the last axis; returns (y, cache)."""
    mu = x.mean(axis=-1, keepdims=True)
    inv_std = 1.0 / np.sqrt(x.var(axis=-1, keepdims=True) + eps)
    xhat = (x - mu) * inv_std
    return gamma * xhat + beta, (xhat, inv_std, gamma)


def layer_norm_backward(dy: np.ndarray, cache: tuple) -> tuple:
    """(dx, dgamma, dbeta). dx = inv_std · (dxhat − mean(dxhat) − xhat · mean(dxhat · xhat)), means over the last
    axis: the two subtracted terms are the paths through the mean and through the variance."""
    xhat, inv_std, gamma = cache
    dgamma = (dy * xhat).sum(axis=0)  # gamma and beta are shared by every row
    dbeta = dy.sum(axis=0)
    dxhat = dy * gamma
    dx = inv_std * (dxhat - dxhat.mean(axis=-1, keepdims=True)
                    - xhat * (dxhat * xhat).mean(axis=-1, keepdims=True))
    return dx, dgamma, dbeta
