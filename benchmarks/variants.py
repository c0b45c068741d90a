"""Layout variants of the sample plans, drawn from their text form with reportlab.

Each variant is the whole plan (prose, bullets, tables) in one layout that real förbund publish:
ruled Word tables, borderless tables, tab-stop columns, wrapped labels, tables split over pages,
landscape pages, rotated pages and scanned pages; benchmarks/variants_extra.py adds web pages printed
by Chromium, zebra ledgers, dot leaders and two-column pages. Files are named ``<stem>-<style>.pdf`` so
score.py scores them against the same gold as the original.

    python -m benchmarks.variants raw/ /tmp/variants [--style borderless ...]
"""

from __future__ import annotations

import argparse
import glob
import random
import re
from functools import lru_cache
from pathlib import Path

STYLES = ("ruled", "borderless", "tabstops", "wrapped", "split", "landscape", "rotated", "scanned", "scanned-200dpi",
          "web", "ledger", "leaders", "twocolumn")  # the last four drawn in benchmarks/variants_extra.py
_NUMBER = re.compile(r"^[-−–]?\s*\d[\d \u00a0]*(,\d+)?\s*(%|kr|tkr)?\**$")


def register_font(name: str, candidates: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """Register the first installed (regular, bold) TrueType pair as name / name-Bold; None if none is."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in candidates:
        found = glob.glob(f"/usr/share/fonts/**/{regular}", recursive=True)
        found_bold = glob.glob(f"/usr/share/fonts/**/{bold}", recursive=True)
        if found and found_bold:
            pdfmetrics.registerFont(TTFont(name, found[0]))
            pdfmetrics.registerFont(TTFont(f"{name}-Bold", found_bold[0]))
            return name, f"{name}-Bold"
    return None


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    fonts = register_font("Body", (("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
                                   ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")))
    if fonts is None:
        raise RuntimeError("no TrueType font with Swedish letters: apt-get install fonts-dejavu-core")
    return fonts


def read_blocks(txt: Path) -> list[tuple[str, object]]:
    """The plan as ('para', text) and ('table', rows) blocks, markup stripped."""
    from pipeline.parse.text import strip_markup

    blocks: list[tuple[str, object]] = []
    table: list[list[str]] = []
    for raw in txt.read_text(encoding="utf-8").splitlines():
        if "\t" in raw:
            table.append([strip_markup(c) for c in raw.split("\t")])
            continue
        if table:
            blocks.append(("table", table))
            table = []
        text = strip_markup(raw)
        if text:
            blocks.append(("para", text))
    if table:
        blocks.append(("table", table))
    return blocks


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip())) and any(ch.isdigit() for ch in text)


class _TabStopRow:
    """One table row typed with tab stops: label at the margin, values left-aligned at the stops.

    Cells too wide for their stop wrap onto further lines, as a typist would break them by hand.
    """

    def __new__(cls, row: list[str], stops: list[float], label_width: float, value_width: float, bold: bool):
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Flowable

        font = _fonts()[1 if bold else 0]
        widths = [label_width] + [value_width - 6] * len(stops)
        lefts = [0.0] + stops

        class Row(Flowable):
            def wrap(self, *_):
                self.cells = [_wrap_words(text, font, 9, width, stringWidth)
                              for text, width in zip(row, widths, strict=True)]
                return (lefts[-1] + widths[-1], 11.5 * max(len(c) for c in self.cells))

            def draw(self):
                top = 11.5 * (max(len(c) for c in self.cells) - 1)
                self.canv.setFont(font, 9)
                for x, lines in zip(lefts, self.cells, strict=True):
                    for i, text in enumerate(lines):
                        self.canv.drawString(x, top - 11.5 * i, text)

        return Row()


def _wrap_words(text: str, font: str, size: float, width: float, measure) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and measure(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    return lines + [current] if current or not lines else lines


def _widest(rows: list[list[str]], font: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return max((stringWidth(c, font, 9) for r in rows[1:] for c in r[1:]), default=0.0)


def _table_flowables(rows: list[list[str]], style: str, width: float, index: int) -> list:
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

    regular, bold = _fonts()
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    value_width = min(max(70.0, _widest(rows, regular) + 14), (width - 150) / max(1, ncols - 1))
    if style == "tabstops":
        from reportlab.pdfbase.pdfmetrics import stringWidth

        header_width = max([stringWidth(c, bold, 9) + 12 for c in rows[0][1:]], default=0)
        value_width = min(max(value_width, header_width), (width - 150) / max(1, ncols - 1))
        label_width = min(250.0, width - value_width * (ncols - 1) - 12)
        stops = [label_width + 12 + value_width * j for j in range(ncols - 1)]
        return [_TabStopRow(r, stops, label_width, value_width, i == 0) for i, r in enumerate(rows)] + [Spacer(1, 8)]
    label_width = 150.0 if style == "wrapped" else max(140.0, width - value_width * (ncols - 1))
    label_style = ParagraphStyle("cell", fontName=regular, fontSize=9, leading=11, splitLongWords=False)
    head_style = ParagraphStyle("head", fontName=bold, fontSize=9, leading=11, alignment=2)
    # words in value columns wrap inside their cell, as Word does; amounts stay on one line
    data = [[Paragraph(_escape(r[0]), label_style)]
            + [c if _is_number(c) else Paragraph(_escape(c), head_style) for c in r[1:]] for r in rows]
    commands = [("FONT", (0, 0), (-1, -1), regular, 9), ("FONT", (0, 0), (-1, 0), bold, 9),
                ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM" if style == "wrapped" and index % 2 else "TOP")]
    if style in ("ruled", "split", "scanned", "scanned-200dpi"):
        commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table = Table(data, colWidths=[label_width] + [value_width] * (ncols - 1),
                  repeatRows=1 if index % 2 == 0 else 0, style=TableStyle(commands))
    before = [Spacer(1, 560)] if style == "split" else []
    return before + [table, Spacer(1, 8)]


def _story(blocks, style: str, width: float) -> list:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    regular, bold = _fonts()
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13, spaceAfter=5)
    heading = ParagraphStyle("heading", parent=body, fontName=bold, fontSize=12, leading=15, spaceBefore=6)
    story, tables = [], 0
    for kind, content in blocks:
        if kind == "table":
            story += _table_flowables(content, style, width, tables)
            tables += 1
            continue
        text = str(content)
        is_heading = len(text) < 60 and not text.endswith((".", ":", ",")) and not text.startswith("-")
        story.append(Paragraph(_escape(text), heading if is_heading else body))
    return story


def render(txt: Path, out: Path, style: str, *, seed: int = 0) -> Path:
    """Draw the plan in ``txt`` as a PDF in one layout style; returns the written path."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; choose one of {', '.join(STYLES)}")
    from benchmarks.variants_extra import EXTRA_STYLES, render_extra

    if style in EXTRA_STYLES:
        return render_extra(txt, out, style)
    regular, _ = _fonts()
    pagesize = landscape(A4) if style in ("landscape", "rotated") else A4
    blocks = read_blocks(txt)
    header = str(next(c for k, c in blocks if k == "para"))[:80]

    def running_header(canvas, doc):
        canvas.saveState()
        canvas.setFont(regular, 8)
        canvas.drawString(50, pagesize[1] - 30, header)
        canvas.drawString(50, 30, "Box 123, 111 22 Exempelstad · info@exempel.se")
        canvas.drawRightString(pagesize[0] - 50, 30, f"Sida {doc.page}")
        canvas.restoreState()

    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(out), pagesize=pagesize, leftMargin=50, rightMargin=50, topMargin=55,
                            bottomMargin=55, title=header)
    doc.build(_story(blocks, style, pagesize[0] - 100), onFirstPage=running_header, onLaterPages=running_header)
    if style == "rotated":
        _rotate_pages(out)
    if style.startswith("scanned"):
        _scan(out, seed, dpi=200 if style.endswith("200dpi") else 300)
    return out


