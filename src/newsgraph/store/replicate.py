"""A large database made quickly from a small one: the same analyses under new ids (benchmarks only).

``replicate(source, target, articles=N)`` writes every analysis of ``source`` into the empty
``target`` through the target store's own write path (copy 0), then copies copy 0's rows, table by
table and in SQL inside the target, under new ids until the target holds at least ``N`` articles:
copy ``k`` of article ``X`` is ``X~k``, its source ``SOURCE~k``, its url ``URL#copy-k`` and its
resume key ``KEY~k``; the stored Analysis JSON gets the new id and url; every other value (texts,
dates, entities, events, quotes, ...) is the original's.  The rollups (``rollups.py``) are then
counted again from every row.  The statements are the same for SQLite and PostgreSQL (parameters
bound, SQLite's dialect; the PostgreSQL store translates it) and their column lists come from
``schema.TABLES``; only the full-text tables differ (FTS5 re-indexes the copied text, PostgreSQL
copies the ``tsvector``).

What such a database is not: a year of news.  Every copy has the originals' dates, names and words,
so it has as many distinct entities, actors and months as the source, each counted ``copies`` times.

Run it with ``python scripts/build_scale_db.py SOURCE TARGET --articles 50000``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from ..errors import StoreError
from ..model import Analysis
from . import open_store
from .postgres import PostgresStore
from .rollups import FILL, ROLLUPS
from .schema import TABLES, columns

SEP = "~"  # copy k of article X is X~k
ORIGINAL = f"NOT LIKE '%{SEP}%'"  # the condition on an id of copy 0


# a stored Analysis JSON (json.dumps of Analysis.to_dict) starts with its article's id and url
def _head(id_sql: str, url_sql: str) -> str:
    """SQL for the head ``{"article": {"id": "ID", "url": "URL"`` (or ``null``) of a stored Analysis."""
    return ("'{\"article\": {\"id\": \"' || " + id_sql + " || '\", \"url\": ' || CASE WHEN " + url_sql
            + " IS NULL THEN 'null' ELSE '\"' || " + url_sql + " || '\"' END")


# how a copy changes a column, wherever the column is found (articles, sources and the tables below)
_RENAMED = {"id": "id || :sfx", "article_id": "article_id || :sfx", "source": "source || :sfx",
            "key": "key || :sfx", "url": "url || :frag",
            "analysis": _head("id || :sfx", "url || :frag") + " || substr(analysis, length(" + _head("id", "url")
            + ") + 1)"}


def _fulltext_columns(store: Any, table: str) -> list[str]:
    if isinstance(store, PostgresStore):
        rows = store.query("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                           "AND table_name = ? ORDER BY ordinal_position", (table,))
        return [r[0] for r in rows]
    return [r[1] for r in store.query(f"PRAGMA table_info({table})")]


def _copy_statements(store: Any) -> list[str]:
    """INSERT ... SELECT of copy 0's rows of every table under the suffix bound to ``:sfx``."""
    out = []
    for t in TABLES:
        if t.name in ROLLUPS:
            continue
        names = t.column_names
        key = "id" if t.name == "articles" else "article_id"
        if key not in names:
            continue
        sel = ", ".join(_RENAMED.get(c, f'"{c}"' if c == "end" else c) for c in names)
        out.append(f"INSERT INTO {t.name} ({columns(t.name)}) SELECT {sel} FROM {t.name} WHERE {key} {ORIGINAL}")
    for fts in ("articles_fts", "quotes_fts"):
        cols = _fulltext_columns(store, fts)
        sel = ", ".join(_RENAMED.get(c, c) if c == "article_id" else c for c in cols)
        out.append(f"INSERT INTO {fts} ({', '.join(cols)}) SELECT {sel} FROM {fts} WHERE article_id {ORIGINAL}")
    return out


def _execute(store: Any, statements: list[str], params: dict[str, Any]) -> None:
    """The statements in one transaction."""
    if isinstance(store, PostgresStore):
        with store.pg.transaction():
            for sql in statements:
                store.conn.execute(sql, params)
    else:
        with store.conn:
            for sql in statements:
                store.conn.execute(sql, params)


def replicate(source: str, target: str, *, articles: int,
              progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Fill the empty database ``target`` with ``source``'s analyses, then with copies of them until it
    holds at least ``articles`` articles.  Returns what was done and how long it took."""
    say = progress or (lambda _msg: None)
    t0 = time.perf_counter()
    with open_store(source, read_only=True) as src, open_store(target) as dst:
        if dst.count("articles"):
            raise StoreError(f"{target} already holds articles; give an empty database", code="E308")
        keys = {r[0]: r[1] for r in src.query("SELECT article_id, key FROM sources WHERE status = 'ok'")}
        n = 0
        for (aid, text) in src.query("SELECT id, analysis FROM articles ORDER BY id"):
            if SEP in aid:
                raise StoreError(f"article id {aid!r} holds {SEP!r}, which marks the copies", code="E308")
            dst.write(Analysis.from_dict(json.loads(text)), source_key=keys.get(aid))
            n += 1
        if not n:
            raise StoreError(f"{source} holds no articles", code="E308")
        t_seed = time.perf_counter() - t0
        say(f"copy 0: {n} articles written in {t_seed:.1f} s")
        bad = dst.query("SELECT count(*) FROM articles WHERE substr(analysis, 1, length(" + _head("id", "url")
                        + ")) != " + _head("id", "url"))[0][0]
        if bad:
            raise StoreError(f"{bad} stored analyses do not start with their id and url as written", code="E308")
        statements = _copy_statements(dst)
        copies = -(-articles // n)
        for k in range(1, copies):
            t1 = time.perf_counter()
            _execute(dst, statements, {"sfx": f"{SEP}{k}", "frag": f"#copy-{k}"})
            say(f"copy {k}/{copies - 1}: {time.perf_counter() - t1:.1f} s")
        t1 = time.perf_counter()
        _execute(dst, FILL, {})  # the copies were not written one by one: count the rollups again
        say(f"rollups: {time.perf_counter() - t1:.1f} s")
        if isinstance(dst, PostgresStore):
            dst.pg.execute("VACUUM ANALYZE")  # what autovacuum does after such a load, done now
        total = dst.count("articles")
    return {"source": source, "target": target, "seed_articles": n, "copies": copies, "articles": total,
            "seed_seconds": round(t_seed, 1), "seconds": round(time.perf_counter() - t0, 1)}
