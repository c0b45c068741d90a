"""Four more layouts real förbund publish, each drawn by its own route (held out from tuning).

``web``        the plan as an HTML page (CSS table: shaded header row, right-aligned amounts, light
               rules), printed to PDF by headless Chromium;
``ledger``     reportlab tables with zebra-striped row fills, no rules, bold header, amounts right;
``leaders``    each row typed as label + dot leaders running to right-aligned amounts
               ("Lokalhyra ............ 120 000"), header years right-aligned over them;
``twocolumn``  A4 portrait with two text columns: prose flows through both, each table sits inside
               one column in a narrow font, labels wrap.

Same text and table values as the sample plans, so the gold still holds. Used through
``benchmarks.variants`` (``python -m benchmarks.variants raw/ OUT --style web``).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

from benchmarks.variants import _escape, _fonts, _is_number, _wrap_words, read_blocks, register_font

EXTRA_STYLES = ("web", "ledger", "leaders", "twocolumn")
_YEAR = re.compile(r"^(19|20)\d\d$")
_ZEBRA = "#e6e6e6"


def _is_heading(text: str) -> bool:
    return len(text) < 60 and not text.endswith((".", ":", ",")) and not text.startswith("-")


def _square(rows: list[list[str]]) -> list[list[str]]:
    ncols = max(len(r) for r in rows)
    return [r + [""] * (ncols - len(r)) for r in rows]


def _is_header_row(row: list[str], index: int) -> bool:
    """The first row, or a row whose value cells are words or years only (a second header inside a table)."""
    values = [c for c in row[1:] if c.strip()]
    if index == 0:
        return True
    return bool(values) and all(not _is_number(c) or _YEAR.match(c.strip()) for c in values)


def _is_numeric(rows: list[list[str]]) -> bool:
    """A table of amounts (or page numbers), as opposed to a table of prose cells."""
    values = [c for r in rows[1:] for c in r[1:] if c.strip()]
    return bool(values) and sum(_is_number(c) for c in values) >= 0.6 * len(values)


@lru_cache(maxsize=1)
def _narrow() -> tuple[str, str]:
    """Liberation Sans Narrow for tables in a text column (DejaVu Sans Condensed if it is missing)."""
    return register_font("Narrow", (("LiberationSansNarrow-Regular.ttf", "LiberationSansNarrow-Bold.ttf"),
                                    ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf"))) or _fonts()


# --- web: HTML + CSS printed by headless Chromium -------------------------------------------------

_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm 16mm; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #222;
       line-height: 1.4; }
h1 { font-size: 18pt; color: #1d4f73; margin: 0 0 8pt; }
h2 { font-size: 13pt; color: #1d4f73; margin: 14pt 0 4pt; }
p { margin: 0 0 6pt; }
table { border-collapse: collapse; margin: 8pt 0 12pt; font-size: 9.5pt; }
table.amounts { width: auto; min-width: 55%; }
table.prose { width: 100%; }
th, td { padding: 4px 10px; vertical-align: top; border-bottom: 1px solid #e3e3e3; }
th { background: #d9e6f2; font-weight: bold; text-align: left; }
th.num, td.num { text-align: right; white-space: nowrap; }
tr.sub th { background: #eef3f8; }
"""


def _html(blocks) -> str:
    parts, first = [], True
    for kind, content in blocks:
        if kind == "table":
            rows = _square(content)
            numeric = _is_numeric(rows)
            out = [f'<table class="{"amounts" if numeric else "prose"}">']
            for i, row in enumerate(rows):
                header = _is_header_row(row, i) if numeric else i == 0
                tag = "th" if header else "td"
                cells = []
                for j, cell in enumerate(row):
                    right = numeric and j > 0 and (header or _is_number(cell))
                    cls = ' class="num"' if right else ""
                    cells.append(f"<{tag}{cls}>{html.escape(cell)}</{tag}>")
                if i == 0:
                    out.append("<thead><tr>" + "".join(cells) + "</tr></thead><tbody>")
                else:
                    out.append(("<tr class='sub'>" if header else "<tr>") + "".join(cells) + "</tr>")
            out.append("</tbody></table>")
            parts.append("\n".join(out))
            continue
        text = html.escape(str(content))
        if first:
            parts.append(f"<h1>{text}</h1>")
            first = False
        elif _is_heading(text):
            parts.append(f"<h2>{text}</h2>")
        else:
            parts.append(f"<p>{text}</p>")
    title = html.escape(str(next(c for k, c in blocks if k == "para"))[:80])
    return (f'<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>{title}</title>'
            f"<style>{_CSS}</style></head>\n<body>\n<main>\n" + "\n".join(parts) + "\n</main>\n</body></html>\n")


