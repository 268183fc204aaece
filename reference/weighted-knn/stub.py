"""Distance-weighted k-nearest-neighbours classification from scratch.

Interview question: "Implement weighted KNN: nearer neighbours should count more." Use NumPy (and the standard
library) only. Check your work with `drill check weighted-knn`.
"""

import numpy as np


class WeightedKNN:
    """k-nearest-neighbours classifier where each of the k nearest neighbours votes with weight 1/d.

    Parameters
    ----------
    k : int, default 5
        How many nearest training points vote: exactly k (not k + 1, not every training point).

    The rule, for one query x:
    1. d_i = ‖x − x_i‖ = sqrt(Σ_j (x_j − x_ij)²), the Euclidean distance (with the sqrt) to every training point;
    2. take the k training points with the smallest d_i;
    3. each of them votes for its label with weight w_i = 1 / d_i — the plain distance, not its square
       (leaving out the sqrt is fine for choosing neighbours, not for the weights: 1/d² is another model);
    4. the label with the largest total weight Σ w_i wins (a sum per label, not a mean).

    Zero distance: if the query coincides with one or more of its k nearest training points (d = 0), 1/d is
    infinite, so those exactly-matching points decide alone: the label most common among them wins (with one
    match, that match's label). Don't let 1/0 turn into inf/inf = NaN, and don't skip those points. Adding a tiny
    epsilon, w = 1/(d + 1e-12), is an equivalent convention and passes too.

    What is left to you:
    - ties (two labels with exactly the same total weight, or equally far k-th and (k+1)-th neighbours): break them
      any way you like — the grader only judges queries whose answer is unique;
    - loops or vectorised code.

    Labels can be integers (0, 1, 2 or −1, +1) or strings ("cat", "dog"); predict returns labels of the same kind
    as the y given to fit.
    """

    def __init__(self, k: int = 5):
        self.k = k
        self.X_train = None
        self.y_train = None

    def fit(self, X: np.ndarray, y: np.ndarray) -> "WeightedKNN":
        """Store the training data (KNN is a lazy learner).

        Args:
            X: float array, shape (n_samples, n_features).
            y: labels, shape (n_samples,) — integers or strings.

        Returns:
            self (so that `WeightedKNN(k=5).fit(X, y).predict(X_new)` chains).
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The label with the largest total 1/d weight among the k nearest training points of each row of X.

        Args:
            X: float array, shape (m, n_features) — new points (m may be 1; rows may equal training points).

        Returns:
            array of labels, shape (m,), of the same kind as the training labels.
        """
        raise NotImplementedError
