"""Start the runner in a contained child process, and make sure nothing it started outlives grading.

Containment (POSIX): `python -I`, a fresh working directory, its own session and process group, BLAS/OpenMP
threads pinned to one, RLIMIT_AS (memory), RLIMIT_CPU and RLIMIT_FSIZE (output written to files) set before the
interpreter starts; the wall-clock limit is enforced here in the parent on every platform. Cleanup: the whole
process group is killed, and so is every descendant that left it (setsid, double fork): the parent becomes a child
subreaper (Linux) so orphans are re-parented to it, and every process carrying this run's token in its environment
is found through /proc and killed as well.

What it is not: a security boundary. The child runs as the learner, with the learner's file system and network;
it guards against accidents (runaway loops, memory, stray processes, output floods) and keeps the verdict honest
(decided in the parent from plain values), which is what a local practice tool needs. Grading code from strangers
would need a container or a separate user on top.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import select
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

RUNNER = Path(__file__).with_name("runner.py")
OUTPUT_FILE_LIMIT = 64 * 1024 * 1024  # RLIMIT_FSIZE: stdout floods stop here
OUTPUT_READ_CAP = 64 * 1024  # how much of the captured output is ever read back
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "BLIS_NUM_THREADS")
TOKEN_VAR = "DRILL_GRADING_TOKEN"

_PR_SET_CHILD_SUBREAPER = 36
_subreaper_state: bool | None = None
_active: set[int] = set()  # runner pids of every grading in progress in this process (cleanup spares the others')


@dataclass(frozen=True)
class Limits:
    time_s: float
    memory_mb: int
    cpu_s: int

    @classmethod
    def for_time(cls, time_s: float, memory_mb: int) -> Limits:
        return cls(time_s=time_s, memory_mb=memory_mb, cpu_s=int(time_s) + 3)


def limits_not_applied() -> tuple[str, ...]:
    """The limits this platform cannot enforce (the wall-clock limit always holds)."""
    missing = []
    if resource is None or not hasattr(resource, "RLIMIT_AS"):
        missing.append("memory")
    if resource is None or not hasattr(resource, "RLIMIT_CPU"):
        missing.append("cpu-time")
    if resource is None or not hasattr(resource, "RLIMIT_FSIZE"):
        missing.append("output-size")
    if os.name != "posix":
        missing.append("process-group")
    return tuple(missing)


def become_subreaper() -> bool:
    """Make this process adopt orphaned descendants (Linux), so escaped grandchildren can be found and reaped."""
    global _subreaper_state
    if _subreaper_state is None:
        _subreaper_state = False
        if sys.platform.startswith("linux"):
            with contextlib.suppress(OSError, AttributeError):
                libc = ctypes.CDLL(None, use_errno=True)
                _subreaper_state = libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    return _subreaper_state


def _preexec(limits: Limits) -> Callable[[], None] | None:
    if resource is None:
        return None
    memory = limits.memory_mb * 1024 * 1024

    def apply() -> None:  # runs in the child between fork and exec: keep it to system calls
        for name, value in (("RLIMIT_AS", memory), ("RLIMIT_CPU", limits.cpu_s), ("RLIMIT_FSIZE", OUTPUT_FILE_LIMIT),
                            ("RLIMIT_CORE", 0)):
            what = getattr(resource, name, None)
            if what is not None:
                with contextlib.suppress(ValueError, OSError):
                    resource.setrlimit(what, (value, value))

    return apply


def child_env(token: str, tmpdir: Path) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", os.defpath),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(tmpdir),
        "TMPDIR": str(tmpdir),
        "PYTHONHASHSEED": "0",
        TOKEN_VAR: token,
    }
    if os.name == "nt":  # pragma: no cover
        env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", "")
    for var in THREAD_VARS:
        env[var] = "1"
    return env


@dataclass
class Child:
    """One runner process and what it left behind."""

    proc: subprocess.Popen[bytes]
    workdir: Path
    token: str
    started: float
    killed_by_us: bool = False
    timed_out: bool = False
    stdout_path: Path = field(default_factory=Path)
    stderr_path: Path = field(default_factory=Path)
    ready_fd: int = -1  # parent's ends of the signal pipes (see start)
    go_fd: int = -1

    def returncode(self) -> int | None:
        return self.proc.poll()

    def wait(self, deadline: float) -> bool:
        """Wait until the child exits or the deadline (perf_counter) passes; True if it exited."""
        remaining = deadline - time.perf_counter()
        if remaining > 0:
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(timeout=remaining)
        return self.proc.poll() is not None

    def wait_ready(self, deadline: float, tick: Callable[[], None] | None = None) -> str:
        """Wait for the child's next signal ("tests done", later "timing done"): "ready", "exited" or "timeout".
        `tick` is called between short waits (to show progress)."""
        while True:
            if tick is not None:
                tick()
            if self.proc.poll() is not None:
                return "exited"
            remaining = max(0.0, deadline - time.perf_counter())
            if self.ready_fd < 0:
                if remaining <= 0:
                    return "timeout"
                self.wait(min(deadline, time.perf_counter() + 0.05))
                continue
            # short slices: a grandchild holding the pipe open must not hide the child's exit; a signal that
            # arrived before the deadline was looked at still counts (one last look with no wait)
            readable, _, _ = select.select([self.ready_fd], [], [], min(remaining, 0.05))
            if not readable and remaining <= 0:
                return "timeout"
            if readable:
                try:
                    data = os.read(self.ready_fd, 64)
                except OSError:
                    data = b""
                if data:
                    return "ready"
                self.wait(deadline)  # EOF: the child is gone or closed the pipe
                return "exited" if self.proc.poll() is not None else "timeout"

    def go(self) -> None:
        """Let the child start timing."""
        with contextlib.suppress(OSError):
            os.write(self.go_fd, b"go\n")

    def close_pipes(self) -> None:
        for fd in (self.ready_fd, self.go_fd):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.ready_fd = self.go_fd = -1

    def kill(self) -> None:
        """Kill the child's whole process group (it stays valid while any member lives)."""
        if self.proc.poll() is None:
            self.killed_by_us = True
        with contextlib.suppress(OSError, AttributeError):
            if os.name == "posix":
                os.killpg(self.proc.pid, signal.SIGKILL)
            else:  # pragma: no cover
                self.proc.kill()
        self.close_pipes()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)

    def output(self) -> str:
        """The captured stdout and stderr, each capped to its last OUTPUT_READ_CAP bytes."""
        parts = []
        for path in (self.stdout_path, self.stderr_path):
            text = read_tail(path, OUTPUT_READ_CAP)
            if text:
                parts.append(text)
        return "\n".join(parts)

    def output_size(self) -> int:
        total = 0
        for path in (self.stdout_path, self.stderr_path):
            with contextlib.suppress(OSError):
                total += path.stat().st_size
        return total


