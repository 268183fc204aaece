"""Right: one fused QKV product built at call time, einsum over heads, a −1e9 causal fill."""
import numpy as np


class MultiHeadAttention:
    def __init__(self, d_model, n_heads, seed=0):
        self.d_model, self.h = d_model, n_heads
        rng = np.random.default_rng(seed)
        self.Wq, self.Wk, self.Wv, self.Wo = rng.standard_normal((4, d_model, d_model)) * d_model ** -0.5
        self.bq, self.bk, self.bv, self.bo = rng.standard_normal((4, d_model)) * 0.01

    def forward(self, x, causal=False):
        B, T, D = x.shape
        dk = D // self.h
        W = np.concatenate([self.Wq, self.Wk, self.Wv], axis=1)  # (D, 3D), from the current attributes
        b = np.concatenate([self.bq, self.bk, self.bv])
        qkv = (x @ W + b).reshape(B, T, 3, self.h, dk)
        q, k, v = qkv[:, :, 0], qkv[:, :, 1], qkv[:, :, 2]  # (B, T, h, dk)
        att = np.einsum("bihd,bjhd->bhij", q, k) / np.sqrt(dk)
        if causal:
            att = att + np.triu(np.full((T, T), -1e9), k=1)
        att = np.exp(att - att.max(axis=-1, keepdims=True))
        att /= att.sum(axis=-1, keepdims=True)
        y = np.einsum("bhij,bjhd->bihd", att, v).reshape(B, T, D)
        return y @ self.Wo + self.bo
