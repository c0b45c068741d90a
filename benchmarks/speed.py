"""Speed, side by side in one process tree: finsam against the PDF readers it is measured by, and a scale
series of distinct plans.

    python -m benchmarks.speed peers [--pdfs raw] [--repeat 3] [--peer-python PY]
    python -m benchmarks.speed scale [--sizes 10,40,160,640,1000] [--work /tmp/finsam-scale]

Every tool runs as its own process (interpreter start and imports included, as a user meets them); wall
time, CPU (the process and every child it waited for: parse workers included) and peak memory (the sum
of the proportional set sizes, PSS, of the whole process tree, sampled) are taken the same way for each. `peers` runs
finsam cold (fresh extracted/, warehouse and reports), warm (the same run again, nothing changed), with
one worker and with all; pdfplumber's extract_tables alone; pypdfium2's text and character boxes alone;
camelot stream (from --peer-python, or this interpreter when camelot is installed). The median of
--repeat runs is shown. Machine-wide caches (compiled Python, the lemma table's SQLite copy) are warm:
they are made once per installation, not per run (finsam's own compiled modules are stored here as the
README's install command stores them, since PYTHONDONTWRITEBYTECODE may keep a run from doing it).
`scale` makes distinct plans (benchmarks/distinct.py) and runs finsam cold on 10 … 1,000 of them, then
re-runs the largest unchanged and renders its report alone into a fresh folder.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# what the `finsam` console script runs (pipeline.cli:main), so a run is measured as a user starts it
FINSAM = [sys.executable, "-c", "import sys; sys.argv[0] = 'finsam'; from pipeline.cli import main; main()"]
SAMPLE_EVERY = 0.2  # seconds between memory samples (reading PSS costs CPU: not too often)

PDFPLUMBER = """
import sys, pdfplumber
for f in sys.argv[1:]:
    with pdfplumber.open(f) as pdf:
        for page in pdf.pages:
            page.extract_tables()
"""
PDFIUM = """
import sys, pypdfium2 as pdfium
for f in sys.argv[1:]:
    pdf = pdfium.PdfDocument(f)
    for page in pdf:
        text = page.get_textpage()
        chars = [(text.get_text_range(i, 1), text.get_charbox(i)) for i in range(text.count_chars())]
"""
CAMELOT = """
import sys, warnings, camelot
warnings.simplefilter("ignore")
for f in sys.argv[1:]:
    camelot.read_pdf(f, flavor="stream", pages="all")
"""


@dataclass(frozen=True)
class Measure:
    wall: float
    cpu: float
    peak_mib: float
    returncode: int


def measure(cmd: list[str], cwd: Path | None = None) -> Measure:
    """Run cmd to its end; wall, CPU of it and its waited-for children, peak summed PSS of its tree."""
    # stderr to a file, not a pipe: a run's many warnings must not fill a pipe nobody reads and stall it
    with tempfile.TemporaryFile() as errors:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        peak = _watch(proc)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if proc.returncode not in (0, 1):  # 1: finsam read some document only in part, not a fault here
            errors.seek(0)
            sys.stderr.write(errors.read().decode(errors="replace")[-2000:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measure(wall, cpu, peak / 2**20, proc.returncode)


def _watch(proc: subprocess.Popen) -> int:
    """Sample the process tree's memory until the process ends; the peak in bytes."""
    import psutil

    peak, root = 0, psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(_resident(p) for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(SAMPLE_EVERY)
    return peak


def _resident(process) -> int:
    """A process's share of memory: PSS where the system gives it (a forked worker's pages shared with
    its parent are counted once over the tree, not once per process, as RSS would), else RSS."""
    try:
        return process.memory_full_info().pss
    except Exception:  # no PSS here (not Linux, or not permitted), or the process just ended
        return process.memory_info().rss


def finsam_cmd(stage: str, raw: Path, work: Path, *extra: str) -> list[str]:
    if stage == "report":
        return [*FINSAM, "report", "--warehouse", str(work / "warehouse.duckdb"), "--reports",
                str(work / "reports"), "--quiet", *extra]
    return [*FINSAM, stage, "--raw", str(raw), "--extracted", str(work / "extracted"), "--warehouse",
            str(work / "warehouse.duckdb"), "--reports", str(work / "reports"), "--quiet", *extra]


def _fresh(work: Path) -> Path:
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    return work


def _median(runs: list[Measure]) -> Measure:
    return Measure(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "peak_mib")),
                   max(r.returncode for r in runs))


