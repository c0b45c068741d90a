"""Evidence for a finding: a crop of its page (crops.py) with the column header, the summed cells and the
stated total marked, the page number, and a link that opens the source PDF at that page.

The source files are copied into the report's folder (reports/kallor/), so the links are relative and
the report can be moved or mailed as a folder; no local path is ever written into the page.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import quote

from ..load import fetch_dicts
from .crops import CropStore, page_crop_png

SOURCES_DIR = "kallor"   # reports/kallor/<document>: the copies the page links open
LEGEND = ("<span class='mk stated'>rött</span> angivet belopp, <span class='mk summed'>blått</span> raderna som "
          "summeras, <span class='mk header'>grått</span> kolumnrubriken")


def copy_sources(docs: list[dict], reports_dir: Path) -> dict[str, str]:
    """Copy each document's source file next to the report; document → relative href (no local path).
    A copy whose document is gone from the warehouse is deleted (the folder is the report's own)."""
    target_dir = reports_dir / SOURCES_DIR
    hrefs = {}
    for doc in docs:
        source = Path(doc["source_path"]) if doc.get("source_path") else None
        try:
            have = source.stat() if source else None
        except OSError:
            have = None
        if have is None:
            continue
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / doc["document"]
        try:
            copied = target.stat()
        except OSError:
            copied = None
        if copied is None or copied.st_size != have.st_size or copied.st_mtime < have.st_mtime:
            shutil.copy2(source, target)
        hrefs[doc["document"]] = f"{SOURCES_DIR}/{quote(doc['document'])}"
    if target_dir.is_dir():
        kept = {doc["document"] for doc in docs if doc["document"] in hrefs}
        for stale in (p for p in target_dir.iterdir() if p.is_file() and p.name not in kept):
            stale.unlink()
    return hrefs


def marks_for(con, finding: dict) -> list[tuple[str, list[float]]]:
    """(kind, bbox) on the finding's page: its stated cell, the cells of the rows it sums in the same
    column, and the column's header cell, so the crop shows what was added up under which heading."""
    return marks_from(cells_for(con, [finding]).get(_place(finding), []), finding)


def cells_for(con, findings: list[dict]) -> dict[tuple, list[dict]]:
    """(document, table, page) → the table's cells on that page, for every finding that marks cells: one
    query for all of them (a query per finding scans the cells once per finding)."""
    places = sorted({_place(f) for f in findings if f.get("table_no") is not None and f.get("page")})
    if not places:
        return {}
    keys = [f"{doc}\x00{table}\x00{page}" for doc, table, page in places]
    out: dict[tuple, list[dict]] = {}
    for c in fetch_dicts(con, "SELECT document, table_no, page, row_no, col_no, text, bbox FROM table_cells WHERE "
                         "document IN (SELECT unnest(?)) AND concat_ws(chr(0), document, table_no, page) IN "
                         "(SELECT unnest(?)) AND bbox IS NOT NULL ORDER BY document, table_no, page, rowid",
                         [sorted({p[0] for p in places}), keys]):
        out.setdefault((c["document"], c["table_no"], c["page"]), []).append(c)
    return out


def _place(finding: dict) -> tuple:
    return finding["document"], finding.get("table_no"), finding.get("page")


def marks_from(cells: list[dict], finding: dict) -> list[tuple[str, list[float]]]:
    """The marks of marks_for, from the cells of the finding's table on its page."""
    marks = [("stated", list(finding["bbox"]))] + [("stated", list(b)) for b in finding.get("extra_stated", [])]
    if finding.get("table_no") is None:
        return marks
    # the flagged cell's column by number, so a header set left or centred above right-aligned amounts
    # is still its header; by position where the cell is not among the table's cells
    own = [c for c in cells if _overlaps(c["bbox"], finding["bbox"]) and c["bbox"][1] <= finding["bbox"][3]
           and c["bbox"][3] >= finding["bbox"][1]]
    column = [c for c in cells if c["col_no"] == own[0]["col_no"]] if own else \
        [c for c in cells if _overlaps(c["bbox"], finding["bbox"])]
    rows = {r["row"] for r in json.loads(finding.get("rows_used") or "[]") if isinstance(r, dict) and "row" in r}
    marks += [("summed", list(c["bbox"])) for c in column if c["row_no"] in rows]
    above = [c for c in column if c["bbox"][1] < finding["bbox"][1] and c["row_no"] not in rows]
    header = [c for c in above if _is_year(c["text"]) or not _AMOUNT.fullmatch((c["text"] or "").strip())]
    if header:
        marks.append(("header", list(min(header, key=lambda c: c["row_no"])["bbox"])))
    return marks


_AMOUNT = re.compile(r"[-−–+(]?\d[\d\s.,]*\)?\s*(?:t?kr|sek|%)?", re.I)


def _is_year(text: str | None) -> bool:
    return any(len(w) == 4 and w.isdigit() and w.startswith(("19", "20")) for w in (text or "").split())


def _overlaps(a: list[float], b: list[float]) -> bool:
    """Two boxes share a column: they overlap horizontally by more than a third of the narrower."""
    overlap = min(a[2], b[2]) - max(a[0], b[0])
    return overlap > min(a[2] - a[0], b[2] - b[0]) / 3


@lru_cache(maxsize=8)
def _text_lines(path: str, modified: int) -> list[str]:
    """A text source's lines, read once however many findings point into it; keyed by its mtime too."""
    return Path(path).read_text(encoding="utf-8", errors="replace").splitlines()


def crop_marks(finding: dict, source: str | None, cells: list[dict] | None) -> tuple[Path, list] | None:
    """The PDF and the marks of a finding's crop; None when it has none (a text source, a file gone, no
    page or box). The one rule for both the pages and the crops drawn ahead of them."""
    path = Path(source) if source else None
    if path and path.exists() and path.suffix.lower() == ".pdf" and finding.get("page") and finding.get("bbox"):
        return path, marks_from(cells or [], finding)
    return None


def evidence_html(finding: dict, source: str | None, href: str | None, cells: list[dict] | None = None,
                  crops: CropStore | None = None) -> str:
    """The crop (data URI) or the text line, the place, and the link to the source at that page; `cells`:
    the cells of the finding's table on its page (cells_for); `crops`: where crops are kept between runs."""
    path = Path(source) if source else None
    page = finding.get("page")
    crop = crop_marks(finding, source, cells)
    where = f"sida {page}" if page else f"rad {finding['line']}" if finding.get("line") else "okänd plats"
    name = escape(path.name if path else finding["document"])
    link = (f"<a href='{escape(href)}#page={page}'>Öppna {name}, {where}</a>" if href and page
            else f"<a href='{escape(href)}'>Öppna {name}</a> ({where})" if href else f"{name}, {where}")
    if crop:
        marks = crop[1]
        png = page_crop_png(crop[0], page, marks, store=crops, document=finding["document"])
        if png:
            data = base64.b64encode(png).decode("ascii")
            legend = f"; {LEGEND}" if len(marks) > 1 else ""
            return (f"<img class='evidence' alt='Utsnitt av {escape(where)} med beloppen markerade' "
                    f"src='data:image/png;base64,{data}'><div class='muted'>{link}{legend}</div>")
    if path and path.exists() and finding.get("line"):
        lines = _text_lines(str(path), path.stat().st_mtime_ns)
        number = finding["line"]
        if 0 < number <= len(lines):
            return (f"<pre class='evidence'>{number}: {escape(lines[number - 1].replace(chr(9), ' │ '))}</pre>"
                    f"<div class='muted'>{link}</div>")
    return f"<div class='muted'>{link}</div>"
