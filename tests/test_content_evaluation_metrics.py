"""Content tests for questions/evaluation-metrics.yaml.

Every computable claim in the bank is recomputed here with NumPy: each numeric answer from scratch, each
derivation's identity on seeded random data, each choice question's keyed fact (by simulation where the
fact is statistical: leakage, grouped splits, selection bias), and the identities quoted in recall answers
(micro-F1 = accuracy, AUC = Mann–Whitney, the F1-optimal threshold, Brier decomposition, properness,
calibration-in-the-large of logistic regression, R² = corr², prior correction…). The bank's form (format
rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import math
import re
from itertools import product
from pathlib import Path

import numpy as np
import pytest
import yaml

from drill.banks import load_bank
from drill.matching import judge_answer

BANK_PATH = Path(__file__).parents[1] / "questions" / "evaluation-metrics.yaml"
BANK = yaml.safe_load(BANK_PATH.read_text(encoding="utf-8"))
QUESTIONS = BANK["questions"]
Q = {q["id"]: q for q in QUESTIONS}
LOADED = {q.id: q for q in load_bank(BANK_PATH)[0].questions}


# ------------------------------------------------------------------------------------------------
# A small reference implementation of the metrics
# ------------------------------------------------------------------------------------------------


def counts(y, yhat):
    y, yhat = np.asarray(y), np.asarray(yhat)
    tp = int(np.sum((y == 1) & (yhat == 1)))
    fp = int(np.sum((y == 0) & (yhat == 1)))
    fn = int(np.sum((y == 1) & (yhat == 0)))
    tn = int(np.sum((y == 0) & (yhat == 0)))
    return tp, fp, fn, tn


def f_beta_pr(p, r, beta=1.0):
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r)


def f_beta_counts(tp, fp, fn, beta=1.0):
    b2 = beta * beta
    return (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp)


def auc_pairs(scores, y):
    """Share of (positive, negative) pairs ordered correctly, ties ½ — the definition in the bank."""
    s, y = np.asarray(scores, float), np.asarray(y)
    pos, neg = s[y == 1], s[y == 0]
    diff = pos[:, None] - neg[None, :]
    return float((np.sum(diff > 0) + 0.5 * np.sum(diff == 0)) / (len(pos) * len(neg)))


def roc_points(scores, y):
    """ROC curve with one point per distinct threshold (ties passed together), from (0, 0)."""
    s, y = np.asarray(scores, float), np.asarray(y)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    last = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1]  # last index of each tie block
    tp = np.cumsum(y)[last]
    fp = np.cumsum(1 - y)[last]
    tpr = np.r_[0.0, tp / y.sum()]
    fpr = np.r_[0.0, fp / (len(y) - y.sum())]
    return fpr, tpr


def auc_trapezoid(scores, y):
    fpr, tpr = roc_points(scores, y)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))


def midranks(x):
    x = np.asarray(x, float)
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(1, len(x) + 1)
    for v in np.unique(x):  # average the ranks of tied values
        m = x == v
        ranks[m] = ranks[m].mean()
    return ranks


def auc_ranks(scores, y):
    y = np.asarray(y)
    r = midranks(scores)
    n_pos, n_neg = y.sum(), len(y) - y.sum()
    u = r[y == 1].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))


def pr_points(scores, y):
    s, y = np.asarray(scores, float), np.asarray(y)
    order = np.argsort(-s, kind="mergesort")
    s, y = s[order], y[order]
    last = np.r_[np.nonzero(np.diff(s))[0], len(s) - 1]
    tp = np.cumsum(y)[last]
    fp = np.cumsum(1 - y)[last]
    return tp / (tp + fp), tp / y.sum()


def average_precision(scores, y):
    """Step-wise AP = Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct thresholds."""
    precision, recall = pr_points(scores, y)
    return float(np.sum(np.diff(np.r_[0.0, recall]) * precision))


def log_loss(y, p):
    y, p = np.asarray(y, float), np.asarray(p, float)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def brier(y, p):
    return float(np.mean((np.asarray(p, float) - np.asarray(y, float)) ** 2))


def r2(y, yhat):
    y, yhat = np.asarray(y, float), np.asarray(yhat, float)
    return float(1 - np.sum((y - yhat) ** 2) / np.sum((y - y.mean()) ** 2))


def sigmoid(z):
    z = np.asarray(z, float)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


def fit_logistic(X, y, sw=None, iters=60):
    """Newton's method on the (sample-weighted) mean log-loss; X already has its column of ones."""
    sw = np.ones(len(y)) if sw is None else sw
    w = np.zeros(X.shape[1])
    for _ in range(iters):
        p = sigmoid(X @ w)
        g = X.T @ (sw * (p - y)) / len(y)
        if np.max(np.abs(g)) < 1e-12:
            break
        H = (X.T * (sw * p * (1 - p))) @ X / len(y)
        w -= np.linalg.solve(H, g)
    return w


def pav(y):
    """Pool-adjacent-violators: the non-decreasing fit minimising squared error (inputs in score order)."""
    vals, wts, sizes = [], [], []
    for v in np.asarray(y, float):
        vals.append(v)
        wts.append(1.0)
        sizes.append(1)
        while len(vals) > 1 and vals[-2] > vals[-1]:
            v2, w2, s2 = vals.pop(), wts.pop(), sizes.pop()
            vals[-1] = (vals[-1] * wts[-1] + v2 * w2) / (wts[-1] + w2)
            wts[-1] += w2
            sizes[-1] += s2
    return np.repeat(vals, sizes)


def nearest_centroid_cv(X, y, folds, select=None):
    """k-fold CV accuracy of a nearest-centroid classifier; `select(Xtr, ytr)` returns feature indices."""
    correct = 0
    for f in np.unique(folds):
        tr, te = folds != f, folds == f
        cols = slice(None) if select is None else select(X[tr], y[tr])
        Xtr, Xte = X[tr][:, cols], X[te][:, cols]
        c0, c1 = Xtr[y[tr] == 0].mean(0), Xtr[y[tr] == 1].mean(0)
        pred = (np.sum((Xte - c1) ** 2, 1) < np.sum((Xte - c0) ** 2, 1)).astype(int)
        correct += np.sum(pred == y[te])
    return correct / len(y)


def top_correlated(k):
    def select(X, y):
        Xc, yc = X - X.mean(0), y - y.mean()
        corr = (Xc.T @ yc) / (np.linalg.norm(Xc, axis=0) * np.linalg.norm(yc))
        return np.argsort(-np.abs(corr))[:k]

    return select


def one_nn_cv(X, y, folds):
    correct = 0
    for f in np.unique(folds):
        tr, te = folds != f, folds == f
        d = np.sum((X[te][:, None, :] - X[tr][None, :, :]) ** 2, axis=2)
        correct += np.sum(y[tr][np.argmin(d, axis=1)] == y[te])
    return correct / len(y)


