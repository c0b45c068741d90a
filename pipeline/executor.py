"""Where per-document work runs: in this process, in a pool of this machine's processes, or on Dask.

parse, extract and check hand `each` a function and one (key, arguments) job per document; each
result comes back as soon as its document is done (so progress bars move), as an Outcome holding
the value or the exception that escaped the worker, and the stage decides what a failure means for
its document (parse: stop, as a crash always did; extract and check: that document failed, the run
goes on). Workers read their inputs from and write their outputs to paths the parent names, so on
Dask those paths must be ones every worker sees (a shared disk); load stays one transaction here.

- workers=1: everything in this process, in order.
- executor "local": a ProcessPoolExecutor of `workers` processes (0: one per usable CPU); one forked
  after the run's warm-up serves the later stages of its `session` too.
- executor "dask": a distributed.Client to `scheduler`, or a LocalCluster of `workers` processes with
  one thread each when no address is given; `session` keeps that cluster for all stages of a run.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any

from .errors import FinsamError
from .settings import Settings

IN_FLIGHT_PER_WORKER = 4  # jobs handed out ahead of results: workers never idle, the parent holds few inputs
Job = tuple[str, tuple]  # a document's key (its name) and the function's arguments for it


@dataclass(frozen=True)
class Outcome:
    """One job's end: its value, or the exception that escaped the worker (a crash included)."""

    key: str
    value: Any = None
    error: BaseException | None = None

    def result(self) -> Any:
        if self.error is not None:
            raise self.error
        return self.value


def usable_cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def each(fn: Callable, jobs: Iterable[Job], settings: Settings, pool: bool = True) -> Iterator[Outcome]:
    """fn(*args) for every job, results in the order they finish. ``pool`` False: the caller knows the
    work is too small for new processes to pay (it runs here, in order, unless the session's local pool
    is already running)."""
    jobs = iter(jobs)
    first = list(islice(jobs, 2))
    if not first:
        return
    jobs = _Resumable(first, jobs)
    workers = settings.workers or usable_cpus()
    if settings.executor == "dask" and pool and len(first) > 1:
        yield from _on_dask(fn, jobs, settings)
    elif settings.workers == 1 or len(first) < 2 or not (pool or _kept(workers)):
        yield from _here(fn, jobs)
    else:
        yield from _in_processes(fn, jobs, workers)


def _kept(workers: int) -> bool:
    return bool(_pools) and workers in _pools[-1]


class _Resumable:
    """first, then rest; asked again after rest ran out, it asks rest again: a stage may add jobs to its
    queue while results come in (parse finishing a PDF whose pages several workers read)."""

    def __init__(self, first: list[Job], rest: Iterator[Job]) -> None:
        self.first, self.rest = first, rest

    def __iter__(self) -> Iterator[Job]:
        return self

    def __next__(self) -> Job:
        return self.first.pop(0) if self.first else next(self.rest)


def _here(fn: Callable, jobs: Iterator[Job]) -> Iterator[Outcome]:
    for key, args in jobs:
        try:
            yield Outcome(key, fn(*args))
        except Exception as exc:  # the stage decides what one document's failure means
            yield Outcome(key, error=exc)


def _in_processes(fn: Callable, jobs: Iterator[Job], workers: int) -> Iterator[Outcome]:
    pool, fresh = _pool(workers)
    # a pool forked before the warm-up lacks what the later stages import: it serves this stage only
    keep = bool(_pools) and not (fresh and (_waiting or _running))
    finished = False

    def submit(args: tuple) -> Future:
        future = pool.submit(fn, *args)
        _start_waiting_tasks()  # after the first submit: the workers are forked, no thread was copied into them
        return future

    try:
        for outcome in _windowed(submit, jobs, workers * IN_FLIGHT_PER_WORKER,
                                 lambda futures: wait(futures, return_when=FIRST_COMPLETED)[0]):
            keep = keep and not isinstance(outcome.error, BrokenProcessPool)  # a worker died: the pool is done
            yield outcome
        finished = True
    finally:
        if fresh:
            gc.unfreeze()  # the workers are forked (all at the first submit): this process may collect again
        if finished and keep:  # for the session's later stages: forking anew costs more than a few documents
            _pools[-1][workers] = pool
        else:  # a stage that stops early (parse re-raising a crash) does not wait for the queued documents
            if _pools:
                _pools[-1].pop(workers, None)
            pool.shutdown(wait=True, cancel_futures=True)


def _pool(workers: int) -> tuple[ProcessPoolExecutor, bool]:
    """The pool of `workers` processes an earlier stage of the session left, or a new one (and True). The
    workers are forked: what this process holds (spaCy and DuckDB after the warm-up) is shared with them
    until written to; frozen, it is never visited by a worker's garbage collector, which would write to
    every object it walks and so copy the pages they are on into each worker."""
    if _kept(workers):
        return _pools[-1][workers], False
    gc.freeze()
    return ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent), True


