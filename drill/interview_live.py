"""The interactive mock interview: runs the rounds an InterviewPlan holds, with a clock, and saves the report as it
goes (drill/interview.py says what is chosen and how it is scored).

Concepts: each opening question, then its follow-ups while the answers hold up (a rating below good ends the
chain). Every answer is logged as a review of its card through the quiz session, so the schedule learns from it.
Coding: the exercise's stub in <workspace>/interview/, checked on Enter or on save (`g` gives up, `q` ends the
interview), until it passes or the time is up. From a pipe, an empty line checks and the input drives the rest.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from drill import interview as core
from drill import ui
from drill.interact import Ended, respond
from drill.models import Exercise, Question
from drill.quiz import QuizSession


class InterviewRun:
    """One interview in progress; `run()` drives it and returns the saved report."""

    def __init__(self, session: QuizSession, plan: core.InterviewPlan, report: core.Report, reader: ui.Input, *,
                 workspace: Path, save, record_check, aloud_seconds: int | None, aloud_tagged: bool,
                 clock=time.monotonic):
        self.session = session
        self.plan = plan
        self.report = report
        self.reader = reader
        self.workspace = workspace
        self.save = save  # save(report): persists it (called after every answer)
        self.record_check = record_check  # record_check(exercise, result, path): logs a check as `drill check` does
        self.aloud_seconds = aloud_seconds  # every recall question aloud
        self.aloud_tagged = aloud_tagged  # questions tagged say-it-aloud are answered aloud (60 s)
        self.clock = clock
        self.started = clock()

    # --- the whole interview ---------------------------------------------------------------------------------

    def run(self) -> core.Report:
        ui.interview_intro(self.plan, keys=self.reader.keys)
        try:
            self._concepts()
            if self.plan.exercise is not None:
                self._coding(self.plan.exercise)
            self.report.finished = True
        except (Ended, KeyboardInterrupt):
            if self.report.coding is not None and not self.report.coding.ended_by:
                self.report.coding.ended_by = "quit"
        finally:
            self.report.seconds = self.clock() - self.started
            self.save(self.report)
        return self.report

    def left(self, budget_end: float) -> float:
        return budget_end - self.clock()

    # --- concepts --------------------------------------------------------------------------------------------

    def _concepts(self) -> None:
        if not self.plan.openings:
            return
        round_end = self.started + self.plan.concept_seconds
        asked: set[str] = set()
        by_id = self.session.by_id
        ui.round_banner("Round 1 — concepts", self.plan.concept_seconds,
                        "each answer that holds up gets a follow-up; a weak one moves on")
        for opening in self.plan.openings:
            if self.left(round_end) <= 0:
                ui.hint_line("Time for this round is up.")
                break
            question: Question | None = opening
            depth = 0
            while question is not None:
                asked.add(question.id)
                rating = self._ask(question, opening, depth, round_end)
                if rating < 3 or self.left(round_end) <= 0:
                    break
                question = core.next_follow_up(question, by_id, asked)
                depth += 1

    def _ask(self, question: Question, opening: Question, depth: int, round_end: float) -> int:
        aloud = self.aloud_seconds if self.aloud_seconds is not None else (
            60 if self.aloud_tagged and "say-it-aloud" in question.tags else None)
        target = core.target_seconds(question, aloud)
        ui.interview_question(question, depth=depth, interview_left=self.left(self.started + self._total()),
                              round_left=self.left(round_end), target=target)
        response = respond(self.reader, question, aloud_seconds=aloud if question.type == "recall" else None)
        rated = self.session.rate(question, response.rating.value, answer=response.typed,
                                  duration_ms=int(response.seconds * 1000))
        ui.answer_timing(response.seconds, target)
        ui.rated(rated.rating, rated.due, now=self.session.now(), again_in_session=False, leech=rated.leech)
        self.report.answers.append(core.Answer(
            id=question.id, topic=question.topic, prompt=ui.preview(question.prompt, 120), opening=opening.id,
            depth=depth, seconds=round(response.seconds, 1), target_seconds=target, covered=response.covered,
            points=response.points, rating=rated.rating, suggested=response.suggested, aloud=aloud is not None,
        ))
        self.save(self.report)
        return rated.rating

    def _total(self) -> float:
        return self.plan.concept_seconds + self.plan.coding_seconds

    # --- coding ----------------------------------------------------------------------------------------------

    def _coding(self, exercise: Exercise) -> None:
        from drill.exercises import write_stub

        target, _ = write_stub(exercise, self.workspace / "interview", force=True)
        coding = core.Coding(exercise.slug, exercise.title, exercise.topic, self.plan.coding_seconds)
        self.report.coding = coding
        self.save(self.report)
        round_start = self.clock()
        round_end = round_start + self.plan.coding_seconds
        ui.round_banner("Round 2 — coding", self.plan.coding_seconds, "implement it, then check it")
        ui.coding_task(exercise, target, keys=self.reader.keys)
        wake = _Wake(target, self.reader)
        try:
            while True:
                left = self.left(round_end)
                event = wake.next(left) if self.reader.keys else self._piped_event()
                if event == "time" or (event == "check" and self.left(round_end) <= 0 and coding.checks):
                    ui.hint_line("Time is up: a last check of your file.")
                    self._check(exercise, target, coding, round_start)
                    coding.ended_by = "pass" if coding.passed else "time"
                    break
                if event in ("give-up", "quit"):
                    coding.ended_by = "give-up" if event == "give-up" else "quit"
                    if event == "quit":
                        raise Ended
                    break
                if self._check(exercise, target, coding, round_start):
                    coding.ended_by = "pass"
                    break
                ui.coding_clock(self.left(round_end))
        finally:
            wake.stop()
            coding.seconds = round(self.clock() - round_start, 1)
            self.save(self.report)

    def _piped_event(self) -> str:
        text = self.reader.line("[bold]Enter: check · g: give up · q: quit[/]")
        if text is None:
            return "give-up"
        text = text.strip().lower()
        return {"g": "give-up", "give up": "give-up", "q": "quit", "quit": "quit"}.get(text, "check")

    def _check(self, exercise: Exercise, target: Path, coding: core.Coding, round_start: float) -> bool:
        from drill.grading import grade_submission

        result = grade_submission(exercise, target, measure_performance=False)
        self.record_check(exercise, result, target)
        coding.checks += 1
        coding.total = result.total
        coding.best_passed = max(coding.best_passed, result.passed)
        ui.check_compact(result)
        if result.status == "pass":
            coding.passed = True
            coding.seconds_to_pass = round(self.clock() - round_start, 1)
        self.save(self.report)
        return coding.passed


class _Wake:
    """What ends a wait in the coding round on a terminal: Enter (check), a save (check), g, q, or the clock."""

    def __init__(self, target: Path, reader: ui.Input):
        self.reader = reader
        self.saved = threading.Event()
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, args=(target.resolve(),), daemon=True)
        self.thread.start()

    def _watch(self, target: Path) -> None:
        import watchfiles

        for _ in watchfiles.watch(target.parent, watch_filter=lambda _c, path: Path(path) == target, debounce=300,
                                  rust_timeout=500, yield_on_timeout=True, raise_interrupt=False,
                                  stop_event=self.stopping):
            if self.stopping.is_set():
                return
            if _:
                self.saved.set()

    def next(self, left: float) -> str:
        deadline = time.monotonic() + max(0.0, left)
        while True:
            if self.saved.is_set():
                self.saved.clear()
                return "check"
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return "time"
            ui.coding_clock(remaining, inline=True)
            key = self.reader.wait_key(min(0.5, remaining))
            if key is None:
                continue
            if key in ("\r", "\n"):
                return "check"
            if key.lower() == "g":
                return "give-up"
            if key.lower() == "q" or key in ("\x03", "\x04"):
                return "quit"

    def stop(self) -> None:
        self.stopping.set()

