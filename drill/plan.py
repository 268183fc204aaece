"""`drill plan`: a study plan to an interview date — new questions a day, exercises on which days, and the last days
kept for review with the desired retention raised — saved as $DRILL_HOME/plan.json so that the dashboard and
`drill quiz` follow it until the date.

The arithmetic, so that a person can check it: the study days are today up to the day before the interview. The
last fifth of them (at least one, when there are two or more) are review days: no new questions, and the
scheduler's desired retention is raised to 0.95 so that every card comes round once more before the interview.
The new questions are spread evenly over the days before those; exercises not yet passed, one a day from the
first day (two when there are more exercises than days). Expected reviews per day come from FSRS itself: the
days on which a card answered *good* every time falls due. A plan that needs more than 60 new questions a day
(or more than two exercises a day) cannot fit, and says so: it is saved with what fits.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from drill import paths

MAX_NEW_PER_DAY = 60
FINAL_RETENTION = 0.95
REVIEW_SHARE = 0.2  # of the study days, at the end, for review only


@dataclass
class PlanDay:
    day: str  # ISO date
    new: int
    exercises: list[str] = field(default_factory=list)
    reviews: int = 0  # expected reviews (questions and exercises) from cards already learned or planned
    review_only: bool = False


@dataclass
class Plan:
    interview_day: str  # ISO
    topics: list[str]
    created: str
    new_total: int
    exercises_total: int
    days: list[PlanDay]
    final_from: str  # the first review-only day (ISO): the retention is raised from then on
    final_retention: float = FINAL_RETENTION
    warnings: list[str] = field(default_factory=list)

    def day(self, today: date) -> PlanDay | None:
        return next((d for d in self.days if d.day == today.isoformat()), None)

    def active(self, today: date) -> bool:
        return today < date.fromisoformat(self.interview_day)

    def in_final_days(self, today: date) -> bool:
        return self.active(today) and today >= date.fromisoformat(self.final_from)

    def dumps(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def loads(cls, text: str) -> Plan:
        data = json.loads(text)
        data["days"] = [PlanDay(**d) for d in data["days"]]
        return cls(**data)


def load_plan() -> Plan | None:
    """The saved plan, if there is one that can be read (a damaged file is ignored, not fatal)."""
    try:
        return Plan.loads(paths.plan_path().read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_plan(plan: Plan) -> Path:
    path = paths.plan_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(plan.dumps(), encoding="utf-8")
    temporary.replace(path)
    return path


def clear_plan() -> bool:
    try:
        paths.plan_path().unlink()
        return True
    except FileNotFoundError:
        return False


def make_plan(
    interview_day: date, today: date, topics: list[str], *, unlearned: int, exercises_to_pass: list[str],
    due_days: list[date], new_card_offsets: list[int], now: datetime,
) -> Plan:
    """Spread the unlearned questions and unpassed exercises over the days to `interview_day`.

    `due_days`: the study days on which cards already learned fall due (for the review counts);
    `new_card_offsets`: the days after its first day on which a card answered good every time comes back.
    """
    count = (interview_day - today).days
    if count <= 0:
        raise ValueError("the interview date must be after today")
    days = [today + timedelta(days=i) for i in range(count)]
    review_days = max(1, round(count * REVIEW_SHARE)) if count >= 2 else 0
    learning = days[: count - review_days] or days
    warnings: list[str] = []
    per_day = math.ceil(unlearned / len(learning)) if unlearned else 0
    if per_day > MAX_NEW_PER_DAY:
        fits = MAX_NEW_PER_DAY * len(learning)
        warnings.append(
            f"{unlearned} new questions in {len(learning)} day{'s' if len(learning) != 1 else ''} is {per_day} a day: "
            f"more than the {MAX_NEW_PER_DAY} a day that can be learned and still reviewed. The plan keeps "
            f"{MAX_NEW_PER_DAY} a day ({fits} questions); narrow the topics or move the date for the rest."
        )
        per_day = MAX_NEW_PER_DAY
    per_exercise_day = 1 if len(exercises_to_pass) <= len(learning) else 2
    if len(exercises_to_pass) > 2 * len(learning):
        warnings.append(f"{len(exercises_to_pass)} exercises not yet passed in {len(learning)} days is more than two "
                        "a day: the plan keeps the first ones; pick the topics that matter most.")
    remaining = unlearned
    plan_days: list[PlanDay] = []
    queue = list(exercises_to_pass)
    for day in days:
        review_only = day not in learning
        new = 0 if review_only else min(per_day, remaining)
        remaining -= new
        chosen = [] if review_only else [queue.pop(0) for _ in range(min(per_exercise_day, len(queue)))]
        plan_days.append(PlanDay(day.isoformat(), new, chosen, 0, review_only))
    reviews = {d.day: 0 for d in plan_days}
    for due in due_days:
        key = max(due, today).isoformat()
        if key in reviews:
            reviews[key] += 1
    for index, plan_day in enumerate(plan_days):
        for offset in new_card_offsets:
            later = index + offset
            if 0 < offset and later < len(plan_days):
                reviews[plan_days[later].day] += plan_day.new
    for plan_day in plan_days:
        plan_day.reviews = reviews[plan_day.day]
    final_from = days[len(learning)] if review_days else interview_day
    return Plan(interview_day.isoformat(), topics, now.isoformat(), unlearned, len(exercises_to_pass), plan_days,
                final_from.isoformat(), FINAL_RETENTION, warnings)


def new_quota(plan: Plan, today: date, unlearned_now: int, introduced_today: int) -> int | None:
    """Today's new questions under the plan, catching up on days missed: what is still unlearned (counting what
    was learned today) over the learning days left, today included. None when the plan does not set it today."""
    if not plan.active(today):
        return None
    left = [d for d in plan.days if d.day >= today.isoformat() and not d.review_only]
    if not left:
        return 0
    return min(MAX_NEW_PER_DAY, math.ceil((unlearned_now + introduced_today) / len(left)))


def good_path_offsets(config, horizon_days: int = 120) -> list[int]:
    """The days after its first day on which a new card, answered good every time, falls due (FSRS, no fuzz)."""
    from dataclasses import replace

    from drill import scheduler as sched

    scheduler = sched.make_scheduler(replace(config, fuzz=False))
    moment = datetime(2026, 1, 5, 9, 0).astimezone()
    first_day = moment.date()
    card = None
    offsets: list[int] = []
    for _ in range(40):
        card = sched.review(scheduler, card, "plan-probe", "question", 3, moment, first_day).card
        moment = max(card.due, moment)
        offset = (moment.date() - first_day).days
        if offset > horizon_days:
            break
        if offset > 0 and (not offsets or offset != offsets[-1]):
            offsets.append(offset)
    return offsets


def build_plan(interview_day: date, topics: list[str], now: datetime) -> Plan:
    """Count what the chosen topics still need and lay it out to the interview day."""
    from drill.banks import load_banks, select_questions
    from drill.clock import study_day
    from drill.config import load_config
    from drill.exercises import load_exercises
    from drill.scheduler import open_progress

    config = load_config()
    today = study_day(now, config.rollover_hour)
    if interview_day <= today:
        from drill.errors import UsageError

        raise UsageError(f"the interview date {interview_day:%a %d %b %Y} is not after today ({today:%a %d %b}) — "
                         "give the day of the interview, e.g. --date " + (today + timedelta(days=14)).isoformat())
    questions = select_questions(load_banks().banks, topics, [])
    exercises = [e for e in load_exercises(skip_invalid=True) if not topics or e.topic in topics]
    store = open_progress(config)
    try:
        cards = store.cards()
        passed = {c.exercise for c in store.checks() if c.status == "pass"}
    finally:
        store.close()
    unlearned = sum(1 for q in questions if q.id not in cards)
    wanted = {q.id for q in questions} | {e.slug for e in exercises}
    due_days = [study_day(c.due.astimezone(now.tzinfo), config.rollover_hour) for item, c in cards.items()
                if item in wanted]
    return make_plan(interview_day, today, topics, unlearned=unlearned,
                     exercises_to_pass=[e.slug for e in exercises if e.slug not in passed],
                     due_days=[d for d in due_days if d < interview_day], new_card_offsets=good_path_offsets(config),
                     now=now)


@dataclass(frozen=True)
class PlanToday:
    """What the plan in force asks of today."""

    plan: Plan
    new_quota: int  # new questions allowed today, all topics together
    topics: frozenset[str]  # new questions come from these (empty: any)
    exercises: tuple[str, ...]
    days_left: int
    final: bool  # a review-only day, with the retention raised


def plan_today(questions, cards, introduced_today: int, today: date) -> PlanToday | None:
    """The saved plan's demands for today, or None when there is no plan in force."""
    plan = load_plan()
    if plan is None or not plan.active(today):
        return None
    topics = frozenset(plan.topics)
    unlearned = sum(1 for q in questions if (not topics or q.topic in topics) and q.id not in cards)
    quota = new_quota(plan, today, unlearned, introduced_today) or 0
    entry = plan.day(today)
    return PlanToday(plan, quota, topics, tuple(entry.exercises) if entry else (),
                     (date.fromisoformat(plan.interview_day) - today).days, plan.in_final_days(today))
