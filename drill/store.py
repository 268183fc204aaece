"""The progress store: one SQLite file under DRILL_HOME. The only module that imports sqlite3.

The review log is the source of truth; the `cards` table is a cache of each card's scheduler state that can be
rebuilt from the log. Every write is its own short transaction, committed before the call returns, so a killed
process loses nothing already rated. WAL and a busy timeout let two drill processes share the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from drill import paths
from drill.errors import StoreError
from drill.models import Review

APPLICATION_ID = 0x4452494C  # "DRIL": marks the file as drill's, so we never write to someone else's database
BUSY_TIMEOUT_MS = 30_000

# Each entry moves the schema from version i to i + 1. Never edit a released entry: append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL,                 -- question id, or an exercise slug when kind = 'exercise'
        kind TEXT NOT NULL DEFAULT 'question' CHECK (kind IN ('question', 'exercise')),
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
        reviewed_at TEXT NOT NULL,             -- UTC, ISO 8601 with microseconds
        utc_offset_min INTEGER NOT NULL,       -- the local offset at that moment
        study_day TEXT NOT NULL,               -- the study day it counted for, fixed when written
        duration_ms INTEGER NOT NULL DEFAULT 0,
        answer TEXT NOT NULL DEFAULT '',
        cram INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX reviews_by_item ON reviews (item_id, id);
    CREATE INDEX reviews_by_day ON reviews (study_day);
    CREATE TABLE cards (
        item_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'question',
        state TEXT NOT NULL,                   -- the FSRS card as JSON
        due TEXT NOT NULL,                     -- UTC ISO 8601, copied out of state for queries
        stability REAL,
        difficulty REAL,
        last_review TEXT,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        introduced_day TEXT NOT NULL
    );
    CREATE INDEX cards_by_due ON cards (due);
    CREATE TABLE buried (
        item_id TEXT PRIMARY KEY,
        until_day TEXT NOT NULL                -- hidden until this study day begins
    );
    CREATE TABLE checks (
        id INTEGER PRIMARY KEY,
        exercise TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        study_day TEXT NOT NULL,
        status TEXT NOT NULL,                  -- pass | fail | error
        outcome TEXT NOT NULL,
        passed INTEGER NOT NULL,
        total INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL,
        hints_used INTEGER NOT NULL
    );
    CREATE INDEX checks_by_exercise ON checks (exercise, id);
    CREATE TABLE exercise_events (
        id INTEGER PRIMARY KEY,
        exercise TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('hint', 'solution', 'implement')),
        at TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        detail TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX events_by_exercise ON exercise_events (exercise, kind);
    """,
    # 2: stats read recent reviews by time (true retention over the last 30 days)
    "CREATE INDEX reviews_by_time ON reviews (reviewed_at);",
    # 3: facts about the file itself, e.g. the scheduler settings the cards cache was computed under
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);",
    # 4: a check remembers the file it graded (its SHA-256), so an attempt that passed cannot pass again unchanged
    "ALTER TABLE checks ADD COLUMN source_sha256 TEXT NOT NULL DEFAULT '';",
    # 5: mock interviews, each saved as it goes (its report as JSON)
    """
    CREATE TABLE interviews (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        report TEXT NOT NULL
    );
    """,
    # 6: what the learner did to a card itself: suspend, unsuspend, reset (back to new; its earlier reviews stay in
    # the log but no longer schedule it)
    """
    CREATE TABLE card_events (
        id INTEGER PRIMARY KEY,
        item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('suspend', 'unsuspend', 'reset')),
        at TEXT NOT NULL,
        utc_offset_min INTEGER NOT NULL
    );
    CREATE INDEX card_events_by_item ON card_events (item_id, id);
    """,
    # 7: a failed check remembers its first failure (test, message, likely cause) for `drill hint`
    "ALTER TABLE checks ADD COLUMN failure TEXT NOT NULL DEFAULT '';",
    # 8: `drill sync` — a review taken back (undo) leaves a tombstone, so a copy of it on another machine is deleted
    # there too instead of coming back; every row is found by its natural key (what it is about, and when)
    """
    CREATE TABLE tombstones (
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (kind, key)
    );
    CREATE INDEX reviews_by_key ON reviews (item_id, reviewed_at);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def utc_text(moment: datetime) -> str:
    """A sortable UTC timestamp for the database."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def offset_minutes(moment: datetime) -> int:
    offset = moment.utcoffset() or timedelta(0)
    return int(offset.total_seconds() // 60)


def local_moment(utc: str, offset_min: int) -> datetime:
    """A stored moment back in the local time it happened in."""
    return datetime.fromisoformat(utc).astimezone(timezone(timedelta(minutes=offset_min)))


@dataclass(frozen=True)
class CardRow:
    item_id: str
    kind: str
    state: str
    due: datetime
    stability: float | None
    difficulty: float | None
    last_review: datetime | None
    reps: int
    lapses: int
    introduced_day: date


@dataclass(frozen=True)
class LoggedReview:
    id: int
    review: Review
    study_day: date


@dataclass(frozen=True)
class CheckRecord:
    exercise: str
    checked_at: datetime
    study_day: date
    status: str
    outcome: str
    passed: int
    total: int
    duration_ms: int
    hints_used: int
    source_sha256: str = ""  # the graded file's hash ("" in checks logged before drill kept it)
    failure: str = ""  # JSON {test, message, cause} of the first failing test ("" for a pass)


class Store:
    """An open progress database. Use `open_store()`; every method commits before it returns."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self._db = connection
        self.path = path

    # --- plumbing -----------------------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One short write transaction; IMMEDIATE takes the write lock up front so it never deadlocks."""
        with self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    @contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.DatabaseError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(f"{self.path} is busy: another drill process has held it for "
                                 f"{BUSY_TIMEOUT_MS // 1000} s — nothing was lost; try again when it is done") from exc
            raise StoreError(f"{self.path}: the progress database failed ({exc}) — it may be damaged; "
                             "drill has not changed it. Move it aside to start afresh.") from exc

    def _rows(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        with self._guard():
            return self._db.execute(sql, params).fetchall()

    # --- reviews and cards ----------------------------------------------------------------------------------

    def record_review(
        self, review: Review, study_day: date, next_card: Callable[[CardRow | None], CardRow | None] | None = None,
    ) -> tuple[int, CardRow | None, CardRow | None]:
        """Log one rated answer and the card's new state, in one transaction: `next_card` is given the card as
        stored *now*, with the write lock held, so a rating made meanwhile by another drill process is never
        overwritten (None: the schedule does not move, as when cramming). Returns (log id, card before, after)."""
        with self._write() as db:
            rows = db.execute("SELECT * FROM cards WHERE item_id = ?", (review.item_id,)).fetchall()
            previous = _card(rows[0]) if rows else None
            cursor = db.execute(
                "INSERT INTO reviews (item_id, kind, rating, reviewed_at, utc_offset_min, study_day, duration_ms,"
                " answer, cram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    review.item_id, review.kind, review.rating, utc_text(review.reviewed_at),
                    offset_minutes(review.reviewed_at), study_day.isoformat(), review.duration_ms, review.answer,
                    int(review.cram),
                ),
            )
            card = next_card(previous) if next_card is not None else None
            if card is not None:
                self._put_card(db, card)
            return int(cursor.lastrowid or 0), previous, card if next_card is not None else previous

    def undo_review(
        self, review_id: int, item_id: str, rebuild: Callable[[list[LoggedReview]], CardRow | None] | None,
    ) -> CardRow | None:
        """Remove a logged review; `rebuild` makes the card again from the reviews of it that remain (a replay,
        so a rating another process made meanwhile survives). None: leave the card alone (a cram answer)."""
        with self._write() as db:
            for row in db.execute("SELECT item_id, reviewed_at, (SELECT count(*) FROM reviews p WHERE p.item_id ="
                                  " r.item_id AND substr(p.reviewed_at, 1, 23) = substr(r.reviewed_at, 1, 23)"
                                  " AND p.id < r.id) FROM reviews r WHERE id = ?", (review_id,)).fetchall():
                db.execute("INSERT OR REPLACE INTO tombstones (kind, key, at) VALUES ('review', ?, ?)",
                           (review_key(row[0], row[1], row[2]), utc_text(datetime.now(UTC))))
            db.execute("DELETE FROM reviews WHERE id = ?", (review_id,))
            if rebuild is None:
                return self._card_in(db, item_id)
            rows = db.execute("SELECT * FROM reviews WHERE item_id = ? AND reviewed_at > ? ORDER BY reviewed_at, id",
                              (item_id, self._reset_at(db, item_id))).fetchall()
            card = rebuild([_logged(row) for row in rows])
            if card is None:
                db.execute("DELETE FROM cards WHERE item_id = ?", (item_id,))
            else:
                self._put_card(db, card)
            return card

    @staticmethod
    def _reset_at(db: sqlite3.Connection, item_id: str) -> str:
        """When the card was last reset ("" if never): reviews before then no longer schedule it."""
        row = db.execute("SELECT max(at) FROM card_events WHERE item_id = ? AND kind = 'reset'", (item_id,)).fetchone()
        return str(row[0] or "")

    @staticmethod
    def _card_in(db: sqlite3.Connection, item_id: str) -> CardRow | None:
        rows = db.execute("SELECT * FROM cards WHERE item_id = ?", (item_id,)).fetchall()
        return _card(rows[0]) if rows else None

    def put_card(self, card: CardRow) -> None:
        with self._write() as db:
            self._put_card(db, card)

    @staticmethod
    def _put_card(db: sqlite3.Connection, card: CardRow) -> None:
        db.execute(
            "INSERT OR REPLACE INTO cards (item_id, kind, state, due, stability, difficulty, last_review, reps,"
            " lapses, introduced_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                card.item_id, card.kind, card.state, utc_text(card.due), card.stability, card.difficulty,
                utc_text(card.last_review) if card.last_review else None, card.reps, card.lapses,
                card.introduced_day.isoformat(),
            ),
        )

    def card(self, item_id: str) -> CardRow | None:
        rows = self._rows("SELECT * FROM cards WHERE item_id = ?", (item_id,))
        return _card(rows[0]) if rows else None

    def cards(self, kind: str | None = None) -> dict[str, CardRow]:
        """Every card (of one kind), by item id."""
        if kind is None:
            rows = self._rows("SELECT * FROM cards")
        else:
            rows = self._rows("SELECT * FROM cards WHERE kind = ?", (kind,))
        return {row["item_id"]: _card(row) for row in rows}

    def reviews(self, item_id: str | None = None, *, since: datetime | None = None) -> list[LoggedReview]:
        """Logged reviews, oldest first (of one item, or since a moment)."""
        sql, params = "SELECT * FROM reviews", []
        clauses = []
        if item_id is not None:
            clauses.append("item_id = ?")
            params.append(item_id)
        if since is not None:
            clauses.append("reviewed_at >= ?")
            params.append(utc_text(since))
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        return [_logged(row) for row in self._rows(sql + " ORDER BY reviewed_at, id", tuple(params))]

    def rebuild_cards(self, replay: Callable[[list[LoggedReview]], list[CardRow]],
                      meta: dict[str, str] | None = None) -> int:
        """Replace the whole cards cache with `replay(the scheduling log)`, in one transaction (so no rating made
        meanwhile is lost), and record `meta` with it. Returns how many cards there are now."""
        with self._write() as db:
            logged = [_logged(row) for row in db.execute(_SCHEDULING_LOG)]
            cards = replay(logged)
            db.execute("DELETE FROM cards")
            for card in cards:
                self._put_card(db, card)
            for key, value in (meta or {}).items():
                db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
            return len(cards)

    def scheduling_log(self) -> list[LoggedReview]:
        """The reviews that schedule the cards: all of them but those before a card's last reset, oldest first."""
        return [_logged(row) for row in self._rows(_SCHEDULING_LOG)]

    # --- card events: suspend, unsuspend, reset -----------------------------------------------------------------

    def record_card_event(self, item_id: str, kind: str, at: datetime) -> None:
        """Suspend or unsuspend a card; a reset also drops its cached state (it is new again)."""
        with self._write() as db:
            db.execute("INSERT INTO card_events (item_id, kind, at, utc_offset_min) VALUES (?, ?, ?, ?)",
                       (item_id, kind, utc_text(at), offset_minutes(at)))
            if kind == "reset":
                db.execute("DELETE FROM cards WHERE item_id = ?", (item_id,))

    def suspended(self) -> set[str]:
        """Cards whose last suspend/unsuspend says suspended."""
        rows = self._rows(
            "SELECT e.item_id, e.kind FROM card_events e WHERE e.kind IN ('suspend', 'unsuspend') AND e.id = "
            "(SELECT f.id FROM card_events f WHERE f.item_id = e.item_id AND f.kind IN ('suspend', 'unsuspend')"
            " ORDER BY f.at DESC, f.id DESC LIMIT 1)"
        )
        return {row[0] for row in rows if row[1] == "suspend"}

    def card_events(self, item_id: str) -> list[tuple[str, datetime]]:
        rows = self._rows("SELECT kind, at, utc_offset_min FROM card_events WHERE item_id = ? ORDER BY at, id", (item_id,))
        return [(row[0], local_moment(row[1], row[2])) for row in rows]

    def meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def integrity_problems(self) -> list[str]:
        """SQLite's own check of the file: [] when sound."""
        rows = self._rows("PRAGMA integrity_check")
        found = [str(row[0]) for row in rows]
        return [] if found == ["ok"] else found

    def last_ratings(self) -> dict[str, int]:
        """Each item's most recent rating (cramming included)."""
        rows = self._rows("SELECT item_id, rating FROM reviews r WHERE id = (SELECT q.id FROM reviews q"
                          " WHERE q.item_id = r.item_id ORDER BY q.reviewed_at DESC, q.id DESC LIMIT 1)")
        return {row[0]: int(row[1]) for row in rows}

    def count_reviews(self, day: date, *, kind: str = "question") -> int:
        rows = self._rows("SELECT count(*) FROM reviews WHERE study_day = ? AND kind = ?", (day.isoformat(), kind))
        return int(rows[0][0])

    def count_introduced(self, day: date, *, kind: str = "question") -> int:
        """How many cards were seen for the first time (outside cramming) on a study day."""
        rows = self._rows(
            "SELECT count(*) FROM cards WHERE introduced_day = ? AND kind = ?", (day.isoformat(), kind)
        )
        return int(rows[0][0])

    def count_due_reviews_done(self, day: date) -> int:
        """Reviews of already-known question cards rated (outside cramming) on a study day."""
        rows = self._rows(
            "SELECT count(*) FROM reviews r JOIN cards c ON c.item_id = r.item_id"
            " WHERE r.study_day = ? AND r.kind = 'question' AND r.cram = 0 AND c.introduced_day < r.study_day",
            (day.isoformat(),),
        )
        return int(rows[0][0])

    # --- burying --------------------------------------------------------------------------------------------

    def bury(self, item_id: str, until_day: date) -> None:
        with self._write() as db:
            db.execute("INSERT OR REPLACE INTO buried (item_id, until_day) VALUES (?, ?)", (item_id, until_day.isoformat()))

    def unbury(self, item_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM buried WHERE item_id = ?", (item_id,))

    def buried(self, today: date) -> set[str]:
        rows = self._rows("SELECT item_id FROM buried WHERE until_day > ?", (today.isoformat(),))
        return {row[0] for row in rows}

    # --- exercises --------------------------------------------------------------------------------------------

    def record_check(self, record: CheckRecord) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO checks (exercise, checked_at, utc_offset_min, study_day, status, outcome, passed, total,"
                " duration_ms, hints_used, source_sha256, failure) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    record.exercise, utc_text(record.checked_at), offset_minutes(record.checked_at),
                    record.study_day.isoformat(), record.status, record.outcome, record.passed, record.total,
                    record.duration_ms, record.hints_used, record.source_sha256, record.failure,
                ),
            )

    def checks(self, exercise: str | None = None) -> list[CheckRecord]:
        if exercise is None:
            rows = self._rows("SELECT * FROM checks ORDER BY checked_at, id")
        else:
            rows = self._rows("SELECT * FROM checks WHERE exercise = ? ORDER BY checked_at, id", (exercise,))
        return [
            CheckRecord(
                exercise=row["exercise"], checked_at=local_moment(row["checked_at"], row["utc_offset_min"]),
                study_day=date.fromisoformat(row["study_day"]), status=row["status"], outcome=row["outcome"],
                passed=row["passed"], total=row["total"], duration_ms=row["duration_ms"], hints_used=row["hints_used"],
                source_sha256=row["source_sha256"], failure=row["failure"],
            )
            for row in rows
        ]

    def record_event(self, exercise: str, kind: str, at: datetime, detail: str = "") -> None:
        """A hint shown, a solution viewed, a stub handed out."""
        with self._write() as db:
            db.execute(
                "INSERT INTO exercise_events (exercise, kind, at, utc_offset_min, detail) VALUES (?, ?, ?, ?, ?)",
                (exercise, kind, utc_text(at), offset_minutes(at), detail),
            )

    def count_events(self, exercise: str, kind: str, *, since: datetime | None = None) -> int:
        sql = "SELECT count(*) FROM exercise_events WHERE exercise = ? AND kind = ?"
        params: tuple[Any, ...] = (exercise, kind)
        if since is not None:
            sql += " AND at >= ?"
            params += (utc_text(since),)
        return int(self._rows(sql, params)[0][0])

    def events(self, kind: str) -> list[tuple[str, datetime, str]]:
        rows = self._rows("SELECT exercise, at, utc_offset_min, detail FROM exercise_events WHERE kind = ? ORDER BY at, id",
                          (kind,))
        return [(row[0], local_moment(row[1], row[2]), row[3]) for row in rows]

    # --- interviews -----------------------------------------------------------------------------------------

    def save_interview(self, interview_id: int | None, started_at: datetime, report: str) -> int:
        """Insert (None) or update an interview's report; returns its id."""
        with self._write() as db:
            if interview_id is None:
                cursor = db.execute("INSERT INTO interviews (started_at, utc_offset_min, report) VALUES (?, ?, ?)",
                                    (utc_text(started_at), offset_minutes(started_at), report))
                return int(cursor.lastrowid or 0)
            db.execute("UPDATE interviews SET report = ? WHERE id = ?", (report, interview_id))
            return interview_id

    def interviews(self) -> list[tuple[int, datetime, str]]:
        """(id, local start, report JSON) of every interview, oldest first."""
        rows = self._rows("SELECT id, started_at, utc_offset_min, report FROM interviews ORDER BY started_at, id")
        return [(row[0], local_moment(row[1], row[2]), row[3]) for row in rows]

    # --- sync: every record out, other machines' records in ---------------------------------------------------

    def records(self) -> list[tuple[str, dict[str, Any]]]:
        """Every synced row as (record type, columns), oldest first within each type."""
        found = []
        for kind, (table, _keys, columns) in SYNCED_TABLES.items():
            rows = [dict(zip(columns, row, strict=True))
                    for row in self._rows(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id")]
            found += [(kind, row) for row in _with_occurrences(kind, rows)]
        return found

    def tombstones(self) -> dict[str, str]:
        """Review keys taken back by undo, with when."""
        return {row[0]: row[1] for row in self._rows("SELECT key, at FROM tombstones WHERE kind = 'review'")}

    def merge(self, records: list[tuple[str, dict[str, Any]]], tombstones: dict[str, str],
              replay: Callable[[list[LoggedReview]], list[CardRow]]) -> dict[str, int]:
        """Add the records this file lacks (by natural key), delete reviews another machine took back, and rebuild
        every card from the merged log — all in one transaction, so a killed sync merges nothing half. An
        interview present on both sides keeps the report with more answers (it was saved as it went).
        Returns how many rows of each type were added ("undone": reviews deleted)."""
        added = {kind: 0 for kind in SYNCED_TABLES} | {"undone": 0}
        with self._write() as db:
            for key, at in tombstones.items():
                db.execute("INSERT OR IGNORE INTO tombstones (kind, key, at) VALUES ('review', ?, ?)", (key, at))
            dead = {row[0] for row in db.execute("SELECT key FROM tombstones WHERE kind = 'review'")}
            existing = {kind: self._keys(db, kind) for kind in SYNCED_TABLES}
            occurrences: dict[str, int] = {}  # records held under each key without its occurrence number
            for kind in SYNCED_TABLES:
                for key in existing[kind]:
                    base = key.rsplit("|", 1)[0]
                    occurrences[f"{kind}|{base}"] = occurrences.get(f"{kind}|{base}", 0) + 1
            for kind, record in records:
                table, _keys, columns = SYNCED_TABLES[kind]
                key = record_key(kind, record)
                if kind == "review" and key in dead:
                    continue
                if key in existing[kind]:
                    if kind == "interview":
                        self._keep_fuller_interview(db, record)
                    continue
                if kind != "interview":  # only the next of several at one moment: never a gap that multiplies
                    base = f"{kind}|{key.rsplit('|', 1)[0]}"
                    if int(record.get("n", 0)) != occurrences.get(base, 0):
                        continue
                    occurrences[base] = occurrences.get(base, 0) + 1
                db.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                           tuple(record[c] for c in columns))
                existing[kind].add(key)
                added[kind] += 1
            for key in dead & existing["review"]:
                item_id, moment, occurrence = key.rsplit("|", 2)
                ids = [row[0] for row in db.execute(
                    "SELECT id FROM reviews WHERE item_id = ? AND substr(reviewed_at, 1, 23) = ? ORDER BY id",
                    (item_id, moment[:23]))]
                if int(occurrence) < len(ids):
                    added["undone"] += db.execute("DELETE FROM reviews WHERE id = ?", (ids[int(occurrence)],)).rowcount
            cards = replay([_logged(row) for row in db.execute(_SCHEDULING_LOG)])
            db.execute("DELETE FROM cards")
            for card in cards:
                self._put_card(db, card)
        return added

    @staticmethod
    def _keys(db: sqlite3.Connection, kind: str) -> set[str]:
        table, keys, _columns = SYNCED_TABLES[kind]
        rows = [dict(zip(keys, row, strict=True)) for row in db.execute(f"SELECT {', '.join(keys)} FROM {table} ORDER BY id")]
        return {record_key(kind, row) for row in _with_occurrences(kind, rows)}

    @staticmethod
    def _keep_fuller_interview(db: sqlite3.Connection, record: dict[str, Any]) -> None:
        import json

        def answered(report: str) -> tuple[int, int]:
            data = json.loads(report or "{}")
            return (int(bool(data.get("finished"))), len(data.get("answers") or []))

        row = db.execute("SELECT report FROM interviews WHERE started_at = ?", (record["started_at"],)).fetchone()
        if row is not None and answered(record["report"]) > answered(row[0]):
            db.execute("UPDATE interviews SET report = ? WHERE started_at = ?", (record["report"], record["started_at"]))

    def import_reviews(self, reviews: list[tuple[Review, date]]) -> int:
        """Add reviews not already in the log (the same item at the same millisecond); returns how many."""
        with self._write() as db:
            have = {(row[0], _to_millisecond(row[1])) for row in db.execute("SELECT item_id, reviewed_at FROM reviews")}
            added = 0
            for review, day in reviews:
                at = utc_text(review.reviewed_at)
                if (review.item_id, _to_millisecond(at)) in have:
                    continue
                db.execute(
                    "INSERT INTO reviews (item_id, kind, rating, reviewed_at, utc_offset_min, study_day, duration_ms,"
                    " answer, cram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (review.item_id, review.kind, review.rating, at, offset_minutes(review.reviewed_at),
                     day.isoformat(), review.duration_ms, review.answer, int(review.cram)),
                )
                have.add((review.item_id, _to_millisecond(at)))
                added += 1
            return added

    # --- whole-history summaries (stats, streak) ----------------------------------------------------------------

    def activity_by_day(self) -> dict[date, tuple[int, int]]:
        """Per study day: (rated answers, exercises passed) — re-checking a passing file adds nothing."""
        days: dict[date, list[int]] = {}
        for day, count in self._rows("SELECT study_day, count(*) FROM reviews WHERE kind = 'question' GROUP BY study_day"):
            days.setdefault(date.fromisoformat(day), [0, 0])[0] = count
        for day, count in self._rows("SELECT study_day, count(DISTINCT exercise) FROM checks WHERE status = 'pass' GROUP BY study_day"):
            days.setdefault(date.fromisoformat(day), [0, 0])[1] = count
        return {day: (v[0], v[1]) for day, v in days.items()}

    def count_all_reviews(self, kind: str | None = None) -> int:
        if kind is None:
            return int(self._rows("SELECT count(*) FROM reviews")[0][0])
        return int(self._rows("SELECT count(*) FROM reviews WHERE kind = ?", (kind,))[0][0])

    def retention_reviews(self, since: datetime) -> list[tuple[int, str, str | None]]:
        """(rating, reviewed_at, previous reviewed_at of the same item) for question reviews since a moment,
        cramming left out — what true retention is computed from."""
        rows = self._rows(
            "SELECT r.rating, r.reviewed_at, (SELECT p.reviewed_at FROM reviews p WHERE p.item_id = r.item_id"
            " AND (p.reviewed_at < r.reviewed_at OR (p.reviewed_at = r.reviewed_at AND p.id < r.id))"
            " AND p.kind = 'question' AND p.cram = 0 ORDER BY p.reviewed_at DESC, p.id DESC LIMIT 1)"
            " FROM reviews r WHERE r.reviewed_at >= ? AND r.kind = 'question' AND r.cram = 0",
            (utc_text(since),),
        )
        return [(row[0], row[1], row[2]) for row in rows]



