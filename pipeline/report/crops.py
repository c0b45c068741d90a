"""Evidence crops: the part of a PDF page a finding is about, its cells marked, as a small PNG.

A crop costs a page render and a PNG encode (some 8 ms of CPU); a thousand plans with findings cost
many of them. So the check stage draws each document's crops as it checks it, in its workers, and
stores them in the warehouse (table evidence_crops, check/evidence.py), keyed by the source file's
state, the page, the marks and this module's code: the report only inlines the stored bytes. A crop
the warehouse lacks (one made before the table, or by other code) is drawn by the report from a page
rendered once however many findings point into it, and kept between runs in reports/.finsam-crops/
(CropStore): a page rendered again because another plan of its förbund changed reuses it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from ..parse import hash_sources
from ..store import replace_file_atomic

CROPS_DIR = ".finsam-crops"
_MARGIN_Y = 24           # points of page kept above and below the marked cells
_RESOLUTION = 100
_PNG_LEVEL = 6           # zlib's default: level 9 (PIL's optimize) saves 7 % of a crop's bytes for 5 times the time
_COLOURS = 32            # palette of a crop: black text on white, grey rules, three marks and their blends
# (outline, fill) of each kind of mark: the stated figure, the rows it should be the sum of, the header
MARKS = {"stated": ((200, 0, 0), (255, 0, 0, 40)), "summed": ((0, 90, 200), (0, 110, 255, 30)),
         "header": ((60, 60, 60), (120, 120, 120, 30))}


class CropStore:
    """The crops the warehouse stores (`stored`, read by stored_crops) and those the report drew itself,
    kept on disk between runs, a folder per document; `prune` drops what no page uses now."""

    def __init__(self, folder: Path, stored: dict[tuple[str, str], bytes] | None = None) -> None:
        self.folder = folder
        self.stored = stored or {}  # (document, key) → the crop the check stage stored (stored_crops)
        self.used: dict[str, set[str]] = {}

    def path(self, document: str, key: str) -> Path:
        return self.folder / _name(document) / f"{key}.png"

    def has(self, document: str, key: str) -> bool:
        """Stored in the warehouse or kept on disk: nothing to draw."""
        return (document, key) in self.stored or self.path(document, key).exists()

    def get(self, document: str, key: str, make: Callable[[], bytes | None]) -> bytes | None:
        """The crop the warehouse stores, or the one kept on disk, or make() it and keep it."""
        if (document, key) in self.stored:
            return self.stored[document, key]
        self.used.setdefault(_name(document), set()).add(key)
        path = self.path(document, key)
        try:
            return path.read_bytes()
        except OSError:
            pass
        data = make()
        if data:
            replace_file_atomic(path, lambda tmp: tmp.write_bytes(data))
        return data

    def prune(self, documents: set[str], rendered: set[str]) -> None:
        """Delete the folders of documents no longer in the warehouse, and in the folders of the documents
        whose page was rendered now the crops it no longer showed."""
        if not self.folder.is_dir():
            return
        current, redrawn = {_name(d) for d in documents}, {_name(d) for d in rendered}
        for folder in (f for f in self.folder.iterdir() if f.is_dir()):
            stale = list(folder.iterdir()) if folder.name not in current else \
                [p for p in folder.iterdir() if folder.name in redrawn and p.stem not in self.used.get(folder.name, ())]
            for path in stale:
                path.unlink()
            if folder.name not in current:
                folder.rmdir()


def _name(document: str) -> str:
    return hashlib.blake2b(document.encode(), digest_size=8).hexdigest()


def stored_crops(con, documents: set[str]) -> dict[tuple[str, str], bytes]:
    """(document, key) → PNG of the crops the check stage stored for these documents; none from a
    warehouse made before the table (opened read-only, it cannot gain it)."""
    if not documents or not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                                        "'evidence_crops'").fetchone()[0]:
        return {}
    rows = con.execute("SELECT document, key, png FROM evidence_crops WHERE document IN (SELECT unnest(?))",
                       [sorted(documents)]).fetchall()
    return {(document, key): png for document, key, png in rows}


def page_crop_png(pdf_path: Path, page_no: int, marks: list[tuple[str, list[float]]],
                  resolution: int = _RESOLUTION, store: CropStore | None = None, document: str = "") -> bytes | None:
    """A PNG of the page's full width from the highest to the lowest mark, each mark boxed in its colour."""
    job = crop_job(pdf_path, page_no, marks, resolution)
    if job is None:
        return None
    key, args = job
    make = lambda: _crop(*args)  # noqa: E731
    return make() if store is None else store.get(document or str(pdf_path), key, make)


