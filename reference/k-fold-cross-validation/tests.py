"""Hidden tests for `k-fold-cross-validation`. Folds are compared as SETS of indices (the order inside a fold is
left open). kfold_indices without shuffling is unique (scikit-learn's KFold: contiguous blocks, the first n % k one
larger), so it is compared with the expected blocks; with shuffling only invariants are judged (the validation
folds partition range(n) with those sizes, train is the complement, the folds are shuffled, the same seed gives the
same folds and two seeds different ones). stratified_kfold_indices is judged on the partition and on the class
counts: a class of n_c samples puts ⌊n_c/k⌋ or ⌈n_c/k⌉ into every validation fold; which sample goes where is
open.
cross_val_score is run with trusted models and metrics (a ridge regression whose predictions depend on every
training row, a classifier, an asymmetric metric, a model that refuses a second fit) and compared with the
reference's scores (tolerance 1e-10 + 1e-7·|expected|); a mismatch is explained by replaying the classic mistakes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from drill.grading import checks, runner
from drill.grading.protocol import Case, Fail, Outputs, Perf, func, helper, rng

RTOL, ATOL = 1e-7, 1e-10

MODELS = """
import numpy as np


def _check_rows(X, y):
    if len(X) != len(y):
        raise ValueError(f"fit got X with {len(X)} rows and y with {len(y)}: index both with the same train_idx")


class Ridge:
    \"\"\"Ridge regression with an intercept (closed form): its predictions depend on every training row.\"\"\"

    def __init__(self, alpha=1.0):
        self.alpha = alpha
        self.coef_ = None

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        _check_rows(X, y)
        x_mean, y_mean = X.mean(axis=0), y.mean()
        Xc = X - x_mean
        self.coef_ = np.linalg.solve(Xc.T @ Xc + self.alpha * np.eye(X.shape[1]), Xc.T @ (y - y_mean))
        self.intercept_ = y_mean - x_mean @ self.coef_
        return self

    def predict(self, X):
        if self.coef_ is None:
            raise RuntimeError("predict was called before fit")
        return np.asarray(X, dtype=float) @ self.coef_ + self.intercept_


class NearestCentroid:
    \"\"\"Predicts the class whose training mean is closest.\"\"\"

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        _check_rows(X, y)
        self.classes_ = np.unique(y)
        self.centroids_ = np.array([X[y == c].mean(axis=0) for c in self.classes_])
        return self

    def predict(self, X):
        d2 = ((np.asarray(X, dtype=float)[:, None, :] - self.centroids_[None, :, :]) ** 2).sum(axis=2)
        return self.classes_[d2.argmin(axis=1)]


class FitOnce:
    \"\"\"Predicts the mean training target plus a tenth of the mean training feature; refuses a second fit.\"\"\"

    def __init__(self):
        self.fitted = False

    def fit(self, X, y):
        if self.fitted:
            raise RuntimeError("fit was called a second time on the same model: call make_model() once per fold, "
                               "so that every fold trains a fresh, unfitted model")
        _check_rows(X, y)
        self.fitted = True
        self.value_ = float(np.mean(y)) + 0.1 * float(np.mean(X))
        return self

    def predict(self, X):
        return np.full(len(X), self.value_)


def make_ridge():
    return Ridge(alpha=1.0)


def make_centroid():
    return NearestCentroid()


def make_once():
    return FitOnce()


def _pair(y_true, y_pred):
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"metric got y_true of shape {y_true.shape} and y_pred of shape {y_pred.shape}: score "
                         "y[val_idx] against model.predict(X[val_idx])")
    return y_true, y_pred


def mse(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean((y_true.astype(float) - y_pred.astype(float)) ** 2))


def accuracy(y_true, y_pred):
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(y_true == y_pred))


def scaled_error(y_true, y_pred):
    # asymmetric: the error is measured relative to the TRUE values, so metric(y_pred, y_true) differs
    y_true, y_pred = _pair(y_true, y_pred)
    return float(np.mean(np.abs(y_pred - y_true) / (np.abs(y_true) + 1.0)))
