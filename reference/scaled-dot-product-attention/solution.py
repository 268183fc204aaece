"""Scaled dot-product attention, batched over any leading axes, masked and numerically stable — the reference."""

from __future__ import annotations

import numpy as np


def softmax(scores: np.ndarray) -> np.ndarray:
    """Softmax over the last axis (the keys), with the row maximum subtracted first: e^x never overflows."""
    shifted = scores - scores.max(axis=-1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=-1, keepdims=True)


def attention(
    Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """softmax(Q·Kᵀ / √d) · V over the last two axes; mask True = may attend. Returns (out, weights)."""
    d = Q.shape[-1]
    scores = Q @ K.swapaxes(-1, -2) / np.sqrt(d)  # (..., Lq, Lk): transpose the last two axes only
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)  # blocked keys: e^(−inf) = 0 exactly, after the max shift too
    weights = softmax(scores)
    return weights @ V, weights