# ------------------------------------------------------------------------------------------------
# Items the brief asks for (the bank's form is checked in tests/test_bank_form.py)
# ------------------------------------------------------------------------------------------------


def test_brief_items_present():
    # The two say-it-aloud prompts the brief suggests, and the links back to the classical models.
    assert Q["metrics-pr-vs-roc"]["prompt"] == "When would you report PR-AUC (average precision) instead of ROC-AUC?"
    assert "say-it-aloud" in Q["metrics-pr-vs-roc"]["tags"]
    for qid, model in [
        ("metrics-logloss-logreg", "logistic regression"),
        ("metrics-r2-ols", "linear regression"),
        ("metrics-knn-choose-k", "KNN"),
    ]:
        assert model in Q[qid]["prompt"], qid


# ------------------------------------------------------------------------------------------------
# Every numeric answer, recomputed from scratch
# ------------------------------------------------------------------------------------------------


def _f1_fraud():
    y = np.r_[np.ones(60), np.zeros(940)]
    yhat = np.r_[np.ones(40), np.zeros(20), np.ones(10), np.zeros(930)]
    tp, fp, fn, tn = counts(y, yhat)
    assert (tp, fp, fn, tn) == (40, 10, 20, 930)
    return f_beta_pr(tp / (tp + fp), tp / (tp + fn))


def _macro_f1():
    cm = np.array([[50, 5, 5], [10, 20, 10], [0, 5, 15]])
    tp = np.diag(cm)
    fp = cm.sum(0) - tp
    fn = cm.sum(1) - tp
    return float(np.mean(2 * tp / (2 * tp + fp + fn)))


def _auc_example():
    s = [0.9, 0.7, 0.5, 0.3, 0.7, 0.4, 0.2]
    y = [1, 1, 1, 1, 0, 0, 0]
    a = auc_pairs(s, y)
    assert a == pytest.approx(auc_trapezoid(s, y)) == pytest.approx(auc_ranks(s, y))
    return a


def _ap_example():
    y = np.array([1, 0, 1, 1, 0, 0, 1, 0])
    scores = -np.arange(8.0)  # decreasing score, no ties
    return average_precision(scores, y)


def _precision_at_point():
    n_pos, n_neg = 1_000, 99_000
    tp, fp = 0.8 * n_pos, 0.05 * n_neg
    return tp / (tp + fp)


def _prior_correction():
    p_model, k = 0.5, 10.0
    odds = p_model / (1 - p_model) / k
    return odds / (1 + odds)


NUMERIC = {
    "metrics-f1-numeric": _f1_fraud,
    "metrics-macro-f1-numeric": _macro_f1,
    "metrics-auc-numeric": _auc_example,
    "metrics-ap-numeric": _ap_example,
    "metrics-precision-at-low-fpr": _precision_at_point,
    "metrics-brier-numeric": lambda: brier([1, 0, 0, 1], [0.9, 0.2, 0.6, 0.4]),
    "metrics-logloss-numeric": lambda: log_loss([1, 0, 1], [0.8, 0.3, 0.6]),
    "metrics-r2-numeric": lambda: r2([3, 5, 7, 9], [2.5, 5.5, 6, 9.5]),
    "metrics-prior-correction": _prior_correction,
}


def test_every_numeric_question_is_recomputed():
    assert {q["id"] for q in QUESTIONS if q["type"] == "numeric"} == set(NUMERIC)


@pytest.mark.parametrize("qid", sorted(NUMERIC))
def test_numeric_answer(qid):
    q = Q[qid]
    tol = q.get("tolerance", 0.01 * abs(q["answer"]))
    value = NUMERIC[qid]()
    assert abs(value - q["answer"]) <= tol, (qid, value, q["answer"], tol)


def test_numeric_explanations_side_facts():
    # F1 explanation: accuracy 0.97 vs the do-nothing 0.94; 80 / 110.
    assert (40 + 930) / 1000 == 0.97 and 940 / 1000 == 0.94 and 80 / 110 == pytest.approx(0.727, abs=5e-4)
    # Macro-F1 explanation: per-class values and micro = accuracy = 85/120.
    cm = np.array([[50, 5, 5], [10, 20, 10], [0, 5, 15]])
    tp = np.diag(cm)
    per_class = 2 * tp / (2 * tp + (cm.sum(0) - tp) + (cm.sum(1) - tp))
    assert np.allclose(per_class, [0.833, 0.571, 0.600], atol=5e-4)
    assert tp.sum() / cm.sum() == pytest.approx(0.708, abs=5e-4)
    # Precision explanation: "six of every seven alerts are false".
    assert 4950 / 5750 == pytest.approx(6 / 7, abs=0.005)
    # Log-loss: the keyed answer is the exact value rounded to the 3 decimals the prompt asks for.
    assert round(log_loss([1, 0, 1], [0.8, 0.3, 0.6]), 3) == Q["metrics-logloss-numeric"]["answer"]
    # Log-loss explanation: constant 0.5 → ln 2; a confident miss → 4.6.
    assert log_loss([1, 0, 1], [0.5] * 3) == pytest.approx(0.693, abs=5e-4)
    assert -math.log(0.01) == pytest.approx(4.6, abs=0.01)
    # Brier explanation: constant 0.5 → 0.25; base rate π → π(1 − π).
    y = np.array([1, 0, 0, 1, 1, 0, 0, 0])
    assert brier(y, [0.5] * 8) == 0.25
    assert brier(y, [y.mean()] * 8) == pytest.approx(y.mean() * (1 - y.mean()))
    # Prior correction: general formula p = p′/(p′ + k(1 − p′)) and the log-k intercept shift.
    for p1, k in [(0.5, 10.0), (0.3, 4.0), (0.9, 2.5)]:
        p = p1 / (p1 + k * (1 - p1))
        assert p / (1 - p) == pytest.approx(p1 / (1 - p1) / k)
        assert float(sigmoid(math.log(p1 / (1 - p1)) - math.log(k))) == pytest.approx(p)


# ------------------------------------------------------------------------------------------------
# Choice questions: the keyed choice is the one the facts support
# ------------------------------------------------------------------------------------------------

CHOICE_KEY = {
    "metrics-monotone-choice": r"^ROC-AUC$",
    "metrics-f1-optimal-threshold": r"^0\.3,",
    "metrics-r2-negative-choice": r"30% larger",
    "metrics-cv-split-choice": r"^Group k-fold",
    "metrics-leaky-selection-choice": r"^Well above",
}


def test_every_choice_question_is_keyed():
    assert {q["id"] for q in QUESTIONS if q["type"] == "choice"} == set(CHOICE_KEY)


