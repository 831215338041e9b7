"""What the database holds: counts, the publication range, the outlets, the health check."""

from __future__ import annotations

from typing import Any

from ..store.rollups import COUNTED as ROWS_KEPT
from .sql import JSON, has_rollups, run

COUNTED = frozenset({"articles", "entities", "mentions", "events", "quotes", "timexes", "amounts", "places",
                     "themes", "rejects"})


def counts(store: Any, tables: tuple[str, ...] = ("articles", "events", "quotes")) -> dict[str, int]:
    """Rows per table (names checked against the known tables, never pasted from a user); read from the
    rollup row_counts where the store keeps it."""
    out: dict[str, int] = {}
    kept = {r[0]: int(r[1]) for r in run(store, "SELECT name, n FROM row_counts")} if has_rollups(store) else None
    for t in tables:
        if t not in COUNTED:
            raise ValueError(f"unknown table {t!r}")
        if kept is not None and t in ROWS_KEPT:
            out[t] = kept.get(t, 0)
        else:
            out[t] = int(run(store, f"SELECT count(*) FROM {t}")[0][0])
    return out


def published_range(store: Any) -> tuple[str | None, str | None]:
    """The earliest and the latest publication date stored."""
    lo, hi = run(store, "SELECT min(published), max(published) FROM articles")[0]
    return lo, hi


def outlets(store: Any, *, limit: int = 200) -> list[str]:
    """Outlets, the most articles first."""
    return [r[0] for r in run(store, "SELECT outlet FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
                                     "ORDER BY count(*) DESC LIMIT ?", (limit,))]


def health(store: Any) -> JSON:
    """Liveness: the stored articles (asked each time, never cached) and the schema version."""
    n = int(store.query("SELECT count(*) FROM articles")[0][0])
    return {"status": "ok", "articles": n, "schema_version": store.schema_version()}


def stats(store: Any) -> JSON:
    """Counts of every table, the publication range, the top outlets and the reject codes."""
    out: JSON = store.stats()
    return out
