"""Next-token sampling: temperature, top-k, then nucleus (top-p) filtering, and one draw — the reference."""

from __future__ import annotations

import numpy as np


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax of a vector, with its maximum subtracted first (e^(−inf) = 0 for filtered logits)."""
    e = np.exp(z - z.max())
    return e / e.sum()


def next_token_probs(
    logits: np.ndarray, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None
) -> np.ndarray:
    """Probabilities over the vocabulary after temperature, top-k and top-p filtering; zeros where filtered."""
    z = np.asarray(logits, dtype=float) / temperature
    if top_k is not None and top_k < z.size:
        kth = np.partition(z, -top_k)[-top_k]  # the k-th largest logit
        z = np.where(z >= kth, z, -np.inf)  # ">=": every logit tied with the k-th is kept
    p = softmax(z)
    if top_p is not None:
        ranked = np.sort(p)[::-1]
        cut = min(int(np.searchsorted(np.cumsum(ranked), top_p)), p.size - 1)  # first prefix whose mass >= top_p
        p = np.where(p >= ranked[cut], p, 0.0)  # ">=": ties with the last token kept stay too
        p = p / p.sum()
    return p


def sample(
    logits: np.ndarray,
    rng: np.random.Generator,
    temperature: float = 1.0,
    top_k: int | None = None,
    top_p: float | None = None,
) -> int:
    """One token id drawn from next_token_probs(logits, …) with the given generator."""
    p = next_token_probs(logits, temperature, top_k, top_p)
    return int(rng.choice(p.size, p=p))
