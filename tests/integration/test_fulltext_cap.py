"""Full-text searches with a bound (setting ``fulltext_cap``; docs/query.md, "At scale"): a search
matching at most the cap answers exactly what ranking and counting every match gives; one matching
more ranks a bounded set of candidates (the most recently stored matches on SQLite, the first the
GIN index hands over on PostgreSQL), reports the cap as its total and says that it is a lower bound, in
the read API, the REST API, the pages and the CLI alike.

The database is small and real (test_rollups.py's: the bundled samples through the pipeline plus
invented articles and quotes), on SQLite and on PostgreSQL; the cap is lowered to make it exceed.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from test_rollups import _fill

from newsgraph import query as Q
from newsgraph.store import open_store

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from newsgraph.cli import app as cli_app  # noqa: E402
from newsgraph.config import load_settings  # noqa: E402
from newsgraph.server.app import create_app  # noqa: E402

WORDS = ["report", "sentence", "talks", "the", "president", "repo*", "report talks"]


@pytest.fixture(scope="module")
def db(empty_store: str) -> str:
    """The module's database on each store (conftest ``empty_store``), filled once."""
    _fill(empty_store)
    return empty_store


def _reads(store: Any, q: str) -> str:
    """Every read a full-text search goes through, on a few filters and pages, as one JSON text."""
    out: list[Any] = []
    for f in (Q.ArticleFilter(q=q), Q.ArticleFilter(q=q, outlet="Invented"), Q.ArticleFilter(q=q, date_from="2024-02")):
        out += [Q.list_articles(store, f, limit=7, offset=o) for o in (0, 5)]
        out += [Q.article_facets(store, f), Q.article_facets(store, f, scope=3)]
    for kw in ({}, {"min_confidence": 0.7}, {"speaker": "ada"}):
        out += [Q.list_quotes(store, q=q, limit=4, offset=o, **kw) for o in (0, 3)]
        out.append(Q.quotes_by_speaker(store, q=q, per_speaker=2, **kw))
    out.append(Q.search_all(store, q, limit=5))
    return json.dumps(out, sort_keys=True)


def _word_count(store: Any, word: str) -> int:
    """Articles whose title or text holds ``word`` as a whole word (any case), counted in Python."""
    pat = re.compile(rf"\b{re.escape(word)}\b", re.I)
    return sum(1 for t, x in store.query("SELECT title, text FROM articles") if pat.search(f"{t} {x}"))


def test_below_the_cap_every_match_is_ranked_and_counted(db: str) -> None:
    with open_store(db, read_only=True) as store:
        store.cache_size = 0
        store.fulltext_cap = 0  # every match, as before there was a cap
        every = {q: _reads(store, q) for q in WORDS}
        store.fulltext_cap = 10_000  # above any word's matches here
        for q in WORDS:
            assert _reads(store, q) == every[q], q
        for word in ("report", "sentence", "president"):
            got = Q.list_articles(store, Q.ArticleFilter(q=word))
            assert got["total"] == _word_count(store, word) > 0 and got["total_capped"] is False
        # a cap equal to the matches is not exceeded
        store.fulltext_cap = 0
        f = Q.ArticleFilter(q="report")
        before = [Q.list_articles(store, f, limit=50), Q.article_facets(store, f, scope=5)]
        store.fulltext_cap = before[0]["total"]
        assert [Q.list_articles(store, f, limit=50), Q.article_facets(store, f, scope=5)] == before


def _candidates(store: Any, q: str, cap: int) -> set[str]:
    """The ids of the articles a capped search may rank, counted independently of the read API: on SQLite
    exactly the most recently stored matches (rowid order of articles_fts); on PostgreSQL the first ones the
    GIN index hands over, which the plan decides: any ``cap`` of the matches."""
    if type(store).__name__ == "SQLiteStore":
        return {r[0] for r in store.query("SELECT article_id FROM articles_fts WHERE articles_fts MATCH ? "
                                          "ORDER BY rowid DESC LIMIT ?", (store.fulltext.terms(q), cap))}
    return {r[0] for r in store.query("SELECT article_id FROM articles_fts WHERE fts @@ to_tsquery('simple', ?)",
                                      (store.fulltext.terms(q),))}


