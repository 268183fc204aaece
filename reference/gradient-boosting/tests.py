"""Hidden tests for `gradient-boosting`. Boosting for squared loss from F_0 = mean(y), each stage a least-squares
regression tree of depth ≤ max_depth fitted to the residuals y − F and added with the learning rate, is unique once
the spec fixes the thresholds (halfway between consecutive distinct values, x[j] <= t goes left) — except where two
splits of a node lower the squared error equally. The test data have no such tie between different partitions of
the training rows (the tests replay every stage to make sure), so train_loss_ and predict on the training rows are
compared with the reference (relative tolerance 1e-6, absolute 1e-9 on the scale of y). Two splits can still
partition the training rows the same way through different features or thresholds; a new point that they send to
different sides is not judged. Invariants: a constant target is predicted as that constant, and train_loss_ never
increases for learning_rate ≤ 1."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL = 1e-6
TIE = 1e-9  # squared-error decreases within this fraction of the node's squared error are a tie


# --- data -------------------------------------------------------------------------------------------------------


def wave(seed: int, n: int, d: int, *, noise: float = 0.3, offset: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """X uniform on [0, 10)^d (distinct values); y a smooth function of the first features, plus noise."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(0, 10, size=(n, d))
    y = np.sin(X[:, 0]) + (0.5 * np.cos(1.3 * X[:, 1]) if d > 1 else 0.0) + 0.08 * X[:, 0]
    return X, offset + y + noise * rng.standard_normal(n)


def queries(seed: int, m: int, d: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-0.5, 10.5, size=(m, d))


# --- boosting, replayed (the spec, or one of the classic mistakes) ------------------------------------------------


@dataclass
class Rules:
    n_estimators: int = 100
    learning_rate: float = 0.1
    max_depth: int = 1
    init: str = "mean"  # "zero": F_0 = 0
    target: str = "residual"  # "y": each tree fits y; "flipped": F − y
    weighted: bool = True  # False: a split scores var(left) + var(right), not the children's total squared error
    threshold: str = "mid"  # "low": x <= the lower value; "high": x < the upper value
    predict_rate: str = "once"  # "none": predict forgets the learning rate; "twice": applies it twice
    predict_init: bool = True  # False: predict forgets F_0


@dataclass
class Tree:
    feature: list[int] = field(default_factory=list)
    threshold: list[float] = field(default_factory=list)
    strict: list[bool] = field(default_factory=list)  # "x < t" goes left (the "high" mistake)
    children: list[tuple[int, int]] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    alternatives: list[list[tuple[int, float, bool]]] = field(default_factory=list)  # tied splits, same groups


@dataclass
class Replay:
    train: np.ndarray  # F on the training rows after the last stage
    loss: np.ndarray  # MSE after each stage
    predict: dict[str, np.ndarray]  # predict(...) on each named query set
    fixed: dict[str, np.ndarray]  # where the spec fixes that prediction
    diverged: bool  # a tie between different partitions: the trajectory after it is left open


