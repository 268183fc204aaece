"""Softmax, cross-entropy and its gradient from scratch — the last layer of every classifier network.

Interview question: "Write a numerically stable softmax and the cross-entropy loss, and derive the gradient of the
loss with respect to the logits." Use NumPy (and the standard library) only. Check your work with
`drill check softmax-cross-entropy`.

Shared conventions
------------------
logits : float array, shape (n, K) — one row of K class scores per sample (n ≥ 1, K ≥ 2). The rows are the
    samples: softmax normalises each ROW (axis=1), never the columns.
y : integer array, shape (n,) — the true class id of each row, in 0 … K−1. K is logits.shape[1]: a class may be
    absent from y (so do not take K from y.max() + 1).

Numerical stability is part of the spec: the grader uses logits in the thousands, positive and negative. e^z
overflows to inf for z > 709 (inf/inf = NaN) and underflows to 0 for z < −745 (0/0 = NaN). Subtract each row's
own maximum before np.exp — softmax(z) = softmax(z − c) for any constant c per row — and take the loss from
log-softmax, z_c − logsumexp(z).

Tolerances (|got − expected| ≤ atol + rtol·|expected|, element by element):
    softmax              atol 1e-10, rtol 1e-7, against the exact softmax
    cross_entropy        atol 1e-5,  rtol 1e-6, against the exact mean loss
    cross_entropy_grad   atol 1e-6,  rtol 1e-4, against central differences of the exact mean loss
The grader's labels always have probability ≥ 0.05 under softmax(logits), so clipping probabilities at a small
ε (say 1e-7 or less) before the log, or log(p + ε), is accepted.

Left open: loops versus vectorised code, and how you compute each value (log-softmax or log of a stable softmax,
np.eye one-hot or fancy indexing) as long as it is right to within the tolerances.
"""

import numpy as np


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax: p[i, c] = e^(z[i, c]) / Σ_j e^(z[i, j]).

    Args:
        z: float array, shape (n, K).

    Returns:
        float array, shape (n, K): every entry in [0, 1], every ROW sums to 1. Finite for any finite z, including
        rows like [1000, 1001, 999] and [-1000, -1001, -999] (subtract the row's maximum first).
    """
    raise NotImplementedError


def cross_entropy(logits: np.ndarray, y: np.ndarray) -> float:
    """The mean softmax cross-entropy: L = (1/n)·Σ_i −log softmax(logits)[i, y_i].

    Args:
        logits: float array, shape (n, K).
        y: integer class ids, shape (n,).

    Returns:
        one float (a Python float or a NumPy scalar, not an array of shape (n,) or (1,)): the MEAN over the n rows
        (not the sum, not the mean over all n·K entries), in nats (natural log). Computed stably: with
        s = logits[i] − max(logits[i]), −log softmax(logits)[i, c] = log Σ_j e^(s_j) − s_c.
    """
    raise NotImplementedError


def cross_entropy_grad(logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The gradient of cross_entropy(logits, y) (the MEAN loss) with respect to logits.

    Args:
        logits: float array, shape (n, K).
        y: integer class ids, shape (n,).

    Returns:
        float array, shape (n, K) — the same shape as logits: dL/dlogits = (softmax(logits) − Y) / n, with Y the
        one-hot encoding of y (Y[i, y_i] = 1) with K = logits.shape[1] columns. Note the sign (P − Y, the
        direction in which the loss INCREASES) and the 1/n that comes from the mean. The grader compares it with
        central differences of the exact loss, entry by entry.
    """
    raise NotImplementedError
