"""The command line: parse, call the core, render, exit. Heavy modules are imported inside commands so that
`drill --help` stays as quick as Typer itself."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from drill.errors import DrillError, UsageError


def _skip_coercing_absent_values() -> None:
    """Typer coerces every parameter through a pydantic TypeAdapter, even one left out, and importing pydantic
    costs more than Typer itself: `drill` alone would pay it for its --help flag. A value that was not given (None,
    or the default this file declares, already of its type) has nothing to coerce, so it is passed through."""
    parameter = getattr(getattr(typer, "core", None), "_TyperParameter", None)
    original = getattr(parameter, "process_value", None)
    if parameter is None or original is None or getattr(original, "drill_skips_absent", False):
        return

    def process_value(self, ctx, value):
        if (value is None or value is self.default) and not self.required:  # absent, or our own default
            return self.callback(ctx, self, value) if self.callback is not None else value
        return original(self, ctx, value)

    process_value.drill_skips_absent = True  # type: ignore[attr-defined]
    parameter.process_value = process_value


_skip_coercing_absent_values()

app = typer.Typer(
    help="drill — a command-line coach for machine-learning interviews.\n\n"
    "Recall (quiz), implement (implement/check), and a daily habit (stats). Run `drill` for today's plan.",
    add_completion=False,
    invoke_without_command=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

def _friendly(func: Callable) -> Callable:
    """Turn a DrillError into one readable line on stderr and its exit code (never a traceback)."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except DrillError as exc:
            from drill import ui

            ui.error(str(exc))
            raise typer.Exit(exc.exit_code) from None

    return run


def command(**kwargs) -> Callable[[Callable], Callable]:
    """Register a command with friendly errors; `drill --help` lists each with its whole first line (Click would
    cut it at 45 characters)."""

    def register(func: Callable) -> Callable:
        summary = (func.__doc__ or "").strip().split("\n\n")[0]
        return app.command(short_help=" ".join(summary.split()), **kwargs)(_friendly(func))

    return register


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (stable keys) instead of tables.")]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"drill {version('drill')}")
        raise typer.Exit()


@app.callback()
@_friendly
def dashboard(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print drill's version and exit.")] = False,
) -> None:
    """Without a command: the dashboard — streak, what is due today, and what to run next."""
    if ctx.invoked_subcommand is not None:
        return
    from drill import dashboard as core
    from drill import ui

    board = core.build_dashboard()
    ui.broken_banks(board.broken)
    ui.dashboard(board)


