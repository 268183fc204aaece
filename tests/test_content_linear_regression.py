"""Content tests for questions/linear-regression.yaml.

Every numeric answer is recomputed from scratch, and every computable claim in the answers, derivation
steps and explanations (gradients, closed forms, identities, counts) is checked with NumPy; key points are
tried against typical typed phrasings. The bank's form (format rules, minimums, key-point patterns) is
checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import yaml

from drill.matching import judge_point
from drill.models import KeyPoint

BANK_PATH = Path(__file__).parents[1] / "questions" / "linear-regression.yaml"


# --------------------------------------------------------------------------- loading


@pytest.fixture(scope="module")
def bank() -> dict:
    with BANK_PATH.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def questions(bank) -> list[dict]:
    return bank["questions"]


@pytest.fixture(scope="module")
def q(questions) -> dict[str, dict]:
    return {item["id"]: item for item in questions}


def numeric_ok(question: dict, computed: float) -> None:
    """Assert that a freshly computed value lies within the question's tolerance of its stated answer."""
    stated = float(question["answer"])
    tol = question.get("tolerance", 0.01 * abs(stated))
    assert abs(computed - stated) <= tol, (
        f"{question['id']}: recomputed {computed!r}, bank says {stated!r} ± {tol!r}"
    )


def covered(answer: str, key_point: dict, prompt: str = "") -> bool:
    """As the quiz reads it: match and reject patterns, negation, and the prompt's own words not counting."""
    point = KeyPoint(key_point["text"], tuple(key_point["match"]), tuple(key_point.get("reject") or ()))
    return judge_point(point, answer, prompt).status == "covered"