def peers(pdfs: list[Path], repeat: int, peer_python: str | None, workers: int) -> list[tuple[str, Measure]]:
    """Each tool `repeat` times, interleaved (one round after another), so machine load falls on all; each
    round starts one tool later than the last, so no tool always runs first or right after the busiest."""
    base = Path(tempfile.mkdtemp(prefix="finsam-speed-"))
    raw = base / "raw"
    raw.mkdir()
    for pdf in pdfs:
        shutil.copy(pdf, raw)
    files = [str(p) for p in sorted(raw.iterdir())]
    camelot_python = peer_python or (sys.executable if _has("camelot") else None)
    runs: dict[str, list[Measure]] = {}
    for round_no in range(repeat):
        work = _fresh(base / "w")
        # a unit runs as a whole: the warm run repeats the cold run just before it, on its folders
        units = [[("pdfplumber extract_tables", lambda: measure([sys.executable, "-c", PDFPLUMBER, *files]))],
                 [("pypdfium2 text + boxes", lambda: measure([sys.executable, "-c", PDFIUM, *files]))],
                 [("finsam cold, all workers", lambda w=work: measure(finsam_cmd("run", raw, w), ROOT)),
                  ("finsam warm (unchanged)", lambda w=work: measure(finsam_cmd("run", raw, w), ROOT))],
                 [("finsam cold, 1 worker",
                   lambda: measure(finsam_cmd("run", raw, _fresh(base / "w1"), "--workers", "1"), ROOT))],
                 [(f"finsam cold, {workers} workers",
                   lambda: measure(finsam_cmd("run", raw, _fresh(base / "wn"), "--workers", str(workers)), ROOT))]]
        if camelot_python:
            units.append([("camelot stream", lambda: measure([camelot_python, "-c", CAMELOT, *files]))])
        shift = round_no % len(units)
        for name, run in (tool for unit in units[shift:] + units[:shift] for tool in unit):
            runs.setdefault(name, []).append(run())
    shutil.rmtree(base, ignore_errors=True)
    order = [name for unit in units for name, _ in unit]
    return [(name, _median(runs[name])) for name in order]


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def print_peers(rows: list[tuple[str, Measure]], pages: int) -> None:
    base = dict(rows)["pdfplumber extract_tables"].wall
    print(f"{'tool':28} {'wall s':>7} {'CPU s':>7} {'peak MiB':>9} {'× pdfplumber':>13}   ({pages} pages)")
    for name, m in rows:
        print(f"{name:28} {m.wall:7.2f} {m.cpu:7.2f} {m.peak_mib:9.0f} {m.wall / base:13.2f}")


def scale(sizes: list[int], work: Path, raw: Path) -> None:
    from .distinct import make

    corpus = make(raw, work / "distinct", max(sizes))
    print(f"{'documents':>9} {'wall s':>8} {'CPU s':>8} {'s/doc':>7} {'peak MiB':>9} {'warehouse MiB':>14}")
    for size in sizes:
        run = _fresh(work / f"run{size}")
        (run / "raw").mkdir()
        for path in corpus[:size]:
            os.link(path, run / "raw" / path.name)
        m = measure(finsam_cmd("run", run / "raw", run), ROOT)
        mib = (run / "warehouse.duckdb").stat().st_size / 2**20
        print(f"{size:9d} {m.wall:8.1f} {m.cpu:8.1f} {m.wall / size:7.3f} {m.peak_mib:9.0f} {mib:14.1f}", flush=True)
    largest = work / f"run{max(sizes)}"
    warm = measure(finsam_cmd("run", largest / "raw", largest), ROOT)
    print(f"unchanged re-run of {max(sizes)}: {warm.wall:.2f} s wall, {warm.cpu:.2f} s CPU, {warm.peak_mib:.0f} MiB")
    shutil.rmtree(largest / "reports", ignore_errors=True)
    alone = measure(finsam_cmd("report", largest / "raw", largest), ROOT)
    print(f"report alone, {max(sizes)} plans, fresh folder: {alone.wall:.2f} s wall, {alone.cpu:.2f} s CPU, "
          f"{alone.peak_mib:.0f} MiB")
    again = check_again(largest)
    print(f"check alone, {max(sizes)} plans, every one again: {again.wall:.2f} s wall, {again.cpu:.2f} s CPU, "
          f"{again.peak_mib:.0f} MiB")


def check_again(work: Path) -> Measure:
    """The check stage alone on a copy of the run's warehouse, every document checked again (the last
    check run's fingerprint forgotten, as after a change of the check code): what checking, and drawing
    the evidence crops with it, cost."""
    import duckdb

    copy = work / "recheck" / "warehouse.duckdb"
    _fresh(copy.parent)
    shutil.copy(work / "warehouse.duckdb", copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("UPDATE runs SET counts = '{}' WHERE stage = 'check'")
    return measure([*FINSAM, "check", "--warehouse", str(copy), "--quiet"], ROOT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("peers")
    p.add_argument("--pdfs", type=Path, default=ROOT / "raw")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--peer-python", help="an interpreter with camelot-py, when this one has none")
    s = sub.add_parser("scale")
    s.add_argument("--sizes", default="10,40,160,640,1000")
    s.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "finsam-scale")
    s.add_argument("--raw", type=Path, default=ROOT / "raw")
    args = parser.parse_args(argv)
    compileall.compile_dir(ROOT / "pipeline", quiet=1)  # as the README's install does: warm, like every peer's
    if args.command == "peers":
        pdfs = sorted(args.pdfs.glob("*.pdf"))
        import pypdfium2

        pages = sum(len(pypdfium2.PdfDocument(p)) for p in pdfs)
        print_peers(peers(pdfs, args.repeat, args.peer_python, args.workers), pages)
    else:
        scale([int(n) for n in args.sizes.split(",")], args.work, args.raw)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
