"""Wrong: the matrix is indexed by the label values themselves (size max + 1)."""
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    k = int(max(y_true.max(), y_pred.max())) + 1
    cm = np.zeros((k, k), dtype=int)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def _scores(y_true, y_pred, average, pos_label):
    if average == "binary":
        tp = np.sum((y_true == pos_label) & (y_pred == pos_label))
        return (np.array([tp]), np.array([np.sum(y_pred == pos_label) - tp]),
                np.array([np.sum(y_true == pos_label) - tp]))
    labels = np.unique(np.concatenate([y_true, y_pred]))
    tp = np.array([np.sum((y_true == c) & (y_pred == c)) for c in labels])
    fp = np.array([np.sum(y_pred == c) for c in labels]) - tp
    fn = np.array([np.sum(y_true == c) for c in labels]) - tp
    if average == "micro":
        return np.array([tp.sum()]), np.array([fp.sum()]), np.array([fn.sum()])
    return tp, fp, fn


def _div(a, b):
    return np.where(b > 0, a / np.maximum(b, 1), 0.0)


def precision(y_true, y_pred, average="binary", pos_label=1):
    tp, fp, fn = _scores(y_true, y_pred, average, pos_label)
    return float(_div(tp, tp + fp).mean())


def recall(y_true, y_pred, average="binary", pos_label=1):
    tp, fp, fn = _scores(y_true, y_pred, average, pos_label)
    return float(_div(tp, tp + fn).mean())


def f1_score(y_true, y_pred, average="binary", pos_label=1):
    tp, fp, fn = _scores(y_true, y_pred, average, pos_label)
    return float(_div(2 * tp, 2 * tp + fp + fn).mean())
