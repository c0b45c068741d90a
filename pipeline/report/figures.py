"""The comparison figures of one plan, from its budget lines, goals and findings.

Budget lines are sorted into income, not-a-cost (results, equity) and the cost categories
individinriktade / strukturövergripande / administration by the word lists in vocabulary.toml [categories];
a line no list claims is reported as unmapped, never guessed.

A ratio names its numerator and denominator rows, and is not given where its inputs are missing or
ambiguous: the administration share is left out while a cost line has no category (it could be either
side of the fraction), and money not yet given to any insats ([categories.unallocated], "Ointecknade
medel") is kept out of the costs it is taken of. Cost per participant divides the individinriktade
costs by the planned participants of individinriktade insatser only, by the same word lists, so the
numerator and the denominator speak of the same insatser.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from ..check.categories import (
    COST_CATEGORIES,
    allocation_of,
    budget_lines_of,
    budget_year,
    categories,
    category,
    closing_equity,
    match,
)
from ..check.rules import recommended_equity
from ..check.shares import find_stated_limits
from ..numbers import format_sek
from ..settings import CheckSettings


@dataclass(frozen=True)
class PlanFigures:
    document: str
    forbund: str | None
    plan_year: int | None
    year: int | None
    allocation: int | None = None
    state_part: int | None = None
    state_part_source: str = "–"
    costs: dict[str, int] = field(default_factory=dict)
    unmapped: list[tuple[str, int]] = field(default_factory=list)
    admin_share: float | None = None
    admin_limit: float | None = None
    result: int | None = None
    equity: int | None = None
    recommended_equity: float | None = None
    insatser: int = 0
    participants: int | None = None
    cost_per_participant: float | None = None
    goals: int = 0
    admin_rows: list[tuple[str, int]] = field(default_factory=list)
    cost_rows: list[tuple[str, int]] = field(default_factory=list)
    unallocated: list[tuple[str, int]] = field(default_factory=list)
    admin_note: str = ""
    individ_rows: list[tuple[str, int]] = field(default_factory=list)
    participant_goals: list[tuple[str, int]] = field(default_factory=list)

    def asdict(self) -> dict:
        return asdict(self)


def plan_figures(doc: dict, lines: list[dict], goals: list[dict], settings: CheckSettings | None = None) -> PlanFigures:
    year = budget_year(lines, doc["plan_year"])
    base = {"document": doc["document"], "forbund": doc["forbund"], "plan_year": doc["plan_year"], "year": year,
            "goals": len(goals)}
    if year is None:
        return PlanFigures(**base)
    current = budget_lines_of(lines, year)
    costs, rows, unmapped, unallocated = _sorted_costs(current)
    state = [b["amount_sek"] for b in current if not b["is_total"] and category(b["label"], b["section"]) == "income"
             and match(b["label"], categories()["income"]["state"])]
    allocation = allocation_of(current)
    spent = sum(costs.values()) + sum(amount for _, amount in unmapped)
    limits = [g["value"] for subject, g in find_stated_limits(goals) if subject == "administration"]
    results = [b for b in current if re.search(r"resultat|över-/underskott", b["label"].lower())]
    individ = costs["individinriktade"]
    counted = _participant_goals(goals)
    participants = sum(n for _, n in counted) or None
    settings = settings or CheckSettings()
    loose = sum(abs(amount) for _, amount in unmapped)
    # the uncategorised lines could be administration or not: the share lies between these two
    clear = spent > 0 and loose / spent < settings.ratio_ambiguity
    admin_note = ("inga kostnader" if not spent else "" if not unmapped else
                  f"{', '.join(label for label, _ in unmapped)} ({format_sek(loose)} kr) utan kategori "
                  + ("räknas som annat än administration" if clear else "kan ändra andelen mer än "
                     f"{settings.ratio_ambiguity * 100:g} procentenhet: andelen anges inte"))
    return PlanFigures(
        **base, allocation=allocation,
        state_part=sum(state) if state else (round(allocation / 2) if allocation else None),
        state_part_source="budgeten" if state else ("hälften enligt lag (2003:1210)" if allocation else "–"),
        costs=costs, unmapped=unmapped,
        admin_share=costs["administration"] / spent if clear else None,
        admin_limit=limits[0] / 100 if limits else None, result=results[0]["amount_sek"] if results else None,
        equity=closing_equity(lines, year),
        recommended_equity=recommended_equity(allocation, settings) if allocation else None,
        insatser=sum(1 for kind, _, amount in rows if kind != "administration" and amount > 0),
        participants=participants, cost_per_participant=individ / participants if participants and individ else None,
        admin_rows=[(label, amount) for kind, label, amount in rows if kind == "administration"],
        cost_rows=[(label, amount) for _, label, amount in rows] + unmapped, unallocated=unallocated,
        admin_note=admin_note, individ_rows=[(label, amount) for kind, label, amount in rows
                                             if kind == "individinriktade"],
        participant_goals=counted)


def _sorted_costs(current: list[dict]):
    """Cost lines of one year by category: (sums, [(category, label, amount)], unmapped, unallocated)."""
    costs = dict.fromkeys(COST_CATEGORIES, 0)
    rows, unmapped, unallocated = [], [], []
    for b in current:
        kind = category(b["label"], b["section"])
        if b["is_total"] or kind in ("income", "other") or b.get("repeats_total"):
            continue
        if match(b["label"], categories()["unallocated"]["words"]):
            unallocated.append((b["label"], b["amount_sek"]))
        elif kind is None:
            unmapped.append((b["label"], b["amount_sek"]))
        else:
            costs[kind] += b["amount_sek"]
            rows.append((kind, b["label"], b["amount_sek"]))
    return costs, rows, unmapped, unallocated


def _participant_goals(goals: list[dict]) -> list[tuple[str, int]]:
    """Planned participants ('Budgeterad volym: 20 deltagare') of individinriktade insatser, once per insats."""
    seen: dict[str, int] = {}
    for g in goals:
        if g.get("unit") == "deltagare" and g.get("comparator") == "=" and g.get("insats") \
                and category(g["insats"], None) == "individinriktade":
            seen.setdefault(g["insats"], int(g["value"]))
    return list(seen.items())
