"""Swedish lemmas from spacy-lookups-data's lookup table, one word at a time.

Goals need the lemma of a few unit words ("tillfällen" → "tillfälle"); lemmatizing every token of every
paragraph meant loading all 660 000 entries in each process (0.5–0.8 s, a large share of a small run).
The table is copied once per machine into an indexed SQLite file beside the user's other caches, named
by the hash of the packaged table, so an upgraded spacy-lookups-data makes a new one; each word is then
a single indexed lookup. Where no cache can be written the table is read into memory, as before.
Answers are spaCy's lookup lemmatizer's: the entry for the exact text, else the text itself.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

CACHE_ENV = "FINSAM_CACHE"  # a folder for machine-wide caches; default $XDG_CACHE_HOME/finsam


def _table_path() -> Path:
    from importlib.resources import files

    return Path(str(files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"))


def _read_table() -> dict[str, str]:
    import srsly

    return srsly.read_gzip_json(_table_path())


def cache_dir() -> Path:
    base = os.environ.get(CACHE_ENV) or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "finsam"
    return Path(base)


def _database() -> Path:
    digest = hashlib.sha256(_table_path().read_bytes()).hexdigest()[:16]
    return cache_dir() / f"sv_lemma_lookup-{digest}.sqlite"


def _build(target: Path) -> None:
    """Write the table to a temp file and rename it into place: a killed build leaves no half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=".tmp-lemmas-", dir=target.parent)
    os.close(handle)
    try:
        with sqlite3.connect(tmp) as con:
            con.execute("CREATE TABLE lemma (word TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID")
            con.executemany("INSERT OR REPLACE INTO lemma VALUES (?, ?)", _read_table().items())
        con.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=1)
def _lookup():
    """A function word → lemma or None: from the SQLite copy, or from memory when none can be made."""
    try:
        path = _database()
        if not path.exists():
            _build(path)
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        query = "SELECT lemma FROM lemma WHERE word = ?"
        return lambda word: (con.execute(query, (word,)).fetchone() or (None,))[0]
    except (OSError, sqlite3.Error):  # a read-only home or full disk: the table in memory still answers
        table = _read_table()
        return table.get


@lru_cache(maxsize=4096)
def lemma(word: str) -> str:
    """The lookup lemma of a word as written ("tillfällen" → "tillfälle"); the word itself when unlisted."""
    return _lookup()(word) or word
