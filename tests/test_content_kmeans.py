"""Content tests for questions/kmeans.yaml: every computable claim, checked with NumPy.

The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from drill.matching import judge_point
from drill.models import KeyPoint

BANK_PATH = Path(__file__).parents[1] / "questions" / "kmeans.yaml"
BANK = yaml.safe_load(BANK_PATH.read_text(encoding="utf-8"))
QUESTIONS = BANK["questions"]
Q = {q["id"]: q for q in QUESTIONS}


def covered(text: str, key_point: dict, prompt: str = "") -> bool:
    """As the quiz reads it: match and reject patterns, negation, and the prompt's own words not counting."""
    point = KeyPoint(key_point["text"], tuple(key_point["match"]), tuple(key_point.get("reject") or ()))
    return judge_point(point, text, prompt).status == "covered"


def of_type(t: str) -> list[dict]:
    return [q for q in QUESTIONS if q["type"] == t]


# ----------------------------------------------------------------------------------------------------------
# NumPy helpers: a small, exact k-means toolkit
# ----------------------------------------------------------------------------------------------------------


def sqdist(X: np.ndarray, M: np.ndarray) -> np.ndarray:
    """(n, k) squared Euclidean distances by explicit broadcasting (the slow, obviously-correct way)."""
    return ((X[:, None, :] - M[None, :, :]) ** 2).sum(axis=2)


def inertia(X: np.ndarray, labels: np.ndarray, M: np.ndarray) -> float:
    return float(((X - M[labels]) ** 2).sum())


def partition_cost(X: np.ndarray, labels: np.ndarray) -> float:
    """J of a partition with every centroid at its cluster mean (empty clusters contribute 0)."""
    return sum(float(((X[labels == j] - X[labels == j].mean(axis=0)) ** 2).sum()) for j in np.unique(labels))


def assign(X: np.ndarray, M: np.ndarray, current: np.ndarray | None = None) -> np.ndarray:
    """Nearest centroid; with `current`, keep the current cluster unless another one is strictly closer."""
    D = sqdist(X, M)
    new = D.argmin(axis=1)
    if current is not None:
        rows = np.arange(len(X))
        keep = D[rows, current] <= D[rows, new]
        new = np.where(keep, current, new)
    return new


def update(X: np.ndarray, labels: np.ndarray, M: np.ndarray) -> np.ndarray:
    M = M.astype(float).copy()
    for j in range(len(M)):
        if np.any(labels == j):
            M[j] = X[labels == j].mean(axis=0)
    return M


def lloyd(X: np.ndarray, M0: np.ndarray, max_iter: int = 300):
    """Lloyd with the 'keep current on ties' rule. Returns labels, centroids, iterations and a J trace
    [J(C1, μ0), J(C1, μ1), J(C2, μ1), J(C2, μ2), ...] over every half-step, plus the partitions visited."""
    M = M0.astype(float).copy()
    labels = assign(X, M)
    trace, partitions = [], []
    for it in range(1, max_iter + 1):
        trace.append(inertia(X, labels, M))
        M = update(X, labels, M)
        trace.append(inertia(X, labels, M))
        partitions.append(tuple(labels))
        new = assign(X, M, current=labels)
        if np.array_equal(new, labels):
            return labels, M, it, trace, partitions
        labels = new
    return labels, M, max_iter, trace, partitions


