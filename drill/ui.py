"""Everything drawn on the terminal, and the keys and lines read from it. The only module that imports rich.

Colour follows Rich's rules: none when output is not a terminal or when NO_COLOR is set.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import rich._wrap as _rich_wrap
from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from drill.errors import Problem
from drill.models import Question

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

RATING_LABELS = {1: "again", 2: "hard", 3: "good", 4: "easy"}
RATING_STYLES = {1: "red", 2: "yellow", 3: "green", 4: "cyan"}


# Rich breaks lines at any Unicode space, the no-break space included; words here are split at ASCII whitespace
# only, so that a formula whose spaces are no-break (see keep_together) is never split mid-expression.
_rich_wrap.re_word = re.compile(r"[ \t\n\r\f\v]*[^ \t\n\r\f\v]+[ \t\n\r\f\v]*")
_NBSP = "\u00a0"
_OPERATOR = re.compile(r" ([=≈≠≤≥<>+−×·÷→←⇒↦∈]|:=|\+=|-=|\*=) (?=\S)")


def keep_together(text: str) -> str:
    """No-break spaces inside `code` spans (up to 60 characters) and around a formula's operators, so that
    `J(C, μ) = Σᵢ ‖xᵢ − μ_c(i)‖²` stays on one line on a terminal; fenced code blocks are left alone. Piped
    output keeps plain spaces (what a script or a search expects)."""
    if not out.is_terminal:
        return text
    lines, fenced = [], False
    for line in text.split("\n"):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced:
            parts = line.split("`")
            for i in range(1, len(parts), 2):
                if len(parts[i]) <= 60:
                    parts[i] = parts[i].replace(" ", _NBSP)
            for i in range(0, len(parts), 2):
                parts[i] = _OPERATOR.sub(lambda m: f"{_NBSP}{m.group(1)}{_NBSP}", parts[i])
            line = "`".join(parts)
        lines.append(line)
    return "\n".join(lines)


_MARKDOWN_BLOCK = re.compile(r"^\s*([-*+] |\d+[.)] |#|>|```|\|)|\*\*|__|\]\(|(?<![\w*])\*[^*\s]", re.MULTILINE)
_markdown_class: Any = None


def _markdown_renderer() -> Any:
    """Rich's Markdown as drill shows it (built on first use: rich.markdown and its parser are slow to import):
    numbered items read "1.", and a box that begins with a list has no empty first line (Rich carries a blank
    line over from the list's own paragraphs)."""
    global _markdown_class
    if _markdown_class is not None:
        return _markdown_class
    from rich._loop import loop_first
    from rich.markdown import ListItem, Markdown
    from rich.segment import Segment

    class NumberedItem(ListItem):
        def render_number(self, console, options, number: int, last_number: int):
            number_width = len(str(last_number)) + 3
            render_options = options.update(width=options.max_width - number_width)
            lines = console.render_lines(self.elements, render_options, style=self.style)
            number_style = console.get_style("markdown.item.number", default="none")
            padding = Segment(" " * number_width, number_style)
            numeral = Segment(f"{number}.".rjust(number_width - 1) + " ", number_style)
            for first, line in loop_first(lines):
                yield numeral if first else padding
                yield from line
                yield Segment("\n")

    class DrillMarkdown(Markdown):
        elements = {**Markdown.elements, "list_item_open": NumberedItem}

        def __rich_console__(self, console, options):
            started = False
            for segment in super().__rich_console__(console, options):
                if not started and isinstance(segment, Segment) and segment.text == "\n":
                    continue
                started = True
                yield segment

    _markdown_class = DrillMarkdown
    return _markdown_class


def markdown(text: str) -> Any:
    """Bank text (Markdown) for a panel; plain paragraphs with `code` spans need no Markdown parser."""
    text = text.strip()
    if _MARKDOWN_BLOCK.search(text):
        return _markdown_renderer()(keep_together(text), code_theme="ansi_dark")
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
    return Text("\n\n").join(inline(p) for p in paragraphs)


def inline(text: str) -> Text:
    """One line of bank text with its `code` spans styled, as the Markdown panels show them, not as raw backticks."""
    line = Text()
    for index, part in enumerate(keep_together(text).split("`")):
        line.append(part, style="bold cyan" if index % 2 else "")
    return line


def preview(text: str, limit: int = 160) -> str:
    """A prompt's first paragraph on one line, cut at a word with an ellipsis when long."""
    paragraph = " ".join(text.strip().split("\n\n")[0].split())
    if len(paragraph) <= limit:
        return paragraph
    return paragraph[:limit].rsplit(" ", 1)[0] + " …"


def number(value: float) -> str:
    """A number as a person writes it: 16,000,000 rather than 1.6e+07; 0.7311 rather than 0.731058578."""
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1e-4 else f"{value:.4g}"


def percent(share: float) -> str:
    """A share as a percentage that never rounds a value below 1 up to "100%" (99.7% is not certainty)."""
    text = f"{100 * share:.0f}%"
    return f"{100 * share:.1f}%" if text == "100%" and share < 1 else text


def error(message: str) -> None:
    """One readable line on stderr."""
    err.print(Text(f"drill: {message}", style="red"), soft_wrap=True)  # one line, however narrow the terminal


def problems(found: Sequence[Problem], *, stream: Console | None = None) -> None:
    console = stream or err
    for problem in sorted(found, key=lambda p: (str(p.path), p.line or 0)):
        console.print(Text(str(problem)), soft_wrap=True)


def broken_banks(files: Sequence[str]) -> None:
    """One line on stderr per bank that does not load, so a broken bank is never silently missing."""
    for file in files:
        error(f"{file} does not load and is left out — run `drill lint` to see why")


def info(message: str, style: str = "") -> None:
    out.print(Text(message, style=style))


def hint_line(message: str) -> None:
    out.print(Text(message, style="dim"))


# --- the quiz --------------------------------------------------------------------------------------------


def question_header(question: Question, position: int, remaining: int, *, new: bool, leech: bool, cram: bool) -> None:
    flags = []
    if new:
        flags.append("[bold cyan]new[/]")
    if leech:
        flags.append("[bold red]leech[/]")
    if cram:
        flags.append("[magenta]cram[/]")
    stars = "●" * question.difficulty + "○" * (3 - question.difficulty)
    title = f"[bold]{question.topic}[/] · {question.type} · {stars}"
    if flags:
        title += " · " + " ".join(flags)
    subtitle = f"{position} rated · {remaining} to go"
    out.print()
    out.print(Panel(markdown(question.prompt), title=title, title_align="left", subtitle=subtitle,
                    subtitle_align="right", border_style="blue"))


def _hanging(rows: list[tuple[Text, Text]]) -> None:
    """Marks in one column, text in the other: a wrapped line stays indented under its text."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(no_wrap=True)
    grid.add_column()
    for mark, text in rows:
        grid.add_row(mark, text)
    out.print(grid)


def choices(question: Question) -> None:
    _hanging([(Text(f"  {number}.", style="bold"), inline(choice))
              for number, choice in enumerate(question.choices, start=1)])


def answer_panel(question: Question, title: str = "strong answer", style: str = "green") -> None:
    out.print(Panel(markdown(str(question.answer)), title=title, title_align="left", border_style=style))


def point_verdicts(verdicts: Iterable, *, explain: bool = False) -> None:
    """✓ covered, ⚠ stated wrongly, ✗ missed, in the bank's order; with explain, the pattern and words that decided."""
    marks = {"covered": ("  ✓", "bold green"), "contradicted": ("  ⚠", "bold yellow"), "missed": ("  ✗", "bold red")}
    rows = []
    for verdict in verdicts:
        line = inline(verdict.point.text)
        if verdict.status == "contradicted":
            line.append(f" — stated wrongly: “{preview(verdict.said or verdict.excerpt, 90)}”", style="yellow")
        elif verdict.status == "covered" and verdict.said:
            # your own words beside the ✓: the matcher reads wording, not meaning — check it is the right way round
            line.append(f" — “{preview(verdict.said, 70)}”", style="dim")
        if explain and verdict.pattern:
            why = f" ({verdict.reason})" if verdict.reason and verdict.status != "contradicted" else ""
            reason = f"{verdict.reason}: " if verdict.status == "contradicted" else ""
            line.append(f"   [{reason}/{verdict.pattern}/ on “{verdict.excerpt}”{why}]", style="dim")
        elif explain and verdict.status == "missed":
            line.append("   [no pattern found]", style="dim")
        rows.append((Text(*marks[verdict.status]), line))
    _hanging(rows)


def common_mistake(example, *, yours: bool) -> None:
    """A wrong answer real candidates give, and why it is wrong — marked when it is the learner's own mistake."""
    head = "Your mistake is a common one: " if yours else "A common wrong answer: "
    line = Text.assemble((head, "bold yellow" if yours else "dim bold"), (f"“{preview(example.answer, 200)}”", "dim"))
    if example.why:
        line.append(" — ")
        line.append_text(inline(example.why))
    out.print(line)


def graded(correct: bool, message: str) -> None:
    if correct:
        out.print(Text.assemble(("✓ Right. ", "bold green"), inline(message)))
    else:
        out.print(Text.assemble(("✗ Not quite. ", "bold red"), inline(message)))


def explanation(text: str) -> None:
    if text:
        out.print(Panel(markdown(text), title="why", title_align="left", border_style="dim"))


def derivation_step(number: int, total: int, text: str) -> None:
    out.print(Panel(markdown(text), title=f"step {number}/{total}", title_align="left", border_style="cyan"))


def rating_prompt(suggested: int | None) -> str:
    parts = [f"[{RATING_STYLES[r]}]{r}[/] {RATING_LABELS[r]}" for r in (1, 2, 3, 4)]
    text = "[bold]Rate[/] " + " · ".join(parts)
    if suggested:
        text += f"  [dim]Enter: {RATING_LABELS[suggested]} (suggested)[/]"
    return text + "  [dim]u/s/q[/]"


def rated(rating: int, due: datetime | None, *, now: datetime, again_in_session: bool, leech: bool) -> None:
    label = Text(f"{RATING_LABELS[rating]}", style=RATING_STYLES[rating])
    if due is None:
        out.print(Text.assemble("Logged ", label, (" — cramming, the schedule is unchanged.", "dim")))
    elif again_in_session:
        out.print(Text.assemble("Logged ", label, (" — it comes back later in this session.", "dim")))
    else:
        out.print(Text.assemble("Logged ", label, (f" — next review {describe_due(due, now)}.", "dim")))
    if leech:
        out.print(Text("This card is a leech: you keep forgetting it. Rewrite the answer in your own words, or "
                       "study its derivation, before the next review.", style="bold red"))


def follow_up_offer(question: Question, *, how: str) -> None:
    """"The interviewer asks next: …", and how to go there ("" when there is no way to from here)."""
    line = Text.assemble(("The interviewer asks next: ", "bold magenta"), inline(preview(question.prompt)))
    if how:
        line.append(f"   [{how}]", style="dim")
    out.print(line)


def describe_due(due: datetime, now: datetime) -> str:
    seconds = (due - now).total_seconds()
    if seconds < 30:
        return "now"
    if seconds < 3600:
        return f"in {max(1, round(seconds / 60))} min"
    if seconds < 86400:
        return f"in {round(seconds / 3600)} h"
    days = seconds / 86400
    when = due.astimezone(now.tzinfo).strftime("%a %d %b")
    return f"in {round(days)} day{'s' if round(days) != 1 else ''} ({when})"


def nothing_due(next_due: datetime | None, now: datetime, topics: str) -> None:
    out.print()
    if next_due is None:
        out.print(Text(f"Nothing to study in {topics}.", style="bold"))
        return
    out.print(Text(f"Nothing is due in {topics} — well done.", style="bold green"))
    out.print(Text(f"The next question falls due {describe_due(next_due, now)}.", style=""))
    out.print(Text("To practise anyway without changing the schedule: drill quiz --cram", style="dim"))


def session_summary(reviewed: int, ratings: dict[int, int], new_seen: int, buried: int, leeches: list[str],
                    cram: bool, next_due: datetime | None, now: datetime) -> None:
    out.print()
    if not reviewed:
        out.print(Text("Session ended: nothing rated.", style="bold"))
        return
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    spread = "  ".join(f"{RATING_LABELS[r]} {ratings.get(r, 0)}" for r in (1, 2, 3, 4))
    right = sum(ratings.get(r, 0) for r in (2, 3, 4))
    table.add_row("Reviewed", f"{reviewed} ({new_seen} new)" + ("  [magenta]cram: schedule unchanged[/]" if cram else ""))
    table.add_row("Ratings", spread)
    table.add_row("Recalled", f"{100 * right / reviewed:.0f}%")
    if buried:
        table.add_row("Buried", f"{buried} until tomorrow")
    if leeches:
        table.add_row("Leeches", ", ".join(leeches))
    if next_due is not None and not cram:
        table.add_row("Next due", describe_due(next_due, now))
    out.print(Panel(table, title="session summary", title_align="left", border_style="blue"))


# --- answering out loud -------------------------------------------------------------------------------------


def clock(seconds: float) -> str:
    """12:05, or 1:02:05; negative as −0:12."""
    sign = "−" if seconds < 0 else ""
    total = int(round(abs(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


def aloud_start(seconds: int, *, keys: bool) -> None:
    how = "Enter when you are done" if keys else "one line when you are done"
    out.print(Text.assemble(("Say your answer out loud", "bold magenta"), (f" — {seconds} s, {how}.", "dim")))


def countdown(left: float, *, done: bool = False) -> None:
    """One line that counts down in place (a terminal only)."""
    if done:
        out.file.write("\r\x1b[2K")
        out.file.flush()
        return
    bar = "█" * max(0, int(left // 5)) if left > 0 else ""
    out.file.write(f"\r\x1b[2K⏱ {clock(left)} left  {bar}")
    out.file.flush()


def aloud_stop(used: float, allowed: int) -> None:
    over = used >= allowed
    out.print(Text(f"⏱ {clock(used)} of {clock(allowed)}" + ("  — time ran out" if over else ""),
                   style="yellow" if over else "dim"))


def checklist(points: Sequence) -> None:
    out.print(Text("Which key points did you say? (1–9 toggles, Enter when done)", style="bold"))
    _hanging([(Text(f"  {number}.", style="bold"), inline(point.text)) for number, point in enumerate(points, start=1)])


def checklist_state(ticked: set[int], total: int, *, final: bool = False) -> None:
    marks = " ".join(("☑" if n in ticked else "☐") + str(n) for n in range(1, total + 1))
    out.file.write(f"\r\x1b[2K  {marks}   {len(ticked)}/{total}")
    if final:
        out.file.write("\n")
    out.file.flush()


# --- reading input ---------------------------------------------------------------------------------------


class Input:
    """Keys on a terminal, lines on a pipe. None means the input ended (EOF or Ctrl-C)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdin
        self.keys = _is_terminal(self.stream)

    def line(self, prompt: str) -> str | None:
        out.print(prompt, end="", markup=True)
        if self.keys:
            try:
                return input(" ")
            except EOFError:
                return None
        text = self.stream.readline()
        if not text:
            out.print()
            return None
        text = text.rstrip("\r\n")
        out.print(" " + text, markup=False, highlight=False)  # echo, so a transcript reads like a session
        return text

    def key(self, prompt: str) -> str | None:
        """One key press on a terminal (Enter is ''); a whole line from a pipe."""
        if not self.keys:
            return self.line(prompt)
        out.print(prompt + " ", end="", markup=True)
        char = _read_key(self.stream)
        if char in ("\x03", "\x04"):  # Ctrl-C, Ctrl-D in raw mode
            out.print()
            return None
        shown = "" if char in ("\r", "\n") else char
        out.print(shown, markup=False, highlight=False)
        return "" if char in ("\r", "\n") else char


    def wait_key(self, timeout: float | None) -> str | None:
        """One key press within `timeout` seconds (None: wait as long as it takes); None when none came.
        Terminals only: the caller reads lines from a pipe."""
        import select
        import termios
        import tty

        fd = self.stream.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd)
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                return None
            return os.read(fd, 1).decode(errors="replace")
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty()) and os.name == "posix"
    except (AttributeError, ValueError):
        return False


def _read_key(stream) -> str:
    import termios
    import tty

    fd = stream.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setraw(fd)
        return os.read(fd, 1).decode(errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


# --- the dashboard and stats ----------------------------------------------------------------------------


def _streak_line(streak, goal_answers: int, answers_today: int) -> Text:
    flame = "🔥" if streak.current else "·"
    text = Text.assemble((f"{flame} {streak.current}-day streak", "bold"), (f"  (longest {streak.longest}", "dim"))
    if streak.freezes:
        text.append(f", {streak.freezes} freeze{'s' if streak.freezes != 1 else ''} held", style="cyan")
    text.append(")", style="dim")
    if streak.today_done:
        text.append("   today's goal met ✓", style="green")
    else:
        text.append(f"   today: {answers_today}/{goal_answers} answers — or pass one check", style="yellow")
    return text


def dashboard(board) -> None:
    if board.fresh:
        out.print(Panel(
            markdown(
                "**Welcome to drill** — interview practice for ML engineers and applied scientists.\n\n"
                "- `drill quiz` — recall practice, scheduled by spaced repetition (FSRS)\n"
                "- `drill quiz knn` — one topic; `drill quiz --tag scaling` — one theme across topics\n"
                "- `drill implement kmeans` then `drill check kmeans` — implement it from scratch, graded\n"
                "- `drill list` — every exercise and bank; `drill stats` — your streak and progress\n"
            ),
            title="drill", title_align="left", border_style="blue",
        ))
    else:
        out.print(_streak_line(board.streak, board.goal_answers, board.answers_today))
    table = Table(title="Due now", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("topic")
    table.add_column("due", justify="right")
    table.add_column("new", justify="right")
    table.add_column("questions", justify="right")
    for topic in board.topics:
        table.add_row(topic.topic, Text(str(topic.due), style="bold") if topic.due else Text("·", style="dim"),
                      str(topic.new), str(topic.total))
    out.print(table)
    if board.exercises_due:
        out.print(Text.assemble(("Implement again: ", "bold"), ", ".join(board.exercises_due)))
    if board.plan is not None:
        plan_line(board.plan)
    out.print(Text(f"New questions still allowed today: {board.new_room}", style="dim"))
    out.print(Text.assemble(("Next: ", "bold"), (board.suggestion, "bold cyan"), (f"  — {board.reason}", "dim")))


HEAT_COLOURS = ["grey23", "dark_green", "green4", "green3", "bright_green"]
HEAT_CHARS = ["·", "░", "▒", "▓", "█"]


def heatmap(levels: dict, today, weeks: int) -> None:
    """A contribution-style grid: a column per week (oldest left), a row per weekday, today bottom-right."""
    from datetime import timedelta

    last_monday = today - timedelta(days=today.weekday())
    start = last_monday - timedelta(weeks=weeks - 1)
    colour = out.color_system is not None and not out.no_color  # NO_COLOR keeps color_system set
    labels = [" "] * (2 * weeks + 2)
    previous_month = None
    for week in range(weeks):
        monday = start + timedelta(weeks=week)
        if monday.month != previous_month and all(c == " " for c in labels[2 * week - 1: 2 * week + 3]):
            labels[2 * week: 2 * week + 3] = monday.strftime("%b")
        previous_month = monday.month
    month_row = Text("     " + "".join(labels).rstrip(), style="dim")
    out.print(month_row)
    for weekday, name in enumerate(["Mon", "", "Wed", "", "Fri", "", "Sun"]):
        row = Text(f"{name:<4} ", style="dim")
        for week in range(weeks):
            day = start + timedelta(weeks=week, days=weekday)
            if day > today:
                row.append("  ")
                continue
            level = levels.get(day, 0)
            if colour:
                row.append("■ ", style=HEAT_COLOURS[level])
            else:
                row.append(HEAT_CHARS[level] + " ")
        out.print(row, no_wrap=True)
    legend = Text("     less ", style="dim")
    for level in range(5):
        legend.append("■ " if colour else HEAT_CHARS[level] + " ", style=HEAT_COLOURS[level] if colour else "")
    legend.append("more", style="dim")
    out.print(legend)


def stats(data, levels: dict) -> None:
    out.print(_streak_line(data.streak, data.goal_answers, data.answers_today))
    if data.streak.frozen_days:
        spent = ", ".join(d.strftime("%a %d %b") for d in data.streak.frozen_days[-3:])
        out.print(Text(f"Freezes spent on: {spent}", style="cyan"))
    out.print()
    heatmap(levels, data.today, 26)
    out.print()
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("Reviews", f"{data.reviews_today:,} today · {data.reviews_total:,} in total · {data.due_now:,} due now")
    retention = "—" if data.retention is None else f"{100 * data.retention:.0f}% of {data.retention_reviews:,} reviews"
    summary.add_row("True retention", f"{retention} (last 30 days)")
    summary.add_row("Exercises", f"{data.exercises_passed} passed of {data.exercises_attempted} attempted"
                    + (f" · implement again: {', '.join(data.exercises_due)}" if data.exercises_due else ""))
    summary.add_row("Scheduling", data.parameters)
    if data.leeches:
        shown = ", ".join(data.leeches[:6]) + (f" and {len(data.leeches) - 6} more" if len(data.leeches) > 6 else "")
        summary.add_row("Leeches", Text(f"{len(data.leeches)}: {shown}", style="red"))
    out.print(summary)
    out.print()
    out.print(Text("Due in the next 14 days", style="bold"))
    peak = max(data.forecast) or 1
    for offset, count in enumerate(data.forecast):
        from datetime import timedelta

        day = data.today + timedelta(days=offset)
        label = "today" if offset == 0 else day.strftime("%a %d")
        bar = "█" * max(1 if count else 0, round(24 * count / peak))
        out.print(Text.assemble((f"  {label:<7}", "dim"), (bar, "cyan"), f" {count}" if count else ""))
    out.print()
    table = Table(title="Mastery by topic", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("topic", "learned", "seen", "recall now"):
        table.add_column(column, justify="left" if column == "topic" else "right")
    for topic in data.topics:
        recall = "—" if topic.mean_recall is None else percent(topic.mean_recall)
        table.add_row(topic.topic, f"{topic.learned}/{topic.total}", str(topic.seen), recall)
    out.print(table)


# --- exercises -------------------------------------------------------------------------------------------

STATUS_STYLES = {"pass": "bold green", "fail": "bold red", "error": "bold red", "skipped": "dim"}


def exercise_task(exercise, path, *, kept: bool, backup, custom_dir: bool, again: bool = False) -> None:
    out.print(Panel(markdown(exercise.task), title=f"[bold]{exercise.title}[/]", title_align="left",
                    border_style="blue"))
    if kept:
        out.print(Text.assemble(("Your file is already there, kept as it is: ", "yellow"), (str(path), "bold")))
        out.print(Text("To start over from the stub: drill implement "
                       f"{exercise.slug} --force (your file is kept under .attempts/)", style="dim"))
    else:
        if again:
            out.print(Text("You passed this before: write it again from memory — that is what makes it stick. "
                           "The pass schedules the next re-implementation.", style="bold"))
        out.print(Text.assemble(("Stub written to ", ""), (str(path), "bold")), soft_wrap=True)
        if backup:
            out.print(Text.assemble(("Your previous attempt is kept as ", "yellow"), (str(backup), "bold"),
                                    (f"  (all of them: drill implement {exercise.slug} --attempts)", "dim")))
    check = f"drill check {exercise.slug}" + (f" {path}" if custom_dir else "")
    out.print(Text.assemble(("Next: ", "bold"), "edit the file, then ", (check, "bold cyan"),
                            " (add --watch to re-check on every save); stuck? ", (f"drill hint {exercise.slug}", "cyan")))


def attempts(exercise, kept: list, passed: dict) -> None:
    """Earlier attempts at an exercise, oldest first, and which of them passed."""
    if not kept:
        out.print(Text(f"No earlier attempts at {exercise.slug} yet: they are kept under .attempts/ when "
                       f"`drill implement {exercise.slug}` hands out a fresh stub.", style="dim"))
        return
    out.print(Text.assemble((f"Earlier attempts at {exercise.slug}", "bold"), (f", in {kept[0].parent}:", "dim")),
              soft_wrap=True)
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column()
    for path in kept:
        check = passed.get(path)
        table.add_row("  " + path.name, Text(f"passed {check.checked_at:%d %b %H:%M}", style="green") if check
                      else Text("not passed", style="dim"))
    out.print(table)


def check_result(result, path, repeat_of=None) -> None:
    out.print(Text.assemble(("Checking ", "dim"), (str(path), "bold"), (f" against {result.exercise}", "dim")))
    # one row per test; a long message wraps under its test's name instead of being cut at the edge
    rows = Table.grid(padding=(0, 1), pad_edge=False)
    rows.add_column(no_wrap=True)
    rows.add_column()
    for test in result.tests:
        mark, style = {"pass": ("✓", "green"), "skipped": ("-", "dim")}.get(test.status, ("✗", "red"))
        line = Text(test.name, style="" if test.status == "pass" else style)
        if test.status != "pass" and test.message:
            line.append(f" — {test.message}", style="dim")
        rows.add_row(Text(f"  {mark}", style=style), line)
    out.print(rows)
    first = next((t for t in result.tests if t.status in ("fail", "error")), None)
    if first is not None and first.detail:
        out.print(Panel(Text(first.detail), title=f"first failure: {first.name}", title_align="left",
                        border_style="red"))
    if result.output.strip():
        out.print(Panel(Text(result.output.rstrip()[-2000:]), title="what your code printed (tail)",
                        title_align="left", border_style="dim"))
    for limit in result.limits_not_applied:
        out.print(Text(f"note: {limit}", style="yellow"))
    summary = f"{result.passed}/{result.total} tests passed in {result.duration_s:.1f} s"
    if result.status == "pass":
        out.print(Text.assemble(("PASS ", "bold green"), summary))
    else:
        out.print(Text.assemble(("FAIL ", "bold red"), summary))
    perf = result.performance
    if perf is not None and perf.verdict != "not-measured":
        style = "green" if perf.verdict == "vectorised" else "yellow"
        out.print(Text.assemble(("Performance: ", "bold"), (perf.message, style)))
    elif result.status != "pass":
        out.print(Text("Performance is measured once every test passes.", style="dim"))
    if repeat_of is not None:
        out.print(Text(f"This exact file already passed on {repeat_of.checked_at:%a %d %b at %H:%M}: nothing is "
                       "recorded (no pass, no streak day). A re-implementation is written from memory: "
                       f"drill implement {result.exercise} gives you a fresh stub and keeps this file.",
                       style="yellow"))
    elif result.status == "pass":
        out.print(Text(f"Compare with the model answer: drill solution {result.exercise}", style="dim"))
    else:
        out.print(Text(f"Stuck? drill hint {result.exercise}", style="dim"))


class working:  # noqa: N801 - used as `with ui.working(...) as progress:`
    """A spinner with the elapsed time and what is being run, on a terminal only (nothing when piped): the
    context value is the callback that updates it (None when there is nothing to show)."""

    def __init__(self, title: str, *, enabled: bool = True):
        self.title = title
        self.enabled = enabled and out.is_terminal
        self.status: Any = None
        self.started = 0.0

    def __enter__(self):
        if not self.enabled:
            return None
        import time

        self.started = time.monotonic()
        status = out.status(Text(self.title), spinner="dots")
        status.__enter__()
        self.status = status
        return self.update

    def update(self, what: str) -> None:
        import time

        if self.status is not None:
            elapsed = time.monotonic() - self.started
            self.status.update(Text.assemble(self.title, (f" · {elapsed:.1f} s · {what}", "dim")))

    def __exit__(self, *exc) -> None:
        if self.status is not None:
            self.status.__exit__(*exc)


def clear_for_watch() -> None:
    if out.is_terminal:
        out.clear()


def watching(path, offered=None) -> None:
    if offered is not None:
        exercise, why = offered
        out.print(Text.assemble(("Next up: ", "bold"), (exercise.slug, "bold cyan"), (f" ({why}) — type n and Enter "
                                "to start it here.", "dim")))
    out.print(Text(f"Watching {path} — save to re-check, Enter to re-run, Ctrl-C to stop.", style="dim"))


def hint(exercise, shown, *, again: bool = True) -> None:
    if shown.number == 0:
        out.print(Panel(inline(shown.text), title=f"what failed: {shown.failed_test}", title_align="left",
                        border_style="red"))
        if again:
            out.print(Text(f"Still stuck? drill hint {exercise.slug} again for the next hint.", style="dim"))
        return
    title = f"hint {shown.number} of {shown.total}"
    out.print(Panel(markdown(shown.text), title=title, title_align="left", border_style="yellow"))
    if shown.repeated and again:
        out.print(Text("That was the last hint. The model answer: drill solution " + exercise.slug, style="dim"))


def confirm(question: str) -> bool:
    out.print(Text(question + " [y/N] ", style="bold"), end="")
    try:
        return input().strip().lower() in ("y", "yes")
    except EOFError:
        return False


def wrap_code(code: str, width: int) -> str:
    """Lines longer than width broken at a space, each continuation indented under its own line (plus 4), so the
    code's structure still reads; a pager would scroll, a terminal would fold at column 0."""
    width = max(20, width)
    wrapped = []
    for line in code.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        while len(line) > width:
            cut = line.rfind(" ", indent + 8, width)
            cut = cut if cut > 0 else width
            wrapped.append(line[:cut].rstrip())
            line = " " * (indent + 4) + line[cut:].lstrip()
        wrapped.append(line)
    return "\n".join(wrapped)


def _code_panel(code: str, title: str, width: int, style: str) -> Panel:
    from rich.syntax import Syntax

    return Panel(Syntax(wrap_code(code, width - 4), "python", theme="ansi_dark", line_numbers=False,
                        word_wrap=False), title=title, title_align="left", border_style=style)


def solution(exercise, code: str, *, before_pass: bool, yours: tuple | None = None) -> None:
    """The reference — beside the learner's passing file when there is one (side by side on a wide terminal,
    yours first on a narrow one)."""
    if before_pass:
        out.print(Text("Seen before a pass (recorded). Close it, then write your own from memory.", style="yellow"))
    reference_title = f"{exercise.title} — reference"
    if yours is None:
        out.print(_code_panel(code, reference_title, out.width, "green"))
        return
    path, mine = yours
    if out.width >= 150:
        half = out.width // 2
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=half - 1)
        grid.add_column(width=out.width - half)
        grid.add_row(_code_panel(mine, f"yours — {path.name}", half - 1, "blue"),
                     _code_panel(code, "reference", out.width - half, "green"))
        out.print(grid)
        return
    out.print(_code_panel(mine, f"yours, as it passed — {path}", out.width, "blue"))
    out.print(_code_panel(code, reference_title, out.width, "green"))


def listing(rows) -> None:
    # Grouped by topic, each topic a heading row: the slug (what the learner types next) and the topic are never
    # cut, even at 80 columns, with no topic column to squeeze. A long status ("started (12/14)") wraps instead.
    table = Table(title="Exercises", title_justify="left", show_edge=False, pad_edge=False, box=box.SIMPLE_HEAD)
    widest = max((len(r.exercise.slug) for r in rows.exercises), default=6)
    table.add_column("exercise", no_wrap=True, min_width=widest + 2)
    table.add_column("level", no_wrap=True)
    table.add_column("status", min_width=7)  # "started": the rest wraps below it
    table.add_column("checks", no_wrap=True, justify="right")
    table.add_column("due", no_wrap=True, min_width=6)
    styles = {"passed": "green", "started": "yellow", "new": "dim", "due": "bold magenta"}
    by_topic: dict[str, list] = {}
    for row in rows.exercises:
        by_topic.setdefault(row.exercise.topic, []).append(row)
    for topic in sorted(by_topic):
        table.add_row(Text(topic, style="bold cyan"))
        for row in by_topic[topic]:
            status = row.status + (f" ({row.best})" if row.best else "")
            stars = "●" * row.exercise.difficulty + "○" * (3 - row.exercise.difficulty)
            due = "·" if row.due is None else "today" if row.status == "due" else f"{row.due:%d %b}"
            table.add_row("  " + row.exercise.slug, stars, Text(status, style=styles.get(row.status, "")),
                          str(row.checks), Text(due, style="bold" if row.status == "due" else ""))
    out.print(table)
    out.print()
    banks = Table(title="Question banks", title_justify="left", show_edge=False, pad_edge=False, box=box.SIMPLE_HEAD)
    for column in ("topic", "questions", "seen", "learned", "due"):
        banks.add_column(column, justify="left" if column == "topic" else "right")
    for bank in rows.banks:
        banks.add_row(bank.topic, str(bank.questions), str(bank.seen), str(bank.learned),
                      str(bank.due) if bank.due else "·")
    out.print(banks)
    out.print(Text("Start one: drill implement <exercise> · drill quiz <topic>", style="dim"))


# --- doctor ---------------------------------------------------------------------------------------------------


def doctor(report) -> None:
    for problem in report.problems:
        out.print(Text(f"problem: {problem}", style="red"), soft_wrap=True)
    for note in report.notes:
        out.print(Text(f"note: {note}", style="dim"), soft_wrap=True)
    summary = f"{report.path}: {report.cards:,} cards, {report.reviews:,} reviews"
    if report.sound:
        out.print(Text.assemble(("✓ sound — ", "bold green"), summary))
    else:
        count = len(report.problems)
        out.print(Text.assemble((f"✗ {count} problem{'s' if count != 1 else ''} — ", "bold red"), summary))
        if not any(p.startswith("SQLite reports damage") for p in report.problems):
            out.print(Text("drill doctor --fix rebuilds every card from the review log (the log is kept).",
                           style="dim"))


# --- interviews -----------------------------------------------------------------------------------------------


def interview_intro(plan, *, keys: bool) -> None:
    total = plan.concept_seconds + plan.coding_seconds
    rounds = []
    if plan.openings:
        topics = ", ".join(dict.fromkeys(q.topic for q in plan.openings))
        rounds.append(f"**concepts** ({clock(plan.concept_seconds)}): {len(plan.openings)} opening questions on "
                      f"{topics}, each followed as deep as your answers hold up")
    if plan.exercise is not None:
        rounds.append(f"**coding** ({clock(plan.coding_seconds)}): implement `{plan.exercise.slug}` from its stub")
    keys_text = ("Answer as you would aloud to an interviewer; q ends the interview at any prompt (everything "
                 "answered is kept).")
    body = f"A {clock(total)} mock interview.\n\n" + "\n".join(f"- {r}" for r in rounds) + f"\n\n{keys_text}"
    out.print(Panel(markdown(body), title="[bold]drill interview[/]", title_align="left", border_style="magenta"))


def round_banner(title: str, seconds: float, what: str) -> None:
    out.print()
    out.print(Text.assemble((f"{title}", "bold magenta"), (f" · {clock(seconds)} · {what}", "dim")))


def interview_question(question: Question, *, depth: int, interview_left: float, round_left: float,
                       target: int) -> None:
    stars = "●" * question.difficulty + "○" * (3 - question.difficulty)
    kind = "follow-up " + "↳" * depth if depth else "opening question"
    title = f"[bold]{question.topic}[/] · {kind} · {stars}"
    subtitle = f"⏱ interview {clock(interview_left)} · round {clock(round_left)} · answer in {clock(target)}"
    out.print()
    out.print(Panel(markdown(question.prompt), title=title, title_align="left", subtitle=subtitle,
                    subtitle_align="right", border_style="magenta"))


def answer_timing(seconds: float, target: int) -> None:
    if seconds > target:
        out.print(Text(f"⏱ {clock(seconds)} — over the {clock(target)} an interviewer would give (recorded)",
                       style="yellow"))
    else:
        out.print(Text(f"⏱ {clock(seconds)} of {clock(target)}", style="dim"))


def coding_task(exercise, path, *, keys: bool) -> None:
    out.print(Panel(markdown(exercise.task), title=f"[bold]{exercise.title}[/]", title_align="left",
                    border_style="blue"))
    out.print(Text.assemble(("Your stub: ", ""), (str(path), "bold")), soft_wrap=True)  # a path is never cut
    how = ("save the file or press Enter to run the checks · g gives up · q ends the interview" if keys
           else "a line (empty or not) runs the checks · g gives up · q ends the interview")
    out.print(Text(how, style="dim"))


def coding_clock(left: float, *, inline: bool = False) -> None:
    text = f"⏱ {clock(max(0.0, left))} left in this round"
    if inline:
        out.file.write(f"\r\x1b[2K{text}")
        out.file.flush()
    else:
        out.print(Text(text, style="dim"))


def check_compact(result) -> None:
    """A check inside an interview: the count, and the first failure in one line."""
    if out.is_terminal:
        out.file.write("\r\x1b[2K")
    first = next((t for t in result.tests if t.status in ("fail", "error")), None)
    if result.status == "pass":
        out.print(Text.assemble(("PASS ", "bold green"), f"{result.passed}/{result.total} tests"))
        return
    line = Text.assemble(("FAIL ", "bold red"), f"{result.passed}/{result.total} tests")
    if first is not None:
        line.append(f" — {first.name}: {first.message}", style="dim")
    out.print(line)


def _score(value) -> str:
    return "—" if value is None else f"{value:.0f}"


def interview_report(report) -> None:
    """Per round and per question: time, key points, rating, depth; the coding result; what to review next."""
    out.print()
    table = Table(title="Concepts", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("question", "depth", "time", "points", "rating"):
        table.add_column(column, justify="right" if column in ("depth", "time", "points") else "left",
                         overflow="fold" if column == "question" else "ellipsis")
    for answer in report.answers:
        over = answer.seconds > answer.target_seconds
        points = f"{answer.covered}/{answer.points}" if answer.points else "·"
        prompt = ("↳ " * answer.depth) + answer.prompt
        table.add_row(prompt, str(answer.depth), Text(clock(answer.seconds), style="yellow" if over else ""),
                      points + (" aloud" if answer.aloud else ""),
                      Text(RATING_LABELS[answer.rating], style=RATING_STYLES[answer.rating]))
    if report.answers:
        out.print(table)
    coding = report.coding
    if coding is not None:
        out.print()
        if coding.passed:
            result = f"passed in {clock(coding.seconds_to_pass or 0)} of {clock(coding.seconds_allowed)}"
        else:
            ended = {"give-up": "given up", "time": "time ran out", "quit": "interview ended"}.get(coding.ended_by,
                                                                                             coding.ended_by)
            result = (f"{ended} at {coding.best_passed}/{coding.total} tests" if coding.checks
                      else f"{ended} before any check")
        out.print(Text.assemble(("Coding  ", "bold"), (coding.slug, "bold cyan"),
                                f" — {result}, {coding.checks} check{'s' if coding.checks != 1 else ''}"))
    summary = Table.grid(padding=(0, 2))
    summary.add_column(style="bold")
    summary.add_column()
    summary.add_row("Score", f"{_score(report.score)} / 100  (concepts {_score(report.concept_score)}"
                    + (f", coding {_score(coding.score)}" if coding is not None else "") + ")")
    summary.add_row("Deepest chain", f"{report.deepest_chain} follow-up{'s' if report.deepest_chain != 1 else ''}")
    overs = sum(a.seconds > a.target_seconds for a in report.answers)
    summary.add_row("Time", f"{clock(report.seconds)}" + (f" · {overs} answer{'s' if overs != 1 else ''} over time"
                                                          if overs else ""))
    weakest = report.weakest_topics()
    if weakest:
        summary.add_row("Weakest", ", ".join(weakest))
    if not report.finished:
        summary.add_row("Ended early", "everything answered is kept and counted")
    out.print()
    out.print(Panel(summary, title="interview report", title_align="left", border_style="magenta"))
    out.print(Text("Review next:", style="bold"))
    for step in report.next_steps():
        out.print(Text.assemble("  ", (step, "bold cyan")))


def interview_history(rows, sparkline: str) -> None:
    if not rows:
        out.print(Text("No interviews yet: drill interview", style="dim"))
        return
    table = Table(title="Interviews", title_justify="left", show_edge=False, pad_edge=False)
    for column in ("date", "length", "topics", "concepts", "coding", "score"):
        table.add_column(column, justify="right" if column in ("concepts", "score", "length") else "left")
    for row in rows:
        report = row.report
        coding = "·" if report.coding is None else (
            f"{report.coding.slug} ✓" if report.coding.passed
            else f"{report.coding.slug} {report.coding.best_passed}/{report.coding.total}" if report.coding.checks
            else f"{report.coding.slug} –")
        length = f"{report.minutes} min" + ("" if report.finished else ", ended early")
        table.add_row(f"{row.started_at:%a %d %b %H:%M}", length,
                      ", ".join(report.topics) or "all", _score(report.concept_score), coding,
                      Text(_score(report.score), style="bold"))
    out.print(table)
    if sparkline:
        out.print(Text.assemble(("Trend ", "bold"), (sparkline, "magenta"), ("  (oldest → newest)", "dim")))


# --- the study plan ---------------------------------------------------------------------------------------


def study_plan(plan, *, saved: bool, status=None) -> None:
    """The plan as a table of days. Today's row shows what is still to do today, counted as the dashboard and
    `drill quiz` count it (`status`, a PlanToday; looked up when not given)."""
    from datetime import date, timedelta

    if status is None:
        from drill.plan import status_now

        _, status = status_now(plan)
    day = date.fromisoformat(plan.interview_day)
    final = date.fromisoformat(plan.final_from)
    topics = ", ".join(plan.topics) or "all topics"
    out.print(Text.assemble(("Plan to the interview on ", "bold"), (f"{day:%a %d %b %Y}", "bold magenta"),
                            (f" — {topics}", "")))
    learning = sum(not d.review_only for d in plan.days)
    out.print(Text(f"{len(plan.days)} study days: {plan.new_total} new questions over {learning} day"
                   f"{'s' if learning != 1 else ''}, {plan.exercises_total} exercises to pass; from {final:%a %d %b} "
                   f"review only, with the desired retention raised to {plan.final_retention:.2f}.", style="dim"))
    table = Table(show_edge=False, pad_edge=False)
    for column in ("day", "new", "reviews", "exercises"):
        table.add_column(column, justify="right" if column in ("new", "reviews") else "left")
    today = None
    if status is not None:
        today = date.fromisoformat(plan.interview_day) - timedelta(days=status.days_left)
    for entry in plan.days:
        when = date.fromisoformat(entry.day)
        is_today = when == today
        label = Text(f"{when:%a %d %b}" + (" today" if is_today else ""), style="bold" if is_today else "")
        if entry.review_only:
            new = "review"
        elif is_today:
            new = str(status.new_left)  # what is left today, as the dashboard says
        else:
            new = str(entry.new)
        table.add_row(label, Text(new, style="dim" if entry.review_only else "bold"), f"~{entry.reviews}",
                      ", ".join(entry.exercises) or "·")
    out.print(table)
    if status is not None and status.introduced_today and not status.final:
        out.print(Text(f"Today's new questions: {status.new_quota} in the plan, {status.introduced_today} already "
                       f"introduced (from any topic), {status.new_left} left.", style="dim"))
    for warning in plan.warnings:
        error(f"this plan cannot fit: {warning}")
    if saved:
        out.print(Text("Saved: the dashboard and `drill quiz` follow it until the day (drill plan --clear stops it).",
                       style="dim"))


def plan_line(today) -> None:
    """The plan in force, in one line: the day, what is left to do today."""
    from datetime import date

    day = date.fromisoformat(today.plan.interview_day)
    parts = [f"interview {day:%a %d %b} (in {today.days_left} day{'s' if today.days_left != 1 else ''})"]
    if today.final:
        parts.append(f"review days: retention {today.plan.final_retention:.2f}, no new questions")
    elif today.introduced_today:
        left = today.new_left
        parts.append((f"{left} more new question{'s' if left != 1 else ''} today" if left
                      else "no more new questions today") + f" ({today.introduced_today} done)")
    else:
        parts.append(f"{today.new_left} new question{'s' if today.new_left != 1 else ''} today")
    if today.exercises:
        parts.append("exercise " + ", ".join(today.exercises))
    out.print(Text.assemble(("Plan: ", "bold magenta"), " · ".join(parts)))


# --- cards ------------------------------------------------------------------------------------------------------

STATE_STYLES = {"new": "cyan", "learning": "yellow", "relearning": "yellow", "review": "green", "suspended": "dim"}


def _when(due: datetime | None, now: datetime) -> str:
    if due is None:
        return "·"
    if due <= now:
        return "now"
    return describe_due(due, now).removeprefix("in ")


def card_table(cards, total: int, now: datetime) -> None:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("id", no_wrap=True)
    # ids begin with their topic (knn-…, logreg-…): a narrow terminal drops the column rather than cut it to "lo…"
    longest = max((len(i.question.id) + len(i.question.topic) for i in cards), default=0)
    with_topic = longest + 50 <= out.width
    if with_topic:
        table.add_column("topic", no_wrap=True)
    for column in ("state", "due", "stability", "lapses", "last"):
        table.add_column(column, no_wrap=True, justify="right" if column in ("stability", "lapses") else "left")
    for info in cards:
        stability = "·" if info.stability is None else f"{info.stability:.1f} d"
        last = Text(RATING_LABELS[info.last_rating], style=RATING_STYLES[info.last_rating]) if info.last_rating \
            else Text("·", style="dim")
        topic = (info.question.topic,) if with_topic else ()
        table.add_row(info.question.id, *topic, Text(info.state, style=STATE_STYLES.get(info.state, "")),
                      _when(info.due, now), stability, str(info.lapses), last)
    out.print(table)
    out.print(Text(f"{len(cards):,} of {total:,} cards · drill card ID for one card's history", style="dim"))


def card_detail(detail, now: datetime) -> None:
    info = detail.info
    question = info.question
    tags = (" · " + ", ".join(question.tags)) if question.tags else ""
    out.print(Panel(markdown(question.prompt), title=f"[bold]{question.id}[/] · {question.topic} · {question.type}",
                    title_align="left", subtitle=tags.removeprefix(" · ") or None, subtitle_align="right",
                    border_style="blue"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    grid.add_row("State", Text(info.state, style=STATE_STYLES.get(info.state, "")))
    if info.due is not None:
        grid.add_row("Due", f"{info.due.astimezone(now.tzinfo):%a %d %b %Y %H:%M} ({_when(info.due, now)})")
    if info.stability is not None:
        grid.add_row("Stability", f"{info.stability:.2f} days · difficulty {info.difficulty:.2f}")
    if info.recall is not None:
        grid.add_row("Recall now", percent(info.recall))
    resets = [at for kind, at in detail.events if kind == "reset"]
    since = " since the last reset" if resets else ""
    grid.add_row("Reviews", f"{info.reps} · {info.lapses} lapse{'s' if info.lapses != 1 else ''}{since}")
    out.print(grid)
    if detail.events:
        out.print(Text("Events: " + ", ".join(f"{kind} {at:%d %b %Y %H:%M}" for kind, at in detail.events),
                       style="dim"))
    if not detail.history:
        out.print(Text("No reviews yet.", style="dim"))
        return
    table = Table(title="History", title_justify="left", show_edge=False, pad_edge=False)
    table.add_column("when", no_wrap=True)
    table.add_column("rating", no_wrap=True)
    table.add_column("time", justify="right", no_wrap=True)
    table.add_column("your answer", overflow="fold")
    for entry in detail.history:
        review = entry.review
        rating = Text(RATING_LABELS[review.rating], style=RATING_STYLES[review.rating])
        if review.cram:
            rating.append(" cram", style="magenta")
        if resets and review.reviewed_at <= resets[-1]:
            rating.append(" before reset", style="dim")  # kept in the log, no longer scheduling the card
        table.add_row(f"{review.reviewed_at:%a %d %b %Y %H:%M}", rating, clock(review.duration_ms / 1000),
                      Text(review.answer or "·", style="" if review.answer else "dim"))
    out.print(table)


def card_action(action: str, changed: list[str], unchanged: list[str]) -> None:
    done = {"suspend": "Suspended", "unsuspend": "Unsuspended", "reset": "Reset to new"}[action]
    why = {"suspend": "already suspended", "unsuspend": "not suspended", "reset": "already new"}[action]
    if changed:
        out.print(Text.assemble((f"{done}: ", "bold"), ", ".join(changed)))
    if unchanged:
        out.print(Text(f"Unchanged ({why}): " + ", ".join(unchanged), style="dim"))
    if action == "reset" and changed:
        out.print(Text("Their reviews stay in the log and in your stats; the cards are new again.", style="dim"))


def tag_table(rows) -> None:
    table = Table(show_edge=False, pad_edge=False)
    table.add_column("tag", no_wrap=True)
    table.add_column("questions", justify="right")
    table.add_column("topics")
    for tag, count, topics in rows:
        table.add_row(tag, str(count), ", ".join(topics))
    out.print(table)
    out.print(Text("Study one theme across topics: drill quiz --tag TAG", style="dim"))


# --- your data: optimize, import, sync ------------------------------------------------------------------------


def optimize_report(report) -> None:
    names = {"question": "Questions", "exercise": "Exercises"}
    for fit in report.fits:
        name = names[fit.kind]
        if fit.needed:
            out.print(Text.assemble((f"{name}: ", "bold"), f"{fit.reviews:,} reviews — {fit.needed:,} more needed "
                                    "before a fit is worth trying; the parameters in force are kept."))
            continue
        verdict = ("kept: they predict your recall better" if fit.kept
                   else "not kept: they predict your recall no better than the parameters in force")
        if fit.kept and not report.config_path:
            verdict = "better: they would be kept (--dry-run: nothing written)"
        out.print(Text.assemble((f"{name}: ", "bold"), f"{fit.reviews:,} reviews — fitted on the older 80%, "
                                "scored on the newest 20%"))
        out.print(f"  log loss {fit.old_log_loss:.4f} → {fit.new_log_loss:.4f} · "
                  f"RMSE {100 * fit.old_rmse:.2f}% → {100 * fit.new_rmse:.2f}% (lower is better)")
        out.print(Text(f"  {verdict}", style="green" if fit.kept else "yellow"))
    if report.config_path:
        out.print(f"Written to {report.config_path}; the cards are rescheduled under them on the next command.")


def import_summary(path, summary) -> None:
    line = f"{path}: {summary.rows:,} rows — {summary.added:,} reviews added"
    if summary.rows - summary.skipped_unknown - summary.added:
        line += f", {summary.rows - summary.skipped_unknown - summary.added:,} already there"
    if summary.skipped_unknown:
        line += f", {summary.skipped_unknown:,} about cards drill does not have (left out)"
    out.print(line)


def sync_report(report) -> None:
    added = {k: v for k, v in report.added.items() if v}
    names = {"review": "reviews", "check": "checks", "event": "hints/solutions", "card_event": "card changes",
             "interview": "interviews", "undone": "reviews undone"}
    for note in report.skipped:
        out.print(Text(f"Left alone: {note}", style="yellow"))
    if report.refused:
        out.print(Text(f"{report.refused} record(s) from other machines carry values this drill does not accept "
                       "(a newer drill, or an edited file); they were left out.", style="yellow"))
    merged = ", ".join(f"{n:,} {names[k]}" for k, n in added.items()) or "nothing new"
    out.print(f"Synced with {report.folder} as {report.machine}: read {report.files_read} other machine(s) — "
              f"merged {merged}; wrote {report.written:,} records of yours.")
    if report.damaged:
        out.print(Text(f"{report.damaged} line(s) were cut short (a sync or a copy still under way); they are read "
                       "on a later sync, once whole.", style="yellow"))
