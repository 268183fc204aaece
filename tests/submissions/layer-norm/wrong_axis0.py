"""Wrong: the statistics are taken over axis 0 (the samples), as in batch norm."""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=0, keepdims=True)
    var = x.var(axis=0, keepdims=True)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    out = gamma * xhat + beta
    return out, (x, xhat, mu, var, std, gamma)


def layer_norm_backward(dy, cache):
    x, xhat, mu, var, std, gamma = cache
    D = x.shape[0]
    axes = tuple(range(dy.ndim - 1))
    dgamma = np.sum(dy * xhat, axis=axes)
    dbeta = np.sum(dy, axis=axes)
    dxhat = dy * gamma
    dvar = np.sum(dxhat * (x - mu), axis=0, keepdims=True) * -0.5 * std ** -3
    dmu = np.sum(-dxhat / std, axis=0, keepdims=True) + dvar * np.mean(-2.0 * (x - mu), axis=0, keepdims=True)
    dx = dxhat / std + dvar * 2.0 * (x - mu) / D + dmu / D
    return dx, dgamma, dbeta
