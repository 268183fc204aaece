"""Study days and the streak, computed from what the store logged (each event keeps the study day it counted for).

A day counts when its goal is met: at least `goal_answers` rated answers, or one passed check. The current streak
runs through consecutive counted days up to today; today, not yet studied, does not break it until it is over.
Freezes work as learners know them elsewhere: one is earned for every 7 counted days in a row (at most 2 held) and
one is spent automatically on a missed day, which keeps the streak alive without adding to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

FREEZE_EVERY = 7
MAX_FREEZES = 2


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    freezes: int  # held now
    frozen_days: tuple[date, ...] = field(default=())  # days a freeze was spent on, oldest first
    today_done: bool = False
    counted_days: frozenset[date] = field(default=frozenset())


def day_counts(answers: int, passed_checks: int, goal_answers: int) -> bool:
    """Whether a day's activity meets the daily goal."""
    return answers >= goal_answers or passed_checks > 0


def compute_streak(activity: dict[date, tuple[int, int]], today: date, goal_answers: int = 1) -> Streak:
    """Walk every day from the first counted one to today. `activity` maps a study day to (answers, passed checks)."""
    counted = frozenset(day for day, (answers, checks) in activity.items() if day_counts(answers, checks, goal_answers))
    if not counted:
        return Streak(0, 0, 0)
    run = longest = freezes = in_a_row = 0
    frozen: list[date] = []
    day = min(counted)
    while day <= today:
        if day in counted:
            run += 1
            in_a_row += 1
            longest = max(longest, run)
            if in_a_row % FREEZE_EVERY == 0 and freezes < MAX_FREEZES:
                freezes += 1
        elif day == today:
            pass  # today is not over: it cannot break the streak yet
        elif run and freezes:
            freezes -= 1
            frozen.append(day)
            in_a_row = 0  # "in a row" starts again after a frozen day
        else:
            run = in_a_row = 0
        day += timedelta(days=1)
    return Streak(run, longest, freezes, tuple(frozen), today in counted, counted)
