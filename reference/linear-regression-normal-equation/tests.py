"""Hidden tests for `linear-regression-normal-equation`. Where X has full column rank the least-squares solution is
unique, so weights and bias are compared with the reference's; everywhere the fitted values are unique, so
predictions are compared, and the fit must be optimal — the gradient [Xᵀr, Σr] of the squared error, with
r = y − X·w − b, is zero to rounding. That gradient is what an explicit inverse of an ill-conditioned XᵀX gets
wrong (by a factor of about cond(XᵀX)), while any backward-stable solve (lstsq, pinv, QR, SVD, a solve of the
normal equations) keeps it near machine precision. Rank-deficient cases accept ANY least-squares solution."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL, ATOL = 1e-8, 1e-10
GRADIENT_TOL = 1e-9  # ‖[Xᵀr, Σr]‖ / (‖[X, 1]‖_F · ‖y‖): stable solves give < 1e-11, np.linalg.inv ~1e-7 here
INVERSE = ("np.linalg.inv(X.T @ X) loses accuracy when XᵀX is ill-conditioned (here its condition number is "
           "~1e12) — solve instead: np.linalg.lstsq(X_with_ones, y, rcond=None)[0] (or lstsq on the normal "
           "equations)")


def regression_data(seed: int, n: int, d: int, *, bias: float = 2.0, noise: float = 0.3):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    w = rng.uniform(-3, 3, size=d)
    y = X @ w + bias + noise * rng.standard_normal(n)
    return X, y


def _fitted(case: Case, got: Outputs) -> tuple[np.ndarray, float]:
    d = case.inputs["X"].shape[1]
    checks.returns_self(got, "fit", "fit(X, y)")
    weights = checks.array(got, "weights", "weights", (d,), finite=False)
    bias = checks.value(got, "bias", "bias")
    if bias.shape not in ((), (1,)) or bias.dtype.kind not in checks.NUMERIC:
        raise Fail(f"bias has shape {bias.shape}, expected a single number", got=checks.fmt(bias),
                   cause="the intercept is one number: the last entry of the solution when you append a column of "
                   "ones, or mean(y) − mean(X) @ weights when you centre")
    bias_f = float(bias.reshape(()))
    if not (np.all(np.isfinite(weights)) and np.isfinite(bias_f)):
        raise Fail("weights or bias contain NaN or inf", got=f"weights {checks.fmt(weights)}, bias {bias_f}",
                   cause="a singular XᵀX was inverted or solved directly — use np.linalg.lstsq, which handles "
                   "rank-deficient X")
    return weights.astype(float), bias_f


def _diagnose(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> str:
    """The classic mistake the fit matches, if any."""
    no_intercept = np.linalg.lstsq(X, y, rcond=None)[0]
    if bias == 0.0 and np.allclose(weights, no_intercept, rtol=1e-6, atol=1e-9):
        return ("the intercept is missing: this is the fit through the origin — append a column of ones to X "
                "(its coefficient is the bias), or centre X and y")
    centred_w = np.linalg.lstsq(X - X.mean(axis=0), y - y.mean(), rcond=None)[0]
    if np.allclose(weights, centred_w, rtol=1e-6, atol=1e-9) and np.isclose(bias, y.mean(), rtol=1e-9):
        return "the weights are right but the bias is mean(y); after centring, b = mean(y) − mean(X) @ weights"
    return ""


def _gradient(X: np.ndarray, y: np.ndarray, weights: np.ndarray, bias: float) -> tuple[float, float, float]:
    """The relative size of the squared error's gradient at (w, b): total, weights part, bias part."""
    r = y - (X @ weights + bias)
    scale = np.sqrt(np.sum(X * X) + len(y)) * np.linalg.norm(y)
    g_w = np.linalg.norm(X.T @ r) / scale
    g_b = abs(float(r.sum())) / scale
    return float(np.hypot(g_w, g_b)), float(g_w), g_b


