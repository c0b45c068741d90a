"""PDF plans: the real samples, broken files, and a scanned page read by real tesseract."""

from __future__ import annotations

import shutil

import pypdfium2
import pytest

from pipeline.parse import parse, read_index
from pipeline.parse.pdf import parse_pdf
from pipeline.parse.running import _running_lines
from pipeline.settings import LayoutSettings

from ..conftest import RAW, rows, run_all


def test_running_headers_are_not_content():
    parsed = parse_pdf(RAW / "004_4ca5af5e2bc26fdb.pdf", "004.pdf", LayoutSettings())
    texts = [line["text"] for line in parsed.lines]
    assert not any(t.startswith("Sida ") for t in texts)
    assert "Högländets samordningsförbund" in parsed.meta["running_headers"]


def _margin_page(number: int, source: str, header: str, x0: float = 66.0) -> dict:
    line = {"text": header, "x0": x0, "x1": x0 + 115, "top": 37.0, "bottom": 45.0}
    body = {"text": f"Summa kostnader {number} 000", "x0": 79.0, "x1": 300.0, "top": 400.0, "bottom": 410.0}
    return {"number": number, "source": source, "height": 842.0, "width": 595.0, "lines": [line, body]}


def test_a_running_header_ocr_reads_differently_on_each_scanned_page_is_still_running():
    """A logo's lettering read 'Samui ummysvivund' on one page and 'Samyiummuygsyvund' on the next: the
    same place in the margin and mostly the same letters. Born-digital text must repeat exactly."""
    reads = ["Högländets Samui ummysvivund", "Högländets Samyiummuygsyvund", "Högländets Sanny uun iyatvivund",
             "Högländets SAN IVi Un YSvr vund"]
    scanned = [_margin_page(n, "ocr", text) for n, text in enumerate(reads, start=1)]
    assert len(_running_lines(scanned, LayoutSettings())) == 4
    born_digital = [_margin_page(n, "text", text) for n, text in enumerate(reads, start=1)]
    assert not _running_lines(born_digital, LayoutSettings())
    elsewhere = [_margin_page(n, "ocr", text, x0=66.0 + 60 * n) for n, text in enumerate(reads, start=1)]
    assert not _running_lines(elsewhere, LayoutSettings())  # alike, but not at the same place


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
    """Rasterise 003's budget page as a crooked, noisy scan (no text layer) and read it back by OCR."""
    import numpy as np
    from PIL import Image

    raw = tmp_path / "raw"
    raw.mkdir()
    pdf = pypdfium2.PdfDocument(str(RAW / "003_db996d9d141d330c.pdf"))
    image = pdf[5].render(scale=300 / 72).to_pil().convert("L").rotate(0.4, fillcolor=255)
    noisy = np.asarray(image, dtype=np.int16) + np.random.default_rng(7).normal(0, 12, (image.height, image.width))
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(raw / "003_scan.pdf", "PDF", resolution=300)
    warehouse = run_all(raw, tmp_path)
    doc = rows(warehouse, "SELECT * FROM documents")[0]
    assert doc["status"] == "ok"
    lines = {(r["label"], r["year"]): r["amount_sek"] for r in rows(warehouse, "SELECT * FROM budget_lines")}
    assert lines[("Summa totala kostnader", 2024)] == 3_463_889
    assert lines[("Nettoomsättning", 2026)] == 4_000_000
    read = rows(warehouse, "SELECT count(ocr_confidence) AS n, count(*) AS total, min(ocr_confidence) AS low "
                           "FROM budget_lines")[0]
    assert read["n"] == read["total"] and 0 < read["low"] <= 100  # every OCR'd amount says how sure it is
    errors = rows(warehouse, "SELECT label, year FROM findings WHERE severity = 'error'")
    assert {"label": "Summa personalkostnader", "year": 2024} in errors