def ols(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.linalg.lstsq(X, y, rcond=None)[0]


def with_ones(X: np.ndarray) -> np.ndarray:
    return np.column_stack([np.ones(len(X)), X])


def r2(y: np.ndarray, y_hat: np.ndarray) -> float:
    return 1.0 - np.sum((y - y_hat) ** 2) / np.sum((y - y.mean()) ** 2)


def num_grad(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    """Central finite differences of a scalar function of a vector."""
    g = np.zeros_like(x, dtype=float)
    for i in range(x.size):
        e = np.zeros_like(x, dtype=float)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


# --------------------------------------------------------------------------- seed items and typed phrasings


def test_seed_interview_items(q):
    assert "asked-next" in q["linreg-beats-nonlinear"]["tags"]
    assert "nonlinear" in q["linreg-beats-nonlinear"]["prompt"]
    assert "asked-next" in q["linreg-assumptions"]["tags"]
    assert "assumptions" in q["linreg-assumptions"]["prompt"]
    assert "say-it-aloud" in q["linreg-geometric-interpretation"]["tags"]
    assert "geometric interpretation" in q["linreg-geometric-interpretation"]["prompt"]


# Realistic typed phrasings a strong candidate uses, with the key points (0-based) they must cover,
# and wrong or off-topic phrasings with the points they must NOT cover.
TYPED = [
    ("linreg-what-is-linear", "It predicts a continuous value as y = w*x + b; it is linear in w, so x^2 features are fine.",
     {0, 2, 3}, set()),
    ("linreg-what-is-linear", "E[y|x] = beta^T x, a linear function of the features; the target is numeric.", {0, 1, 3}, set()),
    ("linreg-uniqueness", "If XtX is singular there are infinitely many solutions, but the fitted values are identical.",
     {1, 2}, set()),
    ("linreg-gd-vs-closed-form", "The normal equation is O(n p^2 + p^3); GD is O(nd) per step.", {0}, set()),
    ("linreg-gd-vs-closed-form", "I would choose between them and 2 or 3 other things.", set(), {0}),
    ("linreg-sgd-constant-step", "It won't converge exactly; it hovers near w* because the gradients are noisy.", {0, 1}, set()),
    ("linreg-gauss-markov", "OLS is the best linear unbiased estimator; normality isn't required; ridge can have lower MSE.",
     {1, 2, 3}, set()),
    ("linreg-gauss-markov", "OLS is BLUE: unbiased.", set(), {1, 3}),
    ("linreg-gauss-markov", "It holds without assuming Gaussian errors.", {2}, set()),
    ("linreg-gauss-markov", "Gauss-Markov assumes normal errors and requires normality.", set(), {2}),
    ("linreg-heteroscedasticity", "The weights remain unbiased but the standard errors are wrong.", {0, 1}, {2}),
    ("linreg-noise-variance", "E[RSS] = sigma^2 (n - p): the residuals have n - p degrees of freedom.", {1, 2}, set()),
    ("linreg-noise-variance", "You divide by n - p.", set(), {2}),
    ("linreg-collinearity", "Predictive accuracy is largely unaffected.", {2}, set()),
    ("linreg-wrong-loss", "Outputs aren't bounded to [0,1]; points that are confidently correct still pull the boundary.",
     {0, 1}, set()),
    ("linreg-wrong-loss", "The correct loss is cross-entropy.", {3}, {1}),
    ("linreg-ridge", "Penalise the sum of squares of the coefficients: (X'X + αI)^-1 X'y; it trades bias for variance.",
     {0, 1, 3}, set()),
    ("linreg-ridge", "Ridge fits a bias term and the weights.", set(), {3}),
    ("linreg-unpenalised-intercept", "Centre the data and don't penalise the intercept.", {2, 3}, set()),
]


@pytest.mark.parametrize("qid, text, must, must_not", TYPED)
def test_typed_phrasings(q, qid, text, must, must_not):
    kps = q[qid]["key_points"]
    hits = {i for i, kp in enumerate(kps) if covered(text, kp, q[qid]["prompt"])}
    assert must <= hits, f"{qid}: {text!r} should cover {sorted(must - hits)}"
    assert not (must_not & hits), f"{qid}: {text!r} should not cover {sorted(must_not & hits)}"


# --------------------------------------------------------------------------- numeric answers


def test_numeric_cost_count(q):
    # Count multiply-adds with instrumented naive loops on a tiny case to confirm the cost formulas...
    rng = np.random.default_rng(0)
    n_s, d_s = 7, 3
    X = rng.standard_normal((n_s, d_s))
    w = rng.standard_normal(d_s)
    y = rng.standard_normal(n_s)

    ops = 0
    gram = np.zeros((d_s, d_s))
    for i in range(d_s):
        for j in range(d_s):
            for k in range(n_s):
                gram[i, j] += X[k, i] * X[k, j]
                ops += 1
    assert np.allclose(gram, X.T @ X)
    assert ops == n_s * d_s**2

    ops_step = 0
    pred = np.zeros(n_s)
    for k in range(n_s):
        for j in range(d_s):
            pred[k] += X[k, j] * w[j]
            ops_step += 1
    r = pred - y
    grad = np.zeros(d_s)
    for j in range(d_s):
        for k in range(n_s):
            grad[j] += X[k, j] * r[k]
            ops_step += 1
    assert np.allclose(grad, X.T @ (X @ w - y))
    assert ops_step == 2 * n_s * d_s

    # ...then apply them to the question's sizes.
    n, d = 1_000_000, 1_000
    numeric_ok(q["linreg-cost-count"], (n * d**2) / (2 * n * d))
    # the explanation's side claims: the Cholesky solve is negligible next to forming XᵀX
    assert d**3 / 3 < 0.001 * n * d**2
    assert n * d**2 == 10**12 and 2 * n * d == 2 * 10**9


def test_numeric_max_step(q):
    x = np.array([1.0, 2.0, 3.0, 4.0])
    y = np.array([2.0, -1.0, 5.0, 0.5])  # any targets: only curvature matters
    curvature = np.mean(x**2)
    assert curvature == 7.5
    eta_max = 2 / curvature
    numeric_ok(q["linreg-max-step"], eta_max)

    def run(eta, steps=3000):
        w = 0.0
        for _ in range(steps):
            w -= eta * np.mean((w * x - y) * x)
        return w

    w_star = np.sum(x * y) / np.sum(x**2)
    assert abs(run(0.99 * eta_max) - w_star) < 1e-6
    assert abs(run(1.01 * eta_max, steps=2000) - w_star) > 1e3
    # one-step landing at 1/curvature
    w1 = 0.0 - (1 / curvature) * np.mean((0.0 * x - y) * x)
    assert abs(w1 - w_star) < 1e-12


def test_numeric_vif(q):
    rng = np.random.default_rng(1)
    n, rho = 200, 0.95
    Z = rng.standard_normal((n, 2))
    Z -= Z.mean(axis=0)
    Q, _ = np.linalg.qr(Z)  # orthonormal, centred columns
    x1 = Q[:, 0]
    x2 = rho * Q[:, 0] + math.sqrt(1 - rho**2) * Q[:, 1]
    assert abs(np.corrcoef(x1, x2)[0, 1] - rho) < 1e-12

    # VIF via its definition: regress x1 on x2 with an intercept
    fit = with_ones(x2[:, None]) @ ols(with_ones(x2[:, None]), x1)
    vif = 1 / (1 - r2(x1, fit))
    numeric_ok(q["linreg-vif"], vif)
    # equal to the diagonal of the inverse correlation matrix, and the same for x2
    inv_corr = np.linalg.inv(np.corrcoef(np.column_stack([x1, x2]).T))
    assert np.allclose(np.diag(inv_corr), vif)
    # the "variance ≈ 10× / SE ≈ 3.2×" claim: Var(ŵ_j) = σ² VIF_j / Σ(x_j − x̄_j)²
    X = with_ones(np.column_stack([x1, x2]))
    cov_factor = np.linalg.inv(X.T @ X)[1, 1]
    assert abs(cov_factor * np.sum((x1 - x1.mean()) ** 2) - vif) < 1e-9
    assert abs(math.sqrt(vif) - 3.2) < 0.05


def test_numeric_mean_vs_median(q):
    y = np.array([1.0, 2.0, 3.0, 4.0, 100.0])
    b = ols(np.ones((5, 1)), y)[0]
    numeric_ok(q["linreg-mean-vs-median"], b)
    grid = np.linspace(0, 100, 100001)
    l1 = np.abs(y[None, :] - grid[:, None]).sum(axis=1)
    assert abs(grid[np.argmin(l1)] - 3.0) < 1e-9


def test_numeric_r2(q):
    y = np.array([3.0, 5.0, 7.0, 9.0])
    y_hat = np.array([2.5, 5.5, 7.5, 8.5])
    assert np.sum((y - y_hat) ** 2) == 1.0 and np.sum((y - y.mean()) ** 2) == 20.0
    numeric_ok(q["linreg-r2-compute"], r2(y, y_hat))


def test_numeric_adjusted_r2(q):
    r2_, n, p = 0.80, 50, 5
    numeric_ok(q["linreg-adjusted-r2"], 1 - (1 - r2_) * (n - 1) / (n - p - 1))


def test_adjusted_r2_identities():
    rng = np.random.default_rng(2)
    agree = 0
    for trial in range(200):
        n, p = 40, 3
        X = rng.standard_normal((n, p + 1))
        y = X[:, :p] @ rng.standard_normal(p) + X[:, p] * rng.uniform(-0.4, 0.4) + rng.standard_normal(n)

        def adj(cols):
            A = with_ones(X[:, :cols])
            res = y - A @ ols(A, y)
            rss, tss = res @ res, np.sum((y - y.mean()) ** 2)
            plain = 1 - rss / tss
            a1 = 1 - (1 - plain) * (n - 1) / (n - cols - 1)
            a2 = 1 - (rss / (n - cols - 1)) / (tss / (n - 1))
            assert abs(a1 - a2) < 1e-12
            return plain, a1, A, res

        r_small, adj_small, _, _ = adj(p)
        r_big, adj_big, A, res = adj(p + 1)
        assert r_big >= r_small - 1e-12  # plain R² never decreases
        sigma2 = res @ res / (n - A.shape[1])
        t = ols(A, y)[-1] / math.sqrt(sigma2 * np.linalg.inv(A.T @ A)[-1, -1])
        if abs(abs(t) - 1) > 1e-6:
            assert (adj_big > adj_small) == (abs(t) > 1), trial
            agree += 1
    assert agree > 150


# --------------------------------------------------------------------------- derivations


def test_gaussian_mle_steps():
    rng = np.random.default_rng(3)
    n, p = 60, 3
    X = with_ones(rng.standard_normal((n, p - 1)))
    y = X @ np.array([1.0, -2.0, 0.5]) + 0.7 * rng.standard_normal(n)

    def loglik(w, s2):
        r = y - X @ w
        direct = np.sum(-0.5 * np.log(2 * np.pi * s2) - r**2 / (2 * s2))
        closed = -(n / 2) * np.log(2 * np.pi * s2) - (r @ r) / (2 * s2)
        assert abs(direct - closed) < 1e-9
        return closed

    w_hat = ols(X, y)
    for s2 in (0.1, 1.0, 5.0):  # the argmax over w does not depend on σ²
        best = loglik(w_hat, s2)
        for _ in range(50):
            assert loglik(w_hat + 0.05 * rng.standard_normal(p), s2) < best
    rss = np.sum((y - X @ w_hat) ** 2)
    s2_hat = rss / n
    d = (loglik(w_hat, s2_hat * (1 + 1e-5)) - loglik(w_hat, s2_hat * (1 - 1e-5))) / (2e-5 * s2_hat)
    assert abs(d) < 1e-3
    assert loglik(w_hat, s2_hat) > loglik(w_hat, rss / (n - p))


def test_laplace_noise_gives_absolute_loss():
    rng = np.random.default_rng(4)
    r = rng.standard_normal(30)
    scale = 1.3
    loglik = np.sum(-np.log(2 * scale) - np.abs(r) / scale)
    assert abs(loglik - (-30 * np.log(2 * scale) - np.abs(r).sum() / scale)) < 1e-12


def test_normal_equation_steps():
    rng = np.random.default_rng(5)
    n, p = 50, 4
    X = with_ones(rng.standard_normal((n, p - 1)))
    y = rng.standard_normal(n)
    w = rng.standard_normal(p)

    def L(v):
        return float((y - X @ v) @ (y - X @ v))

    assert abs(L(w) - (y @ y - 2 * w @ X.T @ y + w @ X.T @ X @ w)) < 1e-9
    assert np.allclose(num_grad(L, w), -2 * X.T @ (y - X @ w), atol=1e-5)
    w_hat = np.linalg.solve(X.T @ X, X.T @ y)
    assert np.allclose(w_hat, ols(X, y))
    assert np.allclose(X.T @ (y - X @ w_hat), 0, atol=1e-10)
    assert np.linalg.eigvalsh(2 * X.T @ X).min() > 0  # full rank: positive definite


def test_uniqueness_claims(q):
    rng = np.random.default_rng(6)
    n = 30
    base = rng.standard_normal((n, 2))
    X = with_ones(np.column_stack([base, base[:, 0]]))  # duplicated column: rank 3 < 4
    y = rng.standard_normal(n)
    assert np.linalg.matrix_rank(X) == 3
    assert np.linalg.eigvalsh(X.T @ X).min() < 1e-10
    w_min = np.linalg.pinv(X) @ y
    v = np.array([0.0, 1.0, 0.0, -1.0])  # null-space direction
    assert np.allclose(X @ v, 0)
    other = w_min + 2.5 * v
    assert np.allclose(X @ other, X @ w_min)  # same fitted values
    assert np.allclose(X.T @ (y - X @ other), 0, atol=1e-10)  # also satisfies the normal equations
    assert np.linalg.norm(w_min) < np.linalg.norm(other)
    lam = 0.1
    assert np.linalg.eigvalsh(X.T @ X + lam * np.eye(4)).min() >= lam - 1e-10
    # one-hot + intercept is rank-deficient (dummy-variable trap)
    cats = rng.integers(0, 3, n)
    onehot = np.eye(3)[cats]
    assert np.linalg.matrix_rank(with_ones(onehot)) == 3


def test_underdetermined_gd_converges_to_min_norm(q):
    assert q["linreg-underdetermined"]["answer"] == 2
    rng = np.random.default_rng(7)
    n, d = 5, 10
    X = rng.standard_normal((n, d))
    y = rng.standard_normal(n)
    assert np.linalg.matrix_rank(X) == n
    A = X.T @ X / n
    assert np.linalg.matrix_rank(A) == n < d  # singular Hessian: convex, not strictly
    eta = 1 / np.linalg.eigvalsh(A).max()
    w = np.zeros(d)
    for _ in range(20000):
        w -= eta * X.T @ (X @ w - y) / n
    assert np.allclose(X @ w, y, atol=1e-8)  # zero training error is reachable
    assert np.allclose(w, np.linalg.pinv(X) @ y, atol=1e-8)
    # started elsewhere, GD converges to a different minimiser: the nearest one to the start
    w0 = rng.standard_normal(d)
    w = w0.copy()
    for _ in range(20000):
        w -= eta * X.T @ (X @ w - y) / n
    P_null = np.eye(d) - np.linalg.pinv(X) @ X
    assert np.allclose(w, np.linalg.pinv(X) @ y + P_null @ w0, atol=1e-8)
    assert not np.allclose(w, np.linalg.pinv(X) @ y, atol=1e-3)


def test_geometry_projection_and_pythagoras():
    rng = np.random.default_rng(8)
    n = 40
    X = with_ones(rng.standard_normal((n, 2)))
    y = X @ np.array([0.5, 1.0, -1.0]) + rng.standard_normal(n) + 3
    H = X @ np.linalg.inv(X.T @ X) @ X.T
    y_hat = H @ y
    e = y - y_hat
    assert np.allclose(y_hat, X @ ols(X, y))
    assert np.allclose(H, H.T) and np.allclose(H @ H, H)
    assert np.allclose(X.T @ e, 0, atol=1e-10)
    assert abs(y @ y - (y_hat @ y_hat + e @ e)) < 1e-8
    ss_tot = np.sum((y - y.mean()) ** 2)
    ss_reg = np.sum((y_hat - y.mean()) ** 2)
    assert abs(ss_tot - (ss_reg + e @ e)) < 1e-8
    # ŷ is the closest point of the column space: any other Xv is farther from y
    for _ in range(100):
        v = ols(X, y) + 0.1 * rng.standard_normal(3)
        assert np.linalg.norm(y - X @ v) > np.linalg.norm(e)


def test_vertical_not_perpendicular_distances():
    rng = np.random.default_rng(9)
    x = rng.standard_normal(500)
    y = 0.8 * x + 0.6 * rng.standard_normal(500)
    ols_slope = np.cov(x, y)[0, 1] / np.var(x, ddof=1)
    vals, vecs = np.linalg.eigh(np.cov(np.vstack([x, y])))
    pc = vecs[:, np.argmax(vals)]
    pca_slope = pc[1] / pc[0]
    assert abs(ols_slope - pca_slope) > 0.05


def test_hat_matrix_properties():
    rng = np.random.default_rng(10)
    n, p = 25, 4
    X = with_ones(rng.standard_normal((n, p - 1)))
    X[0, 1:] = 6.0  # a high-leverage point
    y = rng.standard_normal(n)
    H = X @ np.linalg.inv(X.T @ X) @ X.T
    I = np.eye(n)
    assert abs(np.trace(H) - p) < 1e-10 and abs(np.trace(I - H) - (n - p)) < 1e-10
    eig = np.linalg.eigvalsh(H)
    assert np.all(np.isclose(eig, 0, atol=1e-10) | np.isclose(eig, 1, atol=1e-10))
    h = np.diag(H)
    assert np.all(h >= 1 / n - 1e-12) and np.all(h <= 1 + 1e-12)
    assert abs(h.mean() - p / n) < 1e-12
    assert h[0] == h.max()
    # leverage = ∂ŷ_i/∂y_i
    for i in (0, 5):
        bump = np.zeros(n)
        bump[i] = 1e-3
        assert abs((H @ (y + bump) - H @ y)[i] / 1e-3 - h[i]) < 1e-9
    # Var(e) = σ²(I − H) exactly, since e = (I − H)ε
    assert np.allclose((I - H) @ (I - H).T, I - H)
    # leave-one-out residual = e_i / (1 − h_ii)
    e = y - H @ y
    for i in range(n):
        keep = np.arange(n) != i
        w_loo = ols(X[keep], y[keep])
        assert abs((y[i] - X[i] @ w_loo) - e[i] / (1 - h[i])) < 1e-9


def test_residual_properties(q):
    assert q["linreg-residual-orthogonality"]["answer"] == 1
    rng = np.random.default_rng(11)
    n = 30
    X = with_ones(rng.standard_normal((n, 2)))
    eps = rng.standard_normal(n)
    y = X @ np.array([2.0, 1.0, -1.0]) + eps
    y_hat = X @ ols(X, y)
    e = y - y_hat
    assert abs(e.sum()) < 1e-10 and np.allclose(X.T @ e, 0, atol=1e-10) and abs(y_hat @ e) < 1e-9
    assert abs(e @ y - e @ e) < 1e-9 and e @ y > 1.0  # not orthogonal to y
    assert np.linalg.norm(e) <= np.linalg.norm(eps)  # in aggregate
    assert np.any(np.abs(e) > np.abs(eps))  # but not point by point


def test_through_the_means():
    rng = np.random.default_rng(12)
    n = 50
    Xr = rng.standard_normal((n, 3)) + 2
    y = Xr @ np.array([1.0, -1.0, 0.5]) + 4 + rng.standard_normal(n)
    coef = ols(with_ones(Xr), y)
    b, w = coef[0], coef[1:]
    e = y - (Xr @ w + b)
    assert abs(e.sum()) < 1e-9
    assert abs(b - (y.mean() - Xr.mean(axis=0) @ w)) < 1e-10
    assert abs(Xr.mean(axis=0) @ w + b - y.mean()) < 1e-10
    # the centring trick
    Xc, yc = Xr - Xr.mean(axis=0), y - y.mean()
    assert np.allclose(ols(Xc, yc), w)
    # without an intercept the residuals need not sum to zero
    e0 = y - Xr @ ols(Xr, y)
    assert abs(e0.sum()) > 1e-3


def test_gradients_match_finite_differences():
    rng = np.random.default_rng(13)
    n, d = 20, 3
    X = rng.standard_normal((n, d))
    y = rng.standard_normal(n)
    w, b = rng.standard_normal(d), 0.3

    def J(params):
        return np.sum((X @ params[:d] + params[d] - y) ** 2) / (2 * n)

    def mse(params):
        return np.mean((X @ params[:d] + params[d] - y) ** 2)

    params = np.append(w, b)
    y_hat = X @ w + b
    dw, db = X.T @ (y_hat - y) / n, np.mean(y_hat - y)
    g = num_grad(J, params)
    assert np.allclose(g[:d], dw, atol=1e-7) and abs(g[d] - db) < 1e-7
    assert dw.shape == (d,)
    assert np.allclose(num_grad(mse, params), 2 * np.append(dw, db), atol=1e-7)
    # one step with the (1/2n) gradient at η equals one step with the MSE gradient at η/2
    eta = 0.1
    assert np.allclose(params - eta * np.append(dw, db), params - (eta / 2) * num_grad(mse, params), atol=1e-7)
    # descending: a small step lowers the loss; the wrong sign raises it
    assert J(params - 1e-3 * np.append(dw, db)) < J(params) < J(params + 1e-3 * np.append(dw, db))


def test_gradient_factor_choice(q):
    assert q["linreg-gradient-factor"]["answer"] == 1
    rng = np.random.default_rng(14)
    n = 40
    X = rng.standard_normal((n, 2))
    y = X @ np.array([1.0, 2.0]) + 0.5 + 0.1 * rng.standard_normal(n)
    target = ols(with_ones(X), y)

    def fit(grad_scale, eta, steps=3000):
        w, b = np.zeros(2), 0.0
        for _ in range(steps):
            r = X @ w + b - y
            w -= eta * grad_scale * X.T @ r / n
            b -= eta * grad_scale * r.mean()
        return np.append(b, w)

    assert np.allclose(fit(1.0, 0.1), target, atol=1e-8)
    assert np.allclose(fit(2.0, 0.05), target, atol=1e-8)
    # dropping 1/n: the same η that works with the mean blows up on the sum
    w = np.zeros(2)
    for _ in range(50):
        w -= 0.1 * X.T @ (X @ w - y)
    assert not np.all(np.isfinite(w)) or np.linalg.norm(w) > 1e6


def test_streaming_sufficient_statistics():
    rng = np.random.default_rng(15)
    X = with_ones(rng.standard_normal((1000, 5)))
    y = rng.standard_normal(1000)
    G, c = np.zeros((6, 6)), np.zeros(6)
    for start in range(0, 1000, 128):
        Xb, yb = X[start:start + 128], y[start:start + 128]
        G += Xb.T @ Xb
        c += Xb.T @ yb
    assert np.allclose(np.linalg.solve(G, c), ols(X, y))


def test_learning_rate_claims():
    rng = np.random.default_rng(16)
    n, d = 100, 3
    X = rng.standard_normal((n, d)) * np.array([1.0, 2.0, 0.5])
    y = rng.standard_normal(n)
    A = X.T @ X / n
    lam, V = np.linalg.eigh(A)
    w_star = ols(X, y)

    def gd(eta, steps, w0=None):
        w = np.zeros(d) if w0 is None else w0.copy()
        for _ in range(steps):
            w -= eta * X.T @ (X @ w - y) / n
        return w

    eta_max = 2 / lam.max()
    assert np.linalg.norm(gd(0.98 * eta_max, 4000) - w_star) < 1e-8
    assert np.linalg.norm(gd(1.02 * eta_max, 4000) - w_star) > 1e3
    # error along eigenvector i evolves exactly as (1 − ηλ_i)^t
    eta, t = 0.1, 7
    e0 = -w_star
    et = gd(eta, t) - w_star
    assert np.allclose(V.T @ et, (1 - eta * lam) ** t * (V.T @ e0))
    # best fixed step contracts the extreme directions by (κ − 1)/(κ + 1)
    kappa = lam.max() / lam.min()
    eta_best = 2 / (lam.max() + lam.min())
    factors = np.abs(1 - eta_best * lam)
    assert np.isclose(factors.max(), (kappa - 1) / (kappa + 1))
    assert np.isclose(factors[0], factors[-1])


def test_feature_scaling_claims():
    rng = np.random.default_rng(17)
    n = 200
    raw = np.column_stack([rng.normal(100, 30, n), rng.normal(3, 1, n)])  # m² vs rooms
    y = 2 * raw[:, 0] + 10 * raw[:, 1] + rng.standard_normal(n)
    mu, sd = raw.mean(axis=0), raw.std(axis=0)
    std = (raw - mu) / sd

    def cond(M):
        A = with_ones(M)
        return np.linalg.cond(A.T @ A / n)

    assert cond(raw) > 1e3 * cond(std)

    def gd_steps(M, tol=1e-6, cap=20000):
        A = with_ones(M)
        target = ols(A, y)
        eta = 1 / np.linalg.eigvalsh(A.T @ A / n).max()
        w = np.zeros(A.shape[1])
        for step in range(cap):
            if np.linalg.norm(A @ w - A @ target) <= tol * np.linalg.norm(A @ target):
                return step
            w -= eta * A.T @ (A @ w - y) / n
        return cap

    assert gd_steps(std) < 200 and gd_steps(raw) == 20000
    # OLS predictions are invariant to rescaling; weights rescale inversely
    A_raw, A_std = with_ones(raw), with_ones(std)
    assert np.allclose(A_raw @ ols(A_raw, y), A_std @ ols(A_std, y))
    scaled = raw * np.array([0.01, 1.0])
    assert np.allclose(ols(with_ones(scaled), y)[1], 100 * ols(A_raw, y)[1])

    # ridge predictions are not scale-invariant
    def ridge_pred(M, lam=50.0):
        Mc, yc = M - M.mean(axis=0), y - y.mean()
        w = np.linalg.solve(Mc.T @ Mc + lam * np.eye(2), Mc.T @ yc)
        return Mc @ w + y.mean()

    assert not np.allclose(ridge_pred(raw), ridge_pred(scaled), atol=1e-3)


def test_sgd_constant_step_claims():
    rng = np.random.default_rng(18)
    n, d = 200, 3
    X = rng.standard_normal((n, d))
    y_noisy = X @ np.array([1.0, -1.0, 2.0]) + 0.5 * rng.standard_normal(n)
    y_clean = X @ np.array([1.0, -1.0, 2.0])

    def sgd(y, schedule, steps=40000, seed=0):
        r = np.random.default_rng(seed)
        w = np.zeros(d)
        tail = []
        for t in range(steps):
            i = r.integers(n)
            w -= schedule(t) * (X[i] @ w - y[i]) * X[i]
            if t >= steps - 2000:
                tail.append(w.copy())
        return w, np.array(tail)

    w_star = ols(X, y_noisy)
    _, tail_big = sgd(y_noisy, lambda t: 0.05)
    _, tail_small = sgd(y_noisy, lambda t: 0.0125)
    spread_big = np.mean(np.linalg.norm(tail_big - w_star, axis=1))
    spread_small = np.mean(np.linalg.norm(tail_small - w_star, axis=1))
    assert spread_big > 0.01  # a noise ball, not convergence
    assert spread_small < 0.7 * spread_big  # which shrinks with η
    # Polyak averaging of the constant-step iterates lands much closer
    assert np.linalg.norm(tail_big.mean(axis=0) - w_star) < 0.5 * spread_big
    # Robbins–Monro decay gets much closer than the constant-step cloud
    w_decay, _ = sgd(y_noisy, lambda t: 0.05 / (1 + t / 500))
    assert np.linalg.norm(w_decay - w_star) < 0.3 * spread_big
    # interpolation: noise-free targets, constant step converges exactly
    w_interp, _ = sgd(y_clean, lambda t: 0.05)
    assert np.linalg.norm(w_interp - ols(X, y_clean)) < 1e-8


def test_solve_not_invert_claims():
    rng = np.random.default_rng(19)
    n, d = 200, 5
    U, _ = np.linalg.qr(rng.standard_normal((n, d)))
    V, _ = np.linalg.qr(rng.standard_normal((d, d)))
    X = U @ np.diag(np.logspace(0, -6, d)) @ V.T
    kx = np.linalg.cond(X)
    assert abs(np.log10(np.linalg.cond(X.T @ X)) - 2 * np.log10(kx)) < 0.1
    w_true = rng.standard_normal(d)
    y = X @ w_true
    err_normal = np.linalg.norm(np.linalg.inv(X.T @ X) @ X.T @ y - w_true)
    err_lstsq = np.linalg.norm(ols(X, y) - w_true)
    Q, R = np.linalg.qr(X)
    err_qr = np.linalg.norm(np.linalg.solve(R, Q.T @ y) - w_true)
    assert err_normal > 100 * max(err_lstsq, err_qr)
    # ...but only for a small-residual fit. With a large residual (orthogonal to the exact column space U),
    # merely rounding X perturbs the least-squares solution at the κ(X)² level, so QR and SVD lose
    # their advantage: the sensitivity belongs to the problem, not to the method.
    r = (np.eye(n) - U @ U.T) @ rng.standard_normal(n)
    r *= 100 * np.linalg.norm(y) / np.linalg.norm(r)
    err_qr_big = np.linalg.norm(np.linalg.solve(R, Q.T @ (y + r)) - w_true)
    err_lstsq_big = np.linalg.norm(ols(X, y + r) - w_true)
    err_normal_big = np.linalg.norm(np.linalg.solve(X.T @ X, X.T @ (y + r)) - w_true)
    assert min(err_qr_big, err_lstsq_big) > 1000 * max(err_qr, err_lstsq)
    assert min(err_qr_big, err_lstsq_big) > 0.1 * err_normal_big  # no longer much better than the normal equations


def test_implementation_recipe():
    rng = np.random.default_rng(20)
    n, d = 100, 3
    X = rng.standard_normal((n, d))
    y = X @ np.array([2.0, -1.0, 0.5]) + 1.0 + 0.1 * rng.standard_normal(n)
    w, b, costs = np.zeros(d), 0.0, []
    lr = 0.1
    for _ in range(2000):
        y_pred = X @ w + b
        r = y_pred - y
        dw, db = X.T @ r / n, r.mean()
        w -= lr * dw
        b -= lr * db
        costs.append((r**2).mean() / 2)
    assert np.all(np.diff(costs) <= 1e-15)
    assert np.allclose(np.append(b, w), ols(with_ones(X), y), atol=1e-8)
    # the classic shape bug
    assert ((X @ w + b) - y.reshape(-1, 1)).shape == (n, n)


# --------------------------------------------------------------------------- assumptions


def test_unbiasedness_without_normality(q):
    assert q["linreg-normality"]["answer"] == 2
    rng = np.random.default_rng(21)
    n = 30
    X = with_ones(rng.standard_normal((n, 2)))
    beta = np.array([1.0, 2.0, -3.0])
    A = np.linalg.inv(X.T @ X) @ X.T
    draws = np.array([A @ (X @ beta + rng.exponential(1.0, n) - 1.0) for _ in range(8000)])
    se = draws.std(axis=0) / math.sqrt(len(draws))
    assert np.all(np.abs(draws.mean(axis=0) - beta) < 4 * se)
    # whereas an omitted correlated variable biases the estimate, whatever the noise
    z = 0.8 * X[:, 1] + 0.6 * rng.standard_normal(n)
    mean_y = X @ beta + 1.5 * z
    assert np.abs(A @ mean_y - beta).max() > 0.5  # E[β̂ | X] ≠ β


def test_gauss_markov_claims():
    rng = np.random.default_rng(22)
    n, p, sigma2 = 20, 3, 1.0
    X = with_ones(rng.standard_normal((n, p - 1)))
    A = np.linalg.inv(X.T @ X) @ X.T
    H = X @ A
    # any other linear unbiased estimator is C = A + D with DX = 0
    D = rng.standard_normal((p, n)) @ (np.eye(n) - H)
    C = A + D
    assert np.allclose(C @ X, np.eye(p))
    gap = sigma2 * (C @ C.T - A @ A.T)
    assert np.allclose(gap, sigma2 * D @ D.T)
    assert np.linalg.eigvalsh(gap).min() > -1e-10
    # ridge (biased) can beat OLS in MSE on a collinear design
    x1 = rng.standard_normal(n)
    Xc = np.column_stack([x1, x1 + 0.05 * rng.standard_normal(n)])
    beta = np.array([1.0, 1.0])

    def mse(lam):
        M = np.linalg.solve(Xc.T @ Xc + lam * np.eye(2), Xc.T)
        bias = (M @ Xc - np.eye(2)) @ beta
        return sigma2 * np.trace(M @ M.T) + bias @ bias

    assert mse(1.0) < mse(0.0)
    assert np.linalg.norm((np.linalg.solve(Xc.T @ Xc + np.eye(2), Xc.T) @ Xc - np.eye(2)) @ beta) > 0


def test_heteroscedasticity_claims():
    rng = np.random.default_rng(23)
    n = 60
    x = rng.uniform(1, 10, n)
    X = with_ones(x[:, None])
    sig2 = (0.05 * x**2) ** 2  # standard deviation grows like x²
    A = np.linalg.inv(X.T @ X) @ X.T
    # still unbiased: E[β̂|X] = A Xβ = β for any error variances
    assert np.allclose(A @ X, np.eye(2))
    true_cov = A @ np.diag(sig2) @ A.T
    H = X @ A
    s2_expected = np.trace((np.eye(n) - H) @ np.diag(sig2)) / (n - 2)
    classical = s2_expected * np.linalg.inv(X.T @ X)
    assert true_cov[1, 1] / classical[1, 1] > 1.2  # the usual SE is too small for the slope
    # WLS: normal equations XᵀWXw = XᵀWy equal OLS on √W-scaled rows, and WLS is more efficient
    W = np.diag(1 / sig2)
    y = X @ np.array([1.0, 2.0]) + np.sqrt(sig2) * rng.standard_normal(n)
    w_wls = np.linalg.solve(X.T @ W @ X, X.T @ W @ y)
    s = np.sqrt(1 / sig2)
    assert np.allclose(w_wls, ols(X * s[:, None], y * s))
    wls_cov = np.linalg.inv(X.T @ W @ X)
    assert np.linalg.eigvalsh(true_cov - wls_cov).min() > -1e-12
    assert true_cov[1, 1] > wls_cov[1, 1]


def test_noise_variance_claims():
    rng = np.random.default_rng(24)
    n, p, sigma = 15, 5, 2.0
    X = with_ones(rng.standard_normal((n, p - 1)))
    H = X @ np.linalg.inv(X.T @ X) @ X.T
    assert np.allclose((np.eye(n) - H) @ X, 0, atol=1e-10)
    assert abs(np.trace(np.eye(n) - H) - (n - p)) < 1e-10
    beta = rng.standard_normal(p)
    rss = []
    for _ in range(20000):
        y = X @ beta + sigma * rng.standard_normal(n)
        e = y - H @ y
        rss.append(e @ e)
    rss = np.array(rss)
    se = rss.std() / math.sqrt(len(rss))
    assert abs(rss.mean() - sigma**2 * (n - p)) < 4 * se
    assert rss.mean() / n < 0.8 * sigma**2  # RSS/n is biased low by (n − p)/n


# --------------------------------------------------------------------------- failure modes


def test_collinearity_claims():
    rng = np.random.default_rng(25)
    n = 100
    x1 = rng.standard_normal(n)
    x2 = x1 + 0.01 * rng.standard_normal(n)
    X = with_ones(np.column_stack([x1, x2]))
    w_true = np.array([0.0, 1.0, 1.0])
    fits = []
    for _ in range(20):
        y = X @ w_true + 0.5 * rng.standard_normal(n)
        fits.append(ols(X, y))
    fits = np.array(fits)
    assert fits[:, 1].std() > 5 * 0.5 / math.sqrt(n)  # weights swing
    assert np.any(np.sign(fits[:, 1]) != np.sign(fits[:, 2]))  # opposite signs occur
    preds = fits @ X.T
    assert preds.std(axis=0).mean() < 0.2  # in-sample predictions stay stable
    # off the training manifold (correlation broken) predictions swing
    x_off = np.array([1.0, 2.0, -2.0])
    assert (fits @ x_off).std() > 10 * preds.std(axis=0).mean()
    # ridge adds λ to every eigenvalue of XᵀX
    lam = 0.5
    assert np.allclose(np.linalg.eigvalsh(X.T @ X + lam * np.eye(3)), np.linalg.eigvalsh(X.T @ X) + lam)


def test_huber_claims():
    delta = 1.5

    def huber(r):
        r = np.asarray(r, dtype=float)
        return np.where(np.abs(r) <= delta, 0.5 * r**2, delta * (np.abs(r) - 0.5 * delta))

    r = np.linspace(-6, 6, 2401)
    h = 1e-6
    deriv = (huber(r + h) - huber(r - h)) / (2 * h)
    assert np.allclose(deriv, np.clip(r, -delta, delta), atol=1e-5)
    assert abs(huber(delta - 1e-9) - huber(delta + 1e-9)) < 1e-8  # value and slope match at δ
    assert np.all(np.diff(huber(r), 2) >= -1e-12)  # convex
    # 95% Gaussian efficiency at δ = 1.345σ: (E ψ')² / E ψ²
    k = 1.345
    Phi = 0.5 * (1 + math.erf(k / math.sqrt(2)))
    phi = math.exp(-k * k / 2) / math.sqrt(2 * math.pi)
    e_dpsi = 2 * Phi - 1
    e_psi2 = (2 * Phi - 1) - 2 * k * phi + 2 * k * k * (1 - Phi)
    assert abs(e_dpsi**2 / e_psi2 - 0.95) < 0.002


def test_wrong_loss_example():
    x = np.array([-2.0, -1.0, 1.0, 2.0])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    b, w = ols(with_ones(x[:, None]), y)
    assert np.all((b + w * x >= 0.5) == (y == 1))
    # one extra, correctly labelled positive far away drags the 0.5 threshold past x = 1
    x2, y2 = np.append(x, 50.0), np.append(y, 1.0)
    b2, w2 = ols(with_ones(x2[:, None]), y2)
    assert b2 + w2 * 50 > 1  # the far point is "too right"
    assert b2 + w2 * 1.0 < 0.5  # and x = 1 is now misclassified
    assert (3 - 1) ** 2 == (-1 - 1) ** 2


# --------------------------------------------------------------------------- regularisation


def test_ridge_claims():
    rng = np.random.default_rng(26)
    n, d, lam = 15, 25, 2.0  # d > n: OLS is ill-posed, ridge is not
    X = rng.standard_normal((n, d))
    y = rng.standard_normal(n)
    w = np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)
    aug = ols(np.vstack([X, math.sqrt(lam) * np.eye(d)]), np.append(y, np.zeros(d)))
    assert np.allclose(w, aug)
    assert np.allclose(num_grad(lambda v: np.sum((y - X @ v) ** 2) + lam * v @ v, w), 0, atol=1e-5)
    assert np.linalg.eigvalsh(X.T @ X + lam * np.eye(d)).min() >= lam - 1e-9
    # SVD shrinkage factors s²/(s² + λ) relative to the minimum-norm OLS components
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    ols_comp = (U.T @ y) / s
    assert np.allclose(Vt @ w, s**2 / (s**2 + lam) * ols_comp)
    # MAP under w ~ N(0, τ²I), noise σ²: λ = σ²/τ²
    sigma2, tau2 = 0.5, 0.25

    def neg_log_post(v):
        return np.sum((y - X @ v) ** 2) / (2 * sigma2) + v @ v / (2 * tau2)

    w_map = np.linalg.solve(X.T @ X + (sigma2 / tau2) * np.eye(d), X.T @ y)
    assert np.allclose(num_grad(neg_log_post, w_map), 0, atol=1e-5)
    # averaged data term: (1/n)‖y − Xw‖² + λ‖w‖² has nλ in the closed form
    w_avg = np.linalg.solve(X.T @ X + n * lam * np.eye(d), X.T @ y)
    assert np.allclose(num_grad(lambda v: np.mean((y - X @ v) ** 2) + lam * v @ v, w_avg), 0, atol=1e-5)
    # never exactly zero
    assert np.all(w != 0)


def test_ridge_derivation_intercept():
    rng = np.random.default_rng(27)
    n, d, lam = 40, 3, 5.0
    Xr = rng.standard_normal((n, d)) + 3
    y = Xr @ np.array([1.0, 0.0, -2.0]) + 7 + rng.standard_normal(n)
    xbar, ybar = Xr.mean(axis=0), y.mean()
    Xc, yc = Xr - xbar, y - ybar
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(d), Xc.T @ yc)
    b = ybar - xbar @ w
    # same as a ones-column with penalty diag(0, λ, …, λ)
    A = with_ones(Xr)
    P = lam * np.diag([0.0] + [1.0] * d)
    assert np.allclose(np.linalg.solve(A.T @ A + P, A.T @ y), np.append(b, w))

    def L(params):
        return np.sum((y - Xr @ params[1:] - params[0]) ** 2) + lam * params[1:] @ params[1:]

    assert np.allclose(num_grad(L, np.append(b, w)), 0, atol=1e-4)
    assert np.allclose(Xc.T @ (yc - Xc @ w) - lam * w, 0, atol=1e-9)  # the stationarity step
    # limits: λ → 0 gives OLS, λ → ∞ predicts ȳ
    w0 = np.linalg.solve(Xc.T @ Xc + 1e-10 * np.eye(d), Xc.T @ yc)
    assert np.allclose(np.append(ybar - xbar @ w0, w0), ols(A, y), atol=1e-6)
    w_inf = np.linalg.solve(Xc.T @ Xc + 1e12 * np.eye(d), Xc.T @ yc)
    assert np.allclose(Xr @ w_inf + (ybar - xbar @ w_inf), ybar, atol=1e-6)


