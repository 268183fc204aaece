"""Wrong: a forward difference (f(x + h) − f(x)) / h instead of the central one."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    fx = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        grad[i] = (f(x) - fx) / h
        x[i] = old
    return grad


def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8))
