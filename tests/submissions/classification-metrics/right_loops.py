"""Correct, loop style: one pass over the samples with a dict of counts; per-class scores in Python lists."""
import numpy as np


def confusion_matrix(y_true, y_pred, labels=None):
    if labels is None:
        labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    index = {label: i for i, label in enumerate(list(labels))}
    cm = [[0] * len(index) for _ in index]
    for t, p in zip(y_true.tolist(), y_pred.tolist()):
        cm[index[t]][index[p]] += 1
    return np.array(cm)


def _divide(a, b):
    return a / b if b else 0.0


def _stats(y_true, y_pred, average, pos_label):
    if average == "binary":
        tp = fp = fn = 0
        for t, p in zip(y_true.tolist(), y_pred.tolist()):
            if p == pos_label and t == pos_label:
                tp += 1
            elif p == pos_label:
                fp += 1
            elif t == pos_label:
                fn += 1
        return [(tp, fp, fn)]
    labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    cm = confusion_matrix(y_true, y_pred, labels)
    rows = []
    for i in range(len(labels)):
        tp = int(cm[i, i])
        rows.append((tp, int(cm[:, i].sum()) - tp, int(cm[i, :].sum()) - tp))
    if average == "micro":
        return [tuple(sum(r[j] for r in rows) for j in range(3))]
    return rows


def precision(y_true, y_pred, average="binary", pos_label=1):
    rows = _stats(y_true, y_pred, average, pos_label)
    return sum(_divide(tp, tp + fp) for tp, fp, fn in rows) / len(rows)


def recall(y_true, y_pred, average="binary", pos_label=1):
    rows = _stats(y_true, y_pred, average, pos_label)
    return sum(_divide(tp, tp + fn) for tp, fp, fn in rows) / len(rows)


def f1_score(y_true, y_pred, average="binary", pos_label=1):
    rows = _stats(y_true, y_pred, average, pos_label)
    total = 0.0
    for tp, fp, fn in rows:
        p, r = _divide(tp, tp + fp), _divide(tp, tp + fn)
        total += _divide(2 * p * r, p + r)
    return total / len(rows)
