"""Hidden tests for `sampling`. next_token_probs is deterministic, so it is compared with the reference's (1e-12
absolute + 1e-9 relative; a filtered token must be 0 to within 1e-12). No input puts a cumulative sum within 1e-6
of top_p, so rounding never decides which tokens survive; ties are sent on purpose, where the spec fixes them
(all tied with the k-th logit kept, all tied with the last nucleus token kept). When a result differs, the judge
replays the classic mistakes (temperature multiplied or ignored, top-p excluding the crossing token, top-p before
top-k, top-p on unsorted or unrenormalised probabilities, no renormalisation, ties dropped, an overflowing
softmax) and names the one the submission matches.

sample is judged by what the spec fixes, whatever the way of drawing: 3,000 calls with one rng must match
next_token_probs token by token within a Chernoff bound — n·KL(p̂ ‖ p) <= ln(2V/δ) for every token, δ = 1e-9, so a
correct sampler fails with probability below 1e-9 — a filtered token must never come up, and a fresh rng with
the same seed must give the same ids again."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func, rng

RTOL, ATOL = 1e-9, 1e-12
DRAWS = 3000
AGAIN = 100
DELTA = 1e-9  # a correct sampler fails the distribution test with probability below this (Chernoff + union)
MARGIN = 1e-6  # no cumulative sum of a test input is this close to top_p


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return e / e.sum()


def replay(logits: np.ndarray, temperature: float = 1.0, top_k: int | None = None, top_p: float | None = None, *,
           temp: str = "divide", strict: bool = False, order: str = "k_then_p", sort: bool = True,
           renorm_k: bool = True, renorm: bool = True, k_ties: bool = True, p_ties: bool = True) -> np.ndarray:
    """next_token_probs as the spec says (defaults), or one classic mistake."""
    z = np.asarray(logits, dtype=float)
    z = {"divide": z / temperature, "multiply": z * temperature, "ignore": z}[temp]
    n = z.size

    def keep_top_k(z: np.ndarray) -> np.ndarray:
        if top_k is None or top_k >= n:
            return z
        if k_ties:
            return np.where(z >= np.sort(z)[-top_k], z, -np.inf)
        out = np.full(n, -np.inf)
        best = np.argsort(-z, kind="stable")[:top_k]
        out[best] = z[best]
        return out

    def nucleus(p: np.ndarray) -> np.ndarray:
        if top_p is None:
            return p
        idx = np.argsort(-p, kind="stable") if sort else np.arange(n)
        cum = np.cumsum(p[idx])
        if strict:
            count = max(1, int(np.sum(cum < top_p)))
        else:
            count = min(int(np.searchsorted(cum, top_p)), n - 1) + 1
        keep = np.zeros(n, dtype=bool)
        keep[idx[:count]] = True
        if p_ties and sort:
            keep |= p >= p[idx[count - 1]]
        return np.where(keep, p, 0.0)

    with np.errstate(all="ignore"):
        if order == "p_then_k":
            p = nucleus(_softmax(z))
            p = np.where(np.isfinite(keep_top_k(z)), p, 0.0)
        elif not renorm_k:  # top-p on the top-k survivors' probabilities before they are renormalised
            full = _softmax(z)
            p = nucleus(np.where(np.isfinite(keep_top_k(z)), full, 0.0))
        else:
            p = nucleus(_softmax(keep_top_k(z)))
        return p / p.sum() if renorm else p


K_TIES = ("exactly k tokens are kept, so a token tied with the k-th largest logit is dropped — keep every token whose "
          "logit is >= the k-th largest (np.sort(z)[-k])")
P_TIES = ("a token tied with the last token of the nucleus is dropped — keep every token whose probability equals "
          "that of the last one kept (p >= that probability)")
VARIANTS: list[tuple[dict[str, object], str]] = [
    ({"temp": "multiply"}, "the logits are MULTIPLIED by the temperature — divide them: z = logits / temperature "
     "(T < 1 sharpens the distribution, T > 1 flattens it)"),
    ({"temp": "ignore"}, "the temperature is ignored — divide the logits by it before the softmax"),
    ({"renorm": False}, "the kept probabilities are not renormalised — divide by their sum so they add up to 1"),
    ({"k_ties": False}, K_TIES),
    ({"strict": True}, "the token whose probability makes the cumulative sum cross top_p is dropped (a strict "
     "cumsum < top_p) — keep the smallest prefix whose mass is >= top_p, crossing token included"),
    ({"order": "p_then_k"}, "top-p is applied before top-k (on the full softmax) — apply top-k first, renormalise "
     "over its survivors, then the nucleus"),
    ({"renorm_k": False}, "top-p is computed on the top-k probabilities before they are renormalised — softmax over "
     "the top-k survivors only (set the others to −inf first), then the nucleus"),
    ({"sort": False}, "the cumulative sum runs over the tokens in vocabulary order — sort the probabilities in "
     "DECREASING order first (np.argsort(-p)), then take the prefix"),
    ({"p_ties": False}, P_TIES),
]


def _close(got: np.ndarray, want: np.ndarray) -> bool:
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= ATOL + RTOL * np.abs(want)))


def _describe(kwargs: dict[str, object]) -> str:
    return "next_token_probs(logits" + "".join(f", {k}={v}" for k, v in kwargs.items()) + ")"


def diagnose(logits: np.ndarray, kwargs: dict[str, object], raw: np.ndarray) -> str:
    right = replay(logits, **kwargs)  # type: ignore[arg-type]
    got = raw.astype(float)
    if not np.all(np.isfinite(got)):
        if float(np.abs(logits).max()) > 700:
            return ("e^z overflowed into inf and inf/inf = NaN — subtract the maximum logit before np.exp "
                    "(the softmax does not change)")
        return "NaN or inf: a division by zero — does every step keep at least one token?"
    for change, cause in VARIANTS:
        variant = replay(logits, **kwargs, **change)  # type: ignore[arg-type]
        if not _close(variant, right) and _close(got, variant):
            return cause
    if raw.dtype.kind == "f" and raw.dtype.itemsize < 8:
        return (f"the probabilities are {raw.dtype}: single-precision rounding (~1e-7) is far above the tolerance "
                "— keep the computation in float64, NumPy's default (no .astype(np.float32))")
    if abs(float(got.sum()) - 1.0) > 1e-9:
        return f"the probabilities sum to {float(got.sum()):.12g}, not 1 — renormalise after filtering"
    kept, want = got > ATOL, right > 0
    if np.array_equal(kept, want):
        return ("the right tokens are kept but with other probabilities — softmax of logits / temperature over the "
                "top-k survivors, then renormalise the nucleus")
    extra, missing = np.flatnonzero(kept & ~want), np.flatnonzero(want & ~kept)
    if missing.size and not extra.size:  # a tie broken instead of kept, whichever of the tied tokens survived
        z = logits / float(kwargs.get("temperature", 1.0))  # type: ignore[arg-type]
        top_k = kwargs.get("top_k")
        if top_k is not None and int(top_k) < z.size and np.all(z[missing] == np.sort(z)[-int(top_k)]):  # type: ignore[call-overload]
            return K_TIES
        if kwargs.get("top_p") is not None and np.all(right[missing] == right[want].min()):
            return P_TIES
    return (f"different tokens survive (kept but filtered out: {extra.tolist()}; missing: {missing.tolist()}) — "
            "temperature, then top-k on the logits (ties kept), softmax, then the nucleus of the sorted "
            "probabilities (crossing token kept), then renormalise")


def _probs(got: Outputs, key: str, what: str, V: int) -> np.ndarray:
    value = checks.value(got, key, what)
    if value.shape == (1, V):
        raise Fail(f"{what} has shape {value.shape}, expected {(V,)}", got=checks.fmt(value),
                   cause="logits are one vector (V,): return a 1-D array, without a batch axis")
    return checks.array(got, key, what, (V,), finite=False)


def judge_probs(case: Case, got: Outputs, expected: Outputs) -> None:
    logits = case.inputs["logits"]
    for key, kwargs in case.params["calls"]:
        what = _describe(kwargs)
        raw = _probs(got, key, what, logits.size)
        p = raw.astype(float)
        exp = expected.values[key]
        if _close(p, exp):
            continue
        cause = diagnose(logits, kwargs, raw)
        if not np.all(np.isfinite(p)):
            first = int(np.flatnonzero(~np.isfinite(p))[0])
            raise Fail(f"{what} contains NaN or inf (first at index {first})", expected=checks.fmt(exp),
                       got=checks.fmt(p), cause=cause)
        leaked = np.flatnonzero((exp == 0) & (np.abs(p) > ATOL))
        if leaked.size:
            i = int(leaked[0])
            raise Fail(f"{what}: token {i} should be filtered out (probability 0) but has {p[i]:.4g}; "
                       f"{leaked.size} filtered token(s) are not 0", expected=checks.fmt(exp), got=checks.fmt(p),
                       cause=cause)
        dropped = np.flatnonzero((exp > 0) & (np.abs(p) <= ATOL))
        if dropped.size:
            i = int(dropped[0])
            raise Fail(f"{what}: token {i} should be kept (probability {exp[i]:.4g}) but is 0; {dropped.size} "
                       "kept token(s) are missing", expected=checks.fmt(exp), got=checks.fmt(p), cause=cause)
        checks.close(p, exp, what, rtol=RTOL, atol=ATOL, cause=cause)


def _ids(got: Outputs, key: str, what: str, count: int, V: int) -> np.ndarray:
    value = checks.value(got, key, what)
    if value.shape == (count, 1):
        raise Fail("each call of sample returned an array of shape (1,), expected one id", got=checks.fmt(value),
                   cause="return a scalar id, e.g. int(rng.choice(V, p=p)) — not rng.choice(V, size=1, p=p)")
    if value.shape == (count,) and value.dtype.kind == "f":
        raise Fail(f"sample returned floats ({checks.fmt(value[:5])}), expected integer token ids",
                   got=checks.fmt(value), cause="return the index of the token drawn (an int), not its probability "
                   "or its logit")
    ids = checks.array(got, key, what, (count,), kinds="biu")
    bad = np.flatnonzero((ids < 0) | (ids >= V))
    if bad.size:
        raise Fail(f"sample returned {ids[bad[0]]}, not a token id in range({V})", got=checks.fmt(ids),
                   cause="return an index into the vocabulary, 0 <= id < V")
    return ids.astype(np.int64)


def _kl(q: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Binary KL(q ‖ p), elementwise, for 0 < p < 1 (0·log 0 = 0)."""
    with np.errstate(all="ignore"):
        a = np.where(q > 0, q * np.log(q / p), 0.0)
        b = np.where(q < 1, (1 - q) * np.log((1 - q) / (1 - p)), 0.0)
    return a + b


