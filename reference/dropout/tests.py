"""Hidden tests for `dropout`. Which units are dropped is random and left open, so no mask is compared with the
reference's: the judges check invariants every correct inverted dropout satisfies — a 0/1 mask of x's shape (a mask
that already carries the 1/(1 − p) scaling, with out = x * mask, is accepted as the same mask),
out == x * mask / (1 − p) with the returned mask, a kept fraction within 5 binomial standard deviations of 1 − p,
the same mask for the same seed and different masks for different seeds (so the draws must come from the rng
passed in), and the identity with an all-ones mask at inference or for p = 0. When an invariant fails, the judge
names the classic mistake it matches (no rescaling, scaling by p, p taken as the keep probability, dropout at
inference, a mask that is not the one used, the global np.random instead of rng)."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func, rng

SIGMAS = 5.0
OUT_RTOL = 1e-12


def pair(got: Outputs, x: np.ndarray, out_key: str = "out", mask_key: str = "mask") -> tuple[np.ndarray, np.ndarray]:
    """out and mask with x's shape, numbers, or Fail."""
    out = checks.array(got, out_key, "out", x.shape, finite=False).astype(float)
    if got.has(mask_key) and got.type_name(mask_key) == "NoneType":
        raise Fail("mask is None", expected=f"an array of x's shape {x.shape}", got="None",
                   cause="return the mask with out — when nothing is dropped (training=False or p = 0), an all-ones "
                   "mask: np.ones(x.shape)")
    mask = checks.value(got, mask_key, "mask")
    if mask.shape != x.shape:
        cause = "the mask has one entry per unit: draw it with the shape of x, rng.random(x.shape)"
        if mask.ndim == x.ndim - 1 or mask.shape == x.shape[-1:]:
            cause = ("one draw is shared by a whole row or column; dropout drops each unit of x independently: draw "
                     "the mask with x's full shape")
        raise Fail(f"mask has shape {mask.shape}, expected {x.shape} (the shape of x)", expected=f"shape {x.shape}",
                   got=checks.fmt(mask), cause=cause)
    mask = checks.array(got, mask_key, "mask", x.shape).astype(float)
    return out, mask


def zero_one(mask: np.ndarray, p: float) -> np.ndarray:
    """The mask as 0/1 values; a mask already scaled by 1/(1 − p) (holding 0 and 1/(1 − p), the common cs231n form,
    with out = x * mask) is accepted and brought back to 0/1. Anything else fails."""
    values = np.unique(mask)
    if np.all(np.isin(values, (0.0, 1.0))):
        return mask
    scaled = 1.0 / (1.0 - p)
    if p > 0 and np.all(np.isclose(values[:, None], [0.0, scaled], rtol=1e-9, atol=0.0).any(axis=1)):
        return (mask > 0).astype(float)
    cause = ("the mask marks each unit as dropped (0) or kept (1) — return (rng.random(x.shape) >= p), not the uniform "
             "noise itself")
    if p > 0 and np.all(np.isclose(values[:, None], [0.0, 1.0 / p], rtol=1e-9, atol=0.0).any(axis=1)):
        cause = ("the mask holds 0 and 1/p, as if p were the KEEP probability; p is the probability of DROPPING a unit: "
                 "keep with probability 1 − p and scale by 1/(1 − p)")
    raise Fail(f"mask holds values other than 0 and 1: {checks.fmt(values)}", expected="only 0 and 1 (or 0 and "
               f"1/(1 − p) = {scaled:.4g} for a mask that carries the scaling)", got=checks.fmt(mask), cause=cause)


