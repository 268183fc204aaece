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
from datetime import date, datetime, timedelta
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


# --- 1. the plan, the dashboard and the quiz agree on today -------------------------------------------------------


def test_a_plan_made_after_the_days_new_questions_are_used_up(drill_env: Path, set_now) -> None:
    """21 new questions today (the daily limit is 20), then a plan for seven other topics: today's row is 0, the
    dashboard says the same right above "still allowed: 0", the quiz gives none, and the plan still holds them all."""
    set_now(NOW)
    invoke("quiz", "svm", "--new", "21", input=ANSWERS)
    assert cards_by_topic(drill_env) == {"svm": 21}

    made = invoke("plan", "--date", "2026-12-25", *SEVEN)
    assert today_row(made.output) == "0"
    assert "Today's new questions: 18 in the plan, 21 already introduced (from any topic), 0 left." in flat(made.output)
    plan = json.loads(invoke("plan", "--json").stdout)
    assert plan["days"][0]["day"] == "2026-12-04" and plan["days"][0]["new"] == 0
    assert sum(d["new"] for d in plan["days"]) == plan["new_total"] > 0, "nothing is dropped: the rest comes later"
    assert max(d["new"] for d in plan["days"]) <= 19

    board = flat(invoke().output)
    assert "Plan: interview Fri 25 Dec (in 21 days) · no more new questions today (21 done)" in board
    assert "New questions still allowed today: 0" in board
    assert today_row(invoke("plan").output) == "0"

    invoke("quiz", input=ANSWERS)
    assert cards_by_topic(drill_env) == {"svm": 21}, "the quiz agrees: no new question today"

    set_now("2026-12-05T10:00:00+00:00")  # the next day: the first day of the spread, as its row says
    row = next(d for d in json.loads(invoke("plan", "--json").stdout)["days"] if d["day"] == "2026-12-05")
    board = flat(invoke().output)
    assert f"· {row['new']} new questions today" in board and f"still allowed today: {row['new']}" in board


def test_plan_row_dashboard_and_quiz_agree_all_day(drill_env: Path, set_now) -> None:
    """New questions from the plan's topics and from another topic both use up today's number; whatever is left,
    the plan's row for today, the dashboard and the quiz say the same."""
    set_now(NOW)
    invoke("plan", "--date", "2026-12-20", "knn", "kmeans")  # 78 new questions over 13 days: 6 a day
    assert today_row(invoke("plan").output) == "6"
    assert "· 6 new questions today" in flat(invoke().output)

    invoke("quiz", "--limit", "2", input=ANSWERS)  # two of today's six, from the plan's topics
    invoke("quiz", "svm", "--new", "5", input=ANSWERS)  # (--new is the day's total) three from another topic
    assert cards_by_topic(drill_env) == {"knn": 1, "kmeans": 1, "svm": 3}

    board = flat(invoke().output)
    assert "· 1 more new question today (5 done)" in board
    assert "New questions still allowed today: 1" in board
    shown = invoke("plan").output
    assert today_row(shown) == "1"
    assert "Today's new questions: 6 in the plan, 5 already introduced (from any topic), 1 left." in flat(shown)

    invoke("quiz", input=ANSWERS)
    assert sum(cards_by_topic(drill_env).values()) == 6, "the quiz gives exactly the one left"
    board = flat(invoke().output)
    assert "no more new questions today (6 done)" in board and "still allowed today: 0" in board
    assert today_row(invoke("plan").output) == "0"


def test_a_plan_followed_to_the_letter_matches_its_table_every_day() -> None:
    """The table spreads the questions as the daily quota will ask for them, so it never drifts from the dashboard."""
    from drill.plan import make_plan, new_quota

    now = datetime(2026, 12, 4, 10)
    start = date(2026, 12, 4)
    for unlearned in (10, 37, 78, 295):
        plan = make_plan(date(2026, 12, 8), start, [], unlearned=unlearned, exercises_to_pass=[], due_days=[],
                         new_card_offsets=[], now=now)
        left = unlearned
        for index, day in enumerate(plan.days):
            quota = new_quota(plan, start + timedelta(days=index), left, 0)
            assert quota == day.new, (unlearned, day.day, quota, day.new)
            left -= day.new
        assert left == 0 or plan.warnings


def test_make_plan_today_is_what_is_left_of_the_day() -> None:
    from drill.plan import MAX_NEW_PER_DAY, make_plan, new_quota

    now = datetime(2026, 12, 4, 10)
    today = date(2026, 12, 4)

    def plan(unlearned: int, end: date, **today_so_far: int):
        return make_plan(end, today, [], unlearned=unlearned, exercises_to_pass=[], due_days=[],
                         new_card_offsets=[], now=now, **today_so_far)

    # 80 questions over 8 learning days; 5 of them learned this morning, 7 introduced in all
    made = plan(75, date(2026, 12, 14), learned_today=5, introduced_today=7)
    assert new_quota(made, today, 75, 5) == 10 and made.days[0].new == 3
    assert sum(d.new for d in made.days) == 75 and not made.warnings
    # new questions from other topics use today up but do not make the plan ask for more
    made = plan(80, date(2026, 12, 14), introduced_today=25)
    assert new_quota(made, today, 80, 0) == 10 and made.days[0].new == 0
    assert sum(d.new for d in made.days) == 80
    # a one-day plan whose day is already used up cannot fit, and says why
    made = plan(30, date(2026, 12, 5), introduced_today=21)
    assert made.days[0].new == 9 and "already introduced today" in made.warnings[0]
    # more than the maximum a day: the old warning, unchanged in substance
    made = plan(500, date(2026, 12, 9))  # five days, the last for review
    assert [d.new for d in made.days] == [MAX_NEW_PER_DAY] * 4 + [0]
    assert f"more than the {MAX_NEW_PER_DAY} a day" in made.warnings[0]


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
