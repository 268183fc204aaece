"""Wrong: the heads are merged by a bare reshape, without transposing back first."""
import numpy as np


def softmax(x, axis=-1):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        rng = np.random.default_rng(seed)
        self.d_model = d_model
        self.n_heads = n_heads
        self.d_k = d_model // n_heads
        s = 1 / np.sqrt(d_model)
        self.Wq = rng.normal(0, s, (d_model, d_model))
        self.Wk = rng.normal(0, s, (d_model, d_model))
        self.Wv = rng.normal(0, s, (d_model, d_model))
        self.Wo = rng.normal(0, s, (d_model, d_model))
        self.bq = np.zeros(d_model)
        self.bk = np.zeros(d_model)
        self.bv = np.zeros(d_model)
        self.bo = np.zeros(d_model)

    def split_heads(self, t):
        b, s, _ = t.shape
        return t.reshape(b, s, self.n_heads, self.d_k).transpose(0, 2, 1, 3)

    def merge_heads(self, t):
        b, _, s, _ = t.shape
        return t.reshape(b, s, self.d_model)

    def forward(self, x, causal=False):
        Q = self.split_heads(x @ self.Wq + self.bq)
        K = self.split_heads(x @ self.Wk + self.bk)
        V = self.split_heads(x @ self.Wv + self.bv)
        scores = Q @ K.transpose(0, 1, 3, 2) / np.sqrt(self.d_k)
        if causal:
            seq = x.shape[1]
            blocked = np.triu(np.ones((seq, seq)), k=1).astype(bool)
            scores = np.where(blocked, -1e9, scores)
        weights = softmax(scores, axis=-1)
        return self.merge_heads(weights @ V) @ self.Wo + self.bo
