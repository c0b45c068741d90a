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
    con = connect(warehouse, read_only=True)
    try:
        html = render_index(con)
    finally:
        con.close()
    target = reports_dir / "index.html"
    write_text_atomic(target, html)
    progress.advance("index.html")
    return ReportResult(processed=(str(target),), files=(str(target),), seconds=time.perf_counter() - started)
