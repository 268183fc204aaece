"""`drill doctor`: is the progress file sound? SQLite's own integrity check, every card equal to a replay of its
review log, and a word about rows that name questions or exercises no bank or folder holds any more.

Problems (exit 1) are what can make drill wrong: a damaged file, a card that differs from its log (written by an
old drill, or altered behind drill's back). Notes are facts worth knowing that are not wrong: reviews of a question
whose bank was removed are kept, in case it comes back. `--fix` rebuilds every card from the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from drill import scheduler as sched
from drill.config import Config, load_config
from drill.store import CardRow, Store, open_store


@dataclass(frozen=True)
class DoctorReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cards: int = 0
    reviews: int = 0
    rebuilt: int | None = None  # cards rebuilt by --fix (or after a settings change), None when none were

    @property
    def sound(self) -> bool:
        return not self.problems


def run_doctor(*, fix: bool = False) -> DoctorReport:
    """Examine the progress file (and with fix, rebuild its cards from the log first)."""
    config = load_config()
    store = open_store()
    try:
        rebuilt = sched.refresh_cards(store, config)
        if fix and not store.integrity_problems():
            rebuilt = store.rebuild_cards(lambda logged: sched.replay_log(config, logged),
                                          {sched.SETTINGS_KEY: sched.settings_fingerprint(config)})
        return examine(store, config, known_items(), rebuilt=rebuilt)
    finally:
        store.close()


def known_items() -> set[str] | None:
    """Every question id and exercise slug drill can find now (None when a bank is broken: then unknown rows are
    not worth mentioning, they may belong to it)."""
    from drill.banks import load_banks
    from drill.exercises import exercise_slugs

    loaded = load_banks()
    if loaded.problems:
        return None
    return {q.id for q in loaded.questions} | set(exercise_slugs())


def examine(store: Store, config: Config, known: set[str] | None, *, rebuilt: int | None = None) -> DoctorReport:
    """Every problem and note about an open store."""
    damage = store.integrity_problems()
    if damage:
        shown = "; ".join(damage[:3]) + (f" (and {len(damage) - 3} more)" if len(damage) > 3 else "")
        return DoctorReport(store.path, [f"SQLite reports damage: {shown} — restore a backup of {store.path.name}; "
                                         "drill doctor --fix rebuilds cards, it cannot mend the file"])
    logged = store.reviews()
    stored = store.cards()
    replayed = {card.item_id: card for card in sched.replay_log(config, store.scheduling_log())}
    problems: list[str] = []
    kinds: dict[str, set[str]] = {}
    for entry in logged:
        kinds.setdefault(entry.review.item_id, set()).add(entry.review.kind)
    for item, seen in sorted(kinds.items()):
        if len(seen) > 1:
            problems.append(f"{item}: logged both as a question and as an exercise")
    for item in sorted(set(stored) | set(replayed)):
        mine, theirs = stored.get(item), replayed.get(item)
        if mine is None:
            problems.append(f"card {item}: missing, though its log has {_count(logged, item)} rated reviews")
        elif theirs is None:
            problems.append(f"card {item}: stored, but its log holds no rated review of it")
        else:
            differences = _differences(mine, theirs)
            if differences:
                problems.append(f"card {item}: differs from a replay of its log — {'; '.join(differences)}")
    notes: list[str] = []
    if known is not None:
        unknown: dict[str, int] = {}
        for entry in logged:
            if entry.review.item_id not in known:
                unknown[entry.review.item_id] = unknown.get(entry.review.item_id, 0) + 1
        for check in store.checks():
            if check.exercise not in known:
                unknown.setdefault(check.exercise, 0)
        for item, count in sorted(unknown.items()):
            what = f"{count} review{'s' if count != 1 else ''}" if count else "checks"
            notes.append(f"{item}: {what} of an item no bank or exercise holds now (kept, in case it comes back)")
    if rebuilt is not None:
        notes.append(f"rebuilt {rebuilt} card{'s' if rebuilt != 1 else ''} from the review log")
    return DoctorReport(store.path, problems, notes, len(stored), len(logged), rebuilt)


def _count(logged: list, item: str) -> int:  # (all of its rated reviews, resets or not)
    return sum(1 for e in logged if e.review.item_id == item and not e.review.cram)


_FIELDS = ("kind", "due", "stability", "difficulty", "last_review", "reps", "lapses", "introduced_day")


def _differences(stored: CardRow, replayed: CardRow) -> list[str]:
    """What differs, as "reps 2 (log: 3)"."""
    found = []
    for name in _FIELDS:
        mine, theirs = getattr(stored, name), getattr(replayed, name)
        if mine != theirs:
            found.append(f"{name} {_show(mine)} (log: {_show(theirs)})")
    if not found and json.loads(stored.state) != json.loads(replayed.state):
        found.append("scheduler state")
    return found


def _show(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)
