"""Text plans: decode, strip markup, and find tables (tab-separated, layout text, single-space text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Problem, cell
from .text_layout import layout_tables
from .text_tables import SpaceTable, join_wrapped, notes_around, single_space_tables

_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BOLD = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ENCODINGS = ("cp1252", "latin-1")


class UnreadableInput(Exception):
    """The input cannot be parsed at all; carries the Problem to report."""

    def __init__(self, problem: Problem, needs_ocr: bool = False):
        super().__init__(str(problem))
        self.problem = problem
        self.needs_ocr = needs_ocr  # the pages are scans and OCR was off or missing: try again next run


@dataclass(frozen=True)
class ParsedText:
    lines: list[dict]
    tables: list[dict]
    problems: list[Problem]


def strip_markup(text: str) -> str:
    """Inline HTML and markdown emphasis are markup, not text; footnote stars stay."""
    text = _TAG.sub(" ", text)
    text = _BOLD.sub(r"\1", text)
    text = _ITALIC.sub(r"\1", text)
    return re.sub(r"[ \u00a0]{2,}", " ", text).strip()


def decode(path: Path, data: bytes) -> tuple[str, list[Problem]]:
    name = path.name
    if not data.strip():
        raise UnreadableInput(Problem(name, "the file is empty", "Replace it with the published plan or "
                                      "remove it from raw/.", "error"))
    sample = data[:4096]
    controls = sum(b < 9 or 13 < b < 32 for b in sample)
    if b"\x00" in sample or controls > len(sample) * 0.05:
        raise UnreadableInput(Problem(name, "the file is binary, not text (it holds NUL or control bytes)",
                                      "If it is a PDF or Word file, give it the right suffix (.pdf) or "
                                      "export it as UTF-8 text.", "error"))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        for encoding in _ENCODINGS:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            return text, [Problem(name, f"the text is not UTF-8 (byte {exc.start} is invalid); it was read "
                                  f"as {encoding}", "Check å, ä and ö in the output, and save the file as "
                                  "UTF-8 to silence this warning.")]
    raise UnreadableInput(Problem(name, "the text is in no known encoding", "Save it as UTF-8.", "error"))


def find_space_tables(lines: list[str]) -> list[SpaceTable]:
    """Layout tables first (their columns are certain), then single-space tables in what is left."""
    taken = {i for i, line in enumerate(lines) if "\t" in line}
    tables = layout_tables(lines, taken)
    for table in tables:
        taken.update(n - 1 for n in table.line_texts)
    tables += single_space_tables([line if "\t" in line else strip_markup(line) for line in lines], taken)
    return sorted(tables, key=lambda t: t.first_line)


def _space_table(space: SpaceTable, index: int, title: str | None) -> dict:
    for row in space.rows:  # layout cells were cut from raw lines; single-space lines were stripped already
        for c in row:
            c["text"] = strip_markup(c["text"])
    return {"table": index, "page": None, "title": title, "first_line": space.first_line, "rows": space.rows,
            "style": space.style, "readings": space.readings}


def _line(document: str, number: int, text: str, table: int | None) -> dict:
    return {"document": document, "page": None, "line": number, "bbox": None, "text": text, "table": table}


def parse_text(path: Path, document: str) -> ParsedText:
    raw, problems = decode(path, path.read_bytes())
    raw_lines = raw.splitlines()
    space_at = {n: t for t in find_space_tables(raw_lines) for n in t.line_texts}
    lines: list[dict] = []
    tables: list[dict] = []
    spans: list[list[int]] = []  # first and last line of each table
    prose: list[str | None] = []  # per line: its text, '' when blank, None inside a table
    current: list[list[dict]] = []
    title = None
    for number, raw_line in enumerate(raw_lines, start=1):
        space = space_at.get(number)
        if "\t" in raw_line:
            cells = [cell(strip_markup(c), None, None, number) for c in raw_line.split("\t")]
            if not current:
                tables.append({"table": len(tables), "page": None, "title": title, "first_line": number,
                               "rows": current})
                spans.append([number, number])
            current.append(cells)
            spans[-1][1] = number
            prose.append(None)
            lines.append(_line(document, number, " | ".join(c["text"] for c in cells if c["text"]), len(tables) - 1))
            continue
        current = []
        if space is not None:
            if number == space.first_line:
                tables.append(_space_table(space, len(tables), title))
                spans.append([number, max(space.line_texts)])
            prose.append(None)
            lines.append(_line(document, number, space.line_texts[number], len(tables) - 1))
            continue
        text = strip_markup(raw_line)
        prose.append(text)
        if text:
            title = _caption(prose, text)
            lines.append(_line(document, number, text, None))
    _add_context(tables, spans, prose)
    return ParsedText(lines, tables, problems)


def _caption(prose: list[str | None], text: str) -> str:
    """The latest prose line as a caption: a wrapped caption joined ("Skatt, utjämning och generella" /
    "statsbidrag, mnkr:"), its introducing colon dropped."""
    above = prose[-2] if len(prose) > 1 else None
    if above and text[:1].islower() and not above.endswith((".", ":", "!", "?")):
        text = join_wrapped(above, text)
    return text.removesuffix(":").rstrip()


def _add_context(tables: list[dict], spans: list[list[int]], prose: list[str | None]) -> None:
    """Every table gets the prose around it (units live there) and, if it had none, style and readings."""
    for table, (first, last) in zip(tables, spans, strict=True):
        table["notes"] = notes_around(prose, first - 1, last - 1)
        table.setdefault("style", "tab")
        table.setdefault("readings", [])