def _windowed(submit: Callable[[tuple], Any], jobs: Iterator[Job], window: int,
              finished: Callable[[set], Iterable]) -> Iterator[Outcome]:
    """Keep ``window`` jobs submitted; yield each as it finishes and hand out the next. A job the pool
    refuses (it broke when a worker died) fails with the pool's error, and so do the rest."""
    pending: dict[Any, str] = {}
    refused: list[Outcome] = []

    def hand_out(count: int) -> None:
        for key, args in islice(jobs, count):
            try:
                pending[submit(args)] = key
            except Exception as exc:  # whatever stops the pool stops this document
                refused.append(Outcome(key, error=exc))

    hand_out(window)
    while pending or refused:
        yield from refused
        refused.clear()
        if not pending:  # every job handed out was refused: the next ones are tried (and fail) in turn
            hand_out(window)
            continue
        for future in finished(set(pending)):
            key = pending.pop(future)
            error = future.exception()
            yield Outcome(key, None if error else future.result(), error)
            hand_out(1)


_waiting: list[Callable[[], None]] = []
_running: list[threading.Thread] = []


def meanwhile(task: Callable[[], None]) -> None:
    """Run task in a thread of this process while a pool's workers are busy, if a pool starts: this
    process only waits for their results then. The run uses it to load what the next stages import
    (spaCy, DuckDB) during parse, so extract's workers, forked later, inherit them ready.
    Call `settle` before anything forks again."""
    _waiting.append(task)


def settle() -> None:
    """Wait for the tasks `meanwhile` started; drop the ones no pool gave a chance to run."""
    for thread in _running:
        thread.join()
    _running.clear()
    _waiting.clear()


def _start_waiting_tasks() -> None:
    while _waiting:
        thread = threading.Thread(target=_quietly, args=(_waiting.pop(0),), daemon=True)
        thread.start()
        _running.append(thread)


def _quietly(task: Callable[[], None]) -> None:
    """A warm-up that fails costs nothing: the stage that needs the module imports it (and says why)."""
    with contextlib.suppress(Exception):
        task()


def _die_with_parent() -> None:
    """A worker ends when the run that started it is killed (kill -9 included) instead of OCR-ing on
    alone: Linux's parent-death signal. Elsewhere the worker ends when it next asks for work."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _on_dask(fn: Callable, jobs: Iterator[Job], settings: Settings) -> Iterator[Outcome]:
    with _client(settings) as client:
        from distributed import as_completed  # importable: the client is made

        threads = max(1, sum(client.nthreads().values()))  # every worker's, however many machines
        done = as_completed()

        def submit(args: tuple) -> Future:
            future = client.submit(fn, *args, pure=False)  # a document read twice is two tasks
            done.add(future)
            return future

        def finished(_pending: set) -> list:
            return [next(done)]

        yield from _windowed(submit, jobs, threads * IN_FLIGHT_PER_WORKER, finished)


_sessions: list[dict[tuple, Any]] = []  # the open session (at most one): the Dask clients made within it
# each session block's local pool by its size, nested blocks included: a pool's workers hold this process's
# state (code, vocabulary, what was patched) as it was when they were forked, so none outlives its run
_pools: list[dict[int, ProcessPoolExecutor]] = []


@contextlib.contextmanager
def session() -> Iterator[None]:
    """Dask clients made inside the block stay open until it ends: a run starts its LocalCluster once,
    when a stage first has documents for it, not once per stage (nor at all when nothing changed). So
    does a local pool forked after the warm-up, until this block ends (an inner one too): extract's
    workers check the documents later."""
    _pools.append({})
    try:
        if _sessions:  # the run's stages inside a run: the outer session keeps its clients
            yield
            return
        _sessions.append({})
        try:
            yield
        finally:
            for client in _sessions.pop().values():
                _close(client)
    finally:
        for pool in _pools.pop().values():
            pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _client(settings: Settings) -> Iterator[Any]:
    key = (settings.scheduler, settings.workers)
    if not _sessions:
        client = _connect(settings)
        try:
            yield client
        finally:
            _close(client)
        return
    if key not in _sessions[-1]:
        _sessions[-1][key] = _connect(settings)
    yield _sessions[-1][key]


def _close(client: Any) -> None:
    """The client, and the LocalCluster it started (a cluster reached by address is left running)."""
    cluster = client.cluster
    client.close()
    if cluster is not None:
        cluster.close()


def _connect(settings: Settings) -> Any:
    """A client to the scheduler at ``settings.scheduler``, or to a LocalCluster of this machine's CPUs."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise FinsamError("--executor dask", "needs Dask's distributed package, which is not installed",
                          "pip install 'finsam[dask]' (here and on every worker), or use --executor local.") from exc
    for name in ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker"):
        logging.getLogger(name).setLevel(logging.ERROR)  # ports, nannies, heartbeats: not the run's output
    if settings.scheduler:
        try:
            return Client(settings.scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as exc:
            raise FinsamError(settings.scheduler, f"no Dask scheduler answered there within {CONNECT_SECONDS} s "
                              f"({type(exc).__name__})", "Start one (`dask scheduler`) and its workers, or leave "
                              "out --scheduler to run a LocalCluster on this machine.") from exc
    # the workers' sampling profiler interrupts finsam's pure-Python work every few milliseconds
    dask.config.set({"distributed.worker.profile.enabled": False})
    cluster = LocalCluster(n_workers=settings.workers or usable_cpus(), threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    return Client(cluster)


CONNECT_SECONDS = 30  # a scheduler that does not answer by then is not there: the run stops and says so
