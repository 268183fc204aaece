"""Wrong: perturbs x.flatten() — a copy — and evaluates f(x), which never changes: the gradient is all zeros."""
import numpy as np


def numerical_gradient(f, x, h=1e-5):
    flat = x.flatten()
    grad = np.zeros(x.size)
    for k in range(x.size):
        old = flat[k]
        flat[k] = old + h
        fp = f(x)
        flat[k] = old - h
        fm = f(x)
        flat[k] = old
        grad[k] = (fp - fm) / (2 * h)
    return grad.reshape(x.shape)


def relative_error(a, b):
    return np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8))