def _fits(freq: np.ndarray, p: np.ndarray, n: int) -> bool:
    """Every token within the Chernoff bound, and no draw of a zero-probability token."""
    if np.any((p <= 0) & (freq > 0)):
        return False
    inner = (p > 0) & (p < 1)
    return bool(np.all(n * _kl(freq[inner], p[inner]) <= math.log(2 * p.size / DELTA)))


def judge_distribution(case: Case, got: Outputs, expected: Outputs) -> None:
    logits, kwargs = case.inputs["logits"], case.params["kwargs"]
    V = logits.size
    what = f"sample(logits, rng, {', '.join(f'{k}={v}' for k, v in kwargs.items())})"
    ids = _ids(got, "draws", f"{DRAWS} calls of {what}", DRAWS, V)
    p = expected.values["probs"].astype(float)
    freq = np.bincount(ids, minlength=V) / DRAWS
    shown = ", ".join(f"{q:.3f}" for q in p)
    seen = ", ".join(f"{q:.3f}" for q in freq)
    cause = _sampler_cause(logits, kwargs, freq)
    filtered = np.flatnonzero((p == 0) & (freq > 0))
    if filtered.size:
        i = int(filtered[0])
        raise Fail(f"{what} drew token {i} {int(freq[i] * DRAWS)} times in {DRAWS} calls, but its probability is "
                   "0 (filtered out)", expected=f"frequencies ≈ {shown}", got=seen, cause=cause)
    if _fits(freq, p, DRAWS):
        return
    inner = (p > 0) & (p < 1)
    score = np.where(inner, DRAWS * _kl(freq, np.clip(p, 1e-300, 1 - 1e-16)), 0.0)
    i = int(np.argmax(score))
    raise Fail(f"{what}: token {i} came up in {freq[i]:.1%} of {DRAWS} calls, but next_token_probs gives it "
               f"{p[i]:.1%} (far outside the Chernoff bound n·KL <= {math.log(2 * V / DELTA):.1f}: "
               f"{score[i]:.0f})", expected=f"frequencies ≈ {shown}", got=seen, cause=cause)