@pytest.mark.parametrize("qid", sorted(CHOICE_KEY))
def test_choice_answer_is_the_supported_one(qid):
    q = Q[qid]
    matching = [i for i, c in enumerate(q["choices"]) if re.search(CHOICE_KEY[qid], c)]
    assert matching == [q["answer"]], (qid, matching, q["answer"])


def test_monotone_transform_keeps_only_auc():
    rng = np.random.default_rng(0)
    y = (rng.random(400) < 0.3).astype(int)
    s = np.clip(0.25 + 0.4 * y + rng.normal(0, 0.2, 400), 0.01, 0.99).round(2)  # rounded: ties exist
    t = sigmoid(3 * s - 1)
    assert auc_pairs(t, y) == auc_pairs(s, y)
    assert abs(log_loss(y, t) - log_loss(y, s)) > 1e-3
    assert abs(brier(y, t) - brier(y, s)) > 1e-3
    acc = lambda p: np.mean((p >= 0.5) == y)  # noqa: E731
    assert acc(t) != acc(s)
    # σ(3s − 1) ≥ 0.5 exactly when s ≥ 1/3.
    grid = np.linspace(0, 1, 3001)
    assert np.array_equal(sigmoid(3 * grid - 1) >= 0.5, grid >= 1 / 3)
    # Isotonic (non-decreasing) maps can merge scores into ties and change AUC.
    order = np.argsort(s, kind="mergesort")
    iso = np.empty_like(s)
    iso[order] = pav(y[order])
    assert np.all(np.diff(iso[order]) >= -1e-12)
    assert auc_pairs(iso, y) != auc_pairs(s, y)


def _expected_f1_curve(p, thresholds):
    """Expected-count F1 when flagging p ≥ t, for calibrated probabilities p."""
    out = []
    for t in thresholds:
        flag = p >= t
        tp, fp, fn = p[flag].sum(), (1 - p[flag]).sum(), p[~flag].sum()
        out.append(2 * tp / (2 * tp + fp + fn))
    return np.array(out)


def test_f1_optimal_threshold_is_half_the_best_f1():
    rng = np.random.default_rng(1)
    for a, b in [(1.0, 4.0), (0.5, 2.0), (2.0, 3.0)]:
        p = np.sort(rng.beta(a, b, 200_000))
        thresholds = np.linspace(0.01, 0.9, 891)
        f = _expected_f1_curve(p, thresholds)
        t_best, f_best = thresholds[np.argmax(f)], f.max()
        assert t_best == pytest.approx(f_best / 2, abs=0.01), (a, b, t_best, f_best)
        assert t_best < 0.5
    # The marginal step in the explanation: adding a case of probability p moves D by exactly 1.
    for p in [0.1, 0.3, 0.8]:
        tp, fp, fn = 10.0, 5.0, 7.0
        d_before = 2 * tp + fp + fn
        d_after = 2 * (tp + p) + (fp + 1 - p) + (fn - p)
        assert d_after - d_before == pytest.approx(1.0)
        f_before, f_after = 2 * tp / d_before, 2 * (tp + p) / d_after
        assert (f_after > f_before) == (p > f_before / 2)


def test_negative_r2_means_mse_above_test_variance():
    rng = np.random.default_rng(2)
    y = rng.normal(5, 2, 200)
    # A model that is well correlated but off in level: R² strongly negative.
    yhat = y + 4.0 + rng.normal(0, 0.5, 200)
    assert np.corrcoef(y, yhat)[0, 1] > 0.9
    assert r2(y, yhat) < -1
    assert r2(y, -yhat) < r2(y, yhat)  # negating does not mirror R²
    # R² = −0.3 ⇔ MSE = 1.3 × the MSE of the constant test-mean predictor.
    e = rng.normal(size=200)
    e *= math.sqrt(1.3 * np.sum((y - y.mean()) ** 2) / np.sum(e**2))
    assert r2(y, y - e) == pytest.approx(-0.3)
    assert np.mean(e**2) == pytest.approx(1.3 * np.mean((y - y.mean()) ** 2))


def test_grouped_split_removes_patient_leak():
    rng = np.random.default_rng(3)
    n_pat, per = 120, 5
    centers = rng.normal(size=(n_pat, 4))
    pat_label = rng.integers(0, 2, n_pat)  # readmission risk is a patient trait, unrelated to features
    X = np.repeat(centers, per, axis=0) + 0.1 * rng.normal(size=(n_pat * per, 4))
    y = np.where(rng.random(n_pat * per) < 0.9, np.repeat(pat_label, per), 1 - np.repeat(pat_label, per))
    groups = np.repeat(np.arange(n_pat), per)
    by_admission = rng.permutation(n_pat * per) % 5
    by_patient = rng.permutation(n_pat)[groups] % 5
    leaky, honest = one_nn_cv(X, y, by_admission), one_nn_cv(X, y, by_patient)
    assert leaky > 0.75, leaky
    assert 0.35 < honest < 0.65, honest


def test_feature_selection_on_all_data_inflates_cv():
    leaky_scores, honest_scores = [], []
    for seed in range(8):
        rng = np.random.default_rng(100 + seed)
        X = rng.normal(size=(50, 5000))
        y = rng.permutation(np.r_[np.zeros(25), np.ones(25)]).astype(int)
        folds = rng.permutation(50) % 5
        cols = top_correlated(20)(X, y)
        leaky_scores.append(nearest_centroid_cv(X[:, cols], y, folds))
        honest_scores.append(nearest_centroid_cv(X, y, folds, select=top_correlated(20)))
    assert np.mean(leaky_scores) > 0.75, leaky_scores
    assert 0.35 < np.mean(honest_scores) < 0.65, honest_scores


# ------------------------------------------------------------------------------------------------
# Derivations: the identities each step relies on
# ------------------------------------------------------------------------------------------------


def test_micro_f1_equals_accuracy():
    rng = np.random.default_rng(4)
    for K in (3, 5, 7):
        y = rng.integers(0, K, 300)
        yhat = np.where(rng.random(300) < 0.6, y, rng.integers(0, K, 300))
        cm = np.zeros((K, K), int)
        np.add.at(cm, (y, yhat), 1)
        tp = np.diag(cm)
        fp, fn = cm.sum(0) - tp, cm.sum(1) - tp
        errors = np.sum(y != yhat)
        assert fp.sum() == fn.sum() == errors
        acc = np.mean(y == yhat)
        micro_p, micro_r = tp.sum() / (tp.sum() + fp.sum()), tp.sum() / (tp.sum() + fn.sum())
        assert micro_p == pytest.approx(acc) and micro_r == pytest.approx(acc)
        assert f_beta_pr(micro_p, micro_r) == pytest.approx(acc)
        # Leaving a class out of the average breaks the identity.
        keep = np.arange(1, K)
        p_sub = tp[keep].sum() / (tp[keep].sum() + fp[keep].sum())
        r_sub = tp[keep].sum() / (tp[keep].sum() + fn[keep].sum())
        assert abs(f_beta_pr(p_sub, r_sub) - acc) > 1e-6


