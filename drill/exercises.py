"""Find, load and validate the exercises in reference/<slug>/, and hand out their stubs.

Each exercise is a folder holding exercise.yaml (validated here: unknown keys are errors, every problem reported as
`path:line: what is wrong — how to fix it`), stub.py (handed out), solution.py (the reference) and tests.py (the
hidden tests, see drill/grading). Importing this module is cheap: no NumPy, no grader.
"""

from __future__ import annotations

import ast
import difflib
import keyword
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

from drill import clock, paths
from drill.errors import ContentError, DrillError, Problem, UsageError
from drill.models import Exercise

REQUIRED_FILES = ("exercise.yaml", "stub.py", "solution.py", "tests.py")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")

# key: (required, description used in messages)
_KEYS: dict[str, tuple[bool, str]] = {
    "slug": (True, "the folder's name, lowercase-hyphenated"),
    "title": (True, "a short title"),
    "topic": (True, "the question bank's topic slug"),
    "difficulty": (True, "1, 2 or 3"),
    "task": (True, "the task statement (Markdown)"),
    "names": (True, "what the learner must define, e.g. [KMeans, KMeans.fit]"),
    "hints": (True, "at least three hints, nudge first"),
    "related": (False, "question ids"),
    "limits": (False, "{time_s, memory_mb}"),
    "forbidden": (False, "extra forbidden imports"),
}
_LIMIT_KEYS = {"time_s": (float, 20.0), "memory_mb": (int, 2048)}


def _node_lines(node: Any) -> dict[str, int]:
    """1-based line of each top-level key (and `limits.<key>`) in a composed YAML mapping."""
    import yaml

    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines[key.value] = key.start_mark.line + 1
                if isinstance(value, (yaml.SequenceNode, yaml.MappingNode)):
                    for i, item in enumerate(value.value):
                        item_node = item[0] if isinstance(item, tuple) else item
                        label = item_node.value if isinstance(item, tuple) else str(i)
                        lines[f"{key.value}.{label}"] = item_node.start_mark.line + 1
    return lines


