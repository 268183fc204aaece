"""Hidden tests for `gradient-check`. For a given f, x and h the central-difference gradient is unique, so it is
compared with the grader's own central differences (tolerance 1e-7 + 1e-6·|expected|: every correct loop style and
way of restoring x lands within 1e-9 of it, while a forward difference on these functions is off by ~1e-4). The
functions to differentiate are trusted helpers: a separable Σ sin(x)·x² (1-D), a softmax cross-entropy of a weight
matrix (2-D), a coupled function of a 3-D tensor, and a loss that ignores its argument and reads x in place. After
every call, x must hold its original values again. relative_error is compared with max |a − b| / max(|a| + |b|,
1e-8). When a value differs, the judge replays the classic mistakes on the same input and names the one it matches.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from drill.grading import checks, runner
from drill.grading.protocol import Case, Fail, Outputs, Perf, func, helper

RTOL, ATOL = 1e-6, 1e-7  # numerical_gradient against the grader's central differences
X_RTOL, X_ATOL = 1e-12, 1e-12  # x after the call (round-off of x[i] += h; x[i] -= 2h; x[i] += h is accepted)
RE_RTOL, RE_ATOL = 1e-6, 1e-12  # relative_error
FLOOR = 1e-8

SIN_X2 = """
import numpy as np

def f(x):
    return float(np.sum(np.sin(x) * x ** 2))
"""

SIN_3X = """
import numpy as np

def f(x):
    return float(np.sum(np.sin(3 * x)) + 0.5 * np.sum(x ** 2))
"""

SOFTMAX_CE = """
import numpy as np

_rng = np.random.default_rng(21)
X = _rng.standard_normal((8, 4))
y = np.array([0, 2, 1, 2, 0, 1, 1, 2])

def f(W):
    if np.shape(W) != (4, 3):
        raise ValueError(f"f expects W of shape (4, 3), got {np.shape(W)}: call f(x) with x itself, in its own "
                         "shape, not a flattened or reshaped copy")
    Z = X @ W
    Z = Z - Z.max(axis=1, keepdims=True)
    log_p = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
    return float(-log_p[np.arange(len(y)), y].mean() + 0.1 * np.sum(W ** 2))
"""

TENSOR_3D = """
import numpy as np

C = np.random.default_rng(31).uniform(0.5, 2.0, size=(2, 3, 4))

def f(T):
    if np.shape(T) != (2, 3, 4):
        raise ValueError(f"f expects T of shape (2, 3, 4), got {np.shape(T)}: call f(x) with x itself, in its "
                         "own shape")
    # coupled along every axis, so perturbing a whole row or slice at once gives a different number
    return float(np.sum(C * np.tanh(T)) + np.sum(T[:, :, 1:] * T[:, :, :-1]) + np.sum(T[:, 1:] * T[:, :-1])
                 + np.sum(T[1:] * T[:-1] ** 2))
"""

IN_PLACE = """
import numpy as np

_rng = np.random.default_rng(41)
W = _rng.standard_normal((3, 5))
X = _rng.standard_normal((6, 3))

def loss(_):
    # like `lambda _: net.loss(X, y)`: reads W, the very array numerical_gradient was given, not its argument
    return float(np.sum(np.tanh(X @ W) ** 2) + 0.1 * np.sum(W ** 3))
