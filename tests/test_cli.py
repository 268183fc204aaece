"""Each command through CliRunner: exit codes, the key output, piped quiz sessions, help text everywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from drill.cli import app

runner = CliRunner()


def reviews(home: Path) -> list[tuple]:
    db = sqlite3.connect(home / "progress.sqlite3")
    return db.execute("SELECT item_id, rating, answer, cram FROM reviews ORDER BY id").fetchall()


def test_every_command_has_help_text() -> None:
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert {"quiz", "lint"} <= set(commands)
    for name, command in commands.items():
        assert (command.help or "").strip(), f"{name} has no help text"
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def test_a_piped_session_answers_rates_and_records_everything(demo_bank: Path, drill_env: Path) -> None:
    script = "\n".join([
        "a probability, inverse of the logit",  # recall answer
        "good",  # rating
        "2",  # choice: right
        "0.4",  # numeric: wrong
        "", "s' is the quotient rule", "",  # derivation step attempts
        "3",  # rating
    ]) + "\n"
    result = runner.invoke(app, ["quiz", "--bank", str(demo_bank)], input=script)
    assert result.exit_code == 0, result.output
    assert "✓ maps a score to a probability in (0, 1)" in result.output
    assert "✓ Right. The answer is 2. cross-entropy" in result.output
    assert "✗ Not quite. The answer is 0.5." in result.output
    assert "step 3/3" in result.output and "session summary" in result.output
    logged = reviews(drill_env)
    assert logged[:4] == [
        ("demo-sigmoid", 3, "a probability, inverse of the logit", 0),
        ("demo-loss", 3, "2", 0),
        ("demo-half", 1, "0.4", 0),
        ("demo-grad", 3, "s' is the quotient rule", 0),
    ]


def test_end_of_input_ends_cleanly_and_keeps_what_was_rated(demo_bank: Path, drill_env: Path) -> None:
    result = runner.invoke(app, ["quiz", "--bank", str(demo_bank)], input="probability\n3\n")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "Reviewed  1 (1 new)" in result.output
    assert [r[0] for r in reviews(drill_env)] == ["demo-sigmoid"]


def test_q_ends_u_undoes_and_s_buries(demo_bank: Path, drill_env: Path) -> None:
    result = runner.invoke(app, ["quiz", "--bank", str(demo_bank)], input="x\n4\nu\nx\n1\ns\nq\n")
    assert result.exit_code == 0, result.output
    assert "Undone" in result.output and "Buried until tomorrow" in result.output
    assert reviews(drill_env) == [("demo-sigmoid", 1, "x", 0)], "the undone rating is gone, the redo kept"
    db = sqlite3.connect(drill_env / "progress.sqlite3")
    assert db.execute("SELECT item_id FROM buried").fetchall() == [("demo-loss",)]


def test_a_trailing_f_follows_up(demo_bank: Path) -> None:
    result = runner.invoke(app, ["quiz", "--bank", str(demo_bank), "--limit", "1"], input="x\n3f\n2\n")
    assert "The interviewer asks next: Which loss?" in result.output
    assert "✓ Right." in result.output, "the follow-up was asked although --limit 1"


def test_quiz_lines_render_code_spans_and_say_honestly_what_comes_next(tmp_path: Path, drill_env: Path) -> None:
    bank = tmp_path / "show.yaml"
    bank.write_text(
        "topic: show\ntitle: Show\nquestions:\n"
        "  - id: show-metric\n    type: choice\n    prompt: Which distance?\n"
        "    choices: ['Manhattan `Σ|xᵢ − yᵢ|`', 'Chebyshev `max|xᵢ − yᵢ|`']\n    answer: 1\n"
        "    follow_ups: [show-long]\n"
        "  - id: show-long\n    type: recall\n    prompt: |\n"
        "      A prompt written over two lines, as the banks wrap them, that names `‖x‖²`\n"
        "      and goes on to its end here.\n\n      A second paragraph.\n    answer: A.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["quiz", "--bank", str(bank), "--limit", "1"], input="1\n")
    assert result.exit_code == 0, result.output
    assert "`" not in result.output, "code spans are styled, not shown as raw backticks"
    assert "1. Manhattan Σ|xᵢ − yᵢ|" in result.output and "The answer is 2. Chebyshev max|xᵢ − yᵢ|" in result.output
    assert "names ‖x‖²" in result.output and "goes on to its end here." in result.output, "the first paragraph"
    assert "A second paragraph" not in result.output
    assert "add f" not in result.output, "a piped choice question reads no rating line to carry an f"
    # rated again with --limit 1: the session ends first, so drill says when the card is due, not "later"
    again = runner.invoke(app, ["quiz", "--bank", str(bank), "--limit", "1", "--cram"], input="1\n")
    relearn = runner.invoke(app, ["quiz", "--bank", str(bank), "--limit", "1"], input="\n1\n")
    assert again.exit_code == relearn.exit_code == 0
    assert "later in this session" not in relearn.output and "next review in" in relearn.output, relearn.output


def test_invalid_ratings_are_asked_again(demo_bank: Path, drill_env: Path) -> None:
    result = runner.invoke(app, ["quiz", "--bank", str(demo_bank)], input="x\n7\nmaybe\n2\nq\n")
    assert result.output.count("Rate with 1 again") == 2
    assert reviews(drill_env)[0][1] == 2


def test_nothing_due_says_when_and_offers_cram(demo_bank: Path, set_now) -> None:
    runner.invoke(app, ["quiz", "--bank", str(demo_bank)], input="x\n4\n2\n0.5\n\n\n\n4\n" + "x\n4\n2\n0.5\n" * 3)
    set_now("2026-03-02T12:00:00+00:00")
    result = runner.invoke(app, ["quiz", "--bank", str(demo_bank)])
    assert result.exit_code == 0
    assert "Nothing is due" in result.output and "drill quiz --cram" in result.output
    assert "falls due in" in result.output
    cram = runner.invoke(app, ["quiz", "--bank", str(demo_bank), "--cram", "--limit", "1"], input="x\n2\n")
    assert "cram" in cram.output and "schedule unchanged" in cram.output


def test_unknown_topic_is_a_usage_error() -> None:
    result = runner.invoke(app, ["quiz", "no-such-topic"])
    assert result.exit_code == 2
    assert "unknown topic 'no-such-topic' — known:" in result.output + (result.stderr or "")


def test_topics_and_tags_select_questions(drill_env: Path) -> None:
    result = runner.invoke(app, ["quiz", "knn", "--limit", "1"], input="q\n")
    assert result.exit_code == 0 and "knn ·" in result.output
    tagged = runner.invoke(app, ["quiz", "--tag", "no-such-tag"])
    assert tagged.exit_code == 2


def test_a_broken_user_bank_is_reported_but_does_not_block_the_quiz(drill_env: Path) -> None:
    (drill_env / "banks").mkdir(parents=True)
    (drill_env / "banks" / "mine.yaml").write_text("topic: mine\ntitle: [\n")
    result = runner.invoke(app, ["quiz", "knn", "--limit", "1"], input="q\n")
    assert result.exit_code == 0
    assert "mine.yaml:3: YAML syntax error" in result.output + (result.stderr or "")


def test_the_dashboard_welcomes_a_new_learner() -> None:
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "Welcome to drill" in result.output and "Next: drill quiz" in result.output


@pytest.mark.parametrize("now", ["yesterday", "2026-03-02T10:00:00"])
def test_a_bad_drill_now_is_one_readable_line(now: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DRILL_NOW", now)
    result = runner.invoke(app, ["quiz", "knn"])
    assert result.exit_code == 2 and "DRILL_NOW" in result.output + (result.stderr or "")


def test_help_and_quiz_import_neither_numpy_nor_the_grader(tmp_path: Path, demo_bank: Path) -> None:
    import os
    import subprocess
    import sys

    probe = (
        "import sys, runpy\n"
        "sys.argv = ['drill'] + sys.argv[1:]\n"
        "try:\n"
        "    runpy.run_module('drill', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] == 'numpy' or m.startswith('drill.grading'))\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root))
    for args, stdin in ((["--help"], ""), (["quiz", "--bank", str(demo_bank)], "x\n3\nq\n")):
        result = subprocess.run([sys.executable, "-c", probe, *args], input=stdin, text=True, capture_output=True,
                                env=env, timeout=60)
        assert "HEAVY []" in result.stderr, (args, result.stderr[-500:])


def test_list_and_stats_count_seen_and_learned_alike(demo_bank: Path, drill_env: Path) -> None:
    import json
    import shutil

    (drill_env / "banks").mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_bank, drill_env / "banks" / "demo.yaml")
    runner.invoke(app, ["quiz", "demo", "--limit", "1"], input="probability, log-odds\n3\n")  # into learning steps
    listed = {b["topic"]: b for b in json.loads(runner.invoke(app, ["list", "--json"]).stdout)["banks"]}["demo"]
    stats = {t["topic"]: t for t in json.loads(runner.invoke(app, ["stats", "--json"]).stdout)["topics"]}["demo"]
    assert (listed["seen"], listed["learned"]) == (stats["seen"], stats["learned"]) == (1, 0)
