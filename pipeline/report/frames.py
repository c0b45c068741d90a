"""The report's overview and comparison as tables for the exports (the same figures the page shows)."""

from __future__ import annotations

from ..load import fetch_dicts
from .comparison import GROUPS
from .figures import PlanFigures, plan_figures
from .summary import ranked_findings
from .words import is_goal, kr, pct


def primary_documents(con) -> tuple[list[dict], list[dict], list[dict]]:
    """(all documents, the primary ones, the primary ones that were read)."""
    docs = fetch_dicts(con, "SELECT * FROM documents ORDER BY forbund, document")
    primary = [d for d in docs if d.get("is_primary") is not False]
    return docs, primary, [d for d in primary if d["status"] not in ("failed", "needs-ocr")]


def figures_of(con, used: list[dict]) -> list[PlanFigures]:
    """Each read plan's figures; its goals as the report lists them (no table-of-contents line or rule)."""
    return [plan_figures(d, fetch_dicts(con, "SELECT * FROM budget_lines WHERE document = ? ORDER BY table_no, row_no",
                                        [d["document"]]),
                         [g for g in fetch_dicts(con, "SELECT * FROM goals WHERE document = ?", [d["document"]])
                          if is_goal(g)]) for d in used]


def overview_frame(con):
    """One row per plan: who, which file, how fully read, how many errors and warnings, its copies."""
    import pandas as pd

    docs, primary, used = primary_documents(con)
    findings = ranked_findings(con, [d["document"] for d in used])
    rows = [{"Förbund": d["forbund"], "Planår": d["plan_year"], "Dokument": d["document"],
             "Inläst": d["status"], "Fel": sum(f["document"] == d["document"] and f["severity"] == "error"
                                               for f in findings),
             "Varningar": sum(f["document"] == d["document"] and f["severity"] == "warning" for f in findings),
             "Kopior": ", ".join(c["document"] for c in docs if c.get("copy_of") == d["document"])}
            for d in primary]
    return pd.DataFrame(rows, columns=["Förbund", "Planår", "Dokument", "Inläst", "Fel", "Varningar", "Kopior"])


def comparison_frame(con):
    """One row per plan and one column per measure of the report's comparison (values, not text)."""
    import pandas as pd

    _, _, used = primary_documents(con)
    measures = [m for _, group in GROUPS for m in group]
    headings = [m.heading.replace("\u00ad", "") for m in measures]
    rows = [[f.forbund, f.document, f.year, *[m.value(f) for m in measures]] for f in figures_of(con, used)]
    frame = pd.DataFrame(rows, columns=["Förbund", "Dokument", "År", *headings])
    # the workbook's number formats, by how the report shows each measure
    frame.attrs["formats"] = {h: "kronor" if m.shown is kr else "share" if m.shown is pct else None
                              for h, m in zip(headings, measures, strict=True)}
    return frame


def trends_of(con, used: list[dict]) -> dict[str, dict[int, dict[str, int]]]:
    """document → budget year → {'intäkt': sum, 'kostnad': sum} of its rows (not totals, budget columns)."""
    out: dict[str, dict[int, dict[str, int]]] = {}
    for r in fetch_dicts(con, "SELECT document, year, flow, sum(amount_sek) AS s FROM budget_lines WHERE NOT "
                         "is_total AND flow IN ('intäkt', 'kostnad') AND coalesce(column_kind, 'budget') = 'budget' "
                         "AND document IN (SELECT unnest(?)) GROUP BY ALL", [[d["document"] for d in used]]):
        out.setdefault(r["document"], {}).setdefault(r["year"], {})[r["flow"]] = int(r["s"])
    return out
