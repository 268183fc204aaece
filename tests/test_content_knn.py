"""Content tests for questions/knn.yaml: every computable claim of the KNN bank, checked with NumPy.

Each numeric question is recomputed from scratch, the derivations' identities are checked on random data,
and the facts the answers lean on (concentration of distances, Cover–Hart, cancellation in the vectorised
distance, condensing, ties) are reproduced in small, seeded experiments.
The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from drill.matching import judge_point
from drill.models import KeyPoint

BANK_PATH = Path(__file__).parents[1] / "questions" / "knn.yaml"


# ----------------------------------------------------------------------------- loading


@pytest.fixture(scope="module")
def bank() -> dict:
    with BANK_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def questions(bank) -> list[dict]:
    return bank["questions"]


@pytest.fixture(scope="module")
def by_id(questions) -> dict[str, dict]:
    return {q["id"]: q for q in questions}


def covered(key_point: dict, text: str, prompt: str = "") -> bool:
    """As the quiz reads it: match and reject patterns, negation, and the prompt's own words not counting."""
    point = KeyPoint(key_point["text"], tuple(key_point["match"]), tuple(key_point.get("reject") or ()))
    return judge_point(point, text, prompt).status == "covered"


def tolerance_of(q: dict) -> float:
    return q.get("tolerance", 0.01 * abs(q["answer"]))


# ----------------------------------------------------------------------------- small KNN helpers


