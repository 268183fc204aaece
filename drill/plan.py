"""`drill plan`: a study plan to an interview date — new questions a day, exercises on which days, and the last days
kept for review with the desired retention raised — saved as $DRILL_HOME/plan.json so that the dashboard and
`drill quiz` follow it until the date.

The arithmetic, so that a person can check it: the study days are today up to the day before the interview. The
last fifth of them (at least one, when there are two or more) are review days: no new questions, and the
scheduler's desired retention is raised to 0.95 so that every card comes round once more before the interview.
The new questions are spread evenly over the days before those (each day takes what is left over the learning
days left, rounded up — the same rule `drill quiz` follows, so a plan followed to the letter never drifts from its
table); exercises not yet passed, one a day from the first day (two when there are more exercises than days).

Today is special: new questions introduced today, from any topic, already count against today's allowance (as they
do in `drill quiz`), so today's row holds only what is still to do today and the rest is spread over the days after.
Its row, the dashboard and `drill quiz` give the same number all day: the day's quota (the plan's topics' questions
unlearned at the start of today over the learning days left) less everything introduced today.

Expected reviews per day come from FSRS itself: the days on which a card answered *good* every time falls due. A
plan that needs more than 60 new questions a day (or more than two exercises a day) cannot fit, and says so: it is
saved with what fits.
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
    due_days: list[date], new_card_offsets: list[int], now: datetime, learned_today: int = 0,
    introduced_today: int = 0,
) -> Plan:
    """Spread the unlearned questions and unpassed exercises over the days to `interview_day`.

    `due_days`: the study days on which cards already learned fall due (for the review counts);
    `new_card_offsets`: the days after its first day on which a card answered good every time comes back;
    `learned_today`: questions of the plan's topics introduced today (already learned, so not in `unlearned`);
    `introduced_today`: new questions introduced today from any topic — they use up today's allowance.
    """
    count = (interview_day - today).days
    if count <= 0:
        raise ValueError("the interview date must be after today")
    days = [today + timedelta(days=i) for i in range(count)]
    review_days = max(1, round(count * REVIEW_SHARE)) if count >= 2 else 0
    learning = days[: count - review_days] or days
    warnings: list[str] = []
    today_quota = _quota(unlearned + learned_today, len(learning))
    today_new = min(unlearned, max(0, today_quota - introduced_today))
    fits = today_new + MAX_NEW_PER_DAY * (len(learning) - 1)
    if unlearned > fits:
        per_day = math.ceil(unlearned / len(learning))
        span = f"{unlearned} new questions in {len(learning)} day{'s' if len(learning) != 1 else ''}"
        after = f" and at most {MAX_NEW_PER_DAY} a day after" if len(learning) > 1 else ""
        if per_day > MAX_NEW_PER_DAY:
            why = (f"{span} is {per_day} a day: more than the {MAX_NEW_PER_DAY} a day that can be learned and still "
                   "reviewed")
        else:
            why = (f"{span} do not fit: {introduced_today} new question"
                   f"{'s were' if introduced_today != 1 else ' was'} already introduced today, which leaves room for "
                   f"{today_new} more today")
        kept = f" ({today_new} today{after})" if len(learning) > 1 else ""
        warnings.append(f"{why}. The plan keeps {fits} questions{kept}; narrow the topics or move the date for the "
                        "rest.")
    per_exercise_day = 1 if len(exercises_to_pass) <= len(learning) else 2
    if len(exercises_to_pass) > 2 * len(learning):
        warnings.append(f"{len(exercises_to_pass)} exercises not yet passed in {len(learning)} days is more than two "
                        "a day: the plan keeps the first ones; pick the topics that matter most.")
    remaining = unlearned
    plan_days: list[PlanDay] = []
    queue = list(exercises_to_pass)
    for index, day in enumerate(days):
        review_only = day not in learning
        if review_only:
            new = 0
        elif index == 0:
            new = today_new
        else:
            new = min(remaining, _quota(remaining, len(learning) - index))
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


def _quota(unlearned: int, learning_days_left: int) -> int:
    """One learning day's share: what is unlearned over the learning days left, rounded up, at most the maximum."""
    if unlearned <= 0 or learning_days_left <= 0:
        return 0
    return min(MAX_NEW_PER_DAY, math.ceil(unlearned / learning_days_left))


