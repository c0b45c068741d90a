"""Stage 5, report: the warehouse → reports/index.html and reports/forbund/<slug>.html (Swedish,
self-contained), rendering and writing only the pages whose rows changed (site.py, pages.py).

A run first learns every page's fingerprint from the documents and a hash per table and document
computed in DuckDB; only when a page is stale are rows fetched, and only those its pages show."""

from __future__ import annotations

import time
from functools import cached_property
from pathlib import Path

from ..executor import each
from ..load import connect
from ..model import Progress, ReportResult
from ..settings import Settings
from .crops import CROPS_DIR, CropStore, draw_crop_files, stored_crops
from .data import ReportData, documents_of, latest_run, read_report_data, row_fingerprints
from .evidence import cells_for, copy_sources
from .figures import PlanFigures
from .findings import crop_of
from .frames import figures_for, ranked_of
from .html import render_forbund, render_index
from .pages import Page, stale_pages, write_pages
from .site import Forbund, code_fingerprint, forbund_fingerprint, group_forbund, index_fingerprint
from .summary import rank_key

INDEX = "index.html"


def report(warehouse: Path, reports_dir: Path, settings: Settings | None = None,
           progress: Progress | None = None) -> ReportResult:
    started = time.perf_counter()
    settings = settings or Settings()
    progress = progress or Progress()
    con = connect(warehouse, read_only=True)
    try:
        base = ReportData(*documents_of(con), run=latest_run(con))
        forbunds = group_forbund(base)
        hrefs = copy_sources(base.primary, reports_dir)
        code = code_fingerprint(settings.report, settings.checks)
        rows = row_fingerprints(con, [d["document"] for d in base.used])
        prints = {f.page: forbund_fingerprint(f, rows, hrefs, code) for f in forbunds}
        site = _Site(con, base, forbunds, hrefs, settings, reports_dir)
        pages = [Page(f.page, prints[f.page], lambda f=f: site.forbund_page(f)) for f in forbunds]
        pages.append(Page(INDEX, index_fingerprint(prints, base.run, code), site.index_page))  # last: its links
        site.stale = stale_pages(reports_dir, pages)
        site.crops.stored = stored_crops(con, {d["document"] for f in forbunds if f.page in site.stale
                                               for d in f.plans})
        site.draw_missing_crops()
        progress.start("report", len(pages))
        done = write_pages(reports_dir, pages, progress.advance)
        site.crops.prune({d["document"] for d in base.used},
                         {d["document"] for f in forbunds if f.page in site.stale for d in f.plans})
    finally:
        con.close()
    return ReportResult(processed=done.written, unchanged=done.unchanged, files=done.files, removed=done.removed,
                        seconds=time.perf_counter() - started)


class _Site:
    """Renders the stale pages; the rows are fetched on the first page rendered, only those of the stale
    förbund pages and (for a stale index) of each förbund's newest plan, besides every plan's findings."""

    def __init__(self, con, base: ReportData, forbunds: list[Forbund], hrefs: dict[str, str],
                 settings: Settings, reports_dir: Path) -> None:
        self.con, self.base, self.forbunds, self.hrefs, self.settings = con, base, forbunds, hrefs, settings
        self.stale: set[str] = set()
        self.known: dict[str, PlanFigures] = {}
        self.crops = CropStore(reports_dir / CROPS_DIR)
        self.up = {doc: f"../{href}" for doc, href in hrefs.items()}  # from reports/forbund/ to reports/kallor/

    @cached_property
    def data(self) -> ReportData:
        wanted = {d["document"] for f in self.forbunds if f.page in self.stale for d in f.plans}
        if INDEX in self.stale:
            wanted |= {f.latest["document"] for f in self.forbunds if f.latest}
        return read_report_data(self.con, wanted)

    @cached_property
    def ranked(self) -> dict[str, list[dict]]:
        """förbund page → its findings ranked, each anchor on its own page (a change elsewhere moves none)."""
        return {f.page: ranked_of(self.data, list(f.plans)) for f in self.forbunds}

    @cached_property
    def cells(self) -> dict[tuple, list[dict]]:
        """The table cells the evidence marks need, in one query for every förbund page to be rendered."""
        pdfs = {d["document"] for d in self.base.used if str(d.get("source_path") or "").lower().endswith(".pdf")}
        return cells_for(self.con, [g["instances"][0] for f in self.forbunds if f.page in self.stale
                                    for g in self.ranked[f.page] if g["document"] in pdfs])

    def draw_missing_crops(self) -> None:
        """The evidence crops the stale pages will show that neither the warehouse (the check stage
        stores each document's) nor the kept folder holds, drawn at once in the run's workers (a thousand
        plans of a warehouse made before evidence_crops: some 700 crops, a page render and a PNG each);
        the pages then find them kept. The same findings, marks and keys as the pages' own
        (findings.crop_of); a crop that fails here is tried again, alone, as its page is written."""
        jobs: dict[tuple, dict[Path, tuple]] = {}  # (file, page) → its crops: one render of the page each
        for forbund in (f for f in self.forbunds if f.page in self.stale):
            sources = {d["document"]: d.get("source_path") for d in forbund.plans}
            for group in self.ranked[forbund.page]:
                job = crop_of(group, sources.get(group["document"]), self.cells)
                if job and not self.crops.has(group["document"], job[0]):
                    _, args = job  # (file, modified, page, marks, resolution)
                    jobs.setdefault((args[0], args[2]), {})[self.crops.path(group["document"], job[0])] = args
        if sum(map(len, jobs.values())) >= self.settings.report.crop_pool_min:
            work = ((f"{path}#{page}", (list(crops.items()),)) for (path, page), crops in jobs.items())
            for _ in each(draw_crop_files, work, self.settings):
                pass  # drawn into the store; a failure leaves the crop to its page

    def figures(self, doc: dict) -> PlanFigures:
        if doc["document"] not in self.known:
            self.known[doc["document"]] = figures_for(self.data, doc, self.settings.checks)
        return self.known[doc["document"]]

    def forbund_page(self, forbund: Forbund) -> str:
        return render_forbund(forbund, self.data, [self.figures(d) for d in forbund.plans],
                              self.ranked[forbund.page], self.up, self.cells, self.settings.report, self.crops)

    def index_page(self) -> str:
        everyone = sorted(({**g, "page": f.page, "href": f"{f.page}#{g['anchor']}"} for f in self.forbunds
                           for g in self.ranked[f.page]), key=rank_key)
        return render_index(self.data, self.forbunds, [self.figures(f.latest) for f in self.forbunds if f.latest],
                            everyone, self.hrefs, self.settings.report)
