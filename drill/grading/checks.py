"""Helpers hidden tests use to judge what came back: strict shapes, explicit tolerances, messages for a learner.

Each helper either returns the checked value or raises `Fail` with a one-line message, what was expected, what
came back (max abs / rel error, the first mismatching index) and, where the helper can tell, the likely cause.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from drill.grading.protocol import Fail, Outputs

NUMERIC = "biuf"


def fmt(value: object, limit: int = 6, around: int | None = None) -> str:
    """A short, readable rendering of an array or number; `around` (a flat index) shows the values near it
    rather than the first ones, so the first difference is on screen."""
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return fmt(value.item())
        flat = value.ravel()
        start = 0 if around is None or around < limit - 1 else min(around - 2, max(flat.size - limit, 0))
        items = ", ".join(fmt(v.item() if hasattr(v, "item") else v) for v in flat[start:start + limit])
        before = f"… ({start} before), " if start else ""
        more = ", …" if flat.size > start + limit else ""
        return f"[{before}{items}{more}] (shape {value.shape}, {value.dtype})"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def index_text(index: tuple[int, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def value(got: Outputs, key: str, what: str) -> np.ndarray:
    """The array saved under key, or Fail saying it was missing, None, or not numbers/strings."""
    if not got.has(key):
        raise Fail(f"{what} was not produced", cause="the call before it did not complete")
    arr = got.get(key)
    if arr is None:
        if got.type_name(key) == "NoneType":
            raise Fail(
                f"{what} is None",
                expected="an array",
                got="None",
                cause="a method without a `return`, or an attribute that fit never sets",
            )
        problem = got.problem(key) or "could not be read back"
        raise Fail(f"{what} {problem}", got=f"a {got.type_name(key)}", expected="a NumPy array")
    return arr


def array(
    got: Outputs,
    key: str,
    what: str,
    shape: Sequence[int],
    *,
    kinds: str = NUMERIC,
    finite: bool = True,
) -> np.ndarray:
    """The value under key as an array of exactly this shape and dtype kind, NaN- and inf-free if `finite`."""
    arr = value(got, key, what)
    shape = tuple(shape)
    if arr.shape != shape:
        cause = ""
        if arr.ndim == len(shape) + 1 and arr.shape[-1] == 1 and arr.shape[:-1] == shape:
            cause = (
                "a column where a 1-D array is due — with NumPy broadcasting, (n, 1) − (n,) silently becomes "
                "(n, n); keep it 1-D (e.g. np.zeros(n_features), or .ravel())"
            )
        elif arr.ndim == len(shape) - 1:
            cause = "one dimension too few — did a sum or mean run over the wrong axis?"
        elif arr.size == 0:
            cause = "nothing was collected — does the loop run at all?"
        elif arr.ndim == len(shape) and arr.shape[::-1] == shape:
            cause = "the axes are swapped — a transpose too many or too few?"
        raise Fail(
            f"{what} has shape {arr.shape}, expected {shape}",
            expected=f"shape {shape}",
            got=f"shape {arr.shape}: {fmt(arr)}",
            cause=cause,
        )
    if arr.dtype.kind not in kinds:
        wanted = {
            NUMERIC: "numbers",
            "biu": "integers",
            "US": "strings",
        }.get(kinds, f"dtype kind in {kinds!r}")
        raise Fail(f"{what} has dtype {arr.dtype}, expected {wanted}", expected=wanted, got=fmt(arr))
    if finite and arr.dtype.kind in "fc" and not np.all(np.isfinite(arr)):
        bad = tuple(np.argwhere(~np.isfinite(arr))[0])
        raise Fail(
            f"{what} contains NaN or inf (first at index {index_text(bad)})",
            got=fmt(arr),
            cause="a division by zero (an empty group?), log(0), or updates that diverged (a step too large?)",
        )
    return arr


def scalar(got: Outputs, key: str, what: str, *, allow_size_one: bool = False) -> float:
    """The value under key as one finite float (shape (); shape (1,) too when allow_size_one)."""
    arr = value(got, key, what)
    if arr.shape != () and not (allow_size_one and arr.shape == (1,)):
        raise Fail(f"{what} has shape {arr.shape}, expected a single number", got=fmt(arr), expected="one float")
    if arr.dtype.kind not in NUMERIC:
        raise Fail(f"{what} is {arr.dtype}, expected a number", got=fmt(arr))
    number = float(arr.reshape(()))
    if not np.isfinite(number):
        raise Fail(f"{what} is {number}", got=str(number), cause="updates that diverged or a division by zero")
    return number


def close(
    got: np.ndarray,
    expected: np.ndarray,
    what: str,
    *,
    rtol: float,
    atol: float,
    cause: str = "",
) -> None:
    """Fail unless |got − expected| ≤ atol + rtol·|expected| everywhere (shapes already equal)."""
    got_f = np.asarray(got, dtype=float)
    exp_f = np.asarray(expected, dtype=float)
    if got_f.shape != exp_f.shape:
        raise Fail(f"{what} has shape {got_f.shape}, expected {exp_f.shape}", cause=cause)
    with np.errstate(all="ignore"):
        err = np.abs(got_f - exp_f)
        bad = ~(err <= atol + rtol * np.abs(exp_f))
    if not bad.any():
        return
    err = np.where(np.isnan(err), np.inf, err)
    worst = float(err.max())
    with np.errstate(all="ignore"):
        rel = float(np.max(err / np.maximum(np.abs(exp_f), 1e-300)))
    first = tuple(np.argwhere(bad)[0]) if got_f.ndim else ()
    got_item = got_f[first] if first else got_f
    exp_item = exp_f[first] if first else exp_f
    count = f"{int(bad.sum())} of {bad.size} values differ; " if bad.size > 1 else ""
    at = int(np.ravel_multi_index(first, got_f.shape)) if first else None
    raise Fail(
        f"{what} differs from the expected value: {count}max abs error {worst:.3g} (rel {rel:.3g})",
        expected=(f"{fmt(expected, around=at)}" + (f"; at {index_text(first)}: {fmt(float(exp_item))}" if first else "")),
        got=(f"{fmt(got, around=at)}" + (f"; at {index_text(first)}: {fmt(float(got_item))}" if first else ""))
        + f" (tolerance: {atol:g} + {rtol:g}·|expected|)",
        cause=cause,
    )


def same_labels(
    got: np.ndarray,
    expected: np.ndarray,
    what: str,
    *,
    mask: np.ndarray | None = None,
    cause: str = "",
) -> None:
    """Fail unless the labels equal the expected ones wherever `mask` is true (where the answer is unique)."""
    if expected.dtype.kind in "US" and got.dtype.kind not in "US":
        raise Fail(f"{what} are {got.dtype}, expected strings like the training labels", got=fmt(got),
                   expected=fmt(expected), cause="labels must come back as they were given to fit")
    if expected.dtype.kind not in "US" and got.dtype.kind not in NUMERIC:
        raise Fail(f"{what} are {got.dtype}, expected numbers like the training labels", got=fmt(got),
                   expected=fmt(expected))
    differ = got != expected
    if mask is not None:
        differ &= mask
    if not differ.any():
        return
    first = int(np.flatnonzero(differ)[0])
    considered = int(mask.sum()) if mask is not None else differ.size
    open_ = differ.size - considered
    unjudged = f" ({open_} whose answer the spec leaves open, such as exact ties, are not judged)" if open_ else ""
    raise Fail(
        f"{what}: {int(differ.sum())} of {considered} differ{unjudged}; first at index {first}: "
        f"expected {fmt(expected[first].item())}, got {fmt(got[first].item())}",
        expected=fmt(expected, around=first),
        got=fmt(got, around=first),
        cause=cause,
    )


def returns_self(got: Outputs, key: str, call: str) -> None:
    """Fail unless the call returned the object itself (so calls chain: `model.fit(X, y).predict(X)`)."""
    if got.has(key) and not got.is_self(key):
        raise Fail(
            f"{call} returned {got.type_name(key)}, not the model itself",
            expected="self",
            got=got.type_name(key),
            cause="end fit with `return self`, so that `Model().fit(X, y).predict(X)` chains",
        )