def test_auc_is_mann_whitney_with_half_ties():
    rng = np.random.default_rng(5)
    for _ in range(20):
        n = rng.integers(10, 80)
        y = (rng.random(n) < 0.4).astype(int)
        y[:2] = [0, 1]
        s = rng.integers(0, 6, n) + y * rng.integers(0, 3, n)  # heavy ties
        a = auc_pairs(s, y)
        assert auc_trapezoid(s, y) == pytest.approx(a)
        assert auc_ranks(s, y) == pytest.approx(a)
        # Consequences stated in the answer.
        assert auc_pairs(np.exp(s / 3.0) - 7, y) == pytest.approx(a)  # strictly increasing transform
        assert auc_pairs(-s, y) == pytest.approx(1 - a)  # flipped score
    assert auc_pairs(np.zeros(10), np.r_[np.ones(3), np.zeros(7)]) == 0.5  # constant score
    # A tie block with a positives and b negatives adds a·b/2 pair-units of area.
    s, y = [1, 1, 1, 1, 1], [1, 1, 0, 0, 0]
    assert auc_trapezoid(s, y) == pytest.approx((2 * 3 / 2) / (2 * 3))
    # After h positives scored strictly above it, the block adds the b strips at height h/n₊ plus that triangle.
    s, y = [5, 4, 3, 3, 3, 3, 3, 1, 0], [1, 1, 1, 1, 0, 0, 0, 1, 0]
    n_pos, n_neg, h, a, b = 5, 4, 2, 2, 3
    fpr, tpr = roc_points(s, y)
    k = 2  # the ROC segment of the tie block (points: start, score 5, score 4, block, …)
    block_area = (fpr[k + 1] - fpr[k]) * (tpr[k + 1] + tpr[k]) / 2
    assert block_area == pytest.approx(b * h / (n_pos * n_neg) + (a * b / 2) / (n_pos * n_neg))


def test_cost_threshold():
    p = np.linspace(0, 1, 200_001)
    for c_fp, c_fn in [(1.0, 1.0), (1.0, 9.0), (5.0, 2.0)]:
        cost_pos, cost_neg = (1 - p) * c_fp, p * c_fn
        first_flag = p[np.argmax(cost_pos < cost_neg)]
        assert first_flag == pytest.approx(c_fp / (c_fp + c_fn), abs=1e-4)
    assert 1 / (1 + 9) == 0.1
    # General form with costs for correct decisions.
    c_tp, c_tn, c_fp, c_fn = 0.5, 0.2, 3.0, 7.0
    cost_pos, cost_neg = p * c_tp + (1 - p) * c_fp, p * c_fn + (1 - p) * c_tn
    first_flag = p[np.argmax(cost_pos < cost_neg)]
    assert first_flag == pytest.approx((c_fp - c_tn) / ((c_fp - c_tn) + (c_fn - c_tp)), abs=1e-4)
    # Empirically, on calibrated simulated data, the cost-minimising threshold is the same.
    rng = np.random.default_rng(6)
    q = rng.beta(1, 3, 400_000)
    yy = rng.random(q.size) < q
    ts = np.linspace(0.02, 0.6, 59)
    cost = [np.sum((q >= t) & ~yy) * 1.0 + np.sum((q < t) & yy) * 4.0 for t in ts]
    assert ts[np.argmin(cost)] == pytest.approx(1 / 5, abs=0.03)


def test_mean_and_median_minimise_mse_and_mae():
    rng = np.random.default_rng(7)
    y = rng.exponential(2.0, 31)
    grid = np.linspace(y.min(), y.max(), 60_001)
    mse = ((y[None, :] - grid[:, None]) ** 2).mean(1)
    mae = np.abs(y[None, :] - grid[:, None]).mean(1)
    assert grid[np.argmin(mse)] == pytest.approx(y.mean(), abs=1e-3)
    assert grid[np.argmin(mae)] == pytest.approx(np.median(y), abs=1e-3)
    # Derivative formulas.
    c, h = 1.2345, 1e-6
    f = lambda c: np.mean((y - c) ** 2)  # noqa: E731
    g = lambda c: np.mean(np.abs(y - c))  # noqa: E731
    assert (f(c + h) - f(c - h)) / (2 * h) == pytest.approx(-2 * np.mean(y - c), rel=1e-6)
    assert (g(c + h) - g(c - h)) / (2 * h) == pytest.approx((np.sum(y < c) - np.sum(y > c)) / len(y), rel=1e-6)
    # Even n: flat between the two middle values.
    y4 = np.array([1.0, 2.0, 5.0, 9.0])
    vals = [np.mean(np.abs(y4 - c)) for c in np.linspace(2, 5, 7)]
    assert np.allclose(vals, vals[0])
    assert np.mean(np.abs(y4 - 1.9)) > vals[0] and np.mean(np.abs(y4 - 5.1)) > vals[0]


# ------------------------------------------------------------------------------------------------
# Facts stated in recall answers
# ------------------------------------------------------------------------------------------------


def test_accuracy_trap_and_balanced_accuracy():
    y = np.r_[np.ones(10), np.zeros(990)].astype(int)
    yhat = np.zeros(1000, int)
    tp, fp, fn, tn = counts(y, yhat)
    assert (tp + tn) / 1000 == 0.99 and tp / (tp + fn) == 0
    assert (tp / (tp + fn) + tn / (tn + fp)) / 2 == 0.5


def test_precision_depends_on_prevalence_recall_does_not():
    rng = np.random.default_rng(8)
    y = (rng.random(5000) < 0.2).astype(int)
    yhat = np.where(y == 1, rng.random(5000) < 0.7, rng.random(5000) < 0.1).astype(int)
    tp, fp, fn, tn = counts(y, yhat)
    tpr, fpr = tp / (tp + fn), fp / (fp + tn)
    # Ten copies of every negative: prevalence drops, recall and specificity stay, precision falls.
    y2, yhat2 = np.r_[y[y == 1], np.repeat(y[y == 0], 10)], np.r_[yhat[y == 1], np.repeat(yhat[y == 0], 10)]
    tp2, fp2, fn2, tn2 = counts(y2, yhat2)
    assert tp2 / (tp2 + fn2) == tpr and tn2 / (tn2 + fp2) == 1 - fpr
    assert tp2 / (tp2 + fp2) < tp / (tp + fp)
    for yy, (a, b) in [(y, (tp, fp)), (y2, (tp2, fp2))]:
        pi = yy.mean()
        assert a / (a + b) == pytest.approx(pi * tpr / (pi * tpr + (1 - pi) * fpr))


