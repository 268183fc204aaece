"""Your progress, everywhere: FSRS parameters fitted to your reviews, the review log as CSV out and in, and sync
between two machines through a shared folder — all through the real CLI."""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drill.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def question_ids(count: int) -> list[str]:
    from drill.banks import load_banks

    return [q.id for q in load_banks().questions][:count]


def simulated_log(path: Path, cards: int, reviews_per_card: int, seed: int = 7) -> int:
    """A learner who forgets faster than FSRS's default parameters expect, scheduled as FSRS would: each card's
    true memory halves in strength every `stability` days, stability doubling on each success and collapsing on a
    lapse. Written with only the three columns a file from elsewhere must have."""
    from fsrs import Card, Rating, Scheduler

    rng = random.Random(seed)
    scheduler = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    start = datetime(2025, 9, 1, 9, tzinfo=UTC)
    rows = []
    for number, item in enumerate(question_ids(cards)):
        card = Card(card_id=number + 1)
        moment = start + timedelta(days=rng.randrange(30), hours=rng.randrange(10))
        stability, last = 0.4, None
        for _ in range(reviews_per_card):
            if last is None:
                rating = 3
            else:
                elapsed = (moment - last).total_seconds() / 86400
                recalled = rng.random() < 0.5 ** (elapsed / stability)
                rating = rng.choice((3, 3, 3, 2, 4)) if recalled else 1
                stability = stability * 2.2 if recalled else 0.3
            card, _ = scheduler.review_card(card, Rating(rating), review_datetime=moment)
            rows.append((item, int(moment.timestamp() * 1000), rating))
            last = moment
            moment = card.due + timedelta(hours=rng.randrange(6))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("card_id", "review_time", "review_rating"))
        writer.writerows(sorted(rows, key=lambda r: r[1]))
    return len(rows)


def config_of(home: Path) -> dict:
    return tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))


# --- personal scheduling ---------------------------------------------------------------------------------------


def test_optimize_with_too_few_reviews_says_how_many_more_and_changes_nothing(tmp_path: Path, drill_env: Path) -> None:
    log = tmp_path / "few.csv"
    count = simulated_log(log, cards=10, reviews_per_card=5)
    assert invoke("import", "reviews", str(log)).exit_code == 0
    before = (drill_env / "config.toml").read_text(encoding="utf-8")
    result = invoke("optimize")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert f"Questions: {count} reviews — {400 - count} more needed" in text
    assert "Exercises: 0 reviews — 400 more needed" in text
    assert (drill_env / "config.toml").read_text(encoding="utf-8") == before


def test_optimize_fits_a_generated_log_keeps_the_better_parameters_and_replays_under_them(
        tmp_path: Path, drill_env: Path) -> None:
    log = tmp_path / "months.csv"
    count = simulated_log(log, cards=250, reviews_per_card=12)
    assert count == 3000
    imported = invoke("import", "reviews", str(log))
    assert imported.exit_code == 0 and "3,000 reviews added" in " ".join(imported.output.split())
    (drill_env / "config.toml").write_text((drill_env / "config.toml").read_text() + "# my own note\n")
    result = invoke("optimize")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Questions: 3,000 reviews — fitted on the older 80%, scored on the newest 20%" in text
    old, new = (float(x) for x in text.split("log loss ")[1].split(" ·")[0].split(" → "))
    assert new < old, "a learner unlike FSRS's defaults is predicted better by parameters fitted to them"
    assert "kept: they predict your recall better" in text
    settings = config_of(drill_env)["scheduler"]
    assert len(settings["parameters"]) == 21 and settings["parameters_fitted"] == "2026-03-02"
    assert "exercise_parameters" not in settings, "too few exercise reviews: their defaults stay"
    assert "# my own note" in (drill_env / "config.toml").read_text(), "the rest of the file is kept as it was"
    stats = json.loads(invoke("stats", "--json").stdout)
    assert stats["parameters"].startswith("fitted to your reviews on 2026-03-02 (questions)")
    assert invoke("doctor").exit_code == 0, "the cards were replayed under the new parameters"
    again = invoke("optimize", "--dry-run")
    assert again.exit_code == 0 and "Written to" not in again.output


