"""Content tests for questions/naive-bayes.yaml: every computable claim, checked with NumPy.

Every numeric answer is recomputed from scratch; the derivations (the MAP rule in log space, multinomial and
Gaussian NB as linear classifiers, additive smoothing as a Dirichlet posterior mean or MAP) are checked on
random data; and the facts the answers lean on (underflow and log-sum-exp, the zero-frequency veto, double
counting and over-confidence, XOR, absent words in Bernoulli NB, var_smoothing, incremental counting, prior
shift, marginalising a missing feature, separability when d ≫ n, and the Ng–Jordan crossing of learning
curves) are reproduced in small, seeded experiments with a from-scratch NumPy naive Bayes.
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

BANK_PATH, BANK, Q = read_bank("naive-bayes")


def point(qid: str, number: int) -> KeyPoint:
    return key_point(Q[qid], number)


# ----------------------------------------------------------------------------- a small naive Bayes


def logsumexp(s: np.ndarray, axis: int = -1) -> np.ndarray:
    m = np.max(s, axis=axis, keepdims=True)
    return np.squeeze(m, axis) + np.log(np.exp(s - m).sum(axis=axis))


def posterior_from_scores(s: np.ndarray) -> np.ndarray:
    return np.exp(s - logsumexp(s)[..., None])


def bernoulli_fit(X, y, alpha=1.0, classes=(0, 1)):
    prior = np.array([(y == c).mean() for c in classes])
    p = np.array([(X[y == c].sum(0) + alpha) / ((y == c).sum() + 2 * alpha) for c in classes])
    return prior, p


def bernoulli_scores(model, X):
    prior, p = model
    return np.log(prior)[None] + X @ np.log(p).T + (1 - X) @ np.log(1 - p).T


def multinomial_fit(counts, y, alpha=1.0, classes=(0, 1)):
    prior = np.array([(y == c).mean() for c in classes])
    N = np.array([counts[y == c].sum(0) for c in classes])
    theta = (N + alpha) / (N.sum(1, keepdims=True) + alpha * counts.shape[1])
    return prior, theta


def multinomial_scores(model, counts):
    prior, theta = model
    return np.log(prior)[None] + counts @ np.log(theta).T


def gaussian_fit(X, y, var_smoothing=1e-9, classes=(0, 1)):
    prior = np.array([(y == c).mean() for c in classes])
    mu = np.array([X[y == c].mean(0) for c in classes])
    var = np.array([X[y == c].var(0) for c in classes]) + var_smoothing * X.var(0).max()
    return prior, mu, var


def gaussian_log_likelihood(x, mu, var):
    return (-0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * var)).sum(-1)


def gaussian_scores(model, X):
    prior, mu, var = model
    return np.log(prior)[None] + np.stack([gaussian_log_likelihood(X, mu[c], var[c]) for c in range(len(prior))], 1)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


# ----------------------------------------------------------------------------- numeric answers, recomputed


def solve_spam_posterior() -> float:
    prior = np.array([0.2, 0.8])  # spam, ham
    like = np.array([0.3, 0.02])
    return float((prior * like / (prior * like).sum())[0])


def solve_two_word_posterior() -> float:
    prior = np.array([0.4, 0.6])
    p_free, p_meeting = np.array([0.05, 0.005]), np.array([0.01, 0.04])
    scores = np.log(prior) + np.log(p_free) + np.log(p_meeting)
    return float(posterior_from_scores(scores)[0])


def solve_smoothed_probability() -> float:
    count, total, vocabulary, alpha = 4, 1000, 2000, 1.0
    return (count + alpha) / (total + alpha * vocabulary)


def solve_gaussian_log_likelihood() -> float:
    return float(gaussian_log_likelihood(np.array([3.0, 0.0]), np.array([1.0, 0.5]), np.array([4.0, 1.0])))


def solve_log_sum_exp() -> float:
    return float(posterior_from_scores(np.array([-1000.0, -1002.0]))[0])


def solve_bernoulli_absent_words() -> float:
    model = (np.array([0.5, 0.5]), np.array([[0.8, 0.7, 0.1], [0.2, 0.1, 0.6]]))
    x = np.array([[1.0, 0.0, 1.0]])  # win, money, meeting
    return float(posterior_from_scores(bernoulli_scores(model, x)[0])[0])


NUMERIC_SOLVERS = {
    "nb-spam-posterior": solve_spam_posterior,
    "nb-two-word-posterior": solve_two_word_posterior,
    "nb-smoothed-probability": solve_smoothed_probability,
    "nb-gaussian-log-likelihood": solve_gaussian_log_likelihood,
    "nb-log-sum-exp-numeric": solve_log_sum_exp,
    "nb-bernoulli-absent-words": solve_bernoulli_absent_words,
}


def test_every_numeric_question_has_a_solver():
    assert {q["id"] for q in BANK["questions"] if q["type"] == "numeric"} == set(NUMERIC_SOLVERS)


@pytest.mark.parametrize("qid", sorted(NUMERIC_SOLVERS))
def test_numeric_answer_recomputed(qid):
    q = Q[qid]
    value = NUMERIC_SOLVERS[qid]()
    assert abs(value - q["answer"]) <= tolerance_of(q), f"{qid}: bank says {q['answer']}, computed {value}"


def test_spam_posterior_side_claims():
    assert 0.3 / 0.02 == pytest.approx(15)
    assert (0.2 / 0.8) * 15 == pytest.approx(15 / 4)  # prior odds 1 : 4 → posterior odds 15 : 4
    assert 15 / (15 + 4) == pytest.approx(solve_spam_posterior())
    assert abs(0.3 - Q["nb-spam-posterior"]["answer"]) > tolerance_of(Q["nb-spam-posterior"])


def test_two_word_posterior_side_claims():
    assert 0.4 * 0.05 * 0.01 == pytest.approx(2.0e-4) and 0.6 * 0.005 * 0.04 == pytest.approx(1.2e-4)
    odds = 10 * (1 / 4) * (2 / 3)
    assert odds == pytest.approx(5 / 3) and odds / (1 + odds) == pytest.approx(0.625)
    # the multinomial coefficient of a two-word document is 2 for both classes: it cancels
    coefficient = math.factorial(2) / (math.factorial(1) * math.factorial(1))
    assert coefficient == 2
    with_coefficient = np.log([0.4, 0.6]) + np.log(coefficient) + np.log([0.05 * 0.01, 0.005 * 0.04])
    assert posterior_from_scores(with_coefficient)[0] == pytest.approx(0.625)


def test_smoothed_probability_side_claims():
    assert 4 / 1000 == 0.004
    assert 1 / 3000 == pytest.approx(0.00033, abs=5e-6)
    slip = 5 / 1001
    assert abs(slip - Q["nb-smoothed-probability"]["answer"]) > tolerance_of(Q["nb-smoothed-probability"])
    assert abs(0.00167 - Q["nb-smoothed-probability"]["answer"]) <= tolerance_of(Q["nb-smoothed-probability"])
    # smoothed probabilities still sum to one over the vocabulary
    rng = np.random.default_rng(0)
    counts = rng.integers(0, 5, size=2000)
    counts[:10] = 0
    smoothed = (counts + 1.0) / (counts.sum() + 2000)
    assert smoothed.sum() == pytest.approx(1) and smoothed.min() > 0


def test_gaussian_log_likelihood_side_claims():
    assert -0.5 * math.log(8 * math.pi) - 0.5 == pytest.approx(-2.1121, abs=1e-4)
    assert -0.5 * math.log(2 * math.pi) - 0.125 == pytest.approx(-1.0439, abs=1e-4)
    # matches the density computed directly
    x, mu, var = np.array([3.0, 0.0]), np.array([1.0, 0.5]), np.array([4.0, 1.0])
    density = np.prod(np.exp(-((x - mu) ** 2) / (2 * var)) / np.sqrt(2 * np.pi * var))
    assert math.log(density) == pytest.approx(solve_gaussian_log_likelihood())
    # the σ-for-σ² slip gives a different number
    slip = (-0.5 * np.log(2 * np.pi * var) - (x - mu) ** 2 / (2 * np.sqrt(var))).sum()
    assert abs(slip - Q["nb-gaussian-log-likelihood"]["answer"]) > 0.1


def test_log_sum_exp_side_claims():
    with np.errstate(invalid="ignore"):
        naive = np.exp(-1000.0) / (np.exp(-1000.0) + np.exp(-1002.0))
    assert np.exp(-1000.0) == 0.0 and np.isnan(naive)
    assert solve_log_sum_exp() == pytest.approx(sigmoid(2.0))


def test_bernoulli_absent_words_side_claims():
    assert 0.8 * 0.3 * 0.1 == pytest.approx(0.024) and 0.2 * 0.9 * 0.6 == pytest.approx(0.108)
    ignoring_absence = 0.8 * 0.1 / (0.8 * 0.1 + 0.2 * 0.6)
    assert ignoring_absence == pytest.approx(0.4)


# ----------------------------------------------------------------------------- derivations


def test_map_rule_in_log_space_matches_the_product():
    rng = np.random.default_rng(1)
    K, V = 3, 12
    prior = rng.dirichlet(np.ones(K))
    theta = rng.dirichlet(np.ones(V), size=K)
    for _ in range(200):
        counts = rng.integers(0, 4, size=V)
        product = prior * np.prod(theta ** counts, axis=1)
        log_scores = np.log(prior) + counts @ np.log(theta).T
        assert np.argmax(product) == np.argmax(log_scores)
        # the full multinomial pmf adds the same log-coefficient to every class
        log_coef = math.lgamma(counts.sum() + 1) - sum(math.lgamma(c + 1) for c in counts)
        full = np.log(prior) + log_coef + counts @ np.log(theta).T
        assert np.allclose(full - log_scores, log_coef)
        assert np.allclose(posterior_from_scores(full), product / product.sum())


def test_multinomial_nb_is_linear_with_the_logistic_form():
    rng = np.random.default_rng(2)
    V = 8
    prior = np.array([0.3, 0.7])
    theta = rng.dirichlet(np.ones(V), size=2)
    w = np.log(theta[1] / theta[0])
    b = math.log(prior[1] / prior[0])
    for _ in range(100):
        counts = rng.integers(0, 5, size=V).astype(float)
        scores = np.log(prior) + counts @ np.log(theta).T
        assert scores[1] - scores[0] == pytest.approx(w @ counts + b)
        assert posterior_from_scores(scores)[1] == pytest.approx(sigmoid(w @ counts + b))


def test_bernoulli_nb_log_odds_is_affine_in_x():
    rng = np.random.default_rng(3)
    d = 5
    model = (np.array([0.4, 0.6]), rng.uniform(0.05, 0.95, size=(2, d)))
    X = np.array(list(itertools.product([0.0, 1.0], repeat=d)))
    s = bernoulli_scores(model, X)
    log_odds = s[:, 1] - s[:, 0]
    A = np.hstack([X, np.ones((len(X), 1))])
    coef, *_ = np.linalg.lstsq(A, log_odds, rcond=None)
    assert np.allclose(A @ coef, log_odds)
    p0, p1 = model[1]
    assert np.allclose(coef[:d], np.log(p1 / p0) - np.log((1 - p1) / (1 - p0)))


def test_gaussian_nb_shared_variance_linear_class_specific_quadratic():
    rng = np.random.default_rng(4)
    d = 3
    mu0, mu1 = rng.normal(size=d), rng.normal(size=d)
    var = rng.uniform(0.5, 2, size=d)
    pi0, pi1 = 0.35, 0.65
    X = rng.normal(size=(300, d)) * 2

    def log_odds(var0, var1):
        return (math.log(pi1 / pi0) + gaussian_log_likelihood(X, mu1, var1)
                - gaussian_log_likelihood(X, mu0, var0))

    w = (mu1 - mu0) / var
    b = math.log(pi1 / pi0) + ((mu0**2 - mu1**2) / (2 * var)).sum()
    assert np.allclose(log_odds(var, var), X @ w + b)
    var0, var1 = var, var * rng.uniform(1.5, 3, size=d)
    lo = log_odds(var0, var1)
    quad = 0.5 * (1 / var0 - 1 / var1)
    lin = mu1 / var1 - mu0 / var0
    const = (math.log(pi1 / pi0) - 0.5 * np.log(var1 / var0).sum()
             + (mu0**2 / (2 * var0) - mu1**2 / (2 * var1)).sum())
    assert np.allclose(lo, (X**2) @ quad + X @ lin + const)
    assert np.all(np.abs(quad) > 1e-3)


def test_additive_smoothing_is_the_dirichlet_posterior_mean_and_a_map():
    rng = np.random.default_rng(5)
    counts = np.array([7, 0, 2, 1])
    V, N = len(counts), counts.sum()
    for alpha in (0.5, 1.0, 2.0):
        samples = rng.dirichlet(counts + alpha, size=200_000)
        assert np.allclose(samples.mean(0), (counts + alpha) / (N + V * alpha), atol=2e-3)
    # the mode of Dir(a) by direct maximisation on the simplex (a_w > 1)
    a = counts + 1.0 + 1.0  # posterior under the prior Dir(α + 1) with α = 1
    grid = rng.dirichlet(np.ones(V), size=200_000)
    vals = ((a - 1) * np.log(grid)).sum(1)
    best = grid[np.argmax(vals)]
    assert np.allclose(best, (counts + 1.0) / (N + V * 1.0), atol=0.02)
    mode = (a - 1) / (a.sum() - V)
    assert np.allclose(mode, (counts + 1.0) / (N + V))  # add-one = MAP under Dir(2)
    assert ((a - 1) * np.log(mode)).sum() >= vals.max() - 1e-9
    # α → 0 gives the maximum-likelihood estimate
    assert np.allclose((counts + 1e-12) / (N + V * 1e-12), counts / N)


# ----------------------------------------------------------------------------- facts the answers lean on


def test_products_underflow_and_logs_do_not():
    probs = np.full(500, 1e-4)
    assert np.prod(probs) == 0.0
    assert np.log(probs).sum() == pytest.approx(-500 * 4 * math.log(10))
    assert np.finfo(np.float64).tiny == pytest.approx(2.2e-308, rel=0.01)
    assert np.nextafter(0.0, 1.0) == pytest.approx(4.9e-324, rel=0.01)
    # both classes underflow to 0, so the product can no longer tell them apart
    a, b = np.full(500, 1e-4), np.full(500, 2e-4)
    assert np.prod(a) == np.prod(b) == 0.0 and np.log(b).sum() > np.log(a).sum()


def test_log_sum_exp_is_exact_and_shift_invariant():
    rng = np.random.default_rng(6)
    s = rng.normal(size=5) * 3
    direct = np.exp(s) / np.exp(s).sum()
    assert np.allclose(posterior_from_scores(s), direct)
    assert np.allclose(posterior_from_scores(s - 1234.5), direct)
    assert logsumexp(s) == pytest.approx(math.log(np.exp(s).sum()))
    shifted = np.exp(s - s.max())
    assert shifted.max() == 1.0 and 1 <= shifted.sum() <= len(s)


def test_zero_count_vetoes_the_class_without_smoothing():
    counts = np.array([[5.0, 3.0, 0.0], [1.0, 1.0, 8.0]])  # class 0 (spam) never saw word 2
    y = np.array([0, 1])
    model = multinomial_fit(counts, y, alpha=0.0)
    spammy = np.array([[30.0, 20.0, 1.0]])
    with np.errstate(divide="ignore"):
        scores = multinomial_scores(model, spammy)[0]
    assert scores[0] == -np.inf
    assert posterior_from_scores(scores)[0] == 0.0
    smoothed = multinomial_scores(multinomial_fit(counts, y, alpha=1.0), spammy)[0]
    assert posterior_from_scores(smoothed)[0] > 0.99


def test_unseen_word_gives_exactly_zero_and_nan_only_when_every_class_is_vetoed():
    counts = np.array([[5.0, 3.0, 0.0, 2.0], [1.0, 1.0, 8.0, 0.0]])  # word 2 only in ham, word 3 only in spam
    y = np.array([0, 1])  # 0 = spam, 1 = ham
    model = multinomial_fit(counts, y, alpha=0.0)
    prior, theta = model
    with np.errstate(divide="ignore", invalid="ignore"):
        # the prompt's case: the ham-only word plus words seen in both classes
        joint = prior * np.prod(theta ** np.array([30.0, 20.0, 1.0, 0.0]), axis=1)
        assert joint[0] == 0.0 and joint[1] > 0 and joint[0] / joint.sum() == 0.0
        # add a spam-only word: both classes score 0, and the posterior is 0/0
        both = prior * np.prod(theta ** np.array([30.0, 20.0, 1.0, 1.0]), axis=1)
        assert np.all(both == 0.0) and np.isnan(both[0] / both.sum())


def test_logistic_regression_shares_one_weight_among_exact_copies():
    rng = np.random.default_rng(15)
    n = 4000
    y = rng.integers(0, 2, size=n)
    z = (rng.random(n) < np.where(y == 1, 0.7, 0.3)).astype(float)
    other = (rng.random(n) < np.where(y == 1, 0.6, 0.4)).astype(float)
    w1 = _logistic_newton(np.column_stack([z, other]), y, lam=1e-8)
    w3 = _logistic_newton(np.column_stack([z, z, z, other]), y, lam=1e-8)
    assert w3[:3].sum() == pytest.approx(w1[0], rel=1e-4)  # the copies split one weight
    assert w3[3] == pytest.approx(w1[1], rel=1e-4)


def test_duplicated_feature_triples_its_log_odds_and_over_confidence():
    rng = np.random.default_rng(7)
    n = 5000
    y = rng.integers(0, 2, size=n)
    z = (rng.random(n) < np.where(y == 1, 0.7, 0.3)).astype(float)
    other = (rng.random((n, 2)) < np.where(y[:, None] == 1, 0.75, 0.25)).astype(float)
    X1 = np.column_stack([z, other])
    X3 = np.column_stack([z, z, z, other])
    m1, m3 = bernoulli_fit(X1, y), bernoulli_fit(X3, y)
    s1, s3 = bernoulli_scores(m1, X1), bernoulli_scores(m3, X3)
    lo1, lo3 = s1[:, 1] - s1[:, 0], s3[:, 1] - s3[:, 0]
    p0, p1 = m1[1][:, 0]
    z_term = z * np.log(p1 / p0) + (1 - z) * np.log((1 - p1) / (1 - p0))
    assert np.allclose(lo3 - lo1, 2 * z_term)
    assert np.abs(sigmoid(lo3) - 0.5).mean() > np.abs(sigmoid(lo1) - 0.5).mean()
    # the copies outvote the others: a point where z disagrees with both other features flips
    x1 = np.array([[1.0, 0.0, 0.0]])
    x3 = np.array([[1.0, 1.0, 1.0, 0.0, 0.0]])
    assert np.argmax(bernoulli_scores(m1, x1)) == 0 and np.argmax(bernoulli_scores(m3, x3)) == 1


def test_copies_make_naive_bayes_over_confident_versus_the_true_posterior():
    # y uniform, z | y as above, five exact copies of z: the true posterior is 0.7, NB says 0.7⁵ / (0.7⁵ + 0.3⁵)
    nb = 0.7**5 / (0.7**5 + 0.3**5)
    assert nb == pytest.approx(0.986, abs=1e-3)
    assert nb > 0.7


def test_xor_defeats_naive_bayes():
    X = np.array(list(itertools.product([0.0, 1.0], repeat=2)) * 250)
    y = (X[:, 0] != X[:, 1]).astype(int)
    s = bernoulli_scores(bernoulli_fit(X, y), X)
    assert np.allclose(s[:, 0], s[:, 1])  # no evidence either way: chance
    gm = gaussian_fit(X, y)
    assert np.allclose(gm[1][0], gm[1][1]) and np.allclose(gm[2][0], gm[2][1])
    # adding x₁x₂ as a third feature reaches only 75%
    X3 = np.column_stack([X, X[:, 0] * X[:, 1]])
    pred = bernoulli_scores(bernoulli_fit(X3, y, alpha=1e-3), X3).argmax(1)
    assert (pred == y).mean() == pytest.approx(0.75)
    # one categorical feature for the pair is the full joint: 100%
    pair = (2 * X[:, 0] + X[:, 1]).astype(int)
    onehot = np.eye(4)[pair]
    pred = multinomial_scores(multinomial_fit(onehot, y, alpha=1e-3), onehot).argmax(1)
    assert (pred == y).mean() == 1.0
    # the best linear classifier on the four equiprobable points gets 3 of 4
    best = 0
    for w in itertools.product(np.linspace(-2, 2, 9), repeat=3):
        acc = (((X @ np.array(w[:2]) + w[2]) > 0).astype(int) == y).mean()
        best = max(best, acc)
    assert best == pytest.approx(0.75)


def test_bernoulli_scores_every_vocabulary_word_and_the_precomputation_trick():
    rng = np.random.default_rng(8)
    V = 50
    p = rng.uniform(0.01, 0.5, size=(2, V))
    x = np.zeros(V)
    x[[3, 17]] = 1
    full = np.log(p) @ x + np.log(1 - p) @ (1 - x)
    base = np.log(1 - p).sum(1)
    fast = base + (np.log(p[:, [3, 17]]) - np.log(1 - p[:, [3, 17]])).sum(1)
    assert np.allclose(full, fast)
    # changing the probability of an absent word changes the Bernoulli score
    p2 = p.copy()
    p2[0, 5] = 0.9
    assert (np.log(p2) @ x + np.log(1 - p2) @ (1 - x))[0] < full[0]


def test_var_smoothing_rescues_a_zero_variance_feature():
    rng = np.random.default_rng(9)
    X = np.column_stack([rng.normal(size=40), np.r_[np.zeros(20), rng.normal(size=20)]])
    y = np.r_[np.zeros(20, int), np.ones(20, int)]
    raw_var = np.array([X[y == c].var(0) for c in (0, 1)])
    assert raw_var[0, 1] == 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = -0.5 * np.log(2 * np.pi * raw_var[0, 1]) - (0.3 - 0) ** 2 / (2 * raw_var[0, 1])
    assert not np.isfinite(raw)
    model = gaussian_fit(X, y, var_smoothing=1e-9)
    eps = 1e-9 * X.var(0).max()
    assert model[2][0, 1] == pytest.approx(eps)
    assert np.all(np.isfinite(gaussian_scores(model, X)))


def test_training_is_counting_and_incremental_counts_match_batch():
    rng = np.random.default_rng(10)
    counts = rng.integers(0, 4, size=(300, 20)).astype(float)
    y = rng.integers(0, 2, size=300)
    batch = np.array([counts[y == c].sum(0) for c in (0, 1)])
    partial = sum(np.array([counts[i:i + 50][y[i:i + 50] == c].sum(0) for c in (0, 1)]) for i in range(0, 300, 50))
    assert np.array_equal(batch, partial)
    m = multinomial_fit(counts, y)
    assert m[1].shape == (2, 20)  # O(K·d) parameters


def test_changing_the_prior_adds_a_log_ratio():
    rng = np.random.default_rng(11)
    theta = rng.dirichlet(np.ones(6), size=2)
    counts = rng.integers(0, 3, size=(20, 6)).astype(float)
    old, new = np.array([0.9, 0.1]), np.array([0.5, 0.5])
    s_old = multinomial_scores((old, theta), counts)
    s_new = multinomial_scores((new, theta), counts)
    assert np.allclose(s_new, s_old + np.log(new / old))
    # with long documents the likelihood swamps the prior
    short, long_doc = counts[:1], counts[:1] * 50
    lo_short = np.diff(multinomial_scores((old, theta), short)[0])[0] - np.diff(np.log(old))[0]
    lo_long = np.diff(multinomial_scores((old, theta), long_doc)[0])[0] - np.diff(np.log(old))[0]
    assert abs(lo_long) == pytest.approx(50 * abs(lo_short))


def test_dropping_a_missing_feature_is_exact_marginalisation():
    rng = np.random.default_rng(12)
    d = 4
    prior = np.array([0.3, 0.7])
    p = rng.uniform(0.1, 0.9, size=(2, d))
    x = np.array([1.0, 0.0, 1.0, 1.0])
    missing = 2
    # marginalise by summing the full joint over both values of the missing feature
    joint = []
    for c in (0, 1):
        total = 0.0
        for v in (0.0, 1.0):
            xv = x.copy()
            xv[missing] = v
            total += prior[c] * np.prod(p[c] ** xv * (1 - p[c]) ** (1 - xv))
        joint.append(total)
    joint = np.array(joint)
    keep = [j for j in range(d) if j != missing]
    dropped = prior * np.prod(p[:, keep] ** x[keep] * (1 - p[:, keep]) ** (1 - x[keep]), axis=1)
    assert np.allclose(joint, dropped)


def test_sixty_points_in_five_thousand_dimensions_are_separable():
    rng = np.random.default_rng(13)
    X = (rng.random((60, 5000)) < 0.1).astype(float)
    y = rng.integers(0, 2, size=60)
    w, *_ = np.linalg.lstsq(X, 2.0 * y - 1, rcond=None)
    assert np.all(np.sign(X @ w) == 2 * y - 1)  # perfectly separated even with random labels
    # so the unregularised log-loss keeps falling as the separating w is scaled up
    margins = (2 * y - 1) * (X @ w)
    losses = [np.log1p(np.exp(-c * margins)).mean() for c in (1, 10, 100)]
    assert losses[0] > losses[1] > losses[2]


def _logistic_newton(X, y, lam=1e-3, iters=30):
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    for _ in range(iters):
        p = sigmoid(Xb @ w)
        g = Xb.T @ (p - y) + lam * w
        H = (Xb.T * (p * (1 - p))) @ Xb + lam * np.eye(len(w))
        w -= np.linalg.solve(H, g)
    return w


def test_ng_jordan_learning_curves_cross():
    """NB's assumption is violated (a misleading feature copied 8 times): NB wins at small n, LR at large n."""

    def make(n, rng, d=40, copies=8):
        y = rng.integers(0, 2, size=n)
        informative = rng.random((n, d)) < np.where(y[:, None] == 1, 0.6, 0.4)
        copied = rng.random(n) < np.where(y == 1, 0.45, 0.55)
        return np.hstack([informative, np.repeat(copied[:, None], copies, axis=1)]).astype(float), y

    X_test, y_test = make(3000, np.random.default_rng(14))
    Xb_test = np.hstack([X_test, np.ones((len(X_test), 1))])

    def errors(n, seeds=12):
        nb, lr = [], []
        for seed in range(seeds):
            X, y = make(n, np.random.default_rng(100 + seed))
            if len(set(y)) < 2:
                continue
            nb.append((bernoulli_scores(bernoulli_fit(X, y), X_test).argmax(1) != y_test).mean())
            lr.append(((Xb_test @ _logistic_newton(X, y) > 0).astype(int) != y_test).mean())
        return np.mean(nb), np.mean(lr)

    nb_small, lr_small = errors(15)
    nb_large, lr_large = errors(1000, seeds=4)
    assert nb_small < lr_small - 0.05
    assert lr_large < nb_large - 0.01


