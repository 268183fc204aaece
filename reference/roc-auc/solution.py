"""ROC curve and AUC, ties handled — the reference solution."""

from __future__ import annotations

import numpy as np


def roc_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(fpr, tpr, thresholds), one point per distinct score (descending) after the start (0, 0) at +inf."""
    y_true = np.asarray(y_true)
    scores = np.asarray(scores, dtype=float)
    order = np.argsort(-scores, kind="stable")
    sorted_scores, positive = scores[order], y_true[order] == 1
    # the last sample of each group of equal scores: counting up to it crosses the whole group at once
    group_end = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]
    tps = np.cumsum(positive)[group_end]
    fps = np.cumsum(~positive)[group_end]
    fpr = np.r_[0.0, fps / fps[-1]]
    tpr = np.r_[0.0, tps / tps[-1]]
    thresholds = np.r_[np.inf, sorted_scores[group_end]]
    return fpr, tpr, thresholds


def roc_auc_score(y_true: np.ndarray, scores: np.ndarray) -> float:
    """The trapezoid area under the tie-grouped ROC curve (= the Mann–Whitney probability, ties counting ½)."""
    fpr, tpr, _ = roc_curve(y_true, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
