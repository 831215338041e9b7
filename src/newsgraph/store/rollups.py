"""Rollups: the counts behind the web app's aggregates, kept up to date by every write.

Counting entities by name, events by actor pair or by month, or quotes by speaker over every row
costs seconds at 50,000 articles; these tables (defined in ``schema.py``) hold the same counts per
distinct key, so the read API (``newsgraph.query``) sums a few rows instead:

- ``entity_stats``  (name, type, actor) -> articles having one, mentions
- ``actor_stats``   actor -> articles having an entity of it
- ``article_actors`` (article, actor) -> its entities of that actor: the actors of any set of articles
  (the facets of a search) counted one row an article and actor, not one an entity
- ``event_stats``   (day, source, target, code, root, quad_class, negated, confidence) -> events, the sum of
  their Goldstein scores in tenths (the CAMEO scale's unit, so the sum is exact) and how many have one
- ``quote_stats``   (speaker, speaker actor, kind, confidence) -> quotes
- ``quote_dates``   each quote's speaker, confidence and article date (a speaker's latest quotes, by index)
- ``row_counts``    table -> rows

Both stores run the same statements (SQLite's dialect, ``INSERT ... ON CONFLICT DO UPDATE``, which
PostgreSQL shares), in the article's transaction: ``counts_of`` reads what the article adds to each
rollup before its old rows are deleted and after its new ones are written, and ``apply`` adds the
difference, once per rollup and in key order (so writers sharing a PostgreSQL server lock shared
rows in one order); ``FILL`` counts them from every row (the v3 migration, and ``replicate``).
A day is an event's date, else its article's publication date, cut to ten characters (what every
date filter and period compares); a missing value is kept as '' (text), 0 (quad_class) or -1
(confidence), since keys cannot hold NULL, and read back as NULL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .schema import rebuild_index_sql

ROLLUPS_SINCE = 3  # the schema version that added them
ROLLUPS = ("entity_stats", "actor_stats", "article_actors", "event_stats", "quote_stats", "quote_dates", "row_counts")
ARTICLE_ACTORS_SINCE = 4  # the schema version that added article_actors
COUNTED = ("articles", "entities", "mentions", "events", "quotes", "timexes", "amounts", "places", "themes")
WHEN = "coalesce(ev.date, a.published)"  # as query/filters.py dates an event



class Rollup:
    """One rollup table: its key and count columns, and the SELECT of the counts of the rows ``{where}``
    keeps (one article's, or every row's), one row per key."""

    def __init__(self, table: str, keys: tuple[str, ...], counts: tuple[str, ...], select: str) -> None:
        self.table, self.keys, self.counts, self.select = table, keys, counts, select

    def rows(self, one: bool) -> str:
        where = "1 = 1" if not one else ("ev.article_id = :aid" if " ev " in self.select else "article_id = :aid")
        return self.select.format(where=where, where_a="1 = 1" if not one else "id = :aid")

    def upsert(self) -> str:
        """Add counts (``?`` parameters: keys then counts) to a key's row, making it if missing."""
        cols = self.keys + self.counts
        return (f"INSERT INTO {self.table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                f"ON CONFLICT ({', '.join(self.keys)}) DO UPDATE SET "
                + ", ".join(f"{c} = {self.table}.{c} + excluded.{c}" for c in self.counts))

    def prune(self) -> str:
        """Delete a key's row (``?`` parameters: the keys) once its count is 0."""
        return (f"DELETE FROM {self.table} WHERE " + " AND ".join(f"{k} = ?" for k in self.keys)
                + f" AND {self.counts[0]} = 0")


