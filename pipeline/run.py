"""All stages in order, as `finsam run` does: parse → extract → load → check → report."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from .executor import session
from .model import Progress, StageResult
from .settings import Settings
from .staging import run_lock

STAGES = ("parse", "extract", "load", "check", "report")


def run_stages(settings: Settings, stages: tuple[str, ...] = STAGES,
               progress: Callable[[], Progress] = Progress) -> Iterator[StageResult]:
    """Yield each stage's result as it finishes; a stage that raises stops the run."""
    from .check import check
    from .extract import extract
    from .load import load
    from .parse import parse
    from .report import report

    calls = {
        "parse": lambda p: parse(settings.raw_dir, settings.extracted_dir, settings, p),
        "extract": lambda p: extract(settings.extracted_dir, settings, p),
        "load": lambda p: load(settings.extracted_dir, settings.warehouse, settings, p),
        "check": lambda p: check(settings.warehouse, settings, p),
        "report": lambda p: report(settings.warehouse, settings.reports_dir, settings, p),
    }
    writes = {"load", "check"} & set(stages)
    # one run at a time over the warehouse, taken before parse so a second run is told at once;
    # one Dask cluster (when asked for) for all the stages, not one per stage
    with run_lock(settings.warehouse) if writes else contextlib.nullcontext(), session():
        for stage in stages:
            yield calls[stage](progress())
