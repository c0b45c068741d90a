"""Scanned pages: tesseract (Swedish) → words with boxes in PDF points, for the shared table logic.

The image is cleaned by ocr_clean.py and read by the in-process engine of ocr_engine.py."""

from __future__ import annotations

import re

from ..settings import LayoutSettings, OcrSettings
from .ocr_engine import OcrUnavailable, check_languages, read_words

__all__ = ["OcrUnavailable", "balance_brackets", "join_digit_groups", "joining_dashes", "level_lines",
           "mark_bullets", "merge_passes", "ocr_page_words"]


def scan_resolution(page) -> float | None:
    """The resolution (dpi) the page's largest image was scanned at, from its pixels and its size on the page."""
    images = [im for im in page.images if im.get("srcsize") and im["x1"] > im["x0"]]
    if not images:
        return None
    largest = max(images, key=lambda im: (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]))
    return largest["srcsize"][0] / ((largest["x1"] - largest["x0"]) / 72)


_RULE_DEBRIS = {"—", "=", "_", "~", "»", "«", ">", "<", "+>", "<+>", "|", "'", '"', "”", "-—", "——"}


# hyphen, en dash, minus: the dash of a range ("2024 - 2026") or a compound; see joining_dashes
_DASHES = {"-", "\u2013", "\u2212"}


_DIGITISH = re.compile(r"^[0-9Oo]*[0-9Oo](kr|tkr)?$")


# a unit in brackets whose closing bracket was read as a descender letter: '(tkry' is '(tkr)'
_UNIT_UNCLOSED = re.compile(r"^\((t?kr|mn?kr|Mkr|%)[yjJ]$")


def _tidy(text: str) -> str:
    """Drop what is left of a painted-out rule ('—', '='), and read the letter O in a number as the
    zero it is ('O kr', '2832 O00', 'Okr')."""
    text = _UNIT_UNCLOSED.sub(r"(\1)", text.strip()).strip("|[]{}")
    if text in _DASHES:
        return text  # kept or dropped by its neighbours (joining_dashes)
    if text in _RULE_DEBRIS or not re.search(r"[\wåäöÅÄÖ%]", text):  # punctuation alone is noise here
        return ""
    if _DIGITISH.match(text) and (any(ch.isdigit() for ch in text) or text[:1] in "Oo" and len(text) <= 4):
        head = text.rstrip("tkr")
        text = head.replace("O", "0").replace("o", "0") + text[len(head):]
    return text


_SYMBOLIC = re.compile(r"[0-9%*§@&$+»«<>=#|~^]")


def _is_numeric(text: str) -> bool:
    """Mostly digits and signs ('20', '75%', '(3,57%)', '*'), not a word with a misread letter ('h6g')."""
    signs = len(_SYMBOLIC.findall(text))
    return signs > 0 and signs >= sum(ch.isalpha() for ch in text)


def _overlaps(a: dict, b: dict) -> bool:
    """Two word boxes of one line that share some width (OCR passes split words differently)."""
    shared_height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    shared_width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    return shared_width > 0 and shared_height > 0.5 * min(a["bottom"] - a["top"], b["bottom"] - b["top"])