def sq_dists(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Reference squared distances by explicit differences (no expansion)."""
    return ((A[:, None, :] - B[None, :, :]) ** 2).sum(-1)


def expanded_sq_dists(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """The bank's vectorised formula: ‖a‖² − 2ABᵀ + ‖b‖²."""
    return (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]


def distance_weights(dist: np.ndarray) -> np.ndarray:
    """1/d weights with the exact-match convention: zero-distance points get 1, all others 0."""
    dist = np.atleast_2d(np.asarray(dist, dtype=float))
    with np.errstate(divide="ignore"):
        w = 1.0 / dist
    inf_mask = np.isinf(w)
    inf_row = inf_mask.any(axis=1)
    w[inf_row] = inf_mask[inf_row]
    return w


def knn_classify(X, y, Q, k, weighted=False):
    D = np.sqrt(sq_dists(Q, X))
    idx = np.argsort(D, axis=1, kind="stable")[:, :k]
    d = np.take_along_axis(D, idx, axis=1)
    w = distance_weights(d) if weighted else np.ones_like(d)
    classes = np.unique(y)
    scores = np.stack([(w * (y[idx] == c)).sum(1) for c in classes], axis=1)
    return classes[np.argmax(scores, axis=1)]


def knn_regress(X, y, Q, k, weighted=False):
    D = np.sqrt(sq_dists(Q, X))
    idx = np.argsort(D, axis=1, kind="stable")[:, :k]
    d = np.take_along_axis(D, idx, axis=1)
    w = distance_weights(d) if weighted else np.ones_like(d)
    return (w * y[idx]).sum(1) / w.sum(1)


def one_nn_error_1d(x_train, y_train, x_test, y_test) -> float:
    """Exact 1-NN in one dimension via sorting (fast enough for large n)."""
    order = np.argsort(x_train)
    xs, ys = x_train[order], y_train[order]
    pos = np.clip(np.searchsorted(xs, x_test), 1, len(xs) - 1)
    left, right = xs[pos - 1], xs[pos]
    nearest = np.where(np.abs(x_test - left) <= np.abs(right - x_test), pos - 1, pos)
    return float(np.mean(ys[nearest] != y_test))


def knn_error_1d(x_train, y_train, x_test, y_test, k) -> float:
    """k-NN majority vote in 1-D using a sorted window search (k odd, binary labels)."""
    order = np.argsort(x_train)
    xs, ys = x_train[order], y_train[order].astype(float)
    csum = np.concatenate([[0.0], np.cumsum(ys)])
    n = len(xs)
    errors = 0
    for xq, yq in zip(x_test, y_test):
        lo = hi = int(np.searchsorted(xs, xq))  # window [lo, hi) grows to k points
        while hi - lo < k:
            if lo == 0:
                hi += 1
            elif hi == n:
                lo -= 1
            elif xq - xs[lo - 1] <= xs[hi] - xq:
                lo -= 1
            else:
                hi += 1
        pred = 1 if (csum[hi] - csum[lo]) * 2 > k else 0
        errors += pred != yq
    return errors / len(x_test)


# ----------------------------------------------------------------------------- seed items


def test_seed_items_are_their_own_tagged_questions(by_id):
    expected = {
        "knn-lazy-learner": ("Why is KNN called a lazy learner?", "asked-next"),
        "knn-feature-scaling": ("Why does feature scaling matter for KNN and K-means?", "asked-next"),
        "knn-baseline-vs-scale": ("Why can KNN be strong as a baseline but weak at scale?", "say-it-aloud"),
    }
    for qid, (prompt, tag) in expected.items():
        assert by_id[qid]["prompt"].strip() == prompt
        assert tag in by_id[qid]["tags"]


# ----------------------------------------------------------------------------- numeric answers, recomputed


def solve_scaled_distance() -> float:
    gaps = np.array([2000.0, 20.0])
    sigmas = np.array([20000.0, 10.0])
    return float(np.linalg.norm(gaps / sigmas))


def solve_weighted_vote_share() -> float:
    labels = np.array(["A", "B", "B", "A"])
    dist = np.array([1.0, 2.0, 2.0, 4.0])
    w = distance_weights(dist)[0]
    return float(w[labels == "A"].sum() / w.sum())


def solve_weighted_regression() -> float:
    X = np.array([[1.0], [2.0], [4.0], [7.0], [8.0]])
    y = np.array([3.0, 5.0, 4.0, 10.0, 12.0])
    return float(knn_regress(X, y, np.array([[3.0]]), k=3, weighted=True)[0])


def solve_brute_force_count() -> float:
    m, n, d = 1_000, 1_000_000, 128
    return float(m * n * d)


def solve_hypercube_edge() -> float:
    return 0.01 ** (1 / 10)


def solve_cover_hart_bound() -> float:
    r_star, classes = 0.1, 2
    return r_star * (2 - classes * r_star / (classes - 1))


NUMERIC_SOLVERS = {
    "knn-scaled-distance": solve_scaled_distance,
    "knn-weighted-vote-share": solve_weighted_vote_share,
    "knn-weighted-regression": solve_weighted_regression,
    "knn-brute-force-count": solve_brute_force_count,
    "knn-hypercube-edge": solve_hypercube_edge,
    "knn-cover-hart-bound": solve_cover_hart_bound,
}


def test_every_numeric_question_has_a_solver(questions):
    numeric_ids = {q["id"] for q in questions if q["type"] == "numeric"}
    assert numeric_ids == set(NUMERIC_SOLVERS)


@pytest.mark.parametrize("qid", sorted(NUMERIC_SOLVERS))
def test_numeric_answer_recomputed(by_id, qid):
    q = by_id[qid]
    value = NUMERIC_SOLVERS[qid]()
    assert abs(value - q["answer"]) <= tolerance_of(q), f"{qid}: bank says {q['answer']}, computed {value}"


def test_scaled_distance_side_claims(by_id):
    # unscaled distance quoted in the prompt, and "the means cancel": standardising real rows gives the same
    assert math.hypot(2000, 20) == pytest.approx(2000.1, abs=0.01)
    rng = np.random.default_rng(0)
    mu = np.array([55_000.0, 40.0])
    sd = np.array([20_000.0, 10.0])
    a = mu + rng.normal(size=2) * sd
    b = a + np.array([2000.0, 20.0])
    za, zb = (a - mu) / sd, (b - mu) / sd
    assert np.linalg.norm(za - zb) == pytest.approx(by_id["knn-scaled-distance"]["answer"], abs=1e-3)


def test_weighted_vote_share_side_claims():
    labels = np.array(["A", "B", "B", "A"])
    assert Counter(labels)["A"] == Counter(labels)["B"]  # unweighted 2–2 tie
    w = distance_weights([1.0, 2.0, 2.0, 4.0])[0]
    assert w[labels == "A"].sum() == pytest.approx(1.25) and w[labels == "B"].sum() == pytest.approx(1.0)


def test_weighted_regression_unweighted_is_four():
    X = np.array([[1.0], [2.0], [4.0], [7.0], [8.0]])
    y = np.array([3.0, 5.0, 4.0, 10.0, 12.0])
    assert knn_regress(X, y, np.array([[3.0]]), k=3)[0] == pytest.approx(4.0)


def test_brute_force_count_formula_by_instrumented_loop():
    # count per-coordinate operations in an explicit brute-force loop on a small case: m·n·d
    m, n, d = 3, 7, 5
    rng = np.random.default_rng(1)
    Q, X = rng.normal(size=(m, d)), rng.normal(size=(n, d))
    ops = 0
    for q in Q:
        for x in X:
            acc = 0.0
            for j in range(d):
                acc += (q[j] - x[j]) ** 2
                ops += 1
    assert ops == m * n * d
    # memory of the index in float32, and selection work m·n smaller by a factor d
    assert 1_000_000 * 128 * 4 == 512_000_000
    assert solve_brute_force_count() / (1_000 * 1_000_000) == 128


def test_hypercube_edge_by_monte_carlo_and_other_dimensions():
    rng = np.random.default_rng(2)
    edge = solve_hypercube_edge()
    pts = rng.random((400_000, 10))
    frac = np.mean(np.all(pts < edge, axis=1))
    assert frac == pytest.approx(0.01, abs=0.001)
    assert 0.01 ** (1 / 1) == pytest.approx(0.01)
    assert 0.01 ** (1 / 100) == pytest.approx(0.955, abs=0.001)


def test_cover_hart_bound_forms_agree():
    r = 0.1
    assert 2 * r * (1 - r) == pytest.approx(solve_cover_hart_bound())
    assert 2 * r == pytest.approx(0.2)  # the looser bound quoted in the explanation


# ----------------------------------------------------------------------------- distances


def test_minkowski_limits():
    rng = np.random.default_rng(3)
    d = 8
    x, y = rng.normal(size=d), rng.normal(size=d)
    gaps = np.abs(x - y)
    M = gaps.max()
    for p in [1, 2, 5, 20, 200]:
        Dp = (gaps**p).sum() ** (1 / p)
        assert M - 1e-12 <= Dp <= d ** (1 / p) * M + 1e-9
    assert (gaps**400).sum() ** (1 / 400) == pytest.approx(M, rel=0.01)
    # p = 1 is Manhattan, and p → 0 of the un-rooted sum counts non-zero gaps (Hamming)
    assert (gaps**1).sum() == pytest.approx(np.abs(x - y).sum())
    z = np.array([0.0, 3.0, 0.0, 0.2, 5.0])
    assert (np.abs(z)[np.abs(z) > 0] ** 1e-9).sum() == pytest.approx(np.count_nonzero(z), rel=1e-6)


def test_minkowski_below_one_breaks_triangle_inequality():
    def dp(a, b, p):
        return (np.abs(a - b) ** p).sum() ** (1 / p)

    a, b, c = np.array([0.0, 0.0]), np.array([1.0, 0.0]), np.array([1.0, 1.0])
    assert dp(a, c, 0.5) > dp(a, b, 0.5) + dp(b, c, 0.5)  # 4 > 1 + 1
    assert dp(a, c, 1.0) <= dp(a, b, 1.0) + dp(b, c, 1.0)


def test_cosine_euclidean_identity_and_ranking():
    rng = np.random.default_rng(4)
    A = rng.normal(size=(50, 16))
    A /= np.linalg.norm(A, axis=1, keepdims=True)
    q = rng.normal(size=16)
    q /= np.linalg.norm(q)
    cos = A @ q
    d2 = ((A - q) ** 2).sum(1)
    assert np.allclose(d2, 2 * (1 - cos))
    assert np.array_equal(np.argsort(d2), np.argsort(-cos))
    # without normalisation the rankings can differ
    B = A * rng.uniform(0.1, 10, size=(50, 1))
    assert not np.array_equal(np.argsort(((B - q) ** 2).sum(1)), np.argsort(-(B @ q) / np.linalg.norm(B, axis=1)))


def test_cosine_distance_is_not_a_metric_but_chord_is():
    def cos_dist(u, v):
        return 1 - u @ v / (np.linalg.norm(u) * np.linalg.norm(v))

    a, b, c = np.array([1.0, 0.0]), np.array([1.0, 1.0]) / np.sqrt(2), np.array([0.0, 1.0])
    assert cos_dist(a, c) > cos_dist(a, b) + cos_dist(b, c)

    def chord(u, v):
        return np.sqrt(max(2 * cos_dist(u, v), 0.0))

    rng = np.random.default_rng(5)
    for _ in range(500):
        u, v, w = rng.normal(size=(3, 4))
        assert chord(u, w) <= chord(u, v) + chord(v, w) + 1e-12


def test_one_hot_squared_euclidean_is_twice_hamming():
    rng = np.random.default_rng(6)
    cards = [3, 5, 2, 7]
    rows = np.stack([rng.integers(0, c, size=200) for c in cards], axis=1)

    def one_hot(r):
        return np.concatenate([np.eye(c)[v] for v, c in zip(r, cards)])

    H = np.array([[np.sum(a != b) for b in rows[:40]] for a in rows[:40]])
    O = np.array([one_hot(r) for r in rows[:40]])
    assert np.allclose(sq_dists(O, O), 2 * H)


def test_integer_codes_invent_an_order():
    red, green, blue = 1, 2, 3
    assert abs(blue - red) == 2 * abs(green - red)  # "twice as far", though all colours differ equally


def test_mahalanobis_is_euclidean_after_whitening():
    rng = np.random.default_rng(7)
    n, d = 500, 4
    X = rng.normal(size=(n, d)) @ rng.normal(size=(d, d))
    S = np.cov(X, rowvar=False)
    L = np.linalg.cholesky(S)
    Si = np.linalg.inv(S)
    for _ in range(20):
        x, y = X[rng.integers(n)], X[rng.integers(n)]
        diff = x - y
        maha = np.sqrt(diff @ Si @ diff)
        assert maha == pytest.approx(np.linalg.norm(np.linalg.solve(L, diff)))
    # a diagonal covariance reduces it to Euclidean distance on standardised features
    sd = X.std(axis=0, ddof=1)
    Sd_inv = np.diag(1 / sd**2)
    x, y = X[0], X[1]
    assert np.sqrt((x - y) @ Sd_inv @ (x - y)) == pytest.approx(np.linalg.norm((x - y) / sd))


def test_covariance_is_singular_when_d_at_least_n():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(5, 8))  # n = 5 < d = 8
    S = np.cov(X, rowvar=False)
    assert np.linalg.matrix_rank(S) <= 4
    shrunk = S + 0.1 * np.eye(8)
    assert np.linalg.matrix_rank(shrunk) == 8


