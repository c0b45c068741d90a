"""The `finsam` command: a thin layer over the stage functions.

Every stage reads its inputs from files and writes its outputs to files, so each can run
alone; `finsam run` runs them in order and does no work for inputs that have not changed.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import FinsamError
from .model import ExtractResult, StageResult
from .model import Progress as ProgressHook
from .settings import DEFAULT_EXTRACTED, DEFAULT_RAW, DEFAULT_REPORTS, DEFAULT_WAREHOUSE, Settings

EPILOG = """
Examples:

\b
  finsam run                          # raw/ → extracted/ → warehouse.duckdb → reports/
  finsam run --raw ../plans --quiet   # another folder, no progress bars
  finsam parse && finsam extract      # stages one at a time
  finsam run --workers 1              # every document in this process
  finsam run --executor dask --scheduler tcp://host:8786   # on a Dask cluster
  finsam status                       # what the warehouse holds, what changed in raw/
  finsam export --format xlsx         # one Swedish workbook, reports/finsam.xlsx
  finsam query "SELECT forbund, plan_year FROM documents"
"""

app = typer.Typer(help="finsam: read samordningsförbund plans, load their budgets into DuckDB, check "
                  "the arithmetic and report.", epilog=EPILOG, no_args_is_help=True,
                  rich_markup_mode=None, add_completion=False,
                  pretty_exceptions_enable=False)
err = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

Raw = Annotated[Path, typer.Option("--raw", help="Folder of input plans (.pdf, .txt).")]
Extracted = Annotated[Path, typer.Option("--extracted", help="Folder for stage outputs.")]
Warehouse = Annotated[Path, typer.Option("--warehouse", help="DuckDB warehouse file.")]
Reports = Annotated[Path, typer.Option("--reports", help="Folder for the HTML report and exports.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars; only problems and errors.")]
Workers = Annotated[int, typer.Option("--workers", min=0, help="Documents read at once: processes here, or "
                                      "LocalCluster workers with --executor dask (0 = one per usable CPU, "
                                      "1 = all in this process).")]
Executor = Annotated[str, typer.Option("--executor", help="Where documents are parsed, extracted and checked: "
                                       "'local' (this machine's processes) or 'dask' (a Dask cluster).")]
Scheduler = Annotated[str | None, typer.Option("--scheduler", help="With --executor dask: the scheduler's address, "
                                               "e.g. tcp://host:8786 (raw/ and extracted/ on a disk every "
                                               "worker sees); none: a LocalCluster on this machine.")]
Strict = Annotated[bool, typer.Option("--strict", help="Exit 1 on any warning too, not only on documents "
                                      "that failed or were read in part.")]


class BarProgress(ProgressHook):
    """Draws one rich progress bar per stage on stderr."""

    def __init__(self, bars: Progress):
        self.bars, self.task, self.total = bars, None, 0

    def start(self, stage: str, total: int) -> None:
        self.task, self.total = self.bars.add_task(stage, total=total), total

    def advance(self, item: str) -> None:
        if self.task is not None:
            self.bars.update(self.task, advance=1, description=f"{item[:40]}")

    def more(self, count: int) -> None:
        if self.task is not None and count:
            self.total += count
            self.bars.update(self.task, total=self.total)


def _bars(quiet: bool) -> Progress:
    return Progress(TextColumn("{task.description:<40}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, disable=quiet or not err.is_terminal, transient=True)


def _show(result: StageResult, quiet: bool) -> None:
    if not quiet:
        out.print(result.summary(), highlight=False)
    for problem in result.problems:
        err.print(f"[yellow]![/yellow] {problem}", highlight=False, markup=True)


def _run_stages(stages: list[str], settings: Settings, quiet: bool, strict: bool) -> None:
    from .run import run_stages

    results = []
    try:
        with _bars(quiet) as bars:
            for result in run_stages(settings, tuple(stages), lambda: BarProgress(bars)):
                results.append(result)
                _show(result, quiet)
    except (FinsamError, ValueError) as exc:  # ValueError: a setting out of its range
        _fail(exc)
    _show_unread(results)
    _exit_code(results, strict)


def _show_unread(results: list[StageResult]) -> None:
    """One line per document that was not fully read, shown even with --quiet: it is a problem."""
    for result in results:
        if isinstance(result, ExtractResult):
            for read in result.documents:
                if read.status != "ok":
                    out.print(str(read), highlight=False, markup=False)


def _exit_code(results: list[StageResult], strict: bool) -> None:
    """0: every document read in full; 1: some document failed or was read only in part (or, with
    --strict, any warning); 2 (raised before this): usage or environment."""
    first = results[0] if results else None
    if first is not None and first.stage == "parse":
        total = len(first.processed) + len(first.unchanged) + len(first.failed)
        if first.failed and len(first.failed) == total:
            err.print("[red]error:[/red] every input failed; nothing new was loaded.")
            raise typer.Exit(1)
    if len(results) > 1 and not any(r.did_work for r in results):
        out.print("Nothing changed in the inputs: no work done.")
    unread = [read for r in results if isinstance(r, ExtractResult) for read in r.documents if read.status != "ok"]
    if unread or any(r.failed for r in results) or (strict and any(r.problems for r in results)):
        raise typer.Exit(1)


def _settings(raw: Path, extracted: Path, warehouse: Path, reports: Path, workers: int = 0, executor: str = "local",
              scheduler: str | None = None) -> Settings:
    try:
        return Settings(raw_dir=raw, extracted_dir=extracted, warehouse=warehouse, reports_dir=reports,
                        workers=workers, executor=executor, scheduler=scheduler)
    except ValueError as exc:  # --executor or --scheduler outside what finsam accepts
        _fail(exc)


@app.command()
def run(raw: Raw = DEFAULT_RAW, extracted: Extracted = DEFAULT_EXTRACTED, warehouse: Warehouse = DEFAULT_WAREHOUSE,
        reports: Reports = DEFAULT_REPORTS, quiet: Quiet = False, strict: Strict = False, workers: Workers = 0,
        executor: Executor = "local", scheduler: Scheduler = None) -> None:
    """Run every stage: parse → extract → load → check → report.

    Unchanged inputs are skipped; a bad file is reported by name and the others go on.
    """
    _run_stages(["parse", "extract", "load", "check", "report"],
                _settings(raw, extracted, warehouse, reports, workers, executor, scheduler), quiet, strict)


@app.command("parse")
def parse_cmd(raw: Raw = DEFAULT_RAW, extracted: Extracted = DEFAULT_EXTRACTED, quiet: Quiet = False,
              strict: Strict = False, workers: Workers = 0, executor: Executor = "local",
              scheduler: Scheduler = None) -> None:
    """Read raw/ plans into lines and tables with provenance under extracted/."""
    _run_stages(["parse"], _settings(raw, extracted, DEFAULT_WAREHOUSE, DEFAULT_REPORTS, workers, executor,
                                     scheduler), quiet, strict)


@app.command("extract")
def extract_cmd(extracted: Extracted = DEFAULT_EXTRACTED, quiet: Quiet = False, workers: Workers = 0,
                executor: Executor = "local", scheduler: Scheduler = None) -> None:
    """Find budget lines, identity, goals and percentages in the parsed documents."""
    _run_stages(["extract"], _settings(DEFAULT_RAW, extracted, DEFAULT_WAREHOUSE, DEFAULT_REPORTS, workers,
                                       executor, scheduler), quiet, False)


@app.command("load")
def load_cmd(extracted: Extracted = DEFAULT_EXTRACTED, warehouse: Warehouse = DEFAULT_WAREHOUSE,
             quiet: Quiet = False) -> None:
    """Load extracted records into the DuckDB warehouse in one transaction."""
    _run_stages(["load"], _settings(DEFAULT_RAW, extracted, warehouse, DEFAULT_REPORTS), quiet, False)


@app.command("check")
def check_cmd(warehouse: Warehouse = DEFAULT_WAREHOUSE, quiet: Quiet = False, workers: Workers = 0,
              executor: Executor = "local", scheduler: Scheduler = None) -> None:
    """Check the arithmetic of every loaded budget; findings go to the warehouse."""
    _run_stages(["check"], _settings(DEFAULT_RAW, DEFAULT_EXTRACTED, warehouse, DEFAULT_REPORTS, workers, executor,
                                     scheduler), quiet, False)


@app.command("report")
def report_cmd(warehouse: Warehouse = DEFAULT_WAREHOUSE, reports: Reports = DEFAULT_REPORTS,
               quiet: Quiet = False) -> None:
    """Write reports/index.html and one page per förbund (reports/forbund/); only changed pages are rewritten."""
    _run_stages(["report"], _settings(DEFAULT_RAW, DEFAULT_EXTRACTED, warehouse, reports), quiet, False)


@app.command("export")
def export_cmd(warehouse: Warehouse = DEFAULT_WAREHOUSE, reports: Reports = DEFAULT_REPORTS,
               fmt: Annotated[str, typer.Option("--format", help="csv (plain and Swedish _sv.csv), parquet, or "
                                                 "xlsx (one workbook, finsam.xlsx).")] = "csv",
               quiet: Quiet = False) -> None:
    """Write every contract view (documents, budget_lines, goals, …) and the report's overview and comparison
    to reports/: CSV (plain, and Swedish: BOM, ';', decimal comma), Parquet, or one Swedish xlsx workbook."""
    from .export import export

    try:
        result = export(warehouse, reports, fmt)
    except FinsamError as exc:
        _fail(exc)
    if not quiet:
        out.print(str(result), highlight=False)


@app.command("query")
def query_cmd(sql: Annotated[str, typer.Argument(help="One SQL statement, e.g. \"SELECT * FROM findings\".")],
              warehouse: Warehouse = DEFAULT_WAREHOUSE,
              limit: Annotated[int, typer.Option(help="Rows to print at most (0 = all).")] = 50) -> None:
    """Run SQL against the warehouse (read-only) and print the result as a table."""
    import duckdb

    from .export import query

    try:
        frame = query(warehouse, sql)
    except FinsamError as exc:
        _fail(exc)
    except duckdb.Error as exc:
        _fail(f"{str(exc).splitlines()[0]}. Tables: documents, budget_lines, goals, percentages, findings, "
              "members, prose_amounts, table_cells, runs.", exc)
    shown = frame if not limit else frame.head(limit)
    out.print(shown.to_string(index=False, max_colwidth=60), highlight=False, markup=False)
    if limit and len(frame) > limit:
        out.print(f"… {len(frame) - limit} more rows (use --limit 0 for all)", highlight=False)


@app.command()
def status(raw: Raw = DEFAULT_RAW, extracted: Extracted = DEFAULT_EXTRACTED,
           warehouse: Warehouse = DEFAULT_WAREHOUSE) -> None:
    """What the warehouse holds and what changed in raw/ since the last run."""
    from .status import find_status

    try:
        out.print(str(find_status(raw, extracted, warehouse)), highlight=False, markup=False)
    except FinsamError as exc:
        _fail(exc)


def _fail(message: object, cause: BaseException | None = None) -> None:
    """One line on stderr and exit code 2: usage or environment, never a traceback."""
    err.print(f"[red]error:[/red] {message}", highlight=False)
    raise typer.Exit(2) from (cause if cause is not None else message if isinstance(message, BaseException)
                              else None)


# allocations between the garbage collector's young passes in this process and the workers it forks
# (Python's default: 700). A run's objects are mostly long-lived (modules, spaCy, pages) or free no
# cycles, and the default's frequent passes over them cost a cold sample run 0.2 s of CPU (A/B of 8)
GC_YOUNG_THRESHOLD = 50_000
GC_OLDER_THRESHOLDS = (20, 20)


def main() -> None:
    """The console entry. When the command returns, every file, warehouse connection and pool it opened
    is closed; what the interpreter's teardown would still do is free spaCy's and DuckDB's
    module graphs, memory the operating system frees at once (0.3–0.4 s of a 4 s run). So the output is
    flushed and the process leaves with the command's exit code, without that teardown. The collector
    runs less often (GC_YOUNG_THRESHOLD): this process is finsam's own, the library leaves it alone."""
    import gc

    gc.set_threshold(GC_YOUNG_THRESHOLD, *GC_OLDER_THRESHOLDS)
    try:
        app()
        code = 0
    except SystemExit as exit_:
        code = _exit_status(exit_.code)
    _leave(code)


def _exit_status(code: object) -> int:
    """What sys.exit(code) would make the process's status: None is 0, a message is printed and 1."""
    if code is None or isinstance(code, int):
        return code or 0
    print(code, file=sys.stderr)
    return 1


def _leave(code: int) -> None:
    import logging
    import os

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # a closed pipe (finsam ... | head) has nothing left to flush
            stream.flush()
    os._exit(code)