def _sampler_cause(logits: np.ndarray, kwargs: dict[str, object], freq: np.ndarray) -> str:
    greedy = np.eye(logits.size)[int(np.argmax(logits))]
    options: list[tuple[np.ndarray, str]] = [
        (greedy, "always the most likely token: that is greedy decoding (argmax) — DRAW from the distribution, "
         "e.g. rng.choice(V, p=p)"),
        (replay(logits, float(kwargs.get("temperature", 1.0))),  # type: ignore[arg-type]
         "the draws follow the unfiltered softmax — draw from next_token_probs(logits, temperature, top_k, top_p), "
         "passing top_k and top_p on"),
        (replay(logits, **{**kwargs, "temperature": 1.0}),  # type: ignore[arg-type]
         "the draws ignore the temperature — pass it on to next_token_probs"),
        (replay(logits, **kwargs, temp="multiply"),  # type: ignore[arg-type]
         "the draws follow logits MULTIPLIED by the temperature — divide"),
        (np.full(logits.size, 1 / logits.size), "every token comes up equally often — draw with p=probabilities "
         "(rng.choice(V, p=p)), not uniformly"),
    ]
    for p, cause in options:
        if _fits(freq, p, DRAWS):
            return cause
    return ("draw with the probabilities of next_token_probs: e.g. rng.choice(V, p=p), or the first i with "
            "cumsum(p)[i] > rng.random()")


