"""Wrong: the mask comes from the global np.random, not from the rng argument."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0:
        return x, np.ones_like(x)
    if rng is None:
        rng = np.random.default_rng()
    mask = (np.random.rand(*x.shape) > p).astype(float)
    out = x * mask / (1 - p)
    return out, mask
