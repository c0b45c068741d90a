"""Rounding with numbers: how far rounding alone can move a printed sum, and how likely that is.

Each printed figure hides an independent rounding error, uniform on ±½ unit (variance 1/12 unit²).
A total of n rows differs from their sum by at most (n + 1)·½ unit, but the sum of many such
errors stays close to zero (central limit): beyond z·σ it happens with probability below
`CheckSettings.rounding_improbability` and is an error even inside the worst case. And a document
whose sums all come out exact, where rounding would have left some of them off, or whose figures end
in 0 far more often than rounded figures do, has figures that are not rounded at all (a budget
planned in whole tkr): there one unit off is an error too.
"""

from __future__ import annotations

import json
from math import comb, pi, prod, sqrt
from statistics import NormalDist

from ..numbers import format_sek
from ..settings import CheckSettings
from .structure import Row

_SUMS = ("sum", "result")  # the checks whose rows are printed figures that may be rounded


def _rounding_sd(terms: int, factor: int) -> float:
    """Standard deviation of a difference made only by rounding: the total and each of its terms
    hide an independent error uniform on ±½ unit (variance 1/12 unit² each)."""
    return sqrt((terms + 1) / 12) * factor


def tolerance(parts: list[Row], factor: int, settings: CheckSettings) -> float:
    """The largest difference rounding explains: each summed item may hide half a unit of its scale
    (the worst case), but the sum of many independent roundings stays far inside that, so beyond
    the band rounding reaches only with probability `rounding_improbability` it is an error."""
    return terms_tolerance(len(parts), factor, settings)


def terms_tolerance(terms: int, factor: int, settings: CheckSettings) -> float:
    """`tolerance` for a sum of `terms` printed figures in a unit of `factor` kronor."""
    per_item = settings.tkr_rounding_units * factor if factor > 1 else settings.rounding_per_item_sek
    worst = per_item * terms
    z = NormalDist().inv_cdf(1 - settings.rounding_improbability / 2)
    return max(settings.rounding_sek * factor, min(worst, z * _rounding_sd(terms, factor)))


def improbable(diff: float, terms: int, factor: int) -> str:
    """The sentence that says why a difference within the worst case is still no rounding."""
    if terms < 2 or diff > terms * 0.5 * factor:
        return ""
    p = 2 * (1 - NormalDist().cdf(diff / _rounding_sd(terms, factor)))
    return (f" Avrundning av {terms} tal kan i värsta fall ge {format_sek(terms * 0.5 * factor)} kr, men en så "
            f"stor skillnad uppstår av avrundning med sannolikhet under {shown(p)}.")


def _chance_exact(terms: int) -> float:
    """Probability that rounding leaves a total of `terms` rows exactly right (normal density of
    the rounding difference at zero, times one unit)."""
    return min(1.0, 1 / sqrt(2 * pi * (terms + 1) / 12))


def _terms(finding: dict) -> int:
    return len(json.loads(finding.get("rows_used") or "[]"))


def _last_digits(lines: list[dict]) -> list[int]:
    """The last printed digit of each non-zero figure (1 633,7 mnkr → 7, 250 tkr → 0). A whole
    figure in a column with decimals counts by its units digit, which can only under-count zeros."""
    digits = []
    for b in lines:
        figure = abs(b["amount_sek"]) / b["unit_factor"]
        for _ in range(3):  # at most two decimals are printed
            if figure == int(figure):
                break
            figure = round(figure * 10, 6)
        if b["amount_sek"] and figure == int(figure):
            digits.append(int(figure) % 10)
    return digits


def _chance_round(lines: list[dict]) -> tuple[float, int, int]:
    """(chance, round, figures): how likely rounding from finer figures leaves this many of a
    column's figures ending in 0. A rounded figure's last digit is even-handed (0 one time in ten);
    a planned amount (250, 1 500) ends in 0 far more often, and planned amounts add up exactly."""
    scaled = [b for b in lines if (b.get("unit_factor") or 1) > 1]
    digits = _last_digits(scaled)
    n, k = len(digits), digits.count(0)
    tail = sum(comb(n, i) * 0.1 ** i * 0.9 ** (n - i) for i in range(k, n + 1))
    return min(1.0, tail), k, n


def _judged(suspect: dict, reason: str) -> dict:
    base = suspect["kind"].removesuffix("_rounding")
    return suspect | {"kind": f"{base}_mismatch", "severity": "error", "verdict": "error",
                      "explanation": f"{suspect['explanation']} {reason}"}


def exact_figures(findings: list[dict], lines: list[dict], settings: CheckSettings) -> list[dict]:
    """A `rounding` verdict is an error where the figures are shown not to be rounded at all (a
    budget planned in whole tkr), except with probability below `rounding_improbability`: every
    other sum of the document comes out exact where rounding would have left some off, or the
    column's figures end in 0 far more often than rounded figures do."""
    sums = [f for f in findings if f["kind"].split("_")[0] in _SUMS and f["verdict"] in ("ok", "rounding")]
    off = [f for f in sums if f["verdict"] == "rounding"]
    judged = {}
    for suspect in off:
        column = [b for b in lines if b["table_no"] == suspect["table_no"] and b["year"] == suspect["year"]]
        exact = prod(_chance_exact(_terms(f)) for f in sums if f is not suspect) if len(off) == 1 else 1.0
        planned, k, n = _chance_round(column)
        if exact < settings.rounding_improbability:
            judged[id(suspect)] = _judged(suspect, (
                f"Dokumentets övriga {len(sums) - 1} summor stämmer exakt, vilket avrundade tal gör med "
                f"sannolikhet under {shown(exact)}: talen är inte avrundade, så skillnaden är ett fel."))
        elif planned * exact < settings.rounding_improbability:
            judged[id(suspect)] = _judged(suspect, (
                f"{k} av kolumnens {n} belopp slutar på 0, vilket avrundade tal gör med sannolikhet under "
                f"{shown(planned * exact)}: beloppen är fastställda i hela enheter, så skillnaden är ett fel."))
    return [judged.get(id(f), f) for f in findings]


def shown(p: float) -> str:
    return f"{p:.0e}".replace("e-0", "e-").replace("e-", "·10^-")
