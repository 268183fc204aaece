"""Multi-head self-attention from scratch.

Interview question: "Implement multi-head attention (the transformer's), forward pass only, in NumPy." Use NumPy
(and the standard library) only. Check your work with `drill check multi-head-attention`.
"""

import numpy as np


class MultiHeadAttention:
    """Multi-head SELF-attention: queries, keys and values all come from the same x.

    Parameters
    ----------
    d_model : int
        The model width: the last axis of x and of the output.
    n_heads : int
        The number of heads; d_model is a multiple of n_heads, and each head has size dk = d_model // n_heads.
    seed : int, default 0
        Seeds the initial weights: two instances built with the same (d_model, n_heads, seed) get identical
        weights (e.g. rng = np.random.default_rng(seed)).

    Attributes (set in __init__; the grader reads them, then overwrites them)
    -----------------------------------------------------------------------
    Wq, Wk, Wv, Wo : np.ndarray, shape (d_model, d_model), float — used as x @ W (not W @ x), so row i of W
        multiplies feature i of x.
    bq, bk, bv, bo : np.ndarray, shape (d_model,), float — added after each product: x @ Wq + bq.

    The initial values are left open (any scaled random normal or uniform init, biases zero or not); the grader
    only checks their shapes, that they are finite, that the weight matrices are not all zeros, and that the same
    seed gives the same values. It then SETS all eight attributes to known arrays (fresh float64 arrays of the
    same shapes) and calls forward: forward must read self.Wq … self.bo at call time (don't keep copies or a fused
    W_qkv built in __init__).
    """

    def __init__(self, d_model: int, n_heads: int, seed: int = 0):
        raise NotImplementedError

    def forward(self, x: np.ndarray, causal: bool = False) -> np.ndarray:
        """The attention output for a batch of sequences.

        Args:
            x: float array, shape (batch, seq, d_model).
            causal: if True, position i attends only to positions j ≤ i (itself and the past); if False, every
                position attends to every position of its own sequence (sequences in a batch never mix).

        Returns:
            float array, shape (batch, seq, d_model).

        The computation (the grader compares your output with the reference's: relative tolerance 1e-7, absolute
        1e-9 times the output's scale):
        1. Q = x @ Wq + bq, K = x @ Wk + bk, V = x @ Wv + bv, each (batch, seq, d_model).
        2. Split the LAST axis into n_heads consecutive slices: head h uses columns h·dk … (h+1)·dk − 1 of Q, K
           and V. Vectorised: reshape to (batch, seq, n_heads, dk), THEN transpose to (batch, n_heads, seq, dk)
           — reshaping straight to (batch, n_heads, seq, dk) mixes positions.
        3. Per head: weights = softmax(Q_h K_hᵀ / √dk) over the keys (the last axis), with dk the HEAD size, not
           d_model; with causal=True the scores of keys j > i are set to −inf (or −1e9) BEFORE the softmax.
           Subtract each row's maximum before np.exp. head_h = weights @ V_h, shape (batch, seq, dk).
        4. Concatenate the heads along the last axis in head order (head 0 first) back to (batch, seq, d_model),
           then out = concat @ Wo + bo.

        Left open: loops or vectorised code, −inf or a large negative fill, fusing Wq, Wk, Wv into one product
        at call time. Work in float64, NumPy's default (float32 rounding is far above the tolerance). x is left
        unchanged.
        """
        raise NotImplementedError
