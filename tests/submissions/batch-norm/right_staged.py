"""Right: the staged computational-graph backward (cs231n style), keeping x, mu and var."""
import numpy as np


class BatchNorm:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.momentum = momentum
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if not training:
            xn = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
            return self.gamma * xn + self.beta
        N = x.shape[0]
        mu = x.sum(axis=0) / N
        xmu = x - mu
        var = (xmu ** 2).sum(axis=0) / N
        sqrtvar = np.sqrt(var + self.eps)
        ivar = 1.0 / sqrtvar
        xhat = xmu * ivar
        self.cache = (xhat, self.gamma, xmu, ivar, sqrtvar, var)
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
        self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * N / (N - 1)
        return self.gamma * xhat + self.beta

    def backward(self, dout):
        xhat, gamma, xmu, ivar, sqrtvar, var = self.cache
        N, D = dout.shape
        self.dbeta = np.sum(dout, axis=0)
        self.dgamma = np.sum(dout * xhat, axis=0)
        dxhat = dout * gamma
        divar = np.sum(dxhat * xmu, axis=0)
        dxmu1 = dxhat * ivar
        dsqrtvar = -1.0 / (sqrtvar ** 2) * divar
        dvar = 0.5 * 1.0 / np.sqrt(var + self.eps) * dsqrtvar
        dsq = 1.0 / N * np.ones((N, D)) * dvar
        dxmu2 = 2 * xmu * dsq
        dx1 = dxmu1 + dxmu2
        dmu = -1 * np.sum(dx1, axis=0)
        dx2 = 1.0 / N * np.ones((N, D)) * dmu
        return dx1 + dx2
