"""Right: plain Python loops over the vocabulary (math.exp, sorted), sample by an inverse CDF with rng.random()."""
import math

import numpy as np


def next_token_probs(logits, temperature=1.0, top_k=None, top_p=None):
    z = [float(v) / temperature for v in logits]
    V = len(z)
    keep = [True] * V
    if top_k is not None and top_k < V:
        kth = sorted(z, reverse=True)[top_k - 1]
        keep = [v >= kth for v in z]
    top = max(z[i] for i in range(V) if keep[i])
    e = [math.exp(z[i] - top) if keep[i] else 0.0 for i in range(V)]
    total = sum(e)
    p = [v / total for v in e]
    if top_p is not None:
        order = sorted(range(V), key=lambda i: -p[i])
        cum = 0.0
        last = order[-1]
        for i in order:
            cum += p[i]
            if cum >= top_p:
                last = i
                break
        edge = p[last]
        p = [v if v >= edge else 0.0 for v in p]
        total = sum(p)
        p = [v / total for v in p]
    return np.array(p)


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = next_token_probs(logits, temperature, top_k, top_p)
    u = rng.random()
    cum = 0.0
    for i, q in enumerate(p):
        cum += q
        if u < cum:
            return i
    return int(np.flatnonzero(p)[-1])  # u landed above the rounded total
