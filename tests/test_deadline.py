"""A document's time budget holds in a process's main thread (a timer signal) and in a worker thread
(a Dask worker runs its tasks in threads), and the exception crosses back from a worker process."""

from __future__ import annotations

import pickle
import threading
import time

import pytest

from pipeline.deadline import DocumentTimeout, deadline


def _busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def _in_thread(fn) -> BaseException | None:
    caught: list[BaseException | None] = [None]

    def run() -> None:
        try:
            fn()
        except BaseException as exc:  # handed back to the test's thread
            caught[0] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return caught[0]


def _past_its_budget() -> None:
    with deadline(0.2, "plan.pdf", "extract"):
        _busy(5)


def test_the_budget_holds_in_the_main_thread():
    with pytest.raises(DocumentTimeout, match="extract took longer than 0.2 s"):
        _past_its_budget()


def test_the_budget_holds_in_a_worker_thread():
    started = time.monotonic()
    caught = _in_thread(_past_its_budget)
    assert isinstance(caught, DocumentTimeout) and time.monotonic() - started < 2
    assert caught.what == "plan.pdf" and "extract took longer than 0.2 s" in caught.rule


def test_a_block_done_in_time_leaves_no_timeout_behind_in_a_worker_thread():
    def quick() -> None:
        with deadline(0.1, "plan.pdf", "check"):
            pass
        _busy(0.3)  # past where the timer would have fired

    assert _in_thread(quick) is None


def test_the_timeout_crosses_a_process_boundary_whole():
    caught = _in_thread(_past_its_budget)
    again = pickle.loads(pickle.dumps(caught))
    assert type(again) is DocumentTimeout and (again.what, again.rule, again.fix) == (caught.what, caught.rule,
                                                                                        caught.fix)
