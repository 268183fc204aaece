"""Right: full-batch subgradient descent, vectorised, with the bias folded into an augmented weight vector (and
kept out of the regulariser); stores w and b under other names than the stub suggests."""
import numpy as np


class LinearSVM:
    def __init__(self, C=1.0, learning_rate=0.01, n_iterations=1000):
        self.C = C
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations

    def _t(self, y):
        return (np.asarray(y) == self.labels[1]) * 2.0 - 1.0

    def fit(self, X, y):
        self.labels = np.unique(y)
        t = self._t(y)
        Xa = np.hstack([X, np.ones((len(X), 1))])
        theta = np.zeros(Xa.shape[1])
        penalised = np.ones_like(theta)
        penalised[-1] = 0.0  # no penalty on the bias
        for _ in range(self.n_iterations):
            margins = t * (Xa @ theta)
            coef = np.where(margins < 1, t, 0.0)
            grad = penalised * theta - self.C * (Xa.T @ coef)
            theta -= self.learning_rate * grad
        self.coef_, self.intercept_ = theta[:-1], theta[-1]
        return self

    def decision_function(self, X):
        return X @ self.coef_ + self.intercept_

    def predict(self, X):
        return self.labels[(self.decision_function(X) > 0).astype(int)]

    def objective(self, X, y):
        hinge = np.clip(1 - self._t(y) * self.decision_function(X), 0, None)
        return 0.5 * np.dot(self.coef_, self.coef_) + self.C * np.sum(hinge)
