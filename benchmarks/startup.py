"""Start-up against `python -c "import typer"`, measured alternately in the same run: `drill --help` (target
≤ 1.5×) and the first screens a learner sees — `drill` (the dashboard), the first quiz card, `drill list`,
`drill stats` (each ≤ 2.5×). The progress file holds a few days of study, as a learner's would."""

from __future__ import annotations

import sys
import tempfile

from _bench import alternate, drill_command, env_with, report, time_command

RUNS = 15
PEER = 'python -c "import typer"  (peer)'


def main() -> None:
    env = env_with(DRILL_HOME=tempfile.mkdtemp(), DRILL_WORKSPACE=tempfile.mkdtemp())
    time_command(drill_command("quiz", "knn", "-n", "5"), env, stdin="x\n3\n" * 10)  # some progress to show
    first_card = "q\n"  # the first card appears, then the session ends at its prompt
    times = alternate(RUNS, {
        PEER: lambda: time_command([sys.executable, "-c", "import typer"], env),
        "drill --help": lambda: time_command(drill_command("--help"), env),
        "drill  (dashboard)": lambda: time_command(drill_command(), env),
        "drill quiz  (to the first card)": lambda: time_command(drill_command("quiz"), env, stdin=first_card),
        "drill list": lambda: time_command(drill_command("list"), env),
        "drill stats": lambda: time_command(drill_command("stats"), env),
    })
    report("Start-up", times, PEER, {"drill --help": "≤ 1.5×", "drill  (dashboard)": "≤ 2.5×",
                                     "drill quiz  (to the first card)": "≤ 2.5×", "drill list": "≤ 2.5×",
                                     "drill stats": "≤ 2.5×"})


if __name__ == "__main__":
    main()
