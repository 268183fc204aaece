"""The trusted side of the grader: build the cases, run the submission in a child, judge what comes back.

Order of a check (one child for the submission, one for the reference's timing, started together):
1. read the file once; syntax errors and forbidden imports are found here, before anything runs;
2. build every case's inputs (seeded) and write them to a temp dir as .npz;
3. start the submission's child; meanwhile run the reference through the same steps in this process;
4. judge each case from the values the child wrote (loaded with allow_pickle=False), never from its claims;
5. if everything passed: time the reference, then the submission, on a medium input (never both at once);
6. kill whatever the children left behind and delete the temp dir.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import signal
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from drill import paths
from drill.errors import DrillError, UsageError
from drill.grading import runner, sandbox
from drill.grading.protocol import Case, Fail, Outputs, Perf
from drill.grading.static import DEFAULT_FORBIDDEN, forbidden_message, scan
from drill.models import CheckResult, Exercise, Outcome, Performance, TestOutcome

SLOW_RATIO = 15.0  # fully vectorised code lands at ~0.5–5× the reference, loops over samples at 50× and more
BANDS = (f"vectorised means within {SLOW_RATIO:g}× of the reference's time, timed in the same run; a Python loop over "
         "samples lands at 50× and beyond")
MAX_RESULT_BYTES = 64 * 1024 * 1024
MAX_JSON_BYTES = 1024 * 1024

# --- loading the hidden tests and the reference -----------------------------------------------------------------

_modules: dict[tuple[str, float], ModuleType] = {}


def load_module(path: Path, name: str) -> ModuleType:
    """Import a file by path (cached until it changes)."""
    key = (str(path), path.stat().st_mtime)
    if key not in _modules:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:  # pragma: no cover
            raise DrillError(f"{path}: cannot be imported")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            sys.modules.pop(name, None)
            raise DrillError(f"{path}: failed to import ({type(exc).__name__}: {exc})") from exc
        _modules[key] = module
    return _modules[key]


def hidden_tests(exercise: Exercise) -> ModuleType:
    """reference/<slug>/tests.py, which defines cases() and perf()."""
    return load_module(exercise.directory / "tests.py", f"drill._hidden_tests.{exercise.slug.replace('-', '_')}")


def reference_namespace(exercise: Exercise) -> dict[str, Any]:
    module = load_module(exercise.solution_path, f"drill._reference.{exercise.slug.replace('-', '_')}")
    return vars(module)


def run_reference(exercise: Exercise, case: Case) -> Outputs:
    """The reference's outputs for a case, through the same steps (and conversion) as the submission's."""
    try:
        values, meta, _ = runner.run_steps(reference_namespace(exercise), case.steps, case.inputs, np.array,
                                           runner.load_helpers(case.helpers))
    except Exception as exc:
        raise DrillError(f"the reference for {exercise.slug} fails its own test {case.name}: {exc!r}") from exc
    return Outputs(runner.plain_outputs(values, meta, np), meta)


# --- reading what the child wrote -------------------------------------------------------------------------------


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def read_npz(path: Path) -> dict[str, np.ndarray]:
    """Arrays from an .npz the child wrote: no pickles, no object arrays, no oversized headers."""
    arrays: dict[str, np.ndarray] = {}
    if not path.is_file() or path.stat().st_size > MAX_RESULT_BYTES:
        raise ValueError("missing or too large")
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.endswith(".npy") or info.file_size > MAX_RESULT_BYTES:
                raise ValueError(f"unexpected entry {info.filename!r}")
            with archive.open(info) as fh:
                version = np.lib.format.read_magic(fh)
                if version == (1, 0):
                    shape, fortran, dtype = np.lib.format.read_array_header_1_0(fh)
                else:
                    shape, fortran, dtype = np.lib.format.read_array_header_2_0(fh)
                count = int(np.prod(shape, dtype=np.int64))
                if dtype.hasobject or count * dtype.itemsize > MAX_RESULT_BYTES:
                    raise ValueError(f"refused array {info.filename!r}")
                # the data straight after the header, parsed once (a case may save thousands of small arrays)
                data = bytearray(fh.read(count * dtype.itemsize))
                if len(data) != count * dtype.itemsize:
                    raise ValueError(f"truncated array {info.filename!r}")
                flat = np.frombuffer(data, dtype=dtype, count=count)
                arrays[info.filename[: -len(".npy")]] = flat.reshape(shape, order="F" if fortran else "C")
    return arrays


def read_outputs(out: Path, index: int) -> tuple[dict[str, Any] | None, Outputs | None]:
    info = read_json(out / f"case-{index}.json")
    if info is None:
        return None, None
    try:
        arrays = read_npz(out / f"case-{index}.npz")
    except (OSError, ValueError, zipfile.BadZipFile, EOFError):
        return info, None
    meta = info.get("values")
    if not isinstance(meta, dict) or not all(isinstance(v, dict) for v in meta.values()):
        return info, None
    return info, Outputs({k: v for k, v in arrays.items() if k in meta}, meta)


# --- the verdicts -----------------------------------------------------------------------------------------------

_NOT_IMPLEMENTED_HINT = "replace `raise NotImplementedError` with your code — the stub's docstring says what it must do"


def _error_outcome(error: dict[str, Any], case: Case | None) -> TestOutcome:
    kind = str(error.get("kind", "exception"))
    where = str(error.get("where", ""))
    message = str(error.get("message", ""))[:500]
    name = case.name if case else "import"
    called = f"Called: {case.call}\nOn: {case.on}\n" if case else ""
    trace = str(error.get("traceback", ""))
    if kind == "not-implemented":
        method = where.split(" (")[0] if where else "a method"
        return TestOutcome(name, "error", f"not implemented yet: {method} still raises NotImplementedError",
                           f"{called}{_NOT_IMPLEMENTED_HINT}.", "not-implemented")
    if kind == "forbidden-import":
        module = message.split("'")[1] if message.count("'") >= 2 else message
        line = where.split("(")[-1].rstrip(")") if where else ""
        return TestOutcome(name, "error", forbidden_message(module, line), f"{called}{trace}", "forbidden-import")
    if kind == "out-of-memory":
        return TestOutcome(name, "error", f"out of memory: MemoryError in {where or 'your code'}",
                           f"{called}{trace}\nLikely cause: an array far larger than the data — e.g. an (n, n) or "
                           "(n, m, d) intermediate; work in chunks or use ‖a‖² − 2a·b + ‖b‖².", "out-of-memory")
    if kind == "exited":
        return TestOutcome(name, "error", f"your code ended the process ({message}) in {where or 'your file'}",
                           f"{called}{trace}\nDon't call sys.exit/exit/quit in your file: return from the method "
                           "instead, and keep demo code under `if __name__ == \"__main__\":`.", "exited")
    headline = f"{message}" + (f" — in {where}" if where else "")
    hints = case.params.get("error_hints", {}) if case else {}
    cause = next((hint for words, hint in hints.items() if words in message), "") or _numpy2_hint(message)
    return TestOutcome(name, "error", headline, f"{called}Your traceback (most recent call last):\n{trace}"
                       + (f"\nLikely cause: {cause}" if cause else ""), "exception")


# NumPy 2 removed these names; public from-scratch code written for NumPy 1 still uses them
NUMPY2_REMOVED = {
    "trapz": "np.trapezoid (same arguments)", "asfarray": "np.asarray(x, dtype=float)", "float_": "np.float64",
    "NaN": "np.nan", "Inf": "np.inf", "infty": "np.inf", "product": "np.prod", "cumproduct": "np.cumprod",
    "alltrue": "np.all", "sometrue": "np.any", "in1d": "np.isin", "row_stack": "np.vstack", "float": "float",
    "int": "int", "bool": "bool", "object": "object", "round_": "np.round", "msort": "np.sort(a, axis=0)",
}


def _numpy2_hint(message: str) -> str:
    for name, instead in NUMPY2_REMOVED.items():
        if f"module 'numpy' has no attribute '{name}'" in message:
            return f"NumPy 2 removed np.{name}: use {instead} instead"
    return ""


def _flood_outcome(name: str, called: str) -> TestOutcome:
    limit = sandbox.OUTPUT_FILE_LIMIT // 2**20
    return TestOutcome(name, "error", f"output limit: your code printed more than {limit} MiB and was stopped",
                       f"{called}Remove the print calls inside loops (the tail of the output is shown below).",
                       "exception")


def _death_outcome(child: sandbox.Child, case: Case | None, limit_s: float) -> TestOutcome:
    """Why the child stopped without finishing `case` (None: while loading the file)."""
    name = case.name if case else "import"
    during = f"during {case.name} ({case.call})" if case else "while loading your file (at import time)"
    called = f"Called: {case.call}\nOn: {case.on}\n" if case else ""
    rc = child.returncode()
    if child.output_size() >= sandbox.OUTPUT_FILE_LIMIT or rc == -getattr(signal, "SIGXFSZ", -999):
        return _flood_outcome(name, called)
    if child.timed_out or rc == -getattr(signal, "SIGXCPU", -999):
        return TestOutcome(name, "error", f"timeout: stopped after {limit_s:g} s {during}",
                           f"{called}Likely cause: an infinite loop (a `while` whose condition never changes?) or "
                           "far too much work for the input size.", "timeout")
    if rc is not None and rc < 0:
        sig = -rc
        try:
            sig_name = signal.Signals(sig).name
        except ValueError:
            sig_name = f"signal {sig}"
        if sig == getattr(signal, "SIGKILL", 9) and "memory" in sandbox.limits_not_applied():
            # without a memory limit, an unexplained SIGKILL is most likely the system's out-of-memory killer
            return TestOutcome(name, "error", f"out of memory: the process was killed {during}",
                               f"{called}It most likely needed more memory than the machine could give.",
                               "out-of-memory")
        return TestOutcome(name, "error", f"your file ended the process with {sig_name} {during}",
                           f"{called}Don't send signals to your own process (os.kill, os.abort).", "exited")
    return TestOutcome(
        name,
        "error",
        f"your file ended the process with os._exit / sys.exit (exit code {rc}) {during}",
        f"{called}Your file ended the process with os._exit(0) / sys.exit / a signal — don't call exit at "
        "import time or inside your methods; put demo code under `if __name__ == \"__main__\":`.",
        "exited",
    )


def _judge_case(case: Case, got: Outputs, expected: Outputs) -> TestOutcome:
    try:
        case.judge(case, got, expected)
    except Fail as fail:
        lines = [f"Called: {case.call}", f"On: {case.on}"]
        if fail.expected:
            lines.append(f"Expected: {fail.expected}")
        if fail.got:
            lines.append(f"Got: {fail.got}")
        if fail.cause:
            lines.append(f"Likely cause: {fail.cause}")
        return TestOutcome(case.name, "fail", fail.message, "\n".join(lines), "wrong-answer")
    except Exception as exc:  # noqa: BLE001 - a judge that trips over an odd value must not crash the whole check
        return TestOutcome(
            case.name, "fail",
            f"the returned values could not be judged ({type(exc).__name__}: {exc})",
            f"Called: {case.call}\nOn: {case.on}\nThe hidden test could not compare what came back — check the "
            "shapes and dtypes the stub's docstring asks for.",
            "wrong-answer",
        )
    return TestOutcome(case.name, "pass")


def _skipped(cases: list[Case], start: int, why: str) -> list[TestOutcome]:
    return [TestOutcome(c.name, "skipped", why, "", "pass") for c in cases[start:]]


def grade_submission(exercise: Exercise, submission: Path, *, measure_performance: bool = True,
                     progress: Callable[[str], None] | None = None) -> CheckResult:
    """Grade the learner's file against the exercise's hidden tests; see the module docstring for the steps.

    status: "pass"; "error" when the file cannot be used at all (syntax error, forbidden import, missing name, or
    a crash, exit or timeout while importing it); "fail" when it loads but a test fails.
    """
    started = time.perf_counter()
    submission = Path(submission)
    try:
        source = submission.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read {submission}: {exc.strerror or exc}") from exc
    forbidden = tuple(dict.fromkeys(DEFAULT_FORBIDDEN + tuple(exercise.forbidden)))
    not_applied = sandbox.limits_not_applied()

    def result(tests: list[TestOutcome], status: str, perf: Performance | None = None, output: str = "") -> CheckResult:
        first = next((t for t in tests if t.status in ("fail", "error")), None)
        outcome: Outcome = first.outcome if first else "pass"
        if first is None and not tests:
            status = "error"
        return CheckResult(
            exercise=exercise.slug,
            status=status,  # type: ignore[arg-type]
            outcome=outcome,
            tests=tuple(tests),
            duration_s=time.perf_counter() - started,
            performance=perf,
            output=output,
            limits_not_applied=not_applied,
        )

    tests_module = hidden_tests(exercise)
    cases: list[Case] = list(tests_module.cases())
    static = scan(source, submission, forbidden)
    if static is not None:
        return result([static, *_skipped(cases, 0, "not run: the file did not load")], "error")

    perf: Perf | None = tests_module.perf() if measure_performance else None

    limits = sandbox.Limits.for_time(exercise.time_limit_s, exercise.memory_limit_mb)
    workdir = Path(tempfile.mkdtemp(prefix="drill-check-"))
    spared = sandbox.children_now()
    children: list[sandbox.Child] = []
    try:
        out = workdir / "out"
        out.mkdir()
        arrays = {f"c{i}__{k}": np.asarray(v) for i, c in enumerate(cases) for k, v in c.inputs.items()}
        if perf is not None:
            arrays.update({f"perf__{k}": np.asarray(v) for k, v in perf.inputs.items()})
        np.savez(workdir / "inputs.npz", **arrays)  # type: ignore[arg-type]  # numpy's stub: **kwds as allow_pickle
        (workdir / "submission.py").write_bytes(source)
        names = list(exercise.names)
        perf_plan = (
            {"steps": list(perf.steps), "repeats": perf.repeats, "budget_s": perf.budget_s,
             "deadline_s": perf.deadline_s, "warmup_below_s": 0.05, "helpers": perf.helpers}
            if perf is not None
            else None
        )
        plan = {
            "submission": {"source_path": str(workdir / "submission.py"), "display_path": str(submission.resolve()),
                           "module": "submission"},
            "inputs": str(workdir / "inputs.npz"),
            "out": str(out),
            "names": names,
            "forbidden": list(forbidden),
            "blocked_paths": [str(paths.reference_dir()), str(Path(__file__).resolve().parents[1])],
            "cases": [{"name": c.name, "steps": list(c.steps), "helpers": c.helpers} for c in cases],
            "perf": perf_plan,
        }
        child = sandbox.start(plan, workdir, limits, name="submission", signals=perf is not None)
        children.append(child)
        ref_child = None
        if perf is not None:
            ref_out = workdir / "ref-out"
            ref_out.mkdir()
            ref_plan = {
                **plan,
                "submission": {"source_path": str(exercise.solution_path),
                               "display_path": str(exercise.solution_path), "module": "reference"},
                "out": str(ref_out),
                "blocked_paths": [],
                "cases": [],
            }
            ref_child = sandbox.start(ref_plan, workdir, limits, name="reference", signals=True)
            children.append(ref_child)

        expected = [run_reference(exercise, case) for case in cases]

        state = child.wait_ready(child.started + limits.time_s, _progress_reader(out, cases, progress))
        if state == "timeout":
            child.timed_out = True
            child.kill()
        elif state == "exited":
            child.wait(time.perf_counter() + 2)

        tests, status = _collect(child, out, cases, expected, exercise, limits.time_s, submission.name)
        performance = None
        if perf is not None:
            passed = status == "pass" and all(t.status == "pass" for t in tests)
            if passed and state == "ready" and ref_child is not None:
                performance = _measure(child, ref_child, out, workdir / "ref-out", perf)
            elif passed:
                performance = Performance("not-measured", "not measured: the run ended before timing")
        output = child.output()
        return result(tests, status, performance, output)
    finally:
        sandbox.cleanup(children, spared)
        shutil.rmtree(workdir, ignore_errors=True)


def _progress_reader(out: Path, cases: list[Case], progress: Callable[[str], None] | None):
    """A tick that tells `progress` what the child is doing, from the progress.json it keeps (read at most 5 times
    a second; nothing it says is trusted beyond that)."""
    if progress is None:
        return None
    last = [0.0]

    def tick() -> None:
        now = time.perf_counter()
        if now - last[0] < 0.2:
            return
        last[0] = now
        info = read_json(out / "progress.json") or {}
        phase, index = info.get("phase"), info.get("index")
        if phase == "case" and isinstance(index, int) and 0 <= index < len(cases):
            progress(f"test {index + 1}/{len(cases)}: {cases[index].name}")
        elif phase in ("cases-done", "perf"):
            progress("timing against the reference")
        else:
            progress("loading your file")

    return tick


def _collect(
    child: sandbox.Child,
    out: Path,
    cases: list[Case],
    expected: list[Outputs],
    exercise: Exercise,
    limit_s: float,
    filename: str,
) -> tuple[list[TestOutcome], str]:
    load = read_json(out / "load.json")
    if load is None:
        return [_death_outcome(child, None, limit_s), *_skipped(cases, 0, "not run: the file did not load")], "error"
    not_loaded = _skipped(cases, 0, "not run: the file did not load")
    attempts = load.get("attempts") or []
    if attempts and isinstance(attempts[0], dict):
        first = attempts[0]
        message = forbidden_message(str(first.get("module")), str(first.get("where", "")))
        return [TestOutcome("imports", "error", message, "The import was attempted while loading your file.",
                            "forbidden-import"), *not_loaded], "error"
    if child.output_size() >= sandbox.OUTPUT_FILE_LIMIT:
        return [_flood_outcome("import", ""), *not_loaded], "error"
    if load.get("error"):
        return [_error_outcome(load["error"], None), *not_loaded], "error"
    missing = [str(m) for m in load.get("missing") or []]
    if missing:
        what = ", ".join(f"`{m}`" for m in missing)
        message = f"missing: {filename} does not define {what}"
        detail = (
            f"The exercise needs {', '.join(exercise.names)}. Check the spelling and capitalisation against the stub "
            "(`drill implement` wrote it), and that methods are indented inside the class."
        )
        return [TestOutcome("names", "error", message, detail, "missing-name"),
                *_skipped(cases, 0, "not run: a required name is missing")], "error"
    tests: list[TestOutcome] = []
    for index, case in enumerate(cases):
        info, got = read_outputs(out, index)
        if info is None:
            tests.append(_death_outcome(child, case, limit_s))
            tests.extend(_skipped(cases, index + 1, f"not run: the process ended during {case.name}"))
            break
        attempts = info.get("attempts") or []
        error = info.get("error")
        if child.output_size() >= sandbox.OUTPUT_FILE_LIMIT and isinstance(error, dict):
            tests.append(_flood_outcome(case.name, f"Called: {case.call}\n"))
        elif attempts and isinstance(attempts[0], dict):
            first = attempts[0]
            tests.append(TestOutcome(case.name, "error", forbidden_message(str(first.get("module")),
                                     str(first.get("where", ""))), f"Called: {case.call}", "forbidden-import"))
        elif isinstance(error, dict):
            tests.append(_error_outcome(error, case))
        elif got is None:
            tests.append(TestOutcome(case.name, "error", "the values your code returned could not be read back",
                                     f"Called: {case.call}", "exception"))
        else:
            tests.append(_judge_case(case, got, expected[index]))
    return tests, "pass" if all(t.status == "pass" for t in tests) else "fail"


def _perf_times(info: dict[str, Any] | None) -> tuple[list[float], bool]:
    if not info:
        return [], False
    times = [float(t) for t in info.get("times") or [] if isinstance(t, (int, float)) and t > 0]
    return times, bool(info.get("stopped"))


def _measure(child: sandbox.Child, ref_child: sandbox.Child, out: Path, ref_out: Path, perf: Perf) -> Performance:
    """Time the reference, then the submission (never together), and turn the ratio into a stable verdict."""
    grace = perf.deadline_s + perf.budget_s + 5
    if ref_child.wait_ready(ref_child.started + 15) != "ready":
        return Performance("not-measured", "not measured: the reference could not be timed")
    ref_child.go()
    ref_child.wait_ready(time.perf_counter() + grace)  # "d": timed (or it exited)
    child.go()
    if child.wait_ready(time.perf_counter() + grace) == "timeout":
        child.kill()
    ref_times, _ = _perf_times(read_json(ref_out / "perf.json"))
    sub_times, stopped = _perf_times(read_json(out / "perf.json"))
    if not ref_times:
        return Performance("not-measured", "not measured: the reference could not be timed")
    ref_s = statistics.median(ref_times)
    if stopped or not sub_times:
        sub_s = perf.deadline_s
        ratio = sub_s / ref_s
        return Performance(
            "slow",
            f"slow: more than {perf.deadline_s:g} s on {perf.describe} — over {_round(ratio)}× the reference "
            f"({ref_s * 1000:.3g} ms) — {perf.slow_hint}",
            ratio=ratio, submission_s=None, reference_s=ref_s,
        )
    sub_s = statistics.median(sub_times)
    ratio = sub_s / ref_s
    if ratio >= SLOW_RATIO:
        return Performance("slow", f"slow: ~{_round(ratio)}× the reference on {perf.describe} — {perf.slow_hint} "
                           f"({BANDS})", ratio=ratio, submission_s=sub_s, reference_s=ref_s)
    return Performance("vectorised", f"vectorised: ~{_round(ratio)}× the reference's time on {perf.describe} "
                       f"({BANDS})", ratio=ratio, submission_s=sub_s, reference_s=ref_s)


def _round(ratio: float) -> str:
    if ratio < 10:
        return f"{ratio:.1f}"
    return f"{float(f'{ratio:.2g}'):g}"
