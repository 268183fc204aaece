"""Hidden tests for `linear-svm`. The optimiser is the learner's choice, so the weights are not compared with the
reference's. Instead the grader reads w and b off the submission's decision_function (at x = 0 and at the unit
vectors), computes the soft-margin objective ½‖w‖² + C·Σ max(0, 1 − t·(w·x + b)) of that (w, b) itself, and
compares it with the true minimum, which it finds with an exact dual solver (SMO, certified by the duality gap).
Plain full-batch subgradient descent with the case's settings gets within 0.5% of the minimum on every case; the
tolerance is 5% (plus 1e-4·C·n), loose enough for heuristic solvers such as the simplified SMO, tight enough for
the classic mistakes (a regularised bias costs 29% on the offset data; the others cost far more). The learner's
objective(X, y) must equal the formula for its own (w, b) (rtol 1e-6), and predict must return the original
labels, agree with the sign of its own decision_function, and agree with the optimum's predictions wherever the
optimum's decision value is at least 1 in size."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, call, new

REL = 0.05  # objective within 5% of the minimum (plus ABS_PER_SAMPLE·C·n)
ABS_PER_SAMPLE = 1e-4
OBJ_RTOL, OBJ_ATOL = 1e-6, 1e-9  # objective(X, y) against the formula for the submission's own (w, b)
MARGIN = 1.0  # predictions are compared with the optimum's where |f*(x)| >= MARGIN
FORMULA = "½‖w‖² + C·Σ_i max(0, 1 − t_i·(w·x_i + b)), t_i = +1 for the larger label and −1 for the smaller"


# --- data ------------------------------------------------------------------------------------------------------


def blobs(seed: int, n: int, d: int, separation: float, offset: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Two Gaussian blobs (unit spread) whose means are `separation` apart along a random direction, the pair
    shifted `offset` along that direction (so the best hyperplane misses the origin by about `offset`); t = ±1."""
    rng = np.random.default_rng(seed)
    t = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    rng.shuffle(t)
    direction = rng.standard_normal(d)
    direction /= np.linalg.norm(direction)
    X = rng.standard_normal((n, d)) + np.outer(t * separation / 2 + offset, direction)
    return X, t


def as_labels(t: np.ndarray, low: object, high: object) -> np.ndarray:
    """t = ±1 written with the given labels (high for +1)."""
    return np.where(t > 0, np.array(high), np.array(low))


def signs(y: np.ndarray, classes: np.ndarray | None = None) -> np.ndarray:
    """The spec's mapping: +1 for the larger label of fit's y, −1 for the smaller one."""
    classes = np.unique(y) if classes is None else classes
    return np.where(y == classes[1], 1.0, -1.0)


# --- the true optimum ------------------------------------------------------------------------------------------


def primal(X: np.ndarray, t: np.ndarray, w: np.ndarray, b: float, C: float) -> float:
    with np.errstate(all="ignore"):
        return float(0.5 * w @ w + C * np.maximum(0.0, 1.0 - t * (X @ w + b)).sum())


def smo(X: np.ndarray, t: np.ndarray, C: float, eps: float = 1e-10,
        max_iter: int = 100_000) -> tuple[np.ndarray, float, np.ndarray]:
    """The exact minimiser of the primal, from the dual max Σα − ½‖Σ α_i t_i x_i‖², 0 ≤ α ≤ C, Σ α_i t_i = 0,
    by SMO with second-order working-set selection (as LIBSVM). Returns (w, b, α); the dual value of α is a lower
    bound on the minimum, so primal − dual certifies how close (w, b) is."""
    n = len(t)
    K = X @ X.T
    Q = np.outer(t, t) * K
    diag = np.diag(K).copy()
    alpha = np.zeros(n)
    G = -np.ones(n)  # gradient of ½αᵀQα − Σα
    for _ in range(max_iter):
        up = ((alpha < C) & (t > 0)) | ((alpha > 0) & (t < 0))
        low = ((alpha < C) & (t < 0)) | ((alpha > 0) & (t > 0))
        score = -t * G
        i = int(np.argmax(np.where(up, score, -np.inf)))
        if score[i] - np.where(low, score, np.inf).min() < eps:
            break
        curvature = np.maximum(diag[i] + diag - 2 * K[i], 1e-12)
        gain = np.where(low & (score < score[i]), -((score[i] - score) ** 2) / curvature, np.inf)
        j = int(np.argmin(gain))
        # α_i += t_i·s, α_j −= t_j·s keeps Σ α t fixed; s is the Newton step, clipped to the box [0, C]
        s = (score[i] - score[j]) / curvature[j]
        s = min(s, C - alpha[i] if t[i] > 0 else alpha[i], alpha[j] if t[j] > 0 else C - alpha[j])
        d_i, d_j = t[i] * s, -t[j] * s
        G += Q[:, i] * d_i + Q[:, j] * d_j
        alpha[i] += d_i
        alpha[j] += d_j
    w = (alpha * t) @ X
    score = -t * G
    free = (alpha > 1e-9 * C) & (alpha < C * (1 - 1e-9))
    if free.any():
        b = float(np.mean(score[free]))
    else:
        up = ((alpha < C) & (t > 0)) | ((alpha > 0) & (t < 0))
        low = ((alpha < C) & (t < 0)) | ((alpha > 0) & (t > 0))
        b = float((score[up].max() + score[low].min()) / 2)
    return w, b, alpha


