"""`drill list`: every exercise with its status, and every bank with how much of it is learned."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from drill import clock
from drill.banks import broken_banks, load_banks
from drill.config import load_config
from drill.exercises import load_exercises
from drill.practice import ExerciseProgress, progress
from drill.scheduler import is_due, is_learning, open_progress


@dataclass(frozen=True)
class BankRow:
    topic: str
    title: str
    questions: int
    seen: int  # questions rated at least once
    learned: int  # seen and out of the learning steps (the same count as `drill stats`)
    due: int


@dataclass(frozen=True)
class Listing:
    exercises: list[ExerciseProgress]
    banks: list[BankRow]
    broken: list[str]  # bank files left out because they do not load

    def to_json(self) -> dict[str, Any]:
        return {
            "exercises": [
                {
                    "slug": row.exercise.slug, "title": row.exercise.title, "topic": row.exercise.topic,
                    "difficulty": row.exercise.difficulty, "status": row.status, "checks": row.checks,
                    "last_pass": row.last_pass.isoformat() if row.last_pass else None,
                    "due": row.due.isoformat() if row.due else None,
                }
                for row in self.exercises
            ],
            "banks": [
                {"topic": b.topic, "title": b.title, "questions": b.questions, "seen": b.seen, "learned": b.learned,
                 "due": b.due}
                for b in self.banks
            ],
        }


def build_listing() -> Listing:
    now = clock.now()
    config = load_config()
    loaded = load_banks()
    store = open_progress(config)
    try:
        cards = store.cards("question")
        rows = progress(store, load_exercises(skip_invalid=True), now, config.rollover_hour)
    finally:
        store.close()
    banks = [
        BankRow(
            bank.topic, bank.title, len(bank.questions),
            sum(q.id in cards for q in bank.questions),
            sum(q.id in cards and not is_learning(cards[q.id]) for q in bank.questions),
            sum(q.id in cards and is_due(cards[q.id], now, config.rollover_hour) for q in bank.questions),
        )
        for bank in loaded.banks
    ]
    return Listing(rows, banks, broken_banks(loaded.problems))
