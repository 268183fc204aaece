"""Hidden tests for `scaled-dot-product-attention`. attention(Q, K, V, mask) has one right answer, so `out` and
`weights` are compared with the reference's: weights to 1e-7 relative + 1e-12 absolute (a blocked key's weight
must therefore be 0 to within 1e-12, whether the fill was −inf or −1e9), out to 1e-7 relative + 1e-9·max|V|
absolute. Shapes are strict. When a result differs, the judge replays the classic mistakes on the same inputs (no
scaling, 1/d, 1/√dv, softmax over the queries, the mask inverted, ignored or multiplied in after the softmax,
weights returned before masking, K.T on a batch) and names the one the submission matches. The spec leaves a
fully blocked row open, so no mask sent here blocks a whole row."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

RTOL = 1e-7
W_ATOL = 1e-12
Variant = Callable[..., tuple[np.ndarray, np.ndarray]]


def _softmax(s: np.ndarray, axis: int = -1) -> np.ndarray:
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def replay(Q: np.ndarray, K: np.ndarray, V: np.ndarray, mask: np.ndarray | None, *, scale: str = "sqrt_d",
           axis: int = -1, mask_mode: str = "before", k_t: bool = False,
           weights_unmasked: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """attention as the spec says (defaults), or one classic mistake; raises if that mistake cannot run here."""
    d, dv, lk = Q.shape[-1], V.shape[-1], K.shape[-2]
    factor = {"sqrt_d": np.sqrt(d), "none": 1.0, "d": float(d), "sqrt_dv": np.sqrt(dv), "sqrt_lk": np.sqrt(lk)}[scale]
    Kt = K.T if k_t else K.swapaxes(-1, -2)
    with np.errstate(all="ignore"):
        scores = (Q @ Kt) / factor
        unmasked = _softmax(scores, axis)
        if mask is None or mask_mode == "ignored":
            weights = unmasked
        elif mask_mode == "before":
            weights = _softmax(np.where(mask, scores, -np.inf), axis)
        elif mask_mode == "inverted":
            weights = _softmax(np.where(mask, -np.inf, scores), axis)
        elif mask_mode == "multiplied":
            weights = unmasked * mask
        else:  # pragma: no cover - the variants are listed below
            raise ValueError(mask_mode)
        out = weights @ V
    return out, (unmasked if weights_unmasked else weights)


VARIANTS: list[tuple[dict[str, object], str]] = [
    ({"scale": "none"}, "the scores are not scaled — divide Q·Kᵀ by √d, d = Q.shape[-1]"),
    ({"scale": "d"}, "the scores are divided by d instead of √d — use np.sqrt(d), d = Q.shape[-1]"),
    ({"scale": "sqrt_dv"}, "the scores are divided by √dv (V's last axis) — the scale is 1/√d with d = "
     "Q.shape[-1], the size of the queries and keys"),
    ({"scale": "sqrt_lk"}, "the scores are divided by √Lk (the number of keys) — the scale is 1/√d with d = "
     "Q.shape[-1]"),
    ({"axis": -2}, "the softmax runs over the queries (axis -2): each COLUMN sums to 1 — normalise over the keys, "
     "the last axis: axis=-1, keepdims=True"),
    ({"k_t": True}, "K.T reverses EVERY axis, so for a batch the batch axis ends up inside the matrix product — "
     "transpose only the last two: K.swapaxes(-1, -2)"),
    ({"mask_mode": "inverted"}, "the mask is inverted: True means the key MAY be attended — block where mask is "
     "False: np.where(mask, scores, -np.inf)"),
    ({"mask_mode": "ignored"}, "the mask is ignored — replace the blocked scores (mask False) by −inf before the "
     "softmax"),
    ({"mask_mode": "multiplied"}, "the weights are multiplied by the mask AFTER the softmax, so the rows no longer "
     "sum to 1 — mask the scores BEFORE the softmax (np.where(mask, scores, -np.inf)) so it renormalises over the "
     "allowed keys"),
    ({"weights_unmasked": True}, "out is right but the weights returned are the ones from BEFORE masking — return "
     "the masked weights, the ones out was computed with"),
]


def _matches(got: np.ndarray, want: np.ndarray, atol: float) -> bool:
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= atol + RTOL * np.abs(want)))


def _like(got: np.ndarray, want: np.ndarray, atol: float) -> bool:
    """got equals want wherever want is finite (a mistake's replay may leave a fully blocked row NaN, where real
    code gives NaN, a uniform row or something else, depending on the fill)."""
    if got.shape != want.shape:
        return False
    ok = np.isfinite(want)
    with np.errstate(all="ignore"):
        return bool(ok.any() and np.all(np.abs(got - want)[ok] <= atol + RTOL * np.abs(want[ok])))


def _out_atol(V: np.ndarray) -> float:
    return 1e-9 * max(1.0, float(np.abs(V).max()))


def _max_score(case: Case) -> float:
    Q, K = case.inputs["Q"], case.inputs["K"]
    return float(np.abs(Q @ K.swapaxes(-1, -2)).max() / np.sqrt(Q.shape[-1]))


def diagnose(case: Case, out: np.ndarray, weights: np.ndarray) -> str:
    """The likely cause of a wrong (out, weights): the classic mistake it matches, or where it goes wrong."""
    Q, K, V, mask = case.inputs["Q"], case.inputs["K"], case.inputs["V"], case.inputs.get("mask")
    right_out, right_w = replay(Q, K, V, mask)
    atol = _out_atol(V)
    finite = bool(np.all(np.isfinite(out)) and np.all(np.isfinite(weights)))
    if not finite and _max_score(case) > 700:
        return ("e^x overflowed into inf and inf/inf = NaN — subtract each row's maximum from the scores before "
                "np.exp (the softmax does not change)")
    for change, cause in VARIANTS:
        try:
            v_out, v_w = replay(Q, K, V, mask, **change)  # type: ignore[arg-type]
        except (ValueError, IndexError):
            continue  # this mistake cannot even run on these shapes
        if _matches(v_out, right_out, atol) and _matches(v_w, right_w, W_ATOL):
            continue  # indistinguishable from the right answer on this input
        if _like(out, v_out, 10 * atol) and _like(weights, v_w, 1e-10):
            return cause
    if not finite:
        return ("a row with no allowed key gives 0/0 = NaN, or e^x overflowed — mask BEFORE the softmax with −inf "
                "(or −1e9) where mask is False, and subtract each row's maximum first")
    rows = weights.sum(axis=-1)
    if not np.allclose(rows, 1.0, atol=1e-9):
        if np.allclose(weights.sum(axis=-2), 1.0, atol=1e-9):
            return ("each COLUMN of weights sums to 1 — the softmax must run over the keys, the last axis "
                    "(axis=-1, keepdims=True)")
        return ("the rows of weights do not sum to 1 — softmax over the last axis: e / e.sum(axis=-1, keepdims=True) "
                "(and mask before the softmax, not after)")
    if _matches(weights, right_w, W_ATOL):
        return "the weights are right but out is not — out = weights @ V (a matrix product over the keys)"
    return ("compare step by step: scores = Q @ K.swapaxes(-1, -2) / np.sqrt(d), blocked scores → −inf, softmax over "
            "the last axis, out = weights @ V")


def _results(case: Case, got: Outputs) -> tuple[np.ndarray, np.ndarray]:
    """(out, weights) with the spec's shapes and finite, or Fail."""
    Q, K, V = case.inputs["Q"], case.inputs["K"], case.inputs["V"]
    out_shape = (*Q.shape[:-1], V.shape[-1])
    w_shape = (*Q.shape[:-1], K.shape[-2])
    out = checks.value(got, "out", "out (the first value returned)")
    weights = checks.value(got, "weights", "weights (the second value returned)")
    if out.shape == w_shape and weights.shape == out_shape and out_shape != w_shape:
        raise Fail(f"out has shape {out.shape} and weights {weights.shape}: they look swapped",
                   expected=f"out {out_shape}, weights {w_shape}", got=f"out {out.shape}, weights {weights.shape}",
                   cause="return (out, weights) in this order — out first")
    out = checks.array(got, "out", "out", out_shape, finite=False).astype(float)
    weights = checks.array(got, "weights", "weights", w_shape, finite=False).astype(float)
    for what, arr in (("weights", weights), ("out", out)):
        if not np.all(np.isfinite(arr)):
            first = tuple(np.argwhere(~np.isfinite(arr))[0])
            raise Fail(f"{what} contains NaN or inf (first at index {checks.index_text(first)})",
                       got=checks.fmt(arr), cause=diagnose(case, out, weights))
    return out, weights