_OPTIMA: dict[tuple[str, int], tuple[np.ndarray, float, float]] = {}


def optimum(case: Case) -> tuple[np.ndarray, float, float]:
    """(w*, b*, P*) for the case's training data and C (computed once per case)."""
    key = (case.name, id(case.inputs["X"]))
    if key not in _OPTIMA:
        X, t, C = case.inputs["X"], signs(case.inputs["y"]), case.params["C"]
        w, b, _ = smo(X, t, C)
        _OPTIMA[key] = (w, b, primal(X, t, w, b, C))
    return _OPTIMA[key]


def tolerance(case: Case, best: float) -> float:
    return REL * best + ABS_PER_SAMPLE * case.params["C"] * len(case.inputs["y"])


# --- replaying the classic mistakes -----------------------------------------------------------------------------


def descend(X: np.ndarray, t: np.ndarray, C: float, lr: float, steps: int, *, mean: bool = False,
            every_point: bool = False, bias_sign: float = 1.0, weight_sign: float = 1.0, reg_bias: bool = False,
            reg_scale: float = 1.0, threshold: float = 1.0) -> tuple[np.ndarray, float]:
    """Full-batch subgradient descent from zero as the spec's objective asks (defaults), or with one mistake."""
    n, d = X.shape
    w, b = np.zeros(d), 0.0
    c = C / n if mean else C
    with np.errstate(all="ignore"):
        for _ in range(steps):
            active = np.ones(n, dtype=bool) if every_point else t * (X @ w + b) < threshold
            w = w - weight_sign * lr * (reg_scale * w - c * (t[active] @ X[active]))
            b = b + bias_sign * lr * (c * t[active].sum() - (b if reg_bias else 0.0))
    return w, float(b)


