"""Correct, loop style: start/stop arithmetic, train built index by index; stratified by dealing each class
round-robin from fold 0 (so the folds' sizes may differ by more than one); a plain loop for the scores."""
import numpy as np


def kfold_indices(n, k, shuffle=False, rng=None):
    indices = list(range(n))
    if shuffle:
        rng = np.random.default_rng(rng)
        rng.shuffle(indices)
    folds = []
    start = 0
    for i in range(k):
        size = n // k + (1 if i < n % k else 0)
        val = indices[start:start + size]
        in_val = set(val)
        train = [j for j in indices if j not in in_val]
        folds.append((np.array(train), np.array(val)))
        start += size
    return folds


def stratified_kfold_indices(y, k, shuffle=False, rng=None):
    if shuffle:
        rng = np.random.default_rng(rng)
    members = [[] for _ in range(k)]
    for c in sorted(set(y.tolist())):
        idx = [i for i in range(len(y)) if y[i] == c]
        if shuffle:
            idx = list(rng.permutation(idx))
        for position, i in enumerate(idx):
            members[position % k].append(i)
    folds = []
    for j in range(k):
        in_val = set(members[j])
        train = [i for i in range(len(y)) if i not in in_val]
        folds.append((np.array(train, dtype=int), np.array(members[j], dtype=int)))
    return folds


def cross_val_score(make_model, X, y, k, metric):
    scores = []
    for train_idx, val_idx in kfold_indices(len(X), k):
        model = make_model()
        model.fit(X[train_idx], y[train_idx])
        y_pred = model.predict(X[val_idx])
        scores.append(metric(y[val_idx], y_pred))
    return np.array(scores)
