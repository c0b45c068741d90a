"""The two PDF readers (pdfium, the default, and pdfplumber) give finsam the same page.

Words (pdfplumber's extract_words over each reader's characters, as finsam forms them) must match in
text and box within TOLERANCE points, ruling edges in orientation and place, and the counts of lines,
rectangles, curves and images that decide whether a page is OCR'd. Pages are drawn with reportlab in
the shapes producers make (a ruled table, a landscape page, text turned on its side, a page carrying
/Rotate, a form XObject, scaled and raised text, spaces drawn on their own, a ligature, an image) and
the sample plans in raw/ are read through both readers end to end.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils import extract_words

from pipeline.parse.glyphs import drop_leader_glyphs
from pipeline.parse.pdf import parse_pdf
from pipeline.parse.pdfium_page import PdfiumDocument
from pipeline.parse.pdfium_paths import classify
from pipeline.settings import LayoutSettings

from ..conftest import RAW

TOLERANCE = 0.5
SETTINGS = LayoutSettings()
ROWS = [("Kostnader", "2024", "2025", "2026"), ("Personal", "1 200", "1 300", "1 416"),
        ("Lokaler", "310", "320", "330"), ("Summa kostnader", "1 510", "1 620", "1 746")]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _table(c, x: float, y: float, ruled: bool = True, font: str = "Helvetica") -> None:
    c.setFont(font, 9)
    for i, (label, *values) in enumerate(ROWS):
        c.drawString(x, y - 14 * i, label)
        for j, value in enumerate(values):
            c.drawRightString(x + 220 + 70 * j, y - 14 * i, value)
        if ruled:
            c.line(x - 2, y - 14 * i - 4, x + 360, y - 14 * i - 4)
    if ruled:
        c.rect(x - 2, y - 14 * len(ROWS) + 6, 362, 14 * len(ROWS), stroke=1, fill=0)
        for j in range(3):
            c.line(x + 160 + 70 * j, y + 10, x + 160 + 70 * j, y - 14 * len(ROWS) + 6)


def _draw_pages(path: Path) -> None:
    """Five pages of the layouts producers make, drawn with reportlab."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 800, "Budget 2025 Samordningsförbundet")
    _table(c, 72, 700)
    c.setFillGray(0.9)
    c.rect(70, 500, 300, 16, stroke=0, fill=1)  # a shaded row: a filled rectangle
    c.setFillGray(0)
    c.roundRect(70, 400, 300, 60, 8)  # a rounded frame: curves
    c.setFont("Times-Roman", 11)
    c.drawString(80, 430, "Inom rundad ram: 9 063 tkr")
    c.showPage()
    c.setPageSize(landscape(A4))
    _table(c, 72, 500, ruled=False, font="Times-Bold")
    c.showPage()
    c.setPageSize(A4)  # a landscape table printed sideways on a portrait page
    c.saveState()
    c.translate(500, 100)
    c.rotate(90)
    _table(c, 0, 0)
    c.restoreState()
    c.showPage()
    c.beginForm("table")  # the same table drawn twice through a form XObject, once scaled
    _table(c, 0, 0)
    c.endForm()
    for dx, dy, scale in ((100, 600, 1.2), (100, 300, 1.0)):
        c.saveState()
        c.translate(dx, dy)
        c.scale(scale, scale)
        c.doForm("table")
        c.restoreState()
    c.showPage()
    text = c.beginText(72, 700)  # squeezed, letter-spaced and raised text; text turned down and upside down
    text.setFont("Helvetica", 10)
    text.setHorizScale(80)
    text.textLine("Skalad text 1 234 kr")
    text.setHorizScale(100)
    text.setCharSpace(1.0)
    text.textLine("Spärrad text 5 678")
    text.setCharSpace(0)
    text.setRise(3)
    text.textOut("upphöjd")
    text.setRise(0)
    text.textOut(" 42")
    c.drawText(text)
    for angle, label in ((-90, "Nedåt 123"), (180, "Upp och ned 77")):
        c.saveState()
        c.translate(300, 300)
        c.rotate(angle)
        c.setFont("Helvetica", 10)
        c.drawString(0, 0, label)
        c.restoreState()
    c.showPage()
    c.save()