def judge_same_seed(case: Case, got: Outputs, expected: Outputs) -> None:
    logits, kwargs = case.inputs["logits"], case.params["kwargs"]
    V = logits.size
    what = f"sample(logits, rng, {', '.join(f'{k}={v}' for k, v in kwargs.items())})"
    first = _ids(got, "first", f"{AGAIN} calls of {what}", AGAIN, V)
    again = _ids(got, "again", f"{AGAIN} calls of {what}", AGAIN, V)
    if not np.array_equal(first, again):
        i = int(np.flatnonzero(first != again)[0])
        raise Fail(f"two runs of {AGAIN} calls, each with a fresh np.random.default_rng(7), differ (first at call "
                   f"{i}: {first[i]} then {again[i]})", expected=checks.fmt(first), got=checks.fmt(again),
                   cause="draw from the rng argument (rng.choice, rng.random, …), not from np.random.* or the "
                   "random module, which the seed does not control")


def _check_margin(logits: np.ndarray, kwargs: dict[str, object]) -> None:
    """A test author's guard: rounding must not decide the nucleus of any input sent."""
    top_p = kwargs.get("top_p")
    if top_p is None:
        return
    z = logits / float(kwargs.get("temperature", 1.0))  # type: ignore[arg-type]
    k = kwargs.get("top_k")
    if k is not None and int(k) < z.size:  # type: ignore[call-overload]
        z = np.where(z >= np.sort(z)[-int(k)], z, -np.inf)  # type: ignore[call-overload]
    cum = np.cumsum(np.sort(_softmax(z))[::-1])
    if np.any(np.abs(cum - float(top_p)) < MARGIN):  # type: ignore[arg-type]
        raise AssertionError(f"a cumulative sum is within {MARGIN} of top_p={top_p}: {cum}")


