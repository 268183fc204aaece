"""The attention exercises (scaled-dot-product-attention, multi-head-attention, sampling) through the real grader:
the reference passes and lints clean, the stub fails as not implemented, every right submission passes, every
wrong one fails first for its own reason, the reference's performance verdict is "vectorised"; plus fairness
checks: other correct styles (a −1e9 fill, weights set before forward, any way of drawing with the rng) pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission
from drill.lint import lint_content
from drill.models import CheckResult, Exercise

SUBMISSIONS = Path(__file__).parent / "submissions"
SLUGS = ["scaled-dot-product-attention", "multi-head-attention", "sampling"]

# wrong submission -> (the first test that fails, words its message or likely cause must contain[, its outcome])
WRONG: dict[str, tuple[str, ...]] = {
    "scaled-dot-product-attention/wrong_no_scaling.py": ("one_sequence_no_mask", "scores are not scaled"),
    "scaled-dot-product-attention/wrong_scale_by_d.py": ("one_sequence_no_mask", "divided by d instead of √d"),
    "scaled-dot-product-attention/wrong_scale_by_sqrt_dv.py": ("one_sequence_no_mask", "divided by √dv"),
    "scaled-dot-product-attention/wrong_softmax_over_queries.py": ("one_sequence_no_mask", "over the queries"),
    "scaled-dot-product-attention/wrong_k_transpose.py": ("batch_of_sequences", "K.T reverses EVERY axis"),
    "scaled-dot-product-attention/wrong_mask_inverted.py": ("causal_mask", "the mask is inverted"),
    "scaled-dot-product-attention/wrong_mask_after_softmax.py": ("causal_mask", "AFTER the softmax"),
    "scaled-dot-product-attention/wrong_weights_before_mask.py": ("causal_mask", "from BEFORE masking"),
    "scaled-dot-product-attention/wrong_unstable_softmax.py": ("large_scores_stay_finite",
                                                               "subtract each row's maximum"),
    "scaled-dot-product-attention/wrong_scales_q_in_place.py": ("inputs_left_unchanged", "in place"),
    "multi-head-attention/wrong_zero_init.py": ("init_shapes_and_values", "all zeros"),
    "multi-head-attention/wrong_unseeded_init.py": ("same_seed_same_weights", "unseeded generator"),
    "multi-head-attention/wrong_forgets_bo.py": ("one_head", "output bias bo is missing"),
    "multi-head-attention/wrong_softmax_axis.py": ("one_head", "over the queries"),
    "multi-head-attention/wrong_fused_in_init.py": ("one_head", "YOUR initial weights"),
    "multi-head-attention/wrong_reshape_no_transpose.py": ("two_heads", "mixes positions"),
    "multi-head-attention/wrong_merge_no_transpose.py": ("two_heads", "merged by reshaping"),
    "multi-head-attention/wrong_split_interleaved.py": ("two_heads", "every n_heads-th column"),
    "multi-head-attention/wrong_scale_d_model.py": ("two_heads", "√d_model"),
    "multi-head-attention/wrong_causal_off_by_one.py": ("causal_one_head", "off by one"),
    "multi-head-attention/wrong_causal_inverted.py": ("causal_one_head", "causal mask is inverted"),
    "sampling/wrong_temperature_multiplies.py": ("temperature_divides", "MULTIPLIED by the temperature"),
    "sampling/wrong_not_renormalised.py": ("top_k_keeps_the_k_largest", "renormalise"),
    "sampling/wrong_top_k_drops_ties.py": ("top_k_ties_kept", "tied with the k-th largest"),
    "sampling/wrong_top_p_strict.py": ("top_p_keeps_crossing_token", "crossing token included"),
    "sampling/wrong_top_p_unsorted.py": ("top_p_keeps_crossing_token", "vocabulary order"),
    "sampling/wrong_top_p_drops_ties.py": ("top_p_ties_at_edge", "tied with the last token of the nucleus"),
    "sampling/wrong_top_p_before_top_k.py": ("top_k_then_top_p", "before top-k"),
    "sampling/wrong_unstable_softmax.py": ("huge_logits_stay_finite", "subtract the maximum logit"),
    "sampling/wrong_sample_global_rng.py": ("sample_same_seed_same_ids", "not from np.random"),
    "sampling/wrong_sample_greedy.py": ("sample_follows_the_probabilities", "greedy decoding"),
    "sampling/wrong_sample_unfiltered.py": ("sample_follows_the_probabilities", "but its probability is 0"),
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


# --- fairness: what the specs leave open is not judged ---------------------------------------------------------

ATTENTION_3D_ONLY = """\
import numpy as np


