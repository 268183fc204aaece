"""What the content tests of the banks share: a bundled bank read as plain YAML with its questions by id, a numeric
answer's tolerance as drill applies it, and a key point as the matcher sees it."""

from __future__ import annotations

from pathlib import Path

import yaml

from drill.models import KeyPoint

QUESTIONS_DIR = Path(__file__).parents[1] / "questions"


def read_bank(topic: str) -> tuple[Path, dict, dict[str, dict]]:
    """(the bank's path, its YAML, its questions by id)."""
    path = QUESTIONS_DIR / f"{topic}.yaml"
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    return path, bank, {q["id"]: q for q in bank["questions"]}


def tolerance_of(q: dict) -> float:
    """A numeric answer's tolerance: the bank's, or 1% of the answer."""
    return q.get("tolerance", 0.01 * abs(q["answer"]))


def key_point(q: dict, number: int) -> KeyPoint:
    """Key point `number` (1 = first) of a recall question."""
    kp = q["key_points"][number - 1]
    return KeyPoint(kp["text"], tuple(kp["match"]), tuple(kp.get("reject") or ()))
