"""The forward pass of a 2-D convolution layer from scratch.

Interview question: "Implement conv2d forward with stride and padding, in NumPy." Use NumPy (and the standard
library) only. Check your work with `drill check conv2d`.
"""

import numpy as np


def conv2d(x: np.ndarray, w: np.ndarray, b: np.ndarray, stride: int = 1, padding: int = 0) -> np.ndarray:
    """A convolution layer's forward pass, as PyTorch's nn.Conv2d / F.conv2d computes it.

    Args:
        x: float array, shape (N, C, H, W): a batch of N images with C channels each (channels first).
        w: float array, shape (F, C, kh, kw): F filters, each spanning all C input channels; kh rows, kw columns.
        b: float array, shape (F,): one bias per filter.
        stride: int >= 1, the step between neighbouring windows, the same along rows and columns.
        padding: int >= 0, the number of rows/columns of zeros added on EVERY side (top, bottom, left, right)
            before sliding the windows.

    Returns:
        float array, shape (N, F, H_out, W_out), with
            H_out = (H + 2·padding − kh) // stride + 1,   W_out = (W + 2·padding − kw) // stride + 1
        (floor division: windows that would stick out past the padded image are dropped), and
            out[n, f, i, j] = b[f] + Σ_c Σ_u Σ_v x_pad[n, c, i·stride + u, j·stride + v] · w[f, c, u, v]
        for u in 0 … kh−1, v in 0 … kw−1, where x_pad is x with the zero padding.

    This is cross-correlation — the kernel is NOT flipped (what deep-learning libraries call convolution; the
    textbook convolution of signal processing, w[f, c, kh−1−u, kw−1−v], is a different answer). Every input
    channel is summed into each output; each filter's bias is added once per output value.

    The grader compares the result with the reference (tolerance 1e-6·|expected| + 1e-7·C·kh·kw·max|x|·max|w|,
    so float32 arithmetic passes too), on batches with several channels and filters, non-square images and
    kernels, and strides that do not divide the image evenly. Left open: the order of the sums, the method
    (loops, im2col, np.lib.stride_tricks.sliding_window_view, np.einsum), and the float dtype (float64 or
    float32).
    """
    raise NotImplementedError
