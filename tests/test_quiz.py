"""The review session with a fixed clock: order, limits, learning steps, undo, bury, cram, and grading."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from drill.banks import load_bank
from drill.config import Config
from drill.models import KeyPoint, Question
from drill.quiz import QuizSession, assess_recall, covers, parse_choice, parse_number
from drill.store import open_store

T0 = datetime.fromisoformat("2026-03-02T10:00:00+00:00")


class Clock:
    def __init__(self, moment: datetime):
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def make_questions(n: int, topic: str = "t") -> list[Question]:
    return [
        Question(id=f"{topic}-{i}", type="recall", prompt=f"P{i}", answer="A", topic=topic, path=Path("x"), line=i)
        for i in range(n)
    ]


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "p.sqlite3")
    yield opened
    opened.close()


def session(store, questions, clock, **kwargs) -> QuizSession:
    config = kwargs.pop("config", Config(fuzz=False))
    return QuizSession(store, questions, config, now=clock, **kwargs)


def drain(quiz: QuizSession, rating: int = 3) -> list[str]:
    shown = []
    while (question := quiz.next_question()) is not None:
        shown.append(question.id)
        quiz.rate(question, rating)
    return shown


def test_new_questions_respect_the_daily_new_limit_across_sessions(store) -> None:
    clock = Clock(T0)
    questions = make_questions(30)
    first = session(store, questions, clock, config=Config(fuzz=False, new_limit=5, learning_steps=()))
    assert drain(first) == [f"t-{i}" for i in range(5)]
    second = session(store, questions, clock, config=Config(fuzz=False, new_limit=5, learning_steps=()))
    assert second.queue == type(second.queue)(), "the day's new cards are used up"
    clock.moment = T0 + timedelta(days=1)
    third = session(store, questions, clock, config=Config(fuzz=False, new_limit=5, learning_steps=()))
    assert [q.id for q in third.queue][:5] == [f"t-{i}" for i in range(5, 10)], "a new day brings new cards"


def test_the_study_day_rolls_over_at_four_in_the_morning(store) -> None:
    questions = make_questions(10)
    config = Config(fuzz=False, new_limit=2, learning_steps=())
    late = Clock(datetime.fromisoformat("2026-03-02T23:30:00+00:00"))
    drain(session(store, questions, late, config=config))
    before_rollover = Clock(datetime.fromisoformat("2026-03-03T03:30:00+00:00"))
    assert not session(store, questions, before_rollover, config=config).queue, "03:30 still belongs to the 2nd"
    after_rollover = Clock(datetime.fromisoformat("2026-03-03T04:00:00+00:00"))
    assert len(session(store, questions, after_rollover, config=config).queue) == 2


def test_due_reviews_come_before_new_questions_most_overdue_first(store) -> None:
    clock = Clock(T0)
    questions = make_questions(6)
    config = Config(fuzz=False, new_limit=3, learning_steps=())
    quiz = session(store, questions, clock, config=config)
    for question, rating in zip([quiz.next_question() for _ in range(3)], (3, 4, 2), strict=True):
        quiz.rate(question, rating)
    cards = store.cards()
    clock.moment = max(c.due for c in cards.values()) + timedelta(hours=1)
    later = session(store, questions, clock, config=config)
    order = [q.id for q in later.queue]
    due_order = sorted(cards, key=lambda i: cards[i].due)
    assert order[:3] == due_order and order[3:] == ["t-3", "t-4", "t-5"]


def test_the_daily_review_cap_limits_due_reviews(store) -> None:
    clock = Clock(T0)
    questions = make_questions(10)
    config = Config(fuzz=False, new_limit=10, learning_steps=(), review_limit=4)
    drain(session(store, questions, clock, config=config), rating=3)
    clock.moment = T0 + timedelta(days=60)
    later = session(store, questions, clock, config=config)
    assert len(later.queue) == 4


def test_a_card_rated_again_comes_back_in_the_same_session(store) -> None:
    quiz = session(store, make_questions(2), Clock(T0))
    first = quiz.next_question()
    assert first is not None
    result = quiz.rate(first, 1)
    assert result.again_in_session and result.due is not None and result.due - T0 == timedelta(minutes=1)
    assert [q.id for q in quiz.queue] == ["t-1", "t-0"]


def test_ratings_follow_fsrs_longer_intervals_for_easier_ratings(store) -> None:
    config = Config(fuzz=False, learning_steps=())
    dues = {}
    for rating in (1, 2, 3, 4):
        question = make_questions(1, topic=f"r{rating}")
        quiz = session(store, question, Clock(T0), config=config)
        dues[rating] = quiz.rate(quiz.next_question(), rating).due
    assert dues[1] <= dues[2] < dues[3] < dues[4]


def test_undo_takes_back_the_log_entry_and_the_card_state(store) -> None:
    quiz = session(store, make_questions(3), Clock(T0))
    first = quiz.next_question()
    quiz.rate(first, 4, answer="typed")
    second = quiz.next_question()
    assert store.count_all_reviews() == 1 and store.card("t-0") is not None
    undone = quiz.undo(current=second)
    assert undone == first
    assert store.count_all_reviews() == 0 and store.card("t-0") is None
    assert quiz.next_question() == first and quiz.next_question() == second
    assert quiz.summary.reviewed == 0


def test_bury_hides_a_card_until_the_next_study_day(store) -> None:
    clock = Clock(T0)
    questions = make_questions(2)
    quiz = session(store, questions, clock)
    quiz.bury(quiz.next_question())
    assert [q.id for q in quiz.queue] == ["t-1"]
    assert [q.id for q in session(store, questions, clock).queue] == ["t-1"]
    clock.moment = T0 + timedelta(days=1)
    assert "t-0" in [q.id for q in session(store, questions, clock).queue]


def test_cram_logs_answers_without_moving_the_schedule(store) -> None:
    clock = Clock(T0)
    questions = make_questions(3)
    drain(session(store, questions, clock, config=Config(fuzz=False, learning_steps=())))
    before = store.cards()
    cram = session(store, questions, clock, cram=True)
    assert len(cram.queue) == 3, "cramming shows questions that are not due"
    drain(cram, rating=1)
    assert store.cards() == before
    assert sum(r.review.cram for r in store.reviews()) == 3


def test_limit_caps_the_session_and_nothing_due_reports_the_next_due(store) -> None:
    clock = Clock(T0)
    questions = make_questions(5)
    quiz = session(store, questions, clock, limit=2, config=Config(fuzz=False, learning_steps=()))
    assert len(drain(quiz)) == 2
    done = session(store, questions[:2], clock, config=Config(fuzz=False, learning_steps=()))
    assert not done.queue and done.next_due() is not None and done.next_due() > T0


def test_a_leech_is_flagged_after_eight_lapses(store) -> None:
    clock = Clock(T0)
    question = make_questions(1)
    config = Config(fuzz=False, learning_steps=(), relearning_steps=())
    flagged = []
    for _ in range(10):
        quiz = session(store, question, clock, config=config, cram=False)
        card = quiz.next_question()
        if card is None:
            clock.moment = store.card("t-0").due
            continue
        result = quiz.rate(card, 3)  # into review
        clock.moment = result.due
        quiz = session(store, question, clock, config=config)
        result = quiz.rate(quiz.next_question(), 1)  # a lapse
        flagged.append(result.leech)
        clock.moment = result.due
    assert store.card("t-0").lapses >= 8
    assert flagged.index(True) == 7, "the eighth lapse makes it a leech"


def test_follow_ups_are_offered_once_and_can_be_visited(demo_bank: Path, store) -> None:
    bank, _ = load_bank(demo_bank)
    quiz = session(store, list(bank.questions), Clock(T0))
    first = quiz.next_question()
    follow = quiz.follow_up(first)
    assert follow is not None and follow.id == "demo-loss"
    quiz.go_to(follow)
    assert quiz.next_question() == follow
    assert quiz.follow_up(first) is None


def test_key_points_are_matched_by_any_pattern_case_insensitively(demo_bank: Path) -> None:
    bank, _ = load_bank(demo_bank)
    question = bank.questions[0]
    full = assess_recall(question, "It gives a PROBABILITY and is the inverse of the Logit.")
    assert len(full.covered) == 2 and full.suggested == 3
    half = assess_recall(question, "it outputs a probability")
    assert [p.text for p in half.missed] == ["inverse of the log-odds"] and half.suggested == 2
    assert assess_recall(question, "no idea").suggested == 1
    assert assess_recall(question, "").suggested is None, "pressing Enter gives no suggestion"
    four = replace(question, key_points=question.key_points * 2)  # the same two points twice: 4 points
    assert assess_recall(four, "a probability in (0, 1)").suggested == 2, "2 of 4 suggests hard"
    three_of_four = replace(four, key_points=four.key_points[:3] + (KeyPoint("never said", ("zzz",)),))
    assert assess_recall(three_of_four, "probability, log-odds").suggested == 3, "3 of 4 suggests good"
    assert covers(KeyPoint("bias variance tradeoff"), "the Variance and bias tradeoff")
    assert not covers(KeyPoint("bias variance tradeoff"), "only variance")


def test_choices_and_numbers_are_parsed_as_people_type_them(demo_bank: Path) -> None:
    bank, _ = load_bank(demo_bank)
    choice = bank.questions[1]
    assert parse_choice(choice, "2") == 1 and parse_choice(choice, "b") == 1 and parse_choice(choice, "9") is None
    assert parse_number("0.5") == 0.5 and parse_number("1/2") == 0.5 and parse_number("50%") == 0.5
    assert parse_number("1,000") == 1000 and parse_number("−2") == -2 and parse_number("abc") is None
