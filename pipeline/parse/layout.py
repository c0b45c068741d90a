"""Words → lines → cells → tables, shared by the PDF and OCR paths.

Words are plain dicts with x0, x1, top, bottom, text (pdfplumber's shape). Tables come out in the
same model as the text path: rows of cells with page and bbox, first cell the label.
Columns come from vertical ruling lines where the table has them, else from the bands where the
amounts line up (value_bands); rows are built in tables.py.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from ..model import cell
from ..numbers import find_years, is_amount, unit_factor
from ..settings import LayoutSettings
from ..vocabulary import word_pattern

_NUMBER_TOKEN = re.compile(r"^[+\u2212\u2013-]?\(?\d{1,3}(?:,\d+)?\)?(\*+)?$|^\d+(?:,\d+)?(\*+)?$")
UNIT_CORNER_WORDS = 4    # "Belopp i tkr" and the like; a longer cell is a caption or a label
_UNIT_TOKEN = re.compile(r"^(kr|tkr|mkr|sek|kronor|:-|\*+|%)$", re.I)
_SIGN_TOKEN = re.compile(r"^[+\u2212\u2013-]$")
_DASH = re.compile(r"^[\u2212\u2013\u2014-]$")
_YEAR_TOKEN = re.compile(r"^(19[89]\d|20\d\d)$")
_THOUSANDS_GROUP = re.compile(r"\d{3}(,\d+)?\)?")
_ENDS_IN_DIGIT = re.compile(r"\d$")
_CONNECTOR_END = re.compile(r"(\b(och|samt|för|i|av|till|med|inkl\.?|exkl\.?)|[,/&–-])$", re.I)


# the tests of a cell's text below are asked again and again of the same texts (each stage of the table
# logic splits a line into cells anew): their answers are kept for this many distinct texts
TEXT_CACHE = 1 << 16

_LEADER_RUN = re.compile(r"[.\u2026\u00b7_]{3,}")


def strip_leaders(words: list[dict]) -> list[dict]:
    """Dot leaders ("SamCoach ........ 775 000") are white space: a run of three or more '.', '…',
    '·' or '_' is cut out of a word (its box shrinks to what is left, by the word's chars where
    pdfplumber gave them, else in proportion), so the label and its first amount stay apart."""
    out = []
    for word in words:
        text = word["text"]
        runs = list(_LEADER_RUN.finditer(text))
        if not runs:
            out.append(word)
            continue
        chars = word.get("chars") if len(word.get("chars") or []) == len(text) else None
        start = 0
        for cut in [*runs, None]:
            end = cut.start() if cut else len(text)
            if text[start:end].strip():
                out.append(_piece(word, chars, start, end))
            start = cut.end() if cut else start
    return out


def _piece(word: dict, chars: list[dict] | None, start: int, end: int) -> dict:
    """The part text[start:end] of a word, with its own box."""
    if chars:
        x0, x1 = chars[start]["x0"], chars[end - 1]["x1"]
        part = chars[start:end]
    else:
        step = (word["x1"] - word["x0"]) / max(len(word["text"]), 1)
        x0, x1, part = word["x0"] + start * step, word["x0"] + end * step, None
    piece = word | {"text": word["text"][start:end], "x0": x0, "x1": x1}
    if part is not None:
        piece["chars"] = part
    return piece


def group_lines(words: list[dict], tolerance: float) -> list[dict]:
    """Words sharing a baseline (within tolerance) form a line, read left to right."""
    keys = [((w["top"] + w["bottom"]) / 2, w["x0"]) for w in words]  # each word's middle, once
    lines: list[dict] = []
    for k in sorted(range(len(words)), key=keys.__getitem__):  # a stable sort, as sorting the words is
        middle = keys[k][0]
        if lines and abs(lines[-1]["middle"] - middle) <= tolerance:
            lines[-1]["words"].append(words[k])
        else:
            lines.append({"middle": middle, "words": [words[k]]})
    for line in lines:
        line_words = line["words"]
        line_words.sort(key=itemgetter("x0"))
        line["top"] = min([w["top"] for w in line_words])
        line["bottom"] = max([w["bottom"] for w in line_words])
        line["x0"] = line_words[0]["x0"]
        line["x1"] = max([w["x1"] for w in line_words])
        line["text"] = " ".join([w["text"] for w in line_words])
    return lines


def join_offset_lines(lines: list[dict], overlap: float) -> list[dict]:
    """A line of amounts only joins the label line beside it whose box overlaps its own by this share
    of a line's height: a wrapped or bottom-aligned label cell sets its baseline a few points off
    the amounts' baseline, yet the two are one row. Lines of text never overlap like that (line
    spacing is at least the font size), so prose is never joined. The merged line keeps its page
    lines in `source`."""
    out = list(lines)
    i = 0
    while i < len(out):
        line = out[i]
        if not line["words"] or not all(_is_numeric_token(w["text"]) for w in line["words"]):
            i += 1
            continue
        mates = [j for j in (i - 1, i + 1) if 0 <= j < len(out) and _beside(out[j], line, overlap)]
        if not mates:
            i += 1
            continue
        j = max(mates, key=lambda k: _overlap(out[k], line))
        out[min(i, j)] = _merged(out[j], line)
        del out[max(i, j)]
        i = min(i, j) + 1
    return out


def _overlap(a: dict, b: dict) -> float:
    return min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])


def _beside(label: dict, amounts: dict, overlap: float) -> bool:
    """A label line left of the amounts, sharing most of their height."""
    height = min(label["bottom"] - label["top"], amounts["bottom"] - amounts["top"])
    return label["x1"] < amounts["x0"] and not all(_is_numeric_token(w["text"]) for w in label["words"]) \
        and _overlap(label, amounts) >= overlap * height


def _merged(a: dict, b: dict) -> dict:
    words = sorted(a["words"] + b["words"], key=lambda w: w["x0"])
    top, bottom = min(a["top"], b["top"]), max(a["bottom"], b["bottom"])
    sources = [s for x in (a, b) for s in x.get("source", [x])]
    return {"middle": (top + bottom) / 2, "words": words, "top": top, "bottom": bottom, "x0": words[0]["x0"],
            "x1": max(w["x1"] for w in words), "text": " ".join(w["text"] for w in words), "source": sources}


def _segment(words: list[dict]) -> dict:
    return {"text": " ".join([w["text"] for w in words]), "x0": words[0]["x0"],
            "x1": max([w["x1"] for w in words]), "top": min([w["top"] for w in words]),
            "bottom": max([w["bottom"] for w in words])}


@lru_cache(maxsize=TEXT_CACHE)
def _is_numeric_token(text: str) -> bool:
    return bool(_NUMBER_TOKEN.match(text) or _UNIT_TOKEN.match(text) or _SIGN_TOKEN.match(text))


def _split_numbers(words: list[dict], settings: LayoutSettings) -> list[list[dict]]:
    """'100 000 50 000' → two numbers: a thousands group is exactly three digits and close by."""
    groups: list[list[dict]] = []
    for word in words:
        text = word["text"].strip("*")
        current = groups[-1] if groups else None
        joins = current is not None and (
            _UNIT_TOKEN.match(word["text"]) is not None
            or (_SIGN_TOKEN.match(current[-1]["text"]) is not None)
            or (_THOUSANDS_GROUP.fullmatch(text) is not None
                and _ENDS_IN_DIGIT.search(current[-1]["text"]) is not None
                and word["x0"] - current[-1]["x1"] <= settings.number_gap))
        if joins:
            current.append(word)
        else:
            groups.append([word])
    return groups


def split_cells(line: dict, boundaries: list[float], settings: LayoutSettings,
                split_tails: bool = True) -> list[dict]:
    """Cut a line into cells at wide gaps, at column boundaries, and between adjacent numbers.

    With split_tails, a number right after a label's words ("Övriga intäkter 68") is its own cell.
    """
    cells = []
    for run in _runs(line["words"], boundaries, settings.cell_gap):
        numeric = [_is_numeric_token(w["text"]) for w in run]
        # a numeric tail after a label ("Övriga intäkter 68") is its own cell: where the run's last
        # stretch of numeric words starts (len(run) when the run ends in a word, 0 when all are numeric)
        first_num = len(run)
        while first_num and numeric[first_num - 1]:
            first_num -= 1
        # "Budget 2024", "Resultat 2024" keep their year: a lone year closes a label, it is not an amount
        if split_tails and 0 < first_num < len(run):
            tail = " ".join([w["text"] for w in run[first_num:]])
            if any(ch.isdigit() for ch in tail) and not _YEAR_TOKEN.match(tail):
                cells.append(_segment(run[:first_num]))
                run, first_num = run[first_num:], 0
        if first_num == 0:  # every word numeric
            cells += [_segment(g) for g in _split_numbers(run, settings)]
        else:
            cells.append(_segment(run))
    return cells


def _runs(words: list[dict], boundaries: list[float], gap: float) -> list[list[dict]]:
    """Words close together (gap at most apart) with no column boundary between them."""
    runs: list[list[dict]] = []
    prev = None
    for word in words:
        if prev is not None and word["x0"] - prev["x1"] <= gap and \
                not (boundaries and any(prev["x1"] <= b <= word["x0"] + 1 for b in boundaries)):
            runs[-1].append(word)
        else:
            runs.append([word])
        prev = word
    return runs


@lru_cache(maxsize=TEXT_CACHE)
def is_value_cell(text: str) -> bool:
    return is_amount(text) or text.strip().endswith("%")


def is_dash(text: str) -> bool:
    """A lone dash: an empty amount in its column."""
    return bool(_DASH.match(text.strip()))


def is_year_cell(text: str) -> bool:
    return len(find_years(text)) == 1 and len(text) <= 40 and not text.rstrip().endswith(".")


# column headers set close together run into one cell: "Bokslut 2021-12-31 Bokslut 2022-12-31 Plan 2023"
_RUN_HEADERS = re.compile(r"^(?:\s*(?:[^\W\d]+\.?\s+){0,2}(?:19|20)\d\d(?:-\d\d-\d\d)?){2,}\s*$")


def _year_cells(cell: dict) -> list[dict]:
    """A cell's year headers: itself, or each header of a run of them."""
    if is_year_cell(cell["text"]):
        return [cell]
    if _RUN_HEADERS.match(cell["text"]):
        return [dict(cell, text=str(year)) for year in find_years(cell["text"])]
    return []


