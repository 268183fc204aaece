"""K-means clustering from scratch.

Interview question: "Implement K-means." Use NumPy (and the standard library) only — scikit-learn, SciPy and
friends are not allowed. Check your work with `drill check kmeans`.
"""

import numpy as np


class KMeans:
    """K-means clustering with Lloyd's algorithm.

    Parameters
    ----------
    k : int, default 3
        Number of clusters.
    max_iters : int, default 100
        Upper bound on assignment/update rounds. Stop earlier once the assignment no longer changes (or the
        centroids no longer move).
    random_state : int, default 42
        Seeds every random choice you make. The same random_state on the same data must give exactly the same
        centroids and labels, run after run: seed inside fit, e.g. `rng = np.random.default_rng(self.random_state)`
        or `np.random.seed(self.random_state)`.

    Attributes (set by fit)
    -----------------------
    centroids : np.ndarray, shape (k, n_features), float
        Row j is the centre of cluster j. Never NaN.
    labels : np.ndarray, shape (n_samples,), integer dtype
        labels[i] in range(k) is the cluster of the i-th training point: its nearest centroid.

    What the grader checks after fit(X) — the definition of a converged K-means:
    - every label is the index of the nearest centroid (Euclidean; squared or not, it is the same argmin);
    - every centroid with at least one point is the mean of its points;
    - the same random_state gives the same result.

    What is left to you:
    - initialisation: random data points, k-means++, anything seeded by random_state;
    - tie-breaks (a point exactly halfway between two centroids may go to either);
    - loops or vectorised code, np.random, random or a np.random.Generator.

    Empty clusters: a cluster can lose all its points (e.g. when X has fewer distinct points than k, or an
    initial centroid sits at a far outlier's twin). Its centroid must never become NaN (the mean of nothing):
    keep its old position, or re-seed it (e.g. at the point farthest from its centroid). X may contain duplicate
    points; fit must not crash on them.
    """

    def __init__(self, k: int = 3, max_iters: int = 100, random_state: int = 42):
        self.k = k
        self.max_iters = max_iters
        self.random_state = random_state
        self.centroids = None
        self.labels = None

    def fit(self, X: np.ndarray) -> "KMeans":
        """Cluster X.

        Args:
            X: float array, shape (n_samples, n_features), n_samples >= k.

        Returns:
            self (so that `KMeans(k=4).fit(X).predict(X_new)` chains), with `centroids` and `labels` set.

        Repeat: assign each point to its nearest centroid; move each centroid to the mean of its points;
        until the assignment stops changing or max_iters rounds have run.
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The nearest centroid's index for each row of X.

        Args:
            X: float array, shape (m, n_features) — any points, not only the training data.

        Returns:
            integer array, shape (m,), values in range(k).
        """
        raise NotImplementedError
