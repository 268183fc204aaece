"""The dashboard behind a bare `drill`: what is due today, by topic, and the one command to run next."""

from __future__ import annotations

from dataclasses import dataclass, field

from drill import clock
from drill.banks import load_banks
from drill.clock import study_day
from drill.config import load_config
from drill.store import open_store


@dataclass(frozen=True)
class TopicDue:
    topic: str
    title: str
    due: int
    new: int
    total: int


@dataclass(frozen=True)
class Dashboard:
    fresh: bool  # nothing ever rated
    topics: list[TopicDue]
    new_room: int
    reviews_today: int
    suggestion: str
    problems: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def due(self) -> int:
        return sum(t.due for t in self.topics)


def build_dashboard() -> Dashboard:
    """Count what is due now, per topic, and pick the next command."""
    config = load_config()
    loaded = load_banks()
    now = clock.now()
    today = study_day(now, config.rollover_hour)
    store = open_store()
    try:
        cards = store.cards("question")
        buried = store.buried(today)
        new_room = max(0, config.new_limit - store.count_introduced(today))
        reviews_today = store.count_reviews(today)
    finally:
        store.close()
    topics = []
    for bank in loaded.banks:
        ids = [q.id for q in bank.questions if q.id not in buried]
        due = sum(1 for i in ids if i in cards and cards[i].due <= now)
        new = sum(1 for i in ids if i not in cards)
        topics.append(TopicDue(bank.topic, bank.title, due, new, len(bank.questions)))
    fresh = not cards
    due_total = sum(t.due for t in topics)
    if fresh:
        suggestion = "drill quiz"
    elif due_total or (new_room and any(t.new for t in topics)):
        suggestion = "drill quiz"
    else:
        suggestion = "drill quiz --cram"
    return Dashboard(fresh, topics, new_room, reviews_today, suggestion, problems=len(loaded.problems))
