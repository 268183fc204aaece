"""Gradient checking: a numerical gradient by central differences, and the relative error between two gradients.

Interview question: "How do you check that your backprop is right?" Use NumPy (and the standard library) only.
Check your work with `drill check gradient-check`.
"""

import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """The gradient of a scalar function f at x, by central differences, one element of x at a time.

    Args:
        f: a function of one array returning one number (a Python float or a NumPy scalar / 0-d array). It
            expects x in its own shape: call f(x) with x itself, never a flattened or reshaped copy.
        x: float64 array of ANY shape — 1-D (n,), 2-D (n, m) such as a weight matrix, 3-D (a, b, c), … It is
            C-contiguous, so x.reshape(-1) and x.ravel() are views that write through to x.
        h: float, default 1e-5. The step; use the h you are given.

    Returns:
        float64 array with x's shape: for every index i of x (a multi-index (i, j, …) when x is 2-D or more),
            grad[i] = (f(x with x[i] + h) − f(x with x[i] − h)) / (2h)
        — central differences, error O(h²). The one-sided (f(x + h) − f(x)) / h is only O(h) and is not accepted.

    In place, and restored:
        Perturb x ITSELF, one element at a time: f may ignore its argument and read x through another reference,
        as in `numerical_gradient(lambda _: net.loss(X, y), net.W1)`, where the loss reads net.W1 — the very
        array you were given. So: save old = x[i] BEFORE changing it, set x[i] = old + h, evaluate f(x), set
        x[i] = old − h, evaluate f(x), and put x[i] = old back before moving to the next element. When the
        function returns, x holds its original values again (within 1e-12 + 1e-12·|x|, so restoring by
        x[i] += h … x[i] -= 2h … x[i] += h, which leaves a round-off, is accepted).

    Left open: the loop style and the order of the elements (np.nditer with flags=["multi_index"],
    np.ndindex(x.shape), or a flat view x.reshape(-1) indexed 0 … x.size − 1 are all fine), and whether you divide
    by 2h or multiply by 0.5/h. The grader compares your gradient with its own central differences, within
    1e-7 + 1e-6·|expected|, and checks that x is unchanged afterwards.
    """
    raise NotImplementedError


def relative_error(a, b):
    """How far apart two gradients are, as one number: the largest elementwise relative error.

    Args:
        a, b: float arrays of the same shape (any shape), e.g. an analytic and a numerical gradient.

    Returns:
        one float (a Python float or a NumPy scalar):
            max over all elements of  |a − b| / max(|a| + |b|, 1e-8)
        elementwise, with the floor 1e-8 exactly (as in CS231n's rel_error): where a = b = 0 — a ReLU gradient
        often is — the error is 0, not 0/0 = NaN; where |a| + |b| < 1e-8 the denominator is 1e-8. It is the
        MAXIMUM over the elements, not their sum or mean, and the max of the ratios, not max|a − b| / max(|a| + |b|).
        Symmetric in a and b. Rule of thumb: below 1e-7 the gradients agree; above 1e-4 something is wrong.

    The grader compares your value with the formula above, within 1e-12 + 1e-6·|expected|, on data with exact
    zeros and with elements below the floor (where max(…, 1e-8) and an added + 1e-8 differ).
    """
    raise NotImplementedError