def grow(X: np.ndarray, r: np.ndarray, rules: Rules) -> tuple[Tree, bool]:
    tree, diverged = Tree(), False
    scale = float(((r - r.mean()) ** 2).sum())

    def node(rows: np.ndarray, depth: int) -> int:
        nonlocal diverged
        index = len(tree.value)
        tree.feature.append(-1)
        tree.threshold.append(0.0)
        tree.strict.append(False)
        tree.children.append((-1, -1))
        tree.value.append(float(r[rows].mean()))
        tree.alternatives.append([])
        Xn, rn = X[rows], r[rows]
        n = len(rn)
        parent = float(((rn - rn.mean()) ** 2).sum())
        if depth >= rules.max_depth or n < 2 or parent <= 1e-24 * max(scale, 1e-300):
            return index  # a leaf (or a node whose residuals are equal up to rounding: splitting changes nothing)
        order = np.argsort(Xn, axis=0, kind="stable")
        xs = np.take_along_axis(Xn, order, axis=0)
        rs = rn[order]
        k = np.arange(1, n)[:, None]
        s1, s2 = np.cumsum(rs, axis=0)[:-1], np.cumsum(rs**2, axis=0)[:-1]
        t1, t2 = rs.sum(axis=0), (rs**2).sum(axis=0)
        sse_l, sse_r = s2 - s1**2 / k, (t2 - s2) - (t1 - s1) ** 2 / (n - k)
        score = sse_l + sse_r if rules.weighted else sse_l / k + sse_r / (n - k)
        score = np.where(xs[1:] > xs[:-1], score, np.inf)
        best = float(score.min())
        if not np.isfinite(best) or (rules.weighted and parent - best <= 0):
            return index
        i, j = np.unravel_index(np.argmin(score), score.shape)
        goes_left = Xn[:, j] <= xs[i, j]
        for ti, tj in zip(*np.nonzero(score <= best + TIE * parent), strict=True):
            if (ti, tj) == (i, j):
                continue
            other = Xn[:, tj] <= xs[ti, tj]
            if np.array_equal(other, goes_left) or np.array_equal(other, ~goes_left):  # the same two groups
                swapped = not np.array_equal(other, goes_left)
                tree.alternatives[index].append((int(tj), float((xs[ti, tj] + xs[ti + 1, tj]) / 2), swapped))
            else:
                diverged = True
        lo, hi = xs[i, j], xs[i + 1, j]
        tree.feature[index] = int(j)
        tree.threshold[index] = {"mid": (lo + hi) / 2, "low": lo, "high": hi}[rules.threshold]
        tree.strict[index] = rules.threshold == "high"
        left = node(rows[goes_left], depth + 1)
        right = node(rows[~goes_left], depth + 1)
        tree.children[index] = (left, right)
        return index

    node(np.arange(len(r)), 0)
    return tree, diverged


def route(tree: Tree, Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each query's leaf value, and whether every tied alternative sends it the same way (nodes are numbered
    parent before child, so one pass over the nodes routes all queries)."""
    at = np.zeros(len(Q), dtype=np.intp)
    fixed = np.ones(len(Q), dtype=bool)
    for index, j in enumerate(tree.feature):
        if j < 0:
            continue
        here = at == index
        t = tree.threshold[index]
        side = Q[:, j] < t if tree.strict[index] else Q[:, j] <= t
        for f, s, swapped in tree.alternatives[index]:
            fixed &= ~(here & ((Q[:, f] <= s) != (side != swapped)))
        left, right = tree.children[index]
        at = np.where(here, np.where(side, left, right), at)
    return np.array(tree.value)[at], fixed


def boost(X: np.ndarray, y: np.ndarray, rules: Rules, sets: dict[str, np.ndarray] | None = None) -> Replay:
    sets = {"X": X, **(sets or {})}
    lr = rules.learning_rate
    init = float(y.mean()) if rules.init == "mean" else 0.0
    F = np.full(len(y), init)
    scale = {"once": lr, "none": 1.0, "twice": lr * lr}[rules.predict_rate]
    start = init if rules.predict_init else 0.0
    predict = {k: np.full(len(Q), start) for k, Q in sets.items()}
    fixed = {k: np.ones(len(Q), dtype=bool) for k, Q in sets.items()}
    loss, diverged = [], False
    with np.errstate(all="ignore"):
        for _ in range(rules.n_estimators):
            target = {"residual": y - F, "y": y, "flipped": F - y}[rules.target]
            tree, tied = grow(X, target, rules)
            diverged |= tied
            F = F + lr * route(tree, X)[0]
            loss.append(float(np.mean((y - F) ** 2)))
            for k, Q in sets.items():
                h, ok = route(tree, Q)
                predict[k] = predict[k] + scale * h
                fixed[k] &= ok
    return Replay(F, np.array(loss), predict, fixed, diverged)


def rules_of(case: Case, **change: Any) -> Rules:
    p = case.params
    base = {"n_estimators": p.get("n_estimators", 100), "learning_rate": p.get("learning_rate", 0.1),
            "max_depth": p.get("max_depth", 1)}
    return Rules(**{**base, **change})


def replay(case: Case, **change: Any) -> Replay:
    sets = {k: v for k, v in case.inputs.items() if k == "X_new"}
    return boost(case.inputs["X"], case.inputs["y"], rules_of(case, **change), sets)


# --- judging ----------------------------------------------------------------------------------------------------


def _scale(case: Case) -> float:
    """The size of y's variation (absolute tolerances are this small fraction of it)."""
    y = case.inputs["y"]
    return max(float(np.var(y)), 1e-6 * float(np.mean(y)) ** 2, 1e-12)


