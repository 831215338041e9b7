"""Parquet: one file per table (articles, entities, mentions, events, quotes, timexes, amounts,
places, themes), readable by DuckDB, pandas and Spark.  Needs the ``parquet`` extra (pyarrow)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..query.tables import PARQUET_TABLES as TABLES
from ..query.tables import table as read_table

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore


def write_parquet(store: SQLiteStore, folder: str | Path) -> dict[str, int]:
    """Write ``<folder>/<table>.parquet`` for every table; returns row counts."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise RuntimeError("Parquet export needs pyarrow: pip install 'newsgraph[parquet]'") from exc
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in TABLES:
        names, it = read_table(store, table, export="parquet")
        rows = list(it)
        data = {n: [r[i] for r in rows] for i, n in enumerate(names)}
        tmp = out / f".{table}.parquet.part"
        pq.write_table(pa.table(data), tmp)
        tmp.replace(out / f"{table}.parquet")
        counts[table] = len(rows)
    return counts
