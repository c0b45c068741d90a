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

One page has tens of thousands of characters, so the loop is kept lean: two calls into pdfium per
character (its text object and its origin; the page's text comes in one call), the rest shared by
its text object, and a text object's font read once per page.
"""

from __future__ import annotations

import ctypes
from functools import cache

# this module is imported only when a PDF is read through pdfium (pdfium_page.read_page), so its
# binding is imported here once rather than in every function that calls into it
import pypdfium2.raw as pdfium_c

from .pdf_fonts import plain_font_name
from .pdfium_page import _AXIS, Frame, Matrix, multiply

_LINE_END_HYPHEN = 0x2  # pdfium's code for a '-' it takes to break a word at the end of a line
# the Unicode ligatures pdfium writes out letter by letter (U+FB00-FB06)
_LIGATURES = {"ff": "\ufb00", "fi": "\ufb01", "fl": "\ufb02", "ffi": "\ufb03", "ffl": "\ufb04", "\u017ft": "\ufb05",
              "st": "\ufb06"}


@cache
def _calls() -> tuple:
    """The calls made for every character, declared as bare function pointers: ctypes then passes the
    text page's own pointer object, the index as a plain int and byref()s for the origin without the
    checks and conversions declared argument types cost, and PYFUNCTYPE keeps the GIL over a call
    that takes a few dozen nanoseconds (releasing and taking it back cost more). The text object's
    address, given back as a plain int, keys what its characters share. (object at, Unicode at,
    origin at)"""
    def raw(function, result):
        call = ctypes.PYFUNCTYPE(result)(ctypes.cast(function, ctypes.c_void_p).value)
        call.argtypes = None
        return call

    return (raw(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p), raw(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint),
            raw(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int))


def _text_of(code: int) -> str:
    return "-" if code == _LINE_END_HYPHEN else chr(code)


def _page_text(textpage, count: int) -> str | list[str]:
    """Every character's text, by its index: pdfium's Unicode value, '-' for a hyphen ending a line.

    FPDFText_GetText gives the page's text in one call. It holds one UTF-16 unit per character where
    every character is printable (pdfium's index of the last character in that text is its own, and
    no character needs two units); a hyphen ending a line and a glyph with no Unicode value stand
    there as U+FFFE, whose characters are asked one by one. Any other page is read one by one."""
    if count <= 0:
        return ""
    _, unicode_at, _ = _calls()
    buffer = (ctypes.c_ushort * (2 * count + 1))()  # room for a surrogate pair per character, and the end
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer) - 1  # less the terminating 0
    text = ctypes.string_at(buffer, 2 * max(written, 0)).decode("utf-16-le", "surrogatepass")
    if len(text) != count or pdfium_c.FPDFText_GetTextIndexFromCharIndex(textpage, count - 1) != count - 1:
        return [_text_of(unicode_at(textpage, index)) for index in range(count)]
    if "\ufffe" not in text:
        return text
    texts = list(text)
    for index, char in enumerate(texts):
        if char == "\ufffe":
            texts[index] = _text_of(unicode_at(textpage, index))
    return texts


class _TextObject:
    """What every character of one pdfium text object shares, and its characters' boxes."""

    __slots__ = ("char", "font", "linear", "order", "size", "widths")

    def __init__(self, place: tuple, fonts: _Fonts, frame: Frame, doctop: float) -> None:
        self.order, matrix, handle = place  # its place in the drawing order, matrix in user space, handle
        self.linear = (*matrix[:4], 0.0, 0.0)
        size = ctypes.c_float()
        self.size = size.value if pdfium_c.FPDFTextObj_GetFontSize(handle, size) else 0.0
        self.font = pdfium_c.FPDFTextObj_GetFont(handle)
        fontname, descent, self.widths = fonts.of(self.font)
        device = multiply(self.linear, (*frame.ctm[:4], 0.0, 0.0))[:4]
        low = descent * self.size
        self.char = _boxes(frame, device, (low, low + self.size), fontname, doctop)

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


class _Fonts:
    """The page's fonts by their handle's address: name, descent (a share of the size) and advance
    widths by text (per unit of size, filled as characters ask). A page's text objects share a few
    fonts; the page holds them, so an address stands for one font while the page is read."""

    def __init__(self, descents: dict[str, float]) -> None:
        self.descents = descents
        self.found: dict[int | None, tuple[str, float, dict[str, float]]] = {}

    def of(self, font) -> tuple[str, float, dict[str, float]]:
        key = ctypes.cast(font, ctypes.c_void_p).value
        found = self.found.get(key)
        if found is None:
            name = _font_name(font) if font else ""
            found = self.found[key] = (name, _descent(font, name, self.descents), {})
        return found


def _font_name(font) -> str:
    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    return buffer.raw[:max(0, length - 1)].decode("latin-1") if length else ""


def _descent(font, name: str, descents: dict[str, float]) -> float:
    found = descents.get(name, descents.get(plain_font_name(name)))
    if found is not None:
        return found
    out = ctypes.c_float()  # a font pdfminer could not read: pdfium's own descent
    return out.value / 1000 if font and pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), out) else 0.0


