"""Judging a typed recall answer against a question's key points: covered, contradicted or missed, and why.

A key point's `match` patterns say how a right answer may put it; its `reject` patterns say how a wrong one
typically does. Around a pattern's hit the matcher reads a little more than the words:

- **word starts**: a hit must begin a word (`meters` inside `parameters` is no hit); a hit inside a word behind a
  negating prefix (`un`correlated, `non`convex, `in`dependent) is a *negated* hit.
- **negation**: "not", "never", "no longer", "rather than", "instead of", "isn't", "without"… in the same clause
  just before a hit, or inside its span when the pattern does not itself ask for one, negate it; two cancel.
- **prompt echo**: a hit whose text the prompt already contains does not count: typing the question back
  covers nothing.

A point is *contradicted* when a reject pattern hits (not negated) or when its only hits are negated; it is
*covered* when a match pattern hits plainly; otherwise *missed*. Each verdict keeps the pattern and the words
that decided it, so `drill quiz --explain` can show them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from drill.models import KeyPoint, Question

Status = Literal["covered", "contradicted", "missed"]

_NEGATORS = (
    r"not|no|never|neither|nor|cannot|none|nothing|without|hardly|fails? to|lacks?|"
    r"can't|cant|don't|dont|doesn't|doesnt|didn't|isn't|isnt|aren't|arent|wasn't|weren't|won't|wont|"
    r"shouldn't|wouldn't|couldn't|mustn't|needn't|hasn't|haven't|"
    r"rather than|instead of|as opposed to|no longer|less and less"
)
_NEGATOR = re.compile(rf"(?<![\w'’-])(?:{_NEGATORS})(?![\w'’-])", re.IGNORECASE)  # "no-skill" is a name
# "not only X but also Y" and "no matter" assert rather than deny
_FALSE_NEGATION = re.compile(r"(?<![\w'’])(?:not only|not just|not merely|no matter|no doubt)(?![\w'’])", re.IGNORECASE)
# a negation reaches to the end of its clause, but not past punctuation or a turn such as "but" or "whereas"
_CLAUSE_BREAK = re.compile(
    r"[.;:!?,()\n—–]|\s-\s|(?<!\w)(?:but|however|whereas|while|although|though|yet|so|because|since|which|unlike)(?!\w)",
    re.IGNORECASE,
)
_CONTRACTION = re.compile(r"n['’.]?t\b", re.IGNORECASE)  # a hit may start inside "don't" at its "n't"
_NEGATING_PREFIXES = ("un", "non", "in", "im", "ir", "il", "dis")
NEGATION_WINDOW = 3  # words between a negator and the hit it negates ("is not always guaranteed to converge")


@dataclass(frozen=True)
class PointVerdict:
    """What the matcher found for one key point."""

    point: KeyPoint
    status: Status
    pattern: str = ""  # the pattern that decided, if any
    excerpt: str = ""  # the words of the answer it hit
    reason: str = ""  # why, in a few words: "negated by 'not'", "a known wrong phrasing", "words of the prompt"
    said: str = ""  # the clause of the answer around the hit: the learner's own words, to check the ✓ against


@dataclass(frozen=True)
class _Hit:
    pattern: str
    excerpt: str
    negated_by: str  # "" when the hit stands as written
    token: str = ""  # the excerpt from the start of its (hyphenated) word: "k-means" for a hit on "means"
    said: str = ""  # the clause around the hit


def judge_point(point: KeyPoint, typed: str, prompt: str = "") -> PointVerdict:
    """Covered, contradicted or missed, with the pattern and words that decided it."""
    echo = _normalise(prompt)
    for pattern in point.reject:
        for hit in _hits(pattern, typed):
            if not hit.negated_by and not _echoes(hit, echo):
                return PointVerdict(point, "contradicted", pattern, hit.excerpt, "a known wrong phrasing", hit.said)
    if not point.patterns:
        return _judge_by_words(point, typed)
    negated: _Hit | None = None
    echoed: _Hit | None = None
    for pattern in point.patterns:
        for hit in _hits(pattern, typed):
            if _echoes(hit, echo):
                echoed = echoed or hit
            elif hit.negated_by:
                negated = negated or hit
            else:
                return PointVerdict(point, "covered", pattern, hit.excerpt, said=hit.said)
    if negated is not None:
        return PointVerdict(point, "contradicted", negated.pattern, negated.excerpt,
                            f"negated by {negated.negated_by!r}", negated.said)
    if echoed is not None:
        return PointVerdict(point, "missed", echoed.pattern, echoed.excerpt, "only words of the prompt")
    return PointVerdict(point, "missed")


def covers(point: KeyPoint, typed: str, prompt: str = "") -> bool:
    """Does the typed answer state this key point (not negated, not only the prompt's words)?"""
    return judge_point(point, typed, prompt).status == "covered"


def judge_answer(question: Question, typed: str) -> tuple[PointVerdict, ...]:
    """A verdict for every key point of a recall question, in the bank's order."""
    return tuple(judge_point(point, typed, question.prompt) for point in question.key_points)


def suggest_rating(verdicts: tuple[PointVerdict, ...]) -> int | None:
    """Again when any point is stated wrongly; otherwise by the share covered: patterns miss some phrasings, so
    3 of 4 already suggests good (the learner decides), half suggests hard."""
    if not verdicts:
        return None
    if any(v.status == "contradicted" for v in verdicts):
        return 1
    share = sum(v.status == "covered" for v in verdicts) / len(verdicts)
    return 3 if share >= 0.75 else 2 if share >= 0.5 else 1


# --- the pieces -------------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def _hits(pattern: str, typed: str) -> list[_Hit]:
    hits = []
    for found in _compiled(pattern).finditer(typed):
        start, end = found.span()
        if end == start:
            continue
        text = found.group()
        prefix = ""
        if start and typed[start - 1].isalnum() and text[0].isalnum() and not _CONTRACTION.match(text):
            prefix = _word_prefix(typed, start)
            if prefix.lower() not in _NEGATING_PREFIXES:
                continue  # the middle of another word: "meters" in "parameters"
        elif start > 1 and typed[start - 1] == "-" and text[0].isalnum():
            before = _word_prefix(typed, start - 1)
            if before.lower() in _NEGATING_PREFIXES:
                prefix = before  # "non-convex", "un-regularised"
        flips: list[str] = []
        if prefix:
            flips.append(prefix + "-")
        flips += _negators_before(typed, start)
        flips += _negators_inside(pattern, text)
        token_start = start
        while token_start and (typed[token_start - 1].isalnum() or typed[token_start - 1] == "-"):
            token_start -= 1
        hits.append(_Hit(pattern, text, flips[0] if len(flips) % 2 else "", typed[token_start:end],
                         _clause_around(typed, start, end)))
    return hits


QUOTE_WORDS = 6  # words of the clause kept on each side of a hit when it is quoted back


def _clause_around(typed: str, start: int, end: int) -> str:
    """The clause a hit stands in (up to the breaks that end a negation's reach), at most a few words either side
    of the hit, with … where it was cut: what the learner said about the point, quoted back."""
    begin = 0
    for brk in _CLAUSE_BREAK.finditer(typed, 0, start):
        if brk.end() <= start:
            begin = brk.end()
    after = _CLAUSE_BREAK.search(typed, end)
    before = typed[begin:start].split()
    rest = typed[end: after.start() if after else len(typed)].split()
    head = ("… " if len(before) > QUOTE_WORDS else "") + " ".join(before[-QUOTE_WORDS:])
    tail = " ".join(rest[:QUOTE_WORDS]) + (" …" if len(rest) > QUOTE_WORDS else "")
    hit = " ".join(typed[start:end].split())
    joined = f"{head} {hit}" if head and not typed[start - 1:start].isalnum() else head + hit
    if tail:
        joined += tail if typed[end:end + 1].isalnum() else f" {tail}"
    return joined.strip()


def _negators_inside(pattern: str, text: str) -> list[str]:
    """Negators within a hit that the pattern does not itself ask for: 'min.?max.{0,20}robust' over "min-max is
    not robust" still hits without the "not", so the "not" turns it round; '(not|n.t) penali[sz]' needs its own."""
    found = []
    for m in _NEGATOR.finditer(text):
        if _is_false_negation(text, m.start()):
            continue
        without = re.sub(r"\s+", " ", text[: m.start()] + " " + text[m.end():]).strip()
        if _compiled(pattern).search(without):
            found.append(m.group())
    return found


def _word_prefix(typed: str, start: int) -> str:
    begin = start
    while begin and typed[begin - 1].isalnum():
        begin -= 1
    return typed[begin:start]


def _negators_before(typed: str, start: int) -> list[str]:
    """Negators in the same clause within a few words before position `start`."""
    clause_start = 0
    for brk in _CLAUSE_BREAK.finditer(typed, 0, start):
        clause_start = brk.end()
    before = typed[clause_start:start]
    words = before.split()
    window = " ".join(words[-(NEGATION_WINDOW + 2):])  # two more, so "rather than" counts as one
    found = []
    for m in _NEGATOR.finditer(window):
        if _is_false_negation(window, m.start()):
            continue
        after = window[m.end():].split()
        if len(after) <= NEGATION_WINDOW:
            found.append(m.group())
    return found


def _is_false_negation(text: str, at: int) -> bool:
    return bool(_FALSE_NEGATION.match(text, at))


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[`*_]", "", text).lower().split())


def _echoes(hit: _Hit, prompt: str) -> bool:
    """The words that hit are already in the prompt, from the start of a word: "mean" is not in "k-means", but a
    hit on "means" inside a typed "k-means" is."""
    excerpt = _normalise(hit.token or hit.excerpt)
    if not prompt or sum(c.isalnum() for c in excerpt) < 2:
        return False
    return re.search(r"(?<![\w-])" + re.escape(excerpt), prompt) is not None


_WORD = re.compile(r"[a-z0-9]{4,}")


def _judge_by_words(point: KeyPoint, typed: str) -> PointVerdict:
    """A point without patterns is covered when every word of four letters or more of its text appears."""
    words = set(_WORD.findall(point.text.lower()))
    if words and words <= set(_WORD.findall(typed.lower())):
        return PointVerdict(point, "covered", "", "", "every word of the point")
    return PointVerdict(point, "missed")