"""


# --- reading folds back -------------------------------------------------------------------------------------------


def _index_array(got: Outputs, key: str, what: str, n: int) -> np.ndarray:
    arr = checks.value(got, key, what)
    if arr.dtype.kind == "b":
        raise Fail(f"{what} is a boolean mask of shape {arr.shape}", got=checks.fmt(arr),
                   cause="return index arrays: np.flatnonzero(mask) (or np.where(mask)[0]) turns a mask into indices")
    if arr.ndim != 1:
        raise Fail(f"{what} has shape {arr.shape}, expected a 1-D array of indices", got=checks.fmt(arr),
                   cause="each of train_idx and val_idx is one flat array of sample indices")
    if arr.size and arr.dtype.kind not in "iu":
        raise Fail(f"{what} has dtype {arr.dtype}, expected integer indices", got=checks.fmt(arr),
                   cause="indices are integers (np.arange(n) gives int64); float arrays cannot index X")
    arr = arr.astype(np.int64)
    bad = (arr < 0) | (arr >= n)
    if bad.any():
        raise Fail(f"{what} contains {int(arr[bad][0])}, not an index in range({n})", got=checks.fmt(arr),
                   cause="indices run from 0 to n − 1")
    return arr


def read_folds(got: Outputs, key: str, n: int, k: int, what: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """The k (train_idx, val_idx) pairs saved under key, as int64 arrays, or Fail."""
    kind = got.type_name(key)
    if kind == "generator":
        raise Fail(f"{what} returned a generator, expected a list of {k} (train_idx, val_idx) tuples",
                   cause="return a list: collect the pairs in a list (or wrap the generator in list(…))")
    parts = got.parts(key)
    if kind == "dict" or not parts:
        checks.value(got, key, what)  # None, or a call that did not complete, says so itself
        raise Fail(f"{what} returned a {kind}, expected a list of {k} (train_idx, val_idx) tuples",
                   got=checks.fmt(got.get(key)) if got.get(key) is not None else kind,
                   cause="return [(train_idx, val_idx), …], one tuple per fold")
    if len(parts) != k:
        raise Fail(f"{what} returned {len(parts)} folds, expected k = {k}", expected=f"{k} tuples",
                   got=f"{len(parts)} items", cause="one (train_idx, val_idx) tuple per fold, k in all")
    folds = []
    for i in parts:
        sub = got.parts(f"{key}.{i}")
        if len(sub) != 2:
            raise Fail(f"{what}[{i}] is a {got.type_name(f'{key}.{i}')} with {len(sub) or 'no'} parts, expected a "
                       "(train_idx, val_idx) tuple", cause="each item of the list is the pair (train_idx, val_idx)")
        train = _index_array(got, f"{key}.{i}.0", f"{what}[{i}][0] (train_idx)", n)
        val = _index_array(got, f"{key}.{i}.1", f"{what}[{i}][1] (val_idx)", n)
        folds.append((train, val))
    return folds


def kfold_sizes(n: int, k: int) -> list[int]:
    return [n // k + 1] * (n % k) + [n // k] * (k - n % k)


def check_partition(folds: list[tuple[np.ndarray, np.ndarray]], n: int, k: int, what: str,
                    y: np.ndarray | None = None) -> None:
    """Train first; the validation folds partition range(n); each train is its fold's complement. With labels y,
    a class whose samples are all missing is named."""
    k_big = kfold_sizes(n, k)
    train_sizes, val_sizes = [len(t) for t, _ in folds], [len(v) for _, v in folds]
    if k > 2 and all(t < v for t, v in zip(train_sizes, val_sizes, strict=True)):
        raise Fail(f"{what}: every train_idx is smaller than its val_idx (train sizes {train_sizes}, val sizes "
                   f"{val_sizes})", expected=f"val sizes about {k_big}", got=f"val sizes {val_sizes}",
                   cause="the tuples are (val_idx, train_idx): put train first — (train_idx, val_idx)")
    all_val = np.concatenate([v for _, v in folds])
    counts = np.bincount(all_val, minlength=n)
    for i, (_, val) in enumerate(folds):
        if len(np.unique(val)) != len(val):
            dup = int(np.flatnonzero(np.bincount(val) > 1)[0])
            raise Fail(f"{what}[{i}]: val_idx lists index {dup} more than once", got=checks.fmt(val),
                       cause="each index is validated once: a fold is a block of distinct indices")
    if (counts > 1).any():
        j = int(np.flatnonzero(counts > 1)[0])
        where = [i for i, (_, v) in enumerate(folds) if j in set(v.tolist())]
        raise Fail(f"{what}: the validation folds overlap — index {j} is in folds {where} "
                   f"({int((counts > 1).sum())} indices are validated more than once)", got=f"val sizes {val_sizes}",
                   expected=f"val sizes {k_big}, disjoint",
                   cause="consecutive folds must not share indices: fold i is [start_i, start_i + size_i), and the "
                   "next one starts where it stopped (check the off-by-one at the block edges)")
    if (counts == 0).any():
        missing = np.flatnonzero(counts == 0)
        dropped = y is None and len(missing) == n % k and all(s == n // k for s in val_sizes)
        lost = [] if y is None else [c for c in np.unique(y[missing]) if np.all(counts[y == c] == 0)]
        if lost:
            raise Fail(f"{what}: no sample of class {', '.join(repr(c.item()) for c in lost)} is in any validation "
                       "fold", expected=f"every index in range({n}) validated once", got=f"val sizes {val_sizes}",
                       cause="every class must be split over the folds — loop over np.unique(y), not over fixed "
                       "labels such as 0 and 1")
        raise Fail(f"{what}: {len(missing)} of {n} indices are in no validation fold (first {int(missing[0])})",
                   expected=f"every index in range({n}) validated once; val sizes {k_big}",
                   got=f"val sizes {val_sizes}",
                   cause=("the n % k leftover indices are dropped: n // k per fold loses the remainder — give the "
                          "first n % k folds one extra (np.array_split(indices, k) does it)") if dropped else
                   "the validation folds must cover range(n): every index is validated exactly once")
    for i, (train, val) in enumerate(folds):
        leaked = np.intersect1d(train, val)
        if len(leaked):
            raise Fail(f"{what}[{i}]: {len(leaked)} validation indices are also in train_idx (first "
                       f"{int(leaked[0])})", got=f"train size {len(train)}, val size {len(val)}",
                       expected=f"train size {n - len(val)}: the complement of val_idx",
                       cause="validation rows leak into training: train_idx is every index NOT in val_idx "
                       "(np.setdiff1d(np.arange(n), val_idx), or concatenate the OTHER folds)")
        if len(np.unique(train)) != len(train):
            raise Fail(f"{what}[{i}]: train_idx lists some indices more than once", got=checks.fmt(train),
                       cause="train_idx is the complement of val_idx, each index once")
        if len(train) + len(val) != n:
            missing = np.setdiff1d(np.arange(n), np.union1d(train, val))
            raise Fail(f"{what}[{i}]: train_idx misses {len(missing)} indices that are not in val_idx either "
                       f"(first {int(missing[0])})", got=f"train size {len(train)}, val size {len(val)}",
                       expected=f"train size {n - len(val)}",
                       cause="train_idx is EVERY index not in val_idx — all the other folds, before and after it")


def check_sizes(folds: list[tuple[np.ndarray, np.ndarray]], n: int, k: int, what: str) -> None:
    sizes, want = [len(v) for _, v in folds], kfold_sizes(n, k)
    if sizes == want:
        return
    if sizes == [n // k] * (k - 1) + [n // k + n % k]:
        cause = ("the last fold takes the whole remainder: n // k per fold plus the rest at the end — spread it, "
                 "one extra index to each of the first n % k folds (np.array_split(indices, k))")
    elif sorted(sizes) == sorted(want):
        cause = "the FIRST n % k folds are the larger ones (as in scikit-learn's KFold and np.array_split)"
    else:
        cause = "fold i holds n // k + 1 indices if i < n % k, else n // k"
    raise Fail(f"{what}: validation fold sizes {sizes}, expected {want}", expected=str(want), got=str(sizes),
               cause=cause)


def as_sets(folds: list[tuple[np.ndarray, np.ndarray]]) -> list[frozenset[int]]:
    return [frozenset(v.tolist()) for _, v in folds]


# --- judges: kfold ------------------------------------------------------------------------------------------------


def judge_kfold(case: Case, got: Outputs, expected: Outputs) -> None:
    for key, n, k in case.params["calls"]:
        what = f"kfold_indices({n}, {k})"
        folds = read_folds(got, key, n, k, what)
        check_partition(folds, n, k, what)
        check_sizes(folds, n, k, what)
        stops = np.cumsum(kfold_sizes(n, k))
        for i, (_, val) in enumerate(folds):
            want = np.arange(stops[i] - kfold_sizes(n, k)[i], stops[i])
            if not np.array_equal(np.sort(val), want):
                raise Fail(f"{what}[{i}]: val_idx is not the block {int(want[0])} … {int(want[-1])}",
                           expected=f"the indices {int(want[0])} … {int(want[-1])} (in any order)",
                           got=checks.fmt(np.sort(val)),
                           cause="without shuffling, fold 0 validates the first block of indices, fold 1 the next, "
                           "…: contiguous blocks in order — shuffle only when shuffle=True")


def judge_kfold_shuffled(case: Case, got: Outputs, expected: Outputs) -> None:
    n, k = case.params["n"], case.params["k"]
    what = f"kfold_indices({n}, {k}, shuffle=True, rng=np.random.default_rng(0))"
    folds = read_folds(got, "folds", n, k, what)
    check_partition(folds, n, k, what)
    check_sizes(folds, n, k, what)
    plain = as_sets([(np.empty(0), np.arange(s - z, s)) for s, z in zip(np.cumsum(kfold_sizes(n, k)),
                                                                       kfold_sizes(n, k), strict=True)])
    if as_sets(folds) == plain:
        raise Fail(f"{what} gave the unshuffled contiguous blocks", got=checks.fmt(folds[0][1]),
                   cause="with shuffle=True, permute the indices with rng first (rng.permutation(n)), then cut them "
                   "into blocks")


def judge_reproducible(case: Case, got: Outputs, expected: Outputs) -> None:
    n, k, call = case.params["n"], case.params["k"], case.params["call"]
    runs = {}
    for key, seed in (("a", 5), ("b", 5), ("c", 6)):
        what = f"{call}, rng=np.random.default_rng({seed}))"
        folds = read_folds(got, key, n, k, what)
        check_partition(folds, n, k, what)
        runs[key] = as_sets(folds)
    if runs["a"] != runs["b"]:
        raise Fail("two calls with np.random.default_rng(5) gave different folds",
                   expected="the same folds for the same seed", got="different folds",
                   cause="draw every random number from the rng argument (rng.permutation(n)), not from "
                   "np.random.permutation / np.random.shuffle, whose global state the seed does not control")
    if runs["a"] == runs["c"]:
        raise Fail("np.random.default_rng(5) and np.random.default_rng(6) gave the same folds",
                   expected="different folds for different seeds", got="identical folds",
                   cause="shuffle=True must shuffle with the rng you are given — is shuffle ignored, or a fixed seed "
                   "used inside the function?")


# --- judges: stratified -------------------------------------------------------------------------------------------


def check_strata(folds: list[tuple[np.ndarray, np.ndarray]], y: np.ndarray, k: int, what: str) -> None:
    classes, n_c = np.unique(y, return_counts=True)
    for i, (_, val) in enumerate(folds):
        for c, total in zip(classes, n_c, strict=True):
            count = int(np.sum(y[val] == c))
            low, high = total // k, -(-total // k)
            if low <= count <= high:
                continue
            sizes = [len(v) for _, v in folds]
            plain = [sorted(v.tolist()) for _, v in folds] == [
                list(range(s - z, s)) for s, z in zip(np.cumsum(kfold_sizes(len(y), k)), kfold_sizes(len(y), k),
                                                      strict=True)]
            cuts = np.split(np.sort(y), np.cumsum(sizes)[:-1])  # contiguous blocks of the label-sorted samples
            sorted_blocks = all(np.sum(y[v] == c) == np.sum(b == c) for (_, v), b in zip(folds, cuts, strict=True)
                                for c in classes)
            table = ", ".join(f"{c!s}: {[int(np.sum(y[v] == c)) for _, v in folds]}" for c in classes)
            totals = ", ".join(f"{c!s}: {t}" for c, t in zip(classes, n_c, strict=True))
            raise Fail(f"{what}[{i}]: class {c!s} has {count} samples in val_idx, expected {low}"
                       + (f" or {high}" if high != low else "") + f" ({total} of them over {k} folds)",
                       expected=f"each class spread evenly: ⌊n_c/k⌋ or ⌈n_c/k⌉ per fold ({totals} in all)",
                       got=f"per-fold class counts {table}; fold sizes {sizes}",
                       cause="the labels are ignored: these are plain contiguous k-fold blocks — split EACH class "
                       "over the k folds (round-robin, or np.array_split of its indices)" if plain else
                       "the samples are sorted by class and cut into contiguous blocks, which puts whole classes into "
                       "one fold — deal the sorted samples round-robin instead (fold of position i = i % k)"
                       if sorted_blocks else
                       "split EACH class's indices over the k folds as evenly as possible (np.array_split(idx_c, "
                       "k), or deal them round-robin), then join fold j's parts across the classes")


def judge_stratified(case: Case, got: Outputs, expected: Outputs) -> None:
    y, k = case.inputs["y"], case.params["k"]
    runs = {}
    for key, text in case.params["calls"]:
        what = f"stratified_kfold_indices(y, {k}{text})"
        folds = read_folds(got, key, len(y), k, what)
        check_partition(folds, len(y), k, what, y)
        check_strata(folds, y, k, what)
        runs[key] = as_sets(folds)
    if case.params.get("shuffled"):
        if runs["a"] != runs["b"]:
            raise Fail("two calls with np.random.default_rng(11) gave different folds",
                       expected="the same folds for the same seed", got="different folds",
                       cause="draw every random number from the rng argument, not from the global np.random state")
        if runs["a"] == runs["c"]:
            raise Fail("np.random.default_rng(11) and np.random.default_rng(12) gave the same folds",
                       expected="different folds for different seeds", got="identical folds",
                       cause="shuffle=True must shuffle each class's samples with the rng you are given")
    elif runs["a"] != runs["b"]:
        raise Fail("two calls with shuffle=False gave different folds", expected="the same folds",
                   got="different folds", cause="with shuffle=False there is no randomness: don't shuffle then")


# --- judges: cross_val_score --------------------------------------------------------------------------------------


def replay(case: Case, layout: str = "right", *, leak: bool = False, swap_metric: bool = False,
           swap_roles: bool = False) -> np.ndarray:
    """The scores of cross_val_score as specified, or with one classic mistake."""
    ns = runner.load_helpers(case.helpers)
    make_model, metric = ns[case.params["model"]], ns[case.params["metric"]]
    X, y, k = case.inputs["X"], case.inputs["y"], case.params["k"]
    n = len(X)
    if layout == "right":
        vals = np.array_split(np.arange(n), k)
    elif layout == "last":
        size = n // k
        vals = [np.arange(i * size, (i + 1) * size if i < k - 1 else n) for i in range(k)]
    else:  # "dropped"
        size = n // k
        vals = [np.arange(i * size, (i + 1) * size) for i in range(k)]
    scores = []
    for val in vals:
        train = np.arange(n) if leak else np.setdiff1d(np.arange(n), val)
        if swap_roles:
            train, val = val, train
        model = make_model()
        model.fit(X[train], y[train])
        pred = model.predict(X[val])
        scores.append(metric(pred, y[val]) if swap_metric else metric(y[val], pred))
    return np.asarray(scores, dtype=float)


def diagnose_scores(case: Case, scores: np.ndarray) -> str:
    variants: list[tuple[Callable[[], np.ndarray], str]] = [
        (lambda: replay(case, swap_metric=True), "the metric's arguments are swapped: call metric(y[val_idx], "
         "y_pred) — true values first, predictions second"),
        (lambda: replay(case, leak=True), "the model was fitted on every row, validation rows included: fit on "
         "X[train_idx], y[train_idx] only"),
        (lambda: replay(case, "last"), "the last fold takes the whole remainder: the first n % k folds should get "
         "one extra row each (the folds of kfold_indices(n, k))"),
        (lambda: replay(case, "dropped"), "the n % k leftover rows are never validated: use the folds of "
         "kfold_indices(n, k), whose first n % k folds are one larger"),
        (lambda: replay(case, swap_roles=True), "train and validation are swapped: fit on X[train_idx] and score on "
         "X[val_idx] — the tuples are (train_idx, val_idx)"),
    ]
    for compute, cause in variants:
        try:
            with np.errstate(all="ignore"):
                other = compute()
        except Exception:  # noqa: BLE001 - a replay the helpers refuse cannot be the match
            continue
        if other.shape == scores.shape and np.allclose(scores, other, rtol=1e-6, atol=1e-9):
            return cause
    if len(scores) > 1 and np.allclose(scores, replay(case)[::-1], rtol=1e-6, atol=1e-9):
        return "the scores are in reverse fold order: scores[i] belongs to fold i of kfold_indices(n, k)"
    return ("for each fold (train_idx, val_idx) of kfold_indices(n, k), in order: model = make_model(); "
            "model.fit(X[train_idx], y[train_idx]); score = metric(y[val_idx], model.predict(X[val_idx]))")


def judge_scores(case: Case, got: Outputs, expected: Outputs) -> None:
    k = case.params["k"]
    what = case.call
    value = checks.value(got, "scores", what)
    if value.shape == ():
        raise Fail(f"{what} returned one number, expected {k} scores (shape ({k},))", got=checks.fmt(value),
                   cause="return the score of every fold, np.array(scores) — not their mean")
    scores = checks.array(got, "scores", what, (k,)).astype(float)
    exp = expected.values["scores"]
    if not np.allclose(scores, exp, rtol=RTOL, atol=ATOL):
        checks.close(scores, exp, what, rtol=RTOL, atol=ATOL, cause=diagnose_scores(case, scores))


# --- data and cases ---------------------------------------------------------------------------------------------


def regression_data(seed: int, n: int, d: int) -> tuple[np.ndarray, np.ndarray]:
    r = np.random.default_rng(seed)
    X = r.normal(0, 1, size=(n, d)) + np.linspace(0, 2, n)[:, None]  # a drift along the rows: folds differ
    y = X @ r.uniform(-2, 2, size=d) + 3.0 + r.normal(0, 0.5, size=n)
    return X, y


def labelled(seed: int, counts: dict[Any, int]) -> np.ndarray:
    y = np.concatenate([[c] * m for c, m in counts.items()])
    return np.random.default_rng(seed).permutation(y)


def score_case(name: str, call: str, on: str, X: np.ndarray, y: np.ndarray, k: int, model: str,
               metric: str) -> Case:
    return Case(name, call, on, {"X": X, "y": y},
                (func("cross_val_score", helper(model), "X", "y", k, helper(metric), save="scores"),),
                judge_scores, {"k": k, "model": model, "metric": metric}, helpers=MODELS)


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    y_strat = labelled(7, {0: 23, 1: 12, 2: 5})
    y_words = labelled(8, {"cat": 17, "dog": 9, "emu": 3})
    Xr, yr = regression_data(21, 53, 3)
    rc = np.random.default_rng(22)
    Xc = np.r_[rc.normal(0, 1, size=(16, 2)), rc.normal(1.2, 1, size=(15, 2))]
    yc = np.r_[np.zeros(16, dtype=np.int64), np.ones(15, dtype=np.int64)]
    perm = rc.permutation(31)
    Xc, yc = Xc[perm], yc[perm]
    Xa, ya = regression_data(23, 47, 2)
    Xo, yo = regression_data(24, 30, 2)
    shuffle_call = "kfold_indices(50, 4, shuffle=True"
    return [
        Case("kfold_blocks_n23_k5", "kfold_indices(23, 5)", "n = 23, k = 5: validation folds 0–4, 5–9, 10–14, "
             "15–18, 19–22", {}, (func("kfold_indices", 23, 5, save="folds"),), judge_kfold,
             {"calls": [("folds", 23, 5)]}),
        Case("kfold_other_sizes", "kfold_indices(10, 3); kfold_indices(12, 4); kfold_indices(7, 7)",
             "n = 10, k = 3 (sizes 4, 3, 3); n = 12, k = 4 (3 each); n = 7, k = 7 (leave-one-out)", {},
             (func("kfold_indices", 10, 3, save="f1"), func("kfold_indices", 12, 4, save="f2"),
              func("kfold_indices", 7, 7, save="f3")), judge_kfold,
             {"calls": [("f1", 10, 3), ("f2", 12, 4), ("f3", 7, 7)]}),
        Case("kfold_shuffled_partition", "kfold_indices(50, 4, shuffle=True, rng=np.random.default_rng(0))",
             "n = 50, k = 4: sizes 13, 13, 12, 12; the permutation itself is not judged", {},
             (func("kfold_indices", 50, 4, shuffle=True, rng=rng(0), save="folds"),), judge_kfold_shuffled,
             {"n": 50, "k": 4}),
        Case("kfold_shuffle_uses_rng", f"{shuffle_call}, rng=…) with seeds 5, 5 and 6",
             "n = 50, k = 4; a fresh np.random.default_rng(seed) per call: the same seed must give the same folds, "
             "another seed different ones", {},
             tuple(func("kfold_indices", 50, 4, shuffle=True, rng=rng(seed), save=key)
                   for key, seed in (("a", 5), ("b", 5), ("c", 6))),
             judge_reproducible, {"n": 50, "k": 4, "call": shuffle_call}),
        Case("stratified_class_counts", "stratified_kfold_indices(y, 4), called twice",
             "y shape (40,): classes 0, 1, 2 with 23, 12 and 5 samples in random order, seed 7; each fold must hold "
             "5–6, 3 and 1–2 of them", {"y": y_strat},
             (func("stratified_kfold_indices", "y", 4, save="a"), func("stratified_kfold_indices", "y", 4, save="b")),
             judge_stratified, {"k": 4, "calls": [("a", ""), ("b", "")]}),
        Case("stratified_shuffled_string_labels",
             "stratified_kfold_indices(y, 5, shuffle=True, rng=…) with seeds 11, 11 and 12",
             "y shape (29,): 'cat' ×17, 'dog' ×9, 'emu' ×3 (fewer than k) in random order, seed 8", {"y": y_words},
             tuple(func("stratified_kfold_indices", "y", 5, shuffle=True, rng=rng(seed), save=key)
                   for key, seed in (("a", 11), ("b", 11), ("c", 12))),
             judge_stratified, {"k": 5, "shuffled": True, "calls": [
                 ("a", ", shuffle=True, rng=np.random.default_rng(11)"),
                 ("b", ", shuffle=True, rng=np.random.default_rng(11)"),
                 ("c", ", shuffle=True, rng=np.random.default_rng(12)")]}),
        score_case("cross_val_ridge_mse", "cross_val_score(make_ridge, X, y, 5, mse)",
                   "X shape (53, 3), y shape (53,), seed 21 (folds of 11, 11, 11, 10, 10 rows); ridge regression "
                   "(alpha 1), whose predictions depend on every training row", Xr, yr, 5, "make_ridge", "mse"),
        score_case("cross_val_classifier_accuracy", "cross_val_score(make_centroid, X, y, 4, accuracy)",
                   "X shape (31, 2), two classes, seed 22 (folds of 8, 8, 8, 7 rows); a nearest-centroid classifier",
                   Xc, yc, 4, "make_centroid", "accuracy"),
        score_case("cross_val_metric_argument_order", "cross_val_score(make_ridge, X, y, 4, scaled_error)",
                   "X shape (47, 2), y shape (47,), seed 23; scaled_error(y_true, y_pred) = mean(|y_pred − y_true| "
                   "/ (|y_true| + 1)) is not symmetric", Xa, ya, 4, "make_ridge", "scaled_error"),
        score_case("cross_val_fresh_model_per_fold", "cross_val_score(make_once, X, y, 3, mse)",
                   "X shape (30, 2), seed 24; the model raises if fit is called twice on the same instance",
                   Xo, yo, 3, "make_once", "mse"),
    ]


def perf() -> Perf:
    y = labelled(31, {0: 25_000, 1: 15_000, 2: 10_000})
    X, yr = regression_data(32, 1_000, 3)
    return Perf(
        steps=(func("kfold_indices", 50_000, 10, shuffle=True, rng=rng(0)),
               func("stratified_kfold_indices", "y", 10),
               func("cross_val_score", helper("make_ridge"), "X", "yr", 10, helper("mse"))),
        inputs={"y": y, "X": X, "yr": yr},
        describe="kfold_indices(50_000, 10, shuffle=True), stratified_kfold_indices on 50,000 labels, "
        "cross_val_score with ridge on X (1000, 3), k = 10",
        slow_hint="a Python loop over the samples to build train_idx or to find each class's samples, or "
        "np.setdiff1d in every fold (it sorts all n indices each time)? a boolean mask — mask = np.ones(n, bool); "
        "mask[val_idx] = False; np.flatnonzero(mask) — is one pass",
        helpers=MODELS,
    )