def _scan_pages(source, pages: list[int], target, angle: float = 0.4, dpi: int = 300) -> None:
    """Pages of a real plan as a crooked, noisy scan with no text layer."""
    import numpy as np
    from PIL import Image

    pdf = pypdfium2.PdfDocument(str(source))
    scans = []
    for number, index in enumerate(pages):
        image = pdf[index].render(scale=dpi / 72).to_pil().convert("L").rotate(angle, fillcolor=255)
        noise = np.random.default_rng(number).normal(0, 12, (image.height, image.width))
        scans.append(Image.fromarray(np.clip(np.asarray(image, dtype=np.int16) + noise, 0, 255).astype(np.uint8)))
    scans[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=scans[1:])


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (.ci/run installs it)")
def test_scanned_signs_and_swedish_letters_both_survive_ocr(tmp_path):
    """004's shares ('55,2 %'), stars and a ruled amount beside a rule: the Swedish model alone reads
    '%' as '20' and '1 800 000' as '12 800 000'; the second pass fixes the signs, the first keeps å ä ö."""
    raw = tmp_path / "raw"
    raw.mkdir()
    _scan_pages(RAW / "004_4ca5af5e2bc26fdb.pdf", [4, 5, 6, 7], raw / "004_scan.pdf", angle=-0.3)
    warehouse = run_all(raw, tmp_path)
    shares = {r["value"] for r in rows(warehouse, "SELECT value FROM percentages")}
    assert {55.2, 23.9, 18.5, 2.4, 20.0, 3.57} <= shares
    lines = {(r["label"], r["year"]): r["amount_sek"] for r in rows(warehouse, "SELECT * FROM budget_lines")}
    assert lines[("Uppdrag samverkan", 2026)] == 1_800_000
    assert lines[("Ränta (3,57%)", 2024)] == 50_000
    assert lines[("Summa kostnader", 2025)] == 8_086_000
    bullets = rows(warehouse, "SELECT sentence FROM percentages WHERE value = 23.9")
    assert bullets[0]["sentence"].endswith("23,9 % strukturövergripande insatser")  # a bullet, not the paragraph


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (.ci/run installs it)")
def test_a_200_dpi_scan_adds_up(tmp_path):
    """001's tkr budget scanned at 200 dpi (read at 300, so its noise is blurred, not median-filtered)."""
    raw = tmp_path / "raw"
    raw.mkdir()
    _scan_pages(RAW / "001_0874f8358a7dd9a7.pdf", [6], raw / "001_scan200.pdf", dpi=200)
    warehouse = run_all(raw, tmp_path)
    lines = {(r["label"], r["year"]): r["amount_sek"] for r in rows(warehouse, "SELECT * FROM budget_lines")}
    assert lines[("motiverande insatser", 2013)] == 100_000
    assert lines[("information", 2014)] == 35_000
    assert lines[("Total summa", 2014)] == 6_410_000
    sums = rows(warehouse, "SELECT verdict FROM findings WHERE kind LIKE 'sum%'")
    assert sums and {s["verdict"] for s in sums} == {"ok"}


