"""The check stage draws each document's evidence crops and stores them with its findings
(pipeline/check/evidence.py, table evidence_crops): the very crops, under the very keys, the report's
pages ask for; replaced when the document is checked again, dropped with it, written in the findings'
transaction, and never at the findings' expense."""

from __future__ import annotations

import random
import shutil
import time
from importlib import resources

import duckdb
import pytest

import pipeline.check as check_module
from pipeline.check import DocumentRecords, check
from pipeline.check.evidence import evidence_crops
from pipeline.check.finding import make_finding
from pipeline.extract import extract
from pipeline.load import load
from pipeline.parse import parse
from pipeline.report.crops import draw_crop
from pipeline.report.data import read_report_data
from pipeline.report.evidence import cells_for
from pipeline.report.findings import crop_of
from pipeline.report.frames import ranked_of
from pipeline.settings import CheckSettings, Settings

from ..conftest import RAW, rows, run_all, two_text_plans


@pytest.fixture()
def drawn_plan(tmp_path):
    """A reportlab page: a header, two tables' rows and totals that are wrong, and the table's cells
    with integer boxes (as a check may compute them; DuckDB gives them back as floats)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "plan.pdf"
    page = canvas.Canvas(str(pdf), pagesize=A4)
    lines = [("Kostnader", "Budget 2025", "Budget 2026"), ("Kansli", "600 000", "600 000"),
             ("Styrelse", "65 000", "65 000"), ("Summa", "667 000", "667 000")]
    cells = []
    for r, row in enumerate(lines):
        top = 100 + r * 20
        for c, text in enumerate(row):
            right = 300 + 100 * c
            page.drawRightString(right, A4[1] - top - 10, text) if c else page.drawString(72, A4[1] - top - 10, text)
            left = right - round(page.stringWidth(text)) if c else 72
            cells.append({"document": "plan.pdf", "table_no": 1, "row_no": r, "col_no": c, "text": text, "page": 1,
                          "line": None, "bbox": [left, top, right if c else 72 + round(page.stringWidth(text)),
                                                 top + 10]})
    page.save()
    return pdf, cells


def _findings(cells: list[dict]) -> list[dict]:
    """An error of the total in both years (one finding on the page, its two cells stated), a warning
    with no label, and an info finding (no crop), in an order unlike the one the report reads."""
    used = [{"row": 1, "label": "Kansli"}, {"row": 2, "label": "Styrelse"}]
    total = {c["col_no"]: c["bbox"] for c in cells if c["row_no"] == 3}
    found = [make_finding("plan.pdf", "sum_mismatch", "error", "Summa", year, 667_000, 665_000, 1, used,
                          {"table_no": 1, "page": 1, "bbox": total[col]}, "Summan stämmer inte.")
             for year, col in ((2026, 2), (2025, 1))]
    found.append(make_finding("plan.pdf", "result_mismatch", "cannot tell", None, None, 65_000, None, 1, [],
                              {"table_no": 1, "page": 1, "bbox": total[1]}, "Kan inte avgöra."))
    found.append(make_finding("plan.pdf", "sum_check", "ok", "Summa", 2025, 1, 1, 1, [],
                              {"table_no": 1, "page": 1, "bbox": total[1]}, "Stämmer."))
    random.Random(7).shuffle(found)
    return found


def test_a_documents_crops_are_the_ones_its_report_page_asks_for(drawn_plan):
    pdf, cells = drawn_plan
    findings = _findings(cells)
    doc = DocumentRecords("plan.pdf", [], cells=cells, source_path=str(pdf), is_primary=True)
    stored = evidence_crops(doc, findings)
    assert len(stored) == 2 and {r["page"] for r in stored} == {1}  # the two years' error is one crop
    # the report's own reading of the same rows from a warehouse
    con = duckdb.connect()
    con.execute(resources.files("pipeline").joinpath("schema.sql").read_text(encoding="utf-8"))
    con.execute("INSERT INTO documents (document, status, forbund, is_primary, source_path) VALUES "
                "('plan.pdf', 'ok', 'Samordningsförbundet Prov', true, ?)", [str(pdf)])
    for table, records in (("table_cells", cells), ("findings", findings)):
        for record in records:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM (SELECT {', '.join('? AS ' + k for k in record)})",
                        list(record.values()))
    data = read_report_data(con)
    groups = ranked_of(data, data.used)
    marked = cells_for(con, [g["instances"][0] for g in groups])
    asked = dict(job for job in (crop_of(g, str(pdf), marked) for g in groups) if job)
    assert {r["key"]: r["png"] for r in stored} == {key: draw_crop(args) for key, args in asked.items()}


def test_a_copy_or_a_text_source_gets_no_crops(drawn_plan, tmp_path):
    pdf, cells = drawn_plan
    copy = DocumentRecords("plan.pdf", [], cells=cells, source_path=str(pdf), is_primary=False)
    assert evidence_crops(copy, _findings(cells)) == []
    text = tmp_path / "plan.txt"
    text.write_text("Summa\t667 000\n", encoding="utf-8")
    assert evidence_crops(DocumentRecords("plan.txt", [], cells=cells, source_path=str(text)), _findings(cells)) == []


def _crops(warehouse) -> list[tuple]:
    return [tuple(r.values()) for r in rows(warehouse, "SELECT document, page, key, md5(png) FROM evidence_crops "
                                                       "ORDER BY ALL")]


def _findings_of(warehouse) -> list[tuple]:
    return [tuple(r.values()) for r in rows(warehouse, "SELECT document, kind, label, year, stated FROM findings "
                                                       "ORDER BY ALL")]


def _other_settings() -> Settings:
    """Check settings of another fingerprint: every document is checked again."""
    return Settings(checks=CheckSettings(rounding_sek=CheckSettings().rounding_sek + 1))


def test_crops_are_replaced_when_checked_again_and_dropped_with_the_document(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("000_92e5f93be53ef7af.pdf", "003_db996d9d141d330c.pdf"):  # the samples with errors on a page
        shutil.copy(RAW / name, raw)
    warehouse = run_all(raw, tmp_path)
    first = _crops(warehouse)
    assert {c[0] for c in first} == {"000_92e5f93be53ef7af.pdf", "003_db996d9d141d330c.pdf"}
    check(warehouse, _other_settings())
    assert _crops(warehouse) == first  # the same crops again, not twice
    (raw / "003_db996d9d141d330c.pdf").unlink()
    parse(raw, tmp_path / "extracted"), extract(tmp_path / "extracted"), load(tmp_path / "extracted", warehouse)
    assert _crops(warehouse) == [c for c in first if c[0] == "000_92e5f93be53ef7af.pdf"]


def test_findings_and_crops_are_written_together_or_not_at_all(pdf_warehouse, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(pdf_warehouse, warehouse)
    before = (_findings_of(warehouse), _crops(warehouse))
    assert before[1], "the sample plans' errors have evidence crops"
    insert = check_module.insert_records

    def refused(con, table, records):
        if table == "evidence_crops":
            raise OSError("disk full")
        return insert(con, table, records)

    monkeypatch.setattr(check_module, "insert_records", refused)
    with pytest.raises(OSError):
        check(warehouse, _other_settings())
    assert (_findings_of(warehouse), _crops(warehouse)) == before


def test_crops_that_fail_or_run_out_of_time_leave_the_findings(tmp_path, monkeypatch):
    work = two_text_plans(tmp_path)
    extracted, warehouse = work / "extracted", work / "w.duckdb"
    parse(work / "raw", extracted), extract(extracted), load(extracted, warehouse)

    def slow(doc, findings):
        time.sleep(5)

    monkeypatch.setattr(check_module, "evidence_crops", slow)
    done = check(warehouse, Settings(workers=1, document_seconds=0.5))
    assert len(done.processed) == 2 and not done.problems and done.findings == len(_findings_of(warehouse)) > 0
    assert _crops(warehouse) == []
