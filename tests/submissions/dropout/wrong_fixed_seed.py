"""Wrong: dropout seeds its own generator with a constant and ignores the rng argument."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0:
        return x, np.ones_like(x)
    rng = np.random.default_rng(42)
    mask = (rng.random(x.shape) > p).astype(float)
    out = x * mask / (1 - p)
    return out, mask
