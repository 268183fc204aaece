"""Wrong: the running variance is updated with the biased batch variance."""
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
        if training:
            n = x.shape[0]
            mean = x.mean(axis=0)
            var = x.var(axis=0)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mean
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var
            self.x_norm = (x - mean) / np.sqrt(var + self.eps)
            self.std = np.sqrt(var + self.eps)
            return self.gamma * self.x_norm + self.beta
        x_norm = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
        return self.gamma * x_norm + self.beta

    def backward(self, dy):
        n = dy.shape[0]
        self.dgamma = np.sum(dy * self.x_norm, axis=0)
        self.dbeta = np.sum(dy, axis=0)
        dx_norm = dy * self.gamma
        dx = (1.0 / n) / self.std * (n * dx_norm - dx_norm.sum(axis=0) - self.x_norm * (dx_norm * self.x_norm).sum(axis=0))
        return dx
