"""Hidden tests for `decision-tree`. A greedy CART tree is unique once the spec fixes the threshold (halfway
between consecutive distinct values, x[j] <= t goes left), the criterion and the stopping rules — except where two
splits of a node decrease the impurity equally, which the spec leaves open. So these tests replay the growth of the
tree themselves: a query is compared with the reference (predict_proba within 1e-9) only if its path never meets
such a tie (nor a node whose best decrease is within 1e-9 of zero); every other check is an invariant that holds
for any tie-break — each leaf's probabilities are the class frequencies of the training rows that reach it, the
depth limit bounds the number of distinct leaves, a full-depth tree on data where every split it needs lowers the
impurity classifies its training data perfectly. One case puts new points exactly ON the learned thresholds
(integer features, so every midpoint is exact whatever the formula): x[j] <= threshold must go left."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, call, new

ATOL = 1e-9  # probabilities are ratios of counts: any correct formula lands within rounding of the reference
TIE = 1e-9  # impurity decreases closer than this are a tie the spec leaves open


# --- data -------------------------------------------------------------------------------------------------------


def regions(seed: int, n: int, d: int, K: int, noise: float) -> tuple[np.ndarray, np.ndarray]:
    """n points uniform in [0, 10)^d; the class depends on axis-aligned regions of the first two features, and a
    fraction `noise` of the labels is redrawn at random."""
    rng = np.random.default_rng(seed)
    X = np.round(rng.uniform(0, 10, size=(n, d)), 3)
    y = (X[:, 0] > 4.0).astype(np.int64) + (X[:, 1] > 6.5) * (K - 2 if K > 2 else 1)
    y = np.minimum(y, K - 1)
    flip = rng.uniform(size=n) < noise
    y[flip] = rng.integers(0, K, size=int(flip.sum()))
    return X, y


def queries(seed: int, m: int, d: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(0, 10, size=(m, d))  # never exactly on a midpoint


# --- the tree, replayed (the spec's rules, or one of the classic mistakes) ----------------------------------------


@dataclass
class Rules:
    """How to grow the tree: the spec by default; each other value replays a classic mistake."""

    max_depth: int | None = None
    min_samples_split: int = 2
    criterion: str = "gini"  # also "linear-gini" (1 − Σp: always 0) and "nan-entropy" (0·log 0 = NaN)
    weighted: bool = True  # children's impurities weighted by their sizes
    split_at_equal: bool = False  # "n <= min_samples_split is a leaf" instead of "n < …"
    threshold: str = "mid"  # "mid": halfway; "low": x <= the lower value; "high": x < the upper value;
    # "strict": halfway, but x < threshold goes left (a point exactly on it goes right)
    one_hot: bool = False  # a leaf predicts its majority class with probability 1


@dataclass
class Node:
    proba: np.ndarray
    feature: int = -1
    threshold: float = 0.0
    rule: str = "mid"
    left: Node | None = None
    right: Node | None = None
    alternatives: list[tuple[int, float, bool]] = field(default_factory=list)  # tied splits, same two groups
    open: bool = False  # tied splits with different partitions, or a best decrease within TIE of zero


def impurity(counts: np.ndarray, criterion: str) -> np.ndarray:
    n = counts.sum(axis=-1, keepdims=True)
    p = counts / np.maximum(n, 1)
    if criterion == "gini":
        return 1.0 - (p**2).sum(axis=-1)
    if criterion == "linear-gini":
        return 1.0 - p.sum(axis=-1)
    if criterion == "nan-entropy":
        with np.errstate(all="ignore"):
            return -(p * np.log2(p)).sum(axis=-1)
    log_p = np.log(p, out=np.zeros_like(p), where=p > 0)
    return -(p * log_p).sum(axis=-1)


def grow(X: np.ndarray, codes: np.ndarray, K: int, rules: Rules, depth: int = 0) -> Node:
    Y = np.eye(K)[codes]
    counts = Y.sum(axis=0)
    node = Node(proba=counts / counts.sum())
    if rules.one_hot:
        node.proba = np.eye(K)[int(np.argmax(counts))]
    n = len(X)
    if rules.max_depth is not None and depth >= rules.max_depth:
        return node
    if n < rules.min_samples_split or (rules.split_at_equal and n <= rules.min_samples_split):
        return node
    if np.count_nonzero(counts) == 1 or n < 2:
        return node
    order = np.argsort(X, axis=0, kind="stable")
    xs = np.take_along_axis(X, order, axis=0)
    left = np.cumsum(Y[order], axis=0)[:-1]
    n_left = np.arange(1, n)[:, None]
    crit = rules.criterion
    with np.errstate(all="ignore"):
        if rules.weighted:
            child = (n_left * impurity(left, crit) + (n - n_left) * impurity(counts - left, crit)) / n
        else:
            child = (impurity(left, crit) + impurity(counts - left, crit)) / 2
        gain = impurity(counts, crit) - child
    gain = np.where((xs[1:] > xs[:-1]) & ~np.isnan(gain), gain, -np.inf)
    best = float(gain.max())
    if not np.isfinite(best):
        return node
    if best <= TIE:
        node.open = True  # a correct tree may or may not split on rounding noise: the spec leaves it open
    if best <= 0:
        return node
    i, j = np.unravel_index(np.argmax(gain), gain.shape)
    lo, hi = xs[i, j], xs[i + 1, j]
    goes_left = X[:, j] <= lo
    for ti, tj in zip(*np.nonzero(gain >= best - TIE), strict=True):
        if (ti, tj) == (i, j):
            continue
        other = X[:, tj] <= xs[ti, tj]
        if np.array_equal(other, goes_left) or np.array_equal(other, ~goes_left):  # the same two groups
            swapped = not np.array_equal(other, goes_left)
            node.alternatives.append((int(tj), float((xs[ti, tj] + xs[ti + 1, tj]) / 2), swapped))
        else:
            node.open = True
    node.feature, node.rule = int(j), rules.threshold
    node.threshold = {"mid": (lo + hi) / 2, "strict": (lo + hi) / 2, "low": lo, "high": hi}[rules.threshold]
    node.left = grow(X[goes_left], codes[goes_left], K, rules, depth + 1)
    node.right = grow(X[~goes_left], codes[~goes_left], K, rules, depth + 1)
    return node


def route(tree: Node, Q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each query's leaf probabilities, and whether the spec fixes them (its path meets no open choice)."""
    proba = np.zeros((len(Q), len(tree.proba)))
    fixed = np.ones(len(Q), dtype=bool)
    for q, x in enumerate(Q):
        node = tree
        while True:
            if node.open:
                fixed[q] = False
            if node.left is None or node.right is None:
                break
            strict = node.rule in ("high", "strict")
            side = x[node.feature] < node.threshold if strict else x[node.feature] <= node.threshold
            if any((x[f] <= t) != (side != swapped) for f, t, swapped in node.alternatives):
                fixed[q] = False
            node = node.left if side else node.right
        proba[q] = node.proba
    return proba, fixed


