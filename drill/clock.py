"""The one source of "now", and the study day.

DRILL_NOW (ISO 8601 with an offset, e.g. 2026-03-01T09:30:00+01:00) overrides the system clock so that days,
streaks and schedules can be tested. A study day runs from the rollover hour (default 04:00 local) to the next,
and is computed from the local time *of the moment* (its stored offset), so travel never rewrites history.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

from drill.errors import UsageError


def now() -> datetime:
    """The current time, timezone-aware in the local zone (or as given by DRILL_NOW)."""
    override = os.environ.get("DRILL_NOW")
    if not override:
        return datetime.now().astimezone()
    try:
        moment = datetime.fromisoformat(override)
    except ValueError as exc:
        raise UsageError(f"DRILL_NOW={override!r} is not an ISO 8601 time — use e.g. 2026-03-01T09:30:00+01:00") from exc
    if moment.tzinfo is None:
        raise UsageError(f"DRILL_NOW={override!r} has no UTC offset — add one, e.g. +00:00")
    return moment


def study_day(moment: datetime, rollover_hour: int = 4) -> date:
    """The study day a moment belongs to: 03:30 with a 04:00 rollover is still the day before."""
    return (moment - timedelta(hours=rollover_hour)).date()


def day_start(day: date, tzinfo, rollover_hour: int = 4) -> datetime:
    """The moment a study day begins, in the given zone."""
    return datetime(day.year, day.month, day.day, rollover_hour, tzinfo=tzinfo)
