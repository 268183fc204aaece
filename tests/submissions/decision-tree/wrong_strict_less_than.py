"""Wrong (found in a new-user trial): rows with x < threshold go left, so a new point exactly ON a learned
threshold goes right; the spec sends x[j] <= threshold left (the training split is the same: no training value
equals a midpoint)."""
import numpy as np

def _impurity(counts, criterion):
    # counts: (..., K)
    n = counts.sum(-1, keepdims=True)
    p = np.divide(counts, n, out=np.zeros_like(counts, dtype=float), where=n > 0)
    if criterion == "gini":
        return 1.0 - (p * p).sum(-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        lp = np.where(p > 0, np.log(p), 0.0)
    return -(p * lp).sum(-1)


class DecisionTreeClassifier:
    def __init__(self, max_depth=None, min_samples_split=2, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_split = min_samples_split
        self.criterion = criterion

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        self.classes_, yi = np.unique(y, return_inverse=True)
        K = len(self.classes_)
        self.feat, self.thr, self.left, self.right, self.value = [], [], [], [], []
        onehot = np.eye(K)[yi]

        def new_node():
            for lst, v in ((self.feat, -1), (self.thr, 0.0), (self.left, -1), (self.right, -1), (self.value, None)):
                lst.append(v)
            return len(self.feat) - 1

        stack = [(np.arange(len(X)), 0, new_node())]
        while stack:
            idx, depth, node = stack.pop()
            cnt = onehot[idx].sum(0)
            self.value[node] = cnt / cnt.sum()
            n = len(idx)
            if (self.max_depth is not None and depth >= self.max_depth) or n < self.min_samples_split \
                    or (cnt > 0).sum() == 1:
                continue
            parent = _impurity(cnt, self.criterion)
            best = (0.0, None, None)
            for j in range(X.shape[1]):
                order = np.argsort(X[idx, j], kind="stable")
                xs = X[idx[order], j]
                cum = np.cumsum(onehot[idx[order]], axis=0)[:-1]   # left counts after row i
                valid = xs[1:] > xs[:-1]
                if not valid.any():
                    continue
                nl = np.arange(1, n)
                left_imp = _impurity(cum, self.criterion)
                right_imp = _impurity(cnt - cum, self.criterion)
                dec = parent - (nl / n) * left_imp - ((n - nl) / n) * right_imp
                dec = np.where(valid, dec, -np.inf)
                i = int(np.argmax(dec))
                if dec[i] > best[0]:
                    best = (dec[i], j, (xs[i] + xs[i + 1]) / 2)
            if best[1] is None:
                continue
            _, j, t = best
            self.feat[node], self.thr[node] = j, t
            go_left = X[idx, j] < t
            l, r = new_node(), new_node()
            self.left[node], self.right[node] = l, r
            stack.append((idx[go_left], depth + 1, l))
            stack.append((idx[~go_left], depth + 1, r))
        return self

    def _leaf(self, x):
        node = 0
        while self.feat[node] != -1:
            node = self.left[node] if x[self.feat[node]] < self.thr[node] else self.right[node]
        return node

    def predict_proba(self, X):
        X = np.asarray(X, dtype=float)
        return np.array([self.value[self._leaf(x)] for x in X])

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
