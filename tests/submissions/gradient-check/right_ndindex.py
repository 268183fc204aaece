"""Correct: np.ndindex, restoring x by += h / -= 2h / += h (round-off is accepted); 0.5 * (…) / h."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(*x.shape):
        x[idx] += h
        up = f(x)
        x[idx] -= 2 * h
        down = f(x)
        x[idx] += h
        grad[idx] = 0.5 * (up - down) / h
    return grad


def relative_error(a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    denominator = np.abs(a) + np.abs(b)
    denominator[denominator < 1e-8] = 1e-8
    return float((np.abs(a - b) / denominator).max())