def test_cards_learnt_within_one_day_do_not_stop_a_fit(tmp_path: Path, drill_env: Path) -> None:
    """A card forgotten and relearnt minutes apart on one day (routine) has no gap of a day: fsrs-rs would panic on
    it, so such histories are left out of the fit."""
    log = tmp_path / "months.csv"
    simulated_log(log, cards=150, reviews_per_card=4)
    same_day = question_ids(160)[155:]
    with log.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for number, item in enumerate(same_day):
            start = 1_756_000_000_000 + number * 3_600_000  # early in the log: in the training part
            writer.writerows([(item, start, 1), (item, start + 600_000, 3)])
    assert invoke("import", "reviews", str(log)).exit_code == 0
    result = invoke("optimize", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "fitted on the older 80%" in " ".join(result.output.split()) and "Traceback" not in result.output


def test_parameters_in_config_schedule_the_cards(tmp_path: Path, drill_env: Path) -> None:
    """Hand-set parameters (a much slower forgetting curve) lengthen the interval after the same answers."""
    from fsrs_rs_python import DEFAULT_PARAMETERS

    from drill.config import save_parameters

    log = tmp_path / "one.csv"
    simulated_log(log, cards=3, reviews_per_card=4)
    invoke("import", "reviews", str(log))
    assert invoke("doctor").exit_code == 0
    before = _stabilities(drill_env)
    slower = list(DEFAULT_PARAMETERS)
    slower[0:4] = [w * 4 for w in slower[0:4]]  # initial stabilities four times longer
    save_parameters(tuple(round(w, 4) for w in slower), None, "2026-03-01", drill_env / "config.toml")
    assert invoke("doctor").exit_code == 0, "replayed under the new parameters before doctor looks"
    after = _stabilities(drill_env)
    assert after.keys() == before.keys() and all(after[k] > before[k] for k in before)


def _stabilities(home: Path) -> dict[str, float]:
    db = sqlite3.connect(home / "progress.sqlite3")
    try:
        return dict(db.execute("SELECT item_id, stability FROM cards").fetchall())
    finally:
        db.close()


def test_broken_parameters_in_config_are_one_readable_line(drill_env: Path) -> None:
    invoke("stats")
    path = drill_env / "config.toml"
    path.write_text(path.read_text().replace("[scheduler]", "[scheduler]\nparameters = [1, 2, 3]"))
    result = invoke("stats")
    assert result.exit_code == 1
    assert "config.toml" in result.output and "21 numbers" in result.output and "Traceback" not in result.output


# --- the review log as CSV --------------------------------------------------------------------------------------


def test_import_is_idempotent_and_a_bad_row_imports_nothing(tmp_path: Path, drill_env: Path) -> None:
    log = tmp_path / "log.csv"
    count = simulated_log(log, cards=5, reviews_per_card=4)
    first = invoke("import", "reviews", str(log))
    assert first.exit_code == 0 and f"{count} reviews added" in " ".join(first.output.split())
    second = invoke("import", "reviews", str(log))
    text = " ".join(second.output.split())
    assert second.exit_code == 0 and "0 reviews added" in text and f"{count} already there" in text
    bad = tmp_path / "bad.csv"
    lines = log.read_text().splitlines()
    lines.insert(3, f"{question_ids(6)[5]},1767000000000,7")
    bad.write_text("\n".join(lines) + "\n")
    result = invoke("import", "reviews", str(bad))
    text = "".join(result.output.split())
    assert result.exit_code == 1 and f"{bad}:4:" in text and "nothingwasimported" in text
    assert _reviews(drill_env) == count


def test_reviews_go_out_as_csv_and_come_back_identical(tmp_path: Path) -> None:
    """Studied on one machine (a generated log and a real quiz session with a cram answer), exported, imported on a
    fresh one: the same log, the same cards, and exporting again writes the same file."""
    first, second, ws = tmp_path / "first", tmp_path / "second", tmp_path / "ws"
    log = tmp_path / "log.csv"
    simulated_log(log, cards=20, reviews_per_card=6)
    assert on(first, ws, "import", "reviews", str(log)).exit_code == 0
    study(first, ws, "2026-03-05T08:00:00+00:00", 3, "knn")
    env = {"DRILL_HOME": str(first), "DRILL_WORKSPACE": str(ws), "DRILL_NOW": "2026-03-05T09:00:00+00:00"}
    assert runner.invoke(app, ["quiz", "kmeans", "--cram", "-n", "1"], input="an answer\n2\nq\n", env=env).exit_code == 0
    out = tmp_path / "out.csv"
    exported = on(first, ws, "export", "reviews", str(out))
    assert exported.exit_code == 0 and f"Exported {_reviews(first)} reviews" in " ".join(exported.output.split())
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[:5] == ["card_id", "review_time", "review_rating", "review_state", "review_duration"]
    assert rows[0]["review_state"] == "0" and {r["review_state"] for r in rows} >= {"0", "2"}
    assert sum(r["cram"] == "1" for r in rows) == 1
    assert on(second, ws, "import", "reviews", str(out)).exit_code == 0
    again = tmp_path / "again.csv"
    assert on(second, ws, "export", "reviews", str(again)).exit_code == 0
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert progress(first, ws)[:2] == progress(second, ws)[:2]
    assert "0 reviews added" in " ".join(on(second, ws, "import", "reviews", str(out)).output.split())


def test_import_leaves_out_cards_drill_does_not_have(tmp_path: Path, drill_env: Path) -> None:
    log = tmp_path / "anki.csv"
    log.write_text("card_id,review_time,review_rating,review_state,review_duration\n"
                   "1700000000123,1767000000000,3,0,5000\n"
                   f"{question_ids(1)[0]},1767000000000,3,0,5000\n")
    result = invoke("import", "reviews", str(log))
    text = " ".join(result.output.split())
    assert result.exit_code == 0 and "1 reviews added" in text and "1 about cards drill does not have" in text


def _reviews(home: Path) -> int:
    db = sqlite3.connect(home / "progress.sqlite3")
    try:
        return int(db.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        db.close()


# --- sync between machines --------------------------------------------------------------------------------------


def study(home: Path, workspace: Path, moment: str, answers: int, topic: str) -> None:
    """A piped quiz session on one machine at one moment."""
    env = {"DRILL_HOME": str(home), "DRILL_WORKSPACE": str(workspace), "DRILL_NOW": moment}
    piped = "".join("my answer\n3\n" for _ in range(answers)) + "q\n"
    result = runner.invoke(app, ["quiz", topic, "-n", str(answers)], input=piped, env=env)
    assert result.exit_code == 0, result.output


def on(home: Path, workspace: Path, *args: str, moment: str = "2026-03-04T21:00:00+00:00"):
    env = {"DRILL_HOME": str(home), "DRILL_WORKSPACE": str(workspace), "DRILL_NOW": moment}
    return runner.invoke(app, list(args), env=env)


def progress(home: Path, workspace: Path) -> tuple:
    stats = json.loads(on(home, workspace, "stats", "--json").stdout)
    db = sqlite3.connect(home / "progress.sqlite3")
    try:
        reviews = db.execute("SELECT item_id, reviewed_at, rating FROM reviews ORDER BY reviewed_at").fetchall()
        cards = db.execute("SELECT item_id, state, due FROM cards ORDER BY item_id").fetchall()
    finally:
        db.close()
    return reviews, cards, stats["streak"], stats["heatmap"]


@pytest.mark.parametrize("order", ["laptop first", "desktop first"])
def test_two_machines_studying_apart_end_identical_after_syncing_in_either_order(tmp_path: Path, order: str) -> None:
    laptop, desktop, shared = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "shared"
    shared.mkdir()
    ws = tmp_path / "ws"
    # the same three days, offline on both: the laptop does KNN in the morning, the desktop K-means at night
    for day in ("02", "03", "04"):
        study(laptop, ws, f"2026-03-{day}T08:00:00+00:00", 3, "knn")
        study(desktop, ws, f"2026-03-{day}T20:00:00+00:00", 3, "kmeans")
    studied = _reviews(laptop) + _reviews(desktop)
    machines = [laptop, desktop] if order == "laptop first" else [desktop, laptop]
    for home in machines + machines[:1]:  # the first must sync again to receive what the second brought
        result = on(home, ws, "sync", str(shared))
        assert result.exit_code == 0, result.output
    a, b = progress(laptop, ws), progress(desktop, ws)
    assert a == b
    reviews, _cards, streak, heatmap = a
    assert len(reviews) == studied and streak["current"] == 3 and sum(heatmap.values()) == studied
    for home in (laptop, desktop):
        assert on(home, ws, "doctor").exit_code == 0
    again = on(laptop, ws, "sync", str(shared))
    assert "merged nothing new; wrote 0 records" in " ".join(again.output.split()), "syncing again changes nothing"


def test_a_sync_cut_short_is_never_merged_half_and_heals_on_the_next(tmp_path: Path) -> None:
    laptop, desktop, shared = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "shared"
    shared.mkdir()
    ws = tmp_path / "ws"
    study(laptop, ws, "2026-03-03T08:00:00+00:00", 4, "knn")
    study(desktop, ws, "2026-03-03T20:00:00+00:00", 2, "kmeans")
    assert on(laptop, ws, "sync", str(shared)).exit_code == 0
    (written,) = shared.glob("drill-*.jsonl")
    whole = written.read_bytes()
    written.write_bytes(whole[: len(whole) - 40])  # killed while appending: the last line is cut short
    result = on(desktop, ws, "sync", str(shared))
    assert result.exit_code == 0 and "1 line(s) were cut short" in " ".join(result.output.split())
    assert _reviews(desktop) == 2 + 3, "every whole line merged, the cut one not"
    assert on(desktop, ws, "doctor").exit_code == 0
    healed = on(laptop, ws, "sync", str(shared))  # the laptop cuts off its broken tail and writes it again
    assert healed.exit_code == 0 and written.read_bytes().endswith(b"\n")
    assert on(desktop, ws, "sync", str(shared)).exit_code == 0
    assert progress(laptop, ws)[:2] == progress(desktop, ws)[:2]
    assert _reviews(laptop) == _reviews(desktop) == 6


def test_a_review_undone_after_a_sync_is_undone_on_the_other_machine_too(tmp_path: Path) -> None:
    """Rated on the laptop, synced to the desktop, then taken back on the laptop (undo, later in that session):
    the desktop deletes its copy on the next sync instead of sending it back."""
    from drill.config import Config
    from drill.scheduler import replay_item
    from drill.store import open_store

    laptop, desktop, shared = tmp_path / "laptop", tmp_path / "desktop", tmp_path / "shared"
    shared.mkdir()
    ws = tmp_path / "ws"
    study(laptop, ws, "2026-03-03T08:00:00+00:00", 2, "knn")
    on(laptop, ws, "sync", str(shared))
    on(desktop, ws, "sync", str(shared))
    assert _reviews(desktop) == 2
    store = open_store(laptop / "progress.sqlite3")
    try:
        last = store.reviews()[-1]
        store.undo_review(last.id, last.review.item_id, replay_item(Config(), "question"))  # what `u` does
    finally:
        store.close()
    on(laptop, ws, "sync", str(shared))
    result = on(desktop, ws, "sync", str(shared))
    assert "1 reviews undone" in " ".join(result.output.split()) and _reviews(desktop) == 1
    assert on(laptop, ws, "sync", str(shared)).exit_code == 0
    assert progress(laptop, ws)[:2] == progress(desktop, ws)[:2]
    assert on(desktop, ws, "doctor").exit_code == 0


def test_sync_into_a_missing_folder_is_one_readable_line(tmp_path: Path) -> None:
    result = on(tmp_path / "home", tmp_path / "ws", "sync", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no such folder" in result.output and "Traceback" not in result.output


def test_sync_files_are_append_only(tmp_path: Path) -> None:
    home, shared, ws = tmp_path / "home", tmp_path / "shared", tmp_path / "ws"
    shared.mkdir()
    study(home, ws, "2026-03-03T08:00:00+00:00", 2, "knn")
    on(home, ws, "sync", str(shared))
    (mine,) = shared.glob("drill-*.jsonl")
    before = mine.read_bytes()
    study(home, ws, "2026-03-04T08:00:00+00:00", 1, "knn")
    on(home, ws, "sync", str(shared))
    after = mine.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert os.path.getsize(mine) == len(after)


# --- what a second new-user trial found ---------------------------------------------------------------------------


def _sync_line(record: dict) -> str:
    import zlib

    payload = json.dumps(record, sort_keys=True, separators=(",", ":"))
    return f"{zlib.crc32(payload.encode()):08x} {payload}\n"


def test_records_another_machine_cannot_have_written_are_left_out_not_fatal(tmp_path: Path) -> None:
    home, shared, ws = tmp_path / "home", tmp_path / "shared", tmp_path / "ws"
    shared.mkdir()
    study(home, ws, "2026-03-03T08:00:00+00:00", 1, "knn")
    review = {"type": "review", "answer": "x", "cram": 0, "duration_ms": 0, "item_id": "knn-ties", "kind": "question",
              "n": 0, "rating": 3, "reviewed_at": "2026-03-02T12:30:00.000000+00:00", "study_day": "2026-03-02",
              "utc_offset_min": 0}
    header = _sync_line({"type": "header", "format": 1, "machine": "other"})
    (shared / "drill-other.jsonl").write_text(header + _sync_line(review) + _sync_line({**review, "rating": 7})
                                               + _sync_line({**review, "reviewed_at": "yesterday"})
                                               + _sync_line({"type": "note", "text": "from a newer drill"}))
    (shared / "drill-newer.jsonl").write_text(_sync_line({"type": "header", "format": 2, "machine": "newer"})
                                              + _sync_line({**review, "item_id": "knn-algorithm"}))
    (shared / "drill-junk.jsonl").write_bytes(os.urandom(2000))
    result = on(home, ws, "sync", str(shared))
    text = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert "merged 1 reviews" in text and "3 record(s) from other machines carry values" in text
    assert "drill-newer.jsonl: written by a newer drill (sync format 2)" in text
    assert "drill-junk.jsonl: not a drill sync file" in text
    assert _reviews(home) == 2 and on(home, ws, "doctor").exit_code == 0


def test_a_home_restored_from_a_backup_gets_back_what_it_had_synced(tmp_path: Path) -> None:
    import shutil

    home, shared, ws = tmp_path / "home", tmp_path / "shared", tmp_path / "ws"
    shared.mkdir()
    study(home, ws, "2026-03-03T08:00:00+00:00", 1, "knn")
    on(home, ws, "sync", str(shared))  # the backup knows its machine id and its file in the folder
    backup = tmp_path / "backup"
    shutil.copytree(home, backup)
    study(home, ws, "2026-03-04T08:00:00+00:00", 2, "kmeans")
    on(home, ws, "sync", str(shared))
    shutil.rmtree(home)
    shutil.copytree(backup, home)  # the disk died; last week's backup comes back
    assert _reviews(home) == 1
    assert on(home, ws, "sync", str(shared)).exit_code == 0
    assert _reviews(home) == 3, "its own file in the sync folder gives back what it wrote after the backup"


def test_the_last_suspend_or_unsuspend_in_time_wins_on_every_machine(tmp_path: Path) -> None:
    a, b, shared, ws = tmp_path / "a", tmp_path / "b", tmp_path / "shared", tmp_path / "ws"
    shared.mkdir()
    on(a, ws, "suspend", "knn-ties", moment="2026-03-01T09:00:00+00:00")
    for home in (a, b):
        on(home, ws, "sync", str(shared), moment="2026-03-01T12:00:00+00:00")
    on(a, ws, "unsuspend", "knn-ties", moment="2026-03-02T09:00:00+00:00")
    on(b, ws, "unsuspend", "knn-ties", moment="2026-03-02T10:00:00+00:00")
    on(a, ws, "suspend", "knn-ties", moment="2026-03-02T11:00:00+00:00")  # the latest word
    for home in (a, b, a):
        on(home, ws, "sync", str(shared), moment="2026-03-02T12:00:00+00:00")
    for home in (a, b):
        listed = json.loads(on(home, ws, "cards", "--suspended", "--json", moment="2026-03-02T12:00:00+00:00").stdout)
        assert [c["id"] for c in listed] == ["knn-ties"]


def test_after_a_sync_histories_and_last_ratings_follow_time_not_arrival(tmp_path: Path) -> None:
    a, b, shared, ws = tmp_path / "a", tmp_path / "b", tmp_path / "shared", tmp_path / "ws"
    shared.mkdir()
    study(a, ws, "2026-03-01T09:00:00+00:00", 1, "knn")
    for home in (a, b):
        on(home, ws, "sync", str(shared), moment="2026-03-01T12:00:00+00:00")
    env = {"DRILL_WORKSPACE": str(ws)}
    # offline on day 3: b rates the card good at 09:00, a forgets it at 10:00
    runner.invoke(app, ["quiz", "knn", "-n", "1"], input="x\n3\nq\n", env={**env, "DRILL_HOME": str(b),
                                                                          "DRILL_NOW": "2026-03-03T09:00:00+00:00"})
    runner.invoke(app, ["quiz", "knn", "-n", "1"], input="x\n1\nq\n", env={**env, "DRILL_HOME": str(a),
                                                                          "DRILL_NOW": "2026-03-03T10:00:00+00:00"})
    for home in (a, b, a):
        on(home, ws, "sync", str(shared), moment="2026-03-03T13:00:00+00:00")
    for home in (a, b):
        cards = json.loads(on(home, ws, "cards", "knn", "--json", moment="2026-03-03T13:00:00+00:00").stdout)
        assert [c["last_rating"] for c in cards if c["id"] == "knn-lazy-learner"] == [1]
        stats = json.loads(on(home, ws, "stats", "--json", moment="2026-03-03T13:00:00+00:00").stdout)
        assert stats["retention_30d"] == 1.0, "b's 09:00 review (2 days after the first) was recalled; a's came an hour later"


def test_stats_leaves_suspended_cards_out_of_what_is_due(tmp_path: Path) -> None:
    home, ws = tmp_path / "home", tmp_path / "ws"
    study(home, ws, "2026-03-01T09:00:00+00:00", 2, "knn")
    later = "2026-03-09T09:00:00+00:00"
    due = json.loads(on(home, ws, "stats", "--json", moment=later).stdout)["due_now"]
    assert due == 2
    on(home, ws, "suspend", "knn-lazy-learner", moment=later)
    stats = json.loads(on(home, ws, "stats", "--json", moment=later).stdout)
    assert stats["due_now"] == 1 and stats["forecast"][0] == 1


def test_unusable_paths_and_times_are_one_readable_line(tmp_path: Path) -> None:
    home, ws = tmp_path / "home", tmp_path / "ws"
    study(home, ws, "2026-03-01T09:00:00+00:00", 1, "knn")
    cases = [
        (("sync", ""), 2, "no folder given"),
        (("sync", "/etc/hostname"), 2, "is a file, not a folder"),
        (("export", "reviews", str(tmp_path)), 2, "is a folder — give a file name"),
    ]
    seconds = tmp_path / "seconds.csv"
    seconds.write_text("card_id,review_time,review_rating\nknn-algorithm,1796115600,3\n")
    words = tmp_path / "words.csv"
    words.write_text("card_id,review_time,review_rating\nknn-algorithm,2026-12-01,3\n")
    cases += [(("import", "reviews", str(seconds)), 1, "in seconds? multiply by 1000"),
              (("import", "reviews", str(words)), 1, "review_time '2026-12-01' is not a whole number")]
    for args, code, words_expected in cases:
        result = on(home, ws, *args)
        text = " ".join(result.output.split())
        assert result.exit_code == code and words_expected in text and "Traceback" not in text, (args, text)
    assert not list(tmp_path.glob("*.tmp")) and _reviews(home) == 1


# --- what a third look found ----------------------------------------------------------------------------------------


def test_a_same_day_relearn_among_the_newest_reviews_does_not_stop_a_fit(tmp_path: Path, drill_env: Path) -> None:
    log = tmp_path / "months.csv"
    simulated_log(log, cards=150, reviews_per_card=4)
    with log.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for number, item in enumerate(question_ids(160)[155:]):
            start = 1_790_000_000_000 + number * 3_600_000  # late in the log: in the scored part
            writer.writerows([(item, start - 3 * 86_400_000, 3), (item, start, 1), (item, start + 600_000, 3)])
    assert invoke("import", "reviews", str(log)).exit_code == 0
    result = invoke("optimize", "--dry-run")
    assert result.exit_code == 0 and "scored on the newest 20%" in " ".join(result.output.split()), result.output


def test_a_review_exported_and_imported_elsewhere_is_one_review_when_the_two_sync(tmp_path: Path) -> None:
    """The CSV keeps milliseconds, the log microseconds: sync matches at the millisecond, as import does."""
    a, b, shared, ws = tmp_path / "a", tmp_path / "b", tmp_path / "shared", tmp_path / "ws"
    shared.mkdir()
    study(a, ws, "2026-03-01T09:00:00.123456+00:00", 2, "knn")
    out = tmp_path / "a.csv"
    on(a, ws, "export", "reviews", str(out))
    on(b, ws, "import", "reviews", str(out))
    for home in (a, b, a):
        on(home, ws, "sync", str(shared))
    assert _reviews(a) == _reviews(b) == 2
    assert on(a, ws, "doctor").exit_code == on(b, ws, "doctor").exit_code == 0


def test_odd_values_and_gaps_in_another_machines_file_are_left_out(tmp_path: Path) -> None:
    home, shared, ws = tmp_path / "home", tmp_path / "shared", tmp_path / "ws"
    shared.mkdir()
    review = {"type": "review", "answer": "x", "cram": 0, "duration_ms": 0, "item_id": "knn-ties", "kind": "question",
              "n": 0, "rating": 3, "reviewed_at": "2026-03-02T12:30:00.000000+00:00", "study_day": "2026-03-02",
              "utc_offset_min": 0}
    odd = [{**review, "utc_offset_min": 5000}, {**review, "study_day": "2026-02-30"},
           {**review, "reviewed_at": "2026-13-02T12:30:00.000000+00:00"}, {**review, "duration_ms": 2**63},
           {**review, "answer": "x" * 200_000}]
    gap = {**review, "item_id": "knn-algorithm", "n": 5}  # the sixth review at one moment, with no first five
    lines = [_sync_line({"type": "header", "format": 1, "machine": "other"})] + [_sync_line(r) for r in odd + [gap]]
    (shared / "drill-other.jsonl").write_text("".join(lines))
    for _ in range(2):
        result = on(home, ws, "sync", str(shared))
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
        assert "5 record(s) from other machines carry values" in " ".join(result.output.split())
    assert not (home / "progress.sqlite3").exists() or _reviews(home) == 0
