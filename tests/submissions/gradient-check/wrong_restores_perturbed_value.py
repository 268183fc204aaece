"""Wrong: the value put back is read after x[i] was already perturbed, so x[i] ends at old + h."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        fp = f(x)
        old = x[i]  # too late: this is already old + h
        x[i] = old - 2 * h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad


def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8))
