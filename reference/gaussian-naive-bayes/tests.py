"""Hidden tests for `gaussian-naive-bayes`. Everything the spec fixes has one answer: classes_ sorted, theta_ the class
means, var_ the biased class variances plus var_smoothing × the largest feature variance of the whole X (as
scikit-learn), priors the class frequencies; so theta_, var_ and predict_proba are compared with the reference's
(relative tolerance 1e-6), and predict wherever the top class is unique. One case has 800 features, where the
product of the densities underflows to 0 for every class (0/0 = NaN unless the learner works in log space); one has
a feature that is constant within each class (zero variance without the smoothing)."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

RTOL = 1e-6
PROBA_ATOL = 1e-9


# --- data ------------------------------------------------------------------------------------------------------


def class_data(seed: int, counts: list[int], d: int, separation: float, *, scales: list[float] | None = None,
               first: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian classes with their own means and per-feature spreads; codes 0 … K−1, shuffled. `first` puts a row
    of that class first (so the order in which labels are first seen is not sorted)."""
    rng = np.random.default_rng(seed)
    feature_scale = np.asarray(scales if scales is not None else [1.0] * d)
    parts, codes = [], []
    for c, count in enumerate(counts):
        centre = separation * rng.standard_normal(d)
        spread = rng.uniform(0.6, 1.8, d)
        parts.append((centre + spread * rng.standard_normal((count, d))) * feature_scale)
        codes.append(np.full(count, c))
    X, y = np.concatenate(parts), np.concatenate(codes)
    order = rng.permutation(len(y))
    if first is not None:
        at = int(np.flatnonzero(y[order] == first)[0])
        order[[0, at]] = order[[at, 0]]
    return X[order], y[order]


def posterior(X: np.ndarray, theta: np.ndarray, var: np.ndarray, log_prior: np.ndarray, *,
              normaliser: bool = True) -> np.ndarray:
    """The naive Bayes posterior in log space (or a classic mistake's, through the keyword arguments)."""
    jll = log_prior - 0.5 * (((X[:, None, :] - theta) ** 2) / var).sum(axis=2)
    if normaliser:
        jll = jll - 0.5 * np.log(2 * np.pi * var).sum(axis=1)
    jll = jll - jll.max(axis=1, keepdims=True)
    p = np.exp(jll)
    return p / p.sum(axis=1, keepdims=True)


