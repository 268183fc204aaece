"""Hidden tests for `kmeans`. K-means has no unique answer (it depends on the initialisation), so these tests judge
what every converged K-means satisfies — each label is its nearest centroid, each centroid is the mean of its
points, the same random_state gives the same result — never agreement with the reference's clusters."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new


def blobs(seed: int, centers: np.ndarray, n_per: int, spread: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    points = [c + spread * rng.standard_normal((n_per, centers.shape[1])) for c in centers]
    return rng.permutation(np.concatenate(points))


def _scale(X: np.ndarray) -> float:
    return max(1.0, float(np.abs(X).max()))


def _fitted(case: Case, got: Outputs, prefix: str = "") -> tuple[np.ndarray, np.ndarray]:
    """centroids (k, d) finite floats and labels (n,) integers in range(k), or Fail."""
    X = case.inputs["X"]
    k = case.params["k"]
    checks.returns_self(got, prefix + "fit", case.call.split(" then ")[0])
    centroids = checks.array(got, prefix + "centroids", "centroids", (k, X.shape[1]))
    labels = checks.array(got, prefix + "labels", "labels", (X.shape[0],), kinds="iu")
    _valid_ids(labels, k, "labels")
    return centroids.astype(float), labels.astype(np.int64)


def _valid_ids(labels: np.ndarray, k: int, what: str) -> None:
    bad = (labels < 0) | (labels >= k)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise Fail(f"{what}[{i}] is {labels[i]}, not a cluster index in range({k})", got=checks.fmt(labels),
                   cause="labels are indices of centroids: 0 … k−1 (np.argmin over the centroid axis)")


def _nearest(X: np.ndarray, centroids: np.ndarray, labels: np.ndarray, what: str) -> None:
    d2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    assigned = d2[np.arange(len(X)), labels]
    best = d2.min(axis=1)
    bad = assigned > best + 1e-9 * _scale(X) ** 2
    if not bad.any():
        return
    i = int(np.flatnonzero(bad)[0])
    closer = int(d2[i].argmin())
    farthest = float(np.mean(labels == d2.argmax(axis=1))) > 0.9
    cause = (
        "the labels pick the FARTHEST centroid — use argmin, not argmax"
        if farthest
        else "labels must be the argmin over centroids of the distance (check the axis you sum over and the one you "
        "argmin over), computed from the final centroids: after the last update, assign once more — or stop only "
        "when the assignment no longer changes"
    )
    raise Fail(
        f"{what}: {int(bad.sum())} of {len(X)} points are not labelled with their nearest centroid; first: point {i} "
        f"has label {labels[i]} (distance {np.sqrt(assigned[i]):.4g}) but centroid {closer} is closer "
        f"(distance {np.sqrt(best[i]):.4g})",
        expected=f"label {closer} for point {i} = {checks.fmt(X[i])}",
        got=f"label {labels[i]}",
        cause=cause,
    )


def _means(X: np.ndarray, centroids: np.ndarray, labels: np.ndarray) -> None:
    for j in range(len(centroids)):
        members = X[labels == j]
        if len(members) == 0:
            continue
        mean = members.mean(axis=0)
        err = float(np.abs(centroids[j] - mean).max())
        if err > 1e-7 * _scale(X):
            raise Fail(
                f"centroid {j} is not the mean of its {len(members)} points (max abs error {err:.3g})",
                expected=f"centroid {j} = {checks.fmt(mean)}",
                got=f"centroid {j} = {checks.fmt(centroids[j])}",
                cause="each round must move every centroid to X[labels == j].mean(axis=0), and keep going until "
                "the assignment stops changing — were the centroids updated at all, and more than once?",
            )


def judge_shapes(case: Case, got: Outputs, expected: Outputs) -> None:
    _fitted(case, got)


def judge_nearest(case: Case, got: Outputs, expected: Outputs) -> None:
    centroids, labels = _fitted(case, got)
    _nearest(case.inputs["X"], centroids, labels, "labels")


def judge_means(case: Case, got: Outputs, expected: Outputs) -> None:
    centroids, labels = _fitted(case, got)
    _means(case.inputs["X"], centroids, labels)


def judge_converged(case: Case, got: Outputs, expected: Outputs) -> None:
    centroids, labels = _fitted(case, got)
    _nearest(case.inputs["X"], centroids, labels, "labels")
    _means(case.inputs["X"], centroids, labels)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    centroids, _ = _fitted(case, got)
    X_new = case.inputs["X_new"]
    n_train = case.inputs["X"].shape[0]
    pred = checks.value(got, "predict", "predict(X_new)")
    if pred.shape == (n_train,) and n_train != len(X_new):
        raise Fail(f"predict(X_new) has shape {pred.shape}: one label per TRAINING point, expected {(len(X_new),)}",
                   cause="predict must assign the points it is given, not return self.labels")
    pred = checks.array(got, "predict", "predict(X_new)", (len(X_new),), kinds="iu")
    _valid_ids(pred, case.params["k"], "predict(X_new)")
    _nearest(X_new, centroids, pred.astype(np.int64), "predict(X_new)")


def judge_same_seed(case: Case, got: Outputs, expected: Outputs) -> None:
    c1, l1 = _fitted(case, got, "a_")
    c2, l2 = _fitted(case, got, "b_")
    if not np.array_equal(l1, l2) or not np.allclose(c1, c2, rtol=0, atol=1e-12):
        raise Fail(
            "two fits with the same random_state gave different results",
            expected=f"identical centroids: {checks.fmt(c1)}",
            got=f"{checks.fmt(c2)}",
            cause="seed the randomness from random_state inside fit — rng = np.random.default_rng(self.random_state), "
            "or np.random.seed(self.random_state) — instead of drawing from an unseeded generator",
        )


def judge_empty_cluster(case: Case, got: Outputs, expected: Outputs) -> None:
    X = case.inputs["X"]
    try:
        centroids, labels = _fitted(case, got)
    except Fail as fail:
        if "NaN" in fail.message:
            raise Fail(
                "a centroid is NaN: an empty cluster's centroid became the mean of no points",
                got=fail.got,
                cause="X has 3 distinct points and k=4, so some cluster must end up empty; keep its old centroid "
                "(or re-seed it) instead of taking the mean of nothing",
            ) from None
        raise
    _nearest(X, centroids, labels, "labels")
    _means(X, centroids, labels)


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    four = np.array([[0.0, 0.0], [5.0, 1.0], [1.0, 6.0], [6.0, 6.0]])
    X4 = blobs(3, four, 60, 0.8)
    X4_new = np.random.default_rng(4).uniform(-2, 8, size=(40, 2))
    overlapping = blobs(5, np.array([[0.0, 0.0], [2.5, 0.0], [1.2, 2.2], [4.0, 3.0], [0.0, 4.0]]), 50, 1.0)
    three = blobs(8, np.array([[0.0, 0.0, 0.0], [4.0, 4.0, 0.0], [0.0, 4.0, 4.0]]), 40, 1.0)
    duplicated = np.repeat(np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0]]), 10, axis=0)
    uniform = np.random.default_rng(12).uniform(0, 10, size=(300, 2))
    outlier = np.concatenate([blobs(13, np.array([[0.0, 0.0], [3.0, 3.0]]), 30, 0.7), [[60.0, -45.0]]])

    def fit_steps(k: int, prefix: str = "", **kwargs: int) -> tuple:
        ctor = {"k": k, **kwargs} if k != 3 or kwargs else {}
        return (
            new(prefix + "m", "KMeans", **ctor),
            call(prefix + "m", "fit", "X", save=prefix + "fit"),
            attr(prefix + "m", "centroids", save=prefix + "centroids"),
            attr(prefix + "m", "labels", save=prefix + "labels"),
        )

    return [
        Case("fit_sets_centroids_and_labels", "KMeans(k=4).fit(X)", "X shape (240, 2): 4 blobs, seed 3",
             {"X": X4}, fit_steps(4), judge_shapes, {"k": 4}),
        Case("labels_are_nearest_centroid", "KMeans(k=5).fit(X)", "X shape (250, 2): 5 overlapping blobs, seed 5",
             {"X": overlapping}, fit_steps(5), judge_nearest, {"k": 5}),
        Case("centroids_are_cluster_means", "KMeans(k=5).fit(X)", "X shape (250, 2): 5 overlapping blobs, seed 5",
             {"X": overlapping}, fit_steps(5), judge_means, {"k": 5}),
        Case("predict_assigns_new_points", "KMeans(k=4).fit(X) then .predict(X_new)",
             "X shape (240, 2): 4 blobs, seed 3; X_new shape (40, 2) uniform, seed 4",
             {"X": X4, "X_new": X4_new}, (*fit_steps(4), call("m", "predict", "X_new", save="predict")),
             judge_predict, {"k": 4}),
        Case("defaults_k3_converge", "KMeans().fit(X)  # k=3, max_iters=100, random_state=42",
             "X shape (120, 3): 3 blobs, seed 8", {"X": three}, fit_steps(3), judge_converged, {"k": 3}),
        Case("converges_on_uniform_data", "KMeans(k=6).fit(X)", "X shape (300, 2) uniform on [0, 10)², seed 12 "
             "(no clusters: takes many rounds)", {"X": uniform}, fit_steps(6), judge_converged, {"k": 6}),
        Case("same_random_state_same_result", "KMeans(k=5, random_state=7).fit(X), twice",
             "X shape (300, 2) uniform on [0, 10)², seed 12", {"X": uniform},
             (*fit_steps(5, "a_", random_state=7), *fit_steps(5, "b_", random_state=7)), judge_same_seed, {"k": 5}),
        Case("empty_cluster_never_nan", "KMeans(k=4).fit(X)",
             "X shape (30, 2): 3 distinct points, each 10 times — fewer distinct points than k",
             {"X": duplicated}, fit_steps(4), judge_empty_cluster, {"k": 4}),
        Case("far_outlier", "KMeans(k=3).fit(X)", "X shape (61, 2): 2 blobs and one point at (60, -45), seed 13",
             {"X": outlier}, fit_steps(3, random_state=0), judge_converged, {"k": 3}),
    ]


def perf() -> Perf:
    """Ten rounds on 2000 uniform points (no convergence before that), then predict."""
    rng = np.random.default_rng(21)
    return Perf(
        steps=(
            new("m", "KMeans", k=8, max_iters=10, random_state=0),
            call("m", "fit", "X"),
            call("m", "predict", "X_new"),
        ),
        inputs={"X": rng.uniform(0, 1, size=(2000, 4)), "X_new": rng.uniform(0, 1, size=(2000, 4))},
        describe="KMeans(k=8, max_iters=10).fit(X).predict(X_new), X (2000, 4)",
        slow_hint="a Python loop over the points? compute all point–centroid distances at once with broadcasting",
    )
