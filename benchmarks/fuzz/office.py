"""Layout families printed by real office engines.

  html-chromium      an HTML page with web-style CSS, printed by headless Chromium
  docx-libreoffice   a Word document (python-docx) converted by LibreOffice
  xlsx-libreoffice   a spreadsheet (openpyxl, Swedish number formats) printed by LibreOffice

Sources are written first; ``print_html`` and ``convert_office`` turn whole batches into PDFs.
"""

from __future__ import annotations

import html
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

from .cells import Grid, build_grid, unit_note
from .render import CSS_FONTS
from .spec import DocSpec, Style, TableSpec

PAGE_CSS = {"A4": "A4", "Letter": "letter", "A4-landscape": "A4 landscape"}


# ---------------------------------------------------------------- HTML / Chromium

def _css(style: Style, seed: str) -> str:
    rng = random.Random(seed + ":css")
    head_bg = rng.choice(["transparent", "#1f4e79", "#dde6ef", "transparent"])
    head_fg = "#fff" if head_bg == "#1f4e79" else "#000"
    rules = {"grid": "th, td { border: 1px solid #555; }",
             "horizontal": "thead tr:last-child th { border-bottom: 2px solid #333; } "
                           "tr.total td, tr.result td { border-top: 1px solid #333; }",
             "none": ""}[style.rules]
    zebra = "tbody tr:nth-child(even) td { background: #eef3f8; }" if style.zebra else ""
    return (f"@page {{ size: {PAGE_CSS[style.page]}; margin: 18mm; }} "
            f"body {{ font-family: '{CSS_FONTS[style.font]}'; font-size: {style.font_size}pt; "
            "-webkit-print-color-adjust: exact; print-color-adjust: exact; } "
            f"h1 {{ font-size: {style.font_size + 6}pt; }} "
            "table { border-collapse: collapse; margin: 4pt 0 16pt; } "
            f"th, td {{ padding: {rng.choice([2, 3, 5])}px {rng.choice([6, 8, 12])}px; }} "
            f"th {{ text-align: {style.header_align}; background: {head_bg}; color: {head_fg}; }} "
            "th.label, td.label { text-align: left; } td.num { text-align: right; white-space: nowrap; } "
            "tr.total td, tr.result td, tr.section td { font-weight: bold; } "
            f"caption {{ text-align: left; font-weight: bold; caption-side: top; }} {rules} {zebra}")


def _html_table(table: TableSpec, grid: Grid, use_caption: bool) -> str:
    parts = []
    if table.caption and not use_caption:
        parts.append(f"<h3>{html.escape(table.caption)}</h3>")
    if unit_note(table):
        parts.append(f"<p class='note'>{html.escape(unit_note(table))}</p>")
    parts.append("<table>")
    if table.caption and use_caption:
        parts.append(f"<caption>{html.escape(table.caption)}</caption>")
    parts.append("<thead>")
    for row in grid.header:
        cells = "".join(f"<th{f' colspan={span}' if span > 1 else ''}{' class=label' if j == 0 else ''}>"
                        f"{html.escape(text)}</th>" for j, (text, span) in enumerate(row))
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</thead><tbody>")
    for role, cells in grid.body:
        tds = "".join(f"<td class={'num' if grid.numeric[j] else 'label'}>{html.escape(c)}</td>"
                      for j, c in enumerate(cells))
        parts.append(f"<tr class={role}>{tds}</tr>")
    parts.append("</tbody></table>")
    return "\n".join(parts)


