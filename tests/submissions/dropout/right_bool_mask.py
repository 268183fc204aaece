"""Right: a boolean mask from rng.uniform, returned as bool."""
import numpy as np


def dropout(x, p, training=True, rng=None):
    if training and p > 0:
        gen = np.random.default_rng() if rng is None else rng
        mask = gen.uniform(0.0, 1.0, size=x.shape) > p
        return x * mask / (1 - p), mask
    return x.copy(), np.ones(x.shape, dtype=bool)
