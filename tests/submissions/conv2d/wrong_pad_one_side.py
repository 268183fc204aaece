"""Wrong: x is copied into the top-left corner of the zero array, so all the padding ends up bottom and right."""
import numpy as np


def conv2d(x, w, b, stride=1, padding=0):
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    x_pad = np.zeros((N, C, H + 2 * padding, W + 2 * padding))
    x_pad[:, :, :H, :W] = x
    H_out = (H + 2 * padding - kh) // stride + 1
    W_out = (W + 2 * padding - kw) // stride + 1
    out = np.zeros((N, F, H_out, W_out))
    for i in range(H_out):
        for j in range(W_out):
            patch = x_pad[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw].reshape(N, -1)
            out[:, :, i, j] = patch @ w.reshape(F, -1).T + b
    return out
