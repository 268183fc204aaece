"""Loading and validating banks: every malformed case gives path:line problems, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drill.banks import load_bank, load_banks
from drill.cli import app
from tests.conftest import DEMO_BANK, write_bank

runner = CliRunner()


def problems_of(tmp_path: Path, body: str | bytes, name: str = "demo") -> list[str]:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(body if isinstance(body, bytes) else body.encode())
    bank, problems = load_bank(path)
    assert bank is None, "a broken bank must not load"
    return [str(p) for p in problems]


def test_the_demo_bank_loads_with_every_field(demo_bank: Path) -> None:
    bank, problems = load_bank(demo_bank)
    assert problems == []
    assert bank is not None and [q.type for q in bank.questions] == ["recall", "choice", "numeric", "derivation"]
    sigmoid = bank.questions[0]
    assert sigmoid.line == 5 and sigmoid.follow_ups == ("demo-loss",) and sigmoid.difficulty == 1
    assert sigmoid.key_points[1].patterns == ("log.?odds", "logit")
    assert bank.questions[1].answer == 1 and bank.questions[2].tolerance == 0.001


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"", "demo.yaml:1: the file is empty"),
        (b"topic: demo\ntitle: \xff\xfe\n", "demo.yaml:2: the file is not UTF-8 text"),
        (b"- a\n- b\n", "demo.yaml:1: the top level of a bank must be a mapping"),
        (b"topic: demo\n  title: x: y\n", "demo.yaml:2: YAML syntax error"),
        (b"topic: demo\ntitle: T\nquestions: 3\n", "demo.yaml:3: `questions` must be a list"),
        (b"topic: other\ntitle: T\nquestions: []\n", "topic 'other' differs from the file name"),
        (b"topic: demo\ntitle: T\nextra: 1\nquestions: []\n", "demo.yaml:3: unknown key 'extra' at the top level"),
        (b"topic: demo\ntitle: T\nquestions: !!python/object/apply:os.system [ls]\n", "YAML tag"),
    ],
)
def test_file_level_problems(tmp_path: Path, body: bytes, expected: str) -> None:
    found = problems_of(tmp_path, body)
    assert any(expected in p for p in found), found


QUESTION_CASES = [
    ("    type: recall\n    prompt: P\n    answer: A\n    colour: red\n", "unknown key 'colour'"),
    ("    type: recall\n    prompt: [1, 2]\n    answer: A\n", "`prompt` must be text, not a list"),
    ("    type: choice\n    prompt: P\n    choices: [a, b]\n    answer: 2\n", "answer index 2 is out of range for 2 choices"),
    ("    type: choice\n    prompt: P\n    choices: [a, b]\n    answer: one\n", "must be a whole number"),
    ("    type: numeric\n    prompt: P\n    answer: lots\n", "must be a finite number"),
    ("    type: numeric\n    prompt: P\n    answer: 1\n    tolerance: -1\n", "`tolerance` is negative"),
    ("    type: derivation\n    prompt: P\n    answer: A\n    steps: [one]\n", "at least two steps"),
    ("    type: recall\n    prompt: P\n    answer: A\n    steps: [a, b]\n", "`steps` does not belong to a recall question"),
    ("    type: essay\n    prompt: P\n    answer: A\n", "unknown type 'essay'"),
    ("    type: recall\n    prompt: P\n    answer: A\n    difficulty: 7\n", "difficulty 7 is not 1, 2 or 3"),
    ("    type: recall\n    prompt: P\n    answer: A\n    key_points:\n      - text: t\n        match: ['(']\n",
     "is not a valid regular expression"),
    ("    type: recall\n    prompt: P\n", "has no `answer`"),
    ("    type: recall\n    prompt: P\n    answer: A\n    tags: [Not A Slug]\n", "is not a lowercase slug"),
]


@pytest.mark.parametrize(("fields", "expected"), QUESTION_CASES)
def test_question_level_problems_name_the_line(tmp_path: Path, fields: str, expected: str) -> None:
    body = "topic: demo\ntitle: T\nquestions:\n  - id: demo-q\n" + fields
    found = problems_of(tmp_path, body)
    assert any(expected in p for p in found), found
    assert all(p.startswith(str(tmp_path / "demo.yaml") + ":") for p in found)
    assert all(" — " in p for p in found), "every problem says how to fix it"


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    body = (
        "topic: demo\ntitle: T\nquestions:\n"
        "  - id: demo-a\n    type: recall\n    prompt: P\n    answer: A\n    colour: red\n"
        "  - id: demo-b\n    type: choice\n    prompt: P\n    choices: [a, b]\n    answer: 5\n"
        "  - id: Bad Id\n    type: numeric\n    prompt: P\n    answer: x\n"
    )
    found = problems_of(tmp_path, body)
    assert len(found) == 4
    assert ":8:" in found[0] and ":13:" in found[1]


def test_duplicate_ids_across_banks_and_dangling_follow_ups(tmp_path: Path) -> None:
    first = write_bank(tmp_path / "a", "demo", DEMO_BANK)
    second = write_bank(tmp_path / "b", "other", DEMO_BANK.replace("topic: demo", "topic: other"))
    result = load_banks([first, second])
    duplicates = [str(p) for p in result.problems if "duplicate id" in str(p)]
    assert len(duplicates) == 4 and f"already used at {first}:5" in duplicates[0]
    lonely = write_bank(tmp_path / "c", "lonely", DEMO_BANK.replace("topic: demo", "topic: lonely").replace(
        "follow_ups: [demo-loss]", "follow_ups: [nowhere]"))
    problems = [str(p) for p in load_banks([lonely]).problems]
    assert any("follow-up 'nowhere' of 'demo-sigmoid' names no question" in p for p in problems)
    follows_at = DEMO_BANK.splitlines().index("    follow_ups: [demo-loss]") + 1
    assert any(p.startswith(f"{lonely}:{follows_at}: follow-up 'nowhere'") for p in problems), problems


def test_a_bank_with_a_problem_across_banks_is_left_out_whole(tmp_path: Path) -> None:
    """A duplicate id must never share another question's progress: the later bank is skipped, as drill says."""
    first = write_bank(tmp_path / "a", "demo", DEMO_BANK)
    copycat = write_bank(tmp_path / "b", "copycat", DEMO_BANK.replace("topic: demo", "topic: copycat"))
    result = load_banks([first, copycat])
    assert [bank.topic for bank in result.banks] == ["demo"]
    dangling = write_bank(tmp_path / "c", "dangling", DEMO_BANK.replace("topic: demo", "topic: dangling")
                          .replace("id: demo-", "id: dangling-").replace("[demo-loss]", "[nowhere]"))
    assert [bank.topic for bank in load_banks([first, dangling]).banks] == ["demo"]


