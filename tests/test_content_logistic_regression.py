"""Content tests for questions/logistic-regression.yaml.

Every computable claim in the bank is recomputed here with NumPy: each numeric answer from scratch,
each gradient/Hessian against finite differences, each closed form against a generic solver, and the
statistical claims (separation, calibration, resampling, standard errors…) on seeded synthetic data.
The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

BANK_PATH = Path(__file__).parents[1] / "questions" / "logistic-regression.yaml"
BANK = yaml.safe_load(BANK_PATH.read_text(encoding="utf-8"))
QUESTIONS = BANK["questions"]
Q = {q["id"]: q for q in QUESTIONS}


# ------------------------------------------------------------------------------------------------
# Helpers: a small, careful reference implementation
# ------------------------------------------------------------------------------------------------


def sigmoid(z):
    """Stable sigmoid: never exponentiates a positive number."""
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def logit(p):
    return np.log(p / (1.0 - p))


def bce_from_logits(z, y):
    """Per-example log-loss from logits, the stable form stated in the bank."""
    z = np.asarray(z, dtype=float)
    return np.maximum(z, 0.0) - y * z + np.log1p(np.exp(-np.abs(z)))


def with_ones(X):
    return np.c_[np.ones(len(X)), X]


def objective(w, X, y, lam=0.0, pen=None, sw=None):
    """Mean (optionally sample-weighted) NLL + (lam/2)·Σ pen_j w_j²."""
    n = len(y)
    sw = np.ones(n) if sw is None else sw
    pen = np.ones(X.shape[1]) if pen is None else pen
    return np.sum(sw * bce_from_logits(X @ w, y)) / n + 0.5 * lam * np.sum(pen * w**2)


def gradient(w, X, y, lam=0.0, pen=None, sw=None):
    n = len(y)
    sw = np.ones(n) if sw is None else sw
    pen = np.ones(X.shape[1]) if pen is None else pen
    p = sigmoid(X @ w)
    return X.T @ (sw * (p - y)) / n + lam * pen * w


def hessian(w, X, y=None, lam=0.0, pen=None, sw=None):
    n = len(X)
    sw = np.ones(n) if sw is None else sw
    pen = np.ones(X.shape[1]) if pen is None else pen
    p = sigmoid(X @ w)
    s = sw * p * (1 - p)
    return (X.T * s) @ X / n + lam * np.diag(pen)


def fit_newton(X, y, lam=0.0, pen=None, sw=None, max_iter=100, tol=1e-11, return_history=False):
    """Damped Newton (backtracking line search) on the mean NLL + L2; the 'generic solver' of these tests."""
    w = np.zeros(X.shape[1])
    history = []
    for _ in range(max_iter):
        g = gradient(w, X, y, lam, pen, sw)
        history.append(np.max(np.abs(g)))
        if history[-1] < tol:
            break
        step = np.linalg.solve(hessian(w, X, y, lam, pen, sw), g)
        f0, t = objective(w, X, y, lam, pen, sw), 1.0
        while objective(w - t * step, X, y, lam, pen, sw) > f0 - 1e-4 * t * (g @ step) and t > 1e-12:
            t *= 0.5
        w = w - t * step
    else:
        raise AssertionError("Newton did not converge")
    return (w, history) if return_history else w


def num_grad(f, w, h=1e-6):
    g = np.zeros_like(w)
    for j in range(len(w)):
        e = np.zeros_like(w)
        e[j] = h
        g[j] = (f(w + e) - f(w - e)) / (2 * h)
    return g


def normal_cdf(z):
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def logistic_data(rng, n, w_true, b_true):
    X = rng.normal(size=(n, len(w_true)))
    y = (rng.random(n) < sigmoid(X @ w_true + b_true)).astype(float)
    return X, y


# ------------------------------------------------------------------------------------------------
# Seed items (the bank's form is checked in tests/test_bank_form.py)
# ------------------------------------------------------------------------------------------------


def test_seed_items_present():
    ce = Q["logreg-cross-entropy-vs-mse"]
    assert ce["prompt"] == "Why does logistic regression use cross-entropy instead of MSE?"
    assert "asked-next" in ce["tags"]
    lin = Q["logreg-still-linear-classifier"]
    assert lin["prompt"].startswith("Why is logistic regression still a linear classifier")
    assert "say-it-aloud" in lin["tags"]


# ------------------------------------------------------------------------------------------------
# Choice questions: the keyed choice is the one the facts support
# ------------------------------------------------------------------------------------------------

# For each choice question, a pattern only the right choice matches; the facts behind each are tested below
# (zero init: test_zero_init_gradient_differs_across_features; separation: test_separable_data_no_mle;
# L1: test_l1_sparsity_and_kkt; C: test_l2_map_and_sklearn_c; intercept: test_intercept_penalty_biases_rare_class;
# XOR: test_xor_needs_interaction).
CHOICE_KEY = {
    "logreg-zero-init-choice": r"convex",
    "logreg-separable-choice": r"grows without bound",
    "logreg-l1-l2-choice": r"^L1.*kink",
    "logreg-c-parameter-choice": r"weaker",
    "logreg-intercept-penalty-choice": r"toward 0\.5",
    "logreg-xor-choice": r"x₁·x₂ makes",
    "logreg-stable-loss-choice": r"log1p",
}


def test_every_choice_question_is_keyed():
    assert {q["id"] for q in QUESTIONS if q["type"] == "choice"} == set(CHOICE_KEY)


@pytest.mark.parametrize("qid", sorted(CHOICE_KEY))
def test_choice_answer_is_the_supported_one(qid):
    q = Q[qid]
    matching = [i for i, c in enumerate(q["choices"]) if re.search(CHOICE_KEY[qid], c)]
    assert matching == [q["answer"]], (qid, matching, q["answer"])


def test_stable_loss_choice_by_evaluation():
    """Evaluate the four candidate expressions literally; only the keyed one is right everywhere."""
    q = Q["logreg-stable-loss-choice"]
    zs = np.array([-800.0, -40.0, -1.0, 0.0, 2.0, 40.0, 800.0])

    def exact(z, y):  # softplus(z) − yz in closed forms that are exact for large |z|
        return (z if z > 0 else 0.0) + math.log1p(math.exp(-abs(z))) - y * z

    def naive(z, y, dt=np.float64):
        z = dt(z)
        s = dt(1) / (dt(1) + np.exp(-z))
        return float(-(dt(y) * np.log(s) + (dt(1) - dt(y)) * np.log(dt(1) - s)))

    candidates = [
        lambda z, y: naive(z, y),
        lambda z, y: float(np.log(1 + np.exp(z)) - y * z),
        lambda z, y: float(np.maximum(z, 0) - y * z + np.log1p(np.exp(-np.abs(z)))),
        lambda z, y: naive(z, y, np.float32),
    ]
    ok = []
    with np.errstate(all="ignore"):
        for f in candidates:
            good = True
            for z in zs:
                for y in (0.0, 1.0):
                    v, e = f(z, y), exact(z, y)
                    good &= bool(np.isfinite(v)) and abs(v - e) <= 1e-6 * max(1.0, abs(e))
            ok.append(good)
    assert ok == [i == q["answer"] for i in range(4)], ok


# ------------------------------------------------------------------------------------------------
# Every numeric answer, recomputed from scratch
# ------------------------------------------------------------------------------------------------


def _gradient_value():
    X = np.array([[2.0, 1.0], [-1.0, 3.0]])
    y = np.array([1.0, 0.0])
    return gradient(np.zeros(2), X, y)[0]


def _mse_gradient_value():
    z, y = -5.0, 1.0
    f = lambda t: 0.5 * (sigmoid(t) - y) ** 2  # noqa: E731
    return abs((f(z + 1e-6) - f(z - 1e-6)) / 2e-6)


def _undersampling():
    beta, p_model = 0.1, 0.5
    odds = beta * p_model / (1 - p_model)
    return odds / (1 + odds)


def _cost_threshold():
    # Search the threshold that minimises expected cost for calibrated p on a fine grid.
    c_fn, c_fp = 9.0, 1.0
    p = np.linspace(0, 1, 100_001)
    flag_better = p * c_fn > (1 - p) * c_fp
    return p[np.argmax(flag_better)]


NUMERIC = {
    "logreg-sigmoid-value": lambda: float(sigmoid(2.0)),
    "logreg-probability-from-weights": lambda: float(
        sigmoid(np.array([1.5, -2.0]) @ np.array([2.0, 1.0]) + 0.5)
    ),
    "logreg-boundary-distance": lambda: (
        (np.array([3.0, 4.0]) @ np.array([2.0, 1.0]) - 5.0) / np.linalg.norm([3.0, 4.0])
    ),
    "logreg-threshold-logit": lambda: float(logit(0.8)),
    "logreg-mse-gradient-value": _mse_gradient_value,
    "logreg-log-loss-value": lambda: float(
        np.mean(
            -np.array([1, 0, 1]) * np.log([0.9, 0.2, 0.6])
            - (1 - np.array([1, 0, 1])) * np.log(1 - np.array([0.9, 0.2, 0.6]))
        )
    ),
    "logreg-confident-wrong-loss": lambda: -math.log(0.01),
    "logreg-gradient-value": _gradient_value,
    "logreg-odds-ratio-value": lambda: math.exp(2 * 0.7),
    "logreg-probability-change": lambda: float(sigmoid(logit(0.2) + math.log(2))),
    "logreg-undersampling-correction": _undersampling,
    "logreg-cost-threshold": _cost_threshold,
    "logreg-softmax-value": lambda: float(np.exp(2) / np.exp([2.0, 1.0, 0.0]).sum()),
    "logreg-margin-loss-value": lambda: math.log1p(math.exp(-2.0)),
}


def test_every_numeric_question_is_recomputed():
    numeric_ids = {q["id"] for q in QUESTIONS if q["type"] == "numeric"}
    assert numeric_ids == set(NUMERIC)


@pytest.mark.parametrize("qid", sorted(NUMERIC))
def test_numeric_answer(qid):
    q = Q[qid]
    tol = q.get("tolerance", 0.01 * abs(q["answer"]))
    value = NUMERIC[qid]()
    assert abs(value - q["answer"]) <= tol, (qid, value, q["answer"], tol)


def test_numeric_side_claims():
    # mse-gradient: cross-entropy's |p − y| is ~150× larger.
    p = sigmoid(-5.0)
    ratio = (1 - p) / ((1 - p) * p * (1 - p))
    assert 140 < ratio < 160
    # gradient-value: one step with lr 0.1 gives +0.075.
    assert abs(0 - 0.1 * _gradient_value() - 0.075) < 1e-12
    # probability-change: the same feature moves 0.5 -> 0.667 and 0.9 -> 0.947.
    assert abs(sigmoid(logit(0.5) + math.log(2)) - 2 / 3) < 1e-9
    assert abs(sigmoid(logit(0.9) + math.log(2)) - 0.947) < 5e-4
    # cost-threshold: logit threshold log(1/9).
    assert abs(logit(0.1) - (-2.197)) < 1e-3
    # undersampling: general formula and logit shift of log 10.
    for pp in (0.2, 0.5, 0.9):
        b = 0.1
        assert abs(b * pp / (b * pp + 1 - pp) - sigmoid(logit(pp) - math.log(1 / b))) < 1e-12
    # sigmoid anchors quoted in the explanation.
    for z, v in [(1, 0.73), (2, 0.88), (3, 0.95), (5, 0.993)]:
        assert abs(sigmoid(z) - v) < 0.005
    # boundary distance: doubling (w, b) doubles the logit but not the distance.
    w, b, x = np.array([6.0, 8.0]), -10.0, np.array([2.0, 1.0])
    assert abs((w @ x + b) / np.linalg.norm(w) - 1.0) < 1e-12


# ------------------------------------------------------------------------------------------------
# Sigmoid, odds, decision boundary
# ------------------------------------------------------------------------------------------------


def test_sigmoid_derivative_steps():
    z = np.linspace(-8, 8, 161)
    fd = (sigmoid(z + 1e-6) - sigmoid(z - 1e-6)) / 2e-6
    step2 = np.exp(-z) / (1 + np.exp(-z)) ** 2
    factor = np.exp(-z) / (1 + np.exp(-z))
    assert np.allclose(fd, step2, atol=1e-9)
    assert np.allclose(factor, 1 - sigmoid(z))
    assert np.allclose(fd, sigmoid(z) * (1 - sigmoid(z)), atol=1e-9)
    dense = np.linspace(-5, 5, 100_001)
    d = sigmoid(dense) * (1 - sigmoid(dense))
    assert abs(d.max() - 0.25) < 1e-12 and abs(dense[d.argmax()]) < 1e-9
    assert sigmoid(40.0) * (1 - sigmoid(40.0)) < 1e-15


def test_sigmoid_properties():
    z = np.linspace(-20, 20, 401)
    assert np.allclose(sigmoid(-z), 1 - sigmoid(z))
    assert sigmoid(0.0) == 0.5
    assert np.allclose(logit(sigmoid(np.linspace(-10, 10, 41))), np.linspace(-10, 10, 41))
    assert np.allclose(-np.log(sigmoid(z)), np.log1p(np.exp(-z)))
    # softplus(−z) is convex: second differences are positive.
    sp = np.log1p(np.exp(-z))
    assert np.all(np.diff(sp, 2) > 0)
    # Near 0, σ(z) ≈ 1/2 + z/4.
    assert abs(sigmoid(0.1) - (0.5 + 0.1 / 4)) < 1e-4
    # y ∈ {−1, +1}: P(y | x) = σ(y z).
    assert np.allclose(sigmoid(-1 * z), 1 - sigmoid(z))


def test_log_odds_and_odds_ratio():
    assert abs(0.75 / 0.25 - 3) < 1e-12
    rng = np.random.default_rng(0)
    w, b = rng.normal(size=3), 0.3
    x = rng.normal(size=3)
    odds = lambda x: sigmoid(w @ x + b) / (1 - sigmoid(w @ x + b))  # noqa: E731
    for j in range(3):
        e = np.zeros(3)
        e[j] = 1
        assert abs(math.log(odds(x)) - (w @ x + b)) < 1e-9
        assert abs(odds(x + e) / odds(x) - math.exp(w[j])) < 1e-9
    assert abs(math.exp(0.7) - 2.01) < 0.005


def test_decision_boundary_and_threshold():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(2000, 3))
    w, b = rng.normal(size=3), 0.4
    z = X @ w + b
    for t in (0.2, 0.5, 0.8):
        assert np.array_equal(sigmoid(z) >= t, z >= logit(t))
    # Scaling (w, b) by c > 0 keeps every decision, sharpens probabilities.
    assert np.array_equal(z >= 0, 3 * z >= 0)
    assert np.mean(np.abs(sigmoid(3 * z) - 0.5)) > np.mean(np.abs(sigmoid(z) - 0.5))
    assert np.array_equal(z >= 0, 0.3 * z >= 0)
    assert np.mean(np.abs(sigmoid(0.3 * z) - 0.5)) < np.mean(np.abs(sigmoid(z) - 0.5))  # c < 1: softer
    # Signed distance = (wᵀx + b)/‖w‖: project onto the hyperplane and check.
    x = X[0]
    d = (w @ x + b) / np.linalg.norm(w)
    foot = x - d * w / np.linalg.norm(w)
    assert abs(w @ foot + b) < 1e-12


def test_still_linear_ranking_preserved():
    rng = np.random.default_rng(2)
    z = rng.normal(scale=4, size=500)
    assert np.array_equal(np.argsort(z, kind="stable"), np.argsort(sigmoid(z), kind="stable"))


def test_xor_needs_interaction():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([0, 1, 1, 0], dtype=float)
    Xb = with_ones(X)
    # w = 0, b = 0 is a stationary point, hence (convexity) the global MLE: p = 0.5 everywhere.
    assert np.allclose(gradient(np.zeros(3), Xb, y), 0)
    w = fit_newton(Xb, y)
    assert np.allclose(sigmoid(Xb @ w), 0.5, atol=1e-8)
    # No line separates XOR: exhaustively try many directions and offsets.
    angles = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    best = 0
    for a in angles:
        s = X @ np.array([np.cos(a), np.sin(a)])
        for c in np.concatenate([s - 1e-6, s + 1e-6]):
            best = max(best, np.mean((s > c) == y), np.mean((s <= c) == y))
    assert best <= 0.75
    # With x1·x2 the points are separable (a lightly regularised fit classifies all four).
    Xi = with_ones(np.c_[X, X[:, 0] * X[:, 1]])
    wi = fit_newton(Xi, y, lam=1e-3, pen=np.array([0, 1, 1, 1.0]))
    assert np.array_equal((sigmoid(Xi @ wi) >= 0.5).astype(float), y)


# ------------------------------------------------------------------------------------------------
# Likelihood, gradient, convexity
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    X, y = logistic_data(rng, 400, np.array([1.0, -2.0, 0.5]), -0.3)
    return with_ones(X), y


def test_mle_derivation_steps(data):
    X, y = data
    w = np.array([0.1, 0.5, -1.0, 0.2])
    p = sigmoid(X @ w)
    likelihood = np.prod(p**y * (1 - p) ** (1 - y))
    loglik = np.sum(y * np.log(p) + (1 - y) * np.log(1 - p))
    assert likelihood > 0 and abs(math.log(likelihood) - loglik) < 1e-8
    bce = -loglik / len(y)
    z = X @ w
    assert abs(bce - np.mean(np.log1p(np.exp(z)) - y * z)) < 1e-12
    assert abs(bce - objective(w, X, y)) < 1e-12
    # Without the log, a big likelihood product underflows.
    big = np.tile(p, 1000)
    assert np.prod(big) == 0.0 and np.isfinite(np.sum(np.log(big)))


def test_gradient_matches_finite_differences(data):
    X, y = data
    rng = np.random.default_rng(4)
    for _ in range(3):
        w = rng.normal(size=X.shape[1])
        fd = num_grad(lambda v: objective(v, X, y), w)
        g = X.T @ (sigmoid(X @ w) - y) / len(y)
        assert np.allclose(g, fd, atol=1e-7)
        assert abs(g[0] - np.mean(sigmoid(X @ w) - y)) < 1e-12  # bias column: mean(p − y)
    z = np.linspace(-6, 6, 61)
    dlogs = (np.log(sigmoid(z + 1e-6)) - np.log(sigmoid(z - 1e-6))) / 2e-6
    dlog1ms = (np.log(1 - sigmoid(z + 1e-6)) - np.log(1 - sigmoid(z - 1e-6))) / 2e-6
    assert np.allclose(dlogs, 1 - sigmoid(z), atol=1e-7)
    assert np.allclose(dlog1ms, -sigmoid(z), atol=1e-7)


def test_cross_entropy_vs_mse_gradients():
    z = np.linspace(-8, 8, 81)
    for y in (0.0, 1.0):
        ce = lambda t, y=y: bce_from_logits(t, y)  # noqa: E731
        mse = lambda t, y=y: 0.5 * (sigmoid(t) - y) ** 2  # noqa: E731
        p = sigmoid(z)
        assert np.allclose((ce(z + 1e-6) - ce(z - 1e-6)) / 2e-6, p - y, atol=1e-7)
        assert np.allclose((mse(z + 1e-6) - mse(z - 1e-6)) / 2e-6, (p - y) * p * (1 - p), atol=1e-8)
    # Confidently wrong: CE gradient stays near 1, MSE's vanishes.
    assert (
        abs(sigmoid(-8.0) - 1) > 0.99
        and abs((sigmoid(-8.0) - 1) * sigmoid(-8.0) * (1 - sigmoid(-8.0))) < 1e-3
    )


def test_mse_through_sigmoid_is_not_convex():
    z = np.linspace(-6, 6, 1201)
    s = sigmoid(z)
    f = lambda t: 0.5 * (sigmoid(t) - 1) ** 2  # noqa: E731
    h = 1e-4
    f2_fd = (f(z + h) - 2 * f(z) + f(z - h)) / h**2
    f1 = -s * (1 - s) ** 2
    assert np.allclose((f(z + 1e-6) - f(z - 1e-6)) / 2e-6, f1, atol=1e-8)
    f2 = -s * (1 - s) ** 2 * (1 - 3 * s)
    assert np.allclose(f2_fd, f2, atol=1e-6)
    assert np.all(f2[z < -math.log(2) - 1e-3] < 0) and np.all(f2[z > -math.log(2) + 1e-3] > 0)
    assert abs(sigmoid(-math.log(2)) - 1 / 3) < 1e-12
    g = lambda t: -np.log(sigmoid(t))  # noqa: E731
    g2_fd = (g(z + h) - 2 * g(z) + g(z - h)) / h**2
    assert np.allclose(g2_fd, s * (1 - s), atol=1e-6) and np.all(s * (1 - s) > 0)


def test_hessian_and_convexity(data):
    X, y = data
    rng = np.random.default_rng(5)
    w = rng.normal(size=X.shape[1])
    H = hessian(w, X)
    fd = np.column_stack([num_grad(lambda v, j=j: gradient(v, X, y)[j], w) for j in range(X.shape[1])])
    assert np.allclose(H, fd, atol=1e-6)
    assert np.linalg.eigvalsh(H).min() > 0  # full rank: positive definite
    # y does not enter H.
    assert np.allclose(H, hessian(w, X, 1 - y))
    # Rank-deficient X: H singular (a zero eigenvalue) but still PSD.
    Xd = np.c_[X, X[:, 1] + X[:, 2]]
    ev = np.linalg.eigvalsh(hessian(np.r_[w, 0.0], Xd))
    assert ev.min() > -1e-12 and abs(ev.min()) < 1e-10
    # L2 adds λI: positive definite again.
    assert np.linalg.eigvalsh(hessian(np.r_[w, 0.0], Xd, lam=0.1)).min() >= 0.1 - 1e-12


def test_no_closed_form_except_saturated():
    rng = np.random.default_rng(6)
    groups = rng.integers(0, 3, size=900)
    probs = np.array([0.2, 0.5, 0.85])
    y = (rng.random(900) < probs[groups]).astype(float)
    X = np.eye(3)[groups]  # one-hot, no separate intercept
    w = fit_newton(X, y)
    emp = np.array([y[groups == k].mean() for k in range(3)])
    assert np.allclose(w, logit(emp), atol=1e-8)
    # A group with only positives: its weight's loss keeps falling as the weight grows (no finite MLE).
    Xg, yg = np.eye(2)[[0, 0, 1, 1]], np.array([1.0, 1.0, 1.0, 0.0])
    losses = [objective(np.array([t, 0.0]), Xg, yg) for t in (1.0, 5.0, 20.0, 40.0)]
    assert np.all(np.diff(losses) < 0)


def test_gradient_contribution_bounded(data):
    X, y = data
    w = np.array([3.0, -5.0, 4.0, 2.0])
    p = sigmoid(X @ w)
    per = (p - y)[:, None] * X
    assert np.all(np.abs(p - y) < 1)
    assert np.all(np.linalg.norm(per, axis=1) < np.linalg.norm(X, axis=1))


def test_score_equations(data):
    X, y = data
    w = fit_newton(X, y)
    p = sigmoid(X @ w)
    assert abs(p.mean() - y.mean()) < 1e-10
    assert np.allclose(X.T @ (p - y), 0, atol=1e-8)
    # L2 with an unpenalised intercept keeps mean(p) = mean(y)…
    pen = np.array([0, 1, 1, 1.0])
    wl = fit_newton(X, y, lam=0.5, pen=pen)
    assert abs(sigmoid(X @ wl).mean() - y.mean()) < 1e-10
    # …penalising the intercept breaks it.
    wb = fit_newton(X, y, lam=0.5)
    assert abs(sigmoid(X @ wb).mean() - y.mean()) > 1e-3


def test_proper_scoring_rule():
    p = np.linspace(1e-4, 1 - 1e-4, 200_001)
    for q in (0.05, 0.3, 0.5, 0.77):
        R = -q * np.log(p) - (1 - q) * np.log(1 - p)
        assert abs(p[np.argmin(R)] - q) < 1e-4
        H = -q * math.log(q) - (1 - q) * math.log(1 - q)
        KL = q * np.log(q / p) + (1 - q) * np.log((1 - q) / (1 - p))
        assert np.allclose(R, H + KL)
        R2 = q / p**2 + (1 - q) / (1 - p) ** 2
        assert np.all(R2 > 0)
    # Accuracy: every p on the right side of 0.5 has the same expected score (proper, not strictly).
    q = 0.77
    acc = lambda p: q * (p >= 0.5) + (1 - q) * (p < 0.5)  # noqa: E731
    assert acc(0.51) == acc(0.77) == acc(0.99) > acc(0.3)
    # Hinge on the score 2p − 1: the expected loss is minimised at the extreme p = 1, not at p = q.
    grid = np.linspace(0, 1, 10_001)
    hinge = q * np.maximum(0, 1 - (2 * grid - 1)) + (1 - q) * np.maximum(0, 1 + (2 * grid - 1))
    assert grid[np.argmin(hinge)] == 1.0


# ------------------------------------------------------------------------------------------------
# Implementation, numerics, optimisation
# ------------------------------------------------------------------------------------------------


def test_gradient_descent_from_scratch_reaches_the_mle(data):
    X1, y = data
    X = X1[:, 1:]
    n = len(y)
    w, b, lr = np.zeros(X.shape[1]), 0.0, 1.0
    for _ in range(5000):
        p = sigmoid(X @ w + b)
        dw, db = X.T @ (p - y) / n, np.mean(p - y)
        w -= lr * dw
        b -= lr * db
    w_star = fit_newton(X1, y)
    assert np.allclose(np.r_[b, w], w_star, atol=1e-6)


def test_zero_init_gradient_differs_across_features(data):
    X, y = data
    g = gradient(np.zeros(X.shape[1]), X, y)
    assert np.allclose(sigmoid(X @ np.zeros(X.shape[1])), 0.5)
    assert len(np.unique(np.round(g, 12))) == len(g)
    assert sigmoid(0.0) * (1 - sigmoid(0.0)) == 0.25


def test_feature_scaling(data):
    X, y = data
    c = np.array([1.0, 1000.0, 0.01, 1.0])
    w = fit_newton(X, y)
    ws = fit_newton(X * c, y)
    assert np.allclose(ws, w / c, rtol=1e-6)
    assert np.allclose(sigmoid(X @ w), sigmoid((X * c) @ ws), atol=1e-9)
    # Gradient descent with the safe step 1/L: badly scaled features leave a much larger gap.
    c2 = np.array([1.0, 10.0, 0.1, 1.0])
    gaps = []
    for Xs in (X, X * c2):
        L = np.linalg.eigvalsh(Xs.T @ Xs).max() / (4 * len(y))
        v = np.zeros(X.shape[1])
        for _ in range(300):
            v -= gradient(v, Xs, y) / L
        gaps.append(objective(v, Xs, y) - objective(fit_newton(Xs, y), Xs, y))
    assert gaps[1] > 10 * gaps[0]
    # With a penalty, scaling changes the fitted predictions.
    pen = np.array([0, 1, 1, 1.0])
    pa = sigmoid(X @ fit_newton(X, y, lam=0.05, pen=pen))
    pb = sigmoid((X * c2) @ fit_newton(X * c2, y, lam=0.05, pen=pen))
    assert np.max(np.abs(pa - pb)) > 1e-3


def test_numerical_stability_claims():
    with np.errstate(all="ignore"):
        assert np.isinf(np.exp(710.0)) and np.isfinite(np.exp(709.0))
        naive = lambda z: 1 / (1 + np.exp(-z))  # noqa: E731
        assert 1 - naive(37.0) == 0.0 and 1 - naive(30.0) > 0
        assert np.isneginf(np.log(1 - naive(40.0)))
        z32 = np.float32(17.0)
        s32 = np.float32(1) / (np.float32(1) + np.exp(-z32))
        assert s32.dtype == np.float32 and np.float32(1) - s32 == 0
        s32b = np.float32(1) / (np.float32(1) + np.exp(-np.float32(15.0)))
        assert np.float32(1) - s32b > 0
        assert np.isinf(np.log(1 + np.exp(800.0)))  # the second choice overflows
        assert np.isnan(np.exp(800.0) / (1 + np.exp(800.0)))  # e^z/(1+e^z) for large z
    z = np.linspace(-12, 12, 241)
    for y in (0.0, 1.0):
        naive_loss = -(y * np.log(1 / (1 + np.exp(-z))) + (1 - y) * np.log(1 - 1 / (1 + np.exp(-z))))
        assert np.allclose(bce_from_logits(z, y), naive_loss, rtol=1e-6, atol=1e-9)
        assert np.allclose(bce_from_logits(z, y), np.logaddexp(0, z) - y * z)
    # Already at z = 30 the naive form loses digits (1 − σ(z) cancels); the stable form is exact.
    naive30 = -np.log(1 - 1 / (1 + np.exp(-30.0)))
    exact30 = 30.0 + math.log1p(math.exp(-30.0))
    assert abs(naive30 - exact30) > 1e-5 and abs(bce_from_logits(30.0, 0.0) - exact30) < 1e-12
    big = bce_from_logits(np.array([1000.0, -1000.0]), np.array([0.0, 1.0]))
    assert np.allclose(big, 1000.0)
    assert np.all(np.isfinite(sigmoid(np.array([-1e4, 1e4]))))
    # Clipping caps the loss of a confident mistake.
    eps = 1e-15
    assert abs(-np.log(np.clip(0.0, eps, 1 - eps)) - 34.54) < 0.01


def test_newton_irls(data):
    X, y = data
    rng = np.random.default_rng(7)
    w = 0.3 * rng.normal(size=X.shape[1])
    p = sigmoid(X @ w)
    s = p * (1 - p)
    newton = w - np.linalg.solve((X.T * s) @ X, X.T @ (p - y))
    u = X @ w + (y - p) / s
    wls = np.linalg.lstsq(X * np.sqrt(s)[:, None], np.sqrt(s) * u, rcond=None)[0]
    assert np.allclose(newton, wls, atol=1e-9)
    # The same step on the mean loss is identical (the 1/n cancels).
    assert np.allclose(newton, w - np.linalg.solve(hessian(w, X), gradient(w, X, y)))
    # Quadratic convergence: a handful of iterations, the gradient roughly squaring at the end.
    _, hist = fit_newton(X, y, return_history=True)
    assert len(hist) <= 10
    assert hist[-2] < 1e-5 and hist[-1] < 1e-11


def test_step_size_and_smoothness(data):
    X, y = data
    n = len(y)
    bound = X.T @ X / (4 * n)
    rng = np.random.default_rng(8)
    for _ in range(5):
        w = rng.normal(scale=2, size=X.shape[1])
        assert np.linalg.eigvalsh(bound - hessian(w, X)).min() > -1e-12
    L = np.linalg.eigvalsh(bound).max()
    w = np.zeros(X.shape[1])
    losses = [objective(w, X, y)]
    for _ in range(200):
        w -= gradient(w, X, y) / L
        losses.append(objective(w, X, y))
    assert np.all(np.diff(losses) <= 1e-15)
    # Far above 2/L gradient descent can increase the loss.
    w = np.zeros(X.shape[1])
    eta = 20 / L
    losses = [objective(w, X, y)]
    for _ in range(50):
        w -= eta * gradient(w, X, y)
        losses.append(objective(w, X, y))
    assert np.any(np.diff(losses) > 0)


# ------------------------------------------------------------------------------------------------
# Separation and regularisation
# ------------------------------------------------------------------------------------------------


def test_separable_data_no_mle():
    X = np.array([[1.0, 0.0], [3.0, 2.0], [-1.0, 0.0], [-3.0, -2.0]])
    y = np.array([1.0, 1.0, 0.0, 0.0])
    w_sep = np.array([1.0, 0.0])
    losses = [objective(c * w_sep, X, y) for c in (1, 2, 5, 10, 20, 40)]
    assert np.all(np.diff(losses) < 0) and losses[-1] > 0 and losses[-1] < 1e-15
    # Gradient descent: the norm grows like log t and the direction tends to the max-margin one.
    # Max-margin direction here: only (1, 0) is a support vector, so w_svm ∝ (1, 0).
    L = np.linalg.eigvalsh(X.T @ X).max() / (4 * len(y))
    w = np.zeros(2)
    checkpoints = {100: None, 1_000: None, 10_000: None, 100_000: None}
    for t in range(1, 100_001):
        w -= gradient(w, X, y) / L
        if t in checkpoints:
            checkpoints[t] = (np.linalg.norm(w), math.degrees(math.acos(w[0] / np.linalg.norm(w))))
    norms = [checkpoints[t][0] for t in sorted(checkpoints)]
    angles = [checkpoints[t][1] for t in sorted(checkpoints)]
    assert np.all(np.diff(norms) > 0) and np.all(np.diff(angles) < 0)
    per_decade = np.diff(norms)
    assert np.all((per_decade > 1.5) & (per_decade < 3.5))  # ≈ log 10 per decade: logarithmic growth
    assert angles[-1] < 3.0
    # Newton's Hessian degenerates along the path.
    assert np.linalg.eigvalsh(hessian(w, X)).min() < 1e-4
    # L2 gives a finite minimiser with zero gradient.
    wl = fit_newton(X, y, lam=0.1)
    assert np.linalg.norm(wl) < 10 and np.max(np.abs(gradient(wl, X, y, lam=0.1))) < 1e-10
    # With the intercept left unpenalised it is still finite when both classes occur.
    Xb = with_ones(X + np.array([2.0, 0.0]))  # shifted, so the intercept has work to do
    wf = fit_newton(Xb, y, lam=0.1, pen=np.array([0.0, 1.0, 1.0]))
    assert (
        np.linalg.norm(wf) < 10
        and np.max(np.abs(gradient(wf, Xb, y, lam=0.1, pen=np.array([0.0, 1.0, 1.0])))) < 1e-10
    )
    assert np.linalg.eigvalsh(hessian(wf, Xb, lam=0.1, pen=np.array([0.0, 1.0, 1.0]))).min() > 0


def test_l2_map_and_sklearn_c(data):
    X, y = data
    n, lam = len(y), 0.3
    tau2 = 1 / (n * lam)
    rng = np.random.default_rng(9)
    w1, w2 = rng.normal(size=(2, X.shape[1]))
    neg_log_post = lambda w: n * objective(w, X, y) + w @ w / (2 * tau2)  # noqa: E731
    assert (
        abs((objective(w1, X, y, lam) - objective(w2, X, y, lam)) - (neg_log_post(w1) - neg_log_post(w2)) / n)
        < 1e-10
    )
    # scikit-learn: C·Σℓ + ½‖w‖² has the same minimiser as mean loss + (λ/2)‖w‖² with λ = 1/(nC).
    C = 2.0
    w_mean = fit_newton(X, y, lam=1 / (n * C))
    g_sklearn = C * X.T @ (sigmoid(X @ w_mean) - y) + w_mean
    assert np.max(np.abs(g_sklearn)) < 1e-8
    # Larger C, weaker penalty, larger weights.
    norms = [np.linalg.norm(fit_newton(X, y, lam=1 / (n * c))) for c in (0.01, 0.1, 1.0, 10.0)]
    assert np.all(np.diff(norms) > 0)
    # Shrinkage makes probabilities less extreme.
    pen = np.array([0, 1, 1, 1.0])
    spread = [np.std(X @ fit_newton(X, y, lam=lam_, pen=pen)) for lam_ in (0.0, 0.1, 1.0)]
    assert spread[0] > spread[1] > spread[2]


def _ista_l1(X, y, lam, iters=20000):
    n = len(y)
    L = np.linalg.eigvalsh(X.T @ X).max() / (4 * n)
    w = np.zeros(X.shape[1])
    for _ in range(iters):
        v = w - gradient(w, X, y) / L
        thr = np.r_[0.0, np.full(len(w) - 1, lam / L)]  # intercept unpenalised
        w = np.sign(v) * np.maximum(np.abs(v) - thr, 0.0)
    return w


def test_l1_sparsity_and_kkt():
    rng = np.random.default_rng(10)
    Xr = rng.normal(size=(300, 8))
    y = (rng.random(300) < sigmoid(1.5 * Xr[:, 0] - 1.0 * Xr[:, 1])).astype(float)
    X = with_ones(Xr)
    lam = 0.05
    w = _ista_l1(X, y, lam)
    zeros = np.where(w[1:] == 0.0)[0] + 1
    assert len(zeros) >= 3  # exact zeros
    assert w[1] != 0 and w[2] != 0
    g = gradient(w, X, y)
    assert np.all(np.abs(g[zeros]) <= lam + 1e-6)  # subgradient condition |∂J/∂w_j| ≤ λ
    nz = np.where(w != 0)[0][1:]
    assert np.allclose(g[nz], -lam * np.sign(w[nz]), atol=1e-5)
    w2 = fit_newton(X, y, lam=lam, pen=np.r_[0.0, np.ones(8)])
    assert np.all(w2[1:] != 0.0)  # L2: small but not zero


def test_multicollinearity(data):
    X, y = data
    v = np.array([0.0, 1.0, 1.0, -1.0])
    Xc = np.c_[X[:, :3], X[:, 1] + X[:, 2]]  # last column = col1 + col2, so Xc @ v = 0
    assert np.allclose(Xc @ v, 0)
    w = np.array([0.2, 0.5, -0.3, 0.4])
    for t in (-3.0, 1.0, 7.0):
        assert abs(objective(w, Xc, y) - objective(w + t * v, Xc, y)) < 1e-12
    assert abs(np.linalg.eigvalsh(hessian(w, Xc)).min()) < 1e-10
    # Near-collinear: the inverse-Hessian (covariance) blows up, predictions barely move.
    rng = np.random.default_rng(11)
    a = rng.normal(size=2000)
    y2 = (rng.random(2000) < sigmoid(a)).astype(float)
    results = []
    for rho in (0.0, 0.999):
        b = rho * a + math.sqrt(1 - rho**2) * rng.normal(size=2000)
        Xn = with_ones(np.c_[a, b])
        wn = fit_newton(Xn, y2)
        cov = np.linalg.inv(len(y2) * hessian(wn, Xn))
        results.append((np.sqrt(np.diag(cov))[1], np.linalg.cond(hessian(wn, Xn)), objective(wn, Xn, y2)))
    assert results[1][0] > 10 * results[0][0]
    assert results[1][1] > 100 * results[0][1]
    assert abs(results[1][2] - results[0][2]) < 0.01


def test_duplicate_feature(data):
    X, y = data
    pen = np.array([0, 1, 1, 1.0])
    lam = 0.2
    Xd = np.c_[X, X[:, 1]]
    wd = fit_newton(Xd, y, lam=lam, pen=np.r_[pen, 1.0])
    assert abs(wd[1] - wd[4]) < 1e-9  # even split
    # Equivalent to one copy with half the penalty on that feature.
    half = fit_newton(X, y, lam=lam, pen=np.array([0, 0.5, 1, 1.0]))
    assert abs(wd[1] + wd[4] - half[1]) < 1e-8
    assert np.allclose(wd[[0, 2, 3]], half[[0, 2, 3]], atol=1e-8)
    single = fit_newton(X, y, lam=lam, pen=pen)
    assert abs(wd[1] + wd[4]) > abs(single[1])  # regularised less: more total weight
    # Unpenalised: any split with the same sum has the same loss; the Hessian is singular.
    w = fit_newton(X, y)
    for s in (0.0, 0.3, 1.0):
        wsplit = np.r_[w[0], s * w[1], w[2], w[3], (1 - s) * w[1]]
        assert abs(objective(wsplit, Xd, y) - objective(w, X, y)) < 1e-12
    assert abs(np.linalg.eigvalsh(hessian(np.r_[w, 0.0], Xd)).min()) < 1e-10
    # L1: |w1| + |w2| = |w1 + w2| exactly when the signs agree.
    assert abs(0.3) + abs(0.7) == abs(1.0) and abs(-0.3) + abs(1.3) > abs(1.0)


def test_intercept_penalty_biases_rare_class():
    rng = np.random.default_rng(12)
    X, y = logistic_data(rng, 5000, np.array([1.0, 0.5]), -4.0)
    Xs = with_ones((X - X.mean(0)) / X.std(0))
    base = y.mean()
    assert base < 0.05
    free = fit_newton(Xs, y, lam=0.5, pen=np.array([0, 1, 1.0]))
    pen_b = fit_newton(Xs, y, lam=0.5)
    assert abs(sigmoid(Xs @ free).mean() - base) < 1e-10
    assert sigmoid(Xs @ pen_b).mean() > 1.2 * base
    assert abs(math.log(0.01 / 0.99) - (-4.6)) < 0.01


# ------------------------------------------------------------------------------------------------
# Interpretation, calibration, imbalance, evaluation
# ------------------------------------------------------------------------------------------------


def test_marginal_effect():
    w, b = np.array([1.2, -0.7]), 0.3
    x = np.array([0.4, 1.1])
    p = sigmoid(w @ x + b)
    fd = num_grad(lambda v: float(sigmoid(w @ v + b)), x)
    assert np.allclose(fd, w * p * (1 - p), atol=1e-9)
    xs = np.linspace(-10, 10, 10_001)
    effect = 1.2 * sigmoid(1.2 * xs) * (1 - sigmoid(1.2 * xs))
    assert abs(effect.max() - 1.2 / 4) < 1e-6


def test_calibration_well_specified_and_shrinkage():
    rng = np.random.default_rng(13)
    X, y = logistic_data(rng, 200_000, np.array([1.0, -1.5]), -0.5)
    Xb = with_ones(X)
    w = fit_newton(Xb, y)
    p = sigmoid(Xb @ w)
    edges = np.quantile(p, np.linspace(0, 1, 11))
    idx = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, 9)
    for k in range(10):
        assert abs(p[idx == k].mean() - y[idx == k].mean()) < 0.01
    # Strong L2 (free intercept) pulls predictions toward the base rate: under-confident.
    ws = fit_newton(Xb, y, lam=1.0, pen=np.array([0, 1, 1.0]))
    ps = sigmoid(Xb @ ws)
    assert np.mean(np.abs(ps - y.mean())) < 0.7 * np.mean(np.abs(p - y.mean()))
    top = p > 0.9
    assert ps[top].mean() < y[top].mean() - 0.05


def test_resampling_and_class_weights_shift_the_intercept():
    rng = np.random.default_rng(14)
    b_true, w_true = -3.0, np.array([1.0])
    X, y = logistic_data(rng, 400_000, w_true, b_true)
    beta = 0.1
    keep = (y == 1) | (rng.random(len(y)) < beta)
    w_sub = fit_newton(with_ones(X[keep]), y[keep])
    assert abs(w_sub[0] - (b_true + math.log(1 / beta))) < 0.06
    assert abs(w_sub[1] - w_true[0]) < 0.05
    # Class weights (10 on positives) shift the intercept by about log 10 as well.
    Xb = with_ones(X[:100_000])
    yb = y[:100_000]
    sw = np.where(yb == 1, 10.0, 1.0)
    w_w = fit_newton(Xb, yb, sw=sw)
    w_0 = fit_newton(Xb, yb)
    assert abs((w_w[0] - w_0[0]) - math.log(10)) < 0.15
    assert abs(w_w[1] - w_0[1]) < 0.1
    # …and the weighted model over-predicts the base rate.
    assert sigmoid(Xb @ w_w).mean() > 3 * yb.mean()


def test_cost_threshold_is_bayes_optimal():
    rng = np.random.default_rng(15)
    p = rng.random(200_000)
    y = (rng.random(200_000) < p).astype(float)  # calibrated by construction
    thresholds = np.linspace(0.01, 0.6, 60)
    cost = [np.sum(9 * ((p < t) & (y == 1)) + 1 * ((p >= t) & (y == 0))) for t in thresholds]
    assert abs(thresholds[int(np.argmin(cost))] - 0.1) <= 0.02


def test_evaluation_facts():
    rng = np.random.default_rng(16)
    pos, neg = rng.normal(1, 1, 300), rng.normal(0, 1, 500)
    pairwise = np.mean(pos[:, None] > neg[None, :])
    scores = np.r_[pos, neg]
    ranks = scores.argsort().argsort() + 1
    auc = (ranks[:300].sum() - 300 * 301 / 2) / (300 * 500)
    assert abs(auc - pairwise) < 1e-12
    y = (rng.random(10_000) < 0.2).astype(float)
    pi = y.mean()
    base_loss = np.mean(bce_from_logits(np.full_like(y, logit(pi)), y))
    assert abs(base_loss - (-pi * math.log(pi) - (1 - pi) * math.log(1 - pi))) < 1e-12
    # Accuracy of "always negative" at 1% positives.
    assert abs(1 - 0.01 - 0.99) < 1e-12


def test_standard_errors_match_simulation():
    rng = np.random.default_rng(17)
    n, w_true = 1000, np.array([-0.5, 1.0, -0.7])
    X = with_ones(rng.normal(size=(n, 2)))
    estimates = []
    for _ in range(300):
        y = (rng.random(n) < sigmoid(X @ w_true)).astype(float)
        estimates.append(fit_newton(X, y))
    empirical = np.std(estimates, axis=0)
    predicted = np.sqrt(np.diag(np.linalg.inv(n * hessian(w_true, X))))
    assert np.allclose(empirical, predicted, rtol=0.15)
    assert abs(normal_cdf(1.96) - 0.975) < 1e-3


# ------------------------------------------------------------------------------------------------
# Connections
# ------------------------------------------------------------------------------------------------


def test_max_entropy(data):
    X, y = data
    w = fit_newton(X, y)
    p = sigmoid(X @ w)
    assert np.allclose(X.T @ p, X.T @ y, atol=1e-8)  # moment matching

    def cond_entropy(q):
        return -np.sum(q * np.log(q) + (1 - q) * np.log(1 - q))

    # Any other conditional distribution meeting the same constraints has lower entropy.
    rng = np.random.default_rng(18)
    _, _, vt = np.linalg.svd(X.T)
    null = vt[X.shape[1] :]  # rows span the null space of Xᵀ
    for _ in range(5):
        d = null.T @ rng.normal(size=null.shape[0])
        d *= 0.5 * np.min(np.minimum(p, 1 - p) / np.abs(d))  # stay inside (0, 1)
        q = p + d
        assert np.all((q > 0) & (q < 1))
        assert np.allclose(X.T @ q, X.T @ y, atol=1e-8)
        assert cond_entropy(q) < cond_entropy(p)


def softmax(Z):
    Z = Z - Z.max(axis=1, keepdims=True)
    E = np.exp(Z)
    return E / E.sum(axis=1, keepdims=True)


def test_softmax_facts():
    rng = np.random.default_rng(19)
    n, d, K = 200, 3, 4
    X = rng.normal(size=(n, d))
    y = rng.integers(0, K, size=n)
    Y = np.eye(K)[y]

    def ce(Wflat, lam=0.0):
        W = Wflat.reshape(d, K)
        P = softmax(X @ W)
        return -np.mean(np.log(P[np.arange(n), y])) + 0.5 * lam * np.sum(W**2)

    W = rng.normal(size=(d, K))
    G = X.T @ (softmax(X @ W) - Y) / n
    assert np.allclose(G.ravel(), num_grad(ce, W.ravel()), atol=1e-7)
    # Shift invariance: adding the same vector to every class changes nothing.
    c = rng.normal(size=(d, 1))
    assert np.allclose(softmax(X @ W), softmax(X @ (W + c)))
    # With L2 the optimum has Σ_k w_k = 0.
    lam = 0.1
    Wt = np.zeros((d, K))
    for _ in range(3000):
        Wt -= 0.5 * (X.T @ (softmax(X @ Wt) - Y) / n + lam * Wt)
    assert np.allclose(Wt.sum(axis=1), 0, atol=1e-8)
    # Max-subtraction gives the same probabilities, and survives huge logits.
    Z = np.array([[1000.0, 999.0, 0.0]])
    assert np.all(np.isfinite(softmax(Z)))
    assert np.allclose(softmax(np.array([[2.0, 1.0, 0.0]])), softmax(np.array([[0.0, -1.0, -2.0]])))
    # Log-odds between two classes is linear: (w_k − w_j)ᵀx.
    P = softmax(X @ W)
    assert np.allclose(np.log(P[:, 0] / P[:, 2]), X @ (W[:, 0] - W[:, 2]))


def test_softmax_two_classes_is_sigmoid():
    rng = np.random.default_rng(20)
    z1, z0 = rng.normal(scale=5, size=(2, 100))
    P = softmax(np.c_[z1, z0])
    assert np.allclose(P[:, 0], sigmoid(z1 - z0))
    y = rng.integers(0, 2, size=100).astype(float)
    cat = -(y * np.log(P[:, 0]) + (1 - y) * np.log(P[:, 1]))
    assert np.allclose(cat, bce_from_logits(z1 - z0, y))


def test_ovr_probabilities_do_not_sum_to_one():
    rng = np.random.default_rng(21)
    centers = np.array([[0, 0], [3, 0], [0, 3]], dtype=float)
    y = rng.integers(0, 3, size=600)
    X = with_ones(centers[y] + rng.normal(size=(600, 2)))
    probs = np.column_stack([sigmoid(X @ fit_newton(X, (y == k).astype(float))) for k in range(3)])
    sums = probs.sum(axis=1)
    assert np.max(np.abs(sums - 1)) > 0.1


def test_gaussian_naive_bayes_is_logistic():
    rng = np.random.default_rng(22)
    d = 3
    mu1, mu0 = rng.normal(size=d), rng.normal(size=d)
    var = rng.uniform(0.5, 2.0, size=d)
    pi1 = 0.3
    X = rng.normal(size=(50, d)) * 2

    def log_gauss(x, mu, v):
        return -0.5 * np.log(2 * np.pi * v) - (x - mu) ** 2 / (2 * v)

    a = (math.log(pi1) + log_gauss(X, mu1, var).sum(1)) - (math.log(1 - pi1) + log_gauss(X, mu0, var).sum(1))
    posterior = 1 / (1 + np.exp(-a))
    w = (mu1 - mu0) / var
    b = math.log(pi1 / (1 - pi1)) - np.sum((mu1**2 - mu0**2) / (2 * var))
    assert np.allclose(posterior, sigmoid(X @ w + b))
    # Class-specific variances: the log-odds become quadratic (non-zero second difference).
    t = np.linspace(-3, 3, 7)
    a2 = log_gauss(t, 1.0, 1.0) - log_gauss(t, 0.0, 2.0)
    assert np.max(np.abs(np.diff(a2, 2))) > 1e-3
    # Naive Bayes double-counts a duplicated feature: its log-odds contribution doubles.
    x = X[:, :1]
    single = log_gauss(x, mu1[0], var[0]) - log_gauss(x, mu0[0], var[0])
    doubled = 2 * single
    assert np.allclose(np.c_[single, single].sum(1), doubled.ravel())


def test_margin_losses_and_pm1_labels():
    m = np.linspace(-30, 30, 601)
    log_loss = np.log1p(np.exp(-m))
    hinge = np.maximum(0, 1 - m)
    assert np.all(log_loss > 0)
    assert np.all(hinge[m >= 1] == 0)
    assert abs((log_loss[1] - log_loss[0]) / (m[1] - m[0]) + 1) < 1e-6  # slope → −1 for very negative m
    assert np.all(np.diff(hinge[m < 1]) < 0)
    rng = np.random.default_rng(23)
    z = rng.normal(scale=3, size=200)
    ypm = rng.choice([-1.0, 1.0], size=200)
    t = (ypm + 1) / 2
    assert np.allclose(np.log1p(np.exp(-ypm * z)), bce_from_logits(z, t))
    assert np.allclose(sigmoid(ypm * z), np.where(ypm == 1, sigmoid(z), 1 - sigmoid(z)))
    x = rng.normal(size=3)
    w = rng.normal(size=3)
    for yy in (-1.0, 1.0):
        f = lambda v, yy=yy: float(np.log1p(np.exp(-yy * (v @ x))))  # noqa: E731
        assert np.allclose(num_grad(f, w), -yy * sigmoid(-yy * (w @ x)) * x, atol=1e-8)


def test_glm_exponential_family_form():
    for mu in (0.1, 0.5, 0.83):
        theta = logit(mu)
        for y in (0, 1):
            assert (
                abs(math.exp(y * theta - math.log1p(math.exp(theta))) - mu**y * (1 - mu) ** (1 - y)) < 1e-12
            )
    # Expected (Fisher) information equals the observed Hessian: it does not depend on y.
    rng = np.random.default_rng(24)
    X = with_ones(rng.normal(size=(100, 2)))
    w = rng.normal(size=3)
    y1 = rng.integers(0, 2, 100).astype(float)
    y2 = rng.integers(0, 2, 100).astype(float)
    H1 = np.column_stack([num_grad(lambda v, j=j: gradient(v, X, y1)[j], w) for j in range(3)])
    H2 = np.column_stack([num_grad(lambda v, j=j: gradient(v, X, y2)[j], w) for j in range(3)])
    assert np.allclose(H1, H2, atol=1e-6)
    # Probit and complementary log-log: the per-example NLL is still convex in the linear predictor…
    eta = np.linspace(-4, 2.5, 131)  # where the cloglog curvature is still representable in float64
    erfc = np.vectorize(math.erfc)
    links = {  # (log F, log(1 − F)), each computed without cancellation
        "probit": (
            lambda e: np.log(0.5 * erfc(-e / math.sqrt(2))),
            lambda e: np.log(0.5 * erfc(e / math.sqrt(2))),
        ),
        "cloglog": (lambda e: np.log(-np.expm1(-np.exp(e))), lambda e: -np.exp(e)),
    }
    h = 1e-3
    hess_by_y = {}
    for name, (logF, logS) in links.items():
        for yy in (0.0, 1.0):
            nll = lambda e, logF=logF, logS=logS, yy=yy: -(yy * logF(e) + (1 - yy) * logS(e))  # noqa: E731
            d2 = (nll(eta + h) - 2 * nll(eta) + nll(eta - h)) / h**2
            assert np.all(d2 > 0), (name, yy)
            hess_by_y[name, yy] = d2
        # …but its curvature depends on y (observed ≠ expected information), unlike the logit.
        assert np.max(np.abs(hess_by_y[name, 0.0] - hess_by_y[name, 1.0])) > 1e-2


def test_latent_variable_and_probit():
    rng = np.random.default_rng(25)
    eps = rng.logistic(size=1_000_000)
    for z in (-2.0, -0.5, 0.0, 1.0, 2.5):
        assert abs(np.mean(z + eps > 0) - sigmoid(z)) < 0.003
    assert abs(np.var(eps) - math.pi**2 / 3) < 0.03
    zs = np.linspace(-8, 8, 3201)
    err = max(abs(float(sigmoid(1.702 * z)) - normal_cdf(z)) for z in zs)
    assert err < 0.01
    assert 1.6 < 1.702 < 1.8 and 1.6 < math.pi / math.sqrt(3) < 1.85


def test_nonlinear_features_fix_the_ring():
    rng = np.random.default_rng(26)
    X = rng.uniform(-2, 2, size=(800, 2))
    y = (np.sum(X**2, axis=1) < 1.5).astype(float)
    lin = with_ones(X)
    quad = with_ones(np.c_[X, X[:, 0] ** 2 + X[:, 1] ** 2])
    acc = []
    for F in (lin, quad):
        w = fit_newton(F, y, lam=1e-3, pen=np.r_[0.0, np.ones(F.shape[1] - 1)])
        acc.append(np.mean((sigmoid(F @ w) >= 0.5) == y))
    assert acc[0] < 0.75 and acc[1] > 0.97


def test_outlier_loss_and_linear_regression_failure():
    # Confidently wrong: the loss grows like |z| (linear tail), not z².
    z = np.array([-10.0, -20.0, -40.0])
    assert np.allclose(bce_from_logits(z, 1.0), np.abs(z), atol=1e-4)
    # Least squares on 0/1 labels: one far, correctly labelled positive drags the 0.5 crossing past real positives.
    x = np.array([0, 1, 2, 3, 4, 5, 6, 40.0])
    y = np.array([0, 0, 0, 1, 0, 1, 1, 1.0])
    A = with_ones(x[:, None])
    beta = np.linalg.lstsq(A, y, rcond=None)[0]
    ls_acc = np.mean((A @ beta >= 0.5) == y)
    w = fit_newton(A, y)
    lr_acc = np.mean((sigmoid(A @ w) >= 0.5) == y)
    assert lr_acc > ls_acc
    assert np.any(A @ beta > 1) or np.any(A @ beta < 0)  # out-of-range "probabilities"