def probs_case(name: str, logits: np.ndarray, on: str, calls: list[dict[str, Any]]) -> Case:
    keyed = [(f"p{i}", kwargs) for i, kwargs in enumerate(calls)]
    for _, kwargs in keyed:
        _check_margin(logits, kwargs)
    return Case(name, "; ".join(_describe(kw) for _, kw in keyed), on, {"logits": logits},
                tuple(func("next_token_probs", "logits", save=key, **kw) for key, kw in keyed), judge_probs,
                {"calls": keyed})


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    g = np.random.default_rng(71)
    plain = g.normal(0, 2, 8)
    ranked = g.permutation(np.linspace(3.0, -2.0, 12))  # distinct logits, shuffled vocabulary order
    ties_k = np.array([1.5, 3.0, 0.2, 2.0, -1.0, 2.0, 0.7, 2.0])
    ties_p = np.array([1.0, -1.0, 2.0, 1.0, 0.0, 1.0])
    nucleus = np.random.default_rng(72).normal(0, 1.5, 10)
    order = np.array([0.4, 2.2, -0.3, 1.0, 2.0, 0.1, -1.2, 2.1, 0.0, -0.6])
    mixed = np.random.default_rng(73).normal(0, 2.5, 20)
    huge = 1000.0 + np.random.default_rng(74).normal(0, 3.0, 10)
    draw = np.array([1.2, -0.5, 2.0, 0.3, 1.7, -2.0, 0.9, 1.4, -1.0, 0.0])
    sampled: dict[str, Any] = {"temperature": 0.5, "top_k": 6, "top_p": 0.9}
    again: dict[str, Any] = {"temperature": 1.5, "top_k": 5}
    return [
        probs_case("plain_softmax", plain, "logits (8,) ~ N(0, 2²), seed 71; defaults: temperature=1.0, no filters",
                   [{}]),
        probs_case("temperature_divides", plain, "logits (8,) ~ N(0, 2²), seed 71",
                   [{"temperature": 0.5}, {"temperature": 3.0}]),
        probs_case("top_k_keeps_the_k_largest", ranked, "logits (12,): 12 distinct values from 3 down to −2, in "
                   "shuffled vocabulary order, seed 71", [{"top_k": 4}, {"top_k": 1}, {"top_k": 20}]),
        probs_case("top_k_ties_kept", ties_k, "logits [1.5, 3.0, 0.2, 2.0, −1.0, 2.0, 0.7, 2.0]: the 3rd largest "
                   "value, 2.0, appears three times, so 4 tokens survive top_k=3", [{"top_k": 3}]),
        probs_case("top_p_keeps_crossing_token", nucleus, "logits (10,) ~ N(0, 1.5²), seed 72, vocabulary order "
                   "not sorted", [{"top_p": 0.5}, {"top_p": 0.75}, {"top_p": 0.05}]),
        probs_case("top_p_ties_at_edge", ties_p, "logits [1.0, −1.0, 2.0, 1.0, 0.0, 1.0]: the nucleus for "
                   "top_p=0.5 ends inside the three tied 1.0s, which all stay", [{"top_p": 0.5}]),
        probs_case("top_k_then_top_p", order, "logits [0.4, 2.2, −0.3, 1.0, 2.0, 0.1, −1.2, 2.1, 0.0, −0.6]: "
                   "top-k first, renormalised, then the nucleus", [{"top_k": 4, "top_p": 0.6}]),
        probs_case("temperature_top_k_top_p", mixed, "logits (20,) ~ N(0, 2.5²), seed 73",
                   [{"temperature": 0.8, "top_k": 8, "top_p": 0.9}, {"temperature": 2.0, "top_k": 12, "top_p": 0.7}]),
        probs_case("huge_logits_stay_finite", huge, "logits (10,) = 1000 + N(0, 3²), seed 74: e^1000 overflows",
                   [{}, {"top_p": 0.8}]),
        Case("sample_same_seed_same_ids", f"sample(logits, rng, temperature=1.5, top_k=5) {AGAIN} times with "
             "rng = np.random.default_rng(7); then again with a fresh np.random.default_rng(7)",
             "logits (10,): [1.2, −0.5, 2.0, 0.3, 1.7, −2.0, 0.9, 1.4, −1.0, 0.0]", {"logits": draw},
             (func("sample", "logits", rng(7), save="first", repeat=AGAIN, **again),
              func("sample", "logits", rng(7), save="again", repeat=AGAIN, **again)),
             judge_same_seed, {"kwargs": again}),
        Case("sample_follows_the_probabilities", f"sample(logits, rng, temperature=0.5, top_k=6, top_p=0.9) "
             f"{DRAWS} times with one rng = np.random.default_rng(8)",
             "logits (10,): [1.2, −0.5, 2.0, 0.3, 1.7, −2.0, 0.9, 1.4, −1.0, 0.0]; the frequencies are compared "
             f"with next_token_probs (Chernoff bound, false alarm < {DELTA:g})", {"logits": draw},
             (func("next_token_probs", "logits", save="probs", **sampled),
              func("sample", "logits", rng(8), save="draws", repeat=DRAWS, **sampled)),
             judge_distribution, {"kwargs": sampled}),
    ]


def perf() -> Perf:
    logits = np.random.default_rng(81).normal(0, 1.0, 10_000)
    return Perf(
        steps=(func("next_token_probs", "logits", temperature=0.8, top_k=4000, top_p=0.9),),
        inputs={"logits": logits},
        describe="next_token_probs(logits, temperature=0.8, top_k=4000, top_p=0.9), a vocabulary of 10,000",
        slow_hint="a Python loop over the vocabulary? np.sort / np.argsort, np.cumsum and boolean masks do it at once",
    )
