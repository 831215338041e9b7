"""Rollups: the counts behind the web app's aggregates, kept up to date by every write.

Counting entities by name, events by actor pair or by month, or quotes by speaker over every row
costs seconds at 50,000 articles; these tables (defined in ``schema.py``) hold the same counts per
distinct key, so the read API (``newsgraph.query``) sums a few rows instead:

- ``entity_stats``  (name, type, actor) -> articles having one, mentions
- ``actor_stats``   actor -> articles having an entity of it
- ``event_stats``   (day, source, target, code, root, quad_class, negated, confidence) -> events, the sum of
  their Goldstein scores in tenths (the CAMEO scale's unit, so the sum is exact) and how many have one
- ``quote_stats``   (speaker, speaker actor, kind, confidence) -> quotes
- ``quote_dates``   each quote's speaker, confidence and article date (a speaker's latest quotes, by index)
- ``row_counts``    table -> rows

Both stores run the same statements (SQLite's dialect, ``INSERT ... ON CONFLICT DO UPDATE``, which
PostgreSQL shares): ``SUBTRACT`` before an article's rows are deleted, ``ADD`` after they are
written, in the article's transaction; ``FILL`` rebuilds them from every row (the v3 migration,
and ``replicate``).  A day is an event's date, else its article's publication date, cut to ten
characters (what every date filter and period compares); a missing value is kept as '' (text),
0 (quad_class) or -1 (confidence), since keys cannot hold NULL, and read back as NULL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .schema import rebuild_index_sql

ROLLUPS_SINCE = 3  # the schema version that added them
ROLLUPS = ("entity_stats", "actor_stats", "event_stats", "quote_stats", "quote_dates", "row_counts")
COUNTED = ("articles", "entities", "mentions", "events", "quotes", "timexes", "amounts", "places", "themes")
WHEN = "coalesce(ev.date, a.published)"  # as query/filters.py dates an event

# {where} restricts to one article (or to none); {sign} is 1 to add, -1 to subtract
_STATEMENTS = (
    "INSERT INTO entity_stats (name, type, actor, articles, mentions) "
    "SELECT name, type, coalesce(actor, ''), {sign} * count(DISTINCT article_id), {sign} * sum(n_mentions) "
    "FROM entities WHERE {where} "
    "GROUP BY name, type, coalesce(actor, '') ORDER BY 1, 2, 3 "
    "ON CONFLICT (name, type, actor) DO UPDATE SET articles = entity_stats.articles + excluded.articles, "
    "mentions = entity_stats.mentions + excluded.mentions",
    "INSERT INTO actor_stats (actor, articles) "
    "SELECT actor, {sign} * count(DISTINCT article_id) FROM entities WHERE {where} AND actor IS NOT NULL "
    "GROUP BY actor ORDER BY 1 "
    "ON CONFLICT (actor) DO UPDATE SET articles = actor_stats.articles + excluded.articles",
    "INSERT INTO event_stats (day, source_actor, target_actor, code, root, quad_class, negated, confidence, n, "
    "goldstein_tenths, goldstein_n) "
    f"SELECT coalesce(substr({WHEN}, 1, 10), ''), coalesce(ev.source_actor, ''), coalesce(ev.target_actor, ''), "
    "ev.code, ev.root, coalesce(ev.quad_class, 0), ev.negated, coalesce(ev.confidence, -1), {sign} * count(*), "
    "{sign} * coalesce(sum(round(ev.goldstein * 10)), 0), {sign} * count(ev.goldstein) "
    "FROM events ev JOIN articles a ON a.id = ev.article_id WHERE {where_ev} "
    "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8 "
    "ON CONFLICT (day, source_actor, target_actor, code, root, quad_class, negated, confidence) DO UPDATE SET "
    "n = event_stats.n + excluded.n, goldstein_tenths = event_stats.goldstein_tenths + excluded.goldstein_tenths, "
    "goldstein_n = event_stats.goldstein_n + excluded.goldstein_n",
    "INSERT INTO quote_stats (speaker, speaker_actor, kind, confidence, n) "
    "SELECT coalesce(speaker_name, ''), coalesce(speaker_actor, ''), coalesce(kind, ''), coalesce(confidence, -1), "
    "{sign} * count(*) FROM quotes WHERE {where} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
    "ON CONFLICT (speaker, speaker_actor, kind, confidence) DO UPDATE SET n = quote_stats.n + excluded.n",
    "INSERT INTO row_counts (name, n) "
    + " UNION ALL ".join(f"SELECT '{t}', {{sign}} * count(*) FROM {t} WHERE {{where_{'a' if t == 'articles' else 't'}}}"
                         for t in COUNTED)
    + " ORDER BY 1 ON CONFLICT (name) DO UPDATE SET n = row_counts.n + excluded.n",
)
# rows whose count fell to 0 (an article replaced or its keys gone)
_PRUNE = ("DELETE FROM entity_stats WHERE articles = 0", "DELETE FROM actor_stats WHERE articles = 0",
          "DELETE FROM event_stats WHERE n = 0", "DELETE FROM quote_stats WHERE n = 0")


_DATES = ("INSERT INTO quote_dates (article_id, idx, speaker, confidence, published) "
          "SELECT qu.article_id, qu.idx, coalesce(qu.speaker_name, ''), coalesce(qu.confidence, -1), a.published "
          "FROM quotes qu JOIN articles a ON a.id = qu.article_id WHERE {where}")


def _render(sign: str, one: bool) -> list[str]:
    where = "article_id = :aid" if one else "1 = 1"
    out = [s.format(sign=sign, where=where, where_t=where, where_ev="ev." + where if one else where,
                    where_a="id = :aid" if one else where) for s in _STATEMENTS]
    if sign == "1":
        out.append(_DATES.format(where="qu.article_id = :aid" if one else where))
    return out


ADD = _render("1", one=True)
SUBTRACT = [*_render("-1", one=True), *_PRUNE, "DELETE FROM quote_dates WHERE article_id = :aid"]
FILL = [*(f"DELETE FROM {t}" for t in ROLLUPS), *_render("1", one=False)]
FILL_SCRIPT = ";\n".join(FILL) + ";\n"
# the v3 migration: quotes_speaker widened (speaker_name, confidence, article_id), the rollups counted
MIGRATION_V3 = rebuild_index_sql("quotes", "quotes_speaker") + FILL_SCRIPT


def apply(execute: Callable[[str, dict[str, Any]], Any], statements: list[str], article_id: str) -> None:
    """Run ``ADD`` or ``SUBTRACT`` for one article with the store's ``execute(sql, params)`` (SQLite's
    dialect: a SQLite cursor, or the PostgreSQL store's translating connection)."""
    for sql in statements:
        execute(sql, {"aid": article_id} if ":aid" in sql else {})
