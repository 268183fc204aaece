"""The question banks as an Anki package (.apkg), built with genanki: one note per question, one subdeck per topic
under `drill`. Ids are stable (the note's guid comes from the question id; the note type and each topic's deck
have fixed ids), so importing a later export updates the notes already in Anki instead of adding copies.

Bank text is Markdown, rendered to HTML with markdown-it (raw HTML in a bank is escaped, not passed through);
everything that is not Markdown is escaped. genanki and markdown-it are imported on first use only.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import os
import re
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from drill.errors import DrillError, UsageError
from drill.models import Bank, Question


@dataclass(frozen=True)
class AnkiExport:
    """What `export_anki` wrote: the file, how many notes, and the decks (one per topic) they are in."""

    path: Path
    notes: int
    decks: tuple[str, ...]


def _stable_id(name: str) -> int:
    """An Anki id (in genanki's recommended range 2³⁰ … 2³¹) that depends on a fixed name only."""
    return (1 << 30) + int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") % (1 << 30)


# Never change these names: Anki recognises the note type and the decks by their ids. A change to the note type's
# fields needs a new model name (a new note type), or Anki refuses to update notes of the old one.
MODEL_NAME = "drill question"
MODEL_ID = _stable_id("drill question note type v1")
DECK_ROOT = "drill"


def deck_id(topic: str) -> int:
    """The id of a topic's deck: the same on every export."""
    return _stable_id(f"drill deck {topic}")


def note_guid(question_id: str) -> str:
    """The guid of a question's note: the same on every export, so Anki updates the note rather than adding one."""
    import genanki

    return str(genanki.guid_for(question_id))


def anki_tag(tag: str) -> str:
    """A tag as Anki accepts it: no whitespace (Anki splits tags at spaces) and no double quotes."""
    return re.sub(r'[\s"]+', "_", tag.strip()).strip("_")


def export_anki(banks: Sequence[Bank], target: Path, *, topics: Sequence[str] = (), now: datetime) -> AnkiExport:
    """Write the questions of these topics (all when none) to `target` as an Anki package, atomically.

    UsageError for an unknown topic, a target that is not `.apkg` or whose folder does not exist; DrillError when
    the file cannot be written. `now` stamps the notes: Anki updates an existing note from a newer one.
    """
    from drill.banks import select_questions

    _check_target(target)
    select_questions(list(banks), list(topics), [])  # unknown topics: UsageError with a suggestion
    chosen = [bank for bank in banks if not topics or bank.topic in topics]
    every_question = {q.id: q for bank in banks for q in bank.questions}  # follow-ups may lie in other topics

    import genanki

    model = _model()
    decks: list[Any] = []
    names: list[str] = []
    for bank in chosen:
        name = _deck_name(bank, names)
        deck = genanki.Deck(deck_id(bank.topic), name, description=html.escape(f"{bank.title} — exported by drill"))
        for question in bank.questions:
            deck.add_note(genanki.Note(model=model, fields=_fields(question, bank, every_question),
                                       tags=_tags(question), guid=note_guid(question.id)))
        decks.append(deck)
        names.append(name)
    _write_atomically(genanki.Package(decks), target, now)
    return AnkiExport(path=target, notes=sum(len(deck.notes) for deck in decks), decks=tuple(names))


def _check_target(target: Path) -> None:
    if target.suffix.lower() != ".apkg":
        raise UsageError(f"{target}: Anki imports .apkg files — name it {target.with_suffix('.apkg').name}")
    if target.is_dir():
        raise UsageError(f"{target} is a folder — give a file name, e.g. {target / 'drill.apkg'}")
    folder = target.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise UsageError(f"cannot write {target}: {folder} {what} — create it first or choose another path")


def _write_atomically(package: Any, target: Path, now: datetime) -> None:
    """Write beside the target, then rename: a killed export leaves the previous file (or none), never half a one."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with _genanki_scratch():
            package.write_to_file(str(partial), timestamp=now.timestamp())
        os.replace(partial, target)
    except OSError as exc:
        raise DrillError(f"cannot write {target}: {exc.strerror or exc}") from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


@contextlib.contextmanager
def _genanki_scratch() -> Iterator[None]:
    """genanki (0.13) builds the collection in a file from tempfile.mkstemp() and never removes it: point the
    tempfile module at a scratch folder of ours for the call, and remove the folder afterwards."""
    with tempfile.TemporaryDirectory(prefix="drill-anki-") as scratch:
        saved = tempfile.tempdir
        tempfile.tempdir = scratch
        try:
            yield
        finally:
            tempfile.tempdir = saved


def _deck_name(bank: Bank, taken: list[str]) -> str:
    """`drill::<title>`; a `::` inside a title would nest decks, and two banks with one title would share a deck."""
    name = f"{DECK_ROOT}::{bank.title.replace('::', ':').strip() or bank.topic}"
    return name if name not in taken else f"{name} ({bank.topic})"


def _tags(question: Question) -> list[str]:
    tags = [f"{DECK_ROOT}::{anki_tag(question.topic)}"] + [anki_tag(tag) for tag in question.tags]
    return list(dict.fromkeys(tag for tag in tags if tag))


# --- the note type ----------------------------------------------------------------------------------------

FIELDS = ("Prompt", "Choices", "Answer", "KeyPoints", "Explanation", "FollowUps", "Topic", "Id")

_FRONT = """\
<div class="topic">{{Topic}}</div>
<div class="prompt">{{Prompt}}</div>
{{#Choices}}<ol class="choices">{{Choices}}</ol>{{/Choices}}
"""

# The back repeats the prompt rather than {{FrontSide}}: a choice question's back shows its choices once, marked.
_BACK = """\
<div class="topic">{{Topic}}</div>
<div class="prompt">{{Prompt}}</div>
<hr id="answer">
{{Answer}}
{{#KeyPoints}}<div class="section"><div class="label">Key points</div><ul class="points">{{KeyPoints}}</ul></div>{{/KeyPoints}}
{{#Explanation}}<div class="section"><div class="label">Why</div>{{Explanation}}</div>{{/Explanation}}
{{#FollowUps}}<div class="section"><div class="label">The interviewer may ask next</div><ul class="follow-ups">{{FollowUps}}</ul></div>{{/FollowUps}}
<div class="id">{{Id}}</div>
"""

_CSS = """\
.card { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 18px; line-height: 1.45;
        text-align: left; max-width: 46em; margin: 0 auto; }
.topic { font-size: 0.75em; opacity: 0.6; text-transform: uppercase; letter-spacing: 0.05em; }
.prompt { font-weight: 600; }
.label { font-size: 0.8em; font-weight: 600; opacity: 0.7; margin-top: 1em; }
code { font-family: Menlo, Consolas, monospace; font-size: 0.9em; background: rgba(127, 127, 127, 0.15);
       padding: 0 0.2em; border-radius: 3px; }
pre code { display: block; padding: 0.5em; overflow-x: auto; }
.choices li.right { font-weight: 600; color: #2e7d32; }
.nightMode .choices li.right { color: #81c784; }
.number { font-size: 1.2em; font-weight: 600; }
.steps li { margin-bottom: 0.4em; }
.steps li p, .follow-ups li p { margin: 0; }
.id { margin-top: 1.5em; font-size: 0.7em; opacity: 0.45; font-family: Menlo, Consolas, monospace; }
"""


def _model() -> Any:
    import genanki

    return genanki.Model(
        MODEL_ID, MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
    )


# --- one question as note fields --------------------------------------------------------------------------

_markdown: Any = None


def markdown_html(text: str) -> str:
    """Bank Markdown (bold, `code`, lists, tables) as HTML; raw HTML in the text is escaped, not passed through."""
    return _parser().render(text.strip()).strip()


def inline_html(text: str) -> str:
    """One line of bank Markdown as HTML, without a paragraph around it."""
    return str(_parser().renderInline(" ".join(text.split())))


def _parser() -> Any:
    global _markdown
    if _markdown is None:
        from markdown_it import MarkdownIt

        _markdown = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    return _markdown


def _number(value: float) -> str:
    """As drill prints numbers: 16,000,000 rather than 1.6e+07; 0.7311 rather than 0.731058578."""
    if value.is_integer() and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1e-4 else f"{value:.4g}"


def _answer_html(question: Question) -> str:
    if question.type == "choice":
        right = int(question.answer)
        items = [f'<li class="right">{inline_html(choice)} ✓</li>' if index == right else f"<li>{inline_html(choice)}</li>"
                 for index, choice in enumerate(question.choices)]
        return f'<ol class="choices">{"".join(items)}</ol>'
    if question.type == "numeric":
        from drill.quiz import tolerance  # the quiz's own rule, default included

        value, allowed = float(question.answer), float(tolerance(question))
        how = "" if question.tolerance is not None else " (1% of the answer)"
        return (f'<div class="number">{html.escape(_number(value))}</div>'
                f'<div class="tolerance">accepted within ± {html.escape(_number(allowed))}{how}</div>')
    answer = f'<div class="answer">{markdown_html(str(question.answer))}</div>'
    if question.type == "derivation":
        steps = "".join(f"<li>{markdown_html(step)}</li>" for step in question.steps)
        return (f'<div class="label">Steps</div><ol class="steps">{steps}</ol>'
                f'<div class="label">Result</div>{answer}')
    return answer


def _fields(question: Question, bank: Bank, every_question: dict[str, Question]) -> list[str]:
    follow_ups = []
    for target in question.follow_ups:
        asked = every_question.get(target)
        prompt = markdown_html(asked.prompt) if asked else ""
        follow_ups.append(f'<li>{prompt}<div class="id">{html.escape(target)}</div></li>')
    values = {
        "Prompt": markdown_html(question.prompt),
        "Choices": "".join(f"<li>{inline_html(choice)}</li>" for choice in question.choices)
        if question.type == "choice" else "",
        "Answer": _answer_html(question),
        "KeyPoints": "".join(f"<li>{inline_html(point.text)}</li>" for point in question.key_points),
        "Explanation": markdown_html(question.explanation) if question.explanation else "",
        "FollowUps": "".join(follow_ups),
        "Topic": html.escape(bank.title),
        "Id": html.escape(question.id),
    }
    return [values[name] for name in FIELDS]