def replay(case: Case, rules: Rules, key: str) -> tuple[np.ndarray, np.ndarray]:
    X, y = case.inputs["X"], case.inputs["y"]
    classes, codes = np.unique(y, return_inverse=True)
    return route(grow(X, codes.ravel(), len(classes), rules), case.inputs[key])


def spec_rules(case: Case) -> Rules:
    p = case.params
    return Rules(max_depth=p.get("max_depth"), min_samples_split=p.get("min_samples_split", 2),
                 criterion=p.get("criterion", "gini"))


# --- judging ----------------------------------------------------------------------------------------------------


def _classes(case: Case) -> tuple[np.ndarray, np.ndarray]:
    classes, codes = np.unique(case.inputs["y"], return_inverse=True)
    return classes, codes.ravel()


def _proba(case: Case, got: Outputs, key: str, what: str, rows: int) -> np.ndarray:
    """predict_proba's (rows, K) array of finite probabilities, each row summing to 1, or Fail."""
    classes, _ = _classes(case)
    K = len(classes)
    value = checks.value(got, key, what)
    n_train = len(case.inputs["X"])
    if value.shape == (rows,):
        raise Fail(f"{what} has shape {value.shape}, expected {(rows, K)}", got=checks.fmt(value),
                   cause="return one column per class (the leaf's class frequencies), not one number per row")
    if value.ndim == 2 and value.shape[0] == rows and value.shape[1] != K:
        wide = (case.inputs["y"].dtype.kind in "iu" and value.shape[1] == int(case.inputs["y"].max()) + 1)
        cause = (f"there are {K} classes {checks.fmt(classes)}, but {value.shape[1]} columns — np.bincount counts "
                 "every integer from 0 to max(y); use the distinct labels, np.unique(y)" if wide else
                 f"one column per distinct training label: {K} classes {checks.fmt(classes)}")
        raise Fail(f"{what} has shape {value.shape}, expected {(rows, K)}", got=checks.fmt(value), cause=cause)
    if value.shape[:1] == (n_train,) and n_train != rows:
        raise Fail(f"{what} has shape {value.shape}: one row per TRAINING sample, expected {(rows, K)}",
                   cause="predict_proba must route the rows it is given, not return values stored during fit")
    proba = checks.array(got, key, what, (rows, K), finite=False).astype(float)
    if not np.all(np.isfinite(proba)):
        i = int(np.flatnonzero(~np.all(np.isfinite(proba), axis=1))[0])
        raise Fail(f"{what}: row {i} contains NaN or inf", got=checks.fmt(proba[i]),
                   cause="a leaf with no training rows (0/0): a split whose one side is empty — a threshold must "
                   "lie strictly between two distinct values, and a constant feature offers none")
    sums = proba.sum(axis=1)
    if not np.allclose(sums, 1.0, rtol=0, atol=1e-9) or proba.min() < -ATOL:
        i = int(np.argmax(np.abs(sums - 1.0))) if not np.allclose(sums, 1.0, atol=1e-9) else int(proba.min(1).argmin())
        raise Fail(f"{what}: row {i} is not a probability distribution (sums to {sums[i]:.6g})",
                   got=checks.fmt(proba[i]),
                   cause="each row is the class frequencies of one leaf: counts / number of training rows in it")
    return proba


