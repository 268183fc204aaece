"""Hidden tests for `lasso-regression`. The objective (1/2n)‖y − Xw − b‖² + α‖w‖₁ is convex, so a (w, b) is a
minimiser exactly when it meets the optimality (KKT) conditions, which are judged directly: with
g = (1/n)·Xcᵀ(yc − Xc·w), gⱼ = α·sign(wⱼ) where wⱼ ≠ 0 and |gⱼ| ≤ α where wⱼ = 0, and the residuals sum to 0.
Where the problem is strictly convex (n > d, full rank) the miniser is unique and is compared with the
reference's; zeros the minimiser has with |gⱼ| clearly below α must be exactly 0.0. Tolerances (1e-4) leave room
for any stopping rule that converges to the tol the stub fixes."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

KKT_TOL = 1e-4
W_TOL = 1e-4


def sparse_data(seed: int, n: int, d: int, *, informative: int, bias: float = 1.0, shift: float = 0.0,
                noise: float = 0.5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) + shift
    w = np.zeros(d)
    w[rng.choice(d, informative, replace=False)] = rng.uniform(1, 3, informative) * rng.choice([-1, 1], informative)
    y = (X - shift) @ w + bias + noise * rng.standard_normal(n)
    return X, y


def _lasso(X: np.ndarray, y: np.ndarray, alpha: float, sweeps: int = 500, *, centre_x: bool = True,
           centre_y: bool = True) -> tuple[np.ndarray, float]:
    """A plain coordinate-descent lasso, to recognise what a wrong submission computed (without centring X or y:
    what code that forgets the unpenalised intercept computes)."""
    n, d = X.shape
    Xc = X - X.mean(axis=0) if centre_x else X
    yc = y - y.mean() if centre_y else y
    z = (Xc**2).sum(axis=0) / n
    w = np.zeros(d)
    r = yc.copy()
    for _ in range(sweeps):
        moved = 0.0
        for j in range(d):
            rho = Xc[:, j] @ r / n + z[j] * w[j]
            new = np.sign(rho) * max(abs(rho) - alpha, 0.0) / z[j]
            r -= (new - w[j]) * Xc[:, j]
            moved = max(moved, abs(new - w[j]))
            w[j] = new
        if moved < 1e-10:
            break
    return w, float(y.mean() - X.mean(axis=0) @ w)


def _fitted(case: Case, got: Outputs) -> tuple[np.ndarray, float]:
    d = case.inputs["X"].shape[1]
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    weights = checks.array(got, "weights", "weights", (d,))
    bias = checks.value(got, "bias", "bias")
    if bias.shape not in ((), (1,)) or bias.dtype.kind not in checks.NUMERIC:
        raise Fail(f"bias has shape {bias.shape}, expected a single number", got=checks.fmt(bias),
                   cause="the intercept is one number: b = mean(y) − mean(X) @ weights")
    bias_f = float(bias.reshape(()))
    if not np.isfinite(bias_f):
        raise Fail(f"bias is {bias_f}", cause="the updates diverged, or a division by zero")
    return weights.astype(float), bias_f


def _gradient(case: Case, weights: np.ndarray, bias: float) -> tuple[np.ndarray, float]:
    """g = (1/n)·Xᵀr and mean(r), with r = y − X·w − b (Xᵀr = Xcᵀr once the residuals sum to 0)."""
    X, y = case.inputs["X"], case.inputs["y"]
    r = y - X @ weights - bias
    return (X - X.mean(axis=0)).T @ r / len(y), float(r.mean())


def _cause(case: Case, weights: np.ndarray, bias: float) -> str:
    """Which classic mistake (w, b) matches."""
    X, y, alpha = case.inputs["X"], case.inputs["y"], case.params["alpha"]
    n = len(y)
    for factor, cause in (
        (1 / n, "the penalty acts n_samples times too weakly: ρⱼ and zⱼ must be AVERAGES over the samples "
                "((1/n)·Xc[:, j]·rⱼ and (1/n)·‖Xc[:, j]‖²), thresholded at alpha — the objective is (1/2n)‖·‖²"),
        (2.0, "the threshold is 2·alpha: the objective is (1/2n)‖y − Xw − b‖² + alpha‖w‖₁, so wⱼ = S(ρⱼ, alpha)/zⱼ"),
        (0.5, "the threshold is alpha/2: the objective is (1/2n)‖y − Xw − b‖² + alpha‖w‖₁, so wⱼ = S(ρⱼ, alpha)/zⱼ"),
    ):
        w, _ = _lasso(X, y, alpha * factor)
        if np.allclose(weights, w, atol=10 * W_TOL):
            return cause
    w, _ = _lasso(X, y, alpha, sweeps=1)
    if np.allclose(weights, w, atol=10 * W_TOL):
        return ("coordinate descent has not converged: this is ONE sweep over the features — repeat sweeps until "
                "no weight moves by more than tol (is `return` inside the sweep loop?)")
    for centre_y in (True, False):
        w, _ = _lasso(X, y, alpha, centre_x=False, centre_y=centre_y)
        if np.allclose(weights, w, atol=100 * W_TOL):
            return ("the intercept is not handled: coordinate descent ran on the raw columns of X, so their means "
                    "do part of the intercept's job inside the penalised weights — centre X and y first "
                    "(Xc = X − mean(X), yc = y − mean(y)) and set b = mean(y) − mean(X) @ w afterwards")
    return ""


def _kkt(case: Case, weights: np.ndarray, bias: float) -> None:
    alpha = case.params["alpha"]
    g, mean_r = _gradient(case, weights, bias)
    if abs(mean_r) > KKT_TOL * max(1.0, float(np.abs(case.inputs["y"]).max())):
        raise Fail(f"the residuals y − ŷ average {mean_r:.4g}, not 0: the bias is not optimal",
                   expected="mean(y − X·w − b) = 0 (the unpenalised intercept)", got=f"bias {bias:.6g}",
                   cause="centre X and y before coordinate descent and set b = mean(y) − mean(X) @ w afterwards "
                   "(the intercept is neither penalised nor left at 0)")
    nonzero = weights != 0
    err = np.where(nonzero, np.abs(g - alpha * np.sign(weights)), np.maximum(np.abs(g) - alpha, 0.0))
    if err.max() <= KKT_TOL:
        return
    j = int(err.argmax())
    cause = _cause(case, weights, bias)
    if not cause and nonzero[j] and abs(abs(g[j]) - 0) < KKT_TOL and not np.all(nonzero == (np.abs(g) > alpha)):
        cause = ("the surviving weights are not shrunk: that is hard-thresholding (ρⱼ/zⱼ if |ρⱼ| > alpha, else 0); "
                 "soft-thresholding also moves survivors towards 0 by alpha: S(ρ, a) = sign(ρ)·max(|ρ| − a, 0)")
    hovering = nonzero & (np.abs(g) < 0.9 * alpha)
    tiny = np.abs(weights) < 0.01 * max(float(np.abs(weights).max()), 1e-300)
    if not cause and hovering.any() and np.all(tiny[hovering]):
        cause = (f"{int(hovering.sum())} weights hover near 0 without being 0 (|gⱼ| < alpha there, so the minimiser "
                 "has them at exactly 0): (sub)gradient steps never land on 0 — update each wⱼ by coordinate "
                 "descent with the soft-threshold S(ρ, a) = sign(ρ)·max(|ρ| − a, 0)")
    flipped = nonzero & (np.sign(weights) == -np.sign(g))
    if not cause and flipped.any():
        cause = (f"{int(flipped.sum())} weights have the opposite sign to their gradient gⱼ, which the soft-threshold "
                 "never gives: where |ρⱼ| ≤ alpha the weight must be exactly 0 — S(ρ, a) = sign(ρ)·max(|ρ| − a, 0); "
                 "without the max(…, 0), ρ − a·sign(ρ) overshoots past 0")
    if not cause and nonzero[j]:
        cause = ("coordinate descent has not converged, or the update is not the exact minimiser over wⱼ: "
                 "wⱼ = S(ρⱼ, alpha)/zⱼ with ρⱼ computed from the CURRENT residual, sweeps repeated until no "
                 "weight moves by more than tol")
    elif not cause:
        cause = "a weight at 0 whose |gⱼ| exceeds alpha should be non-zero: has coordinate descent converged?"
    state = (f"w[{j}] = {weights[j]:.6g} ≠ 0, so g[{j}] should equal alpha·sign(w[{j}]) = "
             f"{alpha * np.sign(weights[j]):.6g}" if nonzero[j]
             else f"w[{j}] = 0, so |g[{j}]| should be at most alpha = {alpha:g}")
    raise Fail(f"the optimality (KKT) conditions fail at feature {j}: {state}, but g[{j}] = {g[j]:.6g} "
               f"(off by {err[j]:.3g}; tolerance {KKT_TOL:g})",
               expected="gⱼ = alpha·sign(wⱼ) where wⱼ ≠ 0, |gⱼ| ≤ alpha where wⱼ = 0, with "
               "g = (1/n)·Xcᵀ(yc − Xc·w)", got=f"weights {checks.fmt(weights)}; g {checks.fmt(g)}", cause=cause)


def _zeros(case: Case, weights: np.ndarray, expected: Outputs) -> None:
    """Exact zeros where the minimiser is 0 with |gⱼ| clearly below alpha (there every minimiser is 0)."""
    alpha = case.params["alpha"]
    exp_w = expected.values["weights"]
    g, _ = _gradient(case, exp_w, float(expected.values["bias"]))
    sure = (exp_w == 0) & (np.abs(g) < 0.9 * alpha)
    small = sure & (weights != 0)
    if small.any():
        j = int(np.flatnonzero(small)[0])
        raise Fail(f"weights[{j}] = {weights[j]:.3g}, expected exactly 0.0 ({int(small.sum())} of {int(sure.sum())} "
                   "weights the L1 penalty removes are not exactly zero)", expected=checks.fmt(exp_w),
                   got=checks.fmt(weights),
                   cause="small but non-zero weights come from (sub)gradient steps or a soft-threshold that does "
                   "not clip: S(ρ, a) = sign(ρ)·max(|ρ| − a, 0) is exactly 0 whenever |ρ| ≤ a")


def judge_unique(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    _kkt(case, weights, bias)
    _zeros(case, weights, expected)
    checks.close(weights, expected.values["weights"], "weights", rtol=0.0, atol=W_TOL,
                 cause="the KKT conditions hold, so this is a tolerance problem: run sweeps until no weight moves "
                 "by more than tol")
    checks.close(np.array(bias), expected.values["bias"], "bias", rtol=0.0, atol=W_TOL * 10,
                 cause="b = mean(y) − mean(X) @ weights")


def judge_all_zero(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    y = case.inputs["y"]
    if np.any(weights != 0):
        j = int(np.flatnonzero(weights)[0])
        raise Fail(f"weights[{j}] = {weights[j]:.3g}: with alpha ≥ max|Xcᵀyc|/n every weight must be exactly 0.0",
                   expected="all zeros", got=checks.fmt(weights),
                   cause="soft-threshold: S(ρ, a) = sign(ρ)·max(|ρ| − a, 0) is exactly 0 whenever |ρ| ≤ a")
    checks.close(np.array(bias), np.array(y.mean()), "bias (all weights 0, so the bias is mean(y))", rtol=1e-9,
                 atol=1e-9, cause="the intercept is not penalised: with w = 0 it is mean(y)")


def judge_kkt_only(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    _kkt(case, weights, bias)
    X, y, alpha = case.inputs["X"], case.inputs["y"], case.params["alpha"]

    def objective(w: np.ndarray, b: float) -> float:
        r = y - X @ w - b
        return float(r @ r / (2 * len(y)) + alpha * np.abs(w).sum())

    mine, best = objective(weights, bias), objective(expected.values["weights"], float(expected.values["bias"]))
    checks.close(np.array(mine), np.array(best), "the objective (1/2n)‖y − Xw − b‖² + alpha‖w‖₁ at your (w, b)",
                 rtol=1e-5, atol=1e-8, cause="the minimum value is unique even where w is not: has it converged?")


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_unique(case, got, expected)
    X_new = case.inputs["X_new"]
    pred = checks.value(got, "predict", "predict(X_new)")
    if pred.shape == (len(case.inputs["X"]),) and len(X_new) != len(case.inputs["X"]):
        raise Fail(f"predict(X_new) has shape {pred.shape}: one value per TRAINING sample",
                   cause="predict must use the X it is given, not values stored during fit")
    pred = checks.array(got, "predict", "predict(X_new)", (len(X_new),))
    weights, bias = _fitted(case, got)
    checks.close(pred, X_new @ weights + bias, "predict(X_new)", rtol=1e-9, atol=1e-9,
                 cause="predict must compute X @ self.weights + self.bias")


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = sparse_data(91, 200, 8, informative=3)
    Xb, yb = sparse_data(92, 150, 5, informative=3, bias=20.0, shift=5.0)
    X_new = np.random.default_rng(93).standard_normal((25, 8))
    Xz, yz = sparse_data(94, 120, 6, informative=2)
    Xc = Xz - Xz.mean(axis=0)
    alpha_max = float(np.abs(Xc.T @ (yz - yz.mean())).max() / len(yz))
    Xr, yr = sparse_data(95, 100, 6, informative=4)
    Xr[:, 1] = Xr[:, 0] + 0.3 * np.random.default_rng(96).standard_normal(100)  # correlated pair
    yr = yr + Xr[:, 1]
    Xw, yw = sparse_data(97, 30, 60, informative=5)
    Xd, yd = sparse_data(98, 200, 6, informative=4, noise=1.0)
    yd = 3 * yd

    def fit(alpha: float | None, *extra: dict) -> tuple:
        kwargs = {} if alpha is None else {"alpha": alpha}
        return (new("m", "LassoRegression", **kwargs), call("m", "fit", "X", "y", save="fit"), attr("m", "weights"),
                attr("m", "bias"), *extra)

    on = "X shape (200, 8), y from 3 of the 8 features + 1 + noise, seed 91"
    return [
        Case("unique_minimiser", "LassoRegression(alpha=0.1).fit(X, y)", on, {"X": X, "y": y}, fit(0.1),
             judge_unique, {"alpha": 0.1}),
        Case("exact_zeros", "LassoRegression(alpha=0.3).fit(X, y)", f"{on}; 5 uninformative features",
             {"X": X, "y": y}, fit(0.3), judge_unique, {"alpha": 0.3}),
        Case("intercept_not_penalised", "LassoRegression(alpha=0.2).fit(X, y)",
             "X shape (150, 5) with feature means ≈ 5, intercept 20, seed 92", {"X": Xb, "y": yb}, fit(0.2),
             judge_unique, {"alpha": 0.2}),
        Case("alpha_above_max_all_zero", f"LassoRegression(alpha={1.01 * alpha_max:.6g}).fit(X, y)",
             "X shape (120, 6), seed 94; alpha = 1.01·max|Xcᵀyc|/n", {"X": Xz, "y": yz},
             fit(1.01 * alpha_max), judge_all_zero, {"alpha": 1.01 * alpha_max}),
        Case("correlated_features", "LassoRegression(alpha=0.05).fit(X, y)",
             "X shape (100, 6), columns 0 and 1 correlated (r ≈ 0.96), seed 95", {"X": Xr, "y": yr}, fit(0.05),
             judge_unique, {"alpha": 0.05}),
        Case("default_parameters", "LassoRegression().fit(X, y)  # alpha=1.0, max_iter=1000, tol=1e-6",
             "X shape (200, 6), y scaled by 3, seed 98", {"X": Xd, "y": yd}, fit(None), judge_unique,
             {"alpha": 1.0}),
        Case("more_features_than_samples", "LassoRegression(alpha=0.2).fit(X, y)",
             "X shape (30, 60), seed 97 (w may not be unique; the KKT conditions and the minimum are)",
             {"X": Xw, "y": yw}, fit(0.2), judge_kkt_only, {"alpha": 0.2}),
        Case("predict_new_rows", "LassoRegression(alpha=0.1).fit(X, y) then .predict(X_new)",
             f"{on}; X_new shape (25, 8), seed 93", {"X": X, "y": y, "X_new": X_new},
             fit(0.1, call("m", "predict", "X_new", save="predict")), judge_predict, {"alpha": 0.1}),
    ]


def perf() -> Perf:
    X, y = sparse_data(99, 2000, 10, informative=4)
    return Perf(
        steps=(new("m", "LassoRegression", alpha=0.1), call("m", "fit", "X", "y"), call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="LassoRegression(alpha=0.1).fit(X, y).predict(X), X (2000, 10)",
        slow_hint="a Python loop over the samples for each coordinate? ρⱼ is one dot product: Xc[:, j] @ r / n",
    )
