"""Hidden tests for `multinomial-naive-bayes`. The estimates are unique — class_log_prior_ the log class frequencies,
feature_log_prob_ = log((N_cj + α) / (N_c + α·d)) row by row over the sorted classes — and so is the normalised
predict_log_proba; all are compared with the reference's (relative tolerance 1e-7 plus a small absolute term), and
predict wherever the most probable class is unique. One case has a word that never occurs in a class (log 0 without
smoothing), one has documents of thousands of words, where exponentiating the joint log-likelihood underflows."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL, ATOL = 1e-7, 1e-9
PROBA_ATOL = 1e-6  # log-probabilities of long documents reach −10⁴; their rounding is ~1e-10


# --- data ------------------------------------------------------------------------------------------------------


def documents(seed: int, counts: list[int], d: int, length: float, *, absent: dict[int, list[int]] | None = None,
              first: int | None = None, m_new: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bag-of-words counts: each class has its own word distribution (Dirichlet); a document draws about `length`
    words from its class's. `absent` removes words from a class's vocabulary; `first` puts a row of that class
    first (so labels are not first seen in sorted order). X_new: m_new documents of random classes."""
    rng = np.random.default_rng(seed)
    K = len(counts)
    words = rng.dirichlet(np.full(d, 0.8), size=K)
    for c, gone in (absent or {}).items():
        words[c, gone] = 0.0
        words[c] /= words[c].sum()

    def draw(classes: np.ndarray) -> np.ndarray:
        lengths = rng.poisson(length, size=len(classes)) + 1
        return rng.multinomial(lengths, words[classes])  # one row per document

    y = np.repeat(np.arange(K), counts)
    order = rng.permutation(len(y))
    if first is not None:
        at = int(np.flatnonzero(y[order] == first)[0])
        order[[0, at]] = order[[at, 0]]
    y = y[order]
    X = draw(y)
    X_new = draw(rng.integers(0, K, m_new)) if m_new else np.zeros((0, d), dtype=np.int64)
    return X, y, X_new


def log_probs(X: np.ndarray, codes: np.ndarray, alpha: float, *, denominator: str = "alpha_d",
              axis: int = 1) -> np.ndarray:
    """feature_log_prob_ as the spec says (defaults), or as a classic mistake computes it."""
    K = int(codes.max()) + 1
    N = np.stack([X[codes == c].sum(axis=0) for c in range(K)]).astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        if axis == 0:
            return np.log((N + alpha) / (N + alpha).sum(axis=0, keepdims=True))
        total = N.sum(axis=1, keepdims=True)
        extra = {"alpha_d": alpha * X.shape[1], "none": 0.0, "alpha": alpha, "alpha_K": alpha * K}[denominator]
        return np.log((N + alpha) / (total + extra))


def log_prior(codes: np.ndarray) -> np.ndarray:
    return np.log(np.bincount(codes) / len(codes))


def normalise(jll: np.ndarray, axis: int = 1) -> np.ndarray:
    top = jll.max(axis=axis, keepdims=True)
    return jll - top - np.log(np.exp(jll - top).sum(axis=axis, keepdims=True))


# --- judging ---------------------------------------------------------------------------------------------------


def _codes(case: Case) -> np.ndarray:
    return np.unique(case.inputs["y"], return_inverse=True)[1]


def _first_seen_rows(case: Case) -> np.ndarray:
    y = case.inputs["y"]
    classes = np.unique(y)
    return np.searchsorted(classes, np.array(list(dict.fromkeys(y.tolist())), dtype=y.dtype))


def _order_cause(value: np.ndarray, exp: np.ndarray, case: Case, what: str) -> str:
    seen = _first_seen_rows(case)
    if not np.array_equal(seen, np.arange(len(seen))) and np.allclose(value, exp[seen], rtol=1e-6, atol=1e-9):
        return (f"{what} follows the order in which the labels first appear in y; the classes must be SORTED "
                "(np.unique(y))")
    return ""


