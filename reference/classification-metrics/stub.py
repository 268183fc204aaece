"""Classification metrics from scratch: the confusion matrix, precision, recall and F1.

Interview question: "Implement precision, recall and F1 without sklearn — binary, macro and micro." Use NumPy
(and the standard library) only. Check your work with `drill check classification-metrics`.

Shared rules
------------
y_true, y_pred : 1-D arrays of the same length n ≥ 1, holding class labels — integers (not necessarily
    0…k−1) or strings.
The labels of a problem are the sorted distinct values found in y_true OR y_pred (a class that is only ever
    predicted is still a class): np.unique(np.concatenate([y_true, y_pred])).
For one class c: TP = predicted c and truly c; FP = predicted c, truly another class; FN = truly c, predicted
    another class.
    precision = TP / (TP + FP)      recall = TP / (TP + FN)      F1 = 2·P·R / (P + R)  (= 2TP / (2TP + FP + FN))
Zero division: a precision, recall or F1 whose denominator is 0 is 0.0 — never NaN, never an exception.
average:
    "binary" — the scores of the class `pos_label` alone (every other label counts as negative). The grader
               uses it only when y_true and y_pred hold at most two distinct labels; pos_label may be missing
               from one of them.
    "macro"  — the plain (unweighted) mean of the per-class scores over all the labels; macro F1 is the mean of
               the per-class F1s, not the F1 of macro precision and macro recall.
    "micro"  — the scores of TP, FP and FN summed over all the labels (for single-label data, all three equal
               the accuracy).
Scores are returned as one float (a Python float or a NumPy scalar; not an array of shape (1,)).
Left free: what an unknown `average` does, and loops versus vectorised code.
"""

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, labels=None) -> np.ndarray:
    """The confusion matrix C: C[i, j] = the number of samples whose TRUE label is labels[i] and whose PREDICTED
    label is labels[j] (rows: true, columns: predicted).

    Args:
        y_true, y_pred: see the module docstring.
        labels: the labels in the order of the rows and columns (a list or array); default None: the sorted
            distinct values of y_true and y_pred together. The grader only passes lists that contain every
            value present in y_true and y_pred.

    Returns:
        shape (len(labels), len(labels)), integer counts (float counts that are whole numbers are accepted).
        Every label gets its row and its column, even one that never occurs in y_pred (or in y_true).
    """
    raise NotImplementedError


def precision(y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary", pos_label=1) -> float:
    """TP / (TP + FP): of the samples predicted as a class, the fraction that truly are. See the module docstring
    for `average`, `pos_label` and the zero-division rule (0.0)."""
    raise NotImplementedError


def recall(y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary", pos_label=1) -> float:
    """TP / (TP + FN): of the samples truly of a class, the fraction predicted as it. See the module docstring for
    `average`, `pos_label` and the zero-division rule (0.0)."""
    raise NotImplementedError


def f1_score(y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary", pos_label=1) -> float:
    """The harmonic mean of precision and recall, 2·P·R / (P + R). See the module docstring for `average` (macro:
    the mean of the per-class F1s), `pos_label` and the zero-division rule (0.0)."""
    raise NotImplementedError
