"""Every test runs with its own DRILL_HOME, DRILL_WORKSPACE and a fixed DRILL_NOW: none touches the real home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOW = "2026-03-02T10:00:00+00:00"


@pytest.fixture(autouse=True)
def drill_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("DRILL_HOME", str(home))
    monkeypatch.setenv("DRILL_WORKSPACE", str(tmp_path / "workspace"))
    monkeypatch.setenv("DRILL_NOW", NOW)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    return home


@pytest.fixture
def set_now(monkeypatch: pytest.MonkeyPatch):
    """Move the clock: set_now("2026-03-03T09:00:00+01:00")."""

    def move(moment: str) -> None:
        monkeypatch.setenv("DRILL_NOW", moment)

    return move


def write_bank(directory: Path, topic: str, body: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{topic}.yaml"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def demo_bank(tmp_path: Path) -> Path:
    """A small valid bank with one question of each type and a follow-up."""
    return write_bank(tmp_path / "banks", "demo", DEMO_BANK)


DEMO_BANK = r"""
topic: demo
title: Demo
questions:
  - id: demo-sigmoid
    type: recall
    prompt: Why a sigmoid?
    answer: It maps any real score to a probability in (0, 1); it inverts the log-odds.
    key_points:
      - text: maps a score to a probability in (0, 1)
        match: ['\(0, ?1\)', 'probabilit']
      - text: inverse of the log-odds
        match: ['log.?odds', 'logit']
    follow_ups: [demo-loss]
    tags: [fundamentals]
    difficulty: 1
  - id: demo-loss
    type: choice
    prompt: Which loss?
    choices: [MSE, cross-entropy, hinge]
    answer: 1
    explanation: Bernoulli likelihood.
  - id: demo-half
    type: numeric
    prompt: sigma(0)?
    answer: 0.5
    tolerance: 0.001
  - id: demo-grad
    type: derivation
    prompt: Derive the derivative of the sigmoid.
    steps: ["s = 1/(1+e^-z)", "s' = e^-z/(1+e^-z)^2", "s' = s(1-s)"]
    answer: s(1 - s)
    tags: [derivation]
"""

os.environ.setdefault("COLUMNS", "100")
