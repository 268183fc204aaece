"""Hidden tests for `softmax-cross-entropy`. softmax and cross_entropy have one right answer, compared with the
reference's (softmax within 1e-10 + 1e-7·|p|, the loss within 1e-5 + 1e-6·|L|, so clipping p at a small ε passes:
every label has probability ≥ 0.05). The gradient is judged against central differences of the exact mean loss,
computed here in the trusted process, entry by entry. Some logits are in the thousands (positive and negative):
an unstable softmax turns them into NaN. When a value is wrong, the judge replays the classic mistakes (wrong
axis, no max subtraction, sum instead of mean, missing 1/n, Y − P) and names the one the submission matches."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

P_RTOL, P_ATOL = 1e-7, 1e-10
L_RTOL, L_ATOL = 1e-6, 1e-5
G_RTOL, G_ATOL = 1e-4, 1e-6
H = 1e-5  # central-difference step
GRAD = "(softmax(logits) − Y) / n, with Y the one-hot of y"


# --- trusted maths ----------------------------------------------------------------------------------------------


def log_softmax(z: np.ndarray, axis: int = 1) -> np.ndarray:
    shifted = z - z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def mean_loss(z: np.ndarray, y: np.ndarray) -> float:
    return float(-log_softmax(z)[np.arange(len(y)), y].mean())


def central_differences(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = H) -> np.ndarray:
    """dF/dx entry by entry: (f(x + h·e_i) − f(x − h·e_i)) / 2h."""
    x = x.astype(float).copy()
    grad = np.zeros_like(x)
    flat, out = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        up = f(x)
        flat[i] = old - h
        down = f(x)
        flat[i] = old
        out[i] = (up - down) / (2 * h)
    return grad


def logits_data(seed: int, n: int, K: int, *, scale: float = 2.0, offsets: list[float] | None = None,
                classes: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Seeded logits and labels; every label has probability ≥ 0.05 (so clipping p at a small ε changes nothing)."""
    rng = np.random.default_rng(seed)
    z = scale * rng.standard_normal((n, K))
    if offsets is not None:
        z += np.asarray(offsets, dtype=float)[:, None]
    p = np.exp(log_softmax(z))
    y = np.empty(n, dtype=np.int64)
    for i in range(n):
        candidates = np.flatnonzero(p[i, : classes or K] >= 0.05)
        assert len(candidates), (seed, i)
        y[i] = rng.choice(candidates)
    return z, y