def kmeanspp(X: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    centres = [X[rng.integers(len(X))]]
    d2 = ((X - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        i = rng.choice(len(X), p=d2 / d2.sum())
        centres.append(X[i])
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return np.array(centres, dtype=float)


def best_kmeans(X: np.ndarray, k: int, rng: np.random.Generator, n_init: int = 10):
    best = None
    for _ in range(n_init):
        labels, M, *_ = lloyd(X, kmeanspp(X, k, rng))
        J = inertia(X, labels, M)
        if best is None or J < best[0]:
            best = (J, labels, M)
    return best


def brute_force_opt(X: np.ndarray, k: int) -> float:
    """Exact optimum of J over all assignments (tiny n only)."""
    best = math.inf
    for labels in itertools.product(range(k), repeat=len(X)):
        best = min(best, partition_cost(X, np.array(labels)))
    return best


def kmeans_1d_dp(x: np.ndarray, k: int) -> float:
    """Exact 1-D k-means: optimal clusters are contiguous runs of the sorted data."""
    x = np.sort(x)
    n = len(x)
    s1 = np.concatenate([[0.0], np.cumsum(x)])
    s2 = np.concatenate([[0.0], np.cumsum(x**2)])

    def cost(i, j):  # points i..j-1
        m = j - i
        return s2[j] - s2[i] - (s1[j] - s1[i]) ** 2 / m

    F = np.full((k + 1, n + 1), np.inf)
    F[0, 0] = 0.0
    for c in range(1, k + 1):
        for j in range(c, n + 1):
            F[c, j] = min(F[c - 1, i] + cost(i, j) for i in range(c - 1, j))
    return float(F[k, n])


def silhouette_values(X: np.ndarray, labels: np.ndarray) -> np.ndarray:
    D = np.sqrt(sqdist(X, X))
    s = np.zeros(len(X))
    for i in range(len(X)):
        own = labels == labels[i]
        if own.sum() == 1:
            continue
        a = D[i, own].sum() / (own.sum() - 1)
        b = min(D[i, labels == c].mean() for c in np.unique(labels) if c != labels[i])
        s[i] = (b - a) / max(a, b)
    return s


def blobs(rng, centres, n_each, sd):
    return np.vstack([rng.normal(c, sd, size=(n_each, len(c))) for c in centres])


# ----------------------------------------------------------------------------------------------------------
# Seed items (the bank's form is checked in tests/test_bank_form.py)
# ----------------------------------------------------------------------------------------------------------


def test_seed_items_present_and_tagged():
    assert "say-it-aloud" in Q["kmeans-why-converge"]["tags"]
    assert "converge" in Q["kmeans-why-converge"]["prompt"].lower()
    assert "scaling" in Q["kmeans-scaling"]["tags"]
    assert "scaling" in Q["kmeans-scaling"]["prompt"].lower()


# ----------------------------------------------------------------------------------------------------------
# Every numeric question, recomputed from scratch
# ----------------------------------------------------------------------------------------------------------


def _lloyd_step():
    X = np.array([0, 1, 2, 9, 10, 14], dtype=float)[:, None]
    M = np.array([[0.0], [14.0]])
    labels = assign(X, M)
    assert inertia(X, labels, M) == 46  # stated "J before the update"
    M = update(X, labels, M)
    assert np.allclose(M.ravel(), [1, 11])
    assert np.array_equal(assign(X, M), labels)  # stated: converged
    return inertia(X, labels, M)


def _pp_probability():
    X = np.array([0, 1, 3, 7], dtype=float)
    d2 = (X - 0.0) ** 2
    return d2[3] / d2.sum()


def _silhouette():
    X = np.array([0, 2, 5, 7], dtype=float)[:, None]
    return silhouette_values(X, np.array([0, 0, 1, 1]))[1]


def _distance_count():
    # instrument: count the rows of each distance matrix the assignment step builds
    n, k, T, n_init = 10_000, 8, 20, 10
    rng = np.random.default_rng(0)
    X = rng.normal(size=(200, 3))
    count = 0
    for _ in range(2):
        M = X[rng.choice(200, 4, replace=False)]
        for _ in range(3):
            D = sqdist(X, M)
            count += D.size
            M = update(X, D.argmin(axis=1), M)
    assert count == 200 * 4 * 3 * 2
    return n * k * T * n_init


def _vq_ratio():
    pixels = 512 * 512
    original = pixels * 24
    compressed = pixels * math.ceil(math.log2(16)) + 16 * 24
    assert (original, compressed) == (6_291_456, 1_048_960)
    return original / compressed


def _outlier_mean():
    x = np.array([1, 2, 3, 4, 100], dtype=float)
    assert np.median(x) == 3 and x[:4].mean() == 2.5
    return x.mean()


def _scaling_flip():
    p, A, B = np.array([30, 50_000.0]), np.array([60, 51_000.0]), np.array([31, 60_000.0])
    assert ((p - A) ** 2).sum() == 1_000_900 and ((p - B) ** 2).sum() == 100_000_001
    sd = np.array([10, 20_000.0])
    dA, dB = (((p - A) / sd) ** 2).sum(), (((p - B) / sd) ** 2).sum()
    assert math.isclose(dA, 9.0025) and math.isclose(dB, 0.26)
    return dA / dB


NUMERIC = {
    "kmeans-lloyd-step-numeric": _lloyd_step,
    "kmeans-pp-probability": _pp_probability,
    "kmeans-silhouette-point": _silhouette,
    "kmeans-distance-count": _distance_count,
    "kmeans-vq-ratio": _vq_ratio,
    "kmeans-outlier-mean": _outlier_mean,
    "kmeans-scaling-flip": _scaling_flip,
}


def test_every_numeric_question_has_a_recomputation():
    assert {q["id"] for q in of_type("numeric")} == set(NUMERIC)


@pytest.mark.parametrize("qid", sorted(NUMERIC))
def test_numeric_answer(qid):
    q = Q[qid]
    tol = q.get("tolerance", 0.01 * abs(q["answer"]))
    value = NUMERIC[qid]()
    assert abs(value - q["answer"]) <= tol + 1e-12, (qid, value, q["answer"])


# ----------------------------------------------------------------------------------------------------------
# Formulas, identities and claims in the answers, derivations and choices
# ----------------------------------------------------------------------------------------------------------


def test_mean_minimiser_derivation():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(7, 3))
    n = len(X)

    def f(mu):
        return float(((X - mu) ** 2).sum())

    mu = rng.normal(size=3)
    # gradient 2nμ − 2Σx against central finite differences
    h = 1e-6
    fd = np.array([(f(mu + h * e) - f(mu - h * e)) / (2 * h) for e in np.eye(3)])
    assert np.allclose(fd, 2 * n * mu - 2 * X.sum(axis=0), atol=1e-5)

    # Hessian 2n·I by finite differences of the gradient
    def grad(m):
        return 2 * n * m - 2 * X.sum(axis=0)

    H = np.array([(grad(mu + h * e) - grad(mu - h * e)) / (2 * h) for e in np.eye(3)])
    assert np.allclose(H, 2 * n * np.eye(3), atol=1e-4)
    # a generic least-squares solver (design = a column of ones) finds the mean
    sol, *_ = np.linalg.lstsq(np.ones((n, 1)), X, rcond=None)
    assert np.allclose(sol.ravel(), X.mean(axis=0))
    # f(μ) = f(x̄) + n‖μ − x̄‖², and the mean beats random alternatives
    xbar = X.mean(axis=0)
    assert math.isclose(f(mu), f(xbar) + n * ((mu - xbar) ** 2).sum())
    assert all(f(xbar) < f(xbar + rng.normal(size=3)) for _ in range(100))


def test_l1_minimiser_is_median():
    rng = np.random.default_rng(2)
    x = rng.standard_exponential(9) * 10
    grid = np.linspace(x.min(), x.max(), 20001)
    l1 = np.abs(x[None, :] - grid[:, None]).sum(axis=1)
    assert abs(grid[l1.argmin()] - np.median(x)) < 1e-2
    l2 = ((x[None, :] - grid[:, None]) ** 2).sum(axis=1)
    assert abs(grid[l2.argmin()] - x.mean()) < 1e-2


def test_lloyd_monotone_finite_and_fixed_point():
    rng = np.random.default_rng(3)
    for _ in range(30):
        X = rng.normal(size=(60, 2)) + rng.integers(0, 3, size=(60, 1)) * 3
        k = 4
        labels, M, iters, trace, parts = lloyd(X, X[rng.choice(60, k, replace=False)])
        assert all(b <= a + 1e-9 for a, b in itertools.pairwise(trace)), "J increased"
        assert len(parts) == len(set(parts)), "a partition was visited twice"
        # strict decrease between consecutive distinct partitions (after each update)
        post_update = trace[1::2]
        assert all(b < a for a, b in itertools.pairwise(post_update))
        # fixed point: nearest-centroid labels and centroids are the means
        assert np.array_equal(assign(X, M, current=labels), labels)
        assert np.allclose(update(X, labels, M), M)
        assert iters < 300


def test_voronoi_bisector_identity_and_convex_cells():
    rng = np.random.default_rng(4)
    for _ in range(1000):
        x, a, b = rng.normal(size=(3, 4))
        lhs = ((x - a) ** 2).sum() <= ((x - b) ** 2).sum()
        rhs = 2 * (b - a) @ x <= (b @ b) - (a @ a)
        assert lhs == rhs
        assert math.isclose(
            ((x - a) ** 2).sum() - ((x - b) ** 2).sum(), 2 * (b - a) @ x - (b @ b - a @ a), abs_tol=1e-9
        )
    M = rng.normal(size=(5, 2))
    P = rng.normal(size=(400, 2)) * 2
    lab = sqdist(P, M).argmin(axis=1)
    for _ in range(2000):
        i, j = rng.integers(400, size=2)
        if lab[i] == lab[j]:
            t = rng.random()
            mid = t * P[i] + (1 - t) * P[j]
            assert sqdist(mid[None], M).argmin() == lab[i]


def test_convexity_claims():
    # fixed assignments: Hessian of J in one centroid is 2 n_j I (checked above); here: J after minimising
    # out the assignments is NOT convex — a centroid swap has equal value, the midpoint is worse.
    X = np.array([[0.0], [0.2], [10.0], [10.2]])

    def f(M):
        return float(sqdist(X, M).min(axis=1).sum())

    M = np.array([[0.1], [10.1]])
    S = M[::-1]
    assert math.isclose(f(M), f(S))
    assert f((M + S) / 2) > (f(M) + f(S)) / 2


def test_global_optimum_example_and_dp():
    X = np.array([0, 1, 10, 11, 20, 21], dtype=float)[:, None]
    labels, M, iters, *_ = lloyd(X, np.array([[0.0], [1.0], [15.5]]))
    assert iters == 1 and np.allclose(M.ravel(), [0, 1, 15.5])
    assert math.isclose(inertia(X, labels, M), 101)
    assert math.isclose(brute_force_opt(X, 3), 1.5)
    # 1-D: dynamic programming over sorted contiguous runs is exact
    rng = np.random.default_rng(5)
    for _ in range(5):
        x = rng.normal(size=7) * 5
        assert math.isclose(kmeans_1d_dp(x, 3), brute_force_opt(x[:, None], 3), rel_tol=1e-9, abs_tol=1e-9)


def hartigan_delta(X, labels, x_idx, b):
    a = labels[x_idx]
    x = X[x_idx]
    na, nb = (labels == a).sum(), (labels == b).sum()
    mua, mub = X[labels == a].mean(axis=0), X[labels == b].mean(axis=0)
    return nb / (nb + 1) * ((x - mub) ** 2).sum() - na / (na - 1) * ((x - mua) ** 2).sum()


def test_hartigan_move_formula_and_example():
    rng = np.random.default_rng(6)
    for _ in range(200):
        X = rng.normal(size=(12, 2))
        labels = rng.integers(0, 3, size=12)
        labels[:3] = [0, 1, 2]
        i = int(rng.integers(3, 12))
        if (labels == labels[i]).sum() < 2:
            continue
        b = (labels[i] + 1) % 3
        moved = labels.copy()
        moved[i] = b
        assert math.isclose(
            partition_cost(X, moved) - partition_cost(X, labels),
            hartigan_delta(X, labels, i, b),
            abs_tol=1e-9,
        )
    # the worked example
    X = np.array([0, 2, 2.7, 3.7])[:, None]
    labels = np.array([0, 0, 1, 1])
    M = update(X, labels, np.zeros((2, 1)))
    assert np.allclose(M.ravel(), [1, 3.2])
    assert np.array_equal(assign(X, M), labels)  # a Lloyd fixed point
    assert math.isclose(partition_cost(X, labels), 2.5)
    assert math.isclose(hartigan_delta(X, labels, 1, 1), -1.04)
    assert math.isclose(partition_cost(X, np.array([0, 1, 1, 1])), 1.46)


def test_hartigan_fixed_points_are_lloyd_fixed_points():
    rng = np.random.default_rng(7)
    for _ in range(20):
        X = rng.normal(size=(30, 2))
        labels = np.arange(30) % 3
        improved = True
        while improved:
            improved = False
            for i in range(30):
                if (labels == labels[i]).sum() < 2:
                    continue
                for b in range(3):
                    if b != labels[i] and hartigan_delta(X, labels, i, b) < -1e-12:
                        labels[i] = b
                        improved = True
                        break
        M = update(X, labels, np.zeros((3, 2)))
        D = sqdist(X, M)
        assert np.all(D[np.arange(30), labels] <= D.min(axis=1) + 1e-12)


def test_kmeanspp_sampling_and_guarantee():
    # D² sampling frequency for the numeric question, simulated
    X = np.array([0, 1, 3, 7], dtype=float)[:, None]
    rng = np.random.default_rng(8)
    picks = []
    for _ in range(20000):
        d2 = (X[:, 0] - 0.0) ** 2
        picks.append(rng.choice(4, p=d2 / d2.sum()))
    assert abs(np.mean(np.array(picks) == 3) - 49 / 59) < 0.01
    # expected seeding cost ≤ 8(ln k + 2)·OPT, OPT by brute force on a tiny set
    X = np.array([[0, 0], [0, 1], [5, 5], [5, 6], [6, 5], [10, 0], [10.5, 0.5], [3, 3]], dtype=float)
    k = 3
    opt = brute_force_opt(X, k)
    costs = [float(sqdist(X, kmeanspp(X, k, rng)).min(axis=1).sum()) for _ in range(2000)]
    assert np.mean(costs) <= 8 * (math.log(k) + 2) * opt
    assert min(costs) >= opt - 1e-9


def test_init_sensitivity_claims():
    # chance of one uniform seed per blob, three equal blobs of m points, sampled without replacement
    m = 1000
    p = 6 * m**3 / (3 * m * (3 * m - 1) * (3 * m - 2))
    assert abs(p - 2 / 9) < 0.001 and abs(2 / 9 - 0.22) < 0.01
    # two seeds in the far blob, one seed for two nearby blobs: Lloyd stops at a worse fixed point
    rng = np.random.default_rng(9)
    centres = np.array([[0, 0], [4, 0], [20, 0]], dtype=float)
    X = blobs(rng, centres, 100, 0.5)
    bad_init = np.vstack([X[0], X[200], X[201]])  # one seed in blob 0, two in blob 2, none in blob 1
    labels, M, *_ = lloyd(X, bad_init)
    assert np.all(labels[:200] == 0)  # one centroid covers both nearby blobs
    assert len(set(labels[200:])) == 2  # the far blob is split
    good_labels, good_M, *_ = lloyd(X, centres)
    assert inertia(X, labels, M) > 5 * inertia(X, good_labels, good_M)
    # ...but Lloyd does not always stay stuck: with a free blob near the doubled seeds it can escape
    centres = np.array([[0, 0], [10, 0], [0, 10]], dtype=float)
    X = blobs(rng, centres, 100, 0.5)
    labels, M, *_ = lloyd(X, np.vstack([X[0], X[1], X[150]]))
    good_labels, good_M, *_ = lloyd(X, centres)
    assert math.isclose(inertia(X, labels, M), inertia(X, good_labels, good_M))


def test_inertia_falls_with_k():
    rng = np.random.default_rng(10)
    X = rng.normal(size=(6, 2))
    opts = [brute_force_opt(X, k) for k in range(1, 7)]
    assert all(b <= a + 1e-12 for a, b in itertools.pairwise(opts)) and opts[-1] < 1e-12
    # held-out inertia typically keeps falling too (no U-shape)
    centres = np.array([[0, 0], [6, 0], [0, 6]], dtype=float)
    train, test = blobs(rng, centres, 150, 1.0), blobs(rng, centres, 150, 1.0)
    held_out = []
    for k in range(1, 9):
        _, _, M = best_kmeans(train, k, rng)
        held_out.append(float(sqdist(test, M).min(axis=1).sum()))
    assert all(b < a for a, b in itertools.pairwise(held_out)), held_out


def test_gap_statistic_rule():
    rng = np.random.default_rng(11)

    def log_w(X, k):
        return math.log(best_kmeans(X, k, rng, n_init=3)[0])

    def gap_choice(X, kmax=5, B=10):
        lo, hi = X.min(axis=0), X.max(axis=0)
        gaps, s = [], []
        for k in range(1, kmax + 1):
            ref = np.array([log_w(rng.uniform(lo, hi, size=X.shape), k) for _ in range(B)])
            gaps.append(ref.mean() - log_w(X, k))
            s.append(ref.std() * math.sqrt(1 + 1 / B))
        for k in range(1, kmax):
            if gaps[k - 1] >= gaps[k] - s[k]:
                return k
        return kmax

    for _ in range(3):
        three = blobs(rng, np.array([[0, 0], [8, 0], [4, 7]], dtype=float), 40, 0.8)
        assert gap_choice(three) == 3
    # on structureless (uniform) data the rule usually answers k = 1, which silhouette cannot express
    picks = [gap_choice(rng.uniform(0, 1, size=(120, 2)), kmax=4) for _ in range(10)]
    assert picks.count(1) >= 6, picks


def test_silhouette_range():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(40, 2))
    s = silhouette_values(X, rng.integers(0, 3, size=40))
    assert np.all((s >= -1) & (s <= 1))


def test_empty_cluster_fixes():
    rng = np.random.default_rng(13)
    X = blobs(rng, np.array([[0, 0], [6, 0]], dtype=float), 50, 1.0)
    M = np.array([[0.0, 0.0], [6.0, 0.0], [100.0, 100.0]])
    labels = assign(X, M)
    M = update(X, labels, M)
    assert not np.any(labels == 2)  # cluster 2 is empty
    J0 = inertia(X, labels, M)
    # keep the old centroid: it stays empty
    assert not np.any(assign(X, M) == 2)
    # re-seed at the farthest point: J strictly decreases, and keeps decreasing
    d = ((X - M[labels]) ** 2).sum(axis=1)
    far = d.argmax()
    M2 = M.copy()
    M2[2] = X[far]
    labels2 = labels.copy()
    labels2[far] = 2
    assert math.isclose(inertia(X, labels2, M2), J0 - d[far]) and d[far] > 0
    labels3 = assign(X, M2)
    M3 = update(X, labels3, M2)
    assert inertia(X, labels3, M3) < J0 and np.bincount(labels3, minlength=3).min() > 0
    # the naive mean of an empty cluster is NaN
    with np.errstate(invalid="ignore"), pytest.warns(RuntimeWarning):
        assert np.isnan(X[labels == 2].mean(axis=0)).all()


def test_unequal_clusters_boundary_at_bisector():
    rng = np.random.default_rng(14)
    big = rng.normal([0, 0], 3.0, size=(1000, 2))
    small = rng.normal([7, 0], 0.3, size=(50, 2))
    X = np.vstack([big, small])
    labels, M, *_ = lloyd(X, np.array([[0.0, 0.0], [7.0, 0.0]]))
    captured = np.mean(labels[:1000] == 1)
    assert captured > 0.05, captured
    assert M[1, 0] < 6.0  # dragged towards the big cluster
    # a GMM with the true variances puts the boundary much nearer the tight cluster
    x_axis = np.linspace(0, 7, 7001)
    ll_big = np.log(1000 / 1050) - x_axis**2 / (2 * 9) - math.log(9)
    ll_small = np.log(50 / 1050) - (x_axis - 7) ** 2 / (2 * 0.09) - math.log(0.09)
    gmm_boundary = x_axis[np.argmax(ll_small > ll_big)]
    assert gmm_boundary > (M[0, 0] + M[1, 0]) / 2 + 1


def test_scaling_invariances():
    rng = np.random.default_rng(15)
    X = blobs(rng, np.array([[0, 0], [4, 1], [1, 5]], dtype=float), 40, 1.0)
    M0 = X[[0, 40, 80]]
    base, *_ = lloyd(X, M0)
    theta = 0.7
    R = np.array([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]])
    for T, shift in [(R, np.array([3.0, -2.0])), (2.5 * np.eye(2), np.zeros(2))]:
        lab, *_ = lloyd(X @ T.T + shift, M0 @ T.T + shift)
        assert np.array_equal(lab, base)
    # rescaling one feature changes the clustering
    S = np.diag([1.0, 30.0])
    lab, *_ = lloyd(X @ S, M0 @ S)
    assert not np.array_equal(lab, base)


