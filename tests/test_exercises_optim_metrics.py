"""The optimiser and metrics exercises through the real grader: sgd-momentum, rmsprop, adam,
classification-metrics, roc-auc, regression-metrics. The reference passes and the stub fails as not implemented;
every right submission passes (fair); every wrong one fails on the named test with the named words (sharp,
helpful); the reference's performance verdict is "vectorised"; `drill lint` is clean."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission
from drill.lint import lint_content
from drill.models import CheckResult, Exercise

REFERENCE = Path(__file__).resolve().parents[1] / "reference"
SUBMISSIONS = Path(__file__).parent / "submissions"
SLUGS = ["sgd-momentum", "rmsprop", "adam", "classification-metrics", "roc-auc", "regression-metrics"]

# wrong submission -> (the first test that fails, words its message or detail must contain)
WRONG = {
    "sgd-momentum/wrong_velocity_reset.py": ("velocity_carries_over", "starts from zero on every step"),
    "sgd-momentum/wrong_sign.py": ("first_step_is_plain_sgd", "move up the gradient"),
    "sgd-momentum/wrong_ema.py": ("first_step_is_plain_sgd", "moving-average form"),
    "sgd-momentum/wrong_no_return.py": ("first_step_is_plain_sgd", "returned None"),
    "sgd-momentum/wrong_update_before_velocity.py": ("first_step_is_plain_sgd", "OLD velocity"),
    "sgd-momentum/wrong_lr_twice.py": ("first_step_is_plain_sgd", "learning rate is applied twice"),
    "rmsprop/wrong_no_sqrt.py": ("first_step_divides_by_rms", "not its square root"),
    "rmsprop/wrong_not_squared.py": ("first_step_divides_by_rms", "of g, not g²"),
    "rmsprop/wrong_rho_swapped.py": ("first_step_divides_by_rms", "ρ and 1 − ρ are swapped"),
    "rmsprop/wrong_state_reset.py": ("average_carries_over", "starts from zero on every step"),
    "rmsprop/wrong_no_eps.py": ("zero_gradient_stays_put", "add ε to the denominator"),
    "adam/wrong_no_bias_correction.py": ("first_step_moves_by_learning_rate", "no bias correction"),
    "adam/wrong_t_from_zero.py": ("first_step_moves_by_learning_rate", "1 − β⁰ = 0"),
    "adam/wrong_correction_overwrites_state.py": ("bias_correction_early_steps", "stored back into m and v"),
    "adam/wrong_t_not_incremented.py": ("bias_correction_early_steps", "always uses t = 1"),
    "adam/wrong_betas_swapped.py": ("bias_correction_early_steps", "β₁ and β₂ are swapped"),
    "adam/wrong_no_eps.py": ("zero_gradient_stays_put", "add ε to the denominator"),
    "classification-metrics/wrong_transposed.py": ("confusion_matrix_binary", "rows and columns are swapped"),
    "classification-metrics/wrong_indexed_by_value.py": ("confusion_matrix_labels_not_0_to_k", "label's VALUE"),
    "classification-metrics/wrong_labels_from_y_true.py": ("confusion_matrix_every_label_has_a_row_and_column",
                                                           "labels come from y_true only"),
    "classification-metrics/wrong_precision_recall_swapped.py": ("binary_precision_recall_f1",
                                                                 "precision and recall are swapped"),
    "classification-metrics/wrong_pos_label_ignored.py": ("pos_label_zero", "pos_label is ignored"),
    "classification-metrics/wrong_zero_division_nan.py": ("zero_division_is_zero", "zero-division rule"),
    "classification-metrics/wrong_macro_f1_of_means.py": ("macro_average", "F1 of macro precision and macro recall"),
    "roc-auc/wrong_ties_not_grouped.py": ("roc_curve_tied_scores", "one point per SAMPLE"),
    "roc-auc/wrong_no_start_point.py": ("roc_curve_distinct_scores", "start point is missing"),
    "roc-auc/wrong_strict_threshold.py": ("roc_curve_distinct_scores", "not > t"),
    "roc-auc/wrong_ascending.py": ("roc_curve_distinct_scores", "they must DECREASE"),
    "roc-auc/wrong_ties_count_zero.py": ("auc_ties_count_half", "ties count 0"),
    "roc-auc/wrong_rectangles.py": ("auc_ties_count_half", "rectangles Σ tpr[i]·Δfpr"),
    "regression-metrics/wrong_mse_sum.py": ("mse", "sum of the squared errors"),
    "regression-metrics/wrong_rmse_mean_of_roots.py": ("rmse_is_the_root_of_the_mean", "mean of the roots"),
    "regression-metrics/wrong_mae_signed.py": ("mae_uses_absolute_errors", "signed errors cancel"),
    "regression-metrics/wrong_r2_correlation.py": ("r2_good_fit", "squared correlation"),
    "regression-metrics/wrong_r2_about_pred_mean.py": ("r2_good_fit", "around the mean of y_pred"),
    "regression-metrics/wrong_r2_constant_nan.py": ("r2_constant_target", "constant target"),
}


@functools.cache
def exercise(slug: str) -> Exercise:
    return find_exercise(slug)  # one by one: other folders under reference/ may be work in progress


def grade(ex: Exercise, path: Path, *, measure_performance: bool = False) -> CheckResult:
    return grade_submission(ex, path, measure_performance=measure_performance)


def explain(result: CheckResult) -> str:
    lines = [f"{result.status} {result.outcome}"]
    lines += [f"  {t.status:7s} {t.name}: {t.message}\n{t.detail}" for t in result.tests if t.status != "pass"]
    return "\n".join(lines)


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_passes_and_is_vectorised(slug: str) -> None:
    result = grade(exercise(slug), exercise(slug).solution_path, measure_performance=True)
    assert result.status == "pass", explain(result)
    assert result.passed == len(result.tests) >= 7
    assert result.performance is not None and result.performance.verdict == "vectorised", result.performance


@pytest.mark.parametrize("slug", SLUGS)
def test_stub_fails_as_not_implemented(slug: str) -> None:
    result = grade(exercise(slug), exercise(slug).stub_path)
    assert (result.status, result.outcome, result.passed) == ("fail", "not-implemented", 0), explain(result)
    for test in result.tests:
        assert test.outcome == "not-implemented", explain(result)
        assert test.message.startswith("not implemented yet:") and "NotImplementedError" in test.message


@pytest.mark.parametrize("slug", SLUGS)
def test_lint_is_clean(slug: str) -> None:
    report = lint_content([REFERENCE / slug])
    assert report.problems == [], [str(p) for p in report.problems]
    assert report.exercises == 1


RIGHT = sorted(str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in (SUBMISSIONS / slug).glob("right_*.py"))


def test_every_exercise_has_right_and_wrong_submissions() -> None:
    for slug in SLUGS:
        rights = {Path(r).name for r in RIGHT if r.startswith(slug + "/")}
        assert {"right_loops.py", "right_vectorised.py"} <= rights, slug
        on_disk = {str(p.relative_to(SUBMISSIONS)) for p in (SUBMISSIONS / slug).glob("wrong_*.py")}
        assert on_disk == {k for k in WRONG if k.startswith(slug + "/")}, slug
        assert len(on_disk) >= 4, slug


@pytest.mark.parametrize("relative", RIGHT)
def test_right_submission_passes(relative: str) -> None:
    result = grade(exercise(relative.split("/")[0]), SUBMISSIONS / relative)
    assert result.status == "pass", explain(result)


@pytest.mark.parametrize("relative", sorted(WRONG))
def test_wrong_submission_fails_for_its_reason(relative: str) -> None:
    test_name, words = WRONG[relative]
    result = grade(exercise(relative.split("/")[0]), SUBMISSIONS / relative)
    assert result.status == "fail", explain(result)
    failure = next(t for t in result.tests if t.status in ("fail", "error"))
    assert failure.name == test_name, explain(result)
    assert failure.outcome == "wrong-answer", explain(result)
    assert words in failure.message + "\n" + failure.detail, explain(result)
    assert "Called: " in failure.detail and "On: " in failure.detail and "Likely cause: " in failure.detail
