"""Where content, progress and the workspace live. Every path the program uses comes from here.

Environment overrides (tests set all three): DRILL_HOME (progress, config, user banks),
DRILL_WORKSPACE (where stubs are written).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def content_root() -> Path:
    """The folder holding `questions/` and `reference/`.

    In a checkout (editable install or running from source) that is the checkout itself, so edits show at once;
    in an installed wheel it is the copy packaged inside `drill/_content`.
    """
    checkout = _PACKAGE.parent
    if (checkout / "pyproject.toml").is_file() and (checkout / "questions").is_dir():
        return checkout
    return _PACKAGE / "_content"


def questions_dir() -> Path:
    return content_root() / "questions"


def reference_dir() -> Path:
    return content_root() / "reference"


def home() -> Path:
    """DRILL_HOME, or the platform's user data directory for drill."""
    override = os.environ.get("DRILL_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("drill", appauthor=False)


def database_path() -> Path:
    return home() / "progress.sqlite3"


def config_path() -> Path:
    return home() / "config.toml"


def plan_path() -> Path:
    """The study plan to an interview date (`drill plan`)."""
    return home() / "plan.json"


def cache_dir() -> Path:
    """Parsed banks, so that a session starts without re-reading YAML that has not changed."""
    return home() / "cache"


def user_banks_dir() -> Path:
    return home() / "banks"


def workspace() -> Path:
    """DRILL_WORKSPACE, or ~/drill-workspace."""
    override = os.environ.get("DRILL_WORKSPACE")
    return Path(override).expanduser() if override else Path.home() / "drill-workspace"
