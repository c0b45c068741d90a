"""Text plans: markup, tables, and the bad inputs a user meets."""

from __future__ import annotations

from pipeline.parse import parse
from pipeline.parse.text import parse_text, strip_markup


def test_markup_is_not_text():
    assert strip_markup("<i>775 000 kr</i>") == "775 000 kr"
    assert strip_markup("*skapa förutsättningar*") == "skapa förutsättningar"
    assert strip_markup("**TOTAL BUDGET**") == "TOTAL BUDGET"
    assert strip_markup("Kommuner*") == "Kommuner*"
    assert strip_markup("-150 000***") == "-150 000***"


def test_tab_runs_are_tables_with_line_provenance(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("Budget\n\nIntäkter\t2024\nStaten\t1 000 kr\n\nText\n", encoding="utf-8")
    parsed = parse_text(path, "p.txt")
    assert len(parsed.tables) == 1
    assert parsed.tables[0]["title"] == "Budget"
    assert [c["line"] for c in parsed.tables[0]["rows"][1]] == [4, 4]


def test_bad_inputs_are_named_and_the_run_goes_on(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text("Intäkter\t2024\nStaten\t1 000\n", encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    (raw / "latin.txt").write_bytes("Intäkter\t2024\nÖvrigt\t5 000\n".encode("cp1252"))
    (raw / "notes.docx").write_bytes(b"PK")
    result = parse(raw, tmp_path / "extracted")
    messages = {p.document: str(p) for p in result.problems}
    assert "the file is empty" in messages["empty.txt"]
    assert "binary, not text" in messages["binary.txt"] and "suffix (.pdf)" in messages["binary.txt"]
    assert "not UTF-8" in messages["latin.txt"] and "cp1252" in messages["latin.txt"]
    assert "not a plan format" in messages["notes.docx"]
    assert set(result.failed) == {"empty.txt", "binary.txt"}
    assert set(result.processed) == {"good.txt", "latin.txt"}


def test_failed_run_leaves_no_temp_folders(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    parse(raw, tmp_path / "extracted")
    assert not [p for p in (tmp_path / "extracted").iterdir() if p.name.startswith(".")]
