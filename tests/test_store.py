"""The progress store: durable, shared safely between processes, migrated by user_version, never clobbering."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drill import store as store_module
from drill.cli import app
from drill.errors import StoreError
from drill.models import Review
from drill.store import SCHEMA_VERSION, open_store

ROOT = Path(__file__).resolve().parents[1]
MOMENT = datetime(2026, 3, 2, 10, tzinfo=UTC)


def env_for(home: Path, demo_bank: Path) -> dict[str, str]:
    env = dict(os.environ, DRILL_HOME=str(home), PYTHONPATH=str(ROOT))
    return env


def test_a_new_database_is_migrated_to_the_current_schema(tmp_path: Path) -> None:
    store = open_store(tmp_path / "p.sqlite3")
    store.close()
    db = sqlite3.connect(tmp_path / "p.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA application_id").fetchone()[0] == store_module.APPLICATION_ID


def test_migrations_apply_in_order_from_an_older_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(path).record_review(Review("q", 3, MOMENT), date(2026, 3, 2), None)
    extra = "ALTER TABLE reviews ADD COLUMN note TEXT NOT NULL DEFAULT '';"
    monkeypatch.setattr(store_module, "MIGRATIONS", [*store_module.MIGRATIONS, extra])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    store = open_store(path)
    assert store._rows("PRAGMA user_version")[0][0] == SCHEMA_VERSION + 1
    assert store._rows("SELECT note, item_id FROM reviews")[0][:] == ("", "q"), "old rows survive the migration"


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"my thesis draft\n" * 100)
    with pytest.raises(StoreError, match=r"p.sqlite3 is not a drill progress database"):
        open_store(path)
    assert path.read_bytes() == b"my thesis draft\n" * 100


def test_someone_elses_sqlite_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE invoices (id INTEGER)")
    db.commit()
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="drill did not create"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_database_from_a_newer_drill_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer drill"):
        open_store(path)


def test_a_damaged_database_gives_one_line_naming_the_file(drill_env: Path) -> None:
    path = drill_env / "progress.sqlite3"
    open_store(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\x00garbage" * ((4096 - 100) // 8)
    path.write_bytes(bytes(data))
    result = CliRunner().invoke(app, ["quiz", "knn"], input="q\n")
    assert result.exit_code == 1
    assert str(path) in result.output or str(path) in (result.stderr or "")
    assert "Traceback" not in result.output


def test_killing_the_process_mid_session_keeps_every_rating(tmp_path: Path, demo_bank: Path) -> None:
    home = tmp_path / "killhome"
    env = env_for(home, demo_bank)
    process = subprocess.Popen(
        [sys.executable, "-m", "drill", "quiz", "--bank", str(demo_bank)],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True,
    )
    assert process.stdin is not None
    process.stdin.write("a probability, the log-odds inverse\n3\n2\n")  # recall + rating, then a choice
    process.stdin.flush()
    database = home / "progress.sqlite3"
    deadline = time.monotonic() + 20
    count = 0
    while time.monotonic() < deadline and count < 2:
        time.sleep(0.1)
        if database.exists():
            db = sqlite3.connect(database, timeout=5)
            try:
                count = db.execute("SELECT count(*) FROM reviews").fetchone()[0]
            except sqlite3.OperationalError:
                count = 0
            db.close()
    process.send_signal(signal.SIGKILL)  # the session is still waiting for the next answer
    process.wait(timeout=10)
    store = open_store(database)
    logged = store.reviews()
    assert [(r.review.item_id, r.review.rating) for r in logged] == [("demo-sigmoid", 3), ("demo-loss", 3)]
    assert logged[0].review.answer == "a probability, the log-odds inverse"
    assert set(store.cards()) == {"demo-sigmoid", "demo-loss"}


def test_two_processes_rating_at_once_never_hit_a_locked_database(tmp_path: Path, demo_bank: Path) -> None:
    home = tmp_path / "sharedhome"
    env = env_for(home, demo_bank)
    script = (
        "import sys\n"
        "from datetime import date, datetime, timezone\n"
        "from drill.store import open_store\n"
        "from drill.models import Review\n"
        "s = open_store()\n"
        "for i in range(150):\n"
        "    s.record_review(Review(f'{sys.argv[1]}-{i}', 3, datetime.now(timezone.utc)), date(2026, 3, 2), None)\n"
    )
    workers = [
        subprocess.Popen([sys.executable, "-c", script, name], env=env, stderr=subprocess.PIPE, text=True)
        for name in ("left", "right")
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors
    assert open_store(home / "progress.sqlite3").count_all_reviews() == 300


def test_card_states_can_be_rebuilt_from_the_log(tmp_path: Path) -> None:
    from drill import scheduler as sched
    from drill.config import Config

    store = open_store(tmp_path / "p.sqlite3")
    scheduler = sched.make_scheduler(Config())
    card = None
    moment = MOMENT
    for rating in (3, 3, 1, 3, 4):
        card = sched.review(scheduler, card, "q", "question", rating, moment, moment.date()).card
        store.record_review(Review("q", rating, moment), moment.date(), lambda _stored, card=card: card)
        moment = card.due
    logged = store.reviews("q")
    rebuilt = sched.replay(scheduler, [r.review for r in logged], [r.study_day for r in logged])
    assert rebuilt == store.card("q")
