"""Coding practice around the grader: hints, checks and solutions recorded in the store, and each exercise's status."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from drill import scheduler as sched
from drill.clock import study_day
from drill.config import Config
from drill.models import CheckResult, Exercise, Review
from drill.store import CardRow, CheckRecord, Store


@dataclass(frozen=True)
class Hint:
    number: int  # 1-based; 0 for the nudge about the last failed check
    total: int
    text: str
    repeated: bool  # every hint had been shown already
    failed_test: str = ""  # for the nudge: the test that failed


@dataclass(frozen=True)
class ExerciseProgress:
    exercise: Exercise
    status: str  # "new" | "started" | "passed" | "due" (passed, and due to be implemented again)
    checks: int
    last_pass: datetime | None
    best: str = ""  # e.g. "7/9" for the best failing attempt
    due: date | None = None  # the study day the next re-implementation falls due (None: not scheduled)


def _attempt_start(store: Store, slug: str) -> datetime | None:
    """An attempt starts at a fresh stub (`drill implement`) or, failing that, after the last pass: hints and a
    look at the solution count against the attempt they were used in."""
    passes = [c.checked_at for c in store.checks(slug) if c.status == "pass"]
    stubs = [at for exercise, at, _ in store.events("implement") if exercise == slug]
    starts = passes[-1:] + stubs[-1:]
    return max(starts) if starts else None


def attempt_passed(store: Store, exercise: Exercise) -> bool:
    """Has the attempt in progress passed already? (Then a look at the solution is comparing, not peeking.)"""
    since = _attempt_start(store, exercise.slug)
    return any(c.status == "pass" and (since is None or c.checked_at >= since) for c in store.checks(exercise.slug))


def hints_used(store: Store, exercise: Exercise) -> int:
    """Hints of the ladder used in this attempt (a nudge about a failed check is not one: the check said it)."""
    since = _attempt_start(store, exercise.slug)
    return sum(1 for slug, at, detail in store.events("hint")
               if slug == exercise.slug and (since is None or at >= since) and not detail.startswith("failure"))


def next_hint(store: Store, exercise: Exercise, now: datetime) -> Hint:
    """After a failed check: first a nudge about what failed (once per failed check); then the next hint of this
    attempt's ladder (nudge first, recorded, so checks know how much help was used)."""
    nudge = _failure_nudge(store, exercise)
    if nudge is not None:
        check_at, test, cause = nudge
        store.record_event(exercise.slug, "hint", now, f"failure {check_at.isoformat()}")
        return Hint(0, len(exercise.hints), cause, False, failed_test=test)
    used = hints_used(store, exercise)
    total = len(exercise.hints)
    repeated = used >= total
    index = total - 1 if repeated else used
    if not repeated:
        store.record_event(exercise.slug, "hint", now, str(index + 1))
    return Hint(index + 1, total, exercise.hints[index], repeated)


def hints_seen(store: Store, exercise: Exercise) -> list[Hint]:
    """The hints already shown in this attempt, for `drill hint --all` (records nothing)."""
    used = min(hints_used(store, exercise), len(exercise.hints))
    seen = [Hint(i + 1, len(exercise.hints), exercise.hints[i], False) for i in range(used)]
    last = _last_failure(store, exercise)
    if last is not None:
        seen.insert(0, Hint(0, len(exercise.hints), last[2], False, failed_test=last[1]))
    return seen


def _last_failure(store: Store, exercise: Exercise) -> tuple[datetime, str, str] | None:
    """(when, test, likely cause) of the last check of this attempt, if it failed with a cause."""
    since = _attempt_start(store, exercise.slug)
    mine = [c for c in store.checks(exercise.slug) if since is None or c.checked_at >= since]
    if not mine or mine[-1].status == "pass" or not mine[-1].failure:
        return None
    try:
        failure = json.loads(mine[-1].failure)
    except ValueError:
        return None
    cause = failure.get("cause") or failure.get("message") or ""
    return (mine[-1].checked_at, str(failure.get("test", "")), str(cause)) if cause else None


def _failure_nudge(store: Store, exercise: Exercise) -> tuple[datetime, str, str] | None:
    last = _last_failure(store, exercise)
    if last is None:
        return None
    shown = {detail for slug, _, detail in store.events("hint") if slug == exercise.slug}
    return None if f"failure {last[0].isoformat()}" in shown else last


def failure_of(result: CheckResult) -> str:
    """The first failing test of a result as JSON {test, message, cause}; "" for a pass."""
    first = next((t for t in result.tests if t.status in ("fail", "error")), None)
    if first is None:
        return ""
    cause = next((line.removeprefix("Likely cause: ") for line in first.detail.splitlines()
                  if line.startswith("Likely cause: ")), "")
    return json.dumps({"test": first.name, "message": first.message, "cause": cause})


def source_digest(source: bytes) -> str:
    """What identifies a submitted file: the SHA-256 of its bytes."""
    import hashlib  # OpenSSL's import is a few ms that `drill list` and the dashboard need not pay

    return hashlib.sha256(source).hexdigest()


def passed_before(store: Store, exercise: Exercise, digest: str) -> CheckRecord | None:
    """The first passing check of a file with these exact bytes, if there was one."""
    return next((c for c in store.checks(exercise.slug) if c.status == "pass" and c.source_sha256 == digest), None)


