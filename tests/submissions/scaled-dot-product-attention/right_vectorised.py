"""Right: einsum over any leading axes, a −1e9 fill and a log-sum-exp softmax."""
import numpy as np


def attention(Q, K, V, mask=None):
    d = Q.shape[-1]
    scores = np.einsum("...qd,...kd->...qk", Q, K) / np.sqrt(d)
    if mask is not None:
        scores = np.where(mask, scores, -1e9)
    m = scores.max(axis=-1, keepdims=True)
    log_z = m + np.log(np.exp(scores - m).sum(axis=-1, keepdims=True))
    weights = np.exp(scores - log_z)
    out = np.einsum("...qk,...kv->...qv", weights, V)
    return out, weights