def test_distance_trick():
    rng = np.random.default_rng(16)
    X, M = rng.normal(size=(50, 6)), rng.normal(size=(4, 6))
    r, s = (X**2).sum(axis=1), (M**2).sum(axis=1)
    D = r[:, None] - 2 * X @ M.T + s[None, :]
    assert np.allclose(D, sqdist(X, M))
    assert np.array_equal((s[None, :] - 2 * X @ M.T).argmin(axis=1), sqdist(X, M).argmin(axis=1))
    assert np.array_equal(np.sqrt(sqdist(X, M)).argmin(axis=1), sqdist(X, M).argmin(axis=1))
    # cancellation: nearly equal points with a large offset give negative "squared distances" in float32
    base = np.float32(1000.0)
    Xf = (base + rng.normal(size=(2000, 3)).astype(np.float32) * np.float32(1e-3)).astype(np.float32)
    Mf = Xf[:1] + np.float32(0)
    Df = (Xf**2).sum(axis=1)[:, None] - np.float32(2) * Xf @ Mf.T + (Mf**2).sum(axis=1)[None, :]
    assert (Df < 0).any()


def test_minibatch_running_mean():
    rng = np.random.default_rng(17)
    pts = rng.normal(size=(25, 3))
    mu = np.zeros(3)
    for count, x in enumerate(pts, start=1):
        eta = 1 / count
        mu = (1 - eta) * mu + eta * x
    assert np.allclose(mu, pts.mean(axis=0))


