"""Seconds per page: a whole finsam run on image-only PDFs beside one bare `tesseract -l swe` pass.

Issue 14 asks a finsam run (parse → extract → load → check → report, one worker) on scanned plans to
cost at most half of one bare tesseract pass over the same pages rendered at 300 dpi. Both sides run
as child processes, so their CPU time is measured alike (getrusage of the children); wall time is
printed too, but on a shared machine it tells the load more than the program.

    python -m benchmarks.ocr_speed /tmp/scans [--limit 3] [--pythonpath OTHER_CHECKOUT]

--pythonpath runs finsam from another checkout (e.g. main, to compare before and after).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_RUN = ("import sys; from pipeline.settings import Settings; from pipeline.run import run_stages; from pathlib "
        "import Path; o = Path(sys.argv[2]); s = Settings(raw_dir=Path(sys.argv[1]), extracted_dir=o / 'x', "
        "warehouse=o / 'w.duckdb', reports_dir=o / 'r', workers=1); [None for _ in run_stages(s)]")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], env: dict | None = None, cwd: str | None = None) -> tuple[float, float]:
    """(wall, cpu) seconds of one child process."""
    cpu, wall = _children_cpu(), time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    return time.perf_counter() - wall, _children_cpu() - cpu


def bare_tesseract(pdfs: list[Path], dpi: int = 300) -> tuple[int, float, float]:
    """Pages, wall and CPU seconds of `tesseract PAGE - -l swe` over every page (rendering not counted)."""
    pages, wall, cpu = 0, 0.0, 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), f"{tmp}/{pdf.stem}"], check=True)
        for image in sorted(Path(tmp).glob("*.png")):
            w, c = _timed(["tesseract", str(image), "-", "-l", "swe"])
            pages, wall, cpu = pages + 1, wall + w, cpu + c
    return pages, wall, cpu


def finsam_run(pdfs: list[Path], pythonpath: str) -> tuple[float, float]:
    """Wall and CPU seconds of one whole finsam run over the PDFs, in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        raw.mkdir()
        for pdf in pdfs:
            (raw / pdf.name).symlink_to(pdf.resolve())
        env = os.environ | {"PYTHONPATH": pythonpath}
        # run from the temporary folder: `python -c` puts the working folder before PYTHONPATH
        return _timed([sys.executable, "-c", _RUN, str(raw), str(Path(tmp) / "out")], env=env, cwd=tmp)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="image-only PDFs (e.g. from benchmarks.scans)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N PDFs")
    parser.add_argument("--pythonpath", default=str(Path(__file__).resolve().parents[1]))
    args = parser.parse_args()
    pdfs = sorted(args.folder.glob("*.pdf"))[: args.limit or None]
    pages, bare_wall, bare_cpu = bare_tesseract(pdfs)
    run_wall, run_cpu = finsam_run(pdfs, args.pythonpath)
    print(f"{len(pdfs)} PDFs, {pages} pages")
    print(f"bare tesseract -l swe, 300 dpi: {bare_cpu / pages:.2f} s CPU/page ({bare_wall / pages:.2f} wall)")
    print(f"finsam run ({args.pythonpath}): {run_cpu / pages:.2f} s CPU/page ({run_wall / pages:.2f} wall)")
    print(f"RATIO finsam/bare CPU={run_cpu / bare_cpu:.2f} wall={run_wall / bare_wall:.2f}")


if __name__ == "__main__":
    main()
