"""Shared helpers for the benchmark scripts: time commands alternately, print medians and ratios."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def drill_command(*args: str) -> list[str]:
    """`drill ARGS` run with this interpreter, from this checkout."""
    return [sys.executable, "-m", "drill", *args]


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}"


def time_command(argv: Sequence[str], env: dict[str, str], stdin: str | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, input=stdin, text=True, capture_output=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return elapsed


def alternate(runs: int, measures: dict[str, Callable[[], float]], warmup: int = 1) -> dict[str, list[float]]:
    """Run each measure in turn, `runs` rounds, so that machine noise hits all of them alike."""
    for _ in range(warmup):
        for measure in measures.values():
            measure()
    times: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            times[name].append(measure())
    return times


def report(title: str, times: dict[str, list[float]], peer: str | None, targets: dict[str, str] | None = None) -> None:
    """A small table: median, spread, and the ratio against the peer measured in the same run."""
    print(f"\n{title}  ({machine()})")
    print(f"{'measure':<48} {'median':>10} {'min':>10} {'max':>10} {'vs peer':>9}  target")
    base = statistics.median(times[peer]) if peer else None
    for name, values in times.items():
        median = statistics.median(values)
        ratio = f"{median / base:.2f}×" if base and name != peer else ("peer" if name == peer else "")
        target = (targets or {}).get(name, "")
        print(f"{name:<48} {_fmt(median):>10} {_fmt(min(values)):>10} {_fmt(max(values)):>10} {ratio:>9}  {target}")


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def env_with(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # bytecode caches as an installed drill has them (pip compiles them); without, every run compiles the sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(extra)
    return env
