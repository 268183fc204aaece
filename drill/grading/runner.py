"""The child side of the grader: load one submission, run the calls a plan prescribes, write plain values back.

Run as `python -I runner.py PLAN.json` in a fresh process (see sandbox.py). This file imports nothing from drill
(the child cannot import drill at all): only the standard library and NumPy. It never decides pass or fail; it
records what the submission returned (arrays, numbers, strings) as .npz files and what went wrong (exception
type, the learner's own traceback lines) as JSON. The trusted parent reads those back with allow_pickle=False and
judges them itself, so a submission that patches this runner, NumPy or the output files can only make itself fail.

The parent also imports this module to run the reference through the very same `run_steps`, so the reference and
the submission are always driven by identical calls.
"""

from __future__ import annotations

import builtins
import json
import linecache
import os
import sys
import time
import traceback
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Any

# Captured before any submission code runs, so that patching these names later changes nothing here.
_open = builtins.open
_dumps = json.dumps
_replace = os.replace
_perf_counter = time.perf_counter
_getpid = os.getpid
_BaseException = BaseException
_isinstance = isinstance


class ForbiddenImport(ImportError):
    """Raised in the child when the submission imports a module the exercise forbids."""


class _Stop(BaseException):
    """Raised by the performance timer's alarm to abandon a measurement that takes too long."""


# --- running steps (shared with the parent) -------------------------------------------------------------------


def run_steps(
    namespace: Mapping[str, Any],
    steps: Sequence[Mapping[str, Any]],
    inputs: Mapping[str, Any],
    copy: Callable[[Any], Any],
    helpers: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]], int]:
    """Execute steps against the classes in `namespace` (what each step does: drill/grading/protocol.py).

    Returns (values, meta, steps_done): the raw objects each step saved, a small JSON-able description of each
    (its Python type, whether a call returned the object itself), and how many steps completed. Exceptions raised
    by the submission propagate to the caller, with `steps_done` available as the exception attribute
    `drill_step`. `helpers` holds what the case's trusted helper source defined, for helper() markers.
    """
    objects: dict[str, Any] = {}
    values: dict[str, Any] = {}
    meta: dict[str, dict[str, Any]] = {}
    done = 0

    def resolve(arg: Any) -> Any:
        if _isinstance(arg, dict):
            if "$rng" in arg:
                import numpy  # already loaded on both sides; the import guard allows it

                return numpy.random.default_rng(int(arg["$rng"]))
            if "$helper" in arg:
                return (helpers or {})[arg["$helper"]]
            return arg
        if not _isinstance(arg, str):
            return arg
        if arg in inputs:
            return copy(inputs[arg])
        saved = values[arg]
        # a saved array is copied like an input; anything else (a cache tuple, a list of folds) is passed as is
        return copy(saved) if type(saved).__name__ == "ndarray" else saved

    def keep(name: str, result: Any, obj: Any = None) -> None:
        values[name] = result
        meta[name] = {"type": type(result).__name__, "is_self": obj is not None and result is obj}

    try:
        for step in steps:
            op = step["op"]
            if op == "new":
                cls = namespace[step["cls"]]
                kwargs = {k: resolve(v) if _isinstance(v, dict) else v for k, v in step.get("kwargs", {}).items()}
                objects[step["var"]] = cls(**kwargs)
            elif op in ("call", "func"):
                # an argument names an input array, or what an earlier step saved (to chain stateful calls)
                args = [resolve(name) for name in step.get("args", ())]
                kwargs = {k: resolve(v) if _isinstance(v, dict) else v for k, v in step.get("kwargs", {}).items()}
                obj = objects[step["var"]] if op == "call" else None
                target = getattr(obj, step["method"]) if op == "call" else namespace[step["name"]]
                repeat = int(step.get("repeat", 1))
                if repeat == 1:
                    result = target(*args, **kwargs)
                else:
                    result = [target(*args, **kwargs) for _ in range(repeat)]
                save = step.get("save")
                if _isinstance(save, list):
                    names: list[str] = list(save)  # type: ignore[arg-type]  # (the check above is isinstance)
                    parts = list(result) if _isinstance(result, (tuple, list)) else []
                    if len(parts) != len(names):
                        what = f"{len(parts)} values" if parts else f"a {type(result).__name__}"
                        raise TypeError(f"expected {len(names)} return values ({', '.join(names)}), got {what}")
                    for name, part in zip(names, parts, strict=True):
                        keep(name, part, obj)
                elif save:
                    keep(str(save), result, obj)
                for name, arg in zip(step.get("save_args", ()), args, strict=False):
                    if name:
                        keep(name, arg)
            elif op == "attr":
                obj = objects[step["var"]]
                keep(step["save"], getattr(obj, step["name"]))
            elif op == "set":
                setattr(objects[step["var"]], step["name"], resolve(step["value"]))
            else:  # pragma: no cover - plans are written by the parent
                raise ValueError(f"unknown step {op!r}")
            done += 1
    except _BaseException as exc:
        exc.drill_step = done  # type: ignore[attr-defined]
        raise
    return values, meta, done


