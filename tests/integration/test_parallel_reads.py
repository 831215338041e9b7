"""The search page's independent reads run at once (setting ``parallel_reads``; docs/benchmarks.md, "The
search page's reads at once"): the page is the same, byte for byte, whether they run at once, each on its
own read-only connection, or one after the other on the request's; on SQLite and on PostgreSQL.

The database is test_rollups.py's (the bundled samples through the pipeline plus invented articles and
quotes); the full-text cap is lowered so that capped searches are compared too.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Any

import pytest
from test_rollups import _fill

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.config import load_settings  # noqa: E402
from newsgraph.errors import ConfigError  # noqa: E402
from newsgraph.server.app import AppState, create_app  # noqa: E402

PAGES = [
    {}, {"page": "2"}, {"q": "report"}, {"q": "report", "page": "2"}, {"q": "president"}, {"q": "talks"},
    {"q": "report", "outlet": "Invented"}, {"q": "the", "from": "2024-02"}, {"q": "nothingmatchesthis"},
    {"outlet": "Invented"}, {"actor": "GBR"},
]


@pytest.fixture(scope="module")
def db(empty_store: str) -> str:
    """The module's database on each store (conftest ``empty_store``), filled once."""
    _fill(empty_store)
    return empty_store


def _client(db: str, mode: str, monkeypatch: pytest.MonkeyPatch) -> tuple[TestClient, list[int]]:
    """A client of the app with ``parallel_reads = mode``, and a list that grows by one for each store the
    app takes (``AppState.open_ro``: the request's own, plus one per read run on another connection)."""
    monkeypatch.setenv("NEWSGRAPH_PARALLEL_READS", mode)
    app = create_app(db, load_settings())
    state: AppState = app.state.newsgraph
    taken: list[int] = []
    plain = state.open_ro

    def counted() -> Any:
        taken.append(1)
        return plain()

    monkeypatch.setattr(state, "open_ro", counted)
    return TestClient(app), taken


@pytest.mark.parametrize("cap", ["6", "0"])
def test_the_search_page_is_the_same_with_its_reads_at_once_or_in_turn(
        db: str, cap: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_RESULT_CACHE", "0")  # every read asks the database
    monkeypatch.setenv("NEWSGRAPH_FULLTEXT_CAP", cap)
    pages: dict[str, list[str]] = {}
    for mode in ("off", "on"):
        client, taken = _client(db, mode, monkeypatch)
        pages[mode] = []
        for params in PAGES:
            before = len(taken)
            res = client.get("/", params=params)
            assert res.status_code == 200, (mode, params, res.text[:300])
            pages[mode].append(res.text)
            # in turn: the request's store alone; at once: also one for each other read (list, counts, quotes)
            assert len(taken) - before == (1 if mode == "off" else 3 + bool(params.get("q"))), (mode, params)
    assert "articles for" in pages["on"][2] and "Report" in pages["on"][2]  # a page with results is compared
    for params, in_turn, at_once in zip(PAGES, pages["off"], pages["on"], strict=True):
        assert at_once == in_turn, params


def test_auto_runs_the_reads_at_once_on_postgresql_only(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    client, taken = _client(db, "auto", monkeypatch)
    assert client.get("/", params={"q": "report"}).status_code == 200
    assert len(taken) == (4 if db.startswith("postgresql") else 1)


def test_an_error_in_one_read_comes_back_after_every_borrowed_store_is_given_back(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_PARALLEL_READS", "on")
    state = AppState(db, load_settings())
    given_back: list[Any] = []
    plain = state.done
    monkeypatch.setattr(state, "done", lambda s: (given_back.append(s), plain(s)))

    def fails(store: Any) -> Any:
        raise RuntimeError("this read fails")

    store = state.open_ro()
    try:
        with pytest.raises(RuntimeError, match="this read fails"):
            state.together(store, [lambda s: s.schema_version(), fails, lambda s: s.schema_version()])
        assert len(given_back) == 2 and store not in given_back
        assert state.together(store, [lambda s: 1, lambda s: s is store]) == [1, False]
    finally:
        state.done(store)


def test_an_unknown_mode_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_PARALLEL_READS", "sometimes")
    with pytest.raises(ConfigError, match="parallel_reads"):
        create_app("unused.db", load_settings())


def _is_closed(store: Any) -> bool:
    pg = getattr(store, "pg", None)
    if pg is not None:
        return bool(pg.closed)
    try:
        store.conn.execute("SELECT 1")
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed database."
        return True
    return False


def _alive(db: str, pids: set[int]) -> set[int]:
    """Which of the server processes ``pids`` still serve a connection to ``db``'s PostgreSQL database."""
    import psycopg

    with psycopg.connect(db, autocommit=True) as c:
        return {int(r[0]) for r in c.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")
                } & pids


def test_the_reader_threads_and_idle_connections_are_closed_at_shutdown(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_PARALLEL_READS", "on")  # the reader threads on both stores
    app = create_app(db, load_settings())
    state: AppState = app.state.newsgraph
    opened: list[Any] = []
    plain = state.open_ro

    def tracked() -> Any:
        store = plain()
        opened.append(store)
        return store

    monkeypatch.setattr(state, "open_ro", tracked)
    with TestClient(app) as client:  # the context runs the app's startup and shutdown
        assert client.get("/", params={"q": "report"}).status_code == 200
        assert state._workers is not None
        readers = list(state._workers._threads)  # this app's reader threads (other tests' apps have theirs)
        assert readers and all(t.is_alive() and t.name.startswith("newsgraph-read") for t in readers)
        pids = {s.pg.info.backend_pid for s in opened if hasattr(s, "pg")}
        if db.startswith("postgresql"):  # kept open between requests
            assert state._idle and _alive(db, pids) == pids
    assert state._workers is None and state._idle == []
    assert not any(t.is_alive() for t in readers)
    assert opened and all(_is_closed(s) for s in opened)
    if db.startswith("postgresql"):  # the server's backends end once their clients have gone
        deadline = time.monotonic() + 10
        while _alive(db, pids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _alive(db, pids) == set()
    # after shutdown: a store given back is closed, not kept, and a page's reads run in turn
    late = plain()
    state.done(late)
    assert _is_closed(late) and state._idle == []
    first = plain()
    assert state.together(first, [lambda s: 1, lambda s: 2]) == [1, 2] and state._workers is None
    first.close()


def test_serve_keeps_what_it_holds_from_its_start_out_of_full_collections(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import uvicorn

    from newsgraph.server import app as server_app

    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.append(app))
    gc.unfreeze()
    try:
        server_app.run(db, load_settings(), port=1)
        assert served and gc.get_freeze_count() > 10_000  # the modules and the app, frozen before serving
    finally:
        gc.unfreeze()
