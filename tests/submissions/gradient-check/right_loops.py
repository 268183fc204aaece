"""Correct, loop style (as in CS231n): np.nditer with multi_index; relative_error element by element."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    it = np.nditer(x, flags=["multi_index"], op_flags=[["readwrite"]])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix]
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval - h
        fxmh = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad


def relative_error(a, b):
    worst = 0.0
    for u, v in zip(np.ravel(a), np.ravel(b)):
        r = abs(u - v) / max(abs(u) + abs(v), 1e-8)
        if r > worst:
            worst = r
    return worst
