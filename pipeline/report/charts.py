"""The charts of the index and of a förbund's page, each of bounded size.

One bar per förbund reads for ten förbund and is a 16 000 px scroll for six hundred. A chart of more
items than ReportSettings.chart_rows draws the largest and the smallest half of them by the chart's own
measure and, between them, the median item, and says so under its caption; the comparison tables
hold every förbund.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from . import svg
from .figures import COST_CATEGORIES, PlanFigures
from .words import kr, pct, short_name

Item = TypeVar("Item", bound=tuple)


def bounded(items: list[Item], key: Callable[[Item], float | None], cap: int, noun: str = "förbund"
            ) -> tuple[list[Item], str]:
    """(items to draw, a note on what was left out): all of them while they are at most `cap`; else the
    cap // 2 largest and smallest by key with the median item between (its name prefixed 'median: ')."""
    if len(items) <= cap:
        return items, ""
    given = sorted((i for i in items if key(i) is not None), key=key, reverse=True)  # type: ignore[arg-type]
    missing = len(items) - len(given)
    without = f"; {missing} utan uppgift" if missing else ""
    half = max(1, cap // 2)
    if len(given) <= cap:
        return given, f"Visar de {len(given)} {noun} som har uppgiften{without}."
    middle = given[len(given) // 2]
    shown = [*given[:half], (f"median: {middle[0]}", *middle[1:]), *given[-half:]]
    return shown, (f"Visar de {half} största och de {half} minsta av {len(given)} {noun}, och medianen "
                   f"mellan dem{without}. Alla står i jämförelsen.")


def _share(part: float, parts: list[float]) -> float | None:
    total = sum(parts)
    return part / total if total else None


def index_charts(figures: list[PlanFigures], cap: int) -> str:
    """The four charts of the comparison, one item per förbund (its newest plan)."""
    names = [short_name(f.forbund or f.document) for f in figures]
    allocation, costs, shares, equity = (
        bounded(list(zip(names, [f.allocation for f in figures], strict=True)), lambda i: i[1], cap),
        bounded([(n, [f.costs.get(c, 0) for c in COST_CATEGORIES] + [sum(a for _, a in f.unmapped)])
                 for n, f in zip(names, figures, strict=True)],
                lambda i: _share(i[1][COST_CATEGORIES.index("administration")], i[1]), cap),
        bounded([(n, f.admin_share, f.admin_limit) for n, f in zip(names, figures, strict=True)],
                lambda i: i[1], cap),
        bounded([(n, f.equity, f.recommended_equity) for n, f in zip(names, figures, strict=True)],
                lambda i: i[1] / i[2] if i[1] is not None and i[2] else None, cap))
    return "<section id='diagram'><h2>Diagram</h2>" + "".join([
        svg.bars("Tilldelning per förbund (kr, planåret)", allocation[0], kr, allocation[1]),
        svg.stacked("Kostnadsfördelning (andel av budgeterade kostnader)", costs[0],
                    [*COST_CATEGORIES, "ej kategoriserat"],
                    costs[1] and f"{costs[1]} Ordnade efter administrationens andel."),
        svg.with_limits("Administrationens andel mot förbundets egen gräns", shares[0], pct, shares[1]),
        svg.paired("Eget kapital mot Nationella rådets rekommendation", equity[0],
                   ("eget kapital", "rekommenderad nivå"), kr,
                   equity[1] and f"{equity[1]} Ordnade efter eget kapital som andel av den rekommenderade nivån."),
        "<p class='muted'>Diagrammen visar samma tal som jämförelsen.</p></section>"])


def trend_chart(figures: list[PlanFigures], sums: dict[str, dict[int, dict[str, int]]], cap: int) -> str:
    """A förbund's budgeted income and costs in each of its plans (the plan's own budget year), the newest
    `cap` plans; empty for a förbund with one plan."""
    items = [(str(f.year), sums.get(f.document, {}).get(f.year, {}).get("intäkt"),
              sums.get(f.document, {}).get(f.year, {}).get("kostnad")) for f in figures if f.year]
    if len(items) < 2:
        return ""
    return svg.paired("Intäkter och kostnader i varje plan (planens budgetår)", items[-cap:],
                      ("intäkter", "kostnader"), kr)
