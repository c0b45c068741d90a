"""Checks that read what the NLP found: prose amounts against the table, splits, percentage columns.

Prose that disagrees with a table may speak of a different scope ("of which", another year), so a
difference is a warning for a person to look at, never an error. A funding split that does not
come to 100 %, or a percentage column that does not match the numbers beside it, is a warning
with the computed figure; within one decimal it is rounding.
"""

from __future__ import annotations

from collections import defaultdict

from ..numbers import format_sek, is_percent_header, parse_amount
from ..settings import CheckSettings
from .finding import Finding, make_finding, verdict_of

TEXT_EXACT = 0.005  # text and table figures (kronor, shares) agree when they differ by less than this


def text_finding(document: str, kind: str, verdict: str, label: str, year: int | None, stated: float,
                 computed: float | None, tol: float, used: list[str], where: dict, explanation: str) -> Finding:
    """A finding about what the text says: at most a warning, since prose may mean another scope."""
    return make_finding(document, kind, verdict, label, year, stated, computed, tol, [{"label": u} for u in used],
                        where, explanation, worst="warning")


def _verdict(diff: float, tol: float) -> str:
    return verdict_of(diff, 0.0, tol, exact=TEXT_EXACT)


def check_prose_amounts(document: str, prose: list[dict], budget: list[dict], settings: CheckSettings,
                        plan_year: int | None = None) -> list[dict]:
    """An amount the text ties to a budget line ("SamCoach … 775 000 kronor") against that line;
    without a year in the sentence, the plan year."""
    lines = {(b["label"], b["year"]): b for b in budget if b.get("column_kind") in (None, "budget")}
    out = []
    for p in prose:
        year = p["year"] or plan_year
        line = lines.get((p["linked_label"], year))
        if line is None or p["amount_sek"] is None:
            continue
        tol = abs(line["amount_sek"]) * 0.05 if p["approx"] else settings.rounding_sek
        verdict = _verdict(abs(p["amount_sek"] - line["amount_sek"]), tol)
        text = (f"Texten anger {format_sek(p['amount_sek'])} kr för {p['linked_label']} {year}; tabellen "
                f"{format_sek(line['amount_sek'])} kr.")
        out.append(text_finding(document, f"prose_vs_table_{'mismatch' if verdict == 'error' else 'check'}",
                                verdict, p["linked_label"], year, p["amount_sek"], line["amount_sek"], tol,
                                [p["sentence"][:120]], p, text))
    return out


def check_splits(document: str, percentages: list[dict], settings: CheckSettings) -> list[dict]:
    """Shares named in one sentence as a split (hälften … en fjärdedel … en fjärdedel) add up to 100 %."""
    by_sentence: dict[str, list[dict]] = defaultdict(list)
    for p in percentages:
        if p["kind"] == "split" and not p["sentence"].endswith(")"):  # table column shares are checked below
            by_sentence[p["sentence"]].append(p)
    out = []
    for sentence, parts in by_sentence.items():
        if len(parts) < 3:
            continue
        total = sum(p["value"] for p in parts)
        tol = settings.percent_rounding * len(parts)
        verdict = _verdict(abs(total - 100), tol)
        if verdict == "error" and total < 100:
            verdict = "cannot tell"  # the sentence may name only some of the parts
        out.append(text_finding(document, "split_check" if verdict != "error" else "split_mismatch", verdict,
                                "Fördelning i text", None, 100.0, total, tol, [sentence[:120]], parts[0],
                                f"Andelarna i meningen summerar till {total:g} %."))
    return out


def check_percent_columns(document: str, cells: list[dict], settings: CheckSettings) -> list[dict]:
    """A 'Procent' column against the numbers beside it: each share = its value / the column sum."""
    out = []
    tables: dict[int, list[dict]] = defaultdict(list)
    for c in cells:
        tables[c["table_no"]].append(c)
    for table_no, table in tables.items():
        grid: dict[int, dict[int, dict]] = defaultdict(dict)
        for c in table:
            grid[c["row_no"]][c["col_no"]] = c
        header = grid.get(0, {})
        pct_cols = [col for col, c in header.items() if is_percent_header(c["text"])]
        for pct_col in pct_cols:
            out += _percent_column(document, table_no, grid, pct_col, settings)
    return out


def _percent_column(document: str, table_no: int, grid: dict, pct_col: int, settings: CheckSettings) -> list[dict]:
    base_col = pct_col - 1
    rows = []
    for row_no in sorted(grid)[1:]:
        row = grid[row_no]
        base = parse_amount(row.get(base_col, {}).get("text", ""))
        share = parse_amount(row.get(pct_col, {}).get("text", "").rstrip("% "))
        if base is not None and share is not None:
            rows.append((row, base.value, share.value))
    total = sum(b for _, b, _ in rows)
    if len(rows) < 2 or not total:
        return []
    out = []
    for row, base, share in rows:
        computed = round(base / total * 100, 4)
        verdict = _verdict(abs(share - computed), settings.percent_rounding)
        label = row.get(0, {}).get("text", "")
        cell = row[pct_col] | {"table_no": table_no}
        out.append(text_finding(document, "share_check" if verdict != "error" else "share_mismatch", verdict,
                                label, None, share, computed, settings.percent_rounding, [label], cell,
                                f"{label}: {share:g} % angivet, {computed:.1f} % av kolumnsumman "
                                f"{format_sek(total)}."))
    return out
