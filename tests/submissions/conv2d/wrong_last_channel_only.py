"""Wrong: the loop over channels assigns instead of accumulating, so only the last channel counts."""
import numpy as np


def conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    x_pad = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    H_out = (H + 2 * padding - kh) // stride + 1
    W_out = (W + 2 * padding - kw) // stride + 1
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for c in range(C):
                for i in range(H_out):
                    for j in range(W_out):
                        window = x_pad[n, c, i * stride:i * stride + kh, j * stride:j * stride + kw]
                        out[n, f, i, j] = np.sum(window * w[f, c]) + b[f]
    return out
