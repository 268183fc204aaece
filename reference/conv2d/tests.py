"""Hidden tests for `conv2d`. The output is unique (cross-correlation with zero padding, as deep-learning libraries
define it), so it is compared with the reference's: shape exactly (N, F, H_out, W_out), values within
1e-6·|expected| + 1e-7·C·kh·kw·max|x|·max|w| (float32 arithmetic passes). When a value differs, the judge replays
the classic mistakes on the same inputs — a flipped kernel (true convolution), a missing bias or one added per
input channel or along the wrong axis, channels not summed, the kernel's rows and columns swapped, padding on one
side only, the stride ignored when placing the windows — and names the one the output matches; a wrong shape is
traced back to the output-size formula it came from."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

RTOL = 1e-6
ATOL_SCALE = 1e-7


# --- the right answer and the classic wrong ones ----------------------------------------------------------------


def correlate(x: np.ndarray, w: np.ndarray, stride: int = 1, padding: int | tuple[int, int] = 0) -> np.ndarray:
    """Σ_c Σ_u Σ_v x_pad[n, c, i·s + u, j·s + v]·w[f, c, u, v], without the bias. `padding` may be (before,
    after) rows/columns to replay one-sided padding."""
    before, behind = (padding, padding) if isinstance(padding, int) else padding
    x_pad = np.pad(x, ((0, 0), (0, 0), (before, behind), (before, behind)))
    kh, kw = w.shape[2:]
    windows = np.lib.stride_tricks.sliding_window_view(x_pad, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
    return np.einsum("nchwuv,fcuv->nfhw", windows, w, optimize=True)


def out_size(size: int, k: int, stride: int, padding: int) -> int:
    return (size + 2 * padding - k) // stride + 1


def variants(x: np.ndarray, w: np.ndarray, b: np.ndarray, s: int, p: int) -> list[tuple[Callable[[], np.ndarray], str]]:
    """(a replay of the mistake, its cause), most telling first."""
    N, C, H, W = x.shape
    F, _, kh, kw = w.shape
    Ho, Wo = out_size(H, kh, s, p), out_size(W, kw, s, p)
    bias = b[None, :, None, None]
    out: list[tuple[Callable[[], np.ndarray], str]] = [
        (lambda: correlate(x, w[:, :, ::-1, ::-1], s, p) + bias,
         "the kernel is flipped (np.flip, or w[..., ::-1, ::-1]): that is convolution in the signal-processing "
         "sense; deep-learning libraries compute cross-correlation — window offset (u, v) meets w[f, c, u, v]"),
        (lambda: correlate(x, w, s, p),
         "the bias is missing: add b[f] to every output of filter f (out + b[None, :, None, None])"),
        (lambda: correlate(x, w, s, p) + C * bias,
         "the bias is added once per input channel (inside the loop over c): add b[f] once per output value"),
        (lambda: correlate(x, w, s, p) + b[None, None, None, :] if Wo == F else np.full(1, np.nan),
         "the bias is added along the last axis (out + b broadcasts over the columns): use b[None, :, None, None], "
         "one bias per filter on axis 1"),
        (lambda: correlate(x[:, :1], w[:, :1], s, p) + bias,
         "only the first input channel counts: each output sums over ALL C channels, Σ_c Σ_u Σ_v"),
        (lambda: correlate(x[:, -1:], w[:, -1:], s, p) + bias,
         "only the last input channel counts — out[n, f] = … inside the loop over channels overwrites instead of "
         "adding (+=); each output sums over ALL C channels"),
        (lambda: correlate(x, w, s, p) / C + bias,
         "the channels are averaged: each output is the SUM over the C channels, not their mean"),
        (lambda: correlate(x, w.transpose(0, 1, 3, 2), s, p) + bias if kh == kw else np.full(1, np.nan),
         "the kernel's rows and columns are swapped (w[f, c, v, u], or an einsum/tensordot with the two kernel "
         "axes in the wrong order): row offset u pairs with w[f, c, u, :], column offset v with w[f, c, :, v]"),
        (lambda: (correlate(x, w, s, p) + bias).transpose(0, 1, 3, 2) if Ho == Wo else np.full(1, np.nan),
         "the output's rows and columns are swapped (out[n, f, j, i] = …): out[n, f, i, j] is the window starting "
         "at ROW i·stride and COLUMN j·stride, and the output has shape (N, F, H_out, W_out)"),
        (lambda: correlate(x, w, s, (0, 2 * p)) + bias,
         "all the padding is on one side (x copied into the top-left corner of the zero array): put padding zeros "
         "on EVERY side — x_pad[:, :, p:p + H, p:p + W] = x, or np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))"),
        (lambda: correlate(x, w, s, (2 * p, 0)) + bias,
         "all the padding is on one side (x copied into the bottom-right corner): put padding zeros on EVERY "
         "side — np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))"),
        (lambda: correlate(x, w, 1, p)[:, :, :Ho, :Wo] + bias,
         "the stride is ignored when placing the windows: output (i, j) reads the window starting at row "
         "i·stride and column j·stride, not at (i, j)"),
        (lambda: correlate(np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)), mode="edge"), w, s, 0) + bias,
         "the padding repeats the border values; it must be zeros: np.pad(..., mode='constant') (the default)"),
    ]
    return out


def shape_cause(x_shape: tuple[int, ...], w_shape: tuple[int, ...], s: int, p: int, shape: tuple[int, ...]) -> str:
    """Name the output-size formula (or the axis order) that gives this wrong shape."""
    N, C, H, W = x_shape
    F, _, kh, kw = w_shape
    right = (N, F, out_size(H, kh, s, p), out_size(W, kw, s, p))
    if len(shape) == 4 and shape[:2] == (N, F):
        formulas: list[tuple[Callable[[int, int], int], str]] = [
            (lambda n, k: -(-(n + 2 * p - k) // s) + 1, "rounds up; H_out = (H + 2·padding − kh) // stride + 1 "
             "rounds DOWN (a window that would stick out past the padded image is dropped)"),
            (lambda n, k: (n + 2 * p - k) // s, "is missing the + 1: H_out = (H + 2·padding − kh) // stride + 1"),
            (lambda n, k: (n + p - k) // s + 1, "pads one side only: padding zeros go on BOTH sides, so "
             "H_out = (H + 2·padding − kh) // stride + 1"),
            (lambda n, k: (n - k) // s + 1, "ignores the padding: H_out = (H + 2·padding − kh) // stride + 1"),
            (lambda n, k: n + 2 * p - k + 1, "ignores the stride: H_out = (H + 2·padding − kh) // stride + 1"),
            (lambda n, k: (n + 2 * p - k + 1) // s, "divides (H + 2·padding − kh + 1) by the stride: "
             "H_out = (H + 2·padding − kh) // stride + 1"),
            (lambda n, k: (n + 2 * p) // s, "forgets the kernel size: H_out = (H + 2·padding − kh) // stride + 1"),
        ]
        for formula, cause in formulas:
            if (formula(H, kh), formula(W, kw)) == shape[2:]:
                return f"the output-size formula {cause}"
        if shape[2:] == right[2:][::-1]:
            return "the spatial axes are swapped: the output is (N, F, H_out, W_out) — rows first, then columns"
        if (out_size(H, kw, s, p), out_size(W, kh, s, p)) == shape[2:]:
            return "kh and kw are swapped: w has shape (F, C, kh, kw), kh rows then kw columns"
    if shape == (N, right[2], right[3], F):
        return "the channels are last (N, H_out, W_out, F): return (N, F, H_out, W_out), channels first"
    if shape == (F, N, *right[2:]):
        return "the batch and filter axes are swapped: return (N, F, H_out, W_out)"
    if len(shape) == 5 and C in shape:
        return "one axis too many: the input channels must be SUMMED into each output, not kept"
    if len(shape) == 3:
        return "one axis too few: keep the batch axis N (and the filter axis F, even when N or F is 1)"
    return "the output is (N, F, H_out, W_out) with H_out = (H + 2·padding − kh) // stride + 1"


# --- the judge --------------------------------------------------------------------------------------------------


def judge_conv(case: Case, got: Outputs, expected: Outputs) -> None:
    x, w, b = case.inputs["x"], case.inputs["w"], case.inputs["b"]
    s, p = case.params["stride"], case.params["padding"]
    exp = expected.values["out"]
    what = case.call
    value = checks.value(got, "out", what)
    if value.shape != exp.shape:
        raise Fail(f"{what} has shape {value.shape}, expected {exp.shape}", expected=f"shape {exp.shape}",
                   got=f"shape {value.shape}: {checks.fmt(value)}",
                   cause=shape_cause(x.shape, w.shape, s, p, tuple(int(d) for d in value.shape)))
    out = checks.array(got, "out", what, exp.shape).astype(float)
    atol = ATOL_SCALE * x.shape[1] * w.shape[2] * w.shape[3] * max(1.0, float(np.abs(x).max() * np.abs(w).max()))
    if np.allclose(out, exp, rtol=RTOL, atol=atol):
        return
    cause = ""
    for replay, reason in variants(x, w, b, s, p):
        candidate = replay()
        if candidate.shape == out.shape and not np.allclose(candidate, exp, rtol=RTOL, atol=atol) and \
                np.allclose(out, candidate, rtol=RTOL, atol=atol):
            cause = reason
            break
    if not cause:
        diff = out - exp
        if np.allclose(diff, diff[:, :, :1, :1], rtol=0, atol=atol):
            cause = ("every output of a filter is off by the same amount: check the bias — b[f] added once to "
                     "each output of filter f")
        elif np.allclose(out[:, :, 1:-1, 1:-1], exp[:, :, 1:-1, 1:-1], rtol=RTOL, atol=atol) and p > 0:
            cause = "the inner values are right but the border is not: check the padding (zeros, on every side)"
        else:
            cause = ("out[n, f, i, j] = b[f] + Σ_c Σ_u Σ_v x_pad[n, c, i·stride + u, j·stride + v]·w[f, c, u, v], "
                     "with zero padding on every side and no kernel flip")
    checks.close(out, exp, what, rtol=RTOL, atol=atol, cause=cause)


# --- the cases --------------------------------------------------------------------------------------------------


def conv_case(name: str, seed: int, x_shape: tuple[int, int, int, int], w_shape: tuple[int, int, int, int],
              stride: int = 1, padding: int = 0, note: str = "") -> Case:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(x_shape)
    w = rng.standard_normal(w_shape)
    b = rng.uniform(0.5, 2.0, w_shape[0]) * rng.choice([-1.0, 1.0], w_shape[0])  # no bias near zero
    kwargs = {k: v for k, v in (("stride", stride), ("padding", padding)) if v != (1 if k == "stride" else 0)}
    text = "conv2d(x, w, b" + "".join(f", {k}={v}" for k, v in kwargs.items()) + ")"
    steps = (func("conv2d", "x", "w", "b", save="out", **kwargs),)
    on = f"x shape {x_shape}, w shape {w_shape}, b shape ({w_shape[0]},), standard normal, seed {seed}"
    return Case(name, text, on + (f"; {note}" if note else ""), {"x": x, "w": w, "b": b}, steps, judge_conv,
                {"stride": stride, "padding": padding})


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    return [
        conv_case("one_channel_one_filter", 1, (1, 1, 5, 5), (1, 1, 3, 3),
                  note="an asymmetric 3×3 kernel, output 3×3"),
        conv_case("channels_are_summed", 2, (2, 3, 6, 6), (4, 3, 3, 3), note="output (2, 4, 4, 4)"),
        conv_case("padding_on_every_side", 3, (2, 2, 5, 5), (3, 2, 3, 3), padding=1,
                  note="'same' padding: output 5×5"),
        conv_case("stride_two", 4, (1, 2, 7, 7), (2, 2, 3, 3), stride=2, note="output 3×3"),
        conv_case("stride_does_not_divide", 5, (2, 2, 8, 8), (3, 2, 3, 3), stride=2,
                  note="(8 − 3) / 2 is not whole: output 3×3, the last window would stick out"),
        conv_case("rectangular_image_and_kernel", 6, (2, 2, 6, 9), (3, 2, 2, 4), note="output (2, 3, 5, 6)"),
        conv_case("stride_and_padding", 7, (2, 3, 9, 7), (2, 3, 3, 2), stride=2, padding=2,
                  note="output (2, 2, 5, 5)"),
        conv_case("one_by_one_kernel", 8, (3, 4, 5, 6), (2, 4, 1, 1), note="a 1×1 kernel mixes channels only"),
        conv_case("kernel_covers_the_image", 9, (3, 2, 4, 4), (5, 2, 4, 4), note="output (3, 5, 1, 1)"),
        conv_case("stride_three_padding_two", 10, (1, 1, 10, 11), (2, 1, 4, 3), stride=3, padding=2,
                  note="output (1, 2, 4, 5)"),
    ]


def perf() -> Perf:
    rng = np.random.default_rng(21)
    return Perf(
        steps=(func("conv2d", "x", "w", "b", padding=1),),
        inputs={"x": rng.standard_normal((32, 8, 16, 16)), "w": rng.standard_normal((16, 8, 3, 3)),
                "b": rng.standard_normal(16)},
        describe="conv2d(x, w, b, padding=1), x (32, 8, 16, 16), w (16, 8, 3, 3): 131,072 output values",
        slow_hint="a Python loop over every output value (n, f, i, j)? loop over the 16×16 output positions at "
        "most, with one np.tensordot over (C, kh, kw) for all samples and filters — or no loop: "
        "sliding_window_view + np.einsum",
    )
