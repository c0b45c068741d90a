"""How fully a document was read: every table-like block and budget heading against the budget lines found.

A document is `ok` when each block that looks like a table of amounts (a table with amount rows, a
run of prose lines ending in amounts, a budget heading over amounts) and each value column of a table
that was read gave budget lines; `partial` when some did not (one warning per page or text line,
naming it); `no tables` when it has such blocks but gave no budget line at all. A prose-only
document is `ok` with no lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass
from itertools import pairwise

from ..model import Problem
from ..numbers import WAREHOUSE_MAX_SEK, find_years, parse_amount
from ..vocabulary import word_pattern
from .paragraphs import is_heading

OK, PARTIAL, NO_TABLES = "ok", "partial", "no tables"
UNREAD = ("failed", "needs-ocr")    # parse's own statuses: they take precedence over the read status
MIN_TABLE_ROWS = 2                  # rows holding amounts that make a table a table of amounts
MIN_PROSE_RUN = 3                   # consecutive prose lines ending in 2+ amounts that make a table-like block
HEADING_REACH = 1                   # pages after a budget heading where its table may stand
TEXT_HEADING_REACH = 80             # ... and text lines, in plans without pages

_DOT_LEADERS = re.compile(r"(?:\.{3,}|…)\s*\d*$")     # "Resultaträkning ....... 5"
_TOC_ENTRY = re.compile(rf"{_DOT_LEADERS.pattern}|\s\d{{1,3}}$")  # ... or "Resultaträkning 5"
_PLACE = re.compile(r"^(page|line) (\d+)\b")
# the next line goes on with the sentence ("… en tilldelning på 1 416" / "000 kronor utifrån …"): prose
# set in a narrow column, whose lines end in numbers by chance, not rows of amounts
_RUNS_ON = re.compile(r"^\s*(?:[a-zåäöé]|\d{3}\s+[a-zåäöé])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER_TOKEN = re.compile(r"^[-−–+]?\(?\d+(?:,\d+)?\)?$")
_TABLE_FIX = ("finsam reads a table's amounts when a header row names each column's year (e.g. 'Budget 2025' "
              "or '2024-12-31'); look at the page and at the table finsam saw in tables.json.")
_COLUMN_FIX = ("Its header was not read as a year (is it merged with the cell beside it?); look at the page and "
               "at the table finsam saw in tables.json.")
_PROSE_FIX = ("The amounts stand in lines that were not recognised as a table (too little space between the "
              "columns?); look at the page.")
_HEADING_FIX = "If the page holds a budget, its table was not recognised; look at the page and at tables.json."


@dataclass(frozen=True)
class DocumentRead:
    """One document's read: its status, what came out, and where it warned."""

    document: str
    status: str
    lines: int = 0
    tables: int = 0
    warnings: int = 0
    places: tuple[str, ...] = ()     # "page 7", "line 601": where the warnings point
    reason: str = ""                 # why a document that failed to parse was not read

    def asdict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        if self.status in UNREAD:
            return f"{self.document}: {self.status} — {self.reason or 'not read'}"
        counts = f"{_plural(self.lines, 'line')}, {_plural(self.tables, 'table')}, "
        counts += _plural(self.warnings, "warning")
        return f"{self.document}: {self.status} — {counts}{_places(self.places)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _places(places: tuple[str, ...]) -> str:
    """("page 7", "page 9") → " (page 7, 9)"; mixed units keep their words."""
    if not places:
        return ""
    units = {p.split()[0] for p in places}
    if len(units) == 1:
        return f" ({units.pop()} {', '.join(p.split()[1] for p in places)})"
    return f" ({', '.join(places)})"


def place_of(problem: Problem) -> str | None:
    """The page or line a problem names at its start ("page 7: …" → "page 7")."""
    found = _PLACE.match(problem.rule)
    return f"{found[1]} {found[2]}" if found else None


def _place_key(place: str) -> tuple[str, int]:
    unit, number = place.split()
    return unit, int(number)


def _where(cell_or_line: dict) -> tuple[str, int] | None:
    if cell_or_line.get("page") is not None:
        return "page", int(cell_or_line["page"])
    if cell_or_line.get("line") is not None:
        return "line", int(cell_or_line["line"])
    return None


def _is_amount(text: str) -> bool:
    text = text.strip()
    return parse_amount(text) is not None and not _YEAR.fullmatch(text)