def _fitted(case: Case, got: Outputs) -> None:
    checks.returns_self(got, "fit", case.call.split(" then ")[0])


def _loss_cause(case: Case, loss: np.ndarray, exp: np.ndarray) -> str:
    """Replay the classic mistakes; name the one whose train_loss_ matches."""
    y = case.inputs["y"]
    before = np.r_[np.mean((y - y.mean()) ** 2), exp[:-1]]
    n = len(y)
    simple = [
        (before, "each entry is the loss BEFORE the stage's update — record np.mean((y − F)²) after adding the "
         "tree (the first entry is after the first tree; the loss of F_0 is not included)"),
        (n * exp, "this is the SUM of squared errors; train_loss_ holds the MEAN, np.mean((y − F) ** 2)"),
        (np.sqrt(exp), "this is the root of the MSE; train_loss_ holds the MSE itself, np.mean((y − F) ** 2)"),
        (exp / 2, "this is ½·MSE; train_loss_ holds the MSE itself, np.mean((y − F) ** 2)"),
    ]
    for candidate, cause in simple:
        if np.allclose(loss, candidate, rtol=1e-5, atol=1e-9 * _scale(case)):
            return cause
    depth = case.params.get("max_depth", 1)
    variants: list[tuple[dict[str, Any], str]] = [
        ({"init": "zero"}, "F_0 is 0 — boosting starts from the mean of y: F_0 = np.mean(y) (the best constant for "
         "squared loss), and predict starts from it too"),
        ({"target": "y"}, "every tree is fitted to y itself — fit each one to the current RESIDUALS, y − F"),
        ({"target": "flipped"}, "the residuals have the wrong sign (F − y), so each stage moves away from y — the "
         "negative gradient of ½(y − F)² is y − F"),
        ({"weighted": False}, "a split is scored by var(left) + var(right), unweighted — score it by the total "
         "squared error of the two sides, n_L·var(left) + n_R·var(right)"),
        ({"learning_rate": 1.0}, "the learning rate is not applied in fit — F += learning_rate * tree(X)"),
        ({"n_estimators": case.params.get("n_estimators", 100) + 1}, "one stage too many"),
    ]
    if depth > 1:
        variants.append(({"max_depth": 1}, f"every tree is a stump — max_depth={depth} is ignored: grow each tree "
                         "until depth == max_depth (the root is at depth 0)"))
    if depth == 1:
        variants.append(({"max_depth": 3}, "the trees are 3 levels deep — the default is max_depth=1 (stumps), not "
                         "scikit-learn's 3"))
    variants += [({"max_depth": depth + 1}, "each tree is one level too deep — the root is at depth 0, a node at "
                  "depth max_depth is a leaf"),
                 ({"max_depth": depth - 1}, "each tree is one level too shallow — nodes at depth < max_depth split")]
    for change, cause in variants:
        if change.get("max_depth", 1) < 0:
            continue
        if "n_estimators" in change:
            other = replay(case, **change).loss[1:]
        else:
            other = replay(case, **change).loss
        if other.shape == loss.shape and np.allclose(loss, other, rtol=1e-5, atol=1e-9 * _scale(case)):
            return cause
    return ("train_loss_[m] must be np.mean((y − F) ** 2) on the training data right after stage m + 1, with "
            "F = F_0 + learning_rate · (sum of the trees so far) and each tree fitted to y − F")


