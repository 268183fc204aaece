"""Logistic regression from scratch, trained by gradient descent.

Interview question: "Implement logistic regression." Use NumPy (and the standard library) only. Check your work
with `drill check logistic-regression`.
"""

import numpy as np


class LogisticRegression:
    """Binary logistic regression: P(y = 1 | x) = σ(x·w + b), with σ(z) = 1 / (1 + e^(−z)).

    Parameters
    ----------
    learning_rate : float, default 0.01
        Step size α of each gradient step.
    n_iterations : int, default 1000
        Number of gradient steps (exactly this many; no early stopping).

    Attributes (set by fit)
    -----------------------
    weights : np.ndarray, shape (n_features,), float — 1-D, not a (n_features, 1) column.
    bias : float — a plain number (a NumPy scalar is fine).
    cost_history : list of float, length n_iterations — the mean log-loss of each iteration (see fit).

    The grader compares your weights, bias and cost_history with gradient descent run exactly as specified in
    fit: from zero, the learning rate and the number of steps fix the result (tolerance: 1e-6 relative).
    Large scores z must not break anything: clip z (e.g. np.clip(z, -250, 250)) before np.exp, or use a stable
    sigmoid, and keep the cost finite when a probability reaches 0 or 1 (e.g. log(p + 1e-15)).
    """

    def __init__(self, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X: np.ndarray, y: np.ndarray) -> "LogisticRegression":
        """Fit by gradient descent on the mean log-loss.

        Args:
            X: float array, shape (n_samples, n_features).
            y: array of 0s and 1s, shape (n_samples,) — integers or floats.

        Returns:
            self (so that `LogisticRegression().fit(X, y).predict(X)` chains).

        Start from weights = zeros(n_features) and bias = 0, and empty cost_history (every call to fit starts
        afresh). Then n_iterations times, with p = σ(X·w + b) and n = n_samples:
            cost = −(1/n) · Σ [ y·log(p) + (1 − y)·log(1 − p) ]   -> append to cost_history (the cost BEFORE
                                                                   this step's update; just after is accepted)
            dw = (1/n) · Xᵀ(p − y)                               shape (n_features,)
            db = (1/n) · Σ (p − y)
            w ← w − learning_rate · dw
            b ← b − learning_rate · db
        """
        raise NotImplementedError

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """P(y = 1 | x) for each row of X.

        Args:
            X: float array, shape (m, n_features).

        Returns:
            float array, shape (m,), values in [0, 1] — one probability per row (not scikit-learn's (m, 2)).
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The predicted class of each row: 1 where predict_proba(X) >= 0.5, else 0.

        Args:
            X: float array, shape (m, n_features).

        Returns:
            integer array of 0s and 1s, shape (m,) — labels, not probabilities.
        """
        raise NotImplementedError
