"""Text plans: decode, strip markup, and find tables (tab-separated, layout text, single-space text)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..model import Problem, cell
from .text_layout import layout_tables
from .text_split import DIFF_WORD, NUM_TOKEN, YEAR_TOKEN
from .text_tables import (
    BULLET,
    DANGLING,
    FAR_LINES,
    GLUED_YEAR,
    KIND,
    MAX_LABEL,
    PAGE_FOOTER,
    TABLE_UNIT,
    UNIT,
    UNIT_LINE,
    UNIT_NEXT,
    SpaceTable,
    data_row,
    join_wrapped,
    line_tokens,
    single_space_header,
    single_space_tables,
)

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


def _utf16(data: bytes) -> str | None:
    """UTF-16 text (Windows 'Unicode' exports): a byte-order mark, or a NUL beside every ASCII letter."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _decoded(data[2:], encoding)
    sample = data[:4096] if len(data) % 2 == 0 else b""
    for start, encoding in ((1, "utf-16-le"), (0, "utf-16-be")):
        if sample and sample[start::2].count(0) > 0.9 * len(sample) / 2:
            return _decoded(data, encoding)
    return None


def _decoded(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(path: Path, data: bytes) -> tuple[str, list[Problem]]:
    name = path.name
    if not data.strip():
        raise UnreadableInput(Problem(name, "the file is empty", "Replace it with the published plan or "
                                      "remove it from raw/.", "error"))
    utf16 = _utf16(data)
    if utf16 is not None:
        return utf16, []
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
    stripped = [line if "\t" in line else strip_markup(line) for line in lines]
    prepared, comments = split_comments(stripped, taken)
    prepared, pieces = join_wrapped_rows(prepared, taken)
    for table in single_space_tables(prepared, taken, pieces):
        for n in [p for row in list(table.line_texts) for p in pieces.get(row - 1, [])]:
            table.line_texts[n + 1] = stripped[n].strip()
        table.first_line = min(table.line_texts)
        _add_comments(table, comments)
        tables.append(table)
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


def _label_end(tokens: list[str]) -> int:
    """Index of the first of the trailing digit tokens."""
    j = len(tokens)
    while j > 0 and NUM_TOKEN.match(tokens[j - 1]):
        j -= 1
    return j


def _fragment(lines: list[str], i: int) -> bool:
    """A short line of words with no amount: a piece of a wrapped label."""
    if not 0 <= i < len(lines) or "\t" in lines[i]:
        return False
    text = lines[i].strip()
    words = line_tokens(text)
    return (bool(words) and len(text) <= MAX_LABEL and not UNIT_LINE.match(text) and not PAGE_FOOTER.match(text)
            and not BULLET.match(text) and not any(NUM_TOKEN.match(w) for w in words))


def _goes_on(text: str) -> bool:
    """A label piece that continues the line above: lowercase or a parenthesis first."""
    return text[:1].islower() or text[:1] == "("


def _wrapped(lines: list[str], i: int) -> tuple[int, int] | None:
    """Label pieces around the values line i ("Avkastning pensionsportfölj" / "-263 -254" /
    "(Balanskravsjustering)", "Återställande 2023, 117" / "3 år"): (lines taken above, lines taken below)."""
    tokens = line_tokens(lines[i].strip())
    j = _label_end(tokens)
    if j == len(tokens) or all(YEAR_TOKEN.match(t) for t in tokens[j:]):
        return None
    label = tokens[:j]
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    ends_open = bool(label) and (label[-1].endswith(",") or label[-1].lower() in DANGLING)
    if UNIT_NEXT.match(below):  # "Behandling inom 90" / "dagar": the number's unit, prose
        return None
    down = (_fragment(lines, i + 1) and _goes_on(below)) or (
        ends_open and label[-1].endswith(",") and 0 < len(below.split()) <= 3 and data_row(lines, i + 1) is None
        and not NUM_TOKEN.match(below.split()[-1]))
    above = lines[i - 1].strip() if i > 0 else ""
    up = _fragment(lines, i - 1) and not above.endswith(".") and (
        (not label and down) or (bool(label) and _goes_on(label[0]) and above.endswith(",")))
    if not label and not (up and down):
        return None
    return ((1 if up else 0), (1 if down else 0)) if up or down else None


def join_wrapped_rows(lines: list[str], taken: set[int]) -> tuple[list[str], dict[int, list[int]]]:
    """Lines with wrapped labels joined onto their values line; the pieces' lines become blank."""
    out = list(lines)
    pieces: dict[int, list[int]] = {}
    for i in range(len(lines)):
        if i in taken or not lines[i].strip() or "\t" in lines[i] or i in pieces or out[i] != lines[i]:
            continue
        if _fragment(lines, i):
            below = lines[i + 1].strip() if i + 1 < len(lines) else ""
            if lines[i].rstrip().endswith("-") and _fragment(lines, i + 1) and below[:1].islower():
                out[i], out[i + 1], pieces[i] = join_wrapped(lines[i].strip(), below), "", [i + 1]
            continue
        span = _wrapped(lines, i)
        if span is None or any(n in taken or n in pieces for n in range(i - span[0], i + span[1] + 1) if n != i):
            continue
        tokens = line_tokens(lines[i].strip())
        j = _label_end(tokens)
        parts = [lines[i - 1].strip()] * span[0] + tokens[:j] + [lines[i + 1].strip().rstrip(".")] * span[1]
        out[i] = " ".join([*parts, *tokens[j:]])
        pieces[i] = [n for n in range(i - span[0], i + span[1] + 1) if n != i]
        for n in pieces[i]:
            out[n] = ""
    return out, pieces


_COMMENTED = re.compile(r"^(.*\d)\s+([^\W\d][^\d]*)$")


def split_comments(lines: list[str], taken: set[int]) -> tuple[list[str], dict[int, str]]:
    """A header naming a text column after its years ("2026 2027 2028Utfördelat till") lets the rows below
    end in text ("… 0,45 0,45 0,45 Utveckling och IT"); the text is cut off the line and kept per line."""
    out, comments = list(lines), {}
    for i in range(len(lines)):
        header = None if i in taken else single_space_header(lines, i)
        cells = header[1][1:] if header else []
        last = cells[-1] if len(cells) > 1 and _has_year(cells[-2]) else ""
        if not last or _has_year(last) or DIFF_WORD.search(last) or all(KIND.match(w) for w in last.split()):
            continue
        out[i] = GLUED_YEAR.sub(r"\1 ", lines[i].strip()).removesuffix(last).rstrip()
        comments[i] = last
        for j in range(i + 1, min(len(lines), i + 40)):
            m = _COMMENTED.match(lines[j].strip())
            if j in taken or not lines[j].strip() or UNIT_LINE.match(lines[j].strip()) or (
                    single_space_header(lines, j) is not None):
                break
            if m and len(m[2].split()) <= 5 and data_row([m[1]], 0) is not None:
                out[j], comments[j] = m[1], m[2]
    return out, comments


def _has_year(text: str) -> bool:
    return any(YEAR_TOKEN.match(w) for w in text.split())


def _add_comments(table: SpaceTable, comments: dict[int, str]) -> None:
    """The cut-off text column, back as the last column of every row."""
    if not any(n - 1 in comments for n in table.line_texts):
        return
    for row in table.rows:
        line = row[0]["line"]
        text = comments.get(line - 1, "")
        if row[0]["text"] and line - 1 in comments and not any(c["text"] for c in row[1:]) and len(row) > 1:
            text = ""  # a section heading, not a row
        row.append(cell(text, None, None, line))


def notes_around(prose: list[str | None], first: int, last: int, before: int = 3, after: int = 2) -> list[str]:
    """Up to `before` prose lines above a table and `after` below (0-based indices, None = table line,
    '' = blank), wrapped sentences joined: "belopp i miljoner" + "kronor." → one note. When none of them
    names a unit, the last sentence further up that speaks of a table and a unit comes first."""
    up = _above(prose, first, before)
    down = _collect(prose, range(last + 1, len(prose)), after)
    notes = _merge(up) + _merge(down)
    if not any(UNIT.search(n) for n in notes):
        far = _merge(_above(prose, first, FAR_LINES))
        stated = [s for n in far for s in re.split(r"(?<=[.!?])\s+", n) if TABLE_UNIT.search(s)]
        notes = stated[-1:] + notes
    return notes


def _above(prose: list[str | None], first: int, limit: int) -> list[tuple[int, str]]:
    """Prose lines above a table, top down, without the unit footer of a table further up."""
    return [(i, t) for i, t in _collect(prose, range(first - 1, -1, -1), limit)[::-1]
            if not (UNIT_LINE.match(t) and i > 0 and prose[i - 1] is None)]


def _collect(prose: list[str | None], indices: range, limit: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for i in indices:
        text = prose[i]
        if text is None or len(out) >= limit:
            break
        if text and not re.fullmatch(r"\d{1,4}", text) and not PAGE_FOOTER.match(text):
            out.append((i, text))
    return out


def _merge(lines: list[tuple[int, str]]) -> list[str]:
    """Adjacent lines join when the upper one breaks off mid-sentence (a long line, or a lowercase start below)."""
    notes: list[str] = []
    previous: tuple[int, str] | None = None
    for i, text in lines:
        if (notes and previous is not None and previous[0] == i - 1 and not previous[1].endswith((".", ":", "!", "?"))
                and (len(previous[1]) > MAX_LABEL or text[:1].islower())):
            notes[-1] = join_wrapped(notes[-1], text)
        else:
            notes.append(text)
        previous = (i, text)
    return notes