def _rotated_copy(source: Path, target: Path, degrees: int) -> None:
    """Pages 1 and 3 of source carrying /Rotate degrees (a scanner or a viewer turned them)."""
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.import_pages(pypdfium2.PdfDocument(str(source)), [0, 2])
    for page in document:
        page.set_rotation(degrees)
    document.save(str(target))


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("drawn")
    _draw_pages(folder / "layouts.pdf")
    paths = [folder / "layouts.pdf"]
    for degrees in (90, 180, 270):
        paths.append(folder / f"rotate{degrees}.pdf")
        _rotated_copy(paths[0], paths[-1], degrees)
    return paths


def _words(chars: list[dict]) -> list[dict]:
    return extract_words(drop_leader_glyphs(chars, SETTINGS), keep_blank_chars=False, use_text_flow=False,
                         x_tolerance=SETTINGS.word_gap)


def _close(a: dict, b: dict) -> bool:
    return all(abs(a[k] - b[k]) <= TOLERANCE for k in ("x0", "x1", "top", "bottom"))


def _edge_key(edge: dict) -> tuple:
    return (str(edge["orientation"]), *(round(edge[k]) for k in ("x0", "x1", "top", "bottom")))


def differences(path: Path) -> list[str]:
    """Where the two readers' pages differ beyond TOLERANCE: words, edges, object counts, page frame."""
    found = []
    plumber, pdfium = pdfplumber.open(path), PdfiumDocument(path)
    try:
        for number, (a, b) in enumerate(zip(plumber.pages, pdfium.pages, strict=True), start=1):
            where = f"{path.name} p{number}"
            frames = (*a.bbox, a.width, a.height), (*b.bbox, b.width, b.height)
            if any(abs(x - y) > TOLERANCE for x, y in zip(*frames, strict=True)):
                found.append(f"{where}: page frame {a.bbox} vs {b.bbox}")
            wa, wb = _words(a.chars), _words(b.chars)
            if [w["text"] for w in wa] != [w["text"] for w in wb]:
                found.append(f"{where}: words {[w['text'] for w in wa][:8]} vs {[w['text'] for w in wb][:8]}")
            else:
                found += [f"{where}: box of {x['text']!r}" for x, y in zip(wa, wb, strict=True) if not _close(x, y)]
            ea, eb = sorted(map(_edge_key, a.edges)), sorted(map(_edge_key, b.edges))
            if len(ea) != len(eb) or any(x[0] != y[0] or max(abs(u - v) for u, v in zip(x[1:], y[1:], strict=True)) > 1
                                         for x, y in zip(ea, eb, strict=True)):
                found.append(f"{where}: edges {ea[:4]} vs {eb[:4]}")
            counts = [(len(p.lines), len(p.rects), len(p.curves), len(p.images)) for p in (a, b)]
            if counts[0] != counts[1]:
                found.append(f"{where}: lines/rects/curves/images {counts[0]} vs {counts[1]}")
    finally:
        plumber.close()
        pdfium.close()
    return found


def test_drawn_layouts_read_alike(drawn):
    assert [d for path in drawn for d in differences(path)] == []


def test_a_page_on_its_side_is_read_upright_by_both(drawn):
    """Text turned by the content (page 3) or by /Rotate: pdfium's characters carry pdfplumber's
    upright flag and matrix, so finsam turns the same pages."""
    from pipeline.parse.pdf import upright_layout

    for path in drawn:
        plumber, pdfium = pdfplumber.open(path), PdfiumDocument(path)
        for a, b in zip(plumber.pages, pdfium.pages, strict=True):
            turned = [upright_layout(page)[4] for page in (a, b)]
            assert turned[0] == turned[1], path.name


def test_sample_plans_read_alike():
    assert [d for path in sorted(RAW.glob("*.pdf")) for d in differences(path)] == []