def _permuted(got: np.ndarray, exp: np.ndarray) -> bool:
    """True if some reordering of got's columns (not the identity) matches exp."""
    K = exp.shape[1]
    for perm in _permutations(K):
        if perm != tuple(range(K)) and np.allclose(got[:, perm], exp, rtol=0, atol=ATOL):
            return True
    return False


def _permutations(K: int) -> list[tuple[int, ...]]:
    from itertools import permutations

    return list(permutations(range(K))) if K <= 5 else []


COLUMNS = ("the columns are in another order than the sorted classes — the spec's order is np.unique(y) "
           "(sorted), not the order in which labels first appear (nor list(set(y)))")
STRICT = ("a point exactly ON a threshold went right: the spec sends x[j] <= threshold LEFT (x < threshold sends "
          "it right) — use <= in predict's routing as in fit's split")
ONE_HOT = ("a leaf predicts its majority class with probability 1 — predict_proba must give the class "
           "FREQUENCIES of the training rows in the leaf (counts / their total)")


def judge_leaf_frequencies(case: Case, proba: np.ndarray) -> None:
    """Training rows with the same probabilities (a leaf, or leaves alike) must have exactly those frequencies."""
    classes, codes = _classes(case)
    K = len(classes)
    keys = np.round(proba, 8)
    _, group = np.unique(keys, axis=0, return_inverse=True)
    group = group.ravel()
    freq = np.zeros((group.max() + 1, K))
    np.add.at(freq, (group, codes), 1.0)
    freq /= freq.sum(axis=1, keepdims=True)
    bad = ~np.all(np.abs(freq[group] - proba) <= ATOL, axis=1)
    if not bad.any():
        return
    i = int(np.flatnonzero(bad)[0])
    members = int(np.sum(group == group[i]))
    if _permuted(proba, freq[group]):
        cause = COLUMNS
    elif np.all(np.isin(proba, (0.0, 1.0))):
        cause = ONE_HOT
    else:
        cause = ("a leaf's probabilities must be the class frequencies of the training rows that reach it — are "
                 "the counts taken from that leaf's rows, and divided by their number?")
    raise Fail(f"predict_proba(X) on the training data: the {members} training rows that get "
               f"{checks.fmt(proba[i])} have class frequencies {checks.fmt(freq[group[i]])}",
               expected=f"row {i}: {checks.fmt(freq[group[i]])} (classes {checks.fmt(classes)})",
               got=f"row {i}: {checks.fmt(proba[i])}", cause=cause)


