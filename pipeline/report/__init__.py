"""Stage 5, report: the warehouse → reports/index.html (Swedish, self-contained)."""

from __future__ import annotations

import time
from pathlib import Path

from ..load import connect
from ..model import Progress, ReportResult
from ..settings import Settings
from ..store import write_text_atomic
from .html import render_index


def report(warehouse: Path, reports_dir: Path, settings: Settings | None = None,
           progress: Progress | None = None) -> ReportResult:
    started = time.perf_counter()
    progress = progress or Progress()
    progress.start("report", 1)
    target = reports_dir / "index.html"
    con = connect(warehouse, read_only=True)
    try:
        run_id = con.execute("SELECT max(run_id) FROM runs").fetchone()[0] or "none"
        marker = f'<meta name="finsam-run" content="{run_id}">'
        if target.exists() and marker in target.read_text(encoding="utf-8")[:2000]:
            return ReportResult(unchanged=(str(target),), seconds=time.perf_counter() - started)
        html = render_index(con, reports_dir).replace("<meta charset='utf-8'>", f"<meta charset='utf-8'>{marker}", 1)
    finally:
        con.close()
    write_text_atomic(target, html)
    progress.advance("index.html")
    return ReportResult(processed=(str(target),), files=(str(target),), seconds=time.perf_counter() - started)