def test_gmm_hard_limit():
    rng = np.random.default_rng(18)
    X, M = rng.normal(size=(30, 2)) * 3, rng.normal(size=(3, 2)) * 3
    pi = np.array([0.2, 0.5, 0.3])
    D = sqdist(X, M)

    def resp(sigma, with_normaliser):
        d = X.shape[1]
        norm = (2 * math.pi * sigma**2) ** (-d / 2) if with_normaliser else 1.0
        logits = np.log(pi) - D / (2 * sigma**2) + math.log(norm)
        logits -= logits.max(axis=1, keepdims=True)
        R = np.exp(logits)
        return R / R.sum(axis=1, keepdims=True)

    assert np.allclose(resp(1.3, True), resp(1.3, False))  # the normaliser cancels
    R = resp(0.01, False)
    assert np.array_equal(R.argmax(axis=1), D.argmin(axis=1))
    assert np.allclose(R, np.eye(3)[D.argmin(axis=1)], atol=1e-9)
    labels = D.argmin(axis=1)
    M_step = (R.T @ X) / R.sum(axis=0)[:, None]
    assert np.allclose(M_step, update(X, labels, M))
    # hard-assignment complete-data log-likelihood = −J/(2σ²) − (nd/2)log(2πσ²) + Σ log π_c
    sigma, (n, d) = 1.7, X.shape
    ll = sum(
        math.log(pi[c]) - ((x - M[c]) ** 2).sum() / (2 * sigma**2) - d / 2 * math.log(2 * math.pi * sigma**2)
        for x, c in zip(X, labels, strict=True)
    )
    J = inertia(X, labels, M)
    assert math.isclose(
        ll, -J / (2 * sigma**2) - n * d / 2 * math.log(2 * math.pi * sigma**2) + np.log(pi[labels]).sum()
    )


