"""Correct: boolean masks turned into indices; fold sizes built as in scikit-learn's KFold; stratified like
scikit-learn (classes sorted, then every k-th sample)."""
import numpy as np


def kfold_indices(n, k, shuffle=False, rng=None):
    indices = np.arange(n)
    if shuffle:
        rng = rng if rng is not None else np.random.default_rng()
        rng.shuffle(indices)
    fold_sizes = np.full(k, n // k, dtype=int)
    fold_sizes[: n % k] += 1
    folds, current = [], 0
    for size in fold_sizes:
        test = indices[current:current + size]
        mask = np.zeros(n, dtype=bool)
        mask[test] = True
        folds.append((np.where(~mask)[0], np.where(mask)[0]))
        current += size
    return folds


def stratified_kfold_indices(y, k, shuffle=False, rng=None):
    y = np.asarray(y)
    order = np.argsort(y, kind="stable")
    if shuffle:
        rng = rng if rng is not None else np.random.default_rng()
        perm = rng.permutation(len(y))
        order = perm[np.argsort(y[perm], kind="stable")]
    test_fold = np.empty(len(y), dtype=int)
    test_fold[order] = np.arange(len(y)) % k
    return [(np.where(test_fold != j)[0], np.where(test_fold == j)[0]) for j in range(k)]


def cross_val_score(make_model, X, y, k, metric):
    folds = kfold_indices(X.shape[0], k)
    scores = np.empty(k)
    for i, (train, test) in enumerate(folds):
        est = make_model()
        est.fit(X[train], y[train])
        scores[i] = metric(y[test], est.predict(X[test]))
    return scores
