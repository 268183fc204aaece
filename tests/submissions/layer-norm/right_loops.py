"""Right: flatten the leading axes and loop over the rows, with the formulas written out per row."""
import math

import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    D = x.shape[-1]
    flat = x.reshape(-1, D)
    y = np.empty_like(flat, dtype=float)
    xhat = np.empty_like(flat, dtype=float)
    inv = np.empty(len(flat))
    for i, row in enumerate(flat):
        mu = sum(row) / D
        var = sum((v - mu) ** 2 for v in row) / D
        inv[i] = 1.0 / math.sqrt(var + eps)
        for j in range(D):
            xhat[i, j] = (row[j] - mu) * inv[i]
            y[i, j] = gamma[j] * xhat[i, j] + beta[j]
    return y.reshape(x.shape), {"xhat": xhat, "inv": inv, "gamma": gamma, "shape": x.shape}


def layer_norm_backward(dy, cache):
    xhat, inv, gamma = cache["xhat"], cache["inv"], cache["gamma"]
    D = xhat.shape[1]
    g = dy.reshape(-1, D)
    dx = np.empty_like(g, dtype=float)
    dgamma = np.zeros(D)
    dbeta = np.zeros(D)
    for i in range(len(g)):
        dxhat = g[i] * gamma
        m1 = sum(dxhat) / D
        m2 = sum(dxhat * xhat[i]) / D
        for j in range(D):
            dx[i, j] = inv[i] * (dxhat[j] - m1 - xhat[i, j] * m2)
        dgamma += g[i] * xhat[i]
        dbeta += g[i]
    return dx.reshape(cache["shape"]), dgamma, dbeta
