"""Correct, loop style: one threshold at a time over the distinct scores; AUC by counting pairs."""
import numpy as np


def roc_curve(y_true, scores):
    P = sum(1 for y in y_true if y == 1)
    N = len(y_true) - P
    fpr, tpr, thresholds = [0.0], [0.0], [float("inf")]
    for t in sorted(set(scores.tolist()), reverse=True):
        tp = fp = 0
        for y, s in zip(y_true, scores):
            if s >= t:
                if y == 1:
                    tp += 1
                else:
                    fp += 1
        fpr.append(fp / N)
        tpr.append(tp / P)
        thresholds.append(t)
    return np.array(fpr), np.array(tpr), np.array(thresholds)


def roc_auc_score(y_true, scores):
    pos = [s for y, s in zip(y_true, scores) if y == 1]
    neg = [s for y, s in zip(y_true, scores) if y == 0]
    total = 0.0
    for p in pos:
        for q in neg:
            if p > q:
                total += 1.0
            elif p == q:
                total += 0.5
    return total / (len(pos) * len(neg))
