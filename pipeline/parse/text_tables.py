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

_BULLET = re.compile(r"^\s*(?:[•·▪●○◦*]|[-–—]\s|\d+[.)]\s|[a-zA-Z]\)\s)")
_DOT_LEADER = re.compile(r"\.{3,}|…|(?:\. ){3,}")
_SENTENCE = re.compile(r"[.!?;]\s+[A-ZÅÄÖ]|[!?;:]\s")  # an abbreviation is no sentence ("inkl. akutram")
_DANGLING = {"om", "med", "inom", "till", "på", "av", "för", "än", "och", "eller", "ca", "cirka", "drygt",
             "knappt", "nästan", "från", "under", "över", "mellan", "vid", "i", "per", "uppgår", "blir", "är",
             "var", "samt", "ytterligare", "motsvarande", "den", "det", "de", "en", "ett"}
_UNIT_NEXT = re.compile(r"^(?:dagar|dag|miljoner|miljarder|miljon|kronor|kr|tkr|mkr|mnkr|procent|%|år|"
                        r"månader|veckor|timmar|st|personer|deltagare|invånare|inv)\b", re.IGNORECASE)
_KIND = re.compile(r"^(?:budget|ram|utfall|prognos|bokslut|plan|ack|nettokostnadsram|nettobudget|år)$", re.I)
_TOTAL = re.compile(r"^(?:summa|totalt?|total summa|totalsumma|netto|resultat)\b", re.IGNORECASE)
_UNIT = re.compile(r"(?<![a-zåäö])(?:tkr|mkr|mnkr|msek|tsek|kronor|kr)(?![a-zåäö])", re.IGNORECASE)
_TABLE_UNIT = re.compile(rf"tabell.*{_UNIT.pattern}|belopp i .*{_UNIT.pattern}", re.IGNORECASE)
_UNIT_LINE = re.compile(rf"^\(?(?:alla )?(?:belopp i|belopp|i) [\w ]*{_UNIT.pattern}\)?\.?$", re.IGNORECASE)
PAGE_FOOTER = re.compile(r"^(?:sida|page|s\.)\s*\d{1,4}(?:\s*(?:av|/|of)\s*\d{1,4})?$", re.IGNORECASE)
_SIGN = re.compile(r"^[-−–]$")
_PERCENT_HEADING = re.compile(r"\bprocent|%", re.IGNORECASE)
_GLUED_YEAR = re.compile(r"\b((?:19[89]|20\d)\d)(?=[A-ZÅÄÖ][a-zåäö])")  # "2028Utfördelat till"
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


def _tokens(text: str) -> list[str]:
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
    if words and words[-1].lower() in _DANGLING:
        return False
    return not _UNIT_NEXT.match(next_line.strip())


def data_row(lines: list[str], i: int, joined: bool = False) -> _Row | None:
    """A short line ending in digit tokens (its label may be empty: an unlabeled total); a label joined from
    wrapped pieces may be longer and hold a colon or a full stop."""
    text = lines[i].strip()
    if not text or "\t" in lines[i] or _BULLET.match(text) or PAGE_FOOTER.match(text):
        return None
    tokens = _tokens(text)
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
            and not _UNIT_LINE.match(text) and "\t" not in text and not _BULLET.match(text)
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
    if len(years) > 1:
        width = years[1] - years[0] - 1
    else:
        width = 1 if years[0] > 0 and _KIND.match(tokens[years[0] - 1]) else 0
    start = max(0, years[0] - width)
    label, cells, end = tokens[:start], [], start
    for y in years:
        cells.append(" ".join(tokens[end:y + 1]))
        end = y + 1
    trailing = tokens[end:]
    if trailing and all(DIFF_WORD.search(t) or _KIND.match(t) for t in trailing):
        cells += trailing
    elif trailing:
        cells.append(" ".join(trailing))
    return label, cells


def single_space_header(lines: list[str], i: int) -> tuple[dict[int, str], list[str]] | None:
    """The header line at i (and a hyphen-fragment line above it): ({line index: text}, cells with label)."""
    if i < 0 or "\t" in lines[i]:
        return None
    text = _GLUED_YEAR.sub(r"\1 ", lines[i].strip())
    tokens = _words(text)
    if not tokens or text.endswith(".") or len(tokens) > 14 or _BULLET.match(text):
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
    if not kinds or len(kinds) not in (1, len(year_cells)) or any(_KIND.match(w) for w in " ".join(
            cells[c] for c in year_cells).split()):
        return []
    for n, c in enumerate(year_cells):
        cells[c] = f"{kinds[min(n, len(kinds) - 1)]} {cells[c]}"
    used.update({n: lines[n].strip() for n in [at, *between]})
    return [lines[n].strip() for n in between]