def read_tail(path: Path, cap: int) -> str:
    try:
        with open(path, "rb") as fh:
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - cap))
            data = fh.read(cap)
    except OSError:
        return ""
    text = data.decode("utf-8", errors="replace")
    return ("…(earlier output cut)\n" + text) if size > cap else text


def start(plan: dict[str, Any], workdir: Path, limits: Limits, *, name: str, signals: bool = False) -> Child:
    """Write the plan and start the runner on it. The caller must call `cleanup()` whatever happens.

    With `signals`, two pipes connect parent and child: the child writes to `ready_fd` when its tests are done
    and then waits on `go_fd` before timing anything, so that timings never overlap.
    """
    become_subreaper()
    token = uuid.uuid4().hex
    cwd = workdir / f"{name}-cwd"
    cwd.mkdir()
    stdout_path, stderr_path = workdir / f"{name}.stdout", workdir / f"{name}.stderr"
    pass_fds: tuple[int, ...] = ()
    ready_r = go_w = -1
    if signals:
        ready_r, ready_w = os.pipe()
        go_r, go_w = os.pipe()
        plan = {**plan, "ready_fd": ready_w, "go_fd": go_r}
        pass_fds = (ready_w, go_r)
    plan_path = workdir / f"{name}-plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    try:
        with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-I", "-X", "utf8", str(RUNNER), str(plan_path)],
                cwd=cwd,
                env=child_env(token, cwd),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                start_new_session=os.name == "posix",
                preexec_fn=_preexec(limits) if os.name == "posix" else None,  # noqa: PLW1509 - system calls only
                close_fds=True,
                pass_fds=pass_fds,
            )
    finally:
        for fd in pass_fds:
            os.close(fd)
    _active.add(proc.pid)
    return Child(proc, workdir, token, time.perf_counter(), stdout_path=stdout_path, stderr_path=stderr_path,
                 ready_fd=ready_r, go_fd=go_w)


# --- finding and killing every descendant -----------------------------------------------------------------------


def _proc_table() -> dict[int, tuple[int, str]]:
    """pid -> (ppid, state) for every process visible in /proc."""
    table: dict[int, tuple[int, str]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return table
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode("ascii", "replace")
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2 :].split()
        if len(rest) >= 2:
            table[int(entry)] = (int(rest[1]), rest[0])
    return table


def _has_token(pid: int, token: bytes) -> bool:
    try:
        with open(f"/proc/{pid}/environ", "rb") as fh:
            return token in fh.read()
    except OSError:
        return False


def children_now() -> set[int]:
    """Direct children of this process right now (taken before grading, so they are never touched)."""
    me = os.getpid()
    return {pid for pid, (ppid, _) in _proc_table().items() if ppid == me}


def cleanup(children: list[Child], spared: set[int], rounds: int = 50) -> int:
    """Kill every process the children started, wherever it went; return how many strays were killed.

    A stray is: a member of a child's process group (killpg), a process whose environment carries a child's
    token, an orphan re-parented to us (we are a subreaper) that was not our child before grading started, or any
    descendant of those. Repeats until a scan finds nothing, so processes forked during the kill are caught too.
    """
    for child in children:
        child.kill()
        _active.discard(child.proc.pid)
    if not os.path.isdir("/proc"):  # pragma: no cover - no way to look further on this platform
        return 0
    me = os.getpid()
    tokens = [f"{TOKEN_VAR}={c.token}".encode() for c in children]
    mine = {c.proc.pid for c in children}
    spared = spared | _active  # another grading running at the same time keeps its children
    killed: set[int] = set()
    quiet_rounds = 0
    for _ in range(rounds):
        table = _proc_table()
        strays = set()
        for pid, (ppid, state) in table.items():
            if pid == me or pid in spared:
                continue
            if ppid == me and pid not in mine:
                strays.add(pid)
            elif state != "Z" and any(_has_token(pid, t) for t in tokens):
                strays.add(pid)
        # ...and everything below them
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _) in table.items():
                if ppid in strays and pid not in strays and pid != me:
                    strays.add(pid)
                    grew = True
        alive = {pid for pid in strays if table.get(pid, (0, "Z"))[1] != "Z"}
        for pid in alive:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        killed |= alive
        for pid in strays:
            if table.get(pid, (0, ""))[0] == me:
                with contextlib.suppress(ChildProcessError, OSError):
                    os.waitpid(pid, os.WNOHANG)
        if not strays:
            quiet_rounds += 1
            if quiet_rounds >= 2:
                break
        else:
            quiet_rounds = 0
        time.sleep(0.005)
    return len(killed)
