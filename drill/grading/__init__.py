"""The grader: run a learner's file against an exercise's hidden tests in a sandboxed child, judge it here.

`grade_submission` is the one entry point. NumPy and the sandbox are imported only when it is called, so importing
this package stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drill.models import CheckResult, Exercise

__all__ = ["grade_submission"]


def grade_submission(exercise: Exercise, submission: Path, *, measure_performance: bool = True,
                     progress: Callable[[str], None] | None = None) -> CheckResult:
    """Grade `submission` (a path to the learner's .py file) against `exercise`; never trusts the child's word.
    `progress` hears what is being run ("test 3/9: empty_cluster_never_nan") while the check runs."""
    from drill.grading.judge import grade_submission as grade

    return grade(exercise, submission, measure_performance=measure_performance, progress=progress)
