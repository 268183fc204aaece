"""Hidden tests for `logistic-regression`. From weights = 0 and bias = 0, gradient descent with a given learning
rate and number of steps has exactly one trajectory, so weights, bias and cost_history are compared with the
reference's after the same steps (relative tolerance 1e-6). predict_proba is compared with the reference's; predict
only where the answer is unique (probabilities not within 1e-6 of 0.5)."""

from __future__ import annotations

import numpy as np

from drill.grading import checks, gd
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new


def classification_data(seed: int, n: int, d: int, *, bias: float = 0.0, scale: float = 1.0, centred: bool = False):
    rng = np.random.default_rng(seed)
    X = scale * rng.standard_normal((n, d))
    if centred:
        X -= X.mean(axis=0)
    w = rng.uniform(-2, 2, size=d) / scale
    y = (rng.uniform(size=n) < gd.sigmoid(X @ w + bias)).astype(np.int64)
    return X, y


def judge_parameters(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_parameters(case, got, expected, logistic=True)


def judge_bias(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_bias(case, got, expected, logistic=True)


def judge_cost(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_cost(case, got, expected, gd.log_loss, gd.LOG_LOSS)


def judge_refit(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_refit(case, got, expected, logistic=True)


def judge_separable(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_parameters(case, got, expected, logistic=True)
    gd.judge_cost(case, got, expected, gd.log_loss, gd.LOG_LOSS)


def _probabilities(case: Case, got: Outputs) -> np.ndarray:
    X_new = case.inputs["X_new"]
    proba = checks.value(got, "predict_proba", "predict_proba(X_new)")
    if proba.shape == (len(X_new), 2):
        raise Fail(f"predict_proba(X_new) has shape {proba.shape}, expected {(len(X_new),)}",
                   got=checks.fmt(proba), cause="two columns like scikit-learn's; the spec returns P(y = 1) only")
    proba = gd.own_predictions(case, got, "predict_proba", "predict_proba(X_new)", X_new)
    return proba.astype(float)


def judge_proba(case: Case, got: Outputs, expected: Outputs) -> None:
    proba = _probabilities(case, got)
    X_new = case.inputs["X_new"]
    weights, bias = gd.fitted(case, got)
    exp = expected.values["predict_proba"]
    if np.any((proba < 0) | (proba > 1)):
        i = int(np.flatnonzero((proba < 0) | (proba > 1))[0])
        raise Fail(f"predict_proba(X_new)[{i}] = {proba[i]:.4g} is not a probability", got=checks.fmt(proba),
                   cause="pass the score X·w + b through the sigmoid 1/(1 + e^(−z))")
    cause = ""
    with np.errstate(all="ignore"):
        own = gd.sigmoid(X_new @ weights + bias)
    if not np.allclose(proba, own, rtol=gd.RTOL, atol=gd.ATOL):
        if np.allclose(proba, 1 - own, rtol=gd.RTOL, atol=gd.ATOL):
            cause = "this is P(y = 0): the sigmoid of −z; predict_proba returns σ(X·w + b) = P(y = 1)"
        else:
            cause = "predict_proba does not compute σ(X_new @ self.weights + self.bias) with the fitted parameters"
    elif not np.allclose(proba, exp, rtol=gd.RTOL, atol=gd.ATOL):
        cause = "predict_proba is right for your parameters, but fit learned different ones — see the weights tests"
    checks.close(proba, exp, "predict_proba(X_new)", rtol=gd.RTOL, atol=gd.ATOL, cause=cause)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    X_new = case.inputs["X_new"]
    labels = gd.own_predictions(case, got, "predict", "predict(X_new)", X_new)
    if not np.all((labels == 0) | (labels == 1)):
        i = int(np.flatnonzero((labels != 0) & (labels != 1))[0])
        probabilities = labels.dtype.kind == "f" and np.all((labels >= 0) & (labels <= 1))
        raise Fail(f"predict(X_new)[{i}] = {checks.fmt(labels[i].item())}: predict must return the labels 0 and 1",
                   got=checks.fmt(labels),
                   cause="these look like probabilities — threshold them: (p >= 0.5).astype(int)" if probabilities
                   else "return 1 where predict_proba(X) >= 0.5, else 0")
    exp_p = expected.values["predict_proba"]
    unique = np.abs(exp_p - 0.5) > 1e-6
    cause = ""
    if got.has("predict_proba") and got.get("predict_proba") is not None:
        own = got.values["predict_proba"].astype(float).reshape(-1)
        if own.shape == labels.shape and not np.array_equal(labels[unique], (own >= 0.5)[unique]):
            weights, bias = gd.fitted(case, got)
            z = X_new @ weights + bias
            if np.array_equal(labels[unique], (z >= 0.5)[unique]):
                cause = "the threshold 0.5 is applied to the score z; apply it to the probability σ(z) (or use z ≥ 0)"
            else:
                cause = "predict must agree with your own predict_proba: 1 where it is >= 0.5"
    checks.same_labels(labels, (exp_p >= 0.5).astype(np.int64), "predict(X_new)", mask=unique,
                       cause=cause or "see the weights tests: predictions follow the fitted parameters")


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = classification_data(21, 200, 3, bias=0.5)
    Xc, yc = classification_data(22, 160, 2, bias=1.5, centred=True)
    X1, y1 = classification_data(23, 120, 2, bias=-0.5)
    X_new = np.random.default_rng(24).standard_normal((60, 3))
    X8, y8 = classification_data(25, 300, 6, scale=2.0)
    rng = np.random.default_rng(26)
    Xs = rng.standard_normal((100, 2)) * 6
    ys = (Xs[:, 0] + 0.5 * Xs[:, 1] > 0).astype(np.int64)
    keep = np.abs(Xs[:, 0] + 0.5 * Xs[:, 1]) > 2.0  # a clear margin: separable
    Xs, ys = Xs[keep], ys[keep]
    X2, y2 = classification_data(27, 90, 3, bias=-1.0)

    def fit(lr: float | None, steps: int | None) -> tuple:
        kwargs = {k: v for k, v in (("learning_rate", lr), ("n_iterations", steps)) if v is not None}
        return (new("m", "LogisticRegression", **kwargs), call("m", "fit", "X", "y", save="fit"),
                attr("m", "weights"), attr("m", "bias"), attr("m", "cost_history"))

    base = "LogisticRegression(learning_rate=0.1, n_iterations=100).fit(X, y)"
    lr_steps = {"learning_rate": 0.1, "n_iterations": 100}
    on = "X shape (200, 3), y in {0, 1} (int), seed 21"
    return [
        Case("weights_after_100_steps", base, on, {"X": X, "y": y}, fit(0.1, 100), judge_parameters, lr_steps),
        Case("bias_is_learned", base, "X shape (160, 2) with centred columns, 80% ones, seed 22",
             {"X": Xc, "y": yc}, fit(0.1, 100), judge_bias, lr_steps),
        Case("cost_history_is_log_loss", base, on, {"X": X, "y": y}, fit(0.1, 100), judge_cost, lr_steps),
        Case("defaults_float_labels", "LogisticRegression().fit(X, y)  # learning_rate=0.01, n_iterations=1000",
             "X shape (120, 2), y in {0.0, 1.0} (float), seed 23", {"X": X1, "y": y1.astype(float)},
             fit(None, None), judge_parameters, {"learning_rate": 0.01, "n_iterations": 1000}),
        Case("many_features", "LogisticRegression(learning_rate=0.05, n_iterations=200).fit(X, y)",
             "X shape (300, 6), feature scale 2, seed 25", {"X": X8, "y": y8}, fit(0.05, 200), judge_parameters,
             {"learning_rate": 0.05, "n_iterations": 200}),
        Case("predict_proba_is_p_of_class_1", f"{base} then .predict_proba(X_new)",
             f"{on}; X_new shape (60, 3), seed 24", {"X": X, "y": y, "X_new": X_new},
             (*fit(0.1, 100), call("m", "predict_proba", "X_new", save="predict_proba")), judge_proba, lr_steps),
        Case("predict_returns_labels", f"{base} then .predict_proba(X_new) and .predict(X_new)",
             f"{on}; X_new shape (60, 3), seed 24", {"X": X, "y": y, "X_new": X_new},
             (*fit(0.1, 100), call("m", "predict_proba", "X_new", save="predict_proba"),
              call("m", "predict", "X_new", save="predict")), judge_predict, lr_steps),
        Case("separable_data_stays_finite", "LogisticRegression(learning_rate=0.5, n_iterations=500).fit(X, y)",
             f"X shape {Xs.shape}, features ~6× larger, linearly separable, seed 26 (probabilities saturate)",
             {"X": Xs, "y": ys}, fit(0.5, 500), judge_separable, {"learning_rate": 0.5, "n_iterations": 500}),
        Case("refit_starts_from_zero", "m = LogisticRegression(learning_rate=0.1, n_iterations=100); m.fit(X, y); "
             "m.fit(X2, y2)", f"{on}; then X2 shape (90, 3), seed 27",
             {"X": X2, "y": y2, "X_first": X, "y_first": y},
             (new("m", "LogisticRegression", learning_rate=0.1, n_iterations=100),
              call("m", "fit", "X_first", "y_first"), call("m", "fit", "X", "y", save="fit"),
              attr("m", "weights"), attr("m", "bias"), attr("m", "cost_history")),
             judge_refit, {**lr_steps, "refit": True}),
    ]


def perf() -> Perf:
    X, y = classification_data(41, 2000, 10)
    return Perf(
        steps=(new("m", "LogisticRegression", learning_rate=0.1, n_iterations=100), call("m", "fit", "X", "y"),
               call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="LogisticRegression(n_iterations=100).fit(X, y).predict(X), X (2000, 10)",
        slow_hint="a Python loop over the samples inside each iteration? compute X.T @ (p - y) in one go",
    )