"""

PERF = SIN_X2


# --- the parent's own central differences, and the classic mistakes -------------------------------------------


class Setup:
    """The case's function and starting point, as the parent sees them (its own copy of the helpers)."""

    def __init__(self, case: Case):
        ns = runner.load_helpers(case.helpers)
        self.h = float(case.params.get("h", 1e-5))
        if case.params.get("in_place"):
            self.f, self.target = ns["loss"], ns["W"]
        else:
            self.f, self.target = ns["f"], np.array(case.inputs["x"], dtype=float)
        self.x0 = np.array(self.target, dtype=float)

    def at(self, z: np.ndarray) -> float:
        self.target[...] = z
        return float(self.f(self.target))

    def differences(self, h: float, kind: str = "central") -> np.ndarray:
        x0, grad = self.x0, np.zeros(self.x0.shape)
        f0 = self.at(x0)
        for i in np.ndindex(x0.shape):
            plus, minus = x0.copy(), x0.copy()
            plus[i] += h
            minus[i] -= h
            if kind == "central":
                grad[i] = (self.at(plus) - self.at(minus)) / (2 * h)
            elif kind == "forward":
                grad[i] = (self.at(plus) - f0) / h
            else:
                grad[i] = (f0 - self.at(minus)) / h
        return grad

    def added(self, h: float) -> np.ndarray:
        """(f(x + h) + f(x − h)) / (2h): a plus where the minus belongs."""
        grad = np.zeros(self.x0.shape)
        for i in np.ndindex(self.x0.shape):
            plus, minus = self.x0.copy(), self.x0.copy()
            plus[i] += h
            minus[i] -= h
            grad[i] = (self.at(plus) + self.at(minus)) / (2 * h)
        return grad

    def never_restored(self, left: float) -> np.ndarray:
        """Central differences where each x[i] is left at old + left·h before moving on."""
        z, grad, h = self.x0.copy(), np.zeros(self.x0.shape), self.h
        for i in np.ndindex(z.shape):
            old = z[i]
            z[i] = old + h
            f_plus = self.at(z)
            z[i] = old - h
            f_minus = self.at(z)
            z[i] = old + left * h
            grad[i] = (f_plus - f_minus) / (2 * h)
        return grad

    def slices(self, axes: int) -> np.ndarray:
        """What `for i in range(len(x))` (axes=1) or two nested loops (axes=2) compute: a whole slice x[i] is
        perturbed at once, and its one number fills grad[i]."""
        grad, h = np.zeros(self.x0.shape), self.h
        for i in np.ndindex(self.x0.shape[:axes]):
            plus, minus = self.x0.copy(), self.x0.copy()
            plus[i] += h
            minus[i] -= h
            grad[i] = (self.at(plus) - self.at(minus)) / (2 * h)
        return grad


def _near(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-5, atol=1e-7))


def diagnose_gradient(case: Case, grad: np.ndarray, expected: np.ndarray) -> str:
    s = Setup(case)
    h = s.h
    if np.allclose(grad, 0.0, atol=1e-12):
        if case.params.get("in_place"):
            return ("the gradient is all zeros: f reads x in place (it ignores its argument, like lambda _: "
                    "net.loss(X, y)), so perturbing a copy (x.copy(), np.array(x), x.astype(float), x.flatten()) "
                    "changes nothing it sees — change x itself, x[i] = old + h, then put x[i] = old back")
        return ("the gradient is all zeros: f never saw the perturbation — you changed a copy (x.flatten() and "
                "np.array(x) copy; x.reshape(-1) and x.ravel() are views) and then called f(x); perturb x itself")
    variants: list[tuple[Callable[[], np.ndarray], str]] = [
        (lambda: s.differences(h, "forward"), "this is the forward difference (f(x + h) − f(x)) / h, whose error is "
         "O(h); use central differences (f(x + h) − f(x − h)) / (2h), error O(h²)"),
        (lambda: s.differences(h, "backward"), "this is the backward difference (f(x) − f(x − h)) / h, error O(h); "
         "use central differences (f(x + h) − f(x − h)) / (2h)"),
        (lambda: 2 * expected, "twice the gradient: the difference is divided by h instead of 2h"),
        (lambda: expected * h * h, "(f₊ − f₋) / 2 * h multiplies by h (operator precedence): write / (2 * h)"),
        (lambda: -expected, "the sign is flipped: it is (f(x + h) − f(x − h)) / (2h), plus step first"),
        (lambda: s.never_restored(-1.0), "each x[i] is left at x[i] − h before the next element is perturbed: put "
         "x[i] = old back after the two evaluations"),
        (lambda: s.never_restored(1.0), "each x[i] is left at x[i] + h before the next element: save old = x[i] "
         "BEFORE perturbing it, and put x[i] = old back after the two evaluations"),
    ]
    if h != 1e-5:
        variants.insert(0, (lambda: s.differences(1e-5), f"this is the gradient with h = 1e-5: use the h you are "
                            f"given (here h = {h:g}), not a hard-coded step"))
    for axes in range(1, grad.ndim):
        what = "for i in range(len(x))" if axes == 1 else f"{axes} nested loops over the first {axes} axes"
        variants.append((partial(s.slices, axes), f"{what} on a {grad.ndim}-D x perturbs a whole slice x[i] at "
                         "once: visit EVERY element — np.nditer(x, flags=['multi_index']), np.ndindex(x.shape), or a "
                         "flat view x.reshape(-1) indexed 0 … x.size − 1"))
    for compute, cause in variants:
        with np.errstate(all="ignore"):
            if _near(grad, compute()):
                return cause
    f0, typical = s.at(s.x0), float(np.median(grad))
    if f0 != 0 and typical != 0 and f0 / typical > 0:  # (f₊ + f₋) / 2h ≈ f(x) / h, whatever step was used
        if np.allclose(grad, s.added(f0 / typical), rtol=1e-3):
            return "the two values are ADDED: the central difference is f(x + h) MINUS f(x − h), over 2h"
    return ("grad[i] must be (f(x with x[i] + h) − f(x with x[i] − h)) / (2h) for every index i, each measured "
            "from the ORIGINAL x (restore x[i] before moving on)")


