"""Hidden tests for `adam`. The optimiser is fed a fixed, seeded sequence of gradients; from the same starting
parameters Adam has one trajectory, so every parameter vector `step` returns is compared with the reference's
(tolerance 1e-7 + 1e-5·|expected|, which accepts ε inside or outside the square root and the paper's "efficient" form:
the gradients are exactly 0 or at least 0.1 in size). When they differ, the judge replays the classic mistakes on the same gradients and names
the one the submission matches.

The grader cannot call back into the learner's code to compute a gradient, so the convergence case feeds the
gradients of a quadratic taken at the reference's iterates: a correct optimiser walks the same path and ends near
the minimiser."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, call, new

RTOL, ATOL = 1e-5, 1e-7
CLS = "Adam"
DEFAULTS = {"learning_rate": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8}

CAUSES = {
    "no_correction": "no bias correction: m and v start at 0, so early on they are too small (the first step moves "
    "≈ 3.2·α, not α) — use m̂ = m / (1 − β₁ᵗ) and v̂ = v / (1 − β₂ᵗ)",
    "only_m": "only m is bias-corrected — v needs it too: v̂ = v / (1 − β₂ᵗ)",
    "only_v": "only v is bias-corrected — m needs it too: m̂ = m / (1 − β₁ᵗ)",
    "overwrite": "the bias-corrected m̂ and v̂ are stored back into m and v, so the correction compounds from step 2 "
    "on — keep m and v raw: m_hat = self.m / (1 - self.beta1**self.t)",
    "t_fixed": "the bias correction always uses t = 1 — the step count must grow by one on every call "
    "(self.t += 1), so that 1 − βᵗ → 1",
    "t_zero": "the first step uses t = 0, and 1 − β⁰ = 0 divides by zero — increment t before the correction, so "
    "the first step has t = 1",
    "swapped": "β₁ and β₂ are swapped — m (the mean of g) decays with β₁ = 0.9, v (the mean of g²) with β₂ = 0.999",
    "no_square": "v is the running mean of g, not g² — v ← β₂·v + (1 − β₂)·g² (a negative mean has no square "
    "root: NaN)",
    "no_eps": "0/0 where a gradient and its mean are exactly 0 — add ε to the denominator: √v̂ + ε",
    "uphill": "the parameters move up the gradient — the update is θ − α·m̂ / (√v̂ + ε)",
    "reset": "m and v start from zero on every step — keep them on the object (self.m, self.v), create them once "
    "on the first step and update them on every step after",
    "defaults": "the result matches learning_rate=0.001, beta1=0.9, beta2=0.999 — use the values given to the "
    "constructor, not hard-coded ones",
}
MISTAKES = ("no_correction", "only_m", "only_v", "overwrite", "t_fixed", "t_zero", "swapped", "no_square", "no_eps",
            "uphill", "reset")
IS_DEFAULT = ("learning_rate", "beta1", "beta2")


def simulate(p0: np.ndarray, grads: np.ndarray | Callable[[np.ndarray], np.ndarray], steps: int, lr: float,
             beta1: float, beta2: float, eps: float, variant: str = "spec") -> tuple[np.ndarray, np.ndarray]:
    """(the parameters after each step, the gradients used), each shape (steps, n): the spec's Adam, an accepted
    variant (eps_inside, efficient) or a classic mistake. `grads` is an array, or a function of the parameters."""
    p, m, v, out, used = p0.astype(float).copy(), np.zeros(len(p0)), np.zeros(len(p0)), [], []
    b1, b2 = (beta2, beta1) if variant == "swapped" else (beta1, beta2)
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = grads(p) if callable(grads) else grads[t - 1]
            used.append(g)
            if variant == "reset":
                m, v = np.zeros_like(p), np.zeros_like(p)
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * (g if variant == "no_square" else g * g)
            tc = {"t_fixed": 1, "t_zero": t - 1}.get(variant, t)
            m_hat = m if variant in ("no_correction", "only_v") else m / (1 - b1**tc)
            v_hat = v if variant in ("no_correction", "only_m") else v / (1 - b2**tc)
            if variant == "overwrite":
                m, v = m_hat, v_hat
            if variant == "efficient":
                update = lr * np.sqrt(1 - b2**t) / (1 - b1**t) * m / (np.sqrt(v) + eps)
            elif variant == "eps_inside":
                update = lr * m_hat / np.sqrt(v_hat + eps)
            elif variant == "no_eps":
                update = lr * m_hat / np.sqrt(v_hat)
            else:
                update = lr * m_hat / (np.sqrt(v_hat) + eps)
            p = p + update if variant == "uphill" else p - update
            out.append(p)
    return np.array(out), np.array(used)


def hyper(params: Mapping[str, Any]) -> tuple[float, float, float, float]:
    return params["learning_rate"], params["beta1"], params["beta2"], params["eps"]


def diagnose(case: Case, traj: np.ndarray) -> str:
    p0, grads, steps = case.inputs["p0"], gradients(case), case.params["steps"]
    variants = [(v, hyper(case.params)) for v in MISTAKES]
    if any(case.params[k] != DEFAULTS[k] for k in IS_DEFAULT):
        variants.append(("defaults", hyper(DEFAULTS)))
    for variant, hp in variants:
        replay, _ = simulate(p0, grads, steps, *hp, variant=variant)
        if np.array_equal(np.isfinite(traj), np.isfinite(replay)) and np.allclose(
                traj, replay, rtol=1e-4, atol=1e-6, equal_nan=True):
            if variant == "no_eps" and np.all(np.isfinite(traj)):
                continue
            return CAUSES[variant]
    if not np.all(np.isfinite(traj)):
        return ("NaN or inf appeared — are m and v created as zeros, t counted from 1, g squared in v, and ε added "
                "to the denominator?")
    return ("the parameters differ from Adam as specified (t counted from 1; m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ); "
            "θ − α·m̂/(√v̂ + ε)) — check each line against the stub's docstring, and that m, v and t live on the "
            "object between calls")


def gradients(case: Case) -> np.ndarray:
    return np.array([case.inputs[f"g{k}"] for k in range(case.params["steps"])])


def trajectory(case: Case, got: Outputs) -> np.ndarray:
    """Every returned parameter vector, shape (steps, n); Fail on None, a wrong shape or a non-number."""
    steps, n = case.params["steps"], len(case.inputs["p0"])
    rows = []
    for k in range(1, steps + 1):
        what = f"p{k} = opt.step(p{k - 1}, g{k - 1})"
        if got.has(f"p{k}") and got.type_name(f"p{k}") == "NoneType":
            raise Fail(f"{what} returned None", expected=f"the new parameters, shape ({n},)", got="None",
                       cause="step must return the new parameters — updating params in place is not enough: "
                       "end with `return params - ...` (or `return params` after an in-place update)")
        rows.append(checks.array(got, f"p{k}", what, (n,), finite=False))
    return np.array(rows, dtype=float)


def judge_trajectory(case: Case, got: Outputs, expected: Outputs) -> None:
    """Every step's parameters equal the reference's; the first that differs is reported."""
    traj = trajectory(case, got)
    exp = np.array([expected.values[f"p{k}"] for k in range(1, len(traj) + 1)])
    for k in range(len(traj)):
        if not np.allclose(traj[k], exp[k], rtol=RTOL, atol=ATOL):
            before = "; the steps before it match" if k else ""
            what = f"p{k + 1} (after step {k + 1} of {len(traj)}{before})" if len(traj) > 1 else "p1"
            if not np.all(np.isfinite(traj[k])):
                bad = int(np.flatnonzero(~np.isfinite(traj[k]))[0])
                raise Fail(f"{what} contains NaN or inf (first at index [{bad}])", expected=checks.fmt(exp[k]),
                           got=checks.fmt(traj[k]), cause=diagnose(case, traj))
            checks.close(traj[k], exp[k], what, rtol=RTOL, atol=ATOL, cause=diagnose(case, traj))


def judge_converges(case: Case, got: Outputs, expected: Outputs) -> None:
    """The last parameters are within `tol` of the quadratic's minimiser."""
    traj = trajectory(case, got)
    target, tol = case.params["minimiser"], case.params["tol"]
    final, ref_final = traj[-1], expected.values[f"p{len(traj)}"]
    distance = float(np.max(np.abs(final - target))) if np.all(np.isfinite(final)) else np.inf
    if distance <= tol:
        return
    ref_distance = float(np.max(np.abs(ref_final - target)))
    raise Fail(f"after {len(traj)} steps the parameters are {distance:.3g} from the minimiser (max abs), expected "
               f"at most {tol:g} (the reference ends {ref_distance:.1g} away)",
               expected=checks.fmt(target), got=checks.fmt(final), cause=diagnose(case, traj))


