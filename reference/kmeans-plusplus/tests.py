"""Hidden tests for `kmeans-plusplus`. The stub fixes every draw (the first index by rng.integers(n), each next by
rng.choice(n, p=D²/ΣD²), rng.integers(n) again when every D² is 0), so the centres for a given seed are unique and
are compared with the reference's exactly. A separate test judges the distribution alone, whatever the way of
drawing: over 2,000 seeds the first centre must be uniform and the second drawn in proportion to D². Its bound
makes a correct sampler fail it with probability below 1e-7, while a uniform, farthest-point or D-proportional
sampler is far outside it."""

from __future__ import annotations

import math

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

DIST_SEEDS = 2000
DIST_DELTA = 1e-7  # a correct sampler fails the distribution test with probability below this (Hoeffding + union)
UNIFORM = "every centre after the first is drawn uniformly — draw it with probability proportional to D², the " \
    "squared distance to the nearest centre so far: rng.choice(n, p=D2 / D2.sum())"
BY_D = "the probabilities are proportional to D, not D² — square the distances (or don't take the sqrt)"
FARTHEST = "each next centre is the FARTHEST point (argmax of D²) — k-means++ samples it at random with " \
    "probability proportional to D²: rng.choice(n, p=D2 / D2.sum())"
FIRST_FIXED = "the first centre is always X[0] — draw it uniformly: X[rng.integers(n)]"


def blobs(seed: int, centres: np.ndarray, n_per: int, spread: float) -> np.ndarray:
    rng = np.random.default_rng(seed)
    points = [c + spread * rng.standard_normal((n_per, centres.shape[1])) for c in centres]
    return rng.permutation(np.concatenate(points))


