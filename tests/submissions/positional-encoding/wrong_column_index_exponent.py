"""Wrong: the exponent uses the column index j for every column, so each cos column gets its own frequency."""
import numpy as np


def sinusoidal_positions(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    j = np.arange(d_model)[None, :]
    angles = pos / np.power(10000, j / d_model)
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2] = np.sin(angles[:, 0::2])
    pe[:, 1::2] = np.cos(angles[:, 1::2])
    return pe