def judge_depth(case: Case, *probas: np.ndarray) -> None:
    depth = case.params.get("max_depth")
    if depth is None:
        return
    rows = np.unique(np.round(np.concatenate(probas), 8), axis=0)
    if len(rows) > 2**depth:
        raise Fail(f"max_depth={depth} allows at most {2**depth} leaves, but predict_proba gave {len(rows)} "
                   "different rows", got=checks.fmt(rows),
                   cause="the tree is too deep — an off-by-one in the depth test? The root is at depth 0 and a node "
                   "at depth max_depth must be a leaf (stop when depth >= max_depth)")


def _cause(case: Case, got: np.ndarray, exp: np.ndarray, fixed: np.ndarray) -> str:
    """Replay the classic mistakes on the case's queries; name the one that reproduces what came back."""
    if _permuted(got[fixed], exp[fixed]):
        return COLUMNS
    _, codes = _classes(case)
    root = np.bincount(codes, minlength=exp.shape[1]) / len(codes)
    if np.allclose(got, root, rtol=0, atol=ATOL):
        return ("the tree never split: every row gets the overall class frequencies — is Gini 1 − Σ p² (SQUARED; "
                "1 − Σ p is always 0), and is the decrease parent − weighted children, positive for a good split?")
    rules = spec_rules(case)
    depth, mss, crit = rules.max_depth, rules.min_samples_split, rules.criterion
    variants: list[tuple[dict[str, Any], str]] = [
        ({"weighted": False}, "the children's impurities are not weighted by their sizes — the split's score is "
         "(n_left·I(left) + n_right·I(right)) / n, not I(left) + I(right), their plain mean, or with the sizes swapped"),
        ({"threshold": "low"}, "the threshold is the lower data value (x <= x_i); the spec puts it HALFWAY between "
         "consecutive distinct values, (x_i + x_(i+1)) / 2, which matters for new points in between"),
        ({"threshold": "high"}, "the threshold is the upper data value (x < x_(i+1)); the spec puts it HALFWAY "
         "between consecutive distinct values, (x_i + x_(i+1)) / 2, which matters for new points in between"),
        ({"threshold": "strict"}, STRICT),
        ({"criterion": "entropy" if crit == "gini" else "gini"}, f"the tree was grown with "
         f"{'entropy' if crit == 'gini' else 'Gini'} instead of criterion={crit!r} — is the criterion argument "
         "stored and used?"),
        ({"one_hot": True}, ONE_HOT),
        ({"criterion": "linear-gini"}, "the splits hardly lower the impurity: is Gini 1 − Σ p² (squared)? "
         "1 − Σ p is always 0, so every split looks alike"),
    ]
    if crit == "entropy":
        variants.insert(0, ({"criterion": "nan-entropy"}, "the entropy is NaN whenever a class is missing from a "
                            "node (0·log 0 = 0·(−inf) = NaN), so those splits never win — skip p = 0 terms: "
                            "p[p > 0], or np.log with where=p > 0"))
    if depth is not None:
        variants += [({"max_depth": depth + 1}, "the tree is one level too deep — the root is at depth 0 and a "
                      "node at depth max_depth is a leaf (stop when depth >= max_depth)"),
                     ({"max_depth": max(depth - 1, 0)}, "the tree is one level too shallow — the root is at depth 0 "
                      "and nodes split while depth < max_depth")]
    variants.append(({"split_at_equal": True}, f"a node with exactly min_samples_split={mss} rows was not "
                     "split — it is a leaf only when it has FEWER rows (n < min_samples_split)"))
    if mss > 2:
        variants.append(({"min_samples_split": 2}, f"min_samples_split={mss} is ignored — a node with fewer rows "
                         "than that must become a leaf"))
    if depth is None:
        variants.append(({"max_depth": 1}, "the tree stops after one split — does the recursion call itself on "
                         "both children, with depth + 1?"))
    else:
        variants.append(({"max_depth": None}, f"max_depth={depth} is ignored: the tree grows until its leaves are "
                         "pure — stop splitting when depth >= max_depth (the root is at depth 0)"))
    best, best_cause = 0.0, ""
    right = float(np.mean(np.all(np.abs(got - exp) <= ATOL, axis=1)[fixed]))
    for change, cause in variants:
        kwargs = {"max_depth": depth, "min_samples_split": mss, "criterion": crit, **change}
        replayed, _ = replay(case, Rules(**kwargs), "X_new")
        agree = float(np.mean(np.all(np.abs(got - replayed) <= ATOL, axis=1)[fixed]))
        if agree >= 0.95 and agree > right and agree > best:
            best, best_cause = agree, cause
    if best_cause:
        return best_cause
    return ("your tree splits differently — check, per node: candidate thresholds halfway between consecutive "
            "distinct values of each feature, the size-weighted impurity of the two children, the split with the "
            "largest decrease, and the stopping rules (max_depth, min_samples_split, pure nodes)")


