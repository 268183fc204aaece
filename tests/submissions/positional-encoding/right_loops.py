"""Right: a double loop over every (position, column), the textbook formula written out."""
import numpy as np


def sinusoidal_positions(seq_len, d_model):
    pe = np.zeros((seq_len, d_model))
    for pos in range(seq_len):
        for j in range(d_model):
            i = j // 2
            angle = pos / np.power(10000, 2 * i / d_model)
            if j % 2 == 0:
                pe[pos, j] = np.sin(angle)
            else:
                pe[pos, j] = np.cos(angle)
    return pe
