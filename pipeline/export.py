"""Exports of the contract views (CSV, Parquet, XLSX) and ad-hoc SQL against the warehouse."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import BadOption, QueryRefused
from .load import connect
from .store import replace_file_atomic
from .workbook import SHEETS, without_paths, write_swedish_csv, write_workbook

VIEWS = ("documents", "budget_lines", "primary_budget_lines", "goals", "percentages", "findings", "members",
         "prose_amounts")
# the report's own tables, exported beside the views: one row per plan, and the förbund × measure comparison
REPORT_TABLES = {"overview": "Översikt", "comparison": "Jämförelse"}
FORMATS = ("csv", "parquet", "xlsx")
WORKBOOK = "finsam.xlsx"
SWEDISH_CSV = "{name}_sv.csv"  # beside <name>.csv: UTF-8 with BOM, ';', decimal comma, Swedish headers


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
    """csv: every view and report table as reports/<name>.csv and the Swedish <name>_sv.csv; parquet: as
    <name>.parquet; xlsx: one workbook reports/finsam.xlsx with Swedish sheets. Each file is written to a
    temp name, then renamed. No export holds a local path (pipeline/workbook.py)."""
    if fmt not in FORMATS:
        raise BadOption(fmt, "unknown export format", f"Choose one of {', '.join(FORMATS)}.")
    started = time.perf_counter()
    reports_dir.mkdir(parents=True, exist_ok=True)
    con = connect(warehouse, read_only=True)
    try:
        frames = _frames(con, keep_lists=fmt == "parquet")
    finally:
        con.close()
    files = _write_xlsx(frames, reports_dir) if fmt == "xlsx" else _write_each(frames, reports_dir, fmt)
    return ExportResult(tuple(files), {name: len(frame) for name, frame in frames.items()},
                        time.perf_counter() - started)


def _frames(con, keep_lists: bool) -> dict:
    from .report.frames import comparison_frame, overview_frame

    made = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    frames = {view: without_paths(con.execute(_select(con, view, keep_lists)).df())
              for view in VIEWS if view in made}  # a warehouse loaded before a view existed lacks it
    frames["overview"] = overview_frame(con)
    frames["comparison"] = comparison_frame(con)
    return frames


def _write_each(frames: dict, reports_dir: Path, fmt: str) -> list[str]:
    files = []
    for name, frame in frames.items():
        target = reports_dir / f"{name}.{fmt}"
        if fmt == "csv":
            replace_file_atomic(target, lambda tmp, frame=frame: frame.to_csv(tmp, index=False))
            swedish = reports_dir / SWEDISH_CSV.format(name=name)
            replace_file_atomic(swedish, lambda tmp, frame=frame: write_swedish_csv(frame, tmp))
            files.append(str(swedish))
        else:
            replace_file_atomic(target, lambda tmp, frame=frame: frame.to_parquet(tmp, index=False))
        files.append(str(target))
    return files


def _write_xlsx(frames: dict, reports_dir: Path) -> list[str]:
    """The workbook's sheets in the order an analyst reads them: overview first, documents last."""
    order = [("Översikt", "overview"), *[(SHEETS[v], v) for v in ("budget_lines", "goals", "percentages", "findings")],
             ("Jämförelse", "comparison"), (SHEETS["documents"], "documents")]
    sheets = [(title, frames[name]) for title, name in order if name in frames]
    target = reports_dir / WORKBOOK
    replace_file_atomic(target, lambda tmp: write_workbook(sheets, tmp))
    return [str(target)]


def _select(con, view: str, keep_lists: bool) -> str:
    """SELECT for a view; list columns (bbox, years) become text where the format has no lists."""
    columns = [(name, kind) for name, kind, *_ in con.execute(f"DESCRIBE {view}").fetchall()]
    parts = [f'"{name}"' if keep_lists or not kind.endswith("[]") else f'CAST("{name}" AS VARCHAR) AS "{name}"'
             for name, kind in columns]
    return f"SELECT {', '.join(parts)} FROM {view}"


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
