"""Hidden tests for `knn-regressor`. The k nearest neighbours (Euclidean) are unique unless the k-th and (k+1)-th
are equally far; on every other query the prediction — the mean of their targets, or the 1/d-weighted mean, exact
matches deciding alone — is unique, and must equal the reference's (relative tolerance 1e-9). Queries whose
neighbours are ambiguous (the spec leaves them open) are skipped."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, call, new

RTOL, ATOL = 1e-9, 1e-9


def regression_data(seed: int, n: int, d: int, noise: float = 0.3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.uniform(-3, 3, size=(n, d))
    y = np.sin(X[:, 0]) * 3 + X[:, 1:].sum(axis=1) + noise * rng.standard_normal(n) + 5.0
    return X, y


def distances(X_train: np.ndarray, X_test: np.ndarray) -> np.ndarray:
    return np.sqrt(((X_test[:, None, :] - X_train[None, :, :]) ** 2).sum(axis=2))


def unique_mask(dist: np.ndarray, k: int) -> np.ndarray:
    """True where the query's k nearest neighbours are unambiguous."""
    sorted_d = np.sort(dist, axis=1)
    if k >= dist.shape[1]:
        return np.ones(len(dist), dtype=bool)
    return sorted_d[:, k] - sorted_d[:, k - 1] > 1e-9 * (1.0 + sorted_d[:, k])


