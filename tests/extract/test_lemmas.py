"""Lemmas one word at a time (extract/lemmas.py) give spaCy's lookup lemmatizer's answers."""

from __future__ import annotations

import pytest

from pipeline.extract import lemmas
from pipeline.extract.nlp import rules

WORDS = ["tillfällen", "deltagare", "träffar", "Tillfällen", "föreläsningar", "xyzzyordet", "gånger", "ärenden"]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setenv(lemmas.CACHE_ENV, str(tmp_path / "cache"))
    lemmas._lookup.cache_clear()
    lemmas.lemma.cache_clear()
    yield tmp_path / "cache"
    lemmas._lookup.cache_clear()
    lemmas.lemma.cache_clear()


def _spacy_lemmas(words: list[str]) -> list[str]:
    import spacy
    from spacy.tokens import Doc

    nlp = spacy.blank("sv")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lemmatizer.lookups.set_table("lemma_lookup", lemmas._read_table())
    return [t.lemma_ for t in lemmatizer(Doc(nlp.vocab, words=words))]


def test_the_same_lemmas_as_spacys_lookup_lemmatizer(fresh):
    words = WORDS + [w for unit in rules()["goals"]["units"] for w in unit.split()]
    assert [lemmas.lemma(w) for w in words] == _spacy_lemmas(words)
    assert lemmas.lemma("tillfällen") == "tillfälle"
    assert lemmas.lemma("xyzzyordet") == "xyzzyordet"  # unlisted: the word itself
    assert len(list(fresh.glob("sv_lemma_lookup-*.sqlite"))) == 1
    assert not list(fresh.glob(".tmp-*"))  # built in a temp file, renamed into place


def test_without_a_writable_cache_the_table_is_read_into_memory(fresh, monkeypatch):
    fresh.parent.joinpath("cache").write_text("a file where the cache folder should be")
    assert lemmas.lemma("tillfällen") == "tillfälle"
