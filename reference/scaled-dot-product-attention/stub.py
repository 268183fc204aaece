"""Scaled dot-product attention from scratch.

Interview question: "Implement the attention of 'Attention is all you need': softmax(QKᵀ/√d)·V, with a mask."
Use NumPy (and the standard library) only. Check your work with `drill check scaled-dot-product-attention`.
"""

import numpy as np


def attention(Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None = None):
    """Scaled dot-product attention: weights = softmax(Q·Kᵀ / √d) over the keys, out = weights · V.

    Args:
        Q: float array, shape (..., Lq, d) — one query per row.
        K: float array, shape (..., Lk, d) — one key per row; the same d as Q.
        V: float array, shape (..., Lk, dv) — one value per key; dv may differ from d.
            "..." is any number of leading axes (none, a batch, a batch and heads: (B, H, L, d)), the same for
            Q, K and V. Transpose only the LAST TWO axes of K: K.swapaxes(-1, -2) (or np.swapaxes(K, -1, -2),
            or einsum). K.T reverses every axis, which for a 3-D K swaps the batch axis into the matrix product.
        mask: None (every query attends to every key), or a BOOLEAN array broadcastable to (..., Lq, Lk):
            mask[..., i, j] True means query i MAY attend to key j; False means it is blocked. Examples: a causal
            mask np.tril(np.ones((L, L), dtype=bool)), or a key-padding mask of shape (B, 1, 1, Lk) for (B, H, …).

    Returns:
        (out, weights), a tuple in this order:
        out: float array, shape (..., Lq, dv) — weights @ V.
        weights: float array, shape (..., Lq, Lk) — the attention weights actually used for out: row i is query
            i's distribution over the keys (every entry ≥ 0, every row sums to 1, the softmax runs over the LAST
            axis, the keys — not over the queries).

    The rules the grader checks:
    - scale by 1/√d with d = Q.shape[-1] (the key/query size) — not by d, not by √dv, not by √Lk.
    - masking happens BEFORE the softmax: blocked scores are replaced by −inf (e.g. np.where(mask, scores,
      -np.inf)) or by a very negative number such as −1e9, so the softmax renormalises over the allowed keys.
      A blocked position's weight must come out as 0 to within 1e-12 (−inf gives exactly 0; so does −1e9 in
      float64 for the data the grader sends). Multiplying the weights by the mask after the softmax is wrong:
      the rows no longer sum to 1.
    - numerically stable: scores can reach ~1e4, where e^x overflows to inf and inf/inf = NaN. Subtract each
      row's maximum before exponentiating (softmax does not change).
    - the inputs are left unchanged (don't scale Q in place).

    Left open (the grader never judges it): a row whose mask is all False (no key allowed) — the grader never
    sends one; loops or vectorised code; −inf versus a large negative fill; the order of the operations (scaling
    Q or the scores, matmul or einsum). Out and weights are compared with the reference to 1e-7 relative (plus
    1e-9 times the largest |V|, resp. 1e-12, absolute): work in float64, NumPy's default — float32 rounding is
    far above that.
    """
    raise NotImplementedError
