"""Content tests for questions/model-selection.yaml: every computable claim, checked with NumPy.

Every numeric answer is recomputed from scratch (fit counts by running the loops and counting). The
derivations are checked: the bias–variance decomposition on an exact finite distribution and by simulation,
the selection bias of the best of G noisy scores (closed form for G = 2, numerical integration for larger G,
Monte Carlo), 1 − 0.95ⁿ against simulated random search, the LOOCV hat-matrix identity against brute force.
The facts the answers lean on are reproduced in small seeded experiments: what more data and more complexity
do to bias and variance, learning-curve signatures, double descent for min-norm least squares, the fold
training-set overlap, sd/√k understating the CV uncertainty, repeated CV, the LOOCV majority-class
pathology, the KNN LOO shortcut, AIC vs BIC, the one-standard-error choice, the embargo rows. Typical right
and wrong phrasings are run through the real matcher.
The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import yaml
from bank_content import key_point, read_bank, tolerance_of

from drill.matching import judge_point
from drill.models import KeyPoint

BANK_PATH, BANK, Q = read_bank("model-selection")


def point(qid: str, number: int) -> KeyPoint:
    return key_point(Q[qid], number)


def normal_cdf(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.vectorize(math.erf)(x / math.sqrt(2)))


def expected_max_std_normal(G: int) -> float:
    """E[max of G i.i.d. N(0, 1)] = ∫ x · G φ(x) Φ(x)^(G−1) dx, by the trapezoid rule."""
    x = np.linspace(-10, 10, 40_001)
    phi = np.exp(-(x**2) / 2) / math.sqrt(2 * math.pi)
    integrand = x * G * phi * normal_cdf(x) ** (G - 1)
    return float(np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(x)))


def kfold_indices(n: int, k: int, rng: np.random.Generator | None = None) -> list[np.ndarray]:
    order = rng.permutation(n) if rng is not None else np.arange(n)
    return np.array_split(order, k)


# ----------------------------------------------------------------------------- numeric answers, recomputed


def solve_bias_variance_numeric() -> float:
    f, noise = 3.5, 0.5
    preds = np.array([2.0, 3.0, 2.5, 3.5])
    bias2 = (preds.mean() - f) ** 2
    variance = preds.var()  # 1/M: the four sets are the whole distribution
    return float(noise + bias2 + variance)


def solve_test_size_numeric() -> float:
    p, z, half = 0.9, 1.96, 0.01
    return float(math.ceil(z**2 * p * (1 - p) / half**2))


def solve_kfold_train_size_numeric() -> float:
    folds = kfold_indices(1_000, 10)
    sizes = {1_000 - len(f) for f in folds}
    assert len(sizes) == 1
    return float(sizes.pop())


def solve_loocv_cost_numeric() -> float:
    return 10_000 * 3 / 3_600


def solve_selection_bias_numeric() -> float:
    return 0.80 + 0.02 / math.sqrt(math.pi)


def count_grid_fits(grid_sizes, k: int) -> int:
    fits = 0
    for _config in itertools.product(*[range(s) for s in grid_sizes]):
        for _fold in range(k):
            fits += 1
    return fits + 1  # refit the best on all the data


def solve_grid_fits_numeric() -> float:
    return float(count_grid_fits((4, 5, 3), 5))


def count_nested_fits(G: int, k_out: int, k_in: int) -> int:
    fits = 0
    for _outer in range(k_out):
        for _config in range(G):
            for _inner in range(k_in):
                fits += 1
        fits += 1  # refit the winner on the outer training part, score it on the outer test fold
    return fits


def solve_nested_fits_numeric() -> float:
    return float(count_nested_fits(60, 5, 3))


def solve_random_search_numeric() -> float:
    return 1 - 0.95**30


def successive_halving_epochs(
    n_configs: int, eta: int, first_budget: int
) -> tuple[int, list[tuple[int, int]]]:
    rounds, n, budget, total = [], n_configs, first_budget, 0
    while n >= 1:
        rounds.append((n, budget))
        total += n * budget
        if n == 1:
            break
        n, budget = n // eta, budget * eta
    return total, rounds


def solve_successive_halving_numeric() -> float:
    return float(successive_halving_epochs(81, 3, 1)[0])


NUMERIC_SOLVERS = {
    "ms-bias-variance-numeric": solve_bias_variance_numeric,
    "ms-test-size-numeric": solve_test_size_numeric,
    "ms-kfold-train-size-numeric": solve_kfold_train_size_numeric,
    "ms-loocv-cost-numeric": solve_loocv_cost_numeric,
    "ms-selection-bias-numeric": solve_selection_bias_numeric,
    "ms-grid-fits-numeric": solve_grid_fits_numeric,
    "ms-nested-fits-numeric": solve_nested_fits_numeric,
    "ms-random-search-numeric": solve_random_search_numeric,
    "ms-successive-halving-numeric": solve_successive_halving_numeric,
}


def test_every_numeric_question_has_a_solver():
    assert {q["id"] for q in BANK["questions"] if q["type"] == "numeric"} == set(NUMERIC_SOLVERS)


@pytest.mark.parametrize("qid", sorted(NUMERIC_SOLVERS))
def test_numeric_answer_recomputed(qid):
    q = Q[qid]
    value = NUMERIC_SOLVERS[qid]()
    assert abs(value - q["answer"]) <= tolerance_of(q), f"{qid}: bank says {q['answer']}, computed {value}"


def test_bias_variance_numeric_side_claims():
    preds = np.array([2.0, 3.0, 2.5, 3.5])
    assert preds.mean() == pytest.approx(2.75)
    assert (preds.mean() - 3.5) ** 2 == pytest.approx(0.5625) and preds.var() == pytest.approx(0.3125)
    assert np.mean((3.5 - preds) ** 2) == pytest.approx(0.875)  # bias² + variance, directly
    # and the expectation over the noise too, exactly: y = 3.5 ± √0.5 with probability ½ each (variance 0.5)
    ys = 3.5 + np.array([-1, 1]) * math.sqrt(0.5)
    assert np.mean([(y - p) ** 2 for y in ys for p in preds]) == pytest.approx(1.375)


def test_test_size_side_claims():
    assert 1.96**2 * 0.09 / 0.01**2 == pytest.approx(3457.44)
    assert 1.96 * math.sqrt(0.09 / 1000) == pytest.approx(0.0186, abs=1e-4)  # about 1.9 points at n = 1,000
    n = solve_test_size_numeric()
    assert 1.96 * math.sqrt(0.09 / n) <= 0.01 < 1.96 * math.sqrt(0.09 / (n - 1))
    assert 1.96 * math.sqrt(0.09 / (4 * n)) == pytest.approx(
        1.96 * math.sqrt(0.09 / n) / 2
    )  # 4× data, ½ width


def test_kfold_train_size_side_claims():
    assert 1_000 - len(kfold_indices(1_000, 5)[0]) == 800
    assert 1_000 - 1 == 999  # leave-one-out


def test_loocv_cost_side_claims():
    assert 10 * 3 == 30  # ten-fold: 30 s
    assert 10_000 / 10 == 1_000  # n/k times more fits


def test_grid_and_nested_side_claims():
    assert count_grid_fits((4, 5, 3, 4), 5) == 1_201
    final = 60 * 3 + 1
    assert count_nested_fits(60, 5, 3) + final == 1_086
    assert count_grid_fits((4, 5, 3), 5) == 60 * 5 + 1


def test_successive_halving_side_claims():
    total, rounds = successive_halving_epochs(81, 3, 1)
    assert rounds == [(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)]
    assert all(n * b == 81 for n, b in rounds)
    assert 81 * 81 == 6_561 and 6_561 / total == pytest.approx(16.2)


def test_random_search_side_claims():
    assert 1 - 0.95**60 == pytest.approx(0.954, abs=0.001)
    assert 1 - 0.95**10 == pytest.approx(0.401, abs=0.001)
    assert 0.95**30 == pytest.approx(0.2146, abs=1e-4)


# ----------------------------------------------------------------------------- bias and variance


def poly_experiment(degree: int, n: int, reps: int, seed: int, x0: np.ndarray, sigma: float = 0.3):
    """Predictions at x0 of degree-d polynomial fits on `reps` independent training sets of size n."""
    rng = np.random.default_rng(seed)
    preds = np.empty((reps, len(x0)))
    for r in range(reps):
        x = rng.uniform(-1, 1, n)
        y = np.sin(3 * x) + sigma * rng.normal(size=n)
        preds[r] = np.polyval(np.polyfit(x, y, degree), x0)
    return preds


def test_bias_variance_decomposition_by_simulation():
    sigma = 0.3
    x0 = np.array([-0.7, 0.1, 0.6])
    f0 = np.sin(3 * x0)
    preds = poly_experiment(3, 30, 2_000, seed=1, x0=x0, sigma=sigma)
    rng = np.random.default_rng(2)
    y_test = f0 + sigma * rng.normal(size=preds.shape)  # fresh noisy labels, independent of the training sets
    mse = ((y_test - preds) ** 2).mean(axis=0)
    bias2 = (preds.mean(axis=0) - f0) ** 2
    var = preds.var(axis=0)
    assert np.allclose(mse, sigma**2 + bias2 + var, rtol=0.05)
    # the two cross terms of the derivation average to zero
    eps = y_test - f0
    assert np.abs((eps * (f0 - preds)).mean(axis=0)).max() < 0.01
    assert np.allclose((preds - preds.mean(axis=0)).mean(axis=0), 0, atol=1e-12)


def test_complexity_lowers_bias_and_raises_variance():
    # "usually": from degree 1 to 3 the misspecified line is, if anything, the more variable one
    x0 = np.linspace(-0.8, 0.8, 7)
    f0 = np.sin(3 * x0)
    bias2, var = {}, {}
    for degree in (1, 3, 5, 7, 9):
        preds = poly_experiment(degree, 30, 800, seed=3, x0=x0)
        bias2[degree] = float(((preds.mean(0) - f0) ** 2).mean())
        var[degree] = float(preds.var(0).mean())
    assert bias2[1] > bias2[3] > bias2[5] and bias2[1] > 100 * bias2[9]
    assert var[3] < var[5] < var[7] < var[9] and var[9] > 10 * var[3]


def test_more_data_shrinks_variance_not_bias():
    x0 = np.linspace(-0.9, 0.9, 7)
    f0 = np.sin(3 * x0)
    out = {}
    for n in (20, 200):
        preds = poly_experiment(1, n, 800, seed=4, x0=x0)
        out[n] = (float(((preds.mean(0) - f0) ** 2).mean()), float(preds.var(0).mean()))
    (b_small, v_small), (b_big, v_big) = out[20], out[200]
    assert v_big < v_small / 5  # variance falls roughly like 1/n
    assert b_big == pytest.approx(b_small, rel=0.15)  # a line stays wrong


def test_ols_variance_is_about_p_sigma2_over_n():
    # ms-more-data-choice: least squares with p features, averaged over test points drawn like the training ones
    rng = np.random.default_rng(40)
    p, sigma = 5, 1.0
    beta = rng.normal(size=p)
    Xt = rng.normal(size=(200, p))
    for n in (50, 500):
        preds = np.empty((1_500, len(Xt)))
        for r in range(len(preds)):
            X = rng.normal(size=(n, p))
            y = X @ beta + sigma * rng.normal(size=n)
            preds[r] = Xt @ np.linalg.lstsq(X, y, rcond=None)[0]
        assert preds.var(0).mean() == pytest.approx(p * sigma**2 / n, rel=0.2)


def test_knn_with_fixed_k_more_data_lowers_bias_not_variance():
    # the exception named in ms-more-data-choice and ms-what-moves-bias-variance
    rng = np.random.default_rng(41)
    x0, k, sigma = 0.5, 10, 0.3
    out = {}
    for n in (50, 2_000):
        preds = np.empty(2_000)
        for r in range(len(preds)):
            x = rng.uniform(-1, 1, n)
            y = np.sin(3 * x) + sigma * rng.normal(size=n)
            preds[r] = y[np.argsort(np.abs(x - x0))[:k]].mean()
        out[n] = ((preds.mean() - math.sin(3 * x0)) ** 2, preds.var())
    (b_small, v_small), (b_big, v_big) = out[50], out[2_000]
    assert b_big < b_small / 20  # closer neighbours: the bias collapses
    assert v_big == pytest.approx(sigma**2 / k, rel=0.15) and v_small == pytest.approx(sigma**2 / k, rel=0.3)


def test_averaging_correlated_models():
    # B models with variance σ² and pairwise correlation ρ: the average keeps ρσ² + (1 − ρ)σ²/B
    rng = np.random.default_rng(5)
    rho, sigma2, B = 0.3, 2.0, 10
    common = rng.normal(size=(200_000, 1)) * math.sqrt(rho * sigma2)
    own = rng.normal(size=(200_000, B)) * math.sqrt((1 - rho) * sigma2)
    avg = (common + own).mean(1)
    assert avg.var() == pytest.approx(rho * sigma2 + (1 - rho) * sigma2 / B, rel=0.02)


def test_learning_curve_signatures():
    rng = np.random.default_rng(6)

    def curve(degree: int, sizes) -> list[tuple[float, float]]:
        out = []
        for n in sizes:
            tr, va = [], []
            for _ in range(60):
                x = rng.uniform(-1, 1, n)
                y = np.sin(3 * x) + 0.3 * rng.normal(size=n)
                xv = rng.uniform(-1, 1, 500)
                yv = np.sin(3 * xv) + 0.3 * rng.normal(size=500)
                c = np.polyfit(x, y, degree)
                tr.append(np.mean((np.polyval(c, x) - y) ** 2))
                va.append(np.mean((np.polyval(c, xv) - yv) ** 2))
            out.append((float(np.median(tr)), float(np.median(va))))  # medians: degree 9 at n = 20 is wild
        return out

    sizes = (20, 80, 320)
    line = curve(1, sizes)  # high bias: both errors plateau well above the noise 0.09, small gap
    assert line[-1][0] > 2 * 0.09 and line[-1][1] - line[-1][0] < 0.1 * line[-1][1]
    assert line[-1][1] > 0.8 * line[0][1]  # more data barely helps
    wiggly = curve(9, sizes)  # high variance: large gap at small n that closes as n grows
    gaps = [va - tr for tr, va in wiggly]
    assert gaps[0] > 1.0 * wiggly[0][0] and gaps[0] > gaps[1] > gaps[2]
    assert wiggly[-1][1] < wiggly[0][1] / 2  # more data helps


def test_double_descent_of_min_norm_least_squares():
    rng = np.random.default_rng(7)
    n, d, sigma = 40, 400, 0.5
    beta = rng.normal(size=d) / math.sqrt(d) * 3

    def test_error(p: int, lam: float = 0.0, reps: int = 30) -> float:
        errs = []
        for _ in range(reps):
            X = rng.normal(size=(n, d))
            y = X @ beta + sigma * rng.normal(size=n)
            Xt = rng.normal(size=(500, d))
            yt = Xt @ beta + sigma * rng.normal(size=500)
            A = X[:, :p]
            if lam == 0.0:
                w = np.linalg.pinv(A) @ y  # least squares below p = n, minimum-norm interpolation above
            else:
                w = np.linalg.solve(A.T @ A + lam * np.eye(p), A.T @ y)
            errs.append(np.mean((Xt[:, :p] @ w - yt) ** 2))
        return float(np.mean(errs))

    errs = {p: test_error(p) for p in (10, 30, 40, 60, 400)}
    assert errs[40] > 3 * max(errs[10], errs[400])  # the peak at the interpolation threshold p = n
    assert errs[30] < errs[40] and errs[60] < errs[40] and errs[400] < errs[60]  # descends again
    tuned = min(test_error(40, lam) for lam in (1.0, 10.0, 100.0))
    assert tuned < errs[40] / 3  # regularisation removes the peak


# ----------------------------------------------------------------------------- k-fold, its variance, LOOCV


def test_fold_training_sets_overlap():
    n = 1_000
    for k in (5, 10):
        folds = kfold_indices(n, k)
        train = [np.setdiff1d(np.arange(n), f) for f in folds]
        share = len(np.intersect1d(train[0], train[1])) / len(train[0])
        assert share == pytest.approx((k - 2) / (k - 1))
    two = kfold_indices(n, 2)  # 5×2cv: within a replication, each training set is the other's test set
    assert len(np.intersect1d(two[0], two[1])) == 0


def test_corrected_variance_factor():
    for k in (5, 10):
        n_train, n_test = (k - 1) / k, 1 / k
        corrected = 1 / k + n_test / n_train
        assert corrected / (1 / k) == pytest.approx(1 + k * n_test / n_train)
    assert 1 + 10 * (1 / 9) == pytest.approx(2.11, abs=0.01)


def ols_cv_mse(X, y, folds) -> np.ndarray:
    scores = []
    for f in folds:
        tr = np.setdiff1d(np.arange(len(y)), f)
        w = np.linalg.lstsq(X[tr], y[tr], rcond=None)[0]
        scores.append(np.mean((X[f] @ w - y[f]) ** 2))
    return np.array(scores)


def test_sd_over_root_k_understates_the_cv_uncertainty():
    rng = np.random.default_rng(8)
    n, d, k = 40, 8, 10
    beta = rng.normal(size=d)
    estimates, naive_var = [], []
    for _ in range(400):
        X = rng.normal(size=(n, d))
        y = X @ beta + rng.standard_t(3, size=n)
        s = ols_cv_mse(X, y, kfold_indices(n, k, rng))
        estimates.append(s.mean())
        naive_var.append(s.var(ddof=1) / k)
    true_var = np.var(estimates, ddof=1)
    assert np.mean(naive_var) < true_var  # the naive standard error is too small


def test_repeated_cv_reduces_the_partition_variance():
    rng = np.random.default_rng(9)
    n, d = 40, 8
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + rng.normal(size=n)
    single = [ols_cv_mse(X, y, kfold_indices(n, 5, rng)).mean() for _ in range(200)]
    repeated = [
        np.mean([ols_cv_mse(X, y, kfold_indices(n, 5, rng)).mean() for _ in range(10)]) for _ in range(100)
    ]
    assert np.var(repeated) < np.var(single) / 4
    # the repeats all reuse this one dataset: their average converges to this dataset's value, not the truth
    assert np.mean(repeated) == pytest.approx(np.mean(single), rel=0.05)


def test_loocv_hat_matrix_identity_ols_and_ridge():
    rng = np.random.default_rng(10)
    n, d = 30, 5
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + rng.normal(size=n)
    for lam in (0.0, 3.0):
        A = X.T @ X + lam * np.eye(d)
        H = X @ np.linalg.solve(A, X.T)
        e = y - H @ y
        shortcut = e / (1 - np.diag(H))
        brute = []
        for i in range(n):
            keep = np.arange(n) != i
            w = np.linalg.solve(X[keep].T @ X[keep] + lam * np.eye(d), X[keep].T @ y[keep])
            brute.append(y[i] - X[i] @ w)
        assert np.allclose(shortcut, brute)
    # the derivation's intermediate results, for OLS
    A = X.T @ X
    beta = np.linalg.solve(A, X.T @ y)
    e = y - X @ beta
    for i in range(3):
        x = X[i]
        h = x @ np.linalg.solve(A, x)
        Ainv = np.linalg.inv(A)
        assert np.allclose(np.linalg.inv(A - np.outer(x, x)), Ainv + Ainv @ np.outer(x, x) @ Ainv / (1 - h))
        keep = np.arange(n) != i
        beta_i = np.linalg.lstsq(X[keep], y[keep], rcond=None)[0]
        assert np.allclose(beta_i, beta - Ainv @ x * e[i] / (1 - h))
        assert -y[i] * (1 - h) + x @ beta - h * y[i] == pytest.approx(-e[i])


def test_loocv_identity_holds_for_penalised_least_squares_not_every_linear_smoother():
    rng = np.random.default_rng(42)
    n, d = 25, 6
    X = rng.normal(size=(n, d))
    y = X @ rng.normal(size=d) + rng.normal(size=n)
    M = rng.normal(size=(d, d))
    Omega = M @ M.T  # any fixed PSD penalty, e.g. a smoothing spline's roughness matrix
    A = X.T @ X + 2.0 * Omega
    H = X @ np.linalg.solve(A, X.T)
    shortcut = (y - H @ y) / (1 - np.diag(H))
    brute = []
    for i in range(n):
        keep = np.arange(n) != i
        w = np.linalg.solve(X[keep].T @ X[keep] + 2.0 * Omega, X[keep].T @ y[keep])
        brute.append(y[i] - X[i] @ w)
    assert np.allclose(shortcut, brute)
    # KNN regression is a linear smoother too (H does not depend on y), but the identity fails
    x = np.sort(rng.uniform(0, 1, 30))
    yk = np.sin(6 * x) + 0.1 * rng.normal(size=30)
    k = 4
    Hk = np.zeros((30, 30))
    for i in range(30):
        Hk[i, np.argsort(np.abs(x - x[i]), kind="stable")[:k]] = 1 / k  # self included
    short_k = (yk - Hk @ yk) / (1 - np.diag(Hk))
    brute_k = []
    for i in range(30):
        dist = np.abs(x - x[i])
        dist[i] = np.inf
        brute_k.append(yk[i] - yk[np.argsort(dist, kind="stable")[:k]].mean())
    assert np.abs(short_k - np.array(brute_k)).max() > 0.05


def test_loocv_majority_class_pathology():
    y = np.array([0, 1] * 10)
    correct = 0
    for i in range(len(y)):
        rest = np.delete(y, i)
        majority = int(np.bincount(rest).argmax())
        correct += majority == y[i]
    assert correct == 0  # 0% accuracy on perfectly balanced data, whose true majority-rule accuracy is 50%


def test_knn_loo_shortcut_needs_no_refit():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(60, 3))
    y = (X[:, 0] + 0.5 * rng.normal(size=60) > 0).astype(int)
    k = 5
    D = ((X[:, None, :] - X[None, :, :]) ** 2).sum(-1)
    np.fill_diagonal(D, np.inf)  # leave each point out of its own neighbour list
    nn = np.argsort(D, axis=1, kind="stable")[:, :k]
    shortcut = (y[nn].mean(1) > 0.5).astype(int)
    brute = []
    for i in range(60):
        keep = np.arange(60) != i
        d = ((X[keep] - X[i]) ** 2).sum(1)
        idx = np.argsort(d, kind="stable")[:k]
        brute.append(int(y[keep][idx].mean() > 0.5))
    assert np.array_equal(shortcut, brute)


# ----------------------------------------------------------------------------- selection bias


def test_selection_bias_closed_form_and_growth():
    assert expected_max_std_normal(2) == pytest.approx(1 / math.sqrt(math.pi), abs=1e-6)
    assert 1 / math.sqrt(math.pi) == pytest.approx(0.564, abs=0.001)
    assert expected_max_std_normal(10) == pytest.approx(1.54, abs=0.005)
    assert expected_max_std_normal(100) == pytest.approx(2.51, abs=0.005)
    assert expected_max_std_normal(200) == pytest.approx(2.75, abs=0.01)
    # grows like √(2 ln G): the ratio creeps towards 1
    ratios = [expected_max_std_normal(G) / math.sqrt(2 * math.log(G)) for G in (10, 100, 10_000)]
    assert ratios[0] < ratios[1] < ratios[2] < 1
    # E|Z| = s√(2/π) for Z ~ N(0, s²), the step of the G = 2 derivation
    rng = np.random.default_rng(12)
    s = math.sqrt(2) * 0.02
    assert np.abs(rng.normal(0, s, 400_000)).mean() == pytest.approx(s * math.sqrt(2 / math.pi), rel=0.01)


def test_selection_bias_by_monte_carlo():
    rng = np.random.default_rng(13)
    X = 0.80 + 0.02 * rng.normal(size=(400_000, 2))
    assert X.max(1).mean() == pytest.approx(solve_selection_bias_numeric(), abs=2e-4)
    assert np.allclose(X.max(1), X.mean(1) + np.abs(X[:, 0] - X[:, 1]) / 2)
    X100 = 0.80 + 0.02 * rng.normal(size=(20_000, 100))
    assert X100.max(1).mean() == pytest.approx(0.85, abs=0.002)


def test_nested_cv_removes_the_selection_bias():
    # 30 configurations that are all pure noise (true accuracy 0.5): the best CV score looks good, the outer
    # folds of nested CV score the chosen one at about 0.5
    rng = np.random.default_rng(14)
    n, G = 120, 30
    y = rng.integers(0, 2, n)
    preds = rng.integers(0, 2, (G, n))  # each "configuration" is a fixed random classifier
    best_inner, outer = [], []
    for rep in range(40):
        folds = kfold_indices(n, 5, rng)
        for f in folds:
            tr = np.setdiff1d(np.arange(n), f)
            acc_tr = (preds[:, tr] == y[tr]).mean(1)
            g = int(acc_tr.argmax())
            best_inner.append(acc_tr[g])
            outer.append((preds[g, f] == y[f]).mean())
        rng = np.random.default_rng(100 + rep)
        y = rng.integers(0, 2, n)
        preds = rng.integers(0, 2, (G, n))
    assert np.mean(best_inner) > 0.56
    assert np.mean(outer) == pytest.approx(0.5, abs=0.02)


def test_random_search_probability_by_simulation():
    rng = np.random.default_rng(15)
    score = lambda Z: -((Z[..., 0] - 0.3) ** 2) - 0.01 * Z[..., 1:].sum(-1)  # noqa: E731
    ref = score(rng.random((200_000, 6)))
    threshold = np.quantile(ref, 0.95)  # the top 5% of the sampling distribution
    for n in (10, 30, 59):
        hits = (score(rng.random((20_000, n, 6))) > threshold).any(1).mean()
        assert hits == pytest.approx(1 - 0.95**n, abs=0.015)
    assert math.log(0.05) / math.log(0.95) == pytest.approx(58.4, abs=0.05)
    assert 1 - 0.95**59 >= 0.95 > 1 - 0.95**58
    assert math.log(0.05) == pytest.approx(-2.996, abs=0.001) and math.log(0.95) == pytest.approx(
        -0.0513, abs=1e-4
    )


def test_grid_tries_fewer_distinct_values_than_random():
    grid = list(itertools.product([0.1, 0.5, 0.9], repeat=2))
    assert len(grid) == 9 and len({g[0] for g in grid}) == 3
    rand = np.random.default_rng(16).random((9, 2))
    assert len(set(rand[:, 0])) == 9


# ----------------------------------------------------------------------------- the choice questions


def test_one_se_choice():
    depths = [2, 4, 6, 8, 12]
    err = np.array([0.210, 0.182, 0.176, 0.172, 0.175])
    se = np.array([0.010, 0.009, 0.008, 0.008, 0.009])
    best = int(err.argmin())
    threshold = err[best] + se[best]
    chosen = depths[int(np.flatnonzero(err <= threshold + 1e-12)[0])]
    q = Q["ms-one-se-choice"]
    assert q["choices"][q["answer"]] == f"Depth {chosen}" == "Depth 6"
    assert threshold == pytest.approx(0.180)


def test_embargo_choice_rows():
    T, horizon = 100, 5
    test_days = set(range(T, T + 60))
    leaking = [t for t in range(T) if any(d in test_days for d in range(t + 1, t + horizon + 1))]
    assert leaking == list(range(T - 5, T))
    q = Q["ms-embargo-choice"]
    assert "last 5 days" in q["choices"][q["answer"]]


def test_duplicates_choice_arithmetic():
    assert 9 * 0.8 == pytest.approx(7.2)
    assert 0.2**9 < 1e-6
    half_width = 1.96 * math.sqrt(0.98 * 0.02 / 4_000)
    assert half_width == pytest.approx(0.0043, abs=2e-4)  # about half a point


def test_nested_report_choice_training_fractions():
    outer_train = 4 / 5
    inner_train = outer_train * 2 / 3
    assert inner_train == pytest.approx(0.533, abs=0.001)
    assert 0.86 - 0.81 == pytest.approx(0.05)


def test_test_reuse_choice_expected_max():
    assert expected_max_std_normal(200) == pytest.approx(2.75, abs=0.01)


def test_aic_bic_penalties_and_choices():
    assert math.log(8) > 2 > math.log(7)
    rng = np.random.default_rng(17)
    picks = {"aic": [], "bic": []}
    for _ in range(150):
        n = 200
        x = rng.uniform(-1, 1, n)
        y = 1 + 2 * x - 1.5 * x**2 + 0.5 * rng.normal(size=n)
        aic, bic = [], []
        for degree in range(0, 8):
            resid = y - np.polyval(np.polyfit(x, y, degree), x)
            s2 = np.mean(resid**2)
            loglik = -n / 2 * (math.log(2 * math.pi * s2) + 1)
            k = degree + 2  # coefficients and the noise variance
            aic.append(2 * k - 2 * loglik)
            bic.append(k * math.log(n) - 2 * loglik)
        picks["aic"].append(int(np.argmin(aic)))
        picks["bic"].append(int(np.argmin(bic)))
    aic_p, bic_p = np.array(picks["aic"]), np.array(picks["bic"])
    assert np.all(bic_p <= aic_p)  # the heavier penalty never picks a bigger model on the same data
    assert np.mean(bic_p == 2) > np.mean(aic_p == 2)  # and finds the true degree more often
    assert np.mean(aic_p > 2) > 0.1  # AIC keeps extra terms


def test_learning_curve_choice_reasoning():
    q = Q["ms-learning-curve-choice"]
    assert "more flexible" in q["choices"][q["answer"]]


# ----------------------------------------------------------------------------- the bank's shape and the matcher


def test_say_it_aloud_items():
    say = [q["id"] for q in BANK["questions"] if "say-it-aloud" in q["tags"]]
    assert "ms-bias-variance-say-it" in say
    for qid in say:
        assert Q[qid]["prompt"].startswith("Say it out loud")


def test_typing_the_prompt_back_ticks_nothing():
    for q in BANK["questions"]:
        for number in range(1, len(q.get("key_points") or []) + 1):
            verdict = judge_point(point(q["id"], number), q["prompt"], q["prompt"])
            assert verdict.status == "missed", (q["id"], number, verdict.excerpt)


def test_no_duplicate_of_the_metrics_bank():
    metrics = yaml.safe_load((BANK_PATH.parent / "evaluation-metrics.yaml").read_text(encoding="utf-8"))
    theirs = {q["prompt"].strip().lower() for q in metrics["questions"]}
    assert not theirs & {q["prompt"].strip().lower() for q in BANK["questions"]}


PHRASINGS = [
    # (question, key point, typed, expected)
    (
        "ms-bias-variance-say-it",
        1,
        "the error is bias squared plus variance plus irreducible noise",
        "covered",
    ),
    (
        "ms-bias-variance-say-it",
        2,
        "bias is the error of the average model, from wrong assumptions",
        "covered",
    ),
    ("ms-bias-variance-say-it", 2, "high bias means the model overfits", "contradicted"),
    (
        "ms-bias-variance-say-it",
        3,
        "variance is how much the fit changes with a different training set",
        "covered",
    ),
    ("ms-bias-variance-say-it", 4, "complex models have low bias but high variance", "covered"),
    ("ms-bias-variance-say-it", 2, "bias is when the model is too simple", "covered"),
    ("ms-bias-variance-say-it", 4, "more complex models lower bias and raise variance", "covered"),
    ("ms-what-moves-bias-variance", 1, "more training data reduces the variance", "covered"),
    ("ms-what-moves-bias-variance", 1, "more data reduces the bias", "contradicted"),
    (
        "ms-what-moves-bias-variance",
        1,
        "more data lowers the variance; for KNN with k fixed more data reduces the bias of KNN instead",
        "covered",
    ),
    ("ms-what-moves-bias-variance", 2, "bagging cuts variance and boosting reduces bias", "covered"),
    ("ms-what-moves-bias-variance", 2, "boosting reduces the variance", "contradicted"),
    ("ms-what-moves-bias-variance", 4, "the noise is irreducible", "covered"),
    ("ms-what-moves-bias-variance", 4, "more data reduces the noise", "contradicted"),
    ("ms-double-descent", 1, "it peaks at the interpolation threshold", "covered"),
    ("ms-double-descent", 2, "then it falls again when the model is heavily over-parameterized", "covered"),
    ("ms-double-descent", 4, "the decomposition no longer holds", "contradicted"),
    ("ms-learning-curves", 1, "error against the number of training examples", "covered"),
    ("ms-learning-curves", 2, "both curves plateau high with a small gap", "covered"),
    ("ms-learning-curves", 3, "a large gap means high bias", "contradicted"),
    ("ms-learning-curves", 3, "a big gap that closes with more data", "covered"),
    ("ms-validation-curve", 3, "pick the value with the best validation score", "covered"),
    ("ms-validation-curve", 3, "use the one-standard-error rule", "covered"),
    ("ms-train-val-test", 3, "the test set is used only once at the end", "covered"),
    ("ms-train-val-test", 4, "reusing the test set is fine as long as you don't train on it", "contradicted"),
    ("ms-train-val-test", 4, "otherwise you overfit to the test set", "covered"),
    ("ms-choice-of-k", 1, "each model trains on (k-1)/k of the data so it's pessimistic", "covered"),
    ("ms-choice-of-k", 3, "larger k always reduces the variance", "contradicted"),
    ("ms-choice-of-k", 3, "the training sets overlap so the fold errors are correlated", "covered"),
    ("ms-cv-variance", 1, "the fold scores aren't independent", "covered"),
    ("ms-cv-variance", 2, "so sd over root k underestimates the uncertainty", "covered"),
    ("ms-cv-variance", 2, "so it overestimates the variance", "contradicted"),
    ("ms-cv-variance", 4, "use the Nadeau-Bengio corrected t-test", "covered"),
    ("ms-group-kfold", 1, "all rows of a patient go into the same fold", "covered"),
    ("ms-group-kfold", 1, "it spreads each patient's rows across the folds", "contradicted"),
    ("ms-group-kfold", 2, "it tells you how well you do on new users", "covered"),
    ("ms-time-series-cv", 1, "always train on the past and test on the future", "covered"),
    ("ms-time-series-cv", 1, "shuffling is fine", "contradicted"),
    ("ms-time-series-cv", 3, "leave a gap as long as the label horizon", "covered"),
    ("ms-loocv", 1, "it is nearly unbiased because it trains on n-1 points", "covered"),
    ("ms-loocv", 2, "LOOCV has the lowest variance", "contradicted"),
    ("ms-loocv", 4, "for ridge you get it from one fit with the hat matrix", "covered"),
    ("ms-resampling-leakage", 2, "only oversample the training fold", "covered"),
    ("ms-resampling-leakage", 2, "oversample the validation fold too", "contradicted"),
    ("ms-resampling-leakage", 4, "use out-of-fold target encoding", "covered"),
    ("ms-detect-leakage", 2, "check each feature is available at prediction time", "covered"),
    ("ms-detect-leakage", 4, "shuffle the labels and rerun the pipeline", "covered"),
    ("ms-grid-vs-random", 1, "only a few hyperparameters really matter", "covered"),
    ("ms-grid-vs-random", 2, "random search tries more distinct values of each", "covered"),
    ("ms-grid-vs-random", 3, "grid search grows exponentially", "covered"),
    ("ms-grid-vs-random", 4, "sample the learning rate log-uniformly", "covered"),
    ("ms-bayesopt-hyperband", 1, "it fits a Gaussian process surrogate", "covered"),
    ("ms-bayesopt-hyperband", 2, "and maximises expected improvement", "covered"),
    (
        "ms-bayesopt-hyperband",
        3,
        "train all configurations to the full budget and keep the best",
        "contradicted",
    ),
    ("ms-bayesopt-hyperband", 4, "hyperband runs several brackets", "covered"),
    ("ms-compare-cv-models", 1, "compare them on the same folds, paired", "covered"),
    ("ms-compare-cv-models", 2, "a plain paired t-test over the folds is fine", "contradicted"),
    ("ms-compare-cv-models", 3, "use McNemar on a held-out test set", "covered"),
    ("ms-aic-bic", 2, "BIC penalizes complexity more so it picks simpler models", "covered"),
    ("ms-aic-bic", 2, "AIC has the heavier penalty", "contradicted"),
    ("ms-aic-bic", 3, "BIC is consistent", "covered"),
    ("ms-one-se-rule", 1, "pick the simplest model within one standard error of the best", "covered"),
    ("ms-one-se-rule", 3, "near the minimum the curve is flat and noisy", "covered"),
    ("ms-no-free-lunch", 2, "no single algorithm is best for every problem", "covered"),
    ("ms-no-free-lunch", 2, "deep learning is always the best", "contradicted"),
    ("ms-no-free-lunch", 3, "it depends on the inductive bias", "covered"),
    # reversal sweep: the opposite claim inside an otherwise right answer, and right ones said with a negation
    ("ms-bias-variance-say-it", 4, "more flexibility raises bias and lowers variance", "contradicted"),
    ("ms-what-moves-bias-variance", 3, "stronger regularisation lowers the bias", "contradicted"),
    ("ms-what-moves-bias-variance", 3, "less regularisation lowers the bias; stronger regularisation doesn't reduce bias", "covered"),
    ("ms-what-moves-bias-variance", 4, "noise can be reduced with more data", "contradicted"),
    ("ms-double-descent", 1, "test error is lowest at the interpolation threshold", "contradicted"),
    ("ms-learning-curves", 1, "training and validation error plotted against the number of epochs", "contradicted"),
    ("ms-validation-curve", 2, "the low-complexity end overfits and the high-complexity end underfits", "contradicted"),
    ("ms-choice-of-k", 1, "each fit sees (k − 1)/k of the data, so the estimate is optimistic", "contradicted"),
    ("ms-choice-of-k", 1, "the estimate is not optimistic but pessimistic, since each fit uses (k−1)/k of the data", "covered"),
    ("ms-loocv", 4, "cheap for OLS via e_i/(1 + h_ii)", "contradicted"),
    ("ms-loocv", 4, "for KNN you don't need to exclude the point itself", "contradicted"),
    ("ms-loocv", 4, "for KNN you just exclude the point itself from its own neighbours", "covered"),
    ("ms-grid-vs-random", 3, "grids grow linearly with the number of hyperparameters", "contradicted"),
    ("ms-bayesopt-hyperband", 3, "successive halving drops the best half", "contradicted"),
    ("ms-bayesopt-hyperband", 3, "keep the best third and give the survivors more budget", "covered"),
    ("ms-aic-bic", 1, "AIC = 2k + 2 ln L, higher is better", "contradicted"),
    ("ms-aic-bic", 3, "AIC is consistent and finds the true model, BIC targets prediction", "contradicted"),
    ("ms-one-se-rule", 2, "the standard error is the fold standard deviation times √k", "contradicted"),
    ("ms-no-free-lunch", 2, "there's a universally best algorithm if you tune it enough", "contradicted"),
    ("ms-no-free-lunch", 2, "there isn't a universally best algorithm", "covered"),
    ("ms-train-val-test", 3, "the test set is used to tune the hyperparameters and threshold", "contradicted"),
    ("ms-one-se-rule", 1, "choose the most complex model within one standard error of the best", "contradicted"),
]


@pytest.mark.parametrize("qid, number, typed, expected", PHRASINGS)
def test_typical_phrasings(qid, number, typed, expected):
    verdict = judge_point(point(qid, number), typed, Q[qid]["prompt"])
    assert verdict.status == expected, (verdict.pattern, verdict.excerpt, verdict.reason)
