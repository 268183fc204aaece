"""`drill export anki` through the real CLI; each package is opened as Anki opens it: a zip holding
`collection.anki2`, an SQLite collection whose notes table holds one note per question."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import genanki
from conftest import DEMO_BANK, write_bank
from typer.testing import CliRunner

from drill import anki
from drill.banks import load_banks
from drill.cli import app

runner = CliRunner()


def export(*args: str):
    return runner.invoke(app, ["export", "anki", *args])


def read_package(path: Path, tmp_path: Path) -> dict:
    """The notes (by the Id field), the cards and the decks of an .apkg, read as Anki reads them."""
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()
        database = tmp_path / f"{path.stem}-collection.anki2"
        database.write_bytes(package.read("collection.anki2"))
    db = sqlite3.connect(database)
    try:
        notes = {}
        for guid, mid, tags, flds in db.execute("SELECT guid, mid, tags, flds FROM notes"):
            fields = dict(zip(anki.FIELDS, flds.split("\x1f"), strict=True))
            notes[fields["Id"]] = {"guid": guid, "mid": mid, "tags": tags.split(), **fields}
        cards = db.execute("SELECT nid, did FROM cards").fetchall()
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
        note_count = db.execute("SELECT count(*) FROM notes").fetchone()[0]
    finally:
        db.close()
    used = {did for _, did in cards}
    return {"notes": notes, "note_count": note_count, "cards": cards,
            "decks": {int(i): d["name"] for i, d in decks.items() if int(i) in used}}


def test_all_banks_export_one_note_per_question_and_a_second_export_keeps_every_guid(tmp_path: Path) -> None:
    questions = load_banks().questions
    target = tmp_path / "out" / "drill.apkg"
    target.parent.mkdir()
    result = export(str(target))
    assert result.exit_code == 0, result.output
    banks = load_banks().banks
    assert result.output.strip() == (f"Exported {len(questions)} notes in {len(banks)} decks to {target} — "
                                     "in Anki: File → Import")
    first = read_package(target, tmp_path)
    assert first["note_count"] == len(questions) == len(first["notes"])
    assert {i: n["guid"] for i, n in first["notes"].items()} == {q.id: genanki.guid_for(q.id) for q in questions}
    assert len(first["cards"]) == len(questions), "one card per note"
    assert sorted(first["decks"].values()) == sorted(f"drill::{bank.title}" for bank in banks)
    assert set(first["decks"]) == {anki.deck_id(bank.topic) for bank in banks}
    assert {n["mid"] for n in first["notes"].values()} == {anki.MODEL_ID}
    assert sorted(p.name for p in target.parent.iterdir()) == ["drill.apkg"], "no partial file left behind"

    again = export(str(target))
    assert again.exit_code == 0, again.output
    second = read_package(target, tmp_path)
    assert {i: n["guid"] for i, n in second["notes"].items()} == {i: n["guid"] for i, n in first["notes"].items()}
    assert second["decks"] == first["decks"]
    assert {n["mid"] for n in second["notes"].values()} == {anki.MODEL_ID}


def test_one_topic_exports_that_bank_only_tagged_with_its_topic(tmp_path: Path) -> None:
    knn = [q for q in load_banks().questions if q.topic == "knn"]
    target = tmp_path / "knn.apkg"
    result = export(str(target), "knn")
    assert result.exit_code == 0, result.output
    assert f"Exported {len(knn)} notes in 1 deck to {target}" in result.output
    package = read_package(target, tmp_path)
    assert package["note_count"] == len(knn)
    assert set(package["notes"]) == {q.id for q in knn}
    assert list(package["decks"].values()) == ["drill::K-nearest neighbours"]
    for question in knn:
        tags = package["notes"][question.id]["tags"]
        assert tags[0] == "drill::knn" and set(question.tags) <= set(tags)


def test_each_type_of_question_becomes_one_complete_note(tmp_path: Path, drill_env: Path) -> None:
    write_bank(drill_env / "banks", "demo", DEMO_BANK)
    target = tmp_path / "demo.apkg"
    assert export(str(target), "demo").exit_code == 0
    notes = read_package(target, tmp_path)["notes"]
    assert len(notes) == 4

    grad = notes["demo-grad"]["Answer"]  # a derivation: one note, every step in order, then the result
    steps = ["s = 1/(1+e^-z)", "s' = e^-z/(1+e^-z)^2", "s' = s(1-s)"]
    positions = [grad.index(f"<li><p>{step}</p></li>") for step in steps]
    assert positions == sorted(positions) and grad.count("<li>") == 3
    assert grad.index("Result") > positions[-1] and "s(1 - s)" in grad

    sigmoid = notes["demo-sigmoid"]
    assert "<li>maps a score to a probability in (0, 1)</li>" in sigmoid["KeyPoints"]
    assert "<li>inverse of the log-odds</li>" in sigmoid["KeyPoints"]
    assert "Which loss?" in sigmoid["FollowUps"] and "demo-loss" in sigmoid["FollowUps"]
    assert sigmoid["tags"] == ["drill::demo", "fundamentals"]

    loss = notes["demo-loss"]
    assert loss["Choices"] == "<li>MSE</li><li>cross-entropy</li><li>hinge</li>"
    assert '<li class="right">cross-entropy ✓</li>' in loss["Answer"] and loss["Answer"].count("✓") == 1
    assert "Bernoulli likelihood." in loss["Explanation"]

    half = notes["demo-half"]["Answer"]
    assert '<div class="number">0.5</div>' in half and "± 0.001" in half


def test_a_bundled_derivation_lists_all_its_steps(tmp_path: Path) -> None:
    derivation = next(q for q in load_banks().questions if q.type == "derivation")
    target = tmp_path / "d.apkg"
    assert export(str(target), derivation.topic).exit_code == 0
    answer = read_package(target, tmp_path)["notes"][derivation.id]["Answer"]
    steps = answer.split('<ol class="steps">', 1)[1].split("</ol>", 1)[0]
    assert steps.count("<li>") == len(derivation.steps) >= 2


def test_markdown_becomes_html_and_everything_else_is_escaped(tmp_path: Path, drill_env: Path) -> None:
    write_bank(drill_env / "banks", "marked", """
