"""Articles: the filtered, paged list (best full-text match or newest first), its facets, one
article's Analysis and the combined search over articles and quotes."""

from __future__ import annotations

import json
import re
from typing import Any

from ..store.rollups import ARTICLE_ACTORS_SINCE
from .filters import ArticleFilter
from .matches import ArticleMatches, article_matches
from .quotes import list_quotes
from .sql import JSON, fulltext_cap, fulltext_of, has_rollups, one_of, run
from .stats import counts

SNIP_OPEN, SNIP_CLOSE = "\x02", "\x03"  # snippet markers that cannot occur in stored text


def snippet_parts(snippet: str | None) -> list[JSON]:
    """Split an FTS snippet with SNIP markers into [{"text", "hit"}] parts (rendered escaped)."""
    if not snippet:
        return []
    parts: list[JSON] = []
    for i, chunk in enumerate(re.split("[\x02\x03]", snippet)):
        if chunk:
            parts.append({"text": chunk, "hit": i % 2 == 1})
    return parts


def list_articles(store: Any, f: ArticleFilter, *, limit: int = 20, offset: int = 0,
                  matches: ArticleMatches | None = None) -> JSON:
    """Articles matching the filters (best FTS match first when ``f.q`` is given, else newest first).

    Full-text words matching more than ``fulltext_cap`` articles (with the other filters): only a
    bounded set of candidates is ranked (the cap most recently stored matches on SQLite, the first cap
    the GIN index hands over on PostgreSQL: ``store/*.py``), ``total`` is the cap and ``total_capped`` says
    it is a lower bound.  Fewer matches: every one is ranked and counted, ``total_capped`` is False.
    ``matches``: ``f``'s matches as ``article_matches`` read them (a page shares them between its reads)."""
    ft = fulltext_of(store)
    w, has_fts = f.where(ft)
    m = (matches or article_matches(store, f, rank=True)) if has_fts else None
    capped = False
    if m is not None:  # counted in the full-text table, up to the cap (query/matches.py)
        total, capped = m.total, m.capped
    elif f.empty():
        total = counts(store, ("articles",))["articles"]
    else:
        total = int(run(store, "SELECT count(*) FROM articles a" + w.sql(), w.params)[0][0])
    params = {**w.params, "limit": limit, "offset": offset}
    cols = (
        "a.id, a.title, a.url, a.outlet, a.published, a.language, a.bylines, a.tone, "
        "(SELECT count(*) FROM events ev WHERE ev.article_id = a.id) AS n_events, "
        "(SELECT count(*) FROM quotes qu WHERE qu.article_id = a.id) AS n_quotes"
    )
    if m is not None and m.keys is not None and ft.ranks_ids:  # the candidates ranked once, then the page's rows
        page = m.ranked(store)[offset:offset + limit]
        sql = ft.articles_by_id(cols, "fq", "page", SNIP_OPEN, SNIP_CLOSE)
        pq = {"fq": m.params["fq"], "page": page, **ft.headline_params("fq", m.params["fq"])}
        found = {r["id"]: r for r in run(store, sql, pq)} if page else {}
        rows = [found[i] for i in page]
    elif m is not None:  # the full-text table read best first, joined to the other filters
        sql = ft.ranked_articles(cols, m.clauses, "fq", SNIP_OPEN, SNIP_CLOSE, capped=capped)
        rows = run(store, sql, {**m.params, "limit": limit, "offset": offset, "floor": m.floor,
                                **ft.headline_params("fq", m.params["fq"])})
    else:  # the page first (down the index articles_newest), then its rows' counts and snippets
        order = " ORDER BY a.published IS NULL, a.published DESC, a.id"
        sql = (f"SELECT {cols}, substr(a.text, length(a.title) + 3, 240) AS snippet FROM (SELECT a.id AS pid "
               "FROM articles a" + w.sql() + order + " LIMIT :limit OFFSET :offset) AS page "
               "JOIN articles a ON a.id = page.pid" + order)
        rows = run(store, sql, params)
    items = []
    for r in rows:
        d = dict(r)
        d["bylines"] = json.loads(d["bylines"] or "[]")
        raw = d.pop("snippet") or ""
        d["snippet"] = raw.replace(SNIP_OPEN, "").replace(SNIP_CLOSE, "")
        d["snippet_parts"] = snippet_parts(raw) if has_fts else [{"text": raw, "hit": False}]
        items.append(d)
    return {"items": items, "total": total, "total_capped": capped, "limit": limit, "offset": offset}


FACET_SCOPE = 500  # the facets of a full-text search count its best matches, up to this many


