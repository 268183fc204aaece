"""Wrong: stratified_kfold_indices ignores the labels: plain k-fold blocks."""
import numpy as np


def kfold_indices(n, k, shuffle=False, rng=None):
    idx = np.random.default_rng(rng).permutation(n) if shuffle else np.arange(n)
    folds = []
    for val in np.array_split(idx, k):
        folds.append((np.setdiff1d(idx, val), val))
    return folds


def stratified_kfold_indices(y, k, shuffle=False, rng=None):
    return kfold_indices(len(y), k, shuffle=shuffle, rng=rng)


def cross_val_score(make_model, X, y, k, metric):
    scores = []
    for train, val in kfold_indices(len(X), k):
        model = make_model()
        model.fit(X[train], y[train])
        scores.append(metric(y[val], model.predict(X[val])))
    return np.array(scores)
