"""Wrong (found in a new-user trial): the inference forward also writes the cache, so a backward after
forward(x_eval, training=False) differentiates the inference batch instead of the last training one."""
import numpy as np

class BatchNorm:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.momentum, self.eps = momentum, eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if not training:
            xc = x - self.running_mean
            std = np.sqrt(self.running_var + self.eps)
            self._cache = (xc, std, xc / std)
            return self.gamma * xc / std + self.beta
        N = x.shape[0]
        mu = x.mean(axis=0)
        xc = x - mu
        var = (xc ** 2).mean(axis=0)
        std = np.sqrt(var + self.eps)
        xhat = xc / std
        m = self.momentum
        self.running_mean = (1 - m) * self.running_mean + m * mu
        self.running_var = (1 - m) * self.running_var + m * var * N / (N - 1)
        self._cache = (xc, std, xhat)
        return self.gamma * xhat + self.beta

    def backward(self, dy):
        xc, std, xhat = self._cache
        N = dy.shape[0]
        self.dbeta = dy.sum(0)
        self.dgamma = (dy * xhat).sum(0)
        dxhat = dy * self.gamma
        # staged graph: xhat = xc * istd
        istd = 1 / std
        dxc = dxhat * istd
        distd = (dxhat * xc).sum(0)
        dstd = -distd / std ** 2
        dvar = dstd / (2 * std)
        dxc += 2 * xc * dvar / N
        dmu = -dxc.sum(0)
        return dxc + dmu / N
