"""Confusion matrix, precision, recall and F1 (binary, macro, micro) — the reference solution."""

from __future__ import annotations

import numpy as np


def _labels(y_true: np.ndarray, y_pred: np.ndarray) -> np.ndarray:
    """The sorted distinct labels of y_true and y_pred together."""
    return np.unique(np.concatenate([np.asarray(y_true), np.asarray(y_pred)]))


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, labels=None) -> np.ndarray:
    """C[i, j] = #(true == labels[i] and predicted == labels[j])."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    labels = _labels(y_true, y_pred) if labels is None else np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    k = len(labels)
    # the position of each sample's label in `labels`, through the sorted copy
    true_idx = order[np.searchsorted(labels[order], y_true)]
    pred_idx = order[np.searchsorted(labels[order], y_pred)]
    return np.bincount(true_idx * k + pred_idx, minlength=k * k).reshape(k, k)


def _counts(y_true: np.ndarray, y_pred: np.ndarray, average: str, pos_label) -> tuple[np.ndarray, ...]:
    """(TP, FP, FN) as arrays: one entry per class for "macro", a single entry for "binary" and "micro"."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if average == "binary":
        actual, predicted = y_true == pos_label, y_pred == pos_label
        tp = np.sum(actual & predicted)
        return np.array([tp]), np.array([np.sum(predicted) - tp]), np.array([np.sum(actual) - tp])
    if average not in ("macro", "micro"):
        raise ValueError(f"average must be 'binary', 'macro' or 'micro', not {average!r}")
    cm = confusion_matrix(y_true, y_pred)
    tp = np.diag(cm)
    fp, fn = cm.sum(axis=0) - tp, cm.sum(axis=1) - tp
    if average == "micro":
        return tp.sum(keepdims=True), fp.sum(keepdims=True), fn.sum(keepdims=True)
    return tp, fp, fn


def _mean_ratio(numerator: np.ndarray, denominator: np.ndarray) -> float:
    """The mean of numerator / denominator over classes, each ratio 0.0 where its denominator is 0."""
    ratios = np.divide(numerator, denominator, out=np.zeros(len(numerator)), where=denominator > 0)
    return float(ratios.mean())


def precision(y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary", pos_label=1) -> float:
    """TP / (TP + FP), averaged as asked; 0.0 where nothing was predicted."""
    tp, fp, _ = _counts(y_true, y_pred, average, pos_label)
    return _mean_ratio(tp, tp + fp)


def recall(y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary", pos_label=1) -> float:
    """TP / (TP + FN), averaged as asked; 0.0 where a class has no true samples."""
    tp, _, fn = _counts(y_true, y_pred, average, pos_label)
    return _mean_ratio(tp, tp + fn)


def f1_score(y_true: np.ndarray, y_pred: np.ndarray, average: str = "binary", pos_label=1) -> float:
    """2TP / (2TP + FP + FN) per class (= 2PR / (P + R)), averaged as asked; 0.0 where TP = FP = FN = 0."""
    tp, fp, fn = _counts(y_true, y_pred, average, pos_label)
    return _mean_ratio(2 * tp, 2 * tp + fp + fn)
