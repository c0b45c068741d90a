"""Rows of a borderless table drawn in a narrow column: labels wrapped over lines with their amounts
on the last one (cells aligned to the bottom), and rules over two totals set close together."""

from __future__ import annotations

from pipeline.parse.pdf import parse_pdf
from pipeline.settings import LayoutSettings

from .test_gutters import _font

# (label lines, amounts): amounts stand on the label's last line, as in a cell aligned to the bottom
ROWS = [(["Tilldelade", "medel"], None), (["Medlemsavgift", "Arbetsförmedlin", "gen"], ("2 600", "2 523")),
        (["Ränteintäkter"], ("2 588", "3 065")), (["Summa intäkter"], ("5 188", "5 588")),
        (["Verksamhetens", "kostnader"], None), (["Arvoden till", "styrelsen"], ("-3 768", "-2 652")),
        (["Lokalhyra"], ("-3 063", "-3 068")), (["Summa", "verksamhetens", "kostnader"], ("-6 831", "-5 720")),
        (["Årets resultat"], ("-1 643", "-132"))]
TOTALS = ("Summa intäkter", "Summa verksamhetens kostnader", "Årets resultat")


def _draw(path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont(_font(), 8)
    y = A4[1] - 100
    page.drawString(60, y, "tkr")
    page.drawRightString(200, y, "Budget 2025")
    page.drawRightString(270, y, "Budget 2026")
    y -= 8
    for labels, amounts in ROWS:
        y -= 6  # cell padding
        if " ".join(labels) in TOTALS:
            page.line(56, y + 4, 274, y + 4)
        for k, text in enumerate(labels):
            y -= 9.6 if k else 8
            page.drawString(60, y, text)
        if amounts:
            page.drawRightString(200, y, amounts[0])
            page.drawRightString(270, y, amounts[1])
    page.save()


def test_wrapped_bottom_aligned_labels_and_ruled_totals_stay_one_table(tmp_path):
    path = tmp_path / "rows.pdf"
    _draw(path)
    tables = parse_pdf(path, "rows.pdf", LayoutSettings()).tables
    assert len(tables) == 1
    rows = [[c["text"] for c in row] for row in tables[0]["rows"]]
    assert rows[0][1:] == ["Budget 2025", "Budget 2026"]
    data = [r for r in rows[1:] if r[1]]
    # "Arbetsförmedlin" ends at the column's edge, broken mid-word; "verksamhetens" ends there too, but
    # "kostnader" goes on as a whole word (parse/wordbreak.py)
    assert data == [[" ".join(labels).replace("Arbetsförmedlin gen", "Arbetsförmedlingen"), *amounts]
                    for labels, amounts in ROWS if amounts]
