"""Content tests for questions/logistic-regression.yaml.

Every computable claim in the bank is recomputed here with NumPy: each numeric answer from scratch,
each gradient/Hessian against finite differences, each closed form against a generic solver, and the
statistical claims (separation, calibration, resampling, standard errors…) on seeded synthetic data.
The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py; at the end,
typed answers written apart from the bank's examples go through the real matcher.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from drill.banks import load_bank
from drill.matching import judge_answer, suggest_rating

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

# ------------------------------------------------------------------------------------------------
# Typed answers through the real matcher: prompt echo, negation, known wrong phrasings
# ------------------------------------------------------------------------------------------------
# The bank's own examples are checked by `drill lint`; these are answers written apart from them, so that the
# key points are tested on phrasings they were not fitted to.

LOADED = {q.id: q for q in load_bank(BANK_PATH)[0].questions}

# (question, typed answer, {key point number: expected verdict}): the audit's findings and their neighbours.
VERDICTS = [
    ('logreg-outliers', 'It is quite sensitive to mislabeled points.', {2: 'missed'}),
    ('logreg-outliers', 'A mislabeled point far on the wrong side never stops pulling: its loss is not bounded.', {1: 'missed', 2: 'covered'}),
    ('logreg-outliers', 'The loss is unbounded for a confidently wrong point, although each residual is bounded, |p − y| < 1.', {1: 'covered', 2: 'covered'}),
    ('logreg-newton-vs-gd', 'Newton has to invert the Hessian at every step, but it needs only a handful of iterations.', {2: 'covered'}),
    ('logreg-newton-vs-gd', 'IRLS inverts a d × d Hessian each iteration.', {2: 'covered'}),
    ('logreg-standard-errors', 'Invert the Hessian of the negative log-likelihood at the MLE; the square roots of its diagonal are the SEs.', {1: 'covered'}),
    ('logreg-no-closed-form', "There's no closed form because w sits inside the sigmoid, so the equations are not linear in w; linear regression's are a linear system.", {1: 'covered', 2: 'covered'}),
    ('logreg-no-closed-form', "The stationarity equations aren't linear in w.", {1: 'covered', 2: 'missed'}),
    ('logreg-feature-scaling', "Newton's method doesn't need scaling, but gradient descent is slow on unscaled features.", {1: 'missed', 2: 'covered', 3: 'missed', 4: 'missed'}),
    ('logreg-feature-scaling', "Without regularisation the predictions don't change.", {1: 'covered', 3: 'missed'}),
    ('logreg-feature-scaling', "Coefficients on different scales aren't comparable.", {4: 'covered'}),
    ('logreg-cross-entropy-vs-mse', 'MSE through a sigmoid is nonconvex.', {2: 'covered'}),
    ('logreg-cross-entropy-vs-mse', 'Cross-entropy is non-convex.', {2: 'contradicted'}),
    ('logreg-separable-data', 'Add regularization.', {4: 'covered'}),
    ('logreg-separable-data', 'The loss never reaches zero and there is no finite minimiser.', {1: 'covered'}),
    ('logreg-score-equations', 'It still holds under L2 with an unpenalised intercept.', {4: 'missed'}),
    ('logreg-multicollinearity', 'With exact collinearity the coefficients become unidentifiable.', {3: 'covered'}),
    ('logreg-failure-modes', 'Unscaled features make gradient descent slow.', {1: 'covered'}),
    ('logreg-ovr-vs-softmax', "One-vs-rest probabilities don't sum to 1.", {2: 'covered'}),
    ('logreg-ovr-vs-softmax', 'One-vs-rest probabilities sum to 1.', {2: 'contradicted'}),
    ('logreg-class-imbalance', "Don't use accuracy.", {1: 'covered'}),
    ('logreg-threshold-selection', "False positives and false negatives don't cost the same.", {1: 'covered', 2: 'covered'}),
    ('logreg-decision-boundary', 'The decision boundary is non-linear.', {1: 'contradicted'}),
    ('logreg-l2-regularization', 'Without it the weights could be infinite.', {2: 'missed'}),
    ('logreg-coefficient-importance', 'Only if the features are uncorrelated.', {2: 'covered'}),
    ('logreg-latent-variable', 'The scale of the noise is not identified.', {3: 'covered'}),
]


@pytest.mark.parametrize(("qid", "typed", "expected"), VERDICTS)
def test_typed_phrasing_verdicts(qid, typed, expected):
    verdicts = judge_answer(LOADED[qid], typed)
    assert {i: verdicts[i - 1].status for i in expected} == expected


RIGHT_ANSWERS = [
    ('logreg-calibration', 'Reasonably, if the model is well specified: maximum likelihood with log loss, a proper scoring rule, gives calibrated probabilities asymptotically, and the intercept makes the average prediction equal the base rate. They go wrong with overfitting (overconfident), heavy regularisation (underconfident), class weights or SMOTE, dataset shift, or a misspecified model. Check with a calibration curve / Brier score and recalibrate with isotonic regression.'),
    ('logreg-calibration', 'often yes: MLE + proper scoring rule; mean prediction = base rate thanks to the intercept; broken by misspecification, regularization, resampling, distribution shift; reliability diagram, Platt scaling'),
    ('logreg-calibration', 'Yes if well-specified (MLE with a proper scoring rule); intercept ⇒ mean predicted = base rate. Breaks: misspecification, regularisation (underconfident), overfitting (overconfident), class weights/resampling, dataset shift. Diagnose with reliability curves/ECE; recalibrate via Platt/isotonic.'),
    ('logreg-class-imbalance', "Logistic regression isn't broken by imbalance: the intercept captures the 1% base rate. Don't use accuracy; use PR-AUC or log-loss, and choose the decision threshold from costs rather than 0.5. Class weights or undersampling are options, but they shift the intercept so the probabilities become inflated; apply a prior correction if you need calibrated outputs."),
    ('logreg-class-imbalance', "Pick the threshold on validation data, evaluate with precision/recall and average precision; optionally class_weight='balanced' or resampling, knowing that it biases the intercept and you should recalibrate."),
    ('logreg-class-imbalance', "Model is fine (intercept absorbs the 1% prior). Don't threshold at 0.5, don't use accuracy. Use PR-AUC/log-loss; pick a threshold for the costs. Class weights/undersampling shift the intercept → recalibrate (prior correction)."),
    ('logreg-coefficient-importance', "Not in raw form: the coefficient depends on the units of the feature, so you need to standardize first. Multicollinearity can make an important feature's coefficient small or even flip its sign. L1/L2 shrink coefficients unequally. And it measures a conditional effect, so permutation importance or SHAP on held-out data is better."),
    ('logreg-coefficient-importance', "Only after z-scoring, and even then correlated predictors share weight, penalties distort magnitudes, and coefficients are conditional effects given the other features; I'd prefer drop-column importance."),
    ('logreg-coefficient-importance', 'Only with standardized features; even then collinear features share weight, L1/L2 shrink unevenly, and coefficients are conditional effects — use permutation importance instead.'),
    ('logreg-cross-entropy-vs-mse', "Log-loss is maximum likelihood under a Bernoulli model. It's convex in the parameters, while MSE composed with the sigmoid is nonconvex. MSE's gradient has a σ'(z) term, so it saturates when the model is confidently wrong and learning stalls; log-loss gives gradient p − y."),
    ('logreg-cross-entropy-vs-mse', "Cross-entropy comes from the likelihood, it's convex so there are no local minima, and its gradient doesn't vanish when the sigmoid saturates, unlike MSE where you get a tiny gradient. Also it's a proper scoring rule."),
    ('logreg-cross-entropy-vs-mse', "(1) CE = Bernoulli NLL → MLE. (2) CE is convex in w, MSE∘σ isn't → local minima. (3) MSE gradient = (p−y)p(1−p) → vanishes when saturated; CE gradient = p − y. (4) proper scoring rule."),
    ('logreg-decision-boundary', 'The set where wᵀx + b = 0 (p = 0.5): a hyperplane with normal vector w. Changing the threshold to t gives wᵀx + b = log(t/(1−t)), a parallel shift, since the sigmoid is monotonic.'),
    ('logreg-decision-boundary', "It's linear: the boundary is where the logit is 0, a hyperplane orthogonal to w. Because σ is strictly increasing, a different threshold just translates the hyperplane; it's still the same direction, only the offset changes."),
    ('logreg-decision-boundary', '{x : w·x + b = 0}, a hyperplane orthogonal to w. Threshold t ⇒ w·x + b = log(t/(1−t)): same normal, shifted offset, because σ is monotonic.'),
    ('logreg-duplicate-feature', "Unpenalised: the predictions are the same as with one copy but the two weights aren't identifiable, only their sum; any split is an MLE. L2: the unique solution puts equal weight on both copies, which halves the effective penalty on that feature. L1: same fit as a single copy, the split between the copies is non-unique as long as the signs agree."),
    ('logreg-duplicate-feature', 'No penalty: singular Hessian, infinitely many solutions with the same w₁ + w₂. L2: w₁ = w₂, the feature is penalized less than before, so more total weight. L1: |w₁| + |w₂| is the same for any same-sign split, so lasso gives the same fit as one copy and an arbitrary split.'),
    ('logreg-duplicate-feature', 'No penalty: only w₁ + w₂ identified, non-unique MLE, same predictions. L2: w₁ = w₂ = s/2, half the penalty, so larger total weight than the single-copy L2 model. L1: same fit as one copy, any same-sign split.'),
    ('logreg-evaluation', 'Log loss (what we optimise) and Brier for probability quality plus a reliability diagram; ROC-AUC and PR-AUC for ranking; precision/recall/F1 or a confusion matrix at the operating threshold; everything on a held-out set, compared with the base-rate predictor.'),
    ('logreg-evaluation', 'cross-entropy and calibration curves for whether the probabilities are right, AUC for discrimination, F1 at the chosen threshold, validated out of sample against a baseline'),
    ('logreg-evaluation', 'log-loss/Brier + reliability diagram (probabilities); ROC-AUC/PR-AUC (ranking); precision/recall/F1/confusion matrix (decisions); held-out data vs base-rate baseline.'),
    ('logreg-failure-modes', "Unscaled features → slow, zig-zagging gradient descent. Multicollinearity → huge standard errors, coefficients flipping sign. Perfect separation → coefficients diverge and the solver doesn't converge. Outliers and mislabeled examples → a tilted boundary. Also NaN losses from log(0), and accuracy misleading on imbalanced data."),
    ('logreg-failure-modes', 'features not standardized (slow convergence), correlated features (unstable weights), separable data (weights → ∞), label noise (large per-example losses), using MSE (vanishing gradients)'),
    ('logreg-failure-modes', 'Unscaled → slow GD; collinear → unstable coefs; separation → diverging weights; outliers/mislabels → tilted boundary; MSE loss → slow non-convex training.'),
    ('logreg-feature-scaling', "Without a penalty, scaling doesn't affect the predictions: the coefficient just scales by 1/c, the model is invariant. For optimisation it matters: poorly scaled features give an ill-conditioned problem, GD oscillates and converges slowly. With L2 or L1 the penalty depends on units, so standardise; and it matters for comparing coefficient magnitudes."),
    ('logreg-feature-scaling', "The unregularised MLE is scale-invariant, same probabilities. Gradient descent is slower with unscaled features (bad condition number), Newton's method doesn't need scaling. For the regularised model it changes the fit since the penalty hits small-unit features harder. Coefficients aren't comparable across different scales."),
    ('logreg-feature-scaling', "For the fitted model it doesn't matter if there's no penalty: rescaling a feature by c just divides its coefficient by c, the predictions are the same. For optimisation it matters a lot: unscaled features make gradient descent slow because the problem is ill-conditioned; Newton's method doesn't need scaling. With L2 it changes the fit, because the penalty is applied to every weight the same regardless of units. And you can only compare coefficient magnitudes on a common scale."),
    ('logreg-feature-scaling', "Fit: invariant without regularization. Optimization: bad conditioning, zig-zagging GD. Regularization: the penalty depends on scale, so standardize. Interpretation: coefficients aren't comparable otherwise."),
    ('logreg-feature-scaling', 'MLE predictions are scale-invariant (w_j → w_j/c). GD: scaling changes the conditioning of the Hessian, unscaled = slow zig-zag. L1/L2: penalties depend on scale, standardise. Magnitudes not comparable unless standardised.'),
    ('logreg-glm', "Random component Bernoulli (exponential family), systematic component η = wᵀx, link logit(μ) = η. The logit is the natural parameter of the Bernoulli, so it's the canonical link; that gives sufficient statistics Xᵀy, score Xᵀ(y − μ), a concave log-likelihood and expected = observed information, so IRLS is exactly Newton. Alternatives: probit, complementary log-log."),
    ('logreg-glm', 'GLM with binomial family and logit link function; canonical because logit(μ) is the natural parameter; buys you the clean gradient (μ − y)x, convexity, Fisher scoring = Newton; probit is another link.'),
    ('logreg-glm', 'GLM: Bernoulli (exponential family), linear predictor η = wᵀx, logit link. Logit = natural parameter ⇒ canonical link ⇒ score Xᵀ(y − μ), concave log-lik, Fisher = observed info, IRLS = Newton. Other links: probit, cloglog.'),
    ('logreg-gradient-intuition', "Each row contributes its feature vector times the error (p_i − y_i): well-classified points contribute ~0, misclassified ones a lot. It's identical in form to linear regression's gradient because logit is the canonical link of the Bernoulli GLM, so σ' cancels with the log-loss derivative."),
    ('logreg-gradient-intuition', "It's the residual-weighted sum of inputs, like least squares. That happens for any generalized linear model with its canonical link: the sigmoid derivative cancels."),
    ('logreg-gradient-intuition', "Sum over examples of residual (p_i − y_i) times x_i: well-fit points contribute ~nothing. Same as OLS's gradient because logit is the canonical link of the Bernoulli GLM: σ' cancels with the derivative of log σ."),
    ('logreg-implement-from-scratch', 'Initialize w to zeros. Each epoch: p = 1/(1 + np.exp(-(X @ w + b))), grad_w = X.T @ (p - y) / n, grad_b = np.mean(p - y), w = w - lr * grad_w, b = b - lr * grad_b. Use a stable sigmoid and compute the loss from logits; predict with a 0.5 threshold.'),
    ('logreg-implement-from-scratch', 'forward: z = Xw + b, p = σ(z); backward: dw = Xᵀ(p − y)/n, db = mean(p − y); update with a learning rate; loss via log-sum-exp; predict_proba returns p and predict thresholds it'),
    ('logreg-implement-from-scratch', 'init w=0,b=0; for it in range(T): p = sigmoid(X@w+b); w -= lr*(X.T@(p-y))/n; b -= lr*(p-y).mean(); loss via np.logaddexp; predict (p>=0.5).'),
    ('logreg-l1-vs-l2-geometry', "The L1 constraint region is a cross-polytope with vertices on the axes; the elliptical loss contours typically first touch it at a vertex, giving zeros; the L2 ball has no corners. Algebraically L1's penalty has a kink at 0: its subgradient is [−λ, λ], so soft-thresholding sets small weights to exactly 0, while L2's gradient 2λw goes to zero near 0. L1 ~ Laplace prior, L2 ~ Gaussian. Correlated features: L1 is unstable, use elastic net."),
    ('logreg-l1-vs-l2-geometry', "L1 has sharp corners on the axes, L2 is a sphere; L1 keeps pulling with a constant gradient λ·sign(w) until the weight hits zero, L2's pull is proportional to w so it never quite gets there; Laplace vs Gaussian prior."),
    ('logreg-l1-vs-l2-geometry', 'Geometry: ℓ1 ball has vertices on the axes, contours touch at a vertex → zeros; ℓ2 ball is smooth. Algebra: ∂|w| at 0 = [−λ, λ] → soft-thresholding; ∇(λw²/2) = λw → 0 near 0. Laplace vs Gaussian. Correlated features → elastic net.'),
    ('logreg-l2-regularization', "It penalises the sum of squared weights, λ/2·Σ w_j², making the objective strictly convex with a unique, finite minimiser even if separable; coefficients shrink toward zero, lowering variance. It's the MAP estimate with a normal prior on w."),
    ('logreg-l2-regularization', 'Ridge penalty on the weights: weight decay in the gradient, shrinks coefficients so probabilities are less extreme and the model overfits less; Bayesian view: Gaussian prior N(0, σ²I), so maximising the posterior.'),
    ('logreg-l2-regularization', 'J + λ/2‖w‖²; strictly convex → unique finite optimum even with separation; shrinkage, lower variance; MAP with w ~ N(0, 1/λ I).'),
    ('logreg-latent-variable', "There's an unobserved propensity y* = wᵀx + ε and we see y = 1 if y* > 0. With ε logistic we get P(y = 1) = σ(wᵀx): logit. With ε standard normal, Φ(wᵀx): probit. Because the error variance isn't identified, coefficients are only defined up to scale; logit ≈ 1.7 × probit. Predictions are nearly identical, the logistic has fatter tails."),
    ('logreg-latent-variable', 'hidden utility plus noise crossing zero; logistic noise → logistic regression, Gaussian noise → probit (normal CDF); scale unidentified so coefficients differ by ~1.6-1.8; fits are similar'),
    ('logreg-latent-variable', 'y* = wᵀx + ε, y = 1[y* > 0]; ε ~ Logistic → logit, ε ~ N(0,1) → probit (Φ). Scale not identified: β_logit ≈ 1.6–1.8 β_probit. Very similar fits; logistic has heavier tails.'),
    ('logreg-linear-log-odds-assumption', 'That logit(p) is an affine function of x: additive effects on the log-odds, plus independent observations. Check: empirical logits of binned features should be linear, or the Box-Tidwell test. If not, add splines, a log transform, or interactions.'),
    ('logreg-linear-log-odds-assumption', 'linear log odds in the predictors, independent Bernoulli outcomes; check with a LOWESS of the outcome on the feature on the logit scale or add squared terms; fix with transformations'),
    ('logreg-linear-log-odds-assumption', 'Assumption: logit(P(y=1|x)) = wᵀx + b, i.e. linearity in the logit, plus independent observations. Check: plot empirical log-odds per bin of each continuous predictor, or fit a GAM/splines and compare. Remedy: transformations or splines.'),
    ('logreg-log-odds', 'Odds is p divided by 1 − p, e.g. p = 0.8 gives 4. The logit is ln(p/(1−p)), which ranges over the whole real line. Logistic regression says logit(p) = wᵀx + b, and σ is the inverse function. Each unit of x_j multiplies the odds by exp(w_j).'),
    ('logreg-log-odds', 'odds p/(1-p) in (0, inf); log odds log(p/(1-p)) in (-inf, inf), 0 at p = 0.5; the LR score z = w·x + b equals the log odds; a unit increase in x_j scales the odds multiplicatively by e^w_j'),
    ('logreg-log-odds', 'odds = p/(1-p); logit = log odds, unbounded both ways; LR: logit(p) = w·x + b, so p = σ(w·x + b); Δx_j = 1 ⇒ odds × exp(w_j)'),
    ('logreg-marginal-effect', "dp/dx_j = w_j σ(z)(1 − σ(z)), the slope of the sigmoid times the weight. Because σ(1 − σ) is at most 0.25, |w_j|/4 bounds the change in p per unit of x_j, reached at p = 0.5; it's much smaller near 0 or 1, so marginal effects vary across observations: report the average marginal effect."),
    ('logreg-marginal-effect', 'w_j times p(1-p); divide the coefficient by four to get the maximum effect on the probability; the actual effect depends on the current p'),
    ('logreg-marginal-effect', '∂p/∂x_j = w_j p(1 − p) ≤ w_j/4 (max at p = 0.5). So w_j/4 is an upper bound on the change in probability per unit; effect varies with x, use average marginal effects.'),
    ('logreg-max-entropy', "Logistic regression is the distribution with the highest conditional entropy among those whose expected feature counts equal the empirical ones. The Lagrangian solution is an exponential-family (log-linear) model, which in the binary case is the sigmoid; the Lagrange multipliers are the weights. By duality this is the same as maximum likelihood, and the MLE's zero-gradient condition is exactly that moment matching."),
    ('logreg-max-entropy', 'maxent with feature-expectation constraints → exp(wᵀx)-form distribution = logistic/softmax; dual = MLE; stationarity Xᵀ(p − y) = 0 is the constraint'),
    ('logreg-max-entropy', 'max H(y|x) s.t. E_model[f] = E_data[f] → Lagrangian → p(y|x) ∝ exp(y wᵀx) → sigmoid; Lagrange dual = log-likelihood, so maxent = MLE; the gradient = 0 condition is the moment constraint.'),
    ('logreg-multicollinearity', "Predictive accuracy is mostly fine, but the coefficient estimates have inflated variance and can change sign from sample to sample; the Hessian is near-singular. Under exact collinearity the coefficients aren't identifiable. Detect with VIF; fix with ridge, PCA, or by removing one of the features."),
    ('logreg-multicollinearity', 'coefficients unstable, big standard errors, ill-conditioned XᵀSX; perfectly collinear → no unique MLE; remedy: L2 regularisation or drop redundant features'),
    ('logreg-multicollinearity', 'Inflated SEs, unstable/sign-flipping coefficients, ill-conditioned XᵀSX; predictions OK. Exact collinearity: singular Hessian, non-unique MLE. VIF to detect; ridge or drop to fix.'),
    ('logreg-naive-bayes', 'NB is the generative counterpart: it models p(x|y) and p(y), assuming features are conditionally independent given the class; LR is discriminative and fits p(y|x). For Gaussian NB with class-independent variances the posterior is exactly logistic, linear log-odds, so they share the model family but estimate parameters differently. NB needs fewer samples to converge, LR has lower asymptotic error (Ng & Jordan).'),
    ('logreg-naive-bayes', "Generative vs discriminative pair; GNB with shared variance gives σ(wᵀx + b); NB's naive independence assumption double-counts correlated features while LR adjusts the weights; NB is better with small samples, LR with more data."),
    ('logreg-naive-bayes', 'GNB (shared σ_j²) ⇒ P(y|x) = σ(wᵀx + b): same form; NB generative (p(x|y)p(y), conditional independence), LR discriminative (p(y|x)). NB: faster convergence in n, LR: lower asymptotic error.'),
    ('logreg-neural-network', "It's a one-layer network: a single neuron with sigmoid activation and binary cross-entropy. In a deep classifier the final layer is a logistic regression on features learned by the hidden layers. With hidden layers the objective is nonconvex, whereas logistic regression's is convex. The output-layer gradient is p − y in both."),
    ('logreg-neural-network', "LR = neural net with zero hidden layers; NN = LR on top of learned representations; NN loss has local minima and saddles, LR's doesn't; both use log-loss"),
    ('logreg-neural-network', 'LR = single neuron, sigmoid, BCE, no hidden layer; NN binary classifier = LR on learned features in the last layer; hidden layers → non-convex; output gradient p − y in both.'),
    ('logreg-newton-vs-gd', "Batch GD is O(nd) per step but converges linearly at a rate set by the condition number κ. Newton/IRLS needs to invert the Hessian, O(d³) plus O(nd²) to build it, but converges quadratically near the optimum, a handful of iterations. L-BFGS is quasi-Newton: approximates the inverse Hessian from recent gradients, O(nd) per step, sklearn's default. SGD for very large n or online learning."),
    ('logreg-newton-vs-gd', 'GD: cheap iterations, many of them, sensitive to scaling. Newton: each step inverts the Hessian (d×d), costly when d is large, but needs few iterations. L-BFGS: the middle ground, low-rank curvature approximation. SGD: mini-batches, cost independent of n, noisy, for big data.'),
    ('logreg-newton-vs-gd', 'GD: O(nd) per iteration, linear convergence that depends on conditioning. Newton/IRLS: each iteration you form and invert the Hessian, O(nd² + d³), but convergence is quadratic so you need maybe 10 iterations; use when d is moderate. L-BFGS: quasi-Newton approximation of the Hessian from a few past gradients, roughly GD cost per step with near-Newton convergence, the default in sklearn. SGD: mini-batches, for very large n or online data.'),
    ('logreg-newton-vs-gd', 'GD O(nd)/iter, #iter ∝ κ; Newton O(nd²+d³)/iter, quadratic convergence, few iters, small d; L-BFGS quasi-Newton, O(nd)/iter, default; SGD O(bd)/step, huge n, streaming.'),
    ('logreg-no-closed-form', "Because the score equations Xᵀ(σ(Xw) − y) = 0 aren't linear in w: the sigmoid wraps w, so there's no algebraic solution. OLS has a quadratic loss whose gradient is linear in w, so you solve a linear system. We use Newton's method / IRLS or L-BFGS, and since the NLL is convex we get the global minimum."),
    ('logreg-no-closed-form', 'The first-order conditions are transcendental, w is inside the sigmoid; with least squares the gradient is linear in the weights so you get XᵀXw = Xᵀy. Logistic regression is solved iteratively, e.g. by inverting the Hessian at each Newton step, and convexity guarantees a global optimum.'),
    ('logreg-no-closed-form', "There's no closed form because the sigmoid makes the gradient equation non-linear in w, you can't isolate w. With least squares the gradient is linear in the weights, so you just solve XᵀXw = Xᵀy. So we iterate with Newton or gradient descent; it's convex, so we still find the global minimum."),
    ('logreg-no-closed-form', "um, so when you set the derivative to zero you get sums of sigmoids of w — that's transcendental, no algebraic solution. Linear regression's normal equations are a linear system. Hence iterative solvers like IRLS, which inverts the Hessian each step; convexity means any stationary point is the global optimum."),
    ('logreg-no-closed-form', "∇ = Xᵀ(σ(Xw) − y) = 0 has no analytic solution as σ is nonlinear; OLS's normal equations are linear in w. Use Newton/IRLS or L-BFGS; convex → global optimum."),
    ('logreg-nonlinear-boundary', 'Expand the features: add x₁², x₂² and x₁x₂ (degree-2 polynomial features). The boundary wᵀφ(x) + b = 0 is then a circle/ellipse in the original space, while the model remains linear in the weights so the log-loss is still convex. Alternatively RBF kernel features or splines. Regularise, since more features overfit.'),
    ('logreg-nonlinear-boundary', 'Feature engineering: use the radius r² = x₁² + x₂²; still a linear model in the new features, still a convex fit; could also use kernels or a neural net; watch for overfitting with many features'),
    ('logreg-nonlinear-boundary', 'Basis expansion: add x₁², x₂², x₁x₂ → circular boundary; still linear in parameters and convex. Or RBF/kernel features, splines. Regularise (more features → overfitting).'),
    ('logreg-odds-ratio', "It's the change in log-odds per unit increase of x_j with everything else held constant; exp(w_j) is the odds ratio, the factor the odds get multiplied by. The effect on the probability itself isn't constant, it's largest near p = 0.5."),
    ('logreg-odds-ratio', "w_j: +1 in x_j → logit goes up by w_j, other features fixed; odds × e^w_j. In probability terms it's non-linear: dp/dx_j = w_j p(1 − p)."),
    ('logreg-odds-ratio', 'e^(w_j) is the odds ratio for +1 in x_j, others constant: w_j is the change in log odds. Effect on p is not constant — depends on baseline p.'),
    ('logreg-outliers', "It's less sensitive than linear regression because p − y is bounded in (−1, 1), so each point's gradient is at most ‖x‖ and the log-loss grows linearly rather than quadratically. But it isn't robust either: the loss is not bounded, so a confidently wrong (mislabeled) point keeps pulling with residual near 1. Points with large feature values have more leverage. Winsorise features, regularise, and check the highest-loss examples for label errors."),
    ('logreg-outliers', 'Moderately sensitive. Bounded residuals and a linear tail in the loss help, unlike squared error. Mislabeled points on the wrong side still have a huge loss that goes to infinity as the logit grows, and they dominate. Outliers in x have high leverage. Use clipping, L2, or a robust loss.'),
    ('logreg-outliers', "Less than linear regression but more than you'd hope. The residual p − y is bounded, the loss grows only linearly. But the loss itself is not bounded, so a mislabeled point with a very confident wrong prediction keeps pulling the boundary. High leverage points matter more. I'd winsorize, regularize, and inspect the biggest losses."),
    ('logreg-outliers', "ok so — gradient per example is (p−y)x and |p−y| < 1, so a point can't pull harder than its ‖x‖, that's nicer than squared error. but mislabeled examples far on the wrong side still have a residual of about 1 forever, and their loss goes to infinity, so they can tilt things. big feature values = big leverage. fixes: clip features, L2, look at the top-loss points."),
    ('logreg-outliers', 'Gradient per point (p − y)x, |p − y| ≤ 1: bounded; loss linear in |z| for wrong points (not quadratic). But unbounded loss: confidently mislabeled points keep pulling. High leverage (large ‖x‖) matters. Clip/winsorise, L2, inspect.'),
    ('logreg-ovr-vs-softmax', "OvR fits K independent binary logistic regressions, each class against the rest; their probabilities aren't normalised together so they needn't add up to 1. Softmax (multinomial) trains a single model with one cross-entropy loss, giving a coherent distribution. Use softmax when classes are mutually exclusive; use per-class sigmoids for multi-label tasks where labels aren't exclusive."),
    ('logreg-ovr-vs-softmax', "OvR: K separate classifiers, uncalibrated scores that don't sum to one, parallel; multinomial: jointly trained, normalised; pick softmax for exclusive classes, independent sigmoids for multi-label"),
    ('logreg-ovr-vs-softmax', "OvR: K separate binary fits, scores not normalized (don't sum to 1). Multinomial: single joint softmax model, normalized probabilities. Mutually exclusive classes → softmax; multi-label → independent sigmoids."),
    ('logreg-pm1-labels', "P(y | x) = 1/(1 + exp(−y wᵀx)) for y ∈ {−1, +1}. Negative log-likelihood: Σ log(1 + exp(−yᵢ wᵀxᵢ)), depending only on the margin yᵢwᵀxᵢ. Setting t = (y + 1)/2 turns it into the usual cross-entropy, so it's just a different coding of the same model with the same optimum."),
    ('logreg-pm1-labels', 'likelihood Π σ(yᵢ zᵢ) since σ(−z) = 1 − σ(z); loss softplus(−y z) = log(1 + e^(−yz)), a margin loss; same as BCE after relabelling −1 → 0'),
    ('logreg-pm1-labels', "P(y|x) = σ(y wᵀx); NLL = Σ log(1 + exp(−y wᵀx)), a margin loss; t = (y+1)/2 gives the 0/1 cross-entropy, so it's equivalent."),
    ('logreg-score-equations', "The mean of p equals the proportion of positive labels. Setting the derivative with respect to the bias to zero gives Σ(pᵢ − yᵢ) = 0. Similarly each feature's moment is matched. Not true if the intercept is penalized or with class weights, and it's only calibration in the large."),
    ('logreg-score-equations', "It equals the empirical positive rate, ȳ, because the intercept's gradient, mean(p − y), vanishes at the optimum; the other components give moment matching for every feature; but this doesn't mean the model is well calibrated everywhere, and it fails with a penalised intercept."),
    ('logreg-score-equations', 'mean(p̂) = mean(y), the base rate, because ∂L/∂b = Σ(p − y) = 0 at the optimum. Generally Xᵀ(p − y) = 0: moment matching. Fails if the intercept is penalised, with class weights, or with early stopping.'),
    ('logreg-separable-data', "There's no finite minimiser: the likelihood keeps increasing as you scale up w along a separating direction, so the weights grow without bound and GD never converges; the loss goes to zero asymptotically. w/‖w‖ tends to the hard-margin SVM solution. Add an L2 penalty or use early stopping."),
    ('logreg-separable-data', "The MLE is at infinity: coefficients explode, probabilities become 0 and 1, sklearn/statsmodels warn about perfect separation. The direction converges to the maximum-margin separator. Regularizing fixes it, as does Firth's correction."),
    ('logreg-separable-data', "Unregularized logistic regression on separable data doesn't have a finite optimum: you can always scale w up and lower the loss, so the coefficients grow without bound and the solver doesn't converge, though w/‖w‖ approaches the max-margin SVM direction. Add regularization or stop early."),
    ('logreg-separable-data', 'weights go to infinity, loss → 0 but is never attained, no MLE; direction → hard-margin SVM; fix with an L2 penalty'),
    ('logreg-separable-data', "MLE doesn't exist: ‖w‖ → ∞, loss → 0 asymptotically, p → 0/1; GD direction → max-margin SVM; fix with L2, early stopping, Firth."),
    ('logreg-sigmoid-properties', "Outputs in (0,1), σ(0) = 1/2; σ(−z) = 1 − σ(z); σ'(z) = σ(z)(1 − σ(z)) with max 0.25; the inverse is the logit."),
    ('logreg-sigmoid-properties', "It's symmetric around the point (0, 0.5), so sigmoid of minus z equals one minus sigmoid of z. The derivative is s(1 − s). It's bounded between 0 and 1, and you can invert it to get the log-odds."),
    ('logreg-sigmoid-properties', "σ: ℝ → (0,1), σ(0)=0.5; σ(−z) = 1 − σ(z); σ' = σ(1−σ); σ⁻¹ = logit."),
    ('logreg-softmax', "Each class k gets its own linear score w_kᵀx + b_k; P(y = k | x) = exp(z_k) / Σ_j exp(z_j). Train with categorical cross-entropy; gradient Xᵀ(P − Y) with Y one-hot. With two classes softmax is the sigmoid of z₁ − z₀, so binary LR is the special case. The parameters aren't identifiable (adding the same vector to all w_k changes nothing), so fix one class to zero or regularise."),
    ('logreg-softmax', 'multinomial LR: K weight vectors, softmax normalises the exponentiated scores to sum to 1, cross-entropy loss with P − Y gradient; K = 2 reduces to logistic regression on the score difference; over-parameterised by one class'),
    ('logreg-softmax', 'P(y=k|x) = exp(w_kᵀx)/Σ_j exp(w_jᵀx), categorical cross-entropy, gradient Xᵀ(P − Y); K=2 → σ((w₁ − w₀)ᵀx); invariant to adding a common vector, so fix a reference class.'),
    ('logreg-stable-loss', 'The naive version overflows in exp and hits log(0), giving inf/NaN. Use BCEWithLogitsLoss-style computation: loss = softplus(z) − y z, computed with log1p(exp(−|z|)) + max(z, 0). For σ, if z ≥ 0 use 1/(1+e^(−z)), else e^z/(1+e^z). Clipping probabilities to [1e-15, 1 − 1e-15] also avoids inf but is cruder.'),
    ('logreg-stable-loss', 'work from logits rather than probabilities: logaddexp(0, z) − yz; sigmoid split by the sign of z so exp never overflows; avoids the NaN from log of 0; better than clipping p'),
    ('logreg-stable-loss', 'Use log-sum-exp: loss = max(z,0) − yz + log1p(e^(−|z|)); σ(z) computed as exp(−logaddexp(0, −z)) or branching on z ≥ 0; avoids overflow and log(0)=−inf; clipping p by ε is a cruder hack.'),
    ('logreg-standard-errors', "Invert the Hessian of the negative log-likelihood at the MLE (the observed Fisher information XᵀSX) to get the covariance; SEs are the square roots of the diagonal. Then Wald intervals ŵ ± 1.96 SE, or likelihood-ratio / profile intervals. They break down under (quasi-)separation, multicollinearity, small samples, and after penalisation or model selection, where you'd bootstrap."),
    ('logreg-standard-errors', 'SE from the inverse information matrix; z-tests and 95% intervals, exponentiated for odds ratios; unreliable with separation, collinear features, rare events, misspecification (sandwich) or regularization.'),
    ('logreg-standard-errors', "You invert the Hessian of the log-likelihood at the optimum, the Fisher information XᵀWX, and take sqrt of the diagonal for SEs; then z = coef/SE and a 95% CI of ±1.96 SE. They break down under separation, heavy collinearity, small samples, or when you've regularised."),
    ('logreg-standard-errors', 'Cov(ŵ) ≈ (XᵀSX)⁻¹ (inverse Fisher information); SE = sqrt(diag); Wald CI ŵ ± 1.96 SE; exp for OR. Breaks: separation, collinearity, small n, regularisation.'),
    ('logreg-step-size-smoothness', "Since σ' ≤ 1/4, the Hessian XᵀSX/n ⪯ XᵀX/(4n); so the gradient is L-Lipschitz with L = λmax(XᵀX)/(4n), and a constant learning rate η ≤ 1/L guarantees monotone descent (descent lemma)."),
    ('logreg-step-size-smoothness', 'η = 4n / λ_max(XᵀX): the curvature is at most a quarter of XᵀX/n because p(1−p) ≤ 0.25, which makes the loss smooth, and a step of one over L never overshoots.'),
    ('logreg-step-size-smoothness', "η ≤ 1/L with L = λ_max(XᵀX)/(4n): the Hessian is ⪯ XᵀX/(4n) since σ' ≤ 1/4, so the loss is L-smooth and GD with η ≤ 1/L is monotone."),
    ('logreg-still-linear-classifier', "The sigmoid is monotonic, so p > 0.5 exactly when wᵀx + b > 0; the decision boundary is linear. Equivalently the logit is linear in x. It's linear in whatever features you give it, so with feature engineering the boundary can be curved in the original space."),
    ('logreg-still-linear-classifier', 'sigmoid is order-preserving, so classifying by probability = classifying by the score; boundary is a hyperplane; log-odds linear; add interaction terms or a kernel for non-linear boundaries in the raw inputs'),
    ('logreg-still-linear-classifier', "Because σ is monotonic, p ≥ 0.5 ⟺ wᵀx + b ≥ 0, so the decision boundary is a hyperplane; the logit is linear; with a feature map (polynomial terms) it's linear in feature space but not in the inputs."),
    ('logreg-threshold-selection', "0.5 is optimal only if errors have equal costs and the probabilities are calibrated; with imbalanced costs use t = C_FP / (C_FP + C_FN). Otherwise tune it on a validation set using the PR curve or F1; changing the threshold doesn't change the ranking or the ROC-AUC, just the operating point."),
    ('logreg-threshold-selection', "Because false negatives and false positives rarely cost the same, and the model's probabilities may be shifted by reweighting. Choose the threshold by minimising expected cost or maximising F1 on held-out data; it only moves the boundary parallel to itself, the AUC is the same."),
    ('logreg-threshold-selection', "0.5 minimises misclassification only with calibrated p and equal costs; Bayes rule: predict 1 if p > C_FP/(C_FP + C_FN). Choose on a validation set via ROC/PR curve for the target metric; the threshold doesn't change the ranking/AUC."),
    ('logreg-vs-svm', 'LR uses the log loss log(1 + exp(−y f(x))), the SVM the hinge max(0, 1 − y f(x)). The hinge is exactly zero for points with margin ≥ 1, so the SVM solution depends only on support vectors, while log loss is always positive, so all points contribute. LR outputs calibrated-ish probabilities; the SVM needs Platt scaling. On separable data, gradient descent on LR converges in direction to the hard-margin SVM.'),
    ('logreg-vs-svm', "log-loss vs hinge; SVM sparse in support vectors, LR uses every point; LR gives probabilities, SVM doesn't; they often give similar boundaries, LR tends to the max-margin direction"),
    ('logreg-vs-svm', "Log loss log(1 + e^(−m)) vs hinge max(0, 1 − m). Hinge = 0 beyond the margin → sparse support vectors; log loss never exactly 0 → all points. LR → probabilities; SVM → Platt scaling. Separable: LR's direction → max-margin."),
    ('logreg-what-it-models', "It models P(y = 1 | x) as 1/(1 + e^(−(wᵀx + b))), trained by minimising log loss, which is maximum likelihood for Bernoulli labels. It doesn't model the distribution of x at all, it's discriminative. The log-odds are linear in x."),
    ('logreg-what-it-models', 'The conditional probability of the class: sigmoid of a linear function, so the logit is linear. Fit by MLE. It says nothing about p(x), unlike a generative model like naive Bayes.'),
    ('logreg-what-it-models', 'P(y=1 | x) via the logistic function of a linear score; Bernoulli likelihood; discriminative (conditional model, no p(x)); logit is linear in x.'),
    ('logreg-why-not-linear-regression', "The fitted values aren't constrained to [0, 1], so you get negative 'probabilities' or ones bigger than 1. Squared loss also penalises predictions that are too confident on the right side, so far-away correctly classified points pull the fit and shift the 0.5 crossing. And the errors are heteroscedastic: a Bernoulli variable has variance p(1 − p), so the Gaussian constant-variance assumption fails."),
    ('logreg-why-not-linear-regression', "out-of-range outputs; outliers with high leverage drag the line even when they're correct; wrong noise model, labels are Bernoulli not Gaussian"),
    ('logreg-why-not-linear-regression', '(1) predictions outside [0,1]; (2) squared loss penalises correct-but-far points, which pull the line; (3) heteroscedastic Bernoulli noise, not Gaussian.'),
    ('logreg-why-sigmoid', "We need an output in [0, 1]. The sigmoid is the inverse of the log-odds link, so the model is linear in log-odds; with Bernoulli likelihood that gives a convex negative log-likelihood and gradient (p − y)x. It's also monotone and differentiable."),
    ('logreg-why-sigmoid', "Because it maps the real line to probabilities, it's monotonic and smooth with derivative sigma(1 − sigma), and it's the inverse logit: assuming linear log odds forces it. It's the canonical GLM link for Bernoulli data, so the loss stays convex."),
    ('logreg-why-sigmoid', 'Squashes ℝ into (0,1) so the output is a probability; inverse of the logit so log-odds are linear; canonical link for Bernoulli → gradient (p − y)x and convex NLL; differentiable and monotonic.'),
]

# (question, a half-right answer, the key points it states wrongly)
WRONG_ANSWERS = [
    ('logreg-calibration', "They're always well calibrated, since log-loss is a proper scoring rule and the intercept matches the base rate; only dataset shift can break it; check with a reliability diagram.", [1]),
    ('logreg-calibration', 'MLE with a proper scoring rule gives calibration; intercept matches the base rate; heavy regularisation makes the probabilities overconfident; check with Platt scaling.', [3]),
    ('logreg-class-imbalance', "Use class weights so the model pays attention to positives; class weights don't affect the calibration of the probabilities. Evaluate with recall and precision, and tune the threshold.", [3]),
    ('logreg-class-imbalance', "Optimise accuracy on a balanced resample; class weights fix everything and don't change the probabilities; look at recall.", [1, 3]),
    ('logreg-coefficient-importance', "Yes, as long as they're standardised; correlated features are fine because the model accounts for them, and regularisation doesn't affect the ranking; they're conditional effects.", [3]),
    ('logreg-coefficient-importance', 'Yes, just rank by |w_j| directly: bigger coefficient always means more important; correlation and regularisation aside.', [1]),
    ('logreg-cross-entropy-vs-mse', "Cross-entropy is the Bernoulli likelihood; MSE with a sigmoid is still convex, it's just slower, because its gradient has a p(1 − p) factor that vanishes; and cross-entropy punishes confident mistakes more.", [2]),
    ('logreg-cross-entropy-vs-mse', "MLE with Bernoulli labels gives cross-entropy; it's convex, but its gradient vanishes when the model is confident, while MSE punishes big errors more heavily.", [4]),
    ('logreg-cross-entropy-vs-mse', 'Both losses are convex, cross-entropy is just faster; the MSE gradient vanishes because of the p(1 − p) factor; and cross-entropy is the Bernoulli likelihood.', [2]),
    ('logreg-decision-boundary', "It's a hyperplane wᵀx + b = 0 normal to w; moving the threshold tilts the boundary, because the sigmoid is monotone.", [3]),
    ('logreg-decision-boundary', 'The boundary is S-shaped because of the sigmoid, w is perpendicular to it, and changing the threshold shifts it parallel since σ is monotonic.', [1]),
    ('logreg-decision-boundary', 'The boundary wᵀx + b = 0 is a hyperplane with w perpendicular to it; a different threshold changes the slope of the boundary; σ is monotone.', [3]),
    ('logreg-duplicate-feature', 'Without a penalty only the sum w₁ + w₂ is identified. With L2 each copy gets half, w₁ = w₂. With L1 it also splits the weight evenly, so L1 behaves just like L2.', [3]),
    ('logreg-duplicate-feature', 'No penalty: only w₁ + w₂ is identified. L2: the fit is identical to the original single-copy model with w₁ = w₂. L1: any same-sign split.', [2]),
    ('logreg-evaluation', 'Accuracy and a confusion matrix at 0.5, precision and recall, plus ROC-AUC to measure calibration, all on a test set.', [2]),
    ('logreg-evaluation', 'Log-loss tells you the ranking quality, AUC tells you calibration, precision/recall for decisions, all on held-out data.', [1, 2]),
    ('logreg-failure-modes', 'Unscaled features: the fitted probabilities change. Collinearity: unstable coefficients. Separable data: converges quickly with small weights. Outliers: tilt the boundary.', [3]),
    ('logreg-failure-modes', 'Unscaled features slow GD; collinearity ruins the predictions; separation makes weights diverge; outliers tilt the boundary.', [2]),
    ('logreg-feature-scaling', 'It changes the fitted model even without regularisation, because the predictions change when you rescale a feature; gradient descent also converges slower with unscaled features, and with L2 the penalty depends on scale.', [1]),
    ('logreg-feature-scaling', 'Unregularised predictions are invariant; gradient descent is slower with bad scaling; and L2 regularisation is not affected by scale because it shrinks all weights equally.', [3]),
    ('logreg-feature-scaling', "It doesn't matter at all for logistic regression: predictions are invariant and gradient descent converges at the same speed since the loss is convex; regularization isn't affected either.", [2, 3]),
    ('logreg-feature-scaling', 'Rescaling features changes the unregularised predictions, because the model is not scale invariant; GD slows with bad conditioning; penalties depend on scale.', [1]),
    ('logreg-glm', 'Bernoulli response with a logit link; the canonical link for the Bernoulli is the probit; the canonical link gives the Fisher information equal to the observed one; probit is an alternative.', [2]),
    ('logreg-glm', 'Bernoulli GLM with the logit link; the canonical link for the Bernoulli is the probit; gives IRLS; probit is an alternative.', [2]),
    ('logreg-gradient-intuition', "The gradient weights each example's features by its error p − y, so correctly classified points contribute the largest share. It matches linear regression's gradient because of the canonical link; σ′ cancels.", [1]),
    ('logreg-gradient-intuition', "It's residual times features; the examples the model already gets confidently right contribute the most, which is why it converges; same as linear regression; canonical link.", [1]),
    ('logreg-implement-from-scratch', 'p = sigmoid(X @ w + b); gradient = X.T @ (p - y) / n; w = w + lr * gradient; stop when the loss stops changing; predict with threshold 0.5.', [3]),
    ('logreg-implement-from-scratch', 'p = sigmoid(X @ w + b); grad = X.T @ (p - y) / n; w += lr * grad; b += lr * mean(p - y); clip p before the log; predict p >= 0.5.', [3]),
    ('logreg-l1-vs-l2-geometry', 'The L2 ball is a diamond and L1 a circle, so L1 solutions land on axes; L1 has a constant pull λ·sign(w); Laplace prior for L1.', [1]),
    ('logreg-l1-vs-l2-geometry', "L1's diamond has corners on the axes; algebraically L2 pulls with a constant force while L1's gradient vanishes; priors: Laplace for L1, Gaussian for L2.", [2]),
    ('logreg-l1-vs-l2-geometry', 'The L2 ball has corners on the axes, which is why L2 is sparse... no wait, L1 has a constant pull λ, subgradient [−λ, λ]; Laplace prior for L1.', [1]),
    ('logreg-l2-regularization', "It adds the squared norm of w to the loss; this shrinks coefficients and drives many of them to exactly zero, giving a unique solution; it's the MAP under a Gaussian prior.", [3]),
    ('logreg-l2-regularization', 'Adds λ‖w‖²; unique solution even when separable; it performs feature selection by zeroing weights; Gaussian prior, MAP.', [3]),
    ('logreg-latent-variable', 'Latent utility y* = wᵀx + ε with y = 1 when y* > 0; logistic noise gives logit and normal noise gives probit; the probit has the heavier tails; coefficients differ by about 1.6–1.8.', [4]),
    ('logreg-latent-variable', 'Latent utility y* crossing zero; Gaussian noise gives logistic regression and logistic noise gives probit; scale not identified; similar fits.', [2]),
    ('logreg-linear-log-odds-assumption', 'That the features are normally distributed and the observations independent; check with Q-Q plots and bins of the logit; fix by transforming the features.', [2]),
    ('logreg-linear-log-odds-assumption', 'That the outcome is a linear function of the features with independent observations; check with binned residual plots; fix with polynomial features or transformations.', [1]),
    ('logreg-linear-log-odds-assumption', 'It assumes the features are independent of each other and the log-odds are linear; check with binned logits; fix with transforms.', [2]),
    ('logreg-log-odds', 'Odds are p/(1 − p), the logit is the log of the odds and can be any real number, the score is the log-odds, and adding one to x_j raises the probability by w_j.', [4]),
    ('logreg-log-odds', 'Odds are (1 − p)/p, the log of that is the logit, any real number, equal to wᵀx + b; a unit change multiplies the odds by e^w.', [1]),
    ('logreg-log-odds', 'Odds are the same as the probability; the logit is the log of the odds, any real number; the score equals the logit; +1 multiplies the odds by e^w.', [1]),
    ('logreg-marginal-effect', "dp/dx_j = w_j p(1 − p); dividing by 4 gives the effect, which is constant everywhere since it doesn't depend on p.", [3]),
    ('logreg-marginal-effect', "dp/dx_j = w_j p(1 − p), and because the model is linear it's always exactly w_j/4 for every x.", [2, 3]),
    ('logreg-max-entropy', 'It minimises the conditional entropy subject to the moment constraints, which gives the softmax/sigmoid via Lagrange multipliers; the dual is maximum likelihood.', [1]),
    ('logreg-max-entropy', 'It picks the lowest-entropy conditional distribution subject to moment constraints; Lagrange multipliers give the sigmoid; the dual is MLE.', [1]),
    ('logreg-multicollinearity', "Coefficients get large standard errors and the Hessian is ill-conditioned, and with perfect collinearity the MLE isn't unique; but the coefficients are also biased, so use ridge.", [1]),
    ('logreg-multicollinearity', 'Multicollinearity makes the predictions unreliable; coefficients are unstable; the Hessian is near-singular; fix with ridge.', [1]),
    ('logreg-naive-bayes', 'Logistic regression is generative and naive Bayes discriminative; with shared variances Gaussian NB has a logistic posterior; NB assumes conditional independence; NB does better with little data.', [1]),
    ('logreg-naive-bayes', 'NB is generative, LR discriminative; Gaussian NB with shared variances gives a logistic posterior; both assume the features are conditionally independent, and LR also assumes independence of features; NB wins with little data.', [3]),
    ('logreg-naive-bayes', 'NB is discriminative and LR generative; GNB with shared variances gives the logistic form; NB assumes conditional independence; NB wins with little data.', [1]),
    ('logreg-neural-network', "LR is a single neuron with a sigmoid; a network's output layer is LR on learned features; but LR's loss is non-convex too, like the network's; both use cross-entropy.", [3]),
    ('logreg-neural-network', 'LR is a single neuron with no hidden layer, NNs stack them; adding hidden layers keeps the loss convex; output layer is LR on learned features; p − y gradient.', [3]),
    ('logreg-newton-vs-gd', "Gradient descent converges quadratically with O(nd) per iteration. Newton inverts the Hessian at O(d³) per step, so it's slower overall. L-BFGS approximates the Hessian; SGD uses mini-batches.", [1]),
    ('logreg-newton-vs-gd', 'GD costs O(nd) per step and depends on conditioning; Newton is O(nd) per iteration as well and converges in a few steps; L-BFGS is quasi-Newton; SGD is for streaming.', [2]),
    ('logreg-newton-vs-gd', 'GD is O(nd) per step; Newton needs more iterations than GD but each is cheaper because it avoids the Hessian; L-BFGS is quasi-Newton; SGD for streaming data.', [2]),
    ('logreg-newton-vs-gd', 'GD converges quadratically at O(nd) per step; Newton O(nd² + d³); L-BFGS in between; SGD for streaming.', [1]),
    ('logreg-no-closed-form', 'Because w appears inside the sigmoid, the equations are non-linear; and since the objective has many local minima you need gradient descent with restarts, unlike the linear system of linear regression.', [4]),
    ('logreg-no-closed-form', "Because the problem isn't convex, there can be several local minima, so there's no closed form; we use gradient descent instead. In linear regression XᵀXw = Xᵀy is linear.", [4]),
    ('logreg-no-closed-form', 'The gradient equations are non-linear since w is inside σ; unlike XᵀXw = Xᵀy; and because the loss has many local minima we need iterative solvers like GD.', [4]),
    ('logreg-nonlinear-boundary', 'Add polynomial features; this makes the optimisation non-convex but it still works; kernels are another option; regularise.', [2]),
    ('logreg-nonlinear-boundary', 'Add squared features; the problem then becomes non-convex but solvable; kernels also work; regularise.', [2]),
    ('logreg-odds-ratio', 'w_j is the change in the log-odds per unit of x_j holding others constant, and e^(w_j) multiplies the probability of the positive class.', [2]),
    ('logreg-odds-ratio', 'w_j adds to the log-odds per unit of x_j with the others fixed, so the probability increases by w_j; e^(w_j) is the odds ratio.', [4]),
    ('logreg-outliers', "Not sensitive at all: the loss is bounded like the hinge, so mislabeled points stop mattering once they're far away; extreme features have high leverage though; clip them.", [2]),
    ('logreg-outliers', 'Very sensitive, because the log-loss grows quadratically in how wrong the logit is, like least squares; mislabeled points keep pulling; high-leverage points matter; clip features.', [1]),
    ('logreg-outliers', "It's robust to mislabeled points because the sigmoid saturates, so their gradient goes to zero; the loss grows linearly; clip extreme feature values with high leverage.", [2]),
    ('logreg-outliers', 'Bounded residual p − y, linear tail; mislabeled points have negligible influence because the sigmoid saturates; leverage points matter; clip.', [2]),
    ('logreg-ovr-vs-softmax', 'OvR trains K separate classifiers and the multinomial trains one joint model; both give probabilities that sum to 1; use softmax for multi-label problems.', [2, 4]),
    ('logreg-pm1-labels', "P(y|x) = σ(y·z) and the loss is log(1 + exp(y z)), a function of the margin; it's the same because −1 maps to 0.", [2]),
    ('logreg-pm1-labels', 'P(y|x) = σ(y·z); loss log(1 + exp(+y z)) as a function of the margin; equivalent to BCE with t = (y+1)/2.', [2]),
    ('logreg-score-equations', "It's 0.5 on average, since the intercept's gradient mean(p − y) is zero at the optimum, and every feature's moment is matched; it breaks with class weights.", [1]),
    ('logreg-score-equations', "It's always 0.5 on average because of the sigmoid's symmetry; the bias gradient mean(p − y) is zero; moments match for each feature.", [1]),
    ('logreg-separable-data', 'The loss reaches zero after a few iterations and gradient descent stops at a finite w, which is the max-margin solution; L2 regularisation would help generalisation.', [1]),
    ('logreg-separable-data', "The weights blow up because there's no finite MLE, and the direction converges to the max-margin solution, but regularisation doesn't help here, you need more data.", [4]),
    ('logreg-separable-data', 'The weights grow very large but eventually converge to the max-margin solution, which is the unique MLE; regularisation is optional.', [1]),
    ('logreg-separable-data', 'The loss reaches exactly zero and GD stops; the weights are large; direction is the max-margin one; regularise.', [1]),
    ('logreg-sigmoid-properties', 'Symmetric: σ(−z) = 1 − σ(z). Its derivative is σ(z)(1 + σ(z)). Range (0, 1), and the inverse is the logit.', [2]),
    ('logreg-sigmoid-properties', 'σ(0) = 0 and it goes to 1 for large z; σ(−z) = 1 − σ(z); the derivative is σ(1 − σ); inverse is the logit.', [3]),
    ('logreg-sigmoid-properties', 'Range (0,1), σ(0) = 0.5, inverse is logit, derivative σ(1 + σ), symmetric σ(−z) = 1 − σ(z).', [2]),
    ('logreg-softmax', 'It trains K separate sigmoid models and then the softmax normalises their outputs so they sum to 1; cross-entropy loss; with two classes it reduces to the sigmoid.', [1]),
    ('logreg-softmax', 'Softmax is just K separate binary logistic regressions normalised afterwards; cross-entropy; reduces to the sigmoid for K = 2; over-parameterised.', [1]),
    ('logreg-stable-loss', 'exp overflows and log(0) gives −inf, so clip p to [ε, 1 − ε]; and compute the loss as np.log(1 + np.exp(z)) - y*z, which is stable for any z; branch the sigmoid on the sign of z.', [2]),
    ('logreg-stable-loss', "Overflow in exp gives inf/NaN; just compute np.log(1 + np.exp(z)) - y*z, it's always finite; and use z >= 0 / z < 0 branches for the sigmoid; or clip.", [2]),
    ('logreg-standard-errors', 'Compute σ²(XᵀX)⁻¹ as in linear regression and take square roots; Wald intervals ±1.96 SE; they fail with separation.', [1]),
    ('logreg-standard-errors', 'Use σ²(XᵀX)⁻¹ like OLS for the covariance; Wald ±1.96 SE; unreliable with separation.', [1]),
    ('logreg-step-size-smoothness', "The Hessian is bounded by XᵀX/(4n) because p(1 − p) ≤ 1/4, so the loss is L-smooth with L = λ_max(XᵀX)/(4n); since it's convex, any learning rate works, it just affects speed.", [3]),
    ('logreg-step-size-smoothness', 'Since p(1−p) ≤ 1/4, the loss is L-smooth with L = λ_max(XᵀX)/(4n); use a learning rate greater than 2/L so it converges quickly.', [3]),
    ('logreg-still-linear-classifier', 'Because the sigmoid is monotone; but the decision boundary becomes curved near the middle because of the S shape. The log-odds are linear, and you can add polynomial features.', [2]),
    ('logreg-still-linear-classifier', 'Because the sigmoid is approximately linear near the decision boundary; the log-odds are linear; the boundary is a hyperplane; feature maps can curve it.', [1]),
    ('logreg-threshold-selection', 'Because the costs differ; pick the threshold on the ROC curve on validation data; a lower threshold gives a better model with a higher AUC.', [4]),
    ('logreg-threshold-selection', "Because costs are asymmetric; choose the cut-off with c_FP/(c_FP + c_FN) or by tuning on the test set; it doesn't change the AUC.", [3]),
    ('logreg-vs-svm', 'LR uses log-loss and the SVM the hinge; the SVM only depends on support vectors; both give probabilities directly, the SVM gives calibrated probabilities; LR converges to the max-margin direction on separable data.', [3]),
    ('logreg-vs-svm', 'Hinge vs log-loss; the log-loss is zero beyond the margin just like the hinge; LR gives probabilities; LR converges to the max-margin direction.', [2]),
    ('logreg-what-it-models', 'It models the joint distribution of x and y, via a sigmoid of the linear score fitted by maximum likelihood; the log-odds are linear.', [3]),
    ('logreg-what-it-models', "The probability is linear in the features, p = wᵀx + b, then clipped by a sigmoid; it's fitted with cross-entropy and it's discriminative.", [4]),
    ('logreg-what-it-models', "It's a generative model of the joint p(x, y), using a sigmoid, fitted by maximum likelihood; the log-odds are linear.", [3]),
    ('logreg-why-not-linear-regression', "It's fine in practice since the outputs always stay in [0, 1] after thresholding; outliers can pull the line; and the Bernoulli noise isn't Gaussian.", [1]),
    ('logreg-why-not-linear-regression', 'The outputs always lie between 0 and 1 anyway; far-away points pull the line; the noise is Bernoulli not Gaussian.', [1]),
    ('logreg-why-sigmoid', "To make the decision boundary non-linear; also it outputs a probability, and it's differentiable with a nice derivative, and with cross-entropy it's convex.", [2]),
    ('logreg-why-sigmoid', "It gives a probability in (0,1), it's the inverse of the logit, it's smooth, and the cross-entropy loss becomes non-convex but that's fine in practice.", [3]),
    ('logreg-why-sigmoid', "The sigmoid gives a probability in (0, 1); it's the inverse of the logit; with it the cross-entropy loss becomes non-convex, but it's smooth and monotone.", [3]),
]


@pytest.mark.parametrize(("qid", "typed"), RIGHT_ANSWERS)
def test_right_answer_in_other_words_is_suggested_good(qid, typed):
    verdicts = judge_answer(LOADED[qid], typed)
    assert not [v.point.text for v in verdicts if v.status == "contradicted"]
    assert suggest_rating(verdicts) >= 3, [v.status for v in verdicts]


@pytest.mark.parametrize(("qid", "typed", "wrong"), WRONG_ANSWERS)
def test_half_right_answer_is_caught(qid, typed, wrong):
    verdicts = judge_answer(LOADED[qid], typed)
    assert not [i for i in wrong if verdicts[i - 1].status == "covered"]
    assert suggest_rating(verdicts) < 3


def test_every_recall_question_has_examples_and_its_own_answer_is_good():
    for q in LOADED.values():
        if q.type != "recall":
            continue
        assert len(q.good_examples) >= 2 and len(q.bad_examples) >= 1, q.id
        verdicts = judge_answer(q, q.answer)
        assert all(v.status == "covered" for v in verdicts), (q.id, [v.status for v in verdicts])
        assert all(v.status == "missed" for v in judge_answer(q, q.prompt)), q.id
