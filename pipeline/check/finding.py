"""One finding record, built in one place for every check (tables, text, stated shares).

A finding is a verdict on one printed figure: ok · rounding (explained by rounding of the shown
figures) · error · cannot tell (with the reason), as statcheck reports them. Its materiality is the
difference as a share of the figure it concerns, so a reader can rank findings by how much they matter.
"""

from __future__ import annotations

import json
from typing import TypedDict

SEVERITY = {"ok": "info", "rounding": "info", "error": "error", "cannot tell": "warning"}


class Finding(TypedDict):
    """A row of the warehouse's `findings` table."""

    document: str
    kind: str
    severity: str          # info | warning | error
    verdict: str           # ok | rounding | error | cannot tell | above limit
    table_no: int | None
    label: str
    year: int | None
    stated: float | None
    computed: float | None
    difference: float | None    # stated − computed, in the figure's own unit (kronor, percent)
    materiality: float | None   # |difference| as a share of the larger of stated and computed
    tolerance: float
    rows_used: str              # JSON list of {"row": …, "label": …}
    page: int | None
    line: int | None
    bbox: list[float] | None
    explanation: str


def verdict_of(stated: float | None, computed: float | None, tol: float, exact: float = 0.5) -> str:
    """ok below half the smallest printed unit (`exact`), rounding within `tol`, else error."""
    if stated is None or computed is None:
        return "cannot tell"
    diff = abs(stated - computed)
    return "ok" if diff < exact else "rounding" if diff <= tol else "error"


def materiality(stated: float | None, computed: float | None) -> float | None:
    if stated is None or computed is None:
        return None
    scale = max(abs(stated), abs(computed))
    return abs(stated - computed) / scale if scale else 0.0


def make_finding(document: str, kind: str, verdict: str, label: str, year: int | None, stated: float | None,
                 computed: float | None, tol: float, used: list[dict], where: dict, explanation: str,
                 worst: str = "error", unsure: str = "warning") -> Finding:
    """The record; `worst` caps the severity (text can say a figure differs, never accuse it) and
    `unsure` is the severity of `cannot tell`."""
    severity = unsure if verdict == "cannot tell" else SEVERITY.get(verdict, "warning")
    if severity == "error" and worst != "error":
        severity = worst
    return Finding(document=document, kind=kind, severity=severity, verdict=verdict,
                   table_no=where.get("table_no"), label=label, year=year, stated=stated, computed=computed,
                   difference=None if stated is None or computed is None else stated - computed,
                   materiality=materiality(stated, computed), tolerance=tol,
                   rows_used=json.dumps(used, ensure_ascii=False), page=where.get("page"),
                   line=where.get("line"), bbox=where.get("bbox"), explanation=explanation)


def unconfirmed(finding: dict, check: str, reason: str) -> dict:
    """An error nothing confirms, told as `cannot tell` (info) with the reason: the likelier story is
    that the table was read, or its structure guessed, wrong."""
    return finding | {"kind": f"{check}_unconfirmed", "severity": "info", "verdict": "cannot tell",
                      "explanation": f"{finding['explanation']} {reason}: kan inte avgöra."}