def _single_precision(got: Outputs, keys: tuple[str, ...]) -> str:
    """The cause when a result came back in float32/float16, whose rounding is far above the tolerance."""
    for key in keys:
        arr = got.get(key)
        if arr is not None and arr.dtype.kind == "f" and arr.dtype.itemsize < 8:
            return (f"{key} is {arr.dtype}: single-precision rounding (~1e-7) is far above the tolerance — keep the "
                    "computation in float64, NumPy's default (no .astype(np.float32))")
    return ""


def judge_attention(case: Case, got: Outputs, expected: Outputs) -> None:
    out, weights = _results(case, got)
    exp_out, exp_w = expected.values["out"], expected.values["weights"]
    V = case.inputs["V"]
    mask = case.inputs.get("mask")
    ok_w = _matches(weights, exp_w, W_ATOL)
    ok_out = _matches(out, exp_out, _out_atol(V))
    if ok_w and ok_out:
        return
    cause = _single_precision(got, ("out", "weights")) or diagnose(case, out, weights)
    if mask is not None and not ok_w:
        blocked = ~np.broadcast_to(mask, exp_w.shape)
        leak = np.abs(weights) * blocked
        if leak.max() > W_ATOL:
            i = tuple(np.argwhere(leak > W_ATOL)[0])
            raise Fail(f"weights{checks.index_text(i)} = {weights[i]:.3g} for a BLOCKED key (mask False): "
                       f"{int((leak > W_ATOL).sum())} of {int(blocked.sum())} blocked weights are not 0 (tolerance "
                       f"{W_ATOL:g})", expected=f"0 at every blocked position; weights {checks.fmt(exp_w)}",
                       got=checks.fmt(weights), cause=cause)
    if not ok_w:
        checks.close(weights, exp_w, "weights", rtol=RTOL, atol=W_ATOL, cause=cause)
    checks.close(out, exp_out, "out", rtol=RTOL, atol=_out_atol(V), cause=cause)


