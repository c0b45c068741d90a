"""Space-separated tables in text plans.

Two styles: layout text (pdftotext -layout: cells apart by 2+ spaces, columns at fixed character
positions, read like a PDF's x positions) and copy-pasted text (one space between cells and one
inside thousands, split by text_split). A block of short lines ending in amounts is a table; prose,
lists, dot-leader contents and page numbers are not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import cell
from ..vocabulary import alternatives, vocabulary, word_pattern
from .text_split import (
    DIFF_WORD,
    EMPTY_CELL,
    MAX_TOKENS,
    NUM_TOKEN,
    YEAR_TOKEN,
    Reading,
    best_k,
    numbers_of,
    resolve,
    row_readings,
)

_TEXT = vocabulary()["text_tables"]  # the Swedish words a text table is read by (pipeline/vocabulary.toml)
_KIND_WORDS = [w for kind in ("budget", "utfall", "prognos") for w in vocabulary()["column_kinds"][kind]
               if " " not in w]
BULLET = re.compile(r"^\s*(?:[•·▪●○◦*]|[-–—]\s|\d+[.)]\s|[a-zA-Z]\)\s)")
_DOT_LEADER = re.compile(r"\.{3,}|…|(?:\. ){3,}")
_SENTENCE = re.compile(r"[.!?;]\s+[A-ZÅÄÖ]|[!?;:]\s")  # an abbreviation is no sentence ("inkl. akutram")
DANGLING = {"om", "med", "inom", "till", "på", "av", "för", "än", "och", "eller", "ca", "cirka", "drygt",
             "knappt", "nästan", "från", "under", "över", "mellan", "vid", "i", "per", "uppgår", "blir", "är",
             "var", "samt", "ytterligare", "motsvarande", "den", "det", "de", "en", "ett"}
UNIT_NEXT = re.compile(rf"^(?:{alternatives(_TEXT['prose_units'])})\b", re.IGNORECASE)
KIND = re.compile(rf"^(?:{alternatives(_KIND_WORDS + _TEXT['header_words'])})$", re.IGNORECASE)
_TOTAL = word_pattern("totals", "starts")
UNIT = re.compile(rf"(?<![a-zåäö])(?:{alternatives(list(vocabulary()['units']))})(?![a-zåäö])", re.IGNORECASE)
TABLE_UNIT = re.compile(rf"tabell.*{UNIT.pattern}|belopp i .*{UNIT.pattern}", re.IGNORECASE)
UNIT_LINE = re.compile(rf"^\(?(?:alla )?(?:belopp i|belopp|i) [\w ]*{UNIT.pattern}\)?\.?$", re.IGNORECASE)
PAGE_FOOTER = re.compile(r"^(?:sida|page|s\.)\s*\d{1,4}(?:\s*(?:av|/|of)\s*\d{1,4})?$", re.IGNORECASE)
_SIGN = re.compile(r"^[-−–]$")
_PERCENT_HEADING = re.compile(r"\bprocent|%", re.IGNORECASE)
GLUED_YEAR = re.compile(r"\b((?:19[89]|20\d)\d)(?=[A-ZÅÄÖ][a-zåäö])")  # "2028Utfördelat till"
FAR_LINES = 15  # how far up a table's unit sentence ("I tabellen nedan …, belopp i miljoner kronor.") is sought
MAX_LABEL = 60
MAX_ROW_LABEL = 80  # a row label may run longer than a heading ("Korrigering finansverksamheten (moms …, RNSiK)")
MAX_WORDS = 8


@dataclass
class SpaceTable:
    """A table found in space-separated text: its lines (1-based), rows of cells and split decisions."""

    first_line: int
    line_texts: dict[int, str]
    rows: list[list[dict]]
    style: str
    readings: list[dict] = field(default_factory=list)


@dataclass
class _Row:
    index: int                # 0-based line index
    label: str
    tail: list[str]


def _words(text: str) -> list[str]:
    return text.split()


def line_tokens(text: str) -> list[str]:
    """Words of a data line; a lone minus before a number is its sign ("- 7 720,6"), unless it joins two years."""
    out: list[str] = []
    for word in text.split():
        if out and _SIGN.match(out[-1]) and word[:1].isdigit() and not (
                len(out) > 1 and YEAR_TOKEN.match(out[-2]) and YEAR_TOKEN.match(word)):
            out[-1] += word
        else:
            out.append(word)
    return out


def _letter_words(words: list[str]) -> int:
    return sum(any(ch.isalpha() for ch in w) for w in words)


def _label_ok(words: list[str], next_line: str) -> bool:
    label = " ".join(words)
    if len(label) > MAX_ROW_LABEL or _letter_words(words) > MAX_WORDS:
        return False
    if _DOT_LEADER.search(label) or _SENTENCE.search(label):
        return False
    if words and words[-1].lower() in DANGLING:
        return False
    return not UNIT_NEXT.match(next_line.strip())


def data_row(lines: list[str], i: int, joined: bool = False) -> _Row | None:
    """A short line ending in digit tokens (its label may be empty: an unlabeled total); a label joined from
    wrapped pieces may be longer and hold a colon or a full stop."""
    text = lines[i].strip()
    if not text or "\t" in lines[i] or BULLET.match(text) or PAGE_FOOTER.match(text):
        return None
    tokens = line_tokens(text)
    j = len(tokens)
    while j > 0 and (NUM_TOKEN.match(tokens[j - 1]) or EMPTY_CELL.match(tokens[j - 1])):
        j -= 1
    while j < len(tokens) and EMPTY_CELL.match(tokens[j]):  # a dash before the amounts belongs to the label
        j += 1
    tail, words = tokens[j:], tokens[:j]
    if not any(NUM_TOKEN.match(t) for t in tail) or all(YEAR_TOKEN.match(t) or EMPTY_CELL.match(t) for t in tail):
        return None
    next_line = lines[i + 1] if i + 1 < len(lines) else ""
    if not (_label_ok(words, next_line) or (joined and len(" ".join(words)) <= 2 * MAX_LABEL)):
        return None
    return _Row(i, " ".join(words), tail)


def heading_line(text: str) -> bool:
    """A short line of words with no full stop: a section heading inside a table."""
    text = text.strip()
    words = _words(text)
    return (bool(words) and len(text) <= MAX_LABEL and len(words) <= MAX_WORDS and not text.endswith(".")
            and not UNIT_LINE.match(text) and "\t" not in text and not BULLET.match(text)
            and not any(NUM_TOKEN.match(w) for w in words))


def _block(lines: list[str], i: int, taken: set[int], pieces: dict[int, list[int]]) -> list[_Row | int]:
    """Rows from line i on; ints are heading lines between rows. At most one heading and one blank between;
    the emptied lines of a wrapped label do not count."""
    members: list[_Row | int] = [data_row(lines, i, i in pieces)]  # type: ignore[list-item]
    skip = {n for ns in pieces.values() for n in ns}
    pending: list[int] = []
    j = i + 1
    while j < len(lines) and j not in taken:
        if j in skip:
            j += 1
            continue
        row = data_row(lines, j, j in pieces)
        if row is not None:
            if not row.label and (pending or not isinstance(members[-1], _Row) or not members[-1].label):
                break
            members += [p for p in pending if lines[p].strip()] + [row]
            pending = []
        elif _may_wait(lines, j, pending):
            pending.append(j)
        else:
            break
        j += 1
    return members


def _share_line(text: str) -> bool:
    """A short line ending in a percentage ("Ägarandel 100%"): a note on the block below, no amount."""
    words = _words(text)
    return 0 < len(words) <= 4 and re.fullmatch(r"\d+(?:,\d+)?\s?%", words[-1]) is not None


def _may_wait(lines: list[str], j: int, pending: list[int]) -> bool:
    """A blank or heading line may stand between rows, at most one of each, and a share line. A heading
    that announces percentages ("Procentuell förändring av: Budget") ends an amount table."""
    if _share_line(lines[j]):
        return not any(_share_line(lines[p]) for p in pending)
    if _PERCENT_HEADING.search(lines[j]):
        return False
    pending = [p for p in pending if not _share_line(lines[p])]
    blank = not lines[j].strip()
    if blank or heading_line(lines[j]):
        return not any(bool(lines[p].strip()) != blank for p in pending)
    return False


def _fragments_above(lines: list[str], i: int) -> list[str]:
    if i < 0:
        return []
    words = _words(lines[i])
    return words if words and all(w.endswith("-") and len(w) > 1 for w in words) else []


def join_wrapped(top: str, below: str) -> str:
    """"Nettokostnads-" over "ram 2025" → "Nettokostnadsram 2025"; "hälso-" over "och" keeps the hyphen."""
    if not top:
        return below
    if not below:
        return top
    if top.endswith("-") and below[:1].islower() and not re.match(r"(?:och|eller|samt)\b", below):
        return top[:-1] + below
    return f"{top} {below}"


def _header_cells(tokens: list[str]) -> tuple[list[str], list[str]] | None:
    """Split "Område ram 2025 ram 2026 Förändring" into label words and cells by the year tokens."""
    years = [j for j, t in enumerate(tokens) if YEAR_TOKEN.match(t)]
    if not years or any(NUM_TOKEN.match(t) and not YEAR_TOKEN.match(t) for t in tokens):
        return None
    width = years[1] - years[0] - 1 if len(years) > 1 else 0
    if len(years) == 1 and years[0] > 0 and KIND.match(tokens[years[0] - 1]):
        width = 1
    start = max(0, years[0] - width)
    label, cells, end = tokens[:start], [], start
    for y in years:
        cells.append(" ".join(tokens[end:y + 1]))
        end = y + 1
    trailing = tokens[end:]
    if trailing and all(DIFF_WORD.search(t) or KIND.match(t) for t in trailing):
        cells += trailing
    elif trailing:
        cells.append(" ".join(trailing))
    return label, cells


def single_space_header(lines: list[str], i: int) -> tuple[dict[int, str], list[str]] | None:
    """The header line at i (and a hyphen-fragment line above it): ({line index: text}, cells with label)."""
    if i < 0 or "\t" in lines[i]:
        return None
    text = GLUED_YEAR.sub(r"\1 ", lines[i].strip())
    tokens = _words(text)
    if not tokens or text.endswith(".") or len(tokens) > 14 or BULLET.match(text):
        return None
    split = _header_cells(tokens)
    if split is None:
        return None
    label, cells = split
    used = {i: text}
    fragments = _fragments_above(lines, i - 1)
    year_cells = [c for c, t in enumerate(cells) if YEAR_TOKEN.match(t.split()[-1])]
    targets = year_cells if len(fragments) == len(year_cells) else range(len(cells))
    if fragments and len(fragments) == len(targets):
        for frag, c in zip(fragments, targets, strict=True):
            cells[c] = join_wrapped(frag, cells[c])
        used[i - 1] = lines[i - 1].strip()
    elif not fragments:
        label = _kinds_above(lines, i, cells, year_cells, used) + label
    return used, [" ".join(label), *cells]


def _kinds_above(lines: list[str], i: int, cells: list[str], year_cells: list[int], used: dict[int, str]) -> list[str]:
    """A line of kind words over the years ("Utfall Prognos Budget Budget Budget" / "2024 … 2028") joins
    them column by column, one word over all of them spans them; a section word between the two lines
    ("Tillgångar") heads the label column. Returns the label words taken."""
    between = [i - 1] if i > 1 and heading_line(lines[i - 1]) and not _kind_words(lines[i - 1]) else []
    at = i - 1 - len(between)
    kinds = _kind_words(lines[at]) if at >= 0 and "\t" not in lines[at] else []
    if not kinds or len(kinds) not in (1, len(year_cells)) or any(KIND.match(w) for w in " ".join(
            cells[c] for c in year_cells).split()):
        return []
    for n, c in enumerate(year_cells):
        cells[c] = f"{kinds[min(n, len(kinds) - 1)]} {cells[c]}"
    used.update({n: lines[n].strip() for n in [at, *between]})
    return [lines[n].strip() for n in between]


def _kind_words(text: str) -> list[str]:
    words = _words(text)
    return words if words and all(KIND.match(w) or w.lower() == "kalkyl" for w in words) else []


def toc_like(values: list[float]) -> bool:
    """Page numbers of a contents list: small whole numbers that rise and never fall."""
    return (all(v == int(v) and 0 < v < 1000 for v in values) and values == sorted(values)
            and values[-1] > values[0])


def _cut_unlabeled(rows: list[_Row], chosen: list[Reading | None], k: int) -> int | None:
    """Index of the first unlabeled row that is no total (a page number, a stray figure), or None."""
    running, terms = 0.0, 0
    for n, (row, pick) in enumerate(zip(rows, chosen, strict=True)):
        if row.label:
            if pick is not None and k == 1:
                running, terms = running + pick.values[0], terms + 1
            continue
        if pick is None or len(pick.numbers) != k:
            return n
        if k == 1 and (terms < 2 or abs(pick.values[0] - running) > 0.5 * (terms + 1)):
            return n
        running, terms = 0.0, 0
    return None


def _resolve_block(rows: list[_Row], k: int, names: list[str],
                   change: int | None) -> tuple[list[Reading | None], list[dict]]:
    totals = [not r.label or bool(_TOTAL.match(r.label)) for r in rows]
    return resolve([r.tail for r in rows], totals, [r.label for r in rows], k, names, change)


def _single_space_table(lines: list[str], members: list[_Row | int]) -> SpaceTable | None:
    rows = [m for m in members if isinstance(m, _Row)]
    first = rows[0].index
    header = single_space_header(lines, first - 1)
    between: list[int] = []
    while header is None and len(between) < 2 and first - len(between) > 1 and (
            heading_line(lines[first - 1 - len(between)]) or _share_line(lines[first - 1 - len(between)])):
        between.insert(0, first - 1 - len(between))
        header = single_space_header(lines, between[0] - 1)
    members = [*between, *members] if header else members
    k = len(header[1]) - 1 if header else 0
    if header and not _fits_header(rows, k):
        header, k = None, 0
    if not k:
        k = best_k([r.tail for r in rows])
    names = header[1][1:] if header else [f"kolumn {c + 1}" for c in range(k)]
    change = next((c for c, n in enumerate(names) if DIFF_WORD.search(n)), None)
    chosen, records = _resolve_block(rows, k, names, change)
    cut = _cut_unlabeled(rows, chosen, k)
    if cut is not None:
        last = rows[cut].index
        members = [m for m in members if (m.index if isinstance(m, _Row) else m) < last]
        rows = rows[:cut]
        chosen, records = _resolve_block(rows, k, names, change)
    labeled = [r for r in rows if r.label]
    one_row = len(labeled) == 1 and header and UNIT.search(labeled[0].label)  # "Förändring (mnkr) -2,2 22,2"
    if (len(labeled) < (2 if header else 3) and not one_row) or any(c is None for c in chosen):
        return None
    if k == 1 and not header and toc_like([c.values[0] for c in chosen]):
        return None
    return _build(lines, members, rows, chosen, records, header, k)


def _fits_header(rows: list[_Row], k: int) -> bool:
    """Most rows fill the header's k columns, or none can be read as more numbers (a sparse table)."""
    if sum(any(len(r.numbers) == k for r in _readings(row, k)) for row in rows) * 2 >= len(rows):
        return True
    return all(_readings(row, k) and max(len(n) for n in numbers_of(row.tail[-MAX_TOKENS:])) <= k for row in rows)


