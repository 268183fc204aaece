"""Multi-head self-attention: project, split the model axis into heads, attend per head, merge, project — the
reference."""

from __future__ import annotations

import numpy as np


def softmax(scores: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, with the row maximum subtracted first."""
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


class MultiHeadAttention:
    """Self-attention with n_heads heads of size dk = d_model // n_heads; every projection is x @ W + b."""

    def __init__(self, d_model: int, n_heads: int, seed: int = 0):
        if d_model % n_heads:
            raise ValueError(f"d_model={d_model} is not divisible by n_heads={n_heads}")
        self.d_model, self.n_heads, self.d_k = d_model, n_heads, d_model // n_heads
        rng = np.random.default_rng(seed)
        scale = 1.0 / np.sqrt(d_model)  # keeps x @ W on the scale of x
        self.Wq, self.Wk, self.Wv, self.Wo = (rng.normal(0.0, scale, size=(d_model, d_model)) for _ in range(4))
        self.bq, self.bk, self.bv, self.bo = (np.zeros(d_model) for _ in range(4))

    def _split(self, t: np.ndarray) -> np.ndarray:
        """(batch, seq, d_model) -> (batch, n_heads, seq, d_k): head h takes columns h·dk … (h+1)·dk − 1."""
        batch, seq, _ = t.shape
        return t.reshape(batch, seq, self.n_heads, self.d_k).transpose(0, 2, 1, 3)

    def forward(self, x: np.ndarray, causal: bool = False) -> np.ndarray:
        """x (batch, seq, d_model) -> (batch, seq, d_model); causal=True lets position i see only j ≤ i."""
        batch, seq, _ = x.shape
        q = self._split(x @ self.Wq + self.bq)
        k = self._split(x @ self.Wk + self.bk)
        v = self._split(x @ self.Wv + self.bv)
        scores = q @ k.swapaxes(-1, -2) / np.sqrt(self.d_k)  # (batch, n_heads, seq, seq)
        if causal:
            scores = np.where(np.tril(np.ones((seq, seq), dtype=bool)), scores, -np.inf)
        heads = softmax(scores) @ v  # (batch, n_heads, seq, d_k)
        merged = heads.transpose(0, 2, 1, 3).reshape(batch, seq, self.d_model)  # heads side by side, in order
        return merged @ self.Wo + self.bo
