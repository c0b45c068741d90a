"""PDF plans: words with boxes, ruling lines, running headers, tables.

Pages are read through pdfium (pdfium_page.py, the default: some 20 times faster) or pdfplumber
(LayoutSettings.pdf_reader); both hand on pdfplumber's characters and edges, so what follows is one
code. Scanned pages (no text layer) go through OCR (see ocr.py) and then the same table logic.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Problem
from ..numbers import find_years
from ..settings import LayoutSettings
from .glyphs import drop_leader_glyphs
from .layout import group_lines, strip_leaders
from .running import drop_running_lines
from .sheets import join_sheet_pages, restore_provenance
from .split import place_runs
from .tables import collect_tables
from .text import UnreadableInput
from .words import extract_words


@dataclass
class ParsedPdf:
    lines: list[dict]
    tables: list[dict]
    meta: dict
    problems: list[Problem] = field(default_factory=list)


def _open(path: Path, reader: str = "pdfium"):
    """The PDF, open for reading its pages (pdfplumber's PDF, or pdfium's in the same shape)."""
    name = path.name
    if path.stat().st_size == 0:
        raise UnreadableInput(Problem(name, "the file is empty (0 bytes)", "Download the plan again, or remove "
                                      "the file from raw/.", "error"))
    if reader == "pdfium":
        return _open_pdfium(path)
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(path)
        _ = len(pdf.pages)
        return pdf
    except PDFPasswordIncorrect as exc:
        raise UnreadableInput(_encrypted(name)) from exc
    except (PDFSyntaxError, Exception) as exc:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        if _password_error(exc):  # pdfplumber wraps pdfminer's password error in its own exception
            raise UnreadableInput(_locked(name)) from exc
        kind = "encrypted" if "encrypt" in str(exc).lower() else "corrupt or truncated"
        raise UnreadableInput(_broken(name, kind, exc)) from exc


def _open_pdfium(path: Path):
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    from .pdfium_page import PdfiumDocument

    try:
        return PdfiumDocument(path)
    except pypdfium2.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise UnreadableInput(_locked(path.name)) from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableInput(_encrypted(path.name)) from exc
        raise UnreadableInput(_broken(path.name, "corrupt or truncated", exc)) from exc


def _encrypted(name: str) -> Problem:
    return Problem(name, "the PDF is encrypted with a password", "Ask the förbund for an unprotected copy, or "
                   "remove the password (qpdf --decrypt) and put that file in raw/.", "error")


def _locked(name: str) -> Problem:
    return Problem(name, "the PDF is protected by a password", "Ask the förbund for an unprotected copy, or "
                   "decrypt it (qpdf --decrypt --password=… in.pdf out.pdf) and put that file in raw/.", "error")


def _broken(name: str, kind: str, exc: BaseException) -> Problem:
    return Problem(name, f"the PDF is {kind} ({type(exc).__name__}: {str(exc)[:80]})",
                   "Download the plan again or re-export it from the source document.", "error")


def _password_error(exc: BaseException) -> bool:
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    while exc is not None:
        if isinstance(exc, PDFPasswordIncorrect) or any(isinstance(a, PDFPasswordIncorrect) for a in exc.args):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _no_text(document: str, sources: dict) -> Problem:
    """Why a PDF gave no line at all: OCR ran and read nothing, or its pages hold neither text nor a scan."""
    if sources.get("ocr"):
        return Problem(document, "OCR read no text on its scanned pages", "Check the scan (resolution, "
                       "contrast, the right file); a scan at 200-300 dpi reads best.", "error")
    return Problem(document, "the PDF's pages are blank (no text and no scanned image)", "Check that it is the "
                   "right file: re-export the plan from its source document.", "error")


def _turn(obj: dict, down: bool, width: float, height: float) -> dict:
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    box = (top, bottom, width - x1, width - x0) if down else (height - bottom, height - top, x0, x1)
    turned = {**obj, "x0": box[0], "x1": box[1], "top": box[2], "bottom": box[3], "doctop": box[2], "upright": True}
    if "orientation" in obj:
        turned["orientation"] = "v" if obj["orientation"] == "h" else "h"
    return turned


def upright_layout(page) -> tuple[list[dict], list[dict], float, float, bool]:
    """Chars and ruling edges of a page, turned so its text reads left to right.

    A landscape table printed on a portrait page, or a page carrying /Rotate, gives pdfplumber
    sideways characters; lines of them only make sense in the frame the text was written in.
    Returns chars, edges, width, height and whether the page was turned.
    """
    chars = page.chars
    width, height = float(page.width), float(page.height)
    sideways = [c for c in chars if not c.get("upright", True)]
    if not chars or len(sideways) <= len(chars) / 2:
        return chars, page.edges, width, height, False
    down = sum(c["matrix"][1] < 0 for c in sideways) >= len(sideways) / 2  # text runs top to bottom
    turned = [_turn(c, down, width, height) for c in sideways]
    edges = [_turn(e, down, width, height) for e in page.edges]
    return turned, edges, height, width, True


_GLUED = re.compile(r"^(?P<label>.*[a-zåäö]{4})(?P<amount>\d{3,})$")


def split_glued_amounts(words: list[dict]) -> list[dict]:
    """A label that runs into its amount with no gap ("…Arbetsförmedlingen3170" when a long label
    fills its column) is two words: split where the letters end, at that character's edge."""
    out = []
    for word in words:
        chars = word.pop("chars", [])
        found = _GLUED.match(word["text"])
        if not found or find_years(found["amount"]) or len(chars) != len(word["text"]):
            out.append(word)
            continue
        cut = len(found["label"])
        out.append(word | {"text": found["label"], "x1": chars[cut - 1]["x1"]})
        out.append(word | {"text": found["amount"], "x0": chars[cut]["x0"]})
    return out