def soft(z, t):
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def lasso_ista(X, y, lam, steps=20000, w0=None, l2=0.0):
    """Proximal gradient for ½‖y − Xw‖² + lam‖w‖₁ + ½·l2‖w‖²."""
    L = np.linalg.eigvalsh(X.T @ X).max()
    eta = 1 / L
    w = np.zeros(X.shape[1]) if w0 is None else w0.astype(float).copy()
    for _ in range(steps):
        w = soft(w - eta * X.T @ (X @ w - y), eta * lam) / (1 + eta * l2)
    return w


def test_lasso_vs_ridge_zeros(q):
    assert q["linreg-lasso-zeros"]["answer"] == 1
    rng = np.random.default_rng(28)
    n, d, lam = 30, 4, 0.8
    X, _ = np.linalg.qr(rng.standard_normal((n, d)))  # orthonormal columns: XᵀX = I
    y = X @ np.array([3.0, 0.5, -0.2, -2.0]) + 0.1 * rng.standard_normal(n)
    z = X.T @ y
    # brute force each separable coordinate problem of ½‖y − Xw‖² + λ·penalty:
    # ½w² − wz + λ|w| (lasso) and ½w² − wz + λw² (ridge, penalty ‖w‖² as the explanation states)
    grid = np.linspace(-5, 5, 200001)
    for j in range(d):
        lasso_obj = 0.5 * grid**2 - grid * z[j] + lam * np.abs(grid)
        ridge_obj = 0.5 * grid**2 - grid * z[j] + lam * grid**2
        assert abs(grid[np.argmin(lasso_obj)] - soft(z[j], lam)) < 1e-4
        assert abs(grid[np.argmin(ridge_obj)] - z[j] / (1 + 2 * lam)) < 1e-4
    # the full objectives agree with the coordinate-wise closed forms
    assert np.allclose(num_grad(lambda v: 0.5 * np.sum((y - X @ v) ** 2) + lam * v @ v, z / (1 + 2 * lam)), 0,
                       atol=1e-5)
    assert np.sum(soft(z, lam) == 0) >= 1 and np.all(z / (1 + 2 * lam) != 0)
    assert "zⱼ/(1 + 2λ)" in q["linreg-lasso-zeros"]["explanation"]
    # same behaviour on a general design: exact zeros satisfying the subgradient (KKT) conditions
    Xg = rng.standard_normal((50, 10))
    yg = Xg[:, :3] @ np.array([2.0, -1.0, 1.5]) + 0.5 * rng.standard_normal(50)
    w = lasso_ista(Xg, yg, lam=15.0)
    g = Xg.T @ (yg - Xg @ w)
    zero = w == 0
    assert zero.sum() >= 3
    assert np.all(np.abs(g[zero]) <= 15.0 + 1e-6)
    assert np.allclose(g[~zero], 15.0 * np.sign(w[~zero]), atol=1e-5)


