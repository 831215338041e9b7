"""Whole-table reads for the exports (CSV, Parquet, GDELT): rows in a stable order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

# what ``newsgraph export --format csv --table T`` writes (the analysis JSON stays out of it)
CSV_TABLES = {
    "articles": "SELECT id, url, outlet, title, published, language, bylines, tone FROM articles "
                "ORDER BY published IS NOT NULL, published, id",
    "entities": "SELECT article_id, eid, type, name, actor, country, role, n_mentions FROM entities "
                "ORDER BY article_id, eid",
    "events": "SELECT * FROM events ORDER BY article_id, idx",
    "quotes": "SELECT * FROM quotes ORDER BY article_id, idx",
    "timexes": "SELECT * FROM timexes ORDER BY article_id, idx",
    "amounts": "SELECT * FROM amounts ORDER BY article_id, idx",
    "places": "SELECT * FROM places ORDER BY article_id, idx",
    "themes": "SELECT * FROM themes ORDER BY article_id, code",
}
PARQUET_TABLES = ("articles", "entities", "mentions", "events", "quotes", "timexes", "amounts", "places", "themes")
_ARTICLE_COLUMNS = ("id, url, outlet, title, published, published_precision, language, bylines, source, "
                    "content_hash, text, tone, stages, ingested_at")  # every column but the analysis JSON

# every non-negated event row joined with its article, grouped by the linking key (link/)
_EVENT_MENTIONS = (
    "SELECT e.*, a.url, a.outlet, a.published, a.tone AS article_tone, a.ingested_at, a.title, "
    "length(a.text) AS doc_len, a.text AS article_text "
    "FROM events e JOIN articles a ON a.id = e.article_id WHERE e.negated = 0{confidence} "
    "ORDER BY coalesce(e.source_actor, ''), coalesce(e.target_actor, ''), e.code, "
    "coalesce(e.date, a.published, ''), a.published, e.article_id, e.idx"
)


def _at_least(column: str, min_confidence: float) -> str:
    """`` AND column >= x`` for a threshold above 0 (a float literal, so either dialect reads it), else ''."""
    return f" AND {column} >= {float(min_confidence)!r}" if min_confidence else ""


def table(store: Any, name: str, *, export: str = "csv", min_confidence: float = 0.0
          ) -> tuple[list[str], Iterator[Any]]:
    """(column names, rows) of one table as the ``export`` (csv or parquet) writes it; for csv, the events
    or quotes of at least ``min_confidence`` (parquet is the whole store, confidences included)."""
    if export == "csv":
        if name not in CSV_TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(CSV_TABLES)}")
        sql = CSV_TABLES[name]
        if name in ("events", "quotes") and min_confidence:
            sql = sql.replace(" ORDER BY", " WHERE 1 = 1" + _at_least("confidence", min_confidence) + " ORDER BY")
    else:
        if name not in PARQUET_TABLES:
            raise ValueError(f"unknown table {name!r}; one of {', '.join(PARQUET_TABLES)}")
        sql = f"SELECT {_ARTICLE_COLUMNS if name == 'articles' else '*'} FROM {name}"
    cur = store.conn.execute(sql)
    return [d[0] for d in cur.description], iter(cur)


def event_mentions(store: Any, min_confidence: float = 0.0) -> Iterator[Any]:
    """Every non-negated event row of at least ``min_confidence`` with its article's url, outlet, dates,
    tone, title and text."""
    yield from store.conn.execute(_EVENT_MENTIONS.format(confidence=_at_least("e.confidence", min_confidence)))
