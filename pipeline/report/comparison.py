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

# sorts a table by the clicked column's data-v (numbers) or text; a second click reverses
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
  }
  th.addEventListener('click', sort);
  th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
});
"""


def ranks(values: list[float | None], high_is_first: bool) -> list[int | None]:
    """Competition rank (1, 2, 2, 4) of each value among the given ones; None stays unranked."""
    given = sorted((v for v in values if v is not None), reverse=high_is_first)
    return [None if v is None else given.index(v) + 1 for v in values]


def median(values: list[float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return statistics.median(given) if given else None


def comparison_html(figures: list[PlanFigures], trends: dict[str, dict[int, dict[str, int]]] | None = None) -> str:
    tables = "".join(_table(title, measures, figures) for title, measures in GROUPS) + _trends(figures, trends or {})
    return ("<section id='jamforelse'><h2>Jämförelse</h2><p class='muted'>Budgetåret är planåret (annars det första "
            "budgetåret). Raderna sorteras i kategorier enligt ordlistorna i <code>pipeline/vocabulary.toml "
            "[categories]</code>; hur varje andel räknats står under respektive förbund. Siffran efter ett värde är "
            "dess rang (1 = störst; för administrationens andel och kostnad per deltagare 1 = minst). Klicka på en "
            f"kolumnrubrik för att sortera.</p>{tables}</section>")


def _table(title: str, measures: tuple[Measure, ...], figures: list[PlanFigures]) -> str:
    columns = [[m.value(f) for f in figures] for m in measures]
    ranked = [ranks(col, m.high_is_first) for col, m in zip(columns, measures, strict=True)]
    head = "<th scope='col'>Förbund</th><th scope='col'>År</th>" + "".join(
        f"<th scope='col'>{m.heading}</th>" for m in measures)
    body = []
    for i, f in enumerate(figures):
        cells = "".join(_cell(columns[j][i], ranked[j][i], m, len(figures)) for j, m in enumerate(measures))
        name = escape(short_name(f.forbund or f.document))
        body.append(f"<tr><th scope='row'><a href='#plan-{escape(f.document)}'>{name}</a></th>"
                    f"<td data-v='{f.year or 0}'>{f.year or '–'}</td>{cells}</tr>")
    medians = "".join(f"<td class='n'>{m.shown(median(col))}</td>" for col, m in zip(columns, measures, strict=True))
    return (f"<h3>{escape(title)}</h3><div class='cmp'><table class='sortable'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody><tfoot><tr><th scope='row'>Median</th><td></td>{medians}</tr></tfoot>"
            "</table></div>")


def _cell(value: float | None, rank: int | None, measure: Measure, count: int) -> str:
    if value is None:
        return "<td class='n' data-v='-1e18'>–</td>"
    shown_rank = f"<span class='rank' title='rang {rank} av {count}'>{rank}</span>" if rank and count > 1 else ""
    return f"<td class='n' data-v='{value}'>{measure.shown(value)}{shown_rank}</td>"


def _trends(figures: list[PlanFigures], trends: dict[str, dict[int, dict[str, int]]]) -> str:
    """Income and costs per budget year, for the förbund whose plan budgets more than one year."""
    rows = []
    for f in figures:
        years = trends.get(f.document, {})
        if len(years) < 2:
            continue
        cells = [" → ".join(f"{year}: {kr(years[year].get(flow))}" for year in sorted(years))
                 for flow in ("intäkt", "kostnad")]
        costs = [years[y]["kostnad"] for y in sorted(years) if years[y].get("kostnad") is not None]
        change = (costs[-1] - costs[0]) / costs[0] if len(costs) > 1 and costs[0] else None
        rows.append(f"<tr><th scope='row'>{escape(short_name(f.forbund or f.document))}</th><td>{cells[0]}</td>"
                    f"<td>{cells[1]}</td><td class='n' data-v='{change if change is not None else -1e18}'>"
                    f"{pct(change)}</td></tr>")
    if not rows:
        return ""
    return ("<h3>Utveckling över budgetåren</h3><div class='cmp'><table class='sortable'><thead><tr>"
            "<th scope='col'>Förbund</th><th scope='col'>Intäkter per år</th><th scope='col'>Kostnader per år</th>"
            "<th scope='col'>Kostnader, första till sista året</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>")
