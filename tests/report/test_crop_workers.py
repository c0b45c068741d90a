"""Evidence crops the warehouse lacks (one made before the check stage stored them) are drawn ahead in
the run's workers (report.draw_missing_crops): the very crops the pages show, the pages byte for byte
as when each crop is drawn as its page is written, and no crop drawn twice."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from pipeline.report import crops as crops_module
from pipeline.report import report
from pipeline.report.crops import CROPS_DIR
from pipeline.settings import ReportSettings, Settings


def _pages(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


def test_crops_drawn_by_workers_are_the_ones_the_pages_show(pdf_warehouse, tmp_path, monkeypatch):
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(pdf_warehouse, warehouse)
    with duckdb.connect(str(warehouse)) as con:
        con.execute("DROP TABLE evidence_crops")  # as a warehouse made before the check stored crops
    ahead = Settings(workers=2, report=ReportSettings(crop_pool_min=1))
    inline = Settings(workers=2, report=ReportSettings(crop_pool_min=10_000))
    here, drawn_here = os.getpid(), []
    draw = crops_module._crop

    def counted(*args):  # the workers, forked, count in their own memory: only this process's draws stay
        if os.getpid() == here:
            drawn_here.append(args)
        return draw(*args)

    monkeypatch.setattr(crops_module, "_crop", counted)
    report(warehouse, tmp_path / "ahead", ahead)
    assert drawn_here == []  # every crop the pages showed was drawn ahead, in the workers
    monkeypatch.undo()
    report(warehouse, tmp_path / "inline", inline)
    crops = {p.relative_to(tmp_path / "ahead") for p in (tmp_path / "ahead" / CROPS_DIR).rglob("*.png")}
    assert crops, "the sample plans' errors have evidence crops"
    assert crops == {p.relative_to(tmp_path / "inline") for p in (tmp_path / "inline" / CROPS_DIR).rglob("*.png")}
    assert _pages(tmp_path / "ahead") == _pages(tmp_path / "inline")