def _optimal(case: Case, weights: np.ndarray, bias: float, singular: bool) -> None:
    X, y = case.inputs["X"], case.inputs["y"]
    total, g_w, g_b = _gradient(X, y, weights, bias)
    if total <= GRADIENT_TOL:
        return
    if g_b > 10 * g_w:
        cause = ("Σ(y − ŷ) is not zero: the bias is not the least-squares intercept — b = mean(y) − mean(X) @ "
                 "weights, or the coefficient of a column of ones")
    elif singular:
        cause = ("XᵀX is singular here, so its inverse is numerical garbage — use np.linalg.lstsq, which returns "
                 "a least-squares solution for rank-deficient X")
    else:
        cause = INVERSE
    raise Fail(f"the fit is not a least-squares solution: the gradient [Xᵀr, Σr] of the squared error at your "
               f"(weights, bias) is {total:.2g} (relative to ‖X‖·‖y‖), expected below {GRADIENT_TOL:g}",
               expected="Xᵀ(y − ŷ) = 0 and Σ(y − ŷ) = 0, up to rounding",
               got=f"relative gradient: weights part {g_w:.3g}, bias part {g_b:.3g}", cause=cause)


def _predictions(case: Case, got: Outputs, expected: Outputs, key: str, rows: str, *, rtol: float, atol: float) -> None:
    X_rows = case.inputs[rows]
    what = f"predict({rows})"
    pred = checks.value(got, key, what)
    n_train = case.inputs["X"].shape[0]
    if rows != "X" and pred.shape == (n_train,) and n_train != len(X_rows):
        raise Fail(f"{what} has shape {pred.shape}: one value per TRAINING sample, expected {(len(X_rows),)}",
                   cause="predict must use the X it is given, not values stored during fit")
    pred = checks.array(got, key, what, (len(X_rows),)).astype(float)
    weights, bias = _fitted(case, got)
    cause = ""
    if not np.allclose(pred, X_rows @ weights + bias, rtol=1e-9, atol=1e-9 * (1 + np.abs(pred).max())):
        cause = "predict does not compute X @ self.weights + self.bias with the fitted parameters"
    checks.close(pred, expected.values[key], what, rtol=rtol, atol=atol, cause=cause or "see the fit: it is not "
                 "the least-squares one")


