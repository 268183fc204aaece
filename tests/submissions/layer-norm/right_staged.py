"""Right: the staged computational-graph backward (cs231n style), one node at a time, on the last axis."""
import numpy as np


def layer_norm(x, gamma, beta, eps=1e-5):
    D = x.shape[-1]
    mu = np.sum(x, axis=-1, keepdims=True) / D
    xmu = x - mu
    sq = xmu ** 2
    var = np.sum(sq, axis=-1, keepdims=True) / D
    sqrtvar = np.sqrt(var + eps)
    ivar = 1.0 / sqrtvar
    xhat = xmu * ivar
    out = gamma * xhat + beta
    return out, (xhat, gamma, xmu, ivar, sqrtvar, var, eps)


def layer_norm_backward(dout, cache):
    xhat, gamma, xmu, ivar, sqrtvar, var, eps = cache
    D = dout.shape[-1]
    axes = tuple(range(dout.ndim - 1))
    dbeta = np.sum(dout, axis=axes)
    dgamma = np.sum(dout * xhat, axis=axes)
    dxhat = dout * gamma
    divar = np.sum(dxhat * xmu, axis=-1, keepdims=True)
    dxmu1 = dxhat * ivar
    dsqrtvar = -1.0 / sqrtvar ** 2 * divar
    dvar = 0.5 * 1.0 / np.sqrt(var + eps) * dsqrtvar
    dsq = np.ones_like(xmu) / D * dvar
    dxmu2 = 2 * xmu * dsq
    dx1 = dxmu1 + dxmu2
    dmu = -np.sum(dx1, axis=-1, keepdims=True)
    dx2 = np.ones_like(xmu) / D * dmu
    return dx1 + dx2, dgamma, dbeta
