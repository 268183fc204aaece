"""The interactive quiz: asks, reveals, reads the rating, and drives a QuizSession.

On a terminal ratings are single key presses; on a pipe every answer, step attempt and rating is one line
(`1`-`4` or again/hard/good/easy; a trailing `f` follows up). At any prompt `q` ends the session, `u` undoes the
last rating and `s` buries the card until tomorrow. Ctrl-C and end of input end the session; every rating given
is already committed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from drill import ui
from drill.models import BadExample, Question
from drill.quiz import (
    QuizSession,
    assess_choice,
    assess_numeric,
    assess_recall,
    parse_choice,
    parse_number,
    suggest_aloud,
)

RATING_WORDS = {"1": 1, "2": 2, "3": 3, "4": 4, "again": 1, "hard": 2, "good": 3, "easy": 4}
COMMANDS = {"q": "quit", "quit": "quit", "u": "undo", "undo": "undo", "s": "bury", "skip": "bury", "bury": "bury"}


class Ended(Exception):  # noqa: N818 - what happened, not an error
    """The learner ended the session (q, Ctrl-C, end of input)."""


@dataclass
class _Command(Exception):
    name: str  # "undo" or "bury"
    rated: bool = False  # given after the card was rated (at the follow-up offer): nothing to put back


@dataclass
class _Rating:
    value: int
    follow: bool


def run_quiz(session: QuizSession, reader: ui.Input) -> None:
    """Drive the session until it is over or the learner ends it; then print the summary."""
    try:
        _loop(session, reader)
    except (Ended, KeyboardInterrupt):
        pass
    finally:
        s = session.summary
        ui.session_summary(s.reviewed, dict(s.ratings), s.new_seen, s.buried, s.leeches, s.cram,
                           session.next_due(), session.now())


def _loop(session: QuizSession, reader: ui.Input) -> None:
    question = session.next_question()
    while question is not None:
        try:
            follow = _ask(session, reader, question)
        except _Command as command:
            if command.name == "undo":
                if not session.can_undo:
                    ui.hint_line("Nothing to undo yet.")
                    session.put_back(question)
                else:
                    undone = session.undo(current=None if command.rated else question)
                    ui.hint_line(f"Undone: the rating of {undone.id if undone else '?'} is taken back.")
            else:
                session.bury(question)
                ui.hint_line("Buried until tomorrow.")
            question = session.next_question()
            continue
        if follow is not None:
            session.go_to(follow)
        question = session.next_question()


@dataclass
class _Response:
    """How one question was answered, before the rating is logged."""

    typed: str
    rating: _Rating
    suggested: int | None
    covered: int  # key points covered (recall) or ticked (aloud); 1/0 for choice and numeric
    points: int
    seconds: float


def _ask(session: QuizSession, reader: ui.Input, question: Question) -> Question | None:
    """Ask one question and record its rating; returns the follow-up to go to, if the learner asked for one."""
    done = session.summary.reviewed
    ui.question_header(question, done, session.to_go(question), new=session.is_new(question),
                       leech=session.is_leech(question), cram=session.cram)
    response = respond(reader, question, explain=session.explain, aloud_seconds=session.aloud_seconds)
    rating = response.rating
    result = session.rate(question, rating.value, answer=response.typed, duration_ms=int(response.seconds * 1000))
    ui.rated(result.rating, result.due, now=session.now(), again_in_session=result.again_in_session,
             leech=result.leech)
    follow = session.follow_up(question)
    if follow is None:
        return None
    if reader.keys:
        how = "f go there · u undo · q quit · any other key continues"
    elif question.type in ("recall", "derivation"):
        how = "add f to the rating (e.g. 3f) to go there"
    else:
        how = ""  # piped, an auto-graded question reads no rating line to carry the f
    ui.follow_up_offer(follow, how=how)
    if rating.follow:
        return follow
    if reader.keys:
        key = reader.key("")
        if key is None:
            raise Ended
        if key.lower() == "q":
            raise Ended
        if key.lower() == "u":  # the offer obeys the keys every prompt does
            raise _Command("undo", rated=True)
        return follow if key.lower() == "f" else None
    return None


def respond(reader: ui.Input, question: Question, *, explain: bool = False,
             aloud_seconds: int | None = None) -> _Response:
    """Ask for the answer (typed, or said aloud against a countdown), reveal, and read the rating."""
    started = time.monotonic()
    if question.type == "choice":
        ui.choices(question)
        index = _read_valid(reader, "Your choice (number):", lambda text: parse_choice(question, text))
        assessment = assess_choice(question, index)
        right = question.choices[int(question.answer)]
        ui.graded(bool(assessment.correct), f"The answer is {int(question.answer) + 1}. {right}")
        ui.explanation(question.explanation)
        return _Response(str(index + 1), _Rating(assessment.suggested or 1, False), assessment.suggested,
                         int(bool(assessment.correct)), 1, time.monotonic() - started)
    if question.type == "numeric":
        value = _read_valid(reader, "Your answer (a number):", parse_number)
        assessment = assess_numeric(question, value)
        ui.graded(bool(assessment.correct), f"The answer is {ui.number(float(question.answer))}.")
        ui.explanation(question.explanation)
        return _Response(ui.number(value), _Rating(assessment.suggested or 1, False), assessment.suggested,
                         int(bool(assessment.correct)), 1, time.monotonic() - started)
    if question.type == "derivation":
        attempts = []
        for number, step in enumerate(question.steps, start=1):
            attempt = read_line(reader, f"Step {number}/{len(question.steps)} — your next move (Enter to reveal):")
            attempts.append(attempt)
            ui.derivation_step(number, len(question.steps), step)
        ui.answer_panel(question, title="result")
        seconds = time.monotonic() - started
        return _Response("\n".join(a for a in attempts if a), _read_rating(reader, None), None, 0, 0, seconds)
    if aloud_seconds is not None:
        return _respond_aloud(reader, question, aloud_seconds)
    typed = read_line(reader, "Your answer (Enter to reveal):")
    seconds = time.monotonic() - started
    assessment = assess_recall(question, typed)
    ui.answer_panel(question)
    if question.key_points:
        if typed.strip():
            ui.point_verdicts(assessment.verdicts, explain=explain)
        else:
            ui.hint_line("Key points: " + "; ".join(p.text for p in question.key_points))
    common = _common_mistake(question, assessment.contradicted)
    if common is not None:
        ui.common_mistake(common, yours=bool(set(common.contradicts) & _numbers(question, assessment)))
    points = len(question.key_points) if typed.strip() else 0  # an answer given in your head is not scored
    return _Response(typed, _read_rating(reader, assessment.suggested), assessment.suggested,
                     len(assessment.covered), points, seconds)


def _respond_aloud(reader: ui.Input, question: Question, seconds: int) -> _Response:
    """Say it out loud: a countdown (Enter stops it early), then tick the key points you said."""
    ui.aloud_start(seconds, keys=reader.keys)
    used = _countdown(reader, seconds)
    ui.aloud_stop(used, seconds)
    ui.answer_panel(question)
    points = question.key_points
    ticked = _checklist(reader, points) if points else set()
    suggested = suggest_aloud(len(ticked), len(points), used, seconds) if points else None
    typed = f"(aloud, {used:.0f} s; ticked {', '.join(map(str, sorted(ticked))) or 'none'})"
    return _Response(typed, _read_rating(reader, suggested), suggested, len(ticked), len(points), used)


def _countdown(reader: ui.Input, seconds: int) -> float:
    """Seconds used: until Enter, or the whole countdown. From a pipe, one line stands for the spoken answer."""
    started = time.monotonic()
    if not reader.keys:
        read_line(reader, "Answer out loud, then press Enter:")
        return time.monotonic() - started
    while True:
        left = seconds - (time.monotonic() - started)
        if left <= 0:
            ui.countdown(0, done=True)
            return float(seconds)
        ui.countdown(left)
        key = reader.wait_key(min(0.25, left))
        if key is None:
            continue
        if key in ("\x03", "\x04"):
            raise Ended
        if key in ("\r", "\n"):
            return time.monotonic() - started
        if key.lower() == "q":
            raise Ended


def _checklist(reader: ui.Input, points: tuple) -> set[int]:
    """The key points the learner says they covered: keys 1–9 toggle, Enter finishes (a pipe: one line "1 3")."""
    ui.checklist(points)
    if not reader.keys:
        text = read_line(reader, "Points you said (numbers, e.g. 1 3):")
        return {int(t) for t in text.replace(",", " ").split() if t.isdigit() and 1 <= int(t) <= len(points)}
    ticked: set[int] = set()
    while True:
        ui.checklist_state(ticked, len(points))
        key = reader.wait_key(None)
        if key is None or key in ("\x03", "\x04"):
            raise Ended
        if key in ("\r", "\n"):
            ui.checklist_state(ticked, len(points), final=True)
            return ticked
        if key.isdigit() and 1 <= int(key) <= len(points):
            ticked ^= {int(key)}
        elif key.lower() == "q":
            raise Ended


def _numbers(question: Question, assessment) -> set[int]:
    return {i for i, p in enumerate(question.key_points, start=1) if p in assessment.contradicted}


def _common_mistake(question: Question, contradicted: tuple) -> BadExample | None:
    """The bank's wrong answer that teaches most here: one stating wrongly what this answer did, else the first."""
    if not question.bad_examples:
        return None
    numbers = {i for i, p in enumerate(question.key_points, start=1) if p in contradicted}
    return next((b for b in question.bad_examples if set(b.contradicts) & numbers), question.bad_examples[0])


def _command(text: str) -> None:
    name = COMMANDS.get(text.strip().lower())
    if name == "quit":
        raise Ended
    if name is not None:
        raise _Command(name)


def read_line(reader: ui.Input, prompt: str) -> str:
    text = reader.line(f"[bold]{prompt}[/]")
    if text is None:
        raise Ended
    _command(text)
    return text


def _read_valid(reader: ui.Input, prompt: str, parse):
    while True:
        text = read_line(reader, prompt)
        value = parse(text)
        if value is not None:
            return value
        ui.hint_line(f"{text.strip()!r} is not an answer here — try again (q quits).")


def _read_rating(reader: ui.Input, suggested: int | None) -> _Rating:
    prompt = ui.rating_prompt(suggested)
    while True:
        text = reader.key(prompt) if reader.keys else reader.line(prompt)
        if text is None:
            raise Ended
        text = text.strip().lower()
        _command(text)
        if not text and suggested:
            return _Rating(suggested, False)
        follow = text.endswith("f") and len(text) > 1
        word = text[:-1].strip() if follow else text
        if word in RATING_WORDS:
            return _Rating(RATING_WORDS[word], follow)
        ui.hint_line("Rate with 1 again, 2 hard, 3 good or 4 easy.")