# every review except those before its card's last reset, in the order they happened (reviews merged from
# another machine by `drill sync` are written after local ones that came later)
_SCHEDULING_LOG = (
    "SELECT * FROM reviews r WHERE r.reviewed_at > coalesce((SELECT max(e.at) FROM card_events e"
    " WHERE e.item_id = r.item_id AND e.kind = 'reset'), '') ORDER BY r.reviewed_at, r.id"
)

# What `drill sync` exchanges: each table's rows as records, a record's natural key, and its columns.
SYNCED_TABLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # record type: (table, key columns, columns)
    "review": ("reviews", ("item_id", "reviewed_at"),
               ("item_id", "kind", "rating", "reviewed_at", "utc_offset_min", "study_day", "duration_ms", "answer",
                "cram")),
    "check": ("checks", ("exercise", "checked_at"),
              ("exercise", "checked_at", "utc_offset_min", "study_day", "status", "outcome", "passed", "total",
               "duration_ms", "hints_used", "source_sha256", "failure")),
    "event": ("exercise_events", ("exercise", "kind", "at"), ("exercise", "kind", "at", "utc_offset_min", "detail")),
    "card_event": ("card_events", ("item_id", "kind", "at"), ("item_id", "kind", "at", "utc_offset_min")),
    "interview": ("interviews", ("started_at",), ("started_at", "utc_offset_min", "report")),
}


