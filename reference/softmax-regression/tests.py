"""Hidden tests for `softmax-regression`. From W = 0 and b = 0, full-batch gradient descent on the mean
cross-entropy with a given learning rate and number of steps has exactly one trajectory, so weights (d, K), bias
(K,) and cost_history are compared with the reference's after the same steps (relative tolerance 1e-6).
predict_proba is compared with the reference's; predict only where the top class is unique. One case has logits
in the tens of thousands: an unstable softmax (e^z without subtracting the row maximum) turns them into NaN."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL, ATOL = 1e-6, 1e-9
CROSS_ENTROPY = "the mean cross-entropy −(1/n)·Σ log P[i, y_i], as logsumexp(Z_i) − Z[i, y_i]"


def multiclass_data(seed: int, n: int, d: int, K: int, *, scale: float = 1.0, centred: bool = False,
                    priors: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = scale * rng.standard_normal((n, d))
    if centred:
        X -= X.mean(axis=0)
    W = rng.uniform(-2, 2, size=(d, K)) / scale
    logits = X @ W + (np.log(priors) if priors is not None else 0.0)
    P = np.exp(logits - logits.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    y = (P.cumsum(axis=1) < rng.uniform(size=(n, 1))).sum(axis=1)
    y[:K] = np.arange(K)  # every class appears
    return X, np.minimum(y, K - 1).astype(np.int64)


def log_softmax(Z: np.ndarray, axis: int = 1) -> np.ndarray:
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def cross_entropy(X: np.ndarray, y: np.ndarray, W: np.ndarray, b: np.ndarray) -> float:
    return float(-np.mean(log_softmax(X @ W + b)[np.arange(len(y)), y]))


def descend(X: np.ndarray, y: np.ndarray, lr: float, steps: int, *, sign: float = 1.0, mean: bool = True,
            update_bias: bool = True, axis: int = 1, sigmoid: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Gradient descent from zero as the spec says (defaults), or one of the classic mistakes."""
    n, d = X.shape
    K = int(y.max()) + 1
    Y = np.eye(K)[y]
    W, b = np.zeros((d, K)), np.zeros(K)
    with np.errstate(all="ignore"):
        for _ in range(steps):
            Z = X @ W + b
            P = 0.5 * (1 + np.tanh(0.5 * Z)) if sigmoid else np.exp(log_softmax(Z, axis))
            G = (P - Y) / (n if mean else 1)
            W = W - sign * lr * (X.T @ G)
            if update_bias:
                b = b - sign * lr * G.sum(axis=0)
    return W, b


def diagnose(case: Case, W: np.ndarray, b: np.ndarray) -> str:
    X, y = case.inputs["X"], case.inputs["y"]
    lr, steps = case.params["learning_rate"], case.params["n_iterations"]
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
        return ("NaN or inf in the parameters: e^z overflowed — subtract each row's maximum from Z before np.exp "
                "(softmax is unchanged by it), or the updates diverged")
    variants = [
        ({"sign": -1.0}, "the parameters move the wrong way — check the sign of the update: W -= learning_rate * dW"),
        ({"mean": False}, "the gradient is not averaged — divide Xᵀ(P − Y) by n_samples (missing 1/n)"),
        ({"update_bias": False}, "the bias is never updated — apply b -= learning_rate * db every iteration"),
        ({"steps": 1}, "only one gradient step was taken — run the update n_iterations times (is `return` inside "
         "the loop?)"),
        ({"axis": 0}, "softmax is normalised over the samples (axis 0); each ROW must sum to 1: axis=1, "
         "keepdims=True"),
        ({"sigmoid": True}, "each class gets an independent sigmoid (one-vs-rest); softmax normalises the K scores "
         "of a row together: e^z / Σ_j e^(z_j)"),
    ]
    for change, cause in variants:
        kwargs = {"lr": lr, "steps": steps, **change}
        w_v, b_v = descend(X, y, **kwargs)  # type: ignore[arg-type]
        if np.allclose(W, w_v, rtol=1e-4, atol=1e-6) and np.allclose(b, b_v, rtol=1e-4, atol=1e-6):
            return cause
    if np.allclose(W, 0) and np.allclose(b, 0):
        return "the parameters are still zero — is the update inside the loop, and does fit store them on self?"
    return ("the trajectory differs from gradient descent started at W = 0, b = 0 — check P = softmax(X·W + b) "
            "row by row, the one-hot Y, dW = Xᵀ(P − Y)/n, db = (P − Y).sum(axis=0)/n, and the loop count")