def chromium() -> str | None:
    """The headless browser to print with, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    return None


def _render_web(txt: Path, out: Path) -> Path:
    browser = chromium()
    if browser is None:
        raise RuntimeError("the web style needs Chromium: apt-get install chromium")
    with tempfile.TemporaryDirectory(prefix="finsam-web-") as tmp:
        page = Path(tmp) / f"{txt.stem}.html"
        page.write_text(_html(read_blocks(txt)), encoding="utf-8")
        target = out.resolve()
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--user-data-dir={tmp}/profile", f"--print-to-pdf={target}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    if not target.exists():
        raise RuntimeError(f"Chromium wrote no PDF for {txt}")
    return out


# --- ledger: zebra-striped rows, no rules -----------------------------------------------------------

def _ledger_table(rows: list[list[str]], width: float) -> list:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    regular, bold = _fonts()
    rows = _square(rows)
    ncols = len(rows[0])
    numeric = _is_numeric(rows)
    cell = ParagraphStyle("ledger-cell", fontName=regular, fontSize=9, leading=11)
    head = ParagraphStyle("ledger-head", parent=cell, fontName=bold)
    head_right = ParagraphStyle("ledger-head-r", parent=head, alignment=2)
    if numeric and ncols > 1:
        widest = max(stringWidth(c, regular, 9) for r in rows for c in r[1:])
        value_width = min(max(64.0, widest + 16), (width - 140) / (ncols - 1))
        widths = [width - value_width * (ncols - 1)] + [value_width] * (ncols - 1)
    else:
        widths = [width / ncols] * ncols
    data, commands = [], [("FONT", (0, 0), (-1, -1), regular, 9), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    for i, row in enumerate(rows):
        header = _is_header_row(row, i) if numeric else i == 0
        line = []
        for j, text in enumerate(row):
            if numeric and j > 0 and _is_number(text) and not header:
                line.append(text)
            elif header:
                line.append(Paragraph(_escape(text), head_right if numeric and j > 0 else head))
            else:
                line.append(Paragraph(_escape(text), cell))
        data.append(line)
        if header:
            commands.append(("FONT", (0, i), (-1, i), bold, 9))
    if numeric:
        commands.append(("ALIGN", (1, 0), (-1, -1), "RIGHT"))
    # every other body row shaded light grey; the header row is left white
    commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.HexColor(_ZEBRA), None]))
    return [Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands)), Spacer(1, 10)]


# --- leaders: label ......... amount, typed with a dot-leader tab -----------------------------------

class _LeaderRow:
    """One table row drawn on the canvas: label, dot leaders, amounts right-aligned at tab stops."""

    def __new__(cls, row: list[str], rights: list[float], label_width: float, value_width: float, header: bool):
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Flowable

        regular, bold = _fonts()
        font = bold if header else regular
        size, leading = 9, 12.0

        class Row(Flowable):
            def wrap(self, *_):
                self.label = _wrap_words(row[0], font, size, label_width, stringWidth)
                self.values = [_wrap_words(v, font, size, value_width - 6, stringWidth) if header else [v]
                               for v in row[1:]]
                self.lines = max([len(self.label)] + [len(v) for v in self.values])
                return (rights[-1], leading * self.lines + 2)

            def draw(self):
                c = self.canv
                c.setFont(font, size)
                bottom = 2.0
                # the label's last line shares the baseline with the amounts (a wrapped label ends at the tab)
                for k, text in enumerate(self.label):
                    c.drawString(0, bottom + leading * (len(self.label) - 1 - k), text)
                starts = []
                for right, lines in zip(rights, self.values, strict=True):
                    for k, text in enumerate(lines):
                        c.drawRightString(right, bottom + leading * (len(lines) - 1 - k), text)
                    if lines and lines[-1]:
                        starts.append(right - stringWidth(lines[-1], font, size))
                if header or not starts or not row[0].strip():
                    return
                start = stringWidth(self.label[-1], font, size) + 4
                dot = stringWidth(".", font, size)
                count = int((starts[0] - 4 - start) / dot)
                if count >= 3:
                    c.drawRightString(starts[0] - 4, bottom, "." * count)

        return Row()


def _leader_table(rows: list[list[str]], width: float) -> list:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Spacer

    rows = _square(rows)
    ncols = len(rows[0])
    if ncols < 2 or not _is_numeric(rows):
        return _plain_table(rows, width)
    regular, bold = _fonts()
    widest = max(stringWidth(c, regular, 9) for r in rows for c in r[1:] if _is_number(c))
    value_width = max(58.0, widest + 18)
    for r in rows:  # room for a header's longest word
        if _is_header_row(r, 0):
            value_width = max(value_width, max((stringWidth(w, bold, 9) + 10 for c in r[1:] for w in c.split()),
                                               default=0))
    value_width = min(value_width, (width - 150) / (ncols - 1))
    rights = [width - value_width * (ncols - 2 - j) for j in range(ncols - 1)]
    label_width = rights[0] - value_width - 30
    flow = [_LeaderRow(r, rights, label_width, value_width, _is_header_row(r, i)) for i, r in enumerate(rows)]
    return flow + [Spacer(1, 10)]


def _plain_table(rows: list[list[str]], width: float, font_size: float = 9, fonts: tuple[str, str] | None = None):
    """A table of prose cells: no rules, bold header, every column as wide."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    regular, bold = fonts or _fonts()
    rows = _square(rows)
    cell = ParagraphStyle("plain", fontName=regular, fontSize=font_size, leading=font_size + 2.5)
    head = ParagraphStyle("plain-head", parent=cell, fontName=bold)
    data = [[Paragraph(_escape(c), head if i == 0 else cell) for c in r] for i, r in enumerate(rows)]
    table = Table(data, colWidths=[width / len(rows[0])] * len(rows[0]), repeatRows=1,
                  style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return [table, Spacer(1, 10)]


# --- twocolumn: two frames per page, each table in one column -------------------------------------

def _column_table(rows: list[list[str]], width: float) -> list:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    regular, bold = _narrow()
    rows = _square(rows)
    ncols = len(rows[0])
    if ncols < 2 or not _is_numeric(rows):
        return _plain_table(rows, width, 7.5, (regular, bold))
    size = 7.5
    widest = max(stringWidth(c, regular, size) for r in rows for c in r[1:] if _is_number(c))
    value_width = min(max(34.0, widest + 8), (width - 60) / (ncols - 1))
    widths = [width - value_width * (ncols - 1)] + [value_width] * (ncols - 1)
    cell = ParagraphStyle("col-cell", fontName=regular, fontSize=size, leading=size + 1.5)
    head = ParagraphStyle("col-head", parent=cell, fontName=bold)
    head_right = ParagraphStyle("col-head-r", parent=head, alignment=2)
    data, commands = [], [("FONT", (0, 0), (-1, -1), regular, size), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                          ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 2),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                          ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    for i, row in enumerate(rows):
        header = _is_header_row(row, i)
        line = [Paragraph(_escape(row[0]), head if header else cell)]
        for text in row[1:]:
            line.append(Paragraph(_escape(text), head_right) if header or not _is_number(text) else text)
        data.append(line)
        if header:
            commands.append(("LINEBELOW", (0, i), (-1, i), 0.6, colors.black))
    commands.append(("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black))
    return [Table(data, colWidths=widths, repeatRows=1, style=TableStyle(commands)), Spacer(1, 8)]


# --- the reportlab styles' story and page ----------------------------------------------------------

def _story(blocks, style: str, width: float) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    regular, bold = _fonts()
    size = 9 if style == "twocolumn" else 10
    body = ParagraphStyle("body", fontName=regular, fontSize=size, leading=size + 3, spaceAfter=5)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=size + 2, leading=size + 5,
                             spaceBefore=6)
    table = {"ledger": _ledger_table, "leaders": _leader_table, "twocolumn": _column_table}[style]
    story = []
    for kind, content in blocks:
        if kind == "table":
            story += table(content, width)
        else:
            text = str(content)
            story.append(Paragraph(_escape(text), heading if _is_heading(text) else body))
    return story


def render_extra(txt: Path, out: Path, style: str) -> Path:
    """Draw the plan in ``txt`` in one of EXTRA_STYLES; returns the written path."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    if style not in EXTRA_STYLES:
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(EXTRA_STYLES)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    if style == "web":
        return _render_web(txt, out)
    regular, _ = _fonts()
    blocks = read_blocks(txt)
    header = str(next(c for k, c in blocks if k == "para"))[:80]
    page_width, page_height = A4

    def running_header(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(50, page_height - 30, header)
        canvas.drawString(50, 30, "Box 123, 111 22 Exempelstad · info@exempel.se")
        canvas.drawRightString(page_width - 50, 30, f"Sida {doc.page}")
        canvas.restoreState()

    margin, top, gutter = 50.0, 55.0, 18.0
    height = page_height - 2 * top
    if style == "twocolumn":
        column = (page_width - 2 * margin - gutter) / 2
        frames = [Frame(margin, top, column, height, id="left", leftPadding=0, rightPadding=0),
                  Frame(margin + column + gutter, top, column, height, id="right", leftPadding=0, rightPadding=0)]
        width = column
    else:
        width = page_width - 2 * margin
        frames = [Frame(margin, top, width, height, id="body", leftPadding=0, rightPadding=0)]
    doc = BaseDocTemplate(str(out), pagesize=A4, title=header,
                          pageTemplates=[PageTemplate(id=style, frames=frames, onPage=running_header)])
    doc.build(_story(blocks, style, width))
    return out
