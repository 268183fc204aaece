"""Hidden tests for `linear-regression`. From weights = 0 and bias = 0, gradient descent with a given learning rate
and number of steps has exactly one trajectory, so weights, bias and cost_history are compared with the
reference's after the same steps (relative tolerance 1e-6); predict and score are checked against the formula
applied to the submission's own fitted parameters, so one bug is reported once, where it is."""

from __future__ import annotations

import numpy as np

from drill.grading import checks, gd
from drill.grading.protocol import Case, Outputs, Perf, attr, call, new


def regression_data(seed: int, n: int, d: int, *, bias: float = 1.0, noise: float = 0.3, centred: bool = False):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, d))
    if centred:
        X -= X.mean(axis=0)
    w = rng.uniform(-3, 3, size=d)
    y = X @ w + bias + noise * rng.standard_normal(n)
    return X, y


def judge_parameters(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_parameters(case, got, expected, logistic=False)


def judge_bias(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_bias(case, got, expected, logistic=False)


def judge_cost(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_cost(case, got, expected, gd.squared_cost, gd.SQUARED_COST)


def judge_refit(case: Case, got: Outputs, expected: Outputs) -> None:
    gd.judge_refit(case, got, expected, logistic=False)


def judge_predict(case: Case, got: Outputs, expected: Outputs) -> None:
    X_new = case.inputs["X_new"]
    pred = gd.own_predictions(case, got, "predict", "predict(X_new)", X_new)
    weights, bias = gd.fitted(case, got)
    cause = ""
    if not np.allclose(pred, X_new @ weights + bias, rtol=gd.RTOL, atol=gd.ATOL):
        cause = "predict does not compute X_new @ self.weights + self.bias with the fitted parameters"
    elif not np.allclose(pred, expected.values["predict"], rtol=gd.RTOL, atol=gd.ATOL):
        cause = "predict is right for your parameters, but fit learned different ones — see the weights tests"
    checks.close(pred, expected.values["predict"], "predict(X_new)", rtol=gd.RTOL, atol=gd.ATOL, cause=cause)


def judge_score(case: Case, got: Outputs, expected: Outputs) -> None:
    y_test = case.inputs["y_test"]
    pred = gd.own_predictions(case, got, "predict", "predict(X_test)", case.inputs["X_test"])
    score = checks.scalar(got, "score", "score(X_test, y_test)", allow_size_one=True)
    r2 = 1.0 - np.sum((y_test - pred) ** 2) / np.sum((y_test - y_test.mean()) ** 2)
    if np.isclose(score, float(np.mean((y_test - pred) ** 2)), rtol=1e-6):
        cause = "this is the mean squared error; R² = 1 − SS_res/SS_tot"
    elif np.isclose(score, 1 - r2, rtol=1e-6):
        cause = "this is SS_res/SS_tot; R² = 1 − SS_res/SS_tot"
    else:
        cause = "R² = 1 − Σ(y − ŷ)² / Σ(y − mean(y))², with ŷ = self.predict(X) on the X given to score"
    checks.close(np.array(score), np.array(r2), "score(X_test, y_test) (the R² of your own predictions)",
                 rtol=1e-6, atol=1e-9, cause=cause)


def cases() -> list[Case]:
    """The hidden tests, in the order the learner sees them."""
    X, y = regression_data(11, 150, 3)
    Xc, yc = regression_data(12, 120, 2, bias=5.0, centred=True)
    rng = np.random.default_rng(42)  # the seed's own example
    X1 = rng.standard_normal((100, 1))
    y1 = 2 * X1[:, 0] + 1 + 0.1 * rng.standard_normal(100)
    X8, y8 = regression_data(13, 300, 8, bias=-2.0)
    X8 *= np.linspace(0.5, 1.5, 8)
    X_new = np.random.default_rng(14).standard_normal((30, 3))
    X_test, y_test = regression_data(15, 60, 3)
    X2, y2 = regression_data(16, 80, 3, bias=-1.0)

    def fit(lr: float | None, steps: int | None, x: str = "X", y_: str = "y", var: str = "m") -> tuple:
        kwargs = {k: v for k, v in (("learning_rate", lr), ("n_iterations", steps)) if v is not None}
        return (new(var, "LinearRegression", **kwargs), call(var, "fit", x, y_, save="fit"))

    params_out = (attr("m", "weights"), attr("m", "bias"), attr("m", "cost_history"))
    lr_steps = {"learning_rate": 0.05, "n_iterations": 50}
    return [
        Case("weights_after_50_steps", "LinearRegression(learning_rate=0.05, n_iterations=50).fit(X, y)",
             "X shape (150, 3), y shape (150,), seed 11", {"X": X, "y": y}, (*fit(0.05, 50), *params_out),
             judge_parameters, lr_steps),
        Case("bias_is_learned", "LinearRegression(learning_rate=0.05, n_iterations=50).fit(X, y)",
             "X shape (120, 2) with centred columns, y = X·w + 5 + noise, seed 12", {"X": Xc, "y": yc},
             (*fit(0.05, 50), *params_out), judge_bias, lr_steps),
        Case("cost_history_per_iteration", "LinearRegression(learning_rate=0.05, n_iterations=50).fit(X, y)",
             "X shape (150, 3), y shape (150,), seed 11", {"X": X, "y": y}, (*fit(0.05, 50), *params_out),
             judge_cost, lr_steps),
        Case("defaults_seed_example", "LinearRegression().fit(X, y)  # learning_rate=0.01, n_iterations=1000",
             "X shape (100, 1), y = 2x + 1 + 0.1·noise, np.random.seed(42)-style data", {"X": X1, "y": y1},
             (*fit(None, None), *params_out), judge_parameters, {"learning_rate": 0.01, "n_iterations": 1000}),
        Case("many_features", "LinearRegression(learning_rate=0.1, n_iterations=100).fit(X, y)",
             "X shape (300, 8), feature scales 0.5…1.5, seed 13", {"X": X8, "y": y8},
             (*fit(0.1, 100), *params_out), judge_parameters, {"learning_rate": 0.1, "n_iterations": 100}),
        Case("predict_new_rows", "LinearRegression(learning_rate=0.05, n_iterations=50).fit(X, y) then "
             ".predict(X_new)", "X shape (150, 3), seed 11; X_new shape (30, 3), seed 14",
             {"X": X, "y": y, "X_new": X_new}, (*fit(0.05, 50), *params_out,
                                                 call("m", "predict", "X_new", save="predict")),
             judge_predict, lr_steps),
        Case("score_is_r_squared", "LinearRegression(learning_rate=0.05, n_iterations=50).fit(X, y) then "
             ".predict(X_test) and .score(X_test, y_test)", "X shape (150, 3), seed 11; X_test shape (60, 3), seed 15",
             {"X": X, "y": y, "X_test": X_test, "y_test": y_test},
             (*fit(0.05, 50), call("m", "predict", "X_test", save="predict"),
              call("m", "score", "X_test", "y_test", save="score")), judge_score, lr_steps),
        Case("refit_starts_from_zero", "m = LinearRegression(learning_rate=0.05, n_iterations=50); m.fit(X, y); "
             "m.fit(X2, y2)", "X shape (150, 3), seed 11; then X2 shape (80, 3), seed 16",
             {"X": X2, "y": y2, "X_first": X, "y_first": y},
             (new("m", "LinearRegression", learning_rate=0.05, n_iterations=50), call("m", "fit", "X_first", "y_first"),
              call("m", "fit", "X", "y", save="fit"), *params_out), judge_refit, {**lr_steps, "refit": True}),
    ]



def perf() -> Perf:
    X, y = regression_data(31, 2000, 10)
    return Perf(
        steps=(new("m", "LinearRegression", learning_rate=0.01, n_iterations=100), call("m", "fit", "X", "y"),
               call("m", "predict", "X")),
        inputs={"X": X, "y": y},
        describe="LinearRegression(n_iterations=100).fit(X, y).predict(X), X (2000, 10)",
        slow_hint="a Python loop over the samples inside each iteration? compute X.T @ (y_pred - y) in one go",
    )