def is_unit_corner(text: str) -> bool:
    """A header corner naming the unit and nothing else: "(tkr)", "Belopp i tkr", "Mnkr"."""
    words = re.findall(r"[^\W\d_]+", text)
    return 0 < len(words) <= UNIT_CORNER_WORDS and not re.search(r"\d", text) and \
        unit_factor(text, kronor=True) is not None


def _names_other_column(text: str) -> bool:
    """A column header that by its name holds no kronor ("Not", "Andel", "Antal deltagare")."""
    return bool(text.strip()) and bool(word_pattern("non_amount_columns").search(text)) and not is_value_cell(text)


def line_kind(cells: list[dict]) -> str:
    """'header' (year cells after a label), 'data' (amounts after a label), or 'text'."""
    return _line_kind(tuple(c["text"] for c in cells))


@lru_cache(maxsize=TEXT_CACHE)
def _line_kind(texts: tuple[str, ...]) -> str:
    """line_kind by the cells' texts alone (all it reads of them)."""
    cells = [{"text": text} for text in texts]
    rest = cells[1:]
    yearish = [y for c in cells for y in _year_cells(c)]
    years = [find_years(c["text"])[0] for c in yearish]
    # the same year twice is a header when words tell the columns apart ("Plan 2027 | Utfall 2027"),
    # or when the line starts with a year (no label) and its years run in calendar order: the kind words
    # stand on the line above ("Budget  Prognos" over "2026  2026"); amounts that look like years are in no order
    distinct = len(set(years)) == len(years) or all(not _YEAR_TOKEN.match(c["text"].strip()) for c in yearish)
    if not distinct:  # (asked only then: the vocabulary's pattern is slow to search, and most lines have no year twice)
        # ... or when it opens with the table's unit ("(tkr)  2025  2026  2026  2027"): a corner, no row label;
        # or when a header word stands among its years ("Not  2020  2021  2021  2022  Antal deltagare")
        header_word = any(c["text"].strip() and not is_value_cell(c["text"]) and not _year_cells(c) for c in rest)
        # ... or with a column that by name holds no kronor ("Not  2023  2024  2024  2025": no row label)
        opens_header = is_year_cell(cells[0]["text"]) or is_unit_corner(cells[0]["text"]) or header_word \
            or (bool(cells) and _names_other_column(cells[0]["text"]))
        distinct = opens_header and years == sorted(years)
    # a year among header words and no amount ("Not | 2026 | Antal deltagare") heads columns too
    among_words = any(_year_cells(c) for c in rest) and all(
        is_year_cell(c["text"]) or not is_value_cell(c["text"]) for c in rest)
    # ... and a year that repeats is a header when one of its cells has words ("2023 | Prognos helår
    # 2023 | Differens"): amounts that look like years carry no words
    distinct = distinct or (among_words and any(not _YEAR_TOKEN.match(c["text"].strip())
                                                for c in rest for _ in _year_cells(c)))
    if rest and distinct and (len(yearish) >= 2 or is_year_cell(rest[-1]["text"]) or among_words):
        return "header"
    # a table whose first column header has no label cell to its left: "Budget 2028 | Andel | Antal
    # deltagare" (the year header, then columns that by name hold no kronor)
    if rest and is_year_cell(cells[0]["text"]) and all(_names_other_column(c["text"]) for c in rest):
        return "header"
    if rest and any(is_value_cell(c["text"]) for c in rest):
        return "data"
    return "text"


