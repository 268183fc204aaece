"""Five years of history — 5,000 cards and 200,000 reviews — then `drill stats` and `drill` (target ≤ 1.0 s each).

`python benchmarks/history.py` generates the data (a 5,000-question user bank and a progress database written
straight into SQLite), then times both commands alternately against `python -c "import typer"` as the peer.
`--keep DIR` leaves the generated DRILL_HOME there to look at.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _bench import alternate, drill_command, env_with, report, time_command

CARDS = 5_000
REVIEWS = 200_000
YEARS = 5
NOW = datetime(2026, 11, 28, 12, tzinfo=UTC)


def generate(home: Path, seed: int = 7) -> None:
    """A user bank of CARDS questions and a progress database with REVIEWS reviews over YEARS years."""
    rng = random.Random(seed)
    (home / "banks").mkdir(parents=True, exist_ok=True)
    lines = ["topic: history", "title: Generated history", "questions:"]
    for i in range(CARDS):
        lines += [f"  - id: hist-{i}", "    type: recall", f"    prompt: Generated question {i}?",
                  "    answer: An answer."]
    (home / "banks" / "history.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # Let drill create the schema, then fill it directly: replaying 200,000 reviews through FSRS is not the point.
    env_home = str(home)
    import os

    os.environ["DRILL_HOME"] = env_home
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from drill.store import open_store

    open_store().close()
    db = sqlite3.connect(home / "progress.sqlite3")
    start = NOW - timedelta(days=365 * YEARS)
    per_card = REVIEWS // CARDS
    reviews = []
    span = (NOW - start).total_seconds()
    for i in range(CARDS):
        moments = sorted(start + timedelta(seconds=rng.random() * span) for _ in range(per_card))
        for moment in moments:
            local = moment + timedelta(hours=1)
            day = (local - timedelta(hours=4)).date().isoformat()
            rating = rng.choices((1, 2, 3, 4), weights=(10, 15, 60, 15))[0]
            reviews.append((f"hist-{i}", "question", rating, moment.isoformat(timespec="microseconds"), 60, day,
                            rng.randint(2_000, 40_000), "", 0))
    reviews.sort(key=lambda row: row[3])
    db.executemany("INSERT INTO reviews (item_id, kind, rating, reviewed_at, utc_offset_min, study_day, duration_ms,"
                   " answer, cram) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", reviews)
    db.commit()
    db.close()
    # the cards are what drill itself makes of this log (a replay), as on a learner's machine
    from drill.config import Config
    from drill.scheduler import refresh_cards

    store = open_store()
    refresh_cards(store, Config())
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    home = args.keep or Path(tempfile.mkdtemp())
    generate(home)
    env = env_with(DRILL_HOME=str(home), DRILL_NOW=NOW.isoformat())
    times = alternate(args.runs, {
        'python -c "import typer"  (peer)': lambda: time_command([sys.executable, "-c", "import typer"], env),
        "drill stats": lambda: time_command(drill_command("stats"), env),
        "drill stats --json": lambda: time_command(drill_command("stats", "--json"), env),
        "drill  (dashboard)": lambda: time_command(drill_command(), env),
    })
    print(f"history: {CARDS:,} cards, {REVIEWS:,} reviews over {YEARS} years in {home}")
    report("Five years of history", times, 'python -c "import typer"  (peer)',
           {"drill stats": "≤ 1.0 s", "drill  (dashboard)": "≤ 1.0 s"})


if __name__ == "__main__":
    main()
