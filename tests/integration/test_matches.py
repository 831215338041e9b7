"""A full-text search's matches read once and shared by its reads (query/matches.py), and PostgreSQL's
snippets made from a window of the text around the first hit (store/postgres.py, ``headline``).

The database is test_rollups.py's (the bundled samples through the pipeline plus invented articles and
quotes), on SQLite and on PostgreSQL; the cap is lowered to make searches exceed it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from test_rollups import _fill

from newsgraph import query as Q
from newsgraph.store import open_store
from newsgraph.store.postgres import HEADLINE_BEFORE, HEADLINE_WINDOW, PostgresFullText, ts_pattern, ts_query


@pytest.fixture(scope="module")
def db(empty_store: str) -> str:
    """The module's database on each store (conftest ``empty_store``), filled once."""
    _fill(empty_store)
    return empty_store


def _recorded(store: Any) -> list[str]:
    """The SQL of every query ``store`` runs from now on."""
    seen: list[str] = []
    plain = store.query

    def query(sql: str, params: Any = ()) -> Any:
        seen.append(sql)
        return plain(sql, params)

    store.query = query
    return seen


def _index_reads(seen: list[str]) -> list[str]:
    """The queries that look words up in a full-text index (not those ranking rows found by their ids)."""
    return [s for s in seen if "@@" in s or " MATCH " in s]


@pytest.mark.parametrize("cap", [6, 10_000])
def test_the_facets_and_the_list_share_one_read_of_the_matches(db: str, cap: int) -> None:
    with open_store(db, read_only=True) as store:
        store.cache_size = 0
        store.fulltext_cap = cap
        for f in (Q.ArticleFilter(q="report"), Q.ArticleFilter(q="report", outlet="Invented"),
                  Q.ArticleFilter(q="talks", date_from="2024-02"), Q.ArticleFilter(q="repo* talks")):
            alone = [Q.article_facets(store, f), Q.list_articles(store, f, limit=7, offset=2)]
            for rank in (False, True):  # ranked by id after, or read with the candidates (the search page's way)
                seen = _recorded(store)
                m = Q.article_matches(store, f, rank=rank)
                shared = [Q.article_facets(store, f, matches=m),
                          Q.list_articles(store, f, limit=7, offset=2, matches=m)]
                del store.query
                assert shared == alone, (f, rank)  # the same answers as each read asking on its own
                assert m is not None and m.capped is alone[1]["total_capped"]
                if db.startswith("postgresql"):  # the index once; the candidates ranked once
                    assert len(_index_reads(seen)) == 1, seen
                    assert len([s for s in seen if "ts_rank" in s]) == 1, seen
                else:  # SQLite: the matches once (rowids), then FTS5 reads the rows the list and the facets show
                    assert len(_index_reads(seen)) == 3, seen
        assert Q.article_matches(store, Q.ArticleFilter(outlet="Invented")) is None  # no words: nothing to read


# PostgreSQL only: SQLite ranks in the query that reads the rows
@pytest.mark.parametrize("empty_store", ["postgres"], indirect=True)
def test_candidates_ranked_with_their_rows_are_in_the_stores_order(db: str) -> None:
    """Ranks read with the candidates are sorted in Python: as ``ORDER BY rank DESC, id`` sorts them."""
    with open_store(db, read_only=True) as store:
        store.cache_size = 0
        for q in ("report", "the", "sentence", "repo* talks", "president"):
            m = Q.article_matches(store, Q.ArticleFilter(q=q), rank=True)
            assert m is not None and m.ranks is not None and m.keys
            by_sql = [r[0] for r in store.query(store.fulltext.ranked_by_id("fq", "ids"),
                                                {"fq": m.params["fq"], "ids": m.keys})]
            assert m.ranked(store) == by_sql, q


def test_a_page_of_quotes_asks_the_index_once(db: str) -> None:
    with open_store(db, read_only=True) as store:
        store.cache_size = 0
        for cap in (6, 10_000):
            store.fulltext_cap = cap
            for kw in ({}, {"min_confidence": 0.7}, {"speaker": "ada"}):
                seen = _recorded(store)
                got = Q.list_quotes(store, q="sentence", limit=4, **kw)
                groups = Q.quotes_by_speaker(store, q="sentence", per_speaker=2, **kw)
                del store.query
                assert got["total_capped"] is groups["total_capped"] is (cap == 6)
                reads = _index_reads(seen)
                if db.startswith("postgresql"):  # once for the list, once for the speakers, then by their keys
                    assert len(reads) == 2, reads
                else:  # SQLite: FTS5 again to keep the candidates (from the lowest rowid on) or every match
                    assert len(reads) <= 5, reads