def write_html(doc: DocSpec, path: Path) -> Path:
    rng = random.Random(doc.seed + ":html")
    body = [f"<h1>{html.escape(doc.title)}</h1>"] + [f"<p>{html.escape(p)}</p>" for p in doc.paragraphs[:2]]
    for k, table in enumerate(doc.tables):
        body.append(_html_table(table, build_grid(table), rng.random() < 0.5))
        if k + 2 < len(doc.paragraphs):
            body.append(f"<p>{html.escape(doc.paragraphs[k + 2])}</p>")
    page = (f"<!doctype html><html lang=sv><head><meta charset=utf-8><title>{html.escape(doc.title)}</title>"
            f"<style>{_css(doc.style, doc.seed)}</style></head><body>{''.join(body)}</body></html>")
    path.write_text(page, encoding="utf-8")
    return path


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_html(source: Path, pdf: Path, timeout: float = 90) -> Path:
    """One headless Chromium per file, with its own profile so parallel prints do not collide."""
    with tempfile.TemporaryDirectory(prefix="fuzz-chromium-") as profile:
        cmd = [chromium() or "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
               f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", source.resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)
    if not pdf.exists():
        raise RuntimeError(f"chromium printed nothing for {source}")
    return pdf


# ---------------------------------------------------------------- LibreOffice

def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_office(sources: list[Path], out_dir: Path, profile: Path, timeout: float = 900) -> None:
    """One LibreOffice process converts the whole batch to PDF (named like each source)."""
    if not sources:
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    cmd = [soffice() or "soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
           "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=timeout)


def _xml_border(cell, edges: dict[str, str]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for edge, size in edges.items():
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), size)
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tc_pr.append(borders)


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _docx_cell(cell, text: str, align, bold: bool) -> None:
    para = cell.paragraphs[0]
    para.alignment = align
    run = para.add_run(text)
    run.bold = bold


def _docx_table(document, grid: Grid, style: Style) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH as AL

    head_align = {"left": AL.LEFT, "center": AL.CENTER, "right": AL.RIGHT}[style.header_align]
    t = document.add_table(rows=len(grid.header) + len(grid.body), cols=grid.width)
    if style.rules == "grid":
        t.style = "Table Grid"
    for r, row in enumerate(grid.header):
        j = 0
        for text, span in row:
            cell = t.cell(r, j) if span == 1 else t.cell(r, j).merge(t.cell(r, j + span - 1))
            _docx_cell(cell, text, AL.LEFT if j == 0 else AL.CENTER if span > 1 else head_align, True)
            if style.rules == "horizontal" and r == len(grid.header) - 1:
                _xml_border(cell, {"bottom": "8"})
            j += span
    for i, (role, cells) in enumerate(grid.body):
        r = len(grid.header) + i
        for j, text in enumerate(cells):
            cell = t.cell(r, j)
            _docx_cell(cell, text, AL.RIGHT if grid.numeric[j] else AL.LEFT, role != "item")
            if style.rules == "horizontal" and role in ("total", "result"):
                _xml_border(cell, {"top": "6"})
            if style.zebra and i % 2:
                _shade(cell, "E8EEF4")


def write_docx(doc: DocSpec, path: Path) -> Path:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = CSS_FONTS[doc.style.font]
    normal.font.size = Pt(doc.style.font_size)
    section = document.sections[0]
    width, height = {"A4": (210, 297), "Letter": (216, 279), "A4-landscape": (297, 210)}[doc.style.page]
    section.page_width, section.page_height = Mm(width), Mm(height)
    if width > height:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.left_margin = section.right_margin = Mm(20)
    document.add_heading(doc.title, level=1)
    for p in doc.paragraphs[:2]:
        document.add_paragraph(p)
    for k, table in enumerate(doc.tables):
        if table.caption:
            document.add_paragraph().add_run(table.caption).bold = True
        if unit_note(table):
            document.add_paragraph(unit_note(table))
        _docx_table(document, build_grid(table), doc.style)
        document.add_paragraph("")
        if k + 2 < len(doc.paragraphs):
            document.add_paragraph(doc.paragraphs[k + 2])
    document.save(str(path))
    return path


NEG = {"hyphen": '-{}', "hyphen-space": '"- "{}', "minus": '"\u2212"{}', "parens": "({})", "en-dash": '"\u2013"{}'}


def _number_format(table: TableSpec) -> str:
    """Swedish grouping through the locale code [$-41D]; the table's negative style as a second section."""
    pos = "#,##0" + ("." + "0" * table.decimals if table.decimals else "")
    return f"[$-41D]{pos};{NEG[table.sign_style].format(pos)}"


def _xlsx_table(ws, table: TableSpec, top: int, style: Style) -> int:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    grid, fmt = build_grid(table), _number_format(table)
    regular, bold = Font(name=CSS_FONTS[style.font], size=style.font_size), Font(
        name=CSS_FONTS[style.font], size=style.font_size, bold=True)
    thin = Side(style="thin")
    line = {"grid": Border(thin, thin, thin, thin), "horizontal": Border(bottom=thin), "none": Border()}[style.rules]
    r = top
    for text in (table.caption, unit_note(table)):
        if text:
            ws.cell(r, 1, text).font = bold if text == table.caption else regular
            r += 1
    for row in grid.header:
        j = 1
        for text, span in row:
            cell = ws.cell(r, j, text)
            cell.font, cell.border = bold, line
            cell.alignment = Alignment(horizontal="left" if j == 1 else "center" if span > 1 else style.header_align)
            if span > 1:
                ws.merge_cells(start_row=r, start_column=j, end_row=r, end_column=j + span - 1)
            j += span
        r += 1
    for i, ((role, cells), spec_row) in enumerate(zip(grid.body, table.rows, strict=True)):
        values = dict(zip(grid.amount_cols, spec_row.values, strict=False))
        for j, text in enumerate(cells):
            value = values.get(j)
            cell = ws.cell(r, j + 1, text if value is None else value / 10 ** table.decimals)
            cell.number_format = fmt if value is not None else "@"
            cell.font = bold if role != "item" else regular
            cell.alignment = Alignment(horizontal="right" if grid.numeric[j] else "left")
            cell.border = Border(top=thin) if style.rules == "horizontal" and role != "item" else (
                line if style.rules == "grid" else Border())
            if style.zebra and i % 2:
                cell.fill = PatternFill("solid", fgColor="E8EEF4")
        r += 1
    return r + 1


def _header_widths(doc: DocSpec) -> dict[int, int]:
    """The longest one-column header text over each grid column (0-based) of the sheet's tables."""
    widths: dict[int, int] = {}
    for table in doc.tables:
        for row in build_grid(table).header:
            j = 0
            for text, span in row:
                if span == 1:
                    widths[j] = max(widths.get(j, 0), len(text))
                j += span
    return widths


def write_xlsx(doc: DocSpec, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.cell(1, 1, doc.title).font = Font(name=CSS_FONTS[doc.style.font], size=doc.style.font_size + 4, bold=True)
    for i, p in enumerate(doc.paragraphs[:2]):
        ws.cell(2 + i, 1, p).font = Font(name=CSS_FONTS[doc.style.font], size=doc.style.font_size)
    r = 5
    for table in doc.tables:
        r = _xlsx_table(ws, table, r, doc.style)
    longest = max(len(row.label) for t in doc.tables for row in t.rows)
    ws.column_dimensions["A"].width = longest * 1.1 + 4
    for j in range(2, 10):
        ws.column_dimensions[chr(64 + j)].width = 13
    # a header wider than its column would be cut off at the next cell (its text is in the PDF, but
    # not on the page): the author widens that column, as anyone printing the sheet would
    for j, chars in _header_widths(doc).items():
        letter = chr(65 + j)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width, chars * 1.2 + 2)
    ws.page_setup.orientation = "landscape" if doc.style.page == "A4-landscape" else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_LETTER if doc.style.page == "Letter" else ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = random.Random(doc.seed + ":fit").random() < 0.6
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    wb.save(str(path))
    return path


WRITERS = {"html-chromium": (write_html, ".html"), "docx-libreoffice": (write_docx, ".docx"),
           "xlsx-libreoffice": (write_xlsx, ".xlsx")}
