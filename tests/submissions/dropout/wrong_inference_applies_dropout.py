"""Wrong: the training flag is ignored: units are dropped at inference too."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if p == 0:
        return x, np.ones_like(x)
    if rng is None:
        rng = np.random.default_rng()
    mask = (rng.random(x.shape) > p).astype(float)
    out = x * mask / (1 - p)
    return out, mask