def judge_prior(case: Case, got: Outputs, expected: Outputs) -> None:
    codes = _codes(case)
    K = int(codes.max()) + 1
    prior = checks.array(got, "class_log_prior_", "class_log_prior_", (K,)).astype(float)
    exp = expected.values["class_log_prior_"]
    if np.allclose(prior, exp, rtol=RTOL, atol=ATOL):
        return
    counts = np.bincount(codes).astype(float)
    variants = [
        (np.exp(exp), "these are the class frequencies themselves; class_log_prior_ is their LOG"),
        (np.full(K, -np.log(K)), "the prior is uniform; use each class's frequency in y: log(count_c / n)"),
        (counts, "these are the class counts; class_log_prior_ = log(count_c / n_samples)"),
        (np.log(counts), "log of the counts, not of the frequencies: subtract log(n_samples)"),
    ]
    cause = _order_cause(prior, exp, case, "class_log_prior_") or next(
        (why for wrong, why in variants if np.allclose(prior, wrong, rtol=1e-6, atol=1e-9)),
        "class_log_prior_[c] = log(number of rows of class c / n_samples)")
    checks.close(prior, exp, "class_log_prior_", rtol=RTOL, atol=ATOL, cause=cause)


def judge_feature_log_prob(case: Case, got: Outputs, expected: Outputs) -> None:
    X = case.inputs["X"]
    codes = _codes(case)
    K, d = int(codes.max()) + 1, X.shape[1]
    value = checks.value(got, "feature_log_prob_", "feature_log_prob_")
    if value.shape == (d, K) and d != K:
        raise Fail(f"feature_log_prob_ has shape {value.shape}, expected {(K, d)}", got=checks.fmt(value),
                   cause="one ROW per class and one column per feature: (K, n_features)")
    flp = checks.array(got, "feature_log_prob_", "feature_log_prob_", (K, d), finite=False).astype(float)
    alpha = case.params["alpha"]
    if np.any(np.isneginf(flp)) or np.any(np.isnan(flp)):
        c, j = (int(i) for i in np.argwhere(~np.isfinite(flp))[0])
        raise Fail(f"feature_log_prob_[{c}, {j}] is {flp[c, j]}: feature {j} never occurs in class {c}, and its "
                   "log-probability became log 0", got=checks.fmt(flp),
                   cause="no smoothing: add alpha to every count, (N_cj + alpha) / (N_c + alpha * n_features), so an "
                   "unseen word keeps a small probability")
    exp = expected.values["feature_log_prob_"]
    if np.allclose(flp, exp, rtol=RTOL, atol=ATOL):
        return
    N = np.stack([X[codes == c].sum(axis=0) for c in range(K)]).astype(float)
    variants = [
        (log_probs(X, codes, alpha, denominator="alpha"), "alpha was added to the denominator once; it needs "
         "alpha for EACH feature: N_c + alpha * n_features (so each row still sums to 1)"),
        (log_probs(X, codes, alpha, denominator="none"), "alpha is missing from the denominator: θ_cj = (N_cj + "
         "alpha) / (N_c + alpha * n_features) — without alpha·d the rows no longer sum to 1"),
        (log_probs(X, codes, 0.0), "no smoothing: add alpha to every count, (N_cj + alpha) / (N_c + alpha * "
         "n_features)"),
        (log_probs(X, codes, alpha, denominator="alpha_K"), "the denominator adds alpha × the number of CLASSES; "
         "it is alpha × the number of FEATURES: N_c + alpha * n_features"),
        (log_probs(X, codes, alpha, axis=0), "normalised per FEATURE (over the classes, axis 0); each CLASS's row "
         "is a distribution over the features: divide by the row sum, axis=1"),
        (log_probs(X, codes, 1.0), f"alpha is ignored (1.0 was used); use self.alpha (here {alpha:g})"),
        (log_probs((X > 0).astype(float), codes, alpha), "the counts were turned into presence (0/1): multinomial "
         "NB sums the COUNTS of each word over the class's documents"),
        (np.exp(exp), "these are probabilities; feature_log_prob_ holds their LOG"),
    ]
    found = _order_cause(flp, exp, case, "the rows of feature_log_prob_")
    if not found:
        with np.errstate(all="ignore"):
            found = next((why for wrong, why in variants
                          if np.allclose(flp, wrong, rtol=1e-6, atol=1e-9)), "")
    if not found and np.allclose(np.exp(flp).sum(axis=0), 1.0, atol=1e-6) and N.shape[0] != N.shape[1]:
        found = "each COLUMN sums to 1; each ROW (class) must be a distribution over the features"
    cause = found or "feature_log_prob_[c, j] = log((N_cj + alpha) / (N_c + alpha * n_features))"
    checks.close(flp, exp, "feature_log_prob_", rtol=RTOL, atol=ATOL, cause=cause)