def fitted(case: Case, got: Outputs) -> tuple[np.ndarray, np.ndarray]:
    """weights (d, K) and bias (K,), or Fail; fit must have returned self."""
    d, K = case.inputs["X"].shape[1], int(case.inputs["y"].max()) + 1
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    weights = checks.array(got, "weights", "weights", (d, K), finite=False)
    bias = checks.value(got, "bias", "bias")
    if bias.shape == (1, K):
        raise Fail(f"bias has shape {bias.shape}, expected {(K,)}", got=checks.fmt(bias),
                   cause="keep the bias 1-D: np.zeros(K), and db = error.sum(axis=0) (no keepdims)")
    bias = checks.array(got, "bias", "bias", (K,), finite=False)
    return weights.astype(float), bias.astype(float)


def judge_parameters(case: Case, got: Outputs, expected: Outputs) -> None:
    W, b = fitted(case, got)
    exp_W, exp_b = expected.values["weights"], expected.values["bias"]
    ok_W = np.allclose(W, exp_W, rtol=RTOL, atol=ATOL)
    ok_b = np.allclose(b, exp_b, rtol=RTOL, atol=ATOL)
    if ok_W and ok_b:
        return
    cause = diagnose(case, W, b)
    if not ok_W:
        checks.close(W, exp_W, "weights", rtol=RTOL, atol=ATOL, cause=cause)
    checks.close(b, exp_b, "bias", rtol=RTOL, atol=ATOL, cause=cause)


def judge_bias(case: Case, got: Outputs, expected: Outputs) -> None:
    W, b = fitted(case, got)
    if not np.allclose(b, expected.values["bias"], rtol=RTOL, atol=ATOL):
        checks.close(b, expected.values["bias"], "bias", rtol=RTOL, atol=ATOL, cause=diagnose(case, W, b))


def judge_cost(case: Case, got: Outputs, expected: Outputs) -> None:
    steps = case.params["n_iterations"]
    X, y = case.inputs["X"], case.inputs["y"]
    history = checks.value(got, "cost_history", "cost_history")
    if history.ndim == 1 and len(history) == 2 * steps and case.params.get("refit"):
        raise Fail(f"cost_history has {len(history)} entries after fitting twice, expected {steps}",
                   cause="fit must start afresh: set self.cost_history = [] at the start of fit")
    history = checks.array(got, "cost_history", "cost_history", (steps,), finite=False)
    if not np.all(np.isfinite(history)):
        i = int(np.flatnonzero(~np.isfinite(history))[0])
        raise Fail(f"cost_history[{i}] is {history[i]}", got=checks.fmt(history),
                   cause="log(0) or an overflow: compute the log-probabilities as log-softmax, "
                   "Z − max − log(Σ e^(Z − max)), instead of np.log(softmax(Z))")
    exp = expected.values["cost_history"]
    after = np.append(exp[1:], cross_entropy(X, y, expected.values["weights"], expected.values["bias"]))
    for candidate in (exp, after):
        if np.allclose(history, candidate, rtol=RTOL, atol=ATOL):
            return
    with np.errstate(all="ignore"):
        if np.allclose(history, len(y) * exp, rtol=1e-5):
            cause = f"this is a sum over samples; the spec records the average, {CROSS_ENTROPY}"
        elif np.allclose(history, exp / np.log(2), rtol=1e-5):
            cause = "these are bits (log base 2); the spec uses the natural log, np.log"
        elif exp.max() > 40 and np.all(history <= 34.6):  # −log(1e-15) = 34.54
            cause = ("the loss of confidently wrong samples is capped — log(p + 1e-15) (or clipping p) stops at "
                     "34.5; compute logsumexp(Z_i) − Z[i, y_i] exactly")
        else:
            cause = (f"append {CROSS_ENTROPY} once per iteration, from that iteration's logits — and check the "
                     "weights tests first: wrong weights give wrong costs")
    checks.close(history, exp, "cost_history", rtol=RTOL, atol=ATOL, cause=cause)


def judge_huge_logits(case: Case, got: Outputs, expected: Outputs) -> None:
    W, b = fitted(case, got)
    if not (np.all(np.isfinite(W)) and np.all(np.isfinite(b))):
        bad = "weights" if not np.all(np.isfinite(W)) else "bias"
        raise Fail(f"{bad} contain NaN or inf after fitting on features in the thousands",
                   got=checks.fmt(W if bad == "weights" else b),
                   cause="e^z overflows for z > 709 and inf/inf = NaN — subtract each row's maximum from the "
                   "logits before np.exp: softmax(z) = softmax(z − max(z))")
    judge_parameters(case, got, expected)
    judge_cost(case, got, expected)


