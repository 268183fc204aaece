"""Linear regression in closed form: the normal equation, solved — not inverted.

Interview question: "Fit linear regression without gradient descent." Use NumPy (and the standard library) only.
Check your work with `drill check linear-regression-normal-equation`.
"""

import numpy as np


class LinearRegression:
    """Ordinary least squares ŷ = X·w + b: the (w, b) minimising Σ (y − X·w − b)², computed in closed form.

    Attributes (set by fit)
    -----------------------
    weights : np.ndarray, shape (n_features,), float — 1-D, not a (n_features, 1) column.
    bias : float — the intercept, a plain number (a NumPy scalar is fine). It is not part of X: add a column
        of ones yourself, or centre X and y and recover b = mean(y) − mean(X)·w.

    Rules
    -----
    - Solve a linear system, don't invert a matrix: np.linalg.lstsq(X_with_ones, y), np.linalg.pinv of X itself
      (pinv(A) @ y), or a QR / SVD of your own are all fine. np.linalg.inv(X.T @ X) is the classic mistake, and
      np.linalg.pinv(X.T @ X) @ X.T @ y fails the same way: forming XᵀX squares the condition number, and on the
      grader's ill-conditioned X (two nearly collinear features) either leaves a gradient Xᵀ(y − ŷ) far from
      zero. Work with X (lstsq, pinv(X), QR), not with XᵀX.
    - Rank-deficient X must work: a duplicated feature, a constant feature (collinear with the intercept), more
      features than samples. There, many (w, b) reach the same least-squares fit; ANY of them is accepted — the
      minimum-norm one is not required. A plain np.linalg.solve(X.T @ X, …) raises "Singular matrix" on some
      of these: use lstsq (or pinv of X).
    - What is judged: on well-conditioned X, weights and bias equal the exact solution (relative tolerance
      1e-8); on the other cases, the predictions (which are unique) equal the least-squares fit, and the fit is
      optimal: the gradient Xᵀ(y − ŷ) and Σ(y − ŷ) are zero up to rounding (1e-9 relative to ‖X‖·‖y‖).
    """

    def __init__(self):
        self.weights = None
        self.bias = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> "LinearRegression":
        """Fit w and b in closed form.

        Args:
            X: float array, shape (n_samples, n_features) — any n_features ≥ 1, possibly more than n_samples.
            y: float array, shape (n_samples,) — 1-D.

        Returns:
            self (so that `LinearRegression().fit(X, y).predict(X)` chains).
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