def review_key(item_id: str, reviewed_at: str, occurrence: int = 0) -> str:
    return f"{item_id}|{_to_millisecond(reviewed_at)}|{occurrence}"


def record_key(kind: str, record: dict[str, Any]) -> str:
    """A record's natural key: what it is about and the moment (to the millisecond) it happened, and which of
    several at that very moment it is (a clock frozen by DRILL_NOW gives a whole session one moment). An
    interview is one record however often its report was saved."""
    key = "|".join(_to_millisecond(record[column]) for column in SYNCED_TABLES[kind][1])
    return key if kind == "interview" else f"{key}|{record.get('n', 0)}"


def _to_millisecond(value: Any) -> str:
    """Moments in keys count to the millisecond, as the review CSV carries them: a review exported on one machine
    and imported on another is the same review when the two sync."""
    text = str(value)
    return text[:23] + text[26:] if len(text) == 32 and text[19] == "." and text[26] in "+-" else text


def _with_occurrences(kind: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Number the records that share a natural key, in log order: the `n` of their keys."""
    if kind == "interview":
        return records
    columns = SYNCED_TABLES[kind][1]
    seen: dict[tuple, int] = {}
    for record in records:
        same = tuple(_to_millisecond(record[c]) for c in columns)
        record["n"] = seen.get(same, 0)
        seen[same] = record["n"] + 1
    return records


def _card(row: sqlite3.Row) -> CardRow:
    return CardRow(
        item_id=row["item_id"], kind=row["kind"], state=row["state"], due=datetime.fromisoformat(row["due"]),
        stability=row["stability"], difficulty=row["difficulty"],
        last_review=datetime.fromisoformat(row["last_review"]) if row["last_review"] else None,
        reps=row["reps"], lapses=row["lapses"], introduced_day=date.fromisoformat(row["introduced_day"]),
    )


def _logged(row: sqlite3.Row) -> LoggedReview:
    return LoggedReview(
        id=row["id"],
        review=Review(
            item_id=row["item_id"], rating=row["rating"],
            reviewed_at=local_moment(row["reviewed_at"], row["utc_offset_min"]),
            duration_ms=row["duration_ms"], answer=row["answer"], cram=bool(row["cram"]), kind=row["kind"],
        ),
        study_day=date.fromisoformat(row["study_day"]),
    )


def open_store(path: Path | None = None) -> Store:
    """Open (creating and migrating if needed) the progress database. Refuses files that are not drill's."""
    path = path or paths.database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists() or path.stat().st_size == 0
    if not fresh:
        _refuse_foreign_file(path)
    try:
        db = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the progress database ({exc})") from exc
    db.row_factory = sqlite3.Row
    store = Store(db, path)
    try:
        with store._guard():
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _check_identity(db, path)
            _use_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable against a killed process
            _migrate(db, path)
    except BaseException:
        db.close()
        raise
    return store


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch the file to WAL (it stays so). Two processes creating the file at once can get "database is locked"
    here without SQLite's busy handler being consulted, so the switch is retried for as long as a write would wait."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if str(db.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _refuse_foreign_file(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(16)
    if header != b"SQLite format 3\x00":
        raise StoreError(
            f"{path} is not a drill progress database (not SQLite at all) — drill will not touch it; "
            "move it aside or point DRILL_HOME elsewhere"
        )


def _check_identity(db: sqlite3.Connection, path: Path) -> None:
    own_snapshot = not db.in_transaction  # read both facts from one snapshot: another process may be creating it
    if own_snapshot:
        db.execute("BEGIN")
    try:
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
    finally:
        if own_snapshot:
            db.execute("COMMIT")
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables):
        raise StoreError(
            f"{path} is a SQLite database that drill did not create — drill will not touch it; "
            "move it aside or point DRILL_HOME elsewhere"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(f"{path} was written by a newer drill (schema {version}, this drill knows {SCHEMA_VERSION})"
                         " — upgrade drill")


def _migrate(db: sqlite3.Connection, path: Path) -> None:
    if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    db.execute("BEGIN IMMEDIATE")  # another process may be migrating: take the lock, then look again
    try:
        _check_identity(db, path)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        for number in range(version, SCHEMA_VERSION):
            for statement in _statements(MIGRATIONS[number]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number + 1}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """Split a migration into statements; executescript() would commit our transaction half-way."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return [s for s in statements if s]