def diagnose(case: Case, w: np.ndarray, b: float) -> str:
    """Name the classic mistake whose result the submission's (w, b) matches."""
    X, y, C = case.inputs["X"], case.inputs["y"], case.params["C"]
    t = signs(y)
    lr, steps = case.params["learning_rate"], case.params["n_iterations"]
    theta = np.append(w, b)
    w_opt, b_opt, best = optimum(case)
    if not np.all(np.isfinite(theta)) or np.abs(theta).max() > 1e3 * (1 + np.abs(np.append(w_opt, b_opt)).max()):
        return ("the weights blew up (NaN, inf or enormous): the updates diverged — check the sign of each update "
                "(w −= lr·(w − C·Σ t_i·x_i), b += lr·C·Σ t_i, both over the samples with t_i·f(x_i) < 1)")
    if np.allclose(theta, 0):
        return ("w and b are still zero — is the update inside the loop, does fit keep the result, and is the "
                "condition t·f < 1? (from w = 0, b = 0 every t·f is 0, so a perceptron-style t·f < 0 never fires)")
    if primal(X, t, -w, -b, C) <= best + tolerance(case, best):
        return ("the decision function has the opposite sign: it must be POSITIVE for the larger label, "
                "np.unique(y)[1], and negative for the smaller one (so that predict(X) = classes[1] where f > 0)")
    numeric = y.dtype.kind in "biuf"
    if numeric and set(np.unique(y).tolist()) == {0, 1}:
        raw = y.astype(float)
        w_raw, b_raw = descend(X, raw, C, lr, steps)
        f = X @ w + b
        if np.mean(f > 0) > 0.85 or np.allclose(theta, np.append(w_raw, b_raw), rtol=0.05, atol=0.05):
            return ("the labels 0/1 are used as they are: t·f is 0 for every 0-labelled sample, so they never "
                    "count — map them to −1/+1 first: t = np.where(y == classes[1], 1, -1)")
    if numeric and np.all(np.unique(y) > 0):
        f = X @ w + b
        if np.mean(f > 0) > 0.85 or np.mean(f < 0) > 0.85:
            return (f"both labels {np.unique(y).tolist()} became the same sign (a rule such as y <= 0 → −1 assumes "
                    "labels 0/1 or −1/+1) — map np.unique(y)[0] → −1 and np.unique(y)[1] → +1")
    variants: list[tuple[dict[str, float | bool], str]] = [
        ({"mean": True}, "the hinge term is averaged (C/n·Σ, or a mean): the spec's objective SUMS it, "
         "C·Σ_i max(0, 1 − t_i·f(x_i)) — do not divide by n_samples"),
        ({"every_point": True}, "every sample contributes −C·t_i·x_i to the gradient, even those with "
         "t_i·f(x_i) ≥ 1: past the margin the hinge is flat, so only the samples with t_i·f(x_i) < 1 count"),
        ({"bias_sign": -1.0}, "the bias moves the wrong way: the subgradient of the hinge w.r.t. b is −C·Σ t_i "
         "over the active samples, so b += lr·C·Σ t_i"),
        ({"weight_sign": -1.0}, "the weights move the wrong way: w −= lr·(w − C·Σ t_i·x_i)"),
        ({"reg_bias": True}, "the bias is regularised (½b² in the objective, or b in its gradient): "
         "the spec's objective is ½‖w‖² + C·Σ hinge — no penalty on b, whose gradient is only −C·Σ t_i"),
        ({"threshold": 0.0}, "only the misclassified samples (t_i·f(x_i) < 0) count, as in the perceptron: the "
         "hinge max(0, 1 − t·f) is positive up to the margin, so every sample with t_i·f(x_i) < 1 counts"),
        ({"reg_scale": 2.0}, "the regulariser's gradient is 2w (from ‖w‖² without the ½): the spec's "
         "objective has ½‖w‖², whose gradient is w"),
    ]
    # the replay nearest to the submission's (w, b) names the mistake, if it is nearer than the true optimum
    scale = 1.0 + np.linalg.norm(np.append(w_opt, b_opt))
    nearest, cause_of_nearest = np.linalg.norm(theta - np.append(w_opt, b_opt)) / scale, ""
    for change, cause in variants:
        w_v, b_v = descend(X, t, C, lr, steps, **change)  # type: ignore[arg-type]
        theta_v = np.append(w_v, b_v)
        if not np.all(np.isfinite(theta_v)):
            continue
        distance = np.linalg.norm(theta - theta_v) / (1.0 + np.linalg.norm(theta_v))
        if distance < min(nearest, 0.25):
            nearest, cause_of_nearest = distance, cause
    if cause_of_nearest:
        return cause_of_nearest
    return (f"not close enough to the minimum of {FORMULA} — if your optimiser is right, it has not converged "
            "(plain full-batch subgradient descent with these settings gets within 0.5%): check the step, "
            "w −= lr·(w − C·Σ t_i·x_i) and b += lr·C·Σ t_i over the samples with t_i·(w·x_i + b) < 1")


# --- reading the submission -------------------------------------------------------------------------------------


def probe(d: int) -> np.ndarray:
    """x = 0 and the d unit vectors: decision_function there gives b and w_j + b."""
    return np.vstack([np.zeros(d), np.eye(d)])


def fitted(case: Case, got: Outputs) -> tuple[np.ndarray, float]:
    """(w, b) read off decision_function, after checking fit returned self and decision_function is w·x + b."""
    X = case.inputs["X"]
    n, d = X.shape
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    values = checks.array(got, "probe", "decision_function(P)", (d + 1,), finite=False)
    if not np.all(np.isfinite(values)):
        raise Fail("decision_function returned NaN or inf after fit", got=checks.fmt(values),
                   cause=diagnose(case, np.full(d, np.nan), float("nan")))
    b = float(values[0])
    w = values[1:].astype(float) - b
    f = checks.array(got, "f_train", "decision_function(X)", (n,)).astype(float)
    own = X @ w + b
    scale = 1.0 + np.abs(X).max() * np.abs(w).sum() + abs(b)
    if not np.allclose(f, own, rtol=1e-6, atol=1e-9 * scale):
        raise Fail("decision_function(X) is not an affine function w·x + b of its input",
                   expected=f"w·x + b with w, b read off decision_function at 0 and the unit vectors: {checks.fmt(own)}",
                   got=checks.fmt(f),
                   cause="decision_function must return X @ w + b for the X it is given (the raw score: no sign, "
                   "no clipping, no scaling of X)")
    return w, b