def test_problems_within_a_file_and_across_banks_are_reported_in_one_run(tmp_path: Path) -> None:
    body = (
        "topic: mixed\ntitle: T\nquestions:\n"
        "  - id: mixed-a\n    type: recall\n    prompt: P\n    answer: A\n    colour: red\n"
        "  - id: mixed-b\n    type: recall\n    prompt: P\n    answer: A\n    follow_ups: [nowhere]\n"
    )
    path = write_bank(tmp_path, "mixed", body)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1
    assert f"{path}:8: unknown key 'colour'" in result.output
    assert f"{path}:13: follow-up 'nowhere' of 'mixed-b' names no question" in result.output


def test_deeply_nested_aliases_fail_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 40):
        lines.append(f"n{i}: &n{i} [" + ", ".join([f"*{'a' if i == 1 else f'n{i - 1}'}"] * 9) + "]")
    started = time.perf_counter()
    found = problems_of(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5, "the alias bomb was expanded"
    assert any("aliases" in p for p in found)


def test_lint_cli_reports_problems_with_exit_code_1_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text("topic: demo\ntitle: T\nquestions:\n  - id: demo-q\n    type: choice\n    prompt: P\n"
                    "    choices: [a]\n    answer: 3\n")
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1
    assert f"{path}:7: a choice question needs at least two choices" in result.output
    assert "Traceback" not in result.output


def test_lint_cli_accepts_a_good_bank_and_checks_all_bundled_ones(demo_bank: Path) -> None:
    result = runner.invoke(app, ["lint", str(demo_bank)])
    assert result.exit_code == 0, result.output
    assert "1 bank, 4 questions: no problems" in result.output
    bundled = runner.invoke(app, ["lint"])
    assert bundled.exit_code == 0, bundled.output


def test_user_banks_load_beside_the_bundled_ones(drill_env: Path) -> None:
    write_bank(drill_env / "banks", "demo", DEMO_BANK)
    result = load_banks()
    assert "demo" in {b.topic for b in result.banks}
    assert {"knn", "kmeans", "linear-regression"} <= {b.topic for b in result.banks}


def test_the_parsed_bank_cache_is_used_until_the_file_changes(demo_bank: Path) -> None:
    import os

    first = load_banks([demo_bank])
    assert load_banks([demo_bank]).banks == first.banks, "a cached bank equals the parsed one"
    demo_bank.write_text(DEMO_BANK.replace("Why a sigmoid?", "Why the logistic function?"))
    stat = demo_bank.stat()
    os.utime(demo_bank, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert load_banks([demo_bank]).banks[0].questions[0].prompt == "Why the logistic function?"
    demo_bank.write_text("topic: demo\ntitle: [\n")
    os.utime(demo_bank, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2 * 10**9))
    broken = load_banks([demo_bank])
    assert not broken.banks and broken.problems, "a broken edit is reported, not hidden by the cache"


def _line_of(body: str, words: str) -> int:
    return next(i for i, line in enumerate(body.split("\n"), start=1) if words in line)


def test_lint_reports_unquoted_text_that_a_comment_cuts_short(tmp_path: Path) -> None:
    """` #` starts a YAML comment even inside an unquoted value: the text after it vanishes without an error."""
    body = (DEMO_BANK
            .replace("      - text: inverse of the log-odds\n", "      - text: inverse of the log-odds, at most #SV / n\n")
            .replace("    prompt: Derive the derivative of the sigmoid.\n",
                     "    prompt: Derive the derivative\n      of the sigmoid in #steps\n")
            .replace("    choices: [MSE, cross-entropy, hinge]\n",
                     "    choices:\n      - mean squared error #MSE\n      - cross-entropy\n      - hinge\n"))
    path = write_bank(tmp_path, "demo", body)
    bank, problems = load_bank(path)
    assert bank is not None and problems == []  # YAML itself sees nothing wrong: the text is silently cut
    assert bank.questions[0].key_points[1].text == "inverse of the log-odds, at most"
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    for words, kept, dropped in [("#SV / n", "inverse of the log-odds, at most", "#SV / n"),
                                 ("in #steps", "Derive the derivative of the sigmoid in", "#steps"),
                                 ("#MSE", "mean squared error", "#MSE")]:
        line = _line_of(body, words)
        assert (f"{path}:{line}: unquoted text is cut at ' #': YAML keeps {kept!r} and reads {dropped!r} as a "
                "comment — quote the value") in output, output
    assert "3 problems in 1 file" in output


def test_lint_leaves_comments_quoted_text_and_block_text_alone(tmp_path: Path) -> None:
    body = (DEMO_BANK
            .replace("    type: recall\n", "    type: recall  # or choice, numeric, derivation\n")
            .replace("    difficulty: 1\n", "    difficulty: 1 # easy\n")
            .replace("    tags: [fundamentals]\n", "    tags: [fundamentals]  # one theme\n")
            .replace("  - id: demo-loss\n", "  # --- choice questions ---\n  - id: demo-loss  # the loss\n")
            .replace("    explanation: Bernoulli likelihood.\n", "    explanation: 'Bernoulli likelihood, reason #1'\n")
            .replace("    prompt: sigma(0)?\n", '    prompt: "sigma(0), see #2?"\n')
            .replace("    answer: It maps any real score to a probability in (0, 1); it inverts the log-odds.\n",
                     "    answer: |\n      It maps any real score to a probability in (0, 1) #1;\n"
                     "      it inverts the log-odds.\n"))
    path = write_bank(tmp_path, "demo", body)
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 bank, 4 questions: no problems" in result.output


def test_no_bundled_bank_has_text_cut_by_a_comment() -> None:
    from drill.lint import comment_cut_problems

    banks = sorted((Path(__file__).resolve().parents[1] / "questions").glob("*.yaml"))
    assert len(banks) >= 13
    assert [str(p) for path in banks for p in comment_cut_problems(path)] == []
