"""A table that states no unit, read by the figures it shares with tables that do.

A regional budget prints "Årets resultat 234" in a summary table that names no unit, and
"Årets resultat 234,0" in a table headed "mnkr". Reading the first as 234 kronor is a guess the
document itself contradicts; where a row of an unstated table equals a row of a stated one (same
label, same year) at a scale of a thousand or a million, and at no other scale, the table takes
that scale. Arithmetic across the document is the witness; where nothing is shared, nothing changes.

A table that repeats the header of the one before it, on the next page, is that table going on: its
unit is the one stated over the first part (repeats_header).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..numbers import parse_amount

SCALES = (1_000, 1_000_000)  # tkr, mnkr


def _key(line: dict) -> tuple[str, int]:
    return " ".join(line["label"].lower().split()), line["year"]


def _votes(table_lines: list[dict], known: dict[tuple[str, int], set[int]]) -> Counter:
    """How many rows agree with a stated table at each scale (1 = as read)."""
    votes: Counter = Counter()
    for line in table_lines:
        amount = parse_amount(line.get("amount_text") or "")
        if amount is None or amount.unit or not amount.value:
            continue
        for scale in (1, *SCALES):
            if amount.sek(scale) in known.get(_key(line), ()):
                votes[scale] += 1
    return votes


def infer_units(lines: list[dict], stated: dict[int, bool]) -> list[dict]:
    """Lines with the scale of each unstated table set from the figures it shares with stated ones."""
    known: dict[tuple[str, int], set[int]] = defaultdict(set)
    for line in lines:
        if stated.get(line["table_no"]):
            known[_key(line)].add(line["amount_sek"])
    by_table: dict[int, list[dict]] = defaultdict(list)
    for line in lines:
        if not stated.get(line["table_no"], True):
            by_table[line["table_no"]].append(line)
    scale_of: dict[int, int] = {}
    for table_no, table_lines in by_table.items():
        votes = _votes(table_lines, known)
        scales = [s for s in SCALES if votes[s]]
        if len(scales) == 1 and not votes[1]:
            scale_of[table_no] = scales[0]
    return [_rescaled(line, scale_of[line["table_no"]]) if line["table_no"] in scale_of else line
            for line in lines]


def _rescaled(line: dict, scale: int) -> dict:
    amount = parse_amount(line.get("amount_text") or "")
    if amount is None or amount.unit:
        return line
    return line | {"amount_sek": amount.sek(scale), "unit_factor": scale, "unit_inferred": True}


def repeats_header(header: list[list[str]], page: int | None, table: dict) -> bool:
    """The table opens with the first row of the header before it (`header`, on `page`), on the same
    page or the next: a header row repeated atop each page (Word's "repeat as header row", a
    spreadsheet's print titles) over the same table, whose caption and unit stand on its first page
    only. Parse may cut its columns differently on each page (a note column empty on one of them),
    so the header's words are compared, not its cells."""
    if not header or not table["rows"] or page is None or table.get("page") is None:
        return False
    first = [t for c in table["rows"][0] if (t := c["text"].strip())]
    return 0 <= table["page"] - page <= 1 and bool(first) and first == [t for t in header[0] if t]
