"""Wrong: the kept units are divided by p instead of the keep probability 1 − p."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0:
        return x, np.ones_like(x)
    if rng is None:
        rng = np.random.default_rng()
    mask = (rng.random(x.shape) > p).astype(float)
    out = x * mask / p
    return out, mask
