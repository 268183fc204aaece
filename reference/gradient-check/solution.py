"""Numerical gradient by central differences, and the relative error used to compare gradients — the reference."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

FLOOR = 1e-8  # the smallest denominator of relative_error: where a = b = 0 the error is 0, not 0/0


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """(f(x + h·e_i) − f(x − h·e_i)) / 2h for every element i of x, perturbing x in place and restoring it."""
    grad = np.zeros(x.shape, dtype=float)
    for i in np.ndindex(x.shape):  # every multi-index (i, j, …), whatever x's number of dimensions
        old = float(x[i])
        x[i] = old + h
        f_plus = float(f(x))  # f sees x itself: it may also read x through another reference
        x[i] = old - h
        f_minus = float(f(x))
        x[i] = old  # restore exactly, before the next element
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """max over elements of |a − b| / max(|a| + |b|, 1e-8)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), FLOOR)))
