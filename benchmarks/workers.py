"""One worker against two: a whole cold finsam run (parse → extract → load → check → report) on the
same inputs with workers=1, with two local processes, and on a Dask LocalCluster of two workers.

The inputs are the sample plans in raw/ (five PDFs, five .txt) copied ``--copies`` times under new
names; each .txt copy ends with a comment line of its own, so no two texts are the same bytes. The
PDF copies keep their bytes (the standard library cannot rewrite a PDF): finsam keys its work on the
name as well as the content, so every copy is parsed, extracted, loaded and checked all the same.

Each configuration runs in a fresh process with an empty extracted/ and warehouse; CPU seconds are
the run's and all its workers' (getrusage of the children, so Dask's workers and nannies count once
they are shut down), peak RSS is the largest single process's. On a shared machine wall time says
as much about the load as about finsam: run it when the cores are idle.

    python -m benchmarks.workers [--copies 3] [--pythonpath OTHER_CHECKOUT]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONFIGS = (("one worker", 1, "local"), ("two processes", 2, "local"), ("Dask, two workers", 2, "dask"))
_RUN = ("import sys\nfrom pathlib import Path\nfrom pipeline.settings import Settings\n"
        "from pipeline.run import run_stages\n"
        "if __name__ == '__main__':\n"
        "    o = Path(sys.argv[2])\n"
        "    s = Settings(raw_dir=Path(sys.argv[1]), extracted_dir=o / 'x', warehouse=o / 'w.duckdb',\n"
        "                 reports_dir=o / 'r', workers=int(sys.argv[3]), executor=sys.argv[4])\n"
        "    for r in run_stages(s):\n"
        "        print(r.stage, round(r.seconds, 2), flush=True)\n")


def make_inputs(raw: Path, copies: int) -> int:
    """The sample plans ``copies`` times over in ``raw``; returns the number of files."""
    raw.mkdir(parents=True, exist_ok=True)
    for n in range(copies):
        for source in sorted((ROOT / "raw").glob("*.pdf")):
            shutil.copy(source, raw / f"{source.stem}_{n:02d}.pdf")
        for source in sorted((ROOT / "raw").glob("*.txt")):
            text = source.read_text(encoding="utf-8").rstrip("\n")
            (raw / f"{source.stem}_{n:02d}.txt").write_text(f"{text}\n\n(kopia {n} för mätning)\n", encoding="utf-8")
    return len(list(raw.iterdir()))


def run_once(raw: Path, out: Path, workers: int, executor: str, pythonpath: str) -> dict:
    """Wall and CPU seconds, peak RSS (MB) and each stage's seconds of one cold run in a fresh process.
    The run is its own child (getrusage's peak is over all children so far: each run gets its own)."""
    probe = ("import resource, subprocess, sys, time, json\n"
             "t = time.perf_counter()\n"
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
             "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "print(json.dumps({'rc': p.returncode, 'wall': time.perf_counter() - t, 'cpu': u.ru_utime + u.ru_stime,"
             " 'rss': u.ru_maxrss / 1024, 'out': p.stdout, 'err': p.stderr[-2000:]}))\n")
    env = os.environ | {"PYTHONPATH": pythonpath}
    command = [sys.executable, "-c", probe, sys.executable, "-c", _RUN, str(raw), str(out), str(workers), executor]
    found = json.loads(subprocess.run(command, check=True, capture_output=True, text=True, env=env).stdout)
    if found["rc"] != 0:
        raise RuntimeError(f"finsam failed ({executor}, {workers}):\n{found['err']}")
    found["stages"] = dict(line.split() for line in found.pop("out").splitlines())
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="times the ten sample files are copied")
    parser.add_argument("--pythonpath", default=str(ROOT), help="the checkout whose finsam runs")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_inputs(Path(tmp) / "raw", args.copies)
        print(f"{files} files ({args.copies} copies of raw/), cores usable: {len(os.sched_getaffinity(0))}, "
              f"load average {os.getloadavg()[0]:.2f}")
        print(f"{'configuration':<20} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}  parse extract load check report")
        base = None
        for name, workers, executor in CONFIGS:
            started = time.perf_counter()
            found = run_once(Path(tmp) / "raw", Path(tmp) / f"out_{workers}_{executor}", workers, executor,
                             args.pythonpath)
            base = base or found["wall"]
            stages = " ".join(f"{found['stages'].get(s, '-'):>6}" for s in ("parse", "extract", "load", "check",
                                                                             "report"))
            print(f"{name:<20} {found['wall']:7.1f} {found['cpu']:7.1f} {found['rss']:8.0f}  {stages}"
                  f"   ×{base / found['wall']:.2f}  ({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
