"""The linear-svm, conv2d and positional-encoding exercises through the real grader: the reference passes, the stub
fails as not implemented, every right submission passes, every wrong one fails for its own reason, the reference's
performance verdict is "vectorised", and `drill lint` is clean — plus checks that the linear-svm judge's optimum
is the true one and that its tolerance is fair to plain subgradient descent."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission
from drill.grading.protocol import Fail, Outputs
from drill.lint import lint_content
from drill.models import CheckResult, Exercise

SUBMISSIONS = Path(__file__).parent / "submissions"
SLUGS = ["linear-svm", "conv2d", "positional-encoding"]

# wrong submission -> (the first test that fails, words its message or likely cause must contain[, its outcome])
WRONG: dict[str, tuple[str, ...]] = {
    "linear-svm/wrong_mean_hinge.py": ("default_reaches_the_minimum", "the hinge term is averaged"),
    "linear-svm/wrong_every_point.py": ("default_reaches_the_minimum", "only the samples with t_i·f(x_i) < 1 count"),
    "linear-svm/wrong_bias_sign.py": ("default_reaches_the_minimum", "the bias moves the wrong way"),
    "linear-svm/wrong_labels_not_mapped.py": ("labels_zero_one", "the labels 0/1 are used as they are"),
    "linear-svm/wrong_regularised_bias.py": ("bias_is_not_regularised", "the bias is regularised"),
    "linear-svm/wrong_objective_no_max.py": ("objective_is_the_formula", "no max(0, ·)"),
    "linear-svm/wrong_objective_mean.py": ("objective_is_the_formula", "averaged; the spec SUMS it"),
    "linear-svm/wrong_predict_signs.py": ("predict_returns_the_labels", "internal −1/+1 signs"),
    "linear-svm/wrong_labels_le_zero.py": ("labels_one_and_two", "became the same sign"),
    "conv2d/wrong_flipped_kernel.py": ("one_channel_one_filter", "the kernel is flipped"),
    "conv2d/wrong_no_bias.py": ("one_channel_one_filter", "the bias is missing"),
    "conv2d/wrong_kernel_axes_swapped.py": ("one_channel_one_filter", "rows and columns are swapped"),
    "conv2d/wrong_bias_per_channel.py": ("channels_are_summed", "once per input channel"),
    "conv2d/wrong_bias_last_axis.py": ("channels_are_summed", "along the last axis"),
    "conv2d/wrong_last_channel_only.py": ("channels_are_summed", "only the last input channel counts"),
    "conv2d/wrong_pad_one_side.py": ("padding_on_every_side", "all the padding is on one side"),
    "conv2d/wrong_stride_not_in_window.py": ("stride_two", "the stride is ignored when placing the windows"),
    "conv2d/wrong_output_size_ceil.py": ("stride_does_not_divide", "rounds up"),
    "positional-encoding/wrong_exponent_i.py": ("small_table", "the exponent is i/d_model"),
    "positional-encoding/wrong_column_index_exponent.py": ("small_table", "uses the column index j"),
    "positional-encoding/wrong_sin_cos_swapped.py": ("small_table", "sin and cos are swapped"),
    "positional-encoding/wrong_concatenated_halves.py": ("small_table", "the paper interleaves them"),
    "positional-encoding/wrong_positions_from_one.py": ("small_table", "the positions start at 1"),
    "positional-encoding/wrong_odd_d_model.py": ("odd_d_model", "could not broadcast", "exception"),
}
RIGHT = sorted(str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in (SUBMISSIONS / slug).glob("right_*.py"))


def explain(result: CheckResult) -> str:
    lines = [f"{result.status} {result.outcome}"]
    lines += [f"  {t.status:7s} {t.name}: {t.message}\n{t.detail}" for t in result.tests if t.status != "pass"]
    return "\n".join(lines)


def grade(exercise: Exercise, path: Path, *, measure_performance: bool = False) -> CheckResult:
    return grade_submission(exercise, path, measure_performance=measure_performance)


def hidden_tests(slug: str) -> ModuleType:
    """The exercise's tests.py, imported as the grader's parent does."""
    path = find_exercise(slug).directory / "tests.py"
    spec = importlib.util.spec_from_file_location(f"hidden_{slug.replace('-', '_')}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_passes_and_lints_clean(slug: str) -> None:
    exercise = find_exercise(slug)
    result = grade(exercise, exercise.solution_path)
    assert result.status == "pass", explain(result)
    assert result.passed == len(result.tests) >= 7
    report = lint_content([exercise.directory])
    assert list(report.problems) == [], [str(p) for p in report.problems]


@pytest.mark.parametrize("slug", SLUGS)
def test_stub_fails_as_not_implemented(slug: str) -> None:
    exercise = find_exercise(slug)
    result = grade(exercise, exercise.stub_path)
    assert (result.status, result.outcome, result.passed) == ("fail", "not-implemented", 0), explain(result)
    for test in result.tests:
        assert test.outcome == "not-implemented", explain(result)
        assert test.message.startswith("not implemented yet:") and "NotImplementedError" in test.message


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_performance_is_vectorised(slug: str) -> None:
    exercise = find_exercise(slug)
    result = grade(exercise, exercise.solution_path, measure_performance=True)
    assert result.status == "pass", explain(result)
    assert result.performance is not None and result.performance.verdict == "vectorised", result.performance


def test_every_exercise_has_two_right_styles_and_four_wrong_ones() -> None:
    on_disk = {str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in (SUBMISSIONS / slug).glob("wrong_*.py")}
    assert on_disk == set(WRONG)
    for slug in SLUGS:
        assert {"right_loops.py", "right_vectorised.py"} <= {Path(r).name for r in RIGHT if r.startswith(slug + "/")}
        assert sum(k.startswith(slug + "/") for k in WRONG) >= 4, slug


@pytest.mark.parametrize("relative", RIGHT)
def test_right_submission_passes(relative: str) -> None:
    result = grade(find_exercise(relative.split("/")[0]), SUBMISSIONS / relative)
    assert result.status == "pass", explain(result)


@pytest.mark.parametrize("relative", sorted(WRONG))
def test_wrong_submission_fails_for_its_reason(relative: str) -> None:
    test_name, words, *outcome = WRONG[relative]
    result = grade(find_exercise(relative.split("/")[0]), SUBMISSIONS / relative)
    assert result.status == "fail", explain(result)
    failure = next(t for t in result.tests if t.status in ("fail", "error"))
    assert failure.name == test_name, explain(result)
    assert failure.outcome == (outcome[0] if outcome else "wrong-answer"), explain(result)
    assert words in failure.message + "\n" + failure.detail, explain(result)


# --- linear-svm: the judge's optimum is the true one, and the tolerance is fair --------------------------------


def test_linear_svm_optimum_is_certified_by_the_duality_gap() -> None:
    tests = hidden_tests("linear-svm")
    for case in tests.cases():
        X, t, C = case.inputs["X"], tests.signs(case.inputs["y"]), case.params["C"]
        w, b, alpha = tests.smo(X, t, C)
        assert np.all(alpha >= 0) and np.all(alpha <= C) and abs(alpha @ t) < 1e-9 * C * len(t), case.name
        assert np.allclose(w, (alpha * t) @ X)
        dual = alpha.sum() - 0.5 * w @ w  # a feasible dual point: a lower bound on the minimum (weak duality)
        assert tests.primal(X, t, w, b, C) - dual <= 1e-8 * max(1.0, dual), case.name


PLAIN_GAP = 0.005  # what the stub, the task and the failure message promise plain subgradient descent reaches


def test_linear_svm_plain_subgradient_descent_is_well_within_the_tolerance() -> None:
    tests = hidden_tests("linear-svm")
    for case in tests.cases():
        X, t, C = case.inputs["X"], tests.signs(case.inputs["y"]), case.params["C"]
        w, b = tests.descend(X, t, C, case.params["learning_rate"], case.params["n_iterations"])
        _, _, best = tests.optimum(case)
        assert tests.primal(X, t, w, b, C) <= (1 + PLAIN_GAP) * best, case.name  # 5% is allowed


def test_linear_svm_texts_promise_the_gap_the_test_checks() -> None:
    """The stub, the task and the hidden tests' failure message state the same figure as the test above."""
    exercise = find_exercise("linear-svm")
    promise = f"within {PLAIN_GAP:.1%}"
    texts = {"stub": exercise.stub_path.read_text(), "task": " ".join(exercise.task.split()),
             "tests.py": (exercise.directory / "tests.py").read_text()}
    for where, text in texts.items():
        found = set(re.findall(r"within (\d+(?:\.\d+)?%)", text)) - {f"{hidden_tests('linear-svm').REL:.0%}"}
        assert found == {promise.split()[1]}, (where, found)