@dataclass(frozen=True)
class Recorded:
    """What a check did to the learner's record."""

    rating: int | None  # the FSRS rating a pass gave the re-implementation schedule (None: not moved)
    repeat_of: CheckRecord | None = None  # this very file passed before: nothing was recorded


def record_check(store: Store, exercise: Exercise, result: CheckResult, now: datetime, config: Config,
                 digest: str = "") -> Recorded:
    """Record a check; a pass of an exercise that is new or due also schedules its re-implementation.

    A file identical to one that already passed records nothing: a re-implementation is written again, not
    re-submitted. The rating of a pass: first try without hints Easy, after failed checks Good, after hints
    Hard, after a look at the solution during this attempt Again.
    """
    if digest:
        earlier = passed_before(store, exercise, digest)
        if earlier is not None:
            return Recorded(None, earlier)
    since = _attempt_start(store, exercise.slug)
    failures = sum(1 for c in store.checks(exercise.slug) if since is None or c.checked_at > since)
    hints = hints_used(store, exercise)
    day = study_day(now, config.rollover_hour)
    store.record_check(
        CheckRecord(
            exercise=exercise.slug, checked_at=now, study_day=day, status=result.status,
            outcome=result.outcome, passed=result.passed, total=result.total,
            duration_ms=int(result.duration_s * 1000), hints_used=hints, source_sha256=digest,
            failure=failure_of(result),
        )
    )
    card = store.card(exercise.slug)
    if result.status != "pass" or (card is not None and not sched.is_due(card, now, config.rollover_hour)):
        return Recorded(None)
    peeked = any(kind == "before-pass" for kind in _solution_views(store, exercise.slug, since))
    rating = 1 if peeked else 2 if hints else 3 if failures else 4
    scheduler = sched.make_scheduler(config, "exercise")

    def next_card(stored: CardRow | None) -> CardRow:
        return sched.review(scheduler, stored, exercise.slug, "exercise", rating, now, day).card

    store.record_review(Review(exercise.slug, rating, now, int(result.duration_s * 1000), "", False, "exercise"),
                        day, next_card)
    return Recorded(rating)


def _solution_views(store: Store, slug: str, since: datetime | None) -> list[str]:
    return [detail for exercise, at, detail in store.events("solution")
            if exercise == slug and (since is None or at >= since)]


def due_exercises(store: Store, now: datetime, rollover_hour: int = 4) -> list[str]:
    """Slugs of passed exercises whose re-implementation falls due in the current study day (or before)."""
    return sorted(slug for slug, card in store.cards("exercise").items() if sched.is_due(card, now, rollover_hour))


def has_passed(store: Store, exercise: Exercise) -> bool:
    return any(c.status == "pass" for c in store.checks(exercise.slug))


def record_solution_viewed(store: Store, exercise: Exercise, now: datetime) -> bool:
    """Record a look at the reference; True when it counts against the attempt in progress (it has not passed)."""
    counts = not attempt_passed(store, exercise)
    store.record_event(exercise.slug, "solution", now, "before-pass" if counts else "after-pass")
    return counts


def passing_file(store: Store, exercise: Exercise, candidates: list) -> Any:
    """The first of these files (Paths) whose exact bytes passed a check of this exercise, or None."""
    passed = {c.source_sha256 for c in store.checks(exercise.slug) if c.status == "pass" and c.source_sha256}
    for path in candidates:
        try:
            if source_digest(path.read_bytes()) in passed:
                return path
        except OSError:
            continue
    return None


def record_implement(store: Store, exercise: Exercise, now: datetime, path: str) -> None:
    store.record_event(exercise.slug, "implement", now, path)


def progress(store: Store, exercises: list[Exercise], now: datetime, rollover_hour: int = 4) -> list[ExerciseProgress]:
    """Each exercise's status for `drill list`: new, started, passed, or due for re-implementation."""
    checks = store.checks()
    cards = store.cards("exercise")
    started = {slug for slug, _, _ in store.events("implement")}
    rows = []
    for exercise in exercises:
        mine = [c for c in checks if c.exercise == exercise.slug]
        passes = [c for c in mine if c.status == "pass"]
        card = cards.get(exercise.slug)
        if passes:
            status = "due" if card is not None and sched.is_due(card, now, rollover_hour) else "passed"
        elif mine or exercise.slug in started:
            status = "started"
        else:
            status = "new"
        best = max(mine, key=lambda c: c.passed, default=None)
        rows.append(
            ExerciseProgress(
                exercise, status, len(mine), passes[-1].checked_at if passes else None,
                f"{best.passed}/{best.total}" if best and not passes else "",
                due=study_day(card.due.astimezone(now.tzinfo), rollover_hour) if card is not None else None,
            )
        )
    return rows


def next_exercise(store: Store, exercises: list[Exercise], now: datetime, rollover_hour: int,
                  exclude: str) -> tuple[Exercise, str] | None:
    """What to do after a pass, as rustlings moves on: an exercise due for re-implementation, else one started
    and not passed, else the next new one in catalogue order; with the reason."""
    rows = [r for r in progress(store, exercises, now, rollover_hour) if r.exercise.slug != exclude]
    for status, why in (("due", "due to be implemented again"), ("started", "started, not passed yet"),
                        ("new", "not tried yet")):
        for row in rows:
            if row.status == status:
                return row.exercise, why
    return None
