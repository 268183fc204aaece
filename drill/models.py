"""Frozen dataclasses the core returns and the UI renders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

QuestionType = Literal["recall", "choice", "numeric", "derivation"]


@dataclass(frozen=True)
class KeyPoint:
    """Something a strong answer must mention; covered when any pattern matches (case-insensitive), contradicted
    when a `reject` pattern (a known wrong phrasing) does. See drill/matching.py."""

    text: str
    patterns: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()


@dataclass(frozen=True)
class BadExample:
    """A wrong answer a real candidate might give, and the key points (1-based) it states wrongly."""

    answer: str
    contradicts: tuple[int, ...]
    why: str = ""  # shown to the learner after the reveal: why it is wrong


@dataclass(frozen=True)
class Question:
    id: str
    type: QuestionType
    prompt: str
    answer: str | int | float
    topic: str
    path: Path
    line: int
    key_points: tuple[KeyPoint, ...] = ()
    choices: tuple[str, ...] = ()
    explanation: str = ""
    tolerance: float | None = None
    steps: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    difficulty: int = 2
    follow_ups_line: int = 0  # where `follow_ups` is written, for problems found across banks
    good_examples: tuple[str, ...] = ()  # recall: answers that must be suggested good (checked by `drill lint`)
    bad_examples: tuple[BadExample, ...] = ()  # recall: answers that must not be
    examples_line: int = 0


@dataclass(frozen=True)
class Bank:
    topic: str
    title: str
    path: Path
    questions: tuple[Question, ...]
    invalid_ids: tuple[tuple[str, int], ...] = ()  # (id, line) of questions that did not validate: ids stay taken


# --- exercises and grading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Exercise:
    """One folder of reference/: what the learner implements, and how it is graded."""

    slug: str
    title: str
    topic: str
    difficulty: int
    task: str  # Markdown
    names: tuple[str, ...]  # what the learner's file must define, e.g. ("KMeans",)
    hints: tuple[str, ...]
    related: tuple[str, ...]  # question ids
    directory: Path
    time_limit_s: float = 20.0
    memory_limit_mb: int = 2048
    forbidden: tuple[str, ...] = ()  # imports forbidden beyond the grader's defaults (sklearn, scipy, torch…)

    @property
    def stub_path(self) -> Path:
        return self.directory / "stub.py"

    @property
    def solution_path(self) -> Path:
        return self.directory / "solution.py"

    @property
    def workspace_filename(self) -> str:
        return self.slug.replace("-", "_") + ".py"


Outcome = Literal[
    "pass",
    "wrong-answer",
    "exception",
    "timeout",
    "out-of-memory",
    "forbidden-import",
    "missing-name",
    "syntax-error",
    "exited",
    "not-implemented",
]


@dataclass(frozen=True)
class TestOutcome:
    name: str
    status: Literal["pass", "fail", "error", "skipped"]
    message: str = ""  # one line
    detail: str = ""  # the full explanation of a failure: called, on what, expected, got, likely cause
    outcome: Outcome = "pass"  # why this test failed (wrong-answer, exception, timeout…); "pass" when it passed


@dataclass(frozen=True)
class Performance:
    verdict: Literal["vectorised", "slow", "not-measured"]
    message: str
    ratio: float | None = None
    submission_s: float | None = None
    reference_s: float | None = None


# Outcomes about the file as a whole, listed before the hidden tests when the file cannot be used at all; they are
# not hidden tests, so "passed/total" always counts the exercise's own tests (0/9 whatever stopped the file).
FILE_STEPS = frozenset({"syntax", "imports", "import", "names"})


@dataclass(frozen=True)
class CheckResult:
    exercise: str
    status: Literal["pass", "fail", "error"]
    outcome: Outcome
    tests: tuple[TestOutcome, ...]
    duration_s: float
    performance: Performance | None = None
    output: str = ""  # the tail of what the submission printed, capped
    limits_not_applied: tuple[str, ...] = ()

    @property
    def passed(self) -> int:
        return sum(t.status == "pass" for t in self.tests)

    @property
    def failed(self) -> int:
        return sum(t.status in ("fail", "error") for t in self.tests)

    @property
    def total(self) -> int:
        """How many hidden tests the exercise has (file-level steps are not tests)."""
        return sum(t.name not in FILE_STEPS for t in self.tests)

    def to_json(self) -> dict[str, Any]:
        perf = self.performance
        return {
            "exercise": self.exercise,
            "status": self.status,
            "outcome": self.outcome,
            "passed": self.passed,
            "failed": self.failed,
            "total": self.total,
            "tests": [{"name": t.name, "status": t.status, "message": t.message, "detail": t.detail}
                      for t in self.tests],
            "performance": (
                {"verdict": perf.verdict, "message": perf.message, "ratio": perf.ratio}
                if perf
                else {"verdict": "not-measured", "message": "", "ratio": None}
            ),
            "duration_s": round(self.duration_s, 3),
            "limits_not_applied": list(self.limits_not_applied),
        }


# --- progress ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Review:
    """One rated answer, as logged."""

    item_id: str
    rating: int  # 1 again, 2 hard, 3 good, 4 easy
    reviewed_at: datetime  # aware
    duration_ms: int = 0
    answer: str = ""
    cram: bool = False
    kind: Literal["question", "exercise"] = "question"
