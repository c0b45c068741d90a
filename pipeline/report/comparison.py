"""Jämförelse: förbund × measure in a few narrow tables (grouped by subject), each with rank and median.

One wide table of 17 measures is cut on a laptop screen and on paper; grouped, each table has the
förbund in its rows and at most six measures, so it fits 1280 px and an A4 landscape page, and grows
downwards (not sideways) with more förbund. A click on a column heading sorts its table (inline script,
no network); without the script the tables read as printed.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from .figures import PlanFigures
from .words import kr, number, pct, short_name


@dataclass(frozen=True)
class Measure:
    heading: str
    value: Callable[[PlanFigures], float | None]
    shown: Callable[[float | None], str]
    high_is_first: bool = True  # rank 1 for the largest value


def _unmapped(f: PlanFigures) -> float | None:
    return sum(a for _, a in f.unmapped) if f.unmapped else None


GROUPS: tuple[tuple[str, tuple[Measure, ...]], ...] = (
    ("Ekonomi", (
        Measure("Tilldelning", lambda f: f.allocation, kr),
        Measure("Statens del", lambda f: f.state_part, kr),
        Measure("Individ\u00adinriktade", lambda f: f.costs.get("individinriktade"), kr),
        Measure("Struktur\u00adövergripande", lambda f: f.costs.get("strukturövergripande"), kr),
        Measure("Administration", lambda f: f.costs.get("administration"), kr),
        Measure("Ej kategoriserat", _unmapped, kr))),
    ("Andelar och kapital", (
        Measure("Administrationens andel", lambda f: f.admin_share, pct, high_is_first=False),
        Measure("Egen gräns", lambda f: f.admin_limit, pct),
        Measure("Budgeterat resultat", lambda f: f.result, kr),
        Measure("Eget kapital", lambda f: f.equity, kr),
        Measure("Rekommenderad nivå", lambda f: f.recommended_equity, kr))),
    ("Verksamhet", (
        Measure("Insatser", lambda f: f.insatser, number),
        Measure("Planerade deltagare", lambda f: f.participants, number),
        Measure("Kostnad per deltagare", lambda f: f.cost_per_participant, kr, high_is_first=False),
        Measure("Mätbara mål", lambda f: f.goals, number))),
)

# sorts a table by the clicked column's data-v (numbers) or text; a second click reverses; a paged
# table (paging.py) then shows its first page
SORT_SCRIPT = """
document.querySelectorAll('table.sortable th').forEach(function (th, i) {
  th.tabIndex = 0; th.title = 'Sortera';
  function sort() {
    var body = th.closest('table').tBodies[0], down = th.dataset.dir !== 'desc';
    var key = function (r) { var c = r.cells[i]; return c.dataset.v !== undefined ? +c.dataset.v : c.textContent; };
    Array.from(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b), d = typeof x === 'number' ? x - y : String(x).localeCompare(y, 'sv');
      return down ? -d : d; }).forEach(function (r) { body.appendChild(r); });
    th.dataset.dir = down ? 'desc' : 'asc';
    if (window.finsamPage) { window.finsamPage(th.closest('table'), 0); }  // a paged table: its first page
  }
  th.addEventListener('click', sort);
  th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
});
"""


def ranks(values: list[float | None], high_is_first: bool) -> list[int | None]:
    """Competition rank (1, 2, 2, 4) of each value among the given ones; None stays unranked."""
    first: dict[float, int] = {}
    for place, v in enumerate(sorted((v for v in values if v is not None), reverse=high_is_first), 1):
        first.setdefault(v, place)
    return [None if v is None else first[v] for v in values]


def median(values: list[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return statistics.median(given) if given else None


def comparison_html(figures: list[PlanFigures], trends: dict[str, dict[int, dict[str, int]]] | None = None,
                    links: dict[str, str] | None = None, page_rows: int | None = None) -> str:
    """The index's comparison: one row per förbund (its newest plan), ranked among all, each linked to its
    page (`links`: document → href); a table longer than page_rows is paged (paging.py)."""
    links = links or {}
    names = [_linked(short_name(f.forbund or f.document), links.get(f.document)) for f in figures]
    tables = "".join(_table(title, measures, figures, names, page_rows=page_rows) for title, measures in GROUPS)
    paged = (f" Långa tabeller visas {page_rows} rader i taget; bläddra under tabellen (vid utskrift "
             "syns alla rader).") if page_rows and len(figures) > page_rows else ""
    return ("<section id='jamforelse'><h2>Jämförelse</h2><p class='muted'>En rad per förbund: dess senaste plan. "
            "Budgetåret är planåret (annars det första budgetåret). Raderna sorteras i kategorier enligt "
            "ordlistorna i <code>pipeline/vocabulary.toml [categories]</code>; hur varje andel räknats står på "
            f"respektive förbunds sida. Siffran efter ett värde är dess rang bland de {len(figures)} förbunden "
            "(1 = störst; för administrationens andel och kostnad per deltagare 1 = minst). "
            f"Klicka på en kolumnrubrik för att sortera.{paged}</p>{tables}"
            f"{_trends(figures, trends or {}, names, page_rows)}</section>")


def plans_html(figures: list[PlanFigures], trends: dict[str, dict[int, dict[str, int]]]) -> str:
    """A förbund's own plans side by side (no ranks: a rank among one förbund's years says nothing)."""
    names = [f"<a href='#plan-{escape(f.document)}'>{f.plan_year or '?'}</a>" for f in figures]
    tables = "".join(_table(title, measures, figures, names, ranked=False, first="Plan")
                     for title, measures in GROUPS)
    return f"{tables}{_trends(figures, trends, names, None, first='Plan')}"


def _linked(name: str, href: str | None) -> str:
    return f"<a href='{escape(href)}'>{escape(name)}</a>" if href else escape(name)


def _paged(page_rows: int | None, rows: int) -> str:
    return f" paged' data-rows='{page_rows}" if page_rows and rows > page_rows else ""


def _table(title: str, measures: tuple[Measure, ...], figures: list[PlanFigures], names: list[str],
           ranked: bool = True, page_rows: int | None = None, first: str = "Förbund") -> str:
    columns = [[m.value(f) for f in figures] for m in measures]
    ranked_columns = [ranks(col, m.high_is_first) if ranked else [None] * len(col)
                      for col, m in zip(columns, measures, strict=True)]
    head = f"<th scope='col'>{first}</th><th scope='col'>År</th>" + "".join(
        f"<th scope='col'>{m.heading}</th>" for m in measures)
    body = []
    for i, (f, name) in enumerate(zip(figures, names, strict=True)):
        cells = "".join(_cell(columns[j][i], ranked_columns[j][i], m, len(figures)) for j, m in enumerate(measures))
        body.append(f"<tr><th scope='row'>{name}</th><td data-v='{f.year or 0}'>{f.year or '–'}</td>{cells}</tr>")
    medians = "".join(f"<td>{m.shown(median(col))}</td>" for col, m in zip(columns, measures, strict=True))
    foot = f"<tfoot><tr><th scope='row'>Median</th><td></td>{medians}</tr></tfoot>" if ranked else ""
    return (f"<h3>{escape(title)}</h3><div class='cmp'>"
            f"<table class='measures sortable{_paged(page_rows, len(figures))}'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody>{foot}</table></div>")


def _cell(value: float | None, rank: int | None, measure: Measure, count: int) -> str:
    if value is None:
        return "<td data-v='-1e18'>–</td>"
    shown_rank = f"<span class='rank'>{rank}</span>" if rank and count > 1 else ""
    return f"<td data-v='{sort_value(value)}'>{measure.shown(value)}{shown_rank}</td>"


def sort_value(value: float) -> str:
    """A cell's data-v: the figure to sort by, to ten significant digits (not a float's seventeen)."""
    return f"{value:.10g}" if isinstance(value, float) else str(value)


def _trends(figures: list[PlanFigures], trends: dict[str, dict[int, dict[str, int]]], names: list[str] | None = None,
            page_rows: int | None = None, first: str = "Förbund") -> str:
    """Income and costs per budget year, for the plans that budget more than one year."""
    names = names or [escape(short_name(f.forbund or f.document)) for f in figures]
    rows = []
    for f, name in zip(figures, names, strict=True):
        years = trends.get(f.document, {})
        if len(years) < 2:
            continue
        cells = [" → ".join(f"{year}: {kr(years[year].get(flow))}" for year in sorted(years))
                 for flow in ("intäkt", "kostnad")]
        costs = [years[y]["kostnad"] for y in sorted(years) if years[y].get("kostnad") is not None]
        change = (costs[-1] - costs[0]) / costs[0] if len(costs) > 1 and costs[0] else None
        rows.append(f"<tr><th scope='row'>{name}</th><td>{cells[0]}</td>"
                    f"<td>{cells[1]}</td><td class='n' data-v='{sort_value(change) if change is not None else -1e18}'>"
                    f"{pct(change)}</td></tr>")
    if not rows:
        return ""
    return ("<h3>Utveckling över budgetåren</h3><div class='cmp'>"
            f"<table class='sortable{_paged(page_rows, len(rows))}'>"
            f"<thead><tr><th scope='col'>{first}</th><th scope='col'>Intäkter per år</th><th scope='col'>Kostnader "
            "per år</th><th scope='col'>Kostnader, första till sista året</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")
