"""Hidden tests for `sgd-momentum`. The optimiser is fed a fixed, seeded sequence of gradients; from the same
starting parameters, momentum has exactly one trajectory (both usual conventions give it), so every parameter
vector `step` returns is compared with the reference's (tolerance 1e-9 + 1e-6·|expected|). When they differ, the
judge replays the classic mistakes on the same gradients and names the one the submission matches.

The grader cannot call back into the learner's code to compute a gradient, so the convergence case feeds the
gradients of a quadratic taken at the reference's iterates: a correct optimiser walks the same path and ends at
the minimiser."""

from __future__ import annotations

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, call, new

RTOL, ATOL = 1e-6, 1e-9
CLS = "SGDMomentum"
DEFAULTS = {"learning_rate": 0.01, "momentum": 0.9}

CAUSES = {
    "reset": "the velocity starts from zero on every step (plain SGD) — keep it on the object (self.velocity), "
    "create it once on the first step and update it on every step after",
    "uphill": "the parameters move up the gradient — the update is θ − α·v (or θ + v with v ← μ·v − α·g)",
    "ema": "this is the moving-average form v ← μ·v + (1 − μ)·g, whose steps are (1 − μ) times smaller; the spec's "
    "velocity is v ← μ·v + g (then θ − α·v)",
    "lr_twice": "the learning rate is applied twice (v ← μ·v + α·g and then θ − α·v) — pick one convention: "
    "v ← μ·v + g; θ − α·v, or v ← μ·v − α·g; θ + v",
    "late": "the parameters move with the OLD velocity, before it is updated (the first step does not move at "
    "all) — update v first, then θ",
    "nesterov": "this is Nesterov momentum (θ − α·(g + μ·v)); the spec is classical momentum: θ − α·v",
    "defaults": "the result matches learning_rate=0.01, momentum=0.9 — use the values given to the constructor "
    "(self.learning_rate, self.momentum), not hard-coded ones",
}


def simulate(p0: np.ndarray, grads: np.ndarray, lr: float, mu: float, variant: str = "spec") -> np.ndarray:
    """The parameters after each step, shape (steps, n): the spec's momentum, or one of its classic mistakes."""
    p, v, out = p0.astype(float).copy(), np.zeros(len(p0)), []
    with np.errstate(all="ignore"):
        for g in grads:
            if variant == "reset":
                v = np.zeros_like(p)
            if variant == "late":
                p = p - lr * v
                v = mu * v + g
            else:
                v = mu * v + ((1 - mu) * g if variant == "ema" else lr * g if variant == "lr_twice" else g)
                update = lr * (g + mu * v) if variant == "nesterov" else lr * v
                p = p + update if variant == "uphill" else p - update
            out.append(p)
    return np.array(out)


def diagnose(case: Case, traj: np.ndarray) -> str:
    p0, grads = case.inputs["p0"], gradients(case)
    lr, mu = case.params["learning_rate"], case.params["momentum"]
    variants = [(v, lr, mu) for v in ("reset", "uphill", "ema", "lr_twice", "late", "nesterov")]
    if (lr, mu) != (DEFAULTS["learning_rate"], DEFAULTS["momentum"]):
        variants.append(("defaults", DEFAULTS["learning_rate"], DEFAULTS["momentum"]))
    for variant, v_lr, v_mu in variants:
        replay = simulate(p0, grads, v_lr, v_mu, variant)
        if np.all(np.isfinite(traj)) and np.allclose(traj, replay, rtol=1e-5, atol=1e-8):
            if variant == "reset" and mu == 0.0:
                continue
            return CAUSES[variant]
    if not np.all(np.isfinite(traj)):
        return "NaN or inf appeared — is the velocity created as zeros (np.zeros_like(params)) on the first step?"
    return ("the parameters differ from v ← μ·v + g; θ ← θ − α·v with v = 0 before the first step — check the "
            "velocity update, the sign, and that the state lives on the object between calls")


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
            checks.close(traj[k], exp[k], what, rtol=RTOL,
                         atol=ATOL, cause=diagnose(case, traj))


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
    """Two optimisers used in turn keep separate velocities."""
    for name in ("a", "b"):
        n = len(case.inputs[f"{name}0"])
        for k in (1, 2):
            key = f"{name}{k}"
            what = f"{key} = opt_{name}.step({name}{k - 1}, g{name}{k - 1})"
            arr = checks.array(got, key, what, (n,), finite=False)
            checks.close(arr, expected.values[key], what, rtol=RTOL, atol=ATOL,
                         cause="the two optimisers share their state — keep the velocity on the object "
                         "(self.velocity), not in a global or a class attribute")


