"""What the SQLite and PostgreSQL stores share: the rows an Analysis becomes, and the reads that
are the same SQL on both (written in SQLite's dialect; the PostgreSQL store translates it)."""

from __future__ import annotations

import json
from typing import Any

from ..errors import StoreError
from ..model import Analysis
from .rollups import COUNTED as KEPT
from .rollups import ROLLUPS_SINCE
from .schema import BY_NAME, columns

TABLES = frozenset(BY_NAME) - {"meta"}

ARTICLE_COLUMNS = columns("articles", without=("ingested_at",))  # what article_row gives, in this order


def article_row(analysis: Analysis) -> tuple[Any, ...]:
    """The ``articles`` row of an Analysis, in ``ARTICLE_COLUMNS`` order."""
    a = analysis.article
    return (a.id, a.url, a.outlet, a.title, a.published.value if a.published else None,
            a.published.precision if a.published else None, a.language,
            json.dumps([b.name for b in a.bylines], ensure_ascii=False), a.source, a.content_hash,
            a.text, analysis.tone.tone if analysis.tone else None,
            json.dumps(analysis.to_dict(), ensure_ascii=False), ",".join(analysis.stages))


def child_rows(analysis: Analysis) -> list[tuple[str, str, list[tuple[Any, ...]]]]:
    """(table, "(column, ...)", rows) for every table below ``articles``: each row holds a value for
    every column of the table's definition (``schema.TABLES``), in its order."""
    aid = analysis.article.id
    ents = analysis.entities
    tables: list[tuple[str, list[tuple[Any, ...]]]] = [
        ("entities", [(aid, e.id, e.type, e.name, e.actor, e.country, e.role, e.kb_id, len(e.mentions),
                       e.actor_source)
                          for e in ents]),
        ("mentions",
         [(aid, e.id, m.start, m.end, m.text, m.label) for e in ents for m in e.mentions]),
        ("events", [
            (aid, i, ev.code, ev.root, ev.name, ev.quad_class, ev.goldstein,
             ev.source.actor if ev.source else None, ev.source.entity if ev.source else None,
             ev.source.name if ev.source else None, ev.source.start if ev.source else None,
             ev.target.actor if ev.target else None, ev.target.entity if ev.target else None,
             ev.target.name if ev.target else None, ev.target.start if ev.target else None,
             ev.date.value if ev.date else None, ev.date.precision if ev.date else None,
             ev.date.anchor if ev.date else None,
             ev.place.name if ev.place else None, ev.place.country if ev.place else None,
             ev.place.lat if ev.place else None, ev.place.lon if ev.place else None,
             int(ev.negated), ev.modality, ev.confidence, ev.sentence.start, ev.sentence.end,
             ev.trigger.start, ev.trigger.end, ev.trigger.text) for i, ev in enumerate(analysis.events)]),
        ("quotes", [(aid, i, q.span.start, q.span.end, q.span.text, q.kind,
                         q.speaker.entity if q.speaker else None, q.speaker.name if q.speaker else None,
                         q.speaker.actor if q.speaker else None, q.cue.text if q.cue else None,
                         q.channel.text if q.channel else None, q.confidence) for i, q in enumerate(analysis.quotes)]),
        ("timexes", [(aid, i, t.span.start, t.span.end, t.span.text, t.type, t.value)
                         for i, t in enumerate(analysis.timexes)]),
        ("amounts", [(aid, i, m.span.start, m.span.end, m.span.text, m.value, m.unit, m.kind,
                          m.measure.text if m.measure else None, m.date) for i, m in enumerate(analysis.amounts)]),
        ("places", [(aid, i, p.span.start, p.span.end, p.span.text, p.name, p.country, p.lat, p.lon,
                         p.geonames_id) for i, p in enumerate(analysis.places)]),
        ("themes", [(aid, t.code, len(t.spans)) for t in analysis.themes]),
    ]
    return [(table, f"({columns(table)})", rows) for table, rows in tables]


def insert_sql(table: str, columns: str, n: int, mark: str) -> str:
    """``INSERT INTO table(columns) VALUES (mark, ...)`` with ``n`` placeholders."""
    return f"INSERT INTO {table}{columns} VALUES ({','.join([mark] * n)})"


class SharedReads:
    """Reads both stores answer with the same SQL; a store provides ``query`` and ``schema_version``."""

    cache_size = 512  # results the read API may keep (query/sql.py ``run``); the web app sets result_cache
    fulltext_cap = 1000  # full-text matches a search ranks and counts at most (query/sql.py; setting fulltext_cap)

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Any]:
        raise NotImplementedError

    def schema_version(self) -> int:
        raise NotImplementedError

    def count(self, table: str) -> int:
        """Rows of ``table``: kept in the rollup row_counts for the article tables (store/rollups.py)."""
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}", code="E306")
        if table in KEPT and self.schema_version() >= ROLLUPS_SINCE:
            row = self.query("SELECT n FROM row_counts WHERE name = ?", (table,))
            return int(row[0][0]) if row else 0
        return int(self.query(f"SELECT count(*) FROM {table}")[0][0])

    def get(self, article_id: str) -> Analysis | None:
        row = self.query("SELECT analysis FROM articles WHERE id = ?", (article_id,))
        return Analysis.from_json(row[0][0]) if row else None

    def find_ids(self, prefix: str) -> list[str]:
        like = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return [r[0] for r in self.query("SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 5",
                                         (like,))]

    def stats(self) -> dict[str, Any]:
        out: dict[str, Any] = {t: self.count(t) for t in ("articles", "entities", "mentions", "events", "quotes",
                                                           "timexes", "amounts", "places", "rejects")}
        row = self.query("SELECT min(published), max(published) FROM articles")[0]
        out["published_range"] = [row[0], row[1]]
        out["outlets"] = {r[0] or "?": r[1] for r in self.query(
            "SELECT outlet, count(*) FROM articles GROUP BY outlet "
            "ORDER BY count(*) DESC, outlet IS NOT NULL, outlet LIMIT 10")}
        out["reject_codes"] = {r[0]: r[1] for r in self.query(
            "SELECT code, count(*) FROM rejects GROUP BY code ORDER BY code")}
        out["schema_version"] = self.schema_version()
        return out
