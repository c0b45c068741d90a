"""PDF pages read through pdfium (pypdfium2), handed on in pdfplumber's shape.

pdfplumber reads a page by running pdfminer's content interpreter in Python, and building its
characters was nine tenths of finsam's parse time; pdfium reads the same content in C. This module
asks pdfium once per page for its characters, paths and images and builds the dicts finsam (and
pdfplumber.utils.extract_words) read from a pdfplumber page, with pdfplumber's geometry, so the
layout code cannot tell the readers apart:

* a character's box runs along its advance from its origin, and across it from the font's descent
  to one font size above it (pdfminer's box, not the glyph's ink), in the page frame pdfplumber
  uses: /Rotate applied, y measured down from the top of the MediaBox;
* paths are split into subpaths and sorted into lines, rectangles and curves as pdfminer does, and
  their edges are pdfplumber's (fonts' descents come from pdf_fonts.py).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

from .pdf_fonts import font_descents, plain_font_name

Matrix = tuple[float, float, float, float, float, float]

# pdfium is not thread-safe: one page is read at a time per process, whatever runs the parse
PDFIUM_LOCK = threading.RLock()
_AXIS = 1e-6  # a matrix term this small is zero: the text runs along an axis


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies `first`, then `then` (PDF's row-vector convention)."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = then
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def page_ctm(rotation: int, mediabox: tuple[float, float, float, float]) -> Matrix:
    """pdfminer's device matrix for a page: user space turned by /Rotate, origin at the MediaBox's."""
    x0, y0, x1, y1 = mediabox
    return {90: (0.0, -1.0, 1.0, 0.0, -y0, x1), 180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
            270: (0.0, 1.0, -1.0, 0.0, y1, -x0)}.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))


@dataclass
class Frame:
    """pdfplumber's page frame: device points (x, y up) become (x, top) with top measured down."""

    ctm: Matrix
    height: float
    left: float   # pdfplumber's mediabox[0] and mediabox[1], added back to every coordinate
    top: float

    def point(self, x: float, y: float) -> tuple[float, float]:
        dx, dy = apply(self.ctm, x, y)
        return dx + self.left, self.height - dy + self.top

    def box(self, x0: float, y0: float, x1: float, y1: float) -> dict:
        """x0/x1/top/bottom of a device-space box (pdfminer's coordinates before pdfplumber's flip)."""
        return {"x0": x0 + self.left, "x1": x1 + self.left, "top": self.height - y1 + self.top,
                "bottom": self.height - y0 + self.top}


def _frame(page_raw, rotation: int) -> tuple[Frame, tuple[float, float, float, float]]:
    import pypdfium2.raw as pdfium_c

    box = [ctypes.c_float() for _ in range(4)]
    if not pdfium_c.FPDFPage_GetMediaBox(page_raw, *box):
        box = [ctypes.c_float(0.0), ctypes.c_float(0.0), ctypes.c_float(612.0), ctypes.c_float(792.0)]
    left, bottom, right, top = (float(v.value) for v in box)
    x0, x1, y0, y1 = min(left, right), max(left, right), min(bottom, top), max(bottom, top)
    if rotation in (90, 270):  # pdfplumber's _normalize_box: the turned page's box
        nx0, ny0, nx1, ny1 = y0, x0, y1, x1
    else:
        nx0, ny0, nx1, ny1 = x0, y0, x1, y1
    height = ny1 - ny0
    bbox = (nx0, height - ny1, nx1, height - ny0)  # pdfplumber's _invert_box
    return Frame(page_ctm(rotation, (x0, y0, x1, y1)), height, bbox[0], bbox[1]), bbox


@dataclass
class PdfiumPage:
    """The parts of a pdfplumber Page that finsam reads, from pdfium."""

    path: Path
    index: int
    width: float
    height: float
    bbox: tuple[float, float, float, float]
    rotation: int
    chars: list[dict]
    lines: list[dict] = field(default_factory=list)
    rects: list[dict] = field(default_factory=list)
    curves: list[dict] = field(default_factory=list)
    images: list[dict] = field(default_factory=list)

    @property
    def edges(self) -> list[dict]:
        """pdfplumber's page.edges: the lines, then the rectangles' sides, then the curves' segments."""
        from .pdfium_paths import curve_edges, line_edge, rect_edges

        return ([line_edge(line) for line in self.lines] + [e for r in self.rects for e in rect_edges(r)]
                + [e for c in self.curves for e in curve_edges(c)])

    def to_image(self, resolution: float) -> SimpleNamespace:
        """The page rendered as pdfplumber's to_image renders it (no smoothing, RGB), for OCR."""
        import pypdfium2

        with PDFIUM_LOCK:
            document = pypdfium2.PdfDocument(str(self.path))
            try:
                bitmap = document[self.index].render(scale=resolution / 72, no_smoothtext=True,
                                                     no_smoothpath=True, no_smoothimage=True, prefer_bgrx=True)
                image = bitmap.to_pil().convert("RGB")
            finally:
                document.close()
        return SimpleNamespace(original=image)


class PdfiumDocument:
    """An open PDF whose pages are read one at a time (pdfplumber's PDF: .pages, .close())."""

    def __init__(self, path: Path) -> None:
        import pypdfium2

        self.path = path
        with PDFIUM_LOCK:
            self._document = pypdfium2.PdfDocument(str(path))
            self._count = len(self._document)
        self._descents: list[dict[str, float]] | None = None

    def __len__(self) -> int:
        return self._count

    @property
    def pages(self):
        for _, page in self.pages_between():
            yield page

    def pages_between(self, first: int = 1, last: int | None = None):
        """(number, page) for pages first..last (1-based, inclusive). doctop counts from page `first`:
        a run of a long PDF's pages is placed below the runs before it when the document is finished
        (split.place_runs), which spares every run a pass over all the pages before it."""
        last = self._count if last is None else min(last, self._count)
        if self._descents is None:  # the fonts of these pages only: other workers read the others
            self._descents = font_descents(self.path, first, last)
        doctop = 0.0
        for index in range(first - 1, last):
            page = self.read_page(index, doctop)
            doctop += page.height
            yield index + 1, page

    def read_page(self, index: int, doctop: float = 0.0) -> PdfiumPage:
        from .pdfium_paths import read_objects
        from .pdfium_text import read_chars

        if self._descents is None:
            self._descents = font_descents(self.path)
        with PDFIUM_LOCK:
            page = self._document[index]
            try:
                rotation = page.get_rotation() % 360
                frame, bbox = _frame(page.raw, rotation)
                shapes, texts = read_objects(page.raw, frame, doctop)
                descents = self._descents[index] if index < len(self._descents) else {}
                chars = read_chars(page, frame, descents, doctop, texts)
            finally:
                page.close()
        return PdfiumPage(self.path, index, bbox[2] - bbox[0], bbox[3] - bbox[1], bbox, rotation, chars, **shapes)

    def close(self) -> None:
        with PDFIUM_LOCK:
            self._document.close()


__all__ = ["PDFIUM_LOCK", "Frame", "PdfiumDocument", "PdfiumPage", "apply", "multiply", "page_ctm",
           "plain_font_name"]