def load_helpers(source: str) -> dict[str, Any]:
    """The objects a case's trusted helper source defines (run on both sides, never the submission's code)."""
    namespace: dict[str, Any] = {"__name__": "drill_helpers"}
    if source:
        exec(compile(source, "<hidden-test helpers>", "exec"), namespace)
    return namespace


def to_plain(value: Any, np: Any) -> tuple[Any, str]:
    """Turn a returned value into a NumPy array that loads without pickle; ("", reason) when that is impossible."""
    if value is None:
        return None, "None"
    try:
        arr = np.asarray(value)
    except Exception as exc:  # noqa: BLE001 - any failure means "not an array"
        return None, f"cannot be turned into an array ({type(exc).__name__}: {exc})"
    if arr.dtype.hasobject:
        flat = list(arr.ravel())
        if flat and all(_isinstance(v, str) for v in flat):
            arr = np.array(flat, dtype=str).reshape(arr.shape)
        else:
            try:
                arr = arr.astype(float)
            except Exception:  # noqa: BLE001
                kinds = sorted({type(v).__name__ for v in flat})[:4]
                return None, f"is an array of Python objects ({', '.join(kinds)}), not numbers or strings"
    if arr.dtype.kind not in "biufcUS":
        return None, f"has dtype {arr.dtype}, not numbers or strings"
    return np.array(arr, order="C", copy=True), ""  # (ascontiguousarray would turn 0-d into 1-d)


_MAX_PARTS = 256  # a returned dict / list / tuple is opened up to this many parts, two levels deep


def plain_outputs(values: Mapping[str, Any], meta: dict[str, dict[str, Any]], np: Any) -> dict[str, Any]:
    """Every saved value as plain arrays: a value that is one array as itself; a dict, or a list or tuple of
    arrays of different shapes (folds, (out, cache)), part by part as `key.part`. Records each value's problem
    (why it is not an array) in meta; the object a call returned as itself is left out."""
    arrays: dict[str, Any] = {}
    budget = [_MAX_PARTS]

    def put(key: str, value: Any, info: dict[str, Any], depth: int) -> None:
        parts = _parts(value, np) if depth < 2 else None
        if parts is not None and len(parts) <= budget[0]:
            budget[0] -= len(parts)
            info["parts"] = [str(name) for name, _ in parts]
            for name, part in parts:
                sub = {"type": type(part).__name__}
                meta[f"{key}.{name}"] = sub
                put(f"{key}.{name}", part, sub, depth + 1)
            if not _isinstance(value, dict):
                arr, _ = to_plain(value, np)
                if arr is not None:  # a list of equal-shaped arrays is also the stacked array
                    arrays[key] = arr
            info["problem"] = ""
            return
        try:
            arr, problem = to_plain(value, np)
        except _BaseException as exc:  # noqa: BLE001 - a hostile __array__ or __len__
            arr, problem = None, f"could not be read ({type(exc).__name__})"
        if arr is not None:
            arrays[key] = arr
        info["problem"] = problem

    for key, value in list(values.items()):
        if meta[key].get("is_self"):
            continue  # the model itself: only "it returned self" matters
        put(key, value, meta[key], 0)
    return arrays


def _parts(value: Any, np: Any) -> list[tuple[Any, Any]] | None:
    """The parts of a dict (string keys), or of a list/tuple that is not a plain array; None otherwise."""
    try:
        if _isinstance(value, dict):
            if all(_isinstance(k, str) for k in value):
                return list(value.items())
            return None
        if _isinstance(value, (list, tuple)) and value:
            if all(_isinstance(v, (int, float, bool, str)) for v in value):
                return None  # a plain list of numbers or strings is an array
            return list(enumerate(value))
    except _BaseException:  # noqa: BLE001
        return None
    return None


# --- the child --------------------------------------------------------------------------------------------------


