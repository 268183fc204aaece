"""Fixes from a new user's trial, through the real CLI with DRILL_NOW: the plan, the dashboard and `drill quiz` give
the same number of new questions for today (what is left, never above what the day still allows); `drill list` keeps
every exercise slug and topic whole at 80 columns; the README says what a piped line does in the coding round."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from drill.cli import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
SUBMISSIONS = Path(__file__).parent / "submissions"
NOW = "2026-12-04T10:00:00+00:00"  # a Friday
SEVEN = ["knn", "kmeans", "linear-regression", "logistic-regression", "naive-bayes", "dimensionality-reduction",
         "model-selection"]
ANSWERS = "x\n3\n" * 80  # a recall answer and a rating; choice and numeric questions take the "x" and go on


def invoke(*args: str, input: str | None = None):
    result = runner.invoke(app, list(args), input=input)
    assert result.exit_code == 0, result.output
    return result


def flat(text: str) -> str:
    return " ".join(text.split())


def cards_by_topic(home: Path) -> dict[str, int]:
    """Question cards introduced so far, by the bank they come from."""
    from drill.banks import load_banks

    topic_of = {q.id: q.topic for q in load_banks().questions}
    counts: dict[str, int] = {}
    for (item,) in sqlite3.connect(home / "progress.sqlite3").execute("SELECT item_id FROM cards WHERE kind='question'"):
        counts[topic_of[item]] = counts.get(topic_of[item], 0) + 1
    return counts


def today_row(plan_output: str) -> str:
    """The `new` cell of today's row in `drill plan`'s table."""
    (line,) = [line for line in plan_output.splitlines() if line.startswith("Fri 04 Dec")]
    assert "today" in line, line
    return line.split("today", 1)[1].split()[1]


# --- 2. `drill list` at 80 and 100 columns ------------------------------------------------------------------------


def _listing(columns: int) -> str:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "drill", "list"], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _whole(word: str, text: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def test_list_keeps_every_slug_and_topic_whole_at_80_and_100_columns(tmp_path: Path) -> None:
    # a started exercise, so that the longest status ("started (6/7)") is on the page too
    shutil.copy(SUBMISSIONS / "linear-regression-normal-equation" / "wrong_solve_singular.py", tmp_path / "x.py")
    subprocess.run([sys.executable, "-m", "drill", "check", "linear-regression-normal-equation",
                    str(tmp_path / "x.py")], capture_output=True, env={**os.environ, "NO_COLOR": "1"})
    data = json.loads(invoke("list", "--json").stdout)
    slugs = [e["slug"] for e in data["exercises"]]
    topics = {e["topic"] for e in data["exercises"]} | {b["topic"] for b in data["banks"]}
    assert any(e["status"] == "started" for e in data["exercises"])
    for columns in (80, 100):
        text = _listing(columns)
        assert "…" not in text, text
        assert max(len(line) for line in text.splitlines()) <= columns
        cut = [word for word in [*slugs, *topics] if not _whole(word, text)]
        assert not cut, f"cut at {columns} columns: {cut}\n{text}"
        exercises = text.split("Question banks")[0]
        assert all(_whole(topic, exercises) for topic in {e["topic"] for e in data["exercises"]})
        assert re.search(r"linear-regression-normal-equation\s+●●○\s+started \(\d+/\d+\)", exercises), exercises


# --- 3. the coding round from a pipe, as the README says ----------------------------------------------------------


def test_piped_coding_round_any_line_but_g_or_q_runs_the_checks() -> None:
    result = runner.invoke(app, ["interview", "knn", "--minutes", "10", "--seed", "1", "--rounds", "coding"],
                           input="check it please\n\ng\n")
    assert result.exit_code == 0, result.output
    (saved,) = json.loads(invoke("interview", "--history", "--json").stdout)
    assert saved["coding"]["checks"] == 2 and saved["coding"]["ended_by"] == "give-up"
    readme = flat((ROOT / "README.md").read_text(encoding="utf-8"))
    assert "an empty line runs the checks and `g` gives up" not in readme
    assert ("in the coding round each line is one action: `g` (or `give up`) gives up, `q` (or `quit`) ends the "
            "interview, and any other line, empty or not, runs the checks; the end of the input gives up") in readme