topic: marked
title: Marked <up> & down
questions:
  - id: marked-one
    type: recall
    prompt: "Why is **scaling** needed when `x < y` and <script>alert(1)</script>?"
    answer: |
      Because:

      - distances are **dominated** by large features
      - `d(x, y) = ‖x − y‖`
    key_points:
      - text: the `largest` feature dominates
""")
    target = tmp_path / "m.apkg"
    assert export(str(target), "marked").exit_code == 0
    note = read_package(target, tmp_path)["notes"]["marked-one"]
    assert "<strong>scaling</strong>" in note["Prompt"] and "<code>x &lt; y</code>" in note["Prompt"]
    assert "&lt;script&gt;" in note["Prompt"] and "<script>" not in note["Prompt"]
    assert "<ul>" in note["Answer"] and "<strong>dominated</strong>" in note["Answer"]
    assert "<code>d(x, y) = ‖x − y‖</code>" in note["Answer"]
    assert note["KeyPoints"] == "<li>the <code>largest</code> feature dominates</li>"
    assert note["Topic"] == "Marked &lt;up&gt; &amp; down"


def test_tags_are_made_safe_for_anki() -> None:
    assert anki.anki_tag("say it aloud") == "say_it_aloud"
    assert anki.anki_tag(' "quoted"\ttag ') == "quoted_tag"


def test_an_unknown_topic_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    target = tmp_path / "x.apkg"
    result = export(str(target), "knm")
    assert result.exit_code == 2
    assert "unknown topic 'knm' — did you mean 'knn'?" in result.output + (result.stderr or "")
    assert not target.exists()


def test_a_missing_folder_is_one_readable_line(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x.apkg"
    result = export(str(target), "knn")
    assert result.exit_code == 2
    assert result.stdout == "" and "Traceback" not in result.output
    assert result.stderr.strip() == f"drill: cannot write {target}: {target.parent} does not exist — create it first or choose " \
                   "another path"


def test_a_file_that_is_not_apkg_and_an_unknown_kind_are_usage_errors(tmp_path: Path) -> None:
    not_apkg = export(str(tmp_path / "deck.zip"))
    assert not_apkg.exit_code == 2 and "name it deck.apkg" in not_apkg.output + (not_apkg.stderr or "")
    unknown = runner.invoke(app, ["export", "ank", str(tmp_path / "x.apkg")])
    assert unknown.exit_code == 2
    assert "did you mean 'anki'? choose anki|reviews" in unknown.output + (unknown.stderr or "")


def test_a_write_that_fails_midway_keeps_the_previous_file_and_leaves_no_partial_one(
        tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out" / "knn.apkg"
    target.parent.mkdir()
    target.write_bytes(b"the previous export")

    def half_written(self, file, timestamp=None):
        Path(file).write_bytes(b"PK half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(genanki.Package, "write_to_file", half_written)
    result = export(str(target), "knn")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip() == f"drill: cannot write {target}: No space left on device"
    assert target.read_bytes() == b"the previous export"
    assert [p.name for p in target.parent.iterdir()] == ["knn.apkg"]
