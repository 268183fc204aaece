"""`drill check kmeans` on a correct submission, end to end (target: median ≤ 1.5 s on a 2-core machine), and
the stability of the performance verdict: the seed's loop KNN must be told "slow" and the reference "vectorised"
in 10 of 10 runs. The peer is `python -c "import numpy"`, measured alternately."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile

from _bench import ROOT, alternate, drill_command, env_with, report, time_command

RUNS = 9


def verdicts(file: str, runs: int, env: dict[str, str]) -> list[tuple[str, float | None]]:
    found = []
    for _ in range(runs):
        result = subprocess.run(drill_command("check", "knn", file, "--json"), env=env, capture_output=True,
                                text=True, cwd=ROOT)
        performance = json.loads(result.stdout)["performance"]
        found.append((performance["verdict"], performance["ratio"]))
    return found


def main() -> None:
    env = env_with(DRILL_HOME=tempfile.mkdtemp())
    kmeans = str(ROOT / "tests" / "submissions" / "kmeans" / "right_seed.py")
    times = alternate(RUNS, {
        'python -c "import numpy"  (peer)': lambda: time_command([sys.executable, "-c", "import numpy"], env),
        "drill check kmeans right_seed.py": lambda: time_command(drill_command("check", "kmeans", kmeans), env),
    })
    report("drill check, end to end", times, 'python -c "import numpy"  (peer)',
           {"drill check kmeans right_seed.py": "≤ 1.5 s"})
    print("\nPerformance verdict, 10 runs each")
    for name, file in (("seed loop KNN", ROOT / "tests/submissions/knn/right_seed.py"),
                       ("KNN reference", ROOT / "reference/knn/solution.py")):
        found = verdicts(str(file), 10, env)
        names = {v for v, _ in found}
        ratios = [r for _, r in found if r is not None]
        spread = f"{min(ratios):.1f}×–{max(ratios):.1f}×" if ratios else "—"
        print(f"  {name:<16} {', '.join(sorted(names)):<12} ({sum(v == found[0][0] for v, _ in found)}/10 the same)"
              f"  ratio {spread}")


if __name__ == "__main__":
    main()
