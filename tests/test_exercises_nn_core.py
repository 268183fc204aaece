"""The neural-network core exercises through the real grader: softmax-cross-entropy, mlp-backprop, layer-norm,
batch-norm, dropout. The reference passes and lints clean, the stub fails as not implemented; every right
submission passes (fair); every wrong one fails first on the named test with the named words (sharp, helpful);
the reference's performance verdict is "vectorised". Gradient judges compare with central differences and name
the parameter that is wrong; invariant judges accept any correct random draws."""

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
SLUGS = ["softmax-cross-entropy", "mlp-backprop", "layer-norm", "batch-norm", "dropout"]

# wrong submission -> (the first test that fails, words its message or detail must contain[, its outcome])
WRONG: dict[str, tuple[str, ...]] = {
    "softmax-cross-entropy/wrong_softmax_axis0.py": ("softmax_rows_sum_to_one", "normalised over the samples"),
    "softmax-cross-entropy/wrong_no_max_subtraction.py": ("softmax_extreme_logits_stay_finite",
                                                          "subtract each row's maximum"),
    "softmax-cross-entropy/wrong_global_max.py": ("softmax_extreme_logits_stay_finite",
                                                  "maximum of the WHOLE array"),
    "softmax-cross-entropy/wrong_loss_summed.py": ("cross_entropy_is_mean_over_rows", "summed over the rows"),
    "softmax-cross-entropy/wrong_loss_mean_all_entries.py": ("cross_entropy_is_mean_over_rows", "all n·K entries"),
    "softmax-cross-entropy/wrong_grad_no_mean.py": ("cross_entropy_grad_matches_central_differences",
                                                    "missing 1/n"),
    "softmax-cross-entropy/wrong_grad_sign.py": ("cross_entropy_grad_matches_central_differences",
                                                 "sign is flipped"),
    "softmax-cross-entropy/wrong_onehot_from_labels.py": ("class_absent_from_y", "could not be broadcast",
                                                          "exception"),
    "mlp-backprop/wrong_zero_init.py": ("init_breaks_symmetry", "symmetry is never broken"),
    "mlp-backprop/wrong_unseeded_init.py": ("init_is_seeded", "unseeded global np.random"),
    "mlp-backprop/wrong_forward_returns_probs.py": ("forward_with_known_weights", "these are probabilities"),
    "mlp-backprop/wrong_no_mean.py": ("gradients_match_central_differences", "missing 1/n"),
    "mlp-backprop/wrong_grad_sign.py": ("gradients_match_central_differences", "sign is flipped"),
    "mlp-backprop/wrong_no_relu_mask.py": ("gradients_match_central_differences", "ReLU derivative is missing"),
    "mlp-backprop/wrong_relu_mask_on_output.py": ("gradients_match_central_differences",
                                                  "instead of the hidden pre-activation"),
    "mlp-backprop/wrong_weight_grad_transposed.py": ("gradients_match_central_differences",
                                                     "gradient of W1 is transposed"),
    "mlp-backprop/wrong_bias_grad_wrong_axis.py": ("gradients_match_central_differences",
                                                   "summed over the wrong axis"),
    "mlp-backprop/wrong_fit_reinitialises.py": ("fit_is_full_batch_gradient_descent", "re-initialised"),
    "layer-norm/wrong_axis0.py": ("forward_normalises_each_row", "normalised over axis 0"),
    "layer-norm/wrong_unbiased_var.py": ("forward_normalises_each_row", "unbiased one (ddof=1"),
    "layer-norm/wrong_eps_outside_sqrt.py": ("forward_normalises_each_row", "outside the square root"),
    "layer-norm/wrong_backward_direct_only.py": ("backward_matches_central_differences",
                                                 "ignores that the row mean and variance depend on x"),
    "layer-norm/wrong_backward_no_mean_path.py": ("backward_matches_central_differences", "missing the mean's path"),
    "layer-norm/wrong_backward_no_var_path.py": ("backward_matches_central_differences",
                                                 "missing the variance's path"),
    "layer-norm/wrong_dgamma_wrong_axis.py": ("backward_matches_central_differences", "summed over the wrong axis"),
    "layer-norm/wrong_dx_forgets_gamma.py": ("backward_matches_central_differences", "dx forgets gamma"),
    "batch-norm/wrong_normalise_unbiased.py": ("training_forward_uses_batch_stats", "UNBIASED variance"),
    "batch-norm/wrong_running_var_biased.py": ("running_stats_after_one_batch", "BIASED batch variance"),
    "batch-norm/wrong_momentum_reversed.py": ("running_stats_after_one_batch", "wrong way round"),
    "batch-norm/wrong_inference_batch_stats.py": ("inference_uses_running_stats", "batch's own statistics"),
    "batch-norm/wrong_training_flag_ignored.py": ("inference_uses_running_stats", "training flag is ignored"),
    "batch-norm/wrong_backward_ignores_stats.py": ("backward_matches_central_differences",
                                                   "ignores that the batch mean and variance depend on x"),
    "batch-norm/wrong_backward_no_var_path.py": ("backward_matches_central_differences",
                                                 "missing the batch variance's path"),
    "batch-norm/wrong_dgamma_wrong_axis.py": ("backward_matches_central_differences", "summed over the wrong axis"),
    "batch-norm/wrong_eval_forward_overwrites_cache.py": ("backward_after_inference_forward_same_batch_size",
                                                          "an inference forward overwrote what backward needs"),
    "dropout/wrong_not_rescaled.py": ("out_is_x_times_mask_over_keep", "not rescaled"),
    "dropout/wrong_divides_by_p.py": ("out_is_x_times_mask_over_keep", "divided by p"),
    "dropout/wrong_p_is_keep_prob.py": ("out_is_x_times_mask_over_keep", "probability of DROPPING"),
    "dropout/wrong_mask_redrawn.py": ("out_is_x_times_mask_over_keep", "ANOTHER mask than the one returned"),
    "dropout/wrong_global_random.py": ("same_seed_same_mask", "global np.random"),
    "dropout/wrong_fixed_seed.py": ("other_seed_other_mask", "rng argument is ignored"),
    "dropout/wrong_inference_applies_dropout.py": ("inference_is_identity", "dropped at inference"),
}
RIGHT = sorted(str(p.relative_to(SUBMISSIONS)) for slug in SLUGS for p in (SUBMISSIONS / slug).glob("right_*.py"))


