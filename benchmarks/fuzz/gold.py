"""The truth of a generated document in score.py's gold format.

Which year and kind a cell gets:
  * a year column takes its header's year and kind (a bare "2025" is a budget column, "Bokslut 2024" and
    "Utfall 2024-12-31" are utfall, "Helårsprognos 2025" is prognos);
  * a difference column ("Avvikelse", "Förändring") is ``avvikelse`` with the later year of the two columns
    it compares and the earlier one in ``year_alt`` (as in shared/corpus/real/README.md);
  * amount_sek is the printed number times the table's unit (tkr, mnkr), signed as printed;
  * blank or dashed cells, section headings and the Not / Antal / Andel columns are not budget lines.
The page of a line is found in the rendered PDF's text (label followed by its first cell); score.py reads
only the document's page list, so a page that cannot be found costs nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .cells import build_grid
from .spec import DocSpec, TableSpec

_SPACE = re.compile(r"[\s\u00a0\u202f.…]+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text).lower()


def table_lines(table: TableSpec) -> list[tuple[int, dict]]:
    """(body row index, gold line) for every printed amount of the table."""
    out = []
    scale = table.factor
    for r, row in enumerate(table.rows):
        if row.role == "section":
            continue
        for col, value in zip(table.columns, row.values, strict=True):
            if value is None:
                continue
            line = {"label": row.label, "year": col.year, "column": col.kind,
                    "amount_sek": value * scale // 10 ** table.decimals, "is_total": row.role != "item"}
            if col.year_alt:
                line["year_alt"] = list(col.year_alt)
            out.append((r, line))
    return out


def page_texts(pdf: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    try:
        return [_squash(page.get_textpage().get_text_range()) for page in doc]
    finally:
        doc.close()


def _row_pages(table: TableSpec, pages: list[str], cursor: int) -> list[int]:
    """1-based page of each body row, searched forward from ``cursor`` (label + first cell, else label)."""
    out = []
    for _role, cells in build_grid(table).body:
        label = _squash(cells[0])
        first = next((_squash(c) for c in cells[1:] if c.strip()), "")
        for needle in (label + first, label):
            hit = next((p for p in range(cursor, len(pages)) if needle and needle in pages[p]), None)
            if hit is not None:
                cursor = hit
                break
        out.append(cursor + 1)
    return out


def gold(doc: DocSpec, pdf: Path | None, source: str) -> dict:
    pages = page_texts(pdf) if pdf and pdf.exists() else []
    lines, cursor = [], 0
    for table in doc.tables:
        row_pages = _row_pages(table, pages, cursor) if pages else []
        cursor = row_pages[-1] - 1 if row_pages else cursor
        for r, line in table_lines(table):
            if row_pages:
                line["page"] = row_pages[r]
            lines.append(line)
    return {"source": source, "forbund": doc.forbund, "plan_year": doc.plan_year,
            "pages": list(range(1, len(pages) + 1)), "budget_lines": lines,
            "goals": [], "percentages": [], "findings": [], "generator": {"seed": doc.seed, "family": doc.family}}


def write_gold(doc: DocSpec, pdf: Path, gold_dir: Path) -> Path:
    gold_dir.mkdir(parents=True, exist_ok=True)
    path = gold_dir / f"{doc.stem}.json"
    path.write_text(json.dumps(gold(doc, pdf, pdf.name), ensure_ascii=False, indent=1), encoding="utf-8")
    return path


_YEAR = re.compile(r"(?:19|20)\d\d")


def line_features(table: TableSpec) -> list[dict[str, str]]:
    """What each gold line of ``table`` (in table_lines order) was drawn with, for recall per feature."""
    out = []
    for r, line in table_lines(table):
        col = next(c for c in table.columns if c.year == line["year"] and c.kind == line["column"])
        header = _YEAR.sub("YYYY", f"{col.group} / {col.header}" if table.two_level else col.header)
        out.append({"kind": col.kind, "header": header, "unit": f"{table.unit}@{table.unit_place}",
                    "decimals": str(table.decimals), "two_level": str(table.two_level),
                    "sign": table.sign_style if line["amount_sek"] < 0 else "positive",
                    "extras": "+".join(table.extras) or "none", "role": table.rows[r].role,
                    "columns": str(len(table.columns))})
    return out


def unprinted(doc: DocSpec, pdf: Path) -> list[str]:
    """Amount cells of the truth whose text is not in the PDF's text layer (a renderer fault, not finsam's)."""
    text = "".join(page_texts(pdf))
    out = []
    for table in doc.tables:
        grid = build_grid(table)
        for role, cells in grid.body:
            for j in grid.amount_cols:
                if role != "section" and re.search(r"\d", cells[j]) and _squash(cells[j]) not in text:
                    out.append(f"{cells[0]}: {cells[j]}")
    return out
