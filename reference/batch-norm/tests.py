"""Hidden tests for `batch-norm`. Everything BatchNorm computes has one right answer under PyTorch's conventions
(BatchNorm1d: normalise with the biased batch variance, eps inside the square root; running = (1 − momentum) ·
running + momentum · batch, with the UNBIASED variance; inference uses only the running statistics), so outputs
and running statistics are compared with values computed exactly here, after known gamma and beta are set on the
object. The backward pass is judged against central differences of L = Σ dy·y, computed here in the trusted
process, for dx, dgamma and dbeta separately. When a value is wrong, the judge replays the classic mistakes
(biased running variance, normalising with the unbiased one, momentum the wrong way round, batch statistics at
inference, a backward without the mean's or the variance's path, dgamma over the wrong axis) and names the one
that matches. Two backward tests put an inference forward (of the same batch size, then of another) between the
training forward and backward: the spec's backward differentiates the last TRAINING forward, and the same steps
on a second object without the inference forward tell "the inference forward overwrote the cache" apart."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, assign, attr, call, new

Y_RTOL, Y_ATOL = 1e-6, 1e-7
R_RTOL, R_ATOL = 1e-7, 1e-9
G_RTOL, G_ATOL = 1e-4, 1e-6
H_STEP = 1e-6
EPS = 1e-5


# --- trusted maths ----------------------------------------------------------------------------------------------


def normalise(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float = EPS, *, axis: int = 0, ddof: int = 0,
              eps_outside: bool = False) -> np.ndarray:
    with np.errstate(all="ignore"):
        mu = x.mean(axis=axis, keepdims=True)
        var = x.var(axis=axis, keepdims=True, ddof=ddof)
        std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
        return gamma * (x - mu) / std + beta


def running(xs: list[np.ndarray], momentum: float, variant: str = "spec") -> tuple[np.ndarray, np.ndarray]:
    """The running statistics after training forwards on xs, as the spec says or with one classic mistake."""
    D = xs[0].shape[1]
    rm, rv = np.zeros(D), np.ones(D)
    m = 0.1 if variant == "default_momentum" else momentum
    for x in xs:
        n = len(x)
        mu, var = x.mean(axis=0), x.var(axis=0)
        unbiased = var if variant in ("biased", "reversed_biased") else var * n / (n - 1)
        if variant == "not_updated":
            continue
        if variant in ("reversed", "reversed_biased"):
            rm, rv = m * rm + (1 - m) * mu, m * rv + (1 - m) * unbiased
        elif variant == "replaced":
            rm, rv = mu, unbiased
        else:
            rm, rv = (1 - m) * rm + m * mu, (1 - m) * rv + m * unbiased
    return rm, rv


RUNNING_CAUSES = {
    "biased": "running_var is updated with the BIASED batch variance; PyTorch's running average uses the unbiased "
    "one: var · N / (N − 1) (x.var(axis=0, ddof=1)), while the batch itself is normalised with the biased one",
    "reversed": "the momentum is the wrong way round: running = (1 − momentum) · running + momentum · batch — with "
    "momentum = 0.1 the running values move 10% of the way towards the batch, not 90%",
    "reversed_biased": "this is the cs231n/Keras convention — momentum weighs the OLD value and the running variance "
    "is biased; PyTorch's (the spec's): running = (1 − momentum) · running + momentum · batch, with the unbiased "
    "batch variance var · N / (N − 1) in running_var",
    "replaced": "the running statistics are replaced by the batch's; they are a moving average: "
    "(1 − momentum) · running + momentum · batch",
    "not_updated": "the running statistics are never updated — update them on every TRAINING forward",
    "default_momentum": "the result matches momentum = 0.1 — use the momentum given to the constructor",
}


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


def backward(x: np.ndarray, gamma: np.ndarray, dy: np.ndarray, variant: str = "spec") -> dict[str, np.ndarray]:
    """The analytic training-mode backward as the spec says, or with one classic mistake."""
    N = len(x)
    with np.errstate(all="ignore"):
        mu = x.mean(axis=0)
        var = x.var(axis=0, ddof=1 if variant == "unbiased" else 0)
        inv_std = 1.0 / np.sqrt(var + EPS)
        xhat = (x - mu) * inv_std
        dxhat = dy if variant == "no_gamma" else dy * gamma
        m_path = dxhat.mean(axis=0)
        v_path = xhat * (dxhat * xhat).mean(axis=0) * (N / (N - 1) if variant == "unbiased" else 1)
        dx = {"no_mean_path": inv_std * (dxhat - v_path), "no_var_path": inv_std * (dxhat - m_path),
              "no_stat_paths": inv_std * dxhat}.get(variant, inv_std * (dxhat - m_path - v_path))
        dgamma = dy.sum(axis=0) if variant == "dgamma_no_xhat" else (dy * xhat).sum(axis=0)
        if variant == "dgamma_mean":
            dgamma = (dy * xhat).mean(axis=0)
        dbeta = dy.mean(axis=0) if variant == "dbeta_mean" else dy.sum(axis=0)
    return {"dx": dx, "dgamma": dgamma, "dbeta": dbeta}


BACKWARD_CAUSES = {
    "no_stat_paths": "dx ignores that the batch mean and variance depend on x: dy·gamma/std is only the direct path "
    "— subtract the mean's path and the variance's: dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / std, "
    "means over the batch (axis 0)",
    "no_mean_path": "dx is missing the batch mean's path: every sample moves the mean, which adds −mean(dxhat) over "
    "the batch — dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / std",
    "no_var_path": "dx is missing the batch variance's path: every sample moves the variance, which adds "
    "−xhat·mean(dxhat·xhat) over the batch — dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / std",
    "no_gamma": "dx forgets gamma: the gradient reaching xhat is dxhat = dy * gamma, not dy",
    "unbiased": "the backward uses the unbiased variance (N − 1); the training forward normalises with the biased "
    "one (divide by N)",
    "dgamma_no_xhat": "dgamma is Σ dy; gamma multiplies xhat, so dgamma = Σ over the batch of dy * xhat",
    "dgamma_mean": "dgamma is averaged over the batch; it is the SUM over the batch (axis 0) of dy * xhat",
    "dbeta_mean": "dbeta is averaged over the batch; it is the SUM over the batch (axis 0) of dy",
}


def same(a: np.ndarray, b: np.ndarray, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    if a.shape != b.shape or not np.array_equal(np.isfinite(a), np.isfinite(b)):
        return False
    fin = np.isfinite(a)
    return bool(np.allclose(a[fin], b[fin], rtol=rtol, atol=atol))


def affine(case: Case) -> tuple[np.ndarray, np.ndarray]:
    D = case.params["D"]
    return case.inputs.get("gamma", np.ones(D)), case.inputs.get("beta", np.zeros(D))


def vector(got: Outputs, key: str, what: str, D: int) -> np.ndarray:
    value = checks.value(got, key, what)
    if value.shape in ((1, D), (D, 1)):
        raise Fail(f"{what} has shape {value.shape}, expected {(D,)}", got=checks.fmt(value),
                   cause=f"keep {what.split()[0]} 1-D, one value per feature: reduce with axis=0 and no keepdims")
    return checks.array(got, key, what, (D,), finite=False).astype(float)


# --- judges -----------------------------------------------------------------------------------------------------


def judge_init(case: Case, got: Outputs, expected: Outputs) -> None:
    D = case.params["D"]
    wanted = {"gamma": np.ones(D), "beta": np.zeros(D), "running_mean": np.zeros(D), "running_var": np.ones(D)}
    for name, want in wanted.items():
        value = vector(got, name, name, D)
        if not np.array_equal(value, want):
            start = "ones" if want[0] == 1 else "zeros"
            raise Fail(f"{name} of a new BatchNorm({D}) is {checks.fmt(value)}, expected np.{start}({D})",
                       expected=checks.fmt(want), got=checks.fmt(value),
                       cause=f"PyTorch starts gamma and running_var at 1, beta and running_mean at 0 — {name} = "
                       f"np.{start}(num_features)")


def judge_training_forward(case: Case, got: Outputs, expected: Outputs) -> None:
    x = case.inputs["x"]
    gamma, beta = affine(case)
    exact = normalise(x, gamma, beta)
    y = checks.array(got, "y", "y = bn.forward(x)", x.shape, finite=False).astype(float)
    if same(y, exact, Y_RTOL, Y_ATOL):
        return
    D = x.shape[1]
    variants = [
        ("normalised over axis 1 (each sample's features, like layer norm); batch norm normalises each FEATURE over "
         "the batch: x.mean(axis=0), x.var(axis=0)", normalise(x, gamma, beta, axis=1)),
        ("the batch is normalised with the UNBIASED variance (ddof=1); PyTorch normalises with the biased one (divide "
         "by N) and keeps the unbiased one for running_var only", normalise(x, gamma, beta, ddof=1)),
        ("the running statistics are used in training mode; a training forward normalises with the BATCH's mean and "
         "variance", gamma * x / np.sqrt(1 + EPS) + beta),
        ("eps is added outside the square root; the spec's is (x − mu)/sqrt(var + eps)",
         normalise(x, gamma, beta, eps_outside=True)),
        ("gamma and beta are not applied (read self.gamma and self.beta at every call): y = gamma * xhat + beta",
         normalise(x, np.ones(D), np.zeros(D))),
    ]
    cause = "y = gamma * (x − mu) / sqrt(var + eps) + beta, with mu and the biased var of each column of the batch"
    for why, candidate in variants:
        if not same(candidate, exact) and same(y, candidate):
            cause = why
            break
    checks.close(y, exact, "y = bn.forward(x)", rtol=Y_RTOL, atol=Y_ATOL, cause=cause)


def judge_running_stats(case: Case, got: Outputs, expected: Outputs, *, suffix: str = "") -> None:
    xs = [case.inputs[k] for k in case.params["batches"]]
    momentum, D = case.params["momentum"], case.params["D"]
    rm = vector(got, "running_mean" + suffix, "running_mean", D)
    rv = vector(got, "running_var" + suffix, "running_var", D)
    want_m, want_v = running(xs, momentum)
    ok_m = np.allclose(rm, want_m, rtol=R_RTOL, atol=R_ATOL)
    ok_v = np.allclose(rv, want_v, rtol=R_RTOL, atol=R_ATOL)
    if ok_m and ok_v:
        return
    cause = ("after each training forward: running = (1 − momentum) · running + momentum · batch, with the batch mean "
             "and the unbiased batch variance (N − 1)")
    if suffix:
        after = running([*xs, case.inputs["x_eval"]], momentum)
        if np.allclose(rm, after[0], rtol=1e-6, atol=1e-8) and np.allclose(rv, after[1], rtol=1e-6, atol=1e-8):
            cause = "forward(x, training=False) updated the running statistics; inference must leave them unchanged"
    for variant, why in RUNNING_CAUSES.items():
        if variant == "default_momentum" and momentum == 0.1:
            continue
        vm, vv = running(xs, momentum, variant)
        if np.allclose(rm, vm, rtol=1e-6, atol=1e-8) and np.allclose(rv, vv, rtol=1e-6, atol=1e-8):
            cause = why
            break
    n = len(xs)
    when = f"after {n} training forward{'s' if n > 1 else ''}" + (" and one inference forward" if suffix else "")
    if not ok_m:
        checks.close(rm, want_m, f"running_mean {when}", rtol=R_RTOL, atol=R_ATOL, cause=cause)
    checks.close(rv, want_v, f"running_var {when}", rtol=R_RTOL, atol=R_ATOL, cause=cause)


def judge_eval(case: Case, got: Outputs, expected: Outputs) -> None:
    xs = [case.inputs[k] for k in case.params["batches"]]
    x = case.inputs["x_eval"]
    gamma, beta = affine(case)
    rm, rv = running(xs, case.params["momentum"]) if xs else (np.zeros(x.shape[1]), np.ones(x.shape[1]))
    exact = gamma * (x - rm) / np.sqrt(rv + EPS) + beta
    y = checks.array(got, "y_eval", "bn.forward(x_eval, training=False)", x.shape, finite=False).astype(float)
    if not same(y, exact, Y_RTOL, Y_ATOL):
        updated = False
        if xs and got.has("running_mean_after_eval"):
            after, now = running([*xs, x], case.params["momentum"]), got.get("running_mean_after_eval")
            updated = now is not None and now.shape == after[0].shape and bool(np.allclose(now, after[0]))
        batch_stats = ("the training flag is ignored: forward(x, training=False) ran a training step (batch statistics "
                       "and a running-statistics update) — with training=False use running_mean and running_var only, "
                       "and update nothing" if updated else
                       "inference used the batch's own statistics; with training=False, normalise with running_mean and "
                       "running_var only (a test sample must not depend on the others in its batch)")
        rm_after, rv_after = running([*xs, x], case.params["momentum"])
        variants = [
            (batch_stats, normalise(x, gamma, beta)),
            ("the running statistics were updated with this inference batch before being used; with training=False "
             "nothing is updated", gamma * (x - rm_after) / np.sqrt(rv_after + EPS) + beta),
            ("inference divides by running_var instead of sqrt(running_var + eps): y = gamma * (x − running_mean) / "
             "sqrt(running_var + eps) + beta", gamma * (x - rm) / rv + beta),
            ("inference leaves eps out: y = gamma * (x − running_mean) / sqrt(running_var + eps) + beta",
             gamma * (x - rm) / np.sqrt(rv) + beta),
        ]
        own_m, own_v = got.get("running_mean_after_eval"), got.get("running_var_after_eval")
        if own_m is not None and own_v is not None and own_m.shape == rm.shape and own_v.shape == rv.shape:
            variants.insert(0, ("inference is right for YOUR running statistics, but they differ from the spec's — see "
                                "the running-statistics tests (momentum, unbiased variance)",
                                gamma * (x - own_m) / np.sqrt(own_v + EPS) + beta))
        cause = "with training=False: y = gamma * (x − running_mean) / sqrt(running_var + eps) + beta"
        for why, candidate in variants:
            if not same(candidate, exact) and same(y, candidate):
                cause = why
                break
        checks.close(y, exact, "bn.forward(x_eval, training=False)", rtol=Y_RTOL, atol=Y_ATOL, cause=cause)
    if xs:
        judge_running_stats(case, got, expected, suffix="_after_eval")


OVERWRITTEN = ("an inference forward overwrote what backward needs: forward(x, training=False) replaced the cache of "
               "the last TRAINING forward (its xhat, 1/sqrt(var + eps)); keep what backward needs only in training "
               "mode, so an inference forward in between changes nothing backward computes")


def judge_backward(case: Case, got: Outputs, expected: Outputs) -> None:
    x, dy = case.inputs["x"], case.inputs["dy"]
    gamma, beta = affine(case)
    N, D = x.shape
    if got.type_name("dx") in ("tuple", "list"):
        raise Fail(f"bn.backward(dy) returned a {got.type_name('dx')}, expected dx alone",
                   got=f"a {got.type_name('dx')} of {len(got.parts('dx'))}",
                   cause="return dx only, and store the other two on the object: self.dgamma = …, self.dbeta = …")
    after_eval = bool(case.params.get("after_eval"))
    if after_eval:
        x_eval = case.inputs["x_eval"]
        dx_got = got.get("dx")
        if dx_got is not None and dx_got.shape == x_eval.shape != x.shape:
            raise Fail(f"dx = bn.backward(dy) has shape {dx_got.shape} (the inference batch's), expected {x.shape} "
                       "(the last training batch's)", expected=f"shape {x.shape}",
                       got=f"shape {dx_got.shape}: {checks.fmt(dx_got)}", cause=OVERWRITTEN)
    grads = {"dx": checks.array(got, "dx", "dx = bn.backward(dy)", x.shape, finite=False).astype(float)}
    for name in ("dgamma", "dbeta"):
        value = checks.value(got, name, f"bn.{name}")
        if value.shape != (D,):
            cause = f"bn.{name} has one value per feature, shape {(D,)}"
            if value.shape == (N,):
                cause = (f"bn.{name} is summed over the wrong axis (the features, axis=1); sum over the batch: "
                         f"axis=0")
            elif value.shape == (N, D):
                cause = f"bn.{name} is not summed over the batch: .sum(axis=0)"
            elif value.shape == (1, D):
                cause = f"keep bn.{name} 1-D: .sum(axis=0) without keepdims=True"
            raise Fail(f"bn.{name} has shape {value.shape}, expected {(D,)}", expected=f"shape {(D,)}",
                       got=checks.fmt(value), cause=cause)
        grads[name] = checks.array(got, name, f"bn.{name}", (D,), finite=False).astype(float)
    numeric = {
        "dx": central_differences(lambda v: float((dy * normalise(v, gamma, beta)).sum()), x),
        "dgamma": central_differences(lambda v: float((dy * normalise(x, v, beta)).sum()), gamma),
        "dbeta": central_differences(lambda v: float((dy * normalise(x, gamma, v)).sum()), beta),
    }
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
    exact = backward(x, gamma, dy)
    cause = {
        "dx": "dx = (dxhat − mean(dxhat) − xhat·mean(dxhat·xhat)) / sqrt(var + eps), with dxhat = dy * gamma and the "
        "means over the batch (axis 0) — computed from the LAST training forward",
        "dgamma": "dgamma = Σ over the batch (axis 0) of dy * xhat, with xhat of the last training forward",
        "dbeta": "dbeta = Σ over the batch (axis 0) of dy",
    }[name]
    for variant, why in BACKWARD_CAUSES.items():
        replay = backward(x, gamma, dy, variant)
        if not same(replay[name], exact[name], 1e-4, 1e-6) and same(grads[name], replay[name], 1e-4, 1e-6):
            cause = why
            break
    if "x_first" in case.inputs and name in ("dx", "dgamma"):
        stale = backward(case.inputs["x_first"], gamma, dy)
        if same(grads[name], stale[name], 1e-4, 1e-6):
            cause = "the backward used the FIRST forward's batch; it must use the last training forward's"
    if after_eval:
        # the same object without the inference forward in between (saved as *_plain): right there, wrong here
        plain = got.get(f"{name}_plain")
        if plain is not None and plain.shape == numeric[name].shape:
            with np.errstate(all="ignore"):
                plain_ok = bool(np.all(np.abs(plain - numeric[name]) <= G_ATOL + G_RTOL * np.abs(numeric[name])))
            if plain_ok:
                cause = OVERWRITTEN
    worst = float(np.where(np.isnan(err), np.inf, err).max())
    rel = worst / max(float(np.abs(numeric[name]).max()), 1e-12)
    first = tuple(np.argwhere(bad)[0])
    at = checks.index_text(first)
    others = [w[0] for w in wrong[1:]]
    right = [k for k in ("dx", "dgamma", "dbeta") if k not in {w[0] for w in wrong}]
    tail = (f"; also wrong: {', '.join(others)}" if others else "") + (f"; right: {', '.join(right)}" if right else "")
    label = {"dx": "x (dx)", "dgamma": "gamma (bn.dgamma)", "dbeta": "beta (bn.dbeta)"}[name]
    raise Fail(
        f"gradient of {label} is wrong: max abs error {worst:.3g} (relative {rel:.3g}) against central differences "
        f"of L = Σ dy·y{tail}",
        expected=f"{checks.fmt(numeric[name])}; at {at}: {numeric[name][first]:.6g}",
        got=f"{checks.fmt(grads[name])}; at {at}: {grads[name][first]:.6g} (tolerance: {G_ATOL:g} + "
        f"{G_RTOL:g}·|expected|)",
        cause=cause,
    )


# --- the cases --------------------------------------------------------------------------------------------------


def batch(seed: int, N: int, D: int) -> np.ndarray:
    """Each feature with its own offset (±3) and spread (0.5 … 2)."""
    rng = np.random.default_rng(seed)
    return 3.0 * rng.standard_normal(D) + rng.uniform(0.5, 2.0, D) * rng.standard_normal((N, D))


def known_affine(seed: int, D: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"gamma": 1.0 + 0.5 * rng.standard_normal(D), "beta": 0.5 * rng.standard_normal(D)}


def set_affine() -> tuple:
    return assign("bn", "gamma", "gamma"), assign("bn", "beta", "beta")


def read_running(suffix: str = "") -> tuple:
    return attr("bn", "running_mean", save="running_mean" + suffix), attr("bn", "running_var", save="running_var" + suffix)


def after_inference_steps(D: int) -> tuple:
    """bn: training forward, inference forward, backward; bn_plain: the same without the inference forward (to tell
    the learner that the inference forward is what changed the gradients)."""
    return (new("bn_plain", "BatchNorm", num_features=D), assign("bn_plain", "gamma", "gamma"),
            assign("bn_plain", "beta", "beta"), call("bn_plain", "forward", "x"),
            call("bn_plain", "backward", "dy", save="dx_plain"), attr("bn_plain", "dgamma", save="dgamma_plain"),
            new("bn", "BatchNorm", num_features=D), *set_affine(), call("bn", "forward", "x"),
            call("bn", "forward", "x_eval", training=False), call("bn", "backward", "dy", save="dx"),
            attr("bn", "dgamma"), attr("bn", "dbeta"))


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    x1 = batch(601, 16, 5)
    ab5 = known_affine(602, 5)
    r1 = batch(603, 12, 4)
    m1, m2, m3 = batch(604, 8, 3), batch(605, 10, 3), batch(606, 6, 3)
    e1, e2, ev = batch(607, 12, 4), batch(608, 12, 4), batch(609, 7, 4)
    ab4 = known_affine(610, 4)
    cold = batch(611, 6, 3)
    ab3 = known_affine(612, 3)
    bx, bdy = batch(613, 10, 6), np.random.default_rng(614).standard_normal((10, 6))
    ab6 = known_affine(615, 6)
    sx_first, sx, sdy = batch(616, 5, 7), batch(617, 5, 7), np.random.default_rng(618).standard_normal((5, 7))
    ab7 = known_affine(619, 7)
    qx, qev, qdy = batch(620, 8, 4), batch(621, 8, 4), np.random.default_rng(622).standard_normal((8, 4))
    ab_q = known_affine(623, 4)
    dx_, dev_, ddy = batch(624, 9, 5), batch(625, 5, 5), np.random.default_rng(626).standard_normal((9, 5))
    ab_d = known_affine(627, 5)
    known = "bn.gamma, bn.beta = gamma, beta (known values)"
    return [
        Case("init_pytorch_defaults", "BatchNorm(4)", "no data: gamma, beta, running_mean, running_var", {},
             (new("bn", "BatchNorm", num_features=4), attr("bn", "gamma"), attr("bn", "beta"), *read_running()),
             judge_init, {"D": 4}),
        Case("training_forward_uses_batch_stats", f"bn = BatchNorm(5); {known}; bn.forward(x)",
             "x shape (16, 5): each feature with its own offset and spread, seed 601; gamma, beta seed 602",
             {"x": x1, **ab5}, (new("bn", "BatchNorm", num_features=5), *set_affine(),
                                call("bn", "forward", "x", save="y")), judge_training_forward, {"D": 5}),
        Case("running_stats_after_one_batch", "bn = BatchNorm(4); bn.forward(x, training=True)",
             "x shape (12, 4), seed 603", {"x": r1},
             (new("bn", "BatchNorm", num_features=4), call("bn", "forward", "x", training=True), *read_running()),
             judge_running_stats, {"D": 4, "momentum": 0.1, "batches": ["x"]}),
        Case("running_stats_momentum_over_three_batches",
             "bn = BatchNorm(3, momentum=0.3); bn.forward(x1); bn.forward(x2); bn.forward(x3)",
             "x1 (8, 3), x2 (10, 3), x3 (6, 3), seeds 604–606", {"x1": m1, "x2": m2, "x3": m3},
             (new("bn", "BatchNorm", num_features=3, momentum=0.3), call("bn", "forward", "x1"),
              call("bn", "forward", "x2"), call("bn", "forward", "x3"), *read_running()),
             judge_running_stats, {"D": 3, "momentum": 0.3, "batches": ["x1", "x2", "x3"]}),
        Case("inference_uses_running_stats",
             f"bn = BatchNorm(4); {known}; bn.forward(x1); bn.forward(x2); bn.forward(x_eval, training=False)",
             "x1, x2 shape (12, 4), seeds 607, 608; x_eval shape (7, 4), seed 609; gamma, beta seed 610",
             {"x1": e1, "x2": e2, "x_eval": ev, **ab4},
             (new("bn", "BatchNorm", num_features=4), *set_affine(), call("bn", "forward", "x1"),
              call("bn", "forward", "x2"), call("bn", "forward", "x_eval", training=False, save="y_eval"),
              *read_running("_after_eval")),
             judge_eval, {"D": 4, "momentum": 0.1, "batches": ["x1", "x2"]}),
        Case("inference_before_any_training", f"bn = BatchNorm(3); {known}; bn.forward(x_eval, training=False)",
             "x_eval shape (6, 3), seed 611 (running_mean = 0, running_var = 1); gamma, beta seed 612",
             {"x_eval": cold, **ab3},
             (new("bn", "BatchNorm", num_features=3), *set_affine(),
              call("bn", "forward", "x_eval", training=False, save="y_eval")),
             judge_eval, {"D": 3, "momentum": 0.1, "batches": []}),
        Case("backward_matches_central_differences", f"bn = BatchNorm(6); {known}; bn.forward(x); dx = "
             "bn.backward(dy); bn.dgamma; bn.dbeta", "x shape (10, 6), seed 613; dy ~ N(0, 1), seed 614; gamma, "
             "beta seed 615", {"x": bx, "dy": bdy, **ab6},
             (new("bn", "BatchNorm", num_features=6), *set_affine(), call("bn", "forward", "x"),
              call("bn", "backward", "dy", save="dx"), attr("bn", "dgamma"), attr("bn", "dbeta")),
             judge_backward, {"D": 6}),
        Case("backward_small_batch_after_two_forwards", f"bn = BatchNorm(7); {known}; bn.forward(x_first); "
             "bn.forward(x); dx = bn.backward(dy); bn.dgamma; bn.dbeta",
             "x_first, x shape (5, 7) (a small batch: the mean and variance paths weigh more), seeds 616, 617; dy "
             "seed 618; gamma, beta seed 619", {"x_first": sx_first, "x": sx, "dy": sdy, **ab7},
             (new("bn", "BatchNorm", num_features=7), *set_affine(), call("bn", "forward", "x_first"),
              call("bn", "forward", "x"), call("bn", "backward", "dy", save="dx"), attr("bn", "dgamma"),
              attr("bn", "dbeta")), judge_backward, {"D": 7}),
        Case("backward_after_inference_forward_same_batch_size",
             f"bn = BatchNorm(4); {known}; bn.forward(x); bn.forward(x_eval, training=False); dx = bn.backward(dy); "
             "bn.dgamma; bn.dbeta", "x and x_eval shape (8, 4), seeds 620, 621; dy seed 622; gamma, beta seed 623 "
             "(backward uses the last TRAINING forward: x)", {"x": qx, "x_eval": qev, "dy": qdy, **ab_q},
             after_inference_steps(4), judge_backward, {"D": 4, "after_eval": True}),
        Case("backward_after_inference_forward_other_batch_size",
             f"bn = BatchNorm(5); {known}; bn.forward(x); bn.forward(x_eval, training=False); dx = bn.backward(dy); "
             "bn.dgamma; bn.dbeta", "x shape (9, 5), x_eval shape (5, 5), seeds 624, 625; dy shape (9, 5), seed "
             "626; gamma, beta seed 627 (backward uses the last TRAINING forward: x)",
             {"x": dx_, "x_eval": dev_, "dy": ddy, **ab_d}, after_inference_steps(5), judge_backward,
             {"D": 5, "after_eval": True,
              "error_hints": {"could not be broadcast": OVERWRITTEN, "not aligned": OVERWRITTEN,
                              "mismatch in its core dimension": OVERWRITTEN}}),
    ]


def perf() -> Perf:
    x = batch(631, 4000, 32)
    dy = np.random.default_rng(632).standard_normal((4000, 32))
    return Perf(
        steps=(new("bn", "BatchNorm", num_features=32), call("bn", "forward", "x"), call("bn", "backward", "dy"),
               call("bn", "forward", "x", training=False)),
        inputs={"x": x, "dy": dy},
        describe="BatchNorm(32): a training forward, backward and an inference forward on x (4000, 32)",
        slow_hint="a Python loop over the samples? the batch mean and variance, and the backward's two means, are "
        "reductions over axis=0 of the whole batch",
    )
