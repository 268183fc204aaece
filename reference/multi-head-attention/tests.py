"""Hidden tests for `multi-head-attention`. The initial weights are left open, so construction is judged on what
the spec fixes: the eight attributes' shapes, finite values, weight matrices that are not all zeros, and the same
seed giving the same values. forward is judged after the test sets all eight attributes to known arrays: then the
output is unique and is compared with the reference's (relative 1e-7, absolute 1e-9 times the output's scale).
When it differs, the judge replays the classic mistakes on the same weights (heads split by a bare reshape or
interleaved, merged without transposing back, 1/√d_model, the causal mask off by one, inverted or ignored, the
softmax over the queries, Wo or bo forgotten, the weights from __init__ used instead of the assigned ones) and
names the one the submission matches."""

from __future__ import annotations

from typing import Any

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, assign, attr, call, new

RTOL = 1e-7
WEIGHTS = ("Wq", "Wk", "Wv", "Wo")
BIASES = ("bq", "bk", "bv", "bo")
PARAMS = WEIGHTS + BIASES


def _softmax(s: np.ndarray, axis: int = -1) -> np.ndarray:
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def replay(x: np.ndarray, p: dict[str, np.ndarray], n_heads: int, causal: bool, *, split: str = "ok",
           merge: str = "inverse", scale: str = "dk", mask: str = "ok", axis: int = -1, out_proj: str = "ok",
           ) -> np.ndarray:
    """forward as the spec says (defaults), or one classic mistake, with the weights in p."""
    b, s, d = x.shape
    dk = d // n_heads

    def heads_of(t: np.ndarray) -> np.ndarray:
        if split == "no_transpose":
            return t.reshape(b, n_heads, s, dk)
        if split == "interleaved":
            return t.reshape(b, s, dk, n_heads).transpose(0, 3, 1, 2)
        return t.reshape(b, s, n_heads, dk).transpose(0, 2, 1, 3)

    q, k, v = (heads_of(x @ p[f"W{c}"] + p[f"b{c}"]) for c in "qkv")
    factor = {"dk": np.sqrt(dk), "d_model": np.sqrt(d), "none": 1.0}[scale]
    with np.errstate(all="ignore"):
        scores = q @ k.swapaxes(-1, -2) / factor
        if causal and mask != "ignored":
            i, j = np.indices((s, s))
            allowed = {"ok": j <= i, "strict": j < i, "inverted": j >= i}[mask]
            scores = np.where(allowed, scores, -np.inf)
        heads = _softmax(scores, axis) @ v
        if merge == "inverse":  # undo the split the same way it was done
            merge = {"no_transpose": "no_transpose", "interleaved": "interleaved"}.get(split, "ok")
        if merge == "no_transpose":
            merged = heads.reshape(b, s, d)
        elif merge == "interleaved":
            merged = heads.transpose(0, 2, 3, 1).reshape(b, s, d)
        else:
            merged = heads.transpose(0, 2, 1, 3).reshape(b, s, d)
        if out_proj == "no_bo":
            return merged @ p["Wo"]
        if out_proj == "no_Wo":
            return merged + p["bo"]
        if out_proj == "none":
            return merged
        return merged @ p["Wo"] + p["bo"]


VARIANTS: list[tuple[dict[str, Any], str]] = [
    ({"split": "no_transpose"}, "the heads are split by reshaping straight to (batch, n_heads, seq, dk) (and merged "
     "back by the reverse reshape), which mixes positions: a head sees pieces of several tokens — reshape to "
     "(batch, seq, n_heads, dk) first, then transpose(0, 2, 1, 3); merge with transpose(0, 2, 1, 3) then reshape"),
    ({"split": "no_transpose", "merge": "ok"}, "the heads are split by reshaping straight to (batch, n_heads, seq, "
     "dk), which mixes positions — reshape to (batch, seq, n_heads, dk) first, then transpose(0, 2, 1, 3)"),
    ({"split": "interleaved"}, "head h gets every n_heads-th column (a reshape to (…, dk, n_heads)) — head h is the "
     "consecutive slice h·dk … (h+1)·dk − 1: reshape to (batch, seq, n_heads, dk)"),
    ({"merge": "no_transpose"}, "the heads are merged by reshaping (batch, n_heads, seq, dk) straight to (batch, "
     "seq, d_model), which mixes heads and positions — transpose(0, 2, 1, 3) back first, so the heads sit side by "
     "side in head order"),
    ({"scale": "d_model"}, "the scores are divided by √d_model — scale by 1/√dk, dk = d_model // n_heads, the "
     "size of ONE head"),
    ({"scale": "none"}, "the scores are not scaled — divide Q_h·K_hᵀ by √dk, dk = d_model // n_heads"),
    ({"axis": -2}, "the softmax runs over the queries (axis -2) — normalise each query's scores over the keys, "
     "the last axis"),
    ({"mask": "strict"}, "the causal mask is off by one: position i must also attend to ITSELF (j ≤ i) — "
     "np.tril(np.ones((seq, seq), bool)) is the allowed set (or block np.triu(…, k=1))"),
    ({"mask": "inverted"}, "the causal mask is inverted: position i attends to the future (j ≥ i) — the allowed "
     "keys are j ≤ i, the lower triangle np.tril(np.ones((seq, seq), bool))"),
    ({"mask": "ignored"}, "causal=True is ignored — set the scores of keys j > i to −inf before the softmax"),
    ({"out_proj": "no_bo"}, "the output bias bo is missing — out = concat @ Wo + bo"),
    ({"out_proj": "no_Wo"}, "the output projection Wo is missing — out = concat @ Wo + bo"),
    ({"out_proj": "none"}, "the output projection is missing — out = concat @ Wo + bo, after merging the heads"),
]


