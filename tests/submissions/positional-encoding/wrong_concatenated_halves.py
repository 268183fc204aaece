"""Wrong: all the sines, then all the cosines (np.concatenate), instead of interleaving them."""
import numpy as np


def sinusoidal_positions(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    freqs = 1.0 / 10000 ** (np.arange(0, d_model, 2) / d_model)
    angles = pos * freqs
    return np.concatenate([np.sin(angles), np.cos(angles[:, : d_model // 2])], axis=1)
