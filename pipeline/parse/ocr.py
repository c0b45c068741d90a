"""Scanned pages: tesseract (Swedish) → words with boxes in PDF points, for the shared table logic."""

from __future__ import annotations

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


def remove_rules(image):
    """Table rulings confuse tesseract ('|', ']'): paint long dark horizontal and vertical runs white."""
    import numpy as np
    from PIL import Image

    pixels = np.array(image)
    dark = pixels < 128
    long_run = max(40, image.width // 12)
    for axis in (0, 1):
        runs = dark if axis == 1 else dark.T
        cleaned = pixels if axis == 1 else pixels.T
        for i, row in enumerate(runs):
            edges = np.flatnonzero(np.diff(np.concatenate(([0], row.astype(np.int8), [0]))))
            for start, stop in zip(edges[::2], edges[1::2], strict=True):
                if stop - start >= long_run:
                    cleaned[i, start:stop] = 255
    return Image.fromarray(pixels)


def ocr_page_words(page, settings: LayoutSettings) -> list[dict]:
    """OCR one pdfplumber page; words come back in the page's coordinate space."""
    check_tesseract(settings.ocr_language)
    import pytesseract

    image = remove_rules(page.to_image(resolution=settings.ocr_dpi).original.convert("L"))
    scale = float(page.width) / image.width
    data = pytesseract.image_to_data(image, lang=settings.ocr_language, config="--psm 6",
                                     output_type=pytesseract.Output.DICT)
    words = []
    for i, text in enumerate(data["text"]):
        text = text.strip().strip("|[]{}")
        if not text or float(data["conf"][i]) < 0:
            continue
        x0, top = data["left"][i] * scale, data["top"][i] * scale
        words.append({"text": text, "x0": x0, "x1": x0 + data["width"][i] * scale, "top": top,
                      "bottom": top + data["height"][i] * scale, "conf": float(data["conf"][i])})
    return words