def knn_mean(dist: np.ndarray, y: np.ndarray, k: int, *, weight: str = "uniform", exact_rule: bool = True,
             normalise: bool = True, reduce: str = "mean") -> np.ndarray:
    """The spec's prediction (defaults) or one of its classic mistakes."""
    order = np.argsort(dist, axis=1, kind="stable")[:, :k]
    d, t = np.take_along_axis(dist, order, axis=1), y[order]
    if reduce == "median":
        return np.median(t, axis=1)
    if reduce == "sum":
        return t.sum(axis=1)
    if reduce == "mode":
        out = []
        for row in t:
            values, counts = np.unique(row, return_counts=True)
            out.append(values[np.argmax(counts)])
        return np.array(out, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        w = {"uniform": np.ones_like(d), "distance": 1.0 / d, "squared": 1.0 / d**2}[weight]
        if exact_rule and weight != "uniform":
            exact = d == 0
            w = np.where(exact.any(axis=1, keepdims=True), exact.astype(float), w)
        total = (w * t).sum(axis=1)
        return total / w.sum(axis=1) if normalise else total


def judge_predictions(case: Case, got: Outputs, expected: Outputs) -> None:
    X_train, X_test = case.inputs["X"], case.inputs["X_test"]
    k = case.params["k"]
    checks.returns_self(got, "fit", case.call.split(".fit")[0] + ".fit(X, y)")
    pred = checks.value(got, "predict", "predict(X_test)")
    if pred.shape == (len(X_train),) and len(X_train) != len(X_test):
        raise Fail(f"predict(X_test) has shape {pred.shape}: one value per TRAINING point, expected "
                   f"{(len(X_test),)}", cause="predict must use the points it is given")
    dist = distances(X_train, X_test)
    if pred.shape == (len(X_test),) and pred.dtype.kind in "fc" and not np.all(np.isfinite(pred)):
        bad = ~np.isfinite(pred)
        i = int(np.flatnonzero(bad)[0])
        if (dist[bad] == 0).any(axis=1).all():
            raise Fail(f"predict(X_test)[{i}] is {pred[i]}: {int(bad.sum())} queries that coincide with a training "
                       "point came back NaN or inf", got=checks.fmt(pred),
                       cause="1/0 = inf, and inf/inf = NaN — when a query coincides with training points (d = 0), "
                       "predict the mean of those points' targets instead of weighting by 1/d")
    pred = checks.array(got, "predict", "predict(X_test)", (len(X_test),))
    mask = unique_mask(dist, k)
    exp = expected.values["predict"]
    with np.errstate(all="ignore"):
        bad = mask & ~(np.abs(pred - exp) <= ATOL + RTOL * np.abs(exp))
    if not bad.any():
        return
    cause = _cause(case, pred.astype(float), exp, mask, dist)
    judged = np.where(mask, pred, exp)  # queries with ambiguous neighbours (left open) count as right
    checks.close(judged, exp, "predict(X_test)", rtol=RTOL, atol=ATOL, cause=cause)


def _cause(case: Case, pred: np.ndarray, exp: np.ndarray, mask: np.ndarray, dist: np.ndarray) -> str:
    """Replay the classic mistakes; name the one whose predictions match on at least 90% of the judged queries."""
    y, k, weights = case.inputs["y"].astype(float), case.params["k"], case.params["weights"]
    exact_rows = (dist == 0).any(axis=1)
    candidates: list[tuple[np.ndarray, str]] = []
    spec_distance = knn_mean(dist, y, k, weight="distance")
    if weights == "uniform" and exact_rows.any():
        candidates.append((np.where(exact_rows, spec_distance, exp), "an exact match returned its own target under "
                           "weights='uniform' — the d = 0 rule is for weights='distance'; the uniform mean includes "
                           "all k neighbours"))
    candidates += [
        (knn_mean(dist, y, k + 1, weight=weights), "k + 1 neighbours take part — use exactly k: argsort(d)[:k] (an "
         "off-by-one slice?)"),
        (knn_mean(dist, y, 1, weight=weights), "only the single nearest neighbour is used — average over self.k "
         "neighbours"),
        (knn_mean(dist, y, k, reduce="median"), "this is the median of the neighbours' targets; the spec takes their "
         "mean"),
        (knn_mean(dist, y, k, reduce="sum"), "the targets are summed, not averaged — divide by k (np.mean)"),
        (knn_mean(dist, y, k, reduce="mode"), "this is a majority vote over the targets (a classifier's predict) — "
         "a regressor averages them"),
    ]
    if weights == "uniform":
        candidates.append((spec_distance, "the neighbours are weighted by 1/d, but weights='uniform' (the default) is "
                           "the plain mean of the k targets"))
    else:
        unnormalised = knn_mean(dist, y, k, weight="distance", normalise=False)
        not_divided = ("Σ w·y is not divided by Σ w — the weighted mean is Σ w_i·y_i / Σ w_i (dividing by k, as "
                       "np.mean(w * y) does, is not the same)")
        candidates += [
            (knn_mean(dist, y, k), "weights='distance' is ignored: this is the plain mean — weight each target by "
             "1/d and divide by Σ 1/d"),
            (knn_mean(dist, y, k, weight="squared"), "the weights are 1/d² — the squared distance was used for the "
             "weights; take the sqrt first (Euclidean d), then w = 1/d"),
            (unnormalised, not_divided),
            (unnormalised / k, not_divided),
        ]
        if exact_rows.any():
            order = np.argsort(dist, axis=1, kind="stable")[:, 0]
            candidates.append((np.where(exact_rows, y[order], exp), "only one of the exactly-matching training "
                               "points counts — when several coincide with the query, average all their targets"))
    best, best_cause = 0.0, ""
    right = _agree(pred, exp, mask)
    for prediction, cause in candidates:
        agree = _agree(pred, prediction, mask)
        if agree >= 0.9 and agree > right and agree > best:
            best, best_cause = agree, cause
    if best_cause:
        return best_cause
    return ("each prediction is the mean of the k nearest targets (weights='distance': Σ y/d ÷ Σ 1/d, exact matches "
            "deciding alone) — check the distances (Euclidean, summed over the features), the k, and the average")


def _agree(a: np.ndarray, b: np.ndarray, mask: np.ndarray) -> float:
    with np.errstate(all="ignore"):
        same = np.abs(a - b) <= 1e-6 * (1.0 + np.abs(b))
    return float(np.mean(same[mask])) if mask.any() else 0.0


def _case(name: str, k: int | None, weights: str | None, data: dict[str, np.ndarray], on: str) -> Case:
    ctor = {key: v for key, v in (("k", k), ("weights", weights)) if v is not None}
    shown = ", ".join(f"{key}={v!r}" for key, v in ctor.items())
    return Case(
        name, f"KNNRegressor({shown}).fit(X, y).predict(X_test)", on, data,
        (new("m", "KNNRegressor", **ctor), call("m", "fit", "X", "y", save="fit"),
         call("m", "predict", "X_test", save="predict")),
        judge_predictions, {"k": 5 if k is None else k, "weights": weights or "uniform"},
    )


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = regression_data(81, 200, 2)
    X_test = np.random.default_rng(82).uniform(-3, 3, size=(80, 2))
    X5, y5 = regression_data(83, 300, 5)
    X5 *= np.linspace(0.5, 2.0, 5)
    X5_test = np.random.default_rng(84).uniform(-3, 3, size=(60, 5)) * np.linspace(0.5, 2.0, 5)
    rng = np.random.default_rng(85)
    sites = np.round(rng.uniform(-3, 3, size=(30, 2)), 1)
    Xd = np.concatenate([np.repeat(sites, 2, axis=0), rng.uniform(-3, 3, size=(60, 2))])
    yd = rng.normal(5.0, 2.0, size=len(Xd))
    Qd = np.concatenate([sites, rng.uniform(-3, 3, size=(20, 2))])
    on = "X shape (200, 2), y = 3·sin(x₀) + x₁ + 5 + noise, seed 81; X_test shape (80, 2) uniform, seed 82"
    on_train = "X shape (200, 2), y = 3·sin(x₀) + x₁ + 5 + noise, seed 81; X_test = X[:50] (distance 0 to one "
    return [
        _case("default_uniform_mean", None, None, {"X": X, "y": y, "X_test": X_test}, on),
        _case("k1_returns_training_targets", 1, None, {"X": X, "y": y, "X_test": X[:50]}, on_train + "point each)"),
        _case("uniform_on_training_points", 5, "uniform", {"X": X, "y": y, "X_test": X[:50]},
              on_train + "point each — under 'uniform' it is just one of the 5)"),
        _case("distance_weighted_mean", 7, "distance", {"X": X, "y": y, "X_test": X_test}, on),
        _case("distance_exact_match", 5, "distance", {"X": X, "y": y, "X_test": X[:50]},
              on_train + "training point each)"),
        _case("distance_duplicate_training_points", 5, "distance", {"X": Xd, "y": yd, "X_test": Qd},
              "X shape (120, 2): 30 sites each holding 2 identical points with different targets, plus 60 other "
              "points, seed 85; X_test: the 30 sites, then 20 points between them"),
        _case("five_features_different_scales", 9, "distance", {"X": X5, "y": y5, "X_test": X5_test},
              "X shape (300, 5), feature scales 0.5…2, seed 83; X_test shape (60, 5) uniform, seed 84"),
        _case("integer_targets_single_query", 4, None, {"X": X, "y": np.round(y).astype(np.int64),
                                                        "X_test": X_test[:1]},
              "X shape (200, 2), y rounded to integers (int64), seed 81; X_test shape (1, 2): one query"),
    ]


def perf() -> Perf:
    rng = np.random.default_rng(91)
    X = rng.standard_normal((2000, 8))
    return Perf(
        steps=(new("m", "KNNRegressor", k=5, weights="distance"), call("m", "fit", "X", "y"),
               call("m", "predict", "Q")),
        inputs={"X": X, "y": rng.standard_normal(2000), "Q": rng.standard_normal((100, 8))},
        describe="KNNRegressor(k=5, weights='distance').fit(X, y).predict(Q), X (2000, 8), Q (100, 8)",
        slow_hint="a Python loop over the training points? compute each query's distances to all of them at once "
        "(broadcasting, or ‖a‖² − 2a·b + ‖b‖²)",
    )