def judge_loss(case: Case, got: Outputs, expected: Outputs) -> None:
    _fitted(case, got)
    M = case.params.get("n_estimators", 100)
    value = checks.value(got, "train_loss_", "train_loss_")
    if value.ndim == 1 and len(value) == M + 1:
        raise Fail(f"train_loss_ has {M + 1} entries, expected {M} (one per stage)", got=checks.fmt(value),
                   cause="the loss of F_0 (before any tree) is not included: train_loss_[m] is the MSE after "
                   "stage m + 1")
    if value.ndim == 1 and len(value) == 2 * M and case.params.get("refit"):
        raise Fail(f"train_loss_ has {2 * M} entries after fitting twice, expected {M}", got=checks.fmt(value),
                   cause="fit must start afresh: reset self.train_loss_ = [] (and the list of trees) at the start "
                   "of fit, not in __init__")
    loss = checks.array(got, "train_loss_", "train_loss_", (M,), finite=False).astype(float)
    exp = expected.values["train_loss_"]
    if not np.all(np.isfinite(loss)):
        raise Fail("train_loss_ contains NaN or inf", got=checks.fmt(loss),
                   cause="the stages diverged — are the residuals y − F (not F − y), and is the tree's leaf value "
                   "the mean residual of its rows?")
    atol = 1e-9 * _scale(case)
    if np.allclose(loss, exp, rtol=RTOL, atol=atol):
        return
    checks.close(loss, exp, "train_loss_", rtol=RTOL, atol=atol, cause=_loss_cause(case, loss, exp))


def _predict_cause(case: Case, key: str, pred: np.ndarray, exp: np.ndarray, mask: np.ndarray) -> str:
    y = case.inputs["y"]
    if np.allclose(pred, y.mean(), rtol=0, atol=1e-9 * np.sqrt(_scale(case))):
        return "predict returns the mean of y everywhere — add learning_rate · tree(X) of every stored tree"
    depth = case.params.get("max_depth", 1)
    variants: list[tuple[dict[str, Any], str]] = [
        ({"predict_rate": "none"}, "predict adds the trees without the learning rate — it must compute exactly "
         "what fit tracked: F_0 + learning_rate · Σ tree(X)"),
        ({"predict_rate": "twice"}, "the learning rate is applied twice in predict (are the trees' outputs already "
         "scaled when stored?) — F_0 + learning_rate · Σ tree(X), once"),
        ({"predict_init": False}, "predict forgets F_0 — start from the mean of the training y, then add "
         "learning_rate · tree(X) of every tree"),
        ({"init": "zero"}, "F_0 is 0 — boosting starts from the mean of y: F_0 = np.mean(y), in fit and in predict"),
        ({"target": "y"}, "every tree is fitted to y itself — fit each one to the current RESIDUALS, y − F"),
        ({"target": "flipped"}, "the residuals have the wrong sign (F − y) — the negative gradient of ½(y − F)² "
         "is y − F"),
        ({"weighted": False}, "a split is scored by var(left) + var(right), unweighted — score it by the total "
         "squared error of the two sides"),
        ({"threshold": "low"}, "the thresholds are data values (x <= x_i); the spec puts them HALFWAY between "
         "consecutive distinct values, which matters for new points in between"),
        ({"threshold": "high"}, "the thresholds are data values (x < x_(i+1)); the spec puts them HALFWAY between "
         "consecutive distinct values, which matters for new points in between"),
    ]
    if depth > 1:
        variants.append(({"max_depth": 1}, f"every tree is a stump — max_depth={depth} is ignored"))
    if depth == 1:
        variants.append(({"max_depth": 3}, "the trees are 3 levels deep — the default is max_depth=1 (stumps), not "
                         "scikit-learn's 3"))
    variants += [({"max_depth": depth + 1}, "each tree is one level too deep — the root is at depth 0"),
                 ({"max_depth": depth - 1}, "each tree is one level too shallow — nodes at depth < max_depth split")]
    atol = 1e-9 * np.sqrt(_scale(case))
    right = float(np.mean(np.isclose(pred, exp, rtol=RTOL, atol=atol)[mask]))
    for change, cause in variants:
        if change.get("max_depth", 1) < 0:
            continue
        other = replay(case, **change).predict[key]
        agree = float(np.mean(np.isclose(pred, other, rtol=1e-5, atol=atol)[mask]))
        if agree >= 0.95 and agree > right:
            return cause
    return ("predict(X) must be F_0 + learning_rate · Σ tree_m(X) with the same trees fit built — check the "
            "train_loss_ tests first: a wrong fit gives wrong predictions")


