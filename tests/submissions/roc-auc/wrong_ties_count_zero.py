"""Wrong: the AUC counts pairs with pos > neg only; tied pairs count 0 instead of ½."""
import numpy as np


def roc_curve(y_true, scores):
    thresholds = np.r_[np.inf, np.unique(scores)[::-1]]
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    tpr = np.array([np.mean(pos >= t) for t in thresholds])
    fpr = np.array([np.mean(neg >= t) for t in thresholds])
    return fpr, tpr, thresholds


def roc_auc_score(y_true, scores):
    pos, neg = scores[y_true == 1], scores[y_true == 0]
    return float(np.mean(pos[:, None] > neg[None, :]))
