"""Wrong: R² as the squared Pearson correlation."""
import numpy as np


def mse(y_true, y_pred):
    return float(np.mean((y_true - y_pred) ** 2))


def rmse(y_true, y_pred):
    return float(np.sqrt(mse(y_true, y_pred)))


def mae(y_true, y_pred):
    return float(np.mean(np.abs(y_true - y_pred)))


def r2_score(y_true, y_pred):
    if np.all(y_true == y_true[0]):
        return 1.0 if np.all(y_pred == y_true) else 0.0
    return float(np.corrcoef(y_true, y_pred)[0, 1] ** 2)
