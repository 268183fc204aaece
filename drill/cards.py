"""Card management as Anki users know it: browse cards, look at one with its whole history, suspend, unsuspend,
reset, and the tags in use. Free of any terminal; `ui` renders what these return."""

from __future__ import annotations

import difflib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from drill import scheduler as sched
from drill.config import Config
from drill.errors import UsageError
from drill.models import Question
from drill.store import CardRow, LoggedReview, Store

STATE_NAMES = {1: "learning", 2: "review", 3: "relearning"}


@dataclass(frozen=True)
class CardInfo:
    """One question and where it stands."""

    question: Question
    state: str  # new | learning | review | relearning, or suspended
    due: datetime | None
    stability: float | None
    difficulty: float | None
    recall: float | None  # FSRS's probability of recall now
    reps: int
    lapses: int
    last_rating: int | None
    suspended: bool
    is_due: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question.id, "topic": self.question.topic, "type": self.question.type,
            "prompt": self.question.prompt, "tags": list(self.question.tags), "state": self.state,
            "due": self.due.isoformat() if self.due else None, "stability": self.stability,
            "difficulty": self.difficulty, "recall": self.recall, "reps": self.reps, "lapses": self.lapses,
            "last_rating": self.last_rating, "suspended": self.suspended,
        }


@dataclass(frozen=True)
class CardDetail:
    info: CardInfo
    history: list[LoggedReview]
    events: list[tuple[str, datetime]]  # suspend / unsuspend / reset, oldest first


def card_infos(questions: list[Question], store: Store, config: Config, now: datetime) -> list[CardInfo]:
    """Every question's card (new ones included), in bank order."""
    cards = store.cards("question")
    suspended = store.suspended()
    last = store.last_ratings()
    scheduler = sched.make_scheduler(config)
    return [_info(q, cards.get(q.id), q.id in suspended, last.get(q.id), scheduler, now, config.rollover_hour)
            for q in questions]


def _info(question: Question, card: CardRow | None, suspended: bool, last: int | None, scheduler: Any,
          now: datetime, rollover_hour: int) -> CardInfo:
    if card is None:
        return CardInfo(question, "suspended" if suspended else "new", None, None, None, None, 0, 0, last, suspended)
    state = STATE_NAMES.get(json.loads(card.state)["state"], "review")
    return CardInfo(question, "suspended" if suspended else state, card.due, card.stability, card.difficulty,
                    sched.retrievability(scheduler, card, now), card.reps, card.lapses, last, suspended,
                    sched.is_due(card, now, rollover_hour))


def filter_cards(infos: list[CardInfo], *, search: str = "", due: bool = False, leeches: bool = False,
                 suspended: bool = False, config: Config) -> list[CardInfo]:
    """The cards matching every filter given (search: in the id, prompt or answer, any case)."""
    chosen = infos
    if search:
        needle = search.lower()
        chosen = [c for c in chosen if needle in c.question.id.lower() or needle in c.question.prompt.lower()
                  or needle in str(c.question.answer).lower()]
    if due:
        chosen = [c for c in chosen if c.is_due and not c.suspended]
    if leeches:
        chosen = [c for c in chosen if c.lapses >= config.leech_lapses]
    if suspended:
        chosen = [c for c in chosen if c.suspended]
    return chosen


def find_questions(questions: list[Question], ids: list[str]) -> list[Question]:
    """The questions with these ids; UsageError naming an unknown one and what it might have meant."""
    by_id = {q.id: q for q in questions}
    found = []
    for qid in ids:
        if qid not in by_id:
            guess = difflib.get_close_matches(qid, list(by_id), n=1, cutoff=0.6)
            hint = f" — did you mean {guess[0]!r}?" if guess else " — `drill cards --search WORD` finds ids"
            raise UsageError(f"no question {qid!r}{hint}")
        found.append(by_id[qid])
    return found


def card_detail(question: Question, store: Store, config: Config, now: datetime) -> CardDetail:
    (info,) = card_infos([question], store, config, now)
    return CardDetail(info, store.reviews(question.id), store.card_events(question.id))


def set_suspended(store: Store, questions: list[Question], suspend: bool, now: datetime) -> list[str]:
    """Suspend (or unsuspend) cards; returns the ids that changed."""
    current = store.suspended()
    changed = [q.id for q in questions if (q.id in current) != suspend]
    for qid in changed:
        store.record_card_event(qid, "suspend" if suspend else "unsuspend", now)
    return changed


def reset(store: Store, questions: list[Question], now: datetime) -> list[str]:
    """Back to new: the reviews stay in the log (and in stats) but no longer schedule the card."""
    cards = store.cards("question")
    changed = [q.id for q in questions if q.id in cards]
    for qid in changed:
        store.record_card_event(qid, "reset", now)
    return changed


def tag_counts(questions: list[Question]) -> list[tuple[str, int, list[str]]]:
    """(tag, how many questions, in which topics), most used first."""
    counts: Counter[str] = Counter()
    topics: dict[str, dict[str, None]] = {}
    for question in questions:
        for tag in question.tags:
            counts[tag] += 1
            topics.setdefault(tag, {})[question.topic] = None
    return [(tag, n, list(topics[tag])) for tag, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
