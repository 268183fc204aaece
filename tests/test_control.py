"""Control and feedback through the real CLI: managing cards as in Anki, tags and did-you-mean, --version and
--help, a check that talks while it runs, hints that answer the failure, the solution beside your file, watch
moving on after a pass, and text that reads well at 80 and 100 columns."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DEMO_BANK, write_bank
from rich.console import Console
from typer.testing import CliRunner

from drill import ui
from drill.cli import app

runner = CliRunner()
SUBMISSIONS = Path(__file__).parent / "submissions"


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def studied(drill_env: Path, set_now) -> Path:
    """A user bank with two cards rated: demo-sigmoid good, demo-grad again."""
    write_bank(drill_env / "banks", "demo", DEMO_BANK)
    set_now("2026-03-02T10:00:00+00:00")
    invoke("quiz", "demo", "--limit", "1", input="a probability in (0, 1), the inverse of the log-odds\n3\n")
    grad = invoke("quiz", "demo", "--tag", "derivation", "--limit", "1", input="\n\n\n1\n")
    assert grad.exit_code == 0 and "Logged again" in grad.output, grad.output
    return drill_env


# --- cards -------------------------------------------------------------------------------------------------


def cards_json(*args: str) -> list[dict]:
    result = invoke("cards", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cards_lists_state_due_stability_lapses_and_last_rating(studied: Path) -> None:
    rows = {c["id"]: c for c in cards_json("demo")}
    assert rows["demo-sigmoid"]["state"] == "learning" and rows["demo-sigmoid"]["last_rating"] == 3
    assert rows["demo-half"]["state"] == "new" and rows["demo-half"]["due"] is None
    assert rows["demo-sigmoid"]["stability"] > 0 and rows["demo-sigmoid"]["reps"] == 1
    shown = invoke("cards", "demo").output
    assert "demo-sigmoid" in shown and "learning" in shown and "good" in shown
    assert [c["id"] for c in cards_json("demo", "--search", "WHY A SIGMOID")] == ["demo-sigmoid"]
    assert [c["id"] for c in cards_json("demo", "--search", "sigmoid")] == ["demo-sigmoid", "demo-grad"]
    assert [c["id"] for c in cards_json("demo", "--tag", "derivation")] == ["demo-grad"]
    assert {c["id"] for c in cards_json("demo", "--due")} <= {"demo-sigmoid", "demo-loss", "demo-half", "demo-grad"}


def test_card_shows_the_question_its_schedule_and_whole_history(studied: Path) -> None:
    result = invoke("card", "demo-sigmoid")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Why a sigmoid?" in text and "State learning" in text and "Recall now" in text
    assert "History" in text and "good" in text and "a probability in (0, 1)" in text
    wrong = invoke("card", "demo-sigmoyd")
    assert wrong.exit_code == 2 and "did you mean 'demo-sigmoid'?" in wrong.output


def test_suspend_keeps_a_card_out_of_every_queue_until_unsuspended(studied: Path, set_now) -> None:
    assert invoke("suspend", "demo-sigmoid").exit_code == 0
    assert [c["id"] for c in cards_json("demo", "--suspended")] == ["demo-sigmoid"]
    set_now("2026-03-09T10:00:00+00:00")  # a week later: both cards are long due
    quiz = invoke("quiz", "demo", "--new", "0", input="\n\n\n3\nq\n")
    assert "Derive the derivative" in quiz.output and "Why a sigmoid?" not in quiz.output
    assert "demo" in invoke().output
    interview = invoke("interview", "demo", "--minutes", "5", "--rounds", "concepts", "--seed", "1", input="q\n")
    assert "Why a sigmoid?" not in interview.output
    assert invoke("unsuspend", "demo-sigmoid").exit_code == 0
    assert "Why a sigmoid?" in invoke("quiz", "demo", "--new", "0", input="q\n").output
    again = invoke("unsuspend", "demo-sigmoid")
    assert "Unchanged (not suspended): demo-sigmoid" in again.output


def test_reset_makes_a_card_new_and_a_replay_still_reproduces_every_card(studied: Path) -> None:
    before = json.loads(invoke("stats", "--json").stdout)["reviews_total"]
    assert "Reset to new: demo-grad" in invoke("reset", "demo-grad").output
    row = {c["id"]: c for c in cards_json("demo")}["demo-grad"]
    assert row["state"] == "new" and row["due"] is None
    assert json.loads(invoke("stats", "--json").stdout)["reviews_total"] == before, "the log keeps what happened"
    assert invoke("doctor").exit_code == 0
    assert invoke("doctor", "--fix").exit_code == 0 and {c["id"]: c for c in cards_json("demo")}["demo-grad"][
        "state"] == "new", "a rebuild from the log keeps the reset"
    history = " ".join(invoke("card", "demo-grad").output.split())
    assert "reset" in history and "again" in history
    assert "0 · 0 lapses since the last reset" in history and "before reset" in history, "old reviews are marked"


def test_tags_and_did_you_mean(studied: Path) -> None:
    tags = invoke("tags").output
    assert "fundamentals" in tags and "derivation" in tags
    topic = invoke("quiz", "dmeo")
    assert topic.exit_code == 2 and "did you mean 'demo'?" in topic.output
    tag = invoke("quiz", "--tag", "derivaton")
    assert tag.exit_code == 2 and "did you mean 'derivation'?" in tag.output


def test_version_and_whole_one_line_summaries() -> None:
    from importlib.metadata import version

    assert invoke("--version").output.strip() == f"drill {version('drill')}"
    shown = subprocess.run([sys.executable, "-m", "drill", "--help"], capture_output=True, text=True,
                           env={**os.environ, "COLUMNS": "200"}).stdout
    assert "A review session: due questions first, then new ones; rate each answer 1-4." in " ".join(shown.split())
    commands = shown.split("Commands:")[1]
    assert "..." not in commands and "…" not in commands, "no summary is cut"
    for command in ("cards", "card", "suspend", "unsuspend", "reset", "tags", "doctor", "interview", "plan"):
        assert f"  {command} " in shown


# --- coding practice that talks back --------------------------------------------------------------------------


def test_a_check_reports_what_it_is_running() -> None:
    from drill.exercises import find_exercise
    from drill.grading import grade_submission

    heard: list[str] = []
    kmeans = find_exercise("kmeans")
    result = grade_submission(kmeans, SUBMISSIONS / "kmeans" / "right_loops.py", progress=heard.append)
    assert result.status == "pass"
    assert any(h.startswith("test ") and "/9: " in h for h in heard) and "loading your file" in heard


def test_piped_and_json_checks_show_no_spinner(tmp_path: Path) -> None:
    shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", tmp_path / "knn.py")
    piped = invoke("check", "knn", str(tmp_path / "knn.py"))
    assert "⠋" not in piped.output and "Checking knn ·" not in piped.output
    assert json.loads(invoke("check", "knn", str(tmp_path / "knn.py"), "--json").stdout)["status"] == "pass"


def test_the_verdict_says_what_its_bands_mean(tmp_path: Path) -> None:
    shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", tmp_path / "knn.py")
    message = json.loads(invoke("check", "knn", str(tmp_path / "knn.py"), "--json").stdout)["performance"]["message"]
    assert "vectorised means within 15× of the reference's time" in message


def test_hint_after_a_failed_check_starts_with_what_failed(tmp_path: Path, drill_env: Path) -> None:
    invoke("implement", "kmeans")
    mine = tmp_path / "workspace" / "kmeans.py"
    shutil.copy(SUBMISSIONS / "kmeans" / "wrong_empty_cluster_nan.py", mine)
    assert invoke("check", "kmeans").exit_code == 1
    first = " ".join(invoke("hint", "kmeans").output.split())
    assert "what failed: empty_cluster_never_nan" in first and "keep its old centroid" in first
    second = invoke("hint", "kmeans").output
    assert "hint 1 of" in second and "what failed" not in second
    seen = " ".join(invoke("hint", "kmeans", "--all").output.split())
    assert "what failed: empty_cluster_never_nan" in seen and "hint 1 of" in seen and "hint 2 of" not in seen
    shutil.copy(SUBMISSIONS / "kmeans" / "right_vectorised.py", mine)
    assert invoke("check", "kmeans").exit_code == 0
    import sqlite3

    rating = sqlite3.connect(drill_env / "progress.sqlite3").execute(
        "SELECT rating FROM reviews WHERE kind = 'exercise'").fetchone()[0]
    assert rating == 2, "one hint of the ladder: hard (the nudge about the failure is not counted)"


def test_the_solution_after_a_pass_sits_beside_your_file(tmp_path: Path) -> None:
    invoke("implement", "knn")
    shutil.copy(SUBMISSIONS / "knn" / "right_loops.py", tmp_path / "workspace" / "knn.py")
    assert invoke("check", "knn").exit_code == 0
    narrow = invoke("solution", "knn").output
    assert "yours, as it passed" in narrow and "reference" in narrow
    assert narrow.index("yours, as it passed") < narrow.index("reference")
    assert "for x, label in zip(self.X_train, self.y_train)" in narrow  # the learner's own loop is shown
    wide = subprocess.run([sys.executable, "-m", "drill", "solution", "knn"], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "170"}).stdout
    first_line = next(line for line in wide.splitlines() if "yours" in line)
    assert "reference" in first_line, "side by side on a wide terminal"


def test_watch_offers_the_next_exercise_after_a_pass_and_starts_it(tmp_path: Path, drill_env: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100"}
    workspace = tmp_path / "workspace"
    subprocess.run([sys.executable, "-m", "drill", "implement", "knn"], env=env, capture_output=True, check=True)
    shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", workspace / "knn.py")
    proc = subprocess.Popen([sys.executable, "-m", "drill", "check", "knn", "--watch"], env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdin is not None and proc.stdout is not None
    seen = ""
    deadline = time.monotonic() + 60
    try:
        while "Next up:" not in seen and time.monotonic() < deadline:
            seen += proc.stdout.readline()
        assert "Next up:" in seen, seen
        slug = seen.split("Next up: ")[1].split()[0]
        proc.stdin.write("n\n")
        proc.stdin.flush()
        stub = workspace / (slug.replace("-", "_") + ".py")
        while not stub.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert stub.exists() and "NotImplementedError" in stub.read_text()
        while "not implemented yet" not in seen and time.monotonic() < deadline:
            seen += proc.stdout.readline()
        assert "not implemented yet" in seen, "the new exercise is checked and watched"
    finally:
        proc.kill()
        proc.communicate(timeout=30)


# --- reads well at any width -------------------------------------------------------------------------------------


def render(width: int, draw) -> list[str]:
    """What a terminal of this width shows (no-break spaces read as the spaces they are)."""
    console = Console(width=width, force_terminal=True, color_system=None, highlight=False)
    saved = ui.out
    ui.out = console
    try:
        with console.capture() as capture:
            draw()
    finally:
        ui.out = saved
    return capture.get().replace("\u00a0", " ").splitlines()


@pytest.mark.parametrize("width", [80, 100])
def test_wrapped_choices_indent_under_their_text(width: int) -> None:
    from drill.models import Question

    question = Question("q", "choice", "Pick", 0, "t", Path("x"), 1,
                        choices=("a choice long enough to wrap " * 6, "short"))
    lines = render(width, lambda: ui.choices(question))
    assert lines[0].startswith("  1. a choice") and lines[1].startswith("     ") and lines[1][5] != " ", lines


@pytest.mark.parametrize("width", [80, 100])
def test_the_say_it_aloud_checklist_indents_under_its_text(width: int) -> None:
    from drill.models import KeyPoint

    points = (KeyPoint("a key point long enough to wrap at any terminal width " * 3), KeyPoint("short"))
    lines = render(width, lambda: ui.checklist(points))
    assert lines[1].startswith("  1. a key point") and lines[2].startswith("     ") and lines[2][5] != " ", lines


@pytest.mark.parametrize("width", [80, 100])
def test_boxes_lists_and_formulas_read_well(width: int) -> None:
    from rich.panel import Panel

    formula = "`J(C, μ) = Σᵢ ‖xᵢ − μ_c(i)‖²`"
    text = f"- first\n- second\n\n1. step one\n2. step two says {'words ' * 9}{formula} and more"
    lines = render(width, lambda: ui.out.print(Panel(ui.markdown(text))))
    assert "• first" in lines[1], "no empty first line in a box that begins with a list"
    assert any("1. step one" in line for line in lines) and any("2. step two" in line for line in lines)
    assert any("J(C, μ) = Σᵢ ‖xᵢ − μ_c(i)‖²" in line for line in lines), "the formula is never split"
    cue = render(width, lambda: ui.out.print(ui.inline(f"The interviewer asks next: {'why ' * 14}{formula}?")))
    assert any("J(C, μ) = Σᵢ ‖xᵢ − μ_c(i)‖²" in line for line in cue), cue


def test_solution_code_wraps_under_its_indentation() -> None:
    code = "def f():\n    if True:\n        value = " + " + ".join(f"term_{i}" for i in range(30)) + "\n"
    wrapped = ui.wrap_code(code, 60).splitlines()
    assert wrapped[2].startswith("        value = ") and all(len(line) <= 60 for line in wrapped)
    assert all(line.startswith(" " * 12) for line in wrapped[3:]), wrapped
