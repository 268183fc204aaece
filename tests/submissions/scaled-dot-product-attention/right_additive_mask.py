"""Right: the additive-mask style of many tutorials (scores + (1 − mask)·(−1e9)), Q scaled first, matmul."""
import numpy as np


def softmax(x, axis=-1):
    x = x - np.max(x, axis=axis, keepdims=True)
    ex = np.exp(x)
    return ex / np.sum(ex, axis=axis, keepdims=True)


def attention(Q, K, V, mask=None):
    d_k = K.shape[-1]
    scores = np.matmul(Q / np.sqrt(d_k), np.swapaxes(K, -2, -1))
    if mask is not None:
        scores = scores + (1.0 - mask.astype(float)) * -1e9
    attn = softmax(scores, axis=-1)
    return np.matmul(attn, V), attn