def _draw_borderless(path, pagesize) -> None:
    """003's budget table drawn with no rules at all: right-aligned numbers, left labels."""
    import glob

    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    fonts = glob.glob("/usr/share/fonts/**/DejaVuSans.ttf", recursive=True) + glob.glob(
        "/usr/share/fonts/**/LiberationSans-Regular.ttf", recursive=True)
    if not fonts:
        pytest.skip("no TrueType font with Swedish letters on this machine")
    pdfmetrics.registerFont(TTFont("Body", fonts[0]))
    text = (RAW / "003_db996d9d141d330c.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in text[153:182]]
    page = canvas.Canvas(str(path), pagesize=pagesize)
    page.setFont("Body", 10)
    page.drawString(60, pagesize[1] - 40, "Verksamhetsplan och budget 2024")
    y = pagesize[1] - 90
    for row in rows:
        page.drawString(60, y, row[0][:45])
        for j, value in enumerate(row[1:]):
            page.drawRightString(380 + 80 * j, y, value)
        y -= 14
    page.save()


@pytest.mark.parametrize("orientation", ["portrait", "landscape"])
def test_borderless_table_reads_like_the_ruled_one(tmp_path, orientation):
    from reportlab.lib.pagesizes import A4, landscape

    raw = tmp_path / "raw"
    raw.mkdir()
    _draw_borderless(raw / "003_borderless.pdf", A4 if orientation == "portrait" else landscape(A4))
    warehouse = run_all(raw, tmp_path)
    lines = rows(warehouse, "SELECT label, year, amount_sek FROM budget_lines")
    assert len(lines) == 82
    by_key = {(r["label"], r["year"]): r["amount_sek"] for r in lines}
    assert by_key[("Summa totala kostnader", 2026)] == 2_419_431
    assert by_key[("Prognos 2023", 2024)] == 1_073_484
    assert not rows(warehouse, "SELECT * FROM budget_lines WHERE ocr_confidence IS NOT NULL")  # born digital
    errors = rows(warehouse, "SELECT label, year, stated FROM findings WHERE severity = 'error'")
    assert errors == [{"label": "Summa personalkostnader", "year": 2024, "stated": 1_329_910}]


def test_a_label_run_into_its_amount_is_cut_where_the_letters_end():
    from pipeline.parse.pdf import split_glued_amounts

    text = "Arbetsförmedlingen3170"
    chars = [{"text": ch, "x0": 10.0 + 5 * i, "x1": 15.0 + 5 * i} for i, ch in enumerate(text)]
    words = [{"text": text, "x0": 10.0, "x1": chars[-1]["x1"], "top": 0, "bottom": 9, "chars": chars},
             {"text": "Agenda2030", "x0": 200.0, "x1": 250.0, "top": 0, "bottom": 9, "chars": list("Agenda2030")}]
    out = split_glued_amounts(words)
    assert [(w["text"], w["x0"], w["x1"]) for w in out[:2]] == [("Arbetsförmedlingen", 10.0, 100.0),
                                                               ("3170", 100.0, 120.0)]
    assert out[2]["text"] == "Agenda2030" and "chars" not in out[0]  # a year glued to a word stays


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract-ocr not installed (.ci/run installs it)")
def test_a_scan_without_tesseract_names_the_file_and_the_install(tmp_path, monkeypatch):
    from pipeline.settings import Settings

    raw = tmp_path / "raw"
    raw.mkdir()
    _scan_pages(RAW / "003_db996d9d141d330c.pdf", [5], raw / "003_scan.pdf")
    shutil.copy(RAW / "003_db996d9d141d330c.txt", raw)
    off = parse(raw, tmp_path / "off", Settings(ocr=False))
    assert "page 1 is scanned (an image with no text layer) and OCR is off" in str(off.problems[0])
    assert "Run without --no-ocr" in str(off.problems[0])
    monkeypatch.setenv("PATH", str(tmp_path))  # a machine where tesseract was never installed
    result = parse(raw, tmp_path / "extracted", Settings(workers=1))
    message = {p.document: str(p) for p in result.problems}["003_scan.pdf"]
    assert "page 1 is scanned and needs OCR, but tesseract is not installed" in message
    assert "apt-get install tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng" in message
    assert result.failed == ("003_scan.pdf",) and result.processed == ("003_db996d9d141d330c.txt",)
    stored = (tmp_path / "extracted" / read_index(tmp_path / "extracted")["003_scan.pdf"]["id"] / "document.json")
    assert '"status": "needs-ocr"' in stored.read_text(encoding="utf-8")
    monkeypatch.undo()  # tesseract is back: the next run reads the scan, though the file did not change
    again = parse(raw, tmp_path / "extracted", Settings(workers=1))
    assert again.processed == ("003_scan.pdf",) and again.unchanged == ("003_db996d9d141d330c.txt",)


def test_a_table_running_off_the_paper_is_read_whole_where_it_crosses_and_said(tmp_path):
    """A cell that crosses the paper's right edge is read whole from the file (half of '9 063' would
    read as 9); one wholly beyond the edge is not printed, so not read; the page says it was cut."""
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "cut.pdf"
    page = canvas.Canvas(str(pdf), pagesize=(300, 200))
    page.setFont("Helvetica", 10)
    for y, (label, amount) in zip((150, 130, 110), (("Intäkter", "9 063"), ("Kostnader", "8 838"),
                                                       ("Resultat", "225")), strict=True):
        page.drawString(20, y, label)
        page.drawRightString(200, y, "1 000")
        page.drawRightString(310, y, amount)  # ends 10 pt beyond the edge
    page.drawString(305, 90, "45")  # wholly beyond
    page.drawString(20, 90, "Not")
    page.drawString(320, 70, "Utanför 12 345")  # a line wholly beyond the paper
    page.save()
    parsed = parse_pdf(pdf, "cut.pdf", LayoutSettings())
    texts = " ".join(line["text"] for line in parsed.lines)
    assert "9 063" in texts and "8 838" in texts and "45" not in texts.split() and "Utanför" not in texts
    assert parsed.meta["cut_pages"] == [1]
    assert any(p.rule.startswith("page 1: text runs past the paper's edge") for p in parsed.problems)
