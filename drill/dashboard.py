"""The dashboard behind a bare `drill`: the streak and today's goal, what is due by topic, and what to run next."""

from __future__ import annotations

from dataclasses import dataclass

from drill import clock
from drill.banks import broken_banks, load_banks
from drill.clock import study_day
from drill.config import load_config
from drill.exercises import exercise_slugs
from drill.plan import PlanToday, plan_today
from drill.practice import due_exercises
from drill.scheduler import is_due, open_progress
from drill.streak import Streak, compute_streak


@dataclass(frozen=True)
class TopicDue:
    topic: str
    title: str
    due: int
    new: int
    total: int


@dataclass(frozen=True)
class Dashboard:
    fresh: bool  # nothing ever rated or checked
    streak: Streak
    goal_answers: int
    answers_today: int
    topics: list[TopicDue]
    exercises_due: list[str]
    new_room: int
    suggestion: str
    reason: str
    broken: tuple[str, ...] = ()  # bank files left out because they do not load
    plan: PlanToday | None = None  # the study plan in force, if any

    @property
    def due(self) -> int:
        return sum(t.due for t in self.topics)


def build_dashboard() -> Dashboard:
    """Count what is due now, per topic, and pick the one command to run next."""
    config = load_config()
    loaded = load_banks()
    now = clock.now()
    today = study_day(now, config.rollover_hour)
    store = open_progress(config)
    try:
        cards = store.cards("question")
        buried = store.buried(today) | store.suspended()
        introduced = store.count_introduced(today)
        following = plan_today(loaded.questions, cards, introduced, today)
        # the plan's own count of what is left today, so that its line and this one agree
        new_room = following.new_left if following else max(0, config.new_limit - introduced)
        passed = {c.exercise for c in store.checks() if c.status == "pass"}
        activity = store.activity_by_day()
        exercises_due = due_exercises(store, now, config.rollover_hour)
        fresh = not cards and not store.checks()
    finally:
        store.close()
    known = set(exercise_slugs())
    exercises_due = [slug for slug in exercises_due if slug in known]
    streak = compute_streak(activity, today, config.goal_answers)
    topics = []
    for bank in loaded.banks:
        ids = [q.id for q in bank.questions if q.id not in buried]
        due = sum(1 for i in ids if i in cards and is_due(cards[i], now, config.rollover_hour))
        new = sum(1 for i in ids if i not in cards)
        topics.append(TopicDue(bank.topic, bank.title, due, new, len(bank.questions)))
    suggestion, reason = _suggest(topics, exercises_due, new_room, fresh)
    planned = [slug for slug in (following.exercises if following else ()) if slug not in passed]
    if planned and suggestion.startswith("drill quiz --cram"):  # today's questions are done: the plan's exercise
        suggestion, reason = f"drill implement {planned[0]}", "today's exercise in your plan"
    return Dashboard(fresh, streak, config.goal_answers, activity.get(today, (0, 0))[0], topics, exercises_due,
                     new_room, suggestion, reason, tuple(broken_banks(loaded.problems)), following)


def _suggest(topics: list[TopicDue], exercises_due: list[str], new_room: int, fresh: bool) -> tuple[str, str]:
    due = sum(t.due for t in topics)
    if fresh:
        return "drill quiz", "start with today's first questions"
    if due:
        busiest = max(topics, key=lambda t: t.due)
        if busiest.due == due:
            return f"drill quiz {busiest.topic}", f"{due} review{'s' if due != 1 else ''} due"
        return "drill quiz", f"{due} reviews due across topics"
    if exercises_due:
        return f"drill implement {exercises_due[0]}", "time to implement it again from memory"
    if new_room and any(t.new for t in topics):
        return "drill quiz", f"up to {new_room} new questions today"
    return "drill quiz --cram", "everything is done for today — cram if you want more"
