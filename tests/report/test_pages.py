"""Incremental pages: a run writes only the pages whose rows changed, removes the pages of förbund that
disappeared, and an unchanged run writes nothing (pipeline/report/pages.py, site.py)."""

from __future__ import annotations

import shutil

import duckdb
import pytest

from pipeline.report import report
from pipeline.report.pages import MANIFEST, Page, write_pages


def _page(path: str, fingerprint: str, calls: list[str]) -> Page:
    def render() -> str:
        calls.append(path)
        return f"<p>{path} {fingerprint}</p>"
    return Page(path, fingerprint, render)


def test_only_pages_with_a_new_fingerprint_are_rendered_and_vanished_ones_removed(tmp_path):
    calls: list[str] = []
    first = write_pages(tmp_path, [_page("forbund/a.html", "1", calls), _page("forbund/b.html", "1", calls),
                                   _page("index.html", "1", calls)])
    assert len(first.written) == 3 and calls == ["forbund/a.html", "forbund/b.html", "index.html"]
    (tmp_path / "finsam.xlsx").write_text("an export, not a page")
    calls.clear()
    second = write_pages(tmp_path, [_page("forbund/a.html", "2", calls), _page("index.html", "2", calls)])
    assert calls == ["forbund/a.html", "index.html"]  # b is gone from the warehouse: removed, not rendered
    assert second.removed == (str(tmp_path / "forbund" / "b.html"),) and not (tmp_path / "forbund" / "b.html").exists()
    assert (tmp_path / "finsam.xlsx").exists()  # never written by the report: never removed by it
    calls.clear()
    third = write_pages(tmp_path, [_page("forbund/a.html", "2", calls), _page("index.html", "2", calls)])
    assert calls == [] and third.written == () and len(third.unchanged) == 2


def test_a_page_cut_short_or_deleted_is_written_again(tmp_path):
    calls: list[str] = []
    pages = [_page("forbund/a.html", "1", calls), _page("index.html", "1", calls)]
    write_pages(tmp_path, pages)
    (tmp_path / "forbund" / "a.html").write_text("<p>")  # a crash between rename and disk
    (tmp_path / "index.html").unlink()
    calls.clear()
    again = write_pages(tmp_path, pages)
    assert sorted(calls) == ["forbund/a.html", "index.html"] and len(again.written) == 2


def test_a_damaged_manifest_means_every_page_is_written(tmp_path):
    calls: list[str] = []
    pages = [_page("index.html", "1", calls)]
    write_pages(tmp_path, pages)
    (tmp_path / MANIFEST).write_text("{not json")
    calls.clear()
    assert write_pages(tmp_path, pages).written and calls == ["index.html"]


@pytest.fixture()
def warehouse(text_warehouse, tmp_path):
    """A copy of the sample plans' warehouse (the .txt plans: five förbund) that a test may change."""
    copy = tmp_path / "w.duckdb"
    shutil.copy(text_warehouse, copy)
    return copy


def test_one_changed_plan_rewrites_its_forbund_page_and_the_index_only(warehouse, tmp_path):
    reports = tmp_path / "reports"
    first = report(warehouse, reports)
    pages = sorted((reports / "forbund").glob("*.html"))
    assert len(first.processed) == len(pages) + 1 == 6 and (reports / "index.html").exists()
    before = {p: p.stat().st_mtime_ns for p in [*pages, reports / "index.html"]}
    unchanged = report(warehouse, reports)
    assert unchanged.processed == () and len(unchanged.unchanged) == 6
    assert {p: p.stat().st_mtime_ns for p in before} == before
    with duckdb.connect(str(warehouse)) as con:
        document, forbund = con.execute("SELECT document, forbund FROM documents WHERE forbund LIKE '%Burlöv%'"
                                        ).fetchone()
        con.execute("UPDATE budget_lines SET amount_sek = amount_sek + 1000 WHERE document = ? AND NOT is_total",
                    [document])
    changed = report(warehouse, reports)
    page = reports / "forbund" / "burlov-kavlinge-staffanstorp-vellinge.html"
    assert set(changed.processed) == {str(page), str(reports / "index.html")}
    assert all(p.stat().st_mtime_ns == t for p, t in before.items() if p not in (page, reports / "index.html"))
    assert forbund in page.read_text(encoding="utf-8")


def test_a_forbund_gone_from_the_warehouse_loses_its_page(warehouse, tmp_path):
    reports = tmp_path / "reports"
    report(warehouse, reports)
    with duckdb.connect(str(warehouse)) as con:
        gone = [r[0] for r in con.execute("SELECT document FROM documents WHERE forbund LIKE '%Sollefteå%'").fetchall()]
        for table in ("documents", "budget_lines", "goals", "percentages", "findings", "table_cells"):
            con.execute(f"DELETE FROM {table} WHERE document IN (SELECT unnest(?))", [gone])
    after = report(warehouse, reports)
    assert after.removed == (str(reports / "forbund" / "solleftea.html"),)
    assert not (reports / "forbund" / "solleftea.html").exists()
    assert "solleftea.html" not in (reports / "index.html").read_text(encoding="utf-8")
    assert str(reports / "index.html") in after.processed and len(after.unchanged) == 4


def test_crops_are_kept_between_runs_and_pruned_with_their_pages(tmp_path):
    from pipeline.report.crops import CropStore

    made: list[str] = []

    def make(name: str):
        return lambda: made.append(name) or name.encode()

    store = CropStore(tmp_path / "crops")
    assert store.get("a.pdf", "k1", make("k1")) == b"k1" and store.get("a.pdf", "k2", make("k2")) == b"k2"
    store.get("b.pdf", "k3", make("k3"))
    again = CropStore(tmp_path / "crops")  # the next run
    assert again.get("a.pdf", "k1", make("k1")) == b"k1" and made == ["k1", "k2", "k3"]  # read, not drawn
    again.prune({"a.pdf"}, {"a.pdf"})  # b.pdf left the warehouse; a.pdf's page now shows k1 only
    assert sorted(p.name for p in (tmp_path / "crops").rglob("*.png")) == ["k1.png"]