def judge_proba(case: Case, got: Outputs, expected: Outputs) -> None:
    """fit returns self; on the training rows, leaf frequencies and the depth bound; on X_new, the reference
    wherever the spec fixes the path."""
    checks.returns_self(got, "fit", case.call.split(" then ")[0])
    X, X_new = case.inputs["X"], case.inputs["X_new"]
    probas = []
    if "proba_train" in case.params.get("saved", ()):
        train = _proba(case, got, "proba_train", "predict_proba(X)", len(X))
        judge_leaf_frequencies(case, train)
        probas.append(train)
    proba = _proba(case, got, "proba", "predict_proba(X_new)", len(X_new))
    judge_depth(case, *probas, proba)
    exp = expected.values["proba"]
    close = np.all(np.abs(proba - exp) <= ATOL, axis=1)
    if close.all():
        return  # equal everywhere: no need to know which rows the spec leaves open
    _, fixed = replay(case, spec_rules(case), "X_new")
    wrong = fixed & ~close
    if not wrong.any():
        return
    i = int(np.flatnonzero(wrong)[0])
    left_open = int((~fixed).sum())
    skipped = f" ({left_open} whose path meets a tie the spec leaves open are not judged)" if left_open else ""
    err = float(np.abs(proba - exp)[fixed].max())
    raise Fail(f"predict_proba(X_new): {int(wrong.sum())} of {int(fixed.sum())} rows differ{skipped}, max abs error "
               f"{err:.3g}; first: row {i}, x = {checks.fmt(X_new[i])}", expected=checks.fmt(exp[i]),
               got=f"{checks.fmt(proba[i])} (tolerance {ATOL:g})",
               cause=_cause(case, proba, exp, fixed))


def _labels(case: Case, got: Outputs, key: str, what: str, rows: int) -> np.ndarray:
    """predict's (rows,) labels, of the training labels' kind, or Fail."""
    classes, _ = _classes(case)
    value = checks.value(got, key, what)
    if value.ndim == 2 and value.shape == (rows, len(classes)):
        raise Fail(f"{what} has shape {value.shape}, expected {(rows,)}", got=checks.fmt(value),
                   cause="these look like the probabilities — predict returns the most frequent class of the leaf: "
                   "classes[np.argmax(proba, axis=1)]")
    if classes.dtype.kind in "US" and value.dtype.kind not in "US" and value.shape == (rows,):
        raise Fail(f"{what} returned {value.dtype} values, expected the labels, such as "
                   f"{checks.fmt(classes[:3])}", got=checks.fmt(value),
                   cause="these look like class indices — map them back: classes[np.argmax(proba, axis=1)]")
    kinds = "US" if classes.dtype.kind in "US" else checks.NUMERIC
    return checks.array(got, key, what, (rows,), kinds=kinds)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    """predict returns labels of the training labels' kind, the reference's where the answer is unique."""
    judge_proba(case, got, expected)
    classes, _ = _classes(case)
    labels = _labels(case, got, "predict", "predict(X_new)", len(case.inputs["X_new"]))
    exp_p = expected.values["proba"]
    exp = expected.values["predict"]
    if labels.dtype.kind == exp.dtype.kind and np.array_equal(labels, exp):
        return
    top = np.sort(exp_p, axis=1)
    _, fixed = replay(case, spec_rules(case), "X_new")
    mask = fixed & (top[:, -1] - top[:, -2] > ATOL)
    cause = "predict must return the label with the largest predict_proba value of each row"
    if classes.dtype.kind not in "US" and np.array_equal(labels[mask], np.argmax(exp_p, axis=1)[mask]) \
            and not np.array_equal(classes, np.arange(len(classes))):
        cause = "these are column indices — return the labels themselves: classes[np.argmax(proba, axis=1)]"
    checks.same_labels(labels, exp, "predict(X_new)", mask=mask, cause=cause)


