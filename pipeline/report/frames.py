"""The report's figures per plan, and its overview and comparison as tables for the exports (the same
figures the pages show), all from one read of the warehouse (data.py)."""

from __future__ import annotations

from collections import Counter

from ..settings import CheckSettings
from .comparison import GROUPS
from .data import ReportData, documents_of, read_report_data
from .figures import PlanFigures, plan_figures
from .summary import rank_findings
from .words import kr, pct


def primary_documents(con) -> tuple[list[dict], list[dict], list[dict]]:
    """(all documents, the primary ones, the primary ones that were read)."""
    return documents_of(con)


def figures_for(data: ReportData, doc: dict, settings: CheckSettings | None = None) -> PlanFigures:
    """One read plan's figures; its goals as the report lists them (no table-of-contents line or rule)."""
    name = doc["document"]
    return plan_figures(doc, data.lines.get(name, []), data.shown_goals(name), settings)


def figures_of(con, used: list[dict]) -> list[PlanFigures]:
    """Each given plan's figures."""
    data = read_report_data(con)
    return [figures_for(data, d) for d in used]


def ranked_of(data: ReportData, documents: list[dict]) -> list[dict]:
    """The errors and warnings of these documents, ranked (summary.rank_findings), with their förbund."""
    found = [f | {"forbund": d["forbund"]} for d in documents for f in data.findings.get(d["document"], [])]
    return rank_findings(found, data.turnover())


def overview_frame(con):
    """One row per plan: who, which file, how fully read, how many errors and warnings, its copies."""
    import pandas as pd

    data = read_report_data(con)
    findings = ranked_of(data, data.used)
    errors = Counter(f["document"] for f in findings if f["severity"] == "error")
    warnings = Counter(f["document"] for f in findings if f["severity"] == "warning")
    copies: dict[str, list[str]] = {}
    for c in data.docs:
        if c.get("copy_of"):
            copies.setdefault(c["copy_of"], []).append(c["document"])
    rows = [{"Förbund": d["forbund"], "Planår": d["plan_year"], "Dokument": d["document"], "Inläst": d["status"],
             "Fel": errors[d["document"]], "Varningar": warnings[d["document"]],
             "Kopior": ", ".join(copies.get(d["document"], []))} for d in data.primary]
    return pd.DataFrame(rows, columns=["Förbund", "Planår", "Dokument", "Inläst", "Fel", "Varningar", "Kopior"])


def comparison_frame(con):
    """One row per plan and one column per measure of the report's comparison (values, not text)."""
    import pandas as pd

    data = read_report_data(con)
    measures = [m for _, group in GROUPS for m in group]
    headings = [m.heading.replace("\u00ad", "") for m in measures]
    rows = [[f.forbund, f.document, f.year, *[m.value(f) for m in measures]]
            for f in (figures_for(data, d) for d in data.used)]
    frame = pd.DataFrame(rows, columns=["Förbund", "Dokument", "År", *headings])
    # the workbook's number formats, by how the report shows each measure
    frame.attrs["formats"] = {h: "kronor" if m.shown is kr else "share" if m.shown is pct else None
                              for h, m in zip(headings, measures, strict=True)}
    return frame
