"""Linear regression from scratch, trained by gradient descent.

Interview question: "Implement linear regression without using sklearn." Use NumPy (and the standard library)
only. Check your work with `drill check linear-regression`.
"""

import numpy as np


class LinearRegression:
    """Linear regression: ŷ = X·w + b, fitted by full-batch gradient descent.

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
    cost_history : list of float, length n_iterations — the cost of each iteration (see fit).

    The grader compares your weights, bias and cost_history with gradient descent run exactly as specified in
    fit: with weights and bias starting at zero, the learning rate and the number of steps fix the result, so
    any correct implementation (loops or vectorised) lands on the same numbers (tolerance: 1e-6 relative).
    """

    def __init__(self, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X: np.ndarray, y: np.ndarray) -> "LinearRegression":
        """Fit by gradient descent.

        Args:
            X: float array, shape (n_samples, n_features).
            y: float array, shape (n_samples,) — 1-D.

        Returns:
            self (so that `LinearRegression().fit(X, y).predict(X)` chains).

        Start from weights = zeros(n_features) and bias = 0, and empty cost_history (every call to fit starts
        afresh). Then n_iterations times, with ŷ = X·w + b and n = n_samples:
            cost  J  = (1/(2n)) · Σ (ŷ − y)²        -> append to cost_history (the cost BEFORE this step's update;
                                                      recording it just after the update is accepted too)
            dw = (1/n) · Xᵀ(ŷ − y)                  shape (n_features,)
            db = (1/n) · Σ (ŷ − y)
            w ← w − learning_rate · dw
            b ← b − learning_rate · db
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predictions ŷ = X·w + b.

        Args:
            X: float array, shape (m, n_features) — any rows, not only the training data.

        Returns:
            float array, shape (m,).
        """
        raise NotImplementedError

    def score(self, X: np.ndarray, y: np.ndarray) -> float:
        """The coefficient of determination R² of predict(X) against y.

        R² = 1 − SS_res / SS_tot, with SS_res = Σ (y − ŷ)² and SS_tot = Σ (y − mean(y))².

        Returns:
            a float (1.0 is a perfect fit; 0.0 is no better than predicting mean(y)).
        """
        raise NotImplementedError
