"""Judges shared by the gradient-descent exercises (linear and logistic regression).

From w = 0 and b = 0, full-batch gradient descent with a given learning rate and number of steps has exactly one
trajectory, so weights, bias and cost_history are compared with the reference's after the same steps. When they
differ, the judge replays the classic mistakes (update sign, missing 1/n, frozen bias, one step only, the wrong
gradient) and names the one the submission matches.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs

RTOL, ATOL = 1e-6, 1e-9
SQUARED_COST = "J = (1/2n)·Σ(ŷ − y)²"
LOG_LOSS = "the mean log-loss −(1/n)·Σ[y·log p + (1 − y)·log(1 − p)]"


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1/(1+e^−z), without overflow


def squared_cost(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    """J = (1/2n)·Σ(ŷ − y)²."""
    r = X @ w + b - y
    return float(r @ r) / (2 * len(y))


def log_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    """The mean log-loss, computed stably."""
    z = X @ w + b
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def gradient_descent(
    X: np.ndarray,
    y: np.ndarray,
    learning_rate: float,
    n_iterations: int,
    *,
    logistic: bool,
    sign_w: float = 1.0,
    sign_b: float = 1.0,
    mean_w: bool = True,
    mean_b: bool = True,
    update_bias: bool = True,
    mse_w: bool = False,
    mse_b: bool = False,
) -> tuple[np.ndarray, float]:
    """Full-batch gradient descent from w = 0, b = 0 (the spec's), or one of its classic mistakes.

    sign_w/sign_b=-1: that update goes uphill; mean_w/mean_b=False: that gradient is not divided by n;
    update_bias=False: the bias is never updated; mse_w/mse_b (logistic only): that gradient is the squared
    error's, with its p(1−p) factor.
    """
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    with np.errstate(all="ignore"):
        for _ in range(n_iterations):
            z = X @ w + b
            pred = sigmoid(z) if logistic else z
            r = pred - y
            r_mse = r * pred * (1 - pred)
            w = w - sign_w * learning_rate * (X.T @ (r_mse if mse_w else r)) / (n if mean_w else 1)
            if update_bias:
                b = b - sign_b * learning_rate * float((r_mse if mse_b else r).sum()) / (n if mean_b else 1)
    return w, b


def diagnose(case: Case, weights: np.ndarray, bias: float, *, logistic: bool) -> str:
    """The likely cause when (weights, bias) differ from the spec's trajectory: which classic mistake they match."""
    X, y = case.inputs["X"], case.inputs["y"].astype(float)
    lr, steps = case.params["learning_rate"], case.params["n_iterations"]
    uphill = "weights move the wrong way — check the sign of the update: w -= learning_rate * dw"
    not_averaged = "the gradient is not averaged — divide Xᵀ(ŷ − y) by n_samples (missing 1/n)"
    variants: list[tuple[str, dict[str, object]]] = [
        (uphill, {"sign_w": -1.0}),
        (uphill, {"sign_w": -1.0, "sign_b": -1.0}),
        (not_averaged, {"mean_w": False}),
        (not_averaged, {"mean_w": False, "mean_b": False}),
        ("the bias is never updated — apply b -= learning_rate * db every iteration", {"update_bias": False}),
        ("only one gradient step was taken — run the update n_iterations times (is `return` inside the loop?)",
         {"n_iterations": 1}),
    ]
    if logistic:
        squared = ("this is the gradient of the squared error (with a p(1−p) factor); with log-loss the gradient is "
                   "simply Xᵀ(p − y)/n")
        variants += [(squared, {"mse_w": True}), (squared, {"mse_w": True, "mse_b": True})]
    else:
        variants.append(("the update uses 2/n — the gradient of (1/n)Σ(ŷ−y)²; the spec's cost is (1/2n)Σ(ŷ−y)², "
                         "whose gradient is Xᵀ(ŷ − y)/n", {"learning_rate": 2 * lr}))
    for cause, change in variants:
        kwargs: dict[str, object] = {"learning_rate": lr, "n_iterations": steps, **change}
        w, b = gradient_descent(X, y, logistic=logistic, **kwargs)  # type: ignore[arg-type]
        if (np.all(np.isfinite(w)) and np.allclose(weights, w, rtol=1e-4, atol=1e-6)
                and abs(bias - b) <= 1e-6 + 1e-4 * abs(b)):
            return cause
    expected_w, _ = gradient_descent(X, y, lr, steps, logistic=logistic)
    huge = np.abs(weights).max(initial=0.0) > 1e6 * (1.0 + np.abs(expected_w).max(initial=0.0))
    if huge or not np.all(np.isfinite(weights)) or not np.isfinite(bias):
        return "the updates diverged — is the gradient divided by n_samples, and is the sign right?"
    if bias == 0.0:
        return "the bias is still 0 — is it updated inside the loop?"
    return ("the trajectory differs from gradient descent started at w = 0, b = 0 with this learning rate and number "
            "of iterations — check the gradient dw = Xᵀ(ŷ − y)/n, db = mean(ŷ − y), the update, and the loop count")


def fitted(case: Case, got: Outputs) -> tuple[np.ndarray, float]:
    """weights (d,) and bias (a number) as fitted, or Fail; fit must have returned self."""
    d = case.inputs["X"].shape[1]
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    weights = checks.array(got, "weights", "weights", (d,), finite=False)
    bias = checks.value(got, "bias", "bias")
    if bias.shape not in ((), (1,)) or bias.dtype.kind not in checks.NUMERIC:
        raise Fail(f"bias has shape {bias.shape}, expected a single number", got=checks.fmt(bias),
                   cause="the bias is one number shared by all samples: b -= learning_rate * np.mean(error)")
    return weights.astype(float), float(bias.reshape(()))


def parameter_atol(exp_w: np.ndarray, exp_b: float) -> float:
    """The absolute tolerance of every parameter: on the scale of the largest one, so that a near-zero bias beside
    weights of size 5 is not held to 1e-9 (a correct sigmoid that clips its input at ±20 moves it by ~1e-8)."""
    scale = max(float(np.abs(exp_w).max(initial=0.0)), abs(exp_b))
    return ATOL + RTOL * scale


def judge_parameters(case: Case, got: Outputs, expected: Outputs, *, logistic: bool) -> None:
    """weights and bias equal the reference's after the same steps."""
    weights, bias = fitted(case, got)
    exp_w = expected.values["weights"]
    exp_b = float(expected.values["bias"].reshape(()))
    atol = parameter_atol(exp_w, exp_b)
    ok_w = np.allclose(weights, exp_w, rtol=RTOL, atol=atol)
    ok_b = abs(bias - exp_b) <= atol + RTOL * abs(exp_b)
    if ok_w and ok_b:
        return
    cause = diagnose(case, weights, bias, logistic=logistic)
    if not ok_w:
        checks.close(weights, exp_w, "weights", rtol=RTOL, atol=atol, cause=cause)
    checks.close(np.array(bias), np.array(exp_b), "bias", rtol=RTOL, atol=atol, cause=cause)


def judge_bias(case: Case, got: Outputs, expected: Outputs, *, logistic: bool) -> None:
    """The bias alone (on data whose weights do not depend on it)."""
    weights, bias = fitted(case, got)
    exp_b = float(expected.values["bias"].reshape(()))
    atol = parameter_atol(expected.values["weights"], exp_b)
    if abs(bias - exp_b) > atol + RTOL * abs(exp_b):
        checks.close(np.array(bias), np.array(exp_b), "bias", rtol=RTOL, atol=atol,
                     cause=diagnose(case, weights, bias, logistic=logistic))


def judge_cost(
    case: Case,
    got: Outputs,
    expected: Outputs,
    cost: Callable[[np.ndarray, np.ndarray, np.ndarray, float], float],
    formula: str,
) -> None:
    """cost_history has one entry per step and equals the reference's (before or just after each update)."""
    steps = case.params["n_iterations"]
    history = checks.value(got, "cost_history", "cost_history")
    if history.ndim == 1 and len(history) == 2 * steps and case.params.get("refit"):
        raise Fail(f"cost_history has {len(history)} entries after fitting twice, expected {steps}",
                   cause="fit must start afresh: set self.cost_history = [] at the start of fit")
    history = checks.array(got, "cost_history", "cost_history", (steps,), finite=False)
    if not np.all(np.isfinite(history)):
        i = int(np.flatnonzero(~np.isfinite(history))[0])
        raise Fail(f"cost_history[{i}] is {history[i]}", got=checks.fmt(history),
                   cause="log(0) — a probability reached exactly 0 or 1; use log(p + 1e-15) (or clip p), or a "
                   "stable formula" if "log" in formula else "the updates diverged")
    exp = expected.values["cost_history"]
    X, y = case.inputs["X"], case.inputs["y"].astype(float)
    after = np.append(exp[1:], cost(X, y, expected.values["weights"], float(expected.values["bias"].reshape(()))))
    for candidate in (exp, after):
        if np.allclose(history, candidate, rtol=RTOL, atol=ATOL):
            return
    with np.errstate(all="ignore"):
        if np.allclose(history, 2 * exp, rtol=1e-5) or np.allclose(history, 2 * after, rtol=1e-5):
            cause = f"each entry is twice the expected one: the spec records {formula}"
        elif np.allclose(history, len(y) * exp, rtol=1e-5) or np.allclose(history, 2 * len(y) * exp, rtol=1e-5):
            cause = f"this is a sum over samples; the spec records the average, {formula}"
        else:
            cause = (f"append {formula} once per iteration, computed from that iteration's predictions — and "
                     "check the weights tests first: wrong weights give wrong costs")
    checks.close(history, exp, "cost_history", rtol=RTOL, atol=ATOL, cause=cause)


def judge_refit(case: Case, got: Outputs, expected: Outputs, *, logistic: bool) -> None:
    """A second fit on other data gives what a fresh fit would: everything restarts from zero."""
    if logistic:
        judge_cost(case, got, expected, log_loss, LOG_LOSS)
    else:
        judge_cost(case, got, expected, squared_cost, SQUARED_COST)
    weights, _ = fitted(case, got)
    if not np.allclose(weights, expected.values["weights"], rtol=RTOL, atol=ATOL):
        raise Fail("after a second fit, the weights differ from a fresh fit on the second data",
                   expected=checks.fmt(expected.values["weights"]), got=checks.fmt(weights),
                   cause="fit must start from zeros every time: set self.weights = np.zeros(n_features) and "
                   "self.bias = 0 at the start of fit, not in __init__")
    judge_parameters(case, got, expected, logistic=logistic)


def own_predictions(case: Case, got: Outputs, key: str, what: str, X_new: np.ndarray, kinds: str = "biuf") -> np.ndarray:
    """An output with one value per row of X_new; says so when predict returned one per TRAINING row instead."""
    n_train = case.inputs["X"].shape[0]
    pred = checks.value(got, key, what)
    if pred.shape == (n_train,) and n_train != len(X_new):
        raise Fail(f"{what} has shape {pred.shape}: one value per TRAINING sample, expected {(len(X_new),)}",
                   cause="predict must use the X it is given, not values stored during fit")
    return checks.array(got, key, what, (len(X_new),), kinds=kinds)