def chain(kwargs: dict[str, float], steps: int) -> tuple:
    return (new("opt", CLS, **kwargs),
            *(call("opt", "step", f"p{k}" if k else "p0", f"g{k}", save=f"p{k + 1}") for k in range(steps)))


def describe(kwargs: dict[str, float], steps: int) -> str:
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    last = f"p{steps} = opt.step(p{steps - 1}, g{steps - 1})"
    calls = "p1 = opt.step(p0, g0)" + ("" if steps == 1 else "; p2 = opt.step(p1, g1)" if steps == 2 else
                                       f"; p2 = opt.step(p1, g1); …; {last}")
    return f"opt = {CLS}({args}); {calls}"


def random_gradients(seed: int, steps: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """p0 ~ N(0, 1); each gradient entry ±U(0.1, 2)."""
    rng = np.random.default_rng(seed)
    p0 = rng.standard_normal(n)
    signs = rng.choice([-1.0, 1.0], size=(steps, n))
    return p0, signs * rng.uniform(0.1, 2.0, size=(steps, n))


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


def quadratic(seed: int, n: int, steps: int, lr: float, mu: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """f(θ) = ½·Σ aᵢ(θᵢ − cᵢ)² with a ∈ [1, 10]: p0, the gradients at the reference's iterates, and c."""
    rng = np.random.default_rng(seed)
    a, c, p = rng.uniform(1.0, 10.0, n), rng.standard_normal(n), 3.0 * rng.standard_normal(n)
    p0, v, grads = p.copy(), np.zeros(n), []
    for _ in range(steps):
        g = a * (p - c)
        grads.append(g)
        v = mu * v + g
        p = p - lr * v
    return p0, np.array(grads), c


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    hot = {"learning_rate": 0.05, "momentum": 0.9}
    const = np.tile(np.array([1.0, -0.5, 2.0]), (60, 1))
    q_p0, q_grads, q_min = quadratic(7, 6, 300, 0.02, 0.9)
    a0, ga = random_gradients(8, 2, 3)
    b0, gb = random_gradients(9, 2, 5)
    two = {"a0": a0, "b0": b0, "ga0": ga[0], "ga1": ga[1], "gb0": gb[0], "gb1": gb[1]}
    return [
        trajectory_case("first_step_is_plain_sgd", hot, 1, 6, 1),
        trajectory_case("velocity_carries_over", hot, 5, 6, 2),
        trajectory_case("defaults_20_steps", {}, 20, 10, 3),
        trajectory_case("other_hyperparameters", {"learning_rate": 0.05, "momentum": 0.5}, 15, 4, 4),
        trajectory_case("momentum_zero_is_plain_sgd", {"learning_rate": 0.2, "momentum": 0.0}, 10, 5, 5),
        trajectory_case("constant_gradient_speeds_up", {}, 60, 3, 6, grads=const, p0=np.zeros(3),
                        on="p0 = zeros(3); the same gradient [1, -0.5, 2] 60 times (the step grows towards "
                        "α·g/(1 − μ), ten times α·g)"),
        trajectory_case("converges_on_a_quadratic", {"learning_rate": 0.02, "momentum": 0.9}, 300, 6, 7,
                        grads=q_grads, p0=q_p0, judge=judge_converges, extra={"minimiser": q_min, "tol": 1e-4},
                        on="f(θ) = ½·Σ aᵢ(θᵢ − cᵢ)², a ∈ [1, 10], θ shape (6,), seed 7; gᵢ = ∇f at the "
                        "reference's i-th iterate (a correct optimiser walks the same path)"),
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
        steps=chain({"learning_rate": 0.01, "momentum": 0.9}, steps),
        inputs={"p0": p0, **{f"g{k}": grads[k] for k in range(steps)}},
        describe=f"{steps} calls of {CLS}().step(p, g) with p, g shape ({n},)",
        slow_hint="a Python loop over the parameters? update the whole array at once: v = μ·v + g; p − α·v",
    )
