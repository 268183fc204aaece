"""Right: plain loops over every output value, the padded image built by hand."""
import numpy as np


def conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    H_out = (H + 2 * padding - kh) // stride + 1
    W_out = (W + 2 * padding - kw) // stride + 1
    x_pad = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    x_pad[:, :, padding:padding + H, padding:padding + W] = x
    out = np.zeros((N, F, H_out, W_out))
    for n in range(N):
        for f in range(F):
            for i in range(H_out):
                for j in range(W_out):
                    total = b[f]
                    for c in range(C):
                        for u in range(kh):
                            for v in range(kw):
                                total += x_pad[n, c, i * stride + u, j * stride + v] * w[f, c, u, v]
                    out[n, f, i, j] = total
    return out
