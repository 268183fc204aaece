"""Right: the cs231n form — the mask carries the 1/(1 − p) scaling and out = x * mask."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0:
        return x, np.ones_like(x)
    rng = np.random.default_rng() if rng is None else rng
    mask = (rng.random(x.shape) >= p) / (1 - p)
    return x * mask, mask
