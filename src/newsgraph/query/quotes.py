"""Quotes: the filtered, paged list and the quotes grouped by speaker (the quotes page).

``speaker`` matches part of the speaker's name ignoring case; ``q`` searches the quote's words
(and the speaker's name) in the full-text index.
"""

from __future__ import annotations

from typing import Any

from .sql import JSON, Where, fulltext_of, like_contains, run


def quote_where(store: Any, *, speaker: str | None, q: str | None, article: str | None,
                kind: str | None, min_confidence: float | None = None) -> Where:
    """The WHERE clause over ``quotes qu``; ``min_confidence`` (None or 0: all) as for events (filters.py)."""
    ft = fulltext_of(store)
    w = Where()
    if min_confidence:
        w.add("qu.confidence >= :qminconf", qminconf=float(min_confidence))
    if speaker:
        w.add("qu.speaker_name LIKE :speaker ESCAPE '\\'", speaker=like_contains(speaker))
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
    base = " FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql()
    total = int(run(store, "SELECT count(*)" + base, w.params)[0][0])
    rows = run(
        store,
        'SELECT qu.article_id, qu.idx, qu.start, qu."end", qu.text, qu.kind, qu.speaker_entity, qu.speaker_name, '
        "qu.speaker_actor, qu.cue, qu.channel, qu.confidence, a.title AS article_title, a.published" + base
        + " ORDER BY a.published IS NULL, a.published DESC, qu.article_id, qu.idx LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    return {"items": [dict(r) for r in rows], "total": total, "limit": limit, "offset": offset}


def quotes_by_speaker(store: Any, *, speaker: str | None = None, q: str | None = None, limit: int = 20,
                      offset: int = 0, per_speaker: int = 8, min_confidence: float | None = None) -> JSON:
    """Speakers with the most quotes (a page of them), each with their latest quotes."""
    w = quote_where(store, speaker=speaker, q=q, article=None, kind=None, min_confidence=min_confidence)
    base = " FROM quotes qu JOIN articles a ON a.id = qu.article_id" + w.sql()
    who = "coalesce(qu.speaker_name, '')"
    total = int(run(store, f"SELECT count(DISTINCT {who})" + base, w.params)[0][0])
    speakers = run(
        store,
        f"SELECT {who} AS speaker, max(qu.speaker_actor) AS actor, count(*) AS n" + base
        + f" GROUP BY {who} ORDER BY {who} = '', count(*) DESC, {who} LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    names = [s["speaker"] for s in speakers]
    by_speaker: dict[str, list[JSON]] = {n: [] for n in names}
    if names:
        marks = ", ".join(f":s{i}" for i in range(len(names)))
        ws = w.plus(f"{who} IN ({marks})", **{f"s{i}": n for i, n in enumerate(names)})
        rows = run(
            store,
            "SELECT * FROM (SELECT qu.article_id, qu.idx, qu.text, qu.kind, qu.cue, qu.channel, "
            f"a.title AS article_title, a.published, {who} AS who, row_number() OVER (PARTITION BY {who} "
            "ORDER BY a.published IS NULL, a.published DESC, qu.article_id, qu.idx) AS rn "
            "FROM quotes qu JOIN articles a ON a.id = qu.article_id" + ws.sql() + ") AS ranked WHERE rn <= :per "
            "ORDER BY who, rn",
            {**ws.params, "per": per_speaker},
        )
        for r in rows:
            d = dict(r)
            by_speaker[d.pop("who")].append({k: v for k, v in d.items() if k != "rn"})
    groups = [{"speaker": s["speaker"] or None, "actor": s["actor"], "count": s["n"],
               "quotes": by_speaker[s["speaker"]]} for s in speakers]
    return {"items": groups, "total": total, "limit": limit, "offset": offset}
