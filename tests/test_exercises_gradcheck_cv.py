"""The gradient-check and k-fold-cross-validation exercises through the real grader: the reference passes, the
stub fails as not implemented, every right submission passes, every wrong one fails first for its own reason, the
reference's performance verdict is "vectorised", and `drill lint` is clean. Plus the fairness points each spec
promises: any correct loop style and way of restoring x, any floor-respecting relative error, folds in any order
inside, any stratified allocation that keeps ⌊n_c/k⌋ or ⌈n_c/k⌉ per fold."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission
from drill.lint import lint_content
from drill.models import CheckResult, Exercise

SUBMISSIONS = Path(__file__).parent / "submissions"
SLUGS = ["gradient-check", "k-fold-cross-validation"]

# wrong submission -> (the first test that fails, words its message or likely cause must contain[, its outcome])
WRONG: dict[str, tuple[str, ...]] = {
    "gradient-check/wrong_forward_difference.py": ("gradient_1d", "forward difference"),
    "gradient-check/wrong_divides_by_h.py": ("gradient_1d", "divided by h instead of 2h"),
    "gradient-check/wrong_not_restored.py": ("gradient_1d", "left at x[i] − h"),
    "gradient-check/wrong_restores_perturbed_value.py": ("gradient_1d", "save old = x[i] BEFORE changing it"),
    "gradient-check/wrong_flattened_copy.py": ("gradient_1d", "x.flatten() and np.array(x) copy"),
    "gradient-check/wrong_only_1d.py": ("gradient_2d_softmax_cross_entropy", "for i in range(len(x))"),
    "gradient-check/wrong_perturbs_a_copy.py": ("f_reads_x_in_place", "f reads x in place"),
    "gradient-check/wrong_relative_error_sum.py": ("relative_error_is_max_of_ratios", "SUM of the elementwise"),
    "gradient-check/wrong_relative_error_no_floor.py": ("relative_error_zeros_count_zero", "0/0 where a = b = 0"),
    "k-fold-cross-validation/wrong_last_fold_remainder.py": ("kfold_blocks_n23_k5", "the last fold takes the whole"),
    "k-fold-cross-validation/wrong_drops_remainder.py": ("kfold_blocks_n23_k5", "leftover indices are dropped"),
    "k-fold-cross-validation/wrong_val_in_train.py": ("kfold_blocks_n23_k5", "validation rows leak into training"),
    "k-fold-cross-validation/wrong_overlapping_folds.py": ("kfold_blocks_n23_k5", "the validation folds overlap"),
    "k-fold-cross-validation/wrong_val_train_swapped.py": ("kfold_blocks_n23_k5", "(val_idx, train_idx)"),
    "k-fold-cross-validation/wrong_shuffle_global_random.py": ("kfold_shuffle_uses_rng", "global state"),
    "k-fold-cross-validation/wrong_stratification_ignored.py": ("stratified_class_counts", "labels are ignored"),
    "k-fold-cross-validation/wrong_fit_on_all_rows.py": ("cross_val_ridge_mse", "fitted on every row"),
    "k-fold-cross-validation/wrong_metric_swapped.py": ("cross_val_metric_argument_order", "arguments are swapped"),
    "k-fold-cross-validation/wrong_reuses_model.py": ("cross_val_fresh_model_per_fold", "call make_model() once per "
                                                      "fold", "exception"),
}
RIGHT = sorted(str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in (SUBMISSIONS / slug).glob("right_*.py"))


def explain(result: CheckResult) -> str:
    lines = [f"{result.status} {result.outcome}"]
    lines += [f"  {t.status:7s} {t.name}: {t.message}\n{t.detail}" for t in result.tests if t.status != "pass"]
    return "\n".join(lines)


def grade(exercise: Exercise, path: Path, *, measure_performance: bool = False) -> CheckResult:
    return grade_submission(exercise, path, measure_performance=measure_performance)


def grade_source(slug: str, source: str, tmp_path: Path) -> CheckResult:
    file = tmp_path / f"{slug.replace('-', '_')}.py"
    file.write_text(source)
    return grade(find_exercise(slug), file)


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


# --- gradient-check: fair to every correct style, sharp on the in-place and floor rules -------------------------

GRADIENT = (SUBMISSIONS / "gradient-check" / "right_vectorised.py").read_text()


@pytest.mark.parametrize(
    "change",
    [
        ("grad[k] = f_plus - f_minus", "grad[k] = 0.5 * (f_plus - f_minus) / h"),  # divided inside the loop …
        ("return (grad / (2 * h)).reshape(x.shape)", "return (grad * (0.5 / h)).reshape(x.shape)"),
        ("flat = x.reshape(-1)  # a view: x is C-contiguous", "flat = x.ravel()"),
        ("f_plus = f(x)", "f_plus = np.asarray(f(x))"),  # f's value as a 0-d array
        ("return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))",
         "return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))"),
        ("np.maximum(1e-8, np.abs(a) + np.abs(b)))", "np.maximum(1e-8, np.abs(a) + np.abs(b))).item()"),
        ("np.maximum(1e-8, np.abs(a) + np.abs(b))", "np.clip(np.abs(a) + np.abs(b), 1e-8, None)"),
    ],
)
def test_gradient_check_accepts_equivalent_formulations(change: tuple[str, str], tmp_path: Path) -> None:
    source = GRADIENT.replace(*change)
    if change[0].startswith("grad[k]"):
        source = source.replace("return (grad / (2 * h)).reshape(x.shape)", "return grad.reshape(x.shape)")
    assert source != GRADIENT
    result = grade_source("gradient-check", source, tmp_path)
    assert result.status == "pass", explain(result)


@pytest.mark.parametrize(
    ("change", "test", "words"),
    [
        (("np.maximum(1e-8, np.abs(a) + np.abs(b))", "(np.abs(a) + np.abs(b) + 1e-8)"), "relative_error_floor_is_1e-8",
         "the floor is a max"),
        (("np.maximum(1e-8, np.abs(a) + np.abs(b))", "np.maximum(1e-12, np.abs(a) + np.abs(b))"),
         "relative_error_floor_is_1e-8", "this value uses 1e-12"),
        (("np.maximum(1e-8, np.abs(a) + np.abs(b))", "np.maximum(1e-8, np.maximum(np.abs(a), np.abs(b)))"),
         "relative_error_is_max_of_ratios", "not max(|a|, |b|)"),
        (("return np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))",
          "return np.max(np.abs(a - b)) / np.max(np.abs(a) + np.abs(b))"), "relative_error_is_max_of_ratios",
         "divide elementwise first"),
        (("grad[k] = f_plus - f_minus", "grad[k] = (f_plus - f_minus) / 2 * h"), "gradient_1d", "operator precedence"),
        (("flat[k] = old + h", "flat[k] = old - h"), "gradient_1d", "sign is flipped"),
    ],
)
def test_gradient_check_names_more_mistakes(change: tuple[str, str], test: str, words: str, tmp_path: Path) -> None:
    source = GRADIENT.replace(*change)
    if "/ 2 * h" in change[1]:
        source = source.replace("return (grad / (2 * h)).reshape(x.shape)", "return grad.reshape(x.shape)")
    if change[1] == "flat[k] = old - h":
        source = source.replace("flat[k] = old - h\n        f_minus", "flat[k] = old + h\n        f_minus")
    assert source != GRADIENT
    result = grade_source("gradient-check", source, tmp_path)
    failure = next(t for t in result.tests if t.status in ("fail", "error"))
    assert failure.name == test, explain(result)
    assert words in failure.message + "\n" + failure.detail, explain(result)


def test_gradient_check_names_an_ignored_step(tmp_path: Path) -> None:
    source = GRADIENT.replace("def numerical_gradient(f, x, h=1e-5):", "def numerical_gradient(f, x, h=1e-5):\n"
                              "    h = 1e-5")
    result = grade_source("gradient-check", source, tmp_path)
    failure = next(t for t in result.tests if t.status in ("fail", "error"))
    assert failure.name == "step_h_is_used" and "use the h you are given" in failure.detail, explain(result)


# --- k-fold: fold order inside, allocation and fold sizes of stratified folds are open ---------------------------

KFOLD = (SUBMISSIONS / "k-fold-cross-validation" / "right_vectorised.py").read_text()


@pytest.mark.parametrize(
    "change",
    [
        # folds returned in reverse order inside, lists instead of arrays, val and train as Python lists
        ("return [(np.concatenate(blocks[:i] + blocks[i + 1:]), blocks[i]) for i in range(k)]",
         "return [(np.concatenate(blocks[:i] + blocks[i + 1:])[::-1], blocks[i][::-1]) for i in range(k)]"),
        ("return [(np.concatenate(blocks[:i] + blocks[i + 1:]), blocks[i]) for i in range(k)]",
         "return [[np.concatenate(blocks[:i] + blocks[i + 1:]).tolist(), blocks[i].tolist()] for i in range(k)]"),
        # stratified: the extra samples of each class go to the LAST folds instead of the first
        ("for j, chunk in enumerate(np.array_split(idx, k)):",
         "for j, chunk in enumerate(np.array_split(idx, k)[::-1]):"),
        # the scores as a Python list
        ("return np.array([metric(", "return list([metric("),
    ],
)
def test_kfold_accepts_any_order_and_allocation(change: tuple[str, str], tmp_path: Path) -> None:
    source = KFOLD.replace(*change)
    assert source != KFOLD
    result = grade_source("k-fold-cross-validation", source, tmp_path)
    assert result.status == "pass", explain(result)


@pytest.mark.parametrize(
    ("change", "test", "words"),
    [
        (("return [(np.concatenate(blocks[:i] + blocks[i + 1:]), blocks[i]) for i in range(k)]",
          "for i in range(k):\n        yield np.concatenate(blocks[:i] + blocks[i + 1:]), blocks[i]"),
         "kfold_blocks_n23_k5", "returned a generator"),
        (("return [(np.concatenate(blocks[:i] + blocks[i + 1:]), blocks[i]) for i in range(k)]",
          "return [(np.isin(idx, blocks[i], invert=True), np.isin(idx, blocks[i])) for i in range(k)]"),
         "kfold_blocks_n23_k5", "boolean mask"),
        (("return np.array([metric(", "return np.mean([metric("), "cross_val_ridge_mse", "not their mean"),
        (("idx = np.random.default_rng(rng).permutation(n)", "idx = np.arange(n)"), "kfold_shuffled_partition",
         "unshuffled"),
    ],
)
def test_kfold_names_more_mistakes(change: tuple[str, str], test: str, words: str, tmp_path: Path) -> None:
    source = KFOLD.replace(*change)
    assert source != KFOLD
    result = grade_source("k-fold-cross-validation", source, tmp_path)
    failure = next(t for t in result.tests if t.status in ("fail", "error"))
    assert failure.name == test, explain(result)
    assert words in failure.message + "\n" + failure.detail, explain(result)
