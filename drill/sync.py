"""`drill sync DIR`: progress merged between machines through any folder both can see.

Each machine appends to its own file in DIR, `drill-<machine id>.jsonl`, and only reads the others'. A line is one
record — a review, a check, a hint or solution event, a card event, an interview, or an undo — as
`<crc32 of the JSON> <JSON>\n`. Records merge by their natural keys (what they are about, and the moment to the
millisecond as the review CSV carries it), so syncing in any order, any number of times, gives every machine the same log; the cards are then
replayed from it, so they agree too, and the streak and heatmap (read from the log) with them.

A line without its newline, or whose checksum does not match, is a write that was cut short (a killed sync, a
file still being copied by the folder's own sync): it is left out and read on a later sync once whole; a broken
tail of this machine's own file is cut off before appending. The merge into the database is one transaction.
"""

from __future__ import annotations

import json
import os
import re
import socket
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from drill.errors import UsageError
from drill.store import SYNCED_TABLES, Store, record_key

FORMAT = 1
MACHINE_KEY = "machine_id"
HOST_KEY = "machine_host"


@dataclass
class SyncReport:
    folder: Path
    machine: str
    files_read: int = 0
    added: dict[str, int] = field(default_factory=dict)  # rows merged in, by record type ("undone": deleted)
    written: int = 0  # lines appended to this machine's file
    damaged: int = 0  # lines left out as cut short (read again next time)
    refused: int = 0  # whole lines whose record drill cannot use (a value out of range, a type it does not know)
    skipped: list[str] = field(default_factory=list)  # files left alone, with why


def sync(folder: Path) -> SyncReport:
    from drill import scheduler as sched
    from drill.config import load_config

    if not folder.exists():
        raise UsageError(f"{folder}: no such folder — create it (or mount it) first; both machines must see it")
    if not folder.is_dir():
        raise UsageError(f"{folder} is a file, not a folder — give the folder both machines see")
    config = load_config()
    store = sched.open_progress(config)
    try:
        machine = machine_id(store)
        report = SyncReport(folder, machine)
        own = folder / f"drill-{machine}.jsonl"
        own_lines = [(kind, record) for kind, record in read_lines(own, repair=True)[0] if valid(kind, record)]
        records: list[tuple[str, dict[str, Any]]] = []
        tombstones: dict[str, str] = {}
        seen: set[str] = set()  # identities of every whole line in the folder
        # this machine's own file is read too: restored from a backup, the database may lack what it once wrote
        for path in sorted(folder.glob("drill-*.jsonl")):
            if path == own:
                lines, damaged, refused, why = own_lines, 0, 0, ""
            else:
                lines, damaged, refused, why = read_file(path)
            if why:
                report.skipped.append(f"{path.name}: {why}")
                continue
            report.files_read += path != own
            report.damaged += damaged
            report.refused += refused
            for kind, record in lines:
                seen.add(identity(kind, record))
                if kind == "undo":
                    tombstones[record["key"]] = record["at"]
                else:
                    records.append((kind, record))
        report.added = store.merge(records, tombstones, lambda logged: sched.replay_log(config, logged))
        new = [(kind, record) for kind, record in store.records() if identity(kind, record) not in seen]
        new += [("undo", {"key": key, "at": at}) for key, at in store.tombstones().items()
                if identity("undo", {"key": key}) not in seen]
        report.written = append_lines(own, new, machine, header=not own.exists() or own.stat().st_size == 0)
        return report
    finally:
        store.close()


def machine_id(store: Store) -> str:
    """This progress file's own id on this computer: the name of its file in sync folders. A progress file copied
    to another computer (a new laptop set up from the old one) gets a new id there, so the two never write to
    one file."""
    host = "".join(c for c in socket.gethostname().split(".")[0].lower() if c.isalnum())[:16] or "machine"
    found = store.meta(MACHINE_KEY)
    if not found or store.meta(HOST_KEY) != host:
        found = f"{host}-{os.urandom(3).hex()}"
        store.set_meta(MACHINE_KEY, found)
        store.set_meta(HOST_KEY, host)
    return found


def identity(kind: str, record: dict[str, Any]) -> str:
    """What makes two lines the same record; an interview saved again with more answers is a new line."""
    if kind == "undo":
        return f"undo|{record['key']}"
    key = f"{kind}|{record_key(kind, record)}"
    if kind == "interview":
        key += f"|{zlib.crc32(str(record['report']).encode())}"
    return key