# ----------------------------------------------------------------------------- scaling and features


def test_changing_units_changes_the_nearest_neighbour():
    X = np.array([[1.0, 100.0], [3.0, 101.0]])  # [feature a, length in metres]
    q = np.array([[1.5, 101.0]])
    nearest_m = np.argmin(sq_dists(q, X))
    Xmm, qmm = X * np.array([1.0, 1000.0]), q * np.array([1.0, 1000.0])  # same length in millimetres
    nearest_mm = np.argmin(sq_dists(qmm, Xmm))
    assert nearest_m != nearest_mm


def test_minmax_outlier_squashes_other_values():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 1000.0])
    mm = (x - x.min()) / (x.max() - x.min())
    z = (x - x.mean()) / x.std()
    assert np.ptp(mm[:5]) < 0.005  # five ordinary values squeezed into a sliver
    assert np.ptp(z[:5]) > np.ptp(mm[:5])


def test_irrelevant_features_pollute_distance():
    n = 400

    def make(noise_dims, seed):
        r = np.random.default_rng(seed)
        y = r.integers(0, 2, size=n)
        signal = (y * 2.0 - 1.0)[:, None] + 0.5 * r.normal(size=(n, 1))
        noise = r.normal(size=(n, noise_dims))
        return np.hstack([signal, noise]), y

    def accuracy(noise_dims):
        Xtr, ytr = make(noise_dims, 10)
        Xte, yte = make(noise_dims, 11)
        return np.mean(knn_classify(Xtr, ytr, Xte, k=1) == yte)

    clean, noisy = accuracy(0), accuracy(50)
    assert clean > 0.9
    assert noisy < clean - 0.2


# ----------------------------------------------------------------------------- k, votes, ties