def judge_two_optimisers(case: Case, got: Outputs, expected: Outputs) -> None:
    """Two optimisers used in turn keep separate state."""
    for name in ("a", "b"):
        n = len(case.inputs[f"{name}0"])
        for k in (1, 2):
            key = f"{name}{k}"
            what = f"{key} = opt_{name}.step({name}{k - 1}, g{name}{k - 1})"
            arr = checks.array(got, key, what, (n,), finite=False)
            checks.close(arr, expected.values[key], what, rtol=RTOL, atol=ATOL,
                         cause="the two optimisers share their state — keep m, v and t on the object "
                         "(self.m, self.v, self.t), not in a global or a class attribute")


def chain(kwargs: dict[str, float], steps: int) -> tuple:
    return (new("opt", CLS, **kwargs),
            *(call("opt", "step", f"p{k}" if k else "p0", f"g{k}", save=f"p{k + 1}") for k in range(steps)))


def describe(kwargs: dict[str, float], steps: int) -> str:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    last = f"p{steps} = opt.step(p{steps - 1}, g{steps - 1})"
    calls = "p1 = opt.step(p0, g0)" + ("" if steps == 1 else "; p2 = opt.step(p1, g1)" if steps == 2 else
                                       f"; p2 = opt.step(p1, g1); …; {last}")
    return f"opt = {CLS}({args}); {calls}"