def test_ss_decomposition_and_pairwise_identity():
    rng = np.random.default_rng(19)
    X = rng.normal(size=(40, 3))
    labels = rng.integers(0, 4, size=40)
    xbar = X.mean(axis=0)
    T = ((X - xbar) ** 2).sum()
    W = partition_cost(X, labels)
    B = sum(
        (labels == j).sum() * ((X[labels == j].mean(axis=0) - xbar) ** 2).sum() for j in np.unique(labels)
    )
    assert math.isclose(T, W + B)
    for j in np.unique(labels):
        C = X[labels == j]
        assert np.allclose((C - C.mean(axis=0)).sum(axis=0), 0)
        pair = sqdist(C, C).sum() / (2 * len(C))
        assert math.isclose(((C - C.mean(axis=0)) ** 2).sum(), pair)
    # with centroids that are NOT the means the cross term does not vanish
    M = np.array([X[labels == j].mean(axis=0) for j in range(4)]) + 0.5
    W_bad = inertia(X, labels, M)
    B_bad = sum((labels == j).sum() * ((M[j] - xbar) ** 2).sum() for j in range(4))
    assert not math.isclose(T, W_bad + B_bad)


def test_vq_objective_is_reconstruction_error():
    rng = np.random.default_rng(20)
    pixels = rng.integers(0, 256, size=(500, 3)).astype(float)
    J, labels, M = best_kmeans(pixels, 4, rng, n_init=2)
    assert math.isclose(J, float(np.linalg.norm(pixels - M[labels]) ** 2))


