"""A plan's own statements about its budget, against its tables.

Two kinds: a list of category shares ("Kostnadsbudgeten … fördelas enligt följande: 55,2 %
individinriktade insatser, 23,9 % strukturövergripande …") and a limit the förbund sets itself
("administrativa kostnader bör inte överstiga 20 % av budget", "det egna kapitalet inte
överstiger 20 % av driftsbidraget").

Which line belongs to which category is the förbund's own grouping; ours (vocabulary.toml [categories]) is a
convention. So a stated share is tested against the nearest grouping of the cost lines that
explains every stated share at once: our categories, with at most ``share_moves`` lines moved and
the lines our word lists leave open placed anywhere. A share no such grouping explains is
`cannot tell` (a warning naming our figure), never an error: the plan may group differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations, product
from math import comb

from ..numbers import format_sek
from ..settings import CheckSettings
from .categories import (
    COST_CATEGORIES,
    allocation_of,
    budget_lines_of,
    budget_years,
    categories,
    category,
    closing_equity,
    match,
)
from .language import text_finding

SHARE_LINE = re.compile(r"^\W*?(\d{1,3}(?:,(\d+))?)\s*%\s+([^\d%]{3,60}?)[\s.;,]*$")
MAX_OPEN_LINES = 4  # lines no word list claims; each is tried in every stated category


def _pct(value: float, decimals: int | None = None) -> str:
    """A share the Swedish way: 55,2 (decimals as given, else as few as the value needs)."""
    text = f"{value:.{decimals}f}" if decimals is not None else f"{value:g}"
    return text.replace(".", ",")


@dataclass(frozen=True)
class StatedShare:
    value: float
    decimals: int
    phrase: str
    record: dict

    @property
    def tolerance(self) -> float:
        return 0.05 if self.decimals else 0.5


def find_stated_share_lists(percentages: list[dict]) -> list[list[StatedShare]]:
    """Runs of adjacent lines that each give a share and what it is a share of ('- 2,4 % ny verksamhet')."""
    runs: list[list[StatedShare]] = []
    previous: dict | None = None
    for record in sorted(percentages, key=_position):
        found = SHARE_LINE.match(record["sentence"] or "")
        if not found:
            previous = None
            continue
        share = StatedShare(float(found[1].replace(",", ".")), len(found[2] or ""), found[3].strip().lower(), record)
        if previous is not None and _adjacent(previous, record):
            runs[-1].append(share)
        else:
            runs.append([share])
        previous = record
    return [run for run in runs if len(run) >= 2]


def _position(record: dict) -> tuple:
    return (record.get("page") or 0, record.get("line") or 0, (record.get("bbox") or [0, 0])[1])


def _adjacent(a: dict, b: dict) -> bool:
    if a.get("line") is not None and b.get("line") is not None:
        return 0 < b["line"] - a["line"] <= 2  # a blank line may sit between bullets
    if a.get("bbox") and b.get("bbox") and a.get("page") == b.get("page"):
        height = a["bbox"][3] - a["bbox"][1]
        return 0 < b["bbox"][1] - a["bbox"][1] <= 2.5 * height
    return False


def _cost_lines(budget: list[dict], year: int) -> list[dict]:
    return [b for b in budget_lines_of(budget, year) if not b["is_total"]
            and category(b["label"], b.get("section")) not in ("income", "other")]


def _stated_category(phrase: str) -> str:
    labels = categories()["labels"]
    scores = {c: match(phrase, labels[c]) for c in COST_CATEGORIES}
    best = max(scores, key=scores.get)
    return best if scores[best] else phrase


def is_cost_split(shares: list[StatedShare]) -> bool:
    """Shares of the cost budget: one names a cost category and none names income or equity
    ("50 % staten, 25 % regionen" splits the income; "60 % kvinnor, 40 % män" the participants)."""
    return any(_stated_category(s.phrase) in COST_CATEGORIES for s in shares) and not any(
        category(s.phrase, None) in ("income", "other") for s in shares)


def _first_guess(line: dict, stated: list[str]) -> str | None:
    own = category(line["label"], line.get("section"))
    if own in stated:
        return own
    return next((s for s in stated if s not in COST_CATEGORIES and match(line["label"], [s])), None)


def _explains(groups: list[str], amounts: list[int], shares: list[StatedShare], stated: list[str], base: int) -> bool:
    for share, name in zip(shares, stated, strict=True):
        part = sum(a for a, g in zip(amounts, groups, strict=True) if g == name)
        if abs(part / base * 100 - share.value) > share.tolerance:
            return False
    return True


def _search_size(placed: int, open_lines: int, categories: int, moves: int) -> int:
    """Groupings tried with up to `moves` placed lines moved, each open line tried in every category."""
    return sum(comb(placed, n) * categories ** (open_lines + n) for n in range(moves + 1))


def nearest_grouping(lines: list[dict], shares: list[StatedShare], moves: int,
                     limit: int = 50_000) -> tuple[list[str], int] | None:
    """The grouping of cost lines nearest to ours that gives every stated share; None if none does
    within `limit` groupings tried (past it the verdict is `cannot tell`)."""
    stated = [_stated_category(s.phrase) for s in shares]
    guess = [_first_guess(line, stated) for line in lines]
    amounts = [line["amount_sek"] for line in lines]
    base = sum(amounts)
    open_lines = [i for i, g in enumerate(guess) if g is None]
    if not base or len(open_lines) > MAX_OPEN_LINES:
        return None
    placed = [i for i in range(len(lines)) if guess[i] is not None]
    while moves >= 0 and _search_size(len(placed), len(open_lines), len(stated), moves) > limit:
        moves -= 1  # a long plan: fewer moved lines rather than a search that grows with its size cubed
    for n_moves in range(moves + 1):
        for moved in combinations(placed, n_moves):
            for targets in product(stated, repeat=len(open_lines) + n_moves):
                groups = list(guess)
                for i, target in zip(open_lines + list(moved), targets, strict=True):
                    groups[i] = target
                if all(groups[i] != guess[i] for i in moved) and _explains(groups, amounts, shares, stated, base):
                    return groups, n_moves
    return None


def check_stated_shares(document: str, percentages: list[dict], budget: list[dict], settings: CheckSettings,
                        year: int | None) -> list[dict]:
    """Each stated category share against the cost lines of the plan year."""
    lines = _cost_lines(budget, year) if year else []
    out = []
    for shares in find_stated_share_lists(percentages):
        if not lines or not is_cost_split(shares):
            continue
        found = nearest_grouping(lines, shares, settings.share_moves, settings.share_search_limit)
        stated = [_stated_category(s.phrase) for s in shares]
        base = sum(line["amount_sek"] for line in lines)
        for share, name in zip(shares, stated, strict=True):
            out.append(_share_finding(document, share, name, lines, found, base, year))
    return out


def _share_finding(document: str, share: StatedShare, name: str, lines: list[dict],
                   found: tuple[list[str], int] | None, base: int, year: int) -> dict:
    if found is None:
        ours = sum(line["amount_sek"] for line in lines if category(line["label"], line.get("section")) == name)
        computed = round(ours / base * 100, 2)
        return text_finding(document, "stated_share_check", "cannot tell", share.phrase, year, share.value, computed,
                            share.tolerance, [], share.record,
                            f"{_pct(share.value, share.decimals)} % {share.phrase}: med rapportens kategorier "
                            f"{_pct(computed, 1)} % av {format_sek(base)} kr; ingen närliggande gruppering av "
                            "raderna ger planens andelar.")
    groups, n_moves = found
    members = [line for line, g in zip(lines, groups, strict=True) if g == name]
    part = sum(line["amount_sek"] for line in members)
    computed = round(part / base * 100, 2)
    verdict = "ok" if abs(computed - share.value) < 0.005 else "rounding"
    names = ", ".join(line["label"] for line in members) or "inga rader"
    moved = f" (planens gruppering skiljer sig från rapportens på {n_moves} rad)" if n_moves else ""
    return text_finding(document, "stated_share_check", verdict, share.phrase, year, share.value, computed,
                        share.tolerance, [line["label"] for line in members], share.record,
                        f"{_pct(share.value, share.decimals)} % {share.phrase} = {names}: {format_sek(part)} av "
                        f"{format_sek(base)} kr = {_pct(computed, 2)} %{moved}.")


LIMIT_SUBJECTS = (("administration", re.compile(r"administrat")),
                  ("eget kapital", re.compile(r"eget kapital|egna kapital")))
ALLOCATION_BASE = re.compile(r"driftsbidrag|driftbidrag|medlemsbidrag|tilldelning|intäkt")


def find_stated_limits(goals: list[dict]) -> list[tuple[str, dict]]:
    """The förbund's own ceilings on a share: (subject, goal) for 'administrativa kostnader … inte överstiga 20 %'."""
    out = []
    for goal in goals:
        if goal.get("unit") != "%" or goal.get("comparator") not in ("<=", "<"):
            continue
        text = (goal.get("sentence") or goal.get("text") or "").lower()
        subject = next((name for name, pattern in LIMIT_SUBJECTS if pattern.search(text)), None)
        if subject:
            out.append((subject, goal))
    return out


