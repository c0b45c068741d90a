"""Reading a finsam warehouse from the benchmarks."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path


def budget_lines_by_document(warehouse: Path, columns: str = "*", table: str = "budget_lines") -> dict[str, list[dict]]:
    """The warehouse's budget lines (or another per-document table) as dicts, grouped by document."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        cur = con.execute(f"SELECT {columns} FROM {table}")
        names = [d[0] for d in cur.description]
        out: dict[str, list[dict]] = defaultdict(list)
        for row in cur.fetchall():
            rec = dict(zip(names, row, strict=True))
            out[rec["document"]].append(rec)
    return out
