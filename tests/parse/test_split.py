"""A long PDF read by several workers at once (parse/split.py): runs of pages that cover the document
once, a queue that takes the finishing job while results come in, and the same folders as one worker."""

from __future__ import annotations

import filecmp
import itertools
from pathlib import Path

import pypdfium2
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.executor import each
from pipeline.model import Progress
from pipeline.parse import parse
from pipeline.parse.split import JobQueue, page_runs
from pipeline.settings import Settings

from ..conftest import RAW, recorded_jobs


@given(counts=st.lists(st.integers(1, 700), min_size=1, max_size=12), workers=st.integers(1, 16),
       per_worker=st.integers(1, 8), min_pages=st.integers(1, 40))
def test_runs_cover_each_split_pdf_once_in_even_runs_no_shorter_than_the_minimum(counts, workers, per_worker,
                                                                                min_pages):
    pages = {Path(f"{n}.pdf"): count for n, count in enumerate(counts)}
    runs = page_runs(pages, workers, per_worker, min_pages)
    if workers < 2:
        assert runs == {}
    for path, found in runs.items():
        lengths = [last - first + 1 for first, last in found]
        assert len(found) >= 2 and found[0][0] == 1 and found[-1][1] == pages[path]
        assert all(b[0] == a[1] + 1 for a, b in itertools.pairwise(found))  # contiguous, in order
        assert max(lengths) - min(lengths) <= 1 and min(lengths) >= min_pages


def test_a_corpus_of_short_plans_is_not_split_and_one_long_report_is():
    plans = {Path(f"{n}.pdf"): 10 for n in range(200)}
    assert page_runs(plans, 2, 4, 12) == {}
    runs = page_runs({Path("report.pdf"): 600}, 2, 4, 12)[Path("report.pdf")]
    assert len(runs) == 8 and runs[0] == (1, 75) and runs[-1] == (526, 600)


def _double(value: int) -> int:
    return 2 * value


@pytest.mark.parametrize("workers", [1, 2])
def test_jobs_put_while_results_come_in_are_run_too(workers):
    """The finishing job is put after the last run's result is handed back, when the queue may be empty."""
    queue = JobQueue([("a", (1,)), ("b", (2,))])
    seen = {}
    for outcome in each(_double, queue, Settings(workers=workers)):
        seen[outcome.key] = outcome.result()
        if len(seen) == 2:
            queue.put_first(("after", (10,)))
    assert seen == {"a": 2, "b": 4, "after": 20}


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory) -> Path:
    """One PDF of every sample plan's pages (43), in a raw folder of its own."""
    raw = tmp_path_factory.mktemp("long")
    joined = pypdfium2.PdfDocument.new()
    for path in sorted(RAW.glob("*.pdf")):
        joined.import_pages(pypdfium2.PdfDocument(str(path)))
    joined.save(str(raw / "all_plans.pdf"))
    return raw


def test_a_long_pdf_read_in_runs_by_two_workers_is_parsed_as_one_worker_parses_it(long_pdf, tmp_path):
    whole = parse(long_pdf, tmp_path / "one", Settings(workers=1))
    split = parse(long_pdf, tmp_path / "two", Settings(workers=2, min_pages_per_job=8))
    assert whole.processed == split.processed == ("all_plans.pdf",)
    assert [str(p) for p in whole.problems] == [str(p) for p in split.problems]
    folder = next(p.name for p in (tmp_path / "one").iterdir() if p.is_dir())
    compared = filecmp.dircmp(tmp_path / "one" / folder, tmp_path / "two" / folder)
    assert sorted(compared.same_files) == ["document.json", "lines.jsonl", "tables.json"]
    assert not compared.diff_files


def test_settings_refuse_a_job_size_below_one_page():
    with pytest.raises(ValueError, match="min_pages_per_job must be 1 or more"):
        Settings(min_pages_per_job=0)


def test_a_run_that_could_not_open_the_pdf_fails_the_document_with_its_problem(tmp_path):
    from pipeline.model import Problem
    from pipeline.parse import _parse_one
    from pipeline.parse.text import UnreadableInput

    problem = Problem("x.pdf", "the PDF is encrypted with a password", "Ask for an unprotected copy.", "error")
    with pytest.raises(UnreadableInput) as raised:
        _parse_one(tmp_path / "x.pdf", Settings(), reads=[(problem, False)])
    assert raised.value.problem == problem


def test_runs_placed_one_below_another_are_the_pages_read_whole(long_pdf):
    """Each run counts doctop from its own first page; placed, every word, character and ruling line
    stands where reading the whole document puts it."""
    from pipeline.parse.pdf import read_pages
    from pipeline.parse.split import place_runs

    path, layout = long_pdf / "all_plans.pdf", Settings().layout
    whole = read_pages(path, "all_plans.pdf", layout, first=1, last=20)
    runs = [read_pages(path, "all_plans.pdf", layout, first=a, last=b) for a, b in ((1, 7), (8, 13), (14, 20))]
    assert runs[1].pages != whole.pages[7:13]  # unplaced, the second run's doctop starts again at 0
    place_runs(runs)
    assert [page for run in runs for page in run.pages] == whole.pages
    assert sum(run.span for run in runs) == pytest.approx(whole.span)


def test_workers_are_handed_the_longest_pdfs_first(tmp_path, monkeypatch):
    import pipeline.parse as parse_module

    raw = tmp_path / "raw"
    raw.mkdir()
    for pdf in sorted(RAW.glob("*.pdf")):
        (raw / pdf.name).write_bytes(pdf.read_bytes())
    pages = {pdf.name: len(pypdfium2.PdfDocument(pdf)) for pdf in raw.iterdir()}
    seen = recorded_jobs(monkeypatch, parse_module)
    parse(raw, tmp_path / "extracted", Settings(workers=2))
    order = [Path(job[1][2]).name for job in seen]
    assert sorted(order) == sorted(pages)
    assert order == sorted(sorted(pages), key=lambda name: -pages[name])  # ties keep the names' order
    assert pages[order[0]] > pages[order[-1]]


class _Steps(Progress):
    """Every step a stage announces and takes."""

    def __init__(self) -> None:
        self.total, self.taken = 0, []

    def start(self, stage: str, total: int) -> None:
        self.total = total

    def advance(self, item: str) -> None:
        self.taken.append(item)

    def more(self, count: int) -> None:
        self.total += count


def test_a_single_long_pdf_moves_the_progress_bar_run_by_run(long_pdf, tmp_path):
    steps = _Steps()
    parse(long_pdf, tmp_path / "two", Settings(workers=2, min_pages_per_job=8), steps)
    runs = [item for item in steps.taken if "(pages" in item]
    assert len(runs) >= 2 and all(r.startswith("all_plans.pdf (pages ") for r in runs)
    assert steps.taken[-1] == "all_plans.pdf"  # each run, then the document
    assert len(steps.taken) == steps.total == len(runs) + 1