def _on_allocation(goal: dict) -> bool:
    """'… 20 % av driftsbidraget' is a share of the allocation; '… av budget' of the costs."""
    return bool(ALLOCATION_BASE.search((goal.get("sentence") or "").lower()))


def _limited_share(subject: str, goal: dict, budget: list[dict], year: int) -> float | None:
    """The share (%) the limit speaks of in one year; None when the tables lack the figures."""
    costs = _cost_lines(budget, year)
    on_allocation = _on_allocation(goal)
    base = allocation_of(budget_lines_of(budget, year)) if on_allocation else sum(b["amount_sek"] for b in costs)
    if subject == "administration":
        part = sum(b["amount_sek"] for b in costs if category(b["label"], b.get("section")) == "administration")
    else:
        part = closing_equity(budget, year)
    return part / base * 100 if part is not None and base else None


def check_stated_limits(document: str, goals: list[dict], budget: list[dict]) -> list[dict]:
    """Each of the förbund's own limits against the share computed for every budget year."""
    out = []
    for subject, goal in find_stated_limits(goals):
        limit, base_name = goal["value"], "tilldelningen" if _on_allocation(goal) else "kostnaderna"
        shares = {year: _limited_share(subject, goal, budget, year) for year in budget_years(budget)}
        computed = {year: share for year, share in shares.items() if share is not None}
        if not computed:
            out.append(text_finding(document, "own_limit_check", "cannot tell", subject, None, limit, None, 0.0, [],
                                    goal, f"Planens gräns för {subject} kan inte prövas: tabellerna visar inte "
                                    f"både {subject} och {base_name}."))
        for year, share in computed.items():
            verdict = "ok" if share <= limit else "above limit"
            row = text_finding(document, "own_limit_check", "ok", subject, year, limit, round(share, 2), 0.0, [],
                               goal, f"Planens gräns för {subject}: högst {_pct(limit)} % av {base_name}; {year} "
                               f"{_pct(share, 1)} %.")
            out.append(row | {"verdict": verdict, "severity": "info" if verdict == "ok" else "warning"})
    return out
