"""The web app at scale: the rollups kept by every write (store/rollups.py), the reads that use them and
the plans the read API picks (query/), and the large database built from copies (store/replicate.py).

The database is small and real: the bundled samples through the pipeline, plus invented articles with
hand-built events and quotes (dates missing, coarse or shared, negated events, confidences on both
sides of the thresholds, quotes without a speaker), so that every branch has rows to count.  The
rollups must hold what counting every row gives, after writes and after replacements, on SQLite and
on PostgreSQL; every read must answer the same with the rollups as without them, and whichever way
it reads a list (newest first down an index, or every match then sorted).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph import query as Q
from newsgraph.model import Analysis, Article, Entity, EntityRef, Event, EventDate, Mention, Published, Quote, Span
from newsgraph.query import events as query_events
from newsgraph.query import quotes as query_quotes
from newsgraph.query.sql import has_rollups, has_schema, read_plan, steers
from newsgraph.store import open_store
from newsgraph.store.replicate import _execute, replicate
from newsgraph.store.rollups import ARTICLE_ACTORS_SINCE, FILL, ROLLUPS
from newsgraph.store.schema import EVENTS_SHOWN_SINCE, SCHEMA_VERSION

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ACTORS = ["GBR", "GBRGOV", "USA", "USAGOV", "FRA", "RUS", None]
SPEAKERS = ["Ada Byron", "Ada Byron", "Bo Chen", None, "Cy Diaz"]


def _invented(k: int, aid: str | None = None) -> Analysis:
    """Article ``k`` of the invented set (stored as ``aid``, by default ``invKK``): 4 events and 3 quotes
    with varied dates, actors, confidences."""
    published = None if k % 7 == 0 else Published(f"2024-{1 + k % 5:02d}-{1 + k % 3:02d}", "day", "input")
    sentences = [f"Sentence {i} of report {k}." for i in range(7)]
    text = f"Report {k}\n\n" + " ".join(sentences)
    spans, pos = [], len(f"Report {k}\n\n")
    for s in sentences:
        spans.append(Span.of(text, pos, pos + len(s)))
        pos += len(s) + 1
    events = []
    for i in range(4):
        src, tgt = ACTORS[(k + i) % len(ACTORS)], ACTORS[(2 * k + i + 1) % len(ACTORS)]
        date = [None, "2023-12", f"2024-0{1 + (k + i) % 4}-1{i}", "2024"][(k + i) % 4]
        code = ["042", "190", "111", "046"][(k * 3 + i) % 4]
        events.append(Event(
            code=code, root=code[:2], quad_class=4 if code[:2] in ("19", "11") else 1,
            goldstein=[-10.0, 3.4, 1.9, -2.0][(k + i) % 4],
            source=EntityRef(None, src, src) if src else None, target=EntityRef(None, tgt, tgt) if tgt else None,
            date=EventDate(date, "day" if len(date) == 10 else "month" if len(date) == 7 else "year", "text")
            if date else None,
            place=None, sentence=spans[i], trigger=Span.of(text, spans[i].start, spans[i].start + 8),
            negated=(k + i) % 5 == 0, name=f"code {code}", confidence=round(0.05 + ((k * 7 + i) % 10) / 10, 3)))
    quotes = []
    for i in range(3):
        who = SPEAKERS[(k + i) % len(SPEAKERS)]
        quotes.append(Quote(span=spans[4 + i], kind=["direct", "partial", "indirect"][i],
                            speaker=EntityRef(None, None, who) if who else None, cue=None, channel=None,
                            confidence=round(0.5 + ((k + 2 * i) % 5) / 10, 3)))
    art = Article(id=aid or f"inv{k:02d}", text=text, title=f"Report {k} on talks", published=published,
                  outlet="Invented")
    return Analysis(article=art, events=tuple(events), quotes=tuple(quotes))


def _fill(db: str) -> None:
    from newsgraph.api import read
    from newsgraph.config import load_settings
    from newsgraph.model import Rejected
    from newsgraph.runner import process_all

    settings = load_settings()
    with open_store(db) as store:
        for res in process_all(read(str(SAMPLES), settings=settings), settings):
            assert res is not None and not isinstance(res, Rejected), res
            store.write(res)
        for k in range(30):
            store.write(_invented(k))
        for k in range(0, 30, 4):  # replaced by other content: the rollups lose the old rows' counts
            store.write(_invented(k + 31, aid=f"inv{k:02d}"))


@pytest.fixture(scope="module")
def db(empty_store: str) -> str:
    """The module's database on each store (conftest ``empty_store``), filled once."""
    _fill(empty_store)
    return empty_store


def _rollups(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(tuple(r) for r in store.query(f"SELECT * FROM {t}")) for t in ROLLUPS}


