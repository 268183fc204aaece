"""Spaced repetition through the `fsrs` package: the next state of a card after a rating, and card replay.

Fuzz (a small random spread of intervals) is seeded from the card and the moment of the review, so replaying
the review log gives back exactly the states that were stored.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from drill.clock import study_day
from drill.config import Config
from drill.models import Review
from drill.store import CardRow, LoggedReview, Store, open_store

if TYPE_CHECKING:
    from fsrs import Card, Scheduler

LEARN_AHEAD = timedelta(minutes=20)  # a learning card due within this comes back in the same session
# fsrs's State values, as stored in a card's JSON (fsrs itself is imported only by what schedules a review)
LEARNING, REVIEW, RELEARNING = 1, 2, 3

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def make_scheduler(config: Config, kind: str = "question") -> Scheduler:
    """The scheduler for questions, or for exercises: re-implementing a whole exercise minutes after a pass is not
    spaced repetition, so exercises skip the short (re)learning steps and go straight to intervals of days."""
    from fsrs import Scheduler

    exercise = kind == "exercise"
    fitted = config.exercise_parameters if exercise else config.parameters
    return Scheduler(
        **({"parameters": fitted} if fitted else {}),
        desired_retention=config.desired_retention,
        learning_steps=() if exercise else config.learning_steps,
        relearning_steps=() if exercise else config.relearning_steps,
        maximum_interval=config.maximum_interval_days,
        enable_fuzzing=config.fuzz,
    )


@dataclass(frozen=True)
class Scheduled:
    card: CardRow
    lapsed: bool


def review(
    scheduler: Scheduler, previous: CardRow | None, item_id: str, kind: str, rating: int, moment: datetime,
    day: date,
) -> Scheduled:
    """The card's state after `rating` at `moment` (previous None: a new card)."""
    from fsrs import Rating

    card = _fsrs_card(previous, item_id)
    was_review = card.state.value == REVIEW
    state = random.getstate()
    random.seed(f"{item_id}|{moment.astimezone(UTC).isoformat()}")  # deterministic fuzz, see module docstring
    try:
        card, _ = scheduler.review_card(card, Rating(rating), review_datetime=moment.astimezone(UTC))
    finally:
        random.setstate(state)
    lapsed = was_review and rating == 1
    row = CardRow(
        item_id=item_id,
        kind=kind,
        state=json.dumps(card.to_dict()),
        due=card.due,
        stability=card.stability,
        difficulty=card.difficulty,
        last_review=card.last_review,
        reps=(previous.reps if previous else 0) + 1,
        lapses=(previous.lapses if previous else 0) + int(lapsed),
        introduced_day=previous.introduced_day if previous else day,
    )
    return Scheduled(row, lapsed)


def replay(scheduler: Scheduler, reviews: Iterable[Review], study_days: Iterable[date]) -> CardRow | None:
    """Rebuild one card from its logged reviews (cram reviews do not move the schedule)."""
    card: CardRow | None = None
    for logged, day in zip(reviews, study_days, strict=True):
        if not logged.cram:
            card = review(scheduler, card, logged.item_id, logged.kind, logged.rating, logged.reviewed_at, day).card
    return card


def replay_log(config: Config, logged: Iterable[LoggedReview]) -> list[CardRow]:
    """Every card rebuilt from the whole review log (oldest first), each kind with its own scheduler."""
    schedulers = {kind: make_scheduler(config, kind) for kind in ("question", "exercise")}
    cards: dict[str, CardRow] = {}
    for entry in logged:
        item = entry.review
        if item.cram:
            continue
        cards[item.item_id] = review(schedulers[item.kind], cards.get(item.item_id), item.item_id, item.kind,
                                     item.rating, item.reviewed_at, entry.study_day).card
    return list(cards.values())


def replay_item(config: Config, kind: str) -> Callable[[list[LoggedReview]], CardRow | None]:
    """What rebuilds one card from its remaining log entries (for undo)."""
    scheduler = make_scheduler(config, kind)
    return lambda logged: replay(scheduler, [e.review for e in logged], [e.study_day for e in logged])


