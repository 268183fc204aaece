"""Wrong: the nucleus is cut by position in the sorted order, so tokens tied with the last one kept are dropped."""
import numpy as np


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / e.sum()


def next_token_probs(logits, temperature=1.0, top_k=None, top_p=None):
    z = np.asarray(logits, dtype=float) / temperature
    if top_k is not None and top_k < len(z):
        kth = np.sort(z)[-top_k]
        z = np.where(z >= kth, z, -np.inf)
    p = softmax(z)
    if top_p is not None:
        order = np.argsort(-p)
        cum = np.cumsum(p[order])
        cut = min(int(np.searchsorted(cum, top_p)), len(p) - 1)
        keep = np.zeros(len(p), dtype=bool)
        keep[order[:cut + 1]] = True
        p = np.where(keep, p, 0.0)
        p = p / p.sum()
    return p


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = next_token_probs(logits, temperature, top_k, top_p)
    return int(rng.choice(len(p), p=p))