def new_quota(plan: Plan, today: date, unlearned_now: int, learned_today: int) -> int | None:
    """Today's new questions under the plan, for the whole day, catching up on days missed: the plan's topics'
    questions unlearned at the start of today (`unlearned_now` plus `learned_today`, those of the plan's topics
    introduced today) over the learning days left, today included. Questions of other topics introduced today are
    not the plan's work: they do not raise the quota (they do use it up — see PlanToday.new_left). None when the
    plan does not set it today."""
    if not plan.active(today):
        return None
    left = [d for d in plan.days if d.day >= today.isoformat() and not d.review_only]
    if not left:
        return 0
    return _quota(unlearned_now + learned_today, len(left))


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
        introduced_today = store.count_introduced(today)
    finally:
        store.close()
    unlearned = sum(1 for q in questions if q.id not in cards)
    learned_today = sum(1 for q in questions if q.id in cards and cards[q.id].introduced_day == today)
    wanted = {q.id for q in questions} | {e.slug for e in exercises}
    due_days = [study_day(c.due.astimezone(now.tzinfo), config.rollover_hour) for item, c in cards.items()
                if item in wanted]
    return make_plan(interview_day, today, topics, unlearned=unlearned,
                     exercises_to_pass=[e.slug for e in exercises if e.slug not in passed],
                     due_days=[d for d in due_days if d < interview_day], new_card_offsets=good_path_offsets(config),
                     now=now, learned_today=learned_today, introduced_today=introduced_today)


@dataclass(frozen=True)
class PlanToday:
    """What the plan in force asks of today."""

    plan: Plan
    new_quota: int  # new questions allowed today in all, all topics together (what `drill quiz` takes as its limit)
    topics: frozenset[str]  # new questions come from these (empty: any)
    exercises: tuple[str, ...]
    days_left: int
    final: bool  # a review-only day, with the retention raised
    new_left: int = 0  # still to do today: the quota less every new question introduced today (any topic)
    introduced_today: int = 0  # new questions introduced today, any topic


def plan_today(questions, cards, introduced_today: int, today: date) -> PlanToday | None:
    """The saved plan's demands for today, or None when there is no plan in force.

    `cards`: the question cards; `introduced_today`: new questions introduced today, from any topic."""
    plan = load_plan()
    if plan is None or not plan.active(today):
        return None
    return follow(plan, questions, cards, introduced_today, today)


def follow(plan: Plan, questions, cards, introduced_today: int, today: date) -> PlanToday:
    """What `plan` asks of today, given every question, the question cards and what was introduced today."""
    topics = frozenset(plan.topics)
    mine = [q for q in questions if not topics or q.topic in topics]
    unlearned = sum(1 for q in mine if q.id not in cards)
    learned_today = sum(1 for q in mine if q.id in cards and cards[q.id].introduced_day == today)
    quota = new_quota(plan, today, unlearned, learned_today) or 0
    entry = plan.day(today)
    return PlanToday(plan, quota, topics, tuple(entry.exercises) if entry else (),
                     (date.fromisoformat(plan.interview_day) - today).days, plan.in_final_days(today),
                     max(0, quota - introduced_today), introduced_today)


def status_now(plan: Plan) -> tuple[date, PlanToday | None]:
    """Today's study day and what `plan` asks of it now (None when the plan is over) — for showing the plan with
    today's row as the dashboard and `drill quiz` count it."""
    from drill import clock
    from drill.banks import load_banks
    from drill.config import load_config
    from drill.scheduler import open_progress

    config = load_config()
    today = clock.study_day(clock.now(), config.rollover_hour)
    if not plan.active(today):
        return today, None
    questions = load_banks().questions
    store = open_progress(config)
    try:
        cards = store.cards("question")
        introduced = store.count_introduced(today)
    finally:
        store.close()
    return today, follow(plan, questions, cards, introduced, today)
