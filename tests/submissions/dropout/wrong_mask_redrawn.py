"""Wrong: the returned mask is drawn again, so it is not the one used for out."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0:
        return x, np.ones_like(x)
    if rng is None:
        rng = np.random.default_rng()
    mask = (rng.random(x.shape) > p).astype(float)
    out = x * mask / (1 - p)
    mask = (rng.random(x.shape) > p).astype(float)
    return out, mask
