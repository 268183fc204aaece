"""The learner's settings: a small TOML file under DRILL_HOME, written with defaults and comments on first use."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from datetime import timedelta
from pathlib import Path

from drill import paths
from drill.errors import DrillError

DEFAULT_CONFIG = """\
# drill settings. Delete a line to get its default back.

[scheduler]
# Probability of recalling a card when it comes due (FSRS). Higher means more reviews.
desired_retention = 0.9
# Steps for new cards, and for cards you forgot, before FSRS takes over (s, m, h, d).
learning_steps = ["1m", "10m"]
relearning_steps = ["10m"]
maximum_interval_days = 36500
# Spread reviews a little so that cards learnt together do not all fall due on one day.
fuzz = true

[daily]
# New questions introduced per study day, and the most reviews shown per day.
new_limit = 20
review_limit = 200
# The hour (local time, 0-23) at which a study day ends and the next begins.
rollover_hour = 4
# A day counts toward the streak when you rate this many answers, or pass one `drill check`.
goal_answers = 1
# A question you forget this many times is flagged as a leech.
leech_lapses = 8
"""

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd])")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Config:
    desired_retention: float = 0.9
    learning_steps: tuple[timedelta, ...] = (timedelta(minutes=1), timedelta(minutes=10))
    relearning_steps: tuple[timedelta, ...] = (timedelta(minutes=10),)
    maximum_interval_days: int = 36500
    fuzz: bool = True
    new_limit: int = 20
    review_limit: int = 200
    rollover_hour: int = 4
    goal_answers: int = 1
    leech_lapses: int = 8
    # FSRS's 21 model weights fitted to this learner by `drill optimize` (empty: FSRS's defaults)
    parameters: tuple[float, ...] = ()
    exercise_parameters: tuple[float, ...] = ()
    parameters_fitted: str = ""  # the date they were fitted, ISO


def load_config(path: Path | None = None, *, create: bool = True) -> Config:
    """Read the settings file (writing the commented defaults first if there is none); during the last days of
    a study plan (`drill plan`), the desired retention is raised as the plan says."""
    path = path or paths.config_path()
    if not path.exists():
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(DEFAULT_CONFIG, encoding="utf-8")
        return _with_plan(Config())
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DrillError(f"{path}: {exc} — fix the file or delete it to get the defaults back") from exc
    return _with_plan(_parse(path, data))


def _with_plan(config: Config) -> Config:
    if not paths.plan_path().exists():
        return config
    from dataclasses import replace

    from drill.clock import now, study_day
    from drill.plan import load_plan

    plan = load_plan()
    if plan is None or not plan.in_final_days(study_day(now(), config.rollover_hour)):
        return config
    return replace(config, desired_retention=max(config.desired_retention, plan.final_retention))


def _parse(path: Path, data: dict) -> Config:
    known = {f.name for f in fields(Config)}
    values: dict[str, object] = {}
    for section in ("scheduler", "daily"):
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise DrillError(f"{path}: [{section}] must be a table — see the defaults in the docs")
        for key, value in table.items():
            if key not in known:
                raise DrillError(f"{path}: unknown setting {section}.{key} — known: {', '.join(sorted(known))}")
            values[key] = value
    defaults = Config()
    try:
        config = Config(
            desired_retention=float(values.get("desired_retention", defaults.desired_retention)),  # type: ignore[arg-type]
            learning_steps=_steps(values.get("learning_steps"), defaults.learning_steps),
            relearning_steps=_steps(values.get("relearning_steps"), defaults.relearning_steps),
            maximum_interval_days=_int(values, "maximum_interval_days", defaults),
            fuzz=bool(values.get("fuzz", defaults.fuzz)),
            new_limit=_int(values, "new_limit", defaults),
            review_limit=_int(values, "review_limit", defaults),
            rollover_hour=_int(values, "rollover_hour", defaults),
            goal_answers=_int(values, "goal_answers", defaults),
            leech_lapses=_int(values, "leech_lapses", defaults),
            parameters=_weights(values.get("parameters")),
            exercise_parameters=_weights(values.get("exercise_parameters")),
            parameters_fitted=str(values.get("parameters_fitted", "")),
        )
    except (TypeError, ValueError) as exc:
        raise DrillError(f"{path}: {exc} — fix the value or delete the line to get its default") from exc
    if not 0.5 <= config.desired_retention < 1:
        raise DrillError(f"{path}: desired_retention must lie in [0.5, 1) — 0.9 is the usual choice")
    if not 0 <= config.rollover_hour <= 23:
        raise DrillError(f"{path}: rollover_hour must be 0–23 — 4 means a day ends at 04:00")
    for name in ("new_limit", "review_limit", "goal_answers", "leech_lapses", "maximum_interval_days"):
        if getattr(config, name) < (0 if name in ("new_limit", "review_limit") else 1):
            raise DrillError(f"{path}: {name} is out of range — use a positive whole number")
    return config


def _int(values: dict, key: str, defaults: Config) -> int:
    value = values.get(key, getattr(defaults, key))
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{key} must be a whole number, got {value!r}")
    return value


def _steps(value: object, default: tuple[timedelta, ...]) -> tuple[timedelta, ...]:
    if value is None:
        return default
    if not isinstance(value, list):
        raise ValueError(f"steps must be a list such as [\"1m\", \"10m\"], got {value!r}")
    steps = []
    for item in value:
        match = _DURATION.fullmatch(str(item).strip())
        if not match:
            raise ValueError(f"step {item!r} is not a duration such as \"10m\" (s, m, h or d)")
        steps.append(timedelta(seconds=float(match.group(1)) * _UNITS[match.group(2)]))
    return tuple(steps)


PARAMETER_COUNT = 21  # FSRS-6, as the fsrs package and fsrs-rs use


def _weights(value: object) -> tuple[float, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) != PARAMETER_COUNT or not all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        raise ValueError(f"FSRS parameters must be a list of {PARAMETER_COUNT} numbers (written by `drill optimize`)")
    return tuple(float(v) for v in value)


_PARAMETER_KEYS = ("parameters", "exercise_parameters", "parameters_fitted")


def save_parameters(questions: tuple[float, ...] | None, exercises: tuple[float, ...] | None, fitted: str,
                    path: Path | None = None) -> Path:
    """Write fitted FSRS parameters into [scheduler] of the settings file, keeping every other line (and comment)
    as the learner left it. None leaves that kind's parameters as they are."""
    path = path or paths.config_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(DEFAULT_CONFIG, encoding="utf-8")
    current = load_config(path)
    values = {
        "parameters": current.parameters if questions is None else questions,
        "exercise_parameters": current.exercise_parameters if exercises is None else exercises,
    }
    written = ["# Fitted to your own reviews by `drill optimize`; delete these lines to go back to FSRS's defaults."]
    written += [f"{key} = [{', '.join(f'{w:.4f}' for w in weights)}]" for key, weights in values.items() if weights]
    written.append(f'parameters_fitted = "{fitted}"')
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.split("=")[0].strip() not in _PARAMETER_KEYS and not line.startswith("# Fitted to your own")]
    try:
        at = next(i for i, line in enumerate(lines) if line.strip() == "[scheduler]") + 1
    except StopIteration:
        lines += ["", "[scheduler]"]
        at = len(lines)
    lines[at:at] = written
    temporary = path.with_suffix(".toml.tmp")
    temporary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    temporary.replace(path)  # a killed write never leaves half a settings file
    return path
