"""Wrong: one point per sample (ties are not grouped), AUC by trapezoids on that staircase."""
import numpy as np


def roc_curve(y_true, scores):
    order = np.argsort(-scores, kind="stable")
    y = y_true[order]
    tps, fps = np.cumsum(y == 1), np.cumsum(y == 0)
    fpr = np.r_[0.0, fps / fps[-1]]
    tpr = np.r_[0.0, tps / tps[-1]]
    return fpr, tpr, np.r_[np.inf, scores[order]]


def roc_auc_score(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))
