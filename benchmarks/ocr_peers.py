"""Scanned plans: finsam against OCR peers, side by side (issue 14, point 6).

    python -m benchmarks.ocr_peers /tmp/scans [--kind scan200 --kind photo] [--peer-python PY] [--limit 2]

/tmp/scans holds image-only PDFs named <stem>-<kind>.pdf (made by ``python -m benchmarks.scans``).
For each kind it runs, on the same files:
  finsam            the whole pipeline (parse → report) on the scans: its own OCR and table reading
  ocrmypdf+finsam   ocrmypdf -l swe puts a text layer under each scan, then finsam reads that PDF by
                    its born-digital path (the text layer's words, no OCR of its own)
  img2table         img2table's table finding (OpenCV) with its tesseract OCR (lang swe), borderless
                    tables on; its cells go through the same adapter as benchmarks/tables.py's peers
                    (header row of years, first cell the label)
Each is scored with score.py's budget rule against the gold of the plan and timed: CPU seconds a page
(this process and its finished children: finsam's workers, ocrmypdf, tesseract), and wall seconds,
which on a shared machine tell the load more than the program. A peer not installed is named and skipped.

img2table needs opencv-contrib-python, which installs the same ``cv2`` module as finsam's
opencv-python-headless: installed together, one overwrites the other's files. So the peers live in a
virtualenv of their own (``python -m venv peers && peers/bin/pip install img2table ocrmypdf``), named
by --peer-python; ocrmypdf is looked for beside that python, then on PATH.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.tables import _pages, _score_budget, adapt, f1, run_finsam

KINDS = ("scan300", "scan200", "photo")

# run by the peer python: every table img2table finds, as rows of cell strings, per file
_IMG2TABLE = """
import json, sys
from img2table.document import PDF
from img2table.ocr import TesseractOCR
ocr = TesseractOCR(n_threads=1, lang="swe")
out = {}
for path in sys.argv[2:]:
    tables = PDF(path, pdf_text_extraction=False).extract_tables(ocr=ocr, borderless_tables=True)
    out[path] = [[[cell.value for cell in row] for row in table.content.values()]
                 for page in tables.values() for table in page]
with open(sys.argv[1], "w") as f:  # not stdout: img2table prints tesseract's version there
    json.dump(out, f)
"""


def _has_img2table(python: str) -> bool:
    found = subprocess.run([python, "-c", "import img2table"], capture_output=True, check=False)
    return found.returncode == 0


def _ocrmypdf(python: str) -> str | None:
    beside = Path(python).parent / "ocrmypdf"
    return str(beside) if beside.exists() else shutil.which("ocrmypdf")


def run_img2table(files: list[Path], python: str, work: Path) -> list[dict]:
    work.mkdir(parents=True, exist_ok=True)
    found = work / "tables.json"
    subprocess.run([python, "-c", _IMG2TABLE, str(found), *map(str, files)], capture_output=True, check=True)
    tables = json.loads(found.read_text(encoding="utf-8"))
    return [line for path in files for rows in tables[str(path)] for line in adapt(path.name, rows)]


def run_ocrmypdf_finsam(files: list[Path], ocrmypdf: str, work: Path) -> list[dict]:
    """ocrmypdf on every scan (the same file names, in another folder), then finsam on those."""
    layered = work / "layered"
    shutil.rmtree(layered, ignore_errors=True)
    layered.mkdir(parents=True)
    for path in files:
        # --output-type pdf: PDF/A would need Ghostscript; pypdfium renders the pages for tesseract
        # --deskew: a text layer under a crooked scan runs slanted, and no table reads from slanted lines
        subprocess.run([ocrmypdf, "-l", "swe", "--output-type", "pdf", "--rasterizer", "pypdfium", "-j", "1",
                        "--deskew", "--quiet", str(path), str(layered / path.name)], check=True, capture_output=True)
    return run_finsam(sorted(layered.glob("*.pdf")), work / "finsam")


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (workers, ocrmypdf, tesseract)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(run, *args) -> tuple[list[dict], float, float]:
    """The lines, wall seconds and CPU seconds of one peer's run (on a shared machine CPU tells more)."""
    cpu, wall = _cpu(), time.perf_counter()
    lines = run(*args)
    return lines, time.perf_counter() - wall, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scans", type=Path, help="folder of <stem>-<kind>.pdf scans (benchmarks.scans)")
    parser.add_argument("--kind", action="append", choices=KINDS, help="repeatable; default all")
    parser.add_argument("--peer-python", default=sys.executable, help="a python with img2table (and ocrmypdf)")
    parser.add_argument("--limit", type=int, help="only the first N plans of each kind")
    args = parser.parse_args()
    score_budget = _score_budget()
    peers = {"finsam": lambda files, work: run_finsam(files, work / "finsam")}
    ocrmypdf = _ocrmypdf(args.peer_python)
    if ocrmypdf:
        peers["ocrmypdf+finsam"] = lambda files, work: run_ocrmypdf_finsam(files, ocrmypdf, work)
    else:
        print("ocrmypdf: not installed, skipped")
    if _has_img2table(args.peer_python):
        peers["img2table"] = lambda files, work: run_img2table(files, args.peer_python, work)
    else:
        print(f"img2table: not importable by {args.peer_python}, skipped")
    columns = "".join(f"  {name + ' F1':>19} {'cpu s/p':>7} {'wall s/p':>8}" for name in peers)
    print(f"{'kind':<9}{'pages':>6}{columns}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kind or KINDS:
            files = sorted(args.scans.glob(f"*-{kind}.pdf"))[:args.limit]
            if not files:
                continue
            pages = _pages(files)
            row = f"{kind:<9}{pages:>6}"
            for name, peer in peers.items():
                lines, wall, cpu = _timed(peer, files, Path(tmp) / kind / name)
                row += f"  {f1(lines, files, score_budget):>19.3f} {cpu / pages:>7.2f} {wall / pages:>8.2f}"
            print(row, flush=True)


if __name__ == "__main__":
    main()