def test_sample_plans_parse_to_the_same_lines_and_tables():
    for path in sorted(RAW.glob("*.pdf")):
        a = parse_pdf(path, path.name, LayoutSettings(pdf_reader="pdfplumber"))
        b = parse_pdf(path, path.name, LayoutSettings(pdf_reader="pdfium"))
        assert [line["text"] for line in a.lines] == [line["text"] for line in b.lines], path.name
        assert all(max(abs(u - v) for u, v in zip(x["bbox"], y["bbox"], strict=True)) <= TOLERANCE
                   for x, y in zip(a.lines, b.lines, strict=True)), path.name
        cells = [[[[c.get("text") for c in row] for row in t["rows"]] for t in p.tables] for p in (a, b)]
        assert cells[0] == cells[1], path.name
        assert a.meta == b.meta


def _spaced_words(path: Path) -> None:
    """Words with each space drawn as a text object of its own (Word and InDesign do), set so close
    that only the space parts them; a ligature glyph; characters drawn right to left."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    x = 72.0
    for word in ("vårt", " ", "uttalande"):
        c.setFont("Helvetica", 10)
        c.drawString(x, 700, word)
        x += 0.4 if word == " " else c.stringWidth(word, "Helvetica", 10)  # a space squeezed to 0.4 pt
    if DEJAVU.exists():
        pdfmetrics.registerFont(TTFont("DejaVu", str(DEJAVU)))
        c.setFont("DejaVu", 10)
        c.drawString(72, 650, "Certi\ufb01katet 2025")
    c.setFont("Helvetica", 10)
    c.drawString(300, 600, "1 416")  # the amount drawn first, its label after it
    c.drawString(72, 600, "Personal")
    c.showPage()
    c.save()


def test_spaces_ligatures_and_drawing_order(tmp_path):
    path = tmp_path / "spaced.pdf"
    _spaced_words(path)
    assert differences(path) == []
    page = next(PdfiumDocument(path).pages)
    texts = [w["text"] for w in _words(page.chars)]
    assert texts[:2] == ["vårt", "uttalande"]  # the space object, left out by pdfium's text page, parts them
    if DEJAVU.exists():
        assert "Certifikatet" in texts  # pdfium's letters 'f' 'i' of the ligature are one glyph again
    drawn = "".join(c["text"] for c in page.chars)
    assert drawn.index("1 416") < drawn.index("Personal")  # drawing order, which pdfium sorts by x


def test_an_image_and_its_rendering_match_pdfplumbers(tmp_path):
    """A scanned page: its image's box and pixel size (OCR's resolution) and the rendered page."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    Image.new("L", (400, 300), 200).save(tmp_path / "scan.png")
    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.drawImage(str(tmp_path / "scan.png"), 50, 300, width=400, height=300)
    c.showPage()
    c.save()
    assert differences(tmp_path / "scan.pdf") == []
    plumber, pdfium = pdfplumber.open(tmp_path / "scan.pdf").pages[0], next(PdfiumDocument(tmp_path / "scan.pdf").pages)
    assert pdfium.images[0]["srcsize"] == (400, 300)
    a, b = plumber.to_image(resolution=100).original, pdfium.to_image(resolution=100).original
    assert a.size == b.size and a.tobytes() == b.tobytes()


@pytest.mark.parametrize(("ops", "kind"), [
    ("ml", "lines"), ("mlh", "lines"), ("mllllh", "rects"), ("mlllh", "rects"), ("mllll", "rects"),
    ("mlc", "curves"), ("mlll", "curves"),
])
def test_subpaths_are_sorted_as_pdfminer_sorts_them(ops, kind):
    """One segment is a line, four closing an axis-aligned box a rectangle, anything else a curve."""
    corners = [(0.0, 0.0), (10.0, 0.0), (10.0, 5.0), (0.0, 5.0), (0.0, 0.0)]
    points = {"ml": corners[:2], "mlh": corners[:2] + [corners[0]], "mllllh": corners + [corners[0]],
              "mlllh": corners[:4] + [corners[0]], "mllll": corners, "mlc": [corners[0], corners[1], (3.0, 9.0)],
              "mlll": corners[:4]}[ops]
    assert classify(list(ops), points)[0] == kind


def test_a_slanted_box_is_a_curve():
    assert classify(list("mlllh"), [(0, 0), (10, 1), (9, 6), (-1, 5), (0, 0)])[0] == "curves"


def test_the_reader_is_validated():
    with pytest.raises(ValueError, match="pdf_reader"):
        LayoutSettings(pdf_reader="pdfminer")
