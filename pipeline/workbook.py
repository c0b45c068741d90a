"""The analyst's workbook: one xlsx with Swedish sheets and headers, number formats, a frozen header
row and filters, and the Swedish CSV (UTF-8 with BOM, ';', decimal comma) that Swedish Excel opens as is.

Column names stay English in the warehouse (code and SQL use them); every export a person opens in a
spreadsheet gets the Swedish header from HEADERS. No export carries a local path: source_path becomes the
file's name (source_file), and a path inside any text is cut to the file's name.
"""

from __future__ import annotations

import re
from pathlib import Path

HEADERS = {
    "document": "Dokument", "sha256": "SHA-256", "extractor_version": "Extraktorversion", "format": "Format",
    "pages": "Sidor", "status": "Status", "forbund": "Förbund", "forbund_variants": "Namnvarianter",
    "plan_year": "Planår", "budget_years": "Budgetår", "problems": "Problem vid läsning", "run_id": "Körning",
    "adopted": "Antagen", "board_members": "Styrelseledamöter", "board_deputies": "Ersättare",
    "source_file": "Källfil", "read_status": "Inläst", "warnings": "Varningar", "is_primary": "Primär",
    "copy_of": "Kopia av", "copy_reason": "Skäl (kopia)", "table_no": "Tabell", "row_no": "Rad", "col_no": "Kolumn",
    "label": "Radtext", "section": "Avsnitt", "year": "År", "column_kind": "Kolumnslag",
    "column_header": "Kolumnrubrik", "amount_sek": "Belopp (kr)", "amount_text": "Belopp som tryckt",
    "unit": "Enhet", "unit_factor": "Enhetsfaktor", "is_total": "Summarad", "footnote": "Fotnot", "page": "Sida",
    "line": "Textrad", "bbox": "Ruta (pt)", "label_page": "Radtextens sida", "label_bbox": "Radtextens ruta (pt)",
    "ocr_confidence": "OCR-säkerhet", "side": "Del av resultatet", "side_amount_sek": "Belopp på sin sida (kr)",
    "flow": "Flöde", "category": "Kategori", "repeats_total": "Upprepar summa", "text": "Text", "value": "Värde",
    "comparator": "Jämförelse", "level": "Nivå", "insats": "Insats", "sentence": "Mening",
    "unit_lemma": "Enhet (grundform)",
    "kind": "Slag", "severity": "Allvar", "verdict": "Utfall", "stated": "Angivet", "computed": "Beräknat",
    "difference": "Skillnad", "tolerance": "Tolerans", "rows_used": "Rader som använts",
    "explanation": "Förklaring", "materiality": "Väsentlighet (andel)", "name": "Namn", "approx": "Ungefärligt",
    "linked_label": "Kopplad rad",
}
# contract view → sheet of the workbook (members and prose_amounts stay in CSV and Parquet)
SHEETS = {"budget_lines": "Budgetrader", "goals": "Mål", "percentages": "Procent", "findings": "Fynd",
          "documents": "Dokument"}
KRONOR = {"amount_sek", "side_amount_sek", "stated", "computed", "difference", "tolerance"}
SHARES = {"materiality"}
KRONOR_FORMAT, SHARE_FORMAT = "#,##0", "0.0%"  # Excel shows its own locale's separators: 1 234 567 in Swedish
_MAX_WIDTH = 60
# an absolute path (POSIX or Windows) up to the file's name
_PATH = re.compile(r"(?:[A-Za-z]:\\|/)(?:[^\s'\"/\\]+[/\\])+(?=[^\s'\"/\\]+)")


def without_paths(frame):
    """source_path → source_file (the name alone); any path inside a text cut to the file's name."""
    if "source_path" in frame.columns:
        position = list(frame.columns).index("source_path")
        names = frame.pop("source_path").map(lambda p: Path(p).name if isinstance(p, str) and p else None)
        frame.insert(position, "source_file", names)
    from pandas.api.types import is_object_dtype, is_string_dtype

    for column in frame.columns:
        if is_object_dtype(frame[column]) or is_string_dtype(frame[column]):
            frame[column] = frame[column].map(lambda v: _PATH.sub("", v) if isinstance(v, str) else v)
    return frame


def swedish(frame):
    """The frame with Swedish headers (a column HEADERS lacks keeps its name)."""
    return frame.rename(columns={c: HEADERS.get(c, c) for c in frame.columns})


def write_swedish_csv(frame, path: Path) -> None:
    """UTF-8 with BOM, ';' between fields, decimal comma: how Swedish Excel reads a CSV by double-click."""
    swedish(frame).to_csv(path, index=False, sep=";", decimal=",", encoding="utf-8-sig")


def write_workbook(sheets: list[tuple[str, object]], path: Path) -> None:
    """One xlsx: each (sheet name, frame with English column names) as a sheet with Swedish headers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for title, frame in sheets:
        sheet = book.create_sheet(title)
        columns = list(frame.columns)
        formats = {c: KRONOR_FORMAT for c in columns if c in KRONOR} | {c: SHARE_FORMAT for c in columns if c in SHARES}
        formats |= {c: KRONOR_FORMAT if kind == "kronor" else SHARE_FORMAT
                    for c, kind in frame.attrs.get("formats", {}).items() if kind}
        sheet.append([HEADERS.get(c, c) for c in columns])
        for row in frame.itertuples(index=False):
            sheet.append([_cell(v) for v in row])
        for i, name in enumerate(columns, 1):
            letter = get_column_letter(i)
            number_format = formats.get(name)
            if number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = number_format
            longest = max([len(str(HEADERS.get(name, name)))] + [len(str(v)) for v in frame[name].head(200)])
            sheet.column_dimensions[letter].width = min(_MAX_WIDTH, longest + 2)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        if columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(frame) + 1)}"
    book.save(path)


def _cell(value):
    """A value openpyxl can write: NaN and NA as empty, lists as text, numpy scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, list | tuple) or type(value).__name__ == "ndarray":
        return ", ".join(str(v) for v in value)
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value
