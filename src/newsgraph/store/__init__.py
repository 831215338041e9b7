"""Stores: where analyses are kept.  SQLite (one file) is the default; PostgreSQL for a team.

``open_store`` opens a SQLite file, or a PostgreSQL database for a ``postgresql://`` URL; both
have the same tables and the same methods (the ``Store`` protocol below and the reads the CLI and
the exports use).
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from ..model import Analysis, Rejected
from .postgres import PostgresStore, is_postgres_url
from .sqlite import SQLiteStore


class Store(Protocol):
    def write(self, analysis: Analysis, *, source_key: str | None = None) -> None: ...
    def reject(self, rejected: Rejected, *, run_id: int | None = None) -> None: ...
    def has_source(self, key: str) -> bool: ...
    def get(self, article_id: str) -> Analysis | None: ...
    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


def open_store(path: str | os.PathLike[str], *, read_only: bool = False, timeout_ms: int = 0) -> Any:
    """Open the store at ``path``: a SQLite file, or a ``postgresql://`` URL."""
    where = os.fspath(path)
    if is_postgres_url(where):
        return PostgresStore(where, read_only=read_only, timeout_ms=timeout_ms)
    return SQLiteStore(where, read_only=read_only, timeout_ms=timeout_ms)


__all__ = ["PostgresStore", "SQLiteStore", "Store", "open_store"]