def _contents(table: dict, columns: dict[int, list[dict]]) -> bool:
    """A table of contents: captioned so ("Innehåll"), or one value column of small plain whole numbers
    that never go down, no total."""
    if word_pattern("contents_captions").match((table.get("title") or "").strip()):
        return True
    if len(columns) != 1:
        return False
    numbers = [c["text"].strip() for c in next(iter(columns.values()))]
    totals = word_pattern("totals", "starts")
    if not all(re.fullmatch(r"\d{1,3}", n) for n in numbers) or any(
            row and totals.match(row[0]["text"].strip()) for row in table["rows"]):
        return False
    return [int(n) for n in numbers] == sorted(int(n) for n in numbers)


def amount_columns(table: dict) -> dict[int, list[dict]]:
    """Value columns of a table (not the label column) → their amount cells; note, count and share
    columns (by their header's words), key-figure rows ("Soliditet (%)", "kr/m²") and a contents
    table's page numbers are not amounts."""
    not_amounts, key_figures = word_pattern("non_amount_columns"), word_pattern("non_amount_rows")
    rows = [row for row in table["rows"] if not (row and key_figures.search(row[0]["text"]))]
    out = {}
    for j in range(1, max((len(row) for row in rows), default=0)):
        column = [row[j] for row in rows if j < len(row)]
        amounts = [c for c in column if _is_amount(c["text"])]
        header = " ".join(c["text"] for c in column if c["text"].strip() and not _is_amount(c["text"]))
        # "Befolkningsm ängd": a PDF may break a header word, so the header is also tried without spaces
        if amounts and not (not_amounts.search(header) or not_amounts.search(header.replace(" ", ""))):
            out[j] = amounts
    return {} if _contents(table, out) else out


def _amount_rows(table: dict) -> int:
    cells = {id(c) for amounts in amount_columns(table).values() for c in amounts}
    return sum(any(id(c) in cells for c in row) for row in table["rows"])


def _trailing_numbers(text: str) -> list[tuple[str, bool]]:
    """The numbers a line ends in, last first, each with whether it may continue the one before it
    (a 3-digit group after a short number: "1 146 823" is one amount or two)."""
    tokens = text.split()
    out, i = [], len(tokens) - 1
    while i >= 0 and _NUMBER_TOKEN.match(tokens[i]) and parse_amount(tokens[i]) is not None:
        before = tokens[i - 1] if i > 0 else ""
        out.append((tokens[i], bool(re.fullmatch(r"\d{3}", tokens[i]) and re.fullmatch(r"[-−–+]?\d{1,3}", before))))
        i -= 1
    return out


def trailing_amounts(text: str) -> int:
    """How many amounts a line ends in, at least: "Vård 1 146 823 -323" → 2 (a year is not an amount)."""
    return sum(not continues and not find_years(token) for token, continues in _trailing_numbers(text))


def _ends_in_amount(text: str) -> bool:
    """A labelled line ending in an amount of three digits or more (not a year, not a contents line's page)."""
    if not re.search(r"[^\W\d_]", text) or _DOT_LEADERS.search(text):
        return False
    return sum(len(re.sub(r"\D", "", token)) for token, _ in _trailing_numbers(text) if not find_years(token)) >= 3


Found = tuple[tuple[str, int], str, str]  # (unit, number), rule, fix


def _unread_tables(tables: list[dict], budget: list[dict]) -> list[Found]:
    read = {line["table_no"] for line in budget}
    out = []
    for table in tables:
        rows = _amount_rows(table)
        cells = [c for row in table["rows"] for c in row if _where(c)]
        if table["table"] in read or rows < MIN_TABLE_ROWS or not cells:
            continue
        unit, number = _where(cells[0])
        out.append(((unit, number), f"{unit} {number}: a table with amounts ({rows} rows) gave no budget lines",
                    _TABLE_FIX))
    return out


def _unread_columns(tables: list[dict], budget: list[dict]) -> list[Found]:
    """Value columns of a table that was read whose amounts gave no budget line (a lost header, say)."""
    read = {(line["table_no"], line["col_no"]) for line in budget}
    out = []
    for table in (t for t in tables if any(no == t["table"] for no, _ in read)):
        for j, amounts in amount_columns(table).items():
            place = _where(amounts[0])
            if (table["table"], j) in read or len(amounts) < MIN_TABLE_ROWS or not place:
                continue
            out.append((place, f"{place[0]} {place[1]}: a column of amounts ({len(amounts)} rows) in a table "
                        "that was read gave no budget lines", _COLUMN_FIX))
    return out


def _prose_runs(lines: list[dict]) -> list[Found]:
    out, run = [], []
    for line in [*lines, {"text": ""}]:
        if not line.get("table") and trailing_amounts(line["text"]) >= 2 and _where(line):
            run.append(line)
            continue
        if len(run) >= MIN_PROSE_RUN:
            unit, number = _where(run[0])
            out.append(((unit, number), f"{unit} {number}: {len(run)} lines ending in amounts, outside any "
                        "table, gave no budget lines", _PROSE_FIX))
        run = []
    return out


