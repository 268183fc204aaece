"""DrillError and its kinds. Each carries what a person needs to fix the problem: a path, a line, a hint."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, printed as `path:line: what is wrong — how to fix it`."""

    path: Path
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.message}" + (f" — {self.fix}" if self.fix else "")


class DrillError(Exception):
    """An error the user can act on; the CLI prints it as one line and exits 1."""

    exit_code = 1


class UsageError(DrillError):
    """The command was called wrongly (unknown topic, missing file): exit code 2."""

    exit_code = 2


class ContentError(DrillError):
    """Banks or exercises that do not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class StoreError(DrillError):
    """The progress database cannot be used (not drill's, damaged, newer schema)."""
