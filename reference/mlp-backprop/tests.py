"""Hidden tests for `mlp-backprop`. The initial weights are left open: only their shapes, seeding (same seed, same
weights; another seed, another W1) and symmetry breaking are judged. forward, loss, gradients and predict are
judged after known weights are set on the object, against the exact values computed here; every gradient against
central differences of the exact mean loss at those weights, parameter by parameter (the data keep every hidden
pre-activation ≥ 1e-3 away from the ReLU's kink). Full-batch gradient descent from known weights is deterministic,
so fit is compared with the reference's trajectory; from the learner's own initial weights it must fit an easy,
separable problem. When something differs, the judge replays the classic backprop mistakes (missing 1/n, Y − P,
no ReLU mask or the mask on the wrong tensor, biases not summed over the batch…) and names the one that matches."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Outputs, Perf, assign, attr, call, new

PARAMS = ("W1", "b1", "W2", "b2")
BACKPROP_ORDER = ("b2", "W2", "b1", "W1")  # report the one nearest the output first: errors flow backwards
F_RTOL, F_ATOL = 1e-7, 1e-9  # forward
L_RTOL, L_ATOL = 1e-6, 1e-5  # loss: clipping p at a small ε (1e-7 or less) before the log passes
G_RTOL, G_ATOL = 1e-4, 1e-6  # gradients against central differences
T_RTOL, T_ATOL = 1e-6, 1e-8  # weights after fit, against the reference's trajectory
H_STEP = 1e-5
Weights = dict[str, np.ndarray]


# --- trusted maths ----------------------------------------------------------------------------------------------


def log_softmax(Z: np.ndarray, axis: int = 1) -> np.ndarray:
    shifted = Z - Z.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def forward(W: Weights, X: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    A = X @ W["W1"] + W["b1"]
    H = np.maximum(A, 0.0)
    return A, H, H @ W["W2"] + W["b2"]


def mean_loss(W: Weights, X: np.ndarray, y: np.ndarray) -> float:
    return float(-log_softmax(forward(W, X)[2])[np.arange(len(y)), y].mean())


def backprop(W: Weights, X: np.ndarray, y: np.ndarray, variant: str = "spec") -> Weights:
    """The gradients as the spec says, or as one of the classic mistakes computes them."""
    n = len(y)
    A, H, Z = forward(W, X)
    with np.errstate(all="ignore"):
        P = np.exp(log_softmax(Z, axis=0 if variant == "softmax_axis0" else 1))
        Y = np.eye(Z.shape[1])[y]
        dZ = (Y - P if variant == "sign" else P - Y) / (1 if variant == "no_mean" else n)
        if variant in ("mask_on_logits", "mask_moved_to_logits"):
            dZ = dZ * (Z > 0)
        dH = dZ @ W["W2"].T
        dA = dH if variant in ("no_mask", "mask_moved_to_logits") else dH * H if variant == "mask_times_activation" \
            else dH * (A > 0)
        grads = {"W1": X.T @ dA, "b1": dA.sum(axis=0), "W2": (A if variant == "W2_from_A" else H).T @ dZ,
                 "b2": dZ.sum(axis=0)}
        if variant == "bias_mean":
            grads["b1"], grads["b2"] = dA.mean(axis=0), dZ.mean(axis=0)
        if variant == "bias_no_mean":
            grads["b1"], grads["b2"] = n * grads["b1"], n * grads["b2"]
    return grads


def numeric_gradients(W: Weights, X: np.ndarray, y: np.ndarray, h: float = H_STEP) -> Weights:
    """Central differences of the exact mean loss, parameter by parameter, entry by entry."""
    W = {k: v.astype(float).copy() for k, v in W.items()}
    grads = {}
    for key in PARAMS:
        flat = W[key].reshape(-1)
        out = np.zeros(flat.size)
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + h
            up = mean_loss(W, X, y)
            flat[i] = old - h
            down = mean_loss(W, X, y)
            flat[i] = old
            out[i] = (up - down) / (2 * h)
        grads[key] = out.reshape(W[key].shape)
    return grads


def train(W: Weights, X: np.ndarray, y: np.ndarray, lr: float, epochs: int, variant: str = "spec") -> Weights:
    """Full-batch gradient descent as the spec says, or with one classic mistake."""
    W = {k: v.astype(float).copy() for k, v in W.items()}
    with np.errstate(all="ignore"):
        for _ in range(1 if variant == "one_epoch" else epochs):
            grads = backprop(W, X, y, variant if variant in GRADIENT_CAUSES else "spec")
            for key in PARAMS:
                if variant == "bias_frozen" and key.startswith("b"):
                    continue
                W[key] = W[key] + lr * grads[key] if variant == "uphill" else W[key] - lr * grads[key]
    return W


GRADIENT_CAUSES = {
    "no_mean": "the gradients are not divided by n: the loss is the MEAN over the batch, so dZ = (P − Y) / n "
    "(missing 1/n)",
    "sign": "the sign is flipped: dZ = (Y − P)/n points where the loss DEcreases; the gradient of the loss is "
    "(P − Y)/n",
    "no_mask": "the ReLU derivative is missing: the gradient flows back through the hidden layer only where the "
    "pre-activation was positive — dA = dH * (A > 0)",
    "mask_moved_to_logits": "the ReLU derivative is applied to the network's OUTPUT (the logits) instead of the "
    "hidden pre-activation — the output layer is linear, so dZ = (P − Y)/n unmasked, and the mask belongs to the "
    "hidden layer: dA = dH * (A > 0), with A = X @ W1 + b1",
    "mask_on_logits": "the ReLU derivative is applied to the network's OUTPUT (the logits), which has no ReLU — the "
    "mask belongs to the hidden layer: dA = dH * (A > 0), with A = X @ W1 + b1, and dZ = (P − Y)/n unmasked",
    "mask_times_activation": "the gradient is multiplied by the ReLU's output value relu(A); the ReLU's derivative "
    "is 1 where A > 0 and 0 elsewhere — multiply by the mask (A > 0)",
    "W2_from_A": "dW2 uses the hidden PRE-activation A; W2 multiplies the hidden layer's OUTPUT H = relu(A), so "
    "dW2 = H.T @ dZ",
    "bias_mean": "the bias gradients are averaged over the batch although dZ already carries the 1/n: sum them, "
    "db = dZ.sum(axis=0) (here they come out n times too small)",
    "bias_no_mean": "the bias gradients miss the 1/n: db2 = Σ_rows (P − Y) / n — the weights' gradients have it, "
    "the biases' must too",
    "softmax_axis0": "the softmax is normalised over the samples (axis 0); each ROW of logits must sum to 1 (axis=1)",
}
FIT_CAUSES = {
    "uphill": "the weights move up the gradient: the update is W ← W − lr·dW",
    "one_epoch": "only one gradient step was taken — run `epochs` steps (is `return` inside the loop?)",
    "bias_frozen": "the biases are never updated — apply b1 -= lr * db1 and b2 -= lr * db2 every epoch",
    **GRADIENT_CAUSES,
}


def close_all(a: Weights, b: Weights, rtol: float, atol: float) -> bool:
    return all(a[k].shape == b[k].shape and np.allclose(a[k], b[k], rtol=rtol, atol=atol) for k in a)


# --- data -------------------------------------------------------------------------------------------------------


def labelled(seed: int, n: int, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, n_in))
    y = rng.permutation(np.arange(n) % n_out).astype(np.int64)  # every class appears
    return X, y


def known_weights(seed: int, X: np.ndarray, n_hidden: int, n_out: int, *, shift: float = 0.0) -> Weights:
    """Seeded weights whose hidden pre-activations all stay ≥ 1e-3 away from the ReLU's kink."""
    rng = np.random.default_rng(seed)
    for _ in range(1000):
        W = {"W1": 0.8 * rng.standard_normal((X.shape[1], n_hidden)), "b1": 0.5 * rng.standard_normal(n_hidden) + shift,
             "W2": rng.standard_normal((n_hidden, n_out)), "b2": 0.5 * rng.standard_normal(n_out)}
        if np.abs(X @ W["W1"] + W["b1"]).min() > 1e-3:
            return W
    raise AssertionError(f"no kink-free weights for seed {seed}")


