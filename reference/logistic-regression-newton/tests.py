"""Hidden tests for `logistic-regression-newton`. With alpha > 0 (or on non-separable data) the penalised mean
log-loss has a unique minimiser, so weights and bias are compared with the reference's (relative tolerance 1e-6);
Newton's method reaches it in a handful of steps, so n_iter_ must be at most 15. When the parameters differ, the
judge looks at the gradient at the submission's answer and at n_iter_ to say whether it stopped early, never
converged, or converged to a different objective (the bias penalised, the penalty scaled)."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL, ATOL = 1e-6, 1e-8
MAX_STEPS = 15


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def classification_data(seed: int, n: int, d: int, *, bias: float = 0.0, scale: float = 1.0, shift: float = 0.0):
    rng = np.random.default_rng(seed)
    X = scale * rng.standard_normal((n, d)) + shift
    w = rng.uniform(-2, 2, size=d) / scale
    y = (rng.uniform(size=n) < sigmoid((X - shift) @ w + bias)).astype(np.int64)
    return X, y


def _minimise(X: np.ndarray, y: np.ndarray, alpha: float, penalise_bias: bool = False) -> np.ndarray:
    """θ = (w, b) minimising the mean log-loss + (alpha/2)‖w‖² (‖θ‖² if penalise_bias), by Newton."""
    n, d = X.shape
    A = np.column_stack([X, np.ones(n)])
    penalty = np.full(d + 1, alpha)
    penalty[-1] = alpha if penalise_bias else 0.0
    theta = np.zeros(d + 1)
    for _ in range(100):
        p = sigmoid(A @ theta)
        g = A.T @ (p - y) / n + penalty * theta
        if np.abs(g).max() < 1e-12:
            break
        H = (A * (p * (1 - p))[:, None]).T @ A / n + np.diag(penalty)
        theta -= np.linalg.solve(H, g)
    return theta


def _fitted(case: Case, got: Outputs) -> tuple[np.ndarray, float]:
    d = case.inputs["X"].shape[1]
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    weights = checks.array(got, "weights", "weights", (d,), finite=False)
    bias = checks.value(got, "bias", "bias")
    if bias.shape not in ((), (1,)) or bias.dtype.kind not in checks.NUMERIC:
        raise Fail(f"bias has shape {bias.shape}, expected a single number", got=checks.fmt(bias),
                   cause="the bias is the last entry of θ = (w, b)")
    return weights.astype(float), float(bias.reshape(()))


def _steps(got: Outputs) -> int:
    n_iter = checks.value(got, "n_iter_", "n_iter_")
    if n_iter.shape != () or n_iter.dtype.kind not in "iuf" or not float(n_iter).is_integer():
        raise Fail(f"n_iter_ is {checks.fmt(n_iter)}, expected a whole number of Newton steps",
                   cause="count the parameter updates: self.n_iter_ += 1 after each step")
    return int(n_iter)


def _cause(case: Case, weights: np.ndarray, bias: float, n_iter: int | None) -> str:
    X, y, alpha = case.inputs["X"], case.inputs["y"].astype(float), case.params["alpha"]
    n = len(y)
    if not (np.all(np.isfinite(weights)) and np.isfinite(bias)) or np.abs(weights).max() > 1e6:
        return ("the iterations diverged — is the update θ ← θ − H⁻¹g (minus), and H = AᵀSA/n with "
                "S = diag(p(1 − p)) (a Hessian without S overshoots)?")
    for theta, cause in (
        (_minimise(X, y, alpha, penalise_bias=True), "the bias is penalised too: the penalty is alpha·(w, 0) in "
         "the gradient and alpha·diag(1, …, 1, 0) in the Hessian — the intercept is free"),
        (_minimise(X, y, alpha * n), "the penalty is n times too strong: the objective is the MEAN log-loss + "
         "(alpha/2)‖w‖² — divide Aᵀ(p − y) and AᵀSA by n, or add n·alpha to a summed Hessian"),
        (_minimise(X, y, alpha / n), "the penalty is n times too weak: the objective is the MEAN log-loss + "
         "(alpha/2)‖w‖², so the gradient is Aᵀ(p − y)/n + alpha·w"),
        (_minimise(X, y, 0.0), "no penalty: add alpha·w to the gradient and alpha on the Hessian's diagonal "
         "(except the bias entry)"),
    ):
        if alpha > 0 and np.allclose(weights, theta[:-1], rtol=1e-4, atol=1e-6):
            return cause
    A = np.column_stack([X, np.ones(n)])
    g = A.T @ (sigmoid(A @ np.append(weights, bias)) - y) / n + np.append(alpha * weights, 0.0)
    if n_iter is not None and n_iter >= case.params.get("max_iter", 100):
        return (f"not converged after {n_iter} steps (largest gradient entry {np.abs(g).max():.2g}) — a Newton "
                "step solves H·step = g with the full Hessian H = AᵀSA/n + alpha·diag(1, …, 1, 0); "
                "a Hessian with the wrong scale or without S only creeps towards the optimum")
    return (f"stopped where the gradient is not 0 (largest entry {np.abs(g).max():.2g}) — iterate until every "
            "entry of g = Aᵀ(p − y)/n + alpha·(w, 0) is below tol")


def judge_optimum(case: Case, got: Outputs, expected: Outputs) -> None:
    weights, bias = _fitted(case, got)
    exp_w, exp_b = expected.values["weights"], float(expected.values["bias"])
    ok_w = np.allclose(weights, exp_w, rtol=RTOL, atol=ATOL)
    ok_b = abs(bias - exp_b) <= ATOL + RTOL * abs(exp_b)
    if ok_w and ok_b:
        return
    n_iter = _steps(got) if got.has("n_iter_") and got.get("n_iter_") is not None else None
    cause = _cause(case, weights, bias, n_iter)
    if not ok_w:
        checks.close(weights, exp_w, "weights", rtol=RTOL, atol=ATOL, cause=cause)
    checks.close(np.array(bias), np.array(exp_b), "bias", rtol=RTOL, atol=ATOL, cause=cause)


def judge_iterations(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_optimum(case, got, expected)
    n_iter = _steps(got)
    if n_iter < 1 or n_iter > MAX_STEPS:
        cause = ("n_iter_ must count the Newton steps actually taken (≥ 1 from a zero start)" if n_iter < 1 else
                 "the loop does not stop once converged: break as soon as every gradient entry is below tol"
                 if n_iter >= case.params.get("max_iter", 100) else
                 "Newton's method converges quadratically: too many steps means the Hessian is not the exact "
                 "AᵀSA/n + alpha·diag(1, …, 1, 0) (missing S = p(1 − p)? a different scale from the gradient?)")
        raise Fail(f"n_iter_ = {n_iter}: expected between 1 and {MAX_STEPS} Newton steps (the reference took "
                   f"{int(expected.values['n_iter_'])})", expected=f"≤ {MAX_STEPS}", got=str(n_iter), cause=cause)


def judge_predictions(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_optimum(case, got, expected)
    X_new = case.inputs["X_new"]
    proba = checks.value(got, "predict_proba", "predict_proba(X_new)")
    if proba.shape == (len(X_new), 2):
        raise Fail(f"predict_proba(X_new) has shape {proba.shape}, expected {(len(X_new),)}",
                   cause="two columns like scikit-learn's; the spec returns P(y = 1) only")
    proba = checks.array(got, "predict_proba", "predict_proba(X_new)", (len(X_new),))
    checks.close(proba, expected.values["predict_proba"], "predict_proba(X_new)", rtol=RTOL, atol=1e-9,
                 cause="predict_proba returns σ(X @ weights + bias) = P(y = 1)")
    labels = checks.array(got, "predict", "predict(X_new)", (len(X_new),))
    exp_p = expected.values["predict_proba"]
    unique = np.abs(exp_p - 0.5) > 1e-6
    if not np.all((labels == 0) | (labels == 1)):
        raise Fail("predict(X_new) must return the labels 0 and 1", got=checks.fmt(labels),
                   cause="threshold the probabilities: (p >= 0.5).astype(int)")
    checks.same_labels(labels, (exp_p >= 0.5).astype(np.int64), "predict(X_new)", mask=unique,
                       cause="predict is 1 where predict_proba(X) >= 0.5, else 0")


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = classification_data(101, 300, 4, bias=0.5)
    Xm, ym = classification_data(102, 500, 8, bias=-0.5, scale=2.0)
    Xb, yb = classification_data(103, 200, 3, bias=2.0, shift=3.0)
    X0, y0 = classification_data(104, 250, 3, bias=-0.3)
    rng = np.random.default_rng(105)
    Xs = rng.standard_normal((120, 2)) * 3
    ys = (Xs[:, 0] - Xs[:, 1] > 0).astype(np.int64)
    keep = np.abs(Xs[:, 0] - Xs[:, 1]) > 1.0  # a clear margin: linearly separable
    Xs, ys = Xs[keep], ys[keep]
    X_new = np.random.default_rng(106).standard_normal((40, 4))

    def fit(*extra: dict, **kwargs: float) -> tuple:
        return (new("m", "NewtonLogisticRegression", **kwargs), call("m", "fit", "X", "y", save="fit"),
                attr("m", "weights"), attr("m", "bias"), attr("m", "n_iter_"), *extra)

    base = "NewtonLogisticRegression().fit(X, y)  # alpha=1e-3, max_iter=100, tol=1e-8"
    return [
        Case("reaches_the_optimum", base, "X shape (300, 4), y in {0, 1}, seed 101", {"X": X, "y": y}, fit(),
             judge_optimum, {"alpha": 1e-3}),
        Case("converges_in_a_handful_of_steps", base, "X shape (500, 8), feature scale 2, seed 102",
             {"X": Xm, "y": ym}, fit(), judge_iterations, {"alpha": 1e-3}),
        Case("bias_not_penalised", "NewtonLogisticRegression(alpha=0.1).fit(X, y)",
             "X shape (200, 3) with feature means ≈ 3, 85% ones, seed 103", {"X": Xb, "y": yb}, fit(alpha=0.1),
             judge_iterations, {"alpha": 0.1}),
        Case("unpenalised_maximum_likelihood", "NewtonLogisticRegression(alpha=0.0).fit(X, y)",
             "X shape (250, 3), not separable, y as floats, seed 104", {"X": X0, "y": y0.astype(float)},
             fit(alpha=0.0), judge_iterations, {"alpha": 0.0}),
        Case("separable_data_stays_finite", "NewtonLogisticRegression(alpha=0.01).fit(X, y)",
             f"X shape {Xs.shape}, linearly separable with a margin, seed 105", {"X": Xs, "y": ys},
             fit(alpha=0.01), judge_iterations, {"alpha": 0.01}),
        Case("predict_proba_and_predict", f"{base.split('  #')[0]} then .predict_proba(X_new) and .predict(X_new)",
             "X shape (300, 4), seed 101; X_new shape (40, 4), seed 106", {"X": X, "y": y, "X_new": X_new},
             fit(call("m", "predict_proba", "X_new", save="predict_proba"),
                 call("m", "predict", "X_new", save="predict")), judge_predictions, {"alpha": 1e-3}),
    ]


def perf() -> Perf:
    X, y = classification_data(111, 4000, 10)
    return Perf(
        steps=(new("m", "NewtonLogisticRegression"), call("m", "fit", "X", "y"), call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="NewtonLogisticRegression().fit(X, y).predict(X), X (4000, 10)",
        slow_hint="a Python loop over the samples to build the Hessian? (A * s[:, None]).T @ A does it in one go; "
        "never build the n×n np.diag(s)",
    )
