"""Hidden tests for `weighted-knn`. Each of the k nearest neighbours (Euclidean) votes with weight 1/d; a query on
top of training points is decided by those exact matches alone. A query's answer is unique unless its k-th and
(k+1)-th neighbours are equally far or two labels get the same total weight; those queries (the spec leaves them
open) are skipped, and every other prediction must equal the reference's exactly."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, call, new

Weight = Callable[[np.ndarray], np.ndarray]


def blobs(seed: int, n_per: int, d: int, separation: float, n_classes: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = separation * rng.standard_normal((n_classes, d))
    X = np.concatenate([c + rng.standard_normal((n_per, d)) for c in centres])
    y = np.repeat(np.arange(n_classes), n_per)
    order = rng.permutation(len(y))
    return X[order], y[order]


def triples(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """20 sites, each holding three identical training points labelled (b, a, a) with b < a, among 60 noise points
    whose labels are mostly b; the queries are the 20 sites (exact matches) and 20 points in between."""
    rng = np.random.default_rng(seed)
    sites = np.round(rng.uniform(0, 10, size=(20, 2)), 1)
    a = rng.integers(1, 4, size=20)
    b = rng.integers(0, a)  # 0 <= b < a
    X = np.concatenate([np.repeat(sites, 3, axis=0), rng.uniform(0, 10, size=(60, 2))])
    y = np.concatenate([np.stack([b, a, a], axis=1).ravel(), np.where(rng.uniform(size=60) < 0.7, 0, 3)])
    queries = np.concatenate([sites, rng.uniform(0, 10, size=(20, 2))])
    return X, y, queries


def distances(X_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    return np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))


def vote(
    codes: np.ndarray,
    dist: np.ndarray,
    k: int,
    n_classes: int,
    weight: Weight,
    *,
    matches: str = "count",
    mean: bool = False,
) -> np.ndarray:
    """Scores (m, n_classes) of a weighted vote among the k nearest; `matches` says what exact matches do:
    "count" (the spec: they alone vote, one each), "weight" (no special case), "first" (the first one decides)."""
    order = np.argsort(dist, axis=1, kind="stable")[:, :k]
    d = np.take_along_axis(dist, order, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = weight(d)
    exact = d == 0
    has = exact.any(axis=1, keepdims=True)
    if matches == "count":
        w = np.where(has, exact.astype(float), w)
    elif matches == "first":
        first = exact & (np.cumsum(exact, axis=1) == 1)
        w = np.where(has, first.astype(float), w)
    scores = np.zeros((len(dist), n_classes))
    rows = np.arange(len(dist))[:, None]
    with np.errstate(invalid="ignore"):
        np.add.at(scores, (rows, codes[order]), w)
        if mean:
            counts = np.zeros((len(dist), n_classes))
            np.add.at(counts, (rows, codes[order]), 1.0)
            scores = np.where(counts > 0, scores / np.maximum(counts, 1), -np.inf)
    return scores


def inverse(d: np.ndarray) -> np.ndarray:
    return 1.0 / d


def unique_mask(dist: np.ndarray, codes: np.ndarray, k: int, n_classes: int) -> np.ndarray:
    """True where the k nearest neighbours and the winning label are both unambiguous."""
    sorted_d = np.sort(dist, axis=1)
    mask = np.ones(len(dist), dtype=bool)
    if k < dist.shape[1]:
        mask &= sorted_d[:, k] - sorted_d[:, k - 1] > 1e-9 * (1.0 + sorted_d[:, k])
    scores = np.sort(vote(codes, dist, k, n_classes, inverse), axis=1)
    if n_classes > 1:
        mask &= scores[:, -1] - scores[:, -2] > 1e-9 * scores[:, -1]
    return mask


def judge_predictions(case: Case, got: Outputs, expected: Outputs) -> None:
    X_train, y_train, X_test = case.inputs["X"], case.inputs["y"], case.inputs["X_test"]
    k = case.params["k"]
    checks.returns_self(got, "fit", f"WeightedKNN(k={k}).fit(X, y)")
    pred = checks.value(got, "predict", "predict(X_test)")
    if pred.shape == (len(X_train),) and len(X_train) != len(X_test):
        raise Fail(f"predict(X_test) has shape {pred.shape}: one label per TRAINING point, expected "
                   f"{(len(X_test),)}", cause="predict must classify the points it is given")
    kinds = "US" if y_train.dtype.kind in "US" else checks.NUMERIC
    pred = checks.array(got, "predict", "predict(X_test)", (len(X_test),), kinds=kinds)
    classes, codes = np.unique(y_train, return_inverse=True)
    dist = distances(X_train, X_test)
    mask = unique_mask(dist, codes, k, len(classes))
    exp = expected.values["predict"]
    if not ((pred != exp) & mask).any():
        return
    checks.same_labels(pred, exp, "predict(X_test)", mask=mask,
                       cause=_cause(case, pred, exp, mask, classes, codes, dist))


def _cause(case: Case, pred: np.ndarray, exp: np.ndarray, mask: np.ndarray, classes: np.ndarray,
           codes: np.ndarray, dist: np.ndarray) -> str:
    """Replay the classic mistakes; name the one whose predictions match (a match means agreeing on at least 90%
    of the judged queries, and more often than the right answer does — the replays break ties their own way)."""
    k, C = case.params["k"], len(classes)
    exact_rows = (dist == 0).any(axis=1)

    def labels(scores: np.ndarray) -> np.ndarray:
        return classes[np.argmax(np.where(np.isnan(scores), -np.inf, scores), axis=1)]

    def count(d: np.ndarray) -> np.ndarray:
        return 1.0 + 1e-9 / d  # one vote each; a tie goes to the nearer neighbour, as Counter.most_common does

    candidates: list[tuple[np.ndarray, str, np.ndarray]] = [
        (labels(vote(codes, dist, k, C, count, matches="weight")), "every neighbour counts the same (a plain majority "
         "vote) — weight each vote by 1/d, the inverse of its distance", mask),
        (labels(vote(codes, dist, k, C, lambda d: d)), "farther neighbours count MORE — the weight is 1/d, not d",
         mask),
        (labels(vote(codes, dist, k, C, lambda d: 1.0 / d**2)), "the weights are 1/d² — the squared distance was "
         "used for the weights; take the sqrt first (Euclidean d), then w = 1/d", mask),
        (labels(vote(codes, dist, k, C, lambda d: 1.0 / (1.0 + d))), "the weights are 1/(1 + d); the spec's weight "
         "is 1/d (an epsilon against division by zero must be tiny, e.g. 1e-12)", mask),
        (labels(vote(codes, dist, k + 1, C, inverse)), "k + 1 neighbours vote — take exactly k: argsort(d)[:k] (an "
         "off-by-one slice?)", mask),
        (labels(vote(codes, dist, dist.shape[1], C, inverse)), "every training point votes — only the k nearest "
         "neighbours do (argsort(d)[:k]), each with weight 1/d", mask),
        (labels(vote(codes, dist, k, C, inverse, mean=True)), "the weights are averaged per label; the spec SUMS "
         "them: each label scores Σ 1/d over its neighbours", mask),
    ]
    if exact_rows.any():
        on_matches = mask & exact_rows
        candidates += [
            (labels(vote(codes, dist, k, C, lambda d: np.where(d > 0, 1.0 / d, 0.0), matches="weight")),
             "training points at distance 0 get no vote — an exact match must decide the vote (its weight 1/d is "
             "infinite), not be skipped", on_matches),
            (labels(vote(codes, dist, k, C, inverse, matches="first")), "only one of the exactly-matching training "
             "points decides — when several coincide with the query, the label most common among them wins",
             on_matches),
            (labels(vote(codes, dist, k, C, inverse, matches="weight")), "1/0 = inf: several labels score inf and tie "
             "(or inf/inf = NaN) — when a query coincides with training points, count those exact matches instead",
             on_matches),
        ]
    best, best_cause = 0.0, ""
    for prediction, cause, where in candidates:
        if not where.any() or (prediction.dtype.kind in "US") != (pred.dtype.kind in "US"):
            continue
        agree = float(np.mean((prediction == pred)[where]))
        right = float(np.mean((exp == pred)[where]))
        if agree >= 0.9 and agree > right and agree > best:
            best, best_cause = agree, cause
    if best_cause:
        return best_cause
    wrong = (pred != exp) & mask
    if exact_rows.any() and not (wrong & ~exact_rows).any():
        return ("only queries that coincide with a training point are wrong — there 1/d = 1/0 is infinite (and "
                "normalising gives inf/inf = NaN): when a query matches training points exactly, the label most "
                "common among those matches wins")
    return ("the neighbours or the weights differ — each query needs its Euclidean distance to every training point, "
            "the k nearest, and per label the SUM of 1/d over them (exact matches decide alone)")


def _case(name: str, k: int | None, data: dict[str, np.ndarray], on: str) -> Case:
    ctor = {} if k is None else {"k": k}
    label = "WeightedKNN()" if k is None else f"WeightedKNN(k={k})"
    return Case(
        name, f"{label}.fit(X, y).predict(X_test)", on, data,
        (new("m", "WeightedKNN", **ctor), call("m", "fit", "X", "y", save="fit"),
         call("m", "predict", "X_test", save="predict")),
        judge_predictions, {"k": 5 if k is None else k},
    )


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = blobs(61, 60, 2, 1.0)
    X_test = np.random.default_rng(62).uniform(-3, 3, size=(120, 2))
    X4, y4 = blobs(63, 40, 3, 1.2, n_classes=4)
    X4_test = np.random.default_rng(64).uniform(-3, 3, size=(100, 3))
    rng = np.random.default_rng(65)
    Xn, yn = rng.standard_normal((100, 2)), rng.integers(0, 3, size=100)
    Xt, yt, Qt = triples(66)
    animals = np.array(["cat", "dog", "bird"])
    Xw, yw = blobs(67, 40, 10, 0.8)
    Xw *= np.linspace(0.5, 2.0, 10)
    Xw_test = blobs(68, 30, 10, 0.8)[0] * np.linspace(0.5, 2.0, 10)
    Xpm, ypm = blobs(69, 50, 3, 1.0, n_classes=2)
    Xpm_test = np.random.default_rng(70).uniform(-3, 3, size=(80, 3))
    return [
        _case("default_k5_weighted_vote", None, {"X": X, "y": y, "X_test": X_test},
              "X shape (180, 2): 3 overlapping classes 0/1/2, seed 61; X_test shape (120, 2) uniform, seed 62"),
        _case("k9_four_classes", 9, {"X": X4, "y": y4, "X_test": X4_test},
              "X shape (160, 3): 4 overlapping classes, seed 63; X_test shape (100, 3) uniform, seed 64"),
        _case("query_equals_training_point", 5, {"X": Xn, "y": yn, "X_test": Xn[:50]},
              "X shape (100, 2) random points with random labels 0/1/2, seed 65; X_test = X[:50] (distance 0 to "
              "one training point each)"),
        _case("duplicate_training_points", 5, {"X": Xt, "y": yt, "X_test": Qt},
              "X shape (120, 2): 20 sites each holding 3 identical points labelled (b, a, a), b < a, plus 60 noise "
              "points, seed 66; X_test: the 20 sites, then 20 points between them"),
        _case("string_labels", 7, {"X": X, "y": animals[y], "X_test": X_test},
              "X shape (180, 2), y in {'cat', 'dog', 'bird'}, seed 61; X_test shape (120, 2), seed 62"),
        _case("labels_minus_one_plus_one", 6, {"X": Xpm, "y": np.where(ypm == 0, -1, 1), "X_test": Xpm_test},
              "X shape (100, 3), y in {-1, +1}, seed 69; X_test shape (80, 3) uniform, seed 70"),
        _case("ten_features_different_scales", 8, {"X": Xw, "y": yw, "X_test": Xw_test},
              "X shape (120, 10), feature scales 0.5…2, seed 67; X_test shape (90, 10), seed 68"),
        _case("single_query", 3, {"X": X, "y": y, "X_test": X_test[:1]},
              "X shape (180, 2), seed 61; X_test shape (1, 2): one query"),
    ]


def perf() -> Perf:
    rng = np.random.default_rng(71)
    X = rng.standard_normal((2000, 8))
    return Perf(
        steps=(new("m", "WeightedKNN", k=5), call("m", "fit", "X", "y"), call("m", "predict", "Q")),
        inputs={"X": X, "y": rng.integers(0, 4, size=2000), "Q": rng.standard_normal((100, 8))},
        describe="WeightedKNN(k=5).fit(X, y).predict(Q), X (2000, 8), Q (100, 8)",
        slow_hint="a Python loop over the training points? compute each query's distances to all of them at once "
        "(broadcasting, or ‖a‖² − 2a·b + ‖b‖²)",
    )
