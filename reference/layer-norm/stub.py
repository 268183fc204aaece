"""Layer normalisation, forward and backward, from scratch — the normalisation inside every Transformer block.

Interview question: "Implement LayerNorm's forward and backward passes in NumPy, and explain how it differs from
BatchNorm." Use NumPy (and the standard library) only. Check your work with `drill check layer-norm`.

Forward, for x of shape (N, D) — N rows (samples, or tokens) of D features — each ROW is normalised on its own,
over the LAST axis (never across the samples, unlike batch norm):

    mu   = mean(x, axis=-1)                      one per row (keepdims=True to broadcast back)
    var  = mean((x − mu)², axis=-1)              the BIASED variance (divide by D, not D − 1): np.var's default
    xhat = (x − mu) / sqrt(var + eps)            eps INSIDE the square root, as PyTorch's nn.LayerNorm
    y    = gamma * xhat + beta                   gamma, beta: shape (D,), one per feature

A row whose entries are all equal has var = 0: then xhat = 0 and y = beta — finite, thanks to eps.

Backward: given dy = dL/dy (the shape of x), return the gradients of the same scalar L with respect to x, gamma
and beta. mu and var depend on x, so dx has three paths: through xhat directly, through mu, and through var. The
grader compares each of dx, dgamma, dbeta with central differences of L = Σ dy·y (element by element,
1e-6 + 1e-4·|g|) and names the one that is wrong.

Tolerances for y: 1e-7 + 1e-6·|y| element by element (np.var, or E[x²] − E[x]², or a loop: all pass).
Left open: what the cache holds (any object: a tuple, a dict, a small class) — the grader only passes it from
layer_norm to layer_norm_backward, unchanged; loops versus vectorised code; and inputs of other ranks (the grader
only uses 2-D x, so also handling (B, T, D) with axis=-1 is welcome but not judged).
"""

import numpy as np


def layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = 1e-5) -> tuple:
    """Normalise x over its last axis, then scale by gamma and shift by beta.

    Args:
        x: float array, shape (N, D).
        gamma: float array, shape (D,) — the scale.
        beta: float array, shape (D,) — the shift.
        eps: added to the variance inside the square root.

    Returns:
        (y, cache): y has the shape of x; cache is whatever layer_norm_backward needs (your choice). Does not
        modify x, gamma or beta.
    """
    raise NotImplementedError


def layer_norm_backward(dy: np.ndarray, cache) -> tuple:
    """Backpropagate dy through layer_norm.

    Args:
        dy: float array, the shape of x — the gradient of some scalar L with respect to y.
        cache: what layer_norm returned with y.

    Returns:
        (dx, dgamma, dbeta):
            dx: the shape of x — includes the paths through the row mean and the row variance.
            dgamma: shape (D,) — Σ over the rows (axis 0) of dy * xhat.
            dbeta: shape (D,) — Σ over the rows (axis 0) of dy.
    """
    raise NotImplementedError