def _readings(row: _Row, k: int) -> list[Reading]:
    return row_readings(row.tail, k)


def _build(lines: list[str], members: list[_Row | int], rows: list[_Row], chosen: list[Reading | None],
           records: list[dict], header: tuple[dict[int, str], list[str]] | None, k: int) -> SpaceTable:
    out_rows: list[list[dict]] = []
    texts: dict[int, str] = {}
    readings = []
    if header:
        used, cells = header
        line_no = max(used) + 1
        out_rows.append([cell(t, None, None, line_no) for t in cells])
        texts.update({i + 1: t for i, t in used.items()})
    picks = dict(zip((r.index for r in rows), chosen, strict=True))
    by_index = {r.index: n for n, r in enumerate(rows)}
    for m in members:
        if isinstance(m, int):
            out_rows.append([cell(t, None, None, m + 1) for t in [lines[m].strip()] + [""] * k])
            texts[m + 1] = lines[m].strip()
            continue
        pick = picks[m.index]
        label = " ".join([m.label, *m.tail[:pick.kept]]).strip()
        values = [""] * k
        for c, number in zip(pick.columns, pick.numbers, strict=True):
            values[c] = number
        out_rows.append([cell(t, None, None, m.index + 1) for t in [label, *values]])
        texts[m.index + 1] = " | ".join(t for t in [label, *values] if t)
        for rec in records:
            if rec["index"] == by_index[m.index]:
                readings.append({"row": len(out_rows) - 1, "line": m.index + 1, "chosen": rec["chosen"],
                                 "alternatives": rec["alternatives"], "reason": rec["reason"]})
    return SpaceTable(min(texts), texts, out_rows, "single-space", readings)


def single_space_tables(lines: list[str], taken: set[int], pieces: dict[int, list[int]] | None = None
                        ) -> list[SpaceTable]:
    """Tables of single-spaced rows; `pieces` maps a values line to the wrapped label lines joined onto it."""
    pieces = pieces or {}
    tables = []
    i = 0
    while i < len(lines):
        row = data_row(lines, i, i in pieces) if i not in taken else None
        if row is None or not row.label:
            i += 1
            continue
        members = _block(lines, i, taken, pieces)
        table = _single_space_table(lines, members)
        last = max(m.index if isinstance(m, _Row) else m for m in members)
        if table is not None:
            tables.append(table)
            taken.update(n - 1 for n in table.line_texts)
            taken.update(n for row in table.line_texts for n in pieces.get(row - 1, []))
        i = last + 1
    return tables
