"""Right: argsort, -inf masks and boolean scatter (nanoGPT style top-k); sample with rng.choice."""
import numpy as np


def next_token_probs(logits, temperature=1.0, top_k=None, top_p=None):
    logits = np.asarray(logits, dtype=np.float64) / temperature
    if top_k is not None:
        k = min(top_k, logits.size)
        v = np.sort(logits)[-k]
        logits = np.where(logits < v, -np.inf, logits)
    probs = np.exp(logits - np.max(logits))
    probs /= probs.sum()
    if top_p is not None:
        idx = np.argsort(-probs)
        sorted_probs = probs[idx]
        cumulative = np.cumsum(sorted_probs)
        before = cumulative - sorted_probs  # mass strictly above each token
        keep_sorted = before < top_p
        edge = sorted_probs[keep_sorted][-1]
        keep = probs >= edge
        probs = np.where(keep, probs, 0.0)
        probs /= probs.sum()
    return probs


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    probs = next_token_probs(logits, temperature=temperature, top_k=top_k, top_p=top_p)
    return rng.choice(len(probs), p=probs)
