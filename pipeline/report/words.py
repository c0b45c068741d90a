"""The report's Swedish: number formats, finding and percentage kinds, comparators, and goal text cleanup.

The warehouse keeps short English codes (kind, comparator) so code can test them; a reader of the
Swedish report sees Swedish words for every one of them.
"""

from __future__ import annotations

import re

from ..numbers import format_sek

KINDS = {
    "sum_mismatch": "Summan stämmer inte med raderna den summerar", "result_mismatch": "Resultatet stämmer inte",
    "equity_mismatch": "Eget kapital rullar inte vidare", "remaining_mismatch": "Kvar att disponera stämmer inte",
    "equity_above_recommendation": "Eget kapital över rekommenderad nivå",
    "prose_vs_table_mismatch": "Texten och tabellen anger olika belopp",
    "share_mismatch": "Angiven andel stämmer inte", "split_mismatch": "Fördelningen blir inte 100 %",
    "split_check": "Fördelningen kan inte prövas", "stated_share_check": "Angiven kostnadsandel kan inte prövas",
    "own_limit_check": "Förbundets egen gräns",
    "rowtotal_mismatch": "Summakolumnen stämmer inte med kolumnerna bredvid",
    "cashflow_mismatch": "Kassaflödesanalysen går inte ihop",
    "sign_mismatch": "Summan har omvänt tecken",
}
PERCENT_KINDS = ("share_", "split_", "stated_share_", "own_limit_")  # stated and computed are percentage points
SEVERITY = {"error": "fel", "warning": "varning", "info": "upplysning"}
COMPARATORS = {">=": "minst", "<=": "högst", ">": "mer än", "<": "mindre än", "=": ""}
PERCENT_KIND_NAMES = {"goal": "mål", "split": "fördelning", "change": "förändring", "staffing": "tjänstgöringsgrad",
                      "interest": "ränta", "budget_share": "andel av budget", "other": "övrigt"}
READ_STATUS = {"ok": "helt", "partial": "delvis", "no tables": "inga tabeller lästa", "failed": "kunde inte läsas",
               "needs-ocr": "behöver OCR (inskannad)"}

# a bullet from a word processor's symbol font (U+F0B7 and the rest of the private use area) or a
# typographic bullet at the start of a goal is layout, not text
_BULLETS = re.compile(r"[\ue000-\uf8ff•▪●◦‣∙·]\s*")
# a table-of-contents line: dot leaders, or a heading number and a page number at its end
_TOC = re.compile(r"(?:\.{3,}|…)\s*\d*\s*$|^\d+(?:\.\d+)*\s+\S.*\s\d{1,3}\s*$")
# a goal is a target a förbund sets itself: a unit that is a bare function word ("av", "part") means the
# number was read out of a rule or a definition ("minst två av myndigheterna ska …"), not a target
_FUNCTION_UNITS = {"av", "part", "parter", "samverkande", "och", "eller", "per", "i", "på", "till"}


def kr(value) -> str:
    return "–" if value is None else f"{format_sek(value)}\u00a0kr"


def points(value) -> str:
    """Percentage points as stored (55.2 → '55,2 %')."""
    return "–" if value is None else f"{round(value, 2):g}\u00a0%".replace(".", ",")


def pct(value) -> str:
    """A share (0.552 → '55,2 %')."""
    return "–" if value is None else f"{value * 100:.1f}\u00a0%".replace(".", ",").replace("-", "\u2212")


def number(value) -> str:
    return "–" if value is None else f"{value:g}".replace(".", ",")


def years_text(years: list[int | None]) -> str:
    shown = sorted({y for y in years if y})
    if not shown:
        return ""
    return shown[0].__str__() if len(shown) == 1 else ", ".join(map(str, shown[:-1])) + f" och {shown[-1]}"


def short_name(name: str) -> str:
    """'Samordningsförbundet i Sollefteå' → 'Sollefteå'; the rest of the name is kept whole (a name cut
    short loses a member: 'Ale, Kungälv, Stenungsund och Tjörn')."""
    return re.sub(r"^samordningsförbundet( i)? |\s*samordningsförbund$", "", name, flags=re.IGNORECASE) or name


def clean_goal(text: str) -> str:
    """A goal's text without layout bullets and doubled spaces."""
    return " ".join(_BULLETS.sub("", text or "").split())


def is_goal(goal: dict) -> bool:
    """False for a table-of-contents line and a number read out of a rule rather than a target."""
    text = clean_goal(goal.get("text") or "")
    if not text or _TOC.search(text):
        return False
    return (goal.get("unit") or "").strip().lower() not in _FUNCTION_UNITS


def goal_value(goal: dict) -> str:
    """'minst 80 %', '8 tillfällen', 'högst 20 %'."""
    value = number(goal.get("value"))
    unit = goal.get("unit") or ""
    amount = f"{value}\u00a0%" if unit == "%" else f"{value} {unit}".strip()
    word = COMPARATORS.get(goal.get("comparator") or "=", goal.get("comparator") or "")
    return f"{word} {amount}".strip()
