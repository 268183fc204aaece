"""Spaced repetition through the `fsrs` package: the next state of a card after a rating, and card replay.

Fuzz (a small random spread of intervals) is seeded from the card and the moment of the review, so replaying
the review log gives back exactly the states that were stored.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from fsrs import Card, Rating, Scheduler, State

from drill.config import Config
from drill.models import Review
from drill.store import CardRow

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}


def make_scheduler(config: Config, kind: str = "question") -> Scheduler:
    """The scheduler for questions, or for exercises: re-implementing a whole exercise minutes after a pass is not
    spaced repetition, so exercises skip the short (re)learning steps and go straight to intervals of days."""
    exercise = kind == "exercise"
    return Scheduler(
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
    study_day: date,
) -> Scheduled:
    """The card's state after `rating` at `moment` (previous None: a new card)."""
    card = _fsrs_card(previous, item_id)
    was_review = card.state == State.Review
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
        introduced_day=previous.introduced_day if previous else study_day,
    )
    return Scheduled(row, lapsed)


def replay(scheduler: Scheduler, reviews: Iterable[Review], study_days: Iterable[date]) -> CardRow | None:
    """Rebuild one card from its logged reviews (cram reviews do not move the schedule)."""
    card: CardRow | None = None
    for logged, day in zip(reviews, study_days, strict=True):
        if not logged.cram:
            card = review(scheduler, card, logged.item_id, logged.kind, logged.rating, logged.reviewed_at, day).card
    return card


def retrievability(scheduler: Scheduler, card: CardRow, moment: datetime) -> float:
    """FSRS's probability of recall for this card at `moment`."""
    return float(scheduler.get_card_retrievability(_fsrs_card(card, card.item_id), moment.astimezone(UTC)))


def is_learning(card: CardRow) -> bool:
    """Still in (re)learning steps: short intervals that come back within the session."""
    return json.loads(card.state)["state"] != State.Review.value


def _fsrs_card(row: CardRow | None, item_id: str) -> Card:
    if row is None:
        return Card(card_id=zlib.crc32(item_id.encode()))  # an explicit id: Card() would sleep to make one
    return Card.from_dict(json.loads(row.state))
