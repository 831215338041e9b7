"""SQL building blocks of the read API: WHERE clauses with bound parameters, prefix and date
bounds, and a small result cache.

Every read query of newsgraph (CLI, REST API, web pages, exports) is written in SQLite's dialect
with ``:name`` parameters; the PostgreSQL store translates it (``store/postgres.py``).  Nothing a
user types is pasted into SQL text: values are always bound.
"""

from __future__ import annotations

import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..store.sqlite import SQLiteFullText

JSON = dict[str, Any]

DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
TOP = "\U0010ffff"  # sorts after every character: [value, value + TOP) holds every string starting with value

_CACHE: OrderedDict[tuple[Any, ...], list[Any]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 512  # entries, unless the store says otherwise (``store.cache_size``: the setting result_cache)


def _stamp(path: str) -> tuple[int, ...]:
    """Changes whenever the database changes (a write touches the file or its WAL)."""
    out: list[int] = []
    for p in (path, path + "-wal"):
        try:
            st = os.stat(p)
            out += [st.st_mtime_ns, st.st_size]
        except OSError:
            out += [0, 0]
    return tuple(out)


def fulltext_of(store: Any) -> Any:
    """The store's full-text SQL fragments (FTS5 for SQLite, tsvector for PostgreSQL)."""
    return getattr(store, "fulltext", SQLiteFullText())


def run(store: Any, sql: str, params: dict[str, Any] | tuple[Any, ...] = ()) -> list[Any]:
    """``store.query`` with a small cache of results, dropped as soon as the database file changes.

    The web app's database is read-only, so aggregate pages asked twice (facets, timeline,
    network) cost one query.  A PostgreSQL store (``cacheable = False``) is always asked, and so is
    a store whose ``cache_size`` is 0.
    """
    size = getattr(store, "cache_size", CACHE_SIZE)
    if not getattr(store, "cacheable", True) or size <= 0:
        return list(store.query(sql, params))
    frozen = tuple(sorted(params.items())) if isinstance(params, dict) else tuple(params)
    key = (store.path, _stamp(store.path), sql, frozen)
    with _CACHE_LOCK:
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
    rows = list(store.query(sql, params))
    with _CACHE_LOCK:
        _CACHE[key] = rows
        while len(_CACHE) > size:
            _CACHE.popitem(last=False)
    return rows


FULLTEXT_CAP = 1000  # matches a full-text search ranks and counts, unless the store says otherwise (fulltext_cap)


def fulltext_cap(store: Any) -> int:
    """How many full-text matches a search ranks and counts at most (the setting ``fulltext_cap``,
    as ``store.fulltext_cap``; 0: every match)."""
    return int(getattr(store, "fulltext_cap", FULLTEXT_CAP))


def bounded_count(store: Any, rows: str, params: dict[str, Any], cap: int) -> tuple[int, bool]:
    """(how many rows the query ``rows`` yields, False), or (``cap``, True) when it yields more than
    ``cap`` (> 0): the rows are read until one more than the cap, never all of them."""
    if cap <= 0:
        return int(run(store, f"SELECT count(*) FROM ({rows}) AS every_row", params)[0][0]), False
    n = int(run(store, f"SELECT count(*) FROM ({rows} LIMIT :cap_plus_one) AS first_rows",
                {**params, "cap_plus_one": cap + 1})[0][0])
    return (cap, True) if n > cap else (n, False)


def has_rollups(store: Any, since: int = 0) -> bool:
    """Whether the store keeps the rollups (store/rollups.py: schema v3 on), and those of schema ``since``
    (a later version's, such as article_actors) when given; a database made before and opened read-only
    has none, and is asked the slower way."""
    from ..store.rollups import ROLLUPS_SINCE

    known = getattr(store, "_has_rollups", None)
    if known is None:
        store._schema = store.schema_version()
        known = store._schema >= ROLLUPS_SINCE
        store._has_rollups = known
    if not known or since <= ROLLUPS_SINCE:
        return bool(known)
    return has_schema(store, since)


def has_schema(store: Any, version: int) -> bool:
    """Whether the store's schema is at least ``version`` (what it holds since then: an index, a rollup)."""
    if getattr(store, "_schema", None) is None:
        store._schema = store.schema_version()
    return bool(store._schema >= version)


def steers(store: Any) -> bool:
    """Whether the read API steers the store's query planner: SQLite's, which keeps no statistics on
    how values spread, is told the join order (``CROSS JOIN``) and kept off an index by comparing a
    column as an expression (``unindexed``); PostgreSQL's, which has them, chooses alone."""
    return bool(getattr(store, "steer_plans", True))


def unindexed(store: Any, column: str) -> str:
    """``column`` as SQLite cannot read it through an index (``column || ''``, the same text), or as it is."""
    return f"({column} || '')" if steers(store) else column


def walk_newest(total: int, rows: int, n: int) -> bool:
    """Whether to read a table newest first and stop at the ``n`` rows wanted, rather than fetch the
    ``total`` matching rows through the filters' indexes and sort them: the walk reads about
    ``n * rows / total`` rows (the matching ones are spread over the ``rows``), the other ``total``."""
    return read_plan(total, rows, n) == "walk"


# An entry of an index that holds every column a read needs costs about this share of a row the walk reads
# (an index entry, then the row itself from the table, to check the filters): measured on SQLite at 50,508
# articles, 0.7-1.3 us an entry of events_shown against 3.5 us a row walked down events_date.
COVERING_SHARE = 0.25


def read_plan(total: int, rows: int, n: int, shown: int | None = None,
              matching: int | Callable[[], int] | None = None) -> str:
    """How to read the first ``n`` of the ``total`` rows the filters select from a table of ``rows``,
    newest first, by the rows each way reads:

    - ``"walk"``: newest first down the order's index, stopping at the ``n`` wanted: about ``n * rows / total``;
    - ``"shown"`` (when ``shown`` is given: the rows that pass the confidence threshold, whatever the other
      filters): every one of those down an index that leads with the threshold and holds the columns of the
      order and of the filters (``events_shown``), then sorted: ``shown`` entries at ``COVERING_SHARE`` each;
    - ``"filters"``: the rows the other filters select through their indexes, then sorted: ``matching`` (those
      rows at any confidence, or a function counting them, called only when they could be the fewest: they
      are never fewer than ``total``; None: no filter has an index), or without ``shown`` taken as ``total``."""
    if shown is None:
        return "walk" if total > 0 and n * rows < total * total else "filters"
    walk = n * rows / total if total > 0 else float("inf")
    best = "walk" if walk <= shown * COVERING_SHARE else "shown"
    if matching is None or total >= min(walk, shown * COVERING_SHARE):
        return best
    through = matching() if callable(matching) else matching
    return "filters" if through < min(walk, shown * COVERING_SHARE) else best


def one_of(store: Any, column: str, values: list[Any], name: str) -> Where:
    """``column`` is one of ``values``: one array parameter ``:name`` where the store binds arrays
    (PostgreSQL: writing 500 placeholders into the SQL and binding each cost the client more than the
    query costs the server), else a placeholder each (``:name0``, ``:name1``, ...)."""
    if not values:
        return Where(["1 = 0"])
    if getattr(store, "binds_arrays", False):
        return Where([f"{column} = ANY(:{name})"], {name: list(values)})
    return Where([f"{column} IN ({', '.join(f':{name}{i}' for i in range(len(values)))})"],
                 {f"{name}{i}": v for i, v in enumerate(values)})


def like_prefix(value: str) -> str:
    """A LIKE pattern matching ``value`` as a literal prefix (wildcards escaped; use ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def like_contains(value: str) -> str:
    """A LIKE pattern matching ``value`` anywhere (LIKE ignores ASCII case in both stores)."""
    return "%" + like_prefix(value)


def code_of(value: str) -> str:
    """A CAMEO actor or event code as stored: codes are upper case, so ``gbr`` asks for ``GBR``."""
    return value.strip().upper()


def date_upper(to: str) -> str:
    """An inclusive upper bound for ISO dates: '2024-03' also admits '2024-03-31T23:59'."""
    return to + "~"


@dataclass
class Where:
    """WHERE clauses and their bound parameters, built up filter by filter."""

    clauses: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def add(self, clause: str, **params: Any) -> None:
        self.clauses.append(clause)
        self.params.update(params)

    def plus(self, clause: str, **params: Any) -> Where:
        """A copy with one more clause."""
        return Where([*self.clauses, clause], {**self.params, **params})

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""

    def prefix(self, col: str, name: str, value: str) -> None:
        """``col`` starts with ``value``, as an index range (codes are compared as stored)."""
        self.add(f"({col} >= :{name}_lo AND {col} < :{name}_hi)", **{f"{name}_lo": value, f"{name}_hi": value + TOP})


def rows_of(rows: list[Any], drop: str = "_total") -> list[JSON]:
    """Result rows as dicts without the window-count column."""
    return [{k: r[k] for k in r.keys() if k != drop} for r in rows]  # noqa: SIM118 (sqlite3.Row)
