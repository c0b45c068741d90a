"""The report stage on a warehouse of N distinct plans (issue 17): seconds cold, warm and after one change.

Parsing a thousand PDFs to time the report would measure the parser. Instead the sample plans are run
through finsam once (parse → extract → load → check, into OUT/base), and every row of every table the
report reads is copied, in DuckDB, under new names: plan i is a copy of sample plan (i // years) mod 5,
of förbund "Samordningsförbundet Test NNNN" (N / years förbund, `years` plan years each, the years and
every year in its rows shifted), its amounts scaled by a factor of its own so no two plans are alike.

    python -m benchmarks.report_scale --out /tmp/report_scale [--plans 1000] [--years 4] [--suffix .txt]

Then the report stage alone is timed three times: cold (empty reports folder, first call in the
process), warm (nothing changed) and after one document's amounts changed (as a re-run of load would
leave it: a new run id); each line prints seconds (wall, and the CPU of this process: on a shared
machine the wall time tells the load too), pages written, page count, total and largest page.
--suffix .pdf makes the copies' sources PDFs (evidence crops; slower cold, as a real run would be).
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# the tables keyed by document that the report (or the exports) read, and what in each is shifted/scaled
YEAR_COLUMNS = {"budget_lines": ("year",), "goals": ("year",), "prose_amounts": ("year",), "findings": ("year",)}
AMOUNT_COLUMNS = {"budget_lines": ("amount_sek", "side_amount_sek"), "prose_amounts": ("amount_sek",)}
# evidence_crops: the copies share their sample's source file and its findings' boxes, so its stored crops
# are the copies' own (crops.crop_job keys them by the file, the page and the marks)
DOCUMENT_TABLES = ("table_cells", "budget_lines", "goals", "percentages", "members", "prose_amounts", "findings",
                   "evidence_crops")
_PERCENT_KINDS = "('share_mismatch', 'split_mismatch', 'split_check', 'stated_share_check', " \
    "'stated_share_mismatch', 'own_limit_check')"


def base_warehouse(raw: Path, out: Path, suffix: str) -> Path:
    """The sample plans of one suffix through parse → check into out/base (kept between runs)."""
    from pipeline.check import check
    from pipeline.extract import extract
    from pipeline.load import load
    from pipeline.parse import parse

    base = out / f"base{suffix}"
    warehouse = base / "w.duckdb"
    if warehouse.exists():
        return warehouse
    (base / "raw").mkdir(parents=True, exist_ok=True)
    for path in sorted(raw.glob(f"*{suffix}")):
        shutil.copy(path, base / "raw" / path.name)
    parse(base / "raw", base / "extracted")
    extract(base / "extracted")
    load(base / "extracted", warehouse)
    check(warehouse)
    return warehouse


def scaled_warehouse(base: Path, target: Path, plans: int, years: int) -> Path:
    """A copy of the base warehouse whose primary plans are copied into `plans` distinct ones."""
    import duckdb

    target.unlink(missing_ok=True)
    shutil.copy(base, target)
    con = duckdb.connect(str(target))
    try:
        sources = [r[0] for r in con.execute("SELECT document FROM documents WHERE is_primary ORDER BY document")
                   .fetchall()]
        mapping = [(sources[(i // years) % len(sources)], f"t{i // years + 1:04d}_{i % years}_"
                    f"{sources[(i // years) % len(sources)]}", f"Samordningsförbundet Test {i // years + 1:04d}",
                    i % years - (years - 1), 1 + (i % 997) / 10_000) for i in range(plans)]
        con.execute("CREATE TEMP TABLE m (src VARCHAR, dst VARCHAR, forbund VARCHAR, shift INTEGER, f DOUBLE)")
        con.executemany("INSERT INTO m VALUES (?, ?, ?, ?, ?)", mapping)
        for table in DOCUMENT_TABLES:
            _copy_rows(con, table)
        con.execute(
            "CREATE TEMP TABLE d2 AS SELECT d.* REPLACE (m.dst AS document, m.forbund AS forbund, [m.forbund] AS "
            "forbund_variants, d.plan_year + m.shift AS plan_year, "
            "list_transform(d.budget_years, lambda y: y + m.shift) AS budget_years, md5(m.dst) AS sha256, "
            "NULL AS copy_of, NULL AS copy_reason) FROM documents d JOIN m ON d.document = m.src")
        con.execute("DELETE FROM documents")
        con.execute("INSERT INTO documents SELECT * FROM d2")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return target


def _copy_rows(con, table: str) -> None:
    """Every row of the table once per copy of its document, years shifted and amounts scaled."""
    replace = ["m.dst AS document"]
    replace += [f"{c} + m.shift AS {c}" for c in YEAR_COLUMNS.get(table, ())]
    replace += [f"CAST(round({c} * m.f) AS BIGINT) AS {c}" for c in AMOUNT_COLUMNS.get(table, ())]
    if table == "findings":  # kronor, not percentage points, scale with the plan
        replace += [f"CASE WHEN kind IN {_PERCENT_KINDS} THEN {c} ELSE {c} * m.f END AS {c}"
                    for c in ("stated", "computed", "difference")]
    con.execute(f"CREATE TEMP TABLE x AS SELECT t.* REPLACE ({', '.join(replace)}) FROM {table} t "
                "JOIN m ON t.document = m.src")
    con.execute(f"DELETE FROM {table}")
    con.execute(f"INSERT INTO {table} SELECT * FROM x")
    con.execute("DROP TABLE x")


def change_one(warehouse: Path, document: str) -> None:
    """One plan's amounts changed and a new run id, as a re-run of load after one file was edited."""
    import duckdb

    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE budget_lines SET amount_sek = amount_sek + 1000 WHERE document = ? AND NOT is_total",
                    [document])
        con.execute("INSERT INTO runs (run_id, stage, started_at, finished_at, documents, changed) VALUES "
                    "('99999999T000000Z', 'load', now(), now(), 1, [?])", [document])


def pages(reports: Path) -> list[Path]:
    return sorted(reports.rglob("*.html"))


def timed_report(label: str, warehouse: Path, reports: Path) -> float:
    from pipeline.report import report

    started, cpu = time.perf_counter(), time.process_time()
    result = report(warehouse, reports)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    sizes = [p.stat().st_size for p in pages(reports)]
    print(f"{label:<12} {seconds:6.2f} s (cpu {cpu:5.2f} s)  written {len(result.processed):4d}  "
          f"pages {len(sizes):4d}  total {sum(sizes) / 1e6:6.2f} MB  largest {max(sizes, default=0) / 1e3:7.1f} kB",
          flush=True)
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.report_scale", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--years", type=int, default=4, help="plan years per förbund")
    ap.add_argument("--raw", type=Path, default=ROOT / "raw")
    ap.add_argument("--suffix", default=".txt", choices=(".txt", ".pdf"))
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    warehouse = scaled_warehouse(base_warehouse(args.raw, args.out, args.suffix), args.out / "w.duckdb",
                                 args.plans, args.years)
    print(f"warehouse of {args.plans} plans ({args.plans // args.years} förbund) in "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    reports = args.out / "reports"
    shutil.rmtree(reports, ignore_errors=True)
    timed_report("cold", warehouse, reports)
    timed_report("warm", warehouse, reports)
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        middle = con.execute("SELECT document FROM documents ORDER BY document LIMIT 1 OFFSET ?",
                             [args.plans // 2]).fetchone()[0]
    change_one(warehouse, middle)
    timed_report("one change", warehouse, reports)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
