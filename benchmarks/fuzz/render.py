"""Layout families drawn with reportlab, and the registry of every family (office.py has the others).

  reportlab-ruled       a Word-like table with a full grid
  reportlab-borderless  no grid: rules under the header and above totals, or none; zebra rows; dot leaders
  reportlab-twocolumn   a two-column page, the table in one column and prose in the other
  reportlab-split       a long table broken over a page, with or without a repeated header
"""

from __future__ import annotations

import glob
import random
from functools import cache
from pathlib import Path

from .cells import Grid, build_grid, unit_note
from .spec import DocSpec, Style, TableSpec

FONTS = {"DejaVuSans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
         "DejaVuSerif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"),
         "LiberationSans": ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
         "LiberationSerif": ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf")}
CSS_FONTS = {"DejaVuSans": "DejaVu Sans", "DejaVuSerif": "DejaVu Serif", "LiberationSans": "Liberation Sans",
             "LiberationSerif": "Liberation Serif"}


@cache
def font(name: str) -> tuple[str, str]:
    """Register a Swedish-capable TrueType pair with reportlab: (regular, bold) names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for suffix, file in zip(("", "-Bold"), FONTS[name], strict=True):
        found = glob.glob(f"/usr/share/fonts/**/{file}", recursive=True)
        if not found:
            raise RuntimeError(f"font {file} missing: apt-get install fonts-dejavu-core fonts-liberation")
        pdfmetrics.registerFont(TTFont(name + suffix, found[0]))
        names.append(name + suffix)
    return names[0], names[1]


def page_size(style: Style) -> tuple[float, float]:
    from reportlab.lib.pagesizes import A4, landscape, letter

    return {"A4": A4, "Letter": letter, "A4-landscape": landscape(A4)}[style.page]


def _styles(style: Style) -> dict:
    from reportlab.lib.styles import ParagraphStyle

    regular, bold = font(style.font)
    size = style.font_size
    return {"title": ParagraphStyle("t", fontName=bold, fontSize=size + 5, leading=size + 8, spaceAfter=10),
            "body": ParagraphStyle("b", fontName=regular, fontSize=size, leading=size * 1.35, spaceAfter=6),
            "caption": ParagraphStyle("c", fontName=bold, fontSize=size + 1, leading=size * 1.5, spaceBefore=8,
                                      spaceAfter=3),
            "cell": ParagraphStyle("l", fontName=regular, fontSize=size, leading=size * 1.2)}


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _widths(grid: Grid, style: Style, avail: float) -> tuple[list[float], bool]:
    """Column widths from the text; (widths, wrap labels) when the natural widths overflow ``avail``."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    bold = font(style.font)[1]
    cols = [[r[1][j] for r in grid.body] for j in range(grid.width)]
    for row in grid.header:
        j = 0
        for text, span in row:
            if span == 1:
                cols[j].append(text)
            j += span
    widths = [max(stringWidth(t, bold, style.font_size) for t in col) + 12 for col in cols]
    if style.leaders:
        widths[0] += 50
    if sum(widths) <= avail:
        return widths, False
    widths[0] = max(70.0, avail - sum(widths[1:]))
    return widths, True


def _fit(grid: Grid, style: Style, avail: float) -> tuple[Grid, list[float], bool]:
    """A table no wider than ``avail`` where its text allows: labels wrap, and when the amount columns
    alone leave too little room, header cells wrap at their spaces too (a layout program keeps a table
    inside its text column; reportlab would let it run into the next one)."""
    from dataclasses import replace

    from reportlab.pdfbase.pdfmetrics import stringWidth

    widths, wrap = _widths(grid, style, avail)
    if sum(widths) <= avail + 0.5:
        return grid, widths, wrap
    bold = font(style.font)[1]
    words: list[list[str]] = [[r[1][j] for r in grid.body] for j in range(grid.width)]
    for row in grid.header:
        j = 0
        for text, span in row:
            words[j] += text.split() if span == 1 else []
            j += span
    narrow = [max(stringWidth(w, bold, style.font_size) for w in col) + 12 for col in words]
    widths = [max(70.0, avail - sum(narrow[1:])), *narrow[1:]]
    header = []
    for row in grid.header:
        j, cells = 0, []
        for text, span in row:
            room = sum(widths[j:j + span]) - 12
            cells.append((_wrap_words(text, room, bold, style.font_size) if j else text, span))
            j += span
        header.append(cells)
    return replace(grid, header=header), widths, True