def merge_passes(words: list[dict], symbols: list[dict]) -> list[dict]:
    """Letters from the Swedish pass, digits and signs from the Swedish+English pass.

    tesseract's Swedish model reads "%" as "20" or "96", "*" as "+" or "x", and a rule stub beside
    an amount as a digit; Swedish+English reads those right but can drop å, ä and ö from a word it
    takes for English, or read "ö" as "6". Words whose boxes overlap form a group; a group with a
    number or a sign in either pass is taken from the second pass, any other group from the first.
    """
    parent = list(range(len(words) + len(symbols)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, word in enumerate(words):
        for j, symbol in enumerate(symbols):
            if _overlaps(word, symbol):
                parent[root(i)] = root(len(words) + j)
    groups: dict[int, tuple[list[dict], list[dict]]] = {}
    for i, word in enumerate(words):
        groups.setdefault(root(i), ([], []))[0].append(word)
    for j, symbol in enumerate(symbols):
        groups.setdefault(root(len(words) + j), ([], []))[1].append(symbol)
    out = []
    for firsts, seconds in groups.values():
        numeric = any(_is_numeric(w["text"]) for w in firsts + seconds)
        out.extend(_one_amount(firsts, seconds) if numeric and seconds else firsts)
    return sorted(out, key=lambda w: (round(w["top"]), w["x0"]))


def _one_amount(firsts: list[dict], seconds: list[dict]) -> list[dict]:
    """The second pass's words; but where the first read one number ("1200") that the second split into
    digit groups ("1", "200"), one word "1 200": the gap is a thousands space, not a column edge."""
    digits = [w for w in seconds if w["text"].isdigit()]
    if len(firsts) != 1 or len(digits) < 2 or len(digits) != len(seconds) or \
            "".join(w["text"] for w in sorted(digits, key=lambda w: w["x0"])) != firsts[0]["text"].replace(" ", ""):
        return seconds
    ordered = sorted(digits, key=lambda w: w["x0"])
    return [ordered[0] | {"text": " ".join(w["text"] for w in ordered), "x1": max(w["x1"] for w in ordered),
                          "top": min(w["top"] for w in ordered), "bottom": max(w["bottom"] for w in ordered),
                          "conf": min(w.get("conf", 100.0) for w in ordered)}]


def _ocr_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines: each word's middle within the box of the word before it."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        middle = (word["top"] + word["bottom"]) / 2
        if lines and lines[-1][-1]["top"] <= middle <= lines[-1][-1]["bottom"]:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def balance_brackets(words: list[dict]) -> list[dict]:
    """A bracket with no partner on its line is a rule stub read as ')' ('0)'); '(av' … '10)' stay."""
    out = []
    for line in _ocr_lines(words):
        text = "".join(w["text"] for w in line)
        balanced = text.count("(") == text.count(")")
        for word in line:
            if not balanced and word["text"].count("(") != word["text"].count(")"):
                word = word | {"text": word["text"].strip("()")}
            if word["text"]:
                out.append(word)
    return sorted(out, key=lambda w: (round(w["top"]), w["x0"]))


def mark_bullets(words: list[dict], settings: OcrSettings) -> list[dict]:
    """A bullet glyph read as letters ('e', 'oe', 'o') becomes '•' again: a bullet is a small mark
    raised to the middle of the letters, while a letter, however short, stands on the baseline. So
    the first word of a line, of a letter or two, much smaller than the line's words and ending well
    above their baseline, is the line's bullet (and the line a list item, not part of a paragraph)."""
    out = []
    for line in _ocr_lines(words):
        line.sort(key=lambda w: w["x0"])
        first, rest = line[0], line[1:]
        if rest and len(first["text"]) <= 2 and first["text"].isalpha():
            height = sorted(w["bottom"] - w["top"] for w in rest)[len(rest) // 2]
            baseline = sorted(w["bottom"] for w in rest)[len(rest) // 2]
            if first["bottom"] - first["top"] <= settings.bullet_size * height and \
                    first["bottom"] < baseline - settings.bullet_lift * height:
                first = first | {"text": "\u2022"}
        out += [first, *rest]
    return sorted(out, key=lambda w: (round(w["top"]), w["x0"]))


def joining_dashes(words: list[dict], settings: OcrSettings) -> list[dict]:
    """A lone dash stays where it joins two words of its line, close on either side: a range
    ("Förslag budget 2024 - 2026") then reads as the born-digital text does, one cell of prose, not
    a label and a year header. A dash that stands apart (speckle, a rule's stub, an empty cell's
    mark) is as often noise as ink, and goes, as all lone punctuation does."""
    others = [w for w in words if w["text"] not in _DASHES]

    def flanked(dash: dict, side: int) -> bool:
        middle = (dash["top"] + dash["bottom"]) / 2
        for word in others:
            if not word["top"] <= middle <= word["bottom"]:
                continue
            gap = dash["x0"] - word["x1"] if side < 0 else word["x0"] - dash["x1"]
            if -1.0 <= gap <= settings.dash_gap * (word["bottom"] - word["top"]):
                return True
        return False

    return [w for w in words if w["text"] not in _DASHES or (flanked(w, -1) and flanked(w, 1))]


def _tidy_words(words: list[dict], scale: float) -> list[dict]:
    """Pixel boxes → page points; rule debris and empty readings dropped."""
    out = []
    for word in words:
        text = _tidy(word["text"])
        if not text or word["conf"] < 0:
            continue
        out.append({"text": text, "x0": word["x0"] * scale, "x1": word["x1"] * scale, "top": word["top"] * scale,
                    "bottom": word["bottom"] * scale, "conf": word["conf"]})
    return out


def numeric_boxes(words: list[dict], settings: OcrSettings, width: int, height: int) -> list[tuple[int, ...]]:
    """Pixel boxes (x0, top, x1, bottom) around the numbers and signs of the first reading: the only
    places the symbol pass can change anything (merge_passes takes letters from the first pass).
    The digit groups of one amount ('1', '447', '979') make one box, so it is read whole; each box
    reaches into the white space beside it, where a sign the first pass missed ('75 %') stands."""
    boxes: list[list[int]] = []
    for word in sorted(_with_sign_candidates(words, settings), key=lambda w: w["x0"]):  # left to right
        pad = settings.word_pad  # above and below; sideways the box reaches only into white space
        box = [int(word["x0"]), max(0, int(word["top"]) - pad), int(word["x1"]), min(height, int(word["bottom"]) + pad)]
        joined = next((b for b in boxes if min(b[3], box[3]) - max(b[1], box[1]) > 0.5 * (box[3] - box[1])
                       and max(box[0] - b[2], b[0] - box[2]) < settings.group_gap * (box[3] - box[1])), None)
        if joined is None:
            boxes.append(box)
        else:
            joined[:] = [min(joined[0], box[0]), min(joined[1], box[1]), max(joined[2], box[2]),
                         max(joined[3], box[3])]
    return [_reach_sideways(b, words, settings, width) for b in boxes]


def _with_sign_candidates(words: list[dict], settings: OcrSettings) -> list[dict]:
    """The numbers, and the short words right beside them: the Swedish pass reads a '%' or '*' after an
    amount as letters ('2,4 Yo'), which the symbol pass reads right only if it is shown them."""
    numbers = [w for w in words if _is_numeric(w["text"])]
    out = list(numbers)
    for word in words:
        if word in numbers or len(word["text"]) > settings.sign_max_chars:
            continue
        height = word["bottom"] - word["top"]
        if any(min(n["bottom"], word["bottom"]) - max(n["top"], word["top"]) > 0.5 * height
               and 0 <= word["x0"] - n["x1"] < settings.group_gap * height for n in numbers):
            out.append(word)
    return out


def _reach_sideways(box: list[int], words: list[dict], settings: OcrSettings, width: int) -> tuple[int, ...]:
    """Widen a box by up to sign_reach text heights either way, stopping short of the next word."""
    x0, top, x1, bottom = box
    reach = int(settings.sign_reach * (bottom - top))
    beside = [w for w in words if min(w["bottom"], bottom) - max(w["top"], top) > 0]
    right = min([int(w["x0"]) - 1 for w in beside if w["x0"] >= x1] + [x1 + reach, width])
    left = max([int(w["x1"]) + 1 for w in beside if w["x1"] <= x0] + [x0 - reach, 0])
    return (left, top, right, bottom)


def read_stacked(image, boxes: list[tuple[int, ...]], language: str, settings: OcrSettings) -> list[dict]:
    """Read many small regions in one engine call: each crop on a row of its own in a white strip,
    the words mapped back to the page. One call costs what its text costs; thirty calls each pay
    tesseract's set-up and page analysis again. Each crop carries some of the line on either side (four text heights),
    since tesseract reads a glyph better in context ('(3,57%)' alone came out '(3,5790)'); only the
    words whose centre lies in the box itself are kept."""
    from PIL import Image

    if not boxes:
        return []
    gap = settings.stack_gap
    crops = [_with_context(b, settings, image.width) for b in boxes]
    width = max(c[2] - c[0] for c in crops) + 2 * gap
    strip = Image.new("L", (width, sum(c[3] - c[1] + gap for c in crops) + gap), 255)
    rows, y = [], gap
    for box, crop in zip(boxes, crops, strict=True):
        strip.paste(image.crop(crop), (gap, y))
        rows.append((y, y + crop[3] - crop[1], box, crop))
        y += crop[3] - crop[1] + gap
    out = []
    for word in read_words(strip, language, settings):
        middle = (word["top"] + word["bottom"]) / 2
        row = next((r for r in rows if r[0] - gap / 2 <= middle <= r[1] + gap / 2), None)
        if row is None:
            continue
        dx, dy = row[3][0] - gap, row[3][1] - row[0]
        placed = word | {"x0": word["x0"] + dx, "x1": word["x1"] + dx, "top": word["top"] + dy,
                         "bottom": word["bottom"] + dy}
        if _within(placed, row[2], settings):
            out.append(placed)
    return out


def _within(word: dict, box: tuple[int, ...], settings: OcrSettings) -> bool:
    """A reading belongs to its box when its centre lies in it and it does not run out of it. The box
    holds one number and the white beside it, up to the next word (numeric_boxes); a reading that
    reaches past its edge has read context into the number, often the first digit group of the next
    column ('8 236 000' + the '8' of '8 086 000' as '82360008'), and is left to the first pass."""
    slack = settings.box_slack * (box[3] - box[1])
    return box[0] <= (word["x0"] + word["x1"]) / 2 <= box[2] and \
        word["x0"] >= box[0] - slack and word["x1"] <= box[2] + slack


def _with_context(box: tuple[int, ...], settings: OcrSettings, width: int) -> tuple[int, ...]:
    reach = int(settings.context_reach * (box[3] - box[1]))
    return (max(0, box[0] - reach), box[1], min(width, box[2] + reach), box[3])


def _symbol_pass(image, words: list[dict], settings: LayoutSettings) -> list[dict]:
    """The second reading: of the whole page, or only of the numbers and signs the first found."""
    language = settings.ocr_symbol_language
    if not settings.ocr.symbol_numbers_only:
        return read_words(image, language, settings.ocr)
    return read_stacked(image, numeric_boxes(words, settings.ocr, image.width, image.height), language, settings.ocr)


def ocr_page_words(page, settings: LayoutSettings) -> list[dict]:
    """OCR one pdfplumber page; words come back in the page's coordinate space with their confidence."""
    import numpy as np
    from PIL import Image

    from .ocr_clean import clean_page

    check_languages(settings.ocr_language, settings.ocr_symbol_language)
    native = scan_resolution(page)
    upsampled = native is not None and native < 0.8 * settings.ocr_dpi
    grey = np.asarray(page.to_image(resolution=settings.ocr_dpi).original.convert("L"))
    image = Image.fromarray(clean_page(grey, settings.ocr, upsampled))
    scale = float(page.width) / image.width
    first = read_words(image, settings.ocr_language, settings.ocr)
    words = _tidy_words(first, scale)
    if settings.ocr_symbol_language:
        words = merge_passes(words, _tidy_words(_symbol_pass(image, first, settings), scale))
    words = mark_bullets(joining_dashes(balance_brackets(words), settings.ocr), settings.ocr)
    return join_digit_groups(level_lines(words, settings.ocr), settings)


def level_lines(words: list[dict], settings: OcrSettings) -> list[dict]:
    """Words of one line share its top, as in a text layer. OCR boxes are ink boxes, whose tops differ
    by a fraction of a point from glyph to glyph ('1' against '0'), or more where a speck joined a
    word's box, and a cell's words are put in reading order by their rounded top, then left to right:
    '1 045' a hair lower than '924' read '924 1 045'. A word whose middle stands clearly off the
    line's middle (a superscript) keeps its own top."""
    out = []
    for line in _ocr_lines(words):
        tops = sorted(w["top"] for w in line)
        middles = sorted((w["top"] + w["bottom"]) / 2 for w in line)
        heights = sorted(w["bottom"] - w["top"] for w in line)
        top, middle, height = tops[len(tops) // 2], middles[len(line) // 2], heights[len(line) // 2]
        out += [w | {"top": top} if abs((w["top"] + w["bottom"]) / 2 - middle) <= settings.line_level * height
                else w for w in line]
    return sorted(out, key=lambda w: (round(w["top"]), w["x0"]))


_LEADING_GROUP = re.compile(r"^[-\u2212\u2013(]?\d+$")
_THOUSANDS_GROUP = re.compile(r"^\d{3}([,.]\d+)?\)?$")


def join_digit_groups(words: list[dict], settings: LayoutSettings) -> list[dict]:
    """The digit groups of an amount that OCR set too far apart for the shared layout ('8', '236',
    '000' with a gap over LayoutSettings.number_gap) become one word ('8236000'). OCR boxes hug the
    ink, so the thousands space between groups is wider than in a text layer (the digits' side
    bearings are white), more so in large type or a blurred scan, and the layout, which joins groups
    closer than number_gap points, would read two numbers in two columns. In text heights the two
    gaps differ clearly: groups stand about half a height apart, columns several heights
    (OcrSettings.group_gap). An amount whose groups the layout joins anyway is left as a text layer
    gives it; one it would split is joined whole, since the layout joins only three-digit groups."""
    out = []
    for line in _ocr_lines(words):
        line.sort(key=lambda w: w["x0"])
        chains = [[line[0]]]
        for word in line[1:]:
            if _extends(chains[-1], word, settings.ocr):
                chains[-1].append(word)
            else:
                chains.append([word])
        for chain in chains:
            wide = any(b["x0"] - a["x1"] > settings.number_gap for a, b in zip(chain, chain[1:], strict=False))
            out += [_glued(chain)] if wide else chain
    return sorted(out, key=lambda w: (round(w["top"]), w["x0"]))


def _extends(chain: list[dict], word: dict, settings: OcrSettings) -> bool:
    """The word is the next thousands group of the amount the chain has begun ('8' '236' + '000')."""
    prev = chain[-1]
    height = min(prev["bottom"] - prev["top"], word["bottom"] - word["top"])
    opened = _LEADING_GROUP.match(chain[0]["text"]) and (len(chain) == 1 or prev["text"].isdigit())
    return bool(opened and _THOUSANDS_GROUP.match(word["text"])
                and 0 <= word["x0"] - prev["x1"] <= settings.group_gap * height)


def _glued(chain: list[dict]) -> dict:
    return chain[0] | {"text": "".join(w["text"] for w in chain), "x1": chain[-1]["x1"],
                       "top": min(w["top"] for w in chain), "bottom": max(w["bottom"] for w in chain),
                       "conf": min(w.get("conf", 100.0) for w in chain)}


def _centre_in(word: dict, bbox: list[float], slack: float = 1.0) -> bool:
    x0, top, x1, bottom = bbox
    return (x0 - slack <= (word["x0"] + word["x1"]) / 2 <= x1 + slack
            and top - slack <= (word["top"] + word["bottom"]) / 2 <= bottom + slack)


def cell_confidence(tables: list[dict], words_by_page: dict[int, list[dict]]) -> None:
    """Give every table cell on an OCR'd page the lowest confidence (0–100) of the words it was read
    from: one unsure digit makes the whole amount unsure. Born-digital cells get none."""
    for table in tables:
        for row in table["rows"]:
            for cell in row:
                words = words_by_page.get(cell.get("page"))
                if not words or not cell.get("bbox") or not cell.get("text"):
                    continue
                inside = [w["conf"] for w in words if "conf" in w and _centre_in(w, cell["bbox"])]
                if inside:
                    cell["ocr_confidence"] = round(min(inside), 1)