def judge_training_fit(case: Case, got: Outputs, expected: Outputs) -> None:
    """max_depth=None on data without conflicting duplicates: every leaf is pure, so predict(X) == y."""
    judge_proba(case, got, expected)
    X, y = case.inputs["X"], case.inputs["y"]
    labels = _labels(case, got, "predict_train", "predict(X)", len(X))
    wrong = labels != y
    if not wrong.any():
        return
    i = int(np.flatnonzero(wrong)[0])
    classes, _ = _classes(case)
    rules = spec_rules(case)
    rules.split_at_equal = True
    at_equal, _ = replay(case, rules, "X")
    top = np.sort(at_equal, axis=1)
    unique = top[:, -1] - top[:, -2] > ATOL
    mss = rules.min_samples_split
    if np.array_equal(labels[unique], classes[np.argmax(at_equal, axis=1)][unique]):
        cause = (f"nodes with exactly min_samples_split={mss} rows were not split — a node is a leaf only when it "
                 f"has FEWER rows: n < min_samples_split, not n <= min_samples_split")
    else:
        cause = ("with max_depth=None, a node stops only when it is pure, cannot be split, or has fewer than "
                 "min_samples_split rows — does the recursion stop early (a depth, a minimum gain, a level count)?")
    raise Fail(f"predict(X) on the training data: {int(wrong.sum())} of {len(y)} rows misclassified by a "
               f"max_depth=None tree; first: row {i}", expected=checks.fmt(y[i]), got=checks.fmt(labels[i]),
               cause=cause)


# --- the cases ----------------------------------------------------------------------------------------------------


def _steps(ctor: dict[str, Any], *, predict: bool = False, predict_train: bool = False) -> tuple:
    steps = [new("m", "DecisionTreeClassifier", **ctor), call("m", "fit", "X", "y", save="fit"),
             call("m", "predict_proba", "X", save="proba_train"), call("m", "predict_proba", "X_new", save="proba")]
    if predict:
        steps.append(call("m", "predict", "X_new", save="predict"))
    if predict_train:
        steps.append(call("m", "predict", "X", save="predict_train"))
    return tuple(steps)


def _case(name: str, ctor: dict[str, Any], data: dict[str, np.ndarray], on: str, judge: Any = judge_proba,
          *, predict: bool = False, predict_train: bool = False) -> Case:
    args = ", ".join(f"{k}={v!r}" for k, v in ctor.items())
    calls = ".predict_proba(X) and .predict_proba(X_new)"
    calls += " and .predict(X_new)" if predict else ""
    calls += " and .predict(X)" if predict_train else ""
    params = {**ctor, "saved": ("proba_train",)}
    return Case(name, f"DecisionTreeClassifier({args}).fit(X, y) then {calls}", on, data,
                _steps(ctor, predict=predict, predict_train=predict_train), judge, params)