def variants(z: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    """Wrong softmaxes (and why each is wrong) that a learner may have written."""
    n, K = z.shape
    with np.errstate(all="ignore"):
        yield ("softmax is normalised over the samples (axis 0): the COLUMNS sum to 1; each ROW must — use "
               "axis=1, keepdims=True", np.exp(log_softmax(z, axis=0)))
        s = np.exp(z - z.max(axis=1, keepdims=True))
        if n == K:  # without keepdims, (n,) broadcasts along the columns of a square array instead of failing
            e = np.exp(z - z.max(axis=1))
            yield ("the row maximum was subtracted without keepdims=True: z − z.max(axis=1) has shape (n,) and "
                   "broadcasts along the columns, so column j is shifted by row j's maximum — use "
                   "z.max(axis=1, keepdims=True)", e / e.sum(axis=1, keepdims=True))
            yield ("the row sums were taken without keepdims=True: e / e.sum(axis=1) divides column j by row j's "
                   "sum — use e.sum(axis=1, keepdims=True)", s / s.sum(axis=1))
        yield ("divided by the sum of the WHOLE array; softmax divides each row by its own sum: "
               "e.sum(axis=1, keepdims=True)", s / s.sum())
        e = np.exp(z)
        yield ("e^z overflows (z > 709 gives inf, inf/inf = NaN) or underflows (z < −745 gives 0/0) — subtract each "
               "row's maximum before np.exp: softmax(z) = softmax(z − max(z))", e / e.sum(axis=1, keepdims=True))
        g = np.exp(z - z.max())
        yield ("the maximum of the WHOLE array was subtracted: a row far below it underflows to 0/0 = NaN — subtract "
               "each row's own maximum, z.max(axis=1, keepdims=True)", g / g.sum(axis=1, keepdims=True))


def matches(got: np.ndarray, candidate: np.ndarray, rtol: float, atol: float) -> bool:
    if got.shape != candidate.shape:
        return False
    if not np.array_equal(np.isfinite(got), np.isfinite(candidate)):
        return False
    fin = np.isfinite(got)
    return bool(np.allclose(got[fin], candidate[fin], rtol=rtol, atol=atol))


def diagnose_softmax(z: np.ndarray, p: np.ndarray, exact: np.ndarray) -> str:
    for cause, candidate in variants(z):
        if not matches(exact, candidate, 1e-6, 1e-9) and matches(p, candidate, 1e-6, 1e-9):
            return cause
    if not np.all(np.isfinite(p)):
        return ("NaN or inf: e^z overflowed or underflowed — subtract each row's maximum before np.exp "
                "(z.max(axis=1, keepdims=True))")
    if not np.allclose(p.sum(axis=1), 1.0, atol=1e-9):
        return "the rows do not sum to 1: divide each row's e^z by that row's sum, e.sum(axis=1, keepdims=True)"
    return "softmax(z)[i, c] = e^(z[i, c] − m_i) / Σ_j e^(z[i, j] − m_i), with m_i the maximum of row i"


# --- judges -----------------------------------------------------------------------------------------------------


def judge_softmax(case: Case, got: Outputs, expected: Outputs) -> None:
    z = case.inputs["z"]
    p = checks.array(got, "p", "softmax(z)", z.shape, finite=False).astype(float)
    exact = np.exp(log_softmax(z))
    if not np.all(np.isfinite(p)):
        bad = tuple(np.argwhere(~np.isfinite(p))[0])
        raise Fail(f"softmax(z) contains NaN or inf (first at {checks.index_text(bad)}, where row {bad[0]} of z is "
                   f"{checks.fmt(z[bad[0]])})", expected=checks.fmt(exact), got=checks.fmt(p),
                   cause=diagnose_softmax(z, p, exact))
    if not np.allclose(p, exact, rtol=P_RTOL, atol=P_ATOL):
        checks.close(p, exact, "softmax(z)", rtol=P_RTOL, atol=P_ATOL, cause=diagnose_softmax(z, p, exact))


def loss_variants(z: np.ndarray, y: np.ndarray) -> Iterator[tuple[str, float]]:
    n, K = z.shape
    picked = -log_softmax(z)[np.arange(n), y]
    yield "the loss is summed over the rows, not averaged: divide by n (the spec's loss is the MEAN)", picked.sum()
    yield ("only the first row's loss is used (losses[0] / n): average −log p[i, y_i] over ALL the rows",
           picked[0] / n)
    yield ("the loss is averaged over all n·K entries (np.mean of the (n, K) matrix Y·log P): average over the n "
           "rows only — pick −log p[i, y_i] per row, then .mean()", picked.sum() / (n * K))
    yield "this is log base 2 (bits); the spec uses the natural log, np.log", picked.mean() / np.log(2)
    yield "this is log base 10; the spec uses the natural log, np.log", picked.mean() / np.log(10)
    yield ("the loss averages −log p over every class, not just the true one: keep only −log p[i, y_i]",
           float(-log_softmax(z).mean()))
    p = np.exp(log_softmax(z))
    Y = np.eye(K)[y]
    with np.errstate(all="ignore"):
        yield ("this is a per-class binary cross-entropy, −Σ[Y·log P + (1 − Y)·log(1 − P)]; softmax cross-entropy "
               "is −log p[i, y_i] only", float(-(Y * np.log(p) + (1 - Y) * np.log(1 - p)).sum() / n))
    yield ("the softmax is normalised over axis 0 (the samples); normalise each row (axis=1)",
           float(-log_softmax(z, axis=0)[np.arange(n), y].mean()))


def judge_loss(case: Case, got: Outputs, expected: Outputs, key: str = "loss") -> None:
    z, y = case.inputs["logits"], case.inputs["y"]
    n = len(y)
    what = "cross_entropy(logits, y)"
    exact = mean_loss(z, y)
    value = checks.value(got, key, what)
    if value.shape in ((n,), (n, 1)) and n > 1:
        raise Fail(f"{what} has shape {value.shape}, expected a single number", got=checks.fmt(value),
                   cause="these are the per-row losses — return their mean, a single float")
    if value.shape != ():
        raise Fail(f"{what} has shape {value.shape}, expected a single number", got=checks.fmt(value),
                   cause="return a float: float(losses.mean())")
    if value.dtype.kind in "fc" and not np.isfinite(value):
        raise Fail(f"{what} is {float(value)}", expected=f"{exact:.6g}", got=str(float(value)),
                   cause="e^1000 overflows to inf (and e^−1000 underflows to 0, log 0 = −inf): compute the loss "
                   "as logsumexp(s) − s[y] with s = logits − logits.max(axis=1, keepdims=True)")
    loss = checks.scalar(got, key, what)
    if abs(loss - exact) <= L_ATOL + L_RTOL * abs(exact):
        return
    cause = ("take the mean over the rows of −log softmax(logits)[i, y_i], computed as logsumexp(s_i) − s[i, y_i] "
             "with s_i = logits[i] − max(logits[i])")
    for why, candidate in loss_variants(z, y):
        if np.isfinite(candidate) and abs(loss - candidate) <= 1e-6 + 1e-6 * abs(candidate):
            cause = why
            break
    checks.close(np.array(loss), np.array(exact), what, rtol=L_RTOL, atol=L_ATOL, cause=cause)


def grad_variants(z: np.ndarray, y: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    n, K = z.shape
    Y = np.eye(K)[y]
    with np.errstate(all="ignore"):
        P = np.exp(log_softmax(z))
        yield "the gradient is not divided by n: the loss is the MEAN over the rows (missing 1/n)", P - Y
        yield ("the sign is flipped: this is (Y − P)/n, the direction in which the loss DEcreases; "
               "dL/dlogits = (P − Y)/n", (Y - P) / n)
        yield ("the one-hot targets were not subtracted: dL/dlogits = (P − Y)/n, with Y[i, y_i] = 1", P / n)
        yield ("divided by n·K (the number of entries); the loss is a mean over the n rows, so divide by n only",
               (P - Y) / (n * K))
        yield ("only the true class's entry is set; every logit gets a gradient: p_c/n for the other classes, "
               "(p_c − 1)/n for the true one", (P - Y) * Y / n)
        yield ("this is the gradient with respect to the probabilities (−1/p at the true class), not the logits — "
               "chain through the softmax, which gives (P − Y)/n", -Y / np.where(Y > 0, P, 1.0) / n)
        yield ("softmax is normalised over the samples (axis 0); each ROW must sum to 1 (axis=1)",
               (np.exp(log_softmax(z, axis=0)) - Y) / n)
        naive = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        yield ("e^z overflows or underflows on logits in the thousands (NaN) — use a stable softmax: subtract each "
               "row's maximum first", (naive - Y) / n)


def judge_grad(case: Case, got: Outputs, expected: Outputs, key: str = "grad") -> None:
    z, y = case.inputs["logits"], case.inputs["y"]
    what = "cross_entropy_grad(logits, y)"
    g = checks.array(got, key, what, z.shape, finite=False).astype(float)
    numeric = central_differences(lambda v: mean_loss(v, y), z)
    with np.errstate(all="ignore"):
        err = np.abs(g - numeric)
        bad = ~(err <= G_ATOL + G_RTOL * np.abs(numeric))
    if not bad.any():
        return
    cause = (f"dL/dlogits = {GRAD} — check the softmax (stable, over each row), the one-hot (K = "
             "logits.shape[1] columns), the sign and the 1/n")
    for why, candidate in grad_variants(z, y):
        if not matches(numeric, candidate, 1e-4, 1e-6) and matches(g, candidate, 1e-4, 1e-6):
            cause = why
            break
    else:
        if not np.all(np.isfinite(g)):
            cause = "NaN or inf: use a stable softmax (subtract each row's maximum before np.exp)"
    worst = float(np.where(np.isnan(err), np.inf, err).max())
    rel = worst / float(np.abs(numeric).max())
    first = tuple(np.argwhere(bad)[0])
    at = checks.index_text(first)
    raise Fail(
        f"gradient of logits is wrong: max abs error {worst:.3g} (relative {rel:.3g}) against central differences of "
        f"the mean loss; {int(bad.sum())} of {bad.size} entries differ",
        expected=f"{checks.fmt(numeric)}; at {at}: {numeric[first]:.6g}",
        got=f"{checks.fmt(g)}; at {at}: {g[first]:.6g} (tolerance: {G_ATOL:g} + {G_RTOL:g}·|expected|)",
        cause=cause,
    )


def judge_loss_and_grad(case: Case, got: Outputs, expected: Outputs) -> None:
    judge_loss(case, got, expected)
    judge_grad(case, got, expected)


# --- the cases --------------------------------------------------------------------------------------------------


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    z1 = 2.0 * np.random.default_rng(301).standard_normal((6, 4))
    z2 = 2.0 * np.random.default_rng(302).standard_normal((5, 5))
    extreme = [1000.0, -1000.0, 0.0, 1500.0, -2000.0, 800.0]
    z3 = np.asarray(extreme)[:, None] + 3.0 * np.random.default_rng(303).standard_normal((6, 4))
    L, yL = logits_data(304, 8, 5)
    LE, yE = logits_data(313, 6, 4, scale=3.0, offsets=extreme)
    G, yG = logits_data(306, 8, 5)
    GE, yGE = logits_data(310, 6, 4, scale=3.0, offsets=extreme)
    A, yA = logits_data(308, 7, 4, classes=3)
    S, yS = logits_data(309, 1, 3)
    extreme_on = "offsets 1000, −1000, 0, 1500, −2000, 800 plus noise"
    return [
        Case("softmax_rows_sum_to_one", "softmax(z)", "z shape (6, 4) ~ N(0, 2²), seed 301", {"z": z1},
             (func("softmax", "z", save="p"),), judge_softmax),
        Case("softmax_square_input", "softmax(z)", "z shape (5, 5) ~ N(0, 2²), seed 302 (square: a missing "
             "keepdims broadcasts silently)", {"z": z2}, (func("softmax", "z", save="p"),), judge_softmax),
        Case("softmax_extreme_logits_stay_finite", "softmax(z)", f"z shape (6, 4): rows at {extreme_on} "
             "(std 3), seed 303", {"z": z3}, (func("softmax", "z", save="p"),), judge_softmax),
        Case("cross_entropy_is_mean_over_rows", "cross_entropy(logits, y)",
             "logits shape (8, 5) ~ N(0, 2²), y shape (8,) in 0…4, seed 304", {"logits": L, "y": yL},
             (func("cross_entropy", "logits", "y", save="loss"),), judge_loss),
        Case("cross_entropy_extreme_logits", "cross_entropy(logits, y)",
             f"logits shape (6, 4): rows at {extreme_on} (std 3), y shape (6,), seed 313", {"logits": LE, "y": yE},
             (func("cross_entropy", "logits", "y", save="loss"),), judge_loss),
        Case("cross_entropy_grad_matches_central_differences", "cross_entropy_grad(logits, y)",
             "logits shape (8, 5) ~ N(0, 2²), y shape (8,) in 0…4, seed 306", {"logits": G, "y": yG},
             (func("cross_entropy_grad", "logits", "y", save="grad"),), judge_grad),
        Case("cross_entropy_grad_extreme_logits", "cross_entropy_grad(logits, y)",
             f"logits shape (6, 4): rows at {extreme_on} (std 3), y shape (6,), seed 310", {"logits": GE, "y": yGE},
             (func("cross_entropy_grad", "logits", "y", save="grad"),), judge_grad),
        Case("class_absent_from_y", "cross_entropy(logits, y) and cross_entropy_grad(logits, y)",
             "logits shape (7, 4), y shape (7,) in 0…2 only (class 3 never appears), seed 308",
             {"logits": A, "y": yA},
             (func("cross_entropy", "logits", "y", save="loss"), func("cross_entropy_grad", "logits", "y",
                                                                       save="grad")), judge_loss_and_grad),
        Case("single_row", "cross_entropy(logits, y) and cross_entropy_grad(logits, y)",
             "logits shape (1, 3), y shape (1,), seed 309", {"logits": S, "y": yS},
             (func("cross_entropy", "logits", "y", save="loss"), func("cross_entropy_grad", "logits", "y",
                                                                       save="grad")), judge_loss_and_grad),
    ]


def perf() -> Perf:
    z, y = logits_data(311, 10000, 10)
    return Perf(
        steps=(func("softmax", "logits"), func("cross_entropy", "logits", "y"),
               func("cross_entropy_grad", "logits", "y")),
        inputs={"logits": z, "y": y},
        describe="softmax, cross_entropy and cross_entropy_grad on logits (10000, 10)",
        slow_hint="a Python loop over the rows? softmax, the picked log-probabilities and P − Y all work on the "
        "whole (n, K) array at once (axis=1, keepdims=True; np.arange(n), y indexing)",
    )