def test_f1_and_f_beta_facts():
    # Harmonic vs arithmetic for flag-everything at 1% prevalence.
    assert (0.01 + 1) / 2 == 0.505
    assert f_beta_pr(0.01, 1.0) == pytest.approx(0.0198, abs=1e-4)
    # F-β values and the count form.
    assert f_beta_pr(0.5, 0.8, 2) == pytest.approx(0.714, abs=5e-4)
    assert f_beta_pr(0.5, 0.8, 1) == pytest.approx(0.615, abs=5e-4)
    assert f_beta_pr(0.5, 0.8, 0.5) == pytest.approx(0.541, abs=5e-4)
    for tp, fp, fn, beta in [(40, 10, 20, 1), (7, 3, 11, 2), (5, 9, 1, 0.5)]:
        assert f_beta_counts(tp, fp, fn, beta) == pytest.approx(f_beta_pr(tp / (tp + fp), tp / (tp + fn), beta))
    assert f_beta_counts(40, 10, 20) == pytest.approx(2 * 40 / (2 * 40 + 10 + 20))
    # ∂F/∂R = ∂F/∂P exactly where R = β·P.
    h = 1e-7
    for beta in (0.5, 2.0, 3.0):
        p = 0.2
        r = beta * p
        dp = (f_beta_pr(p + h, r, beta) - f_beta_pr(p - h, r, beta)) / (2 * h)
        dr = (f_beta_pr(p, r + h, beta) - f_beta_pr(p, r - h, beta)) / (2 * h)
        assert dp == pytest.approx(dr, rel=1e-5)
        r_off = 1.5 * beta * p
        dp = (f_beta_pr(p + h, r_off, beta) - f_beta_pr(p - h, r_off, beta)) / (2 * h)
        dr = (f_beta_pr(p, r_off + h, beta) - f_beta_pr(p, r_off - h, beta)) / (2 * h)
        assert abs(dp - dr) > 1e-3
    # F1 ignores TN and changes when the positive class is swapped.
    y = np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    yhat = np.array([1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
    tp, fp, fn, _ = counts(y, yhat)
    tp_s, fp_s, fn_s, _ = counts(1 - y, 1 - yhat)
    assert f_beta_counts(tp, fp, fn) != pytest.approx(f_beta_counts(tp_s, fp_s, fn_s))


def test_weighted_averages():
    rng = np.random.default_rng(9)
    found_outside = False
    for _ in range(400):
        K = 3
        y = rng.integers(0, K, 30)
        yhat = np.where(rng.random(30) < 0.5, y, rng.integers(0, K, 30))
        cm = np.zeros((K, K), int)
        np.add.at(cm, (y, yhat), 1)
        tp, support = np.diag(cm), cm.sum(1)
        pred = cm.sum(0)
        if np.any(pred == 0) or np.any(support == 0):
            continue
        w = support / support.sum()
        prec, rec = tp / pred, tp / support
        f1 = np.where(prec + rec > 0, 2 * prec * rec / np.maximum(prec + rec, 1e-300), 0.0)
        assert np.sum(w * rec) == pytest.approx(np.mean(y == yhat))  # weighted recall = accuracy
        wp, wr, wf = np.sum(w * prec), np.sum(w * rec), np.sum(w * f1)
        found_outside |= not (min(wp, wr) - 1e-12 <= wf <= max(wp, wr) + 1e-12)
    assert found_outside, "weighted F1 can fall outside [weighted P, weighted R]"


def test_zero_division_cases():
    # Never predicting positive: precision 0/0, but F1 = 2TP/(2TP + FP + FN) is defined (0).
    tp, fp, fn = 0, 0, 3
    assert tp + fp == 0 and 2 * tp + fp + fn > 0
    assert f_beta_counts(tp, fp, fn) == 0
    # F1 is 0/0 only when the class is absent from both truth and predictions.
    for tp, fp, fn in product(range(3), repeat=3):
        assert (2 * tp + fp + fn == 0) == (tp == fp == fn == 0)
    # The convention changes a macro average.
    per_class = np.array([1.0, 1 / 3, np.nan])
    macro = {c: np.mean(np.where(np.isnan(per_class), c, per_class)) for c in (0.0, 1.0)}
    assert macro[0.0] == pytest.approx(4 / 9) and macro[1.0] == pytest.approx(7 / 9)
    assert np.nanmean(per_class) == pytest.approx(2 / 3)


def test_stratification_claim_about_empty_folds():
    """10 positives in 500 split into 5 random folds of 100: P(some fold has no positive) ≈ one half."""
    def p_fold_empty(j):  # j given folds all empty of positives
        return math.comb(500 - 100 * j, 10) / math.comb(500, 10)

    p_any = sum((-1) ** (j + 1) * math.comb(5, j) * p_fold_empty(j) for j in range(1, 5))
    assert 0.4 < p_any < 0.55, p_any


def test_pr_curve_facts():
    rng = np.random.default_rng(10)
    # AP without ties = mean precision at the ranks of the positives.
    for _ in range(10):
        y = (rng.random(60) < 0.3).astype(int)
        y[0] = 1
        s = rng.permutation(60).astype(float)
        order = np.argsort(-s)
        ranks = np.nonzero(y[order])[0] + 1
        hits = np.arange(1, len(ranks) + 1)
        assert average_precision(s, y) == pytest.approx(np.mean(hits / ranks))
    # No-skill AP → prevalence on a large set.
    y = (rng.random(200_000) < 0.05).astype(int)
    assert average_precision(rng.random(y.size), y) == pytest.approx(0.05, abs=0.005)
    # Constant score: AP = prevalence exactly.
    assert average_precision(np.zeros(y.size), y) == pytest.approx(y.mean())
    # Trapezoid on PR points differs from step-wise AP.
    y = (rng.random(300) < 0.2).astype(int)
    s = y * 0.8 + rng.normal(0, 0.6, 300)
    precision, recall = pr_points(s, y)
    trap = np.sum(np.diff(recall) * (precision[1:] + precision[:-1]) / 2)
    assert abs(trap - average_precision(s, y)) > 1e-4
    # Where precision falls with recall, the achievable curve between two PR points lies below the chord.
    tp_a, fp_a, tp_b, fp_b = 10.0, 2.0, 30.0, 40.0
    x = np.linspace(0, 1, 101)
    tp, fp = tp_a + x * (tp_b - tp_a), fp_a + x * (fp_b - fp_a)
    prec = tp / (tp + fp)
    chord = prec[0] + x * (prec[-1] - prec[0])
    assert prec[-1] < prec[0] and np.all(prec[1:-1] < chord[1:-1])


def test_roc_prior_invariance_vs_pr():
    rng = np.random.default_rng(11)
    y = (rng.random(2000) < 0.2).astype(int)
    s = y + rng.normal(0, 1, 2000)
    # Ten copies of every negative: ROC-AUC identical, AP lower.
    s2, y2 = np.r_[s[y == 1], np.repeat(s[y == 0], 10)], np.r_[y[y == 1], np.repeat(y[y == 0], 10)]
    assert auc_pairs(s2, y2) == pytest.approx(auc_pairs(s, y))
    assert average_precision(s2, y2) < average_precision(s, y) - 0.1
    # Swapping which class is positive (and flipping the score): AUC unchanged, AP changes.
    assert auc_pairs(-s, 1 - y) == pytest.approx(auc_pairs(s, y))
    assert abs(average_precision(-s, 1 - y) - average_precision(s, y)) > 0.1


def test_calibration_facts():
    rng = np.random.default_rng(12)
    y = (rng.random(5000) < 0.3).astype(int)
    const = np.full(5000, y.mean())
    # The base-rate constant is perfectly calibrated (ECE 0) yet has no discrimination.
    bins = np.minimum((const * 10).astype(int), 9)
    ece = sum(np.mean(bins == b) * abs(y[bins == b].mean() - const[bins == b].mean()) for b in np.unique(bins))
    assert ece == pytest.approx(0.0, abs=1e-12)
    assert auc_pairs(const, y) == 0.5


def test_proper_scoring_and_decompositions():
    q = np.linspace(0.001, 0.999, 999)
    for p in (0.1, 0.37, 0.8):
        exp_log = -(p * np.log(q) + (1 - p) * np.log(1 - q))
        exp_brier = p * (1 - q) ** 2 + (1 - p) * q**2
        assert q[np.argmin(exp_log)] == pytest.approx(p, abs=1e-3)
        assert q[np.argmin(exp_brier)] == pytest.approx(p, abs=1e-3)
        # Expected log-loss = H(p) + KL(p ‖ q).
        h = -(p * np.log(p) + (1 - p) * np.log(1 - p))
        kl = p * np.log(p / q) + (1 - p) * np.log((1 - p) / (1 - q))
        assert np.allclose(exp_log, h + kl)
    # Accuracy is not strictly proper: any q on the right side of 0.5 scores the same …
    p = 0.8
    assert p * (0.6 >= 0.5) == p * (0.99 >= 0.5)
    # … but it is proper: forecasting the true p maximises expected accuracy (weakly).
    for p in (0.1, 0.37, 0.5, 0.8):
        exp_acc = p * (q >= 0.5) + (1 - p) * (q < 0.5)
        assert p * (p >= 0.5) + (1 - p) * (p < 0.5) == pytest.approx(exp_acc.max())
    assert -math.log(0.001) == pytest.approx(6.9, abs=0.01)
    # Murphy decomposition, exact for forecasts taking a few discrete values.
    rng = np.random.default_rng(13)
    f = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9], 3000)
    y = (rng.random(3000) < np.clip(f + 0.1, 0, 1)).astype(int)
    ybar = y.mean()
    rel = res = 0.0
    for v in np.unique(f):
        m = f == v
        rel += m.mean() * (v - y[m].mean()) ** 2
        res += m.mean() * (y[m].mean() - ybar) ** 2
    assert brier(y, f) == pytest.approx(rel - res + ybar * (1 - ybar))


