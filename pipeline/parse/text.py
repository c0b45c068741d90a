"""Text plans: decode, strip markup, and find tab-separated tables."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Problem, cell

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


def parse_text(path: Path, document: str) -> ParsedText:
    raw, problems = decode(path, path.read_bytes())
    lines: list[dict] = []
    tables: list[dict] = []
    current: list[list[dict]] = []
    title = None
    for number, raw_line in enumerate(raw.splitlines(), start=1):
        if "\t" in raw_line:
            cells = [cell(strip_markup(c), None, None, number) for c in raw_line.split("\t")]
            if not current:
                tables.append({"table": len(tables), "page": None, "title": title, "first_line": number,
                               "rows": current})
            current.append(cells)
            lines.append({"document": document, "page": None, "line": number, "bbox": None,
                          "text": " | ".join(c["text"] for c in cells if c["text"]),
                          "table": len(tables) - 1})
            continue
        current = []
        text = strip_markup(raw_line)
        if text:
            title = text
            lines.append({"document": document, "page": None, "line": number, "bbox": None,
                          "text": text, "table": None})
    return ParsedText(lines, tables, problems)
