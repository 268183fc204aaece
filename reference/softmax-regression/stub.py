"""Softmax (multinomial logistic) regression from scratch, trained by gradient descent.

Interview question: "Generalise logistic regression to K classes." Use NumPy (and the standard library) only.
Check your work with `drill check softmax-regression`.
"""

import numpy as np


class SoftmaxRegression:
    """Multinomial logistic regression: P(y = c | x) = softmax(x·W + b)_c, softmax(z)_c = e^(z_c) / Σ_j e^(z_j).

    Parameters
    ----------
    learning_rate : float, default 0.1
        Step size α of each gradient step.
    n_iterations : int, default 500
        Number of gradient steps (exactly this many; no early stopping, no regularisation).

    Attributes (set by fit)
    -----------------------
    weights : np.ndarray, shape (n_features, K), float — column c scores class c (not (K, n_features)).
    bias : np.ndarray, shape (K,), float — one intercept per class, 1-D.
    cost_history : list of float, length n_iterations — the mean cross-entropy of each iteration (see fit).

    Numerical stability is part of the spec: logits can be huge (features in the thousands), and e^z overflows
    to inf for z > 709, giving inf/inf = NaN. Subtract each row's maximum before exponentiating (softmax is
    unchanged by it), and compute log-probabilities as log-softmax, z_c − logsumexp(z) — not log(softmax), which
    is log(0) = −inf once a probability underflows, and not log(p + 1e-15), which caps the loss and is wrong for
    a confidently wrong sample. The grader compares your weights, bias and cost_history with the reference's after
    the same steps (relative tolerance 1e-6), including on data whose logits reach the tens of thousands.
    """

    def __init__(self, learning_rate: float = 0.1, n_iterations: int = 500):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None
        self.cost_history = []

    def fit(self, X: np.ndarray, y: np.ndarray) -> "SoftmaxRegression":
        """Fit by full-batch gradient descent on the mean cross-entropy.

        Args:
            X: float array, shape (n_samples, n_features).
            y: integer class labels 0 … K−1, shape (n_samples,); K = y.max() + 1 (every class appears in y).

        Returns:
            self (so that `SoftmaxRegression().fit(X, y).predict(X)` chains).

        Start from weights = zeros((n_features, K)), bias = zeros(K) and an empty cost_history (every call to fit
        starts afresh: zero init makes the trajectory unique). Then n_iterations times, with n = n_samples,
        Z = X·W + b (n, K), P = softmax(Z) row by row, and Y the one-hot encoding of y (n, K):
            cost = −(1/n) · Σ_i log P[i, y_i]      -> append to cost_history (the cost BEFORE this step's update;
                                                      just after is accepted), computed as logsumexp(Z_i) − Z[i, y_i]
            dW = (1/n) · Xᵀ(P − Y)                 shape (n_features, K)
            db = (1/n) · Σ_i (P − Y)[i]            shape (K,)
            W ← W − learning_rate · dW
            b ← b − learning_rate · db
        """
        raise NotImplementedError

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities for each row of X.

        Args:
            X: float array, shape (m, n_features).

        Returns:
            float array, shape (m, K): row i is softmax(X[i]·W + b); every entry in [0, 1], every row sums to 1.
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row.

        Args:
            X: float array, shape (m, n_features).

        Returns:
            integer array of class indices 0 … K−1, shape (m,) — labels, not probabilities.
        """
        raise NotImplementedError