def _wrap_words(text: str, room: float, font_name: str, size: float) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font_name, size) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def _leader(label: str, width: float, style: Style) -> str:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular = font(style.font)[0]
    dots = int((width - 12 - stringWidth(label + " ", regular, style.font_size)) / stringWidth(".", regular,
                                                                                             style.font_size))
    return f"{label} {'.' * max(3, dots)}"


def _data(grid: Grid, style: Style, widths: list[float], wrap: bool) -> list[list]:
    from reportlab.platypus import Paragraph

    cell = _styles(style)["cell"]
    rows: list[list] = []
    for header in grid.header:
        row: list = []
        for text, span in header:
            row += [text] + [""] * (span - 1)
        rows.append(row)
    for role, cells in grid.body:
        label = cells[0]
        if style.leaders and role in ("item", "total", "result"):
            label = _leader(label, widths[0], style)
        row = [Paragraph(_esc(label), cell) if wrap else label, *cells[1:]]
        rows.append(row)
    return rows


def _commands(grid: Grid, style: Style) -> list[tuple]:
    regular, bold = font(style.font)
    nh = len(grid.header)
    align = style.header_align.upper() if style.header_align != "center" else "CENTRE"
    cmds: list[tuple] = [("FONTNAME", (0, 0), (-1, -1), regular), ("FONTSIZE", (0, 0), (-1, -1), style.font_size),
                         ("FONTNAME", (0, 0), (-1, nh - 1), bold), ("ALIGN", (1, nh), (-1, -1), "RIGHT"),
                         ("ALIGN", (1, 0), (-1, nh - 1), align), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                         ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
    for r, header in enumerate(grid.header):
        j = 0
        for _text, span in header:
            if span > 1:
                cmds.append(("SPAN", (j, r), (j + span - 1, r)))
                cmds.append(("ALIGN", (j, r), (j + span - 1, r), "CENTRE"))
            j += span
    for i, (role, _cells) in enumerate(grid.body):
        if role in ("total", "result", "section"):
            cmds.append(("FONTNAME", (0, nh + i), (-1, nh + i), bold))
        if role in ("total", "result") and style.rules == "horizontal":
            cmds.append(("LINEABOVE", (0, nh + i), (-1, nh + i), 0.6, "black"))
    if style.rules == "grid":
        cmds.append(("GRID", (0, 0), (-1, -1), 0.5, "black"))
    elif style.rules == "horizontal":
        cmds.append(("LINEBELOW", (0, nh - 1), (-1, nh - 1), 0.8, "black"))
    if style.zebra:
        cmds.append(("ROWBACKGROUNDS", (0, nh), (-1, -1), ["#ffffff", "#e8eef4"]))
    if style.rules == "grid" and random.Random(style.font + str(style.font_size)).random() < 0.5:
        cmds.append(("BACKGROUND", (0, 0), (-1, nh - 1), "#d9e2ec"))
    return cmds


def table_flowables(table: TableSpec, style: Style, avail: float) -> list:
    """Caption, unit note and the table itself, kept inside ``avail`` (see _fit): a word processor or
    layout program keeps a table inside its text area, where reportlab lets it run off the paper, and a
    cell printed beyond the paper's edge is no truth a reader can be asked for."""
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    st = _styles(style)
    grid = build_grid(table)
    grid, widths, wrap = _fit(grid, style, avail)
    out: list = []
    if table.caption:
        out.append(Paragraph(_esc(table.caption), st["caption"]))
    if unit_note(table):
        out.append(Paragraph(_esc(unit_note(table)), st["body"]))
    repeat = len(grid.header) if style.repeat_header else 0
    flow = Table(_data(grid, style, widths, wrap), colWidths=widths, repeatRows=repeat, hAlign="LEFT")
    flow.setStyle(TableStyle(_commands(grid, style)))
    return out + [flow, Spacer(1, style.font_size * 1.5)]


def _footer(doc: DocSpec):
    def draw(canvas, template) -> None:
        canvas.saveState()
        canvas.setFont(font(doc.style.font)[0], 7)
        canvas.drawString(template.leftMargin, 24, f"{doc.forbund} – sida {canvas.getPageNumber()}")
        canvas.restoreState()
    return draw


def _story(doc: DocSpec, avail: float) -> list:
    from reportlab.platypus import Paragraph

    st = _styles(doc.style)
    story: list = [Paragraph(_esc(doc.title), st["title"])]
    paras = list(doc.paragraphs)
    story += [Paragraph(_esc(p), st["body"]) for p in paras[:2]]
    for k, table in enumerate(doc.tables):
        story += table_flowables(table, doc.style, avail)
        if k + 2 < len(paras):
            story.append(Paragraph(_esc(paras[k + 2]), st["body"]))
    return story


def render_simple(doc: DocSpec, pdf: Path) -> None:
    """reportlab-ruled and reportlab-borderless: title, prose, tables on plain pages."""
    from reportlab.platypus import SimpleDocTemplate

    size = page_size(doc.style)
    tpl = SimpleDocTemplate(str(pdf), pagesize=size, leftMargin=56, rightMargin=56, topMargin=56, bottomMargin=56,
                            title=doc.title)
    tpl.build(_story(doc, size[0] - 112), onFirstPage=_footer(doc), onLaterPages=_footer(doc))


def render_split(doc: DocSpec, pdf: Path) -> None:
    """The table starts low on page 1, so it breaks; a header is repeated only when the style says so."""
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    size = page_size(doc.style)
    tpl = SimpleDocTemplate(str(pdf), pagesize=size, leftMargin=56, rightMargin=56, topMargin=56, bottomMargin=56)
    avail_w, avail_h = size[0] - 112, size[1] - 112
    st = _styles(doc.style)
    head = [Paragraph(_esc(doc.title), st["title"])] + [Paragraph(_esc(p), st["body"]) for p in doc.paragraphs]
    used = sum(f.wrap(avail_w, avail_h)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head)
    room = random.Random(doc.seed + ":split").uniform(90, 220)
    story = head + [Spacer(1, max(0.0, avail_h - used - room))]
    for table in doc.tables:
        story += table_flowables(table, doc.style, avail_w)
    tpl.build(story, onFirstPage=_footer(doc), onLaterPages=_footer(doc))


def render_twocolumn(doc: DocSpec, pdf: Path) -> None:
    """Title across the page, then two columns: the table in one, prose in the other."""
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    size = page_size(doc.style)
    margin, gap, title_h = 48, 18, 60
    col_w = (size[0] - 2 * margin - gap) / 2
    col_h = size[1] - 2 * margin - title_h
    frames = [Frame(margin, size[1] - margin - title_h, size[0] - 2 * margin, title_h, id="title"),
              Frame(margin, margin, col_w, col_h, id="left"),
              Frame(margin + col_w + gap, margin, col_w, col_h, id="right")]
    tpl = BaseDocTemplate(str(pdf), pagesize=size)
    tpl.addPageTemplates([PageTemplate("two", frames, onPage=_footer(doc))])
    st = _styles(doc.style)
    tables: list = []
    for table in doc.tables:
        tables += table_flowables(table, doc.style, col_w - 12)
    prose = [Paragraph(_esc(p), st["body"]) for p in doc.paragraphs]
    left, right = (tables, prose) if random.Random(doc.seed + ":side").random() < 0.5 else (prose, tables)
    tpl.build([Paragraph(_esc(doc.title), st["title"]), FrameBreak(), *left, FrameBreak(), *right])


REPORTLAB = {"reportlab-ruled": render_simple, "reportlab-borderless": render_simple,
             "reportlab-twocolumn": render_twocolumn, "reportlab-split": render_split}


def render_reportlab(doc: DocSpec, pdf: Path) -> Path:
    pdf.parent.mkdir(parents=True, exist_ok=True)
    REPORTLAB[doc.family](doc, pdf)
    return pdf
