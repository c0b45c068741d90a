"""The one place that reads finsam's Swedish table vocabulary (vocabulary.toml).

Everything that recognises a Swedish word in a table (column kinds, units, totals, budget
headings) asks here; `fingerprint()` goes into the extract cache key so an edited word list
re-extracts the documents it could change.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

_FILE = "vocabulary.toml"
# an analyst's own copy of the word lists (a path), read instead of the one finsam ships; set it before the
# run starts: modules read their word lists once, on import
OVERRIDE_ENV = "FINSAM_VOCABULARY"


def source() -> str:
    """Where the word lists come from: the override file, or the packaged vocabulary.toml."""
    return os.environ.get(OVERRIDE_ENV) or str(resources.files("pipeline").joinpath(_FILE))


def _bytes() -> bytes:
    override = os.environ.get(OVERRIDE_ENV)
    if override:
        from .errors import MissingInput

        try:
            return open(override, "rb").read()
        except OSError as exc:
            raise MissingInput(override, f"the vocabulary named by {OVERRIDE_ENV} cannot be read ({exc.strerror})",
                               f"Point {OVERRIDE_ENV} at a copy of pipeline/vocabulary.toml, or unset it.") from exc
    return resources.files("pipeline").joinpath(_FILE).read_bytes()


@lru_cache(maxsize=1)
def vocabulary() -> dict:
    return tomllib.loads(_bytes().decode("utf-8"))


@lru_cache(maxsize=8)
def fingerprint(sections: tuple[str, ...] | None = None) -> str:
    """Hash of the word lists: all of them, or only the named top-level sections (what one stage reads),
    so an edit to the check's words leaves parsed documents alone while one to a parse word re-parses."""
    if sections is None:
        return hashlib.sha256(_bytes()).hexdigest()[:16]
    from .store import content_digest

    return content_digest({name: vocabulary().get(name) for name in sections})


@lru_cache(maxsize=256)
def word_pattern(section: str, key: str = "words") -> re.Pattern[str]:
    """One pattern matching any entry of a list at a word start, longest first."""
    words = sorted(vocabulary()[section][key], key=len, reverse=True)
    return re.compile("|".join(_bounded(w) for w in words), re.IGNORECASE)


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of the words, escaped, longest first (so "tusen kronor" beats "tusen")."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _bounded(word: str) -> str:
    """An entry that starts or ends with a letter or digit must start or end a word there ("ram" is
    not in "program"); one that starts with a sign ("/m²", "%") may follow anything."""
    before = r"(?<![\wåäö])" if word[:1].isalnum() else ""
    after = r"(?![\wåäö])" if word[-1:].isalnum() else ""
    return f"{before}{re.escape(word)}{after}"


_FOLD = str.maketrans("åäàáöéèüÅÄÀÁÖÉÈÜ", "aaaaoeeuAAAAOEEU")


def fold(text: str) -> str:
    """Text with Swedish diacritics dropped (å, ä → a; ö → o; é → e), same length, so positions carry
    over: OCR often loses them ("Arsredovisning"), and a word list should still match."""
    return text.translate(_FOLD)


def is_period(text: str) -> bool:
    """A header naming a part of a year: "Kv 1", "Jan–mar", "T2", "April"; not the whole year ("Jan–dec")."""
    whole_year = re.compile(vocabulary()["total_columns"]["whole_year"], re.IGNORECASE)
    return bool(word_pattern("total_columns", "periods").search(text or "")) and not whole_year.search(text or "")
