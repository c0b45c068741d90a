"""The one place that reads Swedish amounts, years and percentages.

Swedish plans write "1 416 000 kr", "6340 tkr", "-150 000***", "+ 295", "55,2 %", with
thousands grouped by plain space, NBSP or NARROW NBSP and minus as '-', '−' or '–'.
Everything downstream receives numbers from here and never re-parses text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

MINUS_SIGNS = "\u2212\u2013\u2014-"  # hyphen last: it must not form a range in [..]
GROUP_SPACES = " \u00a0\u202f\u2009"

UNIT_FACTORS: dict[str, int] = {
    "kr": 1, "sek": 1, "kronor": 1, ":-": 1,
    "tkr": 1_000, "tsek": 1_000, "tusen kronor": 1_000,
    "mkr": 1_000_000, "mnkr": 1_000_000, "msek": 1_000_000, "miljoner": 1_000_000,
    "miljoner kronor": 1_000_000, "miljon": 1_000_000, "miljon kronor": 1_000_000,
}

_SP = f"[{GROUP_SPACES}]"
# "1438 431", "2 832000": OCR (and careless typing) drops a group space; the digit groups after the
# first still come in threes, so they still say thousands
# at most four groups after the first (999 999 999 999 999: a trillion kronor): a longer run is two
# amounts read as one ("959 825 722 216 746 880"), never one amount. ASCII digits only: `\d` would
# take "۵3" for 53.
_NUM = rf"[0-9]{{1,4}}(?:{_SP}(?:[0-9]{{3}}){{1,2}}){{1,4}}|[0-9]{{1,15}}"
# multi-word units match any run of spaces between their words ("tusen  kronor"); longest first
_UNIT = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in sorted(UNIT_FACTORS, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"""^
    (?P<open>\()?\s?
    (?P<sign>[+{MINUS_SIGNS}])?\s?
    (?P<int>{_NUM})
    (?:,(?P<dec>[0-9]+))?
    \s?(?P<unit>{_UNIT})?\.?
    \s?(?P<close>\))?
    \s?(?P<foot>\*+|[¹²³⁴⁵⁶⁷⁸⁹]+)?
    $""",
    re.VERBOSE | re.IGNORECASE,
)
# Runs of two or more blanks become one tab before matching: every optional blank in the pattern is then
# at most one character, so a cell of any length matches in linear time (a run of 1 000 spaces between
# optional parts once cost minutes of backtracking), and a tab is no thousands separator, so "1  234"
# stays two numbers as before.
_BLANK_RUN = re.compile(r"\s{2,}")
WAREHOUSE_MAX_SEK = 2**63 - 1  # the warehouse stores kronor as BIGINT
_YEAR = re.compile(r"(?<![0-9:/.,-])((?:19[89]|20[0-9])[0-9])(?![0-9:]|\s*(?:kr|tkr|st)\b)")
_PERCENT = re.compile(
    rf"(?P<sign>[+{MINUS_SIGNS}])?(?P<int>[0-9]{{1,3}})(?:,(?P<dec>[0-9]+))?\s*(?:%|procent\b)", re.IGNORECASE
)


_PERCENT_HEADER = re.compile(r"^(procent|andel|%|andel \(?%\)?|andel i procent)$", re.IGNORECASE)


def is_percent_header(text: str) -> bool:
    """A column header saying its cells are percentages ("Procent", "Andel", "%")."""
    return bool(_PERCENT_HEADER.match((text or "").strip()))


@dataclass(frozen=True)
class Amount:
    """A parsed cell amount: the value in whole SEK when a unit was given or known.

    ``scaled`` holds the printed digits as an exact integer (``decimals`` of them after the comma), so
    kronor come out exact at any size; ``value`` is the float for arithmetic on printed figures.
    """

    value: float
    unit: str | None
    footnote: str | None
    scaled: int | None = None
    decimals: int = 0

    def sek(self, default_factor: int = 1) -> int:
        """Whole kronor, rounded half away from zero from the exact printed digits."""
        factor = UNIT_FACTORS[self.unit] if self.unit else default_factor
        if self.scaled is None:
            return round(self.value * factor)
        whole, rest = divmod(abs(self.scaled) * factor, 10 ** self.decimals)
        whole += 2 * rest >= 10 ** self.decimals
        return -whole if self.scaled < 0 else whole


def parse_amount(text: str) -> Amount | None:
    """Read one table cell as an amount; None when the cell is not a number.

    >>> parse_amount("-150 000***")
    Amount(value=-150000.0, unit=None, footnote='***', scaled=-150000, decimals=0)
    >>> parse_amount("6340 tkr").sek()
    6340000
    """
    m = _AMOUNT.match(_BLANK_RUN.sub("\t", (text or "").strip()))
    if not m or (m["open"] is None) != (m["close"] is None):
        return None
    digits = re.sub(f"[{GROUP_SPACES}]", "", m["int"]) + (m["dec"] or "")
    negative = (m["sign"] and m["sign"] != "+") or m["open"] is not None
    scaled = -int(digits) if negative else int(digits)
    decimals = len(m["dec"] or "")
    unit = " ".join(m["unit"].lower().split()) if m["unit"] else None
    return Amount(scaled / 10 ** decimals, unit, m["foot"], scaled, decimals)


def is_amount(text: str) -> bool:
    return parse_amount(text) is not None


def unit_factor(text: str, kronor: bool = False) -> int | None:
    """The scale a header or title announces ("(tkr)", "Bidrag i tkr", "Mkr"), or None; the scale words
    are the vocabulary's [units] (pipeline/vocabulary.toml). With ``kronor`` plain kronor count too
    ("Belopp i kr" → 1): a header corner or column header saying so overrides a caption's scale."""
    low = (text or "").lower()
    return next((factor for pattern, factor in _scale_patterns(kronor) if pattern.search(low)), None)


@lru_cache(maxsize=2)
def _scale_patterns(kronor: bool) -> tuple[tuple[re.Pattern[str], int], ...]:
    """The vocabulary's scale words, longest first (a longer phrase wins over a word inside it), compiled
    once: unit_factor runs for every header, caption and row label."""
    from .vocabulary import vocabulary

    scales = sorted(((w, f) for w, f in vocabulary()["units"].items() if f > 1 or kronor), key=lambda x: -len(x[0]))
    return tuple((re.compile(rf"(?<![a-zåäö]){re.escape(unit)}(?![a-zåäö])"), factor) for unit, factor in scales)


def find_years(text: str) -> list[int]:
    """Standalone four-digit years 1980-2099 (not law numbers such as 2003:1210)."""
    return [int(y) for y in _YEAR.findall(text or "")]


def parse_percentages(text: str) -> list[tuple[float, int, int]]:
    """Every written percentage "55,2 %", "75 procent" as (value, start, end)."""
    out = []
    for m in _PERCENT.finditer(text or ""):
        value = float(m["int"] + ("." + m["dec"] if m["dec"] else ""))
        out.append((value, m.start(), m.end()))
    return out


def format_sek(value: float | int | None) -> str:
    """Swedish display with NBSP thousands: 1 416 000."""
    if value is None:
        return "–"
    sign = "−" if value < 0 else ""
    return sign + f"{abs(round(value)):,}".replace(",", "\u00a0")
