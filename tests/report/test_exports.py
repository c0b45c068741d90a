"""Exports for the analyst's tools: one Swedish workbook, Swedish CSV, plain CSV and Parquet, no paths."""

from __future__ import annotations

import shutil
import subprocess

import pandas as pd
import pytest

from pipeline.export import FORMATS, REPORT_TABLES, SWEDISH_CSV, VIEWS, WORKBOOK, export
from pipeline.workbook import HEADERS, without_paths

from ..conftest import rows

SHEETS = ["Översikt", "Budgetrader", "Mål", "Procent", "Fynd", "Jämförelse", "Dokument"]


@pytest.fixture(scope="module")
def exported(pdf_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    return out, {fmt: export(pdf_warehouse, out, fmt) for fmt in FORMATS}


def test_csv_and_parquet_hold_every_view_with_the_warehouse_row_counts(exported, pdf_warehouse):
    out, results = exported
    for view in VIEWS:
        count = rows(pdf_warehouse, f"SELECT count(*) AS n FROM {view}")[0]["n"]
        assert len(pd.read_csv(out / f"{view}.csv")) == len(pd.read_parquet(out / f"{view}.parquet")) == count
        assert results["csv"].rows[view] == count
    assert len(pd.read_csv(out / "comparison.csv")) == len(pd.read_csv(out / "overview.csv")) == 5


def test_swedish_csv_round_trips_through_pandas(exported):
    out, _ = exported
    raw = (out / SWEDISH_CSV.format(name="budget_lines")).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    frame = pd.read_csv(out / SWEDISH_CSV.format(name="budget_lines"), sep=";", decimal=",", encoding="utf-8-sig")
    plain = pd.read_csv(out / "budget_lines.csv")
    assert list(frame.columns)[:5] == ["Dokument", "Tabell", "Rad", "Kolumn", "Radtext"]
    assert frame["Belopp (kr)"].tolist() == plain["amount_sek"].tolist()
    shares = pd.read_csv(out / SWEDISH_CSV.format(name="comparison"), sep=";", decimal=",", encoding="utf-8-sig")
    assert shares["Administrationens andel"].dropna().between(0, 1).all()  # decimal comma read back as numbers
    assert ",1" in (out / SWEDISH_CSV.format(name="comparison")).read_text(encoding="utf-8-sig")


def test_the_workbook_has_swedish_sheets_headers_formats_frozen_row_and_filters(exported):
    from openpyxl import load_workbook

    out, results = exported
    assert results["xlsx"].files == (str(out / WORKBOOK),)
    book = load_workbook(out / WORKBOOK)
    assert book.sheetnames == SHEETS
    lines = book["Budgetrader"]
    headers = [c.value for c in lines[1]]
    assert "Belopp (kr)" in headers and "Flöde" in headers and "amount_sek" not in headers
    amount = headers.index("Belopp (kr)") + 1
    assert lines.cell(2, amount).number_format == "#,##0"
    assert all(sheet.freeze_panes == "A2" and sheet.auto_filter.ref for sheet in book.worksheets)
    compare = book["Jämförelse"]
    share = [c.value for c in compare[1]].index("Administrationens andel") + 1
    assert compare.cell(2, share).number_format == "0.0%"
    assert set(REPORT_TABLES.values()) <= set(book.sheetnames)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (.ci/run installs it)")
def test_libreoffice_converts_the_workbook_with_swedish_headers(exported, tmp_path):
    out, _ = exported
    every_sheet = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", every_sheet, "--outdir", str(tmp_path), str(out / WORKBOOK)],
                   capture_output=True, timeout=180, check=True)
    for sheet in SHEETS:
        header = (tmp_path / f"finsam-{sheet}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.split(";")[0] in ("Förbund", "Dokument"), (sheet, header)
    lines = (tmp_path / "finsam-Budgetrader.csv").read_text(encoding="utf-8").splitlines()[0].split(";")
    assert [HEADERS[c] for c in ("label", "year", "amount_sek", "is_primary")] == \
        [h for h in lines if h in ("Radtext", "År", "Belopp (kr)", "Primär")]


def test_no_export_holds_a_local_path(exported, pdf_warehouse):
    out, _ = exported
    root = str(pdf_warehouse.parent)
    for path in out.iterdir():
        if path.suffix == ".csv":
            assert root not in path.read_text(encoding="utf-8-sig"), path.name
    assert "source_path" not in pd.read_csv(out / "documents.csv").columns
    assert pd.read_csv(out / "documents.csv")["source_file"].str.endswith(".pdf").all()


def test_paths_inside_text_are_cut_to_the_file_name():
    frame = pd.DataFrame({"source_path": ["/home/anna/plans/a.pdf"],
                          "problems": ["cannot read /home/anna/plans/a.pdf: page 3"]})
    out = without_paths(frame)
    assert out.columns.tolist() == ["source_file", "problems"]
    assert out.iloc[0].tolist() == ["a.pdf", "cannot read a.pdf: page 3"]
