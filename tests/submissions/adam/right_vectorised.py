"""Correct, vectorised, with ε inside the square root; state in a dict, params updated in place."""
import numpy as np


class Adam:
    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps = learning_rate, beta1, beta2, eps
        self.state = {}

    def step(self, params, grads):
        st = self.state
        if not st:
            st.update(t=0, m=np.zeros_like(params), v=np.zeros_like(params))
        st["t"] += 1
        st["m"] = self.b1 * st["m"] + (1 - self.b1) * grads
        st["v"] = self.b2 * st["v"] + (1 - self.b2) * grads**2
        m_hat = st["m"] / (1 - self.b1 ** st["t"])
        v_hat = st["v"] / (1 - self.b2 ** st["t"])
        params -= self.lr * m_hat / np.sqrt(v_hat + self.eps)
        return params
