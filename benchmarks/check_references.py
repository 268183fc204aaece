"""`drill check SLUG reference/SLUG/solution.py` for every exercise, end to end (target: median ≤ 1.0 s on a 2-core
machine), with `python -c "import numpy"` measured alternately as the peer. Prints one row per exercise, slowest
first, and how many meet the target.

    python benchmarks/check_references.py [SLUG ...] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile

from _bench import ROOT, alternate, drill_command, env_with, machine, time_command

TARGET_S = 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("slugs", nargs="*")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    slugs = args.slugs or sorted(p.parent.name for p in (ROOT / "reference").glob("*/exercise.yaml"))
    env = env_with(DRILL_HOME=tempfile.mkdtemp())
    peer = 'python -c "import numpy"'
    rows = []
    for slug in slugs:
        solution = str(ROOT / "reference" / slug / "solution.py")
        times = alternate(args.runs, {
            peer: lambda: time_command([sys.executable, "-c", "import numpy"], env),
            slug: lambda slug=slug, solution=solution: time_command(drill_command("check", slug, solution), env),
        })
        rows.append((statistics.median(times[slug]), statistics.median(times[peer]), slug))
    print(f"drill check on each reference, median of {args.runs}  ({machine()})")
    print(f"{'exercise':<34} {'median':>8} {'peer':>8} {'vs peer':>8}  ≤ {TARGET_S:.1f} s")
    for median, base, slug in sorted(rows, reverse=True):
        print(f"{slug:<34} {median:>7.2f}s {base:>7.2f}s {median / base:>7.1f}×  {'yes' if median <= TARGET_S else 'NO'}")
    met = sum(median <= TARGET_S for median, _, _ in rows)
    print(f"\n{met} of {len(rows)} within {TARGET_S:.1f} s")


if __name__ == "__main__":
    main()