def formula(x: np.ndarray, out: np.ndarray, mask: np.ndarray, p: float) -> None:
    want = x * mask / (1.0 - p)
    if np.allclose(out, want, rtol=OUT_RTOL, atol=0.0):
        return
    kept = float(mask.mean())
    keep_is_p = p != 0.5 and abs(kept - p) < abs(kept - (1 - p))
    with np.errstate(all="ignore"):
        options = [
            (x * mask / p, "p is the probability of DROPPING a unit; the mask keeps units with probability p and "
             "divides by p, as if p were the keep probability — keep with probability 1 − p: mask = "
             "rng.random(x.shape) >= p, out = x * mask / (1 − p)" if keep_is_p else
             "the kept units are divided by p; inverted dropout divides by the KEEP probability: "
             "out = x * mask / (1 − p)"),
            (x * mask, "the kept units are not rescaled: inverted dropout divides them by 1 − p, so that the expected "
             "value of each unit is unchanged (out = x * mask / (1 − p))"),
            (x * mask * (1 - p), "the kept units are multiplied by 1 − p (the old, non-inverted test-time scaling); "
             "inverted dropout DIVIDES by 1 − p during training: out = x * mask / (1 − p)"),
            (x * mask * p, "the kept units are multiplied by p; inverted dropout divides by the keep probability: "
             "out = x * mask / (1 − p)"),
            (x * (1 - mask) / (1 - p), "the mask is the other way round: mask = 1 marks a KEPT unit (out = x * mask / "
             "(1 − p)), 0 a dropped one"),
        ]
    cause = ""
    for candidate, why in options:
        if np.allclose(out, candidate, rtol=1e-9, atol=0.0):
            cause = why
            break
    else:
        nonzero = x != 0
        ratio = np.where(nonzero, out * (1 - p) / np.where(nonzero, x, 1.0), 0.0)
        if np.all(np.isclose(ratio[nonzero][:, None], [0.0, 1.0], atol=1e-9).any(axis=1)):
            used = np.isclose(ratio, 1.0, atol=1e-9)
            differ = int(np.sum(used[nonzero] != (mask[nonzero] == 1)))
            cause = (f"out is dropout with ANOTHER mask than the one returned ({differ} units differ): draw the mask "
                     "once, use it for out and return that same array")
        else:
            cause = "out = x * mask / (1 − p), using the mask you return"
    bad = ~np.isclose(out, want, rtol=OUT_RTOL, atol=0.0)
    first = tuple(np.argwhere(bad)[0])
    at = checks.index_text(first)
    worst = float(np.nanmax(np.where(np.isfinite(out), np.abs(out - want), np.inf)))
    raise Fail(f"out differs from x * mask / (1 − p) with the mask you returned: {int(bad.sum())} of {bad.size} units "
               f"differ, max abs error {worst:.3g}; first at {at}: x = {x[first]:.6g}, mask = {mask[first]:g}",
               expected=f"{checks.fmt(want)}; at {at}: {want[first]:.6g}",
               got=f"{checks.fmt(out)}; at {at}: {out[first]:.6g}", cause=cause)


def fraction(mask: np.ndarray, p: float, where: str) -> None:
    n = mask.size
    kept = float(mask.mean())
    sd = float(np.sqrt(p * (1 - p) / n))
    if abs(kept - (1 - p)) <= SIGMAS * sd:
        return
    if abs(kept - p) <= SIGMAS * sd:
        cause = ("the mask keeps units with probability p; p is the probability of DROPPING a unit (PyTorch's "
                 "convention): keep with probability 1 − p — mask = rng.random(x.shape) >= p")
    elif kept in (0.0, 1.0):
        cause = "every unit is " + ("dropped" if kept == 0 else "kept") + " — compare the uniform draws with p"
    else:
        cause = "each unit must be kept independently with probability 1 − p: mask = rng.random(x.shape) >= p"
    raise Fail(f"{where}: the mask keeps {kept:.4f} of the {n} units, expected 1 − p = {1 - p:g} ± {SIGMAS * sd:.4f} "
               f"({SIGMAS:g} binomial standard deviations)", expected=f"{1 - p:g} ± {SIGMAS * sd:.4f}",
               got=f"{kept:.4f}", cause=cause)