def _kind_words(text: str) -> list[str]:
    words = _words(text)
    return words if words and all(_KIND.match(w) or w.lower() == "kalkyl" for w in words) else []


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
    one_row = len(labeled) == 1 and header and _UNIT.search(labeled[0].label)  # "Förändring (mnkr) -2,2 22,2"
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
    words = _tokens(text)
    return (bool(words) and len(text) <= MAX_LABEL and not _UNIT_LINE.match(text) and not PAGE_FOOTER.match(text)
            and not _BULLET.match(text) and not any(NUM_TOKEN.match(w) for w in words))


def _goes_on(text: str) -> bool:
    """A label piece that continues the line above: lowercase or a parenthesis first."""
    return text[:1].islower() or text[:1] == "("


def _wrapped(lines: list[str], i: int) -> tuple[int, int] | None:
    """Label pieces around the values line i ("Avkastning pensionsportfölj" / "-263 -254" /
    "(Balanskravsjustering)", "Återställande 2023, 117" / "3 år"): (lines taken above, lines taken below)."""
    tokens = _tokens(lines[i].strip())
    j = _label_end(tokens)
    if j == len(tokens) or all(YEAR_TOKEN.match(t) for t in tokens[j:]):
        return None
    label = tokens[:j]
    below = lines[i + 1].strip() if i + 1 < len(lines) else ""
    ends_open = bool(label) and (label[-1].endswith(",") or label[-1].lower() in _DANGLING)
    if _UNIT_NEXT.match(below):  # "Behandling inom 90" / "dagar": the number's unit, prose
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
        tokens = _tokens(lines[i].strip())
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
        if not last or _has_year(last) or DIFF_WORD.search(last) or all(_KIND.match(w) for w in last.split()):
            continue
        out[i] = _GLUED_YEAR.sub(r"\1 ", lines[i].strip()).removesuffix(last).rstrip()
        comments[i] = last
        for j in range(i + 1, min(len(lines), i + 40)):
            m = _COMMENTED.match(lines[j].strip())
            if j in taken or not lines[j].strip() or _UNIT_LINE.match(lines[j].strip()) or (
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


def single_space_tables(lines: list[str], taken: set[int]) -> list[SpaceTable]:
    original = lines
    lines, comments = split_comments(lines, taken)
    lines, pieces = join_wrapped_rows(lines, taken)
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
            for n in [p for row in list(table.line_texts) for p in pieces.get(row - 1, [])]:
                table.line_texts[n + 1] = original[n].strip()
            table.first_line = min(table.line_texts)
            _add_comments(table, comments)
            tables.append(table)
            taken.update(n - 1 for n in table.line_texts)
        i = last + 1
    return tables


def notes_around(prose: list[str | None], first: int, last: int, before: int = 3, after: int = 2) -> list[str]:
    """Up to `before` prose lines above a table and `after` below (0-based indices, None = table line,
    '' = blank), wrapped sentences joined: "belopp i miljoner" + "kronor." → one note. When none of them
    names a unit, the last sentence further up that speaks of a table and a unit comes first."""
    up = _above(prose, first, before)
    down = _collect(prose, range(last + 1, len(prose)), after)
    notes = _merge(up) + _merge(down)
    if not any(_UNIT.search(n) for n in notes):
        far = _merge(_above(prose, first, FAR_LINES))
        stated = [s for n in far for s in re.split(r"(?<=[.!?])\s+", n) if _TABLE_UNIT.search(s)]
        notes = stated[-1:] + notes
    return notes


def _above(prose: list[str | None], first: int, limit: int) -> list[tuple[int, str]]:
    """Prose lines above a table, top down, without the unit footer of a table further up."""
    return [(i, t) for i, t in _collect(prose, range(first - 1, -1, -1), limit)[::-1]
            if not (_UNIT_LINE.match(t) and i > 0 and prose[i - 1] is None)]


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
