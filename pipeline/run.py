"""All stages in order, as `finsam run` does: parse → extract → load → check → report."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from types import ModuleType

from .executor import meanwhile, session, settle
from .model import Progress, StageResult
from .settings import Settings
from .staging import run_lock

STAGES = ("parse", "extract", "load", "check", "report")


def run_stages(settings: Settings, stages: tuple[str, ...] = STAGES,
               progress: Callable[[], Progress] = Progress) -> Iterator[StageResult]:
    """Yield each stage's result as it finishes; a stage that raises stops the run. Each stage's module is
    imported when the stage starts (or by the warm-up while parse reads), so parse's workers fork from a
    process that has imported only what parse needs."""
    calls = {
        "parse": lambda p: _stage("parse").parse(settings.raw_dir, settings.extracted_dir, settings, p),
        "extract": lambda p: _stage("extract").extract(settings.extracted_dir, settings, p),
        "load": lambda p: _stage("load").load(settings.extracted_dir, settings.warehouse, settings, p),
        "check": lambda p: _stage("check").check(settings.warehouse, settings, p),
        "report": lambda p: _stage("report").report(settings.warehouse, settings.reports_dir, settings, p),
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


def _stage(name: str) -> ModuleType:
    return importlib.import_module(f"{__package__}.{name}")


def _warm_up() -> None:
    """The later stages' modules and what they import, loaded while parse's workers read the documents
    (this process only waits then): extract's workers, forked next, start with spaCy built."""
    for name in STAGES[1:]:
        _stage(name)
    import duckdb  # noqa: F401

    from .extract.nlp import language

    language()