def seeding(X: np.ndarray, k: int, seed: int, *, weight: str = "d2", nearest: bool = True,
            first_fixed: bool = False) -> np.ndarray:
    """The spec's draws (defaults), or one of the classic mistakes, replayed with the same seed."""
    rng = np.random.default_rng(seed)
    n = len(X)
    chosen = [0 if first_fixed else int(rng.integers(n))]
    d2 = ((X - X[chosen[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        total = d2.sum()
        if weight == "uniform":
            i = int(rng.choice(n))
        elif weight == "far":
            i = int(np.argmax(d2))
        elif total == 0:
            i = int(rng.integers(n))
        else:
            w = np.sqrt(d2) if weight == "d" else d2
            i = int(rng.choice(n, p=w / w.sum()))
        chosen.append(i)
        new = ((X - X[i]) ** 2).sum(axis=1)
        d2 = np.minimum(d2, new) if nearest else new
    return X[chosen]


def _tol(X: np.ndarray) -> float:
    return 1e-12 * max(1.0, float(np.abs(X).max()))


def _centres(case: Case, got: Outputs, key: str) -> np.ndarray:
    """The centres under key: (k, d) finite floats, each a row of X — or Fail."""
    X, k = case.inputs["X"], case.params["k"]
    what = f"kmeans_plusplus(X, k={k}, rng={case.params['seed']})"
    value = checks.value(got, key, what)
    if value.shape == (k,) and value.dtype.kind in "iu":
        raise Fail(f"{what} returned {k} integers, expected the centres themselves, shape {(k, X.shape[1])}",
                   got=checks.fmt(value), cause="return the points X[indices], not their indices")
    if value.ndim == 2 and value.shape[1] == X.shape[1] and value.shape[0] < k:
        raise Fail(f"{what} returned {value.shape[0]} centres, expected {k}", got=checks.fmt(value),
                   cause="when every D² is 0 (fewer distinct points than k), draw the next index uniformly with "
                   "rng.integers(n) — don't stop early")
    centres = checks.array(got, key, what, (k, X.shape[1])).astype(float)
    tol = _tol(X)
    for j, c in enumerate(centres):
        if not (np.abs(X - c).max(axis=1) <= tol).any():
            raise Fail(f"{what}: centre {j} = {checks.fmt(c)} is not a row of X", got=checks.fmt(centres),
                       cause="k-means++ picks data points: each centre is X[i] for a drawn index i (not a mean, "
                       "not a random point of space)")
    return centres


def _same(a: np.ndarray, b: np.ndarray, X: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.all(np.abs(a - b) <= _tol(X)))


def judge_exact(case: Case, got: Outputs, expected: Outputs) -> None:
    X, k, seed = case.inputs["X"], case.params["k"], case.params["seed"]
    first = _centres(case, got, "first")
    second = _centres(case, got, "second")
    if not _same(first, second, X):
        raise Fail(f"two calls kmeans_plusplus(X, k={k}, rng={seed}) gave different centres",
                   expected=f"the same centres twice: {checks.fmt(first)}", got=checks.fmt(second),
                   cause="draw every random number from rng (rng = np.random.default_rng(rng) first), not from "
                   "np.random.* or the random module, which are not seeded by it")
    exp = expected.values["first"]
    if _same(first, exp, X):
        return
    cause = ("your centres are not the ones the stub's draws give — if the distribution test passes, you sample "
             "correctly but draw differently: the first index by rng.integers(n), each next by rng.choice(n, "
             "p=D2 / D2.sum()) (rng.integers(n) when D2.sum() == 0), one draw per centre and nothing else")
    for kwargs, why in (
        ({"weight": "uniform"}, UNIFORM),
        ({"weight": "far"}, FARTHEST),
        ({"weight": "d"}, BY_D),
        ({"nearest": False}, "D² is measured to the LAST centre chosen only — it is the distance to the NEAREST "
         "centre so far: D2 = np.minimum(D2, distances to the new centre)"),
        ({"first_fixed": True}, FIRST_FIXED),
    ):
        if _same(first, seeding(X, k, seed, **kwargs), X):  # type: ignore[arg-type]
            cause = why
            break
    j = int(np.flatnonzero(np.abs(first - exp).max(axis=1) > _tol(X))[0])
    raise Fail(f"kmeans_plusplus(X, k={k}, rng={seed}): centre {j} (in draw order, from 0) differs from the "
               "stub's draws for this seed",
               expected=f"centre {j} = {checks.fmt(exp[j])}; all: {checks.fmt(exp)}",
               got=f"centre {j} = {checks.fmt(first[j])}; all: {checks.fmt(first)}", cause=cause)


def _bound(n: int) -> float:
    """Half-width t with P(any of the 2n frequencies is off by more than t) <= DIST_DELTA (Hoeffding, union)."""
    return math.sqrt(math.log(4 * n / DIST_DELTA) / (2 * DIST_SEEDS))


def _marginals(X: np.ndarray, weight: str = "d2", first_fixed: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """P(first centre = X[i]) and P(second centre = X[j]) under the spec's sampling or a classic mistake."""
    n = len(X)
    first = np.eye(n)[0] if first_fixed else np.full(n, 1.0 / n)
    second = np.zeros(n)
    for i in range(n):
        d2 = ((X - X[i]) ** 2).sum(axis=1)
        w = {"d2": d2, "d": np.sqrt(d2), "uniform": np.ones(n), "far": np.eye(n)[np.argmax(d2)]}[weight]
        second += first[i] * w / w.sum()
    return first, second


def judge_distribution(case: Case, got: Outputs, expected: Outputs) -> None:
    X = case.inputs["X"]
    n = len(X)
    firsts, seconds = np.zeros(n), np.zeros(n)
    for s in range(DIST_SEEDS):
        centres = _centres(case, got, f"s{s}") if s == 0 else _quick(got, f"s{s}", case)
        rows = [int(np.argmin(np.abs(X - c).max(axis=1))) for c in centres]
        firsts[rows[0]] += 1
        seconds[rows[1]] += 1
    firsts /= DIST_SEEDS
    seconds /= DIST_SEEDS
    want_first, want_second = _marginals(X)
    t = _bound(n)
    for observed, want, which in ((firsts, want_first, "first"), (seconds, want_second, "second")):
        off = np.abs(observed - want)
        if off.max() <= t:
            continue
        i = int(off.argmax())
        cause = _closest(X, firsts, seconds)
        raise Fail(
            f"the {which} centre is X[{i}] in {observed[i]:.1%} of {DIST_SEEDS} seeds, expected {want[i]:.1%} "
            f"± {t:.1%}",
            expected=f"{which}-centre frequencies of X[0..{n - 1}]: "
            + ", ".join(f"{p:.1%}" for p in want) + (" (uniform)" if which == "first" else " (D² sampling)"),
            got=", ".join(f"{p:.1%}" for p in observed),
            cause=cause,
        )


def _quick(got: Outputs, key: str, case: Case) -> np.ndarray:
    value = got.get(key)
    k, d = case.params["k"], case.inputs["X"].shape[1]
    if value is None or value.shape != (k, d) or value.dtype.kind not in checks.NUMERIC:
        return _centres(case, got, key)  # fails with the full message
    tol = _tol(case.inputs["X"])
    if not all((np.abs(case.inputs["X"] - c).max(axis=1) <= tol).any() for c in value):
        return _centres(case, got, key)
    return value.astype(float)


def _closest(X: np.ndarray, firsts: np.ndarray, seconds: np.ndarray) -> str:
    options = [
        (_marginals(X, "uniform"), UNIFORM),
        (_marginals(X, "d"), BY_D),
        (_marginals(X, "far"), FARTHEST),
        (_marginals(X, first_fixed=True), FIRST_FIXED),
    ]
    t = _bound(len(X))
    for (first, second), cause in options:
        if np.abs(firsts - first).max() <= t and np.abs(seconds - second).max() <= t:
            return cause
    return ("draw the first centre uniformly, then each next with probability D² / ΣD², D² being the squared "
            "distance to the nearest centre so far")


def _exact_case(name: str, X: np.ndarray, k: int, seed: int, on: str) -> Case:
    return Case(
        name, f"kmeans_plusplus(X, k={k}, rng={seed}), twice  # rng: an int seed; the stub's first line makes it "
        "a Generator", on, {"X": X},
        (func("kmeans_plusplus", "X", save="first", k=k, rng=seed),
         func("kmeans_plusplus", "X", save="second", k=k, rng=seed)),
        judge_exact, {"k": k, "seed": seed},
    )


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    three = blobs(101, np.array([[0.0, 0.0], [5.0, 1.0], [1.0, 6.0]]), 50, 0.8)
    five = blobs(102, np.array([[0.0, 0.0], [2.5, 0.0], [1.2, 2.2], [4.0, 3.0], [0.0, 4.0]]), 50, 1.0)
    wide = np.random.default_rng(103).standard_normal((300, 10)) * np.linspace(0.5, 3.0, 10)
    few = np.random.default_rng(104).uniform(-5, 5, size=(8, 2))
    duplicated = np.repeat(np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0]]), 10, axis=0)
    outlier = np.concatenate([blobs(105, np.array([[0.0, 0.0], [3.0, 3.0]]), 30, 0.7), [[60.0, -45.0]]])
    line = np.outer([0.0, 1.0, 2.0, 4.0, 8.0], [0.6, 0.8])  # distances 1, 2, 4, 8 along a line
    return [
        _exact_case("three_blobs_k3", three, 3, 0, "X shape (150, 2): 3 blobs, seed 101"),
        _exact_case("k1_first_centre_only", three, 1, 5, "X shape (150, 2): 3 blobs, seed 101"),
        _exact_case("five_blobs_k5", five, 5, 7, "X shape (250, 2): 5 overlapping blobs, seed 102"),
        _exact_case("ten_features_k12", wide, 12, 11, "X shape (300, 10), feature scales 0.5…3, seed 103"),
        _exact_case("k_equals_n", few, 8, 3, "X shape (8, 2): 8 distinct points, seed 104 — every point once"),
        _exact_case("duplicates_all_d2_zero", duplicated, 5, 1,
                    "X shape (30, 2): 3 distinct points, each 10 times — after 3 centres every D² is 0"),
        _exact_case("far_outlier", outlier, 3, 2, "X shape (61, 2): 2 blobs and one point at (60, -45), seed 105"),
        Case("d_squared_distribution", f"kmeans_plusplus(X, k=2, rng=s) for s in range({DIST_SEEDS})",
             "X shape (5, 2): 5 points on a line at 0, 1, 2, 4, 8", {"X": line},
             tuple(func("kmeans_plusplus", "X", save=f"s{s}", k=2, rng=s) for s in range(DIST_SEEDS)),
             judge_distribution, {"k": 2, "seed": "s"}),
    ]


def perf() -> Perf:
    rng = np.random.default_rng(111)
    return Perf(
        steps=(func("kmeans_plusplus", "X", k=8, rng=0),),
        inputs={"X": rng.uniform(0, 1, size=(5000, 8))},
        describe="kmeans_plusplus(X, k=8, rng=0), X (5000, 8)",
        slow_hint="a Python loop over the points? compute every point's squared distance to the new centre at once, "
        "((X - c) ** 2).sum(axis=1), and keep the running minimum with np.minimum",
    )
