"""Scanned pages: tesseract (Swedish) → words with boxes in PDF points, for the shared table logic."""

from __future__ import annotations

import os
import re
import shutil
from functools import lru_cache

from ..settings import LayoutSettings


class OcrUnavailable(RuntimeError):
    """tesseract or its Swedish data is missing."""


@lru_cache(maxsize=1)
def _installed_languages() -> frozenset[str]:
    import pytesseract

    return frozenset(pytesseract.get_languages(config=""))


def check_tesseract(*languages: str) -> None:
    """Raise OcrUnavailable unless tesseract runs and has every language ("swe+eng" counts as two)."""
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("tesseract is not installed")
    installed = _installed_languages()  # asked once per process, not once per page
    for language in (part for spec in languages if spec for part in spec.split("+")):
        if language not in installed:
            raise OcrUnavailable(f"tesseract has no '{language}' language data")


def remove_rules(image, slack: int = 2):
    """Table rulings confuse tesseract ('|', ']', '—'): paint long dark horizontal and vertical runs white.

    A rule on a scan is rarely one pixel row: it is slightly slanted and ragged. Runs are found in
    the ink thickened by ``slack`` pixels across the rule, and that whole band is cleared.
    """
    import numpy as np
    from PIL import Image

    pixels = np.array(image)
    dark = pixels < 160
    for axis in (0, 1):
        ink = dark if axis == 1 else dark.T
        cleaned = pixels if axis == 1 else pixels.T
        thick = ink.copy()
        for shift in range(1, slack + 1):
            thick[shift:] |= ink[:-shift]
            thick[:-shift] |= ink[shift:]
        along = thick.copy()  # bridge the pixel gaps noise leaves in a rule
        for shift in range(1, slack + 1):
            along[:, shift:] |= thick[:, :-shift]
            along[:, :-shift] |= thick[:, shift:]
        thick = along
        long_run = max(40, ink.shape[1] // 12)
        for i in np.flatnonzero(thick.sum(axis=1) >= long_run):
            edges = np.flatnonzero(np.diff(np.concatenate(([0], thick[i].astype(np.int8), [0]))))
            for start, stop in zip(edges[::2], edges[1::2], strict=True):
                if stop - start >= long_run:
                    cleaned[max(0, i - slack):i + slack + 1, start:stop] = 255
    return Image.fromarray(pixels)


def skew_angle(image, limit: float = 2.0, step: float = 0.05) -> float:
    """The rotation (degrees) that makes text lines horizontal: where the row profile is sharpest.

    A scanner feeds paper a little crooked; a 0.4° tilt moves a table row 3–4 pt from one side
    of the page to the other, enough to tear it into two lines.
    """
    import numpy as np
    from PIL import Image

    small = image.resize((max(1, image.width // 2), max(1, image.height // 2)))
    ink = Image.fromarray(((np.asarray(small) < 160) * 255).astype(np.uint8))
    angles = np.arange(-limit, limit + step / 2, step)
    sharpness = [np.var(np.asarray(ink.rotate(a, fillcolor=0)).sum(axis=1)) for a in angles]
    return float(angles[int(np.argmax(sharpness))])


def clean_scan(image, upsampled: bool = False):
    """Grey scan → straight, denoised image for tesseract: denoised, deskewed, rules removed.

    Noise on a scan read at its own resolution is speckle, which a median filter removes. A scan
    rendered above its own resolution (a 200 dpi scan read at 300) carries that noise as smooth
    blobs, which a median filter turns into broken strokes ("100" read as "1003"); a one-pixel
    Gaussian blur evens them out instead. Measured on the whole-plan scans at 300 and 200 dpi.
    """
    from PIL import Image, ImageFilter

    image = image.filter(ImageFilter.GaussianBlur(1) if upsampled else ImageFilter.MedianFilter(3))
    angle = skew_angle(image)
    if abs(angle) >= 0.05:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return remove_rules(image)


def scan_resolution(page) -> float | None:
    """The resolution (dpi) the page's largest image was scanned at, from its pixels and its size on the page."""
    images = [im for im in page.images if im.get("srcsize") and im["x1"] > im["x0"]]
    if not images:
        return None
    largest = max(images, key=lambda im: (im["x1"] - im["x0"]) * (im["bottom"] - im["top"]))
    return largest["srcsize"][0] / ((largest["x1"] - largest["x0"]) / 72)


_RULE_DEBRIS = {"—", "=", "_", "~", "»", "«", ">", "<", "+>", "<+>", "|", "'", '"', "”", "-—", "——"}


_DIGITISH = re.compile(r"^[0-9Oo]*[0-9Oo](kr|tkr)?$")


def _tidy(text: str) -> str:
    """Drop what is left of a painted-out rule ('—', '='), and read the letter O in a number as the
    zero it is ('O kr', '2832 O00', 'Okr')."""
    text = text.strip().strip("|[]{}")
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
        out.extend(seconds if numeric and seconds else firsts)
    return sorted(out, key=lambda w: (round(w["top"]), w["x0"]))


def balance_brackets(words: list[dict]) -> list[dict]:
    """A bracket with no partner on its line is a rule stub read as ')' ('0)'); '(av' … '10)' stay."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        middle = (word["top"] + word["bottom"]) / 2
        if lines and lines[-1][-1]["top"] <= middle <= lines[-1][-1]["bottom"]:
            lines[-1].append(word)
        else:
            lines.append([word])
    out = []
    for line in lines:
        text = "".join(w["text"] for w in line)
        balanced = text.count("(") == text.count(")")
        for word in line:
            if not balanced and word["text"].count("(") != word["text"].count(")"):
                word = word | {"text": word["text"].strip("()")}
            if word["text"]:
                out.append(word)
    return sorted(out, key=lambda w: (round(w["top"]), w["x0"]))


def _ocr_words(image, language: str, scale: float) -> list[dict]:
    import pytesseract

    data = pytesseract.image_to_data(image, lang=language, config="--psm 6", output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = _tidy(text)
        if not text or float(data["conf"][i]) < 0:
            continue
        x0, top = data["left"][i] * scale, data["top"][i] * scale
        words.append({"text": text, "x0": x0, "x1": x0 + data["width"][i] * scale, "top": top,
                      "bottom": top + data["height"][i] * scale, "conf": float(data["conf"][i])})
    return words


def ocr_page_words(page, settings: LayoutSettings) -> list[dict]:
    """OCR one pdfplumber page; words come back in the page's coordinate space."""
    check_tesseract(settings.ocr_language, settings.ocr_symbol_language)
    # tesseract's OpenMP threads fight each other (and our worker processes): one thread is faster.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    native = scan_resolution(page)
    upsampled = native is not None and native < 0.8 * settings.ocr_dpi
    image = clean_scan(page.to_image(resolution=settings.ocr_dpi).original.convert("L"), upsampled)
    scale = float(page.width) / image.width
    words = _ocr_words(image, settings.ocr_language, scale)
    if settings.ocr_symbol_language:
        words = merge_passes(words, _ocr_words(image, settings.ocr_symbol_language, scale))
    return balance_brackets(words)
