"""Scanned or photographed page → a straight, evenly lit, clean grey image for tesseract (OpenCV).

Order matters: a photograph is first cut to its page and flattened (the desk around it would
otherwise rule the skew and light estimates), then light is evened out, noise removed, the
page deskewed and table rulings painted out (tesseract reads a rule as '|', ']' or '—').
"""

from __future__ import annotations

import numpy as np

from ..settings import OcrSettings


def page_quadrilateral(grey: np.ndarray, settings: OcrSettings) -> np.ndarray | None:
    """The four corners of a sheet of paper photographed on a darker ground, or None for a scan.

    The paper is the largest bright region; it counts only when it fills a good share of the
    frame but clearly leaves a border of background (a scan is paper to its edges).
    """
    import cv2

    factor = settings.quad_work_width / grey.shape[1]
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    small = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # close the text inside the page so the paper is one blob
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    paper = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(paper) / (small.shape[0] * small.shape[1])
    if not settings.quad_min_share <= share <= settings.quad_max_share:
        return None
    hull = cv2.convexHull(paper)
    corners = cv2.approxPolyDP(hull, settings.quad_epsilon * cv2.arcLength(hull, True), True)
    if len(corners) != 4:
        return None
    return _order_corners(corners.reshape(4, 2).astype(np.float32) / factor)


def _order_corners(points: np.ndarray) -> np.ndarray:
    """Top-left, top-right, bottom-right, bottom-left."""
    total, difference = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.float32([points[np.argmin(total)], points[np.argmin(difference)],
                       points[np.argmax(total)], points[np.argmax(difference)]])


def flatten(grey: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """Warp the photographed sheet onto the whole frame, so words keep page coordinates."""
    import cv2

    height, width = grey.shape
    target = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


def even_light(grey: np.ndarray, settings: OcrSettings) -> np.ndarray:
    """Divide by the paper's own brightness (text closed away), so shade and paper tone become white."""
    import cv2

    size = max(3, int(grey.shape[1] * settings.background_window) | 1)
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    paper = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (size // 4,) * 2))
    paper = cv2.resize(cv2.GaussianBlur(paper, (0, 0), size / 16), (grey.shape[1], grey.shape[0]))
    return cv2.divide(grey, np.maximum(paper, 1), scale=255)


def whiten(grey: np.ndarray, settings: OcrSettings) -> np.ndarray:
    """Paper to pure white, ink kept grey: pixels lighter than Otsu's ink/paper threshold become 255.

    Scanner and JPEG noise left on the paper is what tesseract reads as letters ('FSEEESE') in
    empty table cells; the grey edges of the strokes are what it reads digits from, so the ink
    stays grey (fully black-and-white is the hard setting).
    """
    import cv2

    threshold, binary = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    if settings.binarise == "hard":
        return binary
    out = grey.copy()
    out[grey > threshold * settings.paper_share] = 255
    return out


def skew_angle(grey: np.ndarray, settings: OcrSettings) -> float:
    """The rotation (degrees) that makes text lines horizontal: where the row profile is sharpest.

    A 0.4° tilt moves a table row 3–4 pt from one side of a page to the other, enough to tear it
    into two lines. Searched coarse, then fine around the best coarse angle.
    """
    import cv2

    factor = settings.skew_work_width / grey.shape[1]
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ink = ink.astype(np.float32)
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        turned = cv2.warpAffine(ink, cv2.getRotationMatrix2D(centre, angle, 1.0), (ink.shape[1], ink.shape[0]))
        return float(np.var(turned.sum(axis=1)))

    limit, step = settings.skew_limit, settings.skew_coarse_step
    best = max(np.arange(-limit, limit + step / 2, step), key=sharpness)
    fine = settings.skew_fine_step
    return float(max(np.arange(best - step, best + step + fine / 2, fine), key=sharpness))


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    import cv2

    height, width = grey.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(grey, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)


def _long_runs(ink: np.ndarray, run: int, slack: int, horizontal: bool) -> np.ndarray:
    """Ink runs at least ``run`` long in one direction. A scanned rule is ragged and a little slanted:
    pixel gaps along it are bridged and it is thickened across by ``slack`` first, so it is one run."""
    import cv2

    def rect(along: int, across: int):
        return cv2.getStructuringElement(cv2.MORPH_RECT, (along, across) if horizontal else (across, along))

    bridged = cv2.dilate(cv2.morphologyEx(ink, cv2.MORPH_CLOSE, rect(2 * slack + 1, 1)), rect(1, 2 * slack + 1))
    return cv2.morphologyEx(bridged, cv2.MORPH_OPEN, rect(run, 1))


def remove_rules(grey: np.ndarray, settings: OcrSettings) -> tuple[np.ndarray, np.ndarray]:
    """Paint long horizontal and vertical ink runs white; return the image and the rules' mask.

    Rules are found by morphology: an opening with a long thin line keeps only runs at least
    that long. The mask is widened a little, since a scanned rule is ragged and slightly slanted.
    """
    import cv2

    # a local threshold: a hairline rule photographed and blurred is lighter than text, and
    # Otsu's page-wide threshold leaves it out, to be read as '_' and '—' under every amount
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV,
                                settings.rule_window | 1, settings.rule_contrast)
    height, width = grey.shape
    run = max(settings.rule_min_pixels, width // settings.rule_page_share)
    horizontal = _long_runs(ink, run, settings.rule_slack, horizontal=True)
    vertical = _long_runs(ink, run, settings.rule_slack, horizontal=False)
    rules = cv2.dilate(horizontal | vertical, np.ones((2 * settings.rule_slack + 1,) * 2, np.uint8))
    cleaned = grey.copy()
    cleaned[rules > 0] = 255
    return cleaned, rules


def clean_page(grey: np.ndarray, settings: OcrSettings, upsampled: bool = False) -> np.ndarray:
    """A grey page (uint8) at the OCR resolution → the image tesseract reads.

    Noise on a scan read at its own resolution is speckle, which a median filter removes; a scan
    rendered above its own resolution carries it as smooth blobs, which a median filter turns into
    broken strokes, so a light Gaussian blur evens those out instead.
    """
    import cv2

    corners = page_quadrilateral(grey, settings)
    if corners is not None:
        grey = flatten(grey, corners)
    grey = even_light(grey, settings)
    grey = cv2.GaussianBlur(grey, (0, 0), 1) if upsampled else cv2.medianBlur(grey, 3)
    angle = skew_angle(grey, settings)
    if abs(angle) >= settings.skew_fine_step:
        grey = rotate(grey, angle)
    grey, _ = remove_rules(grey, settings)
    return whiten(grey, settings) if settings.binarise else grey
