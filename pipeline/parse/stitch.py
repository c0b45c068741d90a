"""Tables that run over a page break: which table of a page reads on from the one closing the page
before, and how the two (or a header, a caption or a lone row left behind) are put back together."""

from __future__ import annotations

from ..settings import LayoutSettings
from ..vocabulary import vocabulary
from .headers import title_above
from .layout import is_continuation, is_value_cell, is_year_cell, make_cell, split_cells
from .rows import header_cells, is_header_row
from .widen import widen


def _signature(row: list[dict]) -> str:
    return "|".join(c["text"] for c in row)


def is_last_content(table: dict, page: dict) -> bool:
    return not any(line["top"] > table["bottom"] and "table" not in line for line in page["lines"])


def is_first_content(table: dict, page: dict, settings: LayoutSettings) -> bool:
    """Nothing stands above the table on its page, or only a section heading over rows with no header
    ("Finansiering"): a heading between a table's parts does not end it."""
    above = [line for line in page["lines"] if line["bottom"] < table["top"] and "table" not in line]
    return not above or (len(above) == 1 and not has_header(table) and len(above[0]["text"]) <= settings.short_line
                         and not above[0]["text"].rstrip().endswith("."))


def _edge_tolerance(settings: LayoutSettings, *tables: dict) -> float:
    """How far (pt) a column edge may wander between pages: scanned pages lie a few points apart."""
    return settings.scanned_edge_tolerance if any(t.get("scanned") for t in tables) else settings.edge_tolerance


def _same_columns(a: dict, b: dict, settings: LayoutSettings) -> bool:
    """Same value columns: each pair shares its left or its right edge (left- or right-aligned
    amounts); a header left alone at the foot of a page has only its year cells to go by, and
    two scanned pages lie on the scanner a few points apart."""
    edge = _edge_tolerance(settings, a, b)
    slack = settings.header_edge_slack if len(a["rows"]) == 1 else edge
    return len(a["bands"]) == len(b["bands"]) and all(
        abs(x[0] - y[0]) <= edge or abs(x[1] - y[1]) <= edge or abs(x[0] + x[1] - y[0] - y[1]) / 2 <= slack
        for x, y in zip(a["bands"], b["bands"], strict=True))


def _heading_rows(rows: list[list[dict]]) -> list[list[dict]]:
    """The rows before the first row with an amount (years are headers, not amounts)."""
    out = []
    for row in rows:
        if any(is_value_cell(c["text"]) and not is_year_cell(c["text"]) for c in row[1:]):
            break
        out.append(row)
    return out


def _heads_columns(row: list[dict]) -> bool:
    kinds = vocabulary()["column_kinds"]
    words = tuple(w for kind in kinds["order"] for w in kinds[kind])
    cells = [c["text"].strip().lower() for c in row[1:] if c["text"].strip()]
    return bool(cells) and all(is_year_cell(text) or text.startswith(words) for text in cells)


def _without_repeated_header(rows: list[list[dict]], before: list[list[dict]]) -> list[list[dict]]:
    """Drop the continuation's opening rows that only repeat words of the header the table began with:
    a header repeated on the next page may fall into cells differently (a spanning 'Budget' over
    '2025 2026' given to both columns), so its rows need not match cell for cell."""
    words = {w for row in _heading_rows(before[:3]) for c in row for w in c["text"].split()}
    lead = _heading_rows(rows)
    repeated = 0
    # a row that heads the value columns (each cell a year or a column kind: "Budget", "Utfall 2024"):
    # a section heading ("Intäkter") or an empty amount ("–") opening the page stays
    while repeated < len(lead) and _heads_columns(lead[repeated]) and all(
            w in words for c in lead[repeated] for w in c["text"].split()):
        repeated += 1
    return rows[repeated:]


def stitch(a: dict, b: dict, lines_before: list[dict]) -> None:
    """Append table b (top of the next page) to table a: drop its repeated header, join a split label.
    A header left alone (a) takes the caption over it (see caption_over_header); `lines_before` are
    the lines of a's page."""
    if header_only(a):
        a["title"] = caption_over_header(a, b, lines_before)
    head = {_signature(r) for r in a["rows"][:3]}
    rows = _without_repeated_header([r for r in b["rows"] if _signature(r) not in head], a["rows"])
    if rows and a["rows"]:
        first, last = rows[0], a["rows"][-1]
        empty_values = not any(c["text"] for c in first[1:])
        if empty_values and is_continuation(last[0]["text"], first[0]["text"]):
            last[0] = dict(last[0], text=f"{last[0]['text']} {first[0]['text']}".strip())
            rows = rows[1:]
    a["rows"] += rows
    a.setdefault("continued_on", []).append(b["page"])


