"""Quotes: the filtered, paged list and the quotes grouped by speaker (the quotes page).

``speaker`` matches part of the speaker's name ignoring case; ``q`` searches the quote's words
(and the speaker's name) in the full-text index.
"""

from __future__ import annotations

from typing import Any

from .matches import QuoteMatches, quote_matches
from .sql import (
    JSON,
    Where,
    fulltext_of,
    has_rollups,
    like_contains,
    run,
    unindexed,
    walk_newest,
)
from .stats import counts

_LIST_COLS = ('SELECT qu.article_id, qu.idx, qu.start, qu."end", qu.text, qu.kind, qu.speaker_entity, '
              "qu.speaker_name, qu.speaker_actor, qu.cue, qu.channel, qu.confidence, a.title AS article_title, "
              "a.published")
_ORDER = " ORDER BY a.published IS NULL, a.published DESC, a.id, qu.idx"  # newest article first


def quote_where(store: Any, *, speaker: str | None, q: str | None, article: str | None,
                kind: str | None, min_confidence: float | None = None, who: str = "qu.speaker_name",
                matches: QuoteMatches | None = None) -> Where:
    """The WHERE clause over ``quotes qu``; ``min_confidence`` (None or 0: all) as for events (filters.py).
    Over the rollup ``quote_stats qu`` (no ``q``, no ``article``), ``who`` is ``qu.speaker``.  ``matches``:
    the quotes the full-text words match, as ``quote_matches`` read them (query/matches.py), kept by their
    keys instead of asking the index again; when capped, a bounded set of candidates, ``fulltext_cap`` of
    the matches (the most recently stored on SQLite, the first the GIN index hands over on PostgreSQL),
    which the other filters then narrow."""
    ft = fulltext_of(store)
    if matches is not None and matches.keys is not None and q:
        w = quote_where(store, speaker=speaker, q=None, article=article, kind=kind, min_confidence=min_confidence)
        cond, params = matches.condition(store)
        w.add(cond, **params)
        return w
    w = Where()
    if min_confidence:
        w.add("qu.confidence >= :qminconf", qminconf=float(min_confidence))
    if speaker and who == "qu.speaker_name" and has_rollups(store):
        # the names that match, from the rollup's few distinct names; then the quotes by the index on the name
        w.add("qu.speaker_name IN (SELECT DISTINCT qs.speaker FROM quote_stats qs WHERE qs.speaker LIKE :speaker "
              "ESCAPE '\\')", speaker=like_contains(speaker))
    elif speaker:
        w.add(f"{who} LIKE :speaker ESCAPE '\\'", speaker=like_contains(speaker))
    if q:
        fq = ft.terms(q)
        if not fq:
            w.add("1 = 0")
        else:
            w.add(ft.quote_match("qfq"), qfq=fq)
    if article:
        w.add("qu.article_id = :article", article=article)
    if kind:
        w.add("qu.kind = :kind", kind=kind)
    return w


