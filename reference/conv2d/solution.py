"""2-D convolution layer (cross-correlation, as deep-learning libraries define it), vectorised — the reference."""

from __future__ import annotations

import numpy as np


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """out[n, f, i, j] = b[f] + Σ_{c, u, v} x_pad[n, c, i·stride + u, j·stride + v] · w[f, c, u, v]."""
    kh, kw = w.shape[2:]
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))  # zeros on all four sides
    # every kh×kw window, without copying: (N, C, H_pad − kh + 1, W_pad − kw + 1, kh, kw), then every stride-th
    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    # no kernel flip: window position (u, v) meets w[..., u, v]; channels c are summed with the kernel offsets
    out = np.einsum("nchwuv,fcuv->nfhw", windows, w, optimize=True)
    return out + b[None, :, None, None]
