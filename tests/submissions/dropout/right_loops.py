"""Right: one uniform draw per unit, in a Python loop over the flattened array."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0:
        return x.copy(), np.ones(x.shape)
    if rng is None:
        rng = np.random.default_rng()
    flat = x.reshape(-1)
    out = np.zeros(flat.size)
    mask = np.zeros(flat.size)
    scale = 1.0 / (1.0 - p)
    for i in range(flat.size):
        if rng.random() >= p:
            mask[i] = 1.0
            out[i] = flat[i] * scale
    return out.reshape(x.shape), mask.reshape(x.shape)
