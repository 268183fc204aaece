"""`drill sync DIR`: progress merged between machines through any folder both can see.

Each machine appends to its own file in DIR, `drill-<machine id>.jsonl`, and only reads the others'. A line is one
record — a review, a check, a hint or solution event, a card event, an interview, or an undo — as
`<crc32 of the JSON> <JSON>\n`. Records merge by their natural keys (what they are about and the moment, to the
microsecond), so syncing in any order, any number of times, gives every machine the same log; the cards are then
replayed from it, so they agree too, and the streak and heatmap (read from the log) with them.

A line without its newline, or whose checksum does not match, is a write that was cut short (a killed sync, a
file still being copied by the folder's own sync): it is left out and read on a later sync once whole; a broken
tail of this machine's own file is cut off before appending. The merge into the database is one transaction.
"""

from __future__ import annotations

import json
import os
import socket
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drill.errors import UsageError
from drill.store import SYNCED_TABLES, Store, record_key

FORMAT = 1
MACHINE_KEY = "machine_id"


@dataclass
class SyncReport:
    folder: Path
    machine: str
    files_read: int = 0
    added: dict[str, int] = field(default_factory=dict)  # rows merged in, by record type ("undone": deleted)
    written: int = 0  # lines appended to this machine's file
    damaged: int = 0  # lines left out as cut short (read again next time)


def sync(folder: Path) -> SyncReport:
    from drill import scheduler as sched
    from drill.config import load_config

    if not folder.is_dir():
        raise UsageError(f"{folder}: no such folder — create it (or mount it) first; both machines must see it")
    config = load_config()
    store = sched.open_progress(config)
    try:
        machine = machine_id(store)
        report = SyncReport(folder, machine)
        own = folder / f"drill-{machine}.jsonl"
        others = sorted(p for p in folder.glob("drill-*.jsonl") if p != own)
        records: list[tuple[str, dict[str, Any]]] = []
        tombstones: dict[str, str] = {}
        seen: set[str] = set()  # identities of every whole line in the folder
        for path in others:
            lines, damaged = read_lines(path)
            report.files_read += 1
            report.damaged += damaged
            for kind, record in lines:
                seen.add(identity(kind, record))
                if kind == "undo":
                    tombstones[record["key"]] = record["at"]
                elif kind in SYNCED_TABLES:
                    records.append((kind, record))
        report.added = store.merge(records, tombstones, lambda logged: sched.replay_log(config, logged))
        own_lines, own_damaged = read_lines(own, repair=True)
        seen |= {identity(kind, record) for kind, record in own_lines}
        new = [(kind, record) for kind, record in store.records() if identity(kind, record) not in seen]
        new += [("undo", {"key": key, "at": at}) for key, at in store.tombstones().items()
                if identity("undo", {"key": key}) not in seen]
        report.written = append_lines(own, new, machine, header=not own_lines and not own_damaged)
        return report
    finally:
        store.close()


def machine_id(store: Store) -> str:
    """This progress file's own id, made once: the name of its file in sync folders."""
    found = store.meta(MACHINE_KEY)
    if not found:
        host = "".join(c for c in socket.gethostname().split(".")[0].lower() if c.isalnum())[:16] or "machine"
        found = f"{host}-{os.urandom(3).hex()}"
        store.set_meta(MACHINE_KEY, found)
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
    kind = record.pop("type")
    if kind in SYNCED_TABLES and not all(c in record for c in SYNCED_TABLES[kind][2]):
        return None
    return kind, record


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
