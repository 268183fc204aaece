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
    """Register a command with friendly errors."""
    return lambda func: app.command(**kwargs)(_friendly(func))


JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (stable keys) instead of tables.")]


@app.callback()
@_friendly
def dashboard(ctx: typer.Context) -> None:
    """Without a command: the dashboard — streak, what is due today, and what to run next."""
    if ctx.invoked_subcommand is not None:
        return
    from drill import dashboard as core
    from drill import ui

    ui.dashboard(core.build_dashboard())


@command()
def quiz(
    topics: Annotated[list[str] | None, typer.Argument(help="Topics to study (default: all), e.g. knn kmeans.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many cards.")] = None,
    new: Annotated[int | None, typer.Option("--new", min=0, help="New questions allowed today (default: config).")] = None,
    bank: Annotated[
        list[Path] | None, typer.Option("--bank", help="Study only these bank files (repeatable).")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="Only questions with this tag (repeatable).")] = None,
    cram: Annotated[bool, typer.Option("--cram", help="Practise without changing the schedule (answers are logged).")] = False,
) -> None:
    """A review session: due questions first, then new ones; rate each answer 1-4.

    On a terminal: type your answer (or just press Enter), then rate with one key. From a pipe: one line per
    answer, one line per rating (1-4 or again/hard/good/easy). At any prompt: q quits, u undoes, s buries.
    """
    from drill import clock, ui
    from drill.banks import load_banks
    from drill.config import load_config
    from drill.interact import run_quiz
    from drill.quiz import QuizSession
    from drill.store import open_store

    loaded = load_banks([Path(p) for p in bank] if bank else None)
    if loaded.problems:
        ui.problems(loaded.problems)
        ui.error("the banks above have problems and were skipped — run `drill lint` for the full list")
    questions = _select(loaded.banks, topics or [], tag or [])
    config = load_config()
    store = open_store()
    try:
        session = QuizSession(store, questions, config, now=clock.now, limit=limit, new_limit=new, cram=cram)
        if not session.queue:
            what = ", ".join(topics) if topics else "your banks"
            ui.nothing_due(session.next_due() if questions else None, clock.now(), what)
            return
        run_quiz(session, ui.Input())
    finally:
        store.close()


def _select(banks: list, topics: list[str], tags: list[str]) -> list:
    known = {bank.topic for bank in banks}
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise UsageError(f"unknown topic {', '.join(map(repr, unknown))} — known: {', '.join(sorted(known)) or 'none'}")
    chosen = [q for b in banks if not topics or b.topic in topics for q in b.questions]
    if tags:
        chosen = [q for q in chosen if set(tags) & set(q.tags)]
        if not chosen:
            raise UsageError(f"no question has the tag {', '.join(map(repr, tags))}")
    return chosen


@command()
def lint(
    paths: Annotated[list[Path] | None, typer.Argument(help="Bank files or exercise folders (default: all).")] = None,
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


def main() -> None:
    """Entry point: run the app, turning DrillError into one readable line and an exit code."""
    try:
        app()
    except DrillError as exc:
        from drill import ui

        ui.error(str(exc))
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
