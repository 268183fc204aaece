"""`drill interview`: load what the interview needs, run it, show and save the report; `--history`."""

from __future__ import annotations

import json

from drill import clock, paths, practice, ui
from drill import interview as core
from drill.banks import load_banks, select_questions
from drill.config import load_config
from drill.errors import UsageError
from drill.exercises import load_exercises
from drill.scheduler import make_scheduler, open_progress


def run(topics: list[str], tags: list[str], *, minutes: int, seed: int | None, rounds: tuple[str, ...],
        aloud_seconds: int | None, json_output: bool) -> None:
    from drill.interview_live import InterviewRun
    from drill.quiz import QuizSession

    loaded = load_banks()
    if loaded.problems:
        ui.broken_banks([str(p) for p in dict.fromkeys(p.path for p in loaded.problems)])
    questions = select_questions(loaded.banks, topics, tags)
    exercises = load_exercises(skip_invalid=True)
    if topics:
        exercises = [e for e in exercises if e.topic in topics] or exercises
    if json_output:
        ui.out = ui.err  # the transcript goes to stderr; stdout holds only the report's JSON
    config = load_config()
    store = open_progress(config)
    try:
        previous = _reports(store)[-1].report if store.interviews() else None
        suspended = store.suspended()
        questions = [q for q in questions if q.id not in suspended]
        now = clock.now()
        plan = core.plan_interview(
            questions, exercises, store.cards(), store.checks(), now=now, minutes=minutes, rounds=rounds,
            scheduler=make_scheduler(config), seed=seed, previous=previous,
        )
        if not plan.openings and plan.exercise is None:
            raise UsageError("nothing to interview on: no recall question or exercise matches")
        report = core.Report(now.isoformat(), minutes, list(topics), seed, [q.id for q in plan.openings],
                             plan.exercise.slug if plan.exercise else None)
        session = QuizSession(store, loaded.questions, config, now=clock.now, new_limit=0)
        saved: list[int] = []

        def save(current: core.Report) -> None:
            saved[:] = [store.save_interview(saved[0] if saved else None, now, current.dumps())]

        def record_check(exercise, result, path) -> None:
            practice.record_check(store, exercise, result, clock.now(), config,
                                  practice.source_digest(path.read_bytes()))

        run = InterviewRun(session, plan, report, ui.Input(), workspace=paths.workspace(), save=save,
                           record_check=record_check, aloud_seconds=aloud_seconds, aloud_tagged=True)
        report = run.run()
    finally:
        store.close()
    if json_output:
        import typer

        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        ui.interview_report(report)


def _reports(store) -> list[core.PastInterview]:
    return [core.PastInterview(i, at, core.Report.loads(text)) for i, at, text in store.interviews()]


def show_history(json_output: bool) -> None:
    from drill.store import open_store

    store = open_store()
    try:
        past = _reports(store)
    finally:
        store.close()
    if json_output:
        import typer

        typer.echo(json.dumps([{"id": p.id, "started_at": p.started_at.isoformat(), **p.report.to_json()}
                               for p in past], indent=2))
        return
    scores = [p.report.score for p in past if p.report.score is not None]
    ui.interview_history(past, core.trend(scores))