def test_elastic_net_claims():
    rng = np.random.default_rng(29)
    n = 40
    x = rng.standard_normal(n)
    X = np.column_stack([x, x, rng.standard_normal(n)])  # two identical features
    y = 2 * x + 0.3 * rng.standard_normal(n)
    start = np.array([3.0, 0.0, 0.0])  # asymmetric start
    w_lasso_a = lasso_ista(X, y, lam=1.0, w0=start)
    w_lasso_b = lasso_ista(X, y, lam=1.0, w0=start[[1, 0, 2]])
    # lasso: the split between identical features is arbitrary (depends on the start), total is fixed
    assert abs(w_lasso_a[0] - w_lasso_a[1]) > 0.5
    assert abs((w_lasso_a[0] + w_lasso_a[1]) - (w_lasso_b[0] + w_lasso_b[1])) < 1e-6
    # elastic net: unique, identical features get identical weights
    w_en = lasso_ista(X, y, lam=1.0, w0=start, l2=1.0)
    assert abs(w_en[0] - w_en[1]) < 1e-8 and w_en[0] > 0
    # with d > n the lasso keeps at most n features
    Xw = rng.standard_normal((10, 30))
    yw = rng.standard_normal(10)
    w = lasso_ista(Xw, yw, lam=0.5, steps=100000)
    assert 0 < np.count_nonzero(w) <= 10


