"""The recall matcher: word starts, negation, prompt echo and known wrong phrasings; example answers in lint."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_bank

from drill.lint import lint_content
from drill.matching import judge_point, suggest_rating
from drill.models import KeyPoint


def status(patterns: tuple[str, ...], typed: str, prompt: str = "", reject: tuple[str, ...] = ()) -> str:
    return judge_point(KeyPoint("point", patterns, reject), typed, prompt).status


@pytest.mark.parametrize(
    ("patterns", "typed", "expected"),
    [
        (("correlated",), "the features are highly correlated", "covered"),
        (("correlated",), "the features are uncorrelated", "contradicted"),
        (("correlated",), "they are decorrelated first", "missed"),  # inside another word: no hit
        (("meters",), "too many parameters", "missed"),
        (("unique",), "the solution is not unique", "contradicted"),
        (("strictly convex",), "the objective is not strictly convex", "contradicted"),
        (("strictly convex",), "it is strictly convex, so the minimum is unique", "covered"),
        (("mean",), "use the median rather than the mean", "contradicted"),
        (("median",), "use the median rather than the mean", "covered"),
        (("robust",), "z-scoring is not robust either", "contradicted"),
        (("robust",), "it is not only fast but also robust", "covered"),
        (("important",), "the feature is not unimportant", "covered"),  # two negations cancel
        (("converg",), "it is not slow, it converges in a few steps", "covered"),  # a comma ends the negation
        (("dominat",), "without scaling the distance is dominated by income", "covered"),  # "without" is far
        (("(not|n.t) penali[sz]",), "we don't penalise the intercept", "covered"),  # the pattern asks for "not"
        (("(cannot|can.?t) ignore",), "KNN can't ignore a feature", "covered"),
        (("min.?max.{0,20}robust",), "min-max is not robust to outliers", "contradicted"),
        (("linear(ly)?",), "gradient descent converges linearly", "covered"),
        (("convex",), "the MSE of a sigmoid is non-convex", "contradicted"),  # a hyphenated negating prefix
        (("skill",), "compare it with the no-skill line", "covered"),  # a name, not a negation
        (("converg",), "it does not stall — it converges", "covered"),  # a dash ends the clause
        (("min.?max\\w*(\\s+\\w+){0,2}\\s+robust",), "min-max is not robust", "contradicted"),  # the "not" in a gap
    ],
)
def test_negation_and_word_starts(patterns: tuple[str, ...], typed: str, expected: str) -> None:
    assert status(patterns, typed) == expected


def test_words_of_the_prompt_do_not_count_on_their_own() -> None:
    prompt = "Why does a KNN prediction cost O(nd) and not O(k)?"
    assert status((r"O\(k\)",), "O(k)", prompt) == "missed"
    assert status((r"O\(nd\)", "every training point"), "it compares the query with every training point",
                  prompt) == "covered"
    verdict = judge_point(KeyPoint("cost", (r"O\(k\)",)), "O(k)", prompt)
    assert verdict.reason == "only words of the prompt"


def test_the_prompt_echoes_only_where_its_words_start() -> None:
    prompt = "Why does k-means converge?"
    assert status(("mean of its",), "each centroid moves to the mean of its points", prompt) == "covered"
    assert status(("means",), "k-means", prompt) == "missed"
    assert status(("mean",), "it moves to the mean", prompt) == "covered"
    assert status((r"\*?i",), "*i", prompt) == "covered"  # one letter is not an echo of the prompt


def test_a_reject_pattern_contradicts_even_beside_a_right_phrase() -> None:
    point = ((r"standardi[sz]\w* .{0,30}robust",), r"min.?max\w*( scaling)? (is|are) (more )?robust")
    assert status(point[0], "standardising is robust; min-max is robust too", reject=(point[1],)) == "contradicted"
    assert status(point[0], "standardising is more robust; min-max is not robust", reject=(point[1],)) == "covered"
    verdict = judge_point(KeyPoint("p", point[0], (point[1],)), "min-max is robust")
    assert (verdict.status, verdict.reason, verdict.excerpt) == ("contradicted", "a known wrong phrasing", "min-max is robust")


def test_a_contradicted_point_caps_the_suggestion_at_again() -> None:
    def verdicts(*states: str):
        points = [KeyPoint(str(i), ("yes",)) for i in range(len(states))]
        typed = {"covered": "yes", "missed": "", "contradicted": "not yes"}
        return tuple(judge_point(p, typed[s]) for p, s in zip(points, states))

    assert suggest_rating(verdicts("covered", "covered", "covered", "covered")) == 3
    assert suggest_rating(verdicts("covered", "covered", "covered", "missed")) == 3
    assert suggest_rating(verdicts("covered", "covered", "missed", "missed")) == 2
    assert suggest_rating(verdicts("covered", "covered", "covered", "contradicted")) == 1
    assert suggest_rating(()) is None


EXAMPLES_BANK = r"""
topic: demo
title: Demo
questions:
  - id: demo-scaling
    type: recall
    prompt: Standardisation or min-max scaling before KNN?
    answer: Standardise; min-max is set by the extremes, so one outlier squashes every other value.
    key_points:
      - text: min-max is set by the extremes, so an outlier squashes the rest
        match: ['extreme', 'outlier\w* (squash|compress)', 'min.?max\w* (is )?(not|n.t) robust']
        reject: ['min.?max\w*( scaling)? (is|are) (more )?robust']
      - text: standardise (a word of the prompt counts only with more around it)
        match: ['(use|prefer|choose)\w* standardi', '^\W*standardi[sz]e\b', 'z.?scor']
    examples:
      good:
        - "Standardise: min-max isn't robust, one outlier squashes the rest."
        - "z-score it, since min-max is set by the extremes"
      bad:
        - answer: "Min-max scaling is robust to outliers, so use it rather than standardising."
          contradicts: [1]
          why: min-max divides by the range, which one outlier sets
