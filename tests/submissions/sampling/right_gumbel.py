"""Right: log-space filtering and Gumbel-max sampling (argmax of log p + Gumbel noise from rng)."""
import numpy as np


def log_softmax(z):
    m = z.max()
    return z - m - np.log(np.sum(np.exp(z - m)))


def next_token_probs(logits, temperature=1.0, top_k=None, top_p=None):
    z = np.array(logits, dtype=float) / temperature
    if top_k:
        z[z < np.partition(z, -min(top_k, z.size))[-min(top_k, z.size)]] = -np.inf
    p = np.exp(log_softmax(z))
    if top_p is not None:
        desc = np.sort(p)[::-1]
        n_keep = int(np.argmax(np.cumsum(desc) >= top_p)) + 1 if np.cumsum(desc)[-1] >= top_p else desc.size
        p[p < desc[n_keep - 1]] = 0.0
        p /= p.sum()
    return p


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    p = next_token_probs(logits, temperature, top_k, top_p)
    with np.errstate(divide="ignore"):
        scores = np.log(p) + rng.gumbel(size=p.size)
    return int(np.argmax(scores))
