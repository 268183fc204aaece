"""Right: a Bernoulli(1 − p) mask from rng.binomial, applied with np.where."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if not training or p == 0.0:
        return x, np.ones_like(x)
    rng = rng if rng is not None else np.random.default_rng()
    keep = 1.0 - p
    mask = rng.binomial(1, keep, size=x.shape)
    return np.where(mask == 1, x / keep, 0.0), mask