def judge_invariants(case: Case, got: Outputs, expected: Outputs) -> None:
    x, p = case.inputs["x"], case.params["p"]
    out, mask = pair(got, x)
    mask = zero_one(mask, p)
    if case.params.get("fraction_first", False):  # on a large array, a wrong keep rate is the clearer message
        fraction(mask, p, "dropout(x, p)")
    formula(x, out, mask, p)
    fraction(mask, p, "dropout(x, p)")


def judge_same_seed(case: Case, got: Outputs, expected: Outputs) -> None:
    x, p = case.inputs["x"], case.params["p"]
    out1, mask1 = pair(got, x, "out1", "mask1")
    out2, mask2 = pair(got, x, "out2", "mask2")
    formula(x, out1, zero_one(mask1, p), p)
    if not np.array_equal(mask1, mask2) or not np.array_equal(out1, out2):
        raise Fail(f"two calls, each with a fresh np.random.default_rng(21), returned different masks "
                   f"({int(np.sum(mask1 != mask2))} of {mask1.size} units differ)", expected=checks.fmt(mask1),
                   got=checks.fmt(mask2),
                   cause="draw the mask from the rng argument (rng.random(x.shape) >= p), not from the global "
                   "np.random or a generator of your own — with the same seed, dropout must be reproducible")


def judge_other_seed(case: Case, got: Outputs, expected: Outputs) -> None:
    x = case.inputs["x"]
    _, mask1 = pair(got, x, "out1", "mask1")
    _, mask2 = pair(got, x, "out2", "mask2")
    if np.array_equal(mask1, mask2):
        raise Fail("np.random.default_rng(21) and np.random.default_rng(22) gave the same mask", got=checks.fmt(mask1),
                   cause="the rng argument is ignored — a generator created inside dropout with a fixed seed gives "
                   "the same mask every time; draw from the rng you are given")