ALWAYS_CAUSAL = ("forward(x) with causal=False masks the future anyway — apply the causal mask only when "
                 "causal=True; by default every position attends to the whole sequence")


def _atol(exp: np.ndarray) -> float:
    return 1e-9 * max(1.0, float(np.abs(exp).max()))


def _like(got: np.ndarray, want: np.ndarray, atol: float) -> bool:
    """got equals want wherever want is finite (an off-by-one causal replay leaves row 0 NaN; real code gives
    NaN or a uniform row, depending on the fill)."""
    if got.shape != want.shape:
        return False
    ok = np.isfinite(want)
    with np.errstate(all="ignore"):
        return bool(ok.any() and np.all(np.abs(got - want)[ok] <= atol + RTOL * np.abs(want[ok])))


def diagnose(case: Case, out: np.ndarray, got: Outputs) -> str:
    x = case.inputs["x"]
    n_heads, causal = case.params["n_heads"], case.params["causal"]
    p = {name: case.inputs[name] for name in PARAMS}
    right = replay(x, p, n_heads, causal)
    atol = 10 * _atol(right)
    variants = VARIANTS if causal else [*VARIANTS, ({"always_causal": True}, ALWAYS_CAUSAL)]
    for change, cause in variants:
        kwargs = dict(change)
        variant = replay(x, p, n_heads, bool(kwargs.pop("always_causal", causal)), **kwargs)
        if _like(variant, right, atol) and np.all(np.isfinite(variant)):
            continue  # indistinguishable from the right answer here (one head, or not causal)
        if _like(out, variant, atol):
            return cause
    init = {name: got.get(f"init_{name}") for name in PARAMS}
    if all(v is not None and v.shape == p[n].shape for n, v in init.items()):
        mine = replay(x, {n: v.astype(float) for n, v in init.items() if v is not None}, n_heads, causal)
        if _like(out, mine, atol):
            return ("the output is what YOUR initial weights give: forward ignores the weights set on the object — "
                    "read self.Wq, self.bq, … inside forward (no copies or fused matrices made in __init__)")
    if not np.all(np.isfinite(out)):
        return ("NaN or inf: a row with every key blocked (0/0), or e^x overflowed — subtract each row's maximum "
                "before np.exp, and let position i attend to j ≤ i")
    return ("compare step by step: Q = x @ Wq + bq (same for K, V); reshape to (batch, seq, n_heads, dk) and "
            "transpose to (batch, n_heads, seq, dk); softmax(Q·Kᵀ/√dk) over the keys; weights @ V; transpose back, "
            "reshape to (batch, seq, d_model); @ Wo + bo")


def judge_forward(case: Case, got: Outputs, expected: Outputs) -> None:
    x = case.inputs["x"]
    what = f"forward(x{', causal=True' if case.params['causal'] else ''})"
    out = checks.array(got, "out", what, x.shape, finite=False).astype(float)
    exp = expected.values["out"]
    atol = _atol(exp)
    if not np.all(np.isfinite(out)):
        first = tuple(np.argwhere(~np.isfinite(out))[0])
        raise Fail(f"{what} contains NaN or inf (first at index {checks.index_text(first)})", got=checks.fmt(out),
                   expected=checks.fmt(exp), cause=diagnose(case, out, got))
    if _like(out, exp, atol):
        return
    raw = checks.value(got, "out", what)
    cause = (f"the output is {raw.dtype}: single-precision rounding (~1e-7) is far above the tolerance — keep the "
             "computation in float64, NumPy's default (no .astype(np.float32))"
             if raw.dtype.kind == "f" and raw.dtype.itemsize < 8 else diagnose(case, out, got))
    checks.close(out, exp, what, rtol=RTOL, atol=atol, cause=cause)


def _shapes(case: Case, got: Outputs, prefix: str) -> dict[str, np.ndarray]:
    d = case.params["d_model"]
    values = {}
    for name in PARAMS:
        shape = (d, d) if name.startswith("W") else (d,)
        values[name] = checks.array(got, prefix + name, name, shape).astype(float)
    return values


def judge_init(case: Case, got: Outputs, expected: Outputs) -> None:
    values = _shapes(case, got, "")
    zero = [name for name in WEIGHTS if not np.any(values[name])]
    if zero:
        raise Fail(f"{', '.join(zero)} {'is' if len(zero) == 1 else 'are'} all zeros after __init__",
                   expected="random weights (any scale; the init is yours to choose)", got=checks.fmt(values[zero[0]]),
                   cause="with all-zero weights every head outputs the same thing and no gradient can separate them "
                   "— draw them from rng = np.random.default_rng(seed), e.g. rng.normal(0, 1/np.sqrt(d_model), "
                   "(d_model, d_model))")