@command()
def quiz(
    topics: Annotated[list[str] | None, typer.Argument(metavar="TOPIC", help="Topics to study (default: all), e.g. knn kmeans.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many cards (follow-ups you ask for come on top).")] = None,
    new: Annotated[int | None, typer.Option("--new", min=0, help="New questions allowed today (default: config).")] = None,
    bank: Annotated[
        list[Path] | None, typer.Option("--bank", help="Study only these bank files (repeatable).")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only questions with this tag (repeatable).")] = None,
    cram: Annotated[bool, typer.Option("--cram", help="Practise without changing the schedule (answers are logged).")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show which pattern ticked (or flagged) each key point.")] = False,
    aloud: Annotated[bool, typer.Option("--aloud", help="Answer recall questions out loud against a countdown, then tick the key points you said.")] = False,
    seconds: Annotated[int, typer.Option("--seconds", min=5, help="The countdown for --aloud answers.")] = 60,
) -> None:
    """A review session: due questions first, then new ones; rate each answer 1-4.

    On a terminal: type your answer (or just press Enter), then rate with one key. From a pipe: one line per
    answer, one line per rating (1-4 or again/hard/good/easy). At any prompt: q quits, u undoes, s buries.
    With --aloud: say the answer while a countdown runs (Enter stops it), then tick the key points you said
    (piped: one line for the answer, one line of point numbers such as "1 3", one rating line).
    """
    from drill import clock, ui
    from drill.banks import load_banks, select_questions
    from drill.config import load_config
    from drill.interact import run_quiz
    from drill.quiz import QuizSession
    from drill.scheduler import open_progress

    loaded = load_banks([Path(p) for p in bank] if bank else None)
    if loaded.problems:
        ui.problems(loaded.problems)
        if bank and not loaded.banks:
            raise DrillError("none of the banks given with --bank loads (see above) — fix them, then `drill lint`")
        ui.error("the banks above have problems and were skipped — run `drill lint` for the full list")
    questions = select_questions(loaded.banks, topics or [], tag or [])
    config = load_config()
    store = open_progress(config)
    try:
        following = None
        if new is None and not cram:
            from drill.plan import plan_today

            following = plan_today(loaded.questions, store.cards("question"),
                                   store.count_introduced(clock.study_day(clock.now(), config.rollover_hour)),
                                   clock.study_day(clock.now(), config.rollover_hour))
        session = QuizSession(store, questions, config, now=clock.now, limit=limit,
                              new_limit=following.new_quota if following else new, cram=cram, explain=explain,
                              aloud_seconds=seconds if aloud else None,
                              new_topics=following.topics if following else frozenset())
        if following is not None:
            ui.plan_line(following)
        if not session.queue:
            what = ", ".join(topics) if topics else "your banks"
            ui.nothing_due(session.next_due() if questions else None, clock.now(), what)
            return
        run_quiz(session, ui.Input())
    finally:
        store.close()


@command()
def lint(
    paths: Annotated[list[Path] | None, typer.Argument(metavar="PATH", help="Bank files or exercise folders (default: all).")] = None,
) -> None:
    """Validate question banks and exercises; every problem as path:line: what is wrong — how to fix it."""
    from drill import lint as core
    from drill import ui

    report = core.lint_content([Path(p) for p in paths] if paths else None)
    if report.problems:
        ui.problems(report.problems, stream=ui.out)
        ui.error(f"{len(report.problems)} problem{'s' if len(report.problems) != 1 else ''} "
                 f"in {report.files_with_problems} file{'s' if report.files_with_problems != 1 else ''}")
        raise typer.Exit(1)
    ui.info(f"✓ {report.summary}", style="green")


@command()
def implement(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The exercise, e.g. kmeans (see `drill list`).")],
    directory: Annotated[Path | None, typer.Option("--dir", help="Write the stub here instead of the workspace.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Start over: a fresh stub (your file is kept under .attempts/).")] = False,
    attempts: Annotated[bool, typer.Option("--attempts", help="List your earlier attempts, kept under .attempts/.")] = False,
) -> None:
    """Hand out the stub of an exercise and show the task. Never loses your work.

    Once you have passed an exercise, it is implemented again from memory: `drill implement` moves your previous
    file to .attempts/<slug>/<date>.py and writes a fresh stub.
    """
    from drill import clock, paths, practice, ui
    from drill.exercises import find_exercise, list_attempts, write_stub
    from drill.store import open_store

    exercise = find_exercise(slug)
    folder = directory or paths.workspace()
    target = folder / exercise.workspace_filename
    store = open_store()
    try:
        if attempts:
            kept = list_attempts(exercise, folder)
            ui.attempts(exercise, kept, {p: practice.passed_before(store, exercise, practice.source_digest(
                p.read_bytes())) for p in kept})
            return
        again = practice.has_passed(store, exercise)
        if target.exists() and not force and not again:
            ui.exercise_task(exercise, target, kept=True, backup=None, custom_dir=directory is not None)
            return
        target, kept_as = write_stub(exercise, folder, force=True)
        practice.record_implement(store, exercise, clock.now(), str(target))
    finally:
        store.close()
    ui.exercise_task(exercise, target, kept=False, backup=kept_as, custom_dir=directory is not None, again=again)


@command()
def check(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The exercise, e.g. kmeans.")],
    file: Annotated[Path | None, typer.Argument(metavar="FILE", help="Your file (default: the one in the workspace).")] = None,
    json_output: JsonOption = False,
    watch: Annotated[bool, typer.Option("--watch", help="Re-check on every save (Enter re-runs by hand).")] = False,
) -> None:
    """Grade your implementation with the hidden tests. Exit 0 pass, 1 fail or error, 2 usage error."""
    from drill import paths
    from drill.exercises import find_exercise

    exercise = find_exercise(slug)
    submission = file or paths.workspace() / exercise.workspace_filename
    if not submission.is_file():
        hint = f"run `drill implement {slug}` first" if file is None else "check the path"
        raise UsageError(f"no file at {submission} — {hint}")
    if watch:
        _watch(exercise, submission)
        return
    result, recorded = _grade_and_record(exercise, submission, quiet=json_output)
    if json_output:
        import json

        data = result.to_json()
        data["recorded"] = recorded.repeat_of is None
        if recorded.repeat_of is not None:
            data["passed_before"] = recorded.repeat_of.checked_at.isoformat()
        typer.echo(json.dumps(data, indent=2))
    else:
        from drill import ui

        ui.check_result(result, submission, repeat_of=recorded.repeat_of)
    raise typer.Exit(0 if result.status == "pass" else 1)


def _grade_and_record(exercise, submission: Path, *, quiet: bool = False):
    from drill import clock, practice, ui
    from drill.config import load_config
    from drill.grading import grade_submission
    from drill.scheduler import open_progress

    try:
        digest = practice.source_digest(submission.read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot read {submission}: {exc.strerror or exc}") from exc
    with ui.working(f"Checking {exercise.slug}", enabled=not quiet) as progress:
        result = grade_submission(exercise, submission, progress=progress)
    config = load_config()
    store = open_progress(config)
    try:
        recorded = practice.record_check(store, exercise, result, clock.now(), config, digest)
    finally:
        store.close()
    return result, recorded


def _watch(exercise, submission: Path) -> None:
    import threading

    import watchfiles

    from drill import ui

    # One watcher runs the whole time, so a save made while a check is still running is not lost: it wakes the
    # loop as soon as that check is shown. Enter wakes it too, where file events do not arrive; "n" then Enter
    # after a pass moves on to the exercise offered, as rustlings does.
    wake = threading.Event()
    typed: list[str] = []
    target = [submission.resolve()]

    def read_enter() -> None:
        for line in sys.stdin:
            typed.append(line.strip().lower())
            wake.set()

    def watch_file() -> None:
        for changes in watchfiles.watch(target[0].parent, watch_filter=lambda _change, path: Path(path) == target[0],
                                        debounce=300, rust_timeout=500, yield_on_timeout=False, raise_interrupt=False):
            if changes:
                wake.set()

    threading.Thread(target=read_enter, daemon=True).start()
    threading.Thread(target=watch_file, daemon=True).start()
    offered = None
    try:
        while True:
            wake.clear()
            ui.clear_for_watch()
            result, recorded = _grade_and_record(exercise, submission)
            ui.check_result(result, submission, repeat_of=recorded.repeat_of)
            offered = _offer_next(exercise) if result.status == "pass" else None
            ui.watching(submission, offered=offered)
            while not wake.wait(0.2):  # short waits keep Ctrl-C responsive
                pass
            if offered is not None and typed and typed[-1] == "n":
                exercise, submission = _start(offered[0], submission.parent)
                target[0] = submission.resolve()
    except KeyboardInterrupt:
        ui.info("Stopped watching.")


def _offer_next(exercise):
    from drill import clock, practice
    from drill.config import load_config
    from drill.exercises import load_exercises
    from drill.store import open_store

    config = load_config()
    store = open_store()
    try:
        return practice.next_exercise(store, load_exercises(skip_invalid=True), clock.now(), config.rollover_hour,
                                      exercise.slug)
    finally:
        store.close()


def _start(exercise, folder: Path):
    """Hand out the next exercise's stub in the folder being watched (as `drill implement` would) and show it."""
    from drill import clock, practice, ui
    from drill.exercises import write_stub
    from drill.store import open_store

    target = folder / exercise.workspace_filename
    store = open_store()
    try:
        fresh = not target.exists() or practice.has_passed(store, exercise)  # else: work in progress, kept
        kept = None
        if fresh:
            target, kept = write_stub(exercise, folder, force=True)
            practice.record_implement(store, exercise, clock.now(), str(target))
    finally:
        store.close()
    ui.exercise_task(exercise, target, kept=not fresh, backup=kept, custom_dir=False)
    return exercise, target


@command()
def hint(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The exercise, e.g. kmeans.")],
    show_all: Annotated[bool, typer.Option("--all", help="Show again every hint seen in this attempt.")] = False,
) -> None:
    """Show the next hint for an exercise: after a failed check, first what that failure most likely means; then
    the ladder, from a nudge to something concrete (how many you used is recorded)."""
    from drill import clock, practice, ui
    from drill.exercises import find_exercise
    from drill.store import open_store

    exercise = find_exercise(slug)
    store = open_store()
    try:
        if show_all:
            seen = practice.hints_seen(store, exercise)
        else:
            seen = [practice.next_hint(store, exercise, clock.now())]
    finally:
        store.close()
    if not seen:
        ui.hint_line(f"No hints seen yet in this attempt: drill hint {slug}")
    for shown in seen:
        ui.hint(exercise, shown, again=not show_all)


@command()
def solution(
    slug: Annotated[str, typer.Argument(metavar="SLUG", help="The exercise, e.g. kmeans.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Show it before a pass without asking.")] = False,
) -> None:
    """Show the reference solution. After your attempt passes, look freely: it costs nothing.

    Before the attempt in progress passes (a first try, or a re-implementation after `drill implement`), drill
    asks first, and a look is recorded: that attempt's pass then schedules the next re-implementation as *again*.
    """
    from drill import clock, practice, ui
    from drill.exercises import find_exercise, read_solution
    from drill.store import open_store

    exercise = find_exercise(slug)
    store = open_store()
    try:
        passed = practice.attempt_passed(store, exercise)
        if not passed and not yes:
            again = practice.has_passed(store, exercise)
            what = "this re-implementation" if again else slug
            if not sys.stdin.isatty():
                raise UsageError(f"you have not passed {what} yet — pass `--yes` to see the solution anyway "
                                 "(recorded: the pass is then rated again)")
            if not ui.confirm(f"You have not passed {what} yet. Trying a while longer (or `drill hint {slug}`) "
                              "teaches more. Show the solution anyway (the pass then counts as again)?"):
                ui.hint_line(f"Not shown. The next hint: drill hint {slug}")
                raise typer.Exit(1)
        practice.record_solution_viewed(store, exercise, clock.now())
        from drill import paths
        from drill.exercises import list_attempts

        workspace = paths.workspace()
        candidates = [workspace / exercise.workspace_filename, workspace / "interview" / exercise.workspace_filename,
                      *reversed(list_attempts(exercise, workspace))]
        mine = practice.passing_file(store, exercise, candidates) if passed or practice.has_passed(store, exercise) \
            else None
    finally:
        store.close()
    yours = (mine, mine.read_text(encoding="utf-8", errors="replace")) if mine is not None else None
    ui.solution(exercise, read_solution(exercise), before_pass=not passed, yours=yours)


@command()
def stats(json_output: JsonOption = False) -> None:
    """Your streak, a 26-week heatmap, retention, a 14-day forecast, mastery by topic, exercises and leeches."""
    from drill import stats as core
    from drill import ui

    data = core.build_stats()
    ui.broken_banks(data.broken)
    if json_output:
        typer.echo(data.dumps())
        return
    ui.stats(data, core.heatmap_levels(data.heatmap))


@command(name="list")
def list_catalogue(json_output: JsonOption = False) -> None:
    """The catalogue: exercises with your progress, and the question banks."""
    from drill import catalogue, ui

    listing = catalogue.build_listing()
    ui.broken_banks(listing.broken)
    if json_output:
        import json

        typer.echo(json.dumps(listing.to_json(), indent=2))
        return
    ui.listing(listing)


@command()
def interview(
    topics: Annotated[list[str] | None, typer.Argument(metavar="TOPIC", help="Topics to be interviewed on (default: all).")] = None,
    minutes: Annotated[int, typer.Option("--minutes", "-m", min=2, help="How long the interview lasts.")] = 45,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only questions with this tag (repeatable).")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Choose the same questions again (reproducible).")] = None,
    rounds: Annotated[str, typer.Option("--rounds", help="Which rounds, in order: concepts, coding, or both.")] = "concepts,coding",
    aloud: Annotated[bool, typer.Option("--aloud", help="Answer every recall question out loud (say-it-aloud ones always are).")] = False,
    seconds: Annotated[int, typer.Option("--seconds", min=5, help="The countdown for an answer said aloud.")] = 60,
    history: Annotated[bool, typer.Option("--history", help="List past interviews and their scores as a trend.")] = False,
    json_output: JsonOption = False,
) -> None:
    """A timed mock interview: a concepts round that follows each question down its follow-ups while your answers
    hold up, then a coding round on an exercise you have not mastered; a report at the end, saved.

    Every answer is also a review of its card. q ends the interview at any prompt and keeps what was answered.
    From a pipe: one line per answer and one rating line, as in the quiz; in the coding round any line runs
    the checks, g gives up.
    """
    from drill import interview_cmd

    if history:
        interview_cmd.show_history(json_output)
        return
    chosen = tuple(r.strip() for r in rounds.split(",") if r.strip())
    unknown = [r for r in chosen if r not in ("concepts", "coding")]
    if unknown or not chosen:
        raise UsageError(f"unknown round {', '.join(map(repr, unknown)) or '(none)'} — use concepts, coding or both")
    interview_cmd.run(topics or [], tag or [], minutes=minutes, seed=seed, rounds=chosen,
                      aloud_seconds=seconds if aloud else None, json_output=json_output)


@command()
def plan(
    topics: Annotated[list[str] | None, typer.Argument(metavar="TOPIC", help="Topics the interview covers (default: all).")] = None,
    date: Annotated[str | None, typer.Option("--date", help="The interview day, e.g. 2026-12-20.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Stop following the plan.")] = False,
    json_output: JsonOption = False,
) -> None:
    """A study plan to an interview date: new questions a day and exercises on which days, the last days kept for
    review with the desired retention raised. Saved: the dashboard and `drill quiz` follow it until the date.
    Without --date: the plan in force."""
    from datetime import date as Date

    from drill import clock, ui
    from drill import plan as core

    if clear:
        ui.info("The plan is cleared: drill is back to your own settings." if core.clear_plan()
                else "There was no plan to clear.")
        return
    if date is None:
        current = core.load_plan()
        if current is None:
            raise UsageError("no plan yet — make one with `drill plan --date YYYY-MM-DD [TOPIC…]`")
        shown = current
    else:
        try:
            day = Date.fromisoformat(date)
        except ValueError as exc:
            raise UsageError(f"--date {date!r} is not a date — use YYYY-MM-DD, e.g. 2026-12-20") from exc
        from drill.banks import load_banks, select_questions

        select_questions(load_banks().banks, topics or [], [])  # unknown topics: a clear error before anything
        shown = core.build_plan(day, topics or [], clock.now())
        core.save_plan(shown)
    if json_output:
        import json
        from dataclasses import asdict

        typer.echo(json.dumps(asdict(shown), indent=2))
        return
    ui.study_plan(shown, saved=date is not None)


CardIds = Annotated[list[str], typer.Argument(metavar="ID", help="Question ids (see `drill cards`).")]


@command()
def cards(
    topics: Annotated[list[str] | None, typer.Argument(metavar="TOPIC", help="Topics (default: all).")] = None,
    search: Annotated[str, typer.Option("--search", "-s", help="Text in the id, prompt or answer.")] = "",
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only questions with this tag (repeatable).")] = None,
    due: Annotated[bool, typer.Option("--due", help="Only cards due today.")] = False,
    leeches: Annotated[bool, typer.Option("--leeches", help="Only leeches (forgotten again and again).")] = False,
    suspended: Annotated[bool, typer.Option("--suspended", help="Only suspended cards.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Browse your cards: state, due date, stability, lapses and last rating of every question that matches."""
    from drill import cards as core
    from drill import clock, ui
    from drill.banks import load_banks, select_questions
    from drill.config import load_config
    from drill.scheduler import open_progress

    loaded = load_banks()
    questions = select_questions(loaded.banks, topics or [], tag or [])
    config = load_config()
    store = open_progress(config)
    try:
        infos = core.card_infos(questions, store, config, clock.now())
    finally:
        store.close()
    shown = core.filter_cards(infos, search=search, due=due, leeches=leeches, suspended=suspended, config=config)
    if json_output:
        import json

        typer.echo(json.dumps([c.to_json() for c in shown], indent=2))
        return
    ui.card_table(shown, len(infos), clock.now())


@command()
def card(qid: Annotated[str, typer.Argument(metavar="ID", help="A question id, e.g. knn-lazy-learner.")]) -> None:
    """One question: its prompt, its schedule, and its whole review history (rating, time taken, what you typed)."""
    from drill import cards as core
    from drill import clock, ui
    from drill.banks import load_banks
    from drill.config import load_config
    from drill.scheduler import open_progress

    (question,) = core.find_questions(load_banks().questions, [qid])
    config = load_config()
    store = open_progress(config)
    try:
        detail = core.card_detail(question, store, config, clock.now())
    finally:
        store.close()
    ui.card_detail(detail, clock.now())


def _card_command(ids: list[str], action: str) -> None:
    from drill import cards as core
    from drill import clock, ui
    from drill.banks import load_banks
    from drill.config import load_config
    from drill.scheduler import open_progress

    questions = core.find_questions(load_banks().questions, ids)
    config = load_config()
    store = open_progress(config)
    try:
        if action == "reset":
            changed = core.reset(store, questions, clock.now())
        else:
            changed = core.set_suspended(store, questions, action == "suspend", clock.now())
    finally:
        store.close()
    ui.card_action(action, changed, [q.id for q in questions if q.id not in changed])


@command()
def suspend(ids: CardIds) -> None:
    """Keep cards out of every queue (quiz, interview, due counts) until you unsuspend them; unlike a bury, it lasts."""
    _card_command(ids, "suspend")


@command()
def unsuspend(ids: CardIds) -> None:
    """Put suspended cards back in the queues, with the schedule they had."""
    _card_command(ids, "unsuspend")


@command()
def reset(ids: CardIds) -> None:
    """Make cards new again. Their reviews stay in the log and in your stats; they no longer schedule the card."""
    _card_command(ids, "reset")


@command()
def tags() -> None:
    """The tags in use, with how many questions carry each and in which topics (use them with --tag)."""
    from drill import cards as core
    from drill import ui
    from drill.banks import load_banks

    ui.tag_table(core.tag_counts(load_banks().questions))


@command()
def doctor(fix: Annotated[bool, typer.Option("--fix", help="Rebuild every card from the review log.")] = False) -> None:
    """Check the progress file: SQLite integrity, every card equal to a replay of its log, rows naming items no
    bank holds. One line per problem; exit 0 when sound, 1 when not. --fix rebuilds the cards from the log."""
    from drill import doctor as core
    from drill import ui

    report = core.run_doctor(fix=fix)
    ui.doctor(report)
    raise typer.Exit(0 if report.sound else 1)


@command()
def optimize(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Fit and compare, but write nothing.")] = False,
) -> None:
    """Fit FSRS's parameters to your own reviews (questions and exercises apart); keep them only when they predict
    your recall better than those in force, on your newest reviews. Needs 400 reviews of a kind."""
    from drill import clock, ui
    from drill import optimize as core
    from drill.config import load_config

    today = clock.study_day(clock.now(), load_config().rollover_hour)
    ui.optimize_report(core.optimize(today, dry_run=dry_run))


@command(name="import")
def import_data(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="What to import: reviews.")],
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="A CSV in the FSRS optimizer layout, e.g. from drill export reviews.")],
) -> None:
    """Add reviews from a CSV in the FSRS optimizer layout to your log (importing the same file twice adds nothing)."""
    if kind != "reviews":
        raise UsageError(f"cannot import {kind!r} — drill imports: reviews")
    from drill import exchange, ui
    from drill.banks import load_banks
    from drill.exercises import exercise_slugs

    known = {q.id: "question" for q in load_banks().questions} | {slug: "exercise" for slug in exercise_slugs()}
    ui.import_summary(file, exchange.import_reviews(file, known))


