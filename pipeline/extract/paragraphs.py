"""Lines → paragraphs with provenance, and the heading each paragraph sits under.

Text plans already have one paragraph per line. PDF lines are visual lines: a line joins the
paragraph above when it follows closely and the line above ran to the right margin (it wrapped);
bullets, headings and short lines end a paragraph. The same sentences then come out of both.
"""

from __future__ import annotations

import re

# "e", "ee", "o", "»" and "+" are how OCR reads a bullet glyph; no Swedish line starts with them alone
_BULLET = re.compile(r"^\s*([-–•*·▪●○◦\uf0b7»«+]|\d+[.)]\s|(?:e|ee|o)\s)")
_NUMBERED_HEADING = re.compile(r"^\d+(\.\d+)*\.?\s+[A-ZÅÄÖ]")


def is_heading(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 70 or text[-1] in ".;,:!?" or ": " in text or (_BULLET.match(text) and not
                                                              _NUMBERED_HEADING.match(text)):
        return False
    return text[0].isupper() or bool(_NUMBERED_HEADING.match(text))


def _right_margin(lines: list[dict]) -> dict[int, float]:
    by_page: dict[int, list[float]] = {}
    for line in lines:
        by_page.setdefault(line["page"], []).append(line["bbox"][2])
    return {page: sorted(xs)[int(len(xs) * 0.9)] for page, xs in by_page.items()}


def _continues(prev: dict, line: dict, margin: float) -> bool:
    if prev["page"] != line["page"] or prev.get("table") or line.get("table") or _BULLET.match(line["text"]):
        return False
    height = prev["bbox"][3] - prev["bbox"][1]
    close = line["bbox"][1] - prev["bbox"][3] < 0.6 * height
    wrapped = prev["bbox"][2] >= margin - 0.15 * (margin - prev["bbox"][0])
    return close and (wrapped or line["text"][:1].islower())


def paragraphs(lines: list[dict]) -> list[dict]:
    """Paragraph dicts: text, document, page, line, bbox, table, heading (the one above it)."""
    out: list[dict] = []
    margins = _right_margin([x for x in lines if x.get("bbox")])
    for line in lines:
        text = line["text"].strip()
        if not text:
            continue
        prev = out[-1] if out else None
        if prev and line.get("bbox") and prev.get("bbox") and _continues(prev["_last"], line,
                                                                          margins[line["page"]]):
            # "kompetens-" + "utveckling" is one word; "arbets-" + "och …" keeps its hyphen
            joiner = "" if prev["text"].endswith("-") and text[:1].islower() and \
                text.split(" ")[0] not in ("och", "eller", "samt", "till") else " "
            prev["text"] = prev["text"][:-1] + text if joiner == "" else f"{prev['text']} {text}"
            prev["bbox"] = [min(prev["bbox"][0], line["bbox"][0]), prev["bbox"][1],
                            max(prev["bbox"][2], line["bbox"][2]), line["bbox"][3]]
            prev["_last"] = line
            continue
        out.append({"document": line["document"], "page": line.get("page"), "line": line.get("line"),
                    "bbox": line.get("bbox"), "table": bool(line.get("table")), "text": text, "_last": line})
    heading = None
    for para in out:
        para.pop("_last")
        para["heading"] = heading
        if not para["table"] and is_heading(para["text"]):
            heading = para["text"]
    return out
