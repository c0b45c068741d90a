"""Scanned pages: tesseract (Swedish) → words with boxes in PDF points, for the shared table logic."""

from __future__ import annotations

import re
import shutil

from ..settings import LayoutSettings


class OcrUnavailable(RuntimeError):
    """tesseract or its Swedish data is missing."""


def check_tesseract(language: str) -> None:
    if shutil.which("tesseract") is None:
        raise OcrUnavailable("tesseract is not installed")
    import pytesseract

    if language not in pytesseract.get_languages(config=""):
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


def clean_scan(image):
    """Grey scan → straight, denoised image for tesseract: median filter, deskew, rules removed."""
    from PIL import Image, ImageFilter

    image = image.filter(ImageFilter.MedianFilter(3))
    angle = skew_angle(image)
    if abs(angle) >= 0.05:
        image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    return remove_rules(image)


_RULE_DEBRIS = {"—", "=", "_", "~", "»", "«", ">", "<", "+>", "<+>", "|", "'", '"', "”", "-—", "——"}


_DIGITISH = re.compile(r"^[0-9Oo]*[0-9Oo](kr|tkr)?$")


def _tidy(text: str) -> str:
    """Drop what is left of a painted-out rule ('—', '='), a stray bracket on a number ('0)'), and
    read the letter O in a number as the zero it is ('O kr', '2832 O00', 'Okr')."""
    text = text.strip().strip("|[]{}")
    if text in _RULE_DEBRIS or not re.search(r"[\wåäöÅÄÖ%]", text):  # punctuation alone is noise here
        return ""
    if text.count("(") != text.count(")"):
        text = text.strip("()")
    if _DIGITISH.match(text) and (any(ch.isdigit() for ch in text) or text[:1] in "Oo" and len(text) <= 4):
        head = text.rstrip("tkr")
        text = head.replace("O", "0").replace("o", "0") + text[len(head):]
    return text


def ocr_page_words(page, settings: LayoutSettings) -> list[dict]:
    """OCR one pdfplumber page; words come back in the page's coordinate space."""
    check_tesseract(settings.ocr_language)
    import pytesseract

    image = clean_scan(page.to_image(resolution=settings.ocr_dpi).original.convert("L"))
    scale = float(page.width) / image.width
    data = pytesseract.image_to_data(image, lang=settings.ocr_language, config="--psm 6",
                                     output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = _tidy(text)
        if not text or float(data["conf"][i]) < 0:
            continue
        x0, top = data["left"][i] * scale, data["top"][i] * scale
        words.append({"text": text, "x0": x0, "x1": x0 + data["width"][i] * scale, "top": top,
                      "bottom": top + data["height"][i] * scale, "conf": float(data["conf"][i])})
    return words