@functools.cache
def exercise(slug: str) -> Exercise:
    return find_exercise(slug)  # one by one: other folders under reference/ may be work in progress


def grade(ex: Exercise, path: Path, *, measure_performance: bool = False) -> CheckResult:
    return grade_submission(ex, path, measure_performance=measure_performance)


def explain(result: CheckResult) -> str:
    lines = [f"{result.status} {result.outcome}"]
    lines += [f"  {t.status:7s} {t.name}: {t.message}\n{t.detail}" for t in result.tests if t.status != "pass"]
    return "\n".join(lines)


def grade_source(slug: str, source: str, tmp_path: Path) -> CheckResult:
    file = tmp_path / f"{slug.replace('-', '_')}.py"
    file.write_text(source)
    return grade(exercise(slug), file)


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
    test_name, words, *outcome = WRONG[relative]
    result = grade(exercise(relative.split("/")[0]), SUBMISSIONS / relative)
    assert result.status == "fail", explain(result)
    failure = next(t for t in result.tests if t.status in ("fail", "error"))
    assert failure.name == test_name, explain(result)
    assert failure.outcome == (outcome[0] if outcome else "wrong-answer"), explain(result)
    assert words in failure.message + "\n" + failure.detail, explain(result)
    assert "Called: " in failure.detail and "On: " in failure.detail
    if not outcome:
        assert "Likely cause: " in failure.detail, explain(result)


# --- gradient judges name the parameter and the size of the error ------------------------------------------------


@pytest.mark.parametrize(
    ("relative", "headline", "also"),
    [
        ("mlp-backprop/wrong_no_relu_mask.py", "gradient of b1 is wrong: max abs error", "also wrong: W1; right: b2, W2"),
        ("mlp-backprop/wrong_no_mean.py", "gradient of b2 is wrong: max abs error", "also wrong: W2, b1, W1"),
        ("layer-norm/wrong_backward_no_var_path.py", "gradient of x (dx) is wrong: max abs error",
         "right: dgamma, dbeta"),
        ("batch-norm/wrong_backward_ignores_stats.py", "gradient of x (dx) is wrong: max abs error",
         "right: dgamma, dbeta"),
        ("softmax-cross-entropy/wrong_grad_sign.py", "gradient of logits is wrong: max abs error", "(relative 2)"),
    ],
)
def test_gradient_failures_name_the_parameter_and_the_error(relative: str, headline: str, also: str) -> None:
    result = grade(exercise(relative.split("/")[0]), SUBMISSIONS / relative)
    failure = next(t for t in result.tests if t.status == "fail")
    assert failure.message.startswith(headline) and "(relative " in failure.message, failure.message
    assert "central differences" in failure.message and also in failure.message, failure.message


# --- fairness: other correct conventions pass ---------------------------------------------------------------------

PERMUTATION_DROPOUT = """\
import numpy as np


def dropout(x, p, training=True, rng=None):
    # drops EXACTLY round(p * size) units, chosen by a permutation: a different (still correct) way to draw
    if not training or p == 0:
        return x, np.ones(x.shape, dtype=np.int64)
    rng = np.random.default_rng() if rng is None else rng
    mask = np.ones(x.size, dtype=np.int64)
    mask[rng.permutation(x.size)[: int(round(p * x.size))]] = 0
    mask = mask.reshape(x.shape)
    return x * mask / (1 - p), mask
"""