def value_bands(lines: list[dict], settings: LayoutSettings, label_edge: float | None = None,
                margin: float | None = None) -> list[list[float]]:
    """The x-ranges of the value columns: where the amounts (and the header's year cells) sit.

    Amounts in one column overlap horizontally whether they are right-, left- or centre-aligned,
    so the overlapping spans form one band per column. Label words and prose never count, which
    keeps a long label or a wrapped heading from inventing a column. Cells left of label_edge
    (the label column, when its edge is known) never count; margin is where the page's text starts.
    """
    spans = []
    kinds = [line_kind(line["cells"]) for line in lines]
    for line, kind in zip(lines, kinds, strict=True):
        for c in line["cells"][1:]:
            if label_edge is not None and (c["x0"] + c["x1"]) / 2 < label_edge:
                continue
            # a lone dash among a row's amounts stands for an empty amount, in its column
            amount = is_value_cell(c["text"]) or is_dash(c["text"])
            if (kind == "data" and amount) or (kind == "header" and is_year_cell(c["text"])):
                spans.append([c["x0"], c["x1"], kind == "data", len(c["text"])])
    spans = _drop_stretched(spans, settings.value_stretch)
    data = [(x0, x1) for x0, x1, is_data in spans if is_data]
    if data:
        # the amounts say where the columns are: a header cell wider than its column, or spilling
        # into the next one, neither moves nor merges them (its words are placed in tables.py)
        spans = [s for s in spans if s[2]]
    else:
        spans += _leading_year_spans(lines, kinds, margin, settings.label_indent)
    bands: list[list] = []
    for x0, x1, is_data in sorted(spans):
        if bands and x0 < bands[-1][1] - 0.5:
            bands[-1][1] = max(bands[-1][1], x1)
            bands[-1][2] += 1
            bands[-1][3] = bands[-1][3] or is_data
        else:
            bands.append([x0, x1, 1, is_data])
    # a lone year left of every column that holds amounts is a title's year range, not a column
    first_real = next((i for i, b in enumerate(bands) if b[3] or b[2] >= 2), 0)
    return [[x0, x1] for x0, x1, _, _ in bands[first_real:]]