def _near(place: tuple[str, int], counts: Counter[tuple[str, int]]) -> int:
    """How many of `counts` fall on the heading's page and the next (or in the next text lines)."""
    unit, number = place
    reach = HEADING_REACH if unit == "page" else TEXT_HEADING_REACH
    return sum(counts[(unit, n)] for n in range(number, number + reach + 1))


def _bare_headings(lines: list[dict], budget: list[dict]) -> list[Found]:
    """Budget headings with amounts near them but no budget line (a heading over prose is no table)."""
    pattern = word_pattern("budget_headings")
    read = Counter(p for line in budget for p in {_where(line), _where({"page": line.get("label_page")})} if p)
    amounts = Counter(_where(line) for line, after in pairwise([*lines, {"text": ""}])
                      if _where(line) and _ends_in_amount(line["text"]) and not _RUNS_ON.match(after["text"]))
    out = []
    for line in lines:
        text, place = line["text"].strip(), _where(line)
        if (line.get("table") or not place or not is_heading(text) or _TOC_ENTRY.search(text)
                or not pattern.search(text) or _near(place, read) or _near(place, amounts) < MIN_PROSE_RUN):
            continue
        out.append((place, f"{place[0]} {place[1]}: heading '{text}' but no budget lines were read", _HEADING_FIX))
    return out


def read_document(document: str, lines: list[dict], tables: list[dict], budget: list[dict],
                  meta: dict, refused: list[dict] = ()) -> tuple[DocumentRead, list[Problem]]:
    """The document's read status and one warning per page (or text line) that held amounts or a budget
    heading and gave no budget lines, or an amount refused as out of range (`refused`, see
    `within_range`). `meta` is parse's document.json (its page problems count too)."""
    found = (_unread_tables(tables, budget) + _unread_columns(tables, budget) + _prose_runs(lines)
             + _bare_headings(lines, budget) + _out_of_range(refused))
    problems, seen = [], set()
    for place, rule, fix in sorted(found, key=lambda f: f[0]):
        if place not in seen:  # one warning per place: a table, a column, a run of lines, a heading
            seen.add(place)
            problems.append(Problem(document, rule, fix))
    parsed = [Problem(**p) for p in meta.get("problems", [])]
    lost = meta.get("needs_ocr") or meta.get("cut_pages")  # pages parse could not read whole
    status = _status(budget, problems, blocks=bool(found), unread_pages=bool(lost))
    return summarize(document, status, len(budget), len({line["table_no"] for line in budget}),
                     parsed + problems), problems


def within_range(budget: list[dict]) -> tuple[list[dict], list[dict]]:
    """(kept, refused): a line whose kronor the warehouse cannot hold (BIGINT) is refused, not loaded,
    and its page is told (a misread unit or two amounts run together, never a real budget)."""
    kept = [b for b in budget if abs(b["amount_sek"]) <= WAREHOUSE_MAX_SEK]
    return kept, [b for b in budget if abs(b["amount_sek"]) > WAREHOUSE_MAX_SEK]


def _out_of_range(refused: list[dict]) -> list[Found]:
    out = []
    for line in refused:
        place = _where(line) or ("page", 0)
        out.append((place, f"{place[0]} {place[1]}: the amount '{line['amount_text']}' ({line['label']}) is "
                           f"beyond what the warehouse holds (±{WAREHOUSE_MAX_SEK:,} kr) and was left out",
                    "Check the cell and its unit in the source; a real amount is never this large."))
    return out


def summarize(document: str, status: str, lines: int, tables: int, problems: list[Problem]) -> DocumentRead:
    """A document's read from its counts and all its problems (parse's and extract's)."""
    if status in UNREAD:
        return DocumentRead(document, status, warnings=len(problems), reason=problems[0].rule if problems else "")
    places = tuple(sorted({p for p in map(place_of, problems) if p}, key=_place_key))
    return DocumentRead(document, status, lines, tables, len(problems), places)


def _status(budget: list[dict], problems: list[Problem], blocks: bool, unread_pages: bool) -> str:
    if not budget:
        return NO_TABLES if blocks else (PARTIAL if unread_pages else OK)
    return PARTIAL if problems or unread_pages else OK


def unread_document(document: str, meta: dict) -> DocumentRead:
    """The read of a document parse could not read (failed, or scanned with no OCR): its first problem says why."""
    return summarize(document, meta.get("status", "failed"), 0, 0, [Problem(**p) for p in meta.get("problems", [])])


def document_status(parse_status: str, read_status: str | None) -> str:
    """What documents.status says: parse's failed / needs-ocr first, then how fully it was read."""
    return parse_status if parse_status in UNREAD or not read_status else read_status
