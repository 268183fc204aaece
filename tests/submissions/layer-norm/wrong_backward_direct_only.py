"""Wrong: the backward treats mean and variance as constants: dx = dxhat / std."""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    mu = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    std = np.sqrt(var + eps)
    xhat = (x - mu) / std
    out = gamma * xhat + beta
    return out, (x, xhat, mu, var, std, gamma)


def layer_norm_backward(dy, cache):
    x, xhat, mu, var, std, gamma = cache
    D = x.shape[-1]
    axes = tuple(range(dy.ndim - 1))
    dgamma = np.sum(dy * xhat, axis=axes)
    dbeta = np.sum(dy, axis=axes)
    dxhat = dy * gamma
    dvar = np.sum(dxhat * (x - mu), axis=-1, keepdims=True) * -0.5 * std ** -3
    dmu = np.sum(-dxhat / std, axis=-1, keepdims=True) + dvar * np.mean(-2.0 * (x - mu), axis=-1, keepdims=True)
    dx = dxhat / std
    return dx, dgamma, dbeta