def crop_job(pdf_path: Path, page_no: int, marks: list[tuple[str, list[float]]],
             resolution: int = _RESOLUTION) -> tuple[str, tuple] | None:
    """(the crop's key in a CropStore, the arguments of `_crop`, which draw_crop_files pairs with a target),
    or None when the source is gone. The key holds the file's state, the page, the marks and this module's
    code."""
    try:
        stat = pdf_path.stat()
    except OSError:
        return None
    # floats whatever the marks came as (a check's own box or one read back from DuckDB): one key for both
    shape = tuple((kind, tuple(map(float, box))) for kind, box in marks)
    key = hashlib.blake2b(repr((stat.st_size, stat.st_mtime_ns, page_no, shape, resolution,
                                hash_sources(("report/crops.py",)))).encode(), digest_size=16).hexdigest()
    return key, (str(pdf_path), stat.st_mtime_ns, page_no, shape, resolution)


def draw_crop(args: tuple) -> bytes | None:
    """The crop of crop_job's arguments (None when its page cannot be rendered)."""
    return _crop(*args)


def forget_pages() -> None:
    """Let the rendered pages go (some 3 MB each): a worker that has drawn one document's crops needs
    none of its pages for the next document's."""
    _page_image.cache_clear()


def draw_crop_files(crops: list[tuple[Path, tuple]]) -> int:
    """Draw crops of one page into the store, its render shared (a worker's job: a big run's report draws
    many crops at once); how many were drawn."""
    drawn = 0
    for target, args in crops:
        data = _crop(*args)
        if data:
            replace_file_atomic(target, lambda tmp, data=data: tmp.write_bytes(data))
            drawn += 1
    return drawn


@lru_cache(maxsize=64)
def _crop(pdf_path: str, modified: int, page_no: int, marks: tuple, resolution: int) -> bytes | None:
    """The crop, drawn once per page and marks in a process."""
    from PIL import Image, ImageDraw

    try:
        page, width, height = _page_image(pdf_path, modified, page_no, resolution)
    except Exception:  # noqa: BLE001 - evidence is best effort; the finding is still listed with its place
        return None
    scale = resolution / 72
    upper = max(0.0, min(b[1] for _, b in marks) - _MARGIN_Y)
    lower = min(height, max(b[3] for _, b in marks) + _MARGIN_Y)
    image = page.crop((0, round(upper * scale), round(width * scale), round(lower * scale))).convert("RGB")
    draw = ImageDraw.Draw(image, "RGBA")  # RGBA drawing on an RGB image blends the fill over the cell
    for kind, (x0, top, x1, bottom) in sorted(marks, key=lambda m: m[0] == "stated"):  # the stated one on top
        outline, fill = MARKS[kind]
        box = [(x0 - 2) * scale, (top - 2 - upper) * scale, (x1 + 2) * scale, (bottom + 2 - upper) * scale]
        draw.rectangle(box, fill=fill, outline=outline, width=2)
    buffer = io.BytesIO()
    # a page of text and a few coloured marks needs few colours: a palette image is a third of the pixels
    # to compress (and a smaller file)
    image.quantize(colors=_COLOURS, method=Image.Quantize.FASTOCTREE).save(buffer, format="PNG",
                                                                            compress_level=_PNG_LEVEL)
    return buffer.getvalue()


@lru_cache(maxsize=8)
def _page_image(pdf_path: str, modified: int, page_no: int, resolution: int):
    """(image, width, height) of one page, rendered once however many findings point into it; keyed by
    the file's mtime too. Rendered by pdfium as pdfplumber renders it (no anti-aliasing: crisp text that
    compresses well), without pdfplumber's parse of every page; a rotated page or one whose crop box is not
    its media box goes through pdfplumber, whose coordinates the marks are in."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(pdf_path)
    try:
        page = pdf[page_no - 1]
        if page.get_rotation() == 0 and page.get_mediabox() == page.get_cropbox():
            width, height = page.get_size()
            image = page.render(scale=resolution / 72, no_smoothtext=True, no_smoothpath=True,
                                no_smoothimage=True, prefer_bgrx=True).to_pil().convert("RGB")
            return image, float(width), float(height)
    finally:
        pdf.close()
    return _plumber_page_image(pdf_path, page_no, resolution)


def _plumber_page_image(pdf_path: str, page_no: int, resolution: int):
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[page_no - 1]
        image = page.to_image(resolution=resolution).original.copy()
        return image, float(page.width), float(page.height)
