"""The hidden tests through the real grader: fair (every right submission passes), sharp (every classic mistake
fails for its own reason), helpful (a failure says what was called, on what, expected, got, and why)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from drill.exercises import find_exercise, load_exercises
from drill.grading import grade_submission
from drill.models import CheckResult, Exercise

SUBMISSIONS = Path(__file__).parent / "submissions"
SLUGS = ["kmeans", "knn", "linear-regression", "logistic-regression"]

# wrong submission -> (the first test that fails, words its message or likely cause must contain[, its outcome])
WRONG: dict[str, tuple[str, ...]] = {
    "linear-regression/wrong_sign.py": ("weights_after_50_steps", "sign of the update"),
    "linear-regression/wrong_no_mean.py": ("weights_after_50_steps", "missing 1/n"),
    "linear-regression/wrong_bias_frozen.py": ("weights_after_50_steps", "bias is never updated"),
    "linear-regression/wrong_one_iteration.py": ("weights_after_50_steps", "only one gradient step"),
    "linear-regression/wrong_weights_column.py": ("weights_after_50_steps", "column where a 1-D array is due"),
    "linear-regression/wrong_cost_mse.py": ("cost_history_per_iteration", "twice the expected"),
    "linear-regression/wrong_no_reset.py": ("refit_starts_from_zero", "start afresh"),
    "linear-regression/wrong_predict_ignores_input.py": ("predict_new_rows", "TRAINING sample"),
    "logistic-regression/wrong_sign.py": ("weights_after_100_steps", "sign of the update"),
    "logistic-regression/wrong_no_mean.py": ("weights_after_100_steps", "missing 1/n"),
    "logistic-regression/wrong_bias_frozen.py": ("weights_after_100_steps", "bias is never updated"),
    "logistic-regression/wrong_mse_gradient.py": ("weights_after_100_steps", "gradient of the squared error"),
    "logistic-regression/wrong_predict_returns_proba.py": ("predict_returns_labels", "look like probabilities"),
    "logistic-regression/wrong_proba_two_columns.py": ("predict_proba_is_p_of_class_1", "two columns"),
    "logistic-regression/wrong_threshold_on_score.py": ("predict_returns_labels", "applied to the score z"),
    "logistic-regression/wrong_cost_no_epsilon.py": ("separable_data_stays_finite", "log(0)"),
    "knn/wrong_k_plus_one.py": ("default_k3", "k + 1 neighbours"),
    "knn/wrong_manhattan.py": ("default_k3", "Manhattan"),
    "knn/wrong_axis.py": ("default_k3", "instead of the features"),
    "knn/wrong_farthest.py": ("default_k3", "FARTHEST"),
    "knn/wrong_k_ignored.py": ("default_k3", "single nearest neighbour"),
    "knn/wrong_predict_ignores_input.py": ("default_k3", "training points, not the X"),
    "knn/wrong_mean_vote.py": ("default_k3", "averaged and rounded"),
    "knn/wrong_argpartition_k.py": ("k_equals_n_training_points", "np.argpartition(d, k) asks for index k", "exception"),
    "kmeans/wrong_centroids_never_updated.py": ("centroids_are_cluster_means", "not the mean of its"),
    "kmeans/wrong_empty_cluster_nan.py": ("empty_cluster_never_nan", "NaN"),
    "kmeans/wrong_predict_ignores_input.py": ("predict_assigns_new_points", "TRAINING point"),
    "kmeans/wrong_one_iteration.py": ("labels_are_nearest_centroid", "nearest centroid"),
    "kmeans/wrong_unseeded.py": ("same_random_state_same_result", "same random_state"),
    "kmeans/wrong_argmax.py": ("labels_are_nearest_centroid", "nearest centroid"),
    "kmeans/wrong_distance_axis.py": ("labels_are_nearest_centroid", "nearest centroid"),
}


@pytest.fixture(scope="module")
def exercises() -> dict[str, Exercise]:
    return {e.slug: e for e in load_exercises()}


def grade(exercise: Exercise, path: Path, **kwargs: object) -> CheckResult:
    return grade_submission(exercise, path, measure_performance=bool(kwargs.get("measure_performance", False)))


def explain(result: CheckResult) -> str:
    lines = [f"{result.status} {result.outcome}"]
    lines += [f"  {t.status:7s} {t.name}: {t.message}\n{t.detail}" for t in result.tests if t.status != "pass"]
    return "\n".join(lines)


def first_failure(result: CheckResult):
    return next(t for t in result.tests if t.status in ("fail", "error"))


# --- every reference passes, every stub fails ------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_passes_its_hidden_tests(exercises: dict[str, Exercise], slug: str) -> None:
    exercise = exercises[slug]
    result = grade(exercise, exercise.solution_path)
    assert result.status == "pass", explain(result)
    assert result.outcome == "pass"
    assert result.passed == len(result.tests) >= 7


@pytest.mark.parametrize("slug", SLUGS)
def test_stub_fails_as_not_implemented(exercises: dict[str, Exercise], slug: str) -> None:
    exercise = exercises[slug]
    result = grade(exercise, exercise.stub_path)
    assert result.status == "fail"
    assert result.outcome == "not-implemented"
    assert result.passed == 0
    for test in result.tests:
        assert test.outcome == "not-implemented", explain(result)
        assert test.message.startswith("not implemented yet:")
        assert "NotImplementedError" in test.message
    assert "stub's docstring" in result.tests[0].detail


# --- fair: every correct style passes ---------------------------------------------------------------------------


RIGHT = sorted(str(p.relative_to(SUBMISSIONS)) for p in SUBMISSIONS.glob("*/right_*.py"))


def test_every_exercise_has_right_submissions_in_several_styles() -> None:
    for slug in SLUGS:
        names = {Path(r).name for r in RIGHT if r.startswith(slug + "/")}
        assert {"right_seed.py", "right_loops.py", "right_vectorised.py"} <= names, slug


@pytest.mark.parametrize("relative", RIGHT)
def test_right_submission_passes(exercises: dict[str, Exercise], relative: str) -> None:
    slug = relative.split("/")[0]
    result = grade(exercises[slug], SUBMISSIONS / relative)
    assert result.status == "pass", explain(result)


# --- sharp: every classic mistake fails, for its own reason -----------------------------------------------------


def test_every_wrong_submission_has_an_expectation() -> None:
    on_disk = {str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in SUBMISSIONS.glob(f"{slug}/wrong_*.py")}
    assert on_disk == set(WRONG)
    for slug in SLUGS:
        assert sum(k.startswith(slug + "/") for k in WRONG) >= 4, slug


@pytest.mark.parametrize("relative", sorted(WRONG))
def test_wrong_submission_fails_for_its_reason(exercises: dict[str, Exercise], relative: str) -> None:
    slug = relative.split("/")[0]
    test_name, words, *outcome = WRONG[relative]
    result = grade(exercises[slug], SUBMISSIONS / relative)
    assert result.status == "fail", explain(result)
    failure = first_failure(result)
    assert failure.name == test_name, explain(result)
    assert failure.outcome == (outcome[0] if outcome else "wrong-answer"), explain(result)
    assert words in failure.message + "\n" + failure.detail, explain(result)


# --- helpful: what was called, on what, expected, got, likely cause ---------------------------------------------


def test_failure_detail_names_call_data_expected_got_and_cause(exercises: dict[str, Exercise]) -> None:
    result = grade(exercises["linear-regression"], SUBMISSIONS / "linear-regression/wrong_sign.py")
    failure = first_failure(result)
    assert "max abs error" in failure.message and "rel" in failure.message
    detail = failure.detail
    assert "Called: LinearRegression(learning_rate=0.05, n_iterations=50).fit(X, y)" in detail
    assert "On: X shape (150, 3)" in detail and "seed 11" in detail
    assert "Expected:" in detail and "Got:" in detail
    assert "Likely cause: weights move the wrong way" in detail


def test_kmeans_failure_names_the_point_and_the_closer_centroid(exercises: dict[str, Exercise]) -> None:
    result = grade(exercises["kmeans"], SUBMISSIONS / "kmeans/wrong_one_iteration.py")
    failure = first_failure(result)
    assert "Called: KMeans(k=5).fit(X)" in failure.detail
    assert "is closer" in failure.message and "point" in failure.message


def test_exception_shows_only_the_learners_traceback(exercises: dict[str, Exercise], tmp_path: Path) -> None:
    file = tmp_path / "knn.py"
    file.write_text(
        "import numpy as np\n\n"
        "class KNN:\n"
        "    def __init__(self, k=3):\n"
        "        self.k = k\n"
        "    def fit(self, X, y):\n"
        "        self.X, self.y = X, y\n"
        "        return self\n"
        "    def _distances(self, x):\n"
        "        return ((self.X - x[:2]) ** 2).sum(axis=1)\n"
        "    def predict(self, X):\n"
        "        return np.array([self.y[np.argsort(self._distances(x))[0]] for x in X])\n"
    )
    result = grade(exercises["knn"], file)
    failure = first_failure(result)
    assert result.outcome == "exception"
    assert "ValueError" in failure.message and "KNN._distances (line 10)" in failure.message
    assert f'File "{file}", line 12, in predict' in failure.detail
    assert f'File "{file}", line 10, in _distances' in failure.detail
    assert "runner.py" not in failure.detail and "drill" not in failure.detail.replace(str(tmp_path), "")
    assert "Called: KNN().fit(X, y).predict(X_test)" in failure.detail


def test_syntax_error_reports_line_and_caret(exercises: dict[str, Exercise], tmp_path: Path) -> None:
    file = tmp_path / "kmeans.py"
    file.write_text("import numpy as np\n\nclass KMeans:\n    def fit(self, X)\n        return self\n")
    result = grade(exercises["kmeans"], file)
    assert (result.status, result.outcome) == ("error", "syntax-error")
    test = result.tests[0]
    assert "line 4" in test.message
    assert "def fit(self, X)" in test.detail and "^" in test.detail
    missing = tmp_path / "missing.py"
    missing.write_text("class Kmeans:\n    pass\n")
    loaded_but_wrong = grade(exercises["kmeans"], missing)
    # whatever stops the file, the count is of the exercise's own hidden tests, each listed as not run
    assert result.total == loaded_but_wrong.total == len(result.tests) - 1 > 1
    assert all(t.status == "skipped" for t in result.tests[1:])


def test_missing_class_or_method_is_named(exercises: dict[str, Exercise], tmp_path: Path) -> None:
    file = tmp_path / "kmeans.py"
    file.write_text("class Kmeans:\n    pass\n")
    result = grade(exercises["kmeans"], file)
    assert (result.status, result.outcome) == ("error", "missing-name")
    assert "`KMeans`" in result.tests[0].message
    file.write_text("class KMeans:\n    def fit(self, X):\n        return self\n")
    result = grade(exercises["kmeans"], file)
    assert result.outcome == "missing-name"
    assert "`KMeans.predict`" in result.tests[0].message and "`KMeans.fit`" not in result.tests[0].message


def test_strict_shapes_reject_a_column(exercises: dict[str, Exercise], tmp_path: Path) -> None:
    source = (SUBMISSIONS / "kmeans/right_seed.py").read_text()
    file = tmp_path / "kmeans.py"
    file.write_text(source.replace("return self._assign_clusters(X)", "return self._assign_clusters(X)[:, None]"))
    result = grade(exercises["kmeans"], file)
    failure = first_failure(result)
    assert failure.name == "predict_assigns_new_points"
    assert "shape (40, 1), expected (40,)" in failure.message


def test_exercise_specific_forbidden_imports(exercises: dict[str, Exercise], tmp_path: Path) -> None:
    exercise = dataclasses.replace(exercises["kmeans"], forbidden=("collections",))
    file = tmp_path / "kmeans.py"
    file.write_text("import collections\n" + (SUBMISSIONS / "kmeans/right_seed.py").read_text())
    result = grade(exercise, file)
    assert result.outcome == "forbidden-import"
    assert "`collections` (line 1)" in result.tests[0].message
    assert grade(exercises["kmeans"], file).status == "pass"  # the default list does not forbid it


def test_json_has_the_documented_keys(exercises: dict[str, Exercise]) -> None:
    result = grade(exercises["kmeans"], SUBMISSIONS / "kmeans/wrong_unseeded.py")
    data = json.loads(json.dumps(result.to_json()))
    assert {"exercise", "status", "passed", "failed", "tests", "performance"} <= set(data)
    assert data["exercise"] == "kmeans" and data["status"] == "fail"
    assert data["passed"] + data["failed"] == len(data["tests"])
    assert all(set(t) >= {"name", "status", "message"} for t in data["tests"])
    assert data["total"] == len(data["tests"]), "every line here is a hidden test: the file loaded"
    failing = next(t for t in data["tests"] if t["status"] == "fail")
    assert "Expected" in failing["detail"], "the full report travels in the JSON too"
    assert data["performance"]["verdict"] == "not-measured"


def test_output_of_the_submission_is_kept(exercises: dict[str, Exercise]) -> None:
    result = grade(exercises["kmeans"], SUBMISSIONS / "hostile/fake_pass.py")
    assert "ALL TESTS PASSED" in result.output
    assert result.status == "fail"


# --- performance: stable verdicts ------------------------------------------------------------------------------


def test_seed_loop_knn_is_slow_and_reference_vectorised(exercises: dict[str, Exercise]) -> None:
    knn = exercises["knn"]
    seed = grade(knn, SUBMISSIONS / "knn/right_seed.py", measure_performance=True)
    assert seed.status == "pass"
    assert seed.performance is not None and seed.performance.verdict == "slow", seed.performance
    assert seed.performance.ratio is not None and seed.performance.ratio > 50
    assert seed.performance.message.startswith("slow: ~") and "× the reference" in seed.performance.message
    reference = grade(knn, knn.solution_path, measure_performance=True)
    assert reference.performance is not None and reference.performance.verdict == "vectorised", reference.performance
    assert reference.performance.ratio is not None and reference.performance.ratio < 4


def test_performance_is_not_measured_for_a_failing_submission(exercises: dict[str, Exercise]) -> None:
    result = grade(exercises["kmeans"], SUBMISSIONS / "kmeans/wrong_argmax.py", measure_performance=True)
    assert result.status == "fail" and result.performance is None


def test_seed_kmeans_is_vectorised(exercises: dict[str, Exercise]) -> None:
    result = grade(exercises["kmeans"], SUBMISSIONS / "kmeans/right_seed.py", measure_performance=True)
    assert result.status == "pass"
    assert result.performance is not None and result.performance.verdict == "vectorised", result.performance


def test_exercise_objects_round_trip_through_find(exercises: dict[str, Exercise]) -> None:
    for slug in SLUGS:
        assert find_exercise(slug) == exercises[slug]


def test_a_failure_shows_the_values_around_the_first_difference() -> None:
    """Twelve labels, the first difference at index 6: Expected and Got must show it, not six equal values."""
    import numpy as np

    from drill.grading import checks
    from drill.grading.protocol import Fail

    expected = np.array([0, 0, 0, 0, 0, 1, 2, 1, 0, 1, 2, 2])
    got = expected.copy()
    got[6] = 1
    try:
        checks.same_labels(got, expected, "predict(X)")
    except Fail as failure:
        assert "first at index 6" in str(failure)
        assert failure.expected.startswith("[… (4 before), 0, 1, 2,") and failure.got.startswith("[… (4 before), 0, 1, 1,")
    else:
        raise AssertionError("the labels differ")
