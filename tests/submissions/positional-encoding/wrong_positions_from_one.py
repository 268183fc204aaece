"""Wrong: the positions run 1 … seq_len instead of 0 … seq_len − 1."""
import numpy as np


def sinusoidal_positions(seq_len, d_model):
    pos = np.arange(1, seq_len + 1)[:, None]
    pair = np.arange(d_model) // 2
    angles = pos / 10000 ** (2 * pair / d_model)
    pe = np.sin(angles)
    pe[:, 1::2] = np.cos(angles[:, 1::2])
    return pe