def test_platt_and_isotonic():
    rng = np.random.default_rng(14)
    y = (rng.random(500) < 0.4).astype(int)
    s = y * 1.2 + rng.normal(0, 1, 500)
    # Platt: logistic regression on the score; the fitted slope is positive, so AUC is unchanged.
    a_b = fit_logistic(np.c_[s, np.ones_like(s)], y.astype(float))
    assert a_b[0] > 0
    assert auc_pairs(sigmoid(a_b[0] * s + a_b[1]), y) == pytest.approx(auc_pairs(s, y))
    # Isotonic by PAV: non-decreasing, no worse than any other non-decreasing fit we try, keeps the mean.
    order = np.argsort(s)
    fit = pav(y[order])
    assert np.all(np.diff(fit) >= -1e-12)
    assert fit.mean() == pytest.approx(y.mean())
    sse = np.sum((fit - y[order]) ** 2)
    for _ in range(200):
        other = np.sort(np.clip(fit + rng.normal(0, 0.05, fit.size), 0, 1))
        assert np.sum((other - y[order]) ** 2) >= sse - 1e-9
    assert len(np.unique(fit)) < len(np.unique(s))  # flat steps: ties


def test_logistic_regression_log_loss_facts():
    rng = np.random.default_rng(15)
    X = rng.normal(size=(800, 3))
    y = (rng.random(800) < sigmoid(X @ np.array([1.0, -2.0, 0.5]) - 1.0)).astype(float)
    Xb = np.c_[X, np.ones(800)]
    w = fit_logistic(Xb, y)
    p = sigmoid(Xb @ w)
    assert p.mean() == pytest.approx(y.mean(), abs=1e-10)  # calibration-in-the-large
    assert np.allclose(X.T @ (p - y), 0, atol=1e-8)  # balance along every feature
    # The gradient formula Xᵀ(p − y)/n against central finite differences of the mean log-loss.
    w0 = rng.normal(size=4)
    loss = lambda w: log_loss(y, sigmoid(Xb @ w))  # noqa: E731
    num = np.array([(loss(w0 + e) - loss(w0 - e)) / 2e-6 for e in np.eye(4) * 1e-6])
    assert np.allclose(num, Xb.T @ (sigmoid(Xb @ w0) - y) / 800, atol=1e-6)
    # The fit minimises training log-loss: it beats even the true parameters there.
    assert log_loss(y, p) <= log_loss(y, sigmoid(Xb @ np.array([1.0, -2.0, 0.5, -1.0])))
    # Training log-loss is optimistic: averaged over replications, fresh-data log-loss is higher.
    w_true = np.array([1.0, -2.0, 0.5, -1.0])
    Xn = np.c_[rng.normal(size=(50_000, 3)), np.ones(50_000)]
    yn = (rng.random(50_000) < sigmoid(Xn @ w_true)).astype(float)
    gaps = []
    for _ in range(40):
        Xs = np.c_[rng.normal(size=(100, 3)), np.ones(100)]
        ys = (rng.random(100) < sigmoid(Xs @ w_true)).astype(float)
        ws = fit_logistic(Xs, ys)
        gaps.append(log_loss(yn, sigmoid(Xn @ ws)) - log_loss(ys, sigmoid(Xs @ ws)))
    assert np.mean(gaps) > 0.02, np.mean(gaps)


def test_regression_metric_facts():
    rng = np.random.default_rng(16)
    for _ in range(50):
        e = rng.standard_t(2, 40)
        assert math.sqrt(np.mean(e**2)) >= np.mean(np.abs(e))
    e = np.array([2.0, -2.0, 2.0, -2.0])
    assert math.sqrt(np.mean(e**2)) == np.mean(np.abs(e))


