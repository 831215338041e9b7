"""Shared fixtures: sample paths, an Article factory and a temporary store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.config import Settings, load_settings
from newsgraph.model import Article, Published

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture()
def article_factory():  # type: ignore[no-untyped-def]
    def make(body: str, *, title: str = "", date: str | None = "2024-02-08", id: str = "t1") -> Article:
        text = f"{title}\n\n{body}" if title else body
        pub = Published(date, "day", "input") if date else None
        return Article(id=id, text=text, title=title, published=pub)

    return make


@pytest.fixture()
def tmp_db(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "test.db"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A PostgreSQL server for this test session (skipped, with the reason, where none is installed)."""
    from pg_testserver import PgServer, binaries

    bindir = binaries()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (apt-get install -y postgresql)")
    srv = PgServer(bindir)
    yield srv
    srv.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def empty_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, empty database for a module's tests: a SQLite file, then a PostgreSQL database, so that the
    module's tests run on both stores."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_server").new_database())
    return str(tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]) / "news.db")