def test_unpenalised_intercept_shift_equivariance():
    rng = np.random.default_rng(30)
    n, d, lam, c = 30, 2, 10.0, 273.15
    X = rng.standard_normal((n, d)) + 1.0
    y = X @ np.array([1.0, -1.0]) + rng.standard_normal(n)
    A = with_ones(X)

    def fit(yy, penalise_intercept):
        P = lam * np.eye(d + 1)
        if not penalise_intercept:
            P[0, 0] = 0.0
        return np.linalg.solve(A.T @ A + P, A.T @ yy)

    good0, good1 = fit(y, False), fit(y + c, False)
    assert np.allclose(A @ good1, A @ good0 + c)
    assert np.allclose(good1[1:], good0[1:])
    bad0, bad1 = fit(y, True), fit(y + c, True)
    assert not np.allclose(A @ bad1, A @ bad0 + c, atol=1e-2)
    assert not np.allclose(bad1[1:], bad0[1:], atol=1e-3)  # slopes change too (X not centred)


# --------------------------------------------------------------------------- evaluation


def test_r2_claims(q):
    rng = np.random.default_rng(31)
    n = 50
    X = with_ones(rng.standard_normal((n, 2)))
    y = X @ np.array([1.0, 0.5, 0.0]) + rng.standard_normal(n)
    y_hat = X @ ols(X, y)
    value = r2(y, y_hat)
    assert 0 <= value <= 1
    assert abs(value - np.corrcoef(y, y_hat)[0, 1] ** 2) < 1e-12
    b_simple = ols(X[:, :2], y)
    assert abs(r2(y, X[:, :2] @ b_simple) - np.corrcoef(y, X[:, 1])[0, 1] ** 2) < 1e-12
    # adding a pure-noise feature never lowers training R²
    X_more = np.column_stack([X, rng.standard_normal(n)])
    assert r2(y, X_more @ ols(X_more, y)) >= value
    # without an intercept, training R² can be negative
    x = rng.uniform(1, 2, n)
    y2 = 10 - x + 0.1 * rng.standard_normal(n)
    assert r2(y2, x * ols(x[:, None], y2)[0]) < 0


