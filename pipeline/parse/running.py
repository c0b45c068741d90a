"""Running headers and footers: texts in the top or bottom margin that repeat on many pages (a plan's
title, the förbund's name, "Sida 3 av 12"). They are no part of any table or paragraph."""

from __future__ import annotations

import re
from collections import Counter

from ..settings import LayoutSettings

_PAGE_NUMBER = re.compile(r"^(sida|sid\.?|page)?\s*\d+(\s*(av|\(|/)\s*\d+\)?)?$", re.I)


def drop_running_lines(pages: list[dict], settings: LayoutSettings) -> list[str]:
    """Take running lines and page numbers out of each page's lines; their texts, in page order."""
    running = _running_lines(pages, settings)
    headers = []
    for page in pages:
        keep = []
        for line in page["lines"]:
            if _in_margin(line, page, settings.header_margin) and (
                    _norm(line["text"]) in running or _PAGE_NUMBER.match(line["text"].strip())):
                headers.append(line["text"])
            else:
                keep.append(line)
        page["lines"] = keep
    return headers


def _running_lines(pages: list[dict], settings: LayoutSettings) -> set[str]:
    """Texts that repeat in the top or bottom margin of many pages: running headers and footers."""
    margin = settings.header_margin
    counts: Counter[str] = Counter()
    for page in pages:
        seen = {_norm(line["text"]) for line in page["lines"] if _in_margin(line, page, margin)}
        counts.update(seen)
    limit = max(2, len(pages) // 2)
    return {text for text, n in counts.items() if n >= limit} | _running_scanned(pages, settings, limit)


def _running_scanned(pages: list[dict], settings: LayoutSettings, limit: int) -> set[str]:
    """OCR reads one running header a little differently on every scanned page (a logo's lettering, a
    light grey font: 'Högländets Samui ummysvivund', 'Högländets Samyiummuygsyvund'), so exact texts
    never repeat. A margin line of a scanned page is running when as many pages as an exact repeat
    needs have a margin line at the same place with mostly the same letters."""
    from difflib import SequenceMatcher

    margin, place = settings.header_margin, settings.scanned_edge_tolerance
    found = [(page["number"], line, _norm(line["text"])) for page in pages if page["source"] == "ocr"
             for line in page["lines"] if _in_margin(line, page, margin)]
    running = set()
    for _, line, text in found:
        alike = {number for number, other, other_text in found
                 if abs(other["x0"] - line["x0"]) <= place and abs(other["top"] - line["top"]) <= place
                 and SequenceMatcher(None, text, other_text).ratio() >= settings.ocr.running_similarity}
        if len(alike) >= limit:
            running.add(text)
    return running


def _norm(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _in_margin(line: dict, page: dict, margin: float) -> bool:
    return line["bottom"] < page["height"] * margin or line["top"] > page["height"] * (1 - margin)
