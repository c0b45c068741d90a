"""The OCR pieces of issue 14 on images drawn here: OpenCV cleaning (page outline, perspective, light,
skew, rules) and the in-process tesseract engine (real tesseract, no mocks)."""

from __future__ import annotations

import glob
import shutil

import numpy as np
import pytest

cv2 = pytest.importorskip("cv2")

from pipeline.parse import ocr_clean  # noqa: E402
from pipeline.settings import OcrSettings  # noqa: E402

SETTINGS = OcrSettings()
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract-ocr not installed (.ci/run installs it)")


def _font(size: int):
    from PIL import ImageFont

    fonts = glob.glob("/usr/share/fonts/**/DejaVuSans.ttf", recursive=True) + glob.glob(
        "/usr/share/fonts/**/LiberationSans-Regular.ttf", recursive=True)
    if not fonts:
        pytest.skip("no TrueType font with Swedish letters on this machine")
    return ImageFont.truetype(fonts[0], size)


def _page(lines: list[str], size: tuple[int, int] = (1275, 1650), rules: bool = False) -> np.ndarray:
    """A white 150 dpi page with lines of 12 pt text (and a ruled grid round them)."""
    from PIL import Image, ImageDraw

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = _font(25)
    for i, text in enumerate(lines):
        draw.text((120, 150 + 45 * i), text, fill=0, font=font)
    if rules:
        for i in range(len(lines) + 1):
            draw.line((100, 145 + 45 * i, 1150, 145 + 45 * i), fill=0, width=3)
        for x in (100, 800, 1150):
            draw.line((x, 145, x, 145 + 45 * len(lines)), fill=0, width=3)
    return np.asarray(image).copy()


LINES = [f"Rad {i} med text och belopp {i * 1000 + 17} kronor för år {2020 + i}" for i in range(20)]


@pytest.mark.parametrize("tilt", [-2.5, 0.8, 3.0])
def test_skew_is_measured_to_a_tenth_of_a_degree(tilt):
    page = _page(LINES)
    height, width = page.shape
    turned = cv2.warpAffine(page, cv2.getRotationMatrix2D((width / 2, height / 2), tilt, 1.0), (width, height),
                            borderValue=255)
    assert ocr_clean.skew_angle(turned, SETTINGS) == pytest.approx(-tilt, abs=0.1)


def test_a_photographed_page_is_found_and_flattened():
    page = _page(LINES)
    height, width = page.shape
    corners = np.float32([[180, 140], [1390, 220], [1340, 1820], [150, 1760]])
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [width, 0], [width, height], [0, height]]), corners)
    photo = cv2.warpPerspective(page, matrix, (1550, 1950), borderValue=90)  # a grey desk round the sheet
    found = ocr_clean.page_quadrilateral(photo, SETTINGS)
    assert found is not None and np.abs(found - corners).max() < 15
    flat = ocr_clean.flatten(photo, found)
    assert ocr_clean.skew_angle(flat, SETTINGS) == pytest.approx(0, abs=0.2)  # text lines level again


def test_a_scan_has_no_page_outline_to_flatten():
    assert ocr_clean.page_quadrilateral(_page(LINES), SETTINGS) is None


def test_uneven_light_and_paper_tone_become_white():
    page = _page(LINES).astype(np.float32)
    light = np.linspace(0.55, 0.95, page.shape[1], dtype=np.float32)[None, :]
    shaded = (page * light).astype(np.uint8)
    even = ocr_clean.even_light(shaded, SETTINGS)
    paper = even[1100:, :]  # below the text: paper only
    assert paper.min() > 235 and even[150:175, 120:600].min() < 80  # ink stays dark


def test_rules_are_painted_out_and_the_text_is_kept():
    ruled, plain = _page(LINES[:5], rules=True), _page(LINES[:5])
    cleaned, mask = ocr_clean.remove_rules(ruled, SETTINGS)
    assert mask[144:147, 200:1100].all()  # the top rule
    ink_left = (cleaned < 128).sum()
    assert abs(ink_left - (plain < 128).sum()) < 0.1 * (plain < 128).sum()


@needs_tesseract
def test_the_engine_reads_words_with_boxes_and_confidence_and_is_kept():
    from PIL import Image

    from pipeline.parse.ocr_engine import engine, read_words

    image = Image.fromarray(_page(["Summa kostnader 1 447 979", "Övriga intäkter 55,2 %"], size=(900, 300)))
    words = read_words(image, "swe", SETTINGS)
    assert [w["text"] for w in words][:5] == ["Summa", "kostnader", "1", "447", "979"]
    assert all(0 <= w["conf"] <= 100 for w in words) and words[0]["x0"] == pytest.approx(120, abs=6)
    assert engine("swe", SETTINGS.psm, SETTINGS.no_invert) is engine("swe", SETTINGS.psm, SETTINGS.no_invert)


@needs_tesseract
def test_numbers_read_again_in_one_stacked_image_land_where_they_were():
    from PIL import Image

    from pipeline.parse.ocr import numeric_boxes, read_stacked
    from pipeline.parse.ocr_engine import read_words

    image = Image.fromarray(_page(["Styrelse 250 000", "Anställda 693 868", "Andel 75 %"], size=(900, 300)))
    first = read_words(image, "swe", SETTINGS)
    boxes = numeric_boxes(first, SETTINGS, image.width, image.height)
    assert len(boxes) == 3  # one per amount: its digit groups are read together
    again = read_stacked(image, boxes, "swe+eng", SETTINGS)
    texts = [w["text"] for w in again]
    texts = [w["text"] for w in sorted(again, key=lambda w: (w["top"], w["x0"]))]
    assert texts[:4] == ["250", "000", "693", "868"] and "%" in "".join(texts)
    by_text = {w["text"]: w for w in first}
    read = next(w for w in again if w["text"] == "693")
    assert read["x0"] == pytest.approx(by_text["693"]["x0"], abs=4)
    assert read["top"] == pytest.approx(by_text["693"]["top"], abs=4)


def test_a_cell_takes_the_lowest_confidence_of_its_words():
    from pipeline.parse.ocr import cell_confidence

    words = [{"text": "1", "x0": 100, "x1": 105, "top": 10, "bottom": 20, "conf": 91.0},
             {"text": "447", "x0": 108, "x1": 125, "top": 10, "bottom": 20, "conf": 48.5},
             {"text": "Styrelse", "x0": 10, "x1": 50, "top": 10, "bottom": 20, "conf": 96.0}]
    tables = [{"rows": [[{"text": "Styrelse", "page": 2, "bbox": [10, 10, 50, 20]},
                         {"text": "1 447", "page": 2, "bbox": [100, 10, 125, 20]},
                         {"text": "", "page": 2, "bbox": None}]]}]
    cell_confidence(tables, {2: words})
    assert [c.get("ocr_confidence") for c in tables[0]["rows"][0]] == [96.0, 48.5, None]