def check_restored(case: Case, got: Outputs, key: str, name: str) -> None:
    s = Setup(case)
    after = checks.array(got, key, f"{name} after the call", s.x0.shape, finite=False).astype(float)
    if np.allclose(after, s.x0, rtol=X_RTOL, atol=X_ATOL):
        return
    diff = after - s.x0
    changed = ~np.isclose(after, s.x0, rtol=X_RTOL, atol=X_ATOL)
    first = tuple(np.argwhere(changed)[0])
    if np.allclose(diff, -s.h, rtol=1e-3):
        cause = ("every element is left at x[i] − h: after evaluating f(x − h), put x[i] = old back before moving "
                 "to the next element")
    elif np.allclose(diff, s.h, rtol=1e-3):
        cause = ("every element is left at x[i] + h: the value you put back was read after x[i] was perturbed — "
                 "save old = x[i] BEFORE changing it, and end with x[i] = old")
    else:
        cause = ("numerical_gradient must leave x as it found it: save old = x[i], perturb, evaluate, then "
                 "x[i] = old before the next element")
    raise Fail(f"{name} is changed by numerical_gradient: {int(changed.sum())} of {changed.size} elements differ, "
               f"first at {checks.index_text(first)} by {diff[first]:.3g}",
               expected=f"{name} unchanged: {checks.fmt(s.x0)}", got=checks.fmt(after), cause=cause)


def judge_gradient(case: Case, got: Outputs, expected: Outputs) -> None:
    shape = Setup(case).x0.shape
    what = case.call.split("  #")[0]
    value = checks.value(got, "grad", what)
    if value.shape != shape and value.size == int(np.prod(shape)):
        raise Fail(f"{what} has shape {value.shape}, expected {shape} (x's shape)", got=checks.fmt(value),
                   cause="return the gradient in x's shape: grad = np.zeros_like(x) (or reshape a flat result "
                   "with .reshape(x.shape))")
    grad = checks.array(got, "grad", what, shape, finite=False).astype(float)
    name = "W" if case.params.get("in_place") else "x"
    check_restored(case, got, f"{name}_after", name)
    exp = expected.values["grad"]
    if not np.all(np.isfinite(grad)):
        raise Fail(f"{what} contains NaN or inf", got=checks.fmt(grad), cause="f returned NaN or inf at a perturbed "
                   "point, or a division by zero — divide the difference by 2 * h")
    if not np.allclose(grad, exp, rtol=RTOL, atol=ATOL):
        checks.close(grad, exp, what, rtol=RTOL, atol=ATOL, cause=diagnose_gradient(case, grad, exp))


# --- relative_error -------------------------------------------------------------------------------------------


