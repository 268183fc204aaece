"""`drill lint`: validate banks (and exercises) as authors need, collecting every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from drill.banks import bank_files, load_banks
from drill.errors import Problem


@dataclass(frozen=True)
class LintReport:
    problems: list[Problem]
    banks: int
    questions: int

    @property
    def files_with_problems(self) -> int:
        return len({p.path for p in self.problems})

    @property
    def summary(self) -> str:
        return f"{self.banks} bank{'s' if self.banks != 1 else ''}, {self.questions} questions: no problems"


def lint_content(targets: list[Path] | None = None) -> LintReport:
    """Check the given bank files (default: every bundled and user bank).

    Given files are checked together with all installed banks, so follow-ups may point across banks and
    duplicate ids are caught; only the given files' problems are reported.
    """
    installed = bank_files()
    if targets is None:
        chosen = installed
    else:
        chosen = [t.resolve() for t in targets]
        missing = [t for t in targets if not t.exists()]
        if missing:
            return LintReport([Problem(t, None, "no such file", "check the path") for t in missing], 0, 0)
    others = [p for p in installed if p.resolve() not in {c.resolve() for c in chosen}]
    loaded = load_banks(list(chosen) + others)
    wanted = {c.resolve() for c in chosen}
    problems = [p for p in loaded.problems if Path(p.path).resolve() in wanted]
    banks = [b for b in loaded.banks if b.path.resolve() in wanted]
    return LintReport(problems, len(banks), sum(len(b.questions) for b in banks))
