"""reference/<slug>/: loading and validating exercise.yaml, stubs handed out safely, the author's checks."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from drill.errors import ContentError, DrillError, UsageError
from drill.exercises import find_exercise, lint_exercises, load_exercises, read_solution, write_stub
from drill.models import Exercise

SLUGS = ["kmeans", "knn", "linear-regression", "logistic-regression"]
REPO = Path(__file__).resolve().parents[1]

GOOD_YAML = """\
slug: demo
title: Demo
topic: demo
difficulty: 2
task: |
  Implement it.
names: [Demo, Demo.fit]
hints:
  - nudge
  - more
  - concrete
related: []
limits:
  time_s: 5
  memory_mb: 512
forbidden: [pandas]
"""


def make_exercise(root: Path, yaml_text: str = GOOD_YAML, slug: str = "demo") -> Path:
    folder = root / slug
    folder.mkdir(parents=True)
    (folder / "exercise.yaml").write_text(yaml_text)
    (folder / "stub.py").write_text("class Demo:\n    def fit(self):\n        raise NotImplementedError\n")
    (folder / "solution.py").write_text("class Demo:\n    def fit(self):\n        return self\n")
    (folder / "tests.py").write_text("def cases():\n    return []\n\n\ndef perf():\n    return None\n")
    return folder


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DRILL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DRILL_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("DRILL_NOW", "2026-11-28T10:15:00+00:00")
    return tmp_path


# --- the bundled exercises --------------------------------------------------------------------------------------


def test_bundled_exercises_load_sorted_and_lint_clean() -> None:
    exercises = load_exercises()
    assert set(SLUGS) <= {e.slug for e in exercises}
    assert [e.slug for e in exercises] == sorted(e.slug for e in exercises)
    assert lint_exercises() == []
    for exercise in exercises:
        assert len(exercise.hints) >= 3
        assert exercise.difficulty in (1, 2, 3)
        assert exercise.time_limit_s == 20 and exercise.memory_limit_mb == 2048
        assert len(exercise.related) >= 3, f"{exercise.slug} names the questions it practises"
        assert exercise.task.strip()


@pytest.mark.parametrize(
    ("slug", "cls", "init", "methods"),
    [
        ("linear-regression", "LinearRegression", "(self, learning_rate: float = 0.01, n_iterations: int = 1000)",
         {"fit", "predict", "score"}),
        ("logistic-regression", "LogisticRegression", "(self, learning_rate: float = 0.01, n_iterations: int = 1000)",
         {"fit", "predict", "predict_proba"}),
        ("knn", "KNN", "(self, k: int = 3)", {"fit", "predict"}),
        ("kmeans", "KMeans", "(self, k: int = 3, max_iters: int = 100, random_state: int = 42)", {"fit", "predict"}),
    ],
)
def test_stub_and_solution_keep_the_seed_interface(slug: str, cls: str, init: str, methods: set[str]) -> None:
    exercise = find_exercise(slug)
    assert set(exercise.names) == {cls, *(f"{cls}.{m}" for m in methods)}
    for path in (exercise.stub_path, exercise.solution_path):
        tree = ast.parse(path.read_text())
        classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
        assert cls in classes, path
        funcs = {n.name: n for n in classes[cls].body if isinstance(n, ast.FunctionDef)}
        assert methods <= set(funcs), path
        assert f"({ast.unparse(funcs['__init__'].args)})".replace(" ", "") == init.replace(" ", ""), path


@pytest.mark.parametrize("slug", SLUGS)
def test_stub_is_a_spec_whose_bodies_raise(slug: str) -> None:
    exercise = find_exercise(slug)
    tree = ast.parse(exercise.stub_path.read_text())
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef))
    assert ast.get_docstring(cls) and len(ast.get_docstring(cls) or "") > 300
    for func in (n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name != "__init__"):
        assert ast.get_docstring(func), func.name
        assert isinstance(func.body[-1], ast.Raise), func.name
        assert "NotImplementedError" in ast.unparse(func.body[-1])
    text = exercise.stub_path.read_text()
    assert "shape" in text and "Returns" in text


def test_stubs_state_what_the_spec_leaves_open() -> None:
    kmeans = find_exercise("kmeans").stub_path.read_text()
    assert "initialisation" in kmeans and "Empty clusters" in kmeans and "NaN" in kmeans
    knn = find_exercise("knn").stub_path.read_text()
    assert "Euclidean" in knn and "ties" in knn and "squared distance" in knn
    logistic = find_exercise("logistic-regression").stub_path.read_text()
    assert "P(y = 1" in logistic and "shape (m,)" in logistic
    linear = find_exercise("linear-regression").stub_path.read_text()
    assert "(1/(2n))" in linear and "zeros" in linear


def test_read_solution_returns_the_reference() -> None:
    assert "class KMeans" in read_solution(find_exercise("kmeans"))


def test_importing_exercises_does_not_import_numpy_or_the_grader() -> None:
    code = "import sys, drill.exercises; print('numpy' in sys.modules, 'drill.grading.judge' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- find_exercise ----------------------------------------------------------------------------------------------


def test_unknown_slug_names_the_known_ones_and_a_close_match() -> None:
    with pytest.raises(UsageError) as info:
        find_exercise("k-means")
    message = str(info.value)
    assert "did you mean 'kmeans'?" in message
    assert all(slug in message for slug in SLUGS)
    assert info.value.exit_code == 2
    with pytest.raises(UsageError, match="did you mean 'linear-regression'"):
        find_exercise("linear_regression")


def test_path_like_slugs_are_unknown() -> None:
    with pytest.raises(UsageError):
        find_exercise("../reference/kmeans")


# --- validation -------------------------------------------------------------------------------------------------


def test_a_valid_exercise_loads_with_its_limits(tmp_path: Path) -> None:
    root = tmp_path / "reference"  # beside DRILL_HOME (tmp_path/home), where the exercise cache is written
    make_exercise(root)
    (exercise,) = load_exercises(root)
    assert exercise.slug == "demo" and exercise.names == ("Demo", "Demo.fit")
    assert exercise.time_limit_s == 5.0 and exercise.memory_limit_mb == 512
    assert exercise.forbidden == ("pandas",)
    assert exercise.workspace_filename == "demo.py"
    assert lint_exercises(root) == []
    assert load_exercises(root) == [exercise], "read back from the cache, the same exercise"


def test_defaults_for_optional_keys(tmp_path: Path) -> None:
    text = "\n".join(line for line in GOOD_YAML.splitlines() if not line.startswith(("limits", "  time_s",
                                                                                      "  memory_mb", "forbidden")))
    make_exercise(tmp_path, text)
    (exercise,) = load_exercises(tmp_path)
    assert exercise.time_limit_s == 20.0 and exercise.memory_limit_mb == 2048 and exercise.forbidden == ()


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("title: Demo", "titel: Demo"), 2, "unknown key 'titel' — did you mean 'title'?"),
        (("difficulty: 2", "difficulty: 5"), 4, "difficulty must be 1, 2 or 3"),
        (("difficulty: 2", "difficulty: true"), 4, "difficulty must be 1, 2 or 3"),
        (("slug: demo", "slug: other"), 1, "does not match the folder name 'demo'"),
        (("  - concrete\n", ""), 8, "only 2 hint(s)"),
        (("names: [Demo, Demo.fit]", "names: [Demo, Other.fit]"), 7, "names a method of 'Other'"),
        (("names: [Demo, Demo.fit]", "names: Demo"), 7, "'names' must be a list"),
        (("  time_s: 5", "  time_s: -1"), 14, "limits.time_s must be a positive number"),
        (("  memory_mb: 512", "  memory_mb: 1.5"), 15, "limits.memory_mb must be a positive integer"),
        (("  memory_mb: 512", "  memory_mb: 512\n  cpu: 3"), 16, "unknown key 'cpu' in limits"),
        (("forbidden: [pandas]", "forbidden: ['not a module']"), 16, "is not a module name"),
        (("related: []", "related: [Not An Id]"), 12, "is not a question id"),
        (("task: |\n  Implement it.\n", "task: 3\n"), 5, "'task' must be a non-empty string"),
    ],
)
def test_lint_reports_path_line_and_fix(tmp_path: Path, change: tuple[str, str], line: int, words: str) -> None:
    old, new = change
    assert old in GOOD_YAML
    make_exercise(tmp_path, GOOD_YAML.replace(old, new))
    problems = lint_exercises(tmp_path)
    assert problems, "expected a problem"
    match = [p for p in problems if words in str(p)]
    assert match, [str(p) for p in problems]
    assert match[0].line == line, str(match[0])
    assert str(match[0]).startswith(f"{tmp_path / 'demo' / 'exercise.yaml'}:{line}: ")
    with pytest.raises(ContentError):
        load_exercises(tmp_path)


def test_lint_reports_missing_keys_and_files(tmp_path: Path) -> None:
    folder = make_exercise(tmp_path, GOOD_YAML.replace("title: Demo\n", ""))
    (folder / "tests.py").unlink()
    messages = [str(p) for p in lint_exercises(tmp_path)]
    assert any("missing required key 'title'" in m for m in messages)
    assert any(m.startswith(str(folder / "tests.py")) and "is missing" in m for m in messages)


def test_lint_reports_stub_not_defining_the_names(tmp_path: Path) -> None:
    folder = make_exercise(tmp_path)
    (folder / "stub.py").write_text("class Demo:\n    pass\n")
    (folder / "solution.py").write_text("def oops(:\n")
    messages = [str(p) for p in lint_exercises(tmp_path)]
    assert any("stub.py" in m and "class Demo has no method fit" in m for m in messages)
    assert any("solution.py:1: does not parse" in m for m in messages)


def test_lint_reports_bad_yaml_with_its_line_and_never_raises(tmp_path: Path) -> None:
    make_exercise(tmp_path, GOOD_YAML.replace("topic: demo", "topic: [demo"))
    make_exercise(tmp_path, "- just\n- a list\n", slug="other")
    make_exercise(tmp_path, "slug: x: y\n", slug="third")
    (tmp_path / "empty").mkdir()
    problems = lint_exercises(tmp_path)
    text = "\n".join(str(p) for p in problems)
    assert "demo/exercise.yaml:" in text and "is not valid YAML" in text
    assert "other/exercise.yaml:1: must be a mapping" in text
    assert "empty/exercise.yaml: is missing" in text
    assert lint_exercises(tmp_path / "nowhere")[0].message == "no such folder"


def test_yaml_python_tags_are_refused(tmp_path: Path) -> None:
    make_exercise(tmp_path, GOOD_YAML.replace("title: Demo", "title: !!python/object/apply:os.system ['true']"))
    problems = lint_exercises(tmp_path)
    assert problems and "is not valid YAML" in str(problems[0])


# --- write_stub -------------------------------------------------------------------------------------------------


def test_write_stub_never_overwrites_and_keeps_backups(env: Path) -> None:
    exercise = find_exercise("kmeans")
    workspace = env / "workspace"
    path, backup = write_stub(exercise, workspace)
    assert path == workspace / "kmeans.py" and backup is None
    assert path.read_text() == exercise.stub_path.read_text()

    path.write_text("# my work\n")
    with pytest.raises(DrillError) as info:
        write_stub(exercise, workspace)
    assert "already exists" in str(info.value) and "--force" in str(info.value)
    assert path.read_text() == "# my work\n"

    path2, backup = write_stub(exercise, workspace, force=True)
    assert path2 == path and backup == workspace / ".attempts" / "kmeans" / "2026-11-28T10-15.py"
    assert backup.read_text() == "# my work\n"
    assert path.read_text() == exercise.stub_path.read_text()

    path.write_text("# second attempt\n")
    _, backup2 = write_stub(exercise, workspace, force=True)  # same minute: the older attempt is kept
    assert backup2 == workspace / ".attempts" / "kmeans" / "2026-11-28T10-15-2.py"
    assert backup.read_text() == "# my work\n" and backup2.read_text() == "# second attempt\n"
    _, untouched = write_stub(exercise, workspace, force=True)  # the stub itself is not work: nothing kept
    assert untouched is None and len(list((workspace / ".attempts" / "kmeans").iterdir())) == 2


def test_write_stub_uses_the_workspace_filename(env: Path) -> None:
    for slug, filename in [("linear-regression", "linear_regression.py"), ("knn", "knn.py")]:
        path, _ = write_stub(find_exercise(slug), env / "ws")
        assert path.name == filename


def test_write_stub_reports_an_unwritable_directory(env: Path) -> None:
    blocker = env / "file"
    blocker.write_text("")
    with pytest.raises(DrillError, match="cannot write"):
        write_stub(find_exercise("knn"), blocker / "sub")


def test_exercise_is_frozen() -> None:
    exercise: Exercise = find_exercise("knn")
    with pytest.raises(AttributeError):
        exercise.slug = "x"  # type: ignore[misc]


def test_every_wrong_submission_is_expected_to_fail_somewhere() -> None:
    """Each tests/submissions/<slug>/wrong_*.py is named by some test module, which says why it must fail."""
    tests_text = "".join(p.read_text(encoding="utf-8") for p in (REPO / "tests").glob("test_*.py"))
    unnamed = [
        str(p.relative_to(REPO)) for p in sorted((REPO / "tests" / "submissions").glob("*/wrong_*.py"))
        if p.stem not in tests_text
    ]
    assert unnamed == []


def test_every_exercise_has_right_and_wrong_submissions() -> None:
    for exercise in load_exercises():
        folder = REPO / "tests" / "submissions" / exercise.slug
        assert len(list(folder.glob("right_*.py"))) >= 2, exercise.slug
        assert len(list(folder.glob("wrong_*.py"))) >= 4, exercise.slug
