"""Right: vectorised, the running variance from np.var(ddof=1), the backward written as (N·g − Σg − xhat·Σ(g·xhat))."""
import numpy as np


class BatchNorm:
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.momentum, self.eps = momentum, eps
        self.gamma = np.ones((num_features,))
        self.beta = np.zeros((num_features,))
        self.running_mean = np.zeros((num_features,))
        self.running_var = np.ones((num_features,))
        self.dgamma = self.dbeta = None

    def forward(self, x, training=True):
        if training:
            mean = np.mean(x, axis=0)
            var = np.var(x, axis=0)
            self.running_mean = self.momentum * mean + (1.0 - self.momentum) * self.running_mean
            self.running_var = self.momentum * np.var(x, axis=0, ddof=1) + (1.0 - self.momentum) * self.running_var
        else:
            mean, var = self.running_mean, self.running_var
        std = np.sqrt(var + self.eps)
        x_hat = (x - mean) / std
        if training:
            self.cache = (x_hat, std, self.gamma)
        return self.gamma * x_hat + self.beta

    def backward(self, dy):
        x_hat, std, gamma = self.cache
        n = dy.shape[0]
        self.dbeta = np.sum(dy, axis=0)
        self.dgamma = np.sum(dy * x_hat, axis=0)
        g = dy * gamma
        return (n * g - np.sum(g, axis=0) - x_hat * np.sum(g * x_hat, axis=0)) / (n * std)