def judge_log_proba(case: Case, got: Outputs, expected: Outputs) -> None:
    X, X_new = case.inputs["X"], case.inputs["X_new"]
    codes = _codes(case)
    K = int(codes.max()) + 1
    value = checks.value(got, "predict_log_proba", "predict_log_proba(X_new)")
    if value.shape == (K, len(X_new)) and K != len(X_new):
        raise Fail(f"predict_log_proba(X_new) has shape {value.shape}, expected {(len(X_new), K)}",
                   got=checks.fmt(value), cause="one ROW per document and one column per class — transpose it")
    lp = checks.array(got, "predict_log_proba", "predict_log_proba(X_new)", (len(X_new), K), finite=False)
    lp = lp.astype(float)
    if not np.all(np.isfinite(lp)):
        i = int(np.argwhere(~np.isfinite(lp))[0][0])
        length = int(X_new[i].sum())
        raise Fail(f"predict_log_proba(X_new) row {i} contains {lp[i][~np.isfinite(lp[i])][0]} (a document of "
                   f"{length} words)", got=checks.fmt(lp[i]),
                   cause="np.exp of a joint log-likelihood in the thousands below zero is exactly 0.0, so the "
                   "normalisation gives log(0/0) = NaN or log 0 = −inf: normalise in log space, jll − logsumexp(jll) "
                   "with the row maximum subtracted before np.exp")
    exp = expected.values["predict_log_proba"]
    if np.allclose(lp, exp, rtol=RTOL, atol=PROBA_ATOL):
        return
    alpha = case.params["alpha"]
    flp, prior = log_probs(X, codes, alpha), log_prior(codes)
    jll = X_new @ flp.T + prior
    variants = [
        (jll, "this is the joint log-likelihood log P(c) + Σ x_j·log θ_cj, not normalised: subtract each row's "
         "log-sum-exp so that the probabilities of a row sum to 1"),
        (np.exp(exp), "these are probabilities; predict_log_proba returns their LOG"),
        (normalise(jll, axis=0), "normalised over the documents (axis 0); normalise each ROW over the classes"),
        (normalise(X_new @ flp.T), "the class prior is missing: add class_log_prior_ to every row's scores before "
         "normalising"),
        (normalise(X_new @ flp.T + np.exp(prior)), "the prior was added without its log: add class_log_prior_"),
        (jll - np.log(np.exp(jll).sum(axis=1, keepdims=True) + 1e-300), "a small epsilon keeps log(0) away but "
         "not the underflow: normalise with log-sum-exp, subtracting the row maximum"),
    ]
    cause = next((why for wrong, why in variants if np.allclose(lp, wrong, rtol=1e-6, atol=1e-6)),
                 "predict_log_proba = jll − logsumexp(jll) row by row, with jll = X @ feature_log_prob_.T + "
                 "class_log_prior_ — check the fitted attributes first")
    sums = np.exp(lp).sum(axis=1)
    if cause.startswith("predict_log_proba =") and not np.allclose(sums, 1.0, atol=1e-6):
        cause = "each row's probabilities must sum to 1: subtract the row's log-sum-exp (normalise over the classes)"
    checks.close(lp, exp, "predict_log_proba(X_new)", rtol=RTOL, atol=PROBA_ATOL, cause=cause)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    X_new, y = case.inputs["X_new"], case.inputs["y"]
    classes = np.unique(y)
    value = checks.value(got, "predict", "predict(X_new)")
    if value.shape == (len(X_new), len(classes)):
        raise Fail(f"predict(X_new) has shape {value.shape}, expected {(len(X_new),)}", got=checks.fmt(value),
                   cause="these look like the (log-)probabilities — return the most probable LABEL of each row")
    if y.dtype.kind in "US" and value.dtype.kind in "iu" and value.shape == (len(X_new),):
        raise Fail("predict(X_new) returned class indices, expected the labels themselves", got=checks.fmt(value),
                   expected=checks.fmt(expected.values["predict"]),
                   cause="map the argmax back to a label: self.classes_[np.argmax(scores, axis=1)]")
    kinds = "US" if y.dtype.kind in "US" else checks.NUMERIC
    labels = checks.array(got, "predict", "predict(X_new)", (len(X_new),), kinds=kinds)
    lp = np.sort(expected.values["predict_log_proba"], axis=1)
    unique = lp[:, -1] - lp[:, -2] > 1e-6
    cause = "predict returns the label with the largest joint log-likelihood (the largest posterior) of each row"
    if np.array_equal(labels[unique], classes[np.argmin(expected.values["predict_log_proba"], axis=1)][unique]):
        cause = "these are the LEAST probable classes: take the argmax, not the argmin"
    checks.same_labels(labels, expected.values["predict"], "predict(X_new)", mask=unique, cause=cause)


