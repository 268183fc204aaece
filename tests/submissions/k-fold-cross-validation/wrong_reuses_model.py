"""Wrong: one model is made before the loop and refitted on every fold."""
import numpy as np


def kfold_indices(n, k, shuffle=False, rng=None):
    idx = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    folds = []
    for val in np.array_split(idx, k):
        folds.append((np.setdiff1d(idx, val), val))
    return folds


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
    return [(np.setdiff1d(np.arange(len(y)), np.concatenate(p)), np.concatenate(p)) for p in parts]


def cross_val_score(make_model, X, y, k, metric):
    model = make_model()
    scores = []
    for train, val in kfold_indices(len(X), k):
        model.fit(X[train], y[train])
        scores.append(metric(y[val], model.predict(X[val])))
    return np.array(scores)