def test_integer_dtype_truncation_claim():
    X = np.array([[0, 0], [1, 1], [10, 10]])
    centroids = X[[0, 2]]  # inherits the integer dtype
    centroids[0] = X[:2].mean(axis=0)  # 0.5 is truncated
    assert centroids.dtype.kind == "i" and centroids[0, 0] == 0


def test_minibatch_and_complexity_costs():
    # assignment cost is linear in each of n, k, d: count scalar subtract-square operations
    def ops(n, k, d):
        return sqdist(np.zeros((n, d)), np.zeros((k, d))).size * d

    assert ops(100, 5, 3) == 100 * 5 * 3
    assert ops(200, 5, 3) == 2 * ops(100, 5, 3) and ops(100, 10, 3) == 2 * ops(100, 5, 3)
    assert ops(100, 5, 6) == 2 * ops(100, 5, 3)


def _text(qid: str) -> str:
    q = Q[qid]
    return " ".join(
        [q["prompt"], str(q["answer"]), q.get("explanation", "")] + q.get("steps", []) + q.get("choices", [])
    )


def test_stated_intermediate_numbers_match_the_computations():
    # each number below is recomputed in a test above; here we check the text states the same values
    stated = {
        "kmeans-lloyd-step-numeric": ["= 46", "μ₁ = (0+1+2)/3 = 1", "μ₂ = (9+10+14)/3 = 11"],
        "kmeans-pp-probability": ["0, 1, 9, 49", "sum = 59", "49 / 59"],
        "kmeans-silhouette-point": ["(3 + 5)/2 = 4", "(4 − 2) / max(2, 4)"],
        "kmeans-vq-ratio": ["6,291,456", "1,048,960", "262,144"],
        "kmeans-outlier-mean": ["110/5", "2.5", "median, 3"],
        "kmeans-scaling-flip": ["1,000,900", "100,000,001", "9.0025", "0.26"],
        "kmeans-distance-count": ["80,000", "1,600,000", "16,000,000"],
        "kmeans-hartigan-move": [
            "J = 2.5",
            "−1.04",
            "J = 1.46",
            "μ_b = 3.2",
            "n_b/(n_b+1)·‖x − μ_b‖² − nₐ/(nₐ−1)·‖x − μₐ‖²",
        ],
        "kmeans-global-optimum": ["J = 101", "is 1.5", "`0, 1, 15.5`"],
        "kmeans-init-sensitivity": ["2/9"],
        "kmeans-plus-plus": ["8(ln k + 2)"],
        "kmeans-mean-minimiser": ["f(x̄) + n‖μ − x̄‖²", "2n·I", "2nμ − 2 Σᵢ xᵢ"],
        "kmeans-voronoi": ["2(μ_b − μₐ)ᵀx ≤ ‖μ_b‖² − ‖μₐ‖²"],
        "kmeans-distance-trick": ["‖x‖² − 2xᵀμ + ‖μ‖²", "argminⱼ (sⱼ − 2xᵢᵀμⱼ)"],
        "kmeans-gmm-hard-limit": ["−J/(2σ²) − (nd/2)·log(2πσ²) + Σᵢ log π_c(i)"],
        "kmeans-ss-decomposition": ["B = Σⱼ nⱼ‖μⱼ − x̄‖²", "(1/(2nⱼ))"],
        "kmeans-minibatch": ["η = 1/count"],
    }
    for qid, needles in stated.items():
        for needle in needles:
            assert needle in _text(qid), (qid, needle)


