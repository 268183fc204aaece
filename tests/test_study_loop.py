"""The loop that spans days, through the real CLI with DRILL_NOW: re-implementation, the solution after a pass,
due dates, the session's count, cramming order, keys at every prompt, two processes at once, `drill doctor`, and
broken banks that are never silent."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import DEMO_BANK, write_bank
from typer.testing import CliRunner

from drill.cli import app

runner = CliRunner()
SUBMISSIONS = Path(__file__).parent / "submissions"
DAY1 = "2026-12-03T18:33:00+00:00"
MORNING2 = "2026-12-04T09:00:00+00:00"


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def check_rows(home: Path) -> int:
    return sqlite3.connect(home / "progress.sqlite3").execute("SELECT count(*) FROM checks").fetchone()[0]


def exercise_reviews(home: Path) -> list[tuple[str, int]]:
    db = sqlite3.connect(home / "progress.sqlite3")
    return db.execute("SELECT item_id, rating FROM reviews WHERE kind = 'exercise' ORDER BY id").fetchall()


def listing() -> dict:
    result = invoke("list", "--json")
    assert result.exit_code == 0, result.output
    return {e["slug"]: e for e in json.loads(result.stdout)["exercises"]}


# --- re-implementation -------------------------------------------------------------------------------------


def test_a_passed_exercise_is_implemented_again_from_a_fresh_stub(tmp_path: Path, set_now, drill_env: Path) -> None:
    set_now(DAY1)
    workspace = tmp_path / "workspace"
    assert invoke("implement", "kmeans").exit_code == 0
    mine = workspace / "kmeans.py"
    shutil.copy(SUBMISSIONS / "kmeans" / "right_vectorised.py", mine)
    assert invoke("check", "kmeans").exit_code == 0
    assert exercise_reviews(drill_env) == [("kmeans", 4)]

    set_now(MORNING2)
    again = invoke("implement", "kmeans")
    assert again.exit_code == 0, again.output
    assert "write it again from memory" in again.output and "previous attempt is kept as" in again.output
    kept = workspace / ".attempts" / "kmeans" / "2026-12-04T09-00.py"
    assert kept.read_bytes() == (SUBMISSIONS / "kmeans" / "right_vectorised.py").read_bytes()
    assert "raise NotImplementedError" in mine.read_text(), "a fresh stub"
    listed = invoke("implement", "kmeans", "--attempts")
    assert "2026-12-04T09-00.py" in listed.output and "passed 03 Dec 18:33" in listed.output

    # yesterday's passing file, put back unchanged: it passes, but nothing is recorded — no pass, no streak day
    shutil.copy(kept, mine)
    checks_before = check_rows(drill_env)
    result = invoke("check", "kmeans")
    assert result.exit_code == 0
    assert "already passed on Thu 03 Dec at 18:33" in " ".join(result.output.split())
    assert check_rows(drill_env) == checks_before and exercise_reviews(drill_env) == [("kmeans", 4)]
    assert json.loads(invoke("stats", "--json").stdout)["streak"]["today_done"] is False
    as_json = json.loads(invoke("check", "kmeans", "--json").stdout)
    assert as_json["status"] == "pass" and as_json["recorded"] is False and as_json["passed_before"]

    # written again (another correct file): recorded
    shutil.copy(SUBMISSIONS / "kmeans" / "right_loops.py", mine)
    assert invoke("check", "kmeans").exit_code == 0
    assert check_rows(drill_env) == checks_before + 1


def test_the_solution_after_a_pass_costs_nothing_but_a_peek_during_a_reimplementation_does(
    tmp_path: Path, set_now, drill_env: Path
) -> None:
    set_now(DAY1)
    invoke("implement", "knn")
    mine = tmp_path / "workspace" / "knn.py"
    shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", mine)
    assert invoke("check", "knn").exit_code == 0
    shown = invoke("solution", "knn")  # no confirmation needed after a pass, even from a pipe
    assert shown.exit_code == 0 and "class KNN" in shown.output and "Seen before a pass" not in shown.output

    set_now("2026-12-30T10:00:00+00:00")  # long after: due
    assert listing()["knn"]["status"] == "due"
    invoke("implement", "knn")
    shutil.copy(SUBMISSIONS / "knn" / "right_loops.py", mine)
    assert invoke("check", "knn").exit_code == 0
    assert exercise_reviews(drill_env)[-1] == ("knn", 4), "the look after the first pass was not a peek"

    set_now("2027-06-30T10:00:00+00:00")
    invoke("implement", "knn")
    refused = invoke("solution", "knn")
    assert refused.exit_code == 2 and "re-implementation" in refused.output
    assert invoke("solution", "knn", "--yes").exit_code == 0
    shutil.copy(SUBMISSIONS / "knn" / "right_seed.py", mine)
    assert invoke("check", "knn").exit_code == 0
    assert exercise_reviews(drill_env)[-1] == ("knn", 1), "a look before this attempt passed counts as again"
    assert "after your attempt passes" in " ".join(invoke("solution", "--help").output.split()).lower()


# --- dates --------------------------------------------------------------------------------------------------


def test_an_exercise_due_later_in_the_study_day_is_due_this_morning(tmp_path: Path, set_now) -> None:
    set_now(DAY1)
    invoke("implement", "knn")
    invoke("solution", "knn", "--yes")  # a peek: the pass is rated again, so it comes back the next day
    shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", tmp_path / "workspace" / "knn.py")
    assert invoke("check", "knn").exit_code == 0
    row = listing()["knn"]
    assert row["status"] == "passed" and row["due"] == "2026-12-04"
    assert "04 Dec" in invoke("list").output

    set_now(MORNING2)  # 09:00: the card falls due at 18:33, inside today's study day
    assert listing()["knn"]["status"] == "due"
    assert "Implement again: knn" in invoke().output
    assert json.loads(invoke("stats", "--json").stdout)["exercises"]["due"] == ["knn"]
    assert "today" in invoke("list").output


def test_recall_now_of_a_card_forgotten_minutes_ago_is_not_100_percent(set_now, drill_env: Path) -> None:
    set_now(DAY1)
    write_bank(drill_env / "banks", "demo", DEMO_BANK)
    assert invoke("quiz", "demo", "--limit", "1", input="no idea\n1\n").exit_code == 0
    set_now("2026-12-03T18:38:00+00:00")
    topic = next(t for t in json.loads(invoke("stats", "--json").stdout)["topics"] if t["topic"] == "demo")
    assert 0.9 < topic["mean_recall"] < 0.999  # FSRS: stability ≈ 0.2 days after a first "again"
    row = next(line for line in invoke("stats").output.splitlines() if line.startswith("demo"))
    assert "100%" not in row and "99.8%" in row  # 0.9975: one decimal, never rounded up to certainty


def test_the_session_header_counts_every_showing_left_and_goes_down(demo_bank: Path, set_now) -> None:
    set_now(DAY1)
    bank = write_bank(demo_bank.parent, "solo", SOLO_BANK)
    result = invoke("quiz", "--bank", str(bank), input="a\ngood\nb\ngood\na\ngood\nb\ngood\n")
    counts = [int(line.split("·")[-1].split("to go")[0]) for line in result.output.splitlines() if "to go" in line]
    # two new cards, each shown once more for its 10-minute learning step: 4, 3, 2, 1
    assert counts == [4, 3, 2, 1], result.output


SOLO_BANK = """
topic: solo
title: Solo
questions:
  - id: solo-a
    type: recall
    prompt: First?
    answer: a
  - id: solo-b
    type: recall
    prompt: Second?
    answer: b
