"""Next-token sampling for a language model: temperature, top-k and nucleus (top-p) filtering.

Interview question: "Given the logits of the next token, implement temperature, top-k and top-p sampling."
Use NumPy (and the standard library) only. Check your work with `drill check sampling`.

Shared arguments
----------------
logits : 1-D float array, shape (V,) — one score per token of the vocabulary (no batch axis); may be large
    (~1000): compute the softmax stably, subtracting the maximum before np.exp, or e^1000 = inf gives NaN.
temperature : float > 0, default 1.0 — the logits are DIVIDED by it before the softmax (T < 1 sharpens, T > 1
    flattens). T → 0 (greedy) is left open: the grader never sends T = 0 or a tiny T.
top_k : None (off) or an int ≥ 1 — keep the tokens whose logit is among the k largest. TIES at the k-th largest
    value are all kept, so more than k tokens may survive: keep every token with logit >= the k-th largest
    logit. top_k >= V keeps everything.
top_p : None (off) or a float in (0, 1) — nucleus filtering, applied AFTER top-k to the probabilities
    renormalised over the top-k survivors: sort them in decreasing order and keep the smallest prefix whose
    cumulative mass is >= top_p — the token whose probability makes the sum cross top_p is KEPT (so at least one
    token always survives). Ties at the edge are kept too: every token whose probability equals that of the last
    token kept survives. The grader never sends inputs where rounding decides (no cumulative sum within 1e-6 of
    top_p).
"""

import numpy as np


def next_token_probs(logits: np.ndarray, temperature: float = 1.0, top_k=None, top_p=None) -> np.ndarray:
    """The distribution the next token is drawn from.

    Steps, in this order:
    1. z = logits / temperature;
    2. top-k (if top_k is not None): set the logits below the k-th largest to −inf (ties kept, see above);
    3. p = softmax(z) (stable), so the survivors of top-k sum to 1;
    4. top-p (if top_p is not None): zero the tokens outside the nucleus of p (see above);
    5. renormalise, so the kept probabilities sum to 1.

    Returns:
        float array, shape (V,), in vocabulary order (not sorted): every filtered token has probability 0 (to
        within 1e-12), the rest sum to 1. The result is unique, and the grader compares it with the reference's
        (1e-12 absolute + 1e-9 relative): work in float64, NumPy's default — float32 rounding is far above that.
    """
    raise NotImplementedError


def sample(logits: np.ndarray, rng: np.random.Generator, temperature: float = 1.0, top_k=None, top_p=None) -> int:
    """Draw one token id from next_token_probs(logits, temperature, top_k, top_p).

    Args:
        rng: a np.random.Generator (np.random.default_rng(seed)) — draw from it, never from np.random.* or the
            random module, so that the same seed gives the same ids.

    Returns:
        one token id: an int (a Python int or a NumPy integer), 0 <= id < V — not an array, not the probability.

    Left open: HOW you use rng (rng.choice(V, p=p), an inverse CDF with rng.random(), Gumbel-max with
    rng.gumbel(), …) — any correct sampler passes. The grader calls sample thousands of times with one rng and
    checks that the frequencies match next_token_probs (per-token Chernoff bound: a correct sampler fails with
    probability below 1e-9), that a filtered token is never drawn, and that a fresh rng with the same seed gives
    the same ids again.
    """
    raise NotImplementedError
