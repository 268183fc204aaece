"""Wrong: the exponent is i/d_model (the pair index), not 2i/d_model."""
import numpy as np


def sinusoidal_positions(seq_len, d_model):
    pe = np.zeros((seq_len, d_model))
    pos = np.arange(seq_len)[:, None]
    for i in range((d_model + 1) // 2):
        angle = pos[:, 0] / 10000 ** (i / d_model)
        pe[:, 2 * i] = np.sin(angle)
        if 2 * i + 1 < d_model:
            pe[:, 2 * i + 1] = np.cos(angle)
    return pe