def test_k_equals_n_predicts_majority_but_not_with_distance_weights():
    rng = np.random.default_rng(12)
    X = rng.normal(size=(31, 2))
    y = (X[:, 0] > 0.6).astype(int)  # minority class 1 on the right
    majority = Counter(y).most_common(1)[0][0]
    Q = rng.normal(size=(200, 2)) * 3
    uniform = knn_classify(X, y, Q, k=len(X))
    assert np.all(uniform == majority)
    weighted = knn_classify(X, y, Q, k=len(X), weighted=True)
    assert len(set(weighted)) == 2
    # regression analogue: k = n returns the global mean
    yr = rng.normal(size=31)
    assert np.allclose(knn_regress(X, yr, Q, k=31), yr.mean())


def test_knn_regression_variance_is_sigma2_over_k():
    rng = np.random.default_rng(13)
    sigma, k, reps = 2.0, 8, 40_000
    # fixed design: the estimate at x0 is the mean of k noisy targets f(x_l) + ε
    noise = rng.normal(scale=sigma, size=(reps, k))
    estimates = noise.mean(axis=1)
    assert estimates.var() == pytest.approx(sigma**2 / k, rel=0.03)


def test_odd_k_prevents_binary_ties_only():
    def has_tie(counts):
        top = max(counts)
        return sum(c == top for c in counts) > 1

    def compositions(k, c):
        return [v for v in itertools.product(range(k + 1), repeat=c) if sum(v) == k]

    for k in [1, 3, 5, 7, 9]:
        assert not any(has_tie(v) for v in compositions(k, 2))
    assert has_tie((1, 1, 1))  # k = 3, three classes
    assert has_tie((2, 2, 1))  # k = 5, prime, still ties
    assert any(has_tie(v) for v in compositions(4, 2))  # even k ties with two classes


def test_counter_most_common_breaks_ties_by_first_seen():
    labels_nearest_first = ["b", "a", "a", "b"]
    assert Counter(labels_nearest_first).most_common(1)[0][0] == "b"
    assert Counter(["a", "b", "b", "a"]).most_common(1)[0][0] == "a"


def test_distance_ties_make_selection_order_dependent():
    X = np.array([[1.0], [-1.0], [5.0]])
    y = np.array([0, 1, 0])
    q = np.array([[0.0]])
    first = knn_classify(X, y, q, k=1)[0]
    second = knn_classify(X[[1, 0, 2]], y[[1, 0, 2]], q, k=1)[0]
    assert first != second


def test_zero_distance_weighting_convention():
    naive = np.array([[0.0, 1.0, 2.0]])
    with np.errstate(divide="ignore", invalid="ignore"):
        w = 1 / naive
        assert np.isnan((w * np.array([1.0, 2.0, 3.0])).sum() / w.sum())
    w = distance_weights(naive)
    assert np.array_equal(w, [[1.0, 0.0, 0.0]])
    X = np.array([[0.0], [1.0], [2.0]])
    y = np.array([7.0, 1.0, 1.0])
    assert knn_regress(X, y, np.array([[0.0]]), k=3, weighted=True)[0] == pytest.approx(7.0)
    # 1/d weighting: training accuracy is trivially perfect
    rng = np.random.default_rng(14)
    Xr = rng.normal(size=(60, 3))
    yr = rng.integers(0, 3, size=60)
    assert np.all(knn_classify(Xr, yr, Xr, k=7, weighted=True) == yr)


def test_consistency_needs_growing_k():
    # η(x) = x on [0, 1]: R* = E[min(x, 1 − x)] = 1/4, asymptotic 1-NN error E[2x(1 − x)] = 1/3
    rng = np.random.default_rng(15)
    n, m = 20_000, 3_000
    xtr, xte = rng.random(n), rng.random(m)
    ytr, yte = (rng.random(n) < xtr).astype(int), (rng.random(m) < xte).astype(int)
    err1 = one_nn_error_1d(xtr, ytr, xte, yte)
    assert err1 == pytest.approx(1 / 3, abs=0.025)
    k = int(math.sqrt(n)) | 1
    errk = knn_error_1d(xtr, ytr, xte, yte, k)
    assert errk == pytest.approx(0.25, abs=0.025)
    assert errk < err1 - 0.05


