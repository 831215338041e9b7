"""Entities: names with their type and actor code, counted over articles and mentions."""

from __future__ import annotations

from typing import Any

from .sql import JSON, Where, code_of, has_rollups, like_contains, rows_of, run


def list_entities(store: Any, *, type: str | None = None, actor: str | None = None, name: str | None = None,
                  limit: int = 50, offset: int = 0) -> JSON:
    """(name, type, actor) groups, the most articles first.  ``actor`` is a code prefix (any case),
    ``name`` part of the name (any case), ``type`` exact (PERSON, ORG, GPE, ...)."""
    w = Where()
    if type:
        w.add("type = :type", type=type.strip().upper())
    if actor:
        w.prefix("actor", "actor", code_of(actor))
    if name:
        w.add("name LIKE :name ESCAPE '\\'", name=like_contains(name))
    if has_rollups(store):  # the same groups, counted as they were written (store/rollups.py)
        total = int(run(store, "SELECT count(*) FROM entity_stats" + w.sql(), w.params)[0][0])
        rows = run(store, "SELECT name, type, nullif(actor, '') AS actor, articles, mentions FROM entity_stats"
                   + w.sql() + " ORDER BY articles DESC, mentions DESC, name, type, actor LIMIT :limit OFFSET :offset",
                   {**w.params, "limit": limit, "offset": offset})
        return {"items": [dict(r) for r in rows], "total": total, "limit": limit, "offset": offset}
    rows = run(
        store,
        "SELECT name, type, actor, count(DISTINCT article_id) AS articles, sum(n_mentions) AS mentions, "
        "count(*) OVER () AS _total FROM entities" + w.sql() + " GROUP BY name, type, actor "
        "ORDER BY articles DESC, mentions DESC, name LIMIT :limit OFFSET :offset",
        {**w.params, "limit": limit, "offset": offset},
    )
    if rows:
        total = int(rows[0]["_total"])
    else:
        total = int(run(store, "SELECT count(*) FROM (SELECT 1 FROM entities" + w.sql()
                        + " GROUP BY name, type, actor) AS groups", w.params)[0][0])
    return {"items": rows_of(rows), "total": total, "limit": limit, "offset": offset}
