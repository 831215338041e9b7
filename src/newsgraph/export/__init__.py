"""Exports from the store: JSONL (the output contract) and CSV (one table)."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from ..query.tables import CSV_TABLES
from ..query.tables import table as read_table

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore

__all__ = ["CSV_TABLES", "export_csv", "export_jsonl"]


def export_jsonl(store: SQLiteStore, out: TextIO) -> int:
    """Every stored Analysis, one JSON object a line (the output contract); the number written."""
    n = 0
    for a in store.iter_analyses():
        out.write(a.to_json() + "\n")
        n += 1
    return n


def export_csv(store: SQLiteStore, out: TextIO, *, table: str, min_confidence: float = 0.0) -> int:
    """One table as CSV (a header row, then its rows; events and quotes of at least ``min_confidence``);
    the number of rows."""
    names, rows = read_table(store, table, export="csv", min_confidence=min_confidence)
    w = csv.writer(out)
    w.writerow(names)
    n = 0
    for row in rows:
        w.writerow(list(row))
        n += 1
    return n
