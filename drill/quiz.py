"""A review session, free of any terminal: which card comes next, how a typed answer compares, what a rating does.

Order follows Anki's habits: cards in (re)learning steps and due reviews first (most overdue first, up to the
daily review cap), then new questions (up to the daily new limit, taking topics in turn). A card rated into a short
learning step comes back later in the same session. Cramming shows the selected questions weakest first and logs
every answer without moving the schedule.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from fractions import Fraction

from fsrs import Scheduler

from drill import scheduler as sched
from drill.clock import study_day
from drill.config import Config
from drill.matching import PointVerdict, covers, judge_answer, suggest_rating
from drill.models import KeyPoint, Question, Review
from drill.store import CardRow, Store

LEARN_AHEAD = sched.LEARN_AHEAD
__all__ = ["covers"]  # re-exported: tests and tools judge one key point through the quiz's own matcher


# --- judging a typed answer --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """How a typed answer compares with the question's answer."""

    correct: bool | None = None  # choice and numeric: graded; recall: None
    covered: tuple[KeyPoint, ...] = ()
    missed: tuple[KeyPoint, ...] = ()
    suggested: int | None = None  # a rating 1-4 to suggest, if there is a basis for one
    given: str = ""  # the typed answer as understood, e.g. "choice 2" or "0.73"
    contradicted: tuple[KeyPoint, ...] = ()  # points the answer states wrongly
    verdicts: tuple[PointVerdict, ...] = ()  # recall: every point's verdict, with the pattern that decided


def assess_recall(question: Question, typed: str) -> Assessment:
    """Key points covered, contradicted and missed, and a suggested rating when something was typed."""
    verdicts = judge_answer(question, typed) if typed.strip() else ()
    by_status = {status: tuple(v.point for v in verdicts if v.status == status)
                 for status in ("covered", "contradicted", "missed")}
    return Assessment(
        covered=by_status["covered"], missed=by_status["missed"] if verdicts else question.key_points,
        contradicted=by_status["contradicted"], suggested=suggest_rating(verdicts), given=typed, verdicts=verdicts,
    )


def suggest_aloud(ticked: int, points: int, used_s: float, allowed_s: float) -> int:
    """An answer said aloud: the share of key points the learner ticks, and the time it took. Most points suggest
    good, all of them well inside the time easy, half hard; running out of time costs one step."""
    share = ticked / points if points else 0.0
    rating = 3 if share >= 0.75 else 2 if share >= 0.5 else 1
    if share == 1 and used_s <= 0.5 * allowed_s:
        rating = 4
    if used_s >= allowed_s and rating > 1:
        rating -= 1
    return rating


def parse_choice(question: Question, typed: str) -> int | None:
    """The 0-based index of the choice typed as 1..n (or a..e); None when it is not one."""
    text = typed.strip().lower().rstrip(".)")
    if text.isdigit() and 1 <= int(text) <= len(question.choices):
        return int(text) - 1
    if len(text) == 1 and "a" <= text <= "z" and ord(text) - ord("a") < len(question.choices):
        return ord(text) - ord("a")
    return None


def assess_choice(question: Question, index: int) -> Assessment:
    correct = index == question.answer
    return Assessment(correct=correct, suggested=3 if correct else 1, given=f"choice {index + 1}")


def parse_number(typed: str) -> float | None:
    """A number as a person types it: 0.73, -1e-3, 3/4, 12%, 1,000."""
    text = typed.strip().replace(",", "").replace("−", "-").replace(" ", "")
    scale = 1.0
    if text.endswith("%"):
        text, scale = text[:-1], 0.01
    try:
        value = float(Fraction(text)) if "/" in text else float(text)
    except (ValueError, ZeroDivisionError):
        return None
    return value * scale if math.isfinite(value) else None


def tolerance(question: Question) -> float:
    """The absolute tolerance of a numeric question (default: 1% of the answer's magnitude)."""
    if question.tolerance is not None:
        return question.tolerance
    return abs(float(question.answer)) * 0.01 or 1e-9


def assess_numeric(question: Question, value: float) -> Assessment:
    correct = abs(value - float(question.answer)) <= tolerance(question) * (1 + 1e-9)
    return Assessment(correct=correct, suggested=3 if correct else 1, given=repr(value))


# --- the session -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rated:
    """What a rating did."""

    question: Question
    rating: int
    due: datetime | None  # None when cramming
    leech: bool = False
    again_in_session: bool = False


