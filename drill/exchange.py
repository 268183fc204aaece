"""The review log as CSV, out and in: the column layout the FSRS optimizer tools read, so a learner's data can go
anywhere (and come back).

Columns: card_id (drill's question id or exercise slug — the FSRS tools accept string ids), review_time (UTC,
milliseconds since the epoch), review_rating (1–4), review_state (the card's state before the review: 0 new,
1 learning, 2 review, 3 relearning), review_duration (milliseconds); then drill's own: kind, cram, utc_offset_min,
study_day, answer. A file made elsewhere needs only the first three; what it lacks is taken from this machine (its
time zone, the rollover hour). Importing is idempotent: a review of the same card at the same millisecond is
already there. A file with a bad row imports nothing and names the row.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

from drill.clock import study_day
from drill.config import load_config
from drill.errors import DrillError, UsageError
from drill.models import Review
from drill.store import CardRow, LoggedReview, open_store

COLUMNS = ("card_id", "review_time", "review_rating", "review_state", "review_duration",
           "kind", "cram", "utc_offset_min", "study_day", "answer")
REQUIRED = ("card_id", "review_time", "review_rating")


@dataclass(frozen=True)
class ImportSummary:
    rows: int
    added: int
    skipped_unknown: int  # rows about cards no bank or exercise holds


def export_reviews(path: Path) -> int:
    """Write every logged review, oldest first; returns how many rows."""
    from drill import scheduler as sched

    config = load_config()
    store = open_store()
    try:
        logged = sorted(store.reviews(), key=lambda e: (e.review.reviewed_at, e.id))
        resets = {item: [at for kind, at in store.card_events(item) if kind == "reset"]
                  for item in {e.review.item_id for e in logged}}
    finally:
        store.close()
    if path.is_dir():
        raise UsageError(f"{path} is a folder — give a file name, e.g. {path / 'reviews.csv'}")
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: no such folder — create it first or write elsewhere")
    states = _states_before(config, logged, sched, resets)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for entry, state in zip(logged, states, strict=True):
            review = entry.review
            writer.writerow([
                review.item_id, int(review.reviewed_at.timestamp() * 1000), review.rating, state, review.duration_ms,
                review.kind, int(review.cram), int((review.reviewed_at.utcoffset() or timedelta()).total_seconds() // 60),
                entry.study_day.isoformat(), review.answer,
            ])
    temporary.replace(path)  # a killed export never leaves half a file under the name asked for
    return len(logged)


def _states_before(config, logged: list[LoggedReview], sched, resets: dict[str, list[datetime]]) -> list[int]:
    """Each review's card state before it, by replaying the log as the scheduler does (a reset makes it new)."""
    schedulers = {kind: sched.make_scheduler(config, kind) for kind in ("question", "exercise")}
    cards: dict[str, CardRow] = {}
    last: dict[str, datetime] = {}
    states = []
    for entry in logged:
        review = entry.review
        previous = last.get(review.item_id)
        if previous is not None and any(previous <= at < review.reviewed_at for at in resets.get(review.item_id, ())):
            cards.pop(review.item_id, None)
        last[review.item_id] = review.reviewed_at
        card = cards.get(review.item_id)
        states.append(0 if card is None else int(json.loads(card.state)["state"]))
        if not review.cram:
            cards[review.item_id] = sched.review(schedulers[review.kind], card, review.item_id, review.kind,
                                                 review.rating, review.reviewed_at, entry.study_day).card
    return states


def import_reviews(path: Path, known: dict[str, str]) -> ImportSummary:
    """Add the file's reviews of known cards (`known`: item id → kind) to the log and replay the cards."""
    from drill import scheduler as sched

    config = load_config()
    reviews, unknown = read_reviews(path, known, config.rollover_hour)
    store = open_store()
    try:
        added = store.import_reviews(reviews)
        if added:
            store.rebuild_cards(lambda logged: sched.replay_log(config, logged),
                                {sched.SETTINGS_KEY: sched.settings_fingerprint(config)})
    finally:
        store.close()
    return ImportSummary(len(reviews) + unknown, added, unknown)


def read_reviews(path: Path, known: dict[str, str], rollover_hour: int) -> tuple[list[tuple[Review, date]], int]:
    """The file's reviews of known cards, and how many rows name cards drill does not know. Any bad row: an error
    naming it, and nothing read."""
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    reviews: list[tuple[Review, date]] = []
    unknown = 0
    csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))  # drill reads the long answers it writes
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
        if missing:
            raise DrillError(f"{path}:1: no column {', '.join(missing)} — the header needs at least "
                             f"{', '.join(REQUIRED)}")
        try:
            for row in reader:
                if row["card_id"] not in known:
                    unknown += 1
                    continue
                reviews.append(_review(row, known[row["card_id"]], rollover_hour))
        except (ValueError, TypeError, KeyError) as exc:
            raise DrillError(f"{path}:{reader.line_num}: {exc} — nothing was imported") from exc
        except csv.Error as exc:
            raise DrillError(f"{path}:{reader.line_num}: not CSV ({exc}) — nothing was imported") from exc
    return reviews, unknown


EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)  # a review_time before this is not milliseconds (seconds, most likely)


def _number(row: dict[str, str], column: str) -> int:
    text = (row.get(column) or "").strip()
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a whole number") from None


def _review(row: dict[str, str], kind: str, rollover_hour: int) -> tuple[Review, date]:
    rating = _number(row, "review_rating")
    if not 1 <= rating <= 4:
        raise ValueError(f"review_rating {rating} is not 1–4")
    milliseconds = _number(row, "review_time")
    latest = datetime.now(UTC) + timedelta(days=1)
    if not EARLIEST.timestamp() * 1000 <= milliseconds <= latest.timestamp() * 1000:
        raise ValueError(f"review_time {milliseconds} is not a moment between 2000 and now in milliseconds since "
                         "1970 (in seconds? multiply by 1000)")
    utc = datetime.fromtimestamp(milliseconds / 1000, tz=UTC)
    offset = _number(row, "utc_offset_min") if (row.get("utc_offset_min") or "").strip() else None
    if offset is not None and not -16 * 60 <= offset <= 16 * 60:
        raise ValueError(f"utc_offset_min {offset} is not a time zone's offset in minutes")
    moment = utc.astimezone(timezone(timedelta(minutes=offset))) if offset is not None else utc.astimezone()
    day = date.fromisoformat(row["study_day"]) if row.get("study_day") else study_day(moment, rollover_hour)
    review = Review(
        item_id=row["card_id"], rating=rating, reviewed_at=moment,
        duration_ms=_number(row, "review_duration") if (row.get("review_duration") or "").strip() else 0,
        answer=row.get("answer") or "",
        cram=(row.get("cram") or "0").strip() in ("1", "true", "True"),
        kind="exercise" if (row.get("kind") or kind) == "exercise" else "question",
    )
    return review, day