def list_quotes(store: Any, *, speaker: str | None = None, q: str | None = None, article: str | None = None,
                kind: str | None = None, limit: int = 50, offset: int = 0, min_confidence: float | None = None
                ) -> JSON:
    """Quotes with their speakers, newest article first."""
    w = quote_where(store, speaker=speaker, q=q, article=article, kind=kind, min_confidence=min_confidence)
    capped = False
    m = quote_matches(store, w.params["qfq"]) if q and w.params.get("qfq") else None
    if m is not None:  # the words' matches read once, up to the cap (a row of the full-text table a quote)
        total, capped = m.total, m.capped
        w = quote_where(store, speaker=speaker, q=q, article=article, kind=kind, min_confidence=min_confidence,
                        matches=m)
    if m is not None and capped:  # more: the capped candidates, narrowed by the other filters (a lower bound of
        # the total), their keys read once (at most the cap), counted and sorted here, then the page's rows
        keys = [r for group in _keys(store, w).values() for r in group]
        return {"items": _rows_of(store, _newest(keys)[offset:offset + limit]), "total": len(keys),
                "total_capped": True, "limit": limit, "offset": offset}
    if not q and not article and has_rollups(store):  # counted in the rollup quote_stats (store/rollups.py)
        ws = quote_where(store, speaker=speaker, q=None, article=None, kind=kind, min_confidence=min_confidence,
                         who="qu.speaker")
        total = int(run(store, "SELECT coalesce(sum(qu.n), 0) FROM quote_stats qu" + ws.sql(), ws.params)[0][0])
    elif m is not None:  # counted above; with other filters, what they keep of the matches
        if speaker or article or kind or min_confidence:
            total = int(run(store, "SELECT count(*) FROM quotes qu" + w.sql(), w.params)[0][0])
    else:
        total = int(run(store, "SELECT count(*) FROM quotes qu" + w.sql(), w.params)[0][0])  # each has its article
    # many matches: read the articles newest first and their quotes until the page is full (only the
    # articles holding a match, when a speaker is asked for: a speaker's quotes gather in a few months)
    walk = walk_newest(total, counts(store, ("quotes",))["quotes"], offset + limit)
    cols = _LIST_COLS
    params = {**w.params, "limit": limit, "offset": offset}
    if q and has_rollups(store):  # the page of the full-text matches first, dated by quote_dates
        page = ("SELECT qu.article_id AS pa, qu.idx AS pi, d.published AS pw FROM quotes qu JOIN quote_dates d "
                "ON d.article_id = qu.article_id AND d.idx = qu.idx" + w.sql()
                + " ORDER BY d.published IS NULL, d.published DESC, qu.article_id, qu.idx LIMIT :limit OFFSET :offset")
        rows = run(store, cols + " FROM (" + page + ") AS page JOIN quotes qu ON qu.article_id = page.pa "
                   "AND qu.idx = page.pi JOIN articles a ON a.id = qu.article_id "
                   "ORDER BY page.pw IS NULL, page.pw DESC, page.pa, page.pi", params)
    else:
        rows = run(store, cols + _joined(store, w, walk or bool(speaker and not q), holding=w if speaker and not q
                                         else None) + _ORDER + " LIMIT :limit OFFSET :offset", params)
    return {"items": [dict(r) for r in rows], "total": total, "total_capped": capped, "limit": limit,
            "offset": offset}


def _joined(store: Any, w: Where, walk: bool, *, holding: Where | None = None) -> str:
    """FROM quotes and their articles WHERE ``w``; ``walk``: the articles first (a join order SQLite
    keeps, down the index articles_newest), so that LIMIT stops the reading early; ``holding``: only
    the articles holding a quote that it keeps (found down the index quotes_speaker)."""
    if walk:
        where = w.plus("qu.article_id = a.id")
        if holding is not None:  # (expressions, so that the articles are still read newest first)
            where.clauses.insert(0, unindexed(store, "a.id") + " IN (SELECT qu.article_id FROM quotes qu"
                                 + holding.sql() + ")")
        return " FROM articles a CROSS JOIN quotes qu" + where.sql()
    return " FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql()


def quotes_by_speaker(store: Any, *, speaker: str | None = None, q: str | None = None, limit: int = 20,
                      offset: int = 0, per_speaker: int = 8, min_confidence: float | None = None) -> JSON:
    """Speakers with the most quotes (a page of them), each with their latest quotes."""
    w = quote_where(store, speaker=speaker, q=q, article=None, kind=None, min_confidence=min_confidence)
    speakers: list[JSON]
    capped = False
    if q and w.params.get("qfq"):  # the words' matches read once (more than the cap: the capped candidates)
        m = quote_matches(store, w.params["qfq"])
        capped = m.capped
        w = quote_where(store, speaker=speaker, q=q, article=None, kind=None, min_confidence=min_confidence,
                        matches=m)
    if q or not has_rollups(store):  # one read of the matching quotes' keys (full-text matches: no rollup)
        found = _keys(store, w)
        total = len(found)
        names = sorted(found, key=lambda k: (k == "", -len(found[k]), k))[offset:offset + limit]
        speakers = [{"speaker": k, "actor": max((r[1] for r in found[k] if r[1] is not None), default=None),
                     "n": len(found[k])} for k in names]
        latest = _latest(store, found, names, per_speaker)
    else:  # counted in the rollup quote_stats (store/rollups.py)
        ws = quote_where(store, speaker=speaker, q=None, article=None, kind=None, min_confidence=min_confidence,
                         who="qu.speaker")
        total = int(run(store, "SELECT count(DISTINCT qu.speaker) FROM quote_stats qu" + ws.sql(), ws.params)[0][0])
        speakers = [dict(r) for r in run(
            store,
            "SELECT qu.speaker AS speaker, max(nullif(qu.speaker_actor, '')) AS actor, sum(qu.n) AS n "
            "FROM quote_stats qu" + ws.sql() + " GROUP BY qu.speaker ORDER BY qu.speaker = '', sum(qu.n) DESC, "
            "qu.speaker LIMIT :limit OFFSET :offset",
            {**ws.params, "limit": limit, "offset": offset},
        )]
        names = [str(s["speaker"]) for s in speakers]
        latest = _latest_dated(store, names, per_speaker, min_confidence)
    items = [{"speaker": s["speaker"] or None, "actor": s["actor"], "count": s["n"],
              "quotes": latest.get(str(s["speaker"]), [])} for s in speakers]
    return {"items": items, "total": total, "total_capped": capped, "limit": limit, "offset": offset}


