"""Inverted dropout: drop each unit with probability p, scale the survivors by 1/(1 − p) — the reference."""

from __future__ import annotations

import numpy as np


def dropout(x: np.ndarray, p: float, training: bool = True,
            rng: np.random.Generator | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(out, mask) with out = x · mask / (1 − p); the identity (and an all-ones mask) at inference or for p = 0."""
    if not training or p == 0:
        return x.copy(), np.ones(x.shape)
    rng = np.random.default_rng() if rng is None else rng
    mask = (rng.random(x.shape) >= p).astype(x.dtype)  # kept with probability 1 − p
    return x * mask / (1.0 - p), mask