def _on_paper(chars: list[dict], page, turned: bool, word_gap: float) -> tuple[list[dict], list[str]]:
    """Characters printed on the paper, and the words the paper's edge cuts.

    A character set wholly beyond the edge is not printed (a spreadsheet cell's text running past the
    last printed column is still in the file, and a wide sheet prints it again on its next page): it is
    no part of the page. A word that starts on the paper and runs over the edge is kept whole (its
    digits are in the file; half of "9 063" would read as 9), and reported, with the words lost wholly
    beyond the edge on the same lines, so the page says it was cut."""
    x0, top, x1, bottom = page.bbox
    if turned:
        x0, top, x1, bottom = 0.0, 0.0, float(page.height), float(page.width)
    inside = [c for c in chars if c["top"] < bottom and c["bottom"] > top]
    if all(c["x0"] < x1 and x0 < c["x1"] <= x1 + word_gap for c in inside):
        return inside, []  # the usual page: every char printed, none near the edge (no line to look at)
    rows: dict[int, list[dict]] = {}
    for c in inside:
        rows.setdefault(round(c["top"]), []).append(c)
    kept, cut = [], []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        printed = [c for c in row if c["x0"] < x1 and c["x1"] > x0]
        kept += printed
        if not printed:  # a line wholly beyond the paper: not printed, and no printed line is cut
            continue
        beyond = [c for c in row if c["x0"] >= x1 and c["text"].strip()]
        straddle = printed[-1]["x1"] > x1 + word_gap  # a glyph box a hair over the edge is still printed
        if not (beyond or straddle):
            continue
        previous = printed[-1]
        for c in (c for c in row if c["x0"] >= x1):  # the rest of a word that crosses the edge
            if c["x0"] - previous["x1"] > word_gap or c["text"].isspace():
                break
            kept.append(c)
            previous = c
        cut.append("".join(c["text"] for c in row if c["x1"] > x1 + word_gap).strip())
    keep = {id(c) for c in kept}  # in the file's drawing order, which later steps rely on
    return [c for c in chars if id(c) in keep], [text for text in cut if text]


