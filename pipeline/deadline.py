"""A time budget per document: past it the document is marked failed by name, and the run goes on."""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import FinsamError


class DocumentTimeout(FinsamError):
    """One document's stage took longer than `Settings.document_seconds`."""


@contextmanager
def deadline(seconds: float, document: str, stage: str) -> Iterator[None]:
    """Raise DocumentTimeout in the block after `seconds` (0: no limit). In a process's main thread a
    real-time timer signal; in another thread (a Dask worker runs its tasks in threads) a timer thread
    that raises the exception in this one. Both interrupt Python code between two of its steps, so a
    long call into C (one tesseract page) ends first."""
    if seconds <= 0:
        yield
        return
    timeout = _timeout(seconds, document, stage)
    on_main = threading.current_thread() is threading.main_thread()
    if on_main and hasattr(signal, "setitimer"):
        with _signal_timer(seconds, timeout):
            yield
    else:
        with _thread_timer(seconds, timeout):
            yield


def _timeout(seconds: float, document: str, stage: str) -> type[DocumentTimeout]:
    """The exception as a class that needs no arguments: a thread is handed a class, not an instance."""

    class Timeout(DocumentTimeout):
        def __init__(self) -> None:
            super().__init__(document, f"{stage} took longer than {seconds:g} s (Settings.document_seconds)",
                             "Split the file into parts, or raise document_seconds for documents this long.")

        def __reduce__(self):  # crosses to the parent as the plain DocumentTimeout it is
            return DocumentTimeout, (self.what, self.rule, self.fix)

    return Timeout


@contextmanager
def _signal_timer(seconds: float, timeout: type[DocumentTimeout]) -> Iterator[None]:
    def expire(signum, frame) -> None:
        raise timeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _thread_timer(seconds: float, timeout: type[DocumentTimeout]) -> Iterator[None]:
    target = ctypes.c_ulong(threading.get_ident())
    lock, state = threading.Lock(), {"done": False, "fired": False}

    def expire() -> None:
        with lock:  # the block may have ended while the timer woke: then there is nothing to stop
            if not state["done"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(timeout))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["fired"]:  # raised already, or still pending: a pending one must not leak past the block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)
