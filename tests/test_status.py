"""`finsam status`: what the warehouse holds, and which documents were not fully read and why."""

from __future__ import annotations

import shutil

from pipeline.status import find_status

from .conftest import RAW, run_all


def test_status_names_documents_not_fully_read(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "003_db996d9d141d330c.txt", raw)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "loose.txt").write_text("Nettokostnadsram per område, miljoner kronor\n"
                                   "Anopiva och prehospital vård 757 836 79\n"
                                   "Allmänmedicin och rehabilitering 1 146 823 -323\n"
                                   "Medicinska specialiteter 1 770 1 965 195\n", encoding="utf-8")
    warehouse = run_all(raw, tmp_path)
    status = find_status(raw, tmp_path / "extracted", warehouse)
    text = str(status)
    assert [read.document for read in status.not_fully_read] == ["empty.txt", "loose.txt"]
    assert "Not fully read:\n  empty.txt: failed — the file is empty" in text
    assert "  loose.txt: no tables — 0 lines, 0 tables, 1 warning (line 2)" in text
    assert "003_db996d9d141d330c.txt:" not in text  # read fully: listed once, in the documents
