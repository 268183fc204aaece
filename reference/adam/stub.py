"""Adam, from scratch.

Interview question: "Implement the Adam optimiser." Use NumPy (and the standard library) only. Check your work
with `drill check adam`.
"""

import numpy as np


class Adam:
    """Adam: momentum (a running mean of gradients) and RMSProp (a running mean of squared gradients), both
    bias-corrected.

    Parameters
    ----------
    learning_rate : float, default 0.001
        Step size α.
    beta1 : float, default 0.9
        Decay β₁ of the running mean m of gradients.
    beta2 : float, default 0.999
        Decay β₂ of the running mean v of squared gradients.
    eps : float, default 1e-8
        Keeps the division finite where v is 0.

    The optimiser keeps a step count t and two arrays m and v shaped like the parameters. Create them lazily,
    t = 0 and m = v = zeros, on the first call to `step` (the shape is only known then); every later call updates
    them. Each optimiser object has its own state. Name the attributes as you like.

    The update, with g the gradient (elementwise):
        t ← t + 1                                  (so the first step has t = 1)
        m ← β₁·m + (1 − β₁)·g
        v ← β₂·v + (1 − β₂)·g²
        m̂ = m / (1 − β₁ᵗ)        v̂ = v / (1 − β₂ᵗ)   (bias correction: m and v start at 0, so early on they
                                                   are too small; m̂ and v̂ are NOT stored back into m and v)
        θ ← θ − α·m̂ / (√v̂ + ε)
    The first step is therefore about θ − α·sign(g), whatever the gradient's size.
    Left free: where ε goes (√v̂ + ε or √(v̂ + ε)), and the paper's equivalent "efficient" form
    αₜ = α·√(1 − β₂ᵗ)/(1 − β₁ᵗ), θ ← θ − αₜ·m / (√v + ε). The grader's gradients are either exactly 0 or at
    least 0.1 in size, where these differ by far less than its tolerance (1e-7 + 1e-5·|expected|).
    A gradient that is always exactly 0 must leave its parameter unchanged, never NaN.

    The grader feeds a fixed, seeded sequence of gradients and compares every returned parameter vector with
    the reference's, so any correct implementation passes: loops or vectorised.
    """

    def __init__(self, learning_rate: float = 0.001, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8):
        self.learning_rate = learning_rate
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps

    def step(self, params: np.ndarray, grads: np.ndarray) -> np.ndarray:
        """One update.

        Args:
            params: float array, shape (n_params,) — the current parameters θ.
            grads: float array, shape (n_params,) — the gradient of the loss at θ.

        Returns:
            the new parameters: a float array, shape (n_params,). Return them — updating `params` in place
            and returning nothing is not enough (returning the updated `params` itself is fine).
        """
        raise NotImplementedError
