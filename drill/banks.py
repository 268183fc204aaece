"""Load question banks (questions/*.yaml and $DRILL_HOME/banks/*.yaml): from a JSON cache of banks that
validated, or through drill/bank_yaml.py, which parses and validates a file; then the checks across banks
(duplicate ids, dangling follow-ups) and the choice of questions by topic and tag.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from drill import paths
from drill.errors import Problem
from drill.models import BadExample, Bank, KeyPoint, Question


@dataclass
class LoadResult:
    """Banks that validated, and every problem found (in files that did not)."""

    banks: list[Bank] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def questions(self) -> list[Question]:
        return [q for bank in self.banks for q in bank.questions]


def broken_banks(problems: Iterable[Problem]) -> list[str]:
    """The bank files that did not load, each once, in the order their problems were found."""
    return list(dict.fromkeys(str(p.path) for p in problems))


def bank_files() -> list[Path]:
    """The bundled banks, then the learner's own."""
    files = sorted(paths.questions_dir().glob("*.yaml"))
    user_dir = paths.user_banks_dir()
    if user_dir.is_dir():
        files += sorted(user_dir.glob("*.yaml"))
    return files


def load_banks(files: Iterable[Path] | None = None, *, use_cache: bool = True) -> LoadResult:
    """Load banks (default: all bundled and user banks) and check ids and follow-ups across them.

    Banks that validated before and have not changed since (same size and modification time) are read from a
    JSON cache under DRILL_HOME; `drill lint` passes use_cache=False and always validates from the YAML.
    """
    result = LoadResult()
    readable: list[Bank] = []  # with problems or not: ids and follow-ups are checked across all, so one run says all
    for path in bank_files() if files is None else files:
        bank = _cached_bank(Path(path)) if use_cache else None
        problems: list[Problem] = []
        if bank is None:
            bank, problems = _read_bank(Path(path))
            if bank is not None and not problems and use_cache:
                _cache_bank(bank)
        result.problems += problems
        if bank is not None:
            readable.append(bank)
    result.problems += _cross_bank_problems(readable)
    # a bank with any problem is left out whole, so a duplicate id can never share another question's progress
    broken = {problem.path for problem in result.problems}
    result.banks = [bank for bank in readable if bank.path not in broken]
    return result


# The cache holds plain lists, dicts and strings in marshal's format: it decodes three times faster than JSON,
# which is most of what a first screen waits for. marshal's format changes with Python, so the version is part
# of the signature; the files are drill's own, written under DRILL_HOME.
_CACHE_FORMAT = 4


def _cache_file(path: Path) -> Path:
    digest = f"{zlib.crc32(str(path.resolve()).encode()):08x}"
    return paths.cache_dir() / f"bank-{digest}.marshal"


def _signature(path: Path) -> list[int]:
    stat = path.stat()
    return [_CACHE_FORMAT, *sys.version_info[:2], stat.st_mtime_ns, stat.st_size]


def _cached_bank(path: Path) -> Bank | None:
    """The bank as last validated, if the file has not changed since; None otherwise (never raises)."""
    try:
        data = marshal.loads(_cache_file(path).read_bytes())
        if data["signature"] != _signature(path) or data["path"] != str(path.resolve()):
            return None
        return Bank(
            topic=data["topic"], title=data["title"], path=path,
            questions=tuple(
                Question(**{
                    **q, "path": path,
                    "key_points": tuple(KeyPoint(k["text"], tuple(k["patterns"]), tuple(k["reject"]))
                                        for k in q["key_points"]),
                    "bad_examples": tuple(BadExample(b["answer"], tuple(b["contradicts"]), b["why"])
                                          for b in q["bad_examples"]),
                    **{key: tuple(q[key]) for key in ("choices", "steps", "follow_ups", "tags", "good_examples")},
                })
                for q in data["questions"]
            ),
        )
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None


def _cache_bank(bank: Bank) -> None:
    """Remember a validated bank; a cache that cannot be written is simply skipped."""
    try:
        questions = [{**asdict(q), "path": None} for q in bank.questions]
        data = {"signature": _signature(bank.path), "path": str(bank.path.resolve()), "topic": bank.topic,
                "title": bank.title, "questions": questions}
        target = _cache_file(bank.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(data))
        os.replace(temporary, target)
    except OSError:
        pass


def _read_bank(path: Path) -> tuple[Bank | None, list[Problem]]:
    from drill.bank_yaml import read_bank  # PyYAML only when a file is read, not for a cached bank

    return read_bank(path)


def load_bank(path: Path) -> tuple[Bank | None, list[Problem]]:
    """Parse and validate one bank file; the bank is None when anything in it is wrong."""
    bank, problems = _read_bank(Path(path))
    return (bank if not problems else None), problems


def _cross_bank_problems(banks: list[Bank]) -> list[Problem]:
    problems: list[Problem] = []
    first_at: dict[str, tuple[Path, int]] = {}
    every_id = sorted(
        [(bank_index, q.line, q.id, bank.path) for bank_index, bank in enumerate(banks) for q in bank.questions]
        + [(bank_index, line, qid, bank.path) for bank_index, bank in enumerate(banks) for qid, line in bank.invalid_ids]
    )
    for _, line, qid, path in every_id:  # in file order, valid or not: a broken question still owns its id
        first = first_at.setdefault(qid, (path, line))
        if first != (path, line) and first[0] != path:
            problems.append(
                Problem(
                    path, line, f"duplicate id {qid!r}, already used at {first[0]}:{first[1]}",
                    "ids are unique across all banks: rename one (progress is keyed by id)",
                )
            )
    known = {qid for _, _, qid, _ in every_id}
    for question in (q for bank in banks for q in bank.questions):
        for target in question.follow_ups:
            if target not in known:
                problems.append(
                    Problem(
                        question.path,
                        question.follow_ups_line or question.line,
                        f"follow-up {target!r} of {question.id!r} names no question",
                        "use the id of a question in a loaded bank",
                    )
                )
    return problems


def find_question(banks: Iterable[Bank], question_id: str) -> Question | None:
    """The question with this id, if any bank has it."""
    for bank in banks:
        for question in bank.questions:
            if question.id == question_id:
                return question
    return None


def select_questions(banks: list[Bank], topics: list[str], tags: list[str]) -> list[Question]:
    """The questions of these topics (all when none) with any of these tags; UsageError naming what is unknown."""
    import difflib

    from drill.errors import UsageError

    known = {bank.topic for bank in banks}
    for topic in topics:
        if topic not in known:
            guess = difflib.get_close_matches(topic, sorted(known), n=1, cutoff=0.5)
            hint = f"did you mean {guess[0]!r}? " if guess else ""
            raise UsageError(f"unknown topic {topic!r} — {hint}known: {', '.join(sorted(known)) or 'none'}")
    chosen = [q for b in banks if not topics or b.topic in topics for q in b.questions]
    if tags:
        all_tags = sorted({t for b in banks for q in b.questions for t in q.tags})
        for tag in tags:
            if tag not in all_tags:
                guess = difflib.get_close_matches(tag, all_tags, n=1, cutoff=0.5)
                hint = f" — did you mean {guess[0]!r}?" if guess else " — `drill tags` lists them"
                raise UsageError(f"no question has the tag {tag!r}{hint}")
        chosen = [q for q in chosen if set(tags) & set(q.tags)]
        if not chosen:
            raise UsageError(f"no question of {', '.join(topics) or 'these topics'} has the tag "
                             f"{', '.join(map(repr, tags))}")
    return chosen
