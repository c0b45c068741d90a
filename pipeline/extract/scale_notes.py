"""A table's unit from the words around it: its caption ("Belopp i tkr", "(mnkr)"), a note beside it
("Beloppen anges i miljoner kronor."), or a note left at the foot of the page before."""

from __future__ import annotations

import re
from functools import lru_cache

from ..numbers import unit_factor
from ..vocabulary import alternatives, vocabulary

_FOOT_LINES = 3  # the caption and a note or two that close a page

_NOTE_WORDS = 60  # characters from a note's lead word ("Beloppen") to its "i tkr"


@lru_cache(maxsize=1)
def unit_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns built from vocabulary.toml [units], [unit_notes] and [header_labels]: an amount a
    caption states, a sentence that gives the scale, a note that is only a unit, header filler."""
    words = vocabulary()
    units = alternatives(list(words["units"]))
    notes = words["unit_notes"]
    stated = re.compile(rf"\d[\d \u00a0]*(?:,\d+)?\s*(?:{units}|{alternatives(notes['amount_words'])})", re.I)
    scale = re.compile(rf"(?:{alternatives(notes['leads'])})\b[^.]{{0,{_NOTE_WORDS}}}?\bi\s+(?P<unit>{units})\b",
                       re.IGNORECASE)
    only_unit = re.compile(rf"^\(?\s*(?:{units})\s*\)?\.?$", re.IGNORECASE)
    filler = re.compile(rf"(?<![\wåäö])(?:{alternatives(words['header_labels']['filler'])})(?![\wåäö])", re.I)
    return stated, scale, only_unit, filler


def table_unit(table: dict) -> int | None:
    """The scale a table's caption ("Belopp i tkr", "(tkr)") or a note beside it ("… belopp i miljoner
    kronor.") gives; a sentence that merely states an amount ("100 tkr") is no scale."""
    title = (table.get("title") or "").strip()
    if len(title) <= 90 and not title.endswith((".", ":")):
        found = unit_factor(unit_patterns()[0].sub("", title), kronor=True)
        if found:
            return found
    notes = [re.sub(r"\s+", " ", note or "").strip() for note in table.get("notes", [])]
    for note in [title, *notes]:
        match = unit_patterns()[1].search(note)
        if match:
            return unit_factor(match["unit"], kronor=True)
    return next((unit_factor(note, kronor=True) for note in notes if unit_patterns()[2].match(note)), None)


_NOTE_REACH = 50  # points above a table a scale note may stand (between caption, note and the header)


def scale_notes(table: dict, lines: list[dict]) -> list[str]:
    """Lines just above a table, outside every table, that state its scale ("Alla belopp i tkr", "(mnkr)"),
    nearest first: a note printed between the caption and the table that parse did not attach."""
    cells = [c for row in table["rows"][:3] for c in row if c.get("bbox") and c.get("page") == table.get("page")]
    if not cells:
        return []
    top = min(c["bbox"][1] for c in cells)
    left, right = min(c["bbox"][0] for c in cells), max(c["bbox"][2] for c in cells)
    near = [x for x in lines if x.get("page") == table.get("page") and not x.get("table") and x.get("bbox")
            and top - _NOTE_REACH <= x["bbox"][3] <= top + 1 and x["bbox"][0] < right and x["bbox"][2] > left]
    texts = [x["text"].strip() for x in sorted(near, key=lambda x: -x["bbox"][3])] or _overleaf(table, lines, top)
    _, scale, only_unit, _ = unit_patterns()
    return [t for t in texts if scale.search(t) or only_unit.match(t)]


def _overleaf(table: dict, lines: list[dict], top: float) -> list[str]:
    """A table that opens its page may have its caption and note at the foot of the page before, under
    that page's last table: those closing lines, nearest first."""
    page = table.get("page")
    if page is None or any(x.get("page") == page and x.get("bbox") and x["bbox"][3] <= top + 1 and not x.get("table")
                           for x in lines):
        return []
    before = [x for x in lines if x.get("page") == page - 1 and x.get("bbox")]
    floor = max((x["bbox"][3] for x in before if x.get("table")), default=float("-inf"))
    foot = sorted((x for x in before if not x.get("table") and x["bbox"][1] >= floor), key=lambda x: -x["bbox"][3])
    return [x["text"].strip() for x in foot[:_FOOT_LINES]]
