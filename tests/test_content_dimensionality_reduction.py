"""Content tests for questions/dimensionality-reduction.yaml: every computable claim, checked with NumPy.

Every numeric answer is recomputed from scratch (from eigenvalues, from data built to have them, or by
simulation); the derivations (the first PC from the Lagrangian, PCA through the SVD, the reconstruction error
as the sum of the dropped eigenvalues, Eckart–Young) are checked on random data; and the facts the answers
lean on (what happens without centring, scale dependence, whitening and its noise, sign ambiguity, a
low-variance class signal, LDA's C − 1 directions, the linear autoencoder, kernel PCA with a linear kernel,
distance concentration and corner volume, Johnson–Lindenstrauss, perplexity) are reproduced in small, seeded
experiments. Typical right and wrong phrasings are run through the real matcher.
The bank's form (format rules, minimums, key-point patterns) is checked in tests/test_bank_form.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from bank_content import key_point, read_bank, tolerance_of

from drill.matching import judge_point
from drill.models import KeyPoint

BANK_PATH, BANK, Q = read_bank("dimensionality-reduction")


def point(qid: str, number: int) -> KeyPoint:
    return key_point(Q[qid], number)


# ----------------------------------------------------------------------------- helpers


def centred(X: np.ndarray) -> np.ndarray:
    return X - X.mean(axis=0)


def pca_svd(X: np.ndarray):
    """Components (rows), variances s²/(n − 1), scores, from the SVD of the centred data."""
    Xc = centred(X)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt, s**2 / (len(X) - 1), U * s


def data_with_covariance_eigenvalues(eigs, n: int, seed: int, ddof: int = 0) -> np.ndarray:
    """Centred data whose covariance (normalised by n − ddof) has exactly these eigenvalues."""
    rng = np.random.default_rng(seed)
    d = len(eigs)
    Z = centred(rng.normal(size=(n, d)))
    # make the columns of Z exactly orthonormal-scaled: Zᵀ Z = (n − ddof) I
    Qz, _ = np.linalg.qr(Z - Z.mean(axis=0))
    Z = Qz * math.sqrt(n - ddof)
    Z = centred(Z)  # QR of centred data keeps the columns centred
    rotation, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return Z @ np.diag(np.sqrt(eigs)) @ rotation.T


def project_reconstruct(X: np.ndarray, k: int) -> np.ndarray:
    mu = X.mean(axis=0)
    Vt, _, _ = pca_svd(X)
    W = Vt[:k].T
    return mu + (X - mu) @ W @ W.T


# ----------------------------------------------------------------------------- numeric answers, recomputed


def solve_explained_variance_ratio() -> float:
    eigs = np.array([6.0, 2.5, 1.0, 0.3, 0.2])
    return float(eigs[:2].sum() / eigs.sum())


def solve_components_for_90() -> float:
    eigs = np.sort(np.array([4.5, 2.5, 1.2, 0.9, 0.5, 0.4]))[::-1]
    cumulative = np.cumsum(eigs) / eigs.sum()
    return float(np.argmax(cumulative >= 0.9) + 1)


def solve_reconstruction_error() -> float:
    eigs = [4.0, 2.0, 1.0, 0.6, 0.4]
    X = data_with_covariance_eigenvalues(eigs, n=500, seed=0, ddof=0)
    assert np.allclose(np.sort(np.linalg.eigvalsh(X.T @ X / len(X)))[::-1], eigs)
    X_hat = project_reconstruct(X, k=2)
    return float(((X - X_hat) ** 2).sum(axis=1).mean())


def solve_two_by_two() -> float:
    return float(np.linalg.eigvalsh(np.array([[5.0, 2.0], [2.0, 2.0]])).max())


def solve_svd_variance() -> float:
    # a centred 101 × 3 matrix with singular values 20, 10, 5
    rng = np.random.default_rng(1)
    n = 101
    U, _ = np.linalg.qr(centred(rng.normal(size=(n, 3))))
    V, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    X = U @ np.diag([20.0, 10.0, 5.0]) @ V.T
    assert np.allclose(X.mean(axis=0), 0, atol=1e-12)
    pc1 = X @ V[:, 0]
    return float(np.var(pc1, ddof=1))


def solve_hypercube_shell() -> float:
    return 0.9**20


NUMERIC_SOLVERS = {
    "dimred-explained-variance-ratio": solve_explained_variance_ratio,
    "dimred-components-for-90": solve_components_for_90,
    "dimred-reconstruction-error-numeric": solve_reconstruction_error,
    "dimred-two-by-two-eigenvalues": solve_two_by_two,
    "dimred-svd-variance": solve_svd_variance,
    "dimred-hypercube-shell": solve_hypercube_shell,
}


def test_every_numeric_question_has_a_solver():
    assert {q["id"] for q in BANK["questions"] if q["type"] == "numeric"} == set(NUMERIC_SOLVERS)


@pytest.mark.parametrize("qid", sorted(NUMERIC_SOLVERS))
def test_numeric_answer_recomputed(qid):
    q = Q[qid]
    value = NUMERIC_SOLVERS[qid]()
    assert abs(value - q["answer"]) <= tolerance_of(q), f"{qid}: bank says {q['answer']}, computed {value}"


def test_explained_variance_side_claims():
    eigs = np.array([6.0, 2.5, 1.0, 0.3, 0.2])
    assert eigs.sum() == pytest.approx(10)
    assert eigs[:3].sum() / eigs.sum() == pytest.approx(0.95)
    assert eigs[0] / 10 == pytest.approx(0.60) and eigs[1] / 10 == pytest.approx(0.25)


def test_components_for_90_cumulative_ratios():
    eigs = np.array([4.5, 2.5, 1.2, 0.9, 0.5, 0.4])
    assert np.allclose(np.cumsum(eigs) / eigs.sum(), [0.45, 0.70, 0.82, 0.91, 0.96, 1.00])


def test_reconstruction_error_side_claims():
    eigs = [4.0, 2.0, 1.0, 0.6, 0.4]
    assert 2.0 / sum(eigs) == pytest.approx(0.25)
    # with the covariance normalised by n − 1 the mean error is (n − 1)/n times the dropped sum
    n = 50
    X = data_with_covariance_eigenvalues(eigs, n=n, seed=3, ddof=1)
    err = ((X - project_reconstruct(X, 2)) ** 2).sum(axis=1).mean()
    assert err == pytest.approx((n - 1) / n * 2.0)


def test_two_by_two_side_claims():
    C = np.array([[5.0, 2.0], [2.0, 2.0]])
    vals, vecs = np.linalg.eigh(C)
    assert np.allclose(vals, [1.0, 6.0])
    top = vecs[:, 1] * np.sign(vecs[0, 1])
    assert np.allclose(top, np.array([2.0, 1.0]) / math.sqrt(5))
    second = vecs[:, 0] * np.sign(vecs[1, 0])
    assert np.allclose(second, np.array([-1.0, 2.0]) / math.sqrt(5))
    assert 6 / 7 == pytest.approx(0.857, abs=1e-3)
    assert vals.max() > C.diagonal().max()


def test_svd_variance_side_claims():
    s = np.array([20.0, 10.0, 5.0])
    assert np.allclose(s**2 / 100, [4.0, 1.0, 0.25])
    assert s[0] ** 2 / (s**2).sum() == pytest.approx(0.762, abs=1e-3)
    assert s[0] ** 2 / 101 == pytest.approx(3.96, abs=0.005)  # the divide-by-n slip


def test_hypercube_shell_by_monte_carlo_and_other_dimensions():
    rng = np.random.default_rng(2)
    pts = rng.random((200_000, 20))
    inside = np.all((pts >= 0.05) & (pts <= 0.95), axis=1).mean()
    assert inside == pytest.approx(0.1216, abs=0.004)
    assert 0.9**2 == pytest.approx(0.81)
    assert 0.9**100 == pytest.approx(2.7e-5, rel=0.02)


# ----------------------------------------------------------------------------- derivations


def random_covariance(d: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(d, d))
    return A @ A.T / d + 0.1 * np.eye(d)


def test_first_pc_lagrangian_stationarity_and_maximum():
    C = random_covariance(6, seed=4)
    vals, vecs = np.linalg.eigh(C)
    w1, lam1 = vecs[:, -1], vals[-1]

    def grad_lagrangian(w, lam):
        return 2 * C @ w - 2 * lam * w

    assert np.allclose(grad_lagrangian(w1, lam1), 0, atol=1e-10)
    assert w1 @ C @ w1 == pytest.approx(lam1)  # the variance along an eigenvector is its eigenvalue
    rng = np.random.default_rng(5)
    W = rng.normal(size=(6, 5000))
    W /= np.linalg.norm(W, axis=0)
    assert np.einsum("ij,ik,kj->j", W, C, W).max() <= lam1 + 1e-12
    # the Lagrangian gradient, checked by central differences
    w = rng.normal(size=6)
    lam = 0.7
    L = lambda v: v @ C @ v - lam * (v @ v - 1)  # noqa: E731
    h = 1e-6
    numeric = np.array([(L(w + h * e) - L(w - h * e)) / (2 * h) for e in np.eye(6)])
    assert np.allclose(numeric, grad_lagrangian(w, lam), atol=1e-6)


def test_second_pc_multiplier_vanishes_and_gives_second_eigenvector():
    C = random_covariance(5, seed=6)
    vals, vecs = np.linalg.eigh(C)
    w1, w2 = vecs[:, -1], vecs[:, -2]
    mu = 2 * w1 @ C @ w2
    assert mu == pytest.approx(0, abs=1e-12)
    # constrained maximum over unit vectors orthogonal to w1 is λ₂
    rng = np.random.default_rng(7)
    W = rng.normal(size=(5, 5000))
    W -= np.outer(w1, w1 @ W)
    W /= np.linalg.norm(W, axis=0)
    assert np.einsum("ij,ik,kj->j", W, C, W).max() <= vals[-2] + 1e-12
    assert w2 @ C @ w2 == pytest.approx(vals[-2])


def test_power_iteration_converges_to_the_first_pc():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(300, 4)) @ np.diag([3.0, 1.5, 1.0, 0.3])
    Vt, variances, _ = pca_svd(X)
    C = np.cov(X, rowvar=False)
    w = rng.normal(size=4)
    for _ in range(200):
        w = C @ w
        w /= np.linalg.norm(w)
    assert abs(w @ Vt[0]) == pytest.approx(1, abs=1e-8)
    assert w @ C @ w == pytest.approx(variances[0])


def test_pca_via_svd_identities():
    rng = np.random.default_rng(9)
    n, d = 80, 5
    X = centred(rng.normal(size=(n, d)) @ rng.normal(size=(d, d)))
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    V = Vt.T
    assert np.allclose(X.T @ X, V @ np.diag(s**2) @ V.T)
    C = np.cov(X, rowvar=False)
    vals, vecs = np.linalg.eigh(C)
    assert np.allclose(np.sort(vals)[::-1], s**2 / (n - 1))
    for j in range(d):  # same axes up to sign
        assert abs(vecs[:, ::-1][:, j] @ V[:, j]) == pytest.approx(1, abs=1e-8)
    assert np.allclose(X @ V, U * s)  # scores
    assert np.allclose(X @ X.T, U @ np.diag(s**2) @ U.T)
    k = 2
    Xk = U[:, :k] * s[:k] @ Vt[:k]
    assert np.linalg.matrix_rank(Xk) == k


def test_reconstruction_error_is_trace_minus_retained_and_top_k_is_best():
    rng = np.random.default_rng(10)
    n, d, k = 400, 6, 2
    X = centred(rng.normal(size=(n, d)) @ rng.normal(size=(d, d)))
    S = X.T @ X / n
    vals, vecs = np.linalg.eigh(S)
    vals, vecs = vals[::-1], vecs[:, ::-1]

    def error(W):
        return ((X - X @ W @ W.T) ** 2).sum(axis=1).mean()

    for _ in range(200):
        W, _ = np.linalg.qr(rng.normal(size=(d, k)))
        assert error(W) == pytest.approx(np.trace(S) - np.trace(W.T @ S @ W))
        assert np.trace(W.T @ S @ W) <= vals[:k].sum() + 1e-10  # Ky Fan
        assert error(W) >= vals[k:].sum() - 1e-10
    assert error(vecs[:, :k]) == pytest.approx(vals[k:].sum())


def test_eckart_young_frobenius_error():
    rng = np.random.default_rng(11)
    X = rng.normal(size=(30, 8))
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    for k in range(1, 8):
        Xk = (U[:, :k] * s[:k]) @ Vt[:k]
        best = np.linalg.norm(X - Xk) ** 2
        assert best == pytest.approx((s[k:] ** 2).sum())
        assert np.linalg.norm(X - Xk, 2) == pytest.approx(s[k])  # spectral norm too
        for _ in range(20):
            A = rng.normal(size=(30, k)) @ rng.normal(size=(k, 8))
            assert np.linalg.norm(X - A) ** 2 >= best - 1e-9


def test_orthogonal_projection_only_shrinks_distances():
    rng = np.random.default_rng(27)
    X = rng.normal(size=(100, 6))
    Vt, _, _ = pca_svd(X)
    P = X @ Vt[:2].T
    iu = np.triu_indices(100, 1)
    dX = np.linalg.norm(X[:, None] - X[None], axis=-1)[iu]
    dP = np.linalg.norm(P[:, None] - P[None], axis=-1)[iu]
    assert np.all(dP <= dX + 1e-12)


def test_pythagoras_total_equals_retained_plus_error():
    rng = np.random.default_rng(12)
    X = centred(rng.normal(size=(200, 5)) @ rng.normal(size=(5, 5)))
    W, _ = np.linalg.qr(rng.normal(size=(5, 2)))
    total = (X**2).sum()
    retained = ((X @ W) ** 2).sum()
    residual = ((X - X @ W @ W.T) ** 2).sum()
    assert total == pytest.approx(retained + residual)


# ----------------------------------------------------------------------------- PCA facts


def test_without_centring_the_first_direction_points_at_the_mean():
    rng = np.random.default_rng(13)
    mu = np.array([20.0, -10.0, 5.0, 0.0])
    X = rng.normal(size=(500, 4)) @ np.diag([3.0, 1.0, 0.5, 0.2]) + mu
    _, _, Vt_raw = np.linalg.svd(X, full_matrices=False)
    cos_to_mean = abs(Vt_raw[0] @ mu) / np.linalg.norm(mu)
    assert cos_to_mean > 0.99
    Vt, _, _ = pca_svd(X)
    assert abs(Vt[0] @ np.array([1.0, 0, 0, 0])) > 0.99  # the real direction of spread
    # second-moment matrix = covariance (normalised by n) + μ̂μ̂ᵀ
    n = len(X)
    m = X.mean(axis=0)
    assert np.allclose(X.T @ X / n, np.cov(X, rowvar=False, ddof=0) + np.outer(m, m))
    # the "explained variance" of the uncentred SVD is inflated by ‖μ‖²
    _, s_raw, _ = np.linalg.svd(X, full_matrices=False)
    assert (s_raw**2).sum() / n == pytest.approx(np.trace(np.cov(X, rowvar=False, ddof=0)) + m @ m)


def test_condition_number_squares_and_the_covariance_route_loses_small_values():
    rng = np.random.default_rng(14)
    U, _ = np.linalg.qr(rng.normal(size=(50, 3)))
    V, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    s = np.array([1.0, 1e-3, 1e-9])
    X = U @ np.diag(s) @ V.T
    Y = U @ np.diag([1.0, 1e-2, 1e-4]) @ V.T  # a moderate case, where the squaring is exact enough to see
    assert np.linalg.cond(Y) == pytest.approx(1e4, rel=1e-6)
    assert np.linalg.cond(Y.T @ Y) == pytest.approx(np.linalg.cond(Y) ** 2, rel=1e-4)
    s_svd = np.linalg.svd(X, compute_uv=False)
    assert s_svd[-1] == pytest.approx(1e-9, rel=1e-3)
    s_eig = np.sqrt(np.abs(np.sort(np.linalg.eigvalsh(X.T @ X))[::-1]))
    assert abs(s_eig[-1] - 1e-9) / 1e-9 > 0.5  # the smallest one is lost below roundoff
    # moderate values still agree, and the SVD resolves far smaller ones
    assert s_eig[1] == pytest.approx(1e-3, rel=1e-3)
    Z = U @ np.diag([1.0, 1e-6, 1e-14]) @ V.T
    assert np.sqrt(np.sort(np.linalg.eigvalsh(Z.T @ Z))[::-1][1]) == pytest.approx(1e-6, rel=1e-2)
    assert np.linalg.svd(Z, compute_uv=False)[-1] == pytest.approx(1e-14, rel=0.1)


def test_pca_is_not_scale_invariant_and_standardising_is_correlation_pca():
    rng = np.random.default_rng(15)
    z = rng.normal(size=(500, 2))
    X = np.column_stack([z[:, 0] * 30_000 + 50_000, 0.6 * z[:, 0] * 10 + 0.8 * z[:, 1] * 10 + 40])
    Vt, _, _ = pca_svd(X)
    assert abs(Vt[0, 0]) > 0.999  # "income" dominates
    Xs = (X - X.mean(0)) / X.std(0, ddof=1)
    Vs, var_s, _ = pca_svd(Xs)
    R = np.corrcoef(X, rowvar=False)
    assert np.allclose(np.sort(np.linalg.eigvalsh(R))[::-1], var_s)
    assert abs(Vs[0, 0]) == pytest.approx(1 / math.sqrt(2), abs=1e-9)  # 2 × 2 correlation: diagonal axes
    # rescaling one feature changes the components
    X2 = X * np.array([1.0, 10_000.0])  # age in units 10,000 times smaller
    V2, _, _ = pca_svd(X2)
    assert abs(V2[0] @ Vt[0]) < 0.5


def test_standardising_inflates_a_near_constant_noise_feature():
    rng = np.random.default_rng(16)
    n = 400
    signal = rng.normal(size=n)
    pixels = np.column_stack([signal + 0.1 * rng.normal(size=n), signal + 0.1 * rng.normal(size=n),
                              1e-3 * rng.normal(size=n)])  # the last "pixel" is almost constant noise
    _, var_raw, _ = pca_svd(pixels)
    assert var_raw[1:].sum() / var_raw.sum() < 0.01
    Xs = pixels / pixels.std(0, ddof=1)
    _, var_std, _ = pca_svd(Xs)
    assert var_std[1] / var_std.sum() > 0.3  # the noise now holds a third of the "variance"


def test_whitening_identity_covariance_noise_amplification_and_mahalanobis():
    rng = np.random.default_rng(17)
    X = rng.normal(size=(1000, 3)) @ np.diag([5.0, 1.0, 0.01])
    X = X @ np.linalg.qr(rng.normal(size=(3, 3)))[0]
    mu = X.mean(0)
    C = np.cov(X, rowvar=False)
    lam, V = np.linalg.eigh(C)
    Z = (X - mu) @ V / np.sqrt(lam)
    assert np.allclose(np.cov(Z, rowvar=False), np.eye(3), atol=1e-8)
    # the tiny direction (std 0.01) is scaled up by 100: its noise is as loud as the signal
    assert 1 / np.sqrt(lam.min()) == pytest.approx(100, rel=0.1)
    # ZCA keeps identity covariance and stays closer to the original axes
    Zzca = (X - mu) @ V @ np.diag(lam**-0.5) @ V.T
    assert np.allclose(np.cov(Zzca, rowvar=False), np.eye(3), atol=1e-8)
    # Euclidean distance after whitening = Mahalanobis distance before
    a, b = X[0], X[1]
    maha = math.sqrt((a - b) @ np.linalg.inv(C) @ (a - b))
    assert np.linalg.norm(Z[0] - Z[1]) == pytest.approx(maha)
    # ε-regularised whitening caps the amplification
    eps = 1.0
    assert 1 / np.sqrt(lam.min() + eps) < 1.01


def test_sign_flip_changes_nothing_but_the_sign():
    rng = np.random.default_rng(18)
    X = centred(rng.normal(size=(100, 4)) @ rng.normal(size=(4, 4)))
    C = np.cov(X, rowvar=False)
    vals, vecs = np.linalg.eigh(C)
    v = vecs[:, -1]
    assert np.allclose(C @ (-v), vals[-1] * (-v))
    W, W_flip = vecs[:, -2:], vecs[:, -2:] * np.array([1.0, -1.0])
    assert np.allclose(X @ W @ W.T, X @ W_flip @ W_flip.T)
    # svd_flip-style convention: make the largest-magnitude entry positive, then runs agree
    def flip(u):
        return u * np.sign(u[np.argmax(np.abs(u))])

    assert np.allclose(flip(v), flip(-v))


def fisher_lda_accuracy(Xtr, ytr, Xte, yte) -> float:
    """Two-class Fisher LDA: project on S_W⁻¹(μ₁ − μ₀), threshold halfway between the projected means."""
    m0, m1 = Xtr[ytr == 0].mean(0), Xtr[ytr == 1].mean(0)
    Sw = np.atleast_2d(np.cov(Xtr[ytr == 0], rowvar=False) + np.cov(Xtr[ytr == 1], rowvar=False))
    w = np.linalg.solve(Sw, np.atleast_1d(m1 - m0))
    threshold = (m0 + m1) @ w / 2
    return float(((Xte @ w > threshold).astype(int) == yte).mean())


def test_low_variance_direction_carries_the_label_and_pca_drops_it():
    rng = np.random.default_rng(19)

    def make(n):
        y = rng.integers(0, 2, size=n)
        long_axis = 10 * rng.normal(size=n)
        thin_axis = (2 * y - 1) * 0.5 + 0.1 * rng.normal(size=n)
        return np.column_stack([long_axis, thin_axis]), y

    Xtr, ytr = make(2000)
    Xte, yte = make(2000)
    Vt, variances, _ = pca_svd(Xtr)
    assert variances[0] / variances.sum() > 0.99  # one component "explains 99%"
    mu = Xtr.mean(0)
    keep = lambda X: (X - mu) @ Vt[:1].T  # noqa: E731
    acc_pca = fisher_lda_accuracy(keep(Xtr), ytr, keep(Xte), yte)
    acc_raw = fisher_lda_accuracy(Xtr, ytr, Xte, yte)
    assert acc_raw > 0.95 and acc_pca < 0.6
    # Fisher's LDA direction S_W⁻¹(μ₁ − μ₀) finds the thin axis
    m0, m1 = Xtr[ytr == 0].mean(0), Xtr[ytr == 1].mean(0)
    Sw = np.cov(Xtr[ytr == 0], rowvar=False) + np.cov(Xtr[ytr == 1], rowvar=False)
    w = np.linalg.solve(Sw, m1 - m0)
    w /= np.linalg.norm(w)
    assert abs(w[1]) > 0.99


def test_between_class_scatter_has_rank_at_most_c_minus_1():
    rng = np.random.default_rng(20)
    C, d = 5, 10
    X = rng.normal(size=(500, d))
    y = rng.integers(0, C, size=500)
    X += rng.normal(size=(C, d))[y] * 3
    m = X.mean(0)
    Sb = sum((y == c).sum() * np.outer(X[y == c].mean(0) - m, X[y == c].mean(0) - m) for c in range(C))
    assert np.linalg.matrix_rank(Sb, tol=1e-8 * np.abs(Sb).max()) == C - 1


def test_linear_autoencoder_optimum_is_the_pca_subspace_up_to_an_invertible_mix():
    rng = np.random.default_rng(21)
    n, d, k = 300, 5, 2
    X = centred(rng.normal(size=(n, d)) @ np.diag([3.0, 2.0, 1.0, 0.5, 0.2]) @ np.linalg.qr(
        rng.normal(size=(d, d)))[0])
    Vt, _, _ = pca_svd(X)
    Vk = Vt[:k].T
    A = rng.normal(size=(k, k))
    W1, W2 = A @ Vk.T, Vk @ np.linalg.inv(A)
    assert np.allclose(X @ W1.T @ W2.T, X @ Vk @ Vk.T)
    assert not np.allclose(W1 @ W1.T, np.eye(k))  # rows neither orthonormal nor the components
    # gradient descent on the autoencoder reaches the same projector
    W1 = 0.1 * rng.normal(size=(k, d))
    W2 = 0.1 * rng.normal(size=(d, k))
    lr = 0.05
    for _ in range(5000):
        H = X @ W1.T
        R = H @ W2.T - X
        gW2 = R.T @ H / n
        gW1 = (R @ W2).T @ X / n
        W1 -= lr * gW1
        W2 -= lr * gW2
    assert np.allclose(W2 @ W1, Vk @ Vk.T, atol=1e-3)
    # tied weights (W₂ = W₁ᵀ): orthonormal rows spanning the same subspace, still only up to a rotation
    W = 0.1 * rng.normal(size=(k, d))
    for _ in range(3000):
        R = X @ W.T @ W - X
        grad = (W @ R.T @ X + W @ X.T @ R) / n
        W -= 0.05 * grad
    assert np.allclose(W @ W.T, np.eye(k), atol=1e-3)
    assert np.allclose(W.T @ W, Vk @ Vk.T, atol=1e-3)


def test_kernel_pca_with_a_linear_kernel_is_pca():
    rng = np.random.default_rng(22)
    n = 60
    X = rng.normal(size=(n, 4)) @ rng.normal(size=(4, 4)) + 3
    K = X @ X.T
    H = np.eye(n) - np.ones((n, n)) / n
    Kc = H @ K @ H
    Xc = centred(X)
    assert np.allclose(Kc, Xc @ Xc.T)  # centring the Gram matrix = Gram of the centred data
    vals, vecs = np.linalg.eigh(Kc)
    vals, vecs = vals[::-1], vecs[:, ::-1]
    kpca_scores = vecs[:, :2] * np.sqrt(vals[:2])
    _, _, scores = pca_svd(X)
    for j in range(2):
        assert abs(kpca_scores[:, j] @ scores[:, j]) == pytest.approx(
            np.linalg.norm(kpca_scores[:, j]) * np.linalg.norm(scores[:, j]), rel=1e-8
        )
    assert np.allclose(vals[:4] / (n - 1), pca_svd(X)[1])


def test_kernel_pca_unrolls_circles_where_pca_cannot():
    rng = np.random.default_rng(23)
    n = 200
    radius = np.where(np.arange(n) < n // 2, 1.0, 3.0)
    angle = rng.uniform(0, 2 * np.pi, size=n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)]) + 0.05 * rng.normal(size=(n, 2))
    y = (radius > 2).astype(int)
    _, _, scores = pca_svd(X)
    gamma = 0.5
    sq = ((X[:, None] - X[None]) ** 2).sum(-1)
    K = np.exp(-gamma * sq)
    H = np.eye(n) - np.ones((n, n)) / n
    vals, vecs = np.linalg.eigh(H @ K @ H)
    kpc1 = vecs[:, -1]

    def separable_1d(z):
        z0, z1 = z[y == 0], z[y == 1]
        return z0.max() < z1.min() or z1.max() < z0.min()

    assert not separable_1d(scores[:, 0])
    assert separable_1d(kpc1)


def test_rbf_kernel_pca_does_not_unroll_a_swiss_roll():
    """No leading RBF kernel-PCA component recovers the roll coordinate, over a wide range of bandwidths."""
    rng = np.random.default_rng(28)
    n = 400
    t = 1.5 * np.pi * (1 + 2 * rng.random(n))
    X = np.column_stack([t * np.cos(t), 21 * rng.random(n), t * np.sin(t)])
    sq = ((X[:, None] - X[None]) ** 2).sum(-1)
    H = np.eye(n) - np.ones((n, n)) / n

    def rank_corr(a, b):
        return abs(np.corrcoef(a.argsort().argsort(), b.argsort().argsort())[0, 1])

    for gamma in (1e-3, 1e-2, 0.1, 1.0):
        _, vecs = np.linalg.eigh(H @ np.exp(-gamma * sq) @ H)
        assert max(rank_corr(vecs[:, -j], t) for j in (1, 2, 3)) < 0.6, gamma


def test_curse_boundary_volume_ball_volume_and_distance_concentration():
    eps = 0.05
    fractions = [1 - (1 - 2 * eps) ** d for d in (1, 10, 100)]
    assert fractions == sorted(fractions) and fractions[-1] > 0.9999

    def ball_fraction(d):  # inscribed ball of radius ½ in the unit cube
        return math.pi ** (d / 2) / math.gamma(d / 2 + 1) * 0.5**d

    assert ball_fraction(2) == pytest.approx(math.pi / 4)
    assert ball_fraction(20) < 1e-7
    rng = np.random.default_rng(24)
    spreads = []
    for d in (2, 20, 200):
        P = rng.random((300, d))
        dist = np.linalg.norm(P[1:] - P[0], axis=1)
        spreads.append(dist.std() / dist.mean())
    assert spreads[0] > spreads[1] > spreads[2]
    assert spreads[2] < 0.1
    # "the relative spread shrinks like 1/√d": spread·√d levels off as d grows (100× the dimension, ~10× less spread)
    wide = []
    for d in (100, 10_000):
        P = rng.random((300, d))
        dist = np.linalg.norm(P[1:] - P[0], axis=1)
        wide.append(dist.std() / dist.mean())
    assert wide[0] / wide[1] == pytest.approx(10, rel=0.3)
    assert 10**3 == 1000  # "10 samples per axis" in d = 3; 10^d in general


def test_johnson_lindenstrauss_bound_and_projection():
    def jl_dim(n, eps):
        return 4 * math.log(n) / (eps**2 / 2 - eps**3 / 3)

    assert jl_dim(1_000_000, 0.1) == pytest.approx(11_842, abs=1)  # "about 12,000"
    rng = np.random.default_rng(25)
    n, eps = 40, 0.4
    k = math.ceil(jl_dim(n, eps))
    for d in (1_000, 4_000):  # the bound does not involve d
        X = rng.normal(size=(n, d))
        R = rng.normal(scale=1 / math.sqrt(k), size=(k, d))
        Y = X @ R.T
        iu = np.triu_indices(n, 1)
        dx = ((X[:, None] - X[None]) ** 2).sum(-1)[iu]
        dy = ((Y[:, None] - Y[None]) ** 2).sum(-1)[iu]
        ratio = dy / dx
        assert ratio.min() > 1 - eps and ratio.max() < 1 + eps


def test_perplexity_is_an_effective_number_of_neighbours():
    for k in (5, 30):
        p = np.full(k, 1 / k)
        entropy_bits = -(p * np.log2(p)).sum()
        assert 2**entropy_bits == pytest.approx(k)
    # binary search for σ hits a target perplexity
    rng = np.random.default_rng(26)
    d2 = rng.random(100) * 10

    def perplexity(sigma):
        w = np.exp(-d2 / (2 * sigma**2))
        p = w / w.sum()
        return 2 ** (-(p * np.log2(p + 1e-300)).sum())

    lo, hi = 1e-3, 1e3
    for _ in range(100):
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if perplexity(mid) < 30 else (lo, mid)
    assert perplexity(math.sqrt(lo * hi)) == pytest.approx(30, rel=1e-6)
    # Student-t tails are heavier than Gaussian ones
    r = 5.0
    assert 1 / (1 + r**2) > math.exp(-(r**2) / 2) * 100


# ----------------------------------------------------------------------------- the bank's shape


def test_say_it_aloud_and_asked_next_items():
    say = [q["id"] for q in BANK["questions"] if "say-it-aloud" in q["tags"]]
    assert "dimred-pca-say-it" in say
    for qid in say:
        assert Q[qid]["prompt"].startswith("Say it out loud")


def test_typing_the_prompt_back_ticks_nothing():
    for q in BANK["questions"]:
        for number in range(1, len(q.get("key_points") or []) + 1):
            verdict = judge_point(point(q["id"], number), q["prompt"], q["prompt"])
            assert verdict.status == "missed", (q["id"], number, verdict.excerpt)


PHRASINGS = [
    # (question, key point, typed, expected)
    ("dimred-pca-say-it", 1, "it finds the directions along which the data varies the most, max variance", "covered"),
    ("dimred-pca-say-it", 1, "it keeps the original features that have the highest variance", "contradicted"),
    ("dimred-pca-say-it", 1, "PCA finds the directions of smallest variance", "contradicted"),
    ("dimred-pca-say-it", 1, "it keeps the directions of largest variance and drops those of smallest variance", "covered"),
    ("dimred-pca-say-it", 2, "they are the eigenvectors with the smallest eigenvalues", "contradicted"),
    ("dimred-pca-say-it", 2, "the eigenvectors of the covariance with the largest eigenvalues", "covered"),
    ("dimred-pca-say-it", 2, "the principal components are the eigenvectors of the covariance matrix", "covered"),
    ("dimred-pca-say-it", 3, "it's the best low-rank approximation of the data", "covered"),
    ("dimred-pca-say-it", 4, "the components are mutually orthogonal", "covered"),
    ("dimred-variance-vs-reconstruction", 1, "by Pythagoras the total sum of squares is fixed", "covered"),
    ("dimred-variance-vs-reconstruction", 2, "the error equals the sum of the discarded eigenvalues", "covered"),
    ("dimred-variance-vs-reconstruction", 2, "the error left is the sum of the largest eigenvalues", "contradicted"),
    ("dimred-variance-vs-reconstruction", 2,
     "the retained variance is the sum of the top k eigenvalues and the error the sum of the dropped ones", "covered"),
    ("dimred-variance-vs-reconstruction", 3, "Eckart-Young: the truncated SVD is optimal", "covered"),
    ("dimred-pca-svd", 1, "the principal directions are the right singular vectors", "covered"),
    ("dimred-pca-svd", 1, "the left singular vectors are the components", "contradicted"),
    ("dimred-pca-svd", 2, "the variances are the squared singular values divided by n-1", "covered"),
    ("dimred-pca-svd", 3, "forming XᵀX squares the condition number", "covered"),
    ("dimred-pca-svd", 4, "you never have to form the d x d covariance", "covered"),
    ("dimred-centring", 2, "PC1 would just point towards the mean", "covered"),
    ("dimred-centring", 2, "the components come out the same, centring only shifts the scores", "contradicted"),
    ("dimred-centring", 4, "and centre the test set with the training mean", "covered"),
    ("dimred-standardise", 1, "PCA isn't scale invariant", "covered"),
    ("dimred-standardise", 1, "PCA is scale invariant so it doesn't matter", "contradicted"),
    ("dimred-standardise", 2, "that's the same as doing PCA on the correlation matrix", "covered"),
    ("dimred-standardise", 3, "standardise when features are measured in different units", "covered"),
    ("dimred-standardise", 4, "if they are all in the same units you can leave them", "covered"),
    ("dimred-choose-k", 1, "pick k so that the cumulative explained variance reaches 95%", "covered"),
    ("dimred-choose-k", 2, "look for the elbow of the scree plot", "covered"),
    ("dimred-choose-k", 3, "treat k as a hyperparameter and cross-validate the pipeline", "covered"),
    ("dimred-choose-k", 3, "choose the k with the best training accuracy", "contradicted"),
    ("dimred-whitening", 1, "it makes the covariance the identity matrix", "covered"),
    ("dimred-whitening", 2, "it amplifies the noise in the small directions", "covered"),
    ("dimred-whitening", 2, "it removes noise from the data", "contradicted"),
    ("dimred-whitening", 2, "it doesn't remove noise, it amplifies it", "covered"),
    ("dimred-whitening", 3, "add a small epsilon to the eigenvalues before dividing", "covered"),
    ("dimred-pca-limits", 1, "it can only find linear structure", "covered"),
    ("dimred-pca-limits", 1, "PCA captures nonlinear relationships as well", "contradicted"),
    ("dimred-pca-limits", 2, "it doesn't look at the labels", "covered"),
    ("dimred-pca-limits", 3, "it isn't robust to outliers", "covered"),
    ("dimred-pca-limits", 3, "outliers don't affect it", "contradicted"),
    ("dimred-pca-limits", 4, "the components are hard to interpret", "covered"),
    ("dimred-preprocessing-vs-visualisation", 2, "fit the PCA on the training folds only", "covered"),
    ("dimred-preprocessing-vs-visualisation", 2, "fit PCA on the whole dataset first", "contradicted"),
    ("dimred-preprocessing-vs-visualisation", 3, "for a plot take the first two components", "covered"),
    ("dimred-kernel-pca", 2, "you eigendecompose the n by n kernel matrix", "covered"),
    ("dimred-kernel-pca", 2, "you eigendecompose the d x d covariance in feature space", "contradicted"),
    ("dimred-kernel-pca", 2, "instead of eigendecomposing the d x d covariance you use the n x n Gram matrix", "covered"),
    ("dimred-kernel-pca", 4, "it costs O(n^3) time", "covered"),
    ("dimred-kernel-pca", 4, "it's as cheap as ordinary PCA", "contradicted"),
    ("dimred-tsne", 2, "the low-dimensional similarities use a Student t distribution", "covered"),
    ("dimred-tsne", 3, "it minimises the KL divergence between the two", "covered"),
    ("dimred-tsne", 4, "it keeps local neighbourhoods", "covered"),
    ("dimred-tsne", 4, "it preserves the global distances", "contradicted"),
    ("dimred-tsne-pitfalls", 1, "the cluster sizes are meaningless", "covered"),
    ("dimred-tsne-pitfalls", 1, "don't trust the cluster sizes", "covered"),
    ("dimred-tsne-pitfalls", 2, "you can't trust the distances between clusters", "covered"),
    ("dimred-tsne-pitfalls", 2, "the distances between clusters are meaningful", "contradicted"),
    ("dimred-tsne-pitfalls", 3, "try several perplexity values", "covered"),
    ("dimred-tsne-pitfalls", 4, "you can't embed new points with it", "covered"),
    ("dimred-umap-vs-tsne", 2, "UMAP is much faster", "covered"),
    ("dimred-umap-vs-tsne", 2, "UMAP is slower", "contradicted"),
    ("dimred-umap-vs-tsne", 4, "it has a transform for new data", "covered"),
    ("dimred-lda-vs-pca", 1, "LDA is supervised", "covered"),
    ("dimred-lda-vs-pca", 1, "PCA doesn't use the labels", "covered"),
    ("dimred-lda-vs-pca", 1, "LDA is unsupervised too", "contradicted"),
    ("dimred-lda-vs-pca", 3, "you get at most C - 1 directions", "covered"),
    ("dimred-lda-vs-pca", 3, "it gives as many components as features", "contradicted"),
    ("dimred-curse", 2, "all distances become roughly the same", "covered"),
    ("dimred-curse", 2, "distances become more meaningful", "contradicted"),
    ("dimred-curse", 2, "distances stop being meaningful", "covered"),
    ("dimred-curse", 3, "the amount of data needed grows exponentially", "covered"),
    ("dimred-curse", 3, "the data needed grows linearly with the dimension", "contradicted"),
    ("dimred-random-projection", 3, "k = O(log n / eps^2), independent of d", "covered"),
    ("dimred-random-projection", 3, "k doesn't depend on the original dimension", "covered"),
    ("dimred-random-projection", 3, "k has to grow with the original dimension", "contradicted"),
    ("dimred-selection-vs-extraction", 1, "selection keeps a subset of the original features", "covered"),
    ("dimred-selection-vs-extraction", 2, "extraction makes new features from combinations", "covered"),
    ("dimred-selection-vs-extraction", 1, "extraction picks a subset of the original features", "contradicted"),
    ("dimred-selection-vs-extraction", 1, "selection builds new combined features, PCA is selection", "contradicted"),
    ("dimred-selection-vs-extraction", 1, "PCA is extraction, not selection; selection keeps a subset", "covered"),
]


@pytest.mark.parametrize("qid, number, typed, expected", PHRASINGS)
def test_typical_phrasings(qid, number, typed, expected):
    verdict = judge_point(point(qid, number), typed, Q[qid]["prompt"])
    assert verdict.status == expected, (verdict.pattern, verdict.excerpt, verdict.reason)
