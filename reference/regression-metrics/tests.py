"""Hidden tests for `regression-metrics`. Each metric has one right answer, so each result is compared with the
reference's (tolerance 1e-12 + 1e-9·|expected|). When one differs, the judge computes the classic wrong answers on
the same data — a sum for a mean, the mean of roots for RMSE, signed errors for MAE, SS_tot around the mean of
y_pred, the squared correlation, R² clipped at 0, NaN or ±inf for a constant target — and names the one the
submission matches."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

RTOL, ATOL = 1e-9, 1e-12
METRICS = ("mse", "rmse", "mae", "r2_score")


def candidates(metric: str, y: np.ndarray, p: np.ndarray) -> list[tuple[float, str]]:
    """(value, cause) for the classic wrong answers to metric(y, p)."""
    y, p = y.astype(float), p.astype(float)
    r = y - p
    n = len(y)
    out: list[tuple[float, str]] = []
    if metric == "mse":
        out += [(float(np.sum(r**2)), "this is the sum of the squared errors — MSE is their mean (divide by n)"),
                (float(np.sqrt(np.mean(r**2))), "this is the RMSE — MSE has no square root"),
                (float(np.mean(r) ** 2), "this is the square of the mean error — square each error first, then "
                 "average: np.mean((y_true - y_pred)**2)")]
    elif metric == "rmse":
        out += [(float(np.mean(np.abs(r))), "this is the mean of the roots (= the MAE) — RMSE is the root of the "
                 "mean: np.sqrt(np.mean(r**2))"),
                (float(np.mean(r**2)), "this is the MSE — take its square root"),
                (float(np.sqrt(np.sum(r**2))), "the root of the SUM — divide by n before the square root"),
                (float(np.sqrt(np.sum(r**2)) / n), "the root of the sum divided by n — RMSE is √(Σr²/n)")]
    elif metric == "mae":
        out += [(float(np.mean(r)), "signed errors cancel out — take the absolute value of each: np.mean(np.abs(r))"),
                (float(abs(np.mean(r))), "this is |mean error| — average the absolute errors: np.mean(np.abs(r))"),
                (float(np.sum(np.abs(r))), "this is the sum of the absolute errors — divide by n")]
    else:
        ss_res, ss_tot = np.sum(r**2), np.sum((y - y.mean()) ** 2)  # NumPy floats: x/0 is inf or nan, no raise
        with np.errstate(all="ignore"):
            about_pred = float(1 - ss_res / np.sum((p - p.mean()) ** 2))
            corr2 = float(np.corrcoef(y, p)[0, 1] ** 2) if n > 1 and np.ptp(y) > 0 and np.ptp(p) > 0 else np.nan
            right = float(1 - ss_res / ss_tot)
            ratio = float(ss_res / ss_tot)
        out += [(about_pred, "SS_tot is taken around the mean of y_pred — it is Σ(y_true − mean(y_true))²: check "
                 "the order of the arguments, y_true first"),
                (corr2, "this is the squared correlation — R² = 1 − SS_res/SS_tot also penalises bias and scale "
                 "(they are equal only for a least-squares fit on its own data)"),
                (max(right, 0.0), "R² is clipped at 0 — it is negative when the predictions are worse than the "
                 "mean; don't clip"),
                (ratio, "this is SS_res/SS_tot — R² = 1 − SS_res/SS_tot"),
                (1 - float(np.mean(r**2)), "1 − MSE — divide SS_res by SS_tot, Σ(y_true − mean(y_true))²")]
    return [(v, c) for v, c in out if np.isfinite(v)]


def judge_metrics(case: Case, got: Outputs, expected: Outputs) -> None:
    for key, metric, yname, pname in case.params["calls"]:
        y, p = case.inputs[yname], case.inputs[pname]
        what = f"{metric}({yname}, {pname})"
        value = checks.value(got, key, what)
        if value.shape != () or value.dtype.kind not in "biuf":
            raise Fail(f"{what} has shape {value.shape} and dtype {value.dtype}, expected one float",
                       got=checks.fmt(value), expected="one number",
                       cause="return a single number, e.g. float(np.mean(...)) — an (n,) result means the mean "
                       "is missing; shape (1,) means an extra dimension")
        number, exp = float(value), float(expected.values[key])
        if not np.isfinite(number):
            constant = bool(np.all(y == y[0]))
            raise Fail(f"{what} is {number}", expected=f"{exp:g}", got=str(number),
                       cause="a constant target makes SS_tot = 0: return 1.0 when SS_res = 0 (perfect predictions), "
                       "else 0.0 — check ss_tot == 0 before dividing" if constant else
                       "a division by zero or an overflow")
        if abs(number - exp) <= ATOL + RTOL * abs(exp):
            continue
        cause = next((c for v, c in candidates(metric, y, p) if abs(v - exp) > 1e-9 and
                      abs(number - v) <= 1e-9 + 1e-9 * abs(v)), "")
        if not cause and metric == "r2_score" and np.all(y == y[0]):
            cause = ("for a constant target (SS_tot = 0) the spec returns 1.0 if the predictions are perfect, "
                     "else 0.0")
        if not cause:
            cause = {"mse": "MSE = mean((y_true − y_pred)²)", "rmse": "RMSE = √(mean((y_true − y_pred)²))",
                     "mae": "MAE = mean(|y_true − y_pred|)",
                     "r2_score": "R² = 1 − Σ(y_true − y_pred)² / Σ(y_true − mean(y_true))²"}[metric]
        raise Fail(f"{what} = {number:.10g}, expected {exp:.10g}", expected=f"{exp:.10g}", got=f"{number:.10g}",
                   cause=cause)


def metrics_case(name: str, inputs: dict[str, np.ndarray], on: str, calls: list[tuple[str, str, str]]) -> Case:
    steps = tuple(func(m, yn, pn, save=f"m{i}") for i, (m, yn, pn) in enumerate(calls))
    text = "; ".join(f"{m}({yn}, {pn})" for m, yn, pn in calls)
    return Case(name, text, on, inputs, steps, judge_metrics,
                {"calls": [(f"m{i}", m, yn, pn) for i, (m, yn, pn) in enumerate(calls)]})


def all_four(yn: str = "y_true", pn: str = "y_pred") -> list[tuple[str, str, str]]:
    return [(m, yn, pn) for m in METRICS]


def data(seed: int, n: int, noise: float, bias: float = 0.0, slope: float = 1.0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = rng.normal(5.0, 2.0, n)
    return {"y_true": y, "y_pred": slope * y + bias + noise * rng.standard_normal(n)}


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    on = "y_true ~ N(5, 2²), shape ({n},); y_pred = {what}, seed {seed}"
    ints = np.random.default_rng(7)
    yi = ints.integers(0, 20, 40)
    return [
        metrics_case("mse", data(1, 100, 1.0), on.format(n=100, what="y_true + N(0, 1) noise", seed=1),
                     [("mse", "y_true", "y_pred")]),
        metrics_case("rmse_is_the_root_of_the_mean", data(1, 100, 1.0),
                     on.format(n=100, what="y_true + N(0, 1) noise", seed=1), [("rmse", "y_true", "y_pred")]),
        metrics_case("mae_uses_absolute_errors", data(2, 80, 1.5),
                     on.format(n=80, what="y_true + N(0, 1.5²) noise (errors of both signs)", seed=2),
                     [("mae", "y_true", "y_pred")]),
        metrics_case("r2_good_fit", data(3, 120, 0.5), on.format(n=120, what="y_true + N(0, 0.5²) noise", seed=3),
                     [("r2_score", "y_true", "y_pred")]),
        metrics_case("r2_biased_predictions", data(4, 100, 0.3, bias=1.5, slope=0.8),
                     on.format(n=100, what="0.8·y_true + 1.5 + small noise (correlated, but biased)", seed=4),
                     [("r2_score", "y_true", "y_pred")]),
        metrics_case("r2_worse_than_the_mean_is_negative", data(5, 60, 1.0, bias=10.0, slope=-1.0),
                     on.format(n=60, what="−y_true + 10 + noise (R² far below 0)", seed=5),
                     [("r2_score", "y_true", "y_pred")]),
        metrics_case("r2_constant_target", {"y_true": np.full(20, 3.0), "perfect": np.full(20, 3.0),
                                            "off": np.random.default_rng(6).normal(3.0, 0.5, 20)},
                     "y_true = 3.0 everywhere, shape (20,); perfect = y_true; off = 3 + N(0, 0.5²) noise, seed 6",
                     [("r2_score", "y_true", "perfect"), ("r2_score", "y_true", "off")]),
        metrics_case("single_sample", {"y_true": np.array([2.5]), "y_pred": np.array([4.0])},
                     "y_true = [2.5], y_pred = [4.0]: one sample (so the target is constant)", all_four()),
        metrics_case("integer_inputs", {"y_true": yi, "y_pred": yi + ints.integers(-3, 4, 40)},
                     "y_true int64 in 0…19, shape (40,); y_pred = y_true + an integer in −3…3, seed 7", all_four()),
    ]


def perf() -> Perf:
    return Perf(
        steps=tuple(func(m, "y_true", "y_pred") for m in METRICS),
        inputs=data(31, 1_000_000, 1.0),
        describe="mse, rmse, mae and r2_score on 1,000,000 samples",
        slow_hint="a Python loop over the samples? compute r = y_true - y_pred once and use np.mean / np.sum",
    )