"""


def test_lint_checks_examples_with_the_real_matcher(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "banks", "demo", EXAMPLES_BANK)
    assert lint_content([bank]).problems == []
    bank.write_text(EXAMPLES_BANK.replace("'^\\W*standardi[sz]e\\b', ", "'standardi[sz]', "))
    messages = [p.message for p in lint_content([bank]).problems]
    assert messages == ["good example 1 of 'demo-scaling' covers 1/2 points and is suggested hard; missed: "
                        "2 ('standardise (a word of the prompt counts only with more around it)')"], messages
    broken = EXAMPLES_BANK.replace("        reject: ['min.?max\\w*( scaling)? (is|are) (more )?robust']\n", "")
    broken = broken.replace("'min.?max\\w* (is )?(not|n.t) robust'", "'robust'")
    broken = broken.replace("'z.?scor'", "'zz'")
    bank.write_text(broken)
    messages = [p.message for p in lint_content([bank]).problems]
    assert any("good example 2 of 'demo-scaling' covers 1/2 points" in m for m in messages), messages
    assert any("bad example 1 of 'demo-scaling' ticks point 1" in m for m in messages), messages


def test_a_bad_example_must_name_points_that_exist(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "banks", "demo", EXAMPLES_BANK.replace("contradicts: [1]", "contradicts: [3]"))
    problems = lint_content([bank]).problems
    assert any("key point 3 does not exist (the question has 2)" in p.message for p in problems)
    assert all(p.line for p in problems)


def test_the_clause_quoted_back_keeps_a_few_words_either_side_of_the_hit() -> None:
    from drill.matching import judge_point
    from drill.models import KeyPoint

    point = KeyPoint("maximises the margin", ("margin",))
    typed = "It is a linear classifier that I think picks the hyperplane with the smallest margin between the two classes of points in the training set"
    verdict = judge_point(point, typed)
    assert verdict.status == "covered"
    assert verdict.said == "… picks the hyperplane with the smallest margin between the two classes of points …"
    cut = judge_point(point, "Mostly: the margin, and more")
    assert cut.said == "the margin"


def test_the_quiz_shows_a_contradicted_point_the_common_mistake_and_with_explain_the_pattern(drill_env: Path) -> None:
    from typer.testing import CliRunner

    from drill.cli import app

    write_bank(drill_env / "banks", "demo", EXAMPLES_BANK)
    typed = "Min-max scaling is robust to outliers, and I would use standardisation otherwise\n\n"
    result = CliRunner().invoke(app, ["quiz", "demo", "--limit", "1", "--explain"], input=typed)
    text = " ".join(result.output.split())
    # the learner's own clause is quoted beside each verdict, so a ✓ can be checked against what was really said
    assert "⚠ min-max is set by the extremes" in text and "stated wrongly: “Min-max scaling is robust to outliers”" in text
    assert "✓ standardise (a word of the prompt counts only with more around it) — “and I would use standardisation otherwise”" in text
    assert "[a known wrong phrasing: /min.?max" in text
    assert "✓ standardise" in text and "/(use|prefer|choose)\\w* standardi/ on “use standardi”" in text
    assert "Your mistake is a common one: “Min-max scaling is robust to outliers" in text
    assert "min-max divides by the range, which one outlier sets" in text
    assert "Enter: again (suggested)" in text
    plain = CliRunner().invoke(app, ["quiz", "demo", "--cram", "--limit", "1"], input="z-score it: min-max is set by the extremes\n\n")
    plain_text = " ".join(plain.output.split())
    assert "A common wrong answer: “Min-max scaling" in plain_text  # not the learner's mistake: said plainly
    assert "✓ min-max is set by the extremes" in plain_text and "/extreme/" not in plain_text  # no --explain
