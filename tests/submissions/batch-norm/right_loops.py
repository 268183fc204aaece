"""Right: one feature (column) at a time, with the formulas written out per column."""
import math

import numpy as np


class BatchNorm:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.D = num_features
        self.momentum = momentum
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        N, D = x.shape
        y = np.empty((N, D))
        if not training:
            for j in range(D):
                s = math.sqrt(self.running_var[j] + self.eps)
                for i in range(N):
                    y[i, j] = self.gamma[j] * (x[i, j] - self.running_mean[j]) / s + self.beta[j]
            return y
        self.xhat = np.empty((N, D))
        self.inv = np.empty(D)
        for j in range(D):
            col = [float(v) for v in x[:, j]]
            mu = sum(col) / N
            ss = sum((v - mu) ** 2 for v in col)
            self.inv[j] = 1.0 / math.sqrt(ss / N + self.eps)
            for i in range(N):
                self.xhat[i, j] = (col[i] - mu) * self.inv[j]
                y[i, j] = self.gamma[j] * self.xhat[i, j] + self.beta[j]
            self.running_mean[j] = (1 - self.momentum) * self.running_mean[j] + self.momentum * mu
            self.running_var[j] = (1 - self.momentum) * self.running_var[j] + self.momentum * ss / (N - 1)
        self.used_gamma = self.gamma.copy()
        return y

    def backward(self, dy):
        N, D = dy.shape
        dx = np.empty((N, D))
        self.dgamma = np.zeros(D)
        self.dbeta = np.zeros(D)
        for j in range(D):
            g = [dy[i, j] * self.used_gamma[j] for i in range(N)]
            m1 = sum(g) / N
            m2 = sum(g[i] * self.xhat[i, j] for i in range(N)) / N
            for i in range(N):
                dx[i, j] = self.inv[j] * (g[i] - m1 - self.xhat[i, j] * m2)
                self.dgamma[j] += dy[i, j] * self.xhat[i, j]
                self.dbeta[j] += dy[i, j]
        return dx