def _cut_by_edge(document: str, number: int, cut: list[str]) -> Problem:
    shown = ", ".join(f"'{text}'" for text in cut[:3])
    return Problem(document, f"page {number}: text runs past the paper's edge ({shown}); what is wholly "
                   "beyond it is not printed and was not read, a word crossing it was read whole",
                   "Check the page against its source; print the table fitted to the page (or in landscape).",
                   "warning")


def _needs_ocr(page, words: list[dict], settings: LayoutSettings) -> bool:
    """Too little text for the page to be born digital, and something drawn: a scanned image, or glyphs
    drawn as vector outlines (many curves and lines, as "Microsoft: Print To PDF" makes)."""
    if sum(len(w["text"]) for w in words) >= settings.ocr_min_chars:
        return False
    return bool(page.images) or len(page.curves) + len(page.lines) >= settings.ocr_min_vector_paths


def _page_words(page, chars: list[dict], page_no: int, settings: LayoutSettings, ocr: bool, name: str,
                problems: list[Problem]) -> tuple[list[dict], str]:
    """Words of the page's (upright) chars, or of OCR when the page has no text layer (a scan, or outlines)."""
    # dot leaders go before words are formed: words are sorted by x and would weave them into an amount
    drawn = drop_leader_glyphs(chars, settings)
    words = split_glued_amounts(strip_leaders(extract_words(drawn, x_tolerance=settings.word_gap)))
    if not _needs_ocr(page, words, settings):
        return words, "text"
    from .ocr import OcrUnavailable, ocr_page_words

    if not ocr:
        problems.append(Problem(name, f"page {page_no} is scanned (an image with no text layer) and OCR is "
                                "off", "Run without --no-ocr to read it."))
        return [], "needs-ocr"
    try:
        words = ocr_page_words(page, settings)
    except OcrUnavailable as exc:
        problems.append(Problem(name, f"page {page_no} is scanned and needs OCR, but {exc}",
                                "Install it with: apt-get install tesseract-ocr tesseract-ocr-swe tesseract-ocr-eng"))
        return [], "needs-ocr"
    words = strip_leaders(words)
    if not words:
        problems.append(Problem(name, f"page {page_no} has no text layer and OCR found no text",
                                f"If the page holds text, check the scan (or raise LayoutSettings.ocr_dpi, now "
                                f"{settings.ocr_dpi}); its content is not in the warehouse."))
    return words, "ocr"


def _edges(edges: list[dict]) -> tuple[list[dict], list[dict]]:
    horizontal = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 15]
    vertical = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 5]
    return horizontal, vertical


@dataclass
class PageRead:
    """Pages first..last of one PDF, read: the per-page half of parse_pdf, which a long PDF's pages can
    do in several workers at once (parse/split.py). `finish_pdf` takes the reads in page order."""

    pages: list[dict]
    problems: list[Problem]
    sources: Counter
    cut_pages: list[int]
    ocr_words: dict[int, list[dict]]  # page → OCR'd words, for the cells' confidence
    span: float = 0.0  # the pages' heights, as doctop counts them from the run's first page


def parse_pdf(path: Path, document: str, settings: LayoutSettings, ocr: bool = True) -> ParsedPdf:
    return finish_pdf(document, [read_pages(path, document, settings, ocr)], settings)


def count_pages(path: Path) -> int:
    """The PDF's pages (0 when pdfium cannot open it: reading it whole then says why)."""
    try:
        pdf = _open_pdfium(path)
    except (UnreadableInput, OSError):
        return 0
    try:
        return len(pdf)
    finally:
        pdf.close()


def read_pages(path: Path, document: str, settings: LayoutSettings, ocr: bool = True,
               first: int = 1, last: int | None = None) -> PageRead:
    """Words, lines and ruling lines of pages first..last (1-based, inclusive; None: to the end)."""
    read = PageRead([], [], Counter(), [], {})
    pdf = _open(path, settings.pdf_reader)
    try:
        for number, page in _numbered_pages(pdf, first, last):
            read.pages.append(_read_page(page, number, document, settings, ocr, read))
            read.span += page.height
    finally:
        pdf.close()
    return read