def judge_identity(case: Case, got: Outputs, expected: Outputs) -> None:
    x, p = case.inputs["x"], case.params["p"]
    out, mask = pair(got, x)
    how = case.params["how"]
    if not np.allclose(out, x, rtol=OUT_RTOL, atol=0.0):
        zeros = int(np.sum((out == 0) & (x != 0)))
        if how == "inference" and np.allclose(out, x * (1 - p), rtol=1e-9):
            cause = ("out is scaled by 1 − p at inference; with INVERTED dropout the scaling already happened in "
                     "training, so inference is the identity")
        elif how == "inference" and zeros:
            cause = (f"units are dropped at inference ({zeros} zeros): with training=False dropout does nothing — "
                     "return x and an all-ones mask")
        elif how == "p = 0" and not np.all(np.isfinite(out)):
            cause = "with p = 0 nothing is dropped and 1/(1 − p) = 1 — divide by 1 − p, not by p"
        else:
            cause = f"with {'training=False' if how == 'inference' else 'p = 0'} dropout is the identity: out equals x"
        checks.close(out, x, "out", rtol=OUT_RTOL, atol=0.0, cause=cause)
    if not np.all(mask == 1):
        raise Fail(f"mask is not all ones with {'training=False' if how == 'inference' else 'p = 0'} "
                   f"({int(np.sum(mask != 1))} of {mask.size} entries are not 1)", expected="np.ones(x.shape)",
                   got=checks.fmt(mask), cause="nothing is dropped, so every unit is kept: return np.ones(x.shape) "
                   "(or np.ones_like(x)) as the mask")


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    x1 = np.random.default_rng(701).standard_normal((40, 50))
    x2 = np.random.default_rng(702).standard_normal((400, 250))
    x3 = np.random.default_rng(703).standard_normal((200, 250))
    x4 = np.random.default_rng(704).standard_normal((30, 40))
    x5 = np.random.default_rng(705).standard_normal((20, 30))
    x6 = np.random.default_rng(706).standard_normal((20, 30))
    x7 = np.random.default_rng(707).standard_normal((100, 200))
    x8 = np.random.default_rng(708).standard_normal((10, 15, 20))
    two = ("out, mask = dropout(x, p=0.5, rng=np.random.default_rng(21)); out2, mask2 = dropout(x, p=0.5, "
           "rng=np.random.default_rng({seed}))")
    return [
        Case("out_is_x_times_mask_over_keep", "out, mask = dropout(x, p=0.3, rng=np.random.default_rng(11))",
             "x shape (40, 50) ~ N(0, 1), seed 701", {"x": x1},
             (func("dropout", "x", p=0.3, rng=rng(11), save=("out", "mask")),), judge_invariants, {"p": 0.3}),
        Case("keep_fraction_is_one_minus_p", "out, mask = dropout(x, p=0.3, rng=np.random.default_rng(12))",
             "x shape (400, 250) ~ N(0, 1) (100,000 units), seed 702", {"x": x2},
             (func("dropout", "x", p=0.3, rng=rng(12), save=("out", "mask")),), judge_invariants,
             {"p": 0.3, "fraction_first": True}),
        Case("high_p_keeps_few", "out, mask = dropout(x, p=0.8, rng=np.random.default_rng(13))",
             "x shape (200, 250) ~ N(0, 1) (50,000 units), seed 703", {"x": x3},
             (func("dropout", "x", p=0.8, rng=rng(13), save=("out", "mask")),), judge_invariants,
             {"p": 0.8, "fraction_first": True}),
        Case("same_seed_same_mask", two.format(seed=21), "x shape (30, 40) ~ N(0, 1), seed 704", {"x": x4},
             (func("dropout", "x", p=0.5, rng=rng(21), save=("out1", "mask1")),
              func("dropout", "x", p=0.5, rng=rng(21), save=("out2", "mask2"))), judge_same_seed, {"p": 0.5}),
        Case("other_seed_other_mask", two.format(seed=22), "x shape (30, 40) ~ N(0, 1), seed 704", {"x": x4},
             (func("dropout", "x", p=0.5, rng=rng(21), save=("out1", "mask1")),
              func("dropout", "x", p=0.5, rng=rng(22), save=("out2", "mask2"))), judge_other_seed, {"p": 0.5}),
        Case("inference_is_identity", "out, mask = dropout(x, p=0.5, training=False, rng=np.random.default_rng(23))",
             "x shape (20, 30) ~ N(0, 1), seed 705", {"x": x5},
             (func("dropout", "x", p=0.5, training=False, rng=rng(23), save=("out", "mask")),), judge_identity,
             {"p": 0.5, "how": "inference"}),
        Case("p_zero_is_identity", "out, mask = dropout(x, p=0.0, rng=np.random.default_rng(24))",
             "x shape (20, 30) ~ N(0, 1), seed 706", {"x": x6},
             (func("dropout", "x", p=0.0, rng=rng(24), save=("out", "mask")),), judge_identity,
             {"p": 0.0, "how": "p = 0"}),
        Case("rng_none_draws_fresh", "out, mask = dropout(x, p=0.25)  # rng=None",
             "x shape (100, 200) ~ N(0, 1) (20,000 units), seed 707", {"x": x7},
             (func("dropout", "x", p=0.25, save=("out", "mask")),), judge_invariants, {"p": 0.25}),
        Case("any_shape", "out, mask = dropout(x, p=0.4, rng=np.random.default_rng(25))",
             "x shape (10, 15, 20) ~ N(0, 1) (3-D, 3,000 units), seed 708", {"x": x8},
             (func("dropout", "x", p=0.4, rng=rng(25), save=("out", "mask")),), judge_invariants, {"p": 0.4}),
    ]


def perf() -> Perf:
    x = np.random.default_rng(721).standard_normal((5000, 20))
    return Perf(
        steps=(func("dropout", "x", p=0.5, rng=rng(31)), func("dropout", "x", p=0.5, training=False)),
        inputs={"x": x},
        describe="dropout(x, p=0.5, rng=rng) and dropout(x, p=0.5, training=False) on x (5000, 20)",
        slow_hint="a Python loop over the rows or the units? draw the whole mask at once: rng.random(x.shape) >= p",
    )
