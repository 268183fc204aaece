"""Correct: a flat view of x (x.reshape(-1) writes through), and a one-line relative_error."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    flat = x.reshape(-1)  # a view: x is C-contiguous
    grad = np.empty(x.size)
    for k in range(x.size):
        old = flat[k]
        flat[k] = old + h
        f_plus = f(x)
        flat[k] = old - h
        f_minus = f(x)
        flat[k] = old
        grad[k] = f_plus - f_minus
    return (grad / (2 * h)).reshape(x.shape)


def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))
