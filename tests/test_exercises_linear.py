"""The linear-model exercises (ridge, lasso, normal equation, Newton, early stopping) through the real grader:
the reference passes, the stub fails as not implemented, every right submission passes, every wrong one fails
for its own reason, the reference's performance verdict is "vectorised", and `drill lint` is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission
from drill.lint import lint_content
from drill.models import CheckResult, Exercise

REPO = Path(__file__).resolve().parents[1]
SUBMISSIONS = Path(__file__).parent / "submissions"
SLUGS = [
    "linear-regression-normal-equation",
    "ridge-regression",
    "lasso-regression",
    "logistic-regression-newton",
    "logistic-regression-early-stopping",
]

# wrong submission -> (the first test that fails, its outcome, words its message or detail must contain)
WRONG = {
    "linear-regression-normal-equation/wrong_inverse.py":
        ("ill_conditioned_solve_not_invert", "wrong-answer", "np.linalg.inv(X.T @ X) loses accuracy"),
    "linear-regression-normal-equation/wrong_solve_singular.py":
        ("duplicated_feature", "exception", "Singular matrix"),
    "linear-regression-normal-equation/wrong_no_intercept.py":
        ("weights_match_closed_form", "wrong-answer", "the intercept is missing"),
    "linear-regression-normal-equation/wrong_bias_mean_y.py":
        ("weights_match_closed_form", "wrong-answer", "b = mean(y) − mean(X) @ weights"),
    "linear-regression-normal-equation/wrong_weights_column.py":
        ("weights_match_closed_form", "wrong-answer", "column where a 1-D array is due"),
    "ridge-regression/wrong_penalised_intercept.py":
        ("default_alpha_closed_form", "wrong-answer", "the intercept is penalised too"),
    "ridge-regression/wrong_alpha_broadcast.py":
        ("default_alpha_closed_form", "wrong-answer", "added to EVERY entry"),
    "ridge-regression/wrong_alpha_times_n.py":
        ("default_alpha_closed_form", "wrong-answer", "multiplied by n_samples"),
    "ridge-regression/wrong_no_intercept.py":
        ("default_alpha_closed_form", "wrong-answer", "the intercept is missing"),
    "lasso-regression/wrong_hard_threshold.py": ("unique_minimiser", "wrong-answer", "hard-thresholding"),
    "lasso-regression/wrong_sums_not_means.py": ("unique_minimiser", "wrong-answer", "n_samples times too weakly"),
    "lasso-regression/wrong_no_intercept.py": ("unique_minimiser", "wrong-answer", "the bias is not optimal"),
    "lasso-regression/wrong_one_sweep.py": ("unique_minimiser", "wrong-answer", "has not converged"),
    "lasso-regression/wrong_subgradient.py": ("unique_minimiser", "wrong-answer", "never land on 0"),
    "lasso-regression/wrong_no_clamp.py": ("unique_minimiser", "wrong-answer", "opposite sign to their gradient"),
    "lasso-regression/wrong_uncentred.py": ("unique_minimiser", "wrong-answer", "the intercept is not handled"),
    "logistic-regression-newton/wrong_hessian_without_s.py": ("reaches_the_optimum", "wrong-answer", "without S"),
    "logistic-regression-newton/wrong_hessian_sum.py": ("reaches_the_optimum", "wrong-answer", "not converged"),
    "logistic-regression-newton/wrong_penalised_bias.py":
        ("reaches_the_optimum", "wrong-answer", "the bias is penalised too"),
    "logistic-regression-newton/wrong_never_stops.py":
        ("converges_in_a_handful_of_steps", "wrong-answer", "does not stop once converged"),
    "logistic-regression-newton/wrong_step_sign.py": ("reaches_the_optimum", "exception", "Singular matrix"),
    "logistic-regression-early-stopping/wrong_no_restore.py":
        ("restores_best_weights", "wrong-answer", "weights of the LAST epoch"),
    "logistic-regression-early-stopping/wrong_alias_best.py":
        ("restores_best_weights", "wrong-answer", "self.weights.copy()"),
    "logistic-regression-early-stopping/wrong_patience_off_by_one.py":
        ("val_loss_history_per_epoch", "wrong-answer", "one epoch late"),
    "logistic-regression-early-stopping/wrong_ignores_min_delta.py":
        ("min_delta_counts", "wrong-answer", "min_delta is ignored"),
    "logistic-regression-early-stopping/wrong_compare_last.py":
        ("improvement_is_against_the_best", "wrong-answer", "compared with the PREVIOUS epoch"),
    "logistic-regression-early-stopping/wrong_evaluate_before_step.py":
        ("val_loss_history_per_epoch", "wrong-answer", "recorded BEFORE the epoch's step"),
}
RIGHT = sorted(str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in (SUBMISSIONS / slug).glob("right_*.py"))


def exercise(slug: str) -> Exercise:
    return find_exercise(slug)


def grade(slug: str, path: Path, *, measure_performance: bool = False) -> CheckResult:
    return grade_submission(exercise(slug), path, measure_performance=measure_performance)


def explain(result: CheckResult) -> str:
    lines = [f"{result.status} {result.outcome}"]
    lines += [f"  {t.status:7s} {t.name}: {t.message}\n{t.detail}" for t in result.tests if t.status != "pass"]
    return "\n".join(lines)


@pytest.mark.parametrize("slug", SLUGS)
def test_lint_is_clean(slug: str) -> None:
    report = lint_content([REPO / "reference" / slug])
    assert not report.problems, report.problems


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_passes_and_is_vectorised(slug: str) -> None:
    ex = exercise(slug)
    result = grade(slug, ex.solution_path, measure_performance=True)
    assert result.status == "pass", explain(result)
    assert result.passed == len(result.tests) >= 6
    assert result.performance is not None and result.performance.verdict == "vectorised", result.performance


@pytest.mark.parametrize("slug", SLUGS)
def test_stub_fails_as_not_implemented(slug: str) -> None:
    result = grade(slug, exercise(slug).stub_path)
    assert (result.status, result.outcome, result.passed) == ("fail", "not-implemented", 0), explain(result)
    assert all(t.message.startswith("not implemented yet:") for t in result.tests), explain(result)


def test_every_exercise_has_two_right_styles_and_four_wrong_submissions() -> None:
    for slug in SLUGS:
        names = {Path(r).name for r in RIGHT if r.startswith(slug + "/")}
        assert {"right_loops.py", "right_vectorised.py"} <= names, slug
        on_disk = {str(p.relative_to(SUBMISSIONS)) for p in (SUBMISSIONS / slug).glob("wrong_*.py")}
        assert on_disk == {k for k in WRONG if k.startswith(slug + "/")}, slug
        assert len(on_disk) >= 4, slug


@pytest.mark.parametrize("relative", RIGHT)
def test_right_submission_passes(relative: str) -> None:
    result = grade(relative.split("/")[0], SUBMISSIONS / relative)
    assert result.status == "pass", explain(result)


@pytest.mark.parametrize("relative", sorted(WRONG))
def test_wrong_submission_fails_for_its_reason(relative: str) -> None:
    test_name, outcome, words = WRONG[relative]
    result = grade(relative.split("/")[0], SUBMISSIONS / relative)
    assert result.status == "fail", explain(result)
    failure = next(t for t in result.tests if t.status in ("fail", "error"))
    assert (failure.name, failure.outcome) == (test_name, outcome), explain(result)
    assert words in failure.message + "\n" + failure.detail, explain(result)
    if outcome == "wrong-answer":
        assert "Called: " in failure.detail and "On: " in failure.detail and "Likely cause: " in failure.detail

