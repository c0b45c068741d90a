"""A page's characters from pdfium's text page, as pdfplumber's char dicts.

pdfium's text page holds the drawn characters plus the spaces and line breaks it generates itself
(they belong to no text object and are dropped: pdfminer gives only what the file draws). Per
character pdfium gives the origin; the text object gives the matrix, the font and its size. The box
is pdfminer's: along the baseline from the origin by the font's advance width for the character,
across it from the font's descent to one font size above it, turned by the character's matrix.

Habits of pdfium's text page that pdfminer does not share are undone:
* it puts a line's text objects in left-to-right order: finsam's leader removal needs the drawing
  order, so characters are put back in it;
* it leaves out a text object with no ink (Word and InDesign draw many spaces as objects of their
  own): such an object is given back as the space it is, since a space parts two words however
  close they stand;
* it gives a ligature ('ﬁ') as one character per letter at the glyph's origin: they are one
  character again, with the glyph's box (its text stays in letters);
* it gives a hyphen ending a line as the control character 2.
Text objects it leaves out although they carry ink are left out: a copy drawn over the first to fake
bold, and text whose /ActualText replaces it with something unprintable (InDesign's tab leaders).
pdfium keeps fonts' widths as whole thousandths of the font size, so where a file gives fractional
widths (reportlab does) characters far along a line can stand a few tenths of a point from
pdfminer's.

One page has tens of thousands of characters, so the loop is kept lean: three calls into pdfium per
character, the rest shared by its text object.
"""

from __future__ import annotations

import ctypes
from functools import cache

from .pdf_fonts import plain_font_name
from .pdfium_page import _AXIS, Frame, Matrix, multiply

_LINE_END_HYPHEN = 0x2  # pdfium's code for a '-' it takes to break a word at the end of a line
# the Unicode ligatures pdfium writes out letter by letter (U+FB00-FB06)
_LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04", "\u017ft": "\ufb05",
              "st": "\ufb06"}


@cache
def _calls() -> tuple:
    """The three calls made for every character, with no argument types: they take the text page
    as a c_void_p made once and the index as a plain int, which ctypes passes on without the checks
    and conversions declared argument types cost (some 40% of a call). The text object's address,
    given back as a plain int, keys what its characters share. (object at, Unicode at, origin at)"""
    import pypdfium2.raw as pdfium_c

    def raw(function, result):
        call = ctypes.CFUNCTYPE(result)(ctypes.cast(function, ctypes.c_void_p).value)
        call.argtypes = None
        return call

    return (raw(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p), raw(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
            raw(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int))


class _TextObject:
    """What every character of one pdfium text object shares, and its characters' boxes."""

    __slots__ = ("char", "font", "fontname", "linear", "order", "size", "widths")

    def __init__(self, place: tuple, descents: dict[str, float], frame: Frame, widths: dict, doctop: float) -> None:
        import pypdfium2.raw as pdfium_c

        self.order, matrix, handle = place  # its place in the drawing order, matrix in user space, handle
        self.linear = (*matrix[:4], 0.0, 0.0)
        size = ctypes.c_float()
        self.size = size.value if pdfium_c.FPDFTextObj_GetFontSize(handle, size) else 0.0
        self.font = pdfium_c.FPDFTextObj_GetFont(handle)
        self.widths = widths.setdefault(ctypes.cast(self.font, ctypes.c_void_p).value, {})  # its font's, by text
        self.fontname = _font_name(self.font) if self.font else ""
        device = multiply(self.linear, (*frame.ctm[:4], 0.0, 0.0))[:4]
        low = _descent(self.font, self.fontname, descents) * self.size
        self.char = _boxes(frame, device, (low, low + self.size), self.fontname, doctop)

    def loose_advance(self, loose: tuple[float, float, float, float], origin: tuple[float, float]) -> float | None:
        """How far pdfium's box reaches along the baseline from the origin, for a glyph the font gives
        no width for by its Unicode value (an italic glyph's ink can stretch this box, so the font's
        width comes first); None for slanted text."""
        a, b, c, d = self.linear[:4]
        if abs(b) < _AXIS and abs(c) < _AXIS and abs(a) > _AXIS:
            return max(abs(loose[2] - origin[0]), abs(loose[0] - origin[0])) / abs(a)
        if abs(a) < _AXIS and abs(d) < _AXIS and abs(b) > _AXIS:
            return max(abs(loose[3] - origin[1]), abs(loose[1] - origin[1])) / abs(b)
        return None


def _boxes(frame: Frame, device: tuple, across: tuple[float, float], fontname: str, doctop: float):
    """pdfminer's box for a glyph of one text object, as a function of its text, its origin (ox, oy,
    user space) and its advance: along the baseline by the advance from the origin, across it from
    the descent to one font size above (`across`), in pdfplumber's frame. Everything the object's
    glyphs share is worked out here once: the function is called for every character of the page."""
    ca, cb, cc, cd, ce, cf = frame.ctm
    a, b, c, d = device
    low, high = across
    # the box across the baseline in pdfplumber's frame: x from the origin's, and top and bottom
    # before the origin's own height is taken off
    left, right = min(c * low, c * high) + frame.left, max(c * low, c * high) + frame.left
    page_top = frame.height + frame.top
    top_at, bottom_at = page_top - max(d * low, d * high), page_top - min(d * low, d * high)
    upright = a * d > 0 and b * c <= 0  # pdfminer's upright test

    def char(text: str, ox: float, oy: float, advance: float) -> dict:
        x, y = ca * ox + cc * oy + ce, cb * ox + cd * oy + cf
        along_x, along_y = a * advance, b * advance
        x0, x1 = (x + left, x + along_x + right) if along_x >= 0 else (x + along_x + left, x + right)
        top, bottom = (top_at - y - along_y, bottom_at - y) if along_y >= 0 else (top_at - y, bottom_at - y - along_y)
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top + doctop,
                "size": bottom - top, "upright": upright, "fontname": fontname, "matrix": (a, b, c, d, x, y)}

    return char


