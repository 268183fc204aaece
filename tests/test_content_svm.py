"""Content tests for questions/svm.yaml: every computable claim of the SVM bank, checked with NumPy.

Every numeric answer is recomputed from scratch. The derivations are checked on random data (the distance to a
hyperplane, the dual's algebra, the hinge subgradient by central differences, the RBF feature map by its
series). The facts the answers lean on are reproduced by solving small SVMs exactly with a from-scratch SMO
(maximal-violating-pair, as in libsvm): w = Σ αᵢyᵢxᵢ, Σ αᵢyᵢ = 0, 0 ≤ αᵢ ≤ C, strong duality, the KKT
classification of points by αᵢ, the margin 2/‖w‖, the slack as the hinge, what C and γ do, sparsity, that
adding far points changes nothing, scale dependence, the Mercer choice, the hinge's population minimiser.
Typical right and wrong phrasings are run through the real matcher.
The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from bank_content import key_point, read_bank, tolerance_of

from drill.matching import judge_point
from drill.models import KeyPoint

BANK_PATH, BANK, Q = read_bank("svm")


def point(qid: str, number: int) -> KeyPoint:
    return key_point(Q[qid], number)


# ----------------------------------------------------------------------------- a small exact SVM solver


def linear_kernel(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    return A @ B.T


def rbf_kernel(A: np.ndarray, B: np.ndarray, gamma: float) -> np.ndarray:
    d2 = (A**2).sum(1)[:, None] - 2 * A @ B.T + (B**2).sum(1)[None, :]
    return np.exp(-gamma * np.maximum(d2, 0))


class SVM:
    """The soft-margin dual solved by SMO with the maximal violating pair (libsvm's WSS1), to a tight tolerance.

    min_α ½ αᵀQα − Σ αᵢ  s.t.  0 ≤ αᵢ ≤ C, Σ αᵢyᵢ = 0, with Qᵢⱼ = yᵢyⱼK(xᵢ, xⱼ)."""

    def __init__(self, K: np.ndarray, y: np.ndarray, C: float, tol: float = 1e-9, max_iter: int = 200_000):
        n = len(y)
        self.K, self.y, self.C = K, y.astype(float), C
        Qm = (self.y[:, None] * self.y[None, :]) * K
        alpha = np.zeros(n)
        G = -np.ones(n)  # gradient Qα − e
        for _ in range(max_iter):
            minus_yG = -self.y * G
            up = ((self.y > 0) & (alpha < C)) | ((self.y < 0) & (alpha > 0))
            low = ((self.y < 0) & (alpha < C)) | ((self.y > 0) & (alpha > 0))
            i = np.flatnonzero(up)[np.argmax(minus_yG[up])]
            j = np.flatnonzero(low)[np.argmin(minus_yG[low])]
            gap = minus_yG[i] - minus_yG[j]
            if gap < tol:
                break
            curvature = max(K[i, i] + K[j, j] - 2 * K[i, j], 1e-12)
            t = gap / curvature
            t = min(t, C - alpha[i] if self.y[i] > 0 else alpha[i])
            t = min(t, alpha[j] if self.y[j] > 0 else C - alpha[j])
            alpha[i] += self.y[i] * t
            alpha[j] -= self.y[j] * t
            G += Qm[:, i] * self.y[i] * t - Qm[:, j] * self.y[j] * t
        else:  # pragma: no cover - the problems here are tiny
            raise AssertionError("SMO did not converge")
        alpha = np.clip(alpha, 0, C)
        self.alpha = alpha
        eps = 1e-7 * max(C, 1.0)
        free = (alpha > eps) & (alpha < C - eps)
        s = (alpha * self.y) @ K  # Σⱼ αⱼyⱼ K(xⱼ, xᵢ)
        if free.any():
            self.b = float(np.mean(self.y[free] - s[free]))
        else:  # no free support vector: b anywhere in the KKT interval, take its midpoint
            r = self.y - s
            lo = np.max(
                r[((self.y > 0) & (alpha < eps)) | ((self.y < 0) & (alpha > C - eps))], initial=-np.inf
            )
            hi = np.min(
                r[((self.y < 0) & (alpha < eps)) | ((self.y > 0) & (alpha > C - eps))], initial=np.inf
            )
            self.b = float((lo + hi) / 2)
        self.f_train = s + self.b
        self.eps = eps

    def dual_objective(self) -> float:
        ay = self.alpha * self.y
        return float(self.alpha.sum() - 0.5 * ay @ self.K @ ay)

    def w(self, X: np.ndarray) -> np.ndarray:
        return (self.alpha * self.y) @ X

    def support(self) -> np.ndarray:
        return self.alpha > self.eps


def linear_svm(X: np.ndarray, y: np.ndarray, C: float) -> tuple[SVM, np.ndarray, float]:
    model = SVM(linear_kernel(X, X), y, C)
    return model, model.w(X), model.b


def primal_objective(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, C: float) -> float:
    return float(0.5 * w @ w + C * np.maximum(0, 1 - y * (X @ w + b)).sum())


def two_blobs(n: int, sep: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    y = np.where(np.arange(n) % 2 == 0, 1.0, -1.0)
    X = rng.normal(size=(n, 2)) + sep / 2 * y[:, None] * np.array([1.0, 0.5])
    return X, y


# ----------------------------------------------------------------------------- numeric answers, recomputed


def solve_margin_numeric() -> float:
    w = np.array([2.0, 1.0, 2.0])
    return 2 / np.linalg.norm(w)


HINGE_W, HINGE_B = np.array([1.0, -1.0]), 0.5
HINGE_X = np.array([[2.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
HINGE_Y = np.array([1.0, 1.0, -1.0, -1.0])


def solve_hinge_numeric() -> float:
    return float(np.maximum(0, 1 - HINGE_Y * (HINGE_X @ HINGE_W + HINGE_B)).sum())


def solve_primal_objective_numeric() -> float:
    return primal_objective(HINGE_W, HINGE_B, HINGE_X, HINGE_Y, C=2.0)


def solve_rbf_numeric() -> float:
    return float(rbf_kernel(np.array([[1.0, 2.0]]), np.array([[2.0, 0.0]]), 0.5)[0, 0])


def solve_poly_features_numeric() -> float:
    return float(math.comb(100 + 3, 3))


def solve_gram_memory_numeric() -> float:
    return 50_000**2 * 8 / 1e9


NUMERIC_SOLVERS = {
    "svm-margin-numeric": solve_margin_numeric,
    "svm-hinge-numeric": solve_hinge_numeric,
    "svm-primal-objective-numeric": solve_primal_objective_numeric,
    "svm-rbf-numeric": solve_rbf_numeric,
    "svm-poly-features-numeric": solve_poly_features_numeric,
    "svm-gram-memory-numeric": solve_gram_memory_numeric,
}


def test_every_numeric_question_has_a_solver():
    assert {q["id"] for q in BANK["questions"] if q["type"] == "numeric"} == set(NUMERIC_SOLVERS)


@pytest.mark.parametrize("qid", sorted(NUMERIC_SOLVERS))
def test_numeric_answer_recomputed(qid):
    q = Q[qid]
    value = NUMERIC_SOLVERS[qid]()
    assert abs(value - q["answer"]) <= tolerance_of(q), f"{qid}: bank says {q['answer']}, computed {value}"


def test_margin_numeric_side_claims():
    w, b = np.array([2.0, 1.0, 2.0]), -3.0
    norm = np.linalg.norm(w)
    assert norm == pytest.approx(3.0)
    # the distance between the planes wᵀx + b = ±1, measured directly: a point on +1 projected onto −1
    x_plus = w * (1 - b) / (w @ w)
    assert w @ x_plus + b == pytest.approx(1.0)
    x_minus = x_plus - 2 * w / (w @ w)
    assert w @ x_minus + b == pytest.approx(-1.0)
    assert np.linalg.norm(x_plus - x_minus) == pytest.approx(2 / 3)
    assert abs(b) / norm == pytest.approx(1.0)  # the boundary's distance from the origin
    assert 2 / np.linalg.norm(2 * w) == pytest.approx(solve_margin_numeric() / 2)  # doubling w halves it


def test_hinge_numeric_per_point_values():
    f = HINGE_X @ HINGE_W + HINGE_B
    assert np.allclose(f, [2.5, 0.5, -0.5, 1.5])
    assert np.allclose(HINGE_Y * f, [2.5, 0.5, 0.5, -1.5])
    assert np.allclose(np.maximum(0, 1 - HINGE_Y * f), [0, 0.5, 0.5, 2.5])


def test_primal_objective_averaged_form_has_the_same_minimiser():
    n, C = 4, 2.0
    lam = 1 / (n * C)
    value = np.maximum(0, 1 - HINGE_Y * (HINGE_X @ HINGE_W + HINGE_B)).mean() + lam / 2 * HINGE_W @ HINGE_W
    assert value == pytest.approx(1.0)
    assert value == pytest.approx(solve_primal_objective_numeric() / (n * C))
    # the averaged objective is the primal divided by nC everywhere, so the minimiser is the same
    X, y = two_blobs(30, 2.0, seed=1)
    _, w, b = linear_svm(X, y, C=0.7)
    rng = np.random.default_rng(2)
    for _ in range(20):
        w2, b2 = w + 0.1 * rng.normal(size=2), b + 0.1 * rng.normal()
        avg = lambda w_, b_: np.maximum(0, 1 - y * (X @ w_ + b_)).mean() + 1 / (2 * 30 * 0.7) * w_ @ w_  # noqa: E731
        assert avg(w2, b2) == pytest.approx(primal_objective(w2, b2, X, y, 0.7) / (30 * 0.7))
        assert avg(w2, b2) >= avg(w, b) - 1e-9


def test_rbf_numeric_side_claims():
    x, z = np.array([[1.0, 2.0]]), np.array([[2.0, 0.0]])
    assert rbf_kernel(x, z, 5.0)[0, 0] == pytest.approx(1.4e-11, rel=0.01)
    rng = np.random.default_rng(3)
    A = rng.normal(size=(20, 3))
    K = rbf_kernel(A, A, 0.7)
    assert np.allclose(np.diag(K), 1) and np.all(K > 0) and np.all(K <= 1)


def test_poly_features_count_and_kernel_equals_explicit_inner_product():
    d, p = 100, 3
    by_degree = [math.comb(d + k - 1, k) for k in range(p + 1)]
    assert by_degree == [1, 100, 5_050, 171_700]
    assert sum(by_degree) == 176_851 == 103 * 102 * 101 // 6
    # small d: count monomials by enumeration, and build the scaled feature map of (xᵀz + 1)³ explicitly
    d = 4
    monomials = [m for k in range(4) for m in itertools.combinations_with_replacement(range(d), k)]
    assert len(monomials) == math.comb(d + 3, 3)
    rng = np.random.default_rng(4)
    x, z = rng.normal(size=d), rng.normal(size=d)

    def phi(v):
        # (vᵀz + 1)³ = Σ over multi-indices (k₀; k₁..k_d) with Σ = 3 of multinomial · Π vⱼ^kⱼ · Π zⱼ^kⱼ
        feats = []
        for m in monomials:
            counts = np.bincount(np.array(m, dtype=int), minlength=d) if m else np.zeros(d, dtype=int)
            k0 = 3 - counts.sum()
            coef = math.factorial(3) / (math.factorial(k0) * np.prod([math.factorial(c) for c in counts]))
            feats.append(math.sqrt(coef) * np.prod(v**counts))
        return np.array(feats)

    assert phi(x) @ phi(z) == pytest.approx((x @ z + 1) ** 3)


def test_gram_memory_side_claims():
    n = 50_000
    assert n * (n + 1) / 2 * 8 / 1e9 == pytest.approx(10, rel=0.001)  # one triangle
    assert n**2 * 4 / 1e9 == pytest.approx(10)  # float32
    assert (2 * n) ** 2 * 8 / 1e9 == pytest.approx(4 * solve_gram_memory_numeric())
    assert 100_000**2 == 10**10 and 100_000**2 * 8 / 1e9 == pytest.approx(80)  # svm-kernel-cost


# ----------------------------------------------------------------------------- the margin


def test_signed_distance_to_a_hyperplane():
    rng = np.random.default_rng(5)
    for _ in range(20):
        w, b, x = rng.normal(size=4), rng.normal(), rng.normal(size=4)
        r = (w @ x + b) / np.linalg.norm(w)
        xp = x - r * w / np.linalg.norm(w)  # the projection onto the hyperplane
        assert w @ xp + b == pytest.approx(0, abs=1e-12)
        assert np.linalg.norm(x - xp) == pytest.approx(abs(r))
        c = rng.uniform(0.1, 10)
        assert (c * w @ x + c * b) / np.linalg.norm(c * w) == pytest.approx(r)  # scale-free
        # w is normal to the hyperplane: the difference of two of its points is orthogonal to w
        v = rng.normal(size=4)
        x2 = xp + v - (v @ w) / (w @ w) * w
        assert w @ x2 + b == pytest.approx(0, abs=1e-12) and w @ (x2 - xp) == pytest.approx(0, abs=1e-12)


def test_hard_margin_on_a_tiny_problem():
    # two points: the max-margin boundary is their perpendicular bisector, the width their distance
    X = np.array([[0.0, 0.0], [2.0, 2.0]])
    y = np.array([-1.0, 1.0])
    model, w, b = linear_svm(X, y, C=1e6)
    assert np.allclose(w, [0.5, 0.5], atol=1e-6) and b == pytest.approx(-1.0, abs=1e-6)
    assert 2 / np.linalg.norm(w) == pytest.approx(np.linalg.norm(X[1] - X[0]), rel=1e-6)
    assert np.allclose(y * (X @ w + b), 1, atol=1e-6)  # both on the margin (canonical scaling)


def test_hard_margin_width_is_twice_the_closest_distance():
    rng = np.random.default_rng(6)
    X, y = two_blobs(40, 6.0, seed=7)
    model, w, b = linear_svm(X, y, C=1e6)
    margins = y * (X @ w + b)
    assert margins.min() == pytest.approx(1.0, abs=1e-6)  # canonical: the closest points at |f| = 1
    dist = margins / np.linalg.norm(w)
    assert dist.min() == pytest.approx(1 / np.linalg.norm(w), rel=1e-6)
    # no other separating hyperplane has a larger minimum distance
    best = dist.min()
    for _ in range(2_000):
        w2, b2 = w + 0.3 * rng.normal(size=2), b + 0.3 * rng.normal()
        assert (y * (X @ w2 + b2)).min() / np.linalg.norm(w2) <= best + 1e-9
    # the ≥ 0 constraint is useless: w = 0, b = 0 satisfies it
    assert np.all(y * (X @ np.zeros(2) + 0.0) >= 0)


def test_hard_margin_is_infeasible_on_overlapping_data():
    X = np.array([[0.0], [1.0], [2.0]])
    y = np.array([1.0, -1.0, 1.0])  # +, −, + on a line: no single threshold separates them
    for w in np.linspace(-50, 50, 201):
        for b in np.linspace(-100, 100, 401):
            assert (y * (X[:, 0] * w + b)).min() < 1


# ----------------------------------------------------------------------------- the dual, KKT, support vectors


@pytest.fixture(scope="module")
def soft():
    X, y = two_blobs(60, 2.0, seed=8)  # overlapping classes
    C = 1.0
    model, w, b = linear_svm(X, y, C)
    return X, y, C, model, w, b


def test_dual_solution_satisfies_stationarity_and_the_box(soft):
    X, y, C, model, w, b = soft
    a = model.alpha
    assert np.all(a >= 0) and np.all(a <= C)
    assert a @ y == pytest.approx(0, abs=1e-9)
    # primal variables from the dual: w = Σ αᵢyᵢxᵢ minimises the primal (checked against perturbations)
    p = primal_objective(w, b, X, y, C)
    rng = np.random.default_rng(9)
    for _ in range(300):
        assert primal_objective(w + 0.05 * rng.normal(size=2), b + 0.05 * rng.normal(), X, y, C) >= p - 1e-6


def test_strong_duality(soft):
    X, y, C, model, w, b = soft
    assert primal_objective(w, b, X, y, C) == pytest.approx(model.dual_objective(), rel=1e-6)


def test_kkt_classification_of_points(soft):
    X, y, C, model, w, b = soft
    a, m, eps = model.alpha, y * (X @ w + b), 1e-5
    zero, free, bound = a < model.eps, (a > model.eps) & (a < C - model.eps), a > C - model.eps
    assert zero.any() and free.any() and bound.any()
    assert np.all(m[zero] >= 1 - eps)  # on or outside the margin
    assert np.allclose(m[free], 1, atol=eps)  # exactly on the margin
    assert np.all(m[bound] <= 1 + eps)  # violators
    assert (m[bound] < 0).any() and ((m[bound] > 0) & (m[bound] < 1)).any()  # misclassified and inside
    # every point with yf < 1 is a support vector at the bound C, correctly classified or not
    assert np.all(bound[m < 1 - eps])
    # b from the free support vectors: b = yᵢ − Σⱼ αⱼyⱼ xⱼᵀxᵢ
    assert np.allclose(y[free] - (a * y) @ (X @ X[free].T), b, atol=1e-6)


def test_slack_is_the_hinge_and_bounds_the_errors(soft):
    X, y, C, model, w, b = soft
    m = y * (X @ w + b)
    xi = np.maximum(0, 1 - m)  # the smallest slack the two constraints allow
    errors = np.sum(m < 0)
    assert errors >= 1 and xi.sum() >= errors
    assert np.all(xi[(m > 0) & (m < 1)] < 1) and np.all(xi[m < 0] > 1)


def test_the_solution_depends_only_on_the_support_vectors(soft):
    X, y, C, model, w, b = soft
    sv = model.support()
    assert sv.sum() < len(y)
    _, w2, b2 = linear_svm(X[sv], y[sv], C)
    assert np.allclose(w2, w, atol=1e-5) and b2 == pytest.approx(b, abs=1e-5)
    # leave-one-out: removing a non-support vector leaves the solution, which classifies it correctly
    assert np.all(y[~sv] * (X[~sv] @ w + b) > 0)
    loo_errors = 0
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        _, wi, bi = linear_svm(X[keep], y[keep], C)
        loo_errors += y[i] * (X[i] @ wi + bi) <= 0
    assert loo_errors <= sv.sum()


def test_adding_far_points_changes_nothing_but_moves_logistic_regression(soft):
    X, y, C, model, w, b = soft
    rng = np.random.default_rng(10)
    labels = rng.choice([-1.0, 1.0], size=200)
    Xnew = rng.normal(size=(200, 2)) * 0.3 + labels[:, None] * np.array([4.0, 2.0])
    keep = labels * (Xnew @ w + b) > 1
    Xa, ya = np.vstack([X, Xnew[keep]]), np.concatenate([y, labels[keep]])
    model2, w2, b2 = linear_svm(Xa, ya, C)
    assert np.allclose(w2, w, atol=1e-5) and b2 == pytest.approx(b, abs=1e-5)
    assert np.all(model2.alpha[len(y) :] < model2.eps)

    def logreg(Xd, yd, lam=1.0, steps=30):  # L2-penalised, Newton's method
        Z = np.hstack([Xd, np.ones((len(yd), 1))])
        t = (yd + 1) / 2
        beta = np.zeros(3)
        for _ in range(steps):
            p = 1 / (1 + np.exp(-Z @ beta))
            g = Z.T @ (p - t) + lam * np.r_[beta[:2], 0]
            H = Z.T @ (Z * (p * (1 - p))[:, None]) + lam * np.diag([1, 1, 0])
            beta -= np.linalg.solve(H, g)
        return beta

    assert np.linalg.norm(logreg(Xa, ya) - logreg(X, y)) > 0.01  # every point has a non-zero gradient


def test_inside_margin_choice_point_has_alpha_at_c(soft):
    X, y, C, model, w, b = soft
    m = y * (X @ w + b)
    inside = (m > 0.01) & (m < 0.99)
    assert inside.any()
    assert np.allclose(model.alpha[inside], C, atol=1e-6)
    # the choice's numbers
    assert 1 - 0.4 == pytest.approx(0.6)


def test_dual_algebra_on_random_data():
    rng = np.random.default_rng(11)
    n, d, C = 12, 3, 0.8
    X, y = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], size=n)
    a = rng.uniform(0, C, size=n)
    w = (a * y) @ X
    G = (y[:, None] * y[None, :]) * (X @ X.T)
    # ½‖w‖² − Σ αᵢyᵢwᵀxᵢ = −½ ΣΣ αᵢαⱼyᵢyⱼxᵢᵀxⱼ
    assert 0.5 * w @ w - (a * y) @ (X @ w) == pytest.approx(-0.5 * a @ G @ a)
    # the Lagrangian at w = Σαyx, μ = C − α, Σαy = 0 equals the dual objective for any b and ξ
    a = a - y * (a @ y) / n  # project onto Σ αᵢyᵢ = 0 (y² = 1)
    assert a @ y == pytest.approx(0, abs=1e-12)
    w = (a * y) @ X
    mu = C - a
    for _ in range(5):
        b, xi = rng.normal(), rng.uniform(0, 2, size=n)
        L = 0.5 * w @ w + C * xi.sum() - a @ (y * (X @ w + b) - 1 + xi) - mu @ xi
        assert L == pytest.approx(a.sum() - 0.5 * a @ G @ a)
    # ∂L/∂w = w − Σ αᵢyᵢxᵢ vanishes there, checked by central differences in w
    b, xi = 0.3, rng.uniform(0, 1, size=n)

    def lag(wv):
        return 0.5 * wv @ wv + C * xi.sum() - a @ (y * (X @ wv + b) - 1 + xi) - mu @ xi

    h = 1e-6
    grad = np.array([(lag(w + h * e) - lag(w - h * e)) / (2 * h) for e in np.eye(d)])
    assert np.allclose(grad, 0, atol=1e-6)


def test_kernel_dual_predicts_through_kernel_values_only():
    X, y = two_blobs(40, 2.0, seed=12)
    K = rbf_kernel(X, X, 0.5)
    model = SVM(K, y, C=1.0)
    Xt = np.random.default_rng(13).normal(size=(5, 2))
    f = (model.alpha * y) @ rbf_kernel(X, Xt, 0.5) + model.b
    sv = model.support()
    f_sv = (model.alpha[sv] * y[sv]) @ rbf_kernel(X[sv], Xt, 0.5) + model.b  # O(#SV · d) per query
    assert np.allclose(f, f_sv)
    # a linear kernel in the dual reproduces wᵀx + b
    lin = SVM(linear_kernel(X, X), y, C=1.0)
    assert np.allclose((lin.alpha * y) @ (X @ Xt.T) + lin.b, Xt @ lin.w(X) + lin.b)


# ----------------------------------------------------------------------------- hinge loss and its subgradient


def test_hinge_is_a_convex_upper_bound_on_zero_one():
    m = np.linspace(-3, 3, 601)
    hinge = np.maximum(0, 1 - m)
    assert np.all(hinge >= (m <= 0))
    assert np.all(hinge[m >= 1] == 0) and np.all(hinge[(m > 0) & (m < 1)] > 0)
    assert np.all(np.diff(hinge, 2) >= -1e-12)  # convex on the grid


def test_hinge_subgradient_by_central_differences():
    rng = np.random.default_rng(14)
    n, d, C = 25, 3, 1.5
    X, y = rng.normal(size=(n, d)), rng.choice([-1.0, 1.0], size=n)

    def J(theta):
        w, b = theta[:d], theta[d]
        return 0.5 * w @ w + C * np.maximum(0, 1 - y * (X @ w + b)).sum()

    for _ in range(10):
        w, b = rng.normal(size=d), rng.normal()
        m = y * (X @ w + b)
        assert np.abs(m - 1).min() > 1e-4  # away from the kinks J is differentiable
        active = m < 1
        g_w = w - C * (y[active] @ X[active])
        g_b = -C * y[active].sum()
        theta, h = np.r_[w, b], 1e-7
        num = np.array([(J(theta + h * e) - J(theta - h * e)) / (2 * h) for e in np.eye(d + 1)])
        assert np.allclose(num, np.r_[g_w, g_b], atol=1e-5)


def test_subgradient_inequality_at_the_kink():
    # h(w) = max(0, 1 − y wᵀx) at a point with margin exactly 1: −t·y·x is a subgradient for every t ∈ [0, 1]
    rng = np.random.default_rng(15)
    x, y = rng.normal(size=3), 1.0
    w0 = x / (x @ x)  # y w0ᵀx = 1
    h = lambda w: max(0.0, 1 - y * w @ x)  # noqa: E731
    for t in [0.0, 0.3, 1.0]:
        g = -t * y * x
        for _ in range(200):
            v = w0 + rng.normal(size=3)
            assert h(v) >= h(w0) + g @ (v - w0) - 1e-12
    g_bad = -1.5 * y * x  # outside the segment: fails somewhere
    assert any(h(w0 + s * x) < h(w0) + g_bad @ (s * x) for s in [-0.1, -0.5])


def test_optimality_recovers_the_dual_weights(soft):
    X, y, C, model, w, b = soft
    # 0 ∈ ∂J: w = C Σ tᵢyᵢxᵢ with tᵢ = αᵢ/C ∈ [0, 1], tᵢ = 1 for violators and 0 beyond the margin
    t = model.alpha / C
    m = y * (X @ w + b)
    assert np.allclose(w, C * (t * y) @ X)
    assert np.allclose(t[m < 1 - 1e-5], 1, atol=1e-6) and np.allclose(t[m > 1 + 1e-5], 0, atol=1e-6)


def test_subgradient_descent_reaches_the_dual_solution(soft):
    X, y, C, model, w_star, b_star = soft
    n = len(y)
    lam = 1 / (n * C)  # Pegasos' objective (λ/2)‖w‖² + mean hinge is the primal / nC
    rng = np.random.default_rng(16)
    Z = np.hstack([X, np.ones((n, 1))])  # b as a feature (lightly penalised here: compare w only loosely)
    theta = np.zeros(3)
    avg = np.zeros(3)
    T = 20_000
    for t in range(1, T + 1):
        i = rng.integers(n)
        eta = 1 / (lam * t)
        active = y[i] * (Z[i] @ theta) < 1
        theta = (1 - eta * lam) * theta + (eta * y[i] * Z[i] if active else 0)
        if t > T // 2:
            avg += theta / (T - T // 2)
    p_star = primal_objective(w_star, b_star, X, y, C)
    assert primal_objective(avg[:2], avg[2], X, y, C) == pytest.approx(p_star, rel=0.05)


def test_population_minimiser_of_the_hinge_is_the_sign():
    f = np.linspace(-3, 3, 6001)
    for eta in [0.1, 0.3, 0.45, 0.55, 0.8, 0.95]:
        risk = eta * np.maximum(0, 1 - f) + (1 - eta) * np.maximum(0, 1 + f)
        assert f[np.argmin(risk)] == pytest.approx(np.sign(2 * eta - 1), abs=1e-3)
    # the log-loss minimiser, by contrast, is the log-odds: it keeps the probability
    eta = 0.8
    risk = eta * np.log1p(np.exp(-f)) + (1 - eta) * np.log1p(np.exp(f))
    assert f[np.argmin(risk)] == pytest.approx(math.log(eta / (1 - eta)), abs=1e-3)


def test_svm_scores_rank_sensibly_so_a_monotone_recalibration_works(soft):
    # svm-platt: the hinge does not target probabilities, yet held-out scores are ordered by P(y = 1 | f)
    X, y, C, model, w, b = soft
    Xh, yh = two_blobs(4_000, 2.0, seed=43)
    f = Xh @ w + b
    order = np.argsort(f)
    rates = [np.mean(yh[chunk] > 0) for chunk in np.array_split(order, 8)]
    assert all(a < c for a, c in zip(rates, rates[1:]))
    assert rates[0] < 0.15 and rates[-1] > 0.85


# ----------------------------------------------------------------------------- C and γ


def test_c_trades_margin_width_against_violations():
    X, y = two_blobs(80, 2.0, seed=17)
    widths, svs, slack, violations = [], [], [], []
    for C in [0.01, 0.1, 1.0, 10.0]:
        model, w, b = linear_svm(X, y, C)
        m = y * (X @ w + b)
        widths.append(2 / np.linalg.norm(w))
        svs.append(model.support().sum())
        violations.append(np.sum(m < 1))
        slack.append(np.maximum(0, 1 - m).sum())
    assert all(a > b for a, b in zip(widths, widths[1:]))  # small C: wider margin
    assert all(a > b for a, b in zip(svs, svs[1:]))  # more support vectors
    assert all(a > b for a, b in zip(violations, violations[1:]))  # more points inside the margin
    assert all(a > b for a, b in zip(slack, slack[1:]))  # large C: less total slack


def test_c_is_inverse_regularisation():
    # the L2-regularised average hinge with λ has the same minimiser as the C-form with C = 1/(nλ)
    X, y = two_blobs(40, 2.0, seed=18)
    n = len(y)
    for lam in [0.01, 0.1, 1.0]:
        C = 1 / (n * lam)
        _, w, b = linear_svm(X, y, C)
        obj = lambda w_, b_: lam / 2 * w_ @ w_ + np.maximum(0, 1 - y * (X @ w_ + b_)).mean()  # noqa: E731
        rng = np.random.default_rng(19)
        assert all(
            obj(w + 0.05 * rng.normal(size=2), b + 0.05 * rng.normal()) >= obj(w, b) - 1e-9
            for _ in range(100)
        )


def test_large_c_on_separable_data_is_the_hard_margin():
    X, y = two_blobs(30, 6.0, seed=20)
    _, w_hard, b_hard = linear_svm(X, y, 1e6)
    _, w_big, b_big = linear_svm(X, y, 1e3)
    assert np.allclose(w_big, w_hard, atol=1e-5) and b_big == pytest.approx(b_hard, abs=1e-5)


def test_gamma_large_memorises_small_flattens():
    X, y = two_blobs(60, 1.0, seed=21)  # heavily overlapping
    rng = np.random.default_rng(22)
    Xt = rng.normal(size=(400, 2))
    K_big = rbf_kernel(X, X, 1e3)
    assert np.abs(K_big - np.eye(len(y))).max() < 0.05  # Gram → identity
    big = SVM(K_big, y, C=10.0)
    assert np.all(np.sign(big.f_train) == y)  # 100% training accuracy
    assert big.support().mean() == 1.0  # every point a support vector
    # small γ with C fixed: every kernel value → 1 and the model is near constant
    K_small = rbf_kernel(X, X, 1e-6)
    assert np.abs(K_small - 1).max() < 1e-4
    small = SVM(K_small, y, C=1.0)
    f_test = (small.alpha * y) @ rbf_kernel(X, Xt, 1e-6) + small.b
    assert np.ptp(f_test) < 0.05


def test_small_gamma_with_large_c_tends_to_the_linear_svm():
    # Keerthi and Lin: as γ → 0 with C = C̃ / (2γ), the RBF SVM's decisions approach the linear SVM with C̃
    X, y = two_blobs(40, 2.0, seed=23)
    Xt = np.random.default_rng(24).normal(size=(300, 2)) * 2
    C_lin = 1.0
    _, w, b = linear_svm(X, y, C_lin)
    agreement = []
    for gamma in [1e-1, 1e-3]:
        m = SVM(rbf_kernel(X, X, gamma), y, C=C_lin / (2 * gamma))
        f = (m.alpha * y) @ rbf_kernel(X, Xt, gamma) + m.b
        agreement.append(np.mean(np.sign(f) == np.sign(Xt @ w + b)))
    assert agreement[-1] >= 0.98 and agreement[-1] >= agreement[0]


def test_sklearn_scale_gamma_on_standardised_data_is_one_over_d():
    rng = np.random.default_rng(25)
    X = rng.normal(size=(500, 7)) * rng.uniform(1, 100, size=7)
    Z = (X - X.mean(0)) / X.std(0)
    assert 1 / (Z.shape[1] * Z.var()) == pytest.approx(1 / 7)


# ----------------------------------------------------------------------------- kernels


def test_mercer_choice_eigenvalues():
    rng = np.random.default_rng(26)
    A = rng.normal(size=(30, 3))
    G = A @ A.T
    sq = (A**2).sum(1)
    D2 = sq[:, None] + sq[None, :] - 2 * G
    candidates = {
        0: (G + 1) ** 3,
        1: np.exp(-0.5 * D2),
        2: G + np.outer(sq, sq),
        3: -D2,
    }
    for idx, K in candidates.items():
        lowest = np.linalg.eigvalsh(K).min()
        if idx == Q["svm-mercer-choice"]["answer"]:
            assert lowest < -1e-6
        else:
            assert lowest > -1e-8 * np.abs(K).max()
    a = 2.0
    assert np.allclose(np.linalg.eigvalsh(np.array([[0, -a], [-a, 0]])), [-a, a])
    # the sigmoid kernel fails PSD for some parameters
    assert np.linalg.eigvalsh(np.tanh(1.0 * G - 1.0)).min() < 0


def test_rbf_feature_map_series_and_full_rank():
    gamma = 0.7
    rng = np.random.default_rng(27)
    x, z = rng.normal(size=2)

    def phi(v, terms=60):
        k = np.arange(terms)
        fact = np.array([float(math.factorial(int(i))) for i in k])
        return np.exp(-gamma * v**2) * np.sqrt((2 * gamma) ** k / fact) * v**k

    assert math.exp(-gamma * (x - z) ** 2) == pytest.approx(
        math.exp(-gamma * x**2) * math.exp(-gamma * z**2) * math.exp(2 * gamma * x * z)
    )
    assert phi(x) @ phi(z) == pytest.approx(math.exp(-gamma * (x - z) ** 2), rel=1e-12)
    # truncation gives finite approximations whose error shrinks with the number of terms
    errs = [abs(phi(x, m) @ phi(z, m) - math.exp(-gamma * (x - z) ** 2)) for m in (2, 4, 8)]
    assert errs[0] > errs[1] > errs[2]
    # the Gram matrix of distinct points is full rank (strictly positive definite) for every n
    for n in (5, 20, 40):
        pts = np.arange(n, dtype=float)[:, None]  # distinct, spaced 1 apart: well-conditioned
        assert np.linalg.eigvalsh(rbf_kernel(pts, pts, 1.0)).min() > 0
        assert np.linalg.matrix_rank(rbf_kernel(pts, pts, 1.0), tol=1e-14) == n
    # while m explicit features cap the rank of any Gram matrix at m
    F = rng.normal(size=(40, 5))
    assert np.linalg.matrix_rank(F @ F.T) == 5


def test_rbf_is_a_product_of_one_dimensional_kernels():
    rng = np.random.default_rng(28)
    x, z = rng.normal(size=(2, 4))
    assert math.exp(-0.3 * ((x - z) ** 2).sum()) == pytest.approx(np.prod(np.exp(-0.3 * (x - z) ** 2)))


# ----------------------------------------------------------------------------- practice


def test_rescaling_a_feature_changes_the_svm():
    X, y = two_blobs(50, 2.0, seed=29)
    Xt = np.random.default_rng(30).normal(size=(500, 2)) * 2
    _, w, b = linear_svm(X, y, C=1.0)
    scale = np.array([1.0, 0.1])  # the second feature in ten-times-larger units
    _, ws, bs = linear_svm(X * scale, y, C=1.0)
    u = ws * scale  # the rescaled model as a function of the original features
    angle = np.degrees(np.arccos(u @ w / (np.linalg.norm(u) * np.linalg.norm(w))))
    assert angle > 10  # the small-valued feature needs a large, heavily penalised weight, so it is underused
    pred, pred_scaled = np.sign(Xt @ w + b), np.sign((Xt * scale) @ ws + bs)
    assert np.mean(pred != pred_scaled) > 0.05  # a change of units moves the boundary
    # while a scale-invariant model would give the same predictions: w/scale is the same function
    assert np.allclose((Xt * scale) @ (w / scale) + b, Xt @ w + b)


def test_ovo_count_and_its_cost_under_quadratic_training():
    for K in range(3, 11):
        assert len(list(itertools.combinations(range(K), 2))) == K * (K - 1) // 2
        n = 10_000
        ovo = K * (K - 1) / 2 * (2 * n / K) ** 2
        ovr = K * n**2
        assert ovo == pytest.approx(2 * (K - 1) / K * n**2) and ovo < ovr


def test_support_vector_count_grows_with_n_on_noisy_data():
    counts = []
    for n in (40, 80, 160):
        X, y = two_blobs(n, 1.5, seed=31)
        counts.append(SVM(rbf_kernel(X, X, 0.5), y, C=1.0).support().sum())
    assert counts[0] < counts[1] < counts[2]
    assert counts[2] / 160 > 0.3  # a roughly constant fraction of n


# ----------------------------------------------------------------------------- the bank's shape and the matcher


def test_say_it_aloud_items():
    say = [q["id"] for q in BANK["questions"] if "say-it-aloud" in q["tags"]]
    assert {"svm-max-margin", "svm-kernel-trick"} <= set(say)
    for qid in say:
        assert Q[qid]["prompt"].startswith("Say it out loud")


def test_typing_the_prompt_back_ticks_nothing():
    for q in BANK["questions"]:
        for number in range(1, len(q.get("key_points") or []) + 1):
            verdict = judge_point(point(q["id"], number), q["prompt"], q["prompt"])
            assert verdict.status == "missed", (q["id"], number, verdict.excerpt)


PHRASINGS = [
    # (question, key point, typed, expected)
    ("svm-max-margin", 1, "it maximises the distance to the closest points of each class", "covered"),
    ("svm-max-margin", 1, "it maximises the average distance of all points to the line", "contradicted"),
    ("svm-max-margin", 1, "it picks the separating hyperplane with the smallest margin", "contradicted"),
    ("svm-max-margin", 4, "the support vectors are the points farthest from the boundary", "contradicted"),
    ("svm-max-margin", 4, "only the support vectors, the points closest to the boundary, matter", "covered"),
    ("svm-max-margin", 2, "the margin is 2 over the norm of w so you minimise the norm", "covered"),
    ("svm-max-margin", 3, "a bigger margin means lower capacity", "covered"),
    ("svm-max-margin", 4, "only the support vectors matter", "covered"),
    ("svm-hard-margin-primal", 1, "minimize half norm w squared", "covered"),
    ("svm-hard-margin-primal", 1, "min 0.5*||w||^2 subject to the constraints", "covered"),
    ("svm-hard-margin-primal", 1, "you minimise the squared norm of w", "covered"),
    ("svm-hard-margin-primal", 2, "every point must satisfy y(w·x + b) >= 1", "covered"),
    ("svm-hard-margin-primal", 2, "y(w·x + b) >= 0 for all points", "contradicted"),
    ("svm-hard-margin-primal", 4, "there's no solution if the classes are not linearly separable", "covered"),
    ("svm-soft-margin", 3, "a slack between 0 and 1 means inside the margin but still correct", "covered"),
    ("svm-soft-margin", 3, "any positive slack means the point is misclassified", "contradicted"),
    ("svm-c-effect", 1, "a small C gives a wider margin and more bias", "covered"),
    ("svm-c-effect", 1, "small C makes it overfit", "contradicted"),
    ("svm-c-effect", 2, "with a large C the margin gets narrow and you overfit", "covered"),
    ("svm-c-effect", 2, "a large C gives a wider, smoother boundary", "contradicted"),
    ("svm-c-effect", 3, "C is basically 1/lambda", "covered"),
    ("svm-c-effect", 3, "a higher C means stronger regularization", "contradicted"),
    ("svm-hinge-loss", 1, "max(0, 1 - y f(x))", "covered"),
    ("svm-hinge-loss", 1, "max(0, -y f(x))", "contradicted"),
    ("svm-hinge-loss", 3, "zero loss once the margin is at least 1", "covered"),
    ("svm-hinge-loss", 3, "every correctly classified point gets zero loss", "contradicted"),
    ("svm-kkt-support-vectors", 3, "alpha strictly between 0 and C: exactly on the margin", "covered"),
    ("svm-kkt-support-vectors", 4, "alpha = C for the points that violate the margin", "covered"),
    ("svm-support-vectors", 1, "the training points with non-zero alpha", "covered"),
    ("svm-support-vectors", 2, "they are the misclassified points", "contradicted"),
    ("svm-support-vectors", 3, "you could delete all the other points and get the same boundary", "covered"),
    ("svm-primal-vs-dual", 3, "because of the equality constraint sum alpha_i y_i = 0", "covered"),
    ("svm-primal-vs-dual", 1, "the dual has n variables, one per training point", "covered"),
    ("svm-primal-vs-dual", 1, "always the dual, since it has d variables", "contradicted"),
    ("svm-primal-vs-dual", 2, "I would always solve the dual", "contradicted"),
    (
        "svm-primal-vs-dual",
        2,
        "not always the dual: a linear SVM on big data is best in the primal",
        "covered",
    ),
    ("svm-kernel-trick", 1, "the dual only uses inner products between points", "covered"),
    ("svm-kernel-trick", 2, "you never compute the feature map explicitly", "covered"),
    ("svm-kernel-trick", 2, "you explicitly map the points into feature space", "contradicted"),
    ("svm-kernel-trick", 4, "the Gram matrix must be positive semi-definite", "covered"),
    ("svm-kernels-common", 1, "for text with lots of sparse features a linear kernel is enough", "covered"),
    ("svm-gamma", 1, "a large gamma makes the boundary wiggly and it overfits", "covered"),
    ("svm-gamma", 1, "high gamma gives a smoother boundary", "contradicted"),
    ("svm-gamma", 2, "with a small gamma it is smooth and underfits", "covered"),
    ("svm-gamma", 3, "gamma is one over 2 sigma squared", "covered"),
    ("svm-gamma", 3, "gamma is the width of the kernel", "contradicted"),
    ("svm-gamma", 4, "tune C and gamma together with a grid search", "covered"),
    ("svm-kernel-cost", 1, "the kernel matrix is n by n, so n squared memory", "covered"),
    ("svm-kernel-cost", 2, "training is somewhere between n^2 and n^3", "covered"),
    ("svm-kernel-cost", 2, "training is linear in n", "contradicted"),
    ("svm-kernel-cost", 4, "use the Nyström approximation or random Fourier features", "covered"),
    ("svm-feature-scaling", 2, "SVMs are scale invariant", "contradicted"),
    ("svm-feature-scaling", 4, "fit the scaler on the training set only, in a pipeline", "covered"),
    ("svm-feature-scaling", 4, "fit the scaler on the whole dataset", "contradicted"),
    ("svm-multiclass", 1, "one-vs-rest trains K classifiers", "covered"),
    ("svm-multiclass", 2, "one-vs-one trains a classifier for every pair", "covered"),
    ("svm-platt", 1, "no, it's a distance to the hyperplane, not a probability", "covered"),
    ("svm-platt", 3, "Platt scaling fits a sigmoid on the scores", "covered"),
    ("svm-platt", 4, "fit it on a held-out validation set", "covered"),
    ("svm-platt", 4, "fit the sigmoid on the training data", "contradicted"),
    ("svm-vs-logreg", 2, "logistic regression if I need probabilities", "covered"),
    ("svm-svr", 1, "it uses an epsilon-insensitive loss", "covered"),
    ("svm-svr", 1, "it minimises the squared error", "contradicted"),
    ("svm-svr", 2, "errors inside the tube are free", "covered"),
    # reversal sweep: the opposite claim inside an otherwise right answer, and right ones said with a negation
    ("svm-max-margin", 2, "the margin width is 2‖w‖, so we maximise ‖w‖", "contradicted"),
    ("svm-max-margin", 2, "the margin is 2/‖w‖, so we don't maximise ‖w‖, we minimise it", "covered"),
    ("svm-hard-margin-primal", 1, "maximise ½‖w‖² subject to the constraints", "contradicted"),
    ("svm-soft-margin", 1, "the constraints become y(wᵀx + b) ≥ 1 + ξ", "contradicted"),
    ("svm-soft-margin", 3, "with ξ > 1 the point is inside the margin but correct", "contradicted"),
    ("svm-hinge-loss", 4, "it's a non-convex lower bound on the 0–1 loss", "contradicted"),
    ("svm-hinge-loss", 4, "the 0-1 loss is non-convex, the hinge is a convex upper bound on it", "covered"),
    ("svm-kkt-support-vectors", 4, "with alpha = C the points lie exactly on the margin", "contradicted"),
    ("svm-primal-vs-dual", 1, "use the primal for kernels", "contradicted"),
    ("svm-kernel-trick", 4, "a valid kernel just needs a symmetric Gram matrix", "contradicted"),
    ("svm-kernel-trick", 4, "symmetry is not enough, the Gram matrix must be positive semi-definite", "covered"),
    ("svm-kernel-cost", 3, "prediction costs O(d), independent of the number of support vectors", "contradicted"),
    ("svm-multiclass", 3, "OvO is always more expensive, so SVC uses OvR", "contradicted"),
    ("svm-multiclass", 4, "the OvR scores aren't calibrated or comparable", "covered"),
    ("svm-platt", 2, "the hinge loss's minimiser is P(y = 1 | x) itself", "contradicted"),
    ("svm-vs-logreg", 2, "use the SVM when you need calibrated probabilities", "contradicted"),
    ("svm-svr", 4, "support vectors are the points inside the tube", "contradicted"),
    ("svm-svr", 4, "points inside the tube are not support vectors; the ones on or outside are", "covered"),
    ("svm-hinge-loss", 4, "the 0-1 loss is a lower bound of the hinge, which is convex", "covered"),
    ("svm-soft-margin", 4, "Σ ξᵢ is a lower bound on the training errors", "contradicted"),
    ("svm-support-vectors", 1, "support vectors are the points with αᵢ = 0 in the dual", "contradicted"),
    ("svm-hinge-loss", 1, "the hinge loss is max(0, y·f(x) − 1)", "contradicted"),
]


@pytest.mark.parametrize("qid, number, typed, expected", PHRASINGS)
def test_typical_phrasings(qid, number, typed, expected):
    verdict = judge_point(point(qid, number), typed, Q[qid]["prompt"])
    assert verdict.status == expected, (verdict.pattern, verdict.excerpt, verdict.reason)