def test_rollups_hold_what_counting_every_row_gives(db: str) -> None:
    with open_store(db) as store:
        kept = _rollups(store)
        _execute(store, FILL, {})
        counted = _rollups(store)
        assert kept == counted
        assert all(kept[t] for t in ROLLUPS)
        rows = {r[0]: r[1] for r in kept["row_counts"]}
        assert rows["articles"] == len(list(SAMPLES.iterdir())) + 30
        assert rows["events"] == store.query("SELECT count(*) FROM events")[0][0]


EF = Q.EventFilter
FILTERS = [EF(), EF(min_confidence=0.3), EF(actor="gbr", min_confidence=0.15), EF(source="USA"), EF(root="19"),
           EF(target="GBR", negated=True), EF(code="04", quad_class=1), EF(date_from="2024-02", date_to="2024-03"),
           EF(date_to="2023"), EF(source="GBRGOV", target="USA", exact=True), EF(article="inv03")]


def _same(store: Any, fn: Any) -> None:
    """``fn`` answers the same from the rollups as from every row."""
    store._has_rollups = False
    rows = json.dumps(fn(), sort_keys=True)
    store._has_rollups = True
    assert json.dumps(fn(), sort_keys=True) == rows


def test_every_read_answers_the_same_with_and_without_the_rollups(db: str) -> None:
    with open_store(db, read_only=True) as store:
        store.cache_size = 0
        for f in FILTERS:
            _same(store, lambda f=f: Q.list_events(store, f, limit=7, offset=2))
            _same(store, lambda f=f: Q.network(store, f))
            for period in ("day", "month", "year", "all"):
                _same(store, lambda f=f, p=period: Q.list_dyads(store, f, period=p, limit=50))
            for period in ("day", "month", "year"):
                _same(store, lambda f=f, p=period: Q.timeline(store, f, period=p))
        _same(store, lambda: Q.top_actors(store))
        for kw in ({}, {"type": "GPE"}, {"actor": "usa"}, {"name": "a"}):
            _same(store, lambda kw=kw: Q.list_entities(store, limit=1000, **kw))
        _same(store, lambda: Q.article_facets(store, Q.ArticleFilter()))
        for qkw in ({}, {"min_confidence": 0.85}, {"speaker": "ada"}, {"kind": "direct"}, {"q": "report"}):
            _same(store, lambda qkw=qkw: Q.list_quotes(store, limit=8, offset=1, **qkw))
            _same(store, lambda qkw=qkw: Q.quotes_by_speaker(store, per_speaker=3, **{
                k: v for k, v in qkw.items() if k != "kind"}))
        _same(store, lambda: Q.counts(store, ("articles", "events", "quotes", "mentions", "rejects")))
        assert Q.list_entities(store, limit=1)["items"][0]["articles"] >= 1


