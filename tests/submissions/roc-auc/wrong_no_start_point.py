"""Wrong: the curve has no (0, 0) start; AUC by trapezoids on it."""
import numpy as np


def roc_curve(y_true, scores):
    order = np.argsort(-scores, kind="stable")
    s, y = scores[order], y_true[order]
    last = np.r_[s[1:] != s[:-1], True]
    tps, fps = np.cumsum(y == 1)[last], np.cumsum(y == 0)[last]
    return fps / fps[-1], tps / tps[-1], s[last]


def roc_auc_score(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))
