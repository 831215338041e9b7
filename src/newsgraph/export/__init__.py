"""Exports from the store: JSONL (the output contract) and CSV (one table)."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore

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


def export_jsonl(store: SQLiteStore, out: TextIO) -> int:
    n = 0
    for a in store.iter_analyses():
        out.write(a.to_json() + "\n")
        n += 1
    return n


def export_csv(store: SQLiteStore, out: TextIO, *, table: str) -> int:
    if table not in CSV_TABLES:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(CSV_TABLES)}")
    cur = store.conn.execute(CSV_TABLES[table])
    w = csv.writer(out)
    w.writerow([d[0] for d in cur.description])
    n = 0
    for row in cur:
        w.writerow(list(row))
        n += 1
    return n
