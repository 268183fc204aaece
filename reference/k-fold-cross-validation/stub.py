"""K-fold cross-validation from scratch: the splits, stratified splits, and cross-validated scores.

Interview question: "Implement k-fold cross-validation without scikit-learn." Use NumPy (and the standard library)
only. Check your work with `drill check k-fold-cross-validation`.

Shared rules for the two split functions
----------------------------------------
They return a LIST of k tuples (train_idx, val_idx) — train first — one per fold, in fold order:
    train_idx, val_idx : 1-D integer arrays of sample indices in range(n) (index arrays, not boolean masks).
    The k validation folds partition range(n): every index is in exactly one val_idx. train_idx is the
    complement of val_idx: every index NOT in that fold's val_idx, each once — never a validation index.
The ORDER of the indices inside a train_idx or a val_idx is left open: the grader compares them as sets
(returning them sorted is a good habit). Return a list, not a generator (scikit-learn's split() yields; this
returns). The grader always passes 2 <= k <= n.

rng : a np.random.Generator (the grader passes np.random.default_rng(seed)), or None for fresh randomness.
    Use it for every random draw when shuffle=True — np.random.default_rng(rng) accepts a Generator, a seed or
    None — and never the global np.random state. The same seed must give the same folds. With shuffle=False
    there is no randomness at all and rng is ignored.
"""

import numpy as np


def kfold_indices(n, k, shuffle=False, rng=None):
    """Split range(n) into k folds, exactly as scikit-learn's KFold does.

    Args:
        n: int, the number of samples. k: int, the number of folds.
        shuffle: bool, default False. rng: see the module docstring.

    Returns:
        list of k tuples (train_idx, val_idx), see the shared rules above.

    Fold sizes: the first n % k folds hold n // k + 1 validation indices, the others n // k (n = 23, k = 5:
    5, 5, 5, 4, 4). Not n // k each with the remainder dropped or piled onto the last fold — np.array_split
    does exactly the right thing.
    shuffle=False: fold 0 validates the first block of indices, fold 1 the next, …: n = 10, k = 3 gives
        val_idx {0, 1, 2, 3}, {4, 5, 6}, {7, 8, 9}.
    shuffle=True: permute range(n) once with rng, then cut the permutation into the same blocks. WHICH
        permutation you draw is left open (rng.permutation(n), rng.shuffle, …): the grader checks the partition,
        the sizes, the complements, that the folds are not the unshuffled ones, that the same seed gives the same
        folds and that two seeds give different ones.
    """
    raise NotImplementedError


def stratified_kfold_indices(y, k, shuffle=False, rng=None):
    """Split range(len(y)) into k folds that keep each class's share in every validation fold.

    Args:
        y: 1-D array of class labels, shape (n,): integers (not necessarily 0 … K−1) or strings.
        k: int. shuffle: bool, default False. rng: see the module docstring.

    Returns:
        list of k tuples (train_idx, val_idx), see the shared rules above.

    Stratification: a class c with n_c samples puts floor(n_c / k) or ceil(n_c / k) of them into EVERY
    validation fold — its share n_c / k to within one sample (a class with fewer than k samples gives 0 or 1 to
    each fold). A simple way: spread each class over the folds round-robin, or np.array_split its indices into k
    parts.
    Left open: which samples of a class go into which fold, which folds get the extra one of a class, the order
    of the folds, and so the fold sizes (scikit-learn balances them; per-class np.array_split need not).
    shuffle=False: deterministic (no randomness). shuffle=True: shuffle within each class using rng; the same
    seed gives the same folds, two seeds different ones.
    """
    raise NotImplementedError


def cross_val_score(make_model, X, y, k, metric):
    """The validation score of each of the k folds.

    Args:
        make_model: a function with no arguments returning a NEW, unfitted model with fit(X, y) and
            predict(X) -> y_pred. Call it once per fold: never refit one model across folds.
        X: float array, shape (n, d). y: array, shape (n,) (numbers or labels).
        k: int, the number of folds.
        metric: a function metric(y_true, y_pred) -> float, such as accuracy or mean squared error. It is not
            necessarily symmetric: true values first, predictions second (as in scikit-learn's metrics).

    Returns:
        float array, shape (k,): scores[i] is the score of fold i, where the folds are
        kfold_indices(n, k) with shuffle=False, in that order. For each fold (train_idx, val_idx):
            model = make_model()
            model.fit(X[train_idx], y[train_idx])       # only the training rows: no validation row leaks in
            scores[i] = metric(y[val_idx], model.predict(X[val_idx]))
        All k scores, not their mean.

    The grader runs your function with its own models and metrics (one refuses a second fit; one's predictions
    depend on every row it was trained on; one metric is asymmetric) and compares your scores with the
    reference's, within 1e-10 + 1e-7·|expected|.
    """
    raise NotImplementedError