def _rotate_pages(path: Path) -> None:
    """Set /Rotate on every page, as a scanner or a 'rotate and save' in a viewer does."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    for page in pdf:
        page.set_rotation(90)
    tmp = path.with_suffix(".tmp")
    pdf.save(str(tmp))
    pdf.close()
    tmp.replace(path)


def _scan(path: Path, seed: int, dpi: int = 300) -> None:
    """Replace every page with a noisy, slightly skewed grey image of itself (no text layer)."""
    import numpy as np
    import pypdfium2
    from PIL import Image

    rng = random.Random(seed)
    pdf = pypdfium2.PdfDocument(str(path))
    images = []
    for page in pdf:
        image = page.render(scale=dpi / 72).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.4, 0.4), expand=False, fillcolor=255)
        pixels = np.asarray(image, dtype=np.int16)
        noise = np.random.default_rng(seed).normal(0, 12, pixels.shape)
        images.append(Image.fromarray(np.clip(pixels + noise, 0, 255).astype(np.uint8)))
    pdf.close()
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", type=Path, help="folder with the sample plans as .txt")
    parser.add_argument("out", type=Path, help="folder to write <stem>-<style>.pdf into")
    parser.add_argument("--style", action="append", choices=STYLES, help="layout style (repeatable; default all)")
    args = parser.parse_args()
    for txt in sorted(args.raw.glob("*.txt")):
        for style in args.style or STYLES:
            print(render(txt, args.out / f"{txt.stem}-{style}.pdf", style))


if __name__ == "__main__":
    main()