def rel_candidates(a: np.ndarray, b: np.ndarray) -> list[tuple[float, str]]:
    diff, total = np.abs(a - b), np.abs(a) + np.abs(b)
    ratio = diff / np.maximum(total, FLOOR)
    return [
        (float(ratio.sum()), "this is the SUM of the elementwise errors; take their maximum, np.max(…)"),
        (float(ratio.mean()), "this is the MEAN of the elementwise errors; take their maximum, np.max(…)"),
        (float(diff.max() / max(float(total.max()), FLOOR)), "this is max|a − b| / max(|a| + |b|): divide "
         "elementwise first, then take the max of the ratios"),
        (float(np.max(diff / np.maximum(np.maximum(np.abs(a), np.abs(b)), FLOOR))), "the denominator is |a| + |b| "
         "(both magnitudes added), not max(|a|, |b|)"),
        (float(np.max(diff / np.maximum(np.abs(a + b), FLOOR))), "the denominator is |a| + |b|, not |a + b| — "
         "which nearly vanishes where a and b have opposite signs"),
        (float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))), "this is the norm ratio ‖a − b‖ / "
         "(‖a‖ + ‖b‖) (the Coursera gradient check); the spec asks for the largest ELEMENTWISE ratio, "
         "max |a − b| / max(|a| + |b|, 1e-8)"),
        (float(np.max(diff / (total + FLOOR))), "the floor is a max: max(|a| + |b|, 1e-8), not |a| + |b| + 1e-8 — "
         "the two differ where |a| + |b| is below 1e-8"),
        *[(float(np.max(diff / np.maximum(total, floor))), f"the floor is 1e-8 exactly — max(|a| + |b|, 1e-8); "
           f"this value uses {floor:g}") for floor in (1e-12, 1e-10, float(np.finfo(float).eps), 1e-15, 1e-7, 1e-6)],
    ]


def judge_relative_error(case: Case, got: Outputs, expected: Outputs) -> None:
    a, b = case.inputs["a"], case.inputs["b"]
    what = "relative_error(a, b)"
    value = checks.value(got, "rel", what)
    if value.shape == a.shape and a.size > 1:
        raise Fail(f"{what} has shape {value.shape}, expected one number", got=checks.fmt(value),
                   cause="return the largest elementwise error as one float: np.max(…) over the whole array")
    if value.shape != () or value.dtype.kind not in checks.NUMERIC:
        raise Fail(f"{what} has shape {value.shape} ({value.dtype}), expected one number", got=checks.fmt(value),
                   cause="return one float: the max over all elements")
    number = float(value)
    exp = float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), FLOOR)))
    if abs(exp - float(expected.values["rel"])) > 1e-12 + 1e-12 * abs(exp):  # pragma: no cover - the reference
        raise AssertionError("the reference disagrees with the formula")
    if np.isnan(number):
        zeros = int(np.sum((a == 0) & (b == 0)))
        raise Fail(f"{what} is nan", expected=f"{exp:.10g}", got="nan",
                   cause=(f"0/0 where a = b = 0 ({zeros} such elements here): divide by np.maximum(np.abs(a) + "
                          "np.abs(b), 1e-8), so those elements count 0") if zeros else "a division by zero")
    if abs(number - exp) <= RE_ATOL + RE_RTOL * abs(exp):
        return
    with np.errstate(all="ignore"):
        cause = next((c for v, c in rel_candidates(a, b) if abs(v - exp) > 1e-9 * abs(exp)
                      and abs(number - v) <= 1e-9 * abs(v) + 1e-15),
                     "max over the elements of |a − b| / max(|a| + |b|, 1e-8)")
    raise Fail(f"{what} = {number:.10g}, expected {exp:.10g}", expected=f"{exp:.10g}", got=f"{number:.10g}",
               cause=cause)


# --- data and cases ---------------------------------------------------------------------------------------------


def gradient_case(name: str, call: str, on: str, x: np.ndarray, helpers: str, h: float | None = None) -> Case:
    kwargs: dict[str, Any] = {} if h is None else {"h": h}
    steps = (func("numerical_gradient", helper("f"), "x", save="grad", save_args=(None, "x_after"), **kwargs),)
    return Case(name, call, on, {"x": x}, steps, judge_gradient, {} if h is None else {"h": h}, helpers=helpers)