def test_lists_are_the_same_read_newest_first_or_sorted(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk down the newest (chosen when many rows match) and the fetch-then-sort give one order."""
    with open_store(db, read_only=True) as store:
        store.cache_size = 0

        def answers() -> str:
            out = [Q.list_events(store, f, limit=5, offset=o) for f in FILTERS for o in (0, 3, 40)]
            out += [Q.list_quotes(store, limit=4, offset=o, **kw) for o in (0, 5)
                    for kw in ({}, {"min_confidence": 0.7}, {"speaker": "ada"}, {"q": "sentence"})]
            return json.dumps(out, sort_keys=True)

        monkeypatch.setattr(query_events, "read_plan", lambda *a, **k: "walk")
        monkeypatch.setattr(query_quotes, "walk_newest", lambda *a: True)
        walked = answers()
        monkeypatch.setattr(query_quotes, "walk_newest", lambda *a: False)
        for plan in ("filters", "shown"):
            monkeypatch.setattr(query_events, "read_plan", lambda *a, plan=plan, **k: plan)
            assert answers() == walked, plan
        events = Q.list_events(store, EF(), limit=1000)["items"]
        when = [(e["date"] or {}).get("value") or e["published"] for e in events]
        dated = [w for w in when if w]
        assert dated == sorted(dated, reverse=True) and when[:len(dated)] == dated  # newest first, undated last


def _plain_events(store: Any, f: Any, limit: int, offset: int) -> list[tuple[str, int]]:
    """(article, index) of a page of events as one plain query over every event gives it, newest first."""
    w = f.where()
    when = "coalesce(ev.date, a.published)"
    return [(r[0], r[1]) for r in store.query(
        "SELECT ev.article_id, ev.idx FROM events ev JOIN articles a ON a.id = ev.article_id" + w.sql()
        + f" ORDER BY {when} IS NULL, {when} DESC, ev.article_id, ev.idx LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset})]


@pytest.mark.parametrize("threshold", [0.6, 0.75])
def test_every_way_of_reading_an_event_list_gives_the_rows_of_a_plain_query(
        db: str, threshold: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Newest first, by confidence (down events_shown) or through the filters' indexes, and the way the read
    API picks: a page of events holds the rows one plain query over every event gives, for filters of
    every kind (each actor filter, codes, dates, negated events, an article) at the two thresholds."""
    filters = [EF(), EF(actor="gbr"), EF(source="USA"), EF(target="GBR", negated=True), EF(root="19"),
               EF(code="04", quad_class=1), EF(date_from="2024-02", date_to="2024-03"), EF(date_to="2023"),
               EF(source="GBRGOV", target="USA", exact=True), EF(source="USA", target="GBR", exact=True),
               EF(actor="USA", date_from="2024"), EF(article="inv03")]
    picked: list[str] = []

    def picking(*a: Any, **k: Any) -> str:
        picked.append(read_plan(*a, **k))
        return picked[-1]

    with open_store(db, read_only=True) as store:
        store.cache_size = 0
        ways = [None, "walk", "shown", "filters"] if steers(store) else [None]
        for f in (dataclasses.replace(f, min_confidence=threshold) for f in filters):
            for limit, offset in ((5, 0), (4, 3), (50, 0), (3, 40)):
                plain = _plain_events(store, f, limit, offset)
                for way in ways:
                    monkeypatch.setattr(query_events, "read_plan", picking if way is None else
                                        lambda *a, way=way, **k: way)
                    got = Q.list_events(store, f, limit=limit, offset=offset)
                    assert [(e["article_id"], e["idx"]) for e in got["items"]] == plain, (f, limit, offset, way)
                    assert got["total"] == len(_plain_events(store, f, 10_000, 0))
        assert not steers(store) or "shown" in picked  # SQLite: few events pass, read by confidence


def test_a_speakers_latest_quotes_are_their_newest(db: str) -> None:
    with open_store(db, read_only=True) as store:
        got = Q.quotes_by_speaker(store, per_speaker=2, min_confidence=0.6)
        every = Q.list_quotes(store, limit=1000, min_confidence=0.6)["items"]
        assert got["items"] and got["total"] == len({q["speaker_name"] or "" for q in every})
        for group in got["items"]:
            theirs = [(q["article_id"], q["idx"]) for q in every if (q["speaker_name"] or None) == group["speaker"]]
            assert group["count"] == len(theirs)
            assert [(q["article_id"], q["idx"]) for q in group["quotes"]] == theirs[:2]


def test_a_full_text_search_counts_facets_over_its_best_matches(db: str) -> None:
    with open_store(db, read_only=True) as store:
        every = Q.article_facets(store, Q.ArticleFilter(q="report"))
        best = Q.article_facets(store, Q.ArticleFilter(q="report"), scope=5)
        assert (every["scope"], best["scope"]) == (500, 5)
        assert sum(o["n"] for o in every["outlet"]) == Q.list_articles(store, Q.ArticleFilter(q="report"))["total"]
        assert sum(o["n"] for o in best["outlet"]) == 5


def test_copies_under_new_ids_multiply_every_count(db: str, tmp_path: Path, pg_server: Any) -> None:
    for target in (str(tmp_path / "big.db"), pg_server.new_database()):
        done = replicate(db, target, articles=100)
        with open_store(db, read_only=True) as small, open_store(target, read_only=True) as big:
            n = done["seed_articles"]
            assert done["copies"] == -(-100 // n) and done["articles"] == n * done["copies"] >= 100
            for t in ("articles", "entities", "events", "quotes", "mentions"):
                assert big.count(t) == small.count(t) * done["copies"]
            copy, original = big.get("inv03~2"), small.get("inv03")
            assert copy is not None and original is not None
            assert copy.article.id == "inv03~2" and copy.article.text == original.article.text
            assert copy.events == original.events and copy.quotes == original.quotes
            assert big.search("report", limit=500) and len(big.search("report", limit=500)) == \
                len(small.search("report", limit=500)) * done["copies"]
            one, many = Q.list_entities(small, limit=5), Q.list_entities(big, limit=5)
            assert [e["articles"] * done["copies"] for e in one["items"]] == [e["articles"] for e in many["items"]]
            kept = _rollups(big)
        with open_store(target) as big:
            _execute(big, FILL, {})
            assert _rollups(big) == kept
        with pytest.raises(Exception, match="already holds articles"):
            replicate(db, target, articles=100)


def _with_actors(k: int, aid: str, actors: list[str | None]) -> Analysis:
    """Invented article ``k`` stored as ``aid`` with one entity per item of ``actors`` (repeated codes: several
    entities of one actor in the article; None: an entity without one)."""
    base = _invented(k, aid)
    text = base.article.text
    ents = tuple(Entity(id=f"e{i + 1}", type="GPE", name=f"Place {k}-{i}", actor=code,
                        mentions=(Mention(0, 6, text[:6], "GPE"),)) for i, code in enumerate(actors))
    return dataclasses.replace(base, entities=ents)


def _counted_actors(store: Any) -> list[tuple[Any, ...]]:
    """article_actors as counting the entity rows gives it."""
    return sorted(tuple(r) for r in store.query(
        "SELECT article_id, actor, count(*) FROM entities WHERE actor IS NOT NULL GROUP BY article_id, actor"))


def _kept_actors(store: Any) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in store.query("SELECT article_id, actor, entities FROM article_actors"))


def test_article_actors_hold_each_articles_actors_after_writes_replacements_and_removals(
        tmp_path: Path, pg_server: Any) -> None:
    """The rollup article_actors equals counting the entity rows after new articles, re-ingested ones
    (other actors, the same ones, none at all) and after the v4 migration fills it in a v3 database; the
    actor facet of any set of articles answers the same from it as from the entities."""
    for target in (str(tmp_path / "actors.db"), pg_server.new_database()):
        with open_store(target) as store:
            for k in range(12):
                store.write(_with_actors(k, f"act{k:02d}", [ACTORS[(k + i) % len(ACTORS)] for i in range(k % 5)]
                                         + ["GBR", "GBR"] * (k % 2)))
            first = _kept_actors(store)
            assert first == _counted_actors(store) and any(r[2] > 1 for r in first)
            store.write(_with_actors(40, "act01", ["USA", "FRA", None]))  # other actors
            store.write(_with_actors(41, "act03", [ACTORS[(3 + i) % len(ACTORS)] for i in range(3)]
                                     + ["GBR", "GBR"]))  # the same ones again
            store.write(_with_actors(42, "act05", []))  # every entity gone
            store.write(_with_actors(43, "act07", [None, None]))  # entities without an actor
            kept = _kept_actors(store)
            assert kept == _counted_actors(store)
            assert not [r for r in kept if r[0] in ("act05", "act07")] and [r for r in first if r[0] == "act05"]
            assert {r[1] for r in kept if r[0] == "act01"} == {"USA", "FRA"}
        with open_store(target, read_only=True) as store:
            store.cache_size = 0
            for f in (Q.ArticleFilter(q="report"), Q.ArticleFilter(q="talks", outlet="Invented"),
                      Q.ArticleFilter(date_from="2024-02"), Q.ArticleFilter(actor="gbr")):
                _same(store, lambda f=f: Q.article_facets(store, f))
                assert Q.article_facets(store, f)["actor"]
        with open_store(target) as store:  # as a v3 database: no article_actors yet
            _execute(store, ["DELETE FROM article_actors", "UPDATE meta SET value = '3' WHERE key = 'schema_version'"],
                     {})
        with open_store(target, read_only=True) as store:
            assert not has_rollups(store, ARTICLE_ACTORS_SINCE) and has_rollups(store)
            assert Q.article_facets(store, Q.ArticleFilter(q="report"))["actor"]  # counted from the entities
        with open_store(target) as store:  # opened for writing: migrated, the rollup counted
            assert store.schema_version() == SCHEMA_VERSION and _kept_actors(store) == kept


def test_a_v4_database_gets_the_index_events_shown_when_opened_for_writing(tmp_path: Path, pg_server: Any) -> None:
    """The v5 migration makes events_shown in a database made before (as the schema makes it in a new one);
    until then the event lists are read the ways they were, with the same answers."""
    for target in (str(tmp_path / "v4.db"), pg_server.new_database()):
        with open_store(target) as store:
            for k in range(12):
                store.write(_invented(k))
            store.cache_size = 0
            f = EF(min_confidence=0.6)
            before = Q.list_events(store, f, limit=6, offset=1)
            _execute(store, ["DROP INDEX events_shown", "UPDATE meta SET value = '4' WHERE key = 'schema_version'"], {})
        with open_store(target, read_only=True) as store:
            store.cache_size = 0
            assert not has_schema(store, EVENTS_SHOWN_SINCE) and not _has_index(store, "events_shown")
            assert Q.list_events(store, f, limit=6, offset=1) == before
        with open_store(target) as store:
            assert store.schema_version() == SCHEMA_VERSION >= EVENTS_SHOWN_SINCE and _has_index(store, "events_shown")
            store.cache_size = 0
            assert Q.list_events(store, f, limit=6, offset=1) == before


def _has_index(store: Any, name: str) -> bool:
    sql = ("SELECT count(*) FROM pg_indexes WHERE indexname = :name" if not steers(store)
           else "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = :name")
    return bool(store.query(sql, {"name": name})[0][0])
