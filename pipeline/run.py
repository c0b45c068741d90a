"""All stages in order, as `finsam run` does: parse → extract → load → check → report."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from .executor import meanwhile, session, settle
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
        try:  # registered here, so a run refused its lock leaves no warm-up waiting for a later pool
            if "extract" in stages:
                meanwhile(_warm_up)
            for stage in stages:
                result = calls[stage](progress())
                settle()  # the next stage forks its workers: no warm-up thread may be holding an import lock
                yield result
        finally:
            settle()


def _warm_up() -> None:
    """What extract, load and report import, loaded while parse's workers read the documents (this
    process waits then): extract's workers, forked next, start with spaCy built."""
    import duckdb  # noqa: F401
    import pandas  # noqa: F401

    from .extract.nlp import language

    language()
