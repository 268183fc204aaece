"""Right: a helper attention function, np.split into heads and np.concatenate back (a loop over heads only)."""
import numpy as np


def scaled_dot_product(q, k, v, mask=None):
    d_k = q.shape[-1]
    scores = np.matmul(q, np.swapaxes(k, -1, -2)) / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    scores = scores - scores.max(axis=-1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=-1, keepdims=True)
    return np.matmul(weights, v)


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        np.random.seed(seed)
        self.n_heads = n_heads
        self.Wq = np.random.randn(d_model, d_model) * 0.1
        self.Wk = np.random.randn(d_model, d_model) * 0.1
        self.Wv = np.random.randn(d_model, d_model) * 0.1
        self.Wo = np.random.randn(d_model, d_model) * 0.1
        self.bq = np.zeros(d_model)
        self.bk = np.zeros(d_model)
        self.bv = np.zeros(d_model)
        self.bo = np.zeros(d_model)

    def forward(self, x, causal=False):
        seq = x.shape[1]
        mask = np.tril(np.ones((seq, seq), dtype=bool)) if causal else None
        qs = np.split(x @ self.Wq + self.bq, self.n_heads, axis=-1)
        ks = np.split(x @ self.Wk + self.bk, self.n_heads, axis=-1)
        vs = np.split(x @ self.Wv + self.bv, self.n_heads, axis=-1)
        heads = [scaled_dot_product(q, k, v, mask) for q, k, v in zip(qs, ks, vs)]
        return np.concatenate(heads, axis=-1) @ self.Wo + self.bo
