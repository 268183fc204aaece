"""Hidden tests for `roc-auc`. For given labels and scores the tie-grouped ROC curve and its area are unique, so the
curve is compared with the reference's point by point (thresholds exactly, except that the first may be any
number above every score) and the AUC with the exact Mann–Whitney pair count (tolerance 1e-12 + 1e-9·|expected|).
When they differ, the judge rebuilds the classic mistakes on the same data — ties not grouped, no (0, 0) start,
`>` instead of `>=`, scores sorted the wrong way, ties counting 0 or 1, rectangles instead of trapezoids — and
names the one the submission matches."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

RTOL, ATOL = 1e-9, 1e-12


# --- the parent's own arithmetic -------------------------------------------------------------------------------


def curve_points(y: np.ndarray, s: np.ndarray, order: np.ndarray, grouped: bool, strict: bool = False) -> tuple:
    """(fpr, tpr) at each group end (grouped) or each sample (not grouped) along `order`, with the (0, 0) start.
    strict: a threshold t counts the scores > t, so each point lags one group behind."""
    ss, pos = s[order], y[order] == 1
    ends = np.r_[ss[1:] != ss[:-1], True] if grouped else np.ones(len(ss), dtype=bool)
    tps, fps = np.cumsum(pos)[ends], np.cumsum(~pos)[ends]
    fpr, tpr = np.r_[0.0, fps / fps[-1]], np.r_[0.0, tps / tps[-1]]
    if strict:
        fpr, tpr = np.r_[0.0, fpr[:-1]], np.r_[0.0, tpr[:-1]]
    return fpr, tpr


def trapezoid(fpr: np.ndarray, tpr: np.ndarray) -> float:
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def pair_auc(y: np.ndarray, s: np.ndarray, tie: float = 0.5) -> float:
    """The Mann–Whitney probability, a tie counting `tie`."""
    pos, neg = s[y == 1], s[y == 0]
    greater = np.sum(pos[:, None] > neg[None, :])
    equal = np.sum(pos[:, None] == neg[None, :])
    return float((greater + tie * equal) / (len(pos) * len(neg)))


def auc_candidates(y: np.ndarray, s: np.ndarray) -> list[tuple[float, str]]:
    down = np.argsort(-s, kind="stable")
    reverse_up = np.argsort(s, kind="stable")[::-1]
    fpr, tpr = curve_points(y, s, down, grouped=True)
    ungrouped = ("tied scores are not grouped: the area then depends on the order of the tied samples — cross each "
                 "group of equal scores in one step (a tie between a positive and a negative counts ½)")
    return [
        (1.0 - pair_auc(y, s), "this is 1 − AUC: the scores are sorted the wrong way — sort them in DECREASING order "
         "(the highest score is the most confidently positive)"),
        (pair_auc(y, s, tie=0.0), "ties count 0 (as do rectangles under the lower end of each step, "
         "Σ tpr[i−1]·Δfpr) — a tied positive/negative pair counts ½: trapezoids Σ Δfpr·(tpr[i] + tpr[i−1])/2, or "
         "(#(pos > neg) + ½·#(pos = neg)) / (P·N)"),
        (pair_auc(y, s, tie=1.0), "ties count 1 (as do rectangles Σ tpr[i]·Δfpr over each step) — a tied "
         "positive/negative pair counts ½: trapezoids Σ Δfpr·(tpr[i] + tpr[i−1])/2, or "
         "(#(pos > neg) + ½·#(pos = neg)) / (P·N)"),
        (trapezoid(*curve_points(y, s, down, grouped=False)), ungrouped),
        (trapezoid(*curve_points(y, s, reverse_up, grouped=False)), ungrouped),
        (trapezoid(fpr[1:], tpr[1:]), "the curve does not start at (0, 0), so the first trapezoid is missing"),
    ]


# --- judges -------------------------------------------------------------------------------------------------------


def judge_curve(case: Case, got: Outputs, expected: Outputs) -> None:
    y, s = case.inputs["y_true"], case.inputs["scores"]
    exp = expected.values["curve"]
    m = exp.shape[1]
    what = "roc_curve(y_true, scores)"
    value = checks.value(got, "curve", what)
    if value.ndim == 2 and value.shape[1] == 3 and value.shape[0] != 3:
        raise Fail(f"{what} came back as shape {value.shape}: a list of points", expected=f"three arrays of shape "
                   f"({m},): (fpr, tpr, thresholds)", got=checks.fmt(value),
                   cause="return the tuple (fpr, tpr, thresholds) — three arrays, not one (fpr, tpr, t) per point")
    if value.ndim != 2 or value.shape[0] != 3:
        raise Fail(f"{what} returned {value.shape[0] if value.ndim else 'not'} arrays of shape "
                   f"{value.shape[1:]}, expected 3 of shape ({m},)", expected="(fpr, tpr, thresholds)",
                   got=checks.fmt(value), cause="return three arrays of the same length: fpr, tpr and thresholds")
    n_distinct = len(np.unique(s))
    if value.shape[1] != m:
        k = value.shape[1]
        if k == len(s) + 1:
            cause = ("one point per SAMPLE: tied scores must make a single point — keep one threshold per distinct "
                     "score (the last position of each group of equal sorted scores)")
        elif k == n_distinct:
            cause = "the start point is missing — put (0, 0) with threshold np.inf in front of the curve"
        elif k == len(s):
            cause = ("one point per sample and no (0, 0) start — one point per DISTINCT score, after (0, 0) at "
                     "threshold np.inf")
        else:
            cause = f"expected 1 + {n_distinct} distinct scores = {m} points"
        raise Fail(f"{what} has {k} points, expected {m} (the start, then one per distinct score)",
                   expected=f"3 arrays of shape ({m},)", got=f"3 arrays of shape ({k},)", cause=cause)
    fpr, tpr, thresholds = value.astype(float)
    e_fpr, e_tpr, e_thr = exp
    if not (np.isfinite(thresholds[1:]).all() and np.array_equal(thresholds[1:], e_thr[1:])):
        cause = "thresholds[1:] are the distinct scores in DECREASING order"
        if np.array_equal(np.sort(thresholds[1:]), np.sort(e_thr[1:])):
            cause = "the thresholds are the right scores in the wrong order — they must DECREASE (highest score first)"
        checks.close(thresholds[1:], e_thr[1:], "thresholds[1:]", rtol=0.0, atol=0.0, cause=cause)
    if not thresholds[0] > s.max():
        raise Fail(f"thresholds[0] is {thresholds[0]:g}, expected np.inf (or anything above the highest score, "
                   f"{s.max():g})", expected="inf", got=f"{thresholds[0]:g}",
                   cause="the curve starts at (0, 0): a threshold above every score, where nothing is positive")
    for name, arr, ref in (("fpr", fpr, e_fpr), ("tpr", tpr, e_tpr)):
        if np.allclose(arr, ref, rtol=RTOL, atol=ATOL):
            continue
        other = e_tpr if name == "fpr" else e_fpr
        lag_f, lag_t = curve_points(y, s, np.argsort(-s, kind="stable"), grouped=True, strict=True)
        if np.allclose(arr, other, rtol=RTOL, atol=ATOL):
            cause = "fpr and tpr are swapped — fpr counts NEGATIVES (false positives / N), tpr positives (/ P)"
        elif np.allclose(arr, lag_f if name == "fpr" else lag_t, rtol=RTOL, atol=ATOL):
            cause = "a sample counts at threshold t when its score is >= t, not > t (each point lags one step)"
        elif np.allclose(arr * len(y), ref * (np.sum(y == 0) if name == "fpr" else np.sum(y == 1)), rtol=1e-9):
            cause = f"{name} is divided by the number of samples; divide by the number of " + \
                ("negatives (N)" if name == "fpr" else "positives (P)")
        else:
            cause = ("fpr[i] = #(negatives with score >= thresholds[i]) / N and tpr[i] = #(positives with score >= "
                     "thresholds[i]) / P")
        checks.close(arr, ref, name, rtol=RTOL, atol=ATOL, cause=cause)


def judge_auc(case: Case, got: Outputs, expected: Outputs) -> None:
    for key, yname, sname in case.params["calls"]:
        y, s = case.inputs[yname], case.inputs[sname]
        what = f"roc_auc_score({yname}, {sname})"
        value = checks.value(got, key, what)
        if value.shape != () or value.dtype.kind not in "biuf":
            raise Fail(f"{what} has shape {value.shape}, expected one float", got=checks.fmt(value),
                       cause="return the area as a single number")
        number, exp = float(value), pair_auc(y, s)
        if abs(exp - float(expected.values[key])) > 1e-9:  # pragma: no cover - the reference itself
            raise AssertionError("the reference disagrees with the pair count")
        if np.isnan(number):
            raise Fail(f"{what} is nan", expected=f"{exp:.6g}", got="nan",
                       cause="0/0 — divide by the number of positives P and of negatives N (both > 0 here)")
        if abs(number - exp) <= ATOL + RTOL * abs(exp):
            continue
        cause = next((c for v, c in auc_candidates(y, s) if abs(v - exp) > 1e-9 and abs(number - v) <= 1e-9),
                     "the AUC is P(score of a random positive > score of a random negative) + ½·P(equal): the "
                     "trapezoid area under the tie-grouped curve")
        raise Fail(f"{what} = {number:.10g}, expected {exp:.10g}", expected=f"{exp:.10g}", got=f"{number:.10g}",
                   cause=cause)


# --- data and cases -------------------------------------------------------------------------------------------


def scored(seed: int, n: int, decimals: int | None = None, n_pos: int | None = None) -> tuple[np.ndarray, ...]:
    """Labels with both classes; positives score higher on average; optionally rounded (ties)."""
    rng = np.random.default_rng(seed)
    y = np.zeros(n, dtype=int)
    y[rng.permutation(n)[: n // 2 if n_pos is None else n_pos]] = 1
    s = rng.normal(loc=0.8 * y, scale=1.0)
    if decimals is not None:
        s = np.round(s, decimals)
    return y, s


def curve_case(name: str, y: np.ndarray, s: np.ndarray, on: str) -> Case:
    return Case(name, "fpr, tpr, thresholds = roc_curve(y_true, scores)", on, {"y_true": y, "scores": s},
                (func("roc_curve", "y_true", "scores", save="curve"),), judge_curve)


def auc_case(name: str, inputs: dict[str, np.ndarray], on: str, calls: list[tuple[str, str]]) -> Case:
    steps = tuple(func("roc_auc_score", yn, sn, save=f"a{i}") for i, (yn, sn) in enumerate(calls))
    text = "; ".join(f"roc_auc_score({yn}, {sn})" for yn, sn in calls)
    return Case(name, text, on, inputs, steps, judge_auc,
                {"calls": [(f"a{i}", yn, sn) for i, (yn, sn) in enumerate(calls)]})


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    y1, s1 = scored(1, 20)
    y2, s2 = scored(2, 60, decimals=1)
    y3 = np.array([0, 1, 1, 0, 1, 0, 0, 1, 1, 0])
    y4, s4 = scored(4, 200)
    y5, s5 = scored(5, 300, decimals=1)
    y6 = np.random.default_rng(6).permutation(np.repeat([0, 1], 25))
    s6 = np.where(y6 == 1, 2.0, 1.0) + np.random.default_rng(7).uniform(0, 0.5, 50)
    y8, s8 = scored(8, 100, decimals=1, n_pos=5)
    both = "y_true 0/1, both classes"
    return [
        curve_case("roc_curve_distinct_scores", y1, s1, f"y_true shape (20,) ({both}), scores shape (20,) all "
                   "distinct, seed 1"),
        curve_case("roc_curve_tied_scores", y2, s2, "y_true shape (60,), scores rounded to 1 decimal (many ties, "
                   "some between a positive and a negative), seed 2"),
        curve_case("roc_curve_all_scores_equal", y3, np.full(10, 0.3), "y_true shape (10,), 5 positives; every "
                   "score 0.3: the curve is (0, 0) → (1, 1) in one step"),
        auc_case("auc_distinct_scores", {"y_true": y4, "scores": s4}, "y_true, scores shape (200,), no ties, seed 4",
                 [("y_true", "scores")]),
        auc_case("auc_ties_count_half", {"y_true": y5, "scores": s5}, "y_true, scores shape (300,), scores rounded "
                 "to 1 decimal (many ties), seed 5", [("y_true", "scores")]),
        auc_case("auc_perfect_and_reversed", {"y_true": y6, "scores": s6, "reversed": -s6},
                 "y_true shape (50,); scores rank every positive above every negative (AUC 1.0); reversed = −scores "
                 "(AUC 0.0)", [("y_true", "scores"), ("y_true", "reversed")]),
        auc_case("auc_all_tied_is_half", {"y_true": y3, "scores": np.full(10, 0.3)},
                 "y_true shape (10,), 5 positives; every score 0.3", [("y_true", "scores")]),
        auc_case("auc_unbalanced_classes", {"y_true": y8, "scores": s8}, "y_true shape (100,) with 5 positives, "
                 "scores rounded to 1 decimal, seed 8", [("y_true", "scores")]),
    ]


def perf() -> Perf:
    y, s = scored(31, 100_000, decimals=3)
    return Perf(
        steps=(func("roc_curve", "y_true", "scores"), func("roc_auc_score", "y_true", "scores")),
        inputs={"y_true": y, "scores": s},
        describe="roc_curve and roc_auc_score on 100,000 samples (about 6,000 distinct scores)",
        slow_hint="a loop over thresholds or pairs? sort once, then np.cumsum the labels",
    )