def rel_case(name: str, on: str, a: np.ndarray, b: np.ndarray) -> Case:
    return Case(name, "relative_error(a, b)", on, {"a": a, "b": b}, (func("relative_error", "a", "b", save="rel"),),
                judge_relative_error)


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    x1 = np.random.default_rng(1).uniform(-3, 3, size=12)
    W2 = np.random.default_rng(2).normal(0, 0.5, size=(4, 3))
    T3 = np.random.default_rng(3).normal(0, 0.7, size=(2, 3, 4))
    x4 = np.random.default_rng(4).uniform(-2, 2, size=(3, 2))

    rng = np.random.default_rng(5)
    a5 = rng.uniform(0.1, 2.0, size=(5, 4)) * rng.choice([-1.0, 1.0], size=(5, 4))
    b5 = a5 * (1 + rng.normal(0, 1e-3, size=(5, 4)))
    rng = np.random.default_rng(6)
    a6 = np.where(rng.uniform(size=(6, 5)) < 0.4, 0.0, rng.uniform(0.1, 2.0, size=(6, 5)))  # ReLU-style zeros
    b6 = np.where(a6 == 0, 0.0, a6 + rng.normal(0, 1e-6, size=(6, 5)))
    a7 = np.array([0.3, 2e-9, 0.0, -1e-9, 1.5])
    b7 = np.array([0.3 + 3e-8, 0.0, 0.0, 1e-9, 1.5 - 1e-7])

    in_place = Case(
        "f_reads_x_in_place", "numerical_gradient(loss, W)  # loss = lambda _: Σ tanh(X @ W)² + 0.1·Σ W³",
        "W shape (3, 5), X shape (6, 3), seed 41; loss ignores its argument and reads W itself, like "
        "lambda _: net.loss(X, y)", {},
        (func("numerical_gradient", helper("loss"), helper("W"), save="grad", save_args=(None, "W_after")),),
        judge_gradient, {"in_place": True}, helpers=IN_PLACE)
    return [
        gradient_case("gradient_1d", "numerical_gradient(f, x)  # f(x) = Σ sin(x)·x², h = 1e-5",
                      "x shape (12,), uniform in [−3, 3], seed 1", x1, SIN_X2),
        gradient_case("gradient_2d_softmax_cross_entropy", "numerical_gradient(f, W)  # f(W) = mean cross-entropy "
                      "of softmax(X @ W) + 0.1·Σ W², h = 1e-5", "W shape (4, 3), X shape (8, 4) seed 21, W seed 2",
                      W2, SOFTMAX_CE),
        gradient_case("gradient_3d_tensor", "numerical_gradient(f, T)  # f couples neighbours along every axis",
                      "T shape (2, 3, 4), seed 3", T3, TENSOR_3D),
        gradient_case("step_h_is_used", "numerical_gradient(f, x, h=0.01)  # f(x) = Σ sin(3x) + ½·Σ x²",
                      "x shape (3, 2), uniform in [−2, 2], seed 4; with h = 0.01 the answer differs from "
                      "h = 1e-5 by ~1e-4", x4, SIN_3X, h=0.01),
        in_place,
        rel_case("relative_error_is_max_of_ratios", "a shape (5, 4), |a| in [0.1, 2], b = a·(1 + 1e-3·noise), "
                 "seed 5", a5, b5),
        rel_case("relative_error_zeros_count_zero", "a shape (6, 5) with 40% exact zeros (a ReLU gradient), b "
                 "equal to a where a = 0, seed 6", a6, b6),
        rel_case("relative_error_floor_is_1e-8", "a = [0.3, 2e-9, 0, −1e-9, 1.5], b = [0.3 + 3e-8, 0, 0, 1e-9, "
                 "1.5 − 1e-7]: where |a| + |b| < 1e-8 the denominator is 1e-8", a7, b7),
    ]


def perf() -> Perf:
    x = np.random.default_rng(51).uniform(-3, 3, size=(20, 20))
    rng = np.random.default_rng(52)
    a = rng.standard_normal((500, 1000))
    b = a + rng.normal(0, 1e-6, size=a.shape)
    return Perf(
        steps=(func("numerical_gradient", helper("f"), "x"), func("relative_error", "a", "b")),
        inputs={"x": x, "a": a, "b": b},
        describe="numerical_gradient(f, x) with x (20, 20), then relative_error(a, b) with a, b (500, 1000)",
        slow_hint="a Python loop over the elements in relative_error? np.max(np.abs(a - b) / "
        "np.maximum(np.abs(a) + np.abs(b), 1e-8)) does it in one go",
        helpers=PERF,
    )