# Invented texts (team-written): a harbour town's news, long enough that a window of the text is a small part
FILLER = "The committee met again on Tuesday to review the budget figures for the coming year. "
TEXTS = [
    "Harbour workers voted on Monday to end the strike. " + FILLER * 80,
    FILLER * 70 + "The harbour reopened at dawn, and the first boats left. " + FILLER * 30,
    FILLER * 2 + "The harbour was quiet. " + FILLER * 60 + "A new harbour wall is planned. " + FILLER * 5,
    FILLER * 120 + "Only at the end does the harbour appear.",
    FILLER * 40 + "An anti-harbour campaign and the Harbour's owners met the HARBOUR board. " + FILLER * 40,
    FILLER * 50 + "The harbourmaster said the harbours of the coast are full. " + FILLER * 10,
    FILLER * 90,
    FILLER * 30 + "The harbour board and the port authority agreed on the fees. " + FILLER * 30,
    "Short text about the harbour.",
]
QUERIES = ["harbour", "Harbour", "harb*", "harbourmaster", "committee", "fees", "coast"]


# PostgreSQL only: SQLite's snippets come from FTS5's snippet(), which reads only what it needs
@pytest.mark.parametrize("empty_store", ["postgres"], indirect=True)
def test_windowed_snippets_are_those_of_the_whole_text(db: str) -> None:
    window, whole = PostgresFullText(window=True), PostgresFullText(window=False)
    with open_store(db, read_only=True) as store:
        store.cache_size = 0

        def both(sql_from: str, q: str, params: dict[str, Any]) -> list[tuple[str, str]]:
            fq = ts_query(q)
            cols = f"{window.headline('fq', '[', ']')} AS w, {whole.headline('fq', '[', ']')} AS x"
            rows = store.query(f"SELECT {cols} FROM {sql_from}",
                               {**params, "fq": fq, **window.headline_params("fq", fq)})
            return [(r[0], r[1]) for r in rows]

        compared = 0
        for q in QUERIES:  # one word (or a prefix): the first hit is the fragment ts_headline picks, in the window
            for text in TEXTS:
                for w, x in both("(VALUES (CAST(:t AS text))) AS a(text)", q, {"t": text}):
                    assert w == x, (q, text[:80], w, x)
                    compared += 1
        for q in ("report", "talks", "sentence", "the", "repo*", "president", "minister", "said"):  # every stored text
            for w, x in both("articles a", q, {}):
                assert w == x, (q, w, x)
                compared += 1
        assert compared > 300
        # more words: the best fragment of the window from the first hit on; here the same as the whole text's
        for w, x in both("(VALUES (CAST(:t AS text))) AS a(text)", "harbour board", {"t": TEXTS[7]}):
            assert w == x and "[harbour] [board]" in w
        # the window ends HEADLINE_WINDOW characters on: no hit in it although the text has one (the other word
        # comes later), and the snippet is the whole text's
        value = "(VALUES (CAST(:t AS text))) AS a(text)"
        for far in (FILLER + "The harbour is open. " + FILLER * 40 + "The board met.",
                    FILLER + "The harbour is open. " + FILLER * 40 + "The harbour board met. " + FILLER * 3):
            w, x = both(value, "harbour board", {"t": far})[0]
            assert len(far) > HEADLINE_BEFORE + HEADLINE_WINDOW and w == x
        # what can differ: several words, a fragment holding them in the window and a tighter one after it
        near = FILLER + "The harbour trust, said the chair of the port, will meet the board. " + FILLER * 40 \
            + "The harbour board met. " + FILLER
        w, x = both(value, "harbour board", {"t": near})[0]
        assert "[harbour] trust, said the chair of the port, will meet the [board]" in w
        assert "[harbour] [board] met" in x


def test_the_pattern_finds_the_words_the_index_finds() -> None:
    assert ts_pattern(ts_query("Brexit")) == r"\m(?:brexit\M)"
    assert ts_pattern(ts_query("parl* deal")) == r"\m(?:parl|deal\M)"
    # whatever a user types, the pattern holds only the query's words (letters, digits, underscores)
    for typed in ["a.b* (x|y) \\ ' ; DROP TABLE articles; --", "[*]{2}$^", "“quoted” wörds-here"]:
        pattern = ts_pattern(ts_query(typed))
        inner = pattern[len(r"\m(?:"):-1]
        assert all(re.fullmatch(r"\w+(\\M)?", p) for p in inner.split("|")), pattern
