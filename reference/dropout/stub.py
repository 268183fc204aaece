"""Inverted dropout from scratch — the regulariser that randomly switches units off during training.

Interview question: "Implement dropout. Why do we scale by 1/(1 − p), and what happens at test time?" Use NumPy
(and the standard library) only. Check your work with `drill check dropout`.

Convention (PyTorch's nn.Dropout): p is the probability of DROPPING (zeroing) each unit, 0 ≤ p < 1; each unit is
kept with probability 1 − p. Inverted dropout scales the kept units by 1/(1 − p) during training, so that the
expected value of every unit is unchanged and inference needs no scaling at all: at inference (training=False),
dropout is the identity.

What the grader checks (random draws are left open, so it judges invariants, never a particular mask):
- mask has the shape of x and holds only 0s and 1s (bool, int or float), 1 meaning "kept" (a mask that already
  carries the scaling — 0 and 1/(1 − p), with out = x * mask, as in cs231n — is accepted as the same mask);
- out == x * mask / (1 − p), with the very mask you return (to 1e-12 relative);
- the kept fraction mask.mean() is within 5 binomial standard deviations of 1 − p:
  |mask.mean() − (1 − p)| ≤ 5·sqrt(p·(1 − p) / x.size), on arrays of 2,000 to 100,000 units;
- the same seed gives the same mask: two calls with np.random.default_rng(21) each return identical masks, and
  seeds 21 and 22 give different ones — so draw from the rng you are given;
- training=False, or p = 0: out equals x and mask is all ones (np.ones(x.shape)).
Left open: how you draw (rng.random(x.shape) >= p, rng.binomial(1, 1 − p, x.shape), rng.uniform…), the mask's
dtype, and whether out is a new array (x itself must not be modified).
"""

import numpy as np


def dropout(x: np.ndarray, p: float, training: bool = True, rng: np.random.Generator | None = None) -> tuple:
    """Apply inverted dropout to x.

    Args:
        x: float array of any shape (the grader uses 2-D and 3-D arrays).
        p: the probability of dropping each unit, 0 ≤ p < 1.
        training: True: drop units at random and scale the kept ones by 1/(1 − p); False: return x unchanged.
        rng: a np.random.Generator to draw the mask from; None: use a fresh np.random.default_rng().

    Returns:
        (out, mask): out has the shape of x, out = x * mask / (1 − p); mask has the shape of x, 0 for a dropped
        unit and 1 for a kept one. When training is False or p == 0: out equals x and mask is all ones.
    """
    raise NotImplementedError
