"""The ROC curve and the area under it (AUC), from scratch.

Interview question: "Implement roc_curve and roc_auc_score without sklearn — and handle tied scores." Use NumPy
(and the standard library) only. Check your work with `drill check roc-auc`.

Shared rules
------------
y_true : 1-D int array of 0/1 labels, 1 = positive. The grader always passes both classes.
scores : 1-D float array, same length; a higher score means "more likely positive". Scores may tie.

NumPy 2 removed np.trapz (and np.asfarray): integrate with np.trapezoid(tpr, fpr), or sum the trapezoids
yourself; np.asarray(x, dtype=float) replaces np.asfarray.
"""

import numpy as np


def roc_curve(y_true: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The ROC curve: one point per DISTINCT score, plus the start (0, 0).

    A threshold t classifies a sample as positive when its score is >= t. Sweep t down over the distinct scores:
        thresholds = [np.inf, then every distinct score in DECREASING order]
        fpr[i] = (negatives with score >= thresholds[i]) / (number of negatives)
        tpr[i] = (positives with score >= thresholds[i]) / (number of positives)
    so the curve starts at (0, 0) (nothing is positive above every score) and ends at (1, 1). Samples with equal
    scores are crossed together: a tie between a positive and a negative is ONE diagonal step, never a staircase.
    Keep every point (unlike scikit-learn's default drop_intermediate=True, no collinear point is dropped).

    Returns:
        (fpr, tpr, thresholds): three float arrays of the same shape (1 + number of distinct scores,).
        thresholds[0] is np.inf; any number larger than every score is accepted there too (scikit-learn's
        older versions used max(scores) + 1).
    """
    raise NotImplementedError


def roc_auc_score(y_true: np.ndarray, scores: np.ndarray) -> float:
    """The area under the ROC curve above, as one float.

    It equals the Mann–Whitney probability: pick a random positive and a random negative; the AUC is
    P(positive's score > negative's score) + ½·P(the two scores are equal). Ties count one half — the trapezoid
    rule on the tie-grouped curve gives exactly that. Perfect ranking gives 1.0, reversed ranking 0.0, all scores
    equal 0.5. Any correct method is accepted (trapezoids, ranks, counting pairs); the tolerance is 1e-9.
    """
    raise NotImplementedError
