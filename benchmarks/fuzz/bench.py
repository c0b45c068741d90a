"""Generate, render (cached by seed), run finsam, score: the fuzzer's driver.

Scoring uses score.py's own ``score_budget`` (same amount, same year or a year in year_alt, label
token_set_ratio >= 80) when ../shared/tools/score.py is present, else the same rule written out in
benchmarks/tables.py.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..warehouse import budget_lines_by_document
from .gold import line_features, unprinted, write_gold
from .spec import FAMILIES, DocSpec, draw_doc

OFFICE = ("docx-libreoffice", "xlsx-libreoffice")


def draw_docs(seed: int, n: int, families: tuple[str, ...] = FAMILIES, start: int = 0) -> list[DocSpec]:
    """Documents start..start+n-1, families taken in turn."""
    return [draw_doc(seed, i, families[i % len(families)]) for i in range(start, start + n)]


def _key(doc: DocSpec) -> str:
    """The document's spec and the code that writes its file: a change to either redraws it."""
    writer = "render.py" if doc.family.startswith("reportlab") else "office.py"
    code = b"".join(Path(__file__).with_name(name).read_bytes() for name in (writer, "cells.py"))
    return hashlib.sha1(repr(doc).encode() + code).hexdigest()


def _cached(doc: DocSpec, out: Path) -> bool:
    key = out / "keys" / f"{doc.stem}.key"
    return (out / "raw" / f"{doc.stem}.pdf").exists() and key.exists() and key.read_text() == _key(doc)


def _render_one(doc: DocSpec, out: Path) -> str:
    """Draw or print one document; office sources are only written here (converted in batches)."""
    from .office import WRITERS, print_html
    from .render import render_reportlab

    pdf = out / "raw" / f"{doc.stem}.pdf"
    if doc.family in WRITERS:
        write, ext = WRITERS[doc.family]
        source = write(doc, out / "src" / f"{doc.stem}{ext}")
        if doc.family == "html-chromium":
            print_html(source, pdf)
    else:
        render_reportlab(doc, pdf)
    return doc.stem


def _convert_batches(docs: list[DocSpec], out: Path, workers: int) -> None:
    from .office import WRITERS, convert_office

    sources = [out / "src" / f"{d.stem}{WRITERS[d.family][1]}" for d in docs if d.family in OFFICE]
    if not sources:
        return
    batches = [sources[i::workers] for i in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda ib: convert_office(ib[1], out / "raw", out / f".lo-profile-{ib[0]}"),
                      enumerate(batches)))


def render_docs(docs: list[DocSpec], out: Path, workers: int = 2) -> list[Path]:
    """PDFs (and gold) for ``docs`` under out/raw and out/gold; unchanged documents are not redrawn."""
    for sub in ("raw", "src", "keys", "gold"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    todo = [d for d in docs if not _cached(d, out)]
    drawn = [d for d in todo if d.family.startswith("reportlab")]
    printed = [d for d in todo if not d.family.startswith("reportlab")]
    with ProcessPoolExecutor(max(1, workers)) as procs, ThreadPoolExecutor(max(1, workers)) as threads:
        jobs = [procs.submit(_render_one, d, out) for d in drawn]
        jobs += [threads.submit(_render_one, d, out) for d in printed]
        for job in jobs:
            job.result()
    _convert_batches(printed, out, max(1, workers))
    pdfs = []
    for doc in docs:
        pdf = out / "raw" / f"{doc.stem}.pdf"
        if not pdf.exists():
            raise RuntimeError(f"{doc.family} did not produce {pdf}")
        if doc in todo:
            (out / "keys" / f"{doc.stem}.key").write_text(_key(doc))
        write_gold(doc, pdf, out / "gold")
        pdfs.append(pdf)
    return pdfs


def run_finsam(out: Path, docs: list[DocSpec], workers: int = 2) -> Path:
    """finsam's parse → extract → load on exactly ``docs`` into a fresh warehouse (check/report are not scored)."""
    from pipeline.run import run_stages
    from pipeline.settings import Settings

    raw = out / "finsam" / "raw"
    shutil.rmtree(out / "finsam", ignore_errors=True)
    raw.mkdir(parents=True)
    for doc in docs:
        (raw / f"{doc.stem}.pdf").hardlink_to(out / "raw" / f"{doc.stem}.pdf")
    settings = Settings(raw_dir=raw, extracted_dir=out / "finsam" / "extracted",
                        warehouse=out / "finsam" / "warehouse.duckdb", reports_dir=out / "finsam" / "reports",
                        workers=workers)
    for _ in run_stages(settings, stages=("parse", "extract", "load")):
        pass
    return settings.warehouse


@dataclass
class DocScore:
    stem: str
    family: str
    gold: int
    pred: int
    tp: int
    col_hit: int
    col_n: int
    missed: list[dict] = field(default_factory=list)
    extra: list[dict] = field(default_factory=list)
    missed_features: list[dict] = field(default_factory=list)
    features: list[dict] = field(default_factory=list)
    identity_ok: bool = True
    unprinted: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        return 2 * self.tp / (self.gold + self.pred) if self.gold + self.pred else 1.0


def _scorer():
    from benchmarks.tables import _score_budget

    return _score_budget()


def _identity(warehouse: Path) -> dict[str, tuple]:
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {d: (f, y) for d, f, y in con.execute("SELECT document, forbund, plan_year FROM documents").fetchall()}


def _same_name(found: str | None, truth: str) -> bool:
    """score.py's identity rule: token_set_ratio >= 90 on lower-cased names."""
    from rapidfuzz import fuzz

    return fuzz.token_set_ratio((found or "").lower(), truth.lower()) >= 90


def _predicted(warehouse: Path) -> dict[str, list[dict]]:
    return budget_lines_by_document(warehouse, "document, label, year, amount_sek, is_total, page, column_kind, "
                                               "column_header")


def _extras(pred: list[dict], gold: list[dict]) -> list[dict]:
    """Predictions that no gold line could take (same amount and year), for the worst-documents list."""
    keys = Counter((g["amount_sek"], y) for g in gold for y in {g["year"], *g.get("year_alt", [])})
    out = []
    for p in pred:
        k = (p["amount_sek"], p["year"])
        if keys[k] > 0:
            keys[k] -= 1
        else:
            out.append(p)
    return out


def score_docs(warehouse: Path, out: Path, docs: list[DocSpec]) -> list[DocScore]:
    score_budget, predicted, identity = _scorer(), _predicted(warehouse), _identity(warehouse)
    scores = []
    for doc in docs:
        gold = json.loads((out / "gold" / f"{doc.stem}.json").read_text(encoding="utf-8"))
        lines = gold["budget_lines"]
        pages = set(gold["pages"])
        pred = [p for p in predicted.get(f"{doc.stem}.pdf", []) if not pages or p["page"] in pages]
        tp, misses, col_hit, col_n = score_budget(pred, lines)
        features = [f for t in doc.tables for f in line_features(t)]
        missed_ids = {id(m) for m in misses}
        forbund, year = identity.get(f"{doc.stem}.pdf", (None, None))
        scores.append(DocScore(doc.stem, doc.family, len(lines), len(pred), tp, col_hit, col_n, misses,
                               _extras(pred, lines),
                               [f for f, g in zip(features, lines, strict=True) if id(g) in missed_ids], features,
                               identity_ok=_same_name(forbund, doc.forbund) and year == doc.plan_year,
                               unprinted=unprinted(doc, out / "raw" / f"{doc.stem}.pdf")))
    return scores