def _loose(textpage, index: int) -> tuple[float, float, float, float]:
    box = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, box)
    return box.left, box.bottom, box.right, box.top


class _Reader:
    """One text page's characters, read in pdfium's order and kept by text object: a text object's
    place in the drawing order, then pdfium's order within it, is the order pdfminer draws them."""

    def __init__(self, textpage, frame: Frame, descents: dict[str, float], doctop: float, texts: dict) -> None:
        self.textpage, self.frame, self.doctop, self.texts = textpage, frame, doctop, texts
        self.fonts = _Fonts(descents)
        self.objects: dict[int, _TextObject] = {}
        self.runs: dict[int, list[dict]] = {}  # each text object's characters, by its place in the drawing order

    def info(self, key: int) -> _TextObject:
        found = self.objects.get(key)
        if found is None:
            place = self.texts.get(key)
            if place is None:  # not met among the page's objects: read it from its address
                handle = ctypes.cast(ctypes.c_void_p(key), pdfium_c.FPDFTextObj_GetFont.argtypes[0])
                place = (len(self.texts) + len(self.objects), _object_matrix(handle), handle)
            found = self.objects[key] = _TextObject(place, self.fonts, self.frame, self.doctop)
        return found

    @staticmethod
    def width(info: _TextObject, text: str) -> float:
        """The font's advance width for the character at the object's size (0 where the font has none)."""
        width = info.widths.get(text)
        if width is None:
            out = ctypes.c_float()
            found = info.font and len(text) == 1 and pdfium_c.FPDFFont_GetGlyphWidth(info.font, ord(text),
                                                                                      ctypes.c_float(1.0), out)
            width = info.widths[text] = out.value if found and out.value > 0 else 0.0
        return width * info.size

    def read(self) -> None:
        """Every drawn character of the text page, into its text object's run. What a character shares
        with the one before (its object, run, font widths) is looked up again only where that changes;
        a glyph's letters after the first (a ligature's) join it (`pieces`: their indices)."""
        object_at, _, origin_at = _calls()
        count = pdfium_c.FPDFText_CountChars(self.textpage)
        texts = _page_text(self.textpage, count)
        page = self.textpage
        xy = (ctypes.c_double * 2)()
        x_at, y_at = ctypes.byref(xy), ctypes.byref(xy, ctypes.sizeof(ctypes.c_double))
        origin = memoryview(xy).cast("B").cast("d")  # unpacks faster than the ctypes array
        key, info, run, widths, size, char = 0, None, [], {}, 0.0, None
        last_key, last_x, last_y, last_index, pieces = 0, 0.0, 0.0, 0, None  # the glyph placed last
        for index in range(count):
            found = object_at(page, index)
            if not found:
                continue  # a space or line break pdfium generated, not drawn
            if found != key:
                key, info = found, self.info(found)
                run, widths, size, char = self.runs.setdefault(info.order, []), info.widths, info.size, info.char
            text = texts[index]
            origin_at(page, index, x_at, y_at)
            ox, oy = origin
            if found == last_key and ox == last_x and oy == last_y:  # the next letter of a ligature glyph
                pieces = pieces or [last_index]
                pieces.append(index)
                run[-1] = self._ligature(info, run[-1]["text"] + text, (last_x, last_y), pieces)
                continue
            width = widths.get(text)
            advance = width * size if width else self.width(info, text)
            if not advance:
                advance = info.loose_advance(_loose(self.textpage, index), (ox, oy))
                if advance is None:
                    continue  # slanted text the font gives no width for has no box to give
            run.append(char(text, ox, oy, advance))
            last_key = found  # one by one: assigning five at once builds and takes apart a tuple
            last_x = ox
            last_y = oy
            last_index = index
            pieces = None

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
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(handle, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _inkless(handle) -> bool:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return False
    return abs(right.value - left.value) < _AXIS or abs(top.value - bottom.value) < _AXIS


def read_chars(page, frame: Frame, descents: dict[str, float], doctop: float, texts: dict) -> list[dict]:
    """The page's drawn characters in drawing order, in pdfplumber's shape. `texts` holds the page's
    text objects by their handle's address: their place in the drawing order, matrix and handle."""
    textpage = pdfium_c.FPDFText_LoadPage(page.raw)
    try:
        reader = _Reader(textpage, frame, descents, doctop, texts)
        reader.read()
        reader.blanks()
    finally:
        pdfium_c.FPDFText_ClosePage(textpage)
    return reader.chars()