@dataclass
class _Done:
    review_id: int
    question: Question
    rating: int
    previous: CardRow | None
    requeued: bool


@dataclass
class Summary:
    reviewed: int = 0
    ratings: Counter[int] = field(default_factory=Counter)
    new_seen: int = 0
    buried: int = 0
    leeches: list[str] = field(default_factory=list)
    cram: bool = False


class QuizSession:
    """One sitting. Every rating is written to the store before `rate` returns."""

    def __init__(
        self,
        store: Store,
        questions: list[Question],
        config: Config,
        *,
        now: Callable[[], datetime],
        limit: int | None = None,
        new_limit: int | None = None,
        cram: bool = False,
        explain: bool = False,
        aloud_seconds: int | None = None,
        new_topics: frozenset[str] = frozenset(),
    ):
        self.store = store
        self.explain = explain  # show which pattern decided each key point
        self.aloud_seconds = aloud_seconds  # recall questions answered out loud against this countdown
        self.new_topics = new_topics  # new questions only from these topics (a study plan's), when given
        self.config = config
        self.scheduler: Scheduler = sched.make_scheduler(config)
        self.now = now
        self.cram = cram
        self.by_id = {q.id: q for q in questions}
        self.limit = limit
        self.summary = Summary(cram=cram)
        self._history: list[_Done] = []
        self._shown = 0
        self._seen_ids: set[str] = set()
        moment = now()
        self.today = study_day(moment, config.rollover_hour)
        self.cards = store.cards("question")
        self.queue: deque[Question] = deque(self._build_queue(questions, moment, new_limit))
        self.planned = len(self.queue)

    # --- building the queue --------------------------------------------------------------------------------

    def _build_queue(self, questions: list[Question], moment: datetime, new_limit: int | None) -> list[Question]:
        hidden = self.store.buried(self.today) | self.store.suspended()
        candidates = [q for q in questions if q.id not in hidden]
        if self.cram:
            seen = [q for q in candidates if q.id in self.cards]
            seen.sort(key=lambda q: sched.retrievability(self.scheduler, self.cards[q.id], moment))
            return self._cap(seen + [q for q in candidates if q.id not in self.cards])
        rollover = self.config.rollover_hour
        due = [q for q in candidates if q.id in self.cards and sched.is_due(self.cards[q.id], moment, rollover)]
        due.sort(key=lambda q: self.cards[q.id].due)
        room = max(0, self.config.review_limit - self.store.count_due_reviews_done(self.today))
        learning = [q for q in due if sched.is_learning(self.cards[q.id])]
        reviews = [q for q in due if not sched.is_learning(self.cards[q.id])][:room]
        allowed_new = self.config.new_limit if new_limit is None else new_limit
        new_room = max(0, allowed_new - self.store.count_introduced(self.today))
        unseen = [q for q in candidates if q.id not in self.cards and (not self.new_topics or q.topic in self.new_topics)]
        new = _interleave_topics(unseen)[:new_room]
        return self._cap(learning + reviews + new)

    def _cap(self, queue: list[Question]) -> list[Question]:
        return queue if self.limit is None else queue[: self.limit]

    # --- moving through it --------------------------------------------------------------------------------

    def next_question(self) -> Question | None:
        """The next card to show, or None when the session is over."""
        if self.limit is not None and self._shown >= self.limit:
            return None
        if not self.queue:
            return None
        self._shown += 1
        question = self.queue.popleft()
        self._seen_ids.add(question.id)
        return question

    def is_new(self, question: Question) -> bool:
        return question.id not in self.cards

    def is_leech(self, question: Question) -> bool:
        card = self.cards.get(question.id)
        return card is not None and card.lapses >= self.config.leech_lapses

    def rate(self, question: Question, rating: int, *, answer: str = "", duration_ms: int = 0) -> Rated:
        """Log the rating (committed at once) and, unless cramming, move the card's schedule — from the card as
        stored at that moment, so another drill process rating the same card meanwhile is never overwritten."""
        if rating not in (1, 2, 3, 4):
            raise ValueError(f"rating must be 1-4, not {rating}")
        moment = self.now()
        day = study_day(moment, self.config.rollover_hour)
        review = Review(question.id, rating, moment, duration_ms, answer, self.cram, "question")
        if self.cram:
            review_id, previous, _ = self.store.record_review(review, day)
            self._history.append(_Done(review_id, question, rating, previous, False))
            self._count(rating, new=False)
            return Rated(question, rating, None)

        def next_card(stored: CardRow | None) -> CardRow:
            return sched.review(self.scheduler, stored, question.id, "question", rating, moment, day).card

        review_id, previous, card = self.store.record_review(review, day, next_card)
        assert card is not None
        self.cards[question.id] = card
        again = card.due <= moment + LEARN_AHEAD
        if again:
            self.queue.append(question)
        self._history.append(_Done(review_id, question, rating, previous, again))
        self._count(rating, new=previous is None)
        leech = card.lapses >= self.config.leech_lapses
        if leech and question.id not in self.summary.leeches and (previous is None or previous.lapses < card.lapses):
            self.summary.leeches.append(question.id)
        # with --limit the session may end before the card comes round again: then say when it is due instead
        comes_round = again and len(self.queue) <= self.remaining
        return Rated(question, rating, card.due, leech=leech, again_in_session=comes_round)

    def _count(self, rating: int, *, new: bool, sign: int = 1) -> None:
        self.summary.reviewed += sign
        self.summary.ratings[rating] += sign
        self.summary.new_seen += sign * int(new)

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    def undo(self, current: Question | None = None) -> Question | None:
        """Take back the last rating: the log entry goes and the card is rebuilt from what remains of its log;
        that card is shown again."""
        if not self._history:
            return None
        done = self._history.pop()
        rebuild = None if self.cram else sched.replay_item(self.config, "question")
        card = self.store.undo_review(done.review_id, done.question.id, rebuild)
        if not self.cram:
            if card is None:
                self.cards.pop(done.question.id, None)
            else:
                self.cards[done.question.id] = card
        if done.requeued:
            _remove_last(self.queue, done.question)
        if current is not None:
            self.put_back(current)
        self.put_back(done.question)
        self._count(done.rating, new=done.previous is None and not self.cram, sign=-1)
        return done.question

    def put_back(self, question: Question) -> None:
        """Return a shown, unrated card to the front of the queue."""
        self.queue.appendleft(question)
        self._shown -= 1

    def bury(self, question: Question) -> None:
        """Hide the card just shown until the next study day (it does not count toward the session's limit)."""
        self.store.bury(question.id, self.today + timedelta(days=1))
        self._shown = max(0, self._shown - 1)
        while question in self.queue:
            self.queue.remove(question)
        self.summary.buried += 1

    def follow_up(self, question: Question) -> Question | None:
        """The next follow-up the interviewer would ask, not yet seen this session."""
        for target in question.follow_ups:
            follow = self.by_id.get(target)
            if follow is not None and follow.id not in self._seen_ids:
                return follow
        return None

    def go_to(self, question: Question) -> None:
        """Show this question next (a follow-up the learner asked for)."""
        if question in self.queue:
            self.queue.remove(question)
        self.queue.appendleft(question)
        if self.limit is not None:
            self.limit += 1  # a follow-up asked for does not eat into the session's limit

    def next_due(self) -> datetime | None:
        """When the next of the session's questions falls due (for "nothing is due")."""
        dues = [self.cards[q].due for q in self.by_id if q in self.cards]
        return min(dues) if dues else None

    @property
    def remaining(self) -> int:
        """Cards still to be shown (each once), within --limit."""
        left = len(self.queue)
        if self.limit is not None:
            left = min(left, self.limit - self._shown)
        return left

    def to_go(self, current: Question | None = None) -> int:
        """Showings left in this session, the current one included, if every answer from now on is good: a new
        card still has its learning steps to come round for (within --limit)."""
        upcoming = ([current] if current is not None else []) + list(self.queue)
        if self.cram:
            showings = len(upcoming)
        else:
            showings = sum(sched.showings_left(self.cards.get(q.id), self.config) for q in upcoming)
        if self.limit is not None:
            showings = min(showings, self.limit - self._shown + (current is not None))
        return showings


def _remove_last(queue: deque[Question], question: Question) -> None:
    for index in range(len(queue) - 1, -1, -1):
        if queue[index] == question:
            del queue[index]
            return


def _interleave_topics(questions: list[Question]) -> list[Question]:
    """Bank order within a topic, topics taken in turn, so a mixed session mixes."""
    by_topic: dict[str, deque[Question]] = {}
    for question in questions:
        by_topic.setdefault(question.topic, deque()).append(question)
    ordered: list[Question] = []
    while by_topic:
        for topic in list(by_topic):
            ordered.append(by_topic[topic].popleft())
            if not by_topic[topic]:
                del by_topic[topic]
    return ordered
