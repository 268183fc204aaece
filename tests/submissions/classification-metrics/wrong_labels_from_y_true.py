"""Wrong: the labels come from y_true only (a class only ever predicted is lost)."""
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    n = len(y_true)
    if labels is None:
        labels = np.unique(y_true)
        ti = np.searchsorted(labels, y_true)
        pi = np.minimum(np.searchsorted(labels, y_pred), len(labels) - 1)
    else:
        labels = np.asarray(labels)
        ti = np.argmax(y_true[:, None] == labels[None, :], axis=1)
        pi = np.argmax(y_pred[:, None] == labels[None, :], axis=1)
    cm = np.zeros((len(labels), len(labels)), dtype=np.int64)
    np.add.at(cm, (ti, pi), 1)
    return cm


def _counts(y_true, y_pred, average, pos_label):
    if average == "binary":
        t, p = y_true == pos_label, y_pred == pos_label
        return np.array([np.sum(t & p)]), np.array([np.sum(~t & p)]), np.array([np.sum(t & ~p)])
    cm = confusion_matrix(y_true, y_pred)
    tp = np.diag(cm)
    fp, fn = cm.sum(axis=0) - tp, cm.sum(axis=1) - tp
    if average == "micro":
        return np.array([tp.sum()]), np.array([fp.sum()]), np.array([fn.sum()])
    return tp, fp, fn


def _safe(num, den):
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros_like(num), where=den != 0)


def precision(y_true, y_pred, average="binary", pos_label=1):
    tp, fp, _ = _counts(y_true, y_pred, average, pos_label)
    return float(np.mean(_safe(tp, tp + fp)))


def recall(y_true, y_pred, average="binary", pos_label=1):
    tp, _, fn = _counts(y_true, y_pred, average, pos_label)
    return float(np.mean(_safe(tp, tp + fn)))


def f1_score(y_true, y_pred, average="binary", pos_label=1):
    tp, fp, fn = _counts(y_true, y_pred, average, pos_label)
    p, r = _safe(tp, tp + fp), _safe(tp, tp + fn)
    return float(np.mean(_safe(2 * p * r, p + r)))