def judge_optimum(case: Case, got: Outputs, expected: Outputs) -> None:
    X, C = case.inputs["X"], case.params["C"]
    t = signs(case.inputs["y"])
    w, b = fitted(case, got)
    _, _, best = optimum(case)
    reached = primal(X, t, w, b, C)
    limit = best + tolerance(case, best)
    if reached <= limit:
        return
    raise Fail(f"the objective of your (w, b) is {reached:.6g}; the minimum is {best:.6g} "
               f"({(reached - best) / best:.1%} above it; allowed: {REL:.0%} + {ABS_PER_SAMPLE:g}·C·n)",
               expected=f"objective ≤ {limit:.6g} ({FORMULA})",
               got=f"{reached:.6g} with w = {checks.fmt(w)}, b = {b:.6g}", cause=diagnose(case, w, b))


def _objective_candidates(X: np.ndarray, y: np.ndarray, classes: np.ndarray, w: np.ndarray, b: float,
                          C: float) -> list[tuple[float, str]]:
    t = signs(y, classes)
    f = X @ w + b
    hinge = np.maximum(0.0, 1 - t * f)
    reg = 0.5 * w @ w
    out = [
        (reg + C * (1 - t * f).sum(), "the hinge has no max(0, ·): Σ(1 − t·f) lets the samples past the margin "
         "subtract — use np.maximum(0, 1 - t * f).sum()"),
        (reg + C * hinge.mean(), "the hinge term is averaged; the spec SUMS it: C·Σ_i max(0, 1 − t_i·f(x_i))"),
        (reg + 0.5 * b * b + C * hinge.sum(), "½b² is added: the bias is not regularised, only ½‖w‖²"),
        (2 * reg + C * hinge.sum(), "‖w‖² without the ½: the regulariser is ½‖w‖² = 0.5 * w @ w"),
        (reg + C * (hinge**2).sum(), "the hinge is squared: the spec uses the plain hinge max(0, 1 − t·f)"),
        (C * reg + hinge.sum(), "C multiplies the regulariser; it multiplies the hinge sum: ½‖w‖² + C·Σ hinge"),
        (reg + C * np.maximum(0.0, 1 + t * f).sum(), "the labels are mapped the other way round: +1 is the LARGER "
         "label, np.unique(y)[1]"),
        (reg, "only ½‖w‖²: add C·Σ hinge"),
        (C * hinge.sum(), "only the hinge sum: add ½‖w‖²"),
    ]
    if y.dtype.kind in "biuf":
        raw = y.astype(float)
        out.append((reg + C * np.maximum(0.0, 1 - raw * f).sum(), "the labels are used as given — map them to "
                    "−1/+1 (t = +1 for np.unique(y)[1] of fit's y) before the hinge"))
    return [(float(v), c) for v, c in out if np.isfinite(v)]


