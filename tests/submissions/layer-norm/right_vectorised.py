"""Right: E[x²] − E[x]² for the variance, the compact backward written with N·dxhat − Σ… over the last axis."""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mean = np.mean(x, axis=-1, keepdims=True)
    var = np.mean(x * x, axis=-1, keepdims=True) - mean ** 2
    rstd = (var + eps) ** -0.5
    x_norm = (x - mean) * rstd
    return x_norm * gamma + beta, (x_norm, rstd, gamma)


def layer_norm_backward(dy, cache):
    x_norm, rstd, gamma = cache
    N = dy.shape[-1]
    flat_dy = dy.reshape(-1, N)
    dgamma = (flat_dy * x_norm.reshape(-1, N)).sum(0)
    dbeta = flat_dy.sum(0)
    g = dy * gamma
    dx = rstd / N * (N * g - g.sum(-1, keepdims=True) - x_norm * (g * x_norm).sum(-1, keepdims=True))
    return dx, dgamma, dbeta