"""


def test_cram_shows_the_weakest_first_and_unseen_cards_last(demo_bank: Path, set_now) -> None:
    bank = write_bank(demo_bank.parent, "solo", SOLO_BANK + """
  - id: solo-c
    type: recall
    prompt: Third?
    answer: c
""")
    set_now(DAY1)
    invoke("quiz", "--bank", str(bank), "--limit", "2", input="a\neasy\nb\nagain\n")
    set_now("2026-12-03T18:40:00+00:00")
    result = invoke("quiz", "--bank", str(bank), "--cram", input="x\n3\nx\n3\nx\n3\n")
    order = [p for p in ("Second?", "First?", "Third?") if p in result.output]
    assert order == ["Second?", "First?", "Third?"]
    assert result.output.index("Second?") < result.output.index("First?") < result.output.index("Third?")


# --- keys ---------------------------------------------------------------------------------------------------


class Keys:
    """A terminal's reader, scripted: key() and line() return the next item."""

    keys = True

    def __init__(self, *items: str):
        self.items = list(items)

    def key(self, prompt: str) -> str | None:
        return self.items.pop(0) if self.items else None

    line = key


@pytest.mark.parametrize(("at_offer", "reviews_left"), [("q", 1), ("u", 0)])
def test_the_follow_up_offer_obeys_undo_and_quit(demo_bank: Path, set_now, drill_env: Path, at_offer: str,
                                                  reviews_left: int) -> None:
    from drill.banks import load_banks
    from drill.config import load_config
    from drill.interact import run_quiz
    from drill.quiz import QuizSession
    from drill.scheduler import open_progress

    set_now(DAY1)
    questions = [q for q in load_banks([demo_bank]).questions if q.id == "demo-sigmoid"]
    config = load_config()
    store = open_progress(config)
    from drill import clock

    session = QuizSession(store, questions, config, now=clock.now)
    # answer, rate good, then at "the interviewer asks next" press the key; after an undo, quit at the re-shown card
    run_quiz(session, Keys("a probability", "3", at_offer, "q"))  # type: ignore[arg-type]
    assert store.count_all_reviews() == reviews_left
    store.close()