def test_choice_answers_point_at_the_verified_statement():
    # the verified statement of each choice question is the one marked correct
    assert "NP-hard" in Q["kmeans-global-optimum"]["choices"][Q["kmeans-global-optimum"]["answer"]]
    assert "n_b/(n_b+1)" in Q["kmeans-hartigan-move"]["choices"][Q["kmeans-hartigan-move"]["answer"]]
    assert "farthest" in Q["kmeans-empty-fix"]["choices"][Q["kmeans-empty-fix"]["answer"]]
    assert "never increases" in Q["kmeans-inertia-vs-k"]["choices"][Q["kmeans-inertia-vs-k"]["answer"]]
    assert "strictly convex" in Q["kmeans-convexity"]["choices"][Q["kmeans-convexity"]["answer"]]
    assert "halfway" in Q["kmeans-unequal-clusters"]["choices"][Q["kmeans-unequal-clusters"]["answer"]]
    assert "fixed point" in Q["kmeans-init-sensitivity"]["choices"][Q["kmeans-init-sensitivity"]["answer"]]


# ----------------------------------------------------------------------------------------------------------
# Key-point patterns against realistic typed answers, and choice references as the learner sees them
# ----------------------------------------------------------------------------------------------------------


def _kp(qid: str, needle: str) -> dict:
    (kp,) = [kp for kp in Q[qid]["key_points"] if needle in kp["text"]]
    return kp


# (question, key point text fragment, typed answer that must NOT cover it): substrings inside unrelated words
# ("known" ⊃ "kn", "clustering" ⊃ "ring", "dominant" ⊃ "nan", "k-means" ⊃ "mean", "rubric" ⊃ "bic", ...)
DECOYS = [
    ("kmeans-why-converge", "finitely many partitions", "It is a well-known, widely used algorithm."),
    ("kmeans-why-converge", "not the global optimum", "Initialisation with k-means++ helps."),
    ("kmeans-lloyd", "mean of its assigned points", "Pick k-means++ seeds, label points, move centres."),
    ("kmeans-outliers", "pulled by outliers", "Use k-medoids instead of k-means."),
    ("kmeans-cluster-shapes", "unequal size", "Clustering results are bad during clustering."),
    ("kmeans-cluster-shapes", "spherical", "It struggles around background noise."),
    ("kmeans-choose-k", "gap statistic", "A symbiotic approach with a rubric from a cubic fit."),
    ("kmeans-empty-clusters", "NaN", "A dominant cluster can steal the points."),
    ("kmeans-iterations-bound", "max_iters", "It can escape or capture local optima."),
    ("kmeans-high-dimensions", "reduce dimension", "Upcast the features to float64."),
    ("kmeans-gmm-link", "hard-assignment EM", "A limitation of k-means is its spherical bias."),
    ("kmeans-minibatch", "small random batches", "Mini-batch k-means is a faster variant."),
    ("kmeans-predict-new-points", "uses as features", "Beyond segmentation, apply the same feature scaling."),
]

# (question, key point text fragment, typed answer that MUST cover it): usual phrasings of a strong candidate
PARAPHRASES = [
    ("kmeans-why-converge", "finitely many partitions", "there are at most k^n assignments"),
    ("kmeans-why-converge", "not the global optimum", "a local minimum, not necessarily the global one"),
    ("kmeans-lloyd", "mean of its assigned points", "recompute the means of each cluster"),
    ("kmeans-objective", "both the assignments", "optimised over labels and centers"),
    ("kmeans-outliers", "pulled by outliers", "the centroid is the mean, so one outlier drags it"),
    ("kmeans-cluster-shapes", "unequal size", "fails on rings and concentric circles"),
    ("kmeans-choose-k", "gap statistic", "or BIC on a GMM"),
    ("kmeans-empty-clusters", "NaN", "the mean of zero points is NaN"),
    ("kmeans-iterations-bound", "max_iters", "cap the number of iterations"),
    ("kmeans-complexity", "O(nkd) per iteration", "each iteration is O(knd)"),
    ("kmeans-complexity", "O(nkd) per iteration", "O(k*n*d*i) time"),
    ("kmeans-complexity", "times the number of iterations", "O(k*n*d*i) time"),
    ("kmeans-complexity", "memory O(nd)", "O(n*d + k*d) space"),
    ("kmeans-restarts", "proportionally more compute", "it multiplies the compute"),
    ("kmeans-gmm-link", "hard-assignment EM", "the σ → 0 limit of a GMM"),
    ("kmeans-minibatch", "small random batches", "sample a small batch each step"),
    ("kmeans-predict-new-points", "uses as features", "use the distances to the centroids as features"),
]


@pytest.mark.parametrize("qid,point,typed", DECOYS, ids=[f"{d[0]}:{d[2][:20]}" for d in DECOYS])
def test_patterns_ignore_substring_decoys(qid, point, typed):
    assert not covered(typed, _kp(qid, point), Q[qid]["prompt"]), (qid, point, typed)


@pytest.mark.parametrize("qid,point,typed", PARAPHRASES, ids=[f"{p[0]}:{p[2][:20]}" for p in PARAPHRASES])
def test_patterns_accept_usual_phrasings(qid, point, typed):
    assert covered(typed, _kp(qid, point), Q[qid]["prompt"]), (qid, point, typed)


