"""Each font's descent as pdfminer reads it, for character boxes that match pdfplumber's.

A character's box hangs from its font's descent. pdfium reports a descent of its own where the
font's descriptor gives none (LibreOffice writes /Descent 0; the standard 14 fonts have no
descriptor at all), so the value is read from the file's font dictionaries through pdfminer's font
classes (its AFM tables for the standard fonts, its rules for Type 3 fonts). Only the document's
objects are parsed here, no content stream: that part of pdfminer is cheap.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


def plain_font_name(name: str) -> str:
    """A font's name without its subset tag ('BAAAAA+LiberationSans' → 'LiberationSans'): pdfium
    gives some fonts' names with it and some without."""
    return _SUBSET_TAG.sub("", name)


def font_descents(path: Path, first: int = 1, last: int | None = None) -> list[dict[str, float]]:
    """For each page, the descent (a share of the font size, zero or negative) of every font the page
    and its forms use, by the font's name with and without its subset tag. Pages are kept apart: a
    plan put together from several files can carry two fonts of one name with different metrics. A
    font pdfminer cannot read is left out; the caller falls back to pdfium's value. Only pages
    first..last are read (a run of a long PDF's pages, parse/split.py); pages before them get none."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    found: list[dict[str, float]] = []
    fonts: dict = {}  # a font object shared by many pages is read once
    quiet = logging.getLogger("pdfminer")
    level, quiet.level = quiet.level, logging.ERROR
    try:
        with open(path, "rb") as handle:
            document = PDFDocument(PDFParser(handle))
            for number, page in enumerate(PDFPage.create_pages(document), start=1):
                if last is not None and number > last:
                    break
                found.append({})
                if number >= first:
                    _collect(page.resources, found[-1], fonts, set(), depth=0)
    except Exception:  # noqa: BLE001 - a broken file: pdfium's own descents serve
        pass
    finally:
        quiet.level = level
    return found


_MAX_FORM_DEPTH = 8  # forms drawn inside forms: deeper nesting is not met in plans


def _key(ref) -> int:
    from pdfminer.pdftypes import PDFObjRef

    return ref.objid if isinstance(ref, PDFObjRef) else id(ref)


def _font(ref, fonts: dict) -> tuple[str, float] | None:
    """A font dictionary's name and descent as pdfminer reads them (None if it cannot)."""
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdftypes import resolve1

    key = _key(ref)
    if key not in fonts:
        try:
            font = PDFResourceManager(caching=False).get_font(None, _without_unicode_map(resolve1(ref)))
            fonts[key] = (str(font.fontname), float(font.get_descent()))
        except Exception:  # noqa: BLE001 - pdfminer raises many kinds on odd fonts
            fonts[key] = None
    return fonts[key]


# the font kinds whose ToUnicode map pdfminer reads only to map codes to text (a Type0 font hands its
# map to its CID font, where having one decides how else its text is mapped)
_SIMPLE_FONTS = frozenset({"Type1", "MMType1", "TrueType", "Type3"})


def _without_unicode_map(spec):
    """A simple font's dictionary without its ToUnicode map: parsing the map was a third of reading
    the fonts, and it bears on neither the font's name nor its descent."""
    from pdfminer.psparser import literal_name

    if not isinstance(spec, dict) or "ToUnicode" not in spec:
        return spec
    if "Subtype" in spec and literal_name(spec["Subtype"]) not in _SIMPLE_FONTS:
        return spec
    return {key: value for key, value in spec.items() if key != "ToUnicode"}


def _collect(resources, found: dict[str, float], fonts: dict, seen: set[int], depth: int) -> None:
    """The fonts of one resource dictionary and of the forms it holds, into found."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import LIT

    resources = resolve1(resources) or {}
    if not isinstance(resources, dict):
        return
    for ref in (resolve1(resources.get("Font")) or {}).values():
        font = _font(ref, fonts)
        if font:
            found.setdefault(font[0], font[1])
            found.setdefault(plain_font_name(font[0]), font[1])
    if depth >= _MAX_FORM_DEPTH:
        return
    for ref in (resolve1(resources.get("XObject")) or {}).values():
        xobject = resolve1(ref)
        if _key(ref) in seen or not hasattr(xobject, "attrs"):
            continue
        seen.add(_key(ref))
        if resolve1(xobject.attrs.get("Subtype")) is LIT("Form"):
            _collect(xobject.attrs.get("Resources"), found, fonts, seen, depth + 1)
