"""Wrong: out uses the masked weights, but the weights returned are those computed before masking."""
import numpy as np


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def attention(Q, K, V, mask=None):
    scores = Q @ K.swapaxes(-1, -2) / np.sqrt(Q.shape[-1])
    weights = softmax(scores)
    if mask is not None:
        masked = softmax(np.where(mask, scores, -np.inf))
        return masked @ V, weights
    return weights @ V, weights