class _Child:
    def __init__(self, plan: dict[str, Any]):
        self.plan = plan
        self.out = plan["out"]
        self.display_path = plan["submission"]["display_path"]
        self.forbidden = set(plan.get("forbidden", ()))
        self.blocked = tuple(os.path.realpath(p) + os.sep for p in plan.get("blocked_paths", ()))
        self.attempts: list[dict[str, str]] = []
        # bound now, before the submission runs: patching the module or the class later changes nothing here
        self.run_steps = run_steps
        self.plain_outputs = plain_outputs
        self.load_helpers = load_helpers
        self.write_json = types.MethodType(_Child.write_json, self)  # type: ignore[method-assign]

    # files ---------------------------------------------------------------------------------------------------
    def write_json(self, name: str, data: dict[str, Any]) -> None:
        path = os.path.join(self.out, name)
        with _open(path + ".tmp", "w", encoding="utf-8") as fh:
            fh.write(_dumps(data))
        _replace(path + ".tmp", path)

    # guards --------------------------------------------------------------------------------------------------
    def learner_line(self) -> str:
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_code.co_filename == self.display_path:
                return f"line {frame.f_lineno}"
            frame = frame.f_back  # type: ignore[assignment]
        return ""

    def check_import(self, name: str) -> None:
        top = name.partition(".")[0]
        if top in self.forbidden:
            where = self.learner_line()
            self.attempts.append({"module": name, "where": where})
            raise ForbiddenImport(f"importing {name!r} is not allowed in this exercise")

    def install_guards(self) -> None:
        child = self

        class Finder:
            """First on sys.meta_path: refuses forbidden modules before any other finder looks for them."""

            @staticmethod
            def find_spec(name: str, path: Any = None, target: Any = None) -> None:
                child.check_import(name)
                return None

        sys.meta_path.insert(0, Finder())

        blocked = self.blocked

        def audit(event: str, args: tuple[Any, ...]) -> None:
            # Audit hooks cannot be removed: this still holds if the submission strips sys.meta_path.
            if event == "import":
                child.check_import(str(args[0]))
            elif event == "open" and blocked and _isinstance(args[0], (str, bytes)):
                path = os.path.realpath(os.fsdecode(args[0]))
                if path.startswith(blocked):
                    raise PermissionError(f"reading {path} is not allowed while grading")

        sys.addaudithook(audit)

    # errors --------------------------------------------------------------------------------------------------
    def describe(self, exc: BaseException) -> dict[str, Any]:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == self.display_path]
        where = ""
        if frames:
            last = frames[-1]
            code_name = getattr(last, "name", "")
            tb = exc.__traceback__
            while tb is not None:  # qualified name (KMeans.fit) of the learner's innermost frame
                if tb.tb_frame.f_code.co_filename == self.display_path:
                    code_name = getattr(tb.tb_frame.f_code, "co_qualname", code_name)
                tb = tb.tb_next
            where = f"{code_name} (line {last.lineno})"
        lines = traceback.format_list(frames) if frames else []
        try:
            text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        except _BaseException:  # noqa: BLE001 - a hostile __str__
            text = type(exc).__name__
        if _isinstance(exc, ForbiddenImport):
            kind = "forbidden-import"
        elif _isinstance(exc, NotImplementedError):
            kind = "not-implemented"
        elif _isinstance(exc, MemoryError):
            kind = "out-of-memory"
        elif _isinstance(exc, SystemExit):
            kind = "exited"
            text = f"SystemExit({getattr(exc, 'code', None)!r})"
        elif _isinstance(exc, KeyboardInterrupt):
            kind = "exited"
        else:
            kind = "exception"
        return {
            "kind": kind,
            "type": type(exc).__name__,
            "message": text[:2000],
            "where": where,
            "traceback": ("".join(lines) + text)[-6000:],
        }

    # phases --------------------------------------------------------------------------------------------------
    def load(self) -> dict[str, Any] | None:
        sub = self.plan["submission"]
        with _open(sub["source_path"], "rb") as fh:
            source = fh.read()
        text = source.decode("utf-8", errors="replace")
        linecache.cache[self.display_path] = (len(text), None, text.splitlines(True), self.display_path)
        module = types.ModuleType(sub["module"])
        module.__file__ = self.display_path
        sys.modules[sub["module"]] = module
        self.write_json("progress.json", {"phase": "load"})
        try:
            code = compile(source, self.display_path, "exec", dont_inherit=True)
            exec(code, module.__dict__)
        except _BaseException as exc:  # noqa: BLE001 - everything the file does is the learner's
            self.write_json("load.json", {"error": self.describe(exc), "missing": [], "attempts": self.attempts})
            return None
        missing = []
        for name in self.plan.get("names", ()):
            head, _, method = name.partition(".")
            obj = module.__dict__.get(head)
            if obj is None:
                missing.append(name)
            elif method and not callable(getattr(obj, method, None)):
                missing.append(name)
        self.write_json("load.json", {"error": None, "missing": missing, "attempts": self.attempts})
        return None if missing else module.__dict__

    def run_cases(self, namespace: dict[str, Any], np: Any, inputs: Any) -> bool:
        clean = True
        for index, case in enumerate(self.plan["cases"]):
            self.write_json("progress.json", {"phase": "case", "index": index})
            prefix = f"c{index}__"
            started = _perf_counter()
            error = None
            values: dict[str, Any] = {}
            meta: dict[str, dict[str, Any]] = {}
            try:
                helpers = self.load_helpers(case.get("helpers", ""))
                values, meta, _ = self.run_steps(
                    namespace, case["steps"], _Prefixed(inputs, prefix), lambda a: np.array(a, copy=True), helpers
                )
            except _BaseException as exc:  # noqa: BLE001
                error = self.describe(exc)
                error["step"] = getattr(exc, "drill_step", 0)
                clean = False
            try:
                arrays = self.plain_outputs(values, meta, np)
            except _BaseException:  # noqa: BLE001 - a hostile value: nothing of this case can be read
                arrays, meta = {}, {}
            np.savez(os.path.join(self.out, f"case-{index}.npz"), **arrays)
            self.write_json(
                f"case-{index}.json",
                {
                    "error": error,
                    "values": meta,
                    "elapsed_s": _perf_counter() - started,
                    "attempts": self.attempts,
                },
            )
        self.write_json("progress.json", {"phase": "cases-done"})
        return clean

    def signal_ready(self) -> bool:
        """Tell the parent the tests are done; wait for its "go" before timing (False: do not time)."""
        ready, go = self.plan.get("ready_fd"), self.plan.get("go_fd")
        if ready is None or go is None:
            return True
        try:
            os.write(ready, b"r")
            data = b""
            while not data.endswith(b"\n"):
                chunk = os.read(go, 16)
                if not chunk:
                    return False
                data += chunk
        except OSError:
            return False
        return data.strip() == b"go"

    def run_perf(self, namespace: dict[str, Any], np: Any, inputs: Any) -> None:
        perf = self.plan["perf"]
        if not self.signal_ready():
            return
        import signal

        def alarm(signum: int, frame: Any) -> None:
            raise _Stop()

        has_alarm = hasattr(signal, "setitimer")
        if has_alarm:
            signal.signal(signal.SIGALRM, alarm)
            signal.setitimer(signal.ITIMER_REAL, float(perf["deadline_s"]))
        self.write_json("progress.json", {"phase": "perf"})
        times: list[float] = []
        result: dict[str, Any] = {"times": times, "stopped": False, "error": None}
        budget_end = _perf_counter() + float(perf["budget_s"])
        view = _Prefixed(inputs, "perf__")
        try:
            helpers = self.load_helpers(perf.get("helpers", ""))
            for attempt in range(int(perf["repeats"]) + 1):
                start = _perf_counter()
                self.run_steps(namespace, perf["steps"], view, lambda a: a, helpers)
                elapsed = _perf_counter() - start
                if attempt == 0 and elapsed < float(perf["warmup_below_s"]):
                    continue  # a quick first run warms caches; it is not counted
                times.append(elapsed)
                if len(times) >= int(perf["repeats"]) or _perf_counter() > budget_end:
                    break
        except _Stop:
            result["stopped"] = True
        except _BaseException as exc:  # noqa: BLE001
            result["error"] = self.describe(exc)
        finally:
            if has_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
        self.write_json("perf.json", result)
        if self.plan.get("ready_fd") is not None:
            try:
                os.write(self.plan["ready_fd"], b"d")  # timing done: the parent need not wait for the exit
            except OSError:
                pass

    def main(self) -> None:
        import numpy as np  # before the guards: NumPy itself is allowed and trusted

        inputs = np.load(self.plan["inputs"], allow_pickle=False)
        arrays = {key: inputs[key] for key in inputs.files}
        self.install_guards()
        namespace = self.load()
        if namespace is None:
            return
        clean = self.run_cases(namespace, np, arrays) if self.plan.get("cases") else True
        if self.plan.get("perf") and clean:
            self.run_perf(namespace, np, arrays)
        self.write_json("progress.json", {"phase": "done"})


class _Prefixed(Mapping[str, Any]):
    """The inputs of one case: `X` means the array stored as `c3__X`."""

    def __init__(self, arrays: Mapping[str, Any], prefix: str):
        self.arrays, self.prefix = arrays, prefix

    def __getitem__(self, key: str) -> Any:
        return self.arrays[self.prefix + key]

    def __iter__(self) -> Any:
        return (k[len(self.prefix) :] for k in self.arrays if k.startswith(self.prefix))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def main(argv: list[str]) -> int:
    with _open(argv[1], encoding="utf-8") as fh:
        plan = json.load(fh)
    _Child(plan).main()
    return 0


if __name__ == "__main__":
    code = main(sys.argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except _BaseException:  # noqa: BLE001
            pass
    # No atexit handlers, no joining of the submission's leftover threads or multiprocessing children: the
    # results are written, so leave now (the parent kills whatever is left).
    os._exit(code)
