"""A decision tree classifier (CART) from scratch: greedy binary splits chosen by Gini impurity or entropy.

Interview question: "Implement a decision tree classifier." Use NumPy (and the standard library) only.
Check your work with `drill check decision-tree`.
"""

import numpy as np


class DecisionTreeClassifier:
    """A binary classification tree grown greedily, top-down, from the root.

    Parameters
    ----------
    max_depth : int or None, default None
        The root is at depth 0; its children at depth 1; a node at depth max_depth is always a leaf, so
        max_depth=1 is a single split (a "stump", at most 2 leaves) and max_depth=d gives at most 2**d leaves.
        None: no depth limit (grow until the other rules stop).
    min_samples_split : int, default 2
        A node with FEWER than min_samples_split training rows is a leaf; a node with exactly that many may split.
    criterion : {"gini", "entropy"}, default "gini"
        The impurity of a node whose class proportions are p_1 … p_K:
        "gini":    1 − Σ_k p_k²
        "entropy": −Σ_k p_k · log(p_k), with 0 · log 0 = 0 (any log base: it does not change which split wins).

    How a node splits (the spec — the grader replays it):
    - Candidates: for every feature j, sort the node's distinct values v_1 < v_2 < … < v_r of X[:, j]; the
      candidate thresholds are the midpoints (v_i + v_(i+1)) / 2. A row goes LEFT when x[j] <= threshold, right
      otherwise. So both sides are never empty, and a feature that is constant on the node offers no candidate.
    - Score: the impurity decrease I(node) − (n_left / n) · I(left) − (n_right / n) · I(right), the children's
      impurities weighted by their sizes. The candidate with the largest decrease wins.
    - The node becomes a LEAF instead when: depth == max_depth, or it has fewer than min_samples_split rows, or
      it is pure (one class), or no candidate exists (every feature constant on it), or the best decrease is
      not > 0 (no split lowers the impurity).
    - A leaf stores the class frequencies of the training rows that reach it (counts / their number).

    What is left to you:
    - ties: when several candidates have the same (largest) decrease, pick any of them. The grader compares your
      predictions with the reference's only for new points whose path never meets such a tie (nor a node whose
      best decrease is within 1e-9 of zero); elsewhere it checks invariants that hold for every tie-break;
    - a node whose best decrease is exactly 0 (the root of exact XOR: each single split leaves both children
      50/50): the rule above makes it a leaf — so on XOR this tree stays one leaf, 50% training accuracy —
      while scikit-learn splits it anyway and fits XOR perfectly at depth 2. Either passes: no point whose path
      meets such a node is compared with the reference, and the other checks hold for both;
    - the tie-break in predict between classes of equal frequency in a leaf (not judged);
    - how you store the tree (nested dicts, node objects, parallel arrays) and recursion vs a stack; loops or
      vectorised code (a Python loop over every threshold of every node passes, but the performance verdict
      will call it slow).

    Labels may be integers (0, 1, 2 or 2, 5, 9) or strings ("setosa", "virginica"): the classes are the
    distinct labels in SORTED order (np.unique(y)), and predict returns labels of the same kind as y.
    """

    def __init__(self, max_depth=None, min_samples_split=2, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.criterion = criterion

    def fit(self, X: np.ndarray, y: np.ndarray) -> "DecisionTreeClassifier":
        """Grow the tree on the training data, starting afresh.

        Args:
            X: float array, shape (n_samples, n_features).
            y: labels, shape (n_samples,) — integers or strings; rows may repeat, even with different labels.

        Returns:
            self (so that `DecisionTreeClassifier(max_depth=3).fit(X, y).predict(X_new)` chains).
        """
        raise NotImplementedError

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """The class frequencies of the leaf each row of X lands in.

        Args:
            X: float array, shape (m, n_features) — new points (x[j] <= threshold goes left at every node, so a
               point exactly ON a threshold goes left; the grader asks about such points).

        Returns:
            float array, shape (m, n_classes): column k is the k-th class in sorted order (np.unique(y) of the
            training labels); every row sums to 1. Compared with the reference within 1e-9.
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most frequent class of the leaf each row of X lands in.

        Args:
            X: float array, shape (m, n_features).

        Returns:
            array of labels, shape (m,), of the same kind as the training labels (strings stay strings) — the
            label with the largest predict_proba value, not its column index and not the probabilities.
        """
        raise NotImplementedError
