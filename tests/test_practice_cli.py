"""implement / check / hint / solution / list through the CLI, with the real grader."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from drill.cli import app

runner = CliRunner()
SUBMISSIONS = Path(__file__).parent / "submissions"


def workspace_file(tmp_path: Path, name: str = "kmeans.py") -> Path:
    return tmp_path / "workspace" / name


def test_implement_writes_the_stub_and_never_overwrites_work(tmp_path: Path) -> None:
    result = runner.invoke(app, ["implement", "kmeans"])
    assert result.exit_code == 0, result.output
    target = workspace_file(tmp_path)
    assert "Stub written to" in result.output and "drill check kmeans" in result.output
    assert "class KMeans" in target.read_text()
    target.write_text("# my work\n")
    again = runner.invoke(app, ["implement", "kmeans"])
    assert again.exit_code == 0 and "kept as it is" in again.output
    assert target.read_text() == "# my work\n"
    forced = runner.invoke(app, ["implement", "kmeans", "--force"])
    assert forced.exit_code == 0 and "previous attempt is kept as" in forced.output
    backups = list((target.parent / ".attempts" / "kmeans").iterdir())
    assert len(backups) == 1 and backups[0].read_text() == "# my work\n"


def test_implement_into_another_directory(tmp_path: Path) -> None:
    result = runner.invoke(app, ["implement", "knn", "--dir", str(tmp_path / "elsewhere")])
    assert result.exit_code == 0
    assert (tmp_path / "elsewhere" / "knn.py").is_file()


def test_unknown_exercise_is_a_usage_error_with_a_suggestion() -> None:
    result = runner.invoke(app, ["implement", "kmean"])
    assert result.exit_code == 2
    assert "did you mean 'kmeans'" in result.output + (result.stderr or "")


def test_check_without_a_file_says_how_to_start() -> None:
    result = runner.invoke(app, ["check", "kmeans"])
    assert result.exit_code == 2 and "drill implement kmeans" in result.output + (result.stderr or "")


def test_check_fails_a_wrong_file_then_passes_a_right_one_and_records_both(tmp_path: Path, drill_env: Path) -> None:
    runner.invoke(app, ["implement", "kmeans"])
    target = workspace_file(tmp_path)
    shutil.copy(SUBMISSIONS / "kmeans" / "wrong_empty_cluster_nan.py", target)
    failed = runner.invoke(app, ["check", "kmeans"])
    assert failed.exit_code == 1
    assert "✗ empty_cluster_never_nan" in failed.output and "first failure: empty_cluster_never_nan" in failed.output
    assert "Likely cause" in failed.output
    nudge = runner.invoke(app, ["hint", "kmeans"])
    assert nudge.exit_code == 0 and "what failed: empty_cluster_never_nan" in nudge.output
    hint = runner.invoke(app, ["hint", "kmeans"])
    assert hint.exit_code == 0 and "hint 1 of" in hint.output
    shutil.copy(SUBMISSIONS / "kmeans" / "right_vectorised.py", target)
    passed = runner.invoke(app, ["check", "kmeans"])
    assert passed.exit_code == 0, passed.output
    assert "PASS 9/9" in passed.output and "Performance: vectorised" in passed.output
    db = sqlite3.connect(drill_env / "progress.sqlite3")
    rows = db.execute("SELECT status, passed, total, hints_used FROM checks ORDER BY id").fetchall()
    assert rows == [("fail", 8, 9, 0), ("pass", 9, 9, 1)]


def test_check_json_prints_only_the_documented_object(tmp_path: Path) -> None:
    shutil.copy(SUBMISSIONS / "kmeans" / "right_seed.py", tmp_path / "mine.py")
    result = runner.invoke(app, ["check", "kmeans", str(tmp_path / "mine.py"), "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert {"exercise", "status", "passed", "failed", "tests", "performance"} <= set(data)
    assert data["status"] == "pass" and data["failed"] == 0
    assert all({"name", "status", "message"} <= set(t) for t in data["tests"])


def test_hints_go_from_nudge_to_concrete_and_then_repeat_the_last() -> None:
    from drill.exercises import find_exercise

    hints = find_exercise("knn").hints
    outputs = [runner.invoke(app, ["hint", "knn"]).output for _ in range(len(hints) + 1)]
    assert f"hint 1 of {len(hints)}" in outputs[0] and f"hint {len(hints)} of {len(hints)}" in outputs[-2]
    assert "That was the last hint" in outputs[-1]


def test_solution_needs_a_pass_or_a_recorded_confirmation(tmp_path: Path, drill_env: Path) -> None:
    refused = runner.invoke(app, ["solution", "knn"])
    assert refused.exit_code == 2 and "--yes" in refused.output + (refused.stderr or "")
    early = runner.invoke(app, ["solution", "knn", "--yes"])
    assert early.exit_code == 0 and "class KNN" in early.output and "before a pass" in early.output
    db = sqlite3.connect(drill_env / "progress.sqlite3")
    assert db.execute("SELECT kind, detail FROM exercise_events WHERE exercise='knn'").fetchall() == [
        ("solution", "before-pass")
    ]


def test_list_shows_exercises_and_banks_with_progress(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    shutil.copy(SUBMISSIONS / "knn" / "right_seed.py", tmp_path / "knn.py")
    runner.invoke(app, ["check", "knn", str(tmp_path / "knn.py")])
    data = json.loads(runner.invoke(app, ["list", "--json"]).stdout)
    statuses = {e["slug"]: e["status"] for e in data["exercises"]}
    assert statuses["knn"] == "passed" and statuses["kmeans"] == "new" and statuses["linear-regression"] == "new"
    assert {b["topic"] for b in data["banks"]} >= {"knn", "kmeans", "linear-regression", "logistic-regression"}
    assert all(b["questions"] >= 10 for b in data["banks"])
    table = runner.invoke(app, ["list"])
    assert table.exit_code == 0 and "passed" in table.output
    # the slug is what the learner types next: never cut short, even by the longest one on 80 columns
    assert all(e["slug"] in table.output for e in data["exercises"])


def test_watch_regrades_on_save_and_on_enter(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import time

    target = tmp_path / "knn.py"
    shutil.copy(SUBMISSIONS / "knn" / "wrong_k_plus_one.py", target)
    root = Path(__file__).resolve().parents[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "drill", "check", "knn", str(target), "--watch"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env=dict(os.environ, PYTHONPATH=str(root)), cwd=tmp_path,
    )
    assert process.stdin is not None and process.stdout is not None
    seen: list[str] = []

    def wait_for(count: int) -> None:
        deadline = time.monotonic() + 60
        while sum("Checking" in line for line in seen) < count and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
        assert sum("Checking" in line for line in seen) >= count, "".join(seen)[-2000:]

    try:
        wait_for(1)
        while not any("Watching" in line for line in seen):
            seen.append(process.stdout.readline())
        assert any("FAIL" in line for line in seen)
        process.stdin.write("\n")
        process.stdin.flush()
        wait_for(2)
        time.sleep(0.5)
        shutil.copy(SUBMISSIONS / "knn" / "right_vectorised.py", target)
        wait_for(3)
        while not any("PASS" in line for line in seen[-20:]):
            line = process.stdout.readline()
            assert line, "".join(seen)[-2000:]
            seen.append(line)
    finally:
        process.kill()
        process.wait(timeout=10)