def test_r2_negative_claims(q):
    assert q["linreg-r2-negative"]["answer"] == 1
    y = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    ss_tot = np.sum((y - y.mean()) ** 2)
    # predictions that correlate perfectly with y but are offset
    offset = math.sqrt(1.3 * ss_tot / len(y))
    y_hat = y + offset
    assert abs(r2(y, y_hat) - (-0.3)) < 1e-12
    assert abs(np.sum((y - y_hat) ** 2) - 1.3 * ss_tot) < 1e-12
    assert np.corrcoef(y, y_hat)[0, 1] > 0.999


def test_polynomial_features_are_linear_regression(q):
    assert q["linreg-polynomial-features"]["answer"] == 1
    rng = np.random.default_rng(32)
    x = rng.uniform(0.5, 5, 40)
    w_true = np.array([1.0, -2.0, 0.3, 4.0])
    design = np.column_stack([np.ones_like(x), x, x**2, np.log(x)])
    y = design @ w_true
    assert np.allclose(np.linalg.solve(design.T @ design, design.T @ y), w_true)
    # the loss is a quadratic in w: its Hessian is constant
    w1, w2 = rng.standard_normal(4), rng.standard_normal(4)

    def loss(w):
        return np.sum((y - design @ w) ** 2)

    def hess_diag(w):
        h = 1e-3
        return [(loss(w + h * e) - 2 * loss(w) + loss(w - h * e)) / h**2 for e in np.eye(4)]

    assert np.allclose(hess_diag(w1), hess_diag(w2), rtol=1e-5)
    assert np.allclose(hess_diag(w1), 2 * np.diag(design.T @ design), rtol=1e-5)


