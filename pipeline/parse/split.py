"""A long PDF read by several workers at once: its pages in runs, then the document finished whole.

Documents are the unit of parse's work, which keeps two workers busy on a corpus, but not on one
600-page report (OCR'd, minutes), nor on five plans of 6–11 pages (the longest decides the stage's
time). So when a PDF holds more pages than its share of a job, its pages are read in runs of about a
job's size, each run in a worker of its own (words, lines and ruling lines of each page: most of
parse's time, and all of OCR's). Once every run is in, one more job finishes the document with what
needs all its pages (running headers, sheets printed over several pages, tables) and writes its folder,
as the job that reads a short document whole does. The output is the same as one worker's (a test).

A job's size follows from the work at hand: all the pages to read, over the workers, in about
`Settings.parse_jobs_per_worker` jobs each; never fewer than `Settings.min_pages_per_job` pages, since
every run opens the PDF again. A corpus of many short plans is never split.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from ..executor import Job

Run = tuple[int, int]  # first and last page (1-based, inclusive)


def page_runs(pages: dict[Path, int], workers: int, jobs_per_worker: int, min_pages: int) -> dict[Path, list[Run]]:
    """For each PDF that is split: its runs of pages (near-equal, in order). Others are read whole."""
    if workers < 2 or not pages:
        return {}
    size = max(min_pages, math.ceil(sum(pages.values()) / (workers * jobs_per_worker)))
    parts = {path: min(math.ceil(count / size), count // min_pages) for path, count in pages.items()}
    return {path: _even_runs(pages[path], n) for path, n in parts.items() if n > 1}


def _even_runs(count: int, parts: int) -> list[Run]:
    """count pages in `parts` runs whose lengths differ by at most one (the longer runs first)."""
    base, extra = divmod(count, parts)
    runs, first = [], 1
    for index in range(parts):
        last = first + base + (index < extra) - 1
        runs.append((first, last))
        first = last + 1
    return runs


class JobQueue:
    """The jobs `executor.each` hands out, to which the stage adds more while it runs: a document's
    finishing job, once its last run of pages is read. Put first, so a document is written (and its
    pages' words let go) as soon as it can be."""

    def __init__(self, jobs: list[Job]) -> None:
        self._jobs = deque(jobs)

    def __iter__(self) -> Iterator[Job]:
        return self

    def __next__(self) -> Job:
        if not self._jobs:
            raise StopIteration  # for now: `each` asks again after every result it hands back
        return self._jobs.popleft()

    def put_first(self, job: Job) -> None:
        self._jobs.appendleft(job)


def run_key(name: str, run: Run) -> str:
    return f"{name} (pages {run[0]}–{run[1]})"


def place_runs(reads: list) -> None:
    """Each run's doctop counts from its own first page: add the heights of the runs before it to every
    object's doctop (words, their characters, ruling lines, OCR'd words), as if one reader had read
    the whole document. An object met twice (a character shared by two lists) is moved once."""
    offset = 0.0
    for read in reads:
        if offset:
            moved: set[int] = set()
            for found in (read.pages, read.ocr_words):
                _shift(found, offset, moved)
        offset += read.span


def _shift(value: object, offset: float, moved: set[int]) -> None:
    if isinstance(value, dict):
        if "doctop" in value and id(value) not in moved:
            moved.add(id(value))
            value["doctop"] += offset
        children = value.values()
    elif isinstance(value, list | tuple):
        children = value
    else:
        return
    for child in children:
        if isinstance(child, dict | list | tuple):
            _shift(child, offset, moved)
