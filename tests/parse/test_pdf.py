"""PDF plans: the real samples, broken files, and a scanned page read by real tesseract."""

from __future__ import annotations

import shutil

import pypdfium2
import pytest

from pipeline.parse import parse
from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

from ..conftest import RAW, rows, run_all


def test_running_headers_are_not_content():
    parsed = parse_pdf(RAW / "004_4ca5af5e2bc26fdb.pdf", "004.pdf", LayoutSettings())
    texts = [line["text"] for line in parsed.lines]
    assert not any(t.startswith("Sida ") for t in texts)
    assert "Högländets samordningsförbund" in parsed.meta["running_headers"]


def test_table_split_over_pages_is_stitched():
    parsed = parse_pdf(RAW / "004_4ca5af5e2bc26fdb.pdf", "004.pdf", LayoutSettings())
    budget = [t for t in parsed.tables if any(r[0]["text"] == "Summa kostnader" for r in t["rows"])][0]
    labels = [r[0]["text"] for r in budget["rows"]]
    assert "Kompetensutveckling styrelse/beredningsgrupp" in labels
    assert budget["continued_on"] == [8]


def test_broken_pdfs_are_named_with_a_fix(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    good = (RAW / "003_db996d9d141d330c.pdf").read_bytes()
    (raw / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (raw / "garbage.pdf").write_bytes(b"this is not a pdf at all" * 10)
    shutil.copy(RAW / "003_db996d9d141d330c.pdf", raw)
    result = parse(raw, tmp_path / "extracted")
    messages = {p.document: str(p) for p in result.problems}
    assert "corrupt or truncated" in messages["garbage.pdf"]
    assert "Download the plan again" in messages["garbage.pdf"]
    assert "003_db996d9d141d330c.pdf" in result.processed


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (.ci/run installs it)")
def test_scanned_budget_page_is_read_by_ocr(tmp_path):
    """Rasterise 003's budget page, save it as an image-only PDF, and read it back through OCR."""
    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = pypdfium2.PdfDocument(str(RAW / "003_db996d9d141d330c.pdf"))
    image = pdf[5].render(scale=300 / 72).to_pil().convert("L")
    image.save(raw / "003_scan.pdf", "PDF", resolution=300)
    warehouse = run_all(raw, tmp_path)
    doc = rows(warehouse, "SELECT * FROM documents")[0]
    assert doc["status"] == "ok"
    lines = {(r["label"], r["year"]): r["amount_sek"] for r in rows(warehouse, "SELECT * FROM budget_lines")}
    assert lines[("Summa totala kostnader", 2024)] == 3_463_889
    assert lines[("Nettoomsättning", 2026)] == 4_000_000
    errors = rows(warehouse, "SELECT label, year FROM findings WHERE severity = 'error'")
    assert {"label": "Summa personalkostnader", "year": 2024} in errors
