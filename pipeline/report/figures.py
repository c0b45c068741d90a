"""The comparison figures of one plan, from its budget lines, goals and findings.

Budget lines are sorted into income, not-a-cost (results, equity) and the cost categories
individinriktade / strukturövergripande / administration by the word lists in vocabulary.toml [categories];
a line no list claims is reported as unmapped, never guessed.
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

    def asdict(self) -> dict:
        return asdict(self)


def plan_figures(doc: dict, lines: list[dict], goals: list[dict], settings: CheckSettings | None = None) -> PlanFigures:
    year = budget_year(lines, doc["plan_year"])
    base = {"document": doc["document"], "forbund": doc["forbund"], "plan_year": doc["plan_year"], "year": year,
            "goals": len(goals)}
    if year is None:
        return PlanFigures(**base)
    current = budget_lines_of(lines, year)
    costs = dict.fromkeys(COST_CATEGORIES, 0)
    unmapped, insatser, state = [], 0, []
    for b in current:
        kind = category(b["label"], b["section"])
        if kind == "income" and not b["is_total"] and match(b["label"], categories()["income"]["state"]):
            state.append(b["amount_sek"])
        if b["is_total"] or kind in ("income", "other"):
            continue
        if kind is None:
            unmapped.append((b["label"], b["amount_sek"]))
            continue
        costs[kind] += b["amount_sek"]
        insatser += kind != "administration" and b["amount_sek"] > 0
    allocation = allocation_of(current)
    state_part = sum(state) if state else (round(allocation / 2) if allocation else None)
    spent = sum(costs.values()) + sum(amount for _, amount in unmapped)
    limits = [g["value"] for subject, g in find_stated_limits(goals) if subject == "administration"]
    results = [b for b in current if re.search(r"resultat|över-/underskott", b["label"].lower())]
    participants = sum(int(g["value"]) for g in goals if g["unit"] == "deltagare" and g["comparator"] == "=") or None
    individ = costs["individinriktade"]
    return PlanFigures(
        **base, allocation=allocation, state_part=state_part,
        state_part_source="budgeten" if state else ("hälften enligt lag (2003:1210)" if allocation else "–"),
        costs=costs, unmapped=unmapped, admin_share=costs["administration"] / spent if spent else None,
        admin_limit=limits[0] / 100 if limits else None, result=results[0]["amount_sek"] if results else None,
        equity=closing_equity(lines, year),
        recommended_equity=recommended_equity(allocation, settings or CheckSettings()) if allocation else None,
        insatser=insatser, participants=participants,
        cost_per_participant=individ / participants if participants and individ else None)