def test_linear_svm_judge_reads_w_and_b_off_decision_function_whatever_their_names() -> None:
    tests = hidden_tests("linear-svm")
    case = tests.cases()[0]
    X = case.inputs["X"]
    w, b = np.array([0.7, -1.3]), 0.25
    f_probe = case.inputs["P"] @ w + b
    got = Outputs({"probe": f_probe, "f_train": X @ w + b}, {"fit": {"type": "LinearSVM", "is_self": True},
                                                              "probe": {"type": "ndarray"},
                                                              "f_train": {"type": "ndarray"}})
    w_read, b_read = tests.fitted(case, got)
    assert np.allclose(w_read, w) and np.isclose(b_read, b)


@pytest.mark.parametrize(("above", "passes"), [(0.03, True), (0.08, False)])
def test_linear_svm_tolerance_is_five_percent_above_the_minimum(above: float, passes: bool) -> None:
    tests = hidden_tests("linear-svm")
    case = tests.cases()[0]
    X, t, C = case.inputs["X"], tests.signs(case.inputs["y"]), case.params["C"]
    w_opt, b_opt, best = tests.optimum(case)
    lo, hi = 1.0, 3.0  # scale (w, b) up until the objective is `above` over the minimum
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if tests.primal(X, t, mid * w_opt, mid * b_opt, C) < (1 + above) * best else (lo, mid)
    w, b = lo * w_opt, lo * b_opt
    got = Outputs({"probe": case.inputs["P"] @ w + b, "f_train": X @ w + b},
                  {"fit": {"type": "LinearSVM", "is_self": True}, "probe": {"type": "ndarray"},
                   "f_train": {"type": "ndarray"}})
    if passes:
        case.judge(case, got, got)
    else:
        with pytest.raises(Fail, match="above it"):
            case.judge(case, got, got)


# --- conv2d and positional-encoding: every named mistake is reachable -------------------------------------------


def test_conv2d_every_replayed_mistake_differs_from_the_right_answer_somewhere() -> None:
    tests = hidden_tests("conv2d")
    first = tests.cases()[0]
    named = {cause for _, cause in tests.variants(first.inputs["x"], first.inputs["w"], first.inputs["b"], 1, 0)}
    reached: set[str] = set()
    for case in tests.cases():
        x, w, b = case.inputs["x"], case.inputs["w"], case.inputs["b"]
        s, p = case.params["stride"], case.params["padding"]
        right = tests.correlate(x, w, s, p) + b[None, :, None, None]
        for replay, cause in tests.variants(x, w, b, s, p):
            candidate = replay()
            if candidate.shape == right.shape and not np.allclose(candidate, right):
                reached.add(cause)
    assert reached == named


def test_positional_encoding_every_replayed_mistake_differs_on_the_first_case() -> None:
    tests = hidden_tests("positional-encoding")
    first = tests.cases()[0]
    right = tests.table(first.params["seq_len"], first.params["d_model"])
    for candidate, cause in tests.variants(first.params["seq_len"], first.params["d_model"]):
        assert not np.allclose(candidate, right, atol=tests.ATOL), cause
