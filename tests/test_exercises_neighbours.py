"""The neighbour exercises (weighted-knn, knn-regressor, kmeans-plusplus, softmax-regression) through the real
grader: the reference passes, the stub fails as not implemented, every right submission passes, every wrong one
fails for its own reason, the reference's performance verdict is "vectorised", and `drill lint` is clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission
from drill.lint import lint_content
from drill.models import CheckResult, Exercise

SUBMISSIONS = Path(__file__).parent / "submissions"
SLUGS = ["weighted-knn", "knn-regressor", "kmeans-plusplus", "softmax-regression"]

# wrong submission -> (the first test that fails, words its message or likely cause must contain[, its outcome])
WRONG: dict[str, tuple[str, ...]] = {
    "weighted-knn/wrong_unweighted.py": ("default_k5_weighted_vote", "plain majority vote"),
    "weighted-knn/wrong_squared_weights.py": ("default_k5_weighted_vote", "1/d²"),
    "weighted-knn/wrong_weight_is_distance.py": ("default_k5_weighted_vote", "farther neighbours count MORE"),
    "weighted-knn/wrong_all_points_vote.py": ("default_k5_weighted_vote", "every training point votes"),
    "weighted-knn/wrong_mean_weight.py": ("default_k5_weighted_vote", "averaged per label"),
    "weighted-knn/wrong_skips_zero_distance.py": ("query_equals_training_point", "distance 0 get no vote"),
    "weighted-knn/wrong_first_match.py": ("duplicate_training_points", "label most common among them"),
    "knn-regressor/wrong_k_plus_one.py": ("default_uniform_mean", "k + 1 neighbours"),
    "knn-regressor/wrong_median.py": ("default_uniform_mean", "median"),
    "knn-regressor/wrong_exact_match_uniform.py": ("uniform_on_training_points", "the d = 0 rule is for"),
    "knn-regressor/wrong_weights_ignored.py": ("distance_weighted_mean", "weights='distance' is ignored"),
    "knn-regressor/wrong_not_normalised.py": ("distance_weighted_mean", "not divided by Σ w"),
    "knn-regressor/wrong_squared_weights.py": ("distance_weighted_mean", "1/d²"),
    "knn-regressor/wrong_zero_distance_nan.py": ("distance_exact_match", "inf/inf = NaN"),
    "kmeans-plusplus/wrong_uniform.py": ("three_blobs_k3", "drawn uniformly"),
    "kmeans-plusplus/wrong_farthest.py": ("three_blobs_k3", "FARTHEST point"),
    "kmeans-plusplus/wrong_proportional_to_d.py": ("three_blobs_k3", "proportional to D, not D²"),
    "kmeans-plusplus/wrong_last_centre_only.py": ("three_blobs_k3", "LAST centre chosen only"),
    "kmeans-plusplus/wrong_global_random.py": ("three_blobs_k3", "gave different centres"),
    "kmeans-plusplus/wrong_stops_when_all_zero.py": ("duplicates_all_d2_zero", "don't stop early"),
    "kmeans-plusplus/wrong_zero_division.py": ("duplicates_all_d2_zero", "Probabilities contain NaN", "exception"),
    "softmax-regression/wrong_no_mean.py": ("weights_after_100_steps", "missing 1/n"),
    "softmax-regression/wrong_bias_frozen.py": ("weights_after_100_steps", "bias is never updated"),
    "softmax-regression/wrong_softmax_axis0.py": ("weights_after_100_steps", "normalised over the samples"),
    "softmax-regression/wrong_sigmoid_per_class.py": ("weights_after_100_steps", "independent sigmoid"),
    "softmax-regression/wrong_weights_transposed.py": ("weights_after_100_steps", "axes are swapped"),
    "softmax-regression/wrong_predict_returns_proba.py": ("predict_returns_class_indices", "look like the probabilities"),
    "softmax-regression/wrong_unstable_softmax.py": ("huge_logits_stay_finite", "subtract each row's maximum"),
    "softmax-regression/wrong_log_eps_cost.py": ("huge_logits_stay_finite", "capped"),
}
RIGHT = sorted(str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in (SUBMISSIONS / slug).glob("right_*.py"))


def explain(result: CheckResult) -> str:
    lines = [f"{result.status} {result.outcome}"]
    lines += [f"  {t.status:7s} {t.name}: {t.message}\n{t.detail}" for t in result.tests if t.status != "pass"]
    return "\n".join(lines)


def grade(exercise: Exercise, path: Path, *, measure_performance: bool = False) -> CheckResult:
    return grade_submission(exercise, path, measure_performance=measure_performance)


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


# --- kmeans-plusplus: the distribution test is fair to any D² sampler, and sharp -----------------------------------

ALTERNATIVE_DRAWS = """\
import numpy as np


def kmeans_plusplus(X, k, rng):
    # a correct D² sampler that draws differently from the stub's protocol: it indexes the points backwards
    rng = np.random.default_rng(rng)
    n = len(X)
    idx = [n - 1 - int(rng.integers(n))]
    d2 = ((X - X[idx[0]]) ** 2).sum(axis=1)
    for _ in range(1, k):
        i = n - 1 - int(rng.choice(n, p=(d2 / d2.sum())[::-1])) if d2.sum() > 0 else int(rng.integers(n))
        idx.append(i)
        d2 = np.minimum(d2, ((X - X[i]) ** 2).sum(axis=1))
    return X[idx]
"""


def test_kmeans_plusplus_other_draws_pass_the_distribution_and_are_told_why_they_differ(tmp_path: Path) -> None:
    file = tmp_path / "kmeans_plusplus.py"
    file.write_text(ALTERNATIVE_DRAWS)
    result = grade(find_exercise("kmeans-plusplus"), file)
    by_name = {t.name: t for t in result.tests}
    assert by_name["d_squared_distribution"].status == "pass", explain(result)
    assert by_name["three_blobs_k3"].status == "fail"
    assert "you sample correctly but draw differently" in by_name["three_blobs_k3"].detail


@pytest.mark.parametrize(
    ("wrong", "words"),
    [("wrong_uniform.py", "drawn uniformly"), ("wrong_farthest.py", "FARTHEST point"),
     ("wrong_proportional_to_d.py", "proportional to D, not D²")],
)
def test_kmeans_plusplus_distribution_test_fails_the_wrong_samplers(wrong: str, words: str) -> None:
    result = grade(find_exercise("kmeans-plusplus"), SUBMISSIONS / "kmeans-plusplus" / wrong)
    test = {t.name: t for t in result.tests}["d_squared_distribution"]
    assert test.status == "fail", explain(result)
    assert "of 2000 seeds, expected" in test.message and words in test.detail, test.detail
