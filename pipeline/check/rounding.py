"""Rounding with numbers: how far rounding alone can move a printed sum, and how likely that is.

Each printed figure hides an independent rounding error, uniform on ±½ unit (variance 1/12 unit²).
A total of n rows differs from their sum by at most (n + 1)·½ unit, but the sum of many such
errors stays close to zero (central limit): beyond z·σ it happens with probability below
`CheckSettings.rounding_improbability` and is an error even inside the worst case. And a document
whose sums all come out exact, where rounding would have left some of them off, has figures that
are not rounded at all: there one unit off is an error too.
"""

from __future__ import annotations

import json
from math import pi, prod, sqrt
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
    per_item = settings.tkr_rounding_units * factor if factor > 1 else settings.rounding_per_item_sek
    worst = per_item * len(parts)
    z = NormalDist().inv_cdf(1 - settings.rounding_improbability / 2)
    return max(settings.rounding_sek * factor, min(worst, z * _rounding_sd(len(parts), factor)))


def improbable(diff: float, terms: int, factor: int) -> str:
    """The sentence that says why a difference within the worst case is still no rounding."""
    if terms < 2 or diff > terms * 0.5 * factor:
        return ""
    p = 2 * (1 - NormalDist().cdf(diff / _rounding_sd(terms, factor)))
    return (f" Avrundning av {terms} tal kan i värsta fall ge {format_sek(terms * 0.5 * factor)} kr, men en så "
            f"stor skillnad uppstår av avrundning med sannolikhet under {_shown(p)}.")


def _chance_exact(terms: int) -> float:
    """Probability that rounding leaves a total of `terms` rows exactly right (normal density of
    the rounding difference at zero, times one unit)."""
    return min(1.0, 1 / sqrt(2 * pi * (terms + 1) / 12))


def _terms(finding: dict) -> int:
    return len(json.loads(finding.get("rows_used") or "[]"))


def exact_figures(findings: list[dict], settings: CheckSettings) -> list[dict]:
    """Where every other sum of a document comes out exact, and rounding would have left some of
    them off except with probability below `rounding_improbability`, the figures are exact (a
    budget planned in whole tkr): a `rounding` verdict there is an error."""
    sums = [f for f in findings if f["kind"].split("_")[0] in _SUMS and f["verdict"] in ("ok", "rounding")]
    off = [f for f in sums if f["verdict"] == "rounding"]
    if len(off) != 1:  # none to judge, or rounding shows in more than one place: the figures round
        return findings
    chance = prod(_chance_exact(_terms(f)) for f in sums if f is not off[0])
    if chance >= settings.rounding_improbability:
        return findings
    suspect = off[0]
    base = suspect["kind"].removesuffix("_rounding")
    judged = suspect | {"kind": f"{base}_mismatch", "severity": "error", "verdict": "error",
                        "explanation": f"{suspect['explanation']} Dokumentets övriga {len(sums) - 1} summor "
                                       f"stämmer exakt, vilket avrundade tal gör med sannolikhet under "
                                       f"{_shown(chance)}: talen är inte avrundade, så skillnaden är ett fel."}
    return [judged if f is suspect else f for f in findings]


def _shown(p: float) -> str:
    return f"{p:.0e}".replace("e-0", "e-").replace("e-", "·10^-")