# --------------------------------------------------------------------------- as the quiz reads typed answers


def _status(q: dict, qid: str, needle: str, typed: str) -> str:
    (kp,) = [kp for kp in q[qid]["key_points"] if needle in kp["text"]]
    point = KeyPoint(kp["text"], tuple(kp["match"]), tuple(kp.get("reject") or ()))
    return judge_point(point, typed, q[qid]["prompt"]).status


def test_prompt_typed_back_covers_nothing_and_the_answer_covers_everything():
    from drill.banks import load_bank
    from drill.matching import judge_answer

    loaded, problems = load_bank(BANK_PATH)
    assert loaded is not None and not problems
    for question in loaded.questions:
        if question.type != "recall":
            continue
        assert all(v.status == "missed" for v in judge_answer(question, question.prompt)), question.id
        assert all(v.status == "covered" for v in judge_answer(question, question.answer)), question.id


def test_why_least_squares_names_gauss_markov(q):
    answer = q["linreg-why-least-squares"]["answer"]
    assert "Gauss–Markov" in answer and "BLUE" in answer and "no normality" in answer


READINGS = [
    ("linreg-elastic-net", "combines the L1 and L2", "it adds both an L1 and an L2 penalty", "covered"),
    ("linreg-elastic-net", "correlated features", "prefer it when the features are uncorrelated", "contradicted"),
    ("linreg-elastic-net", "strictly convex", "its solution is not unique", "contradicted"),
    ("linreg-elastic-net", "strictly convex", "the objective is not strictly convex", "contradicted"),
    ("linreg-elastic-net", "strictly convex", "lasso is not strictly convex, elastic net is", "covered"),
    ("linreg-why-least-squares", "maximum-likelihood", "by Gauss–Markov OLS is BLUE", "covered"),
    ("linreg-why-least-squares", "maximum-likelihood", "it is only valid when the errors are Gaussian", "contradicted"),
    ("linreg-why-least-squares", "large errors", "squared loss is more robust to outliers", "contradicted"),
    ("linreg-learning-rate", "2/λ_max", "the largest step is 2/λ_min", "contradicted"),
    ("linreg-r2", "can be negative", "R² can never be negative", "contradicted"),
    ("linreg-ridge", "shrinks weights", "ridge sets the useless weights exactly to zero", "contradicted"),
    ("linreg-ridge", "shrinks weights", "ridge, unlike lasso which sets weights to zero, shrinks them", "covered"),
    ("linreg-heteroscedasticity", "stay unbiased", "the coefficients become biased", "contradicted"),
    ("linreg-uniqueness", "infinitely many", "the solution isn't unique", "covered"),
    ("linreg-assumptions", "normal errors only for inference", "you don't need normality to fit it", "covered"),
    ("linreg-collinearity", "predictions can stay fine", "predictions aren't affected much", "covered"),
    ("linreg-feature-scaling", "closed-form OLS predictions are unaffected", "scaling doesn't matter for gradient descent", "missed"),
    ("linreg-huber", "convex and differentiable", "Huber loss is non-convex", "contradicted"),
]


@pytest.mark.parametrize("qid, needle, typed, expected", READINGS)
def test_typed_answers_read_as_the_quiz_reads_them(q, qid, needle, typed, expected):
    assert _status(q, qid, needle, typed) == expected, (qid, needle, typed)
