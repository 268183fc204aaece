"""Correct, vectorised: np.unique counts per distinct score for the curve; AUC from average ranks."""
import numpy as np


def roc_curve(y_true, scores):
    distinct, inverse = np.unique(scores, return_inverse=True)
    pos_per = np.bincount(inverse, weights=(y_true == 1), minlength=len(distinct))[::-1]
    neg_per = np.bincount(inverse, weights=(y_true == 0), minlength=len(distinct))[::-1]
    tpr = np.concatenate([[0.0], np.cumsum(pos_per) / pos_per.sum()])
    fpr = np.concatenate([[0.0], np.cumsum(neg_per) / neg_per.sum()])
    return fpr, tpr, np.concatenate([[np.inf], distinct[::-1]])


def roc_auc_score(y_true, scores):
    distinct, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    first_rank = np.cumsum(counts) - counts + 1
    avg_rank = first_rank + (counts - 1) / 2          # tied scores share their average rank
    ranks = avg_rank[inverse]
    P = np.sum(y_true == 1)
    N = len(y_true) - P
    return float((ranks[y_true == 1].sum() - P * (P + 1) / 2) / (P * N))
