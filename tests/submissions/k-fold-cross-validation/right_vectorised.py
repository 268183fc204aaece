"""Correct, vectorised: np.array_split, train as the other blocks joined; stratified with per-class np.array_split
(shuffled within each class) and np.isin for the complement; folds left unsorted."""
import numpy as np


def kfold_indices(n, k, shuffle=False, rng=None):
    idx = np.arange(n)
    if shuffle:
        idx = np.random.default_rng(rng).permutation(n)
    blocks = np.array_split(idx, k)
    return [(np.concatenate(blocks[:i] + blocks[i + 1:]), blocks[i]) for i in range(k)]


def stratified_kfold_indices(y, k, shuffle=False, rng=None):
    y = np.asarray(y)
    generator = np.random.default_rng(rng) if shuffle else None
    parts = [[] for _ in range(k)]
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        if generator is not None:
            generator.shuffle(idx)
        for j, chunk in enumerate(np.array_split(idx, k)):
            parts[j].append(chunk)
    folds = []
    for j in range(k):
        val = np.concatenate(parts[j])
        folds.append((np.flatnonzero(np.isin(np.arange(len(y)), val, invert=True)), val))
    return folds


def cross_val_score(make_model, X, y, k, metric):
    return np.array([metric(y[v], make_model().fit(X[t], y[t]).predict(X[v])) for t, v in kfold_indices(len(X), k)])