def judge_unchanged(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_attention(case, got, expected)
    for name in ("Q", "K", "V"):
        after = checks.value(got, f"{name}_after", f"{name} after the call")
        before = case.inputs[name]
        if after.shape != before.shape or not np.array_equal(after, before):
            factor = float(np.median(after / before)) if after.shape == before.shape else float("nan")
            raise Fail(f"attention changed its input {name} in place (it is not the array it was given after the "
                       "call)", expected=checks.fmt(before), got=checks.fmt(after),
                       cause=f"{name} came back multiplied by {factor:.4g} — an in-place `{name} /= np.sqrt(d)` or "
                       f"`{name} *= …` edits the caller's array; write scores = Q @ K.swapaxes(-1, -2) / np.sqrt(d)"
                       if np.isfinite(factor) and abs(factor - 1) > 1e-9 else
                       f"don't write into {name}: compute new arrays instead")


def _qkv(seed: int, lead: tuple[int, ...], lq: int, lk: int, d: int, dv: int,
         scale: float = 1.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"Q": scale * rng.standard_normal((*lead, lq, d)), "K": scale * rng.standard_normal((*lead, lk, d)),
            "V": rng.uniform(-3, 3, size=(*lead, lk, dv))}


def _random_mask(seed: int, shape: tuple[int, ...]) -> np.ndarray:
    rng = np.random.default_rng(seed)
    mask = rng.uniform(size=shape) < 0.5
    rows = mask.reshape(-1, shape[-1])
    rows[np.arange(len(rows)), rng.integers(shape[-1], size=len(rows))] = True  # never a fully blocked row
    return mask


def _case(name: str, call: str, on: str, inputs: dict[str, np.ndarray], *, judge=judge_attention,
          save_args: tuple[str | None, ...] = ()) -> Case:
    args = ("Q", "K", "V", "mask") if "mask" in inputs else ("Q", "K", "V")
    return Case(name, call, on, inputs, (func("attention", *args, save=("out", "weights"), save_args=save_args),),
                judge)


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    causal = np.tril(np.ones((6, 6), dtype=bool))
    one = _qkv(11, (), 5, 7, 8, 3)
    batch = _qkv(12, (4,), 6, 4, 4, 3)
    heads = _qkv(13, (2, 3), 5, 6, 8, 4)
    self_att = _qkv(14, (2,), 6, 6, 8, 5)
    self_att["K"] = self_att["Q"] + 0.5 * np.random.default_rng(15).standard_normal(self_att["Q"].shape)
    padding = _qkv(16, (2, 2), 4, 6, 8, 3)
    pad_mask = np.ones((2, 1, 1, 6), dtype=bool)
    pad_mask[0, ..., 4:] = False  # sequence 0 has 4 real tokens, sequence 1 has 6
    rand = _qkv(17, (3,), 5, 7, 6, 2)
    big = _qkv(18, (2,), 5, 6, 16, 3, scale=100.0)
    big_mask = _random_mask(19, (2, 5, 6))
    plain = _qkv(20, (2,), 4, 5, 6, 3)
    return [
        _case("one_sequence_no_mask", "out, weights = attention(Q, K, V)",
              "Q (5, 8), K (7, 8), V (7, 3): no leading axes (so a transpose of 3 fixed axes fails; "
              "K.swapaxes(-1, -2) works for any number), Lq ≠ Lk, dv ≠ d; seed 11", one),
        _case("batch_of_sequences", "out, weights = attention(Q, K, V)",
              "Q (4, 6, 4), K (4, 4, 4), V (4, 4, 3): a batch of 4; seed 12", batch),
        _case("batch_and_heads_4d", "out, weights = attention(Q, K, V)",
              "Q (2, 3, 5, 8), K (2, 3, 6, 8), V (2, 3, 6, 4): batch 2 × 3 heads — any number of leading axes; "
              "transpose only the last two axes of K (K.swapaxes(-1, -2)); seed 13", heads),
        _case("causal_mask", "out, weights = attention(Q, K, V, mask)  # mask = np.tril(np.ones((6, 6), bool))",
              "Q, K (2, 6, 8), V (2, 6, 5): self-attention, seeds 14–15; mask (6, 6) lower triangular, broadcast "
              "over the batch (True = may attend)", {**self_att, "mask": causal}),
        _case("padding_mask_broadcast", "out, weights = attention(Q, K, V, mask)",
              "Q (2, 2, 4, 8), K (2, 2, 6, 8), V (2, 2, 6, 3), seed 16; key-padding mask (2, 1, 1, 6): the last 2 "
              "keys of sequence 0 are blocked", {**padding, "mask": pad_mask}),
        _case("random_mask", "out, weights = attention(Q, K, V, mask)",
              "Q (3, 5, 6), K (3, 7, 6), V (3, 7, 2), seed 17; mask (3, 5, 7) random, every row with at least one "
              "True, seed 17", {**rand, "mask": _random_mask(17, (3, 5, 7))}),
        _case("large_scores_stay_finite", "out, weights = attention(Q, K, V, mask)",
              "Q (2, 5, 16), K (2, 6, 16) with entries ~100, so the scores reach ~1e4; V (2, 6, 3); random mask "
              "(2, 5, 6); seeds 18–19", {**big, "mask": big_mask}),
        _case("inputs_left_unchanged", "out, weights = attention(Q, K, V), then Q, K and V are looked at again",
              "Q (2, 4, 6), K (2, 5, 6), V (2, 5, 3), seed 20", plain, judge=judge_unchanged,
              save_args=("Q_after", "K_after", "V_after")),
    ]


def perf() -> Perf:
    inputs = _qkv(31, (8, 4), 64, 64, 16, 16)
    inputs["mask"] = np.tril(np.ones((64, 64), dtype=bool))
    return Perf(
        steps=(func("attention", "Q", "K", "V", "mask"),),
        inputs=inputs,
        describe="attention(Q, K, V, causal mask), Q, K, V (8, 4, 64, 16): batch 8 × 4 heads × 64 tokens",
        slow_hint="a Python loop over the batch, the heads or the queries? one Q @ K.swapaxes(-1, -2) covers every "
        "leading axis at once",
    )
