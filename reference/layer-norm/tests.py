"""Hidden tests for `layer-norm`. The forward pass has one right answer, computed here exactly (biased variance,
eps inside the square root, statistics over the last axis of (N, D) input) and compared element by element
(1e-7 + 1e-6·|y|), also on rows of tiny variance where eps matters and on a constant row. The backward
pass is judged against central differences of L = Σ dy·layer_norm(x)[0], computed here in the trusted process,
for dx, dgamma and dbeta separately. The cache is the learner's own: it is only passed on, never inspected. When a
value is wrong, the judge replays the classic mistakes (wrong axis, unbiased variance, eps outside the root, a
backward without the mean's or the variance's path, dgamma over the wrong axis) and names the one that matches.
Only (N, D) input is used, as the stub states: a correct 2-D implementation (the common interview form) passes."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, func

Y_RTOL, Y_ATOL = 1e-6, 1e-7
G_RTOL, G_ATOL = 1e-4, 1e-6
H_STEP = 1e-6
EPS = 1e-5


# --- trusted maths ----------------------------------------------------------------------------------------------


def normalise(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = EPS, *, axis: int | tuple = -1,
              ddof: int = 0, eps_outside: bool = False) -> np.ndarray:
    """Layer norm as the spec says (defaults), or with one classic mistake."""
    with np.errstate(all="ignore"):
        mu = x.mean(axis=axis, keepdims=True)
        var = x.var(axis=axis, keepdims=True, ddof=ddof)
        std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
        return gamma * (x - mu) / std + beta


def central_differences(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = H_STEP) -> np.ndarray:
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


def numeric_gradients(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, dy: np.ndarray,
                      eps: float) -> dict[str, np.ndarray]:
    """Central differences of L = Σ dy · layer_norm(x, gamma, beta)."""
    return {
        "dx": central_differences(lambda v: float((dy * normalise(v, gamma, beta, eps)).sum()), x),
        "dgamma": central_differences(lambda v: float((dy * normalise(x, v, beta, eps)).sum()), gamma),
        "dbeta": central_differences(lambda v: float((dy * normalise(x, gamma, v, eps)).sum()), beta),
    }


def backward(x: np.ndarray, gamma: np.ndarray, dy: np.ndarray, eps: float,
             variant: str = "spec") -> dict[str, np.ndarray]:
    """The analytic backward as the spec says, or with one classic mistake."""
    D = x.shape[-1]
    with np.errstate(all="ignore"):
        if variant == "batch_axis":
            mu, var = x.mean(axis=0, keepdims=True), x.var(axis=0, keepdims=True)
        else:
            mu = x.mean(axis=-1, keepdims=True)
            var = x.var(axis=-1, keepdims=True, ddof=1 if variant == "unbiased" else 0)
        inv_std = 1.0 / np.sqrt(var + eps)
        xhat = (x - mu) * inv_std
        dxhat = dy if variant == "no_gamma" else dy * gamma
        stat = 0 if variant == "batch_axis" else -1
        m_path = dxhat.mean(axis=stat, keepdims=True)
        v_path = xhat * (dxhat * xhat).mean(axis=stat, keepdims=True)
        if variant == "unbiased":
            v_path = v_path * D / (D - 1)
        dx = {"no_mean_path": inv_std * (dxhat - v_path), "no_var_path": inv_std * (dxhat - m_path),
              "no_stat_paths": inv_std * dxhat}.get(variant, inv_std * (dxhat - m_path - v_path))
        dgamma = (dy if variant == "dgamma_no_xhat" else dy * xhat).sum(axis=0)
        dbeta = dy.mean(axis=0) if variant == "dbeta_mean" else dy.sum(axis=0)
        if variant == "dgamma_mean":
            dgamma = (dy * xhat).mean(axis=0)
    return {"dx": dx, "dgamma": dgamma, "dbeta": dbeta}


BACKWARD_CAUSES = {
    "no_stat_paths": "dx ignores that the row mean and variance depend on x: dx = dxhat / std is only the direct "
    "path — subtract the mean's path and the variance's: dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / std",
    "no_mean_path": "dx is missing the mean's path: every x in a row moves the row mean, which adds −mean(dxhat) "
    "(over the last axis) — dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / std",
    "no_var_path": "dx is missing the variance's path: every x in a row moves the row variance, which adds "
    "−xhat·mean(dxhat·xhat) (over the last axis) — dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / std",
    "no_gamma": "dx forgets gamma: the gradient reaching xhat is dxhat = dy * gamma, not dy",
    "unbiased": "the backward uses the unbiased variance (D − 1); the forward's variance is biased (divide by D)",
    "batch_axis": "the backward takes its statistics over axis 0 (the samples), like batch norm; layer norm's are "
    "over the LAST axis (each row's features)",
    "dgamma_no_xhat": "dgamma is Σ dy; gamma multiplies xhat, so dgamma = Σ over the rows of dy * xhat",
    "dgamma_mean": "dgamma is averaged over the rows; it is their SUM: Σ dy * xhat (each row adds its own part)",
    "dbeta_mean": "dbeta is averaged over the rows; it is their SUM: Σ dy",
}


def forward_variants(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> Iterator[tuple[str, np.ndarray]]:
    yield ("normalised over axis 0 (across the samples, like batch norm); layer norm normalises each row over its "
           "LAST axis: x.mean(axis=-1, keepdims=True)", normalise(x, gamma, beta, eps, axis=0))
    yield ("the variance is the unbiased one (ddof=1, divide by D − 1); layer norm uses the biased variance "
           "(divide by D): np.var's default", normalise(x, gamma, beta, eps, ddof=1))
    yield ("eps is added outside the square root, (x − mu)/(sqrt(var) + eps); the spec's is (x − mu)/sqrt(var + eps)",
           normalise(x, gamma, beta, eps, eps_outside=True))
    yield ("eps is left out: (x − mu)/sqrt(var) — a row of tiny (or zero) variance needs the eps inside the root",
           normalise(x, gamma, beta, 0.0))
    yield "the default eps was used: the eps argument must reach sqrt(var + eps)", normalise(x, gamma, beta, EPS)
    yield "gamma and beta are not applied: y = gamma * xhat + beta", normalise(x, 1.0 + 0 * gamma, 0 * beta, eps)
    yield "gamma and beta are swapped: y = gamma * xhat + beta", normalise(x, beta, gamma, eps)
    yield ("normalised over the whole array; each row is normalised on its own (axis=-1)",
           normalise(x, gamma, beta, eps, axis=(0, 1)))


def same(a: np.ndarray, b: np.ndarray, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    if a.shape != b.shape or not np.array_equal(np.isfinite(a), np.isfinite(b)):
        return False
    fin = np.isfinite(a)
    return bool(np.allclose(a[fin], b[fin], rtol=rtol, atol=atol))


# --- judges -----------------------------------------------------------------------------------------------------


def judge_forward(case: Case, got: Outputs, expected: Outputs) -> None:
    x, gamma, beta = case.inputs["x"], case.inputs["gamma"], case.inputs["beta"]
    eps = case.params.get("eps", EPS)
    exact = normalise(x, gamma, beta, eps)
    y = checks.value(got, "y", "y")
    if y.shape != x.shape:
        cause = ("one value per row: the statistics were reduced but never broadcast back — keep them as columns "
                 "with keepdims=True" if y.shape in (x.shape[:-1], x.shape[-1:]) else "y has the shape of x")
        raise Fail(f"y has shape {y.shape}, expected {x.shape}", expected=f"shape {x.shape}", got=checks.fmt(y),
                   cause=cause)
    y = checks.array(got, "y", "y", x.shape, finite=False).astype(float)
    if same(y, exact, Y_RTOL, Y_ATOL) and np.all(np.isfinite(y)):
        return
    cause = ("y = gamma · (x − mean) / sqrt(var + eps) + beta, with the mean and the biased variance of each vector "
             "along the last axis")
    for why, candidate in forward_variants(x, gamma, beta, eps):
        if not same(candidate, exact, 1e-6, 1e-8) and same(y, candidate, 1e-6, 1e-8):
            cause = why
            break
    else:
        if not np.all(np.isfinite(y)):
            cause = "NaN or inf: a row of zero variance divides by zero — keep eps inside: sqrt(var + eps)"
    if not np.all(np.isfinite(y)):
        bad = tuple(np.argwhere(~np.isfinite(y))[0])
        raise Fail(f"y contains NaN or inf (first at {checks.index_text(bad)})", expected=checks.fmt(exact),
                   got=checks.fmt(y), cause=cause)
    checks.close(y, exact, "y", rtol=Y_RTOL, atol=Y_ATOL, cause=cause)




def judge_backward(case: Case, got: Outputs, expected: Outputs) -> None:
    x, gamma, beta, dy = (case.inputs[k] for k in ("x", "gamma", "beta", "dy"))
    eps = case.params.get("eps", EPS)
    D = x.shape[-1]
    shapes = {"dx": x.shape, "dgamma": (D,), "dbeta": (D,)}
    grads = {}
    for name in ("dx", "dgamma", "dbeta"):
        value = checks.value(got, name, name)
        if value.shape != shapes[name]:
            cause = f"{name} has the shape of {'x' if name == 'dx' else name[1:]}: {shapes[name]}"
            if name != "dx" and value.shape == x.shape[:1]:
                cause = (f"{name} is summed over the wrong axis (the features, axis=1); sum over the rows (axis=0): "
                         "it has one value per feature, shape (D,)")
            elif name != "dx" and value.shape == x.shape:
                cause = f"{name} is not summed: add up the rows' contributions, .sum(axis=0)"
            elif name != "dx" and value.shape == ():
                cause = (f"{name} is summed over every axis (one number); sum over the rows only, .sum(axis=0) — "
                         "axis=(0, 1) is for (B, T, D) input, and here x is (N, D)")
            elif name != "dx" and value.shape == (1, D):
                cause = f"keep {name} 1-D like gamma: .sum(axis=0) without keepdims=True"
            raise Fail(f"{name} has shape {value.shape}, expected {shapes[name]}", expected=f"shape {shapes[name]}",
                       got=checks.fmt(value), cause=cause)
        grads[name] = checks.array(got, name, name, shapes[name], finite=False).astype(float)
    numeric = numeric_gradients(x, gamma, beta, dy, eps)
    wrong = []
    for name in ("dx", "dgamma", "dbeta"):
        with np.errstate(all="ignore"):
            err = np.abs(grads[name] - numeric[name])
            bad = ~(err <= G_ATOL + G_RTOL * np.abs(numeric[name]))
        if bad.any():
            wrong.append((name, err, bad))
    if not wrong:
        return
    name, err, bad = wrong[0]
    exact = backward(x, gamma, dy, eps)
    cause = {
        "dx": "dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / sqrt(var + eps), with dxhat = dy * gamma and the "
        "means over the last axis",
        "dgamma": "dgamma = Σ over the rows (axis 0) of dy * xhat",
        "dbeta": "dbeta = Σ over the rows (axis 0) of dy",
    }[name]
    for variant, why in BACKWARD_CAUSES.items():
        replay = backward(x, gamma, dy, eps, variant)
        if not same(replay[name], exact[name], 1e-4, 1e-6) and same(grads[name], replay[name], 1e-4, 1e-6):
            cause = why
            break
    worst = float(np.where(np.isnan(err), np.inf, err).max())
    rel = worst / max(float(np.abs(numeric[name]).max()), 1e-12)
    first = tuple(np.argwhere(bad)[0])
    at = checks.index_text(first)
    others = [w[0] for w in wrong[1:]]
    right = [k for k in ("dx", "dgamma", "dbeta") if k not in {w[0] for w in wrong}]
    tail = (f"; also wrong: {', '.join(others)}" if others else "") + (f"; right: {', '.join(right)}" if right else "")
    label = {"dx": "x (dx)", "dgamma": "gamma (dgamma)", "dbeta": "beta (dbeta)"}[name]
    raise Fail(
        f"gradient of {label} is wrong: max abs error {worst:.3g} (relative {rel:.3g}) against central differences "
        f"of L = Σ dy·y{tail}",
        expected=f"{checks.fmt(numeric[name])}; at {at}: {numeric[name][first]:.6g}",
        got=f"{checks.fmt(grads[name])}; at {at}: {grads[name][first]:.6g} (tolerance: {G_ATOL:g} + "
        f"{G_RTOL:g}·|expected|)",
        cause=cause,
    )


# --- the cases --------------------------------------------------------------------------------------------------


def rows(seed: int, shape: tuple[int, int], *, scale: float = 1.0) -> dict[str, np.ndarray]:
    """x whose rows have their own offsets and spreads, gamma around 1, beta around 0, and an upstream dy."""
    rng = np.random.default_rng(seed)
    N, D = shape
    offsets = 3.0 * rng.standard_normal((N, 1))
    spreads = rng.uniform(0.5, 2.0, size=(N, 1))
    x = scale * (offsets + spreads * rng.standard_normal(shape))
    return {"x": x, "gamma": 1.0 + 0.5 * rng.standard_normal(D), "beta": 0.5 * rng.standard_normal(D),
            "dy": rng.standard_normal(shape)}


def forward_steps(eps: float | None = None) -> tuple:
    """y, cache = layer_norm(x, gamma, beta[, eps=eps])."""
    if eps is None:
        return (func("layer_norm", "x", "gamma", "beta", save=("y", "cache")),)
    return (func("layer_norm", "x", "gamma", "beta", save=("y", "cache"), eps=eps),)


def backward_steps(eps: float | None = None) -> tuple:
    """forward_steps, then dx, dgamma, dbeta = layer_norm_backward(dy, cache)."""
    return (*forward_steps(eps), func("layer_norm_backward", "dy", "cache", save=("dx", "dgamma", "dbeta")))


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    r2 = rows(501, (6, 8))
    tall = rows(502, (12, 3))
    tiny = rows(503, (4, 6), scale=1e-3)
    wide = rows(504, (5, 4))
    const = rows(505, (3, 5))
    const["x"][1] = 2.5
    b2 = rows(506, (6, 8))
    bt = rows(507, (12, 5))
    be = rows(508, (5, 6), scale=0.05)
    fwd = "y, cache = layer_norm(x, gamma, beta)"
    bwd = f"{fwd}; dx, dgamma, dbeta = layer_norm_backward(dy, cache)"
    each = "each row with its own offset (±3) and spread, gamma ≈ 1, beta ≈ 0"
    return [
        Case("forward_normalises_each_row", fwd, f"x shape (6, 8), {each}, seed 501", r2, forward_steps(),
             judge_forward),
        Case("forward_more_rows_than_features", fwd, f"x shape (12, 3), {each}, seed 502", tall, forward_steps(),
             judge_forward),
        Case("tiny_variance_eps_inside_sqrt", fwd, "x shape (4, 6) scaled by 1e-3 (variance ≈ 1e-6, below eps = "
             "1e-5), seed 503", tiny, forward_steps(), judge_forward),
        Case("eps_argument_is_used", "y, cache = layer_norm(x, gamma, beta, eps=0.5)",
             f"x shape (5, 4), {each}, seed 504", wide, forward_steps(eps=0.5), judge_forward, {"eps": 0.5}),
        Case("constant_row_stays_finite", fwd, "x shape (3, 5) whose row 1 is all 2.5 (variance 0), seed 505",
             const, forward_steps(), judge_forward),
        Case("backward_matches_central_differences", bwd, f"x shape (6, 8), {each}, dy ~ N(0, 1), seed 506", b2,
             backward_steps(), judge_backward),
        Case("backward_more_rows_than_features", bwd, f"x shape (12, 5), {each}, dy ~ N(0, 1), seed 507", bt,
             backward_steps(), judge_backward),
        Case("backward_with_eps_argument", "y, cache = layer_norm(x, gamma, beta, eps=0.01); "
             "dx, dgamma, dbeta = layer_norm_backward(dy, cache)",
             "x shape (5, 6) scaled by 0.05 (variance comparable to eps), dy ~ N(0, 1), seed 508", be,
             backward_steps(eps=0.01), judge_backward, {"eps": 0.01}),
    ]


def perf() -> Perf:
    data = rows(521, (2000, 64))
    return Perf(
        steps=backward_steps(),
        inputs=data,
        describe="layer_norm then layer_norm_backward on x (2000, 64)",
        slow_hint="a Python loop over the rows? mean, var and the backward's two means all reduce over axis=-1 "
        "with keepdims=True, for every row at once",
    )
