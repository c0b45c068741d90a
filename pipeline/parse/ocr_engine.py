"""One tesseract engine in process per language setup, reused across pages (tesserocr, no subprocess).

Starting the tesseract CLI loads its language model for every call: two passes a page meant four
model loads and two PNG round trips a page. tesserocr keeps a TessBaseAPI per language for the
life of the process (each parse worker has its own), and reads from memory.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from functools import lru_cache

from ..settings import OcrSettings

# tesseract's OpenMP threads fight each other (and our worker processes): one thread is faster.
# Must be set before the library is loaded.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class OcrUnavailable(RuntimeError):
    """tesseract or its language data is missing."""


@lru_cache(maxsize=1)
def tessdata_path() -> str:
    """Where the system tesseract keeps its language data (the tesserocr wheel looks in './' by default).

    TESSDATA_PREFIX wins when set; else what `tesseract --list-langs` names; else the Debian folders.
    """
    candidates = [os.environ.get("TESSDATA_PREFIX", "")]
    if shutil.which("tesseract"):
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
        first = (listing.stdout or listing.stderr).splitlines()[:1]
        if first and '"' in first[0]:
            candidates.append(first[0].split('"')[1])
    candidates += sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True)
    candidates += ["/usr/share/tessdata", "/usr/local/share/tessdata"]
    for folder in candidates:
        if folder and glob.glob(os.path.join(folder, "*.traineddata")):
            return folder.rstrip("/") + "/"
    raise OcrUnavailable("tesseract's language data (tessdata) is not installed")


@lru_cache(maxsize=1)
def installed_languages() -> frozenset[str]:
    return frozenset(os.path.basename(p).removesuffix(".traineddata")
                     for p in glob.glob(os.path.join(tessdata_path(), "*.traineddata")))


def check_languages(*languages: str) -> None:
    """Raise OcrUnavailable unless tesserocr loads and every language ("swe+eng" counts as two) has data."""
    if not os.environ.get("TESSDATA_PREFIX") and shutil.which("tesseract") is None:
        # the language data comes with the system's tesseract package; without it there is none to read
        raise OcrUnavailable("tesseract is not installed")
    try:
        import tesserocr  # noqa: F401
    except ImportError as exc:
        raise OcrUnavailable("the tesserocr package is not installed") from exc
    installed = installed_languages()
    for language in (part for spec in languages if spec for part in spec.split("+")):
        if language not in installed:
            raise OcrUnavailable(f"tesseract has no '{language}' language data")


@lru_cache(maxsize=4)
def engine(language: str, psm: int, no_invert: bool = True):
    """The process's engine for one language setup, made on first use and kept."""
    import tesserocr

    api = tesserocr.PyTessBaseAPI(path=tessdata_path(), lang=language, psm=psm)
    if no_invert:
        # tesseract 5 re-reads every unsure line inverted (white on black), doubling the time on a
        # noisy scan; printed plans have no inverted text worth that.
        api.SetVariable("tessedit_do_invert", "0")
    return api


def read_words(image, language: str, settings: OcrSettings, box: tuple[int, int, int, int] | None = None,
               psm: int | None = None) -> list[dict]:
    """Words of a grey PIL image (or of ``box`` = left, top, width, height in it) with pixel boxes and
    tesseract's confidence (0–100)."""
    import tesserocr

    api = engine(language, settings.psm if psm is None else psm, settings.no_invert)
    left, top = (0, 0) if box is None else box[:2]
    # a crop, not SetRectangle: on a rectangle of a page tesserocr's word iterator gave one bogus word
    api.SetImage(image if box is None else image.crop((left, top, left + box[2], top + box[3])))
    api.Recognize()
    level = tesserocr.RIL.WORD
    words = []
    iterator = api.GetIterator()
    if iterator is None:
        return words
    for word in tesserocr.iterate_level(iterator, level):
        try:
            text = word.GetUTF8Text(level)
        except RuntimeError:  # an empty image: the iterator stands on no word
            break
        bbox = word.BoundingBox(level)
        if not text or bbox is None:
            continue
        x0, y0, x1, y1 = bbox
        words.append({"text": text, "x0": x0 + left, "x1": x1 + left, "top": y0 + top, "bottom": y1 + top,
                      "conf": float(word.Confidence(level))})
    api.Clear()
    return words
