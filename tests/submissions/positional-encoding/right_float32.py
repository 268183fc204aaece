"""Right: float32 throughout, as a GPU framework computes it; a loop over positions, vectorised across columns."""
import numpy as np


def sinusoidal_positions(seq_len, d_model):
    i = np.arange(d_model, dtype=np.float32)
    inv_freq = np.power(np.float32(10000.0), -(2 * np.floor(i / 2)) / np.float32(d_model)).astype(np.float32)
    out = np.empty((seq_len, d_model), dtype=np.float32)
    for pos in range(seq_len):
        angle = np.float32(pos) * inv_freq
        out[pos] = np.where(i % 2 == 0, np.sin(angle), np.cos(angle))
    return out
