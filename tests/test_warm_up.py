"""executor.meanwhile: work for this process while a pool's workers run (the run loads spaCy, pandas
and DuckDB during parse); nothing runs without a pool, and settle waits for what started."""

from __future__ import annotations

import os
import threading

from pipeline import executor
from pipeline.settings import Settings


def _pid(_: int) -> int:
    return os.getpid()


def test_a_task_runs_in_a_thread_once_the_pool_has_forked_its_workers():
    ran: list[str] = []
    executor.meanwhile(lambda: ran.append(threading.current_thread().name))
    pids = {o.result() for o in executor.each(_pid, [(str(i), (i,)) for i in range(4)], Settings(workers=2))}
    executor.settle()
    assert os.getpid() not in pids  # the jobs ran in the pool's workers
    assert len(ran) == 1 and ran[0] != threading.main_thread().name


def test_without_a_pool_the_task_is_dropped_and_a_failing_one_costs_nothing():
    ran: list[int] = []
    executor.meanwhile(lambda: ran.append(1))
    list(executor.each(_pid, [("a", (1,)), ("b", (2,))], Settings(workers=1)))
    executor.settle()
    assert ran == []

    executor.meanwhile(lambda: 1 / 0)
    list(executor.each(_pid, [(str(i), (i,)) for i in range(3)], Settings(workers=2)))
    executor.settle()  # the ZeroDivisionError stayed in its thread


def test_a_run_refused_its_warehouse_leaves_no_warm_up_waiting(tmp_path):
    """The next pool this process starts (another run's parse) must not run a refused run's warm-up."""
    import json

    import pytest

    from pipeline.errors import WarehouseBusy
    from pipeline.run import run_stages

    warehouse = tmp_path / "w.duckdb"
    warehouse.with_name("w.duckdb.lock").write_text(json.dumps({"pid": 1, "since": "2026-01-01T00:00:00"}))
    settings = Settings(raw_dir=tmp_path / "raw", extracted_dir=tmp_path / "ex", warehouse=warehouse)
    with pytest.raises(WarehouseBusy):
        next(run_stages(settings))
    assert executor._waiting == []