def judge_objective_method(case: Case, got: Outputs, expected: Outputs) -> None:
    w, b = fitted(case, got)
    C = case.params["C"]
    classes = np.unique(case.inputs["y"])
    for key, xname, yname in case.params["calls"]:
        X, y = case.inputs[xname], case.inputs[yname]
        what = f"objective({xname}, {yname})"
        number = checks.scalar(got, key, what, allow_size_one=True)
        right = primal(X, signs(y, classes), w, b, C)
        if abs(number - right) <= OBJ_ATOL + OBJ_RTOL * abs(right):
            continue
        cause = next((c for v, c in _objective_candidates(X, y, classes, w, b, C)
                      if abs(v - right) > 1e-6 * abs(right) and abs(number - v) <= 1e-6 * (1 + abs(v))),
                     f"objective must be {FORMULA}, with your fitted w and b, on the X and y it is given")
        raise Fail(f"{what} = {number:.10g}; for your own w and b the formula gives {right:.10g}",
                   expected=f"{right:.10g} ({FORMULA}; w, b read off your decision_function)",
                   got=f"{number:.10g}", cause=cause)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_optimum(case, got, expected)
    w, b = fitted(case, got)
    y, X_new = case.inputs["y"], case.inputs["X_new"]
    classes = np.unique(y)
    m = len(X_new)
    kinds = "US" if y.dtype.kind in "US" else checks.NUMERIC
    pred = checks.value(got, "predict", "predict(X_new)")
    if pred.shape == (len(y),) and len(y) != m:
        raise Fail(f"predict(X_new) has shape {pred.shape}: one label per TRAINING sample, expected {(m,)}",
                   cause="predict must classify the X it is given")
    if kinds == "US" and pred.dtype.kind not in "US" and pred.shape == (m,):
        raise Fail(f"predict(X_new) returned {pred.dtype}, expected the training labels (strings such as "
                   f"{classes[0]!r})", got=checks.fmt(pred), expected=checks.fmt(classes),
                   cause="predict returns the internal ±1 signs — map them back: np.where(f > 0, classes[1], "
                   "classes[0]) with classes = np.unique(y) from fit")
    pred = checks.array(got, "predict", "predict(X_new)", (m,), kinds=kinds)
    unknown = ~np.isin(pred, classes)
    if unknown.any():
        i = int(np.flatnonzero(unknown)[0])
        plus_minus = kinds != "US" and set(np.unique(pred).tolist()) <= {-1, 1}
        raise Fail(f"predict(X_new)[{i}] is {checks.fmt(pred[i])}, which is not one of the training labels "
                   f"{classes.tolist()}", got=checks.fmt(pred), expected=f"labels in {classes.tolist()}",
                   cause="predict returns the internal −1/+1 signs — map them back to the labels fit was given: "
                   "np.where(f > 0, classes[1], classes[0])" if plus_minus else
                   "predict must return labels that fit was given")
    f = checks.array(got, "f_new", "decision_function(X_new)", (m,)).astype(float)
    own = np.where(f > 0, classes[1], classes[0])
    decided = f != 0
    if not np.array_equal(pred[decided], own[decided]):
        flipped = np.array_equal(pred[decided], np.where(f > 0, classes[0], classes[1])[decided])
        checks.same_labels(pred, own, "predict(X_new) against the sign of your decision_function(X_new)",
                           mask=decided, cause="predict maps the sign the other way: f > 0 means the LARGER label, "
                           "np.unique(y)[1]" if flipped else "predict(X) must be classes[1] where "
                           "decision_function(X) > 0 and classes[0] where it is < 0")
    w_opt, b_opt, _ = optimum(case)
    f_opt = X_new @ w_opt + b_opt
    clear = np.abs(f_opt) >= MARGIN
    checks.same_labels(pred, np.where(f_opt > 0, classes[1], classes[0]), "predict(X_new) against the optimal "
                       "SVM's, on the points outside its margin (|f*(x)| ≥ 1)", mask=clear,
                       cause=f"your hyperplane is far from the optimum's — see the objective tests ({FORMULA})")


# --- the cases --------------------------------------------------------------------------------------------------


def fit_steps(d: int, **kwargs: float) -> tuple:
    return (new("m", "LinearSVM", **kwargs), call("m", "fit", "X", "y", save="fit"),
            call("m", "decision_function", "P", save="probe"), call("m", "decision_function", "X", save="f_train"))


def settings(**kwargs: float) -> dict[str, float]:
    return {"C": 1.0, "learning_rate": 0.01, "n_iterations": 1000, **kwargs}