def estimates(X: np.ndarray, codes: np.ndarray, var_smoothing: float, *, ddof: int = 0,
              epsilon: float | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    K = int(codes.max()) + 1
    theta = np.stack([X[codes == c].mean(axis=0) for c in range(K)])
    var = np.stack([X[codes == c].var(axis=0, ddof=ddof) for c in range(K)])
    eps = var_smoothing * X.var(axis=0).max() if epsilon is None else epsilon
    return theta, var + eps, np.bincount(codes) / len(codes)


# --- judging ---------------------------------------------------------------------------------------------------


def _codes(case: Case) -> tuple[np.ndarray, np.ndarray]:
    return np.unique(case.inputs["y"], return_inverse=True)


def _first_seen(y: np.ndarray) -> np.ndarray:
    return np.array(list(dict.fromkeys(y.tolist())), dtype=y.dtype)


def judge_classes(case: Case, got: Outputs, expected: Outputs) -> None:
    y = case.inputs["y"]
    classes, _ = _codes(case)
    kinds = "US" if y.dtype.kind in "US" else checks.NUMERIC
    value = checks.value(got, "classes_", "classes_")
    if value.shape == y.shape and len(y) != len(classes):
        raise Fail(f"classes_ has shape {value.shape}: one entry per SAMPLE, expected {(len(classes),)}",
                   got=checks.fmt(value), cause="classes_ holds each distinct label once: np.unique(y)")
    got_classes = checks.array(got, "classes_", "classes_", classes.shape, kinds=kinds)
    if np.array_equal(got_classes, classes):
        return
    if np.array_equal(got_classes, _first_seen(y)):
        cause = ("the labels are in the order they first appear in y; the spec wants them SORTED — np.unique(y) "
                 "sorts them (and theta_, var_ and the columns of predict_proba follow that order)")
    elif np.array_equal(np.sort(got_classes), classes):
        cause = "the right labels in another order (a set?): classes_ must be sorted, as np.unique(y) returns them"
    elif np.array_equal(got_classes, np.arange(len(classes))):
        cause = "these are class indices; classes_ holds the labels themselves, as they appear in y"
    else:
        cause = "classes_ must be the distinct labels of y, sorted: np.unique(y)"
    raise Fail("classes_ differs from the sorted distinct labels of y", expected=checks.fmt(classes),
               got=checks.fmt(got_classes), cause=cause)


def _per_class(case: Case, got: Outputs, key: str) -> np.ndarray:
    X = case.inputs["X"]
    K = len(_codes(case)[0])
    return checks.array(got, key, key, (K, X.shape[1])).astype(float)


def _row_order_cause(values: np.ndarray, exp: np.ndarray, y: np.ndarray, what: str) -> str:
    classes = np.unique(y)
    seen = np.searchsorted(classes, _first_seen(y))
    if not np.array_equal(seen, np.arange(len(classes))) and np.allclose(values, exp[seen], rtol=1e-5, atol=1e-9):
        return (f"the rows of {what} are in the order the labels first appear in y; they must follow the SORTED "
                "classes_ (np.unique(y))")
    return ""


def judge_theta(case: Case, got: Outputs, expected: Outputs) -> None:
    X, y = case.inputs["X"], case.inputs["y"]
    theta = _per_class(case, got, "theta_")
    exp = expected.values["theta_"]
    atol = 1e-9 * max(1.0, float(np.abs(X).max()))
    if np.allclose(theta, exp, rtol=RTOL, atol=atol):
        return
    cause = _row_order_cause(theta, exp, y, "theta_")
    if not cause and np.allclose(theta, np.broadcast_to(X.mean(axis=0), theta.shape), rtol=1e-5, atol=atol):
        cause = "every row is the mean of the WHOLE X; theta_[c] is the mean of the rows of class c only"
    checks.close(theta, exp, "theta_", rtol=RTOL, atol=atol,
                 cause=cause or "theta_[c, j] is the mean of feature j over the samples of class classes_[c]")


def _var_cause(case: Case, var: np.ndarray, exp: np.ndarray) -> str:
    X, y = case.inputs["X"], case.inputs["y"]
    _, codes = _codes(case)
    s = case.params["var_smoothing"]
    K = len(exp)
    groups = [X[codes == c] for c in range(K)]
    raw = np.stack([g.var(axis=0) for g in groups])
    largest = X.var(axis=0).max()
    variants = [
        (estimates(X, codes, s, ddof=1)[1], "ddof=1: var_ uses the BIASED class variance (divide by n_c, "
         "np.var's default ddof=0), as scikit-learn does"),
        (raw, "var_smoothing was not added: var_ = class variance + var_smoothing × (the largest variance of any "
         "feature of the whole X) — without it a constant feature divides by zero"),
        (raw + s, "var_smoothing was added as it is; scale it by the largest feature variance of the whole X: "
         "epsilon = var_smoothing * X.var(axis=0).max()"),
        (raw + s * raw.max(axis=1, keepdims=True), "epsilon was taken per class; it is var_smoothing × the largest "
         "variance of the WHOLE X, one number for every class and feature"),
        (raw + s * X.var(axis=0), "epsilon was taken per feature; it is var_smoothing × the LARGEST feature "
         "variance of the whole X (one number: X.var(axis=0).max())"),
        (raw + s * X.var(axis=0).mean(), "epsilon uses the mean feature variance; scikit-learn uses the largest: "
         "var_smoothing * X.var(axis=0).max()"),
        (raw + s * X.var(axis=0, ddof=1).max(), "epsilon uses ddof=1; np.var(X, axis=0).max() (ddof=0) is the "
         "spec"),
        (raw * (1 + s), "var_ was multiplied by (1 + var_smoothing); ADD var_smoothing × the largest feature "
         "variance of X instead"),
        (np.sqrt(raw) + s * largest, "these are standard deviations; var_ holds variances (np.var, not np.std)"),
        (np.broadcast_to(X.var(axis=0) + s * largest, exp.shape), "every row is the variance of the WHOLE X; "
         "var_[c] is the variance of the rows of class c only"),
    ]
    cause = _row_order_cause(var, exp, y, "var_")
    return cause or next((why for wrong, why in variants if np.allclose(var, wrong, rtol=1e-5, atol=1e-12)),
                         "var_[c, j] = np.var of feature j over class c, plus var_smoothing × X.var(axis=0).max()")


def judge_var(case: Case, got: Outputs, expected: Outputs) -> None:
    var = _per_class(case, got, "var_")
    exp = expected.values["var_"]
    atol = 1e-12 * float(case.inputs["X"].var(axis=0).max())
    if not np.allclose(var, exp, rtol=RTOL, atol=atol):
        checks.close(var, exp, "var_", rtol=RTOL, atol=atol, cause=_var_cause(case, var, exp))


def _proba(case: Case, got: Outputs, expected: Outputs) -> np.ndarray:
    X_new = case.inputs["X_new"]
    K = len(_codes(case)[0])
    value = checks.value(got, "predict_proba", "predict_proba(X_new)")
    if value.shape == (len(X_new),):
        raise Fail(f"predict_proba(X_new) has shape {value.shape}, expected {(len(X_new), K)}",
                   got=checks.fmt(value), cause="return every class's probability, one column per class")
    if value.shape == (K, len(X_new)) and K != len(X_new):
        raise Fail(f"predict_proba(X_new) has shape {value.shape}, expected {(len(X_new), K)}",
                   got=checks.fmt(value), cause="one ROW per sample and one column per class — transpose it")
    proba = checks.array(got, "predict_proba", "predict_proba(X_new)", (len(X_new), K), finite=False)
    proba = proba.astype(float)
    if not np.all(np.isfinite(proba)):
        i = int(np.argwhere(~np.isfinite(proba))[0][0])
        var = got.get("var_")
        if var is not None and var.shape == expected.values["var_"].shape and np.any(var == 0):
            cause = ("a variance is 0 (a feature constant within a class), so the density divides by zero: add "
                     "var_smoothing × X.var(axis=0).max() to every variance")
        elif X_new.shape[1] >= 100:
            cause = (f"with {X_new.shape[1]} features the product of the densities underflows to 0.0 for every "
                     "class, and 0/0 = NaN: add LOG-densities, then normalise with log-sum-exp (subtract each "
                     "row's maximum before np.exp)")
        else:
            cause = "a division by zero or an overflow — compute log-densities and normalise with log-sum-exp"
        raise Fail(f"predict_proba(X_new) contains NaN or inf (first in row {i})", got=checks.fmt(proba[i]),
                   cause=cause)
    sums = proba.sum(axis=1)
    if not np.allclose(sums, 1.0, rtol=0, atol=1e-9):
        i = int(np.argmax(np.abs(sums - 1.0)))
        if np.allclose(proba.sum(axis=0), 1.0, atol=1e-9):
            cause = "the COLUMNS sum to 1: normalise each ROW (each sample's K joint probabilities) — axis=1"
        else:
            cause = ("these are the joint likelihoods P(c)·P(x | c), not normalised: divide each row by its sum — in "
                     "log space, subtract the row's log-sum-exp before np.exp")
        raise Fail(f"predict_proba(X_new): row {i} sums to {sums[i]:.6g}, not 1", got=checks.fmt(proba[i]),
                   cause=cause)
    return proba


def _proba_cause(case: Case, proba: np.ndarray) -> str:
    X, X_new = case.inputs["X"], case.inputs["X_new"]
    _, codes = _codes(case)
    s = case.params.get("var_smoothing", 1e-9)
    theta, var, prior = estimates(X, codes, s)
    K = len(prior)
    variants = [
        (posterior(X_new, theta, var, np.full(K, -np.log(K))), "the class priors are ignored (uniform): add "
         "log P(c) = log(count_c / n) to each class's log-likelihood"),
        (posterior(X_new, theta, var, prior), "the prior was added without its log: the score is log P(c) + "
         "Σ log N(x_j; θ, σ²)"),
        (posterior(X_new, *estimates(X, codes, s, ddof=1)[:2], np.log(prior)), "ddof=1: var_ uses the biased class "
         "variance (np.var's default)"),
        (posterior(X_new, theta, var, np.log(prior), normaliser=False), "the −½·log(2π·σ²) term of the Gaussian "
         "log-density is missing: it differs between classes"),
        (posterior(X_new, theta, np.sqrt(var), np.log(prior)), "σ was used where σ² belongs: the log-density is "
         "−½·log(2π·var) − (x − θ)² / (2·var) with var = var_"),
    ]
    return next((why for wrong, why in variants if np.allclose(proba, wrong, rtol=1e-5, atol=1e-7)),
                "predict_proba ∝ P(c)·Π_j N(x_j; theta_[c, j], var_[c, j]), normalised over the classes — check "
                "theta_ and var_ first")


def judge_proba(case: Case, got: Outputs, expected: Outputs) -> None:
    proba = _proba(case, got, expected)
    exp = expected.values["predict_proba"]
    if not np.allclose(proba, exp, rtol=RTOL, atol=PROBA_ATOL):
        checks.close(proba, exp, "predict_proba(X_new)", rtol=RTOL, atol=PROBA_ATOL, cause=_proba_cause(case, proba))


def judge_zero_variance(case: Case, got: Outputs, expected: Outputs) -> None:
    var = _per_class(case, got, "var_") if got.has("var_") and got.get("var_") is not None else None
    if var is not None and np.any(var <= 0):
        j = int(np.argwhere(var <= 0)[0][1])
        raise Fail(f"var_ contains {var.min():.3g}: feature {j} is constant within a class, and its variance was "
                   "left at 0", got=checks.fmt(var), cause="var_smoothing was not added: every variance gets "
                   "var_smoothing × X.var(axis=0).max(), so the Gaussian density never divides by zero")
    judge_var(case, got, expected)
    judge_proba(case, got, expected)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    X_new, y = case.inputs["X_new"], case.inputs["y"]
    classes = np.unique(y)
    value = checks.value(got, "predict", "predict(X_new)")
    if value.shape == (len(X_new), len(classes)):
        raise Fail(f"predict(X_new) has shape {value.shape}, expected {(len(X_new),)}", got=checks.fmt(value),
                   cause="these look like the probabilities — return the most probable LABEL: "
                   "self.classes_[np.argmax(scores, axis=1)]")
    kinds = "US" if y.dtype.kind in "US" else checks.NUMERIC
    if y.dtype.kind in "US" and value.dtype.kind in "iu" and value.shape == (len(X_new),):
        raise Fail("predict(X_new) returned class indices, expected the labels themselves",
                   got=checks.fmt(value), expected=checks.fmt(expected.values["predict"]),
                   cause="map the argmax back to a label: self.classes_[np.argmax(scores, axis=1)]")
    labels = checks.array(got, "predict", "predict(X_new)", (len(X_new),), kinds=kinds)
    p = np.sort(expected.values["predict_proba"], axis=1)
    unique = p[:, -1] - p[:, -2] > 1e-6
    exp = expected.values["predict"]
    cause = "predict returns the label of the largest posterior (the largest joint log-likelihood) of each row"
    if np.array_equal(labels[unique], classes[np.argmin(expected.values["predict_proba"], axis=1)][unique]):
        cause = "these are the LEAST probable classes: take the argmax, not the argmin"
    checks.same_labels(labels, exp, "predict(X_new)", mask=unique, cause=cause)


# --- the cases -------------------------------------------------------------------------------------------------


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    label_values = np.array([3, 5, 12])
    X, codes = class_data(301, [30, 25, 35], 3, 3.0, first=2)
    y = label_values[codes]
    Xs, ys = class_data(302, [40, 30, 30], 4, 2.0, scales=[1.0, 10.0, 0.3, 3.0], first=1)
    Xb, yb = class_data(303, [40, 40, 40], 4, 1.2)
    Xb_new = np.random.default_rng(304).normal(0.0, 1.5, size=(50, 4))
    Xp, yp = class_data(305, [140, 40, 20], 2, 0.8)
    Xp_new = np.random.default_rng(306).normal(0.0, 1.5, size=(60, 2))
    # feature 0 is 0, 1 or 2 — constant within each class — beside two ordinary features
    Xz, yz = class_data(307, [30, 30, 30], 2, 2.0)
    Xz = np.column_stack([yz.astype(float), Xz])
    rng = np.random.default_rng(308)
    Xz_new = np.column_stack([rng.integers(0, 3, 30).astype(float), rng.normal(0.0, 2.0, size=(30, 2))])
    Xm, ym = class_data(309, [50, 50, 50], 800, 0.05)
    Xm_new = np.random.default_rng(310).normal(0.0, 1.2, size=(30, 800))
    Xa, codes_a = class_data(311, [40, 35, 45], 3, 1.5, first=2)
    ya = np.array(["cat", "emu", "owl"])[codes_a]
    Xa_new = np.random.default_rng(312).normal(0.0, 2.0, size=(40, 3))

    def fit(*read: str, **kwargs: float) -> tuple:
        """Construct, fit, and read only the attributes the test judges."""
        return (new("m", "GaussianNB", **kwargs), call("m", "fit", "X", "y"), *(attr("m", name) for name in read))

    proba = call("m", "predict_proba", "X_new", save="predict_proba")
    default = {"var_smoothing": 1e-9}
    on = "X shape (90, 3), labels 3, 5, 12 (first seen: 12), classes of 25–35 rows, seed 301"
    return [
        Case("classes_are_sorted", "GaussianNB().fit(X, y)", on, {"X": X, "y": y}, fit("classes_"), judge_classes,
             default),
        Case("theta_is_class_means", "GaussianNB().fit(X, y)", on, {"X": X, "y": y}, fit("theta_"), judge_theta,
             default),
        Case("var_is_biased_class_variance", "GaussianNB().fit(X, y)", on, {"X": X, "y": y}, fit("var_"), judge_var,
             default),
        Case("var_smoothing_uses_largest_variance", "GaussianNB(var_smoothing=0.01).fit(X, y)",
             "X shape (100, 4), features on scales 1, 10, 0.3, 3, labels 0, 1, 2, seed 302", {"X": Xs, "y": ys},
             fit("var_", var_smoothing=0.01), judge_var, {"var_smoothing": 0.01}),
        Case("predict_proba_rows_sum_to_one", "GaussianNB().fit(X, y) then .predict_proba(X_new)",
             "X shape (120, 4), 3 classes of 40 rows, seed 303; X_new shape (50, 4), seed 304",
             {"X": Xb, "y": yb, "X_new": Xb_new}, (*fit(), proba), judge_proba, default),
        Case("priors_from_class_frequencies", "GaussianNB().fit(X, y) then .predict_proba(X_new)",
             "X shape (200, 2), overlapping classes of 140, 40 and 20 rows, seed 305; X_new shape (60, 2), seed 306",
             {"X": Xp, "y": yp, "X_new": Xp_new}, (*fit(), proba), judge_proba, default),
        Case("zero_variance_feature", "GaussianNB().fit(X, y) then .predict_proba(X_new)",
             "X shape (90, 3): feature 0 equals the class (0, 1, 2), constant within each class; seed 307; X_new "
             "shape (30, 3), feature 0 in {0, 1, 2}, seed 308", {"X": Xz, "y": yz, "X_new": Xz_new},
             (*fit("var_"), proba), judge_zero_variance, default),
        Case("many_features_log_space", "GaussianNB().fit(X, y) then .predict_proba(X_new)",
             "X shape (150, 800), 3 classes, seed 309; X_new shape (30, 800), seed 310 — every likelihood is far "
             "below 1e-308", {"X": Xm, "y": ym, "X_new": Xm_new}, (*fit(), proba), judge_proba, default),
        Case("predict_string_labels", "GaussianNB().fit(X, y) then .predict_proba(X_new) and .predict(X_new)",
             "X shape (120, 3), labels 'cat', 'emu', 'owl' (first seen: 'owl'), seed 311; X_new shape (40, 3), "
             "seed 312", {"X": Xa, "y": ya, "X_new": Xa_new},
             (*fit(), proba, call("m", "predict", "X_new", save="predict")), judge_predict, default),
    ]


def perf() -> Perf:
    X, y = class_data(321, [8000, 7000, 5000], 5, 1.0)
    X_new = np.random.default_rng(322).normal(0.0, 1.5, size=(20000, 5))
    return Perf(
        steps=(new("m", "GaussianNB"), call("m", "fit", "X", "y"), call("m", "predict_proba", "X_new"),
               call("m", "predict", "X_new")),
        inputs={"X": X, "y": y, "X_new": X_new},
        describe="GaussianNB().fit(X, y), then predict_proba and predict on X_new, X and X_new (20000, 5), 3 classes",
        slow_hint="a Python loop over the samples? score every row against every class at once: "
        "(X[:, None, :] - theta_) ** 2 / var_ has shape (m, K, d); sum over the last axis",
    )
