"""Stochastic gradient descent with momentum, from scratch.

Interview question: "Implement SGD with momentum." Use NumPy (and the standard library) only. Check your work
with `drill check sgd-momentum`.
"""

import numpy as np


class SGDMomentum:
    """Gradient descent with (classical, heavy-ball) momentum.

    Parameters
    ----------
    learning_rate : float, default 0.01
        Step size α.
    momentum : float, default 0.9
        Momentum coefficient μ: how much of the previous velocity each step keeps (0.0 gives plain SGD).

    The optimiser keeps one piece of state, a velocity v shaped like the parameters. Create it lazily, as zeros,
    on the first call to `step` (the optimiser does not know the parameters' shape before that); every later
    call updates it. Each optimiser object has its own state. Name the attributes as you like.

    The update, with g the gradient (either convention, they give the same parameters):
        v ← μ·v + g          θ ← θ − α·v            (PyTorch's form)
        v ← μ·v − α·g        θ ← θ + v              (the "velocity" form; v is α times the one above)
    The first step is therefore plain SGD: θ − α·g. This is NOT the exponential-moving-average form
    v ← μ·v + (1 − μ)·g, which takes steps (1 − μ) times smaller, and not Nesterov momentum.

    The grader feeds a fixed, seeded sequence of gradients and compares every returned parameter vector with
    the reference's (tolerance 1e-9 + 1e-6·|expected|), so any correct implementation passes: loops or
    vectorised, either convention.
    """

    def __init__(self, learning_rate: float = 0.01, momentum: float = 0.9):
        self.learning_rate = learning_rate
        self.momentum = momentum

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
