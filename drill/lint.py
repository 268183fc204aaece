"""`drill lint`: validate banks and exercises as authors need, collecting every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from drill import paths
from drill.banks import bank_files, load_banks
from drill.errors import ContentError, Problem
from drill.models import Question


@dataclass(frozen=True)
class LintReport:
    problems: list[Problem]
    banks: int
    questions: int
    exercises: int = 0

    @property
    def files_with_problems(self) -> int:
        return len({p.path for p in self.problems})

    @property
    def summary(self) -> str:
        parts = [f"{self.banks} bank{'s' if self.banks != 1 else ''}", f"{self.questions} questions"]
        if self.exercises:
            parts.append(f"{self.exercises} exercise{'s' if self.exercises != 1 else ''}")
        return ", ".join(parts) + ": no problems"


def lint_content(targets: list[Path] | None = None) -> LintReport:
    """Check the given bank files and exercise folders (default: every bundled and user bank, every exercise).

    Given files are checked together with all installed banks, so follow-ups and exercises' related questions
    may point across banks and duplicate ids are caught; only the given targets' problems are reported.
    """
    from drill.exercises import lint_exercise, load_exercises

    if targets is None:
        bank_targets = bank_files()
        exercise_dirs = sorted(p for p in paths.reference_dir().iterdir() if (p / "exercise.yaml").is_file())
    else:
        missing = [t for t in targets if not t.exists()]
        if missing:
            return LintReport([Problem(t, None, "no such file or folder", "check the path") for t in missing], 0, 0)
        exercise_dirs = [t for t in targets if t.is_dir() and (t / "exercise.yaml").is_file()]
        bank_targets = [t for t in targets if t not in exercise_dirs]
        bank_targets += [f for t in targets if t.is_dir() and t not in exercise_dirs for f in sorted(t.glob("*.yaml"))]
        bank_targets = [t for t in bank_targets if t.is_file()]
    wanted = {t.resolve() for t in bank_targets}
    others = [p for p in bank_files() if p.resolve() not in wanted]
    loaded = load_banks(list(bank_targets) + others, use_cache=False)
    problems = [p for p in loaded.problems if Path(p.path).resolve() in wanted]
    banks = [b for b in loaded.banks if b.path.resolve() in wanted]
    problems += [p for bank in banks for q in bank.questions for p in example_problems(q)]
    problems += [p for path in bank_targets for p in comment_cut_problems(path)]

    known_ids = {q.id for q in loaded.questions}
    for folder in exercise_dirs:
        found = lint_exercise(folder)
        problems += found
        if found:
            continue
        try:
            (exercise,) = [e for e in load_exercises(folder.parent) if e.directory.resolve() == folder.resolve()]
        except (ContentError, ValueError):
            continue
        for related in exercise.related:
            if related not in known_ids:
                problems.append(Problem(folder / "exercise.yaml", None, f"related question {related!r} is in no bank",
                                        "use the id of a question in questions/*.yaml"))
    return LintReport(problems, len(banks), sum(len(b.questions) for b in banks), len(exercise_dirs))


_CUT_CANDIDATE = re.compile(r"\S[ \t]+#")  # something, blanks, then '#': the only way a comment can cut a value
_COMMENT_AFTER = re.compile(r"[ \t]+#[^\n\r]*")


def comment_cut_problems(path: Path) -> list[Problem]:
    """Unquoted text that a ` #` cuts short: in YAML, ` #` starts a comment even in the middle of a plain
    (unquoted) scalar, so `text: error at most #SV / n` loads as "error at most", silently.

    Every plain scalar followed on its line by blanks and `#` is reported when it holds more than one word (prose,
    where the rest was most likely meant as text); a single word (an id, a number, a type) with a comment after it
    is taken for a deliberate comment. Quoted and block (`|`, `>`) scalars keep their `#`, and full-line comments
    are no scalar's. YAML syntax errors are left to the loader, which reports them with their line."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []  # the loader reports unreadable files
    if not _CUT_CANDIDATE.search(text):
        return []  # no '#' after anything but indentation: nothing can be cut (most banks, at no scanning cost)
    problems = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if not isinstance(token, yaml.ScalarToken) or not token.plain:
                continue
            comment = _COMMENT_AFTER.match(text, token.end_mark.index)
            if comment is None or len(token.value.split()) < 2:
                continue
            kept = token.value if len(token.value) <= 50 else "…" + token.value[-49:]
            dropped = comment.group().strip()
            problems.append(Problem(path, token.end_mark.line + 1,
                                    f"unquoted text is cut at ' #': YAML keeps {kept!r} and reads {dropped!r} as a "
                                    "comment", "quote the value ('…' or \"…\"); a comment goes on a line of its own"))
    except yaml.YAMLError:
        pass  # the loader reports the syntax error, with its line
    return problems


def example_problems(question: Question) -> list[Problem]:
    """A recall question's example answers through the real matcher: every good one is suggested good or better
    and states nothing wrongly; no bad one is suggested good, nor ticked on a point it states wrongly."""
    from drill.matching import judge_answer, suggest_rating

    problems = []
    where = (question.path, question.examples_line or question.line)
    points = question.key_points
    for number, answer in enumerate(question.good_examples, start=1):
        verdicts = judge_answer(question, answer)
        wrong = [(i, v) for i, v in enumerate(verdicts, start=1) if v.status == "contradicted"]
        for index, verdict in wrong:
            problems.append(Problem(*where, f"good example {number} of {question.id!r} is read as stating point "
                                    f"{index} wrongly ({verdict.reason}: {verdict.excerpt!r})",
                                    "narrow that point's `reject` pattern, or reword the example"))
        suggested = suggest_rating(verdicts)
        if not wrong and (suggested or 0) < 3:
            missed = [f"{i} ({v.point.text!r})" for i, v in enumerate(verdicts, start=1) if v.status == "missed"]
            problems.append(Problem(*where, f"good example {number} of {question.id!r} covers "
                                    f"{len(points) - len(missed)}/{len(points)} points and is suggested "
                                    f"{_RATING[suggested or 1]}; missed: {', '.join(missed)}",
                                    "widen a `match` pattern of a missed point (it must not tick the bad examples)"))
    for number, bad in enumerate(question.bad_examples, start=1):
        verdicts = judge_answer(question, bad.answer)
        for index in bad.contradicts:
            ticked = verdicts[index - 1] if index <= len(verdicts) else None
            if ticked is not None and ticked.status == "covered":
                problems.append(Problem(*where, f"bad example {number} of {question.id!r} ticks point {index} "
                                        f"({ticked.point.text!r}), which it states wrongly: {ticked.pattern!r} "
                                        f"matched {ticked.excerpt!r}",
                                        "add a `reject` pattern for that wrong phrasing, or tighten `match`"))
        if (suggest_rating(verdicts) or 0) >= 3:
            problems.append(Problem(*where, f"bad example {number} of {question.id!r} is suggested good",
                                    "add a `reject` pattern to a point it states wrongly"))
    return problems


_RATING = {1: "again", 2: "hard", 3: "good", 4: "easy"}
