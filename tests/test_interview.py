"""Interview mode through the real CLI with DRILL_NOW and piped input: a whole two-round interview, quitting half
way, follow-up chains, choosing questions, the history; answers said aloud; a study plan that fits and one that
cannot."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drill.cli import app
from drill.quiz import suggest_aloud

runner = CliRunner()
SUBMISSIONS = Path(__file__).parent / "submissions"
NOW = "2026-12-04T10:00:00+00:00"


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def history() -> list[dict]:
    result = invoke("interview", "--history", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def reviews(home: Path) -> int:
    return sqlite3.connect(home / "progress.sqlite3").execute("SELECT count(*) FROM reviews").fetchone()[0]


def test_a_whole_two_round_interview_piped(tmp_path: Path, drill_env: Path) -> None:
    """Concepts answered from a pipe, then the coding round: a failing check, the right file saved, a pass."""
    env = {**os.environ, "DRILL_NOW": NOW, "NO_COLOR": "1", "COLUMNS": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "drill", "interview", "knn", "--minutes", "6", "--seed", "3"],
                            env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, bufsize=1)
    assert proc.stdin is not None and proc.stdout is not None
    transcript = ""

    def until(words: str) -> None:
        nonlocal transcript
        deadline = time.monotonic() + 60
        while words not in transcript:
            line = proc.stdout.readline()
            assert line and time.monotonic() < deadline, transcript
            transcript += line

    until("answer in 2:00")  # the question's panel; its prompt line ends without a newline
    proc.stdin.write("it stores the training set and defers the work to query time\n1\n")
    until("Your stub:")
    stub = Path(transcript.split("Your stub: ")[1].split()[0])
    assert stub.parent == tmp_path / "workspace" / "interview"
    proc.stdin.write("\n")  # check the untouched stub: it fails
    until("FAIL 0/")
    shutil.copy(SUBMISSIONS / stub.stem.replace("_", "-") / "right_vectorised.py", stub)
    proc.stdin.write("\n")
    until("interview report")
    proc.stdin.close()
    transcript += proc.stdout.read()  # not communicate(): it reads the pipe beneath what readline() buffered
    proc.wait(timeout=60)
    assert proc.returncode == 0, transcript
    assert "PASS" in transcript and "Review next:" in transcript
    (saved,) = history_in(drill_env)
    assert saved["finished"] is True and len(saved["answers"]) == 1 and saved["answers"][0]["rating"] == 1
    assert saved["coding"]["slug"] == saved["exercise"] and saved["coding"]["passed"] is True
    assert saved["coding"]["checks"] == 2 and saved["coding"]["best_passed"] == saved["coding"]["total"]
    assert saved["scores"]["coding"] == 100.0 and saved["scores"]["concepts"] == 0.0
    assert saved["next_steps"][0] == "drill quiz knn --cram -n 10"
    assert reviews(drill_env) >= 2  # the answer, and the pass that schedules the exercise's re-implementation


def history_in(home: Path) -> list[dict]:
    result = subprocess.run([sys.executable, "-m", "drill", "interview", "--history", "--json"],
                            env={**os.environ, "DRILL_HOME": str(home)}, capture_output=True, text=True)
    return json.loads(result.stdout)


def test_a_good_answer_is_followed_up_and_a_weak_one_ends_the_chain(drill_env: Path) -> None:
    result = invoke("interview", "knn", "--minutes", "10", "--seed", "1", "--rounds", "concepts",
                    input="x\n3\nx\n1\nx\n1\nx\n1\nx\n1\n")
    assert result.exit_code == 0, result.output
    (saved,) = history()
    depths = [a["depth"] for a in saved["answers"]]
    assert depths[:3] == [0, 1, 0], depths  # good → a follow-up; again → the next opening question
    assert saved["answers"][1]["opening"] == saved["answers"][0]["id"]
    assert saved["deepest_chain"] == 1 and saved["coding"] is None
    assert reviews(drill_env) == len(saved["answers"]), "every answer is a review of its card"


def test_quitting_half_way_keeps_everything_answered(drill_env: Path) -> None:
    result = invoke("interview", "kmeans", "--minutes", "20", "--seed", "2", input="x\n2\nq\n")
    assert result.exit_code == 0, result.output
    assert "Ended early" in result.output and "drill interview kmeans --minutes 20" in result.output
    (saved,) = history()
    assert saved["finished"] is False and len(saved["answers"]) == 1 and saved["coding"] is None
    assert reviews(drill_env) == 1
    again = invoke("interview", "kmeans", "--minutes", "20", "--seed", "2", input="x\n2\nq\n")
    assert again.exit_code == 0
    first, second = history()
    assert first["openings"] != second["openings"], "never the same interview twice in a row"


def test_the_seed_makes_the_choice_reproducible(tmp_path: Path, monkeypatch) -> None:
    chosen = []
    for home in ("a", "b"):
        monkeypatch.setenv("DRILL_HOME", str(tmp_path / home))
        invoke("interview", "--minutes", "30", "--seed", "7", input="q\n")
        chosen.append(history()[0]["openings"])
    assert chosen[0] == chosen[1] and len(chosen[0]) >= 3
    assert len({q.split("-")[0] for q in chosen[0]}) >= 2, "the topics are mixed"


def test_weak_unseen_questions_open_before_well_known_ones(drill_env: Path, set_now) -> None:
    """Questions answered easy yesterday are not asked again while weaker ones wait."""
    invoke("quiz", "knn", "--limit", "20", input="x\n4\n" * 40)
    known = {row[0] for row in sqlite3.connect(drill_env / "progress.sqlite3").execute("SELECT item_id FROM cards")}
    set_now("2026-03-03T10:00:00+00:00")
    invoke("interview", "knn", "--minutes", "15", "--seed", "5", "--rounds", "concepts", input="q\n")
    openings = history()[0]["openings"]
    assert not set(openings) & known, (openings, known)


def test_history_reads_well_and_shows_the_trend(drill_env: Path) -> None:
    for seed, answers in (("1", "x\n1\nq\n"), ("2", "x\n4\nx\n4\nq\n")):
        invoke("interview", "knn", "--minutes", "10", "--rounds", "concepts", "--seed", seed, input=answers)
    shown = invoke("interview", "--history").output
    assert "Interviews" in shown and "Trend" in shown and "knn" in shown and "ended early" in shown
    scores = [h["scores"]["overall"] for h in history()]
    assert scores[0] < scores[1]


def test_interview_json_keeps_stdout_for_the_report(drill_env: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "drill", "interview", "knn", "--minutes", "5", "--rounds",
                             "concepts", "--json", "--seed", "1"], input="x\n3\nq\n", capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    report = json.loads(result.stdout)
    assert report["answers"][0]["rating"] == 3 and "Your answer" in result.stderr


def test_unknown_round_and_topic_are_usage_errors() -> None:
    assert invoke("interview", "--rounds", "lunch").exit_code == 2
    assert invoke("interview", "knnn").exit_code == 2


# --- say it out loud -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ticked", "points", "used", "allowed", "expected"),
    [(4, 4, 20, 60, 4), (4, 4, 50, 60, 3), (3, 4, 30, 60, 3), (2, 4, 30, 60, 2), (1, 4, 30, 60, 1),
     (3, 4, 60, 60, 2), (4, 4, 60, 60, 2), (0, 3, 10, 60, 1)],
)
def test_an_aloud_answer_is_rated_by_points_ticked_and_time_used(ticked, points, used, allowed, expected) -> None:
    assert suggest_aloud(ticked, points, used, allowed) == expected


def test_quiz_aloud_piped_ticks_points_and_suggests_from_them(drill_env: Path) -> None:
    result = invoke("quiz", "knn", "--aloud", "--limit", "1", input="\n1 2 3\n\n")
    assert result.exit_code == 0, result.output
    assert "Say your answer out loud" in result.output and "Which key points did you say?" in result.output
    assert "Enter: good (suggested)" in result.output and "Logged good" in result.output
    answer = sqlite3.connect(drill_env / "progress.sqlite3").execute("SELECT answer FROM reviews").fetchone()[0]
    assert "aloud" in answer and "ticked 1, 2, 3" in answer


def test_say_it_aloud_questions_are_answered_aloud_in_an_interview(drill_env: Path) -> None:
    result = invoke("interview", "knn", "--tag", "say-it-aloud", "--minutes", "5", "--rounds", "concepts",
                    input="\n1\n\nq\n")
    assert "Say your answer out loud" in result.output, result.output
    assert history()[0]["answers"][0]["aloud"] is True


# --- a plan to the interview date --------------------------------------------------------------------------------


def test_a_plan_that_fits_is_saved_and_followed(drill_env: Path, set_now) -> None:
    set_now(NOW)
    made = invoke("plan", "--date", "2026-12-20", "knn", "kmeans")
    assert made.exit_code == 0, made.output
    text = " ".join(made.output.split())
    assert "Plan to the interview on Sun 20 Dec 2026" in text and "cannot fit" not in made.output
    plan = json.loads(invoke("plan", "--json").stdout)
    learning = [d for d in plan["days"] if not d["review_only"]]
    assert len(plan["days"]) == 16 and 1 <= len(plan["days"]) - len(learning) <= 4
    assert sum(d["new"] for d in plan["days"]) == plan["new_total"] == 78
    assert sum(len(d["exercises"]) for d in plan["days"]) == plan["exercises_total"] == 5
    board = invoke().output
    assert "Plan: interview Sun 20 Dec (in 16 days) · 6 new questions today" in " ".join(board.split())
    result = invoke("quiz", input="x\n3\n" * 30)
    assert "Plan: interview Sun 20 Dec" in result.output
    topics = {row[0].split("-")[0] for row in
              sqlite3.connect(drill_env / "progress.sqlite3").execute("SELECT item_id FROM cards")}
    assert topics == {"knn", "kmeans"}, "new questions come from the plan's topics"
    introduced = sqlite3.connect(drill_env / "progress.sqlite3").execute("SELECT count(*) FROM cards").fetchone()[0]
    assert introduced == 6

    from drill.config import load_config

    assert load_config().desired_retention == 0.9
    set_now("2026-12-18T10:00:00+00:00")  # a review-only day: the retention is raised, no new questions
    assert load_config().desired_retention == 0.95
    assert "review days: retention 0.95, no new questions" in " ".join(invoke().output.split())
    set_now("2026-12-21T10:00:00+00:00")  # after the interview: back to the learner's own settings
    assert load_config().desired_retention == 0.9
    assert invoke("plan", "--clear").exit_code == 0 and invoke("plan").exit_code == 2


def test_a_plan_that_cannot_fit_says_so_plainly(set_now) -> None:
    set_now(NOW)
    result = subprocess.run([sys.executable, "-m", "drill", "plan", "--date", "2026-12-07"], capture_output=True,
                            text=True, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0
    assert "this plan cannot fit" in result.stderr and "more than the 60 a day" in result.stderr
    plan = json.loads(subprocess.run([sys.executable, "-m", "drill", "plan", "--json"], capture_output=True,
                                     text=True).stdout)
    assert max(d["new"] for d in plan["days"]) == 60 and plan["warnings"]


def test_a_plan_date_in_the_past_is_a_usage_error(set_now) -> None:
    set_now(NOW)
    result = invoke("plan", "--date", "2026-12-01")
    assert result.exit_code == 2 and "is not after today" in result.output
    assert invoke("plan", "--date", "20th").exit_code == 2


def test_plan_quota_catches_up_on_missed_days() -> None:
    from drill.plan import make_plan, new_quota

    now = __import__("datetime").datetime(2026, 12, 4, 10)
    plan = make_plan(date(2026, 12, 14), date(2026, 12, 4), [], unlearned=80, exercises_to_pass=[], due_days=[],
                     new_card_offsets=[2, 6], now=now)
    assert [d.new for d in plan.days[:8]] == [10] * 8 and all(d.review_only for d in plan.days[8:])
    assert new_quota(plan, date(2026, 12, 4), 80, 0) == 10
    assert new_quota(plan, date(2026, 12, 8), 80, 0) == 20  # four days missed: the rest over the four left