def _read_page(page, number: int, document: str, settings: LayoutSettings, ocr: bool, read: PageRead) -> dict:
    chars, edges, width, height, turned = upright_layout(page)
    chars, cut = _on_paper(chars, page, turned, settings.word_gap)
    if cut:
        read.problems.append(_cut_by_edge(document, number, cut))
        if any(ch.isdigit() for text in cut for ch in text):  # an amount may be lost, not just prose
            read.cut_pages.append(number)
    words, source = _page_words(page, chars, number, settings, ocr, document, read.problems)
    read.sources[source] += 1
    if source == "ocr":
        read.ocr_words[number] = words
    if turned:
        read.sources["turned upright"] += 1
    horizontal, vertical = _edges(edges) if source == "text" else ([], [])
    return {"number": number, "height": height, "width": width, "source": source,
            "lines": group_lines(words, settings.line_tolerance), "horizontal": horizontal, "vertical": vertical}


def _numbered_pages(pdf, first: int, last: int | None):
    """(number, page) for pages first..last; pdfium's document reads only those (doctop counted from
    `first`), pdfplumber's makes every page object anyway (a long PDF is split only for pdfium)."""
    if hasattr(pdf, "pages_between"):
        yield from pdf.pages_between(first, last)
        return
    for number, page in enumerate(pdf.pages, start=1):
        if number >= first and (last is None or number <= last):
            yield number, page


def finish_pdf(document: str, reads: list[PageRead], settings: LayoutSettings) -> ParsedPdf:
    """The document-wide half: running headers, sheets printed over several pages, tables, provenance."""
    place_runs(reads)
    pages = [page for read in reads for page in read.pages]
    problems = [problem for read in reads for problem in read.problems]
    sources: Counter = Counter()
    for read in reads:
        sources.update(read.sources)
    cut_pages = [number for read in reads for number in read.cut_pages]
    ocr_words = {number: words for read in reads for number, words in read.ocr_words.items()}
    if not any(p["lines"] for p in pages):
        if problems:  # every page was a scan that could not be read: the document as a whole fails
            raise UnreadableInput(Problem(document, problems[0].rule, problems[0].fix, "error"),
                                  needs_ocr=bool(sources["needs-ocr"]))
        raise UnreadableInput(_no_text(document, sources))
    headers = drop_running_lines(pages, settings)
    joined, orphans = join_sheet_pages(pages, settings)
    problems += [Problem(document, f"page {n} holds amounts with no row labels, and its rows stand at the "
                         "heights of no earlier page's", "If it carries further columns of a wide sheet, print "
                         "the sheet fitted to the page width (or repeat the label column on every page); its "
                         "amounts may be read without their labels.") for n in orphans]
    tables = collect_tables(pages, settings)
    restore_provenance(tables, pages)
    if ocr_words:
        from .ocr import cell_confidence

        cell_confidence(tables, ocr_words)
    lines = [{"document": document, "page": p["number"], "line": None, "text": line["text"],
              "bbox": [round(line["x0"], 2), round(line["top"], 2), round(line["x1"], 2), round(line["bottom"], 2)],
              "table": None if "table" not in line else True}
             for p in pages for line in p.get("reading", p["lines"])]
    meta = {"pages": len(pages), "page_sources": dict(sources),
            "running_headers": sorted(set(headers), key=headers.index)[:10]}
    if joined:
        meta["sheet_pages"] = joined
    if cut_pages:  # text lost beyond the paper: the read is partial, whatever the tables gave
        meta["cut_pages"] = cut_pages
    for table in tables:
        for key in ("top", "bottom", "bands", "scanned"):
            table.pop(key, None)
    return ParsedPdf(lines, tables, meta, problems)