def fit_case(name: str, X: np.ndarray, y: np.ndarray, on: str, judge: Callable[[Case, Outputs, Outputs], None],
             extra_steps: tuple = (), extra_inputs: dict[str, np.ndarray] | None = None, then: str = "",
             calls: list[tuple[str, str, str]] | None = None, **kwargs: float) -> Case:
    args = ", ".join(f"{k}={v:g}" for k, v in kwargs.items())
    text = f"LinearSVM({args}).fit(X, y)" + (f" then {then}" if then else "")
    if not kwargs:
        text += "  # C=1.0, learning_rate=0.01, n_iterations=1000"
    inputs = {"X": X, "y": y, "P": probe(X.shape[1]), **(extra_inputs or {})}
    return Case(name, text + "; w and b are read off decision_function(P), P = [0; the unit vectors]", on, inputs,
                (*fit_steps(X.shape[1], **kwargs), *extra_steps), judge, {**settings(**kwargs), "calls": calls or []})


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them. Kept small (60–80 samples): a per-sample Python loop
    runs n_iterations × n updates per case, and must finish well inside the time limit."""
    X1, t1 = blobs(1, 60, 2, 2.0)
    X2, t2 = blobs(4, 60, 3, 3.0)
    X3, t3 = blobs(3, 60, 2, 2.5, offset=4.0)
    X4, t4 = blobs(5, 80, 2, 2.5)
    X5, t5 = blobs(2, 80, 5, 3.0)
    X6, t6 = blobs(11, 60, 2, 2.5)
    X6_other, t6_other = blobs(12, 40, 2, 2.0)
    X7, t7 = blobs(13, 60, 3, 3.0)
    X7_new = blobs(14, 60, 3, 3.0)[0]
    X8, t8 = blobs(15, 60, 2, 3.0)
    X8_new = blobs(16, 40, 2, 3.0)[0]
    X9, t9 = blobs(17, 60, 2, 3.0)
    X9_new = blobs(18, 40, 2, 3.0)[0]

    predict_steps = (call("m", "decision_function", "X_new", save="f_new"), call("m", "predict", "X_new", save="predict"))
    objective_steps = (call("m", "objective", "X", "y", save="obj_train"),
                       call("m", "objective", "X_other", "y_other", save="obj_other"))
    return [
        fit_case("default_reaches_the_minimum", X1, t1, "X shape (60, 2): two overlapping blobs, y in {−1, +1}, seed 1",
                 judge_optimum),
        fit_case("labels_zero_one", X2, as_labels(t2, 0, 1), "X shape (60, 3): two blobs, y in {0, 1}, seed 4",
                 judge_optimum),
        fit_case("bias_is_not_regularised", X3, t3, "X shape (60, 2): two blobs about 4 units from the origin, so "
                 "the best b is about −6.4, y in {−1, +1}, seed 3", judge_optimum, learning_rate=0.005),
        fit_case("small_C_wide_margin", X4, t4, "X shape (80, 2): overlapping blobs, y in {−1, +1}, seed 5",
                 judge_optimum, C=0.1),
        fit_case("five_features", X5, t5, "X shape (80, 5): two overlapping blobs, y in {−1, +1}, seed 2",
                 judge_optimum),
        fit_case("objective_is_the_formula", X6, as_labels(t6, 0, 1), "X shape (60, 2), y in {0, 1}, seed 11; "
                 "X_other shape (40, 2), y_other in {0, 1}, seed 12 (only the formula is judged here, for whatever "
                 "w and b you reached)", judge_objective_method,
                 objective_steps, {"X_other": X6_other, "y_other": as_labels(t6_other, 0, 1)},
                 ".objective(X, y) and .objective(X_other, y_other)", C=0.5, n_iterations=200,
                 calls=[("obj_train", "X", "y"), ("obj_other", "X_other", "y_other")]),
        fit_case("predict_returns_the_labels", X7, as_labels(t7, 0, 1), "X shape (60, 3), y in {0, 1}, seed 13; "
                 "X_new shape (60, 3), seed 14", judge_predict, predict_steps, {"X_new": X7_new},
                 ".decision_function(X_new) and .predict(X_new)"),
        fit_case("labels_one_and_two", X8, as_labels(t8, 1, 2), "X shape (60, 2), y in {1, 2}, seed 15; X_new "
                 "shape (40, 2), seed 16", judge_predict, predict_steps, {"X_new": X8_new},
                 ".decision_function(X_new) and .predict(X_new)"),
        fit_case("string_labels", X9, as_labels(t9, "ham", "spam"), "X shape (60, 2), y in {'ham', 'spam'} "
                 "('spam' is the larger label, so +1), seed 17; X_new shape (40, 2), seed 18", judge_predict,
                 predict_steps, {"X_new": X9_new}, ".decision_function(X_new) and .predict(X_new)"),
    ]


def perf() -> Perf:
    X, t = blobs(31, 2000, 10, 3.0)
    return Perf(
        steps=(new("m", "LinearSVM", learning_rate=0.0005, n_iterations=50), call("m", "fit", "X", "y"),
               call("m", "predict", "X")),
        inputs={"X": X, "y": t},
        describe="LinearSVM(learning_rate=0.0005, n_iterations=50).fit(X, y).predict(X), X (2000, 10)",
        slow_hint="a Python loop over the samples in each iteration? find the samples with t·f < 1 as one boolean "
        "mask and sum their t_i·x_i with a matrix product",
    )