def settings_fingerprint(config: Config) -> str:
    """What a card's state depends on — the settings and the fsrs library's own behaviour — as the states a fixed
    probe card goes through. When it changes (a setting, an fsrs upgrade), the cards cache is replayed."""
    probe: list[str] = []
    moment = datetime(2026, 1, 1, 9, tzinfo=UTC)
    for kind in ("question", "exercise"):
        scheduler = make_scheduler(config, kind)
        card: CardRow | None = None
        for rating, hours in ((3, 0), (1, 30), (3, 31), (4, 200), (2, 2000)):
            card = review(scheduler, card, "probe", kind, rating, moment + timedelta(hours=hours), moment.date()).card
            probe.append(card.state)
    return str(zlib.crc32("\n".join(probe).encode()))


def retrievability(scheduler: Scheduler, card: CardRow, moment: datetime) -> float:
    """FSRS's probability of recall for this card at `moment`, on its own forgetting curve.

    fsrs's get_card_retrievability counts whole days elapsed, so a card forgotten minutes ago would read 100%;
    the curve R(t) = (1 + F·t/S)^D is evaluated here at the fractional time, with the scheduler's parameters.
    """
    if card.last_review is None or not card.stability:
        return 0.0
    decay = -float(scheduler.parameters[20])
    factor = 0.9 ** (1 / decay) - 1
    elapsed = max(0.0, (moment - card.last_review).total_seconds() / 86400)
    return float((1 + factor * elapsed / card.stability) ** decay)


def is_due(card: CardRow, now: datetime, rollover_hour: int) -> bool:
    """Due today: a card in (re)learning steps when its step is up (within the learn-ahead window), any other
    card when it falls due at any time in the current study day (04:00 to 04:00)."""
    if is_learning(card) and card.kind == "question":
        return card.due <= now + LEARN_AHEAD
    return study_day(card.due.astimezone(now.tzinfo), rollover_hour) <= study_day(now, rollover_hour)


def showings_left(card: CardRow | None, config: Config) -> int:
    """How many more times this card comes round in a session if every answer is good: once, plus each
    (re)learning step still ahead that is short enough to come back within the session."""
    if card is None:
        steps, step = config.learning_steps, 0
    else:
        state = json.loads(card.state)
        if state["state"] == REVIEW:
            return 1
        steps = config.learning_steps if state["state"] == LEARNING else config.relearning_steps
        step = int(state.get("step") or 0)
    ahead = 0
    for length in steps[step + 1:]:
        if length > LEARN_AHEAD:
            break
        ahead += 1
    return 1 + ahead


def is_learning(card: CardRow) -> bool:
    """Still in (re)learning steps: short intervals that come back within the session."""
    return json.loads(card.state)["state"] != REVIEW


def _fsrs_card(row: CardRow | None, item_id: str) -> Card:
    from fsrs import Card

    if row is None:
        return Card(card_id=zlib.crc32(item_id.encode()))  # an explicit id: Card() would sleep to make one
    return Card.from_dict(json.loads(row.state))


SETTINGS_KEY = "scheduler_settings"


QUICK_KEY = "scheduler_settings_seen"


def _quick_key(config: Config) -> str:
    """The settings and the installed fsrs files as they are, without importing fsrs: when this is what the cards
    were last checked under, the (slower) behavioural fingerprint need not be computed again."""
    from importlib.util import find_spec

    spec = find_spec("fsrs")
    files = []
    if spec is not None and spec.origin:
        from pathlib import Path

        for path in sorted(Path(spec.origin).parent.glob("*.py")):
            stat = path.stat()
            files.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return str(zlib.crc32(f"{config!r}|{'|'.join(files)}".encode()))


def refresh_cards(store: Store, config: Config) -> int | None:
    """Keep the cards cache equal to a replay of the log: when the scheduler settings changed since the cards were
    computed, replay the whole log under the new ones. Returns how many cards were rebuilt (None: none needed)."""
    quick = _quick_key(config)
    if store.meta(QUICK_KEY) == quick:
        return None
    fingerprint = settings_fingerprint(config)
    if store.meta(SETTINGS_KEY) == fingerprint:
        store.set_meta(QUICK_KEY, quick)
        return None
    return store.rebuild_cards(lambda logged: replay_log(config, logged), {SETTINGS_KEY: fingerprint, QUICK_KEY: quick})


def open_progress(config: Config) -> Store:
    """The progress store, its cards cache current for these settings."""
    store = open_store()
    try:
        refresh_cards(store, config)
    except BaseException:
        store.close()
        raise
    return store