def _trailing_header(page: dict, found: list[dict], settings: LayoutSettings) -> list[dict]:
    """The short lines that close a page, wrapped header words included, outside any table with rows."""
    block: list[dict] = []
    for line in sorted(page["lines"], key=lambda x: x["bottom"], reverse=True)[:3]:
        if line.get("carried"):
            continue  # a header already carried over to the next page: the caption stands above it
        in_table = any(len(t["rows"]) > 1 and t["top"] - 1 <= line["top"] <= t["bottom"] + 1 for t in found)
        if len(line["text"]) > settings.short_line or in_table:
            break
        if block and block[0]["top"] - line["bottom"] > line["bottom"] - line["top"]:
            break
        block.insert(0, line)
    return block


def orphan_header(page: dict, found: list[dict], table: dict, settings: LayoutSettings) -> list[dict] | None:
    """A header left alone at the foot of a page, not read as a table of its own ("Befolknings-/mängd
    Procent", or the one year over a one-column table: "2025"), whose words all sit over the value
    columns of the table that opens the next page: its header row. A bare year there is no amount: an
    amount at a page foot has its label beside it."""
    block = _trailing_header(page, found, settings)
    if not block or not table["bands"]:
        return None
    label_edge = table["bounds"][0] if table["bounds"] else table["bands"][0][0]
    labels_end = table.get("_label_right") or label_edge

    def over_columns(cell: dict) -> bool:
        # centred right of the label column's edge, or starting right of where the longest data label
        # ends: a heading centred in a wide first value cell may reach back over that edge
        return (cell["x0"] + cell["x1"]) / 2 > label_edge or cell["x0"] > labels_end

    split = [split_cells(line, [], settings) for line in block]
    # lines over the labels alone above the first word over the columns are the caption and its note
    first = next((k for k, cells in enumerate(split) if any(map(over_columns, cells))), 0)
    block, cells = block[first:], [c for cells in split[first:] for c in cells]
    if any(is_value_cell(c["text"]) and not is_year_cell(c["text"]) for c in cells):
        return None
    heads = [c for c in cells if over_columns(c)]
    edge = _edge_tolerance(settings, table)
    per_band = [[h for h in heads if h["x0"] < band[1] + edge and h["x1"] > band[0] - edge] for band in table["bands"]]
    if not all(per_band) or sum(map(len, per_band)) != len(heads):
        return None
    for line in block:
        line["table"] = line["carried"] = True
    labels = [c for c in cells if c not in heads]
    return [make_cell(labels, page["number"])] + [make_cell(parts, page["number"]) for parts in per_band]


def carry_caption(page: dict, found: list[dict], table: dict, settings: LayoutSettings) -> None:
    """A caption and unit note left at the foot of a page ("Budget för förbundet", "Belopp i tkr") are
    those of the table that opens the next page with nothing above it."""
    block = _trailing_header(page, found, settings)
    if block:
        table["title"], table["notes"] = block[-1]["text"], [line["text"] for line in block]


def header_only(table: dict) -> bool:
    return all(is_header_row(r) or not any(x["has_values"] for x in r) for r in table["_lines"])


def has_header(table: dict) -> bool:
    first = table["_lines"][0] if table["_lines"] else []
    return is_header_row(first) or not any(x["has_values"] for x in first)


def carry_header(header: dict, table: dict, lines_before: list[dict], settings: LayoutSettings) -> None:
    """A header left alone at the foot of a page heads the table that opens the next one: its words
    are placed over that table's columns, and the caption over it ("Alla belopp i tkr") is the table's."""
    rows = [header_cells(r, table["bounds"], table["bands"], table["_label_right"], header["page"], settings)
            for r in header["_lines"]]
    table["rows"][:0] = rows
    table["title"] = caption_over_header(header, table, lines_before)


def caption_over_header(header: dict, table: dict, lines_before: list[dict]) -> str | None:
    """The caption over a header left alone: a header with no corner text stands over the value columns
    only, and a caption left of them (starting where the labels start) was not looked for; the labels'
    column came with the rows on the next page, and says where the table begins."""
    members = [x for row in header["_lines"] for x in row]
    labels = [x["x0"] for row in table["_lines"] for x in row]
    if not members or not labels:
        return header["title"]
    return title_above(lines_before, members, min(labels)) or header["title"]


def release(table: dict) -> None:
    """The table's lines are page text again."""
    for line in (x for row in table["_lines"] for x in row):
        line.pop("table", None)
        for source in line.get("source", []):
            source.pop("table", None)


def reads_on(previous: tuple[list[dict], dict] | None, table: dict, page: dict,
              settings: LayoutSettings) -> dict | None:
    """The table closing the page before that this one (opening its page) reads on under."""
    if not previous or not is_first_content(table, page, settings):
        return None
    last = previous[0][-1] if previous[0] else None
    if last and is_last_content(last, previous[1]) and (_same_columns(last, table, settings) or widen(
            last, table, _edge_tolerance(settings, last, table), settings)):
        return last
    return None