def judge_predictions(case: Case, got: Outputs, expected: Outputs, key: str) -> None:
    """predict on `key` ("X" or "X_new") equals the reference wherever the spec fixes it."""
    _fitted(case, got)
    Q = case.inputs[key]
    what = f"predict({key})"
    value = checks.value(got, "predict_" + key, what)
    n_train = len(case.inputs["X"])
    if value.shape == (n_train,) and n_train != len(Q):
        raise Fail(f"{what} has shape {value.shape}: one value per TRAINING row, expected {(len(Q),)}",
                   cause="predict must evaluate the trees on the X it is given, not return values stored in fit")
    pred = checks.array(got, "predict_" + key, what, (len(Q),)).astype(float)
    exp = expected.values["predict_" + key]
    atol = 1e-9 * np.sqrt(_scale(case))
    differ = ~np.isclose(pred, exp, rtol=RTOL, atol=atol)
    if not differ.any():
        return  # equal everywhere: no need to know which points the spec leaves open
    mask = replay(case).fixed[key] if key != "X" else np.ones(len(Q), dtype=bool)
    wrong = differ & mask
    if not wrong.any():
        return
    i = int(np.flatnonzero(wrong)[0])
    open_ = int((~mask).sum())
    skipped = f" ({open_} that tied splits send different ways are not judged)" if open_ else ""
    err = float(np.max(np.abs(pred - exp)[mask]))
    raise Fail(f"{what}: {int(wrong.sum())} of {int(mask.sum())} values differ{skipped}, max abs error {err:.3g}; "
               f"first at row {i}", expected=f"{exp[i]:.8g} (and {checks.fmt(exp)})",
               got=f"{pred[i]:.8g} (and {checks.fmt(pred)}) (tolerance: {atol:.2g} + {RTOL:g}·|expected|)",
               cause=_predict_cause(case, key, pred, exp, mask))


