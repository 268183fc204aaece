"""RMSProp, from scratch.

Interview question: "Implement RMSProp." Use NumPy (and the standard library) only. Check your work with
`drill check rmsprop`.
"""

import numpy as np


class RMSProp:
    """RMSProp: each parameter's step is divided by a running root-mean-square of its recent gradients.

    Parameters
    ----------
    learning_rate : float, default 0.001
        Step size α.
    rho : float, default 0.9
        Decay ρ of the running average of squared gradients.
    eps : float, default 1e-8
        Keeps the division finite where the average is 0.

    The optimiser keeps one piece of state, the running average s of squared gradients, shaped like the
    parameters. Create it lazily, as zeros, on the first call to `step` (the shape is only known then); every
    later call updates it. Each optimiser object has its own state. Name the attributes as you like.

    The update, with g the gradient (elementwise; no bias correction — that is Adam's):
        s ← ρ·s + (1 − ρ)·g²
        θ ← θ − α·g / (√s + ε)
    Where ε goes is left free: √s + ε and √(s + ε) are both accepted. The grader's gradients are either exactly
    0 or at least 0.1 in size, where the two differ by far less than its tolerance (1e-7 + 1e-5·|expected|).
    A gradient that is exactly 0 must leave its parameter unchanged, never NaN.

    The grader feeds a fixed, seeded sequence of gradients and compares every returned parameter vector with
    the reference's, so any correct implementation passes: loops or vectorised.
    """

    def __init__(self, learning_rate: float = 0.001, rho: float = 0.9, eps: float = 1e-8):
        self.learning_rate = learning_rate
        self.rho = rho
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