def judge_refit(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_cost(case, got, expected)
    W, _ = fitted(case, got)
    if not np.allclose(W, expected.values["weights"], rtol=RTOL, atol=ATOL):
        raise Fail("after a second fit, the weights differ from a fresh fit on the second data",
                   expected=checks.fmt(expected.values["weights"]), got=checks.fmt(W),
                   cause="fit must start from zeros every time: set self.weights = np.zeros((n_features, K)) and "
                   "self.bias = np.zeros(K) at the start of fit, not in __init__")
    judge_parameters(case, got, expected)


def _rows(case: Case, got: Outputs, key: str, what: str, shape: tuple[int, ...], kinds: str) -> np.ndarray:
    X_new, n_train = case.inputs["X_new"], case.inputs["X"].shape[0]
    value = checks.value(got, key, what)
    if value.shape[:1] == (n_train,) and n_train != len(X_new):
        raise Fail(f"{what} has shape {value.shape}: one row per TRAINING sample, expected {shape}",
                   cause="predict must use the X it is given, not values stored during fit")
    return checks.array(got, key, what, shape, kinds=kinds)


def judge_proba(case: Case, got: Outputs, expected: Outputs) -> None:
    X_new = case.inputs["X_new"]
    K = int(case.inputs["y"].max()) + 1
    value = checks.value(got, "predict_proba", "predict_proba(X_new)")
    if value.shape == (len(X_new),):
        raise Fail(f"predict_proba(X_new) has shape {value.shape}, expected {(len(X_new), K)}",
                   got=checks.fmt(value), cause="return every class's probability, one column per class — the "
                   "full softmax matrix, not the top class's probability")
    proba = _rows(case, got, "predict_proba", "predict_proba(X_new)", (len(X_new), K), checks.NUMERIC).astype(float)
    sums = proba.sum(axis=1)
    if not np.allclose(sums, 1.0, rtol=0, atol=1e-9):
        i = int(np.argmax(np.abs(sums - 1.0)))
        cols = proba.sum(axis=0)
        cause = ("the COLUMNS sum to 1: normalise each row — sum over axis=1 with keepdims=True"
                 if np.allclose(cols, 1.0, atol=1e-9) else "divide each row's e^z by that row's sum: softmax")
        raise Fail(f"predict_proba(X_new): row {i} sums to {sums[i]:.6g}, not 1", got=checks.fmt(proba), cause=cause)
    W, b = fitted(case, got)
    own = np.exp(log_softmax(X_new @ W + b))
    exp = expected.values["predict_proba"]
    cause = ""
    if not np.allclose(proba, own, rtol=RTOL, atol=ATOL):
        cause = "predict_proba does not compute softmax(X_new @ self.weights + self.bias) with the fitted parameters"
    elif not np.allclose(proba, exp, rtol=RTOL, atol=ATOL):
        cause = "predict_proba is right for your parameters, but fit learned different ones — see the weights tests"
    checks.close(proba, exp, "predict_proba(X_new)", rtol=RTOL, atol=ATOL, cause=cause)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    X_new = case.inputs["X_new"]
    value = checks.value(got, "predict", "predict(X_new)")
    K = int(case.inputs["y"].max()) + 1
    if value.shape == (len(X_new), K):
        raise Fail(f"predict(X_new) has shape {value.shape}, expected {(len(X_new),)}", got=checks.fmt(value),
                   cause="these look like the probabilities — return the class index: np.argmax(P, axis=1)")
    labels = _rows(case, got, "predict", "predict(X_new)", (len(X_new),), checks.NUMERIC)
    if labels.dtype.kind == "f" and not np.all(labels == np.round(labels)):
        raise Fail("predict(X_new) returned fractions, expected class indices 0 … K−1", got=checks.fmt(labels),
                   cause="return np.argmax(probabilities, axis=1), the index of the most probable class")
    exp_p = expected.values["predict_proba"]
    top = np.sort(exp_p, axis=1)
    unique = top[:, -1] - top[:, -2] > 1e-6
    exp = np.argmax(exp_p, axis=1)
    cause = "see the weights tests: predictions follow the fitted parameters"
    if np.mean((labels == np.argmax(exp_p, axis=0)[0])[unique]) == 1.0 or np.array_equal(
            labels[unique], np.argmin(exp_p, axis=1)[unique]):
        cause = "take the argmax over the classes of each row (axis=1), the MOST probable one"
    checks.same_labels(labels.astype(np.int64), exp, "predict(X_new)", mask=unique, cause=cause)


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = multiclass_data(121, 150, 4, 3)
    X_new = np.random.default_rng(122).standard_normal((60, 4))
    Xc, yc = multiclass_data(123, 150, 3, 3, centred=True, priors=np.array([0.6, 0.3, 0.1]))
    X4, y4 = multiclass_data(124, 120, 5, 4)
    X2, y2 = multiclass_data(125, 100, 3, 2)
    Xh, yh = multiclass_data(126, 90, 3, 3, scale=1000.0)
    Xr, yr = multiclass_data(127, 80, 4, 3)

    def fit(lr: float | None, steps: int | None) -> tuple:
        kwargs = {k: v for k, v in (("learning_rate", lr), ("n_iterations", steps)) if v is not None}
        return (new("m", "SoftmaxRegression", **kwargs), call("m", "fit", "X", "y", save="fit"),
                attr("m", "weights"), attr("m", "bias"), attr("m", "cost_history"))

    base = "SoftmaxRegression(learning_rate=0.2, n_iterations=100).fit(X, y)"
    params = {"learning_rate": 0.2, "n_iterations": 100}
    on = "X shape (150, 4), y in {0, 1, 2}, seed 121"
    on_new = f"{on}; X_new shape (60, 4), seed 122"
    return [
        Case("weights_after_100_steps", base, on, {"X": X, "y": y}, fit(0.2, 100), judge_parameters, params),
        Case("bias_is_learned", base, "X shape (150, 3) with centred columns, classes 60/30/10%, seed 123",
             {"X": Xc, "y": yc}, fit(0.2, 100), judge_bias, params),
        Case("cost_history_is_cross_entropy", base, on, {"X": X, "y": y}, fit(0.2, 100), judge_cost, params),
        Case("defaults_four_classes", "SoftmaxRegression().fit(X, y)  # learning_rate=0.1, n_iterations=500",
             "X shape (120, 5), y in {0, 1, 2, 3}, seed 124", {"X": X4, "y": y4}, fit(None, None), judge_parameters,
             {"learning_rate": 0.1, "n_iterations": 500}),
        Case("two_classes", "SoftmaxRegression(learning_rate=0.5, n_iterations=100).fit(X, y)",
             "X shape (100, 3), y in {0, 1}, seed 125", {"X": X2, "y": y2}, fit(0.5, 100), judge_parameters,
             {"learning_rate": 0.5, "n_iterations": 100}),
        Case("predict_proba_rows_sum_to_one", f"{base} then .predict_proba(X_new)", on_new,
             {"X": X, "y": y, "X_new": X_new},
             (*fit(0.2, 100), call("m", "predict_proba", "X_new", save="predict_proba")), judge_proba, params),
        Case("predict_returns_class_indices", f"{base} then .predict_proba(X_new) and .predict(X_new)", on_new,
             {"X": X, "y": y, "X_new": X_new},
             (*fit(0.2, 100), call("m", "predict_proba", "X_new", save="predict_proba"),
              call("m", "predict", "X_new", save="predict")), judge_predict, params),
        Case("huge_logits_stay_finite", "SoftmaxRegression(learning_rate=0.1, n_iterations=50).fit(X, y)",
             "X shape (90, 3), features ~1000× larger (logits reach the tens of thousands), seed 126",
             {"X": Xh, "y": yh}, fit(0.1, 50), judge_huge_logits, {"learning_rate": 0.1, "n_iterations": 50}),
        Case("refit_starts_from_zero", "m = SoftmaxRegression(learning_rate=0.2, n_iterations=100); m.fit(X1, y1); "
             "m.fit(X, y)", f"X1, y1: {on}; then X shape (80, 4), seed 127",
             {"X": Xr, "y": yr, "X_first": X, "y_first": y},
             (new("m", "SoftmaxRegression", learning_rate=0.2, n_iterations=100),
              call("m", "fit", "X_first", "y_first"), call("m", "fit", "X", "y", save="fit"),
              attr("m", "weights"), attr("m", "bias"), attr("m", "cost_history")),
             judge_refit, {**params, "refit": True}),
    ]


def perf() -> Perf:
    X, y = multiclass_data(131, 2000, 10, 5)
    return Perf(
        steps=(new("m", "SoftmaxRegression", learning_rate=0.1, n_iterations=100), call("m", "fit", "X", "y"),
               call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="SoftmaxRegression(n_iterations=100).fit(X, y).predict(X), X (2000, 10), 5 classes",
        slow_hint="a Python loop over the samples (or classes) inside each iteration? compute X.T @ (P - Y) in one go",
    )
