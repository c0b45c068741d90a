"""Bounded work: whole `finsam run` wall time on inputs that grow, side by side.

    python -m benchmarks.bounded [--copies 1 8 24 52] [--line-chars 100000] [--out /tmp/bounded]

One plan (raw/004, the largest sample as text) repeated N times in one file, a 100 000-character
prose line with no full stop, and cells of "1" + 10 000 blanks + "x": each run in a fresh folder,
so nothing is cached. Linear work shows as seconds growing with N, not with N².
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

PLAN = Path(__file__).resolve().parent.parent / "raw" / "004_4ca5af5e2bc26fdb.txt"
WORDS = ["förbundet", "budget", "kronor", "insatser", "2026", "samverkan", "1 200", "tkr", "och", "deltagare",
         "15 %", "mål"]


def _run(raw: Path) -> float:
    work = raw.parent
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "from pipeline.cli import main; main()", "run", "--raw", str(raw),
                    "--extracted", str(work / "ex"), "--warehouse", str(work / "w.duckdb"), "--reports",
                    str(work / "rep"), "--quiet"], check=False, capture_output=True)
    return time.perf_counter() - started


def _case(out: Path, name: str, text: str) -> float:
    raw = out / name / "raw"
    shutil.rmtree(raw.parent, ignore_errors=True)
    raw.mkdir(parents=True)
    (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    return _run(raw)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.bounded", description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 8, 24, 52])
    ap.add_argument("--line-chars", type=int, default=100_000)
    ap.add_argument("--out", type=Path, default=Path("/tmp/finsam-bounded"))
    a = ap.parse_args(argv)
    plan = PLAN.read_text(encoding="utf-8")
    print(f"{'input':32} {'seconds':>8}")
    for n in a.copies:
        print(f"{f'{n} copies of 004 in one file':32} {_case(a.out, f'copies{n}', chr(10).join([plan] * n)):8.1f}")
    rng = random.Random(1)
    line = " ".join(rng.choice(WORDS) for _ in range(a.line_chars // 5))[:a.line_chars]
    print(f"{f'one {a.line_chars}-character line':32} {_case(a.out, 'longline', f'Plan 2026{chr(10)}{line}'):8.1f}")
    blanks = "Budget 2026\n" + ("1" + " " * 10_000 + "x\n") * 3
    print(f"{'cells of 10 000 blanks':32} {_case(a.out, 'blanks', blanks):8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
