"""Scans and photographs of the sample plans, made by another route than finsam's own renderings.

The born-digital PDFs in raw/ are printed to images by poppler's ``pdftoppm`` (finsam and
benchmarks/variants.py render with pdfium), then degraded with OpenCV the way paper is:

* ``scan300`` / ``scan200``: an office scanner at 300 or 200 dpi: the sheet fed 0.5–3° crooked,
  optics blur, paper tone, speckle and JPEG artefacts;
* ``photo``: a phone photograph of the printed page lying on a desk: the page a tilted
  quadrilateral inside a background margin, light falling off across the sheet, blur, sensor
  noise and JPEG.

Each degraded page is wrapped back into an image-only PDF named ``<stem>-<kind>.pdf``, so
/work/shared/tools/score.py scores it against the same gold as the plan. Everything is seeded by
the seed and the file stem: the same call writes the same files.

    python -m benchmarks.scans raw/ /tmp/scans [--kind scan300 --kind photo] [--seed 0]
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

KINDS = ("scan300", "scan200", "photo")


@dataclass(frozen=True)
class Degradation:
    """How hard paper is treated; the ranges are drawn from per page."""

    tilt: tuple[float, float] = (0.5, 3.0)       # degrees, either direction
    blur: tuple[float, float] = (0.5, 1.1)       # Gaussian sigma in pixels at the output resolution
    speckle: float = 0.002                       # share of pixels flipped to dark or light dots
    noise: float = 10.0                          # grey-level standard deviation of sensor noise
    jpeg_quality: tuple[int, int] = (35, 70)
    paper: tuple[int, int] = (228, 250)          # grey of the paper after scanning
    photo_dpi: int = 200                         # the page's resolution inside a photograph
    photo_margin: float = 0.08                   # background around the page, share of its size
    photo_corner_shift: float = 0.045            # how far a corner moves (share of the page size)
    photo_light: tuple[float, float] = (0.55, 0.9)  # the darkest corner's light relative to the brightest


def print_pages(pdf: Path, dpi: int, workdir: Path) -> list[np.ndarray]:
    """The PDF's pages as grey images at ``dpi``, printed by poppler (not pdfium)."""
    prefix = workdir / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    import cv2

    return [cv2.imread(str(p), cv2.IMREAD_GRAYSCALE) for p in sorted(workdir.glob(f"{pdf.stem}-*.png"))]


def _jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    import cv2

    ok, data = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return cv2.imdecode(data, cv2.IMREAD_UNCHANGED)


def _sensor(image: np.ndarray, rng: np.random.Generator, d: Degradation) -> np.ndarray:
    """Optics blur, then additive sensor noise, then JPEG."""
    import cv2

    image = cv2.GaussianBlur(image, (0, 0), rng.uniform(*d.blur))
    noisy = image.astype(np.float32) + rng.normal(0, d.noise, image.shape)
    return _jpeg(np.clip(noisy, 0, 255).astype(np.uint8), int(rng.integers(*d.jpeg_quality)))


def scan(page: np.ndarray, rng: np.random.Generator, d: Degradation = Degradation()) -> np.ndarray:
    """An office scan: crooked feed, paper tone, speckle (dust on the glass), blur, noise, JPEG."""
    import cv2

    angle = rng.uniform(*d.tilt) * rng.choice((-1, 1))
    height, width = page.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    tone = int(rng.integers(*d.paper))
    toned = (page.astype(np.float32) * tone / 255).astype(np.uint8)  # paper is never pure white
    image = cv2.warpAffine(toned, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=tone)
    dots = rng.random(image.shape)
    image[dots < d.speckle / 2] = 30
    image[dots > 1 - d.speckle / 2] = 255
    return _sensor(image, rng, d)


def photo(page: np.ndarray, rng: np.random.Generator, d: Degradation = Degradation()) -> np.ndarray:
    """A phone photograph of the page on a desk: perspective, background margin, uneven light."""
    import cv2

    height, width = page.shape
    margin_x, margin_y = int(width * d.photo_margin), int(height * d.photo_margin)
    canvas = (width + 2 * margin_x, height + 2 * margin_y)
    shift = d.photo_corner_shift * np.array([width, height])
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    target = source + np.array([margin_x, margin_y]) + rng.uniform(-1, 1, (4, 2)) * shift
    matrix = cv2.getPerspectiveTransform(source, target.astype(np.float32))
    desk = int(rng.integers(60, 120))  # a desk darker than paper, with its own texture
    background = np.clip(rng.normal(desk, 8, (canvas[1], canvas[0])), 0, 255).astype(np.uint8)
    image = cv2.warpPerspective(page, matrix, canvas, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_TRANSPARENT,
                                dst=background)
    return _sensor(_uneven_light(image, rng, d), rng, d)


def _uneven_light(image: np.ndarray, rng: np.random.Generator, d: Degradation) -> np.ndarray:
    """Light falling off linearly from a random bright point towards the far side of the frame."""
    height, width = image.shape
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    bright = rng.uniform(0, 1, 2) * np.array([width, height])
    distance = np.hypot(xs - bright[0], ys - bright[1])
    darkest = rng.uniform(*d.photo_light)
    light = 1 - (1 - darkest) * distance / distance.max()
    return np.clip(image.astype(np.float32) * light, 0, 255).astype(np.uint8)


def write_pdf(images: list[np.ndarray], out: Path, dpi: int) -> Path:
    """Images → an image-only PDF, each page sized so the image is ``dpi`` on it."""
    from PIL import Image

    pages = [Image.fromarray(image) for image in images]
    out.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return out


def make(pdf: Path, out_dir: Path, kind: str, seed: int = 0) -> Path:
    """Write ``<stem>-<kind>.pdf`` in ``out_dir`` from the born-digital ``pdf``."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    digest = hashlib.sha256(f"{seed}:{pdf.stem}:{kind}".encode()).digest()
    rng = np.random.default_rng(int.from_bytes(digest[:8], "big"))
    d = Degradation()
    dpi = d.photo_dpi if kind == "photo" else int(kind.removeprefix("scan"))
    with tempfile.TemporaryDirectory() as tmp:
        pages = print_pages(pdf, dpi, Path(tmp))
    degrade = photo if kind == "photo" else scan
    return write_pdf([degrade(page, rng, d) for page in pages], out_dir / f"{pdf.stem}-{kind}.pdf", dpi)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", type=Path, help="folder with the born-digital sample plans (.pdf)")
    parser.add_argument("out", type=Path, help="folder to write <stem>-<kind>.pdf into")
    parser.add_argument("--kind", action="append", choices=KINDS, help="repeatable; default all")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for pdf in sorted(args.raw.glob("*.pdf")):
        for kind in args.kind or KINDS:
            print(make(pdf, args.out, kind, args.seed))


if __name__ == "__main__":
    main()
