"""Logistic regression by Newton's method (iteratively reweighted least squares).

Interview question: "Gradient descent needs thousands of steps here. Can you do better?" Use NumPy (and the
standard library) only. Check your work with `drill check logistic-regression-newton`.
"""

import numpy as np


class NewtonLogisticRegression:
    """Binary logistic regression, P(y = 1 | x) = σ(x·w + b), fitted by Newton's method.

    It minimises
        L(w, b) = −(1/n)·Σᵢ [yᵢ·log pᵢ + (1 − yᵢ)·log(1 − pᵢ)]  +  (alpha/2)·‖w‖²,   pᵢ = σ(xᵢ·w + b)
    — the mean log-loss plus a small L2 penalty on the weights (NOT on the bias b). The penalty keeps the optimum
    finite on linearly separable data; with alpha > 0 the minimiser is unique. (This is scikit-learn's
    LogisticRegression with C = 1 / (n·alpha).)

    Parameters
    ----------
    alpha : float, default 1e-3 — the L2 penalty (alpha = 0 is plain maximum likelihood, fine on
        non-separable data).
    max_iter : int, default 100 — the most Newton steps to take.
    tol : float, default 1e-8 — converged when every entry of the gradient is below tol in absolute value
        (stopping when every entry of the Newton step is below tol is accepted too).

    Attributes (set by fit)
    -----------------------
    weights : np.ndarray, shape (n_features,), float — 1-D.
    bias : float — a plain number.
    n_iter_ : int — the number of Newton steps (parameter updates) taken.

    The method: start from w = 0, b = 0. With θ = (w, b) and a column of ones appended to X (call it A):
        gradient  g = Aᵀ(p − y)/n + alpha·(w, 0)
        Hessian   H = AᵀSA/n + alpha·diag(1, …, 1, 0),   S = diag(pᵢ(1 − pᵢ))
        step      θ ← θ − H⁻¹g     (solve H·step = g: np.linalg.solve — no explicit inverse needed)
    until converged (see tol). From zero this takes a handful of steps: the grader wants n_iter_ ≤ 15.

    What is judged: weights and bias equal the unique minimiser (relative tolerance 1e-6), n_iter_ ≤ 15,
    predict_proba and predict. Left free: how you build S·A (never form the n×n diag(S)!), how you solve, the
    exact stopping test of the two above.
    """

    def __init__(self, alpha: float = 1e-3, max_iter: int = 100, tol: float = 1e-8):
        self.alpha = alpha
        self.max_iter = max_iter
        self.tol = tol
        self.weights = None
        self.bias = None
        self.n_iter_ = 0

    def fit(self, X: np.ndarray, y: np.ndarray) -> "NewtonLogisticRegression":
        """Fit by Newton's method (see the class docstring).

        Args:
            X: float array, shape (n_samples, n_features).
            y: array of 0s and 1s, shape (n_samples,) — integers or floats.

        Returns:
            self.
        """
        raise NotImplementedError

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(y = 1 | x) for each row: float array of shape (m,) (not scikit-learn's (m, 2))."""
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """1 where predict_proba(X) >= 0.5, else 0: integer array of shape (m,)."""
        raise NotImplementedError