def encode(kind: str, record: dict[str, Any]) -> str:
    payload = json.dumps({"type": kind, **record}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{zlib.crc32(payload.encode()):08x} {payload}\n"


def read_lines(path: Path, *, repair: bool = False) -> tuple[list[tuple[str, dict[str, Any]]], int]:
    """The whole, intact records of a sync file and how many lines were not. With repair (this machine's own
    file), a damaged tail is cut off so that appending starts on a clean line."""
    if not path.exists():
        return [], 0
    data = path.read_bytes()
    records: list[tuple[str, dict[str, Any]]] = []
    damaged = 0
    good_end = 0  # where the intact beginning of the file ends
    intact = 0  # how many records lie in it
    position = 0
    while position < len(data):
        end = data.find(b"\n", position)
        if end < 0:  # the last line was cut short
            damaged += 1
            break
        decoded = _decode(data[position:end])
        position = end + 1
        if decoded is None:
            damaged += 1
            continue
        if decoded[0] != "header":
            records.append(decoded)
        if damaged == 0:
            good_end, intact = position, len(records)
    if repair and good_end < len(data):
        with path.open("r+b") as handle:
            handle.truncate(good_end)
        # what was cut off, and any whole line after a damaged one, is written again from the database
        return records[:intact], 0
    return records, damaged


def read_file(path: Path) -> tuple[list[tuple[str, dict[str, Any]]], int, int, str]:
    """Another machine's file: its usable records, lines cut short, records refused, and why the whole file was
    left alone ("" when it was read)."""
    try:
        lines, damaged = read_lines(path)
        with path.open("rb") as handle:  # its first line, to tell a drill file (and its format) from anything else
            first = handle.readline()
    except OSError as exc:
        return [], 0, 0, f"cannot be read ({exc.strerror or exc})"
    header = _decode(first.rstrip(b"\n")) if first.endswith(b"\n") else None
    if header is None or header[0] != "header":
        if not first.endswith(b"\n") and not lines:
            return [], damaged, 0, ""  # still being written: read on a later sync
        return [], 0, 0, "not a drill sync file (no drill header line) — left alone"
    version = header[1].get("format")
    if not isinstance(version, int) or version > FORMAT:
        return [], 0, 0, f"written by a newer drill (sync format {version}) — upgrade drill to read it"
    usable = [(kind, record) for kind, record in lines if valid(kind, record)]
    return usable, damaged, len(lines) - len(usable), ""


MAX_TEXT = 100_000  # characters in one field: a typed answer, an interview report
_RANGES = {  # what each whole-number column can hold
    "rating": (1, 4), "cram": (0, 1), "utc_offset_min": (-24 * 60, 24 * 60), "duration_ms": (0, 2**40),
    "passed": (0, 2**31), "total": (0, 2**31), "hints_used": (0, 2**31),
}


def _parses(kind: type, text: str) -> bool:
    try:
        kind.fromisoformat(text)  # type: ignore[attr-defined]
    except ValueError:
        return False
    return True


_MOMENT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?\+00:00")  # as drill writes UTC times
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_CHOICES = {
    ("review", "kind"): {"question", "exercise"}, ("check", "status"): {"pass", "fail", "error"},
    ("event", "kind"): {"hint", "solution", "implement"}, ("card_event", "kind"): {"suspend", "unsuspend", "reset"},
}


def valid(kind: str, record: dict[str, Any]) -> bool:
    """A record drill can take as it stands: a known type, every column of the right type and range. Anything else
    (a newer drill's record, a hand edit) is refused rather than allowed to break the merge."""
    if kind == "undo":
        return isinstance(record.get("key"), str) and isinstance(record.get("at"), str)
    if kind not in SYNCED_TABLES:
        return False
    for column in SYNCED_TABLES[kind][2]:
        value = record.get(column)
        if column in ("reviewed_at", "checked_at", "at", "started_at"):
            ok = isinstance(value, str) and _MOMENT.fullmatch(value) is not None and _parses(datetime, value)
        elif column == "study_day":
            ok = isinstance(value, str) and _DAY.fullmatch(value) is not None and _parses(date, value)
        elif column in _RANGES:
            low, high = _RANGES[column]
            ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        else:
            ok = (isinstance(value, str) and len(value) <= MAX_TEXT
                  and (bool(value) or column not in ("item_id", "exercise")))
        if ok and (kind, column) in _CHOICES:
            ok = value in _CHOICES[(kind, column)]
        if not ok:
            return False
    if kind != "interview" and not (isinstance(record.get("n", 0), int) and 0 <= record.get("n", 0) < 2**31):
        return False
    return True


def _decode(line: bytes) -> tuple[str, dict[str, Any]] | None:
    try:
        checksum, payload = line.split(b" ", 1)
        if int(checksum, 16) != zlib.crc32(payload):
            return None
        record = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("type"), str):
        return None
    return record.pop("type"), record


def append_lines(path: Path, records: list[tuple[str, dict[str, Any]]], machine: str, *, header: bool) -> int:
    """Append records in one write, flushed to disk before returning."""
    if not records and not header:
        return 0
    text = encode("header", {"format": FORMAT, "machine": machine}) if header else ""
    text += "".join(encode(kind, record) for kind, record in records)
    with path.open("ab") as handle:
        handle.write(text.encode())
        handle.flush()
        os.fsync(handle.fileno())
    return len(records)