@command()
def sync(folder: Annotated[str, typer.Argument(metavar="DIR", help="A folder every machine sees: a synced folder, a USB stick.")]) -> None:
    """Merge your progress with other machines through a shared folder: each machine appends to its own file there
    and reads the others'. Run it on each machine, in any order, as often as you like."""
    from drill import sync as core
    from drill import ui

    if not folder.strip():
        raise UsageError("no folder given (an unset variable?) — `drill sync DIR`, DIR a folder every machine sees")
    ui.sync_report(core.sync(Path(folder).expanduser()))


EXPORT_KINDS = ("anki", "reviews")


@command()
def export(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="What to export: anki (the question banks as an Anki "
                                        "deck) or reviews (your review log as CSV).")],
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to write it: FILE.apkg for anki, FILE.csv for "
                                        "reviews. Written whole or not at all.")],
    topics: Annotated[list[str] | None, typer.Argument(metavar="TOPIC", help="anki: only these topics (default: all), e.g. knn "
                                                       "kmeans.")] = None,
) -> None:
    """Export the question banks as an Anki deck (anki FILE.apkg, then topics if not all) or your reviews as CSV.

    The Anki package holds one note per question (prompt, strong answer, key points, choices, numeric answer with
    its tolerance, derivation steps, follow-ups), one deck per topic under "drill", tagged drill::<topic>. Import
    it in Anki with File → Import; a later export updates those notes instead of adding copies.
    """
    if kind == "anki":
        from drill import anki, clock, ui
        from drill.banks import broken_banks, load_banks

        loaded = load_banks()
        ui.broken_banks(broken_banks(loaded.problems))
        done = anki.export_anki(loaded.banks, Path(file), topics=topics or [], now=clock.now())
        notes = f"{done.notes} note{'s' if done.notes != 1 else ''}"
        decks = f"{len(done.decks)} deck{'s' if len(done.decks) != 1 else ''}"
        typer.echo(f"Exported {notes} in {decks} to {done.path.absolute()} — in Anki: File → Import")
    elif kind == "reviews":
        if topics:
            raise UsageError("`drill export reviews FILE.csv` exports the whole review log: it takes no topics")
        from drill import exchange

        count = exchange.export_reviews(Path(file))
        typer.echo(f"Exported {count} review{'s' if count != 1 else ''} to {Path(file).absolute()}")
    else:
        import difflib

        guess = difflib.get_close_matches(kind, EXPORT_KINDS, n=1, cutoff=0.5)
        hint = f"did you mean {guess[0]!r}? " if guess else ""
        raise UsageError(f"cannot export {kind!r} — {hint}choose anki|reviews: `drill export anki FILE.apkg "
                         "[TOPIC…]` or `drill export reviews FILE.csv`")


def _only_the_command_asked_for(argv: list[str]) -> None:
    """Typer builds a Click command for every registered command on every run (a few milliseconds each, paid
    before the first screen): keep only the one named on the command line. `drill` alone keeps none (the
    dashboard is the callback); `drill --help` and a mistyped name keep them all, for the list and suggestions."""
    names = {info.name or info.callback.__name__.replace("_", "-") for info in app.registered_commands
             if info.callback is not None}
    if not argv:
        app.registered_commands = []
    elif argv[0] in names:
        app.registered_commands = [info for info in app.registered_commands
                                   if (info.name or getattr(info.callback, "__name__", "").replace("_", "-"))
                                   == argv[0]]


def main() -> None:
    """Entry point: run the app, turning DrillError into one readable line and an exit code."""
    try:
        _only_the_command_asked_for(sys.argv[1:])
        app()
    except DrillError as exc:
        from drill import ui

        ui.error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