_ROLLUPS = (
    Rollup("entity_stats", ("name", "type", "actor"), ("articles", "mentions"),
           "SELECT name, type, coalesce(actor, ''), count(DISTINCT article_id), sum(n_mentions) FROM entities "
           "WHERE {where} GROUP BY name, type, coalesce(actor, '')"),
    Rollup("actor_stats", ("actor",), ("articles",),
           "SELECT actor, count(DISTINCT article_id) FROM entities WHERE {where} AND actor IS NOT NULL GROUP BY actor"),
    Rollup("article_actors", ("article_id", "actor"), ("entities",),
           "SELECT article_id, actor, count(*) FROM entities WHERE {where} AND actor IS NOT NULL "
           "GROUP BY article_id, actor"),
    Rollup("event_stats", ("day", "source_actor", "target_actor", "code", "root", "quad_class", "negated",
                           "confidence"), ("n", "goldstein_tenths", "goldstein_n"),
           f"SELECT coalesce(substr({WHEN}, 1, 10), ''), coalesce(ev.source_actor, ''), "
           "coalesce(ev.target_actor, ''), ev.code, ev.root, coalesce(ev.quad_class, 0), ev.negated, "
           "coalesce(ev.confidence, -1), count(*), coalesce(sum(round(ev.goldstein * 10)), 0), count(ev.goldstein) "
           "FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"),
    Rollup("quote_stats", ("speaker", "speaker_actor", "kind", "confidence"), ("n",),
           "SELECT coalesce(speaker_name, ''), coalesce(speaker_actor, ''), coalesce(kind, ''), "
           "coalesce(confidence, -1), count(*) FROM quotes WHERE {where} GROUP BY 1, 2, 3, 4"),
    Rollup("row_counts", ("name",), ("n",),
           " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t} WHERE {{where{'_a' if t == 'articles' else ''}}}"
                              for t in COUNTED)),
)
_DATES = ("INSERT INTO quote_dates (article_id, idx, speaker, confidence, published) "
          "SELECT qu.article_id, qu.idx, coalesce(qu.speaker_name, ''), coalesce(qu.confidence, -1), a.published "
          "FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {where}")

# every rollup counted again from every row (the v3 migration, and replicate.py after its copies)
FILL = [*(f"DELETE FROM {t}" for t in ROLLUPS),
        *(f"INSERT INTO {r.table} ({', '.join(r.keys + r.counts)}) " + r.rows(one=False) for r in _ROLLUPS),
        _DATES.format(where="1 = 1")]
FILL_SCRIPT = ";\n".join(FILL) + ";\n"
# the v3 migration: quotes_speaker widened (speaker_name, confidence, article_id), the rollups counted
MIGRATION_V3 = rebuild_index_sql("quotes", "quotes_speaker") + FILL_SCRIPT
# the v4 migration: article_actors counted (a v3 database's other rollups are already kept)
MIGRATION_V4 = "".join(f"{sql};\n" for sql in FILL if "article_actors" in sql)

Counts = dict[str, dict[tuple[Any, ...], tuple[Any, ...]]]  # rollup -> key -> counts


def counts_of(query: Callable[[str, dict[str, Any]], list[Any]], article_id: str) -> Counts:
    """What one stored article adds to each rollup (read before its rows are deleted, and after the new
    ones are written)."""
    out: Counts = {}
    for r in _ROLLUPS:
        k = len(r.keys)
        out[r.table] = {tuple(row[:k]): tuple(row[k:]) for row in query(r.rows(one=True), {"aid": article_id})}
    return out


def apply(execute: Callable[[str, dict[str, Any]], Any], execute_many: Callable[[str, list[Any]], Any],
          article_id: str, before: Counts | None, after: Counts) -> None:
    """Add ``after - before`` (one article's counts, before its rows were replaced and after) to the
    rollups, and its quotes' dates to quote_dates, in the article's transaction.  Each rollup is
    changed once, its keys in order, the rollups in one order: writers on a shared PostgreSQL server
    lock the rows they share in the same order, so none waits for another that waits for it."""
    for r in _ROLLUPS:
        old, new = (before or {}).get(r.table, {}), after[r.table]
        changes, emptied = [], []
        for key in sorted(set(old) | set(new)):
            delta = tuple((b or 0) - (a or 0) for a, b in zip(old.get(key, (0,) * len(r.counts)),
                                                                new.get(key, (0,) * len(r.counts)), strict=True))
            if any(delta):
                changes.append((*key, *delta))
            if key not in new:
                emptied.append(key)
        if changes:
            execute_many(r.upsert(), changes)
        if emptied:
            execute_many(r.prune(), emptied)
    execute("DELETE FROM quote_dates WHERE article_id = :aid", {"aid": article_id})
    execute(_DATES.format(where="qu.article_id = :aid"), {"aid": article_id})