def attention(Q, K, V, mask=None):
    # correct for any leading axes except that it hard-codes a transpose of three axes
    scores = Q @ np.transpose(K, (0, 2, 1)) / np.sqrt(Q.shape[-1])
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    w = e / e.sum(axis=-1, keepdims=True)
    return w @ V, w
"""


def test_attention_that_only_handles_3d_fails_with_its_own_traceback(tmp_path: Path) -> None:
    result = grade_source("scaled-dot-product-attention", ATTENTION_3D_ONLY, tmp_path)
    by_name = {t.name: t for t in result.tests}
    assert by_name["batch_of_sequences"].status == "pass", explain(result)
    failure = next(t for t in result.tests if t.status != "pass")
    assert failure.name == "one_sequence_no_mask" and failure.outcome == "exception", explain(result)
    assert "swapaxes(-1, -2)" in by_name["batch_and_heads_4d"].detail


MHA_OTHER_INIT = """\
import numpy as np


class MultiHeadAttention:
    # a different init (uniform weights, random biases), a loop over heads, a -1e9 causal fill
    def __init__(self, d_model, n_heads, seed=0):
        rng = np.random.RandomState(seed)
        self.h, self.dk = n_heads, d_model // n_heads
        for name in ("Wq", "Wk", "Wv", "Wo"):
            setattr(self, name, rng.uniform(-0.1, 0.1, (d_model, d_model)))
        for name in ("bq", "bk", "bv", "bo"):
            setattr(self, name, rng.uniform(-0.1, 0.1, d_model))

    def forward(self, x, causal=False):
        T = x.shape[1]
        q, k, v = x @ self.Wq + self.bq, x @ self.Wk + self.bk, x @ self.Wv + self.bv
        outs = []
        for h in range(self.h):
            s = slice(h * self.dk, (h + 1) * self.dk)
            a = q[..., s] @ np.swapaxes(k[..., s], 1, 2) / np.sqrt(self.dk)
            if causal:
                a = np.where(np.triu(np.ones((T, T)), 1) == 1, -1e9, a)
            a = np.exp(a - a.max(-1, keepdims=True))
            outs.append((a / a.sum(-1, keepdims=True)) @ v[..., s])
        return np.concatenate(outs, -1) @ self.Wo + self.bo
"""


def test_multi_head_attention_any_seeded_init_passes(tmp_path: Path) -> None:
    result = grade_source("multi-head-attention", MHA_OTHER_INIT, tmp_path)
    assert result.status == "pass", explain(result)


SAMPLERS = {
    "choice_with_size": "ids = rng.choice(len(p), size=1, p=p)\n    return ids[0]",
    "inverse_cdf": "return int(np.searchsorted(np.cumsum(p), rng.random() * p.sum(), side='right'))",
    "multinomial": "return int(np.argmax(rng.multinomial(1, p / p.sum())))",
    "exponential_race": "return int(np.argmin(rng.exponential(size=len(p)) / np.where(p > 0, p, 1e-300)))",
}


@pytest.mark.parametrize("style", sorted(SAMPLERS))
def test_sampling_any_correct_way_of_drawing_passes(style: str, tmp_path: Path) -> None:
    source = (Path(find_exercise("sampling").solution_path).read_text()
              .replace("return int(rng.choice(p.size, p=p))", SAMPLERS[style]))
    assert SAMPLERS[style] in source
    result = grade_source("sampling", source, tmp_path)
    assert result.status == "pass", explain(result)


def test_sampling_distribution_test_reports_frequencies_and_bound(tmp_path: Path) -> None:
    result = grade(find_exercise("sampling"), SUBMISSIONS / "sampling" / "wrong_sample_greedy.py")
    test = {t.name: t for t in result.tests}["sample_follows_the_probabilities"]
    assert "Chernoff bound" in test.message and "of 3000 calls" in test.message, test.message
    assert "Expected: frequencies ≈" in test.detail and "Got:" in test.detail