def test_k_proportional_to_n_stays_biased():
    # η = 0.9 on [0.4, 0.6], 0.1 elsewhere: Bayes error 0.1, but a k = n/2 window around the bump
    # averages η to 0.42 and predicts 0 there
    rng = np.random.default_rng(16)
    n, m = 4_000, 1_000

    def eta(x):
        return np.where((x > 0.4) & (x < 0.6), 0.9, 0.1)

    xtr, xte = rng.random(n), rng.random(m)
    ytr, yte = (rng.random(n) < eta(xtr)).astype(int), (rng.random(m) < eta(xte)).astype(int)
    err_half = knn_error_1d(xtr, ytr, xte, yte, n // 2 + 1)
    err_sqrt = knn_error_1d(xtr, ytr, xte, yte, int(math.sqrt(n)) | 1)
    assert err_half == pytest.approx(0.26, abs=0.04)
    assert err_sqrt < 0.14


# The keyed choice of each choice question, tied to the test that establishes the fact.
CHOICE_KEYS = {
    "knn-minkowski-limit": "maxᵢ |xᵢ − yᵢ|",  # test_minkowski_limits
    "knn-k-equals-n": "majority class",  # test_k_equals_n_predicts_majority_but_not_with_distance_weights
    "knn-odd-k-multiclass": "three or more classes",  # test_odd_k_prevents_binary_ties_only
    "knn-scaler-leakage": "training part of each fold",  # leakage: a convention, not computable
    "knn-consistency-k": "k/n → 0",  # test_consistency_needs_growing_k, test_k_proportional_to_n_stays_biased
    "knn-sqrt-nan": "cancellation",  # test_vectorised_distance_cancellation_and_fixes, test_sqrt_nan_is_not_overflow
}


def test_every_choice_question_is_keyed_to_the_verified_option(questions):
    choice_ids = {q["id"] for q in questions if q["type"] == "choice"}
    assert choice_ids == set(CHOICE_KEYS)
    for q in questions:
        if q["type"] == "choice":
            right = q["choices"][q["answer"]]
            assert CHOICE_KEYS[q["id"]] in right, f"{q['id']}: keyed choice is {right!r}"
            others = [c for i, c in enumerate(q["choices"]) if i != q["answer"]]
            assert not any(CHOICE_KEYS[q["id"]] in c for c in others), q["id"]


# ----------------------------------------------------------------------------- 1-NN geometry, probabilities, regression


def test_one_nn_training_error_is_zero_and_two_point_boundary_is_a_bisector():
    rng = np.random.default_rng(17)
    X = rng.normal(size=(80, 3))
    y = rng.integers(0, 2, size=80)
    assert np.all(knn_classify(X, y, X, k=1) == y)
    a, b = rng.normal(size=(2, 2))
    Q = rng.normal(size=(2000, 2)) * 3
    pred = knn_classify(np.stack([a, b]), np.array([0, 1]), Q, k=1)
    linear = ((b - a) @ Q.T > (b @ b - a @ a) / 2).astype(int)
    assert np.array_equal(pred, linear)


def test_vote_fractions_take_k_plus_one_values():
    for k in [1, 3, 5, 10]:
        fractions = {c / k for c in range(k + 1)}
        assert len(fractions) == k + 1
    with np.errstate(divide="ignore"):
        assert np.isinf(-np.log(0.0))  # a confident wrong vote fraction of 0 → infinite log-loss
    k, C, alpha = 5, 2, 1.0
    assert (0 + alpha) / (k + C * alpha) > 0


def test_knn_regression_cannot_extrapolate_and_has_boundary_bias():
    rng = np.random.default_rng(18)
    X = rng.random((300, 1))
    y = 3 * X[:, 0]
    Q = np.array([[-1.0], [0.0], [0.5], [1.0], [2.0]])
    pred = knn_regress(X, y, Q, k=30)
    assert np.all((pred >= y.min()) & (pred <= y.max()))
    assert pred[-1] <= y.max() < 3 * 2.0  # a trend continuing to x = 2 would give 6
    assert pred[1] > 0.05  # at the left edge all neighbours are to the right: pulled up
    assert pred[3] < 3 - 0.05  # at the right edge: pulled down
    assert pred[2] == pytest.approx(1.5, abs=0.1)


# ----------------------------------------------------------------------------- cost, vectorised distances


def test_argpartition_selects_the_same_k_as_a_full_sort():
    rng = np.random.default_rng(19)
    d = rng.random(10_000)
    k = 7
    assert set(np.argpartition(d, k)[:k]) == set(np.argsort(d)[:k])


def test_vectorised_distance_identity_and_ranking_shortcut(by_id):
    rng = np.random.default_rng(20)
    A, B = rng.normal(size=(30, 6)), rng.normal(size=(40, 6))
    assert np.allclose(expanded_sq_dists(A, B), sq_dists(A, B))
    shortcut = (B**2).sum(1)[None, :] - 2 * A @ B.T  # drop ‖a‖², skip √
    assert np.array_equal(np.argsort(shortcut, axis=1), np.argsort(sq_dists(A, B), axis=1))
    # translation invariance: centring does not change distances
    c = rng.normal(size=6) * 100
    assert np.allclose(sq_dists(A - c, B - c), sq_dists(A, B))
    steps = " ".join(by_id["knn-vectorised-distance"]["steps"])
    assert "(A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]" in steps


def test_vectorised_distance_cancellation_and_fixes():
    rng = np.random.default_rng(0)
    A = (1e4 + rng.normal(size=(200, 64))).astype(np.float32)
    exact = sq_dists(A.astype(np.float64), A.astype(np.float64))
    off_diag = ~np.eye(200, dtype=bool)
    D32 = expanded_sq_dists(A, A)
    assert (D32 < 0).any()  # negative squared distances → NaN after √
    with np.errstate(invalid="ignore"):
        assert np.isnan(np.sqrt(D32)).any()
    assert np.abs(np.diag(D32)).max() > 1.0  # self-distance not zero
    assert np.abs(D32 - exact).max() > exact[off_diag].min()  # error exceeds the smallest true distance
    unit_roundoff = 2.0**-24
    assert unit_roundoff == pytest.approx(6e-8, rel=0.01)
    norm2 = float((A.astype(np.float64) ** 2).sum(1).max())
    assert norm2 == pytest.approx(64 * 1e8, rel=0.01)  # ‖a‖² ≈ d·10⁸
    assert np.abs(D32 - exact).max() >= unit_roundoff * norm2  # "at least of order ε·‖a‖²"
    # fixes: clip, centre, float64
    assert not np.isnan(np.sqrt(np.maximum(D32, 0))).any()
    Ac = A - A.mean(axis=0)
    assert np.abs(expanded_sq_dists(Ac, Ac) - exact).max() < 0.01
    A64 = A.astype(np.float64)
    assert np.abs(expanded_sq_dists(A64, A64) - exact).max() < 1e-3


def test_sqrt_nan_is_not_overflow():
    big = np.float32(1e4) ** 2
    assert np.isfinite(big) and big < np.finfo(np.float32).max
    assert np.finfo(np.float32).max == pytest.approx(3.4e38, rel=0.01)


def test_product_quantisation_memory_arithmetic():
    d, m = 128, 16
    assert d * 4 == 512  # float32 bytes per vector
    assert m * 1 == 16  # one byte per sub-vector code
    assert 2**8 == 256  # a byte indexes a 256-centroid codebook


# ----------------------------------------------------------------------------- curse of dimensionality


def test_distance_concentration_moments_exact():
    # density of u − v on [−1, 1] is 1 − |t|; integrate numerically
    t = np.linspace(-1, 1, 2_000_001)
    dens = 1 - np.abs(t)
    ez = np.trapezoid(t**2 * dens, t) if hasattr(np, "trapezoid") else np.trapz(t**2 * dens, t)
    ez2 = np.trapezoid(t**4 * dens, t) if hasattr(np, "trapezoid") else np.trapz(t**4 * dens, t)
    assert ez == pytest.approx(1 / 6, rel=1e-6)
    assert ez2 == pytest.approx(1 / 15, rel=1e-6)
    assert 2 * (1 / 5 - 1 / 6) == pytest.approx(1 / 15)
    assert 1 / 15 - 1 / 36 == pytest.approx(7 / 180)
    assert math.sqrt(7 / 180) / (1 / 6) == pytest.approx(math.sqrt(7 / 5))
    assert math.sqrt(7 / 5) == pytest.approx(1.18, abs=0.005)
    assert math.sqrt((7 / 180) / (4 / 6)) == pytest.approx(math.sqrt(7 / 120))
    assert math.sqrt(7 / 120) == pytest.approx(0.24, abs=0.005)


def test_distance_concentration_monte_carlo():
    rng = np.random.default_rng(21)
    for d in [10, 100, 1000]:
        x, y = rng.random((20_000, d)), rng.random((20_000, d))
        S = ((x - y) ** 2).sum(1)
        assert S.mean() == pytest.approx(d / 6, rel=0.01)
        assert S.var() == pytest.approx(7 * d / 180, rel=0.05)
        assert S.std() / S.mean() == pytest.approx(math.sqrt(1.4 / d), rel=0.05)
        if d >= 100:
            assert np.sqrt(S).std() == pytest.approx(math.sqrt(7 / 120), rel=0.05)


def test_nearest_to_farthest_ratio_tends_to_one():
    rng = np.random.default_rng(22)
    ratios = []
    for d in [2, 20, 200, 2000]:
        X = rng.random((500, d))
        q = rng.random(d)
        dist = np.sqrt(((X - q) ** 2).sum(1))
        ratios.append(dist.max() / dist.min())
    assert all(a > b for a, b in zip(ratios, ratios[1:]))
    assert ratios[-1] < 1.15 < 3 < ratios[0]


def test_derivation_steps_state_the_computed_constants(by_id):
    # each equality below is verified numerically in the two tests above
    steps = " ".join(by_id["knn-distance-concentration"]["steps"])
    for claim in [
        "Var u + Var v = 1/12 + 1/12 = 1/6",
        "∫ t⁴(1 − |t|) dt = 2(1/5 − 1/6) = 1/15",
        "Var Z = 1/15 − 1/36 = 7/180",
        "`E[S] = d/6`, `Var S = 7d/180`",
        "√(7d/180) / (d/6) = √(7/5)/√d ≈ 1.18/√d → 0",
        "√(Var S) / (2√E[S]) = √(7/120) ≈ 0.24",
    ]:
        assert claim in steps, claim
    assert 1 / 12 + 1 / 12 == pytest.approx(1 / 6)


# ----------------------------------------------------------------------------- Cover–Hart


def test_derivation_steps_state_the_checked_identities(by_id):
    cover = " ".join(by_id["knn-cover-hart-proof"]["steps"])
    for claim in [
        "η(1 − η) + (1 − η)η = 2η(1 − η) = 2r(1 − r)",
        "`2(1 − r) ≥ 1`, so `2r(1 − r) ≥ r`",
        "`E[f(r)] ≤ f(E[r]) = 2R*(1 − R*) ≤ 2R*`",
    ]:
        assert claim in cover, claim
    cosine = " ".join(by_id["knn-cosine-euclidean"]["steps"])
    assert "`‖a − b‖² = 2 − 2 cos θ = 2(1 − cos θ)`" in cosine
    assert "`‖a − b‖² = ‖a‖² − 2 a·b + ‖b‖²`" in cosine


def test_cover_hart_pointwise_identities_and_bounds():
    eta = np.linspace(0, 1, 10_001)
    r = np.minimum(eta, 1 - eta)
    assert np.allclose(2 * eta * (1 - eta), 2 * r * (1 - r))
    assert np.all(2 * r * (1 - r) >= r - 1e-15)
    # equality only where r ∈ {0, 1/2}
    tight = np.isclose(2 * r * (1 - r), r)
    assert np.allclose(r[tight] * (0.5 - r[tight]), 0)


def test_cover_hart_jensen_on_random_distributions():
    rng = np.random.default_rng(23)
    for _ in range(200):
        r = rng.random(rng.integers(1, 50)) * 0.5
        p = rng.dirichlet(np.ones(len(r)))
        R_star = p @ r
        R = p @ (2 * r * (1 - r))
        assert R_star - 1e-12 <= R <= 2 * R_star * (1 - R_star) + 1e-12
        # multiclass bound with M = 2 is the same expression
        assert 2 * R_star * (1 - R_star) == pytest.approx(R_star * (2 - 2 * R_star / 1))


def test_cover_hart_limit_by_simulation():
    # η(x) = x: R* = 1/4, R_1NN → 1/3, bound 2·¼·¾ = 0.375
    rng = np.random.default_rng(24)
    n, m = 50_000, 50_000
    xtr, xte = rng.random(n), rng.random(m)
    ytr, yte = (rng.random(n) < xtr).astype(int), (rng.random(m) < xte).astype(int)
    err = one_nn_error_1d(xtr, ytr, xte, yte)
    assert err == pytest.approx(1 / 3, abs=0.01)
    assert 0.25 < err < 2 * 0.25 * 0.75


# ----------------------------------------------------------------------------- condensing and anomaly scores


def condensed_nn(X, y, rng):
    order = rng.permutation(len(X))
    keep = []
    for c in np.unique(y):
        keep.append(order[np.nonzero(y[order] == c)[0][0]])
    changed = True
    while changed:
        changed = False
        for i in order:
            if i in keep:
                continue
            pred = knn_classify(X[keep], y[keep], X[i : i + 1], k=1)[0]
            if pred != y[i]:
                keep.append(i)
                changed = True
    return np.array(keep)


def test_condensed_nn_is_a_smaller_consistent_subset():
    rng = np.random.default_rng(25)
    X = rng.normal(size=(300, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    keep = condensed_nn(X, y, rng)
    assert np.all(knn_classify(X[keep], y[keep], X, k=1) == y)  # consistent subset
    assert len(keep) < len(X) / 3
    # order dependence: another sweep order gives a different subset
    keep2 = condensed_nn(X, y, np.random.default_rng(99))
    assert set(keep) != set(keep2)


def test_condensing_keeps_mislabelled_points_and_editing_removes_them():
    rng = np.random.default_rng(26)
    X = rng.normal(size=(300, 2))
    y = (X[:, 0] > 0).astype(int)
    # flip a few deep-interior points that are far from one another (isolated label noise)
    flipped: list[int] = []
    for i in np.nonzero(np.abs(X[:, 0]) > 1.5)[0]:
        if all(np.linalg.norm(X[i] - X[j]) > 1.0 for j in flipped):
            flipped.append(int(i))
    flipped = np.array(flipped[:5])
    assert len(flipped) >= 3
    y[flipped] = 1 - y[flipped]
    keep = condensed_nn(X, y, rng)
    assert set(flipped) <= set(keep)
    # Wilson editing with k = 3 (leave-one-out) removes the flipped deep-interior points
    D = sq_dists(X, X)
    np.fill_diagonal(D, np.inf)
    nn3 = np.argsort(D, axis=1)[:, :3]
    misclassified = (y[nn3].sum(1) >= 2).astype(int) != y
    assert set(flipped) <= set(np.nonzero(misclassified)[0])


def test_kth_neighbour_distance_flags_outlier_and_needs_self_exclusion():
    rng = np.random.default_rng(27)
    X = np.vstack([rng.normal(size=(200, 2)), [[8.0, 8.0]]])
    D = np.sqrt(sq_dists(X, X))
    with_self = np.sort(D, axis=1)[:, 0]
    assert np.allclose(with_self, 0)  # the point itself is its own nearest neighbour
    np.fill_diagonal(D, np.inf)
    k = 5
    score = np.sort(D, axis=1)[:, k - 1]
    assert np.argmax(score) == 200


# ----------------------------------------------------------------------------- key points vs realistic typed answers


def _kp(by_id, qid: str, needle: str) -> dict:
    (kp,) = [kp for kp in by_id[qid]["key_points"] if needle in kp["text"]]
    return kp


# (question, key point text fragment, typed answer that must NOT cover it): words that merely echo the
# prompt ("mixed", "approximate") or contain the pattern by accident ("in order to", "limitation")
KNN_DECOYS = [
    ("knn-ties", "depend on data order", "In order to handle ties I would use odd k."),
    ("knn-condensing", "order-dependent", "In order to shrink it, keep fewer points."),
    ("knn-hamming-categorical", "Gower", "One-hot encode; for mixed data I would do that too."),
    ("knn-ann", "trades exact recall", "Approximate methods such as HNSW are fast."),
    ("knn-kd-ball-trees", "O(log n)", "They work in low dimensions but not in high dimensions."),
    ("knn-cover-hart", "an asymptotic (n → ∞)", "A limitation of 1-NN is noise."),
    ("knn-algorithm", "averages the neighbours", "The meaning of similar is set by the metric."),
]

KNN_PARAPHRASES = [
    ("knn-lazy-learner", "deferred to prediction", "all computation happens at inference"),
    ("knn-lazy-learner", "deferred to prediction", "the work waits until a query comes in"),
    ("knn-lazy-learner", "only stores", "training is just saving X and y"),
    ("knn-lazy-learner", "cheap training", "prediction is expensive"),
    ("knn-choice-of-k", "small k gives high variance", "lower k gives more variance"),
    ("knn-choice-of-k", "small k gives high variance", "increasing k reduces variance"),
    ("knn-choice-of-k", "large k gives high bias", "bigger k underfits"),
    ("knn-choice-of-k", "large k gives high bias", "increasing k increases bias"),
    ("knn-ties", "depend on data order", "the result depends on the order of the training rows"),
    ("knn-irrelevant-features", "every feature counts equally", "KNN can't ignore a feature"),
    ("knn-distance-metrics", "Hamming", "Jaccard for sets"),
    ("knn-ann", "locality-sensitive hashing", "Annoy builds random projection trees"),
    ("knn-ann", "trades exact recall", "you give up exactness for a speed/accuracy trade-off"),
    ("knn-curse-of-dimensionality", "distances concentrate", "all points are roughly equidistant"),
    ("knn-curse-of-dimensionality", "remedies", "reduce dimensionality first"),
    ("knn-condensing", "order-dependent", "the subset depends on the order of the data"),
]


@pytest.mark.parametrize("qid,point,typed", KNN_DECOYS, ids=[f"{d[0]}:{d[2][:20]}" for d in KNN_DECOYS])
def test_patterns_ignore_decoys(by_id, qid, point, typed):
    assert not covered(_kp(by_id, qid, point), typed, by_id[qid]["prompt"]), (qid, point, typed)


@pytest.mark.parametrize("qid,point,typed", KNN_PARAPHRASES, ids=[f"{p[0]}:{p[2][:20]}" for p in KNN_PARAPHRASES])
def test_patterns_accept_usual_phrasings(by_id, qid, point, typed):
    assert covered(_kp(by_id, qid, point), typed, by_id[qid]["prompt"]), (qid, point, typed)


def test_min_max_does_not_keep_sparse_zeros_but_max_abs_does(by_id):
    # the bank now says max-abs (not min-max) keeps zeros at zero: min-max maps 0 to −min/(max − min)
    x = np.array([-2.0, 0.0, 0.0, 3.0, 0.0])
    minmax = (x - x.min()) / (x.max() - x.min())
    maxabs = x / np.abs(x).max()
    assert np.all(minmax[x == 0] != 0) and np.all(maxabs[x == 0] == 0)
    assert "max-abs" in by_id["knn-standardise-vs-minmax"]["answer"]


# ----------------------------------------------------------------------------- as the quiz reads typed answers


def _status(by_id, qid: str, needle: str, typed: str) -> str:
    kp = _kp(by_id, qid, needle)
    point = KeyPoint(kp["text"], tuple(kp["match"]), tuple(kp.get("reject") or ()))
    return judge_point(point, typed, by_id[qid]["prompt"]).status


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


# (question, key point text fragment, typed answer, status): phrasings an outside audit reported, and their kin
KNN_READINGS = [
    ("knn-standardise-vs-minmax", "min-max is sensitive", "min-max is robust to outliers", "contradicted"),
    ("knn-standardise-vs-minmax", "min-max is sensitive", "I'd go with min-max, since it's robust to outliers", "contradicted"),
    ("knn-standardise-vs-minmax", "min-max is sensitive", "Min-max handles outliers better", "contradicted"),
    ("knn-standardise-vs-minmax", "min-max is sensitive", "min-max isn't robust to outliers", "covered"),
    ("knn-standardise-vs-minmax", "min-max is sensitive", "one outlier sets the range and squashes the rest", "covered"),
    ("knn-standardise-vs-minmax", "subtracts the mean", "Z-scoring each feature", "covered"),
    ("knn-standardise-vs-minmax", "subtracts the mean", "standardisation or min-max scaling", "missed"),
    ("knn-feature-scaling", "standardise or min-max", "Z-scoring fixes it", "covered"),
    ("knn-lazy-learner", "cheap training", "fitting is essentially free", "covered"),
    ("knn-prediction-cost", "training is essentially free", "fitting is essentially free", "covered"),
    ("knn-prediction-cost", "O(n·d) per query", "each query only costs O(k) since k neighbours vote", "contradicted"),
    ("knn-prediction-cost", "O(n·d) memory", "time and memory", "missed"),
    ("knn-prediction-cost", "O(n·d) memory", "it keeps the whole training set in RAM", "covered"),
    ("knn-anomaly-detection", "exclude the point itself", "don't count the point as its own neighbour", "covered"),
    ("knn-anomaly-detection", "exclude the point itself", "don't count itself", "covered"),
    ("knn-choice-of-k", "cross-validation", "leave-one-out: don't count the point as its own neighbour", "covered"),
    ("knn-choice-of-k", "small k gives high variance", "small k has high bias and large k high variance", "contradicted"),
    ("knn-kd-ball-trees", "recursive partitioning", "the leaves are small buckets of points", "covered"),
    ("knn-ann", "locality-sensitive hashing", "similar vectors land in the same buckets", "covered"),
    ("knn-probabilities", "poorly calibrated", "plot them against the y = x diagonal", "covered"),
    ("knn-probabilities", "poorly calibrated", "they are not well calibrated", "covered"),
    ("knn-probabilities", "poorly calibrated", "vote fractions are already well calibrated", "contradicted"),
    ("knn-regression", "cannot extrapolate", "it can't extrapolate beyond the data", "covered"),
    ("knn-regression", "cannot extrapolate", "like a linear model it can extrapolate the trend", "contradicted"),
    ("knn-mahalanobis", "invertible covariance", "the covariance might not be invertible", "covered"),
    ("knn-lazy-learner", "contrast with eager", "it is nonparametric", "covered"),
    ("knn-kd-ball-trees", "degrade to brute force", "they don't work in high dimensions", "covered"),
    ("knn-kd-ball-trees", "degrade to brute force", "they stop helping in high dimensions", "covered"),
    ("knn-kd-ball-trees", "degrade to brute force", "they scale well to high dimensions", "contradicted"),
    ("knn-cover-hart", "says nothing about finite samples", "it says nothing about finite samples", "covered"),
    ("knn-cover-hart", "says nothing about finite samples", "1-NN is not consistent", "covered"),
    ("knn-hamming-categorical", "invent an order", "don't label-encode, the integers create a false ordering", "covered"),
]


@pytest.mark.parametrize("qid,point,typed,expected", KNN_READINGS, ids=[f"{r[0]}:{r[2][:24]}" for r in KNN_READINGS])
def test_typed_answers_read_as_the_quiz_reads_them(by_id, qid, point, typed, expected):
    assert _status(by_id, qid, point, typed) == expected, (qid, point, typed)
