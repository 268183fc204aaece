"""Hidden tests for `logistic-regression-early-stopping`. The stub fixes the schedule (zero start, one full-batch
step then one validation evaluation per epoch, improvement = lower than the best by more than min_delta, stop when
`patience` epochs in a row did not improve, restore a copy of the best weights), so the trajectory is unique:
val_loss_history, best_epoch_, stopped_epoch_ and the restored parameters are compared with the reference's.
When they differ, the judge replays the classic mistakes (evaluate before the step, compare with the previous
epoch instead of the best, ignore min_delta, stop one epoch late or early, keep the last weights, record the
training loss) and names the one the submission matches. The data are chosen so that every decision is clear:
no validation loss lies within 1e-9 of a threshold, so stable and eps-clipped log-losses decide alike."""

from __future__ import annotations

from typing import Any

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL, ATOL = 1e-7, 1e-10


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def log_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, b: float) -> float:
    z = X @ w + b
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def overfitting_data(seed: int, n: int, m: int, d: int, *, flip: float = 0.2, scale: float = 1.0):
    """A small noisy training set and a large validation set: the validation loss falls, then rises."""
    rng = np.random.default_rng(seed)
    w = rng.uniform(-1, 1, size=d)
    X = scale * rng.standard_normal((n + m, d))
    y = (X @ w / scale > 0).astype(np.int64)
    flips = rng.uniform(size=n + m) < flip
    y[flips] = 1 - y[flips]
    return X[:n], y[:n], X[n:], y[n:]


def simulate(inputs: Any, params: dict, *, before: bool = False, last: bool = False, no_delta: bool = False,
             late: int = 0, train: bool = False) -> dict:
    """The spec's schedule, or one classic mistake: the history, best and stopped epochs, kept and last params."""
    X, y = inputs["X"], inputs["y"].astype(float)
    Xv, yv = inputs["X_val"], inputs["y_val"].astype(float)
    lr, patience = params["learning_rate"], params["patience"] + late
    min_delta = 0.0 if no_delta else params["min_delta"]
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    best, best_epoch, kept, wait, history = np.inf, 0, (w, b), 0, []
    for epoch in range(1, params["max_epochs"] + 1):
        loss_before = log_loss(X, y, w, b) if train else log_loss(Xv, yv, w, b)
        error = sigmoid(X @ w + b) - y
        w, b = w - lr * (X.T @ error) / n, b - lr * float(error.mean())
        val = loss_before if before or train else log_loss(Xv, yv, w, b)
        reference_point = history[-1] if last and history else best
        history.append(val)
        if val < reference_point - min_delta:
            if val < best:
                best = val
            best_epoch, kept, wait = epoch, (w, b), 0
        else:
            wait += 1
            if wait >= patience:
                break
    return {"history": np.array(history), "best_epoch": best_epoch, "stopped": len(history), "kept": kept,
            "last": (w, b)}


VARIANTS = (
    ("the loss is recorded BEFORE the epoch's step: take the gradient step first, then evaluate the validation "
     "loss with the updated weights", {"before": True}),
    ("an epoch is compared with the PREVIOUS epoch's loss; it must beat the BEST loss so far by more than "
     "min_delta", {"last": True}),
    ("min_delta is ignored: an epoch improves only if val_loss < best − min_delta", {"no_delta": True}),
    ("training stops one epoch late: stop as soon as `patience` epochs in a row have not improved (wait == "
     "patience), not when wait > patience", {"late": 1}),
    ("training stops one epoch early: count only the epochs that did not improve, and stop when that count "
     "reaches patience", {"late": -1}),
    ("this is the TRAINING loss (before each step); early stopping watches the loss on X_val, y_val", {"train": True}),
)


