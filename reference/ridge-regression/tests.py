"""Hidden tests for `ridge-regression`. For alpha > 0 the minimiser of Σ(y − X·w − b)² + α‖w‖² is unique (even with
duplicated features or more features than samples), so weights and bias are compared with the reference's
(relative tolerance 1e-8). When they differ, the judge re-solves the classic variants — the intercept penalised,
α added to every entry of XᵀX, α scaled by n, no intercept — and names the one the submission matches."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL, ATOL = 1e-8, 1e-10


def regression_data(seed: int, n: int, d: int, *, bias: float = 3.0, shift: float = 0.0, noise: float = 0.5):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d)) + shift
    w = rng.uniform(-3, 3, size=d)
    y = (X - shift) @ w + bias + noise * rng.standard_normal(n)
    return X, y


def _solve(X: np.ndarray, y: np.ndarray, alpha: float, *, penalise_bias: bool = False, everywhere: bool = False,
           intercept: bool = True) -> tuple[np.ndarray, float]:
    """Ridge (or a classic variant of it) via the augmented system [X, 1]."""
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)]) if intercept else X
    system = A.T @ A
    if everywhere:
        system = system + alpha
    else:
        penalty = np.full(A.shape[1], alpha)
        if intercept and not penalise_bias:
            penalty[-1] = 0.0
        system = system + np.diag(penalty)
    theta = np.linalg.lstsq(system, A.T @ y, rcond=None)[0]
    return (theta[:-1], float(theta[-1])) if intercept else (theta, 0.0)


def _diagnose(case: Case, weights: np.ndarray, bias: float) -> str:
    X, y, alpha = case.inputs["X"], case.inputs["y"], case.params["alpha"]
    n = len(y)
    variants: list[tuple[str, dict]] = [
        ("the intercept is penalised too: with a column of ones, put 0 (not alpha) where the bias sits on the "
         "diagonal of the penalty — or centre X and y and set b = mean(y) − mean(X) @ w", {"penalise_bias": True}),
        ("alpha was added to EVERY entry of XᵀX (`X.T @ X + alpha` broadcasts); the penalty is alpha times the "
         "identity: `X.T @ X + alpha * np.eye(n_features)`", {"everywhere": True}),
        ("alpha is multiplied by n_samples: that is the minimiser of the MEAN squared error + α‖w‖²; the spec's "
         "objective is the SUM Σ(y − ŷ)² + α‖w‖², solved by (XᵀX + αI)w = Xᵀy", {"alpha": n * alpha}),
        ("the penalty is twice the spec's (2α on the diagonal): the gradient of Σ(y − ŷ)² + α‖w‖² is "
         "−2Xᵀ(y − ŷ) + 2αw, so (XᵀX + αI)w = Xᵀy", {"alpha": 2 * alpha}),
        ("the penalty is half the spec's (α/2 on the diagonal): (XᵀX + αI)w = Xᵀy", {"alpha": alpha / 2}),
        ("the intercept is missing: append a column of ones (unpenalised) or centre X and y",
         {"intercept": False}),
        ("no penalty at all: this is ordinary least squares — add alpha on the diagonal of XᵀX", {"alpha": 0.0}),
    ]
    for cause, change in variants:
        w, b = _solve(X, y, **{"alpha": alpha, **change})
        if np.allclose(weights, w, rtol=1e-6, atol=1e-9) and abs(bias - b) <= 1e-9 + 1e-6 * abs(b):
            return cause
    Xc = X - X.mean(axis=0)
    w, _ = _solve(Xc, y - y.mean(), alpha, intercept=False)
    if np.allclose(weights, w, rtol=1e-6, atol=1e-9) and np.isclose(bias, y.mean(), rtol=1e-9):
        return "the weights are right but the bias is mean(y); after centring, b = mean(y) − mean(X) @ weights"
    w, _ = _solve(Xc, y - y.mean(), alpha, intercept=False, everywhere=True)
    if np.allclose(weights, w, rtol=1e-6, atol=1e-9):
        return variants[1][0]
    return ("(w, b) should minimise Σ(y − X·w − b)² + alpha·‖w‖² with b unpenalised: "
            "w = (XcᵀXc + αI)⁻¹Xcᵀyc on centred data, b = mean(y) − mean(X)·w")


def _fitted(case: Case, got: Outputs) -> tuple[np.ndarray, float]:
    d = case.inputs["X"].shape[1]
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    weights = checks.array(got, "weights", "weights", (d,))
    bias = checks.value(got, "bias", "bias")
    if bias.shape not in ((), (1,)) or bias.dtype.kind not in checks.NUMERIC:
        raise Fail(f"bias has shape {bias.shape}, expected a single number", got=checks.fmt(bias),
                   cause="the intercept is one number: b = mean(y) − mean(X) @ weights")
    return weights.astype(float), float(bias.reshape(()))


def judge_fit(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    exp_w, exp_b = expected.values["weights"], float(expected.values["bias"])
    ok_w = np.allclose(weights, exp_w, rtol=RTOL, atol=ATOL)
    ok_b = abs(bias - exp_b) <= ATOL + RTOL * abs(exp_b)
    if ok_w and ok_b:
        return
    cause = _diagnose(case, weights, bias)
    if not ok_w:
        checks.close(weights, exp_w, "weights", rtol=RTOL, atol=ATOL, cause=cause)
    checks.close(np.array(bias), np.array(exp_b), "bias", rtol=RTOL, atol=ATOL, cause=cause)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_fit(case, got, expected)
    X_new = case.inputs["X_new"]
    pred = checks.value(got, "predict", "predict(X_new)")
    n_train = case.inputs["X"].shape[0]
    if pred.shape == (n_train,) and n_train != len(X_new):
        raise Fail(f"predict(X_new) has shape {pred.shape}: one value per TRAINING sample, expected "
                   f"{(len(X_new),)}", cause="predict must use the X it is given, not values stored during fit")
    pred = checks.array(got, "predict", "predict(X_new)", (len(X_new),))
    checks.close(pred, expected.values["predict"], "predict(X_new)", rtol=RTOL, atol=ATOL,
                 cause="predict must compute X @ self.weights + self.bias")


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = regression_data(71, 100, 4)
    Xs, ys = regression_data(72, 60, 3, bias=10.0, shift=4.0)  # features far from 0: a penalised bias shows
    X_new = np.random.default_rng(73).standard_normal((25, 4))
    Xd, yd = regression_data(74, 80, 3)
    Xd = np.column_stack([Xd, Xd[:, 0]])  # duplicated feature: singular XᵀX, ridge still unique
    Xw, yw = regression_data(75, 20, 50, bias=-2.0)  # more features than samples
    Xb, yb = regression_data(76, 90, 5, bias=1.0)

    def fit(alpha: float | None, *extra: dict) -> tuple:
        kwargs = {} if alpha is None else {"alpha": alpha}
        return (new("m", "RidgeRegression", **kwargs), call("m", "fit", "X", "y", save="fit"), attr("m", "weights"),
                attr("m", "bias"), *extra)

    return [
        Case("default_alpha_closed_form", "RidgeRegression().fit(X, y)  # alpha=1.0",
             "X shape (100, 4), y = X·w + 3 + noise, seed 71", {"X": X, "y": y}, fit(None), judge_fit,
             {"alpha": 1.0}),
        Case("intercept_not_penalised", "RidgeRegression(alpha=10.0).fit(X, y)",
             "X shape (60, 3) with feature means ≈ 4, intercept 10, seed 72", {"X": Xs, "y": ys}, fit(10.0),
             judge_fit, {"alpha": 10.0}),
        Case("predict_new_rows", "RidgeRegression(alpha=1.0).fit(X, y) then .predict(X_new)",
             "X shape (100, 4), seed 71; X_new shape (25, 4), seed 73", {"X": X, "y": y, "X_new": X_new},
             fit(1.0, call("m", "predict", "X_new", save="predict")), judge_predict, {"alpha": 1.0}),
        Case("duplicated_feature", "RidgeRegression(alpha=2.0).fit(X, y)",
             "X shape (80, 4) whose column 3 is a copy of column 0 (XᵀX singular; ridge splits the weight "
             "equally), seed 74", {"X": Xd, "y": yd}, fit(2.0), judge_fit, {"alpha": 2.0}),
        Case("more_features_than_samples", "RidgeRegression(alpha=0.5).fit(X, y)",
             "X shape (20, 50), seed 75", {"X": Xw, "y": yw}, fit(0.5), judge_fit, {"alpha": 0.5}),
        Case("strong_penalty_shrinks_to_mean", "RidgeRegression(alpha=1e4).fit(X, y)",
             "X shape (90, 5), seed 76 (weights near 0, bias near mean(y))", {"X": Xb, "y": yb}, fit(1e4),
             judge_fit, {"alpha": 1e4}),
    ]


def perf() -> Perf:
    X, y = regression_data(81, 5000, 8)
    return Perf(
        steps=(new("m", "RidgeRegression", alpha=1.0), call("m", "fit", "X", "y"), call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="RidgeRegression(alpha=1.0).fit(X, y).predict(X), X (5000, 8)",
        slow_hint="a Python loop over the samples to build XᵀX? X.T @ X does it in one call",
    )
