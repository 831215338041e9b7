"""Quotes: the filtered, paged list and the quotes grouped by speaker (the quotes page).

``speaker`` matches part of the speaker's name ignoring case; ``q`` searches the quote's words
(and the speaker's name) in the full-text index.
"""

from __future__ import annotations

from typing import Any

from .sql import JSON, Where, fulltext_of, has_rollups, like_contains, run, walk_newest
from .stats import counts

_ORDER = " ORDER BY a.published IS NULL, a.published DESC, a.id, qu.idx"  # newest article first


def quote_where(store: Any, *, speaker: str | None, q: str | None, article: str | None,
                kind: str | None, min_confidence: float | None = None, who: str = "qu.speaker_name") -> Where:
    """The WHERE clause over ``quotes qu``; ``min_confidence`` (None or 0: all) as for events (filters.py).
    Over the rollup ``quote_stats qu`` (no ``q``, no ``article``), ``who`` is ``qu.speaker``."""
    ft = fulltext_of(store)
    w = Where()
    if min_confidence:
        w.add("qu.confidence >= :qminconf", qminconf=float(min_confidence))
    if speaker:
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
    if not q and not article and has_rollups(store):  # counted in the rollup quote_stats (store/rollups.py)
        ws = quote_where(store, speaker=speaker, q=None, article=None, kind=kind, min_confidence=min_confidence,
                         who="qu.speaker")
        total = int(run(store, "SELECT coalesce(sum(qu.n), 0) FROM quote_stats qu" + ws.sql(), ws.params)[0][0])
    else:
        total = int(run(store, "SELECT count(*) FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql(),
                        w.params)[0][0])
    # many matches: read the articles newest first and their quotes until the page is full (only the
    # articles holding a match, when a speaker is asked for: a speaker's quotes gather in a few months)
    walk = walk_newest(total, counts(store, ("quotes",))["quotes"], offset + limit)
    rows = run(
        store,
        'SELECT qu.article_id, qu.idx, qu.start, qu."end", qu.text, qu.kind, qu.speaker_entity, qu.speaker_name, '
        "qu.speaker_actor, qu.cue, qu.channel, qu.confidence, a.title AS article_title, a.published"
        + _joined(w, walk or bool(speaker and not q), holding=w if speaker and not q else None) + _ORDER
        + " LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    return {"items": [dict(r) for r in rows], "total": total, "limit": limit, "offset": offset}


def _joined(w: Where, walk: bool, *, holding: Where | None = None) -> str:
    """FROM quotes and their articles WHERE ``w``; ``walk``: the articles first (a join order SQLite
    keeps, down the index articles_newest), so that LIMIT stops the reading early; ``holding``: only
    the articles holding a quote that it keeps (found down the index quotes_speaker)."""
    if walk:
        where = w.plus("qu.article_id = a.id")
        if holding is not None:  # (expressions, so that the articles are still read newest first)
            where.clauses.insert(0, "(a.id || '') IN (SELECT qu.article_id FROM quotes qu" + holding.sql() + ")")
        return " FROM articles a CROSS JOIN quotes qu" + where.sql()
    return " FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql()


def quotes_by_speaker(store: Any, *, speaker: str | None = None, q: str | None = None, limit: int = 20,
                      offset: int = 0, per_speaker: int = 8, min_confidence: float | None = None) -> JSON:
    """Speakers with the most quotes (a page of them), each with their latest quotes."""
    w = quote_where(store, speaker=speaker, q=q, article=None, kind=None, min_confidence=min_confidence)
    if q or not has_rollups(store):
        total, speakers, latest = _by_speaker_pass(store, w, limit, offset, per_speaker)
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
        latest = _latest_of(store, w, [s["speaker"] for s in speakers], per_speaker)
    groups = [{"speaker": s["speaker"] or None, "actor": s["actor"], "count": s["n"],
               "quotes": latest.get(s["speaker"], [])} for s in speakers]
    return {"items": groups, "total": total, "limit": limit, "offset": offset}


_QUOTE_COLS = ("SELECT qu.article_id, qu.idx, qu.text, qu.kind, qu.cue, qu.channel, a.title AS article_title, "
               "a.published")


def _latest_of(store: Any, w: Where, names: list[str], per: int) -> dict[str, list[JSON]]:
    """Each speaker's ``per`` latest quotes: one query, a LIMIT per speaker, each reading the articles
    that hold the speaker's quotes newest first."""
    parts, params = [], dict(w.params)
    for i, name in enumerate(names):
        if name:  # the quotes' own name compared as an expression: they are read by article
            one, own = w.plus(f"qu.speaker_name = :s{i}"), w.plus(f"(qu.speaker_name || '') = :s{i}")
            params[f"s{i}"] = name
        else:
            one = own = w.plus("(qu.speaker_name IS NULL OR qu.speaker_name = '')")
        parts.append(f"SELECT * FROM ({_QUOTE_COLS}, {i} AS who" + _joined(own, True, holding=one) + _ORDER
                     + f" LIMIT :per) AS s{i}")
    out: dict[str, list[JSON]] = {}
    if parts:
        order = " ORDER BY who, published IS NULL, published DESC, article_id, idx"
        for r in run(store, "SELECT * FROM (" + " UNION ALL ".join(parts) + ") AS latest" + order,
                     {**params, "per": per}):
            d = dict(r)
            out.setdefault(names[d.pop("who")], []).append(d)
    return out


def _by_speaker_pass(store: Any, w: Where, limit: int, offset: int, per: int
                     ) -> tuple[int, list[JSON], dict[str, list[JSON]]]:
    """The speakers, their counts and latest quotes from one read of the matching quotes (keys only):
    for full-text words, whose matches only the full-text index knows."""
    rows = run(store, "SELECT coalesce(qu.speaker_name, '') AS who, qu.speaker_actor, qu.article_id, qu.idx, "
               "a.published FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql(), w.params)
    groups: dict[str, list[Any]] = {}
    for r in rows:
        groups.setdefault(r[0], []).append(r)
    names = sorted(groups, key=lambda k: (k == "", -len(groups[k]), k))[offset:offset + limit]
    speakers = [{"speaker": k, "actor": max((r[1] for r in groups[k] if r[1] is not None), default=None),
                 "n": len(groups[k])} for k in names]
    keys: dict[tuple[str, int], str] = {}
    for k in names:  # newest article first, undated last; then article id and index
        by_key = sorted(groups[k], key=lambda r: (r[2], r[3]))
        newest = sorted(by_key, key=lambda r: r[4] or "", reverse=True)
        for r in ([r for r in newest if r[4] is not None] + [r for r in newest if r[4] is None])[:per]:
            keys[(r[2], r[3])] = k
    latest: dict[str, list[JSON]] = {k: [] for k in names}
    if keys:
        pairs = list(keys)
        cond = " OR ".join(f"(qu.article_id = :a{i} AND qu.idx = :i{i})" for i in range(len(pairs)))
        params = {**{f"a{i}": p[0] for i, p in enumerate(pairs)}, **{f"i{i}": p[1] for i, p in enumerate(pairs)}}
        found = {(r["article_id"], r["idx"]): dict(r) for r in run(
            store, _QUOTE_COLS + f" FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {cond}", params)}
        for p in pairs:
            latest[keys[p]].append(found[p])
    return len(groups), speakers, latest
