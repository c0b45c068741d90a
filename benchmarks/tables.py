"""Budget tables from PDFs: finsam against generic extractors, side by side, per layout.

    python -m benchmarks.tables                 # sample PDFs + every variant (OCR makes it slow)
    python -m benchmarks.tables --no-scanned    # skip the scanned variant (no tesseract needed)

For each layout it runs, on the same files and in the same process:
  finsam      the whole pipeline (parse → extract → load → check → report) into a fresh warehouse
  pdfplumber  page.extract_tables() with default settings, through a plain adapter
  camelot     lattice and stream, when camelot-py is installed (pip install camelot-py)
The adapter is the same for every peer: the header row is the first row with year cells, the
first cell is the label, every amount under a year cell is a budget line. Each peer is scored
with score.py's budget rule (same amount, same year, label token_set_ratio >= 80) against the
gold in tests/gold, and timed. A budget page that a peer cannot read scores 0 for that peer.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from pipeline.numbers import find_years, parse_amount

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"
LAYOUTS = ("sample", "ruled", "borderless", "tabstops", "wrapped", "split", "landscape", "rotated", "scanned",
           "scanned-200dpi")


def _score_budget() -> Callable:
    """score.py's own matching rule when it is beside us, else the same rule written out here."""
    if SCORER.exists():
        spec = importlib.util.spec_from_file_location("score", SCORER)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.score_budget
    from rapidfuzz import fuzz

    def score_budget(pred, gold):
        """(matched, missed gold lines, column kinds right, column kinds asked), as score.py returns."""
        used, tp, misses, col_hit, col_n = set(), 0, [], 0, 0
        for g in gold:
            years = {g["year"], *g.get("year_alt", [])}
            best = max(((fuzz.token_set_ratio(str(p["label"]).lower(), g["label"].lower()), i)
                        for i, p in enumerate(pred) if i not in used and p["year"] in years
                        and p["amount_sek"] == g["amount_sek"]), default=(0, None))
            if best[0] < 80:
                misses.append(g)
                continue
            used.add(best[1])
            tp += 1
            if g.get("column") and g["column"] != "other":
                col_n += 1
                col_hit += str(pred[best[1]].get("column_kind") or "budget").lower() == g["column"]
        return tp, misses, col_hit, col_n
    return score_budget


def adapt(document: str, rows: list[list[str | None]]) -> list[dict]:
    """A generic table (rows of cell strings) → budget lines: header years, first cell the label."""
    lines, years = [], None
    for row in rows:
        cells = [(c or "").replace("\n", " ").strip() for c in row]
        found = [find_years(c) for c in cells]
        if sum(len(f) == 1 for f in found[1:]) >= 1 and not any(parse_amount(c) for c in cells[1:]
                                                                   if not find_years(c)):
            years = {i: f[0] for i, f in enumerate(found) if len(f) == 1 and i > 0}
            continue
        if not years or not cells or not cells[0]:
            continue
        for i, year in years.items():
            amount = parse_amount(cells[i]) if i < len(cells) else None
            if amount is not None:
                lines.append({"document": document, "label": cells[0], "year": year, "amount_sek": amount.sek()})
    return lines


def run_pdfplumber(files: list[Path]) -> list[dict]:
    import pdfplumber

    out = []
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for table in page.extract_tables():
                    out += adapt(path.name, table)
    return out


def run_camelot(files: list[Path], flavor: str) -> list[dict]:
    import camelot

    out = []
    for path in files:
        for table in camelot.read_pdf(str(path), pages="all", flavor=flavor):
            out += adapt(path.name, table.df.values.tolist())
    return out