def _own(got: Outputs) -> tuple[np.ndarray | None, int | None, int | None]:
    """The submission's history and epochs where they are readable (for the diagnosis only)."""
    history = got.get("val_loss_history")
    values = []
    for key in ("best_epoch_", "stopped_epoch_"):
        v = got.get(key)
        values.append(int(v) if v is not None and v.shape == () and v.dtype.kind in "iuf" else None)
    ok = history is not None and history.ndim == 1 and history.dtype.kind in checks.NUMERIC
    return (history.astype(float) if ok else None), values[0], values[1]


def _diagnose(case: Case, history: np.ndarray | None, best: int | None, stopped: int | None) -> str:
    if history is None and best is None and stopped is None:
        return ""
    for cause, change in VARIANTS:
        sim = simulate(case.inputs, dict(case.params), **change)
        same_history = (history is None or (history.shape == sim["history"].shape
                                            and np.allclose(history, sim["history"], rtol=1e-6, atol=1e-9)))
        if same_history and best in (None, sim["best_epoch"]) and stopped in (None, sim["stopped"]):
            return cause
    return ""


def _history(case: Case, got: Outputs, expected: Outputs) -> np.ndarray:
    exp = expected.values["val_loss_history"]
    history = checks.value(got, "val_loss_history", "val_loss_history")
    if history.ndim != 1 or history.dtype.kind not in checks.NUMERIC:
        raise Fail(f"val_loss_history has shape {history.shape} and dtype {history.dtype}, expected a flat list of "
                   "floats", got=checks.fmt(history), cause="append one float (the validation loss) per epoch")
    if len(history) != len(exp) or not np.allclose(history, exp, rtol=RTOL, atol=ATOL):
        cause = _diagnose(case, *_own(got)) or (
            "one entry per epoch: the mean validation log-loss after that epoch's single full-batch step from "
            "w = 0, b = 0 (and stop exactly where the schedule says — see the stub)")
        if len(history) != len(exp):
            k = min(len(history), len(exp))
            agree = k > 0 and np.allclose(history[:k], exp[:k], rtol=RTOL, atol=ATOL)
            raise Fail(f"val_loss_history has {len(history)} entries, expected {len(exp)} (training should stop "
                       f"at epoch {len(exp)})" + ("; the entries it has are right" if agree else ""),
                       expected=checks.fmt(exp), got=checks.fmt(history), cause=cause)
        checks.close(history, exp, "val_loss_history", rtol=RTOL, atol=ATOL, cause=cause)
    return history.astype(float)


def _epoch(got: Outputs, key: str) -> int:
    value = checks.value(got, key, key)
    if value.shape != () or value.dtype.kind not in "iuf" or not float(value).is_integer():
        raise Fail(f"{key} is {checks.fmt(value)}, expected a whole epoch number", got=checks.fmt(value))
    return int(value)


def judge_history(case: Case, got: Outputs, expected: Outputs) -> None:
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    _history(case, got, expected)


def judge_epochs(case: Case, got: Outputs, expected: Outputs) -> None:
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    best, stopped = _epoch(got, "best_epoch_"), _epoch(got, "stopped_epoch_")
    exp_best, exp_stopped = int(expected.values["best_epoch_"]), int(expected.values["stopped_epoch_"])
    if (best, stopped) != (exp_best, exp_stopped):
        cause = _diagnose(case, _own(got)[0], best, stopped)
        if not cause and best == exp_best - 1 and stopped == exp_stopped - 1:
            cause = "the epochs are counted from 0; the spec numbers them from 1 (the first epoch is epoch 1)"
        raise Fail(f"(best_epoch_, stopped_epoch_) = ({best}, {stopped}), expected ({exp_best}, {exp_stopped})",
                   expected=f"best epoch {exp_best}, stopped after epoch {exp_stopped} (patience "
                   f"{case.params['patience']})", got=f"best epoch {best}, stopped after epoch {stopped}",
                   cause=cause or "best_epoch_ is the (1-based) epoch of the lowest validation loss; "
                   "stopped_epoch_ the last epoch run")
    _history(case, got, expected)


