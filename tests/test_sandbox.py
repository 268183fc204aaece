"""Hostile submissions: each one is graded as a failure with the right outcome, quickly, and leaves nothing running.

Each runs under a 3 s wall-clock limit and 512 MiB of memory so that the suite stays fast.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from pathlib import Path

import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission, sandbox
from drill.models import CheckResult, Exercise

HOSTILE = Path(__file__).parent / "submissions" / "hostile"

# file -> (status, outcome, words in the first failure's message)
EXPECTED = {
    "infinite_loop.py": ("fail", "timeout", "timeout: stopped after 3 s during fit_sets_centroids_and_labels"),
    "import_loop.py": ("error", "timeout", "timeout: stopped after 3 s while loading your file"),
    "memory_hog.py": ("fail", "out-of-memory", "out of memory: MemoryError in KMeans.fit"),
    "output_flood.py": ("error", "exception", "output limit: your code printed more than 64 MiB"),
    "early_exit.py": ("error", "exited", "ended the process with os._exit / sys.exit (exit code 0)"),
    "sys_exit_in_fit.py": ("fail", "exited", "ended the process (SystemExit(0)) in KMeans.fit"),
    "self_kill.py": ("error", "exited", "ended the process with SIGKILL"),
    "fake_pass.py": ("fail", "wrong-answer", "not the mean of its"),
    "patched_numpy.py": ("fail", "wrong-answer", "not the mean of its"),
    "patched_runner.py": ("fail", "exception", "has no attribute 'centroids'"),
    "sklearn_direct.py": ("error", "forbidden-import", "`sklearn.cluster` (line 2)"),
    "sklearn_importlib.py": ("fail", "forbidden-import", "`sklearn` (line 12)"),
    "dunder_import_guarded.py": ("error", "forbidden-import", "`scipy.spatial` (line 5)"),
    "steal_reference.py": ("error", "forbidden-import", "`drill.grading.judge`"),
    "leftover_subprocess.py": ("fail", "exception", "has no attribute 'centroids'"),
    "leftover_multiprocessing.py": ("fail", "exception", "has no attribute 'centroids'"),
    "setsid_double_fork.py": ("fail", "exception", "has no attribute 'centroids'"),
}


@pytest.fixture(scope="module")
def kmeans() -> Exercise:
    return dataclasses.replace(find_exercise("kmeans"), time_limit_s=3, memory_limit_mb=300)  # the hog fails at its first 400 MB block, even on a loaded machine


def run(exercise: Exercise, source: Path, tmp_path: Path) -> tuple[CheckResult, float]:
    target = tmp_path / "kmeans.py"
    shutil.copy(source, target)
    started = time.perf_counter()
    result = grade_submission(exercise, target, measure_performance=False)
    return result, time.perf_counter() - started


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_every_hostile_file_has_an_expectation() -> None:
    assert {p.name for p in HOSTILE.glob("*.py")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_submission_fails_with_the_right_outcome(kmeans: Exercise, tmp_path: Path, name: str) -> None:
    status, outcome, words = EXPECTED[name]
    result, took = run(kmeans, HOSTILE / name, tmp_path)
    first = next(t for t in result.tests if t.status in ("fail", "error"))
    summary = f"{result.status} {result.outcome}: {first.name}: {first.message}"
    assert (result.status, result.outcome) == (status, outcome), summary
    assert words in first.message, summary
    assert result.passed < len(result.tests)
    assert took < 3 + 2.5, f"took {took:.1f} s"
    pids = tmp_path / "pids.txt"
    if name.startswith(("leftover_", "setsid_")):
        recorded = [int(p) for p in pids.read_text().split()]
        assert recorded, "the hostile file recorded no pid"
        still = [p for p in recorded if alive(p)]
        assert not still, f"still running after grading: {still}"


def test_no_process_of_a_run_survives_it(kmeans: Exercise, tmp_path: Path, monkeypatch) -> None:
    """Nothing carrying a grading token of these runs is left anywhere, after the worst offenders (the runs'
    scratch folders go under tmp_path, so gradings by other drill processes on the machine are told apart)."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for name in ("setsid_double_fork.py", "leftover_multiprocessing.py", "infinite_loop.py"):
        run(kmeans, HOSTILE / name, tmp_path)
    leftovers = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/environ", "rb") as fh:
                    environ = fh.read()
                if sandbox.TOKEN_VAR.encode() in environ and f"HOME={tmp_path}".encode() in environ \
                        and alive(int(entry)):
                    leftovers.append(entry)
            except OSError:
                pass
    assert not leftovers


def test_cleanup_kills_an_escaped_process_found_only_as_an_orphan(tmp_path: Path) -> None:
    """A double-forked daemon that also wiped its environment is still found: we are its subreaper."""
    assert sandbox.become_subreaper()
    spared = sandbox.children_now()
    script = tmp_path / "escape.py"
    pid_file = tmp_path / "pid"
    script.write_text(
        "import os, sys, time\n"
        "if os.fork() == 0:\n"
        "    os.setsid()\n"
        "    if os.fork() == 0:\n"
        f"        open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n"
        "        os.execve('/bin/sleep', ['sleep', '300'], {})\n"
        "    os._exit(0)\n"
        "time.sleep(0.3)\n"
    )
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, str(script)], start_new_session=True)
    proc.wait(timeout=10)
    deadline = time.time() + 5
    while not pid_file.exists() and time.time() < deadline:
        time.sleep(0.01)
    pid = int(pid_file.read_text())
    assert alive(pid)
    killed = sandbox.cleanup([], spared)
    assert killed >= 1
    assert not alive(pid)


def test_reading_drills_own_files_is_refused(tmp_path: Path) -> None:
    exercise = dataclasses.replace(find_exercise("kmeans"), time_limit_s=5)
    file = tmp_path / "kmeans.py"
    file.write_text(
        "import json, sys\n"
        "plan = json.load(open(sys.argv[1]))\n"
        "source = open(plan['blocked_paths'][0] + '/kmeans/solution.py').read()\n"
    )
    result = grade_submission(exercise, file, measure_performance=False)
    assert result.outcome == "exception"
    assert "PermissionError" in result.tests[0].message and "not allowed while grading" in result.tests[0].message


def test_without_resource_limits_the_wall_clock_still_holds(
    kmeans: Exercise, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "resource", None)
    result, took = run(kmeans, HOSTILE / "infinite_loop.py", tmp_path)
    assert result.outcome == "timeout"
    assert {"memory", "cpu-time", "output-size"} <= set(result.limits_not_applied)
    assert took < 3 + 2.5


def test_limits_are_reported_as_applied_on_linux(kmeans: Exercise) -> None:
    result = grade_submission(kmeans, kmeans.solution_path, measure_performance=False)
    assert result.status == "pass"
    assert result.limits_not_applied == ()


def test_the_child_gets_pinned_threads_and_isolation(tmp_path: Path) -> None:
    exercise = dataclasses.replace(find_exercise("kmeans"), time_limit_s=5)
    file = tmp_path / "kmeans.py"
    file.write_text(
        "import os, sys, resource\n"
        "print('THREADS', os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('OMP_NUM_THREADS'))\n"
        "print('ISOLATED', sys.flags.isolated, 'CWD', os.getcwd())\n"
        "print('AS', resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20)\n"
        "print('SESSION', os.getsid(0) == os.getpid())\n"
    )
    result = grade_submission(exercise, file, measure_performance=False)
    assert "THREADS 1 1" in result.output
    assert "ISOLATED 1" in result.output and "drill-check-" in result.output
    assert "AS 2048" in result.output
    assert "SESSION True" in result.output
