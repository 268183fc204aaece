"""The hidden-test protocol's richer steps through the real grader (child and reference alike): tuples unpacked,
dicts and lists of arrays read back part by part, a cache passed on as the object itself, rng() and helper()
arguments, repeated calls, arguments seen after the call, and attributes set before a call."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from drill.exercises import find_exercise
from drill.grading import grade_submission

TESTS = '''
import numpy as np

from drill.grading import checks
from drill.grading.protocol import Case, Fail, Perf, assign, attr, call, func, helper, new, rng

HELPERS = """
import numpy as np

def square_sum(x):
    return float((x ** 2).sum())
"""


def same(keys):
    def judge(case, got, expected):
        for key in keys:
            want = expected.get(key)
            if want is None:
                raise Fail(f"the reference produced no {key}")
            have = checks.value(got, key, key)
            if have.shape != want.shape or not np.allclose(have, want):
                raise Fail(f"{key} differs", expected=checks.fmt(want), got=checks.fmt(have))
    return judge


def cases():
    x = np.arange(6.0).reshape(2, 3)
    return [
        Case("tuple_unpacked", "y, cache = norm(x)", "x (2, 3)", {"x": x},
             (func("norm", "x", save=("y", "cache")), func("back", "y", "cache", save="dx")), same(["y", "dx"])),
        Case("dict_parts", "grads(x)", "x (2, 3)", {"x": x}, (func("grads", "x", save="g"),),
             same(["g.a", "g.b"])),
        Case("folds_parts", "folds(5)", "n 5", {"n": np.array(5)}, (func("folds", "n", save="f"),),
             same(["f.0.0", "f.0.1", "f.1.1"])),
        Case("rng_and_repeat", "draw(rng(3)) x 4", "seed 3", {}, (func("draw", rng(3), save="d", repeat=4),),
             same(["d"])),
        Case("helper_function", "apply(square_sum, x)", "x (2, 3)", {"x": x},
             (func("apply", helper("square_sum"), "x", save="s", save_args=(None, "x_after")),),
             same(["s", "x_after"]), helpers=HELPERS),
        Case("set_attribute", "m.w = w; m.forward(x)", "x (2, 3)", {"x": x, "w": np.ones(3)},
             (new("m", "Model"), assign("m", "w", "w"), call("m", "forward", "x", save="out"), attr("m", "w")),
             same(["out", "w"])),
    ]


def perf():
    return Perf((func("apply", helper("square_sum"), "x", save="s"),), {"x": np.ones((100, 10))}, "apply", "loop?",
                helpers=HELPERS)
'''

SOLUTION = '''
import numpy as np


def norm(x):
    mu = x.mean(axis=1, keepdims=True)
    return x - mu, (mu, {"note": object()})


def back(dy, cache):
    mu, extra = cache
    assert "note" in extra
    return dy + mu


def grads(x):
    return {"a": x.sum(axis=0), "b": x.sum()}


def folds(n):
    idx = np.arange(int(n))
    return [(idx[idx != i], idx[idx == i]) for i in range(2)]


def draw(generator):
    return int(generator.integers(1000))


def apply(f, x):
    x[0, 0] += 1.0
    value = f(x)
    x[0, 0] -= 1.0
    return value


class Model:
    def __init__(self):
        self.w = np.zeros(3)

    def forward(self, x):
        return x @ self.w
'''


@pytest.fixture
def exercise(tmp_path: Path):
    folder = tmp_path / "protocol-demo"
    folder.mkdir()
    (folder / "exercise.yaml").write_text(textwrap.dedent("""\
        slug: protocol-demo
        title: Protocol demo
        topic: demo
        difficulty: 1
        task: Exercise every kind of step.
        names: [norm, back, grads, folds, draw, apply, Model]
        hints: [one, two, three]
    """))
    (folder / "tests.py").write_text(TESTS)
    (folder / "solution.py").write_text(SOLUTION)
    (folder / "stub.py").write_text(SOLUTION)
    return find_exercise("protocol-demo", tmp_path)


def grade(exercise, source: str, tmp_path: Path, **kwargs):
    file = tmp_path / "submission.py"
    file.write_text(source)
    return grade_submission(exercise, file, **kwargs)


def test_every_step_kind_runs_alike_on_both_sides(exercise, tmp_path: Path) -> None:
    result = grade(exercise, SOLUTION, tmp_path, measure_performance=True)
    assert result.status == "pass", [(t.name, t.message, t.detail) for t in result.tests]
    assert result.performance is not None and result.performance.verdict == "vectorised"


@pytest.mark.parametrize(
    ("change", "test", "words"),
    [
        (("return x - mu, (mu,", "return x - mu + 1, (mu,"), "tuple_unpacked", "y differs"),
        (("return x - mu, (mu, {\"note\": object()})", "return x - mu"), "tuple_unpacked", "expected 2 return values"),
        (('"b": x.sum()}', '"b": x.sum() + 1}'), "dict_parts", "g.b differs"),
        (("idx[idx == i]) for", "idx[idx <= i]) for"), "folds_parts", "f.1.1 differs"),
        (("generator.integers(1000)", "np.random.default_rng(0).integers(1000)"), "rng_and_repeat", "d differs"),
        (("    x[0, 0] -= 1.0\n", ""), "helper_function", "x_after differs"),
        (("return x @ self.w", "return x @ np.zeros(3)"), "set_attribute", "out differs"),
    ],
)
def test_each_step_kind_tells_a_wrong_submission_apart(exercise, tmp_path: Path, change, test, words) -> None:
    source = SOLUTION.replace(*change)
    assert source != SOLUTION
    result = grade(exercise, source, tmp_path, measure_performance=False)
    outcome = {t.name: t for t in result.tests}[test]
    assert outcome.status in ("fail", "error") and words in outcome.message, (outcome.message, outcome.detail)
    assert [t.name for t in result.tests if t.status != "pass"] == [test]
