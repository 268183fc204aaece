"""A mock interview, free of any terminal: which questions and which exercise, what happened, and the report.

Two rounds by default. **Concepts**: opening questions chosen from what the learner is weakest at and has not seen
recently, each followed down its follow-up chain while the answers hold up (a rating below *good* ends the chain,
as an interviewer moves on). **Coding**: one exercise not yet mastered, against a clock. Every answer is also a
review of its card (logged by the quiz session), and the report is saved after every answer, so quitting keeps
everything done so far.

Scores, so they can be read without a manual: an answer scores its self-rating (again 0, hard 40, good 75,
easy 100); the concepts round is their mean; the coding round is 100 for a pass, otherwise the share of hidden
tests passed at the best check, times 0.8; the interview is the mean of the rounds it reached, weighted by their
time.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from drill import scheduler as sched
from drill.models import Exercise, Question
from drill.store import CardRow, CheckRecord

RATING_POINTS = {1: 0, 2: 40, 3: 75, 4: 100}
ANSWER_SECONDS = {"recall": 120, "derivation": 180}  # the time an interviewer gives one answer
CONCEPT_SHARE = 0.55  # of the interview's minutes, when it has both rounds
MINUTES_PER_OPENING = 5  # an opening question with its follow-ups


@dataclass(frozen=True)
class InterviewPlan:
    openings: tuple[Question, ...]
    exercise: Exercise | None
    concept_seconds: float
    coding_seconds: float


@dataclass
class Answer:
    """One concept question as it went."""

    id: str
    topic: str
    prompt: str
    opening: str  # the id of the opening question of its chain
    depth: int  # 0: the opening question; 1: its first follow-up, …
    seconds: float
    target_seconds: int
    covered: int
    points: int
    rating: int
    suggested: int | None = None
    aloud: bool = False

    @property
    def over_time(self) -> bool:
        return self.seconds > self.target_seconds


@dataclass
class Coding:
    """The coding round as it went."""

    slug: str
    title: str
    topic: str
    seconds_allowed: float
    checks: int = 0
    best_passed: int = 0
    total: int = 0
    passed: bool = False
    seconds_to_pass: float | None = None
    seconds: float = 0.0
    ended_by: str = ""  # pass | give-up | time | quit

    @property
    def score(self) -> float:
        if self.passed:
            return 100.0
        return 80.0 * self.best_passed / self.total if self.total else 0.0


@dataclass
class Report:
    started_at: str
    minutes: int
    topics: list[str]
    seed: int | None
    openings: list[str]
    exercise: str | None
    answers: list[Answer] = field(default_factory=list)
    coding: Coding | None = None
    finished: bool = False  # False when the learner quit (everything answered is kept)
    seconds: float = 0.0

    # --- scores ----------------------------------------------------------------------------------------------

    @property
    def concept_score(self) -> float | None:
        if not self.answers:
            return None
        return sum(RATING_POINTS[a.rating] for a in self.answers) / len(self.answers)

    @property
    def score(self) -> float | None:
        """The rounds reached, weighted by their time."""
        parts = []
        if self.concept_score is not None:
            parts.append((self.concept_score, CONCEPT_SHARE if self.coding else 1.0))
        if self.coding is not None and self.coding.ended_by != "quit-before":
            parts.append((self.coding.score, 1 - CONCEPT_SHARE))
        if not parts:
            return None
        return sum(s * w for s, w in parts) / sum(w for _, w in parts)

    @property
    def deepest_chain(self) -> int:
        return max((a.depth for a in self.answers), default=0)

    def weakest_topics(self) -> list[str]:
        """Topics by their mean answer score, weakest first (a failed coding round counts for its topic)."""
        scores: dict[str, list[float]] = {}
        for answer in self.answers:
            scores.setdefault(answer.topic, []).append(RATING_POINTS[answer.rating])
        if self.coding is not None and not self.coding.passed:
            scores.setdefault(self.coding.topic, []).append(self.coding.score)
        ranked = sorted(scores, key=lambda t: (sum(scores[t]) / len(scores[t]), t))
        return [t for t in ranked if sum(scores[t]) / len(scores[t]) < 75]

    def next_steps(self) -> list[str]:
        """The three things to review next, as commands."""
        steps: list[str] = []
        if self.coding is not None and not self.coding.passed and self.coding.ended_by != "quit-before":
            steps.append(f"drill implement {self.coding.slug}")
        weak = sorted((a for a in self.answers if a.rating <= 2), key=lambda a: (a.rating, -a.depth))
        for topic in dict.fromkeys([*self.weakest_topics(), *(a.topic for a in weak)]):
            steps.append(f"drill quiz {topic} --cram -n 10")
        if self.coding is not None and self.coding.passed and self.coding.seconds_to_pass is not None \
                and self.coding.seconds_to_pass > 0.75 * self.coding.seconds_allowed:
            steps.append(f"drill solution {self.coding.slug}")
        if not self.finished:  # ended early: the same interview again, from the start
            steps.append(" ".join(["drill interview", *self.topics, f"--minutes {self.minutes}"]))
        if not steps:
            steps.append("drill interview --minutes 45")  # nothing weak: a longer one
        return steps[:3]

    # --- storage -----------------------------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["scores"] = {"concepts": _round(self.concept_score), "coding": _round(self.coding.score)
                          if self.coding else None, "overall": _round(self.score)}
        data["deepest_chain"] = self.deepest_chain
        data["weakest_topics"] = self.weakest_topics()
        data["next_steps"] = self.next_steps()
        return data

    def dumps(self) -> str:
        return json.dumps(self.to_json())

    @classmethod
    def loads(cls, text: str) -> Report:
        data = json.loads(text)
        answers = [Answer(**a) for a in data.pop("answers", [])]
        coding = Coding(**data.pop("coding")) if data.get("coding") else None
        data.pop("coding", None)
        known = {f for f in cls.__dataclass_fields__}
        return cls(**{k: v for k, v in data.items() if k in known}, answers=answers, coding=coding)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


# --- choosing ---------------------------------------------------------------------------------------------------


def plan_interview(
    questions: list[Question], exercises: list[Exercise], cards: dict[str, CardRow], checks: list[CheckRecord],
    *, now: datetime, minutes: int, rounds: tuple[str, ...], scheduler: Any, seed: int | None,
    previous: Report | None,
) -> InterviewPlan:
    """What this interview asks: openings from the learner's weakest, least recently seen questions, and one
    exercise not yet mastered; never the previous interview's own set again when there is another choice."""
    rng = random.Random(seed)
    coding = "coding" in rounds and bool(exercises)
    total = minutes * 60.0
    concept_seconds = total * (CONCEPT_SHARE if coding and "concepts" in rounds else 1.0) if "concepts" in rounds \
        else 0.0
    coding_seconds = total - concept_seconds if coding else 0.0
    wanted = max(1, math.ceil(concept_seconds / 60 / MINUTES_PER_OPENING)) if concept_seconds else 0
    openings = _choose_openings(questions, cards, now, rng, scheduler, wanted, previous)
    exercise = _choose_exercise(exercises, cards, checks, now, rng, previous) if coding else None
    return InterviewPlan(tuple(openings), exercise, concept_seconds, coding_seconds)