def judge_restored(case: Case, got: Outputs, expected: Outputs) -> None:
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    d = case.inputs["X"].shape[1]
    weights = checks.array(got, "weights", "weights", (d,)).astype(float)
    bias = checks.value(got, "bias", "bias")
    if bias.shape not in ((), (1,)) or bias.dtype.kind not in checks.NUMERIC:
        raise Fail(f"bias has shape {bias.shape}, expected a single number", got=checks.fmt(bias))
    bias_f = float(bias.reshape(()))
    exp_w, exp_b = expected.values["weights"], float(expected.values["bias"])
    if np.allclose(weights, exp_w, rtol=RTOL, atol=ATOL) and abs(bias_f - exp_b) <= ATOL + RTOL * abs(exp_b):
        return
    sim = simulate(case.inputs, dict(case.params))
    last_w, last_b = sim["last"]
    if np.allclose(weights, last_w, rtol=RTOL, atol=ATOL):
        if abs(bias_f - exp_b) <= ATOL + RTOL * abs(exp_b):
            cause = ("the bias is the best epoch's but the weights are the LAST epoch's: the saved weights are the "
                     "same array as self.weights, which `-=` keeps changing — save a copy: "
                     "best_w = self.weights.copy()")
        else:
            cause = ("these are the weights of the LAST epoch, not the best one: keep a copy of (w, b) when the "
                     "validation loss improves (best_w = self.weights.copy()) and restore it after the loop")
    else:
        cause = _diagnose(case, *_own(got)) or ("restore the weights and bias of the best epoch — check the "
                                                "history and epoch tests first")
    checks.close(weights, exp_w, f"weights (expected those of the best epoch, {sim['best_epoch']})", rtol=RTOL,
                 atol=ATOL, cause=cause)
    checks.close(np.array(bias_f), np.array(exp_b), "bias (of the best epoch)", rtol=RTOL, atol=ATOL, cause=cause)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_restored(case, got, expected)
    X_new = case.inputs["X_new"]
    proba = checks.value(got, "predict_proba", "predict_proba(X_new)")
    if proba.shape == (len(X_new), 2):
        raise Fail(f"predict_proba(X_new) has shape {proba.shape}, expected {(len(X_new),)}",
                   cause="two columns like scikit-learn's; the spec returns P(y = 1) only")
    proba = checks.array(got, "predict_proba", "predict_proba(X_new)", (len(X_new),))
    checks.close(proba, expected.values["predict_proba"], "predict_proba(X_new)", rtol=RTOL, atol=1e-9,
                 cause="predict_proba returns σ(X @ weights + bias) with the restored (best) weights")
    labels = checks.array(got, "predict", "predict(X_new)", (len(X_new),))
    exp_p = expected.values["predict_proba"]
    checks.same_labels(labels, (exp_p >= 0.5).astype(np.int64), "predict(X_new)", mask=np.abs(exp_p - 0.5) > 1e-6,
                       cause="predict is 1 where predict_proba(X) >= 0.5, else 0 (integers, not probabilities)")


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y, Xv, yv = overfitting_data(121, 40, 300, 20)
    data = {"X": X, "y": y, "X_val": Xv, "y_val": yv}
    X2, y2, Xv2, yv2 = overfitting_data(122, 60, 300, 15, flip=0.25)
    data2 = {"X": X2, "y": y2, "X_val": Xv2, "y_val": yv2}
    X3, y3, Xv3, yv3 = overfitting_data(123, 200, 200, 3, flip=0.05)
    data3 = {"X": X3, "y": y3, "X_val": Xv3, "y_val": yv3}
    X_new = np.random.default_rng(124).standard_normal((30, 20))
    X4, y4, Xv4, yv4 = overfitting_data(128, 80, 300, 2, flip=0.1)
    data4 = {"X": X4, "y": y4, "X_val": Xv4, "y_val": yv4}

    def fit(params: dict, *extra: dict) -> tuple:
        return (new("m", "EarlyStoppingLogisticRegression", **params),
                call("m", "fit", "X", "y", "X_val", "y_val", save="fit"), attr("m", "val_loss_history"),
                attr("m", "best_epoch_"), attr("m", "stopped_epoch_"), attr("m", "weights"), attr("m", "bias"),
                *extra)

    defaults = {"learning_rate": 0.1, "max_epochs": 1000, "patience": 10, "min_delta": 0.0}
    fast = {"learning_rate": 0.5, "max_epochs": 1000, "patience": 5, "min_delta": 0.0}
    delta = {**fast, "min_delta": 1e-3}
    zigzag = {"learning_rate": 8.0, "max_epochs": 200, "patience": 3, "min_delta": 0.0}
    capped = {"learning_rate": 0.1, "max_epochs": 30, "patience": 10, "min_delta": 0.0}
    on = "X shape (40, 20) noisy labels, X_val shape (300, 20), seed 121"

    def show(params: dict) -> str:
        return ", ".join(f"{k}={v:g}" for k, v in params.items() if defaults.get(k) != v) or ""

    call_default = "EarlyStoppingLogisticRegression().fit(X, y, X_val, y_val)"
    call_fast = f"EarlyStoppingLogisticRegression({show(fast)}).fit(X, y, X_val, y_val)"
    return [
        Case("val_loss_history_per_epoch", call_fast, on, data, fit(fast), judge_history, fast),
        Case("stops_after_patience", call_fast, on, data, fit(fast), judge_epochs, fast),
        Case("restores_best_weights", call_fast, on, data, fit(fast), judge_restored, fast),
        Case("min_delta_counts", f"EarlyStoppingLogisticRegression({show(delta)}).fit(X, y, X_val, y_val)", on,
             data, fit(delta), judge_epochs, delta),
        Case("improvement_is_against_the_best",
             f"EarlyStoppingLogisticRegression({show(zigzag)}).fit(X, y, X_val, y_val)",
             "X shape (80, 2), X_val shape (300, 2), seed 128 — a large step: the validation loss zig-zags", data4,
             fit(zigzag), judge_epochs, zigzag),
        Case("defaults", f"{call_default}  # learning_rate=0.1, max_epochs=1000, patience=10, min_delta=0",
             "X shape (60, 15), 25% flipped labels, X_val shape (300, 15), seed 122", data2, fit({}),
             judge_epochs, defaults),
        Case("max_epochs_when_always_improving",
             f"EarlyStoppingLogisticRegression({show(capped)}).fit(X, y, X_val, y_val)",
             "X shape (200, 3), X_val shape (200, 3), clean labels, seed 123 (still improving at epoch 30)", data3,
             fit(capped), judge_epochs, capped),
        Case("predict_with_best_weights", f"{call_fast} then .predict_proba(X_new) and .predict(X_new)",
             f"{on}; X_new shape (30, 20), seed 124", {**data, "X_new": X_new},
             fit(fast, call("m", "predict_proba", "X_new", save="predict_proba"),
                 call("m", "predict", "X_new", save="predict")), judge_predict, fast),
    ]


def perf() -> Perf:
    X, y, Xv, yv = overfitting_data(131, 2000, 1000, 10, flip=0.1)
    return Perf(
        steps=(new("m", "EarlyStoppingLogisticRegression", max_epochs=100, patience=200),
               call("m", "fit", "X", "y", "X_val", "y_val"), call("m", "predict", "X_val")),
        inputs={"X": X, "y": y, "X_val": Xv, "y_val": yv},
        describe="EarlyStoppingLogisticRegression(max_epochs=100).fit(X, y, X_val, y_val), X (2000, 10)",
        slow_hint="a Python loop over the samples in each epoch? compute X.T @ (p - y) and the validation loss in "
        "one go",
    )