def grid_1d() -> dict[str, np.ndarray]:
    """x = 0 … 19 (one feature, plus a noise feature of lower gain); classes 0 (x <= 4), 1 (5 … 13), 2 (>= 14);
    the queries sit a quarter of the way into every gap, from both sides."""
    x = np.arange(20.0)
    y = np.where(x <= 4, 0, np.where(x <= 13, 1, 2))
    noise = np.random.default_rng(305).permutation(20).astype(float)
    q = np.concatenate([np.arange(19) + 0.25, np.arange(19) + 0.75, [-1.0, 20.5]])
    q_noise = np.random.default_rng(306).uniform(0, 19, size=len(q)).round(2)
    return {"X": np.column_stack([x, noise]), "y": y, "X_new": np.column_stack([q, q_noise])}


def duplicates(seed: int) -> dict[str, np.ndarray]:
    """40 distinct points, each twice, 12 of them with two different labels; feature 0 is constant."""
    rng = np.random.default_rng(seed)
    base = np.round(rng.uniform(0, 10, size=(40, 2)), 2)
    y1 = (base[:, 0] + rng.normal(0, 1.5, size=40) > 5).astype(np.int64)
    y2 = y1.copy()
    y2[:12] = 1 - y2[:12]
    X = np.column_stack([np.full(80, 3.0), np.concatenate([base, base])])
    return {"X": X, "y": np.concatenate([y1, y2]),
            "X_new": np.column_stack([np.full(60, 3.0), queries(seed + 1, 60, 2)])}


