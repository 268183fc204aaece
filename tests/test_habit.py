"""The habit: study days, the streak with freezes, stats and the dashboard — walked through days with DRILL_NOW."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drill.cli import app
from drill.stats import heatmap_levels
from drill.streak import compute_streak

runner = CliRunner()
SUBMISSIONS = Path(__file__).parent / "submissions"
D0 = date(2026, 3, 2)


def answer_one(demo_bank: Path) -> None:
    """Rate one card (cramming, so a card is always available)."""
    result = runner.invoke(app, ["quiz", "--bank", str(demo_bank), "--cram", "--limit", "1"], input="x\n3\n")
    assert result.exit_code == 0, result.output


def stats() -> dict:
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def at(day: date, clock: str = "12:00", offset: str = "+00:00") -> str:
    return f"{day.isoformat()}T{clock}:00{offset}"


def test_half_past_three_still_belongs_to_the_day_before(demo_bank: Path, set_now) -> None:
    set_now(at(D0, "10:00"))
    answer_one(demo_bank)
    set_now(at(D0 + timedelta(days=1), "03:30"))
    answer_one(demo_bank)
    data = stats()
    assert data["today"] == D0.isoformat()
    assert data["streak"]["current"] == 1 and data["reviews_today"] == 2
    set_now(at(D0 + timedelta(days=1), "04:00"))
    data = stats()
    assert data["today"] == (D0 + timedelta(days=1)).isoformat()
    assert data["streak"]["current"] == 1 and not data["streak"]["today_done"], "today, unstudied, breaks nothing"


def test_a_missed_day_breaks_the_current_streak_but_not_the_longest(demo_bank: Path, set_now) -> None:
    for offset in range(3):
        set_now(at(D0 + timedelta(days=offset)))
        answer_one(demo_bank)
    set_now(at(D0 + timedelta(days=4)))  # day 3 missed, no freeze held yet
    data = stats()
    assert data["streak"]["current"] == 0 and data["streak"]["longest"] == 3
    answer_one(demo_bank)
    assert stats()["streak"] == {"current": 1, "longest": 3, "freezes": 0, "frozen_days": [], "today_done": True}


def test_a_freeze_is_earned_after_seven_days_and_spent_on_a_missed_day(demo_bank: Path, set_now) -> None:
    for offset in range(7):
        set_now(at(D0 + timedelta(days=offset)))
        answer_one(demo_bank)
    assert stats()["streak"]["freezes"] == 1
    set_now(at(D0 + timedelta(days=8)))  # day 7 missed
    answer_one(demo_bank)
    data = stats()
    assert data["streak"]["current"] == 8, "the frozen day keeps the streak alive but does not add to it"
    assert data["streak"]["freezes"] == 0
    assert data["streak"]["frozen_days"] == [(D0 + timedelta(days=7)).isoformat()]
    shown = runner.invoke(app, ["stats"]).output
    assert "Freezes spent on" in shown


def test_a_passed_check_counts_for_the_day(tmp_path: Path, set_now) -> None:
    set_now(at(D0))
    shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", tmp_path / "knn.py")
    assert runner.invoke(app, ["check", "knn", str(tmp_path / "knn.py")]).exit_code == 0
    data = stats()
    assert data["streak"]["current"] == 1 and data["streak"]["today_done"]
    assert data["exercises"]["passed"] == 1 and data["exercises"]["last_pass"] == {"knn": D0.isoformat()}
    assert runner.invoke(app, ["check", "knn", str(tmp_path / "knn.py")]).exit_code == 0
    assert stats()["heatmap"] == {D0.isoformat(): 1}, "re-checking a passing file adds nothing to the day"


def test_a_failed_check_does_not_count(tmp_path: Path, set_now) -> None:
    set_now(at(D0))
    shutil.copy(SUBMISSIONS / "knn" / "wrong_k_plus_one.py", tmp_path / "knn.py")
    assert runner.invoke(app, ["check", "knn", str(tmp_path / "knn.py")]).exit_code == 1
    data = stats()
    assert data["streak"]["current"] == 0 and data["exercises"] == {
        "attempted": 1, "passed": 0, "last_pass": {}, "due": []}


def test_a_time_zone_change_rewrites_nothing(demo_bank: Path, set_now) -> None:
    set_now(at(D0, "23:30", "+00:00"))  # late on 2 March in London
    answer_one(demo_bank)
    set_now(at(D0 + timedelta(days=1), "10:00", "+09:00"))  # next morning in Tokyo: 01:00 UTC on 3 March
    data = stats()
    assert data["heatmap"] == {D0.isoformat(): 1}, "the answer stays on 2 March"
    assert data["streak"]["current"] == 1
    answer_one(demo_bank)
    assert stats()["heatmap"] == {D0.isoformat(): 1, (D0 + timedelta(days=1)).isoformat(): 1}


def test_changing_the_rollover_hour_rewrites_no_past_day(demo_bank: Path, set_now, drill_env: Path) -> None:
    set_now(at(D0, "02:00"))  # before 04:00: counts for 1 March
    answer_one(demo_bank)
    config = drill_env / "config.toml"
    config.write_text(config.read_text().replace("rollover_hour = 4", "rollover_hour = 0"))
    assert stats()["heatmap"] == {(D0 - timedelta(days=1)).isoformat(): 1}


def test_the_daily_goal_is_configurable(demo_bank: Path, set_now, drill_env: Path) -> None:
    set_now(at(D0))
    answer_one(demo_bank)
    config = drill_env / "config.toml"
    config.write_text(config.read_text().replace("goal_answers = 1", "goal_answers = 2"))
    assert stats()["streak"]["current"] == 0
    answer_one(demo_bank)
    assert stats()["streak"]["current"] == 1


def test_passing_schedules_the_exercise_for_reimplementation(tmp_path: Path, set_now) -> None:
    set_now(at(D0))
    shutil.copy(SUBMISSIONS / "kmeans" / "right_vectorised.py", tmp_path / "kmeans.py")
    assert runner.invoke(app, ["check", "kmeans", str(tmp_path / "kmeans.py")]).exit_code == 0
    listing = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert {e["slug"]: e["status"] for e in listing["exercises"]}["kmeans"] == "passed"
    set_now(at(D0 + timedelta(days=60)))
    listing = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    assert {e["slug"]: e["status"] for e in listing["exercises"]}["kmeans"] == "due"
    board = runner.invoke(app, [])
    assert "Implement again: kmeans" in board.output
    assert stats()["exercises"]["due"] == ["kmeans"]


def test_a_first_try_pass_schedules_further_out_than_a_pass_after_hints(tmp_path: Path, set_now, drill_env) -> None:
    import sqlite3

    set_now(at(D0))
    shutil.copy(SUBMISSIONS / "kmeans" / "right_vectorised.py", tmp_path / "kmeans.py")
    runner.invoke(app, ["check", "kmeans", str(tmp_path / "kmeans.py")])
    runner.invoke(app, ["hint", "knn"])
    shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", tmp_path / "knn.py")
    runner.invoke(app, ["check", "knn", str(tmp_path / "knn.py")])
    db = sqlite3.connect(drill_env / "progress.sqlite3")
    ratings = dict(db.execute("SELECT item_id, rating FROM reviews WHERE kind = 'exercise'").fetchall())
    assert ratings == {"kmeans": 4, "knn": 2}
    due = dict(db.execute("SELECT item_id, due FROM cards WHERE kind = 'exercise'").fetchall())
    assert due["kmeans"] > due["knn"]
    # no minute-long learning steps for a whole exercise: even a pass after hints comes back days later
    assert datetime.fromisoformat(due["knn"]) >= datetime.fromisoformat(at(D0)) + timedelta(days=1)
    set_now(at(D0, "13:00"))
    assert "Implement again" not in runner.invoke(app, []).output


def test_the_dashboard_shows_the_streak_what_is_due_and_one_next_command(demo_bank: Path, set_now) -> None:
    fresh = runner.invoke(app, [])
    assert "Welcome to drill" in fresh.output
    set_now(at(D0))
    result = runner.invoke(app, ["quiz", "knn", "--limit", "1"], input="x\n4\n")
    assert result.exit_code == 0
    set_now(at(D0 + timedelta(days=40)))
    board = runner.invoke(app, [])
    assert "Welcome" not in board.output
    assert "streak" in board.output and "Next: drill quiz knn" in board.output


def test_stats_json_has_the_documented_keys(demo_bank: Path, set_now) -> None:
    set_now(at(D0))
    answer_one(demo_bank)
    data = stats()
    assert {"current", "longest"} <= set(data["streak"])
    assert {"reviews_total", "reviews_today", "due_now"} <= set(data)
    assert {"attempted", "passed"} <= set(data["exercises"])
    assert len(data["forecast"]) == 14


@pytest.mark.parametrize("no_color", [True, False])
def test_the_heatmap_renders_with_and_without_colour(demo_bank: Path, set_now, no_color: bool) -> None:
    import os
    import subprocess
    import sys

    set_now(at(D0))
    answer_one(demo_bank)
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]), FORCE_COLOR="1", COLUMNS="100")
    if no_color:
        env["NO_COLOR"] = "1"
    output = subprocess.run([sys.executable, "-m", "drill", "stats"], env=env, capture_output=True, text=True,
                            timeout=60).stdout
    rows = [line for line in output.splitlines() if line.lstrip("\x1b[0123456789;m").startswith(("Mon", "Wed", "Fri"))]
    assert len(rows) == 3, output
    if no_color:
        assert "■" not in output, "NO_COLOR: shades drawn with characters"
        assert "·" in rows[0] and all(shade in output for shade in "░▒▓█")
    else:
        assert "■" in rows[0] and "·" not in rows[0], "a colour terminal gets coloured squares"


def test_streak_rules_on_their_own() -> None:
    activity = {D0 + timedelta(days=i): (1, 0) for i in range(14)}
    streak = compute_streak(activity, D0 + timedelta(days=13))
    assert (streak.current, streak.longest, streak.freezes) == (14, 14, 2), "at most two freezes are held"
    gap = {d: v for d, v in activity.items() if d not in (D0 + timedelta(days=14), D0 + timedelta(days=15))}
    after_two_missed = compute_streak(gap, D0 + timedelta(days=16))
    assert after_two_missed.current == 14 and after_two_missed.freezes == 0
    three_missed = compute_streak(activity, D0 + timedelta(days=17))
    assert three_missed.current == 0 and three_missed.longest == 14


def test_heatmap_levels_are_quartiles_of_active_days() -> None:
    values = {D0 + timedelta(days=i): v for i, v in enumerate([0, 1, 2, 3, 4, 5, 6, 7, 8])}
    levels = heatmap_levels(values)
    assert levels[D0] == 0 and levels[D0 + timedelta(days=1)] == 1 and levels[D0 + timedelta(days=8)] == 4


def test_true_retention_counts_real_reviews_only(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from drill.config import Config
    from drill.models import Review
    from drill.stats import compute_stats
    from drill.store import open_store

    store = open_store(tmp_path / "p.sqlite3")
    base = datetime(2026, 3, 1, 10, tzinfo=UTC)

    def log(item: str, rating: int, days: float, cram: bool = False) -> None:
        moment = base + timedelta(days=days)
        store.record_review(Review(item, rating, moment, cram=cram), moment.date(), None)

    log("a", 3, 0)  # first sighting: not a review
    log("a", 1, 0.01)  # a learning step minutes later: not counted
    log("a", 3, 5)  # a real review, recalled
    log("b", 3, 0)
    log("b", 1, 6)  # a real review, forgotten
    log("b", 4, 7, cram=True)  # cramming never counts
    data = compute_stats(store, Config(), base + timedelta(days=8))
    assert data.retention == 0.5 and data.retention_reviews == 2