# --- two sessions at once -----------------------------------------------------------------------------------


def test_two_quiz_processes_rating_the_same_card_keep_cards_equal_to_the_log(demo_bank: Path, drill_env: Path,
                                                                             tmp_path: Path) -> None:
    env = {**os.environ, "DRILL_HOME": str(drill_env), "DRILL_NOW": DAY1, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "drill", "quiz", "--bank", str(demo_bank), "--limit", "1"]
    # both see the same new card before either rates it
    for ratings in (("3", "1"), ("4", "2"), ("1", "3")):
        procs = [subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in ratings]
        for proc in procs:
            assert proc.stdout is not None
            shown = ""
            deadline = time.monotonic() + 60
            while "to go" not in shown and time.monotonic() < deadline:
                shown += proc.stdout.readline()
            assert "Why a sigmoid?" in shown, shown
        for proc, rating in zip(procs, ratings):
            proc.communicate(f"answer\n{rating}\n", timeout=60)
            assert proc.returncode == 0
        env["DRILL_NOW"] = (datetime.fromisoformat(env["DRILL_NOW"]) + timedelta(days=400)).isoformat()
    db = sqlite3.connect(drill_env / "progress.sqlite3")
    assert db.execute("SELECT count(*) FROM reviews WHERE item_id = 'demo-sigmoid'").fetchone()[0] == 6
    assert db.execute("SELECT reps FROM cards WHERE item_id = 'demo-sigmoid'").fetchone()[0] == 6
    doctor = subprocess.run([sys.executable, "-m", "drill", "doctor"], env=env, capture_output=True, text=True)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr


# --- drill doctor -------------------------------------------------------------------------------------------


