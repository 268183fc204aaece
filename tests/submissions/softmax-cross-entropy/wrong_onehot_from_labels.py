"""Wrong: K is taken from the labels (y.max() + 1), so a class missing from y breaks the one-hot."""
import numpy as np


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def cross_entropy(logits, y):
    p = softmax(logits)
    return float(-np.mean(np.log(p[np.arange(len(y)), y])))


def cross_entropy_grad(logits, y):
    Y = np.eye(y.max() + 1)[y]
    return (softmax(logits) - Y) / len(y)
