"""What a hidden-test file (reference/<slug>/tests.py) is made of: cases, steps, what came back, failures.

A case is data, not code that runs in the child: the parent builds its inputs (seeded), the child executes its
steps (construct, call, read an attribute) against the submission and saves what each step returned, the parent
executes the same steps against the reference, and the case's `judge` compares the two (or checks invariants)
in the parent. See reference/README.md for the author's view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

Step = dict[str, Any]


Arg = str | dict[str, Any]  # the name of an input or of a saved value, or a marker made by rng() / helper()
Save = str | tuple[str, ...] | None


def rng(seed: int) -> dict[str, Any]:
    """An argument: a fresh `np.random.default_rng(seed)`, made where the step runs (one per step)."""
    return {"$rng": int(seed)}


def helper(name: str) -> dict[str, Any]:
    """An argument: an object the case's trusted `helpers` source defines (a function to differentiate, a model
    factory, a metric), made where the step runs."""
    return {"$helper": name}


def new(var: str, cls: str, **kwargs: Any) -> Step:
    """`var = cls(**kwargs)`; kwargs are JSON values (numbers, strings, booleans) or rng()/helper() markers."""
    return {"op": "new", "var": var, "cls": cls, "kwargs": kwargs}


def call(var: str, method: str, *args: Arg, save: Save = None, repeat: int = 1,
         save_args: tuple[str | None, ...] = (), **kwargs: Any) -> Step:
    """`save = var.method(*args, **kwargs)`.

    Each arg names an input array or a value an earlier step saved (arrays are passed as fresh copies, anything
    else — a cache tuple, a list of folds — as the object itself), or is an rng()/helper() marker. `save` may be a
    tuple of names to unpack a returned tuple (`out, weights = attention(…)`). `repeat` calls it that many times
    with the same arguments (one rng for all) and saves the list of results. `save_args` saves the positional
    arguments as they are after the call (to see whether it changed its input in place).
    """
    return {"op": "call", "var": var, "method": method, "args": list(args), "save": _save(save), "kwargs": kwargs,
            "repeat": repeat, "save_args": list(save_args)}


def func(name: str, *args: Arg, save: Save = None, repeat: int = 1, save_args: tuple[str | None, ...] = (),
         **kwargs: Any) -> Step:
    """`save = name(*args, **kwargs)` for a module-level function the learner defines (metrics, helpers); the
    options are call()'s."""
    return {"op": "func", "name": name, "args": list(args), "save": _save(save), "kwargs": kwargs,
            "repeat": repeat, "save_args": list(save_args)}


def attr(var: str, name: str, save: str | None = None) -> Step:
    """`save = var.name` (read after the calls before it)."""
    return {"op": "attr", "var": var, "name": name, "save": save or name}


def assign(var: str, name: str, value: Arg) -> Step:
    """`var.name = value` (a fresh copy of an input): set known weights before a forward pass."""
    return {"op": "set", "var": var, "name": name, "value": value}


def _save(save: Save) -> str | list[str] | None:
    return list(save) if isinstance(save, tuple) else save


@dataclass(frozen=True)
class Case:
    """One hidden test."""

    name: str  # snake_case; what the learner sees in the list of tests
    call: str  # how a person would write the calls: "KMeans(k=4).fit(X) then .predict(X_new)"
    on: str  # the data: "X shape (300, 2), 4 blobs, seed 3"
    inputs: Mapping[str, np.ndarray]
    steps: tuple[Step, ...]
    judge: Callable[[Case, Outputs, Outputs], None]  # raises Fail; (case, got, expected)
    params: Mapping[str, Any] = field(default_factory=dict)  # anything the judge needs besides inputs
    helpers: str = ""  # trusted Python source defining what helper() markers name; runs beside each side's code


@dataclass(frozen=True)
class Perf:
    """The medium input a submission is timed on, against the reference, in the same run."""

    steps: tuple[Step, ...]
    inputs: Mapping[str, np.ndarray]
    describe: str  # "KNN(k=5).fit(X).predict(Q) with X (2000, 16), Q (50, 16)"
    slow_hint: str  # "a Python loop over training points?"
    repeats: int = 5
    budget_s: float = 0.4  # stop repeating once this much time has gone
    deadline_s: float = 3.0  # abandon a measurement after this long: the verdict is "slow" anyway
    helpers: str = ""  # as Case.helpers


@dataclass
class Outputs:
    """What one run of a case's steps returned: plain arrays, plus what the values were before conversion."""

    values: dict[str, np.ndarray]
    meta: dict[str, dict[str, Any]]

    def has(self, key: str) -> bool:
        return key in self.meta

    def type_name(self, key: str) -> str:
        return str(self.meta.get(key, {}).get("type", "nothing"))

    def is_self(self, key: str) -> bool:
        return bool(self.meta.get(key, {}).get("is_self", False))

    def problem(self, key: str) -> str:
        return str(self.meta.get(key, {}).get("problem", ""))

    def get(self, key: str) -> np.ndarray | None:
        """The array saved under key; a part of a returned dict, list or tuple is `key.part` (`grads.W1`,
        `folds.0.1`)."""
        return self.values.get(key)

    def parts(self, key: str) -> list[str]:
        """The keys (dict) or indices (list, tuple) of a container saved under key, as strings; [] otherwise."""
        return [str(p) for p in self.meta.get(key, {}).get("parts", [])]


class Fail(Exception):  # noqa: N818 - it is what a judge says: Fail("…")
    """A judge's verdict that a case failed: one line, what was expected and got, and the likely cause."""

    def __init__(self, message: str, *, expected: str = "", got: str = "", cause: str = ""):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.got = got
        self.cause = cause