_QUOTE_COLS = ("SELECT qu.article_id, qu.idx, qu.text, qu.kind, qu.cue, qu.channel, a.title AS article_title, "
               "a.published")


def _keys(store: Any, w: Where) -> dict[str, list[Any]]:
    """Speaker -> (speaker, actor, article id, index, published) of each quote ``w`` keeps: keys only,
    read in one pass (down the index quotes_speaker when ``w`` names the speakers)."""
    groups: dict[str, list[Any]] = {}
    dated = ("quote_dates d ON d.article_id = qu.article_id AND d.idx = qu.idx" if has_rollups(store)
             else "articles d ON d.id = qu.article_id")  # the article's date: from the narrow rollup if kept
    for r in run(store, "SELECT coalesce(qu.speaker_name, '') AS who, qu.speaker_actor, qu.article_id, qu.idx, "
                 f"d.published FROM quotes qu JOIN {dated}" + w.sql(), w.params):
        groups.setdefault(r[0], []).append(r)
    return groups


def _newest(keys: list[Any]) -> list[Any]:
    """Quote keys (as ``_keys`` reads them) newest article first, undated last; then article id and index."""
    newest = sorted(sorted(keys, key=lambda r: (r[2], r[3])), key=lambda r: r[4] or "", reverse=True)  # stable
    return [r for r in newest if r[4] is not None] + [r for r in newest if r[4] is None]


def _rows_of(store: Any, keys: list[Any], cols: str = _LIST_COLS) -> list[JSON]:
    """The quotes of ``keys`` (article id and index at 2 and 3), in that order, with ``cols``."""
    if not keys:
        return []
    pairs = [(r[2], r[3]) for r in keys]
    cond = " OR ".join(f"(qu.article_id = :a{i} AND qu.idx = :i{i})" for i in range(len(pairs)))
    params = {**{f"a{i}": p[0] for i, p in enumerate(pairs)}, **{f"i{i}": p[1] for i, p in enumerate(pairs)}}
    found = {(r["article_id"], r["idx"]): dict(r) for r in run(
        store, cols + f" FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {cond}", params)}
    return [found[p] for p in pairs]


def _latest(store: Any, groups: dict[str, list[Any]], names: list[str], per: int) -> dict[str, list[JSON]]:
    """The ``per`` latest quotes (newest article first, undated last; then article id and index) of each
    of ``names``, from their keys; the quotes' text read for those only."""
    chosen = [(k, r) for k in names for r in _newest(groups.get(k, []))[:per]]
    latest: dict[str, list[JSON]] = {k: [] for k in names}
    for (k, _), row in zip(chosen, _rows_of(store, [r for _, r in chosen], _QUOTE_COLS), strict=True):
        latest[k].append(row)
    return latest


def _latest_dated(store: Any, names: list[str], per: int, min_confidence: float | None) -> dict[str, list[JSON]]:
    """Each speaker's ``per`` latest quotes of at least ``min_confidence``, read down the index of the
    rollup quote_dates (speaker, then newest article first): ``per`` index rows a speaker."""
    parts, params = [], {}
    conf = " AND qd.confidence >= :qminconf" if min_confidence else ""
    for i, name in enumerate(names):
        params[f"s{i}"] = name
        parts.append(f"SELECT * FROM (SELECT qd.article_id, qd.idx, {i} AS who FROM quote_dates qd WHERE "
                     f"qd.speaker = :s{i}{conf} ORDER BY qd.published IS NULL, qd.published DESC, qd.article_id, "
                     f"qd.idx LIMIT :per) AS s{i}")
    out: dict[str, list[JSON]] = {n: [] for n in names}
    if not parts:
        return out
    rows = run(store, _QUOTE_COLS + ", latest.who FROM (" + " UNION ALL ".join(parts) + ") AS latest "
               "JOIN quotes qu ON qu.article_id = latest.article_id AND qu.idx = latest.idx "
               "JOIN articles a ON a.id = qu.article_id ORDER BY latest.who" + _ORDER.replace(" ORDER BY", ","),
               {**params, "per": per, **({"qminconf": float(min_confidence)} if min_confidence else {})})
    for r in rows:
        d = dict(r)
        out[names[d.pop("who")]].append(d)
    return out
