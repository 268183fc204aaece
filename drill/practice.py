"""Coding practice around the grader: hints, checks and solutions recorded in the store, and each exercise's status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from drill import scheduler as sched
from drill.clock import study_day
from drill.config import Config
from drill.models import CheckResult, Exercise, Review
from drill.store import CheckRecord, Store


@dataclass(frozen=True)
class Hint:
    number: int  # 1-based
    total: int
    text: str
    repeated: bool  # every hint had been shown already


@dataclass(frozen=True)
class ExerciseProgress:
    exercise: Exercise
    status: str  # "new" | "started" | "passed" | "due" (passed, and due to be implemented again)
    checks: int
    last_pass: datetime | None
    best: str = ""  # e.g. "7/9" for the best failing attempt


def _attempt_start(store: Store, slug: str) -> datetime | None:
    """Hints count per attempt: an attempt starts after the last pass (a re-implementation starts afresh)."""
    passes = [c for c in store.checks(slug) if c.status == "pass"]
    return passes[-1].checked_at if passes else None


def hints_used(store: Store, exercise: Exercise) -> int:
    return store.count_events(exercise.slug, "hint", since=_attempt_start(store, exercise.slug))


def next_hint(store: Store, exercise: Exercise, now: datetime) -> Hint:
    """The next hint of this attempt (nudge first); recorded, so checks know how much help was used."""
    used = hints_used(store, exercise)
    total = len(exercise.hints)
    repeated = used >= total
    index = total - 1 if repeated else used
    if not repeated:
        store.record_event(exercise.slug, "hint", now, str(index + 1))
    return Hint(index + 1, total, exercise.hints[index], repeated)


def record_check(store: Store, exercise: Exercise, result: CheckResult, now: datetime, config: Config) -> int | None:
    """Record a check; a pass of an exercise that is new or due also schedules its re-implementation.

    Returns the FSRS rating given (None when the check did not move the schedule): a first-try pass without
    hints is Easy, a pass after failed checks Good, after hints Hard, after peeking at the solution Again.
    """
    since = _attempt_start(store, exercise.slug)
    failures = sum(1 for c in store.checks(exercise.slug) if since is None or c.checked_at > since)
    hints = hints_used(store, exercise)
    day = study_day(now, config.rollover_hour)
    store.record_check(
        CheckRecord(
            exercise=exercise.slug, checked_at=now, study_day=day, status=result.status,
            outcome=result.outcome, passed=result.passed, total=result.total,
            duration_ms=int(result.duration_s * 1000), hints_used=hints,
        )
    )
    card = store.card(exercise.slug)
    if result.status != "pass" or (card is not None and card.due > now):
        return None
    peeked = store.count_events(exercise.slug, "solution", since=since) > 0
    rating = 1 if peeked else 2 if hints else 3 if failures else 4
    scheduled = sched.review(sched.make_scheduler(config, "exercise"), card, exercise.slug, "exercise", rating, now, day)
    store.record_review(Review(exercise.slug, rating, now, int(result.duration_s * 1000), "", False, "exercise"),
                        day, scheduled.card)
    return rating


def due_exercises(store: Store, now: datetime) -> list[str]:
    """Slugs of passed exercises whose re-implementation is due."""
    return sorted(slug for slug, card in store.cards("exercise").items() if card.due <= now)


def has_passed(store: Store, exercise: Exercise) -> bool:
    return any(c.status == "pass" for c in store.checks(exercise.slug))


def record_solution_viewed(store: Store, exercise: Exercise, now: datetime) -> None:
    store.record_event(exercise.slug, "solution", now, "after-pass" if has_passed(store, exercise) else "before-pass")


def record_implement(store: Store, exercise: Exercise, now: datetime, path: str) -> None:
    store.record_event(exercise.slug, "implement", now, path)


def progress(store: Store, exercises: list[Exercise], now: datetime) -> list[ExerciseProgress]:
    """Each exercise's status for `drill list`: new, started, passed, or due for re-implementation."""
    checks = store.checks()
    due = set(due_exercises(store, now))
    started = {slug for slug, _, _ in store.events("implement")}
    rows = []
    for exercise in exercises:
        mine = [c for c in checks if c.exercise == exercise.slug]
        passes = [c for c in mine if c.status == "pass"]
        if passes:
            status = "due" if exercise.slug in due else "passed"
        elif mine or exercise.slug in started:
            status = "started"
        else:
            status = "new"
        best = max(mine, key=lambda c: c.passed, default=None)
        rows.append(
            ExerciseProgress(
                exercise, status, len(mine), passes[-1].checked_at if passes else None,
                f"{best.passed}/{best.total}" if best and not passes else "",
            )
        )
    return rows