def judge_train_predictions(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_predictions(case, got, expected, "X")


def judge_new_predictions(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_predictions(case, got, expected, "X_new")


def judge_all(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_loss(case, got, expected)
    judge_predictions(case, got, expected, "X")
    judge_predictions(case, got, expected, "X_new")


def judge_non_increasing(case: Case, got: Outputs, expected: Outputs) -> None:
    """learning_rate ≤ 1: adding a least-squares tree fitted to the residuals never raises the training MSE."""
    _fitted(case, got)
    M = case.params["n_estimators"]
    loss = checks.array(got, "train_loss_", "train_loss_", (M,), finite=False).astype(float)
    steps = np.diff(loss)
    up = steps > 1e-9 * _scale(case)
    if np.all(np.isfinite(loss)) and not up.any():
        judge_all(case, got, expected)
        return
    bad = int(np.flatnonzero(up | ~np.isfinite(steps))[0]) if (up | ~np.isfinite(steps)).any() else 0
    raise Fail(f"train_loss_ increases at stage {bad + 2}: {loss[bad]:.6g} → {loss[bad + 1]:.6g} "
               f"(learning_rate={case.params['learning_rate']:g})", got=checks.fmt(loss),
               cause=_loss_cause(case, loss, expected.values["train_loss_"]))


def judge_constant(case: Case, got: Outputs, expected: Outputs) -> None:
    """A constant target: F_0 is that constant, every residual 0, every prediction the constant."""
    _fitted(case, got)
    c = float(case.inputs["y"][0])
    for key in ("X", "X_new"):
        what = f"predict({key})"
        pred = checks.array(got, "predict_" + key, what, (len(case.inputs[key]),)).astype(float)
        if not np.allclose(pred, c, rtol=1e-12, atol=1e-12):
            i = int(np.argmax(np.abs(pred - c)))
            raise Fail(f"{what}: y is the constant {c:g} but prediction {i} is {pred[i]:.10g}",
                       expected=f"{c:g} everywhere", got=checks.fmt(pred),
                       cause="F_0 must be the mean of y (here the constant itself) and every residual is then 0 — "
                       "is F_0 the mean of y, and does predict start from it?")
    judge_loss(case, got, expected)


# --- the cases ----------------------------------------------------------------------------------------------------


def _steps(ctor: dict[str, Any], keys: tuple[str, ...], refit: bool = False) -> tuple:
    steps = [new("m", "GradientBoostingRegressor", **ctor)]
    if refit:
        steps.append(call("m", "fit", "X_first", "y_first"))
    steps += [call("m", "fit", "X", "y", save="fit"), attr("m", "train_loss_")]
    steps += [call("m", "predict", key, save="predict_" + key) for key in keys]
    return tuple(steps)


def _case(name: str, ctor: dict[str, Any], data: dict[str, np.ndarray], on: str, judge: Any,
          keys: tuple[str, ...] = ("X", "X_new"), refit: bool = False) -> Case:
    args = ", ".join(f"{k}={v!r}" for k, v in ctor.items())
    model = f"GradientBoostingRegressor({args})"
    fit = f"m = {model}; m.fit(X_first, y_first); m.fit(X, y)" if refit else f"{model}.fit(X, y)"
    calls = " and ".join(f".predict({k})" for k in keys)
    return Case(name, f"{fit} then .train_loss_" + (f" and {calls}" if calls else ""), on, data,
                _steps(ctor, keys, refit), judge, {**ctor, "refit": refit})


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X1, y1 = wave(401, 80, 1)
    Q1 = queries(411, 80, 1)
    X2, y2 = wave(402, 60, 2)
    X3, y3 = wave(409, 90, 3, noise=0.2)
    X4, y4 = wave(404, 100, 2, offset=50.0)
    X5, y5 = wave(405, 100, 2)
    X6 = np.random.default_rng(406).uniform(0, 10, size=(60, 2))
    X7, y7 = wave(407, 80, 2)
    X7f, y7f = wave(417, 60, 2, offset=5.0)
    one = {"n_estimators": 30, "learning_rate": 0.1}
    on1 = "X shape (80, 1) uniform on [0, 10), y = sin(x) + 0.08x + noise, seed 401"
    return [
        _case("train_loss_after_each_stage", one, {"X": X1, "y": y1}, on1, judge_loss, keys=()),
        _case("predict_training_rows", one, {"X": X1, "y": y1}, on1, judge_train_predictions, keys=("X",)),
        _case("predict_new_points", one, {"X": X1, "y": y1, "X_new": Q1}, f"{on1}; X_new shape (80, 1), seed 411",
              judge_new_predictions, keys=("X_new",)),
        _case("defaults_two_features", {}, {"X": X2, "y": y2, "X_new": queries(412, 100, 2)},
              "X shape (60, 2), y a smooth function of both features + noise, seed 402; X_new shape (100, 2), "
              "seed 412", judge_all),
        _case("starts_from_the_mean", {"n_estimators": 10, "learning_rate": 0.2},
              {"X": X4, "y": y4, "X_new": queries(414, 60, 2)},
              "X shape (100, 2), y around 50 (an offset of 50), seed 404; X_new shape (60, 2), seed 414", judge_all),
        _case("depth_3_trees", {"n_estimators": 15, "learning_rate": 0.3, "max_depth": 3},
              {"X": X3, "y": y3, "X_new": queries(413, 100, 3)},
              "X shape (90, 3), seed 409; X_new shape (100, 3), seed 413", judge_all),
        _case("learning_rate_one_never_increases", {"n_estimators": 20, "learning_rate": 1.0, "max_depth": 2},
              {"X": X5, "y": y5, "X_new": queries(415, 80, 2)},
              "X shape (100, 2), seed 405; X_new shape (80, 2), seed 415", judge_non_increasing),
        _case("constant_target", {"n_estimators": 20, "max_depth": 2},
              {"X": X6, "y": np.full(60, 3.7), "X_new": queries(416, 40, 2)},
              "X shape (60, 2), seed 406, y = 3.7 for every row; X_new shape (40, 2), seed 416", judge_constant),
        _case("refit_starts_afresh", {"n_estimators": 20, "learning_rate": 0.2},
              {"X": X7, "y": y7, "X_new": queries(418, 60, 2), "X_first": X7f, "y_first": y7f},
              "X_first shape (60, 2) with y_first around 5, seed 417; then X shape (80, 2), seed 407; X_new shape "
              "(60, 2), seed 418", judge_all, refit=True),
    ]


def perf() -> Perf:
    X, y = wave(421, 800, 4)
    return Perf(
        steps=(new("m", "GradientBoostingRegressor", n_estimators=5, max_depth=2), call("m", "fit", "X", "y"),
               call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="GradientBoostingRegressor(n_estimators=5, max_depth=2).fit(X, y).predict(X), X (800, 4)",
        slow_hint="a Python loop over the candidate thresholds (or the samples) in each node? sort each feature "
        "once per node and get the squared error of every cut from np.cumsum of r and r²",
    )