def article_facets(store: Any, f: ArticleFilter, *, size: int = 12, scope: int = FACET_SCOPE,
                   matches: ArticleMatches | None = None) -> JSON:
    """Counts by outlet, by month and by actor over the articles the filters select; for full-text
    words, over the ``scope`` best matches (all of them when fewer match), as ``"scope"`` says, so
    that a word found in every article costs what a rare one does.  Words matching more than
    ``fulltext_cap`` articles: over ``scope`` of the candidates the list ranks, unranked (the most
    recently stored on SQLite), and ``"scope_ranked"`` is False.  ``matches`` as for ``list_articles``."""
    ft = fulltext_of(store)
    w, has_fts = f.where(ft)
    m = (matches or article_matches(store, f)) if has_fts else None
    capped = False
    if m is not None:  # the best matches, ranked once; then counted like any other set of articles
        capped = m.capped
        if capped:  # more matches than the cap: ``scope`` of the candidates, unranked (the list ranks them)
            assert m.keys is not None
            scope = min(scope, fulltext_cap(store))
            ids = m.keys[:scope] if ft.keys_are_ids else \
                [r[0] for r in run(store, ft.candidate_ids(m.clauses, "fq"), {**m.params, "scope": scope})]
        elif m.keys is not None and ft.ranks_ids:  # the ranking the list reads too
            ids = m.ranked(store)[:scope]
        else:
            ids = [r[0] for r in run(store, ft.ranked_ids(m.clauses, "fq"), {**m.params, "scope": scope})]
        w = one_of(store, "a.id", ids, "b")
    outlets = run(store, "SELECT a.outlet AS value, count(*) AS n FROM articles a" + w.sql()
                  + " GROUP BY a.outlet ORDER BY n DESC, value LIMIT :size", {**w.params, "size": size})
    # the best matches by id: count(a.title), the same as count(*) (every article has a title) but a column
    # outside the index articles_newest, so that PostgreSQL reads the 500 articles by their ids rather than
    # every entry of that index to find them (an index-only scan of 50,000 entries: 10 ms, not 2)
    one = "a.title" if has_fts else "*"
    months = run(store, f"SELECT substr(a.published, 1, 7) AS value, count({one}) AS n FROM articles a" + w.sql()
                 + " GROUP BY value ORDER BY value DESC LIMIT 24", w.params)
    wa = w.plus("e.actor IS NOT NULL")
    if f.empty() and has_rollups(store):  # every article: the rollup actor_stats (store/rollups.py)
        actors = run(store, "SELECT actor AS value, articles AS n FROM actor_stats ORDER BY n DESC, value LIMIT :size",
                     {"size": size})
    else:  # (the best matches' actors by their article ids alone: no join to the articles)
        joined = "" if has_fts else " JOIN articles a ON a.id = e.article_id"
        if has_fts:
            wa = one_of(store, "e.article_id", ids, "b").plus("e.actor IS NOT NULL")
        if has_rollups(store, ARTICLE_ACTORS_SINCE):  # the rollup article_actors: one row an article and actor
            counted = "count(*) AS n FROM article_actors e"
        else:
            counted = "count(DISTINCT e.article_id) AS n FROM entities e"
        actors = run(store, f"SELECT e.actor AS value, {counted}" + joined + wa.sql()
                     + " GROUP BY e.actor ORDER BY n DESC, value LIMIT :size", {**wa.params, "size": size})
    return {"outlet": [dict(r) for r in outlets], "month": [dict(r) for r in months],
            "actor": [dict(r) for r in actors], "scope": scope if has_fts else None,
            "scope_ranked": not capped if has_fts else None}


def get_analysis_json(store: Any, article_id: str) -> JSON | None:
    """One article's stored Analysis as JSON (the output contract), or None."""
    rows = store.query("SELECT analysis FROM articles WHERE id = ?", (article_id,))
    if not rows:
        return None
    out: JSON = json.loads(rows[0][0])
    return out


def search_all(store: Any, q: str, *, limit: int = 20, min_confidence: float | None = None) -> JSON:
    """Full-text search over articles (best first, with snippets) and quotes (those of at least
    ``min_confidence``, as /api/quotes lists them)."""
    arts = list_articles(store, ArticleFilter(q=q), limit=limit)
    return {
        "q": q,
        "articles": arts["items"],
        "articles_total": arts["total"],
        "articles_total_capped": arts["total_capped"],
        "quotes": list_quotes(store, q=q, limit=limit, min_confidence=min_confidence)["items"],
    }