def _weakness(card: CardRow | None, now: datetime, scheduler: Any) -> float:
    if card is None:
        return 0.6  # never seen: weaker than most learned cards, not as weak as a forgotten one
    return 1.0 - sched.retrievability(scheduler, card, now)


def _choose_openings(questions: list[Question], cards: dict[str, CardRow], now: datetime, rng: random.Random,
                     scheduler: Any, wanted: int, previous: Report | None) -> list[Question]:
    candidates = [q for q in questions if q.type in ("recall", "derivation")]
    if not candidates or not wanted:
        return []
    asked_before = set(previous.openings) if previous else set()
    if len([q for q in candidates if q.id not in asked_before]) >= wanted:
        candidates = [q for q in candidates if q.id not in asked_before]
    followed = {target for q in questions for target in q.follow_ups}

    def score(question: Question) -> float:
        card = cards.get(question.id)
        recent = card is not None and card.last_review is not None and now - card.last_review < timedelta(days=1)
        return (_weakness(card, now, scheduler) + 0.3 * bool(question.follow_ups) - 0.2 * (question.id in followed)
                - 0.6 * recent + 0.35 * rng.random())

    ranked = sorted(candidates, key=score, reverse=True)
    by_topic: dict[str, int] = {}
    cap = max(1, math.ceil(wanted / max(1, len({q.topic for q in candidates}))))
    chosen: list[Question] = []
    for question in ranked:  # mix the topics: at most an even share from each
        if by_topic.get(question.topic, 0) < cap:
            chosen.append(question)
            by_topic[question.topic] = by_topic.get(question.topic, 0) + 1
        if len(chosen) == wanted:
            break
    return chosen


def _choose_exercise(exercises: list[Exercise], cards: dict[str, CardRow], checks: list[CheckRecord],
                     now: datetime, rng: random.Random, previous: Report | None) -> Exercise | None:
    """Not yet passed first, then due for re-implementation, then the least stable; ties broken by the seed."""
    passed = {c.exercise for c in checks if c.status == "pass"}
    pool = [e for e in exercises if previous is None or e.slug != previous.exercise] or exercises
    if not pool:
        return None

    def rank(exercise: Exercise) -> tuple[int, float, float]:
        card = cards.get(exercise.slug)
        if exercise.slug not in passed:
            return (0, 0.0, rng.random())
        if card is not None and card.due <= now:
            return (1, 0.0, rng.random())
        return (2, card.stability or 0.0 if card else 0.0, rng.random())

    return min(pool, key=rank)


def next_follow_up(question: Question, by_id: dict[str, Question], asked: set[str]) -> Question | None:
    """What the interviewer asks next after a good answer: the first follow-up not asked yet."""
    for target in question.follow_ups:
        follow = by_id.get(target)
        if follow is not None and follow.id not in asked and follow.type in ("recall", "derivation", "numeric",
                                                                                 "choice"):
            return follow
    return None


def target_seconds(question: Question, aloud_seconds: int | None = None) -> int:
    """The time an interviewer would give this answer."""
    if aloud_seconds is not None and question.type == "recall":
        return aloud_seconds
    return ANSWER_SECONDS.get(question.type, 60)


# --- history ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PastInterview:
    id: int
    started_at: datetime
    report: Report


def trend(scores: list[float]) -> str:
    """A sparkline of scores 0–100, oldest first."""
    bars = "▁▂▃▄▅▆▇█"
    return "".join(bars[min(7, int(s / 100 * 8))] for s in scores)