def judge_same_seed(case: Case, got: Outputs, expected: Outputs) -> None:
    first = _shapes(case, got, "a_")
    second = _shapes(case, got, "b_")
    for name in PARAMS:
        if not np.array_equal(first[name], second[name]):
            raise Fail(f"two instances built with the same seed have different {name}",
                       expected=f"identical {name}: {checks.fmt(first[name])}", got=checks.fmt(second[name]),
                       cause="draw the initial weights from rng = np.random.default_rng(seed) (or after "
                       "np.random.seed(seed)), not from an unseeded generator")


def known_params(seed: int, d: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    params = {name: rng.normal(0.0, 1.0 / np.sqrt(d), size=(d, d)) for name in WEIGHTS}
    params.update({name: rng.uniform(-0.5, 0.5, size=d) for name in BIASES})
    return params


def forward_case(name: str, *, d_model: int, n_heads: int, batch: int, seq: int, causal: bool, seed: int,
                 x_scale: float = 1.0, note: str = "") -> Case:
    rng = np.random.default_rng(seed)
    x = x_scale * rng.standard_normal((batch, seq, d_model))
    params = known_params(seed + 1, d_model)
    ctor = f"MultiHeadAttention(d_model={d_model}, n_heads={n_heads}, seed=1)"
    arg = ", causal=True" if causal else ""
    options: dict[str, Any] = {"causal": True} if causal else {}
    steps = (
        new("m", "MultiHeadAttention", d_model=d_model, n_heads=n_heads, seed=1),
        *(attr("m", p, save=f"init_{p}") for p in PARAMS),
        *(assign("m", p, p) for p in PARAMS),
        call("m", "forward", "x", save="out", **options),
    )
    return Case(
        name, f"m = {ctor}; m.Wq, m.Wk, m.Wv, m.Wo, m.bq, m.bk, m.bv, m.bo = known arrays; m.forward(x{arg})",
        f"x shape ({batch}, {seq}, {d_model}), seed {seed}; {n_heads} head{'s' if n_heads > 1 else ''} of size "
        f"{d_model // n_heads}; weights N(0, 1/d_model) and biases U(−0.5, 0.5), seed {seed + 1}" + note,
        {"x": x, **params}, steps, judge_forward, {"n_heads": n_heads, "causal": causal, "d_model": d_model},
    )


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    def build(prefix: str, d: int, h: int, seed: int | None) -> tuple:
        kwargs = {"d_model": d, "n_heads": h, **({"seed": seed} if seed is not None else {})}
        return (new(prefix + "m", "MultiHeadAttention", **kwargs),
                *(attr(prefix + "m", p, save=prefix + p) for p in PARAMS))

    return [
        Case("init_shapes_and_values", "MultiHeadAttention(d_model=8, n_heads=2)  # seed=0",
             "then Wq, Wk, Wv, Wo, bq, bk, bv, bo are read", {}, build("", 8, 2, None), judge_init, {"d_model": 8}),
        Case("same_seed_same_weights", "MultiHeadAttention(d_model=12, n_heads=3, seed=5), twice",
             "the eight attributes of both instances are compared", {}, (*build("a_", 12, 3, 5),
                                                                        *build("b_", 12, 3, 5)),
             judge_same_seed, {"d_model": 12}),
        forward_case("one_head", d_model=6, n_heads=1, batch=2, seq=5, causal=False, seed=41),
        forward_case("two_heads", d_model=8, n_heads=2, batch=2, seq=5, causal=False, seed=43),
        forward_case("four_heads_longer_sequences", d_model=16, n_heads=4, batch=3, seq=7, causal=False, seed=45),
        forward_case("causal_one_head", d_model=6, n_heads=1, batch=2, seq=5, causal=True, seed=47),
        forward_case("causal_four_heads", d_model=16, n_heads=4, batch=3, seq=6, causal=True, seed=49),
        forward_case("single_position", d_model=8, n_heads=4, batch=3, seq=1, causal=True, seed=51,
                     note=" — one token: it can only attend to itself"),
        forward_case("large_activations_stay_finite", d_model=8, n_heads=2, batch=2, seq=6, causal=True, seed=53,
                     x_scale=60.0, note="; x scaled by 60, so the scores reach the thousands"),
    ]


def perf() -> Perf:
    rng = np.random.default_rng(61)
    d = 32
    inputs = {"x": rng.standard_normal((64, 16, d)), **known_params(62, d)}
    return Perf(
        steps=(new("m", "MultiHeadAttention", d_model=d, n_heads=4, seed=0), *(assign("m", p, p) for p in PARAMS),
               call("m", "forward", "x", causal=True)),
        inputs=inputs,
        describe="MultiHeadAttention(d_model=32, n_heads=4).forward(x, causal=True), x (64, 16, 32)",
        slow_hint="a Python loop over the batch, the heads or the positions? reshape to (batch, n_heads, seq, dk) and "
        "let one batched @ handle them all",
    )