def _parse(path: Path) -> tuple[Exercise | None, list[Problem]]:
    """Load one exercise.yaml into an Exercise, with every problem found (an Exercise only if there are none)."""
    import yaml  # only when an exercise is validated; a cached one needs no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    problems: list[Problem] = []
    folder = path.parent

    def problem(message: str, fix: str = "", key: str | None = None, line: int | None = None) -> None:
        problems.append(Problem(path, line if line is not None else lines.get(key or "", None), message, fix))

    lines: dict[str, int] = {}
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)
    except OSError as exc:
        return None, [Problem(path, None, f"cannot be read: {exc.strerror or exc}")]
    except UnicodeDecodeError:
        return None, [Problem(path, None, "is not UTF-8 text", "save it as UTF-8")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(path, mark.line + 1 if mark else None, f"is not valid YAML: {what}",
                              "check the indentation and quoting around this line")]
    if node is not None:
        lines = _node_lines(node)
    if not isinstance(data, dict):
        return None, [Problem(path, 1, "must be a mapping of keys (slug, title, …)", "see reference/README.md")]

    for key in data:
        if key not in _KEYS:
            close = difflib.get_close_matches(str(key), list(_KEYS), n=1)
            problem(f"unknown key {key!r}", f"did you mean {close[0]!r}?" if close else
                    f"allowed keys: {', '.join(_KEYS)}", key=str(key))
    for key, (required, what) in _KEYS.items():
        if required and key not in data:
            problem(f"missing required key {key!r}", f"add `{key}:` — {what}", line=1)

    def text_field(key: str) -> str:
        value = data.get(key)
        if key in data and (not isinstance(value, str) or not value.strip()):
            problem(f"{key!r} must be a non-empty string", f"{key}: {_KEYS[key][1]}", key=key)
            return ""
        return value.strip() if isinstance(value, str) else ""

    def list_field(key: str) -> list[str]:
        value = data.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problem(f"{key!r} must be a list of non-empty strings", f"e.g. {key}: [...]", key=key)
            return []
        return [v.strip() for v in value]

    slug = text_field("slug")
    if slug and not _SLUG.match(slug):
        problem(f"slug {slug!r} is not lowercase-hyphenated", "use e.g. linear-regression", key="slug")
    elif slug and slug != folder.name:
        problem(f"slug {slug!r} does not match the folder name {folder.name!r}", f"use slug: {folder.name}", key="slug")
    title = text_field("title")
    topic = text_field("topic")
    if topic and not _SLUG.match(topic):
        problem(f"topic {topic!r} is not a lowercase-hyphenated slug", "use the bank's topic, e.g. kmeans", key="topic")
    task = text_field("task")

    difficulty = data.get("difficulty", 2)
    if "difficulty" in data and (isinstance(difficulty, bool) or difficulty not in (1, 2, 3)):
        problem(f"difficulty must be 1, 2 or 3, not {difficulty!r}", "1 easy, 2 medium, 3 hard", key="difficulty")
        difficulty = 2

    names = list_field("names")
    if "names" in data and not names and not any(p.message.startswith("'names'") for p in problems):
        problem("'names' must list at least one class", "e.g. names: [KMeans, KMeans.fit, KMeans.predict]",
                key="names")
    for name in names:
        parts = name.split(".")
        if len(parts) > 2 or not all(p.isidentifier() and not keyword.iskeyword(p) for p in parts):
            problem(f"name {name!r} is not a Python name or Class.method", "e.g. KMeans or KMeans.fit", key="names")
        elif len(parts) == 2 and parts[0] not in names:
            problem(f"name {name!r} names a method of {parts[0]!r}, which is not listed itself",
                    f"add {parts[0]} to names", key="names")

    hints = list_field("hints")
    if "hints" in data and len(hints) < 3:
        problem(f"only {len(hints)} hint(s); at least 3 are needed", "go from a nudge to something concrete",
                key="hints")
    related = list_field("related")
    for qid in related:
        if not _ID.match(qid):
            problem(f"related id {qid!r} is not a question id", "ids are lowercase-hyphenated", key="related")
    forbidden = list_field("forbidden")
    for module in forbidden:
        if not _MODULE.match(module):
            problem(f"forbidden entry {module!r} is not a module name", "e.g. pandas", key="forbidden")

    time_s, memory_mb = 20.0, 2048
    limits = data.get("limits", {})
    if limits is None:
        limits = {}
    if not isinstance(limits, dict):
        problem("'limits' must be a mapping", "limits: {time_s: 20, memory_mb: 2048}", key="limits")
        limits = {}
    for key, value in limits.items():
        if key not in _LIMIT_KEYS:
            problem(f"unknown key {key!r} in limits", "allowed: time_s, memory_mb", key=f"limits.{key}")
            continue
        kind = _LIMIT_KEYS[key][0]
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0
        if kind is int:
            ok = ok and isinstance(value, int)
        if not ok:
            problem(f"limits.{key} must be a positive {'integer' if kind is int else 'number'}, not {value!r}",
                    f"e.g. {key}: {_LIMIT_KEYS[key][1]}", key=f"limits.{key}")
        elif key == "time_s":
            time_s = float(value)
        else:
            memory_mb = int(value)

    for filename in REQUIRED_FILES[1:]:
        if not (folder / filename).is_file():
            problems.append(Problem(folder / filename, None, "is missing",
                                    "every exercise needs exercise.yaml, stub.py, solution.py and tests.py"))
    for filename in ("stub.py", "solution.py"):
        file = folder / filename
        if file.is_file() and names:
            problems.extend(_check_defines(file, names))
    if (folder / "tests.py").is_file():
        problems.extend(_check_tests_file(folder / "tests.py"))

    if problems:
        return None, problems
    return (
        Exercise(
            slug=slug,
            title=title,
            topic=topic,
            difficulty=int(difficulty),
            task=task,
            names=tuple(names),
            hints=tuple(hints),
            related=tuple(related),
            directory=folder,
            time_limit_s=time_s,
            memory_limit_mb=memory_mb,
            forbidden=tuple(forbidden),
        ),
        [],
    )


