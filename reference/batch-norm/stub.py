"""Batch normalisation for fully connected layers (BatchNorm1d), forward and backward, from scratch.

Interview question: "Implement batch norm: training and inference modes, the running statistics, and the backward
pass." Use NumPy (and the standard library) only. Check your work with `drill check batch-norm`.

PyTorch's conventions (torch.nn.BatchNorm1d), for x of shape (N, D) — N samples, D features:

Training (forward(x, training=True)): each FEATURE (column) is normalised with the statistics of the batch:
    mu  = mean(x, axis=0)                                   shape (D,)
    var = mean((x − mu)², axis=0)                           the BIASED variance (divide by N) — used to normalise
    y   = gamma * (x − mu) / sqrt(var + eps) + beta         eps INSIDE the square root
  and the running statistics are updated, once per training forward:
    running_mean = (1 − momentum) · running_mean + momentum · mu
    running_var  = (1 − momentum) · running_var  + momentum · var · N / (N − 1)     (the UNBIASED variance)
  With momentum = 0.1 the running values move 10% of the way towards the batch's (not 90%).

Inference (forward(x, training=False)): no batch statistics at all, and nothing is updated:
    y = gamma * (x − running_mean) / sqrt(running_var + eps) + beta

Backward (backward(dy), after a training forward): dy = dL/dy for the last training forward's y; returns dx and
stores self.dgamma and self.dbeta (each shape (D,)). An inference forward in between (of any batch size) changes
nothing backward computes. mu and var depend on x, so dx has three paths: directly, through the batch mean and
through the batch variance. The grader compares dx, dgamma and dbeta with central differences of L = Σ dy·y
(1e-6 + 1e-4·|g|) and names the one that is wrong.

The grader may set gamma and beta to known values (`bn.gamma = …`) before a forward pass: read self.gamma and
self.beta at every call. Tolerances: y within 1e-7 + 1e-6·|y|, running statistics within 1e-9 + 1e-7·|value|.
Left open: what you keep between forward and backward, and loops versus vectorised code. The grader's batches
have N ≥ 4.
"""

import numpy as np


class BatchNorm:
    """Batch normalisation over the batch axis of (N, D) inputs.

    Parameters
    ----------
    num_features : int — D, the number of features (columns of x).
    momentum : float, default 0.1 — the weight of the NEW batch statistic in the running average.
    eps : float, default 1e-5 — added to the variance inside the square root.

    Attributes (set by __init__, float arrays of shape (D,))
    ---------------------------------------------------------
    gamma : ones — the learnable scale.
    beta : zeros — the learnable shift.
    running_mean : zeros.
    running_var : ones.
    dgamma, dbeta : set by backward — the gradients of L with respect to gamma and beta, shape (D,).
    """

    def __init__(self, num_features: int, momentum: float = 0.1, eps: float = 1e-5):
        raise NotImplementedError

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        """Normalise x (see the module docstring for both modes).

        Args:
            x: float array, shape (N, D).
            training: True: batch statistics, and update the running ones; False: use the running statistics only.

        Returns:
            y, float array, shape (N, D). Does not modify x.
        """
        raise NotImplementedError

    def backward(self, dy: np.ndarray) -> np.ndarray:
        """Backpropagate through the last TRAINING forward.

        Args:
            dy: float array, shape (N, D): dL/dy.

        Returns:
            dx, float array, shape (N, D) — through the batch mean and variance too. Also sets self.dgamma = Σ over
            the batch (axis 0) of dy * xhat and self.dbeta = Σ over the batch of dy, each shape (D,) (not returned).
        """
        raise NotImplementedError
