"""The report inlines the evidence crops the check stage stored in the warehouse and draws only those
it finds none for (a warehouse made before evidence_crops, or a source file changed since its check):
the pages are byte for byte the ones the report makes drawing every crop itself."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.check import check
from pipeline.report import crops as crops_module
from pipeline.report import report
from pipeline.report.crops import CROPS_DIR
from pipeline.settings import Settings

HERE = Settings(workers=1)  # every crop the report draws, it draws in this process, where it is counted


def _pages(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


@pytest.fixture()
def drawn(monkeypatch) -> list[tuple]:
    """The crops drawn in this process."""
    made: list[tuple] = []
    draw = crops_module._crop

    def counted(*args):
        made.append(args)
        return draw(*args)

    monkeypatch.setattr(crops_module, "_crop", counted)
    return made


def _copy(pdf_warehouse: Path, target: Path, *statements: str) -> Path:
    shutil.copy(pdf_warehouse, target)
    with duckdb.connect(str(target)) as con:
        for sql in statements:
            con.execute(sql)
    return target


def test_stored_crops_are_inlined_and_none_drawn(pdf_warehouse, tmp_path, drawn):
    report(pdf_warehouse, tmp_path / "stored", HERE)
    assert drawn == [] and not list((tmp_path / "stored").rglob("*.png"))  # nothing drawn, nothing kept on disk
    old = _copy(pdf_warehouse, tmp_path / "old.duckdb", "DROP TABLE evidence_crops")
    report(old, tmp_path / "old", HERE)  # as main's report makes them: every crop drawn here
    assert drawn and len(list((tmp_path / "old" / CROPS_DIR).rglob("*.png"))) == len(drawn)
    assert _pages(tmp_path / "stored") == _pages(tmp_path / "old")
    assert "data:image/png;base64," in "".join(p.decode() for p in _pages(tmp_path / "stored").values())


def test_a_crop_of_a_source_changed_since_its_check_is_drawn_again(pdf_warehouse, tmp_path, drawn):
    with duckdb.connect(str(pdf_warehouse), read_only=True) as con:
        source = con.execute("SELECT d.source_path FROM documents d JOIN evidence_crops USING (document) "
                             "LIMIT 1").fetchone()[0]
    moved = tmp_path / "src" / Path(source).name
    moved.parent.mkdir()
    shutil.copy(source, moved)
    stat = moved.stat()
    os.utime(moved, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # touched after the check
    update = f"UPDATE documents SET source_path = '{moved}' WHERE source_path = '{source}'"
    stale = _copy(pdf_warehouse, tmp_path / "stale.duckdb", update)
    report(stale, tmp_path / "stale", HERE)
    assert drawn and {args[0] for args in drawn} == {str(moved)}  # that file's crops only, the rest stored
    report(_copy(stale, tmp_path / "old.duckdb", "DROP TABLE evidence_crops"), tmp_path / "old", HERE)
    assert _pages(tmp_path / "stale") == _pages(tmp_path / "old")


def test_a_changed_plan_is_checked_with_its_crops_and_only_its_pages_rewritten(pdf_warehouse, tmp_path, drawn):
    warehouse = _copy(pdf_warehouse, tmp_path / "w.duckdb")
    reports = tmp_path / "reports"
    report(warehouse, reports, HERE)
    with duckdb.connect(str(warehouse)) as con:
        document = con.execute("SELECT document FROM evidence_crops ORDER BY ALL LIMIT 1").fetchone()[0]
        con.execute("UPDATE budget_lines SET amount_sek = amount_sek + 1000 WHERE document = ? AND NOT is_total",
                    [document])
        con.execute("UPDATE documents SET run_id = '99999999T000000Z' WHERE document = ?", [document])  # reloaded
    assert check(warehouse, HERE).processed == (document,)
    assert drawn  # its crops, drawn by the check
    drawn.clear()
    changed = report(warehouse, reports, HERE)
    assert len(changed.processed) == 2 and len(changed.unchanged) == len(_pages(reports)) - 2  # its förbund, index
    assert drawn == []
    report(_copy(warehouse, tmp_path / "old.duckdb", "DROP TABLE evidence_crops"), tmp_path / "old", HERE)
    assert _pages(reports) == _pages(tmp_path / "old")