def random_gradients(seed: int, steps: int, n: int, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """p0 ~ N(0, 1); each gradient entry ±U(0.1, 2)·scale."""
    rng = np.random.default_rng(seed)
    p0 = rng.standard_normal(n)
    signs = rng.choice([-1.0, 1.0], size=(steps, n))
    return p0, scale * signs * rng.uniform(0.1, 2.0, size=(steps, n))


def trajectory_case(name: str, kwargs: dict[str, float], steps: int, n: int, seed: int, *,
                    grads: np.ndarray | None = None, p0: np.ndarray | None = None, on: str = "",
                    judge=judge_trajectory, extra: dict | None = None) -> Case:
    rp0, rgrads = random_gradients(seed, steps, n)
    p0 = rp0 if p0 is None else p0
    grads = rgrads if grads is None else grads
    inputs = {"p0": p0, **{f"g{k}": grads[k] for k in range(steps)}}
    names = "g0" if steps == 1 else f"g0…g{steps - 1}"
    on = on or f"p0 shape ({n},) ~ N(0, 1); {names} shape ({n},), entries ±U(0.1, 2), seed {seed}"
    return Case(name, describe(kwargs, steps), on, inputs, chain(kwargs, steps), judge,
                {**DEFAULTS, **kwargs, "steps": steps, **(extra or {})})


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    rng = np.random.default_rng(1)
    p_first = rng.standard_normal(6)
    g_first = (rng.choice([-1.0, 1.0], size=6) * 10.0 ** np.array([-1.0, -0.5, 0.0, 0.7, 1.3, 2.0]))[None, :]
    _, zero_grads = random_gradients(5, 5, 6)
    zero_grads[:, [0, 3]] = 0.0
    rng = np.random.default_rng(7)
    a, c = rng.uniform(1.0, 10.0, 6), rng.standard_normal(6)
    q_p0 = c + 3.0 * rng.standard_normal(6)
    quad = {"learning_rate": 0.05}
    _, q_grads = simulate(q_p0, lambda p: a * (p - c), 800, *hyper({**DEFAULTS, **quad}))
    a0, ga = random_gradients(8, 2, 3)
    b0, gb = random_gradients(9, 2, 5)
    two = {"a0": a0, "b0": b0, "ga0": ga[0], "ga1": ga[1], "gb0": gb[0], "gb1": gb[1]}
    return [
        trajectory_case("first_step_moves_by_learning_rate", {"learning_rate": 0.1}, 1, 6, 1, grads=g_first,
                        p0=p_first, on="p0 shape (6,) ~ N(0, 1), seed 1; g0 = ±[0.1, 0.32, 1, 5, 20, 100]: "
                        "with bias correction the first step is ≈ α·sign(g) whatever the gradient's size"),
        trajectory_case("bias_correction_early_steps", {"learning_rate": 0.01}, 5, 6, 2),
        trajectory_case("defaults_30_steps", {}, 30, 10, 3),
        trajectory_case("other_hyperparameters", {"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99}, 20, 4, 4),
        trajectory_case("correction_fades_over_200_steps", {"learning_rate": 0.01}, 200, 4, 6),
        trajectory_case("zero_gradient_stays_put", {"learning_rate": 0.01}, 5, 6, 5, grads=zero_grads,
                        on="p0 shape (6,) ~ N(0, 1); g0…g4 shape (6,), entries ±U(0.1, 2) except columns 0 and 3, "
                        "always exactly 0, seed 5"),
        trajectory_case("converges_on_a_quadratic", quad, 800, 6, 7, grads=q_grads, p0=q_p0,
                        judge=judge_converges, extra={"minimiser": c, "tol": 1e-3},
                        on="f(θ) = ½·Σ aᵢ(θᵢ − cᵢ)², a ∈ [1, 10], θ shape (6,) starting about 3 from the "
                        "minimiser, seed 7; gᵢ = ∇f at the reference's i-th iterate (a correct optimiser walks "
                        "the same path)"),
        Case("two_optimisers_keep_their_own_state",
             f"opt_a = {CLS}(learning_rate=0.1); opt_b = {CLS}(learning_rate=0.1); a1 = opt_a.step(a0, ga0); "
             "b1 = opt_b.step(b0, gb0); a2 = opt_a.step(a1, ga1); b2 = opt_b.step(b1, gb1)",
             "a0, ga0, ga1 shape (3,), seed 8; b0, gb0, gb1 shape (5,), seed 9", two,
             (new("opt_a", CLS, learning_rate=0.1), new("opt_b", CLS, learning_rate=0.1),
              call("opt_a", "step", "a0", "ga0", save="a1"), call("opt_b", "step", "b0", "gb0", save="b1"),
              call("opt_a", "step", "a1", "ga1", save="a2"), call("opt_b", "step", "b1", "gb1", save="b2")),
             judge_two_optimisers),
    ]


def perf() -> Perf:
    steps, n = 10, 100_000
    p0, grads = random_gradients(31, steps, n)
    return Perf(
        steps=chain({}, steps),
        inputs={"p0": p0, **{f"g{k}": grads[k] for k in range(steps)}},
        describe=f"{steps} calls of {CLS}().step(p, g) with p, g shape ({n},)",
        slow_hint="a Python loop over the parameters? update whole arrays at once: m = β₁·m + (1 − β₁)·g",
    )
