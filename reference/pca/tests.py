"""Hidden tests for `pca`. The principal axes are unique only up to sign (and, inside a repeated eigenvalue, up to
a rotation of that eigenspace), so components_ are compared with the reference's row by row up to sign, and
transform's columns up to the same per-component sign as the learner's own components_; where eigenvalues repeat,
the kept subspace (its projector) is compared instead. mean_, explained_variance_ (n − 1 denominator),
explained_variance_ratio_ (share of the TOTAL variance) and every reconstruction are unique and compared directly.
Tolerances are relative to the scale of the data (about 1e-6), so eigh on the covariance and the SVD both pass."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, attr, call, new

VEC_ATOL = 1e-5  # unit vectors (a power iteration stopped at 1e-6 passes)
RTOL = 1e-6


# --- data ------------------------------------------------------------------------------------------------------


def _rotation(rng: np.random.Generator, d: int) -> np.ndarray:
    Q, R = np.linalg.qr(rng.standard_normal((d, d)))
    return Q * np.sign(np.diag(R))


def gaussian(seed: int, n: int, variances: list[float], mean_scale: float, *, m_new: int = 0,
             shift: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """n rows with covariance ≈ Rᵀ·diag(variances)·R (distinct sample eigenvalues), far from the origin; and m_new
    rows from the same shape whose mean is moved by `shift` per feature (so their own mean is not the fitted one)."""
    rng = np.random.default_rng(seed)
    d = len(variances)
    R = _rotation(rng, d)
    mean = mean_scale * rng.uniform(0.5, 1.5, d) * rng.choice([-1.0, 1.0], d)
    X = (rng.standard_normal((n, d)) * np.sqrt(variances)) @ R + mean
    X_new = (rng.standard_normal((m_new, d)) * np.sqrt(variances)) @ R + mean + shift
    return X, X_new


def exact_spectrum(seed: int, n: int, variances: list[float], mean_scale: float) -> np.ndarray:
    """n rows whose sample covariance is EXACTLY Rᵀ·diag(variances)·R (to rounding): repeated values stay repeated."""
    rng = np.random.default_rng(seed)
    d = len(variances)
    A = rng.standard_normal((n, d))
    Q, _ = np.linalg.qr(A - A.mean(axis=0))  # orthonormal, centred columns
    mean = mean_scale * rng.uniform(0.5, 1.5, d)
    return (Q * np.sqrt((n - 1) * np.asarray(variances))) @ _rotation(rng, d) + mean


# --- what a correct PCA gives, and the classic mistakes -------------------------------------------------------


def eig_desc(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Eigenvalues (decreasing) and eigenvectors as ROWS of a symmetric matrix."""
    vals, vecs = np.linalg.eigh(M)
    order = np.argsort(vals)[::-1]
    return vals[order], vecs[:, order].T


def covariance(X: np.ndarray) -> np.ndarray:
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / (len(X) - 1)


def scale(X: np.ndarray) -> float:
    return max(1.0, float(np.abs(X).max()))


