"""Wrong: sorts the scores in increasing order (the lowest score is treated as the most positive)."""
import numpy as np


def roc_curve(y_true, scores):
    order = np.argsort(scores, kind="stable")
    s, y = scores[order], y_true[order]
    last = np.r_[s[1:] != s[:-1], True]
    tps, fps = np.cumsum(y == 1)[last], np.cumsum(y == 0)[last]
    return np.r_[0.0, fps / fps[-1]], np.r_[0.0, tps / tps[-1]], np.r_[np.inf, s[last]]


def roc_auc_score(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))