def _drop_stretched(spans: list[list], stretch: float) -> list[list]:
    """An amount whose box is many times wider than its characters need (an OCR word spanning two
    columns, '404' across "40  40") says nothing about where a column is: it would bridge two bands."""
    widths = sorted((s[1] - s[0]) / max(s[3], 1) for s in spans if s[2])
    if len(widths) < 3:
        return [s[:3] for s in spans]
    per_char = widths[len(widths) // 2]
    return [s[:3] for s in spans if not (s[2] and s[1] - s[0] > stretch * per_char * max(s[3], 2))]


def _leading_year_spans(lines: list[dict], kinds: list[str], margin: float | None, indent: float) -> list[list]:
    """A header line with no label cell starts with a year ("2022  2023  Förändring" under "(tkr)
    Budget"): when it stands right of where the table's lines start, that year heads a column too."""
    margin = min((line["x0"] for line in lines), default=0.0) if margin is None else margin
    out = []
    for line, kind in zip(lines, kinds, strict=True):
        first = line["cells"][0] if line["cells"] else None
        if kind == "header" and first and is_year_cell(first["text"]) and first["x0"] > margin + indent:
            out.append([first["x0"], first["x1"], False])
    return out


def value_columns(lines: list[dict], settings: LayoutSettings, margin: float | None = None) -> list[float]:
    """Column boundaries: one just left of the first value band (before it is the label), then
    one midway between neighbouring bands."""
    bands = value_bands(lines, settings, margin=margin)
    if not bands:
        return []
    return [bands[0][0] - 1.0] + [(a[1] + b[0]) / 2 for a, b in zip(bands, bands[1:], strict=False)]


def assign_columns(cells: list[dict], bounds: list[float]) -> list[list[dict]]:
    """Place cells into the columns the boundaries define (by their centre)."""
    columns: list[list[dict]] = [[] for _ in range(len(bounds) + 1)]
    for c in cells:
        centre = (c["x0"] + c["x1"]) / 2
        columns[sum(centre > b for b in bounds)].append(c)
    return columns


def starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def is_continuation(prev_label: str, text: str) -> bool:
    """A wrapped label goes on: it starts in lower case or the line before ends mid-phrase."""
    return starts_lower(text) or text.startswith(("/", ")")) or bool(_CONNECTOR_END.search(prev_label.strip()))


def make_cell(parts: list[dict], page: int) -> dict:
    if not parts:
        return cell("", page)
    text = _join_parts(sorted(parts, key=lambda p: (round(p["top"]), p["x0"])))
    bbox = (min(p["x0"] for p in parts), min(p["top"] for p in parts),
            max(p["x1"] for p in parts), max(p["bottom"] for p in parts))
    return cell(re.sub(r"\s+", " ", text).strip(), page, tuple(round(v, 2) for v in bbox))


# a word ending in a slash after a letter ("Över-/", "Intäkter/") goes on at the next line's word
_SLASH_WRAP = re.compile(r"[^\W\d_]-?/$")


def _join_parts(parts: list[dict]) -> str:
    """Cell parts in reading order, joined by spaces; a label wrapped at a slash in a narrow cell
    ("Över-/" over "underskott") is one word again, as the line break is not a space."""
    text = ""
    for prev, part in zip([None, *parts], parts, strict=False):
        wrapped = prev is not None and part["top"] >= prev["bottom"] - (prev["bottom"] - prev["top"]) / 2
        glue = "" if not text or (wrapped and _SLASH_WRAP.search(text) and starts_lower(part["text"])) else " "
        text += glue + part["text"]
    return text
