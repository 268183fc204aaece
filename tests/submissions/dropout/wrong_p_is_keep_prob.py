"""Wrong: p is taken as the probability of KEEPING a unit (the old TensorFlow keep_prob)."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0:
        return x, np.ones_like(x)
    if rng is None:
        rng = np.random.default_rng()
    mask = (rng.random(x.shape) < p).astype(float)
    out = x * mask / p
    return out, mask
