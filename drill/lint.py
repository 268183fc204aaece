"""`drill lint`: validate banks and exercises as authors need, collecting every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drill import paths
from drill.banks import bank_files, load_banks
from drill.errors import ContentError, Problem


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
