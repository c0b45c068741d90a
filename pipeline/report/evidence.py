"""Evidence for a finding: the cell on its page (PDF) or its line (text), for the fact-check section."""

from __future__ import annotations

import base64
import io
from functools import lru_cache
from pathlib import Path

_MARGIN_Y = 60


def page_crop_png(pdf_path: Path, page_no: int, bbox: list[float], resolution: int = 100) -> bytes | None:
    """A PNG of the region around bbox on that page, with the cell boxed in red; None if unavailable."""
    from PIL import ImageDraw

    try:
        page, width, height = _page_image(str(pdf_path), pdf_path.stat().st_mtime_ns, page_no, resolution)
    except Exception:  # noqa: BLE001 - evidence is best effort; the finding is still listed with its place
        return None
    scale = resolution / 72
    x0, top, x1, bottom = bbox
    # the full width, so the row's label and the other years stand beside the marked cell
    upper, lower = max(0.0, top - _MARGIN_Y), min(height, bottom + _MARGIN_Y)
    image = page.crop((0, round(upper * scale), round(width * scale), round(lower * scale))).convert("RGB")
    marks = ImageDraw.Draw(image, "RGBA")  # RGBA drawing on an RGB image blends the fill over the cell
    box = [(x0 - 2) * scale, (top - 2 - upper) * scale, (x1 + 2) * scale, (bottom + 2 - upper) * scale]
    marks.rectangle(box, fill=(255, 0, 0, 30), outline=(220, 0, 0), width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@lru_cache(maxsize=8)
def _page_image(pdf_path: str, modified: int, page_no: int, resolution: int):
    """(image, width, height) of one page, rendered once however many findings point into it: the
    report once reopened and re-rendered the PDF for every flagged cell. Keyed by the file's mtime too."""
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[page_no - 1]
        image = page.to_image(resolution=resolution).original.copy()
        return image, float(page.width), float(page.height)


@lru_cache(maxsize=8)
def _text_lines(path: str) -> list[str]:
    return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()


def evidence_html(finding: dict, source: str | None) -> str:
    """An <img> (data URI) of the PDF cell, or the text line, or a note saying where to look."""
    from html import escape

    path = Path(source) if source else None
    where = f"sida {finding['page']}" if finding.get("page") else f"rad {finding['line']}" if finding.get(
        "line") else "okänd plats"
    if path and path.exists() and path.suffix.lower() == ".pdf" and finding.get("page") and finding.get("bbox"):
        png = page_crop_png(path, finding["page"], list(finding["bbox"]))
        if png:
            data = base64.b64encode(png).decode("ascii")
            return (f"<img class='evidence' alt='Utsnitt av {escape(where)} med cellen markerad' "
                    f"src='data:image/png;base64,{data}'><div class='muted'>{escape(path.name)}, {where}</div>")
    if path and path.exists() and finding.get("line"):
        lines = _text_lines(str(path))
        number = finding["line"]
        if 0 < number <= len(lines):
            return (f"<pre class='evidence'>{number}: {escape(lines[number - 1].replace(chr(9), ' │ '))}</pre>"
                    f"<div class='muted'>{escape(path.name)}, {where}</div>")
    return f"<div class='muted'>{escape(path.name if path else finding['document'])}, {where}</div>"
