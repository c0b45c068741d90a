"""Layout text tables (pdftotext -layout): cells apart by two or more spaces, columns at fixed
character positions. The right edges of the amounts form the columns, as a PDF's x positions do;
a header cell belongs to the column whose character span it overlaps most."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import cell
from ..numbers import parse_amount
from .text_split import DIFF_WORD, YEAR_TOKEN
from .text_tables import MAX_WORDS, SpaceTable, heading_line, join_wrapped, toc_like

_SEGMENT = re.compile(r"\S+(?: \S+)*")
_AMOUNT = re.compile(r"^(?:\(?[+\-−–]?\s?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?\)?\s?%?\**|[-–—])$")
_NOT_LABEL = re.compile(r"\.{3,}|…|[.!?]\s")
EDGE_TOLERANCE = 2
Header = tuple[dict[int, str], list[str]]  # ({line index: text}, cells with the label cell first)


@dataclass
class _Cell:
    start: int
    end: int
    text: str


@dataclass
class _Row:
    index: int
    label: str
    cells: list[_Cell]


def _segments(line: str) -> list[_Cell]:
    return [_Cell(m.start(), m.end(), m.group()) for m in _SEGMENT.finditer(line)]


def layout_row(line: str, index: int) -> _Row | None:
    """Label segments, then 2+-space-separated amount segments; an unlabeled row must be indented."""
    if "\t" in line:
        return None
    segs = _segments(line)
    j = len(segs)
    while j > 0 and _AMOUNT.match(segs[j - 1].text):
        j -= 1
    amounts, label_segs = segs[j:], segs[:j]
    if not amounts or len(segs) < 2 or (not label_segs and segs[0].start == 0):
        return None
    if all(YEAR_TOKEN.match(a.text) for a in amounts) or all(not any(ch.isdigit() for ch in a.text)
                                                               for a in amounts):
        return None
    label = " ".join(s.text for s in label_segs)
    if len(label) > 80 or len(label.split()) > 2 * MAX_WORDS or _NOT_LABEL.search(label):
        return None
    return _Row(index, label, amounts)


def _columns(rows: list[_Row]) -> list[tuple[int, int]]:
    """Column spans (start, end) from the amounts' right edges, grouped within EDGE_TOLERANCE."""
    edges = sorted({c.end for r in rows for c in r.cells})
    groups: list[list[int]] = []
    for edge in edges:
        if groups and edge - groups[-1][-1] <= EDGE_TOLERANCE:
            groups[-1].append(edge)
        else:
            groups.append([edge])
    spans = []
    for group in groups:
        members = [c for r in rows for c in r.cells if group[0] <= c.end <= group[-1]]
        spans.append((min(c.start for c in members), max(c.end for c in members)))
    return spans


def _column_of(seg: _Cell, spans: list[tuple[int, int]]) -> int | None:
    """Most-overlapped column; None when the segment lies left of every column (the label header)."""
    overlaps = [min(seg.end, e) - max(seg.start, s) for s, e in spans]
    best = max(range(len(spans)), key=lambda c: overlaps[c])
    if overlaps[best] > 0:
        return best
    if seg.end <= spans[0][0]:
        return None
    centre = (seg.start + seg.end) / 2
    return min(range(len(spans)), key=lambda c: abs((spans[c][0] + spans[c][1]) / 2 - centre))


def _gap_above(lines: list[str], first: int) -> list[int]:
    """Blank lines and one-segment headings ("Intäkter") between a header and the first row."""
    gap: list[int] = []
    i = first - 1
    while i >= 0 and len(gap) < 3 and (not lines[i].strip() or (heading_line(lines[i])
                                                                  and len(_segments(lines[i])) == 1)):
        gap.insert(0, i)
        i -= 1
    return gap


def _header(lines: list[str], first: int, spans: list[tuple[int, int]]) -> Header | None:
    """Up to three lines straight above the first row (or above a gap), joined per column top to bottom."""
    above: list[int] = []
    i = first - 1
    while i >= 0 and len(above) < 3 and lines[i].strip() and "\t" not in lines[i]:
        text = lines[i].strip()
        if text.endswith(".") or layout_row(lines[i], i) is not None or len(text) > 200:
            break
        above.insert(0, i)
        i -= 1
    cells = [""] * (len(spans) + 1)
    for i in above:
        for seg in _segments(lines[i]):
            c = _column_of(seg, spans)
            slot = 0 if c is None else c + 1
            cells[slot] = join_wrapped(cells[slot], seg.text)
    if not any(YEAR_TOKEN.search(w) or DIFF_WORD.search(w) for c in cells[1:] for w in c.split()):
        return None
    return {i: " ".join(lines[i].split()) for i in above}, cells


def _header_and_gap(lines: list[str], members: list[_Row | int],
                    spans: list[tuple[int, int]]) -> tuple[Header | None, list[_Row | int]]:
    """The header straight above the rows, else above a gap of blanks and headings (then kept as rows)."""
    first = members[0].index if isinstance(members[0], _Row) else members[0]
    header = _header(lines, first, spans)
    if header is not None:
        return header, members
    gap = _gap_above(lines, first)
    header = _header(lines, gap[0], spans) if gap else None
    if header is None:
        return None, members
    return header, [i for i in gap if lines[i].strip()] + members


def _block(lines: list[str], i: int, taken: set[int]) -> list[_Row | int]:
    members: list[_Row | int] = [layout_row(lines[i], i)]  # type: ignore[list-item]
    pending: list[int] = []
    j = i + 1
    while j < len(lines) and j not in taken:
        row = layout_row(lines[j], j)
        if row is not None:
            members += [p for p in pending if lines[p].strip()] + [row]
            pending = []
        elif len(pending) < 2 and (not lines[j].strip() or heading_line(lines[j])):
            pending.append(j)
        else:
            break
        j += 1
    return members


def _table(lines: list[str], members: list[_Row | int]) -> SpaceTable | None:
    rows = [m for m in members if isinstance(m, _Row)]
    spans = _columns(rows)
    header, members = _header_and_gap(lines, members, spans)
    if sum(1 for r in rows if r.label) < (2 if header else 3):
        return None
    if len(spans) == 1 and not header:
        values = [a.value for r in rows for c in r.cells if (a := parse_amount(c.text)) is not None]
        if toc_like(values):
            return None
    out_rows: list[list[dict]] = []
    texts: dict[int, str] = {}
    if header:
        used, cells = header
        out_rows.append([cell(t, None, None, max(used) + 1) for t in cells])
        texts.update({i + 1: t for i, t in used.items()})
    for m in members:
        index = m if isinstance(m, int) else m.index
        values = [""] * (len(spans) + 1)
        if isinstance(m, int):
            values[0] = lines[m].strip()
        else:
            values[0] = m.label
            for c in m.cells:
                slot = _column_of(c, spans)
                slot = 0 if slot is None else slot + 1
                values[slot] = join_wrapped(values[slot], c.text) if slot else c.text
        out_rows.append([cell(t, None, None, index + 1) for t in values])
        texts[index + 1] = " | ".join(t for t in values if t)
    return SpaceTable(min(texts), texts, out_rows, "layout")


def layout_tables(lines: list[str], taken: set[int]) -> list[SpaceTable]:
    tables = []
    i = 0
    while i < len(lines):
        row = layout_row(lines[i], i) if i not in taken else None
        if row is None:
            i += 1
            continue
        members = _block(lines, i, taken)
        table = _table(lines, members)
        if table is not None:
            tables.append(table)
            taken.update(n - 1 for n in table.line_texts)
        i = max(m if isinstance(m, int) else m.index for m in members) + 1
    return tables