def run_finsam(files: list[Path], work: Path) -> list[dict]:
    """What `finsam run` does, in this process: every stage into a fresh warehouse."""
    import duckdb

    from pipeline.run import run_stages
    from pipeline.settings import Settings

    raw = work / "raw"
    shutil.rmtree(work, ignore_errors=True)
    raw.mkdir(parents=True)
    for path in files:
        shutil.copy(path, raw)
    settings = Settings(raw_dir=raw, extracted_dir=work / "extracted", warehouse=work / "warehouse.duckdb",
                        reports_dir=work / "reports")
    for _ in run_stages(settings):
        pass
    with duckdb.connect(str(settings.warehouse), read_only=True) as con:
        cur = con.execute("SELECT document, label, year, amount_sek FROM budget_lines")
        return [dict(zip(("document", "label", "year", "amount_sek"), r, strict=True)) for r in cur.fetchall()]


def f1(pred: list[dict], files: list[Path], score_budget: Callable) -> float:
    import json

    tp = n_pred = n_gold = 0
    for path in files:
        gold_file = next(g for g in GOLD.glob("*.json") if path.name.startswith(g.stem))
        gold = json.loads(gold_file.read_text(encoding="utf-8"))["budget_lines"]
        mine = [p for p in pred if p["document"] == path.name]
        tp += score_budget(mine, gold)[0]
        n_pred, n_gold = n_pred + len(mine), n_gold + len(gold)
    precision, recall = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def layout_files(layout: str, variants: Path) -> list[Path]:
    from benchmarks.variants import render

    if layout == "sample":
        return sorted((ROOT / "raw").glob("*.pdf"))
    files = []
    for txt in sorted((ROOT / "raw").glob("*.txt")):
        out = variants / f"{txt.stem}-{layout}.pdf"
        files.append(out if out.exists() else render(txt, out, layout))
    return files


def _pages(files: list[Path]) -> int:
    import pypdfium2

    return sum(len(pypdfium2.PdfDocument(str(f))) for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layout", action="append", choices=LAYOUTS, help="layouts to run (default: all)")
    parser.add_argument("--no-scanned", action="store_true", help="skip the scanned (OCR) variant")
    parser.add_argument("--variants", type=Path, help="folder to keep the rendered variants in (default: temp)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore")  # camelot warns on every page without a table
    layouts = [x for x in (args.layout or LAYOUTS) if not (args.no_scanned and x.startswith("scanned"))]
    peers: dict[str, Callable] = {"pdfplumber": run_pdfplumber}
    if importlib.util.find_spec("camelot"):
        peers["camelot-lattice"] = lambda files: run_camelot(files, "lattice")
        peers["camelot-stream"] = lambda files: run_camelot(files, "stream")
    score_budget = _score_budget()
    with tempfile.TemporaryDirectory() as tmp:
        variants = args.variants or Path(tmp) / "variants"
        header = f"{'layout':<11}{'pages':>6}  {'finsam F1':>9} {'pages/s':>8}"
        header += "".join(f"  {name + ' F1':>18} {'pages/s':>8}" for name in peers)
        print(header)
        for layout in layouts:
            files = layout_files(layout, variants)
            pages = _pages(files)
            start = time.perf_counter()
            mine = run_finsam(files, Path(tmp) / "finsam" / layout)
            seconds = {"finsam": time.perf_counter() - start}
            row = f"{layout:<11}{pages:>6}  {f1(mine, files, score_budget):>9.3f} {pages / seconds['finsam']:>8.1f}"
            for name, peer in peers.items():
                start = time.perf_counter()
                theirs = peer(files)
                seconds[name] = time.perf_counter() - start
                row += f"  {f1(theirs, files, score_budget):>18.3f} {pages / seconds[name]:>8.1f}"
            print(row, flush=True)
            if layout == "sample":
                ratio = seconds["finsam"] / seconds["pdfplumber"]
                print(f"{'':<11}finsam full run {seconds['finsam']:.2f} s = {ratio:.2f}x pdfplumber "
                      f"extract_tables {seconds['pdfplumber']:.2f} s (target <= 1.5x)", flush=True)


if __name__ == "__main__":
    main()
