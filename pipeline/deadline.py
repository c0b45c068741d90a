"""A time budget per document: past it the document is marked failed by name, and the run goes on."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .errors import FinsamError


class DocumentTimeout(FinsamError):
    """One document's stage took longer than `Settings.document_seconds`."""


@contextmanager
def deadline(seconds: float, document: str, stage: str) -> Iterator[None]:
    """Raise DocumentTimeout in the block after `seconds` (0: no limit). A real-time timer signal, so
    only where signals can be taken: the main thread of a POSIX process; elsewhere no limit."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame) -> None:
        raise DocumentTimeout(document, f"{stage} took longer than {seconds:g} s (Settings.document_seconds)",
                              "Split the file into parts, or raise document_seconds for documents this long.")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