def _font_name(font) -> str:
    import pypdfium2.raw as pdfium_c

    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    return buffer.raw[:max(0, length - 1)].decode("latin-1") if length else ""


def _descent(font, name: str, descents: dict[str, float]) -> float:
    import pypdfium2.raw as pdfium_c

    found = descents.get(name, descents.get(plain_font_name(name)))
    if found is not None:
        return found
    out = ctypes.c_float()  # a font pdfminer could not read: pdfium's own descent
    return out.value / 1000 if font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), out) else 0.0


def _loose(textpage, index: int) -> tuple[float, float, float, float]:
    import pypdfium2.raw as pdfium_c

    box = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
    return box.left, box.bottom, box.right, box.top


class _Reader:
    """One text page's characters, read in pdfium's order and kept by text object: a text object's
    place in the drawing order, then pdfium's order within it, is the order pdfminer draws them."""

    def __init__(self, textpage, frame: Frame, descents: dict[str, float], doctop: float, texts: dict) -> None:
        self.textpage, self.frame, self.descents, self.doctop, self.texts = textpage, frame, descents, doctop, texts
        self.objects: dict[int, _TextObject] = {}
        self.widths: dict[int, dict[str, float]] = {}  # each font's advance widths (per unit of size) by text
        self.runs: dict[int, list[dict]] = {}  # each text object's characters, by its place in the drawing order

    def info(self, key: int) -> _TextObject:
        import pypdfium2.raw as pdfium_c

        found = self.objects.get(key)
        if found is None:
            place = self.texts.get(key)
            if place is None:  # not met among the page's objects: read it from its address
                handle = ctypes.cast(ctypes.c_void_p(key), pdfium_c.FPDFTextObj_GetFont.argtypes[0])
                place = (len(self.texts) + len(self.objects), _object_matrix(handle), handle)
            found = self.objects[key] = _TextObject(place, self.descents, self.frame, self.widths, self.doctop)
        return found

    @staticmethod
    def width(info: _TextObject, text: str) -> float:
        """The font's advance width for the character at the object's size (0 where the font has none)."""
        import pypdfium2.raw as pdfium_c

        width = info.widths.get(text)
        if width is None:
            out = ctypes.c_float()
            found = info.font and len(text) == 1 and pdfium_c.FPDFFont_GetGlyphWidth(info.font, ord(text),
                                                                                      ctypes.c_float(1.0), out)
            width = info.widths[text] = out.value if found and out.value > 0 else 0.0
        return width * info.size

    def read(self) -> None:
        """Every drawn character of the text page, into its text object's run. What a character shares
        with the one before (its object, run, font widths) is looked up again only where that changes."""
        import pypdfium2.raw as pdfium_c

        object_at, unicode_at, origin_at = _calls()
        page = ctypes.c_void_p(ctypes.cast(self.textpage, ctypes.c_void_p).value)
        xy = (ctypes.c_double * 2)()
        x_at = ctypes.c_void_p(ctypes.addressof(xy))
        y_at = ctypes.c_void_p(x_at.value + ctypes.sizeof(ctypes.c_double))
        key, info, run, widths, size = 0, None, [], {}, 0.0
        last: tuple | None = None  # (object key, origin x, origin y, indices) of the glyph placed last
        for index in range(pdfium_c.FPDFText_CountChars(self.textpage)):
            found = object_at(page, index)
            if not found:
                continue  # a space or line break pdfium generated, not drawn
            if found != key:
                key, info = found, self.info(found)
                run, widths, size = self.runs.setdefault(info.order, []), info.widths, info.size
            code = unicode_at(page, index)
            text = "-" if code == _LINE_END_HYPHEN else chr(code)
            origin_at(page, index, x_at, y_at)
            ox, oy = xy[0], xy[1]
            if last and last[0] == key and last[1] == ox and last[2] == oy:  # the next letter of a ligature glyph
                last[3].append(index)
                run[-1] = self._ligature(info, run[-1]["text"] + text, (ox, oy), last[3])
                continue
            width = widths.get(text)
            advance = width * size if width else self.width(info, text)
            if not advance:
                advance = info.loose_advance(_loose(self.textpage, index), (ox, oy))
            if advance is not None:  # slanted text the font gives no width for has no box to give
                run.append(info.char(text, ox, oy, advance))
                last = (key, ox, oy, [index])

    def _ligature(self, info: _TextObject, text: str, origin: tuple[float, float], pieces: list[int]) -> dict:
        """pdfium gives a ligature's letters one by one at the glyph's origin: they are one glyph, as
        wide as the font makes the ligature, else as far as pdfium's boxes for its letters reach. Its
        text stays in letters, even where the file maps the glyph to the ligature's own character
        ('ﬁ', which pdfminer keeps): a label is read by its letters."""
        single = _LIGATURES.get(text)
        advance = self.width(info, single) if single else 0.0
        if not advance:
            reach = [info.loose_advance(_loose(self.textpage, piece), origin) for piece in pieces]
            advance = max((r for r in reach if r is not None), default=0.0)
        return info.char(text, *origin, advance)

    def blanks(self) -> None:
        """A space for each text object pdfium left out for having no ink (a space drawn on its own)."""
        for key, place in self.texts.items():
            if key in self.objects or not _inkless(place[2]):
                continue
            info = self.info(key)
            self.runs.setdefault(info.order, []).append(info.char(" ", *place[1][4:6], self.width(info, " ")))

    def chars(self) -> list[dict]:
        """The characters in drawing order: each object's in its place (every object's is unique)."""
        runs = self.runs
        return [char for order in sorted(runs) for char in runs[order]]


def _object_matrix(handle) -> Matrix:
    import pypdfium2.raw as pdfium_c

    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(handle, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _inkless(handle) -> bool:
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return False
    return abs(right.value - left.value) < _AXIS or abs(top.value - bottom.value) < _AXIS


def read_chars(page, frame: Frame, descents: dict[str, float], doctop: float, texts: dict) -> list[dict]:
    """The page's drawn characters in drawing order, in pdfplumber's shape. `texts` holds the page's
    text objects by their handle's address: their place in the drawing order, matrix and handle."""
    import pypdfium2.raw as pdfium_c

    textpage = pdfium_c.FPDFText_LoadPage(page.raw)
    try:
        reader = _Reader(textpage, frame, descents, doctop, texts)
        reader.read()
        reader.blanks()
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    return reader.chars()
