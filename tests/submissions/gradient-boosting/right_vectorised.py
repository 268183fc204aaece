"""Right: vectorised — the best cut maximises S_L²/n_L + S_R²/n_R (the same as minimising the squared error,
since Σ r² is fixed), every cut of every feature at once; each leaf stores its value already multiplied by the
learning rate, so predict sums the trees as they are; train_loss_ is a NumPy array."""
import numpy as np




def fit_tree(X, r, max_depth, shrink):
    """Flat arrays: feature (−1 for a leaf), threshold, left, right, value (already shrunk)."""
    feature, threshold, left_of, right_of, value = [], [], [], [], []
    todo = [(np.arange(len(r)), 0, None, None)]
    while todo:
        rows, depth, parent, is_left = todo.pop()
        index = len(feature)
        if parent is not None:
            (left_of if is_left else right_of)[parent] = index
        feature.append(-1)
        threshold.append(np.nan)
        left_of.append(-1)
        right_of.append(-1)
        value.append(shrink * r[rows].mean())
        n = len(rows)
        if depth == max_depth or n < 2:
            continue
        Xn, rn = X[rows], r[rows]
        order = Xn.argsort(axis=0)
        xs = np.take_along_axis(Xn, order, axis=0)
        S = rn[order].cumsum(axis=0)
        total = S[-1]
        k = np.arange(1, n)[:, None]
        gain = S[:-1] ** 2 / k + (total - S[:-1]) ** 2 / (n - k) - total**2 / n
        gain[xs[1:] == xs[:-1]] = -np.inf
        flat = gain.ravel()[::-1]  # ties: the last cut wins
        pos = len(flat) - 1 - int(flat.argmax())
        i, j = divmod(pos, X.shape[1])
        if not gain[i, j] > 1e-12 * max((rn**2).sum(), 1e-300):
            continue
        feature[index], threshold[index] = j, 0.5 * (xs[i, j] + xs[i + 1, j])
        goes_left = Xn[:, j] <= threshold[index]
        todo.append((rows[~goes_left], depth + 1, index, False))
        todo.append((rows[goes_left], depth + 1, index, True))
    return tuple(np.array(a) for a in (feature, threshold, left_of, right_of, value))


def apply_tree(tree, X):
    feature, threshold, left_of, right_of, value = tree
    at = np.zeros(len(X), dtype=int)
    for _ in range(len(feature)):
        j = feature[at]
        inner = j >= 0
        if not inner.any():
            break
        x = X[np.arange(len(X)), np.where(inner, j, 0)]
        at = np.where(inner, np.where(x <= threshold[at], left_of[at], right_of[at]), at)
    return value[at]


class GradientBoostingRegressor:
    def __init__(self, n_estimators=100, learning_rate=0.1, max_depth=1):
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        self.base_ = y.mean()
        self.trees_ = []
        losses = np.empty(self.n_estimators)
        pred = np.full(y.shape, self.base_)
        for m in range(self.n_estimators):
            tree = fit_tree(X, y - pred, self.max_depth, self.learning_rate)
            pred += apply_tree(tree, X)
            self.trees_.append(tree)
            losses[m] = ((y - pred) ** 2).mean()
        self.train_loss_ = losses
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        return self.base_ + sum((apply_tree(t, X) for t in self.trees_), np.zeros(len(X)))