# ----------------------------------------------------------------------------- the bank's shape


def test_say_it_aloud_items():
    say = [q["id"] for q in BANK["questions"] if "say-it-aloud" in q["tags"]]
    assert {"nb-say-it", "nb-why-it-works"} <= set(say)
    for qid in say:
        assert Q[qid]["prompt"].startswith("Say it out loud")


def test_typing_the_prompt_back_ticks_nothing():
    for q in BANK["questions"]:
        for number in range(1, len(q.get("key_points") or []) + 1):
            verdict = judge_point(point(q["id"], number), q["prompt"], q["prompt"])
            assert verdict.status == "missed", (q["id"], number, verdict.excerpt)


PHRASINGS = [
    # (question, key point, typed, expected)
    ("nb-say-it", 1, "posterior is proportional to likelihood times prior", "covered"),
    ("nb-say-it", 2, "predict the class with the highest posterior probability", "covered"),
    ("nb-say-it", 3, "features are assumed conditionally independent given the class", "covered"),
    ("nb-say-it", 3, "it assumes the features are independent of each other within each class", "covered"),
    ("nb-say-it", 3, "it assumes all the features are independent of each other", "contradicted"),  # not given y
    ("nb-say-it", 3, "it assumes the features are independent of the class", "contradicted"),
    ("nb-say-it", 4, "so the likelihood factorises into a product over features", "covered"),
    ("nb-say-it", 2, "it picks the class with the highest likelihood, ignoring the prior", "contradicted"),
    ("nb-say-it", 2, "P(x) drops out, so take the argmax of prior times likelihood", "covered"),
    ("nb-why-it-works", 1, "you only need the argmax to be right", "covered"),
    ("nb-why-it-works", 2, "the probabilities are over-confident because correlated features get double counted", "covered"),
    ("nb-why-it-works", 2, "its probabilities are well calibrated", "contradicted"),
    ("nb-why-it-works", 2, "its probabilities are not well calibrated", "covered"),
    ("nb-why-it-works", 4, "it fails when the signal is in an XOR-style interaction", "covered"),
    ("nb-why-it-works", 3, "it's a low-bias model that can fit any boundary", "contradicted"),
    ("nb-why-it-works", 3, "NB is high bias, low variance, whereas LR is low bias", "covered"),
    ("nb-zero-frequency", 1, "the whole product becomes zero", "covered"),
    ("nb-zero-frequency", 2, "add one to every count", "covered"),
    ("nb-zero-frequency", 3, "and add the vocabulary size to the denominator", "covered"),
    ("nb-zero-frequency", 3, "you only add one to the numerator", "contradicted"),
    ("nb-smoothing-alpha", 1, "bigger alpha pushes the estimates towards uniform", "covered"),
    ("nb-smoothing-alpha", 1, "a larger alpha makes it overfit", "contradicted"),
    ("nb-smoothing-alpha", 1, "a larger alpha means less smoothing and more variance", "contradicted"),
    ("nb-smoothing-alpha", 1, "a smaller alpha smooths more towards uniform", "contradicted"),
    ("nb-smoothing-alpha", 1, "a larger alpha means more bias, less variance", "covered"),
    ("nb-smoothing-alpha", 2, "it's equivalent to a Dirichlet prior", "covered"),
    ("nb-smoothing-alpha", 4, "pick alpha by cross-validation", "covered"),
    ("nb-log-space", 1, "the product of many small probabilities underflows", "covered"),
    ("nb-log-space", 1, "multiplying probabilities overflows", "contradicted"),
    ("nb-log-space", 2, "the log turns the product into a sum", "covered"),
    ("nb-log-space", 3, "log is monotonic so the argmax doesn't change", "covered"),
    ("nb-log-space", 3, "logs make it non-monotonic, so the argmax can change", "contradicted"),
    ("nb-log-sum-exp", 2, "subtract the maximum score before exponentiating", "covered"),
    ("nb-log-sum-exp", 2, "add a small epsilon to each term", "contradicted"),
    ("nb-log-sum-exp", 3, "the shift cancels in the ratio so it's exact", "covered"),
    ("nb-log-sum-exp", 2, "subtract the minimum score first so everything is positive", "contradicted"),
    ("nb-log-sum-exp", 2, "add the max score to all of them first", "contradicted"),
    ("nb-log-sum-exp", 2, "subtract the max, then add the max back to the log of the sum", "covered"),
    ("nb-variants", 1, "multinomial is for word counts", "covered"),
    ("nb-variants", 1, "multinomial is for binary features", "contradicted"),
    ("nb-variants", 2, "Bernoulli for binary presence or absence", "covered"),
    ("nb-variants", 2, "Bernoulli is for counts", "contradicted"),
    ("nb-variants", 3, "Gaussian for continuous features", "covered"),
    ("nb-bernoulli-vs-multinomial", 2, "Bernoulli penalises words that don't appear", "covered"),
    ("nb-bernoulli-vs-multinomial", 2, "both ignore absent words", "contradicted"),
    ("nb-bernoulli-vs-multinomial", 3, "Bernoulli doesn't care how often a word occurs", "covered"),
    ("nb-bernoulli-vs-multinomial", 3, "Bernoulli also counts the repeats", "contradicted"),
    ("nb-bernoulli-vs-multinomial", 4, "multinomial is better for short texts", "contradicted"),
    ("nb-bernoulli-vs-multinomial", 4, "Bernoulli suits short texts, multinomial longer ones", "covered"),
    ("nb-gaussian-nb", 1, "a mean and a variance for each feature in each class", "covered"),
    ("nb-gaussian-nb", 1, "one Gaussian per feature shared across classes", "contradicted"),
    ("nb-gaussian-nb", 1, "a mean and variance per feature, the same for all classes", "contradicted"),
    ("nb-gaussian-nb", 3, "it adds a small fraction of the largest variance to avoid dividing by zero", "covered"),
    ("nb-continuous-features", 2, "discretize them into bins", "covered"),
    ("nb-continuous-features", 4, "you just multiply the likelihoods of the different types", "covered"),
    ("nb-continuous-features", 4, "naive Bayes can't mix feature types", "contradicted"),
    ("nb-generative-vs-discriminative", 1, "NB models P(x|y) and the prior; LR models P(y|x) directly", "covered"),
    ("nb-generative-vs-discriminative", 1, "naive Bayes models P(y|x) directly", "contradicted"),
    ("nb-generative-vs-discriminative", 3, "NB does better on small data, LR with lots of data", "covered"),
    ("nb-generative-vs-discriminative", 3, "LR is better with little data", "contradicted"),
    ("nb-ng-jordan", 1, "logistic regression has the lower asymptotic error", "covered"),
    ("nb-ng-jordan", 1, "naive Bayes has the lower asymptotic error", "contradicted"),
    ("nb-ng-jordan", 2, "NB needs only O(log d) samples", "covered"),
    ("nb-ng-jordan", 2, "logistic regression converges faster", "contradicted"),
    ("nb-ng-jordan", 2, "naive Bayes converges much faster than logistic regression", "covered"),
    ("nb-ng-jordan", 3, "the learning curves cross", "covered"),
    ("nb-linear-boundary", 1, "the log-odds is linear in the word counts", "covered"),
    ("nb-linear-boundary", 2, "with class-specific variances it's quadratic", "covered"),
    ("nb-linear-boundary", 2, "with shared variances it's quadratic", "contradicted"),
    ("nb-training-cost", 1, "training is a single pass of counting", "covered"),
    ("nb-training-cost", 1, "it isn't iterative", "covered"),
    ("nb-training-cost", 1, "it's trained with gradient descent", "contradicted"),
    ("nb-training-cost", 2, "O(nd) time", "covered"),
    ("nb-training-cost", 1, "training needs several passes of EM", "contradicted"),
    ("nb-training-cost", 1, "one pass of counting, unlike logistic regression which needs many iterations", "covered"),
    ("nb-training-cost", 4, "you can update it online with partial_fit", "covered"),
    ("nb-calibration", 1, "they're overconfident, pushed to 0 or 1", "covered"),
    ("nb-calibration", 1, "they're not well calibrated", "covered"),
    ("nb-calibration", 1, "they are well calibrated", "contradicted"),
    ("nb-calibration", 4, "recalibrate with isotonic regression on held-out data", "covered"),
    ("nb-spam-filter", 4, "set a high threshold because false positives are expensive", "covered"),
    ("nb-spam-filter", 4, "both errors cost the same so use 0.5", "contradicted"),
    ("nb-priors-imbalance", 1, "the log prior is added to the score", "covered"),
    ("nb-priors-imbalance", 1, "the priors cancel out", "contradicted"),
    ("nb-priors-imbalance", 3, "if the base rate changes, replace the prior without retraining", "covered"),
    ("nb-priors-imbalance", 3, "for a shifted base rate you must retrain on rebalanced data", "contradicted"),
    ("nb-priors-imbalance", 3, "you don't need to retrain, just swap the prior", "covered"),
    ("nb-missing-features", 1, "just drop that feature's term", "covered"),
    ("nb-missing-features", 1, "naive Bayes has to impute it first", "contradicted"),
    ("nb-missing-features", 2, "dropping it is only an approximation", "contradicted"),
    ("nb-missing-features", 2, "it's exact, not an approximation, because of conditional independence", "covered"),
    ("nb-missing-features", 3, "logistic regression needs imputation", "covered"),
    ("nb-missing-features", 3, "logistic regression just ignores it", "contradicted"),
]


@pytest.mark.parametrize("qid, number, typed, expected", PHRASINGS)
def test_typical_phrasings(qid, number, typed, expected):
    verdict = judge_point(point(qid, number), typed, Q[qid]["prompt"])
    assert verdict.status == expected, (verdict.pattern, verdict.excerpt, verdict.reason)