def judge_weights(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    X, y = case.inputs["X"], case.inputs["y"]
    exp_w, exp_b = expected.values["weights"], float(expected.values["bias"])
    ok_w = np.allclose(weights, exp_w, rtol=RTOL, atol=ATOL)
    ok_b = abs(bias - exp_b) <= ATOL + RTOL * abs(exp_b)
    if ok_w and ok_b:
        return
    cause = _diagnose(X, y, weights, bias) or (
        "(w, b) should solve the least-squares problem with an intercept: lstsq on [X, 1] and y, or on the "
        "normal equations of the centred data")
    if not ok_w:
        checks.close(weights, exp_w, "weights", rtol=RTOL, atol=ATOL, cause=cause)
    checks.close(np.array(bias), np.array(exp_b), "bias", rtol=RTOL, atol=ATOL, cause=cause)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_weights(case, got, expected)
    _predictions(case, got, expected, "predict_new", "X_new", rtol=RTOL, atol=ATOL)


def judge_ill_conditioned(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    _optimal(case, weights, bias, singular=False)
    scale = float(np.abs(case.inputs["y"]).max())
    _predictions(case, got, expected, "predict_train", "X", rtol=0.0, atol=1e-6 * scale)


def judge_rank_deficient(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    _optimal(case, weights, bias, singular=True)
    scale = float(np.abs(case.inputs["y"]).max())
    _predictions(case, got, expected, "predict_train", "X", rtol=0.0, atol=1e-7 * scale)
    if "X_new" in case.inputs:
        _predictions(case, got, expected, "predict_new", "X_new", rtol=0.0, atol=1e-7 * scale)


def judge_interpolates(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_rank_deficient(case, got, expected)
    y = case.inputs["y"]
    pred = got.values["predict_train"].astype(float)
    checks.close(pred, y, "predict(X) (with more features than samples, least squares fits y exactly)", rtol=0.0,
                 atol=1e-7 * float(np.abs(y).max()))


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = regression_data(51, 200, 4)
    X_new = np.random.default_rng(52).standard_normal((30, 4))
    X1, y1 = regression_data(53, 50, 1, bias=-1.5)
    rng = np.random.default_rng(54)
    Xi, yi = regression_data(54, 200, 4)
    Xi = np.column_stack([Xi, Xi[:, 0] + 1e-5 * rng.standard_normal(200)])  # nearly collinear: cond(X) ~ 1e5
    Xd, yd = regression_data(55, 120, 3)
    Xd = np.column_stack([Xd, Xd[:, 1]])  # an exactly duplicated feature
    Xd_new = np.random.default_rng(56).standard_normal((20, 3))
    Xd_new = np.column_stack([Xd_new, Xd_new[:, 1]])
    Xk, yk = regression_data(57, 100, 3, bias=4.0)
    Xk = np.column_stack([Xk[:, :2], np.full(100, 2.5), Xk[:, 2]])  # a constant feature, collinear with the bias
    Xk_new = np.random.default_rng(58).standard_normal((20, 4))
    Xk_new[:, 2] = 2.5
    rng = np.random.default_rng(59)
    Xu, yu = rng.standard_normal((15, 30)), rng.standard_normal(15) + 1.0

    def fit(*extra: dict) -> tuple:
        return (new("m", "LinearRegression"), call("m", "fit", "X", "y", save="fit"), attr("m", "weights"),
                attr("m", "bias"), *extra)

    train = call("m", "predict", "X", save="predict_train")
    fresh = call("m", "predict", "X_new", save="predict_new")
    base = "LinearRegression().fit(X, y)"
    return [
        Case("weights_match_closed_form", base, "X shape (200, 4), y = X·w + 2 + noise, seed 51",
             {"X": X, "y": y}, fit(), judge_weights),
        Case("predict_new_rows", f"{base} then .predict(X_new)", "X shape (200, 4), seed 51; X_new shape (30, 4), "
             "seed 52", {"X": X, "y": y, "X_new": X_new}, fit(fresh), judge_predict),
        Case("single_feature", base, "X shape (50, 1), y = w·x − 1.5 + noise, seed 53", {"X": X1, "y": y1}, fit(),
             judge_weights),
        Case("ill_conditioned_solve_not_invert", f"{base} then .predict(X)",
             "X shape (200, 5) whose last column = column 0 + 1e-5·noise (cond(XᵀX) ~ 1e12), seed 54",
             {"X": Xi, "y": yi}, fit(train), judge_ill_conditioned),
        Case("duplicated_feature", f"{base} then .predict(X) and .predict(X_new)",
             "X shape (120, 4) whose column 3 is a copy of column 1 (XᵀX is singular), seed 55; X_new shape (20, 4) "
             "with the same copy, seed 56", {"X": Xd, "y": yd, "X_new": Xd_new}, fit(train, fresh),
             judge_rank_deficient),
        Case("constant_feature", f"{base} then .predict(X) and .predict(X_new)",
             "X shape (100, 4) whose column 2 is the constant 2.5 (collinear with the intercept), seed 57; X_new "
             "shape (20, 4), column 2 = 2.5, seed 58", {"X": Xk, "y": yk, "X_new": Xk_new}, fit(train, fresh),
             judge_rank_deficient),
        Case("more_features_than_samples", f"{base} then .predict(X)", "X shape (15, 30), y shape (15,), seed 59",
             {"X": Xu, "y": yu}, fit(train), judge_interpolates),
    ]


def perf() -> Perf:
    X, y = regression_data(61, 5000, 8)
    return Perf(
        steps=(new("m", "LinearRegression"), call("m", "fit", "X", "y"), call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="LinearRegression().fit(X, y).predict(X), X (5000, 8)",
        slow_hint="a Python loop over the samples to build XᵀX? X.T @ X does it in one call",
    )
