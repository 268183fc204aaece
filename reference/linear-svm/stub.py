"""A soft-margin linear support vector machine from scratch.

Interview question: "Train a linear SVM without a library: write its objective, then minimise it." Use NumPy (and
the standard library) only. Check your work with `drill check linear-svm`.
"""

import numpy as np


class LinearSVM:
    """Binary linear classifier f(x) = w·x + b minimising the soft-margin primal objective

        J(w, b) = ½‖w‖² + C · Σ_i max(0, 1 − t_i·(w·x_i + b))

    over the n training samples. Note: the hinge term is a SUM over the samples (not a mean), and the bias b is NOT
    regularised (½‖w‖² only; no ½b²).

    Labels: fit accepts any two distinct labels (−1/+1, 0/1, 1/2, "ham"/"spam"…). Internally t_i = +1 for the
    LARGER label, classes[1] with classes = np.unique(y), and t_i = −1 for the smaller one, classes[0]. So
    decision_function(x) > 0 means classes[1], and predict returns the original labels, never ±1 (unless those
    were the labels).

    Parameters
    ----------
    C : float, default 1.0
        Weight of the hinge sum: large C punishes margin violations hard, small C prefers a small ‖w‖.
    learning_rate : float, default 0.01
        Step size, if your optimiser takes steps.
    n_iterations : int, default 1000
        Number of passes or steps of your optimiser.

    Left open — the grader judges the result, not the route:
    - the optimiser: full-batch subgradient descent, stochastic subgradient (Pegasos-style), SMO on the dual…;
      how you use learning_rate and n_iterations; the initialisation; any randomness (seed it, any seed). With the
      settings the grader passes, plain full-batch subgradient descent from w = 0, b = 0,
          active = t·(X·w + b) < 1
          w ← w − learning_rate · (w − C · Σ_{active} t_i·x_i)
          b ← b + learning_rate · C · Σ_{active} t_i
      repeated n_iterations times, gets within 0.5% of the minimum of J; the grader accepts any (w, b) whose J is
      within 5% (plus 1e-4·C·n) of the true minimum, which it computes itself with an exact solver;
    - the names under which you store w and b (weights and bias are suggested): the grader reads them off
      decision_function, at x = 0 (that gives b) and at the unit vectors (w_j + b);
    - predictions for points near the boundary: predict is compared with the exact SVM's only where the exact
      SVM's |f(x)| ≥ 1 (on or outside its margin), and with the sign of your own decision_function everywhere
      (a decision value of exactly 0 may go either way).
    """

    def __init__(self, C: float = 1.0, learning_rate: float = 0.01, n_iterations: int = 1000):
        self.C = C
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = 0.0

    def fit(self, X: np.ndarray, y: np.ndarray) -> "LinearSVM":
        """Minimise J(w, b) on the training data.

        Args:
            X: float array, shape (n_samples, n_features).
            y: labels, shape (n_samples,): exactly two distinct values (numbers or strings).

        Returns:
            self (so that `LinearSVM().fit(X, y).predict(X)` chains). Every call to fit starts afresh.
        """
        raise NotImplementedError

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """The raw score w·x + b of each row: positive means classes[1] (the larger label).

        Args:
            X: float array, shape (m, n_features).

        Returns:
            float array, shape (m,): X @ w + b — no sign, no clipping, not a column.
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The label of each row: classes[1] where decision_function(X) > 0, classes[0] where it is < 0.

        Args:
            X: float array, shape (m, n_features).

        Returns:
            array of labels, shape (m,), of the same kind as fit's y (the original labels, not ±1).
        """
        raise NotImplementedError

    def objective(self, X: np.ndarray, y: np.ndarray) -> float:
        """J(w, b) = ½‖w‖² + C · Σ_i max(0, 1 − t_i·(w·x_i + b)) on the given data, with the fitted w and b.

        Args:
            X: float array, shape (m, n_features).
            y: labels, shape (m,), among the two labels fit was given (t_i = +1 for fit's classes[1], −1 for
                classes[0]).

        Returns:
            one float. The grader compares it with the formula for your own w and b (rtol 1e-6), on the training
            data and on other data.
        """
        raise NotImplementedError