def test_r2_facts():
    # Constant target: SS_tot = 0, so R² is 0/0 or −∞.
    y = np.full(5, 3.0)
    assert np.sum((y - y.mean()) ** 2) == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        assert np.isnan(1 - np.sum((y - y) ** 2) / np.sum((y - y.mean()) ** 2))
        assert 1 - np.sum((y - (y + 0.1)) ** 2) / np.sum((y - y.mean()) ** 2) == -np.inf
    rng = np.random.default_rng(17)
    X = rng.normal(size=(60, 3))
    y = X @ np.array([1.0, 0.5, -0.3]) + 2.0 + rng.normal(0, 1.0, 60)

    def ols_r2(X, y):
        Xb = np.c_[X, np.ones(len(y))]
        w = np.linalg.lstsq(Xb, y, rcond=None)[0]
        return r2(y, Xb @ w), Xb @ w

    r, yhat = ols_r2(X, y)
    assert 0 <= r <= 1
    assert r == pytest.approx(np.corrcoef(y, yhat)[0, 1] ** 2)
    assert r == pytest.approx(1 - np.mean((y - yhat) ** 2) / np.var(y))
    # SS_tot = SS_reg + SS_res with an intercept.
    assert np.sum((y - y.mean()) ** 2) == pytest.approx(np.sum((yhat - y.mean()) ** 2) + np.sum((y - yhat) ** 2))
    # Adding pure-noise features never lowers training R².
    Xn = X
    for _ in range(5):
        Xn = np.c_[Xn, rng.normal(size=60)]
        r_new, _ = ols_r2(Xn, y)
        assert r_new >= r - 1e-12
        r = r_new
    # Without an intercept the in-sample R² can be negative.
    x = rng.normal(size=60)
    y_off = 10 + 0.1 * x + rng.normal(0, 0.1, 60)
    w = np.linalg.lstsq(x[:, None], y_off, rcond=None)[0]
    assert r2(y_off, x * w[0]) < 0


def test_mape_facts():
    rng = np.random.default_rng(18)
    y = rng.lognormal(1.0, 1.0, 201)
    grid = np.linspace(0, np.percentile(y, 90), 20_001)
    mape = np.mean(np.abs(y[None, :] - grid[:, None]) / y[None, :], axis=1)
    best = grid[np.argmin(mape)]
    # Weighted median with weights 1/y …
    order = np.argsort(y)
    w = (1 / y)[order]
    wmed = y[order][np.searchsorted(np.cumsum(w), w.sum() / 2)]
    assert best == pytest.approx(wmed, abs=2 * (grid[1] - grid[0]))
    # … pulled below the median.
    assert best < np.median(y)
    # Under-forecasts (0 ≤ ŷ ≤ y) cost at most 100%; over-forecasts are unbounded.
    assert np.max(np.abs(y - 0) / y) == 1.0
    assert np.abs(1.0 - 50.0) / 1.0 == 49.0


def test_class_weight_shifts_only_the_intercept():
    rng = np.random.default_rng(19)
    n = 200_000
    X = rng.normal(size=(n, 2))
    true = np.array([1.0, -0.7, -3.0])
    Xb = np.c_[X, np.ones(n)]
    y = (rng.random(n) < sigmoid(Xb @ true)).astype(float)
    k = 5.0
    w_plain = fit_logistic(Xb, y)
    w_weighted = fit_logistic(Xb, y, sw=np.where(y == 1, k, 1.0))
    assert np.allclose(w_weighted[:2], w_plain[:2], atol=0.05)
    assert w_weighted[2] - w_plain[2] == pytest.approx(math.log(k), abs=0.05)
    # Weighting inflates the mean predicted probability above the real base rate.
    assert sigmoid(Xb @ w_weighted).mean() > 2 * y.mean()


def test_prior_correction_is_exact_bayes():
    # Discrete feature x with class-conditional distributions; positives duplicated k times.
    px_pos = np.array([0.1, 0.2, 0.3, 0.4])
    px_neg = np.array([0.4, 0.3, 0.2, 0.1])
    pi, k = 0.02, 10.0
    post = pi * px_pos / (pi * px_pos + (1 - pi) * px_neg)
    pi_res = k * pi / (k * pi + 1 - pi)
    post_res = pi_res * px_pos / (pi_res * px_pos + (1 - pi_res) * px_neg)
    assert np.allclose(post_res / (1 - post_res), k * post / (1 - post))
    assert np.allclose(post_res / (post_res + k * (1 - post_res)), post)


def test_nested_cv_cost_and_selection_bias():
    fits = 0
    for _outer in range(5):
        for _config in range(20):
            for _inner in range(3):
                fits += 1
        fits += 1  # refit the chosen configuration on the outer training part
    assert fits == 5 * (3 * 20 + 1) == 305
    # Winner's curse: the best of 50 coin-flip "models" scores well above 50% on the data it was picked on,
    # and 50% on fresh data.
    rng = np.random.default_rng(20)
    best, fresh = [], []
    for _ in range(200):
        y = rng.integers(0, 2, 100)
        preds = rng.integers(0, 2, (50, 100))
        best.append(np.max(np.mean(preds == y, axis=1)))
        fresh.append(np.mean(rng.integers(0, 2, 100) == rng.integers(0, 2, 100)))
    assert np.mean(best) > 0.58 and abs(np.mean(fresh) - 0.5) < 0.02


def test_compare_models_paired():
    """One point on 1,000 items is b − c = 10 discordant items; the verdict depends on b + c, which the
    accuracies do not give; the paired difference is less noisy than two separate intervals suggest."""
    n = 1000

    def exact_mcnemar(b, c):  # two-sided exact binomial test of b ~ Binomial(b + c, 1/2)
        m, k = b + c, min(b, c)
        return min(1.0, 2 * sum(math.comb(m, i) for i in range(k + 1)) / 2**m)

    def paired_se(b, c):
        d = (b - c) / n
        return math.sqrt(((b + c) / n - d**2) / n)

    assert (11 - 1) / n == (55 - 45) / n == 0.01
    assert exact_mcnemar(11, 1) == pytest.approx(0.006, abs=5e-4)
    assert exact_mcnemar(55, 45) == pytest.approx(0.37, abs=5e-3)
    assert (11 - 1) ** 2 / 12 == pytest.approx(8.3, abs=0.05) and (55 - 45) ** 2 / 100 == 1.0
    assert 100 * paired_se(11, 1) == pytest.approx(0.34, abs=0.005)
    assert 100 * paired_se(55, 45) == pytest.approx(1.0, abs=0.005)
    # Simulated: two models that share most of their errors. The spread of the accuracy difference is far
    # smaller than the two separate standard errors combined as if independent.
    rng = np.random.default_rng(23)
    diffs, unpaired = [], []
    for _ in range(2000):
        hard = rng.random(n) < 0.12  # items both models tend to miss
        a_right = ~hard ^ (rng.random(n) < 0.03)
        b_right = ~hard ^ (rng.random(n) < 0.03)
        pa, pb = a_right.mean(), b_right.mean()
        diffs.append(pb - pa)
        unpaired.append(math.sqrt(pa * (1 - pa) / n + pb * (1 - pb) / n))
    assert np.std(diffs) < 0.5 * np.mean(unpaired)