def _check_defines(file: Path, names: list[str]) -> list[Problem]:
    """stub.py and solution.py must parse and define every class and method the exercise names."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    except SyntaxError as exc:
        return [Problem(file, exc.lineno, f"does not parse: {exc.msg}", "fix the syntax")]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [Problem(file, None, f"cannot be read: {exc}")]
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    functions = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    problems = []
    for name in names:
        cls, _, method = name.partition(".")
        if not method and cls in functions:
            continue  # a plain function (metrics exercises)
        if cls not in classes:
            what = "class" if method else "class or function"
            problems.append(Problem(file, None, f"does not define {what} {cls}", "it must match `names` in exercise.yaml"))
        elif method and not any(
            isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == method for n in classes[cls].body
        ):
            problems.append(Problem(file, classes[cls].lineno, f"class {cls} has no method {method}",
                                    "it must match `names` in exercise.yaml"))
    return problems


def _check_tests_file(file: Path) -> list[Problem]:
    """tests.py must parse and define the two functions the grader calls: cases() and perf()."""
    try:
        tree = ast.parse(file.read_text(encoding="utf-8"), filename=str(file))
    except SyntaxError as exc:
        return [Problem(file, exc.lineno, f"does not parse: {exc.msg}", "fix the syntax")]
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return [Problem(file, None, f"cannot be read: {exc}")]
    defined = {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}
    return [
        Problem(file, None, f"does not define {name}()", "see reference/README.md, 'Hidden tests'")
        for name in ("cases", "perf")
        if name not in defined
    ]


def _folders(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def lint_exercise(folder: Path) -> list[Problem]:
    """Every problem of one reference/<slug>/ folder; never raises."""
    yaml_path = folder / "exercise.yaml"
    if not yaml_path.is_file():
        return [Problem(yaml_path, None, "is missing", "each reference/<slug>/ needs an exercise.yaml")]
    try:
        return _parse(yaml_path)[1]
    except Exception as exc:  # noqa: BLE001 - lint reports, never raises
        return [Problem(yaml_path, None, f"could not be checked: {exc!r}")]


def lint_exercises(root: Path | None = None) -> list[Problem]:
    """Every problem of every exercise under root (default: the bundled reference/); never raises."""
    root = root or paths.reference_dir()
    if not root.is_dir():
        return [Problem(root, None, "no such folder", "exercises live in reference/<slug>/")]
    return [problem for folder in _folders(root) for problem in lint_exercise(folder)]


def exercise_slugs(root: Path | None = None) -> list[str]:
    """The slugs of the exercise folders, without validating them (for stats that only need the names)."""
    return [f.name for f in _folders(root or paths.reference_dir()) if (f / "exercise.yaml").is_file()]


# Exercises that validated are kept in one marshal file under DRILL_HOME, keyed by folder and by their four files'
# sizes and times (and Python's version, marshal's format being Python's own): listing the catalogue then reads no
# YAML and parses no Python. `drill lint` always validates afresh.
_CACHE_FORMAT = 2
_cache: dict[str, list] | None = None
_cache_dirty = False


def _signature(folder: Path) -> list[int]:
    signature = [_CACHE_FORMAT, *sys.version_info[:2]]
    for name in REQUIRED_FILES:
        stat = (folder / name).stat()
        signature += [stat.st_mtime_ns, stat.st_size]
    return signature


def _cache_path() -> Path:
    return paths.cache_dir() / "exercises.marshal"


def _read_cache() -> dict[str, list]:
    global _cache
    if _cache is None:
        try:
            data = marshal.loads(_cache_path().read_bytes())
            _cache = data if isinstance(data, dict) else {}
        except (OSError, ValueError, EOFError, TypeError):
            _cache = {}
    return _cache


def _write_cache() -> None:
    global _cache_dirty
    if not _cache_dirty or _cache is None:
        return
    try:
        target = _cache_path()
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(_cache))
        temporary.replace(target)
        _cache_dirty = False
    except OSError:
        pass


def _parse_cached(yaml_path: Path) -> tuple[Exercise | None, list[Problem]]:
    """_parse, through the cache of exercises that validated."""
    global _cache_dirty
    folder = yaml_path.parent
    cache = _read_cache()
    try:
        signature = _signature(folder)
    except OSError:
        return _parse(yaml_path)
    entry = cache.get(str(folder))
    if entry is not None and entry[0] == signature:
        try:
            return Exercise(**{**entry[1], "directory": folder}), []
        except TypeError:
            pass
    exercise, problems = _parse(yaml_path)
    if exercise is not None:
        from dataclasses import asdict

        cache[str(folder)] = [signature, {**asdict(exercise), "directory": None}]
        _cache_dirty = True
    return exercise, problems


def load_exercises(root: Path | None = None, *, skip_invalid: bool = False) -> list[Exercise]:
    """All exercises under root (default: the bundled reference/), sorted by slug; ContentError if any is invalid
    (or, with skip_invalid, only the valid ones: `drill lint` reports the rest)."""
    root = root or paths.reference_dir()
    exercises: list[Exercise] = []
    problems: list[Problem] = []
    for folder in _folders(root):
        yaml_path = folder / "exercise.yaml"
        if not yaml_path.is_file():
            problems.append(Problem(yaml_path, None, "is missing", "each reference/<slug>/ needs an exercise.yaml"))
            continue
        exercise, found = _parse_cached(yaml_path)
        problems.extend(found)
        if exercise is not None:
            exercises.append(exercise)
    _write_cache()
    if problems and not skip_invalid:
        raise ContentError(problems)
    return sorted(exercises, key=lambda e: e.slug)


def find_exercise(slug: str, root: Path | None = None) -> Exercise:
    """The exercise with this slug; UsageError naming the known slugs (and a close match) if there is none."""
    root = root or paths.reference_dir()
    folder = root / slug
    if _SLUG.match(slug) and (folder / "exercise.yaml").is_file():
        exercise, problems = _parse_cached(folder / "exercise.yaml")
        _write_cache()
        if problems:
            raise ContentError(problems)
        assert exercise is not None
        return exercise
    known = [f.name for f in _folders(root) if (f / "exercise.yaml").is_file()]
    guess = difflib.get_close_matches(slug.lower().replace("_", "-"), known, n=1, cutoff=0.5)
    hint = f" — did you mean {guess[0]!r}?" if guess else ""
    raise UsageError(f"unknown exercise {slug!r}{hint} — known: {', '.join(known) or 'none'}")


ATTEMPTS_DIR = ".attempts"


def attempts_folder(exercise: Exercise, directory: Path) -> Path:
    """Where earlier attempts at an exercise are kept: <workspace>/.attempts/<slug>/."""
    return Path(directory) / ATTEMPTS_DIR / exercise.slug


def list_attempts(exercise: Exercise, directory: Path) -> list[Path]:
    """Earlier attempts kept by `drill implement`, oldest first (their names are their dates)."""
    folder = attempts_folder(exercise, directory)
    return sorted(folder.glob("*.py")) if folder.is_dir() else []


def write_stub(exercise: Exercise, directory: Path, force: bool = False) -> tuple[Path, Path | None]:
    """Write the exercise's stub to directory/<workspace_filename>; returns (path, where the old file went or None).

    Never loses work: an existing file is an error unless force, and then it is first moved to
    .attempts/<slug>/YYYY-MM-DDTHH-MM.py under the same directory (with a counter if that name is taken).
    """
    directory = Path(directory)
    target = directory / exercise.workspace_filename
    try:
        stub = exercise.stub_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DrillError(f"{exercise.stub_path}: cannot read the stub ({exc.strerror or exc})") from exc
    kept: Path | None = None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_bytes() == stub.encode("utf-8"):
            target.unlink()  # the untouched stub is not work: nothing to keep
        if target.exists():
            if not force:
                raise DrillError(
                    f"{target} already exists — your work is kept. Check it with `drill check {exercise.slug}`, or "
                    f"start over with `drill implement {exercise.slug} --force` (your file is kept under "
                    f"{ATTEMPTS_DIR}/)."
                )
            folder = attempts_folder(exercise, directory)
            folder.mkdir(parents=True, exist_ok=True)
            stamp = clock.now().strftime("%Y-%m-%dT%H-%M")
            kept = folder / f"{stamp}.py"
            counter = 1
            while kept.exists():
                counter += 1
                kept = folder / f"{stamp}-{counter}.py"
            target.rename(kept)
        with open(target, "x", encoding="utf-8") as fh:
            fh.write(stub)
    except FileExistsError as exc:
        raise DrillError(f"{target} appeared while writing; nothing was overwritten") from exc
    except OSError as exc:
        raise DrillError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target, kept


def read_solution(exercise: Exercise) -> str:
    """The reference solution's source."""
    try:
        return exercise.solution_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DrillError(f"{exercise.solution_path}: cannot read the solution ({exc.strerror or exc})") from exc