TORCH_INIT_MLP = """\
import numpy as np


class MLP:
    # PyTorch-style init (uniform ±1/sqrt(fan_in), biases too), mask a >= 0, gradients through np.heaviside
    def __init__(self, n_in, n_hidden, n_out, seed=0):
        rng = np.random.default_rng(seed)
        k1, k2 = 1 / np.sqrt(n_in), 1 / np.sqrt(n_hidden)
        self.W1 = rng.uniform(-k1, k1, (n_in, n_hidden))
        self.b1 = rng.uniform(-k1, k1, n_hidden)
        self.W2 = rng.uniform(-k2, k2, (n_hidden, n_out))
        self.b2 = rng.uniform(-k2, k2, n_out)

    def forward(self, X):
        return np.maximum(X @ self.W1 + self.b1, 0) @ self.W2 + self.b2

    def loss(self, X, y):
        z = self.forward(X)
        lse = np.logaddexp.reduce(z, axis=1)
        return float(np.mean(lse - z[np.arange(len(y)), y]))

    def gradients(self, X, y):
        a = X @ self.W1 + self.b1
        h = np.maximum(a, 0)
        z = h @ self.W2 + self.b2
        p = np.exp(z - np.logaddexp.reduce(z, axis=1, keepdims=True))
        p[np.arange(len(y)), y] -= 1
        dz = p / len(y)
        da = (dz @ self.W2.T) * np.heaviside(a, 1.0)
        return dict(W1=X.T @ da, b1=da.sum(0), W2=h.T @ dz, b2=dz.sum(0))

    def fit(self, X, y, lr=0.1, epochs=100):
        for _ in range(epochs):
            for name, g in self.gradients(X, y).items():
                setattr(self, name, getattr(self, name) - lr * g)
        return self

    def predict(self, X):
        return self.forward(X).argmax(1)
"""


def test_dropout_with_an_exact_count_of_dropped_units_passes(tmp_path: Path) -> None:
    result = grade_source("dropout", PERMUTATION_DROPOUT, tmp_path)
    assert result.status == "pass", explain(result)


def test_mlp_with_another_init_and_mask_convention_passes(tmp_path: Path) -> None:
    result = grade_source("mlp-backprop", TORCH_INIT_MLP, tmp_path)
    assert result.status == "pass", explain(result)


def test_dropout_keep_fraction_tolerance_is_stated_and_binomial() -> None:
    stub = exercise("dropout").stub_path.read_text()
    assert "5 binomial standard deviations" in stub and "sqrt(p·(1 − p) / x.size)" in stub


def test_batch_norm_backward_after_inference_forward_of_another_size_names_the_overwritten_cache() -> None:
    # the same wrong file, with the inference batch smaller than the training one: backward raises a broadcasting
    # error (or returns the inference batch's shape), and the likely cause is still the overwritten cache
    result = grade(exercise("batch-norm"), SUBMISSIONS / "batch-norm/wrong_eval_forward_overwrites_cache.py")
    failure = next(t for t in result.tests if t.name == "backward_after_inference_forward_other_batch_size")
    assert (failure.status, failure.outcome) == ("error", "exception"), explain(result)
    assert "Likely cause: an inference forward overwrote what backward needs" in failure.detail, explain(result)


BN_SHAPE_FROM_LAST_FORWARD = """\
import numpy as np


class BatchNorm:
    # wrong: every forward stores x and the statistics it used; backward returns the last forward's shape
    def __init__(self, num_features, momentum=0.1, eps=1e-5):
        self.momentum, self.eps = momentum, eps
        self.gamma, self.beta = np.ones(num_features), np.zeros(num_features)
        self.running_mean, self.running_var = np.zeros(num_features), np.ones(num_features)

    def forward(self, x, training=True):
        if training:
            mu, var = x.mean(0), x.var(0)
            n = len(x)
            self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
            self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        else:
            mu, var = self.running_mean, self.running_var
        self.inv_std = 1 / np.sqrt(var + self.eps)
        self.xhat = (x - mu) * self.inv_std
        return self.gamma * self.xhat + self.beta

    def backward(self, dy):
        dy = dy[: len(self.xhat)]
        self.dgamma, self.dbeta = (dy * self.xhat).sum(0), dy.sum(0)
        d = dy * self.gamma
        return self.inv_std * (d - d.mean(0) - self.xhat * (d * self.xhat).mean(0))
"""


def test_batch_norm_backward_with_the_inference_batch_shape_names_the_overwritten_cache(tmp_path: Path) -> None:
    result = grade_source("batch-norm", BN_SHAPE_FROM_LAST_FORWARD, tmp_path)
    failures = {t.name: t for t in result.tests if t.status != "pass"}
    assert set(failures) == {"backward_after_inference_forward_same_batch_size",
                             "backward_after_inference_forward_other_batch_size"}, explain(result)
    other = failures["backward_after_inference_forward_other_batch_size"]
    assert "(the inference batch's)" in other.message, explain(result)
    assert "Likely cause: an inference forward overwrote what backward needs" in other.detail, explain(result)