def test_a_search_matching_more_than_the_cap_ranks_candidates_and_says_so(db: str) -> None:
    with open_store(db, read_only=True) as store:
        store.cache_size = 0
        store.fulltext_cap = 0
        every = Q.list_articles(store, Q.ArticleFilter(q="report"), limit=1000)
        assert every["total"] > 12
        store.fulltext_cap = 6
        got = Q.list_articles(store, Q.ArticleFilter(q="report"), limit=1000)
        assert (got["total"], got["total_capped"]) == (6, True)
        ids = [a["id"] for a in got["items"]]
        assert len(set(ids)) == 6 and set(ids) <= _candidates(store, "report", 6)
        assert ids == [a["id"] for a in every["items"] if a["id"] in ids]  # in the order of the full ranking
        assert [a["id"] for a in Q.list_articles(store, Q.ArticleFilter(q="report"), limit=2, offset=4)["items"]] \
            == ids[4:6]
        # the facets: over ``scope`` of the candidates, unranked (the list ranks them), at most the cap
        facets = Q.article_facets(store, Q.ArticleFilter(q="report"), scope=4)
        assert sum(o["n"] for o in facets["outlet"]) == 4 and facets["scope_ranked"] is False
        if type(store).__name__ == "SQLiteStore":  # the most recently stored
            newest = _candidates(store, "report", 4)
            assert {o["value"] for o in facets["outlet"]} == {r[0] for r in store.query(
                f"SELECT outlet FROM articles WHERE id IN ({', '.join('?' * len(newest))})", tuple(newest))}
        wide = Q.article_facets(store, Q.ArticleFilter(q="report"))
        assert wide["scope"] == 6 and sum(o["n"] for o in wide["outlet"]) == 6
        # the words and another filter: capped over the articles matching both
        outlet = Q.list_articles(store, Q.ArticleFilter(q="report", outlet="Invented"), limit=1000)
        assert (outlet["total"], outlet["total_capped"], len(outlet["items"])) == (6, True, 6)
        assert {a["outlet"] for a in outlet["items"]} == {"Invented"}
        # quotes: "sentence" is in every invented quote
        quotes = Q.list_quotes(store, q="sentence", limit=100)
        assert (quotes["total"], quotes["total_capped"], len(quotes["items"])) == (6, True, 6)
        dates = [q["published"] or "" for q in quotes["items"]]
        assert dates[:len([d for d in dates if d])] == sorted([d for d in dates if d], reverse=True)
        # the other filters narrow the candidates: the total is what they keep, still a lower bound
        strict = Q.list_quotes(store, q="sentence", limit=100, min_confidence=0.8)
        kept = [q for q in quotes["items"] if q["confidence"] >= 0.8]
        assert strict["items"] == kept and (strict["total"], strict["total_capped"]) == (len(kept), True)
        groups = Q.quotes_by_speaker(store, q="sentence", per_speaker=10)
        assert groups["total_capped"] and sum(g["count"] for g in groups["items"]) == 6
        # a rare word is not capped
        store.fulltext_cap = 6
        rare = Q.list_articles(store, Q.ArticleFilter(q="president"))
        assert rare["total_capped"] is (rare["total"] > 6)


def test_the_rest_api_the_pages_and_the_cli_say_a_total_is_capped(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_FULLTEXT_CAP", "6")
    monkeypatch.setenv("NEWSGRAPH_RESULT_CACHE", "0")
    client = TestClient(create_app(db, load_settings()))
    api = client.get("/api/articles", params={"q": "report", "limit": 50}).json()
    assert (api["total"], api["total_capped"], len(api["items"])) == (6, True, 6)
    assert client.get("/api/articles", params={"q": "president"}).json()["total_capped"] is False
    found = client.get("/api/search", params={"q": "report"}).json()
    assert (found["articles_total"], found["articles_total_capped"]) == (6, True)
    assert client.get("/api/quotes", params={"q": "sentence"}).json()["total_capped"] is True
    page = client.get("/", params={"q": "report"}).text
    assert re.search(r'id="result-count">6\+ articles for', page) and 'id="capped"' in page
    quotes_page = client.get("/quotes", params={"q": "sentence"}).text
    assert re.search(r'id="speaker-count">\d+\+ speakers, counted over 6 of the quotes matching', quotes_page)
    monkeypatch.setenv("NEWSGRAPH_FULLTEXT_CAP", "0")
    uncapped = TestClient(create_app(db, load_settings())).get("/", params={"q": "report"}).text
    assert 'id="capped"' not in uncapped and "+ articles" not in uncapped
    with open_store(db, read_only=True) as store:
        store.fulltext_cap = 6
        direct = Q.search_all(store, "report", limit=20, min_confidence=load_settings().min_confidence_quotes)
    monkeypatch.setenv("NEWSGRAPH_FULLTEXT_CAP", "6")
    res = CliRunner().invoke(cli_app, ["search", "report", "--db", db])
    assert res.exit_code == 0, res.output
    assert "6+ articles match" in res.output
    at = [res.output.find(f"{a['id']}  ") for a in direct["articles"]]
    assert len(at) == 6 and -1 not in at and at == sorted(at)  # the API's articles, in its order
