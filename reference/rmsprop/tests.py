"""Hidden tests for `rmsprop`. The optimiser is fed a fixed, seeded sequence of gradients; from the same starting
parameters RMSProp has one trajectory, so every parameter vector `step` returns is compared with the reference's
(tolerance 1e-7 + 1e-5·|expected|, which accepts ε inside or outside the square root: the gradients are exactly 0
or at least 0.1 in size). When they differ, the judge replays the classic mistakes on the same gradients and names
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
CLS = "RMSProp"
DEFAULTS = {"learning_rate": 0.001, "rho": 0.9, "eps": 1e-8}

CAUSES = {
    "no_sqrt": "the step is divided by the average of g² itself, not its square root — θ − α·g / (√s + ε)",
    "no_square": "the running average is of g, not g² — s ← ρ·s + (1 − ρ)·g² (a negative average has no square "
    "root: NaN)",
    "swapped": "ρ and 1 − ρ are swapped — the old average keeps weight ρ: s ← ρ·s + (1 − ρ)·g²",
    "reset": "the average starts from zero on every step — keep s on the object (self.s), create it once on the "
    "first step and update it on every step after",
    "adagrad": "the squares are summed without decay (that is Adagrad) — s ← ρ·s + (1 − ρ)·g²",
    "bias_corrected": "the average is bias-corrected (s / (1 − ρᵗ)) — that is Adam's; RMSProp uses s as it is",
    "no_eps": "0/0 where a gradient and its average are exactly 0 — add ε to the denominator: √s + ε",
    "uphill": "the parameters move up the gradient — the update is θ − α·g / (√s + ε)",
    "defaults": "the result matches learning_rate=0.001, rho=0.9 — use the values given to the constructor "
    "(self.learning_rate, self.rho), not hard-coded ones",
}


def simulate(p0: np.ndarray, grads: np.ndarray | Callable[[np.ndarray], np.ndarray], steps: int, lr: float,
             rho: float, eps: float, variant: str = "spec") -> tuple[np.ndarray, np.ndarray]:
    """(the parameters after each step, the gradients used), each shape (steps, n): the spec's RMSProp, an
    accepted variant (eps_inside) or a classic mistake. `grads` is an array, or a function of the parameters."""
    p, s, out, used = p0.astype(float).copy(), np.zeros(len(p0)), [], []
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            g = grads(p) if callable(grads) else grads[t - 1]
            used.append(g)
            if variant == "reset":
                s = np.zeros_like(p)
            g2 = g if variant == "no_square" else g * g
            if variant == "swapped":
                s = (1 - rho) * s + rho * g2
            elif variant == "adagrad":
                s = s + g2
            else:
                s = rho * s + (1 - rho) * g2
            s_used = s / (1 - rho**t) if variant == "bias_corrected" else s
            if variant == "eps_inside":
                denominator = np.sqrt(s_used + eps)
            elif variant == "no_sqrt":
                denominator = s_used + eps
            elif variant == "no_eps":
                denominator = np.sqrt(s_used)
            else:
                denominator = np.sqrt(s_used) + eps
            update = lr * g / denominator
            p = p + update if variant == "uphill" else p - update
            out.append(p)
    return np.array(out), np.array(used)


def hyper(params: Mapping[str, Any]) -> tuple[float, float, float]:
    return params["learning_rate"], params["rho"], params["eps"]


def diagnose(case: Case, traj: np.ndarray) -> str:
    p0, grads, steps = case.inputs["p0"], gradients(case), case.params["steps"]
    lr, rho, eps = hyper(case.params)
    variants = [(v, (lr, rho, eps)) for v in ("no_sqrt", "no_square", "swapped", "reset", "adagrad",
                                               "bias_corrected", "no_eps", "uphill")]
    if (lr, rho) != (DEFAULTS["learning_rate"], DEFAULTS["rho"]):
        variants.append(("defaults", hyper(DEFAULTS)))
    for variant, hp in variants:
        replay, _ = simulate(p0, grads, steps, *hp, variant=variant)
        if np.array_equal(np.isfinite(traj), np.isfinite(replay)) and np.allclose(
                traj, replay, rtol=1e-4, atol=1e-6, equal_nan=True):
            if variant == "no_eps" and np.all(np.isfinite(traj)):
                continue
            return CAUSES[variant]
    if not np.all(np.isfinite(traj)):
        return ("NaN or inf appeared — is s created as zeros on the first step, g squared, and ε added to the "
                "denominator?")
    return ("the parameters differ from s ← ρ·s + (1 − ρ)·g²; θ ← θ − α·g / (√s + ε) with s = 0 before the first "
            "step — check the average, the square root, the sign, and that s lives on the object between calls")


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
                         cause="the two optimisers share their state — keep the running average on the object "
                         "(self.s), not in a global or a class attribute")


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
    lr = {"learning_rate": 0.01}
    _, zero_grads = random_gradients(5, 5, 6)
    zero_grads[:, [0, 3]] = 0.0
    _, big = random_gradients(6, 10, 5, scale=100.0)
    rng = np.random.default_rng(7)
    a, c = rng.uniform(1.0, 10.0, 6), rng.standard_normal(6)
    q_p0 = c + 3.0 * rng.standard_normal(6)
    quad = {"learning_rate": 0.01, "rho": 0.9}
    _, q_grads = simulate(q_p0, lambda p: a * (p - c), 600, *hyper({**DEFAULTS, **quad}))
    a0, ga = random_gradients(8, 2, 3)
    b0, gb = random_gradients(9, 2, 5)
    two = {"a0": a0, "b0": b0, "ga0": ga[0], "ga1": ga[1], "gb0": gb[0], "gb1": gb[1]}
    return [
        trajectory_case("first_step_divides_by_rms", lr, 1, 6, 1),
        trajectory_case("average_carries_over", lr, 5, 6, 2),
        trajectory_case("defaults_20_steps", {}, 20, 10, 3),
        trajectory_case("other_hyperparameters", {"learning_rate": 0.05, "rho": 0.5}, 15, 4, 4),
        trajectory_case("zero_gradient_stays_put", lr, 5, 6, 5, grads=zero_grads,
                        on="p0 shape (6,) ~ N(0, 1); g0…g4 shape (6,), entries ±U(0.1, 2) except columns 0 and 3, "
                        "always exactly 0, seed 5"),
        trajectory_case("large_gradients_same_step_size", lr, 10, 5, 6, grads=big,
                        on="p0 shape (5,) ~ N(0, 1); g0…g9 shape (5,), entries ±U(10, 200), seed 6 (the steps "
                        "stay about α in size, whatever the gradients' scale)"),
        trajectory_case("converges_on_a_quadratic", quad, 600, 6, 7, grads=q_grads, p0=q_p0,
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
        slow_hint="a Python loop over the parameters? update the whole array at once: s = ρ·s + (1 − ρ)·g**2",
    )