def signs(C: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """The per-row sign that aligns C with ref (+1 where they are orthogonal: no sign helps then)."""
    s = np.sign(np.sum(C * ref, axis=1))
    s[s == 0] = 1.0
    return s


def same_up_to_sign(C: np.ndarray, ref: np.ndarray, atol: float = VEC_ATOL) -> bool:
    return C.shape == ref.shape and bool(np.allclose(C * signs(C, ref)[:, None], ref, rtol=0, atol=atol))


def component_mistakes(X: np.ndarray, k: int) -> list[tuple[np.ndarray, str]]:
    """Components (k, d) that known mistakes produce, with the sentence that names each mistake."""
    d = X.shape[1]
    _, rows = eig_desc(covariance(X))
    vals_asc, vecs_asc = np.linalg.eigh(covariance(X))
    _, raw = eig_desc(X.T @ X / (len(X) - 1))
    _, corr = eig_desc(np.corrcoef(X, rowvar=False))
    found = [
        (raw[:k], "the data was not centred: these are the axes of Xᵀ·X, which point towards the mean — subtract "
         "mean_ = X.mean(axis=0) from X before the covariance or the SVD"),
        (vecs_asc[:, :k].T, "these are the eigenvectors of the SMALLEST eigenvalues: np.linalg.eigh returns them in "
         "ascending order — sort in decreasing order (order = np.argsort(vals)[::-1]) before keeping k"),
        (vecs_asc[:, ::-1].T[:k][::-1], "the right axes in the wrong order: sort the components by DECREASING "
         "variance, largest first"),
        (rows.T[:k], "you took ROWS of the eigenvector matrix, but np.linalg.eigh returns eigenvectors as COLUMNS: "
         "take vecs[:, order[:k]].T"),
        (corr[:k], "these are the axes of the correlation matrix (standardised features); PCA here works on the "
         "covariance of the centred, unscaled data"),
    ]
    if k == d:
        found.append((rows.T, "components_ holds the axes as COLUMNS; the spec wants one component per ROW — "
                      "transpose the eigenvector matrix (vecs[:, order].T)"))
    return found


# --- judging ---------------------------------------------------------------------------------------------------


def _fit_call(case: Case) -> str:
    return case.call.split(" then ")[0]


def judge_mean(case: Case, got: Outputs, expected: Outputs) -> None:
    X = case.inputs["X"]
    if got.has("fit"):
        checks.returns_self(got, "fit", _fit_call(case))
    mean = checks.array(got, "mean_", "mean_", (X.shape[1],)).astype(float)
    if not np.allclose(mean, X.mean(axis=0), rtol=0, atol=1e-9 * scale(X)):
        cause = ("mean_ is all zeros: store the per-feature mean of the training data, X.mean(axis=0)"
                 if np.allclose(mean, 0) else
                 "mean_ is the mean of each FEATURE (column) of the training X: X.mean(axis=0)")
        checks.close(mean, X.mean(axis=0), "mean_", rtol=0, atol=1e-9 * scale(X), cause=cause)


def components(case: Case, got: Outputs) -> np.ndarray:
    """components_ (k, d), finite, with orthonormal rows, or Fail."""
    X, k = case.inputs["X"], case.params["k"]
    n, d = X.shape
    value = checks.value(got, "components_", "components_")
    if value.shape == (d, k) and d != k:
        raise Fail(f"components_ has shape {value.shape}, expected {(k, d)}", got=checks.fmt(value),
                   cause="one component per ROW: np.linalg.eigh returns eigenvectors as COLUMNS — keep "
                   "vecs[:, order[:k]].T (with the SVD, Vt[:k] is already one axis per row)")
    if value.shape in ((n, k), (n, d)) and n not in (k, d):
        raise Fail(f"components_ has shape {value.shape}, expected {(k, d)}", got=checks.fmt(value),
                   cause="one row per SAMPLE: this looks like U (or U·S) of the SVD — the axes are the rows of Vt")
    if value.shape == (d, d) and k < d:
        raise Fail(f"components_ has shape {value.shape}, expected {(k, d)}", got=checks.fmt(value),
                   cause=f"all {d} axes were kept — keep only the first n_components = {k}")
    C = checks.array(got, "components_", "components_", (k, d)).astype(float)
    gram = C @ C.T
    if not np.allclose(gram, np.eye(k), rtol=0, atol=VEC_ATOL):
        norms = np.sqrt(np.diag(gram))
        if not np.allclose(norms, 1.0, rtol=0, atol=VEC_ATOL):
            i = int(np.argmax(np.abs(norms - 1)))
            vals = eig_desc(covariance(X))[0]
            if np.all(np.min(np.abs(C.ravel()[:, None] - vals[None, :]), axis=1) <= 1e-6 * vals.max()):
                cause = ("these numbers are eigenvalues of the covariance: np.linalg.eig / eigh return "
                         "(eigenvalues, eigenvectors) in that order — `vals, vecs = np.linalg.eigh(cov)`")
            else:
                cause = ("each component is a UNIT vector (an eigenvector, or a row of Vt) — not scaled by its "
                         "singular value or variance")
            raise Fail(f"components_ row {i} has length {norms[i]:.6g}, not 1", got=checks.fmt(C), cause=cause)
        raise Fail("the rows of components_ are not orthogonal", expected="components_ @ components_.T = identity",
                   got=checks.fmt(gram), cause="the components must be eigenvectors of the symmetric covariance "
                   "matrix from np.linalg.eigh (np.linalg.eig does not promise orthogonal eigenvectors when "
                   "eigenvalues repeat), or rows of Vt from the SVD — orthonormal by construction")
    return C


def aligned(case: Case, got: Outputs, expected: Outputs) -> tuple[np.ndarray, np.ndarray]:
    """The learner's components_ (checked against the reference's up to sign) and the aligning signs."""
    judge_mean(case, got, expected)
    X, k = case.inputs["X"], case.params["k"]
    C = components(case, got)
    ref = expected.values["components_"]
    if case.params.get("repeated"):
        P, P_ref = C.T @ C, ref.T @ ref
        if not np.allclose(P, P_ref, rtol=0, atol=VEC_ATOL):
            checks.close(P, P_ref, "the projector components_.T @ components_ (the subspace kept)", rtol=0,
                         atol=VEC_ATOL, cause="the kept subspace is not spanned by the top-k eigenvectors of the "
                         "covariance of the centred data (any basis inside a repeated eigenvalue is fine)")
        return C, np.ones(k)
    if same_up_to_sign(C, ref):
        return C, signs(C, ref)
    cause = next((why for wrong, why in component_mistakes(X, k) if same_up_to_sign(C, wrong, 1e-4)),
                 "these are not the top-k eigenvectors of the covariance of the centred data, largest first")
    s = signs(C, ref)
    checks.close(C * s[:, None], ref, "components_ (each row compared up to sign)", rtol=0, atol=VEC_ATOL,
                 cause=cause)
    raise AssertionError("unreachable")  # pragma: no cover


def judge_components(case: Case, got: Outputs, expected: Outputs) -> None:
    aligned(case, got, expected)


def _variance_mistakes(X: np.ndarray, k: int) -> list[tuple[np.ndarray, str]]:
    n, d = X.shape
    vals, _ = eig_desc(covariance(X))
    raw, _ = eig_desc(X.T @ X / (n - 1))
    found = [
        (vals[:k] * (n - 1) / n, "divided by n: explained_variance_ uses the unbiased n − 1 denominator, like "
         "np.cov (S**2 / (n - 1) with the SVD)"),
        (np.sqrt(np.maximum(vals[:k], 0) * (n - 1)), "these are the singular values S of the centred data; the "
         "variances are S**2 / (n - 1)"),
        (vals[:k] * (n - 1), "these are the squared singular values S**2; divide by n − 1 to get variances"),
        (np.sqrt(np.maximum(vals[:k], 0)), "these are standard deviations; explained_variance_ holds variances "
         "(the eigenvalues themselves)"),
        (np.sort(vals)[:k], "these are the SMALLEST eigenvalues: np.linalg.eigh sorts them ascending — reverse the "
         "order before keeping k"),
        (vals[:k][::-1], "the right variances in increasing order: sort them largest first"),
        (raw[:k], "the data was not centred: subtract mean_ before computing the covariance or the SVD"),
    ]
    return [(v, why) for v, why in found if v.shape == (k,)]


def judge_explained_variance(case: Case, got: Outputs, expected: Outputs) -> None:
    X, k = case.inputs["X"], case.params["k"]
    if got.has("fit"):
        checks.returns_self(got, "fit", _fit_call(case))
    d = X.shape[1]
    value = checks.value(got, "explained_variance_", "explained_variance_")
    if value.shape == (d,) and k < d:
        head = value[:k].astype(float) if value.dtype.kind in "biuf" else None
        also = "" if head is None else next(
            (f"; and then: {why}" for wrong, why in _variance_mistakes(X, k)
             if np.allclose(head, wrong, rtol=1e-5, atol=1e-9 * float(np.var(X, axis=0).sum()))), "")
        raise Fail(f"explained_variance_ has shape {value.shape}, expected {(k,)}", got=checks.fmt(value),
                   cause=f"keep only the variances of the first n_components = {k} components{also}")
    ev = checks.array(got, "explained_variance_", "explained_variance_", (k,)).astype(float)
    exp = expected.values["explained_variance_"]
    total = float(np.var(X, axis=0, ddof=1).sum())
    atol = 1e-9 * total
    if np.allclose(ev, exp, rtol=RTOL, atol=atol):
        return
    cause = next((why for wrong, why in _variance_mistakes(X, k) if np.allclose(ev, wrong, rtol=1e-5, atol=atol)),
                 "explained_variance_[i] is the variance of the centred data along component i: the i-th largest "
                 "eigenvalue of np.cov(X, rowvar=False)")
    checks.close(ev, exp, "explained_variance_", rtol=RTOL, atol=atol, cause=cause)


def judge_ratio(case: Case, got: Outputs, expected: Outputs) -> None:
    X, k = case.inputs["X"], case.params["k"]
    n = len(X)
    ratio = checks.array(got, "explained_variance_ratio_", "explained_variance_ratio_", (k,)).astype(float)
    exp = expected.values["explained_variance_ratio_"]
    if np.allclose(ratio, exp, rtol=RTOL, atol=1e-9):
        return
    kept = exp / exp.sum()
    if np.allclose(ratio, kept, rtol=1e-5, atol=1e-9) and k < X.shape[1]:
        cause = ("divided by the sum of the KEPT variances (so it sums to 1); divide by the TOTAL variance, the "
                 "sum of all n_features eigenvalues = np.var(X, axis=0, ddof=1).sum()")
    elif np.allclose(ratio, exp * n / (n - 1), rtol=1e-5) or np.allclose(ratio, exp * (n - 1) / n, rtol=1e-5):
        cause = ("numerator and denominator use different denominators (n vs n − 1): compute both the same way, "
                 "e.g. explained_variance_ / np.var(X, axis=0, ddof=1).sum()")
    elif np.allclose(ratio, 100 * exp, rtol=1e-5):
        cause = "these are percentages; the ratio is a fraction in [0, 1]"
    else:
        cause = "explained_variance_ratio_ = explained_variance_ / (the sum of ALL eigenvalues of the covariance)"
    checks.close(ratio, exp, "explained_variance_ratio_", rtol=RTOL, atol=1e-9, cause=cause)


def _projected(case: Case, got: Outputs, key: str, what: str, data: str) -> np.ndarray:
    Xq, k, n_train = case.inputs[data], case.params["k"], case.inputs["X"].shape[0]
    d = Xq.shape[1]
    value = checks.value(got, key, what)
    if value.shape == (len(Xq), d) and k != d:
        raise Fail(f"{what} has shape {value.shape}, expected {(len(Xq), k)}", got=checks.fmt(value),
                   cause="one column per COMPONENT: (X − mean_) @ components_.T — not the reconstruction and not "
                   "all n_features coordinates")
    if value.shape[:1] == (n_train,) and n_train != len(Xq):
        raise Fail(f"{what} has shape {value.shape}: one row per TRAINING sample, expected {(len(Xq), k)}",
                   cause="transform must project the X it is given, not data stored during fit")
    return checks.array(got, key, what, (len(Xq), k)).astype(float)


def judge_transform(case: Case, got: Outputs, expected: Outputs) -> None:
    C, s = aligned(case, got, expected)
    X_new = case.inputs["X_new"]
    Z = _projected(case, got, "transform", "transform(X_new)", "X_new")
    exp = expected.values["transform"] * s  # the reference's coordinates, with the learner's signs
    atol = 1e-5 * scale(X_new)
    if np.allclose(Z, exp, rtol=RTOL, atol=atol):
        return
    mean = expected.values["mean_"]
    variants: list[tuple[np.ndarray, str]] = [
        (X_new @ C.T, "the fitted mean was not subtracted: transform computes (X − mean_) @ components_.T"),
        ((X_new - X_new.mean(axis=0)) @ C.T, "X_new was centred with ITS OWN mean; use the mean learned by fit "
         "(self.mean_): new data is projected around the training mean"),
        ((X_new - mean) @ C.T / np.sqrt(eig_desc(covariance(case.inputs["X"]))[0][: len(C)]),
         "the coordinates are divided by the standard deviations (whitening); PCA here only projects: "
         "(X − mean_) @ components_.T"),
        ((X_new + mean) @ C.T, "the mean was added instead of subtracted"),
    ]
    cause = next((why for wrong, why in variants if np.allclose(Z, wrong, rtol=1e-5, atol=atol)),
                 "transform(X) = (X − mean_) @ components_.T with the fitted mean and your components")
    checks.close(Z, exp, "transform(X_new) (each column up to the sign of your component)", rtol=RTOL, atol=atol,
                 cause=cause)


def _reconstruction(case: Case, got: Outputs, key: str, what: str, rows: int) -> np.ndarray:
    X, k = case.inputs["X"], case.params["k"]
    d = X.shape[1]
    value = checks.value(got, key, what)
    if value.shape == (rows, k) and k != d:
        raise Fail(f"{what} has shape {value.shape}, expected {(rows, d)}", got=checks.fmt(value),
                   cause="inverse_transform maps back to the n_features original coordinates: Z @ components_ "
                   "+ mean_ (not Z @ components_.T)")
    return checks.array(got, key, what, (rows, d)).astype(float)


def judge_inverse(case: Case, got: Outputs, expected: Outputs) -> None:
    C, s = aligned(case, got, expected)
    Z = case.inputs["Z"]
    back = _reconstruction(case, got, "inverse_transform", "inverse_transform(Z)", len(Z))
    mean, ref = expected.values["mean_"], expected.values["components_"]
    exp = (Z * s) @ ref + mean  # Z is read on the learner's axes: flip the reference's rows to match
    atol = 1e-5 * scale(exp)
    if np.allclose(back, exp, rtol=RTOL, atol=atol):
        return
    variants = [
        (Z @ C, "the mean was not added back: inverse_transform is Z @ components_ + mean_"),
        (Z @ C - mean, "the mean was subtracted; inverse_transform ADDS it back: Z @ components_ + mean_"),
    ]
    cause = next((why for wrong, why in variants if np.allclose(back, wrong, rtol=1e-5, atol=atol)),
                 "inverse_transform(Z) = Z @ components_ + mean_ with your fitted components and mean")
    checks.close(back, exp, "inverse_transform(Z)", rtol=RTOL, atol=atol, cause=cause)


def judge_roundtrip(case: Case, got: Outputs, expected: Outputs) -> None:
    aligned(case, got, expected)
    data = case.params.get("data", "X_new")
    Xq = case.inputs[data]
    _projected(case, got, "transform", f"transform({data})", data)
    back = _reconstruction(case, got, "reconstruction", f"inverse_transform(transform({data}))", len(Xq))
    exp = expected.values["reconstruction"]
    atol = 1e-5 * scale(Xq)
    if np.allclose(back, exp, rtol=RTOL, atol=atol):
        return
    mean = expected.values["mean_"]
    if np.allclose(back, exp - mean, rtol=1e-5, atol=atol):
        cause = "the mean was not added back: inverse_transform is Z @ components_ + mean_"
    elif case.params["k"] == Xq.shape[1] and not np.allclose(back, Xq, atol=atol):
        cause = ("with k = n_features nothing is lost, so X must come back unchanged: transform subtracts mean_ and "
                 "projects, inverse_transform multiplies by components_ and adds mean_")
    else:
        cause = ("the reconstruction (the projection of X onto the kept subspace, around the training mean) is "
                 "wrong — check that transform subtracts mean_ and inverse_transform adds it back")
    checks.close(back, exp, f"inverse_transform(transform({data}))", rtol=RTOL, atol=atol, cause=cause)


def judge_fit_transform(case: Case, got: Outputs, expected: Outputs) -> None:
    if got.has("fit_transform") and got.is_self("fit_transform"):
        raise Fail("fit_transform(X) returned the model itself, expected the projected data",
                   expected=f"an array of shape {(len(case.inputs['X']), case.params['k'])}", got="self",
                   cause="fit_transform returns transform(X) after fitting: `return self.fit(X).transform(X)`")
    C, s = aligned(case, got, expected)
    X = case.inputs["X"]
    Z = _projected(case, got, "fit_transform", "fit_transform(X)", "X")
    exp = expected.values["fit_transform"] * s
    atol = 1e-5 * scale(X)
    if not np.allclose(Z, exp, rtol=RTOL, atol=atol):
        cause = ("the fitted mean was not subtracted: fit_transform(X) = (X − mean_) @ components_.T"
                 if np.allclose(Z, X @ C.T, rtol=1e-5, atol=atol) else
                 "fit_transform(X) must equal fit(X) followed by transform(X)")
        checks.close(Z, exp, "fit_transform(X) (each column up to the sign of your component)", rtol=RTOL,
                     atol=atol, cause=cause)


def judge_full_rank(case: Case, got: Outputs, expected: Outputs) -> None:
    aligned(case, got, expected)
    judge_explained_variance(case, got, expected)
    judge_ratio(case, got, expected)
    judge_roundtrip(case, got, expected)


def judge_repeated(case: Case, got: Outputs, expected: Outputs) -> None:
    aligned(case, got, expected)
    judge_explained_variance(case, got, expected)
    judge_roundtrip(case, got, expected)


# --- the cases -------------------------------------------------------------------------------------------------


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, X_new = gaussian(201, 200, [25.0, 9.0, 4.0, 1.0, 0.25], 50.0, m_new=60, shift=4.0)
    Z = 3.0 * np.random.default_rng(202).standard_normal((40, 2))
    X3, _ = gaussian(205, 300, [10.0, 5.0, 2.0, 0.5], 20.0)
    X6, X6_new = gaussian(206, 250, [16.0, 8.0, 6.0, 2.0, 1.0, 0.5], 100.0, m_new=50, shift=-2.0)
    X4, _ = gaussian(207, 150, [12.0, 4.0, 1.5, 0.3], 10.0)
    # 4 and 4.000001: a basis of that plane is as good as any other. (Exactly equal eigenvalues would also fail
    # np.linalg.eig, whose eigenvectors need not be orthogonal there; this case is about the basis, not eig vs eigh.)
    Xr = exact_spectrum(208, 120, [9.0, 4.000001, 4.0, 1.0, 0.25], 30.0)

    def fit(k: int, *read: str) -> tuple:
        """Construct, fit, and read only the attributes the test judges (a learner may build them one by one)."""
        return (new("p", "PCA", n_components=k), call("p", "fit", "X", save="fit"),
                *(attr("p", name) for name in read or ("mean_", "components_")))

    every = ("mean_", "components_", "explained_variance_", "explained_variance_ratio_")

    main = "X shape (200, 5), mean ≈ ±50 per feature, variances ≈ 25, 9, 4, 1, 0.25 along rotated axes, seed 201"
    new_on = f"{main}; X_new shape (60, 5), same shape, mean moved by +4 per feature"
    roundtrip = (call("p", "transform", "X_new", save="transform"),
                 call("p", "inverse_transform", "transform", save="reconstruction"))
    return [
        Case("components_are_top_eigenvectors", "PCA(n_components=2).fit(X)", main, {"X": X}, fit(2),
             judge_components, {"k": 2}),
        Case("explained_variance_n_minus_1", "PCA(n_components=2).fit(X)", main, {"X": X},
             fit(2, "explained_variance_"), judge_explained_variance, {"k": 2}),
        Case("ratio_of_total_variance", "PCA(n_components=2).fit(X)", main, {"X": X},
             fit(2, "explained_variance_ratio_"), judge_ratio, {"k": 2}),
        Case("transform_uses_fitted_mean", "PCA(n_components=2).fit(X) then .transform(X_new)", new_on,
             {"X": X, "X_new": X_new}, (*fit(2), call("p", "transform", "X_new", save="transform")),
             judge_transform, {"k": 2}),
        Case("inverse_transform_adds_mean", "PCA(n_components=2).fit(X) then .inverse_transform(Z)",
             f"{main}; Z shape (40, 2), standard normal × 3, seed 202", {"X": X, "Z": Z},
             (*fit(2), call("p", "inverse_transform", "Z", save="inverse_transform")), judge_inverse, {"k": 2}),
        Case("reconstruction_roundtrip", "PCA(n_components=3).fit(X) then .inverse_transform(.transform(X_new))",
             "X shape (250, 6), mean ≈ ±100, seed 206; X_new shape (50, 6), mean moved by −2",
             {"X": X6, "X_new": X6_new}, (*fit(3), *roundtrip), judge_roundtrip, {"k": 3}),
        Case("fit_transform", "PCA(n_components=3).fit_transform(X)",
             "X shape (300, 4), mean ≈ ±20, variances ≈ 10, 5, 2, 0.5, seed 205", {"X": X3},
             (new("p", "PCA", n_components=3), call("p", "fit_transform", "X", save="fit_transform"),
              attr("p", "mean_"), attr("p", "components_")), judge_fit_transform, {"k": 3}),
        Case("all_components", "PCA(n_components=4).fit(X) then .inverse_transform(.transform(X))",
             "X shape (150, 4), mean ≈ ±10, seed 207: k = n_features, so the ratios sum to 1 and X comes back",
             {"X": X4, "X_new": X4},
             (*fit(4, *every), call("p", "transform", "X_new", save="transform"),
              call("p", "inverse_transform", "transform", save="reconstruction")),
             judge_full_rank, {"k": 4, "data": "X_new"}),
        Case("repeated_eigenvalue", "PCA(n_components=3).fit(X) then .inverse_transform(.transform(X))",
             "X shape (120, 5), covariance eigenvalues exactly 9, 4.000001, 4, 1, 0.25 (seed 208): any "
             "orthonormal basis of the (nearly) repeated pair's plane is right", {"X": Xr, "X_new": Xr},
             (*fit(3, "mean_", "components_", "explained_variance_"), *roundtrip), judge_repeated,
             {"k": 3, "repeated": True, "data": "X_new"}),
    ]


def perf() -> Perf:
    X, X_new = gaussian(211, 2000, [9.0, 4.0, 1.0, 0.25], 5.0, m_new=40000, shift=0.5)
    return Perf(
        steps=(new("p", "PCA", n_components=2), call("p", "fit", "X"), call("p", "transform", "X_new", save="Z"),
               call("p", "inverse_transform", "Z")),
        inputs={"X": X, "X_new": X_new},
        describe="PCA(n_components=2).fit(X) with X (2000, 4), then transform(X_new) and inverse_transform, "
        "X_new (40000, 4)",
        slow_hint="a Python loop over the samples? centre with X - mean_ and project with one matrix product, "
        "(X - mean_) @ components_.T",
    )
