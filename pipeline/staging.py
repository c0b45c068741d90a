"""Writing the warehouse without locking its readers out: one run at a time, and a staged copy.

A run takes `warehouse.duckdb.lock` (pid and start time; a lock whose process is gone is stale and
taken over). A stage that writes works on a copy beside the warehouse and swaps it in whole when it
is done (`os.replace`, atomic): readers (`status`, `report`, `export`, `query`) open the warehouse
itself, which no writer holds open, so they work during a run and see the last finished stage; a
killed stage leaves the warehouse as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from .errors import WarehouseBusy, WarehouseUnwritable

_held: dict[Path, int] = {}  # warehouse → nesting depth: a run's stages take the lock the run holds


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        pass
    return True


def _take(lock: Path) -> bool:
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"pid": os.getpid(), "since": datetime.now().isoformat(timespec="seconds")}, out)
    return True


def _holder(lock: Path) -> dict:
    try:
        return json.loads(lock.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


@contextlib.contextmanager
def run_lock(warehouse: Path) -> Iterator[None]:
    """Hold the warehouse for one run; re-entered freely by the stages of the run that holds it."""
    key = warehouse.resolve()
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    try:  # made like extracted/ and reports/ are
        warehouse.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseUnwritable(warehouse, f"its folder cannot be made ({exc.strerror})",
                                  "Pass --warehouse with a path in a folder you can write to.") from exc
    lock = warehouse.with_name(warehouse.name + ".lock")
    while not _take(lock):
        holder = _holder(lock)
        if holder.get("pid") and _alive(holder["pid"]):
            since = str(holder.get("since", "?"))[11:16] or "?"
            raise WarehouseBusy(warehouse, f"another finsam run holds it since {since}, pid {holder['pid']}",
                                "Wait for that run to finish, or stop it, then run again.")
        lock.unlink(missing_ok=True)  # its run is gone (killed): the lock is stale, and so is its copy
        for leftover in warehouse.parent.glob(f".{warehouse.name}.{holder.get('pid')}.staged*"):
            leftover.unlink(missing_ok=True)
    _held[key] = 1
    try:
        yield
    finally:
        _held.pop(key, None)
        lock.unlink(missing_ok=True)


@contextlib.contextmanager
def staged(warehouse: Path) -> Iterator[Path]:
    """A copy of the warehouse to write; swapped in whole when the block ends without error."""
    with run_lock(warehouse):  # first: it also checks the warehouse's folder
        copy = warehouse.with_name(f".{warehouse.name}.{os.getpid()}.staged")
        try:
            if warehouse.exists():
                shutil.copyfile(warehouse, copy)
            yield copy
            os.replace(copy, warehouse)
        finally:
            for leftover in (copy, copy.with_name(copy.name + ".wal")):
                leftover.unlink(missing_ok=True)
