"""Per-document work in one process, in a pool of processes and on Dask gives the same warehouse;
a failure in a worker is one document's problem and the run goes on."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from pipeline.executor import each, session
from pipeline.run import run_stages
from pipeline.settings import Settings

from .conftest import RAW

PDFS = ("002_993e2a07e1624d0f.pdf", "003_db996d9d141d330c.pdf")  # the two shortest sample PDFs
SKIPPED_COLUMNS = {"run_id", "started_at", "finished_at"}  # which run wrote a row, and when


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    """The sample .txt plans and two sample PDFs."""
    folder = tmp_path_factory.mktemp("raw")
    for path in [*sorted(RAW.glob("*.txt")), *(RAW / name for name in PDFS)]:
        shutil.copy(path, folder)
    return folder


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster of two workers for every Dask test here (a run inside reuses it)."""
    pytest.importorskip("distributed")
    with session():
        yield


def _run(raw: Path, out: Path, **executor) -> Path:
    settings = Settings(raw_dir=raw, extracted_dir=out / "ex", warehouse=out / "w.duckdb",
                        reports_dir=out / "rep", check_pool_min_documents=1, **executor)
    for _ in run_stages(settings, ("parse", "extract", "load", "check")):
        pass
    return settings.warehouse


def _tables(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table's rows in a fixed order, without the columns that name the run."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        names = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_type = 'BASE TABLE' ORDER BY 1").fetchall()]
        out = {}
        for name in names:
            columns = [r[0] for r in con.execute(f'DESCRIBE "{name}"').fetchall() if r[0] not in SKIPPED_COLUMNS]
            rows = con.execute(f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in columns)} "
                               f'FROM "{name}"').fetchall()
            out[name] = sorted(rows, key=repr)
    return out


def test_one_worker_two_processes_and_dask_make_the_same_warehouse(raw, tmp_path, cluster):
    one = _tables(_run(raw, tmp_path / "one", workers=1))
    assert one["budget_lines"] and one["findings"] and len(one["documents"]) == 7
    assert _tables(_run(raw, tmp_path / "two", workers=2)) == one
    assert _tables(_run(raw, tmp_path / "dask", workers=2, executor="dask")) == one


def _fails_on_b(key: str) -> str:
    if key == "b":
        raise ValueError(f"no good: {key}")
    return key.upper()


def _dies_on_b(key: str) -> str:
    if key == "b":
        os._exit(3)  # a worker killed under its document (the OOM killer, a segfault in C)
    return key.upper()


def _outcomes(fn, settings: Settings) -> dict[str, object]:
    jobs = [(key, (key,)) for key in "abcd"]
    return {o.key: (o.value if o.error is None else type(o.error).__name__) for o in each(fn, jobs, settings)}


@pytest.mark.parametrize("workers", [1, 2])
def test_an_exception_in_a_worker_is_that_document_s_alone(workers):
    assert _outcomes(_fails_on_b, Settings(workers=workers)) == {"a": "A", "b": "ValueError", "c": "C", "d": "D"}


def test_an_exception_on_dask_is_that_document_s_alone(cluster):
    assert _outcomes(_fails_on_b, Settings(workers=2, executor="dask")) == {"a": "A", "b": "ValueError",
                                                                             "c": "C", "d": "D"}


def test_a_worker_that_dies_fails_its_documents_and_the_stage_ends():
    found = _outcomes(_dies_on_b, Settings(workers=2))
    assert set(found) == set("abcd") and found["b"] == "BrokenProcessPool"


def test_a_document_whose_checks_raise_in_a_worker_is_named_and_the_others_are_checked(raw, tmp_path, monkeypatch):
    import pipeline.check as check

    real = check.find_document_findings

    def fails_on_one(doc, settings=None):
        if doc.document == "002_993e2a07e1624d0f.txt":
            raise ZeroDivisionError("a check's bug")
        return real(doc, settings)

    monkeypatch.setattr(check, "find_document_findings", fails_on_one)  # forked workers inherit it
    settings = Settings(raw_dir=raw, extracted_dir=tmp_path / "ex", warehouse=tmp_path / "w.duckdb",
                        reports_dir=tmp_path / "rep", workers=2, check_pool_min_documents=1)
    result = list(run_stages(settings, ("parse", "extract", "load", "check")))[-1]
    assert result.failed == ("002_993e2a07e1624d0f.txt",)
    assert "check failed (ZeroDivisionError: a check's bug)" in result.problems[0].rule
    assert len(result.processed) == 6 and result.findings > 0


def test_a_document_whose_extraction_raises_in_a_worker_is_failed_by_name(raw, tmp_path, monkeypatch):
    import pipeline.extract as extract

    real = extract.extract_document

    def fails_on_one(folder):
        if "003_db996d9d141d330c.txt" in (folder / "document.json").read_text(encoding="utf-8"):
            raise KeyError("a bug")
        return real(folder)

    monkeypatch.setattr(extract, "extract_document", fails_on_one)
    settings = Settings(raw_dir=raw, extracted_dir=tmp_path / "ex", warehouse=tmp_path / "w", workers=2)
    result = list(run_stages(settings, ("parse", "extract")))[-1]
    reads = {read.document: read.status for read in result.documents}
    assert reads.pop("003_db996d9d141d330c.txt") == "failed"
    assert set(reads.values()) == {"ok"} and len(reads) == 6
    assert list(result.processed) == sorted(result.processed)  # the index's order, not the finishing order


@pytest.mark.parametrize(("options", "message"), [
    ({"executor": "spark"}, "executor must be 'local' (this machine's processes) or 'dask' (a Dask cluster), "
                            "not 'spark'"),
    ({"scheduler": "tcp://host:8786"}, "a scheduler address ('tcp://host:8786') needs executor 'dask'"),
    ({"executor": "dask", "scheduler": " "}, "needs executor 'dask' and is 'tcp://host:8786' or 'host:8786'"),
    ({"check_pool_min_documents": 0}, "check_pool_min_documents must be 1 or more, not 0"),
])
def test_executor_settings_out_of_range_say_what_is_accepted(options, message):
    with pytest.raises(ValueError, match=None) as raised:
        Settings(**options)
    assert message in str(raised.value)


def test_the_cli_turns_a_bad_executor_into_one_line(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["parse", "--raw", str(tmp_path), "--executor", "spark"])
    assert result.exit_code == 2 and "executor must be 'local'" in result.output


def _pid(_: int) -> int:
    return os.getpid()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _pids(settings: Settings, pool: bool = True) -> set[int]:
    return {outcome.result() for outcome in each(_pid, [(str(n), (n,)) for n in range(8)], settings, pool)}


def test_a_pool_forked_after_the_warm_up_serves_the_later_stages_of_its_session_only():
    from pipeline import executor

    settings = Settings(workers=2)
    with session():
        executor.meanwhile(lambda: None)  # a warm-up waits: this pool's workers would lack what it loads
        early = _pids(settings)
        executor.settle()
        first = _pids(settings)  # forked after the warm-up: kept for the session
        again = _pids(settings, pool=False)  # too little for a new pool, but this one is running
    assert os.getpid() not in early | first
    assert not early & first and again <= first
    assert not any(_alive(pid) for pid in first)  # the session's end ended (and reaped) its workers
    assert _pids(settings, pool=False) == {os.getpid()}  # outside a session nothing is kept
