"""Exports of the contract views (CSV, Parquet, XLSX) and ad-hoc SQL against the warehouse."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import BadOption, QueryRefused
from .load import connect
from .store import replace_file_atomic

VIEWS = ("documents", "budget_lines", "primary_budget_lines", "goals", "percentages", "findings", "members",
         "prose_amounts")
FORMATS = ("csv", "parquet", "xlsx")


@dataclass(frozen=True)
class ExportResult:
    files: tuple[str, ...]
    rows: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        counts = ", ".join(f"{view} {n}" for view, n in self.rows.items())
        return f"export: {len(self.files)} files ({counts}) in {self.seconds:.1f}s"

    def asdict(self) -> dict:
        return asdict(self)


def export(warehouse: Path, reports_dir: Path, fmt: str = "csv") -> ExportResult:
    """Every contract view as reports/<view>.<fmt>; each file is written to a temp name, then renamed."""
    if fmt not in FORMATS:
        raise BadOption(fmt, "unknown export format", f"Choose one of {', '.join(FORMATS)}.")
    started = time.perf_counter()
    reports_dir.mkdir(parents=True, exist_ok=True)
    files, rows = [], {}
    con = connect(warehouse, read_only=True)
    try:
        made = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        for view in (v for v in VIEWS if v in made):  # a warehouse loaded before a view existed lacks it
            frame = con.execute(_select(con, view, keep_lists=fmt == "parquet")).df()
            target = reports_dir / f"{view}.{fmt}"
            replace_file_atomic(target, lambda tmp, frame=frame: _write(frame, tmp, fmt))
            files.append(str(target))
            rows[view] = len(frame)
    finally:
        con.close()
    return ExportResult(tuple(files), rows, time.perf_counter() - started)


def _select(con, view: str, keep_lists: bool) -> str:
    """SELECT for a view; list columns (bbox, years) become text where the format has no lists."""
    columns = [(name, kind) for name, kind, *_ in con.execute(f"DESCRIBE {view}").fetchall()]
    parts = [f'"{name}"' if keep_lists or not kind.endswith("[]") else f'CAST("{name}" AS VARCHAR) AS "{name}"'
             for name, kind in columns]
    return f"SELECT {', '.join(parts)} FROM {view}"


def _write(frame, path: Path, fmt: str) -> None:
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_excel(path, index=False, engine="openpyxl")


def query(warehouse: Path, sql: str):
    """Run one read-only SQL statement; returns a pandas DataFrame."""
    if not sql.strip():
        raise QueryRefused(repr(sql), "the query is empty", 'Give one SQL statement, e.g. "SELECT * FROM findings".')
    import duckdb

    con = connect(warehouse, read_only=True, sandboxed=True)
    try:
        return con.execute(sql).df()
    except duckdb.PermissionException as exc:
        raise QueryRefused(sql, "it reads or writes files outside the warehouse",
                           "finsam query only reads the warehouse's tables; `finsam export` writes them out.") from exc
    finally:
        con.close()
