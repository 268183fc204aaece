"""Right: one row at a time with the math module, as a candidate might write it on a whiteboard."""
import math

import numpy as np


def softmax(z):
    out = np.zeros_like(z, dtype=float)
    for i, row in enumerate(z):
        top = max(row)
        exps = [math.exp(v - top) for v in row]
        total = sum(exps)
        for j, e in enumerate(exps):
            out[i, j] = e / total
    return out


def cross_entropy(logits, y):
    total = 0.0
    for row, label in zip(logits, y):
        top = max(row)
        log_sum = top + math.log(sum(math.exp(v - top) for v in row))
        total += log_sum - row[label]
    return total / len(y)


def cross_entropy_grad(logits, y):
    n = len(y)
    grad = softmax(logits)
    for i in range(n):
        grad[i, int(y[i])] -= 1.0
    for i in range(n):
        for j in range(grad.shape[1]):
            grad[i, j] /= n
    return grad
