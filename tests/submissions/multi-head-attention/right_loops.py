"""Right: loops over the batch, the heads and the query positions; column slices for the heads."""
import math

import numpy as np


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        assert d_model % n_heads == 0
        self.d_model = d_model
        self.n_heads = n_heads
        self.d_k = d_model // n_heads
        rng = np.random.default_rng(seed)
        limit = math.sqrt(6 / (2 * d_model))  # Xavier uniform
        self.Wq = rng.uniform(-limit, limit, (d_model, d_model))
        self.Wk = rng.uniform(-limit, limit, (d_model, d_model))
        self.Wv = rng.uniform(-limit, limit, (d_model, d_model))
        self.Wo = rng.uniform(-limit, limit, (d_model, d_model))
        self.bq = np.zeros(d_model)
        self.bk = np.zeros(d_model)
        self.bv = np.zeros(d_model)
        self.bo = np.zeros(d_model)

    def forward(self, x, causal=False):
        batch, seq, _ = x.shape
        out = np.zeros((batch, seq, self.d_model))
        for b in range(batch):
            Q = x[b] @ self.Wq + self.bq
            K = x[b] @ self.Wk + self.bk
            V = x[b] @ self.Wv + self.bv
            concat = np.zeros((seq, self.d_model))
            for h in range(self.n_heads):
                cols = slice(h * self.d_k, (h + 1) * self.d_k)
                for i in range(seq):
                    last = i + 1 if causal else seq
                    scores = [Q[i, cols] @ K[j, cols] / math.sqrt(self.d_k) for j in range(last)]
                    top = max(scores)
                    w = [math.exp(s - top) for s in scores]
                    total = sum(w)
                    for j in range(last):
                        concat[i, cols] += w[j] / total * V[j, cols]
            out[b] = concat @ self.Wo + self.bo
        return out