def on_thresholds(seed: int) -> dict[str, np.ndarray]:
    """Integer features 0 … 15 (so every midpoint, k + 0.5, is exact in any formula: (a + b) / 2, a + (b − a) / 2,
    np.mean), classes from regions, 10% label noise; the queries sit EXACTLY on the thresholds the spec's tree
    learns (each internal node's, the other feature a quarter point; and both on thresholds at once), plus 40
    quarter points (k + 0.25, k + 0.75) that tell x <= threshold apart from a threshold at a data value."""
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 16, size=(160, 2)).astype(float)
    y = (X[:, 0] > 6).astype(np.int64) + (X[:, 1] > 9)
    flip = rng.uniform(size=160) < 0.1
    y[flip] = rng.integers(0, 3, size=int(flip.sum()))
    tree = grow(X, y, 3, Rules(max_depth=3))
    cuts: list[tuple[int, float]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if node.left is not None and node.right is not None:
            cuts.append((node.feature, node.threshold))
            stack += [node.left, node.right]
    quarter = lambda m: rng.integers(0, 16, size=m) + rng.choice([0.25, 0.75], size=m)  # noqa: E731
    rows = []
    for j, t in sorted(cuts):
        q = np.column_stack([quarter(12), quarter(12)])
        q[:, j] = t
        rows.append(q)
    firsts = sorted({t for j, t in cuts if j == 0})
    seconds = sorted({t for j, t in cuts if j == 1})
    rows.append(np.array([[a, b] for a in firsts for b in seconds]).reshape(-1, 2))
    rows.append(np.column_stack([quarter(40), quarter(40)]))
    return {"X": X, "y": y, "X_new": np.concatenate(rows)}


def four_piles() -> dict[str, np.ndarray]:
    """Four distinct points, 10 copies each, each pile with both labels (9/1, 3/7, 6/4, 1/9); the queries are the
    points themselves and random points around them."""
    points = np.array([[1.0, 1.0], [1.0, 4.0], [4.0, 1.0], [4.0, 4.0]])
    ones = np.array([1, 7, 4, 9])
    X = np.repeat(points, 10, axis=0)
    y = np.concatenate([np.r_[np.zeros(10 - k), np.ones(k)] for k in ones]).astype(np.int64)
    X_new = np.concatenate([points, np.random.default_rng(319).uniform(0, 5, size=(36, 2))])
    return {"X": X, "y": y, "X_new": X_new}


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X1, y1 = regions(301, 120, 2, 2, 0.15)
    X2, y2 = regions(302, 200, 3, 3, 0.15)
    X3, y3 = regions(303, 200, 3, 3, 0.1)
    X4, y4 = regions(304, 150, 2, 3, 0.2)
    X6, y6 = regions(307, 160, 3, 3, 0.15)
    X7, y7 = regions(308, 180, 2, 3, 0.1)
    X8, y8 = regions(309, 150, 2, 2, 0.25)
    species = np.array(["virginica", "setosa", "versicolor"])
    return [
        _case("stump_best_gini_split", {"max_depth": 1}, {"X": X1, "y": y1, "X_new": queries(311, 80, 2)},
              "X shape (120, 2) uniform on [0, 10)², y in {0, 1}, 15% label noise, seed 301; X_new shape (80, 2), "
              "seed 311"),
        _case("depth_3_three_classes", {"max_depth": 3}, {"X": X2, "y": y2, "X_new": queries(312, 100, 3)},
              "X shape (200, 3), y in {0, 1, 2}, 15% label noise, seed 302; X_new shape (100, 3), seed 312"),
        _case("entropy_criterion", {"max_depth": 4, "criterion": "entropy"},
              {"X": X3, "y": y3, "X_new": queries(313, 100, 3)},
              "X shape (200, 3), y in {0, 1, 2}, 10% label noise, seed 303; X_new shape (100, 3), seed 313"),
        _case("defaults_grow_until_pure", {}, {"X": X4, "y": y4, "X_new": queries(314, 100, 2)},
              "X shape (150, 2), y in {0, 1, 2}, 20% label noise (no duplicate rows), seed 304; X_new shape "
              "(100, 2), seed 314", judge_training_fit, predict_train=True),
        _case("thresholds_halfway", {"max_depth": 2}, grid_1d(),
              "X shape (20, 2): x0 = 0 … 19 with classes 0 (x0 <= 4), 1 (5 … 13), 2 (x0 >= 14), x1 noise, seed "
              "305; X_new: 40 points a quarter of the way into each gap of x0, seed 306"),
        _case("predict_returns_labels", {"max_depth": 3},
              {"X": X7, "y": np.array([2, 5, 9])[y7], "X_new": queries(317, 100, 2)},
              "X shape (180, 2), y in {2, 5, 9}, seed 308; X_new shape (100, 2), seed 317", judge_predict,
              predict=True),
        _case("string_labels_sorted_columns", {"max_depth": 3},
              {"X": X6, "y": species[y6], "X_new": queries(316, 100, 3)},
              "X shape (160, 3), y in {'virginica', 'setosa', 'versicolor'} (first seen: 'virginica'), seed 307; "
              "X_new shape (100, 3), seed 316", judge_predict, predict=True),
        _case("min_samples_split", {"min_samples_split": 10}, {"X": X8, "y": y8, "X_new": queries(318, 100, 2)},
              "X shape (150, 2), y in {0, 1}, 25% label noise, seed 309; X_new shape (100, 2), seed 318"),
        _case("identical_rows_make_a_leaf", {"max_depth": 3}, four_piles(),
              "X shape (40, 2): 4 distinct points, 10 copies each, each with both labels 0/1; X_new shape (40, 2): "
              "the 4 points, then 36 around them, seed 319"),
        _case("constant_feature_and_duplicates", {}, duplicates(310),
              "X shape (80, 3): column 0 constant, 40 distinct rows each twice, 12 of them with both labels, seed "
              "310; X_new shape (60, 3), seed 311"),
        _case("points_on_a_threshold_go_left", {"max_depth": 3}, on_thresholds(320),
              "X shape (160, 2): integers 0 … 15, y in {0, 1, 2}, 10% label noise, seed 320; X_new: points lying "
              "EXACTLY on the midpoints the tree learns (x[j] == threshold must go left), and quarter points"),
    ]


def perf() -> Perf:
    X, y = regions(321, 1500, 5, 3, 0.2)
    return Perf(
        steps=(new("m", "DecisionTreeClassifier", max_depth=4), call("m", "fit", "X", "y"),
               call("m", "predict_proba", "X")),
        inputs={"X": X, "y": y},
        describe="DecisionTreeClassifier(max_depth=4).fit(X, y).predict_proba(X), X (1500, 5), 3 classes",
        slow_hint="a Python loop over the candidate thresholds (or the samples) at each node? sort each feature "
        "once per node and get the class counts left of every cut with np.cumsum of the one-hot labels",
    )
