"""Parse and validate one bank file (questions/*.yaml) from its YAML nodes, so every problem names its line.

Banks are parsed to YAML nodes (not Python objects) so that every problem can name its line, YAML tags cannot
construct anything, and aliases are refused before they could expand. Every problem in a file is collected and
reported at once as `path:line: what is wrong — how to fix it`. Imported only when a bank must be read from YAML
(drill/banks.py keeps validated banks in a JSON cache).
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from drill.errors import Problem
from drill.models import BadExample, Bank, KeyPoint, Question

try:  # libyaml when present: the C composer is several times faster on large banks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

ID_PATTERN = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
TAG_PATTERN = ID_PATTERN
TYPES = ("recall", "choice", "numeric", "derivation")

_COMMON_KEYS = {"id", "type", "prompt", "answer", "follow_ups", "tags", "difficulty"}
_KEYS_BY_TYPE = {
    "recall": _COMMON_KEYS | {"key_points", "examples"},
    "choice": _COMMON_KEYS | {"choices", "explanation"},
    "numeric": _COMMON_KEYS | {"tolerance", "explanation"},
    "derivation": _COMMON_KEYS | {"steps"},
}
_ALL_QUESTION_KEYS = set().union(*_KEYS_BY_TYPE.values())
_TOP_KEYS = {"topic", "title", "questions"}

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_PLAIN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _SEQ, _MAP}
_CONSTRUCTOR = yaml.SafeLoader("")  # only its scalar constructors are used; it never sees a document
_SCALAR_CONSTRUCTORS = {
    _INT: _CONSTRUCTOR.construct_yaml_int,
    _FLOAT: _CONSTRUCTOR.construct_yaml_float,
    _BOOL: _CONSTRUCTOR.construct_yaml_bool,
}


def read_bank(path: Path) -> tuple[Bank | None, list[Problem]]:
    """Parse and validate one bank file: the problems, and the bank of the questions that validated (None when the
    file could not be read as a bank at all)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(path, None, f"cannot read the file ({exc.strerror or exc})", "check the path")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "the file is not UTF-8 text", "save it as UTF-8")]
    if not text.strip():
        return None, [Problem(path, 1, "the file is empty", "a bank needs `topic`, `title` and `questions`")]
    try:
        with _gc_paused():
            root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        yaml_line = mark.line + 1 if mark else None
        what = (exc.problem or exc.context or "invalid YAML").strip()
        return None, [Problem(path, yaml_line, f"YAML syntax error: {what}", "fix the indentation or quoting there")]
    except yaml.YAMLError as exc:
        return None, [Problem(path, None, f"YAML error: {exc}", "fix the file's syntax")]
    except RecursionError:
        return None, [Problem(path, None, "the YAML is nested too deeply", "flatten the structure")]
    if root is None:
        return None, [Problem(path, 1, "the file holds no YAML document", "a bank needs `topic`, `title` and `questions`")]
    checker = _BankChecker(path)
    with _gc_paused():
        bank = checker.bank(root, text)
    return bank, checker.problems


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building a large node tree allocates hundreds of thousands of objects, none of them garbage; the cyclic
    collector would walk them over and over (it tripled the time of a 10,000-question bank)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _BankChecker:
    """Walks a composed YAML tree, building a Bank and collecting every problem with its line."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[Problem] = []

    def problem(self, node: yaml.Node | None, message: str, fix: str = "") -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.path, line, message, fix))

    # --- scalars and containers, with line-aware type errors -------------------------------------------

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} must be a mapping of keys to values, not {_kind(node)}", "use `key: value` lines")
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            self.refuse_alias_or_tag(value_node)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                self.problem(key_node, f"keys of {what} must be plain words", "write `name: value`")
                continue
            if key_node.value in entries:
                self.problem(key_node, f"duplicate key {key_node.value!r} in {what}", "keep one of them")
                continue
            entries[key_node.value] = (key_node, value_node)
        return entries

    def refuse_alias_or_tag(self, node: yaml.Node) -> None:
        if node.tag not in _PLAIN_TAGS:
            self.problem(node, f"YAML tag {node.tag!r} is not allowed", "banks hold plain strings, numbers and lists")

    def string(self, node: yaml.Node, what: str, *, allow_empty: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_STR, _INT, _FLOAT):
            self.problem(node, f"{what} must be text, not {_kind(node)}", "write it as a string")
            return None
        if not node.value.strip() and not allow_empty:
            self.problem(node, f"{what} is empty", "write something")
            return None
        return str(node.value)

    def integer(self, node: yaml.Node, what: str) -> int | None:
        value = self.scalar_value(node)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(node, f"{what} must be a whole number, not {_kind(node)}", "write e.g. 2")
            return None
        return value

    def number(self, node: yaml.Node, what: str) -> float | None:
        value = self.scalar_value(node)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.problem(node, f"{what} must be a finite number, not {_kind(node)}", "write e.g. 0.73")
            return None
        return value

    def scalar_value(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return None
        construct = _SCALAR_CONSTRUCTORS.get(node.tag)
        try:
            return construct(node) if construct else node.value
        except (yaml.YAMLError, ValueError):
            return None

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{what} must be a list, not {_kind(node)}", "write `[a, b]` or `- a` lines")
            return None
        for item in node.value:
            self.refuse_alias_or_tag(item)
        return list(node.value)

    def strings(self, node: yaml.Node, what: str) -> tuple[str, ...]:
        items = self.sequence(node, what)
        if items is None:
            return ()
        values = [self.string(item, f"each item of {what}") for item in items]
        return tuple(v for v in values if v is not None)

    # --- the bank -----------------------------------------------------------------------------------------

    def bank(self, root: yaml.Node, text: str) -> Bank | None:
        alias = _has_alias(root) if _MAYBE_ALIAS.search(text) else None
        if alias is not None:
            self.problem(alias, "YAML aliases (*name) are not allowed in banks", "write the value out in full")
            return None
        top = self.mapping(root, "the top level of a bank")
        if top is None:
            return None
        for key, (key_node, _) in top.items():
            if key not in _TOP_KEYS:
                self.problem(key_node, f"unknown key {key!r} at the top level", "allowed: topic, title, questions")
        for required in ("topic", "title", "questions"):
            if required not in top:
                self.problem(root, f"missing `{required}`", f"add `{required}:` at the top level")
        topic = self.string(top["topic"][1], "`topic`") if "topic" in top else None
        if topic is not None and topic != self.path.stem:
            self.problem(
                top["topic"][1], f"topic {topic!r} differs from the file name {self.path.name!r}",
                f"use `topic: {self.path.stem}` or rename the file",
            )
        title = self.string(top["title"][1], "`title`") if "title" in top else None
        questions: list[Question] = []
        if "questions" in top:
            items = self.sequence(top["questions"][1], "`questions`")
            if items is not None and not items:
                self.problem(top["questions"][1], "`questions` is empty", "add at least one question")
            seen: dict[str, int] = {}
            invalid: list[tuple[str, int]] = []
            for item in items or []:
                question = self.question(item, topic or self.path.stem)
                qid, line = self.readable_id(item), item.start_mark.line + 1
                if qid is not None and qid in seen:  # checked even when the question has other problems
                    self.problem(item, f"duplicate id {qid!r} (first at line {seen[qid]})", "ids must be unique")
                    continue
                if qid is not None:
                    seen[qid] = line
                if question is not None:
                    questions.append(question)
                elif qid is not None:
                    invalid.append((qid, line))
        if topic is None or title is None:
            return None
        return Bank(topic=topic, title=title, path=self.path, questions=tuple(questions),
                    invalid_ids=tuple(invalid) if "questions" in top else ())

    @staticmethod
    def readable_id(node: yaml.Node) -> str | None:
        """The `id` of a question node, if it is plain text (whatever else is wrong with the question)."""
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == "id" and isinstance(value, yaml.ScalarNode):
                    return str(value.value) or None
        return None

    def question(self, node: yaml.Node, topic: str) -> Question | None:
        fields = self.mapping(node, "a question")
        if fields is None:
            return None
        before = len(self.problems)
        qid = self.string(fields["id"][1], "`id`") if "id" in fields else None
        label = f"question {qid!r}" if qid else "this question"
        if "id" not in fields:
            self.problem(node, "a question has no `id`", "add a unique `id:` such as logreg-why-sigmoid")
        elif qid is not None and not ID_PATTERN.fullmatch(qid):
            self.problem(fields["id"][1], f"id {qid!r} is not a lowercase slug", "use letters, digits and single hyphens")
        qtype = self.string(fields["type"][1], "`type`") if "type" in fields else None
        if "type" not in fields:
            self.problem(node, f"{label} has no `type`", "add `type:` recall, choice, numeric or derivation")
        elif qtype is not None and qtype not in TYPES:
            self.problem(fields["type"][1], f"unknown type {qtype!r}", "use recall, choice, numeric or derivation")
            qtype = None
        allowed = _KEYS_BY_TYPE.get(qtype or "", _ALL_QUESTION_KEYS)
        for key, (key_node, _) in fields.items():
            if key not in _ALL_QUESTION_KEYS:
                self.problem(key_node, f"unknown key {key!r} in {label}", f"allowed: {', '.join(sorted(allowed))}")
            elif key not in allowed:
                self.problem(key_node, f"`{key}` does not belong to a {qtype} question", "remove it or change `type`")
        for required in ("prompt", "answer"):
            if required not in fields:
                self.problem(node, f"{label} has no `{required}`", f"add `{required}:`")
        prompt = self.string(fields["prompt"][1], "`prompt`") if "prompt" in fields else None

        answer: str | int | float | None = None
        choices: tuple[str, ...] = ()
        steps: tuple[str, ...] = ()
        key_points: tuple[KeyPoint, ...] = ()
        tolerance: float | None = None
        answer_node = fields["answer"][1] if "answer" in fields else None
        if qtype == "choice":
            if "choices" not in fields:
                self.problem(node, f"{label} has no `choices`", "add a list of at least two choices")
            else:
                choices = self.strings(fields["choices"][1], "`choices`")
                if len(choices) < 2:
                    self.problem(fields["choices"][1], "a choice question needs at least two choices", "add more")
            if answer_node is not None:
                index = self.integer(answer_node, "`answer` of a choice question (the 0-based index)")
                if index is not None and choices and not 0 <= index < len(choices):
                    self.problem(
                        answer_node, f"answer index {index} is out of range for {len(choices)} choices",
                        f"use 0 to {len(choices) - 1} (0-based)",
                    )
                answer = index
        elif qtype == "numeric":
            if answer_node is not None:
                answer = self.number(answer_node, "`answer` of a numeric question")
            if "tolerance" in fields:
                tolerance = self.number(fields["tolerance"][1], "`tolerance`")
                if tolerance is not None and tolerance < 0:
                    self.problem(fields["tolerance"][1], "`tolerance` is negative", "use an absolute tolerance ≥ 0")
        elif qtype is not None and answer_node is not None:
            answer = self.string(answer_node, "`answer`")
        if qtype == "derivation":
            if "steps" not in fields:
                self.problem(node, f"{label} has no `steps`", "add the list of steps, one move each")
            else:
                steps = self.strings(fields["steps"][1], "`steps`")
                if len(steps) < 2:
                    self.problem(fields["steps"][1], "a derivation needs at least two steps", "split it into moves")
        if qtype == "recall" and "key_points" in fields:
            key_points = self.key_points(fields["key_points"][1])
        good_examples: tuple[str, ...] = ()
        bad_examples: tuple[BadExample, ...] = ()
        if qtype == "recall" and "examples" in fields:
            good_examples, bad_examples = self.examples(fields["examples"][1], len(key_points))
        explanation = self.string(fields["explanation"][1], "`explanation`") if "explanation" in fields else ""

        follow_ups = self.strings(fields["follow_ups"][1], "`follow_ups`") if "follow_ups" in fields else ()
        if qid and qid in follow_ups:
            self.problem(fields["follow_ups"][1], f"{label} names itself as a follow-up", "remove it")
        tags = self.strings(fields["tags"][1], "`tags`") if "tags" in fields else ()
        for tag in tags:
            if not TAG_PATTERN.fullmatch(tag):
                self.problem(fields["tags"][1], f"tag {tag!r} is not a lowercase slug", "use e.g. regularization")
        difficulty = 2
        if "difficulty" in fields:
            value = self.integer(fields["difficulty"][1], "`difficulty`")
            if value is not None and value not in (1, 2, 3):
                self.problem(fields["difficulty"][1], f"difficulty {value} is not 1, 2 or 3", "1 easy, 2 medium, 3 hard")
            elif value is not None:
                difficulty = value

        if len(self.problems) > before or qid is None or qtype is None or prompt is None or answer is None:
            return None
        return Question(
            id=qid, type=qtype,  # type: ignore[arg-type]
            prompt=prompt, answer=answer, topic=topic, path=self.path, line=node.start_mark.line + 1,
            key_points=key_points, choices=choices, explanation=explanation or "", tolerance=tolerance,
            steps=steps, follow_ups=follow_ups, tags=tags, difficulty=difficulty,
            follow_ups_line=fields["follow_ups"][1].start_mark.line + 1 if "follow_ups" in fields else 0,
            good_examples=good_examples, bad_examples=bad_examples,
            examples_line=fields["examples"][1].start_mark.line + 1 if "examples" in fields else 0,
        )

    def examples(self, node: yaml.Node, points: int) -> tuple[tuple[str, ...], tuple[BadExample, ...]]:
        """`examples: {good: [answer, …], bad: [{answer, contradicts: [point numbers], why}, …]}`."""
        fields = self.mapping(node, "`examples`")
        if fields is None:
            return (), ()
        for key, (key_node, _) in fields.items():
            if key not in ("good", "bad"):
                self.problem(key_node, f"unknown key {key!r} in `examples`", "allowed: good, bad")
        good = self.strings(fields["good"][1], "`examples.good`") if "good" in fields else ()
        bad: list[BadExample] = []
        for item in (self.sequence(fields["bad"][1], "`examples.bad`") or []) if "bad" in fields else []:
            entry = self.mapping(item, "a bad example")
            if entry is None:
                continue
            for key, (key_node, _) in entry.items():
                if key not in ("answer", "contradicts", "why"):
                    self.problem(key_node, f"unknown key {key!r} in a bad example", "allowed: answer, contradicts, why")
            if "answer" not in entry or "contradicts" not in entry:
                self.problem(item, "a bad example needs `answer` and `contradicts`",
                             "contradicts: the numbers (1 = first) of the key points it states wrongly")
                continue
            answer = self.string(entry["answer"][1], "a bad example's `answer`")
            numbers = []
            for number_node in self.sequence(entry["contradicts"][1], "`contradicts`") or []:
                number = self.integer(number_node, "a key point number in `contradicts`")
                if number is not None and not 1 <= number <= points:
                    self.problem(number_node, f"key point {number} does not exist (the question has {points})",
                                 "number the key points from 1")
                elif number is not None:
                    numbers.append(number)
            if "contradicts" in entry and not numbers and isinstance(entry["contradicts"][1], yaml.SequenceNode) \
                    and not entry["contradicts"][1].value:
                self.problem(entry["contradicts"][1], "`contradicts` is empty",
                             "name at least one key point the answer gets wrong")
            why = self.string(entry["why"][1], "a bad example's `why`") if "why" in entry else ""
            if answer is not None:
                bad.append(BadExample(answer, tuple(numbers), why or ""))
        return good, tuple(bad)

    def key_points(self, node: yaml.Node) -> tuple[KeyPoint, ...]:
        items = self.sequence(node, "`key_points`")
        points: list[KeyPoint] = []
        for item in items or []:
            if isinstance(item, yaml.ScalarNode):
                text = self.string(item, "a key point")
                if text is not None:
                    points.append(KeyPoint(text))
                continue
            fields = self.mapping(item, "a key point")
            if fields is None:
                continue
            for key, (key_node, _) in fields.items():
                if key not in ("text", "match", "reject"):
                    self.problem(key_node, f"unknown key {key!r} in a key point", "allowed: text, match, reject")
            if "text" not in fields:
                self.problem(item, "a key point has no `text`", "add `text:` saying what the answer must mention")
                continue
            text = self.string(fields["text"][1], "the key point's `text`")
            patterns = self.patterns(fields, "match")
            reject = self.patterns(fields, "reject")
            if text is not None:
                points.append(KeyPoint(text, patterns, reject))
        return tuple(points)


    def patterns(self, fields: dict[str, tuple[yaml.Node, yaml.Node]], key: str) -> tuple[str, ...]:
        if key not in fields:
            return ()
        patterns = self.strings(fields[key][1], f"`{key}`")
        for pattern in patterns:
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                self.problem(fields[key][1], f"pattern {pattern!r} is not a valid regular expression ({exc})",
                             "fix it; use single quotes in YAML so backslashes survive")
        return patterns


# An alias needs an anchor (&name) and a use (*name); only text that could hold both is walked node by node.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]+[\s\S]*(?:^|[\s\[{,:-])\*[^\s\[\]{},]", re.MULTILINE)


def _has_alias(root: yaml.Node) -> yaml.Node | None:
    """The first node reached twice (an alias), found without expanding anything."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return None


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return {
        _STR: "text", _INT: "a whole number", _FLOAT: "a number", _BOOL: "true/false", _NULL: "nothing (null)"
    }.get(node.tag, f"a {node.tag} value")