# --- the cases -------------------------------------------------------------------------------------------------


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y, X_new = documents(401, [50, 30, 20], 12, 25.0, first=2, m_new=40)
    Xa, ya, _ = documents(403, [30, 30], 10, 20.0, absent={1: [0, 3], 0: [7]})
    Xl, yl, Xl_new = documents(405, [20, 20, 20], 30, 20.0, m_new=30)
    X_empty = X_new[:6].copy()
    X_empty[[0, 2, 5]] = 0  # no words: the posterior is the prior
    Xl_new = Xl_new * 300  # documents of thousands of words
    Xs, codes_s, Xs_new = documents(407, [40, 25, 35], 15, 30.0, first=1, m_new=40)
    ys = np.array(["news", "sport", "tech"])[codes_s]

    def fit(*read: str, **kwargs: float) -> tuple:
        """Construct, fit, and read only the attributes the test judges."""
        return (new("m", "MultinomialNB", **kwargs), call("m", "fit", "X", "y"), *(attr("m", name) for name in read))

    log_proba = call("m", "predict_log_proba", "X_new", save="predict_log_proba")
    on = "X shape (100, 12): word counts, ~25 words per document, labels 0, 1, 2 (50/30/20 rows), seed 401"
    data = {"X": X, "y": y}
    return [
        Case("class_log_prior_from_frequencies", "MultinomialNB().fit(X, y)", on, data, fit("class_log_prior_"),
             judge_prior, {"alpha": 1.0}),
        Case("feature_log_prob_smoothed", "MultinomialNB().fit(X, y)", on, data, fit("feature_log_prob_"),
             judge_feature_log_prob, {"alpha": 1.0}),
        Case("word_absent_from_a_class", "MultinomialNB().fit(X, y)",
             "X shape (60, 10), 2 classes; words 0 and 3 never occur in class 1, word 7 never in class 0; seed 403",
             {"X": Xa, "y": ya}, fit("feature_log_prob_"), judge_feature_log_prob, {"alpha": 1.0}),
        Case("alpha_is_used", "MultinomialNB(alpha=0.1).fit(X, y)", on, data, fit("feature_log_prob_", alpha=0.1),
             judge_feature_log_prob, {"alpha": 0.1}),
        Case("predict_log_proba_normalised", "MultinomialNB(alpha=0.5).fit(X, y) then .predict_log_proba(X_new)",
             f"{on}; X_new shape (40, 12), seed 401", {**data, "X_new": X_new}, (*fit(alpha=0.5), log_proba),
             judge_log_proba, {"alpha": 0.5}),
        Case("empty_document_gets_the_prior", "MultinomialNB().fit(X, y) then .predict_log_proba(X_new)",
             f"{on}; X_new shape (6, 12): rows 0, 2 and 5 are empty documents (all counts 0)",
             {**data, "X_new": X_empty}, (*fit(), log_proba), judge_log_proba, {"alpha": 1.0}),
        Case("long_documents_stable", "MultinomialNB().fit(X, y) then .predict_log_proba(X_new)",
             "X shape (60, 30), ~20 words per document, seed 405; X_new shape (30, 30): documents of ~6000 words "
             "(joint log-likelihoods around −20000)", {"X": Xl, "y": yl, "X_new": Xl_new}, (*fit(), log_proba),
             judge_log_proba, {"alpha": 1.0}),
        Case("predict_string_labels", "MultinomialNB().fit(X, y) then .predict_log_proba(X_new) and .predict(X_new)",
             "X shape (100, 15), labels 'news', 'sport', 'tech' (first seen: 'sport'), seed 407; X_new shape "
             "(40, 15)", {"X": Xs, "y": ys, "X_new": Xs_new},
             (*fit(), log_proba, call("m", "predict", "X_new", save="predict")), judge_predict, {"alpha": 1.0}),
    ]


def perf() -> Perf:
    rng = np.random.default_rng(421)
    words = rng.dirichlet(np.full(100, 0.8), size=8)
    y = rng.integers(0, 8, 5000)
    X = rng.poisson(40.0 * words[y]).astype(float)  # Poisson counts: quicker to draw; floats: no conversion timed
    return Perf(
        steps=(new("m", "MultinomialNB"), call("m", "fit", "X", "y"), call("m", "predict_log_proba", "X"),
               call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="MultinomialNB().fit(X, y), then predict_log_proba(X) and predict(X), X (5000, 100) word counts, "
        "8 classes",
        slow_hint="a Python loop over the documents? all joint log-likelihoods at once are one matrix product: "
        "X @ feature_log_prob_.T + class_log_prior_",
    )