def test_doctor_catches_a_card_altered_behind_drills_back_and_fix_rebuilds_it(demo_bank: Path, set_now,
                                                                              drill_env: Path) -> None:
    set_now(DAY1)
    invoke("quiz", "--bank", str(demo_bank), "--cram", "--limit", "1", input="x\n3\n")
    invoke("quiz", "--bank", str(demo_bank), "--limit", "2", input="x\n3\n1\n")
    clean = invoke("doctor")
    assert clean.exit_code == 0 and "sound" in clean.output, clean.output
    db = sqlite3.connect(drill_env / "progress.sqlite3")
    db.execute("UPDATE cards SET reps = 7, stability = 99 WHERE item_id = 'demo-sigmoid'")
    db.commit()
    found = invoke("doctor")
    assert found.exit_code == 1
    line = next(line for line in found.output.splitlines() if "demo-sigmoid" in line)
    assert "reps 7 (log: 1)" in line and "stability 99" in line
    fixed = invoke("doctor", "--fix")
    assert fixed.exit_code == 0 and "rebuilt" in fixed.output, fixed.output
    assert invoke("doctor").exit_code == 0


def test_doctor_names_rows_of_items_no_bank_holds_without_failing(demo_bank: Path, set_now, drill_env: Path) -> None:
    set_now(DAY1)
    home_bank = write_bank(drill_env / "banks", "demo", DEMO_BANK)
    invoke("quiz", "demo", "--limit", "1", input="x\n3\n")
    home_bank.unlink()
    report = invoke("doctor")
    assert report.exit_code == 0
    assert "note: demo-sigmoid: 1 review of an item no bank or exercise holds now" in report.output


def test_a_settings_change_replays_the_cards_and_the_file_stays_sound(demo_bank: Path, set_now,
                                                                       drill_env: Path) -> None:
    set_now(DAY1)
    invoke("quiz", "--bank", str(demo_bank), "--limit", "1", input="x\n3\n")
    before = sqlite3.connect(drill_env / "progress.sqlite3").execute("SELECT due FROM cards").fetchone()[0]
    config = drill_env / "config.toml"
    config.write_text(config.read_text().replace('learning_steps = ["1m", "10m"]', 'learning_steps = ["5m", "30m"]'))
    assert invoke("doctor").exit_code == 0
    after = sqlite3.connect(drill_env / "progress.sqlite3").execute("SELECT due FROM cards").fetchone()[0]
    assert after != before


# --- a broken bank is never silent ----------------------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["list"], ["stats"], ["stats", "--json"], ["list", "--json"]])
def test_a_broken_user_bank_is_named_on_stderr_everywhere(drill_env: Path, command: list[str]) -> None:
    broken = write_bank(drill_env / "banks", "mine", "topic: mine\ntitle: Mine\nquestions: [oops\n")
    result = subprocess.run([sys.executable, "-m", "drill", *command], capture_output=True, text=True,
                            env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0
    assert f"{broken} does not load" in result.stderr and "drill lint" in result.stderr
    if "--json" in command:
        json.loads(result.stdout)  # stdout stays clean JSON


def test_lint_reports_a_bad_pattern_and_a_duplicate_id_in_one_run(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "banks", "demo", DEMO_BANK + """
  - id: demo-broken
    type: recall
    prompt: Broken pattern?
    answer: yes
    key_points:
      - text: a point
        match: ['(unclosed']
  - id: demo-half
    type: recall
    prompt: A duplicate id further down
    answer: yes
""")
    result = invoke("lint", str(bank))
    assert result.exit_code == 1
    assert "is not a valid regular expression" in result.output
    assert "duplicate id 'demo-half'" in result.output


def test_quiz_with_only_broken_banks_exits_1_with_the_reasons(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "banks", "bad", "topic: bad\ntitle: Bad\nquestions: 3\n")
    result = invoke("quiz", "--bank", str(bank))
    assert result.exit_code == 1
    assert "bad.yaml" in result.output and "none of the banks given with --bank loads" in result.output


# --- stubs that name what NumPy 2 and careful solvers need -----------------------------------------------------


def test_stubs_name_numpy2_and_the_stable_solvers() -> None:
    reference = Path(__file__).parents[1] / "reference"
    assert "np.trapezoid" in (reference / "roc-auc" / "stub.py").read_text()
    normal = (reference / "linear-regression-normal-equation" / "stub.py").read_text()
    assert "np.linalg.pinv(X.T @ X) @ X.T @ y fails" in " ".join(normal.split())
