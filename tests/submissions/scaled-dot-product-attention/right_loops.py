"""Right: loops over every leading index and every query, with math.exp-style care done in NumPy per row."""
import numpy as np


def attention(Q, K, V, mask=None):
    Q, K, V = np.asarray(Q, dtype=float), np.asarray(K, dtype=float), np.asarray(V, dtype=float)
    lead = Q.shape[:-2]
    Lq, d = Q.shape[-2:]
    Lk, dv = V.shape[-2:]
    if mask is None:
        mask = np.ones((Lq, Lk), dtype=bool)
    mask = np.broadcast_to(mask, lead + (Lq, Lk))
    out = np.zeros(lead + (Lq, dv))
    weights = np.zeros(lead + (Lq, Lk))
    for idx in np.ndindex(*lead):
        q, k, v, m = Q[idx], K[idx], V[idx], mask[idx]
        for i in range(Lq):
            scores = []
            for j in range(Lk):
                scores.append(np.dot(q[i], k[j]) / np.sqrt(d))
            allowed = [j for j in range(Lk) if m[i, j]]
            top = max(scores[j] for j in allowed)
            total = 0.0
            for j in allowed:
                weights[idx + (i, j)] = np.exp(scores[j] - top)
                total += weights[idx + (i, j)]
            for j in allowed:
                weights[idx + (i, j)] /= total
                out[idx + (i,)] += weights[idx + (i, j)] * v[j]
    return out, weights
