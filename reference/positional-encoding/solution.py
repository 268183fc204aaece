"""Sinusoidal positional encoding of "Attention Is All You Need" (Vaswani et al., 2017) — the reference."""

from __future__ import annotations

import numpy as np


def sinusoidal_positions(seq_len: int, d_model: int) -> np.ndarray:
    """PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d_model))."""
    positions = np.arange(seq_len, dtype=float)[:, None]  # (seq_len, 1): 0, 1, …, seq_len − 1
    frequencies = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)  # one per pair i, exponent 2i/d_model
    angles = positions * frequencies  # (seq_len, ceil(d_model / 2))
    pe = np.empty((seq_len, d_model))
    pe[:, 0::2] = np.sin(angles)  # even columns
    pe[:, 1::2] = np.cos(angles[:, : d_model // 2])  # odd columns: the same angles; none for an odd d_model's last pair
    return pe
