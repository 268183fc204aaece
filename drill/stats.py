"""`drill stats`: the streak, a 26-week heatmap, retention, a forecast, mastery per topic, exercises, leeches."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from drill import clock
from drill import scheduler as sched
from drill.banks import broken_banks, load_banks
from drill.clock import study_day
from drill.config import Config, load_config
from drill.exercises import exercise_slugs
from drill.practice import due_exercises
from drill.store import Store
from drill.streak import Streak, compute_streak

HEATMAP_WEEKS = 26
FORECAST_DAYS = 14
RETENTION_DAYS = 30


@dataclass(frozen=True)
class TopicMastery:
    topic: str
    total: int
    learned: int  # seen at least once and out of the learning steps
    seen: int
    mean_recall: float | None  # mean FSRS recall probability now, over cards seen


@dataclass(frozen=True)
class Stats:
    today: date
    streak: Streak
    goal_answers: int
    answers_today: int
    reviews_today: int
    reviews_total: int
    due_now: int
    heatmap: dict[date, int]  # study day -> activity (answers + passed checks), last 26 weeks
    retention: float | None  # share of reviews (not learning steps) recalled, last 30 days
    retention_reviews: int
    forecast: list[int]  # cards falling due on each of the next 14 study days (today first, overdue included)
    topics: list[TopicMastery]
    exercises_attempted: int
    exercises_passed: int
    exercise_last_pass: dict[str, str]
    exercises_due: list[str]
    leeches: list[str]
    frozen_recently: list[date] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # bank files left out because they do not load
    parameters: str = "FSRS defaults"  # which scheduling parameters are in force, and since when

    def to_json(self) -> dict[str, Any]:
        return {
            "streak": {
                "current": self.streak.current, "longest": self.streak.longest, "freezes": self.streak.freezes,
                "frozen_days": [d.isoformat() for d in self.streak.frozen_days], "today_done": self.streak.today_done,
            },
            "today": self.today.isoformat(),
            "goal": {"answers": self.goal_answers, "answers_today": self.answers_today},
            "reviews_total": self.reviews_total,
            "reviews_today": self.reviews_today,
            "due_now": self.due_now,
            "retention_30d": self.retention,
            "forecast": self.forecast,
            "topics": [
                {"topic": t.topic, "questions": t.total, "learned": t.learned, "seen": t.seen,
                 "mean_recall": t.mean_recall}
                for t in self.topics
            ],
            "exercises": {
                "attempted": self.exercises_attempted, "passed": self.exercises_passed,
                "last_pass": self.exercise_last_pass, "due": self.exercises_due,
            },
            "leeches": self.leeches,
            "heatmap": {d.isoformat(): n for d, n in sorted(self.heatmap.items()) if n},
            "parameters": self.parameters,
        }

    def dumps(self) -> str:
        return json.dumps(self.to_json(), indent=2)


def build_stats() -> Stats:
    config = load_config()
    now = clock.now()
    store = sched.open_progress(config)
    try:
        return compute_stats(store, config, now)
    finally:
        store.close()


def compute_stats(store: Store, config: Config, now: datetime) -> Stats:
    today = study_day(now, config.rollover_hour)
    activity = store.activity_by_day()
    streak = compute_streak(activity, today, config.goal_answers)
    first = today - timedelta(days=HEATMAP_WEEKS * 7 - 1)
    heatmap = {day: answers + checks for day, (answers, checks) in activity.items() if day >= first}
    suspended = store.suspended()  # out of every queue, so out of what is due and the forecast too
    cards = {k: v for k, v in store.cards().items() if k not in suspended}
    question_cards = {k: v for k, v in cards.items() if v.kind == "question"}
    scheduler = sched.make_scheduler(config)

    retention, counted = _true_retention(store, now)
    forecast = [0] * FORECAST_DAYS
    for card in cards.values():
        offset = (study_day(card.due.astimezone(now.tzinfo), config.rollover_hour) - today).days
        if offset < FORECAST_DAYS:
            forecast[max(0, offset)] += 1

    topics = []
    loaded = load_banks()
    for bank in loaded.banks:
        mine = [question_cards[q.id] for q in bank.questions if q.id in question_cards]
        recall = [sched.retrievability(scheduler, c, now) for c in mine]
        topics.append(
            TopicMastery(
                bank.topic, len(bank.questions), sum(not sched.is_learning(c) for c in mine), len(mine),
                sum(recall) / len(recall) if recall else None,
            )
        )

    checks = store.checks()
    known = set(exercise_slugs())
    attempted = {c.exercise for c in checks if c.exercise in known}
    last_pass: dict[str, str] = {}
    for check in checks:
        if check.status == "pass" and check.exercise in known:
            last_pass[check.exercise] = check.study_day.isoformat()
    answers_today = activity.get(today, (0, 0))[0]
    return Stats(
        today=today, streak=streak, goal_answers=config.goal_answers, answers_today=answers_today,
        reviews_today=store.count_reviews(today), reviews_total=store.count_all_reviews("question"),
        due_now=sum(1 for c in question_cards.values() if sched.is_due(c, now, config.rollover_hour)),
        heatmap=heatmap, retention=retention, retention_reviews=counted, forecast=forecast, topics=topics,
        exercises_attempted=len(attempted), exercises_passed=len(last_pass), exercise_last_pass=last_pass,
        exercises_due=[s for s in due_exercises(store, now, config.rollover_hour) if s in known],
        leeches=sorted(k for k, c in question_cards.items() if c.lapses >= config.leech_lapses),
        broken=broken_banks(loaded.problems),
        parameters=parameters_in_force(config),
    )


def parameters_in_force(config: Config) -> str:
    """Which FSRS parameters schedule the cards: the defaults, or those `drill optimize` fitted and when."""
    fitted = [name for name, weights in (("questions", config.parameters), ("exercises", config.exercise_parameters))
              if weights]
    if not fitted:
        return "FSRS defaults"
    when = f" on {config.parameters_fitted}" if config.parameters_fitted else ""
    rest = "" if len(fitted) == 2 else f"; {'exercises' if fitted == ['questions'] else 'questions'}: FSRS defaults"
    return f"fitted to your reviews{when} ({' and '.join(fitted)}){rest}"


def _true_retention(store: Store, now: datetime) -> tuple[float | None, int]:
    """Share of real reviews recalled (rating ≥ 2) over the last 30 days, as Anki's "true retention" counts it:
    first sightings and same-day learning steps are left out."""
    recalled = total = 0
    for rating, at, previous in store.retention_reviews(now - timedelta(days=RETENTION_DAYS)):
        if previous is None:
            continue
        if datetime.fromisoformat(at) - datetime.fromisoformat(previous) < timedelta(hours=12):
            continue
        total += 1
        recalled += rating >= 2
    return (recalled / total if total else None), total


def heatmap_levels(values: dict[date, int]) -> dict[date, int]:
    """Intensity 0-4 per day, by quartile of the active days (as contribution graphs do)."""
    active = sorted(v for v in values.values() if v > 0)
    if not active:
        return {}
    cuts = [active[min(len(active) - 1, math.floor(q * len(active)))] for q in (0.25, 0.5, 0.75)]
    return {day: (0 if v <= 0 else 1 + sum(v > c for c in cuts)) for day, v in values.items()}
