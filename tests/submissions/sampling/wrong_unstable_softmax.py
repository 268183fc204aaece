"""Wrong: np.exp of the raw logits, without subtracting the maximum (overflows for logits ~1000)."""
import numpy as np


def softmax(z):
    e = np.exp(z)
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
        keep = p >= p[order[cut]]
        p = np.where(keep, p, 0.0)
        p = p / p.sum()
    return p


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = next_token_probs(logits, temperature, top_k, top_p)
    return int(rng.choice(len(p), p=p))
