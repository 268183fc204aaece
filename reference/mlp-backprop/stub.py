"""A two-layer neural network (one ReLU hidden layer) with backpropagation, from scratch.

Interview question: "Implement a one-hidden-layer MLP classifier in NumPy: forward pass, softmax cross-entropy
loss, backprop by hand, and gradient descent." Use NumPy (and the standard library) only. Check your work with
`drill check mlp-backprop`.

The network
-----------
For X of shape (n, n_in) (n samples, one per row) and integer labels y of shape (n,) in 0 … n_out−1:

    A = X @ W1 + b1          (n, n_hidden)   hidden pre-activation
    H = relu(A)              (n, n_hidden)   relu(a) = max(a, 0)
    Z = H @ W2 + b2          (n, n_out)      logits (the output layer is linear: no ReLU on Z)
    L = (1/n)·Σ_i −log softmax(Z)[i, y_i]    the MEAN softmax cross-entropy, in nats

The softmax must be stable (subtract each row's maximum before np.exp); clipping p at a small ε (1e-7 or less)
before the log is accepted in loss (tolerance 1e-5 + 1e-6·|L|). At a = 0 relu is not differentiable; the
grader's data keeps every hidden pre-activation at least 1e-3 away from 0, so either convention (mask a > 0 or
a ≥ 0) passes.

How the grader judges it
------------------------
forward, loss, gradients and predict are judged after it sets known weights on your object
(`m.W1 = W1; m.b1 = b1; …` — your methods must read self.W1, self.b1, self.W2, self.b2 at every call). Every
gradient is compared with central differences of the exact loss L at those weights (1e-6 + 1e-4·|g|), and the
message names the parameter that is wrong. fit is judged from known starting weights too: full-batch gradient
descent is deterministic, so your weights after fit must match the reference's (1e-8 + 1e-6·|w|); and from your
own initial weights it must bring the loss down on an easy, separable problem.

Left open: the initial weights' distribution and scale (He, Xavier, 0.01·randn, uniform… all fine; biases may
start at 0), as long as they are seeded (see __init__); loops versus vectorised code.
"""

import numpy as np


class MLP:
    """Input → linear → ReLU → linear → softmax cross-entropy.

    Parameters
    ----------
    n_in : int — number of input features.
    n_hidden : int — number of hidden units.
    n_out : int — number of classes.
    seed : int, default 0 — seeds the initial weights: draw them from np.random.default_rng(seed) (or
        np.random.RandomState(seed)), never from the unseeded global np.random.

    Attributes (set by __init__, float arrays; the grader may overwrite them with known values)
    --------------------------------------------------------------------------------------------
    W1 : shape (n_in, n_hidden)   — so that X @ W1 works (not (n_hidden, n_in))
    b1 : shape (n_hidden,)        — 1-D, not (1, n_hidden)
    W2 : shape (n_hidden, n_out)
    b2 : shape (n_out,)

    Initial weights: the same seed gives exactly the same four arrays; different seeds give a different W1; and W1
    must break the symmetry between hidden units — not all zeros, not one constant (identical hidden units get
    identical gradients and stay identical forever).
    """

    def __init__(self, n_in: int, n_hidden: int, n_out: int, seed: int = 0):
        raise NotImplementedError

    def forward(self, X: np.ndarray) -> np.ndarray:
        """The logits Z = relu(X @ W1 + b1) @ W2 + b2.

        Args:
            X: float array, shape (n, n_in).

        Returns:
            float array, shape (n, n_out): the raw scores (logits), NOT probabilities.
        """
        raise NotImplementedError

    def loss(self, X: np.ndarray, y: np.ndarray) -> float:
        """The mean softmax cross-entropy L of the current weights on (X, y).

        Args:
            X: float array, shape (n, n_in).
            y: integer class ids, shape (n,), in 0 … n_out−1 (n_out is the number of columns, even if a class is
                missing from y).

        Returns:
            one float (not an array): (1/n)·Σ_i −log softmax(Z)[i, y_i], computed stably (log-sum-exp).
        """
        raise NotImplementedError

    def gradients(self, X: np.ndarray, y: np.ndarray) -> dict:
        """The gradients of loss(X, y) with respect to the four parameters, by backpropagation.

        Args:
            X: float array, shape (n, n_in).
            y: integer class ids, shape (n,).

        Returns:
            a dict with exactly the keys "W1", "b1", "W2", "b2"; each value has the shape of its parameter:
            (n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,). With P = softmax(Z) and Y the one-hot of y:
                dZ = (P − Y) / n                       (the 1/n comes from the mean)
                dW2 = Hᵀ dZ,   db2 = Σ_rows dZ
                dH = dZ W2ᵀ,   dA = dH ⊙ [A > 0]       (the ReLU mask, from the PRE-activation A)
                dW1 = Xᵀ dA,   db1 = Σ_rows dA
            Does not change the weights.
        """
        raise NotImplementedError

    def fit(self, X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 100) -> "MLP":
        """Full-batch gradient descent from the CURRENT weights (do not re-initialise them here).

        Args:
            X: float array, shape (n, n_in).
            y: integer class ids, shape (n,).
            lr: the learning rate.
            epochs: the number of gradient steps, exactly; each uses the whole batch: compute all four gradients at
                the current weights, then update all four: W1 ← W1 − lr·dW1, b1 ← b1 − lr·db1, W2 ← W2 − lr·dW2,
                b2 ← b2 − lr·db2. No mini-batches, no shuffling, no momentum, no regularisation.

        Returns:
            self (so that `MLP(2, 16, 3).fit(X, y).predict(X)` chains).
        """
        raise NotImplementedError

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The most probable class of each row.

        Args:
            X: float array, shape (m, n_in).

        Returns:
            integer array, shape (m,): argmax over the classes of the logits (= of the probabilities). Rows whose
            two top logits tie are not judged.
        """
        raise NotImplementedError
