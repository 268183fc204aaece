"""Wrong: no constant-target rule: 0/0 or x/0."""
import numpy as np


def mse(y_true, y_pred):
    return np.mean(np.square(y_true - y_pred))


def rmse(y_true, y_pred):
    return np.sqrt(mse(y_true, y_pred))


def mae(y_true, y_pred):
    return np.abs(y_true - y_pred).mean()


def r2_score(y_true, y_pred):
    np.seterr(all="ignore")
    res = mse(y_true, y_pred)
    tot = np.var(y_true)
    return float(1 - res / tot)
