"""Stores: where analyses are kept.  SQLite (one file) is the default.

A store implements the ``Store`` protocol below, so a PostgreSQL backend can be
added without touching the pipeline: the CLI, the REST API and the runner only use
these methods.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from ..model import Analysis, Rejected
from .sqlite import SQLiteStore


class Store(Protocol):
    def write(self, analysis: Analysis, *, source_key: str | None = None) -> None: ...
    def reject(self, rejected: Rejected, *, run_id: int | None = None) -> None: ...
    def has_source(self, key: str) -> bool: ...
    def get(self, article_id: str) -> Analysis | None: ...
    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]: ...
    def stats(self) -> dict[str, Any]: ...
    def close(self) -> None: ...


def open_store(path: str | os.PathLike[str], *, read_only: bool = False, timeout_ms: int = 0) -> SQLiteStore:
    """Open the store at ``path`` (a SQLite file)."""
    return SQLiteStore(os.fspath(path), read_only=read_only, timeout_ms=timeout_ms)


__all__ = ["SQLiteStore", "Store", "open_store"]