def test_option_references_use_the_displayed_numbering():
    # the quiz shows choices numbered from 1 ("1. ...", "The answer is 2."), so explanations must too; every
    # "option N" in these explanations names a wrong choice, so read 1-based it must never be the keyed one
    seen = 0
    for q in of_type("choice"):
        for number in re.findall(r"\boption (\d+)", q["explanation"], re.IGNORECASE):
            assert 1 <= int(number) <= len(q["choices"]), (q["id"], number)
            assert int(number) - 1 != q["answer"], (q["id"], f"option {number} is the keyed answer")
            seen += 1
    assert seen >= 8
    assert "option 3 is wrong: a pointwise" in Q["kmeans-convexity"]["explanation"]
    assert "minimising out the assignments" in Q["kmeans-convexity"]["choices"][2]


def test_voronoi_partition_count_beats_k_to_the_n_only_for_large_n():
    # "O(n^(kd)) ... far fewer than kⁿ once n ≫ kd": false for small n, true for large n
    def log_ratio(n, k, d):  # log10(n^(kd) / k^n)
        return k * d * math.log10(n) - n * math.log10(k)

    assert log_ratio(100, 3, 10) > 0  # n^(kd) = 10^60 > 3^100 ≈ 5·10^47
    assert log_ratio(10_000, 3, 10) < 0
    assert "n ≫ kd" in Q["kmeans-iterations-bound"]["answer"]


# ----------------------------------------------------------------------------------------------------------
# As the quiz reads typed answers: prompt echo, negation, reject patterns


def _status(qid: str, needle: str, typed: str) -> str:
    kp = _kp(qid, needle)
    point = KeyPoint(kp["text"], tuple(kp["match"]), tuple(kp.get("reject") or ()))
    return judge_point(point, typed, Q[qid]["prompt"]).status


def test_prompt_typed_back_covers_nothing_and_the_answer_covers_everything():
    from drill.banks import load_bank
    from drill.matching import judge_answer

    loaded, problems = load_bank(BANK_PATH)
    assert loaded is not None and not problems
    for q in loaded.questions:
        if q.type != "recall":
            continue
        assert all(v.status == "missed" for v in judge_answer(q, q.prompt)), q.id
        assert all(v.status == "covered" for v in judge_answer(q, q.answer)), q.id


def test_seed_code_review_stands_on_what_the_prompt_shows():
    from drill.banks import load_bank
    from drill.matching import judge_answer

    loaded, _ = load_bank(BANK_PATH)
    q = next(q for q in loaded.questions if q.id == "kmeans-seed-code-review")
    assert "max_iter" not in q.prompt and "max_iter" not in q.answer
    assert "allclose" in q.answer and "before" in q.answer
    assert not any("max" in p for kp in q.key_points for p in kp.patterns)
    # the prompt's facts restated in other words flag nothing: only saying what is wrong with them counts
    restated = ("Empty clusters keep their old centroid; the returned labels are computed before the last update; "
                "it stops on np.allclose and broadcasts to a (k, n, d) array of random rows.")
    assert sum(v.status == "covered" for v in judge_answer(q, restated)) <= 1


READINGS = [
    ("kmeans-seed-code-review", "dead centroid", "an empty cluster may never win any points back", "covered"),
    ("kmeans-seed-code-review", "dead centroid", "keeping the old centroid is fine, it will win points back", "contradicted"),
    ("kmeans-seed-code-review", "before the last update", "the labels don't match the final centroids", "covered"),
    ("kmeans-seed-code-review", "before the last update", "do one final assignment step after the loop", "covered"),
    ("kmeans-seed-code-review", "before the last update", "labels computed before the last update", "missed"),
    ("kmeans-lloyd", "mean of its assigned points", "move each centroid to the mean of its points", "covered"),
    ("kmeans-lloyd", "mean of its assigned points", "k-means", "missed"),
    ("kmeans-objective", "non-convex", "the problem is jointly convex", "contradicted"),
    ("kmeans-why-converge", "not the global optimum", "so it converges to the global minimum", "contradicted"),
    ("kmeans-plus-plus", "proportional to squared distance", "the next centre is the farthest point", "contradicted"),
    ("kmeans-restarts", "lowest inertia", "average the resulting centroids", "contradicted"),
    ("kmeans-voronoi", "convex", "k-means can't find nonconvex clusters", "covered"),
    ("kmeans-voronoi", "convex", "it can capture non-convex shapes like moons", "contradicted"),
    ("kmeans-scaling", "standardise", "z-scoring each feature", "covered"),
    ("kmeans-vector-quantisation", "reconstruction error", "vector quantization", "missed"),
    ("kmeans-scaling", "not scale-invariant", "k-means is not scale-invariant", "covered"),
    ("kmeans-scaling", "not scale-invariant", "k-means is scale-invariant", "contradicted"),
    ("kmeans-outliers", "pulled by outliers", "k-means is robust to outliers", "contradicted"),
    ("kmeans-complexity", "times the number of iterations", "O(n*k*d*i)", "covered"),
]


@pytest.mark.parametrize("qid,point,typed,expected", READINGS, ids=[f"{r[0]}:{r[2][:24]}" for r in READINGS])
def test_typed_answers_read_as_the_quiz_reads_them(qid, point, typed, expected):
    assert _status(qid, point, typed) == expected, (qid, point, typed)
