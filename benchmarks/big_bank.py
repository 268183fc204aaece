"""A 10,000-question bank: `drill lint` (target ≤ 2.0 s) and the first card of `drill quiz` (target ≤ 1.5 s).

The peer is PyYAML (libyaml) merely loading the same file in a fresh interpreter, measured alternately.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _bench import alternate, drill_command, env_with, report, time_command

RUNS = 7


def write_bank(path: Path, count: int = 10_000) -> None:
    """A valid bank of `count` questions cycling through the four types, with key points and follow-ups."""
    lines = ["topic: big", "title: Big bank", "questions:"]
    for i in range(count):
        kind = ("recall", "choice", "numeric", "derivation")[i % 4]
        lines += [f"  - id: big-{i}", f"    type: {kind}", f"    prompt: Question number {i} — why does it hold?"]
        if kind == "recall":
            lines += ["    answer: |", f"      Because of reason {i}, with a caveat.",
                      "    key_points:", "      - text: the reason", "        match: ['reason', 'because']",
                      "      - text: the caveat", "        match: ['caveat']"]
        elif kind == "choice":
            lines += ["    choices: [one, two, three]", "    answer: 1", "    explanation: Two it is."]
        elif kind == "numeric":
            lines += [f"    answer: {i}.5", "    tolerance: 0.1"]
        else:
            lines += ["    steps: [first move, second move, third move]", "    answer: The result."]
        if i % 10 == 0 and i + 1 < count:
            lines.append(f"    follow_ups: [big-{i + 1}]")
        lines += ["    tags: [bench, scaling]", f"    difficulty: {1 + i % 3}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    bank = folder / "big.yaml"
    write_bank(bank)
    env = env_with(DRILL_HOME=str(folder / "home"))
    load = f"import yaml; yaml.load(open({str(bank)!r}), Loader=yaml.CSafeLoader)"
    times = alternate(RUNS, {
        "libyaml load of the same file  (peer)": lambda: time_command([sys.executable, "-c", load], env),
        "drill lint big.yaml": lambda: time_command(drill_command("lint", str(bank)), env),
        "drill quiz --bank big.yaml → first card, q": lambda: time_command(
            drill_command("quiz", "--bank", str(bank)), env, stdin="q\n"),
    })
    print(f"bank: {bank.stat().st_size / 1e6:.1f} MB, 10,000 questions")
    report("10,000-question bank", times, "libyaml load of the same file  (peer)",
           {"drill lint big.yaml": "≤ 2.0 s", "drill quiz --bank big.yaml → first card, q": "≤ 1.5 s"})


if __name__ == "__main__":
    main()
