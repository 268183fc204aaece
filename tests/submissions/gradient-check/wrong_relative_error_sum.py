"""Wrong: relative_error sums the elementwise errors instead of taking their maximum."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad


def relative_error(a, b):
    return np.sum(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8))
