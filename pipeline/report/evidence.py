"""Evidence for a finding: the cell on its page (PDF) or its line (text), for the fact-check section."""

from __future__ import annotations

import base64
import io
from pathlib import Path

_MARGIN_Y = 60


def page_crop_png(pdf_path: Path, page_no: int, bbox: list[float], resolution: int = 100) -> bytes | None:
    """A PNG of the region around bbox on that page, with the cell boxed in red; None if unavailable."""
    import pdfplumber

    try:
        with pdfplumber.open(pdf_path) as pdf:
            page = pdf.pages[page_no - 1]
            x0, top, x1, bottom = bbox
            # the full width, so the row's label and the other years stand beside the marked cell
            region = (0, max(0, top - _MARGIN_Y), float(page.width), min(float(page.height), bottom + _MARGIN_Y))
            image = page.crop(region).to_image(resolution=resolution)
            image.draw_rect((x0 - 2, top - 2, x1 + 2, bottom + 2), fill=(255, 0, 0, 30), stroke=(220, 0, 0),
                            stroke_width=2)
            buffer = io.BytesIO()
            image.annotated.save(buffer, format="PNG", optimize=True)
            return buffer.getvalue()
    except Exception:  # noqa: BLE001 - evidence is best effort; the finding is still listed with its place
        return None


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
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        number = finding["line"]
        if 0 < number <= len(lines):
            return (f"<pre class='evidence'>{number}: {escape(lines[number - 1].replace(chr(9), ' │ '))}</pre>"
                    f"<div class='muted'>{escape(path.name)}, {where}</div>")
    return f"<div class='muted'>{escape(path.name if path else finding['document'])}, {where}</div>"