def test_baseline_values():
    rng = np.random.default_rng(21)
    y = (rng.random(10_000) < 0.1).astype(int)
    pi = y.mean()
    const = np.full(y.size, pi)
    assert np.mean(np.zeros(y.size) == y) == pytest.approx(1 - pi)  # majority-class accuracy
    assert auc_pairs(const, y) == 0.5
    assert average_precision(const, y) == pytest.approx(pi)
    assert log_loss(y, const) == pytest.approx(-(pi * math.log(pi) + (1 - pi) * math.log(1 - pi)))
    assert brier(y, const) == pytest.approx(pi * (1 - pi))
    yr = rng.normal(size=100)
    assert r2(yr, np.full(100, yr.mean())) == pytest.approx(0.0)


def test_knn_self_neighbour_trap():
    rng = np.random.default_rng(22)
    X = rng.normal(size=(200, 5))
    y = rng.integers(0, 2, 200)  # labels unrelated to X
    d = np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
    assert np.mean(y[np.argmin(d, axis=1)] == y) == 1.0  # each point is its own neighbour
    np.fill_diagonal(d, np.inf)
    loo = np.mean(y[np.argmin(d, axis=1)] == y)
    assert 0.35 < loo < 0.65


def judged(qid, text):
    """The full matcher (patterns, reject patterns, negation, prompt echo) on one typed answer."""
    return [v.status for v in judge_answer(LOADED[qid], text)]


def test_every_recall_question_has_examples():
    for q in LOADED.values():
        if q.type == "recall":
            assert len(q.good_examples) >= 2 and len(q.bad_examples) >= 1, q.id


def test_calibration_plot_phrasings():
    """'the y = x line' and 'buckets' are right ways to describe a reliability diagram."""
    for text in ("a perfectly calibrated model lies on the y = x line", "bucket the predictions by p̂",
                 "group them into buckets and compare", "the points should sit on the y=x line"):
        assert judged("metrics-calibration-reliability", text)[1] == "covered", text
    assert judged("metrics-calibration-reliability", "points below the diagonal mean it under-predicts")[1] == (
        "contradicted")


def test_compare_models_two_intervals_is_contradicted():
    two_cis = ("Put a confidence interval on each model's accuracy; they overlap, so the difference is noise.")
    assert judged("metrics-compare-models", two_cis)[0] == "contradicted"
    assert judged("metrics-compare-models", "a two-proportion z-test on the two accuracies")[0] == "contradicted"
    paired = ("Both models scored the same items, so test paired: McNemar on the items where they disagree; "
              "11 vs 1 is significant, 55 vs 45 is not. Does one point matter in practice?")
    assert judged("metrics-compare-models", paired) == ["covered"] * 4
    assert judged("metrics-compare-models", "don't just put a confidence interval on each accuracy")[0] != (
        "contradicted")


def test_known_reversals_are_contradicted():
    cases = [
        ("metrics-precision-recall-specificity", 3, "recall depends on the prevalence, precision does not"),
        ("metrics-f1-harmonic", 0, "the harmonic mean is pulled towards the larger value"),
        ("metrics-f-beta", 1, "beta > 1 favours precision"),
        ("metrics-averaging", 0, "macro weights each class by its support"),
        ("metrics-zero-division", 0, "precision is 0/0 when there are no actual positives"),
        ("metrics-roc-curve", 2, "the top-right corner is perfect"),
        ("metrics-pr-curve-ap", 2, "the no-skill baseline is 0.5"),
        ("metrics-pr-vs-roc", 3, "ROC-AUC depends on the class ratio"),
        ("metrics-threshold-selection", 0, "tune the threshold on the test set"),
        ("metrics-brier-vs-logloss", 1, "log-loss is bounded"),
        ("metrics-regression-metrics", 2, "MSE is more robust to outliers"),
        ("metrics-r2", 1, "it always lies between 0 and 1"),
        ("metrics-mape-problems", 1, "MAPE favours over-forecasting"),
        ("metrics-kfold", 2, "a small k is less biased"),
        ("metrics-nested-cv", 1, "the outer loop tunes the hyperparameters"),
        ("metrics-knn-choose-k", 0, "pick the k with the best training accuracy"),
    ]
    for qid, k, text in cases:
        assert judged(qid, text)[k] == "contradicted", (qid, k, text)


# ------------------------------------------------------------------------------------------------
# The numbers quoted in the bank's text are the ones verified above
# ------------------------------------------------------------------------------------------------

QUOTED = {
    "metrics-f-beta": ["0.714", "0.615", "0.541"],
    "metrics-f1-harmonic": ["0.505", "0.02"],
    "metrics-nested-cv": ["5 × (3 × 20 + 1) = 305"],
    "metrics-compare-models": ["`b − c = 10`", "p ≈ 0.006", "p ≈ 0.37", "8.3 against 1.0", "about 0.34 points"],
    "metrics-cv-variants": ["10 positives in 500", "about half the time"],
    "metrics-threshold-costs": ["C_FP / (C_FP + C_FN)"],
    "metrics-brier-vs-logloss": ["6.9", "H(p) + KL(p ‖ q)", "reliability − resolution + uncertainty"],
    "metrics-prior-correction": ["p′ / (p′ + k·(1 − p′))"],
    "metrics-f1-optimal-threshold": ["p = F1*/2 = 0.3"],
    "metrics-monotone-choice": ["s ≥ 1/3"],
    "metrics-r2-negative-choice": ["SS_res = 1.3·SS_tot"],
    "metrics-precision-recall-specificity": ["π·TPR / (π·TPR + (1 − π)·FPR)"],
    "metrics-micro-f1-accuracy": ["`Σ_c FP_c = Σ_c FN_c`"],
    "metrics-auc-ranking": ["U = R₊ − n₊(n₊ + 1)/2"],
}


@pytest.mark.parametrize("qid", sorted(QUOTED))
def test_quoted_numbers_appear_in_the_bank(qid):
    q = Q[qid]
    text = " ".join(str(x) for x in [q["answer"], q.get("explanation", ""), *q.get("steps", [])])
    for s in QUOTED[qid]:
        assert s in text, (qid, s)