def blobs(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = np.array([[-2.5, 0.0], [2.5, 0.0], [0.0, 3.0]])
    y = rng.permutation(np.repeat(np.arange(3), 30)).astype(np.int64)
    return centres[y] + 0.8 * rng.standard_normal((90, 2)), y


def case_weights(case: Case, prefix: str = "") -> Weights:
    return {k: case.inputs[prefix + k] for k in PARAMS}


# --- judges: initial weights ------------------------------------------------------------------------------------


def initial(got: Outputs, prefix: str, dims: tuple[int, int, int]) -> Weights:
    n_in, n_hidden, n_out = dims
    shapes = {"W1": (n_in, n_hidden), "b1": (n_hidden,), "W2": (n_hidden, n_out), "b2": (n_out,)}
    out = {}
    for key in PARAMS:
        what = f"{key} after MLP{dims}"
        value = checks.value(got, prefix + key, what)
        want = shapes[key]
        if value.shape != want:
            cause = ""
            if value.shape == want[::-1] and len(want) == 2:
                cause = (f"{key} is stored transposed — the spec's {key} has shape {want} so that the forward pass "
                         f"is {'X @ W1' if key == 'W1' else 'H @ W2'}")
            elif value.shape == (1, *want):
                cause = f"keep {key} 1-D, shape {want}: np.zeros({want[0]}), not np.zeros((1, {want[0]}))"
            raise Fail(f"{what} has shape {value.shape}, expected {want}", expected=f"shape {want}",
                       got=checks.fmt(value), cause=cause)
        out[key] = checks.array(got, prefix + key, what, want).astype(float)
    return out


def judge_init_shapes(case: Case, got: Outputs, expected: Outputs) -> None:
    initial(got, "", case.params["dims"])


def judge_init_seeded(case: Case, got: Outputs, expected: Outputs) -> None:
    dims = case.params["dims"]
    a, b, c = initial(got, "a_", dims), initial(got, "b_", dims), initial(got, "c_", dims)
    symmetric(a["W1"])
    for key in PARAMS:
        if not np.array_equal(a[key], b[key]):
            raise Fail(f"two MLP{dims[:3]} built with seed=5 have different {key}",
                       expected=f"identical {key}: {checks.fmt(a[key])}", got=checks.fmt(b[key]),
                       cause="draw the initial weights from a generator seeded in __init__ — "
                       "rng = np.random.default_rng(seed) — not from the unseeded global np.random")
    if np.array_equal(a["W1"], c["W1"]):
        raise Fail("MLP(…, seed=5) and MLP(…, seed=6) have the same W1", got=checks.fmt(a["W1"]),
                   cause="the seed argument is ignored — use np.random.default_rng(seed), not a fixed seed")


def judge_init_symmetry(case: Case, got: Outputs, expected: Outputs) -> None:
    symmetric(initial(got, "", case.params["dims"])["W1"])


def symmetric(W1: np.ndarray) -> None:
    """Fail if every hidden unit starts with the same incoming weights."""
    if np.all(W1 == W1[:, :1]):
        what = "all zeros" if not W1.any() else "the same in every column"
        raise Fail(f"W1 is {what}: every hidden unit starts identical", got=checks.fmt(W1),
                   cause="identical hidden units receive identical gradients and stay identical forever (the "
                   "symmetry is never broken) — draw W1 at random, e.g. rng.standard_normal((n_in, n_hidden)) * "
                   "np.sqrt(2 / n_in)")


# --- judges: forward, loss, predict -----------------------------------------------------------------------------


def forward_variants(W: Weights, X: np.ndarray) -> Iterator[tuple[str, np.ndarray]]:
    A, H, Z = forward(W, X)
    with np.errstate(all="ignore"):
        yield "there is no ReLU: the hidden layer must be H = np.maximum(X @ W1 + b1, 0)", (
            (X @ W["W1"] + W["b1"]) @ W["W2"] + W["b2"])
        yield "a ReLU is applied to the output too; the logits Z = H @ W2 + b2 are linear", np.maximum(Z, 0)
        yield ("these are probabilities (softmax of the logits); forward returns the raw logits",
               np.exp(log_softmax(Z)))
        yield "the hidden layer uses a sigmoid; the spec's is a ReLU", (1 / (1 + np.exp(-A))) @ W["W2"] + W["b2"]
        yield "the hidden layer uses tanh; the spec's is a ReLU", np.tanh(A) @ W["W2"] + W["b2"]
        yield "the biases are left out: A = X @ W1 + b1 and Z = H @ W2 + b2", np.maximum(X @ W["W1"], 0) @ W["W2"]
        yield "b1 is left out: A = X @ W1 + b1", np.maximum(X @ W["W1"], 0) @ W["W2"] + W["b2"]
        yield "b2 is left out: Z = H @ W2 + b2", H @ W["W2"]


def judge_forward(case: Case, got: Outputs, expected: Outputs) -> None:
    W, X = case_weights(case), case.inputs["X"]
    exact = forward(W, X)[2]
    Z = checks.array(got, "logits", "forward(X)", exact.shape).astype(float)
    if np.allclose(Z, exact, rtol=F_RTOL, atol=F_ATOL):
        return
    cause = ("forward must use the weights set on the object (self.W1, self.b1, self.W2, self.b2, read at every "
             "call): Z = relu(X @ W1 + b1) @ W2 + b2")
    for why, candidate in forward_variants(W, X):
        if np.allclose(Z, candidate, rtol=1e-6, atol=1e-8):
            cause = why
            break
    checks.close(Z, exact, "forward(X)", rtol=F_RTOL, atol=F_ATOL, cause=cause)


def judge_loss(case: Case, got: Outputs, expected: Outputs) -> None:
    W, X, y = case_weights(case), case.inputs["X"], case.inputs["y"]
    what = "loss(X, y)"
    value = checks.value(got, "loss", what)
    if value.shape != ():
        cause = ("these are the per-sample losses — return their mean, one float" if value.shape == (len(y),)
                 else "return one float: the mean cross-entropy over the batch")
        raise Fail(f"{what} has shape {value.shape}, expected a single number", got=checks.fmt(value), cause=cause)
    loss = checks.scalar(got, "loss", what)
    exact = mean_loss(W, X, y)
    if abs(loss - exact) <= L_ATOL + L_RTOL * abs(exact):
        return
    n, K = len(y), W["b2"].shape[0]
    Z = forward(W, X)[2]
    picked = -log_softmax(Z)[np.arange(n), y]
    options = [
        (picked.sum(), "the loss is summed over the batch; the spec's is the MEAN (divide by n)"),
        (picked.sum() / (n * K), "the loss is averaged over all n·n_out entries; average over the n samples only"),
        (float(-log_softmax(Z, axis=0)[np.arange(n), y].mean()),
         "the softmax is normalised over the samples (axis 0); each ROW of logits must be normalised (axis=1)"),
        (float(-log_softmax(forward_variants_linear(W, X))[np.arange(n), y].mean()),
         "the loss uses a network without the ReLU — compute it from forward(X)"),
    ]
    cause = "L = mean over the rows of −log softmax(Z)[i, y_i], with Z = forward(X) at the current weights"
    for value_, why in options:
        if abs(loss - value_) <= 1e-6 * (1 + abs(value_)):
            cause = why
            break
    checks.close(np.array(loss), np.array(exact), what, rtol=L_RTOL, atol=L_ATOL, cause=cause)


def forward_variants_linear(W: Weights, X: np.ndarray) -> np.ndarray:
    return (X @ W["W1"] + W["b1"]) @ W["W2"] + W["b2"]


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    W, X_new = case_weights(case), case.inputs["X_new"]
    m = len(X_new)
    Z = forward(W, X_new)[2]
    value = checks.value(got, "predict", "predict(X_new)")
    if value.shape == Z.shape:
        raise Fail(f"predict(X_new) has shape {value.shape}, expected {(m,)}", got=checks.fmt(value),
                   cause="these look like scores or probabilities — return the class ids: np.argmax(Z, axis=1)")
    labels = checks.array(got, "predict", "predict(X_new)", (m,))
    if labels.dtype.kind == "f" and not np.all(labels == np.round(labels)):
        raise Fail("predict(X_new) returned fractions, expected class ids", got=checks.fmt(labels),
                   cause="return np.argmax(self.forward(X), axis=1)")
    top = np.sort(Z, axis=1)
    unique = top[:, -1] - top[:, -2] > 1e-9
    cause = "predict = np.argmax(forward(X), axis=1): the class with the largest logit of each row"
    if np.array_equal(labels[unique], np.argmin(Z, axis=1)[unique]):
        cause = "this is the LEAST likely class — use argmax, not argmin"
    checks.same_labels(labels.astype(np.int64), np.argmax(Z, axis=1), "predict(X_new)", mask=unique, cause=cause)


# --- judges: gradients ------------------------------------------------------------------------------------------


def gradient_shapes(got: Outputs, key: str, W: Weights, n: int) -> Weights:
    what = "gradients(X, y)"
    if not got.has(key):
        raise Fail(f"{what} was not produced", cause="the call before it did not complete")
    kind = got.type_name(key)
    if kind != "dict":
        raise Fail(f"{what} returned a {kind}, expected a dict", expected='{"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}',
                   got=kind, cause="return a dict keyed by the parameter names: "
                   'return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}')
    keys = got.parts(key)
    missing = [k for k in PARAMS if k not in keys]
    if missing:
        raise Fail(f"{what} has no key {', '.join(repr(k) for k in missing)} (its keys: {', '.join(keys) or 'none'})",
                   expected="keys W1, b1, W2, b2", got=", ".join(keys),
                   cause="key each gradient by the name of its parameter: W1, b1, W2, b2 (not dW1, grad_W1…)")
    out = {}
    for name in BACKPROP_ORDER:
        want = W[name].shape
        value = checks.value(got, f"{key}.{name}", f"the gradient of {name}")
        if value.shape != want:
            if len(want) == 2 and value.shape == want[::-1]:
                src = "X.T @ dA" if name == "W1" else "H.T @ dZ"
                cause = (f"the gradient of {name} is transposed: it must have {name}'s own shape {want} — "
                         f"d{name} = {src}")
            elif len(want) == 1 and value.shape == (n, want[0]):
                cause = (f"the gradient of {name} is not summed over the batch: every sample contributes to the same "
                         f"bias, so d{name} = {'dA' if name == 'b1' else 'dZ'}.sum(axis=0)")
            elif len(want) == 1 and value.shape == (n,):
                cause = (f"the gradient of {name} is summed over the wrong axis (the units); sum over the batch: "
                         f"{'dA' if name == 'b1' else 'dZ'}.sum(axis=0)")
            elif len(want) == 1 and value.shape == (1, want[0]):
                cause = f"keep the gradient of {name} 1-D like {name}: .sum(axis=0) without keepdims=True"
            else:
                cause = f"every gradient has the shape of its parameter: d{name} has shape {want}"
            raise Fail(f"the gradient of {name} has shape {value.shape}, expected {want}", expected=f"shape {want}",
                       got=checks.fmt(value), cause=cause)
        out[name] = checks.array(got, f"{key}.{name}", f"the gradient of {name}", want, finite=False).astype(float)
    return out


def diagnose_gradients(W: Weights, X: np.ndarray, y: np.ndarray, grads: Weights, numeric: Weights,
                       name: str) -> str:
    """Which classic mistake the gradients match: all four at once first, then the one reported (`name`)."""
    exact = backprop(W, X, y)
    replays = {v: backprop(W, X, y, v) for v in GRADIENT_CAUSES}
    replays = {v: r for v, r in replays.items() if not close_all(r, exact, 1e-4, 1e-6)}
    for variant, replay in replays.items():
        if close_all(grads, replay, 1e-4, 1e-6):
            return GRADIENT_CAUSES[variant]
    g, num = grads[name], numeric[name]
    if not np.all(np.isfinite(g)):
        return "NaN or inf in the gradient — is the softmax stable (subtract each row's maximum)?"
    n = len(y)
    for factor, cause in (
            (-1.0, f"the sign of d{name} is flipped: the gradient of the loss uses (P − Y), not (Y − P)"),
            (float(n), f"d{name} is n times too large: it misses the 1/n of the mean loss (dZ = (P − Y) / n)"),
            (1.0 / n, f"d{name} is n times too small: the 1/n is applied twice (dZ already carries it: sum, don't "
             "average, over the batch)")):
        if np.allclose(g, factor * num, rtol=1e-3, atol=1e-6):
            return cause
    for variant, replay in replays.items():
        if not np.allclose(replay[name], exact[name], rtol=1e-4, atol=1e-6) and np.allclose(
                g, replay[name], rtol=1e-4, atol=1e-6):
            return GRADIENT_CAUSES[variant]
    hints = {
        "b2": "db2 = dZ.sum(axis=0), with dZ = (softmax(Z) − Y) / n",
        "W2": "dW2 = H.T @ dZ, with H = relu(X @ W1 + b1) the hidden layer's output",
        "b1": "db1 = dA.sum(axis=0), with dA = (dZ @ W2.T) * (A > 0)",
        "W1": "dW1 = X.T @ dA, with dA = (dZ @ W2.T) * (A > 0) — W2 transposed, the ReLU mask from A",
    }
    return hints[name]


def judge_gradients(case: Case, got: Outputs, expected: Outputs) -> None:
    W, X, y = case_weights(case), case.inputs["X"], case.inputs["y"]
    grads = gradient_shapes(got, "grads", W, len(y))
    numeric = numeric_gradients(W, X, y)
    wrong = []
    for name in BACKPROP_ORDER:
        with np.errstate(all="ignore"):
            err = np.abs(grads[name] - numeric[name])
            bad = ~(err <= G_ATOL + G_RTOL * np.abs(numeric[name]))
        if bad.any():
            wrong.append((name, err, bad))
    if not wrong:
        return
    name, err, bad = wrong[0]
    worst = float(np.where(np.isnan(err), np.inf, err).max())
    rel = worst / max(float(np.abs(numeric[name]).max()), 1e-12)
    first = tuple(np.argwhere(bad)[0])
    at = checks.index_text(first)
    others = [w[0] for w in wrong[1:]]
    right = [k for k in BACKPROP_ORDER if k not in {w[0] for w in wrong}]
    tail = (f"; also wrong: {', '.join(others)}" if others else "") + (f"; right: {', '.join(right)}" if right else "")
    raise Fail(
        f"gradient of {name} is wrong: max abs error {worst:.3g} (relative {rel:.3g}) against central differences "
        f"of the loss{tail}",
        expected=f"{checks.fmt(numeric[name])}; at {at}: {numeric[name][first]:.6g}",
        got=f"{checks.fmt(grads[name])}; at {at}: {grads[name][first]:.6g} (tolerance: {G_ATOL:g} + "
        f"{G_RTOL:g}·|expected|)",
        cause=diagnose_gradients(W, X, y, grads, numeric, name),
    )


# --- judges: fit ------------------------------------------------------------------------------------------------


def fitted(case: Case, got: Outputs) -> Weights:
    checks.returns_self(got, "fit", case.call.split(";")[-1].strip())
    W = case_weights(case)
    return {k: checks.array(got, k, f"{k} after fit", W[k].shape, finite=False).astype(float) for k in PARAMS}


def diagnose_fit(case: Case, got: Outputs, result: Weights) -> str:
    W, X, y = case_weights(case), case.inputs["X"], case.inputs["y"]
    lr, epochs = case.params["lr"], case.params["epochs"]
    if not all(np.all(np.isfinite(v)) for v in result.values()):
        return "NaN or inf: the updates diverged — is the gradient divided by n, and the step W -= lr * dW?"
    if close_all(result, W, 0, 1e-12):
        return ("the weights did not change — update self.W1, self.b1, self.W2, self.b2 every epoch (assign the new "
                "arrays to the attributes, or update them in place)")
    exact = train(W, X, y, lr, epochs)
    for variant, cause in FIT_CAUSES.items():
        replay = train(W, X, y, lr, epochs, variant)
        if not close_all(replay, exact, 1e-4, 1e-6) and close_all(result, replay, 1e-4, 1e-6):
            return cause
    if (lr, epochs) != (0.1, 100) and close_all(result, train(W, X, y, 0.1, 100), 1e-4, 1e-6):
        return "the result matches lr=0.1, epochs=100 — use the lr and epochs given to fit"
    if all(got.has("init_" + k) for k in PARAMS):
        own = {k: got.get("init_" + k) for k in PARAMS}
        if all(v is not None and v.shape == W[k].shape for k, v in own.items()):
            replay = train({k: np.asarray(v, dtype=float) for k, v in own.items()}, X, y, lr, epochs)
            if close_all(result, replay, 1e-4, 1e-6):
                return ("fit re-initialised the weights: it must start from the CURRENT self.W1, self.b1, self.W2, "
                        "self.b2 (create them in __init__ only)")
    return ("the weights differ from `epochs` full-batch gradient steps from the starting weights — each epoch: all "
            "four gradients at the current weights, then W -= lr * dW for all four (no mini-batches, no shuffling); "
            "if a gradients test fails too, fix that first: fit follows your gradients")


def judge_fit(case: Case, got: Outputs, expected: Outputs) -> None:
    result = fitted(case, got)
    want = {k: expected.values[k] for k in PARAMS}
    if close_all(result, want, T_RTOL, T_ATOL):
        return
    cause = diagnose_fit(case, got, result)
    for key in PARAMS:
        if not np.allclose(result[key], want[key], rtol=T_RTOL, atol=T_ATOL):
            checks.close(result[key], want[key], f"{key} after fit", rtol=T_RTOL, atol=T_ATOL, cause=cause)


def judge_learns(case: Case, got: Outputs, expected: Outputs) -> None:
    y = case.inputs["y"]
    checks.returns_self(got, "fit", "fit(X, y, lr=0.5, epochs=200)")
    before = checks.scalar(got, "loss_before", "loss(X, y) before fit")
    after = checks.value(got, "loss_after", "loss(X, y) after fit")
    if after.shape == () and after.dtype.kind in "fc" and not np.isfinite(after):
        raise Fail(f"loss(X, y) after fit is {float(after)}", got=str(float(after)),
                   cause="the updates diverged — divide the gradients by n and step against them: W -= lr * dW")
    after_ = checks.scalar(got, "loss_after", "loss(X, y) after fit")
    labels = checks.array(got, "predict", "predict(X)", (len(y),))
    accuracy = float(np.mean(labels == y))
    if after_ >= before:
        raise Fail(f"fit did not lower the loss: {before:.4g} before, {after_:.4g} after 200 epochs with lr=0.5",
                   expected="a lower loss after fit", got=f"{after_:.4g}",
                   cause="gradient descent steps AGAINST the gradient (W -= lr * dW) — check the sign of dZ = P − Y "
                   "and that every parameter is updated")
    if after_ > 0.25 or accuracy < 0.95:
        raise Fail(f"after 200 epochs with lr=0.5 on three well-separated blobs the loss is {after_:.4g} (from "
                   f"{before:.4g}) and the training accuracy {accuracy:.1%}", expected="loss < 0.25, accuracy ≥ 95% "
                   "(the reference: loss ≈ 0.005, accuracy 100%, and so do He, Xavier or 0.01·randn initialisations)",
                   got=f"loss {after_:.4g}, accuracy {accuracy:.1%}",
                   cause="fit barely learns — are all four parameters updated with their own gradients every epoch, "
                   "with the full batch? Do the initial weights break the symmetry?")


# --- the cases --------------------------------------------------------------------------------------------------


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = labelled(401, 12, 4, 3)
    W = known_weights(402, X, 6, 3)
    X_new = np.random.default_rng(403).standard_normal((30, 4))
    Wp = known_weights(402, np.vstack([X, X_new]), 6, 3)
    Xd, yd = labelled(404, 10, 5, 2)
    Wd = known_weights(405, Xd, 7, 2, shift=-0.6)
    Xf, yf = labelled(406, 40, 3, 3)
    Wf = known_weights(407, Xf, 5, 3)
    Xb, yb = blobs(408)

    def set_weights(var: str = "m") -> tuple:
        return tuple(assign(var, k, k) for k in PARAMS)

    def read(prefix: str = "", var: str = "m") -> tuple:
        return tuple(attr(var, k, save=prefix + k) for k in PARAMS)

    known = "m.W1, m.b1, m.W2, m.b2 = W1, b1, W2, b2"
    on = "X shape (12, 4) ~ N(0, 1), y shape (12,) in 0…2, seed 401; known weights (4, 6), (6,), (6, 3), (3,), seed 402"
    fit_on = "X shape (40, 3) ~ N(0, 1), y in 0…2, seed 406; known starting weights (3, 5), (5,), (5, 3), (3,), seed 407"
    return [
        Case("init_shapes", "MLP(4, 8, 3)", "no data: the initial W1, b1, W2, b2", {},
             (new("m", "MLP", n_in=4, n_hidden=8, n_out=3), *read()), judge_init_shapes, {"dims": (4, 8, 3)}),
        Case("init_breaks_symmetry", "MLP(3, 5, 2)", "no data: the initial W1", {},
             (new("m", "MLP", n_in=3, n_hidden=5, n_out=2), *read()), judge_init_symmetry, {"dims": (3, 5, 2)}),
        Case("init_is_seeded", "MLP(4, 8, 3, seed=5) twice, and MLP(4, 8, 3, seed=6)",
             "no data: the initial weights", {},
             (new("a", "MLP", n_in=4, n_hidden=8, n_out=3, seed=5), *read("a_", "a"),
              new("b", "MLP", n_in=4, n_hidden=8, n_out=3, seed=5), *read("b_", "b"),
              new("c", "MLP", n_in=4, n_hidden=8, n_out=3, seed=6), *read("c_", "c")),
             judge_init_seeded, {"dims": (4, 8, 3)}),
        Case("forward_with_known_weights", f"m = MLP(4, 6, 3); {known}; m.forward(X)", on,
             {"X": X, **W}, (new("m", "MLP", n_in=4, n_hidden=6, n_out=3), *set_weights(),
                                      call("m", "forward", "X", save="logits")), judge_forward),
        Case("loss_is_mean_cross_entropy", f"m = MLP(4, 6, 3); {known}; m.loss(X, y)", on,
             {"X": X, "y": y, **W}, (new("m", "MLP", n_in=4, n_hidden=6, n_out=3), *set_weights(),
                                              call("m", "loss", "X", "y", save="loss")), judge_loss),
        Case("gradients_match_central_differences", f"m = MLP(4, 6, 3); {known}; m.gradients(X, y)", on,
             {"X": X, "y": y, **W}, (new("m", "MLP", n_in=4, n_hidden=6, n_out=3), *set_weights(),
                                              call("m", "gradients", "X", "y", save="grads")), judge_gradients),
        Case("gradients_with_dead_units", f"m = MLP(5, 7, 2); {known}; m.gradients(X, y)",
             "X shape (10, 5), y in {0, 1}, seed 404; known weights (5, 7), (7,), (7, 2), (2,), seed 405, b1 shifted "
             "by −0.6 so that many hidden units are off", {"X": Xd, "y": yd, **Wd},
             (new("m", "MLP", n_in=5, n_hidden=7, n_out=2), *set_weights(),
              call("m", "gradients", "X", "y", save="grads")), judge_gradients),
        Case("predict_returns_class_ids", f"m = MLP(4, 6, 3); {known}; m.predict(X_new)",
             "X_new shape (30, 4) ~ N(0, 1), seed 403; known weights, seed 402", {"X_new": X_new, **Wp},
             (new("m", "MLP", n_in=4, n_hidden=6, n_out=3), *set_weights(),
              call("m", "predict", "X_new", save="predict")), judge_predict),
        Case("fit_is_full_batch_gradient_descent", f"m = MLP(3, 5, 3); {known}; m.fit(X, y, lr=0.5, epochs=25)",
             fit_on, {"X": Xf, "y": yf, **Wf},
             (new("fresh", "MLP", n_in=3, n_hidden=5, n_out=3), *read("init_", "fresh"),
              new("m", "MLP", n_in=3, n_hidden=5, n_out=3), *set_weights(),
              call("m", "fit", "X", "y", lr=0.5, epochs=25, save="fit"), *read()),
             judge_fit, {"lr": 0.5, "epochs": 25}),
        Case("fit_defaults", f"m = MLP(3, 5, 3); {known}; m.fit(X, y)  # lr=0.1, epochs=100", fit_on,
             {"X": Xf, "y": yf, **Wf},
             (new("fresh", "MLP", n_in=3, n_hidden=5, n_out=3), *read("init_", "fresh"),
              new("m", "MLP", n_in=3, n_hidden=5, n_out=3), *set_weights(),
              call("m", "fit", "X", "y", save="fit"), *read()), judge_fit, {"lr": 0.1, "epochs": 100}),
        Case("fit_learns_from_own_init", "m = MLP(2, 16, 3, seed=0); m.loss(X, y); m.fit(X, y, lr=0.5, epochs=200); "
             "m.loss(X, y); m.predict(X)", "X shape (90, 2): three well-separated blobs of 30, y in 0…2, seed 408",
             {"X": Xb, "y": yb},
             (new("m", "MLP", n_in=2, n_hidden=16, n_out=3, seed=0), call("m", "loss", "X", "y", save="loss_before"),
              call("m", "fit", "X", "y", lr=0.5, epochs=200, save="fit"),
              call("m", "loss", "X", "y", save="loss_after"), call("m", "predict", "X", save="predict")),
             judge_learns),
    ]


def perf() -> Perf:
    X, y = labelled(421, 1000, 20, 5)
    return Perf(
        steps=(new("m", "MLP", n_in=20, n_hidden=64, n_out=5), call("m", "fit", "X", "y", lr=0.1, epochs=10),
               call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="MLP(20, 64, 5).fit(X, y, lr=0.1, epochs=10).predict(X), X (1000, 20)",
        slow_hint="a Python loop over the samples? one epoch is a handful of matrix products on the whole batch: "
        "X @ W1, H @ W2, H.T @ dZ, dZ @ W2.T, X.T @ dA",
    )
