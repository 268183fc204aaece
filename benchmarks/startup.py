"""`drill --help` against `python -c "import typer"`, measured alternately in the same run (target ≤ 1.5×)."""

from __future__ import annotations

import sys
import tempfile

from _bench import alternate, drill_command, env_with, report, time_command

RUNS = 21


def main() -> None:
    env = env_with(DRILL_HOME=tempfile.mkdtemp())
    times = alternate(RUNS, {
        'python -c "import typer"  (peer)': lambda: time_command([sys.executable, "-c", "import typer"], env),
        "drill --help": lambda: time_command(drill_command("--help"), env),
        "drill quiz --help": lambda: time_command(drill_command("quiz", "--help"), env),
    })
    report("Start-up", times, 'python -c "import typer"  (peer)', {"drill --help": "≤ 1.5×"})


if __name__ == "__main__":
    main()
