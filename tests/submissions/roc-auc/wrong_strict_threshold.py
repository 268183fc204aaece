"""Wrong: a sample counts as positive when its score is > t (not >= t)."""
import numpy as np


def roc_curve(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    tpr = np.array([np.mean(pos > t) for t in thresholds])
    fpr = np.array([np.mean(neg > t) for t in thresholds])
    return fpr, tpr, thresholds


def roc_auc_score(y_true, scores):
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.trapezoid(tpr, fpr))
