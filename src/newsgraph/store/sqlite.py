"""SQLite store: one file, WAL, FTS5; one transaction per article; idempotent writes.

Every query binds its parameters; nothing from a user or an article is pasted into
SQL text.  ``read_only=True`` opens the file with ``mode=ro`` and ``query_only`` for
the web app and the API.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Analysis, Rejected
from .common import ARTICLE_COLUMNS, SharedReads, article_row, child_rows, insert_sql
from .rollups import MIGRATION_V3, MIGRATION_V4, apply, counts_of
from .schema import MIGRATION_V5, SCHEMA_VERSION, add_column_sql, missing_columns, render

# version -> SQL that upgrades from version-1 (beyond added columns and tables)
_MIGRATIONS: dict[int, str] = {3: MIGRATION_V3, 4: MIGRATION_V4, 5: MIGRATION_V5}


def fts_query(q: str) -> str:
    """A user's words -> a safe FTS5 query (each word quoted; prefix* kept; AND between words)."""
    words = re.findall(r"[\w'’-]+\*?", q)
    out = []
    for w in words[:20]:
        star = w.endswith("*")
        w = w.rstrip("*").replace('"', "")
        if w:
            out.append(f'"{w}"' + ("*" if star else ""))
    return " ".join(out)


def _matching(where: list[str], param: str) -> str:
    """The full-text table matches the words bound to ``:param``, and every condition of ``where``."""
    return " AND ".join([f"articles_fts MATCH :{param}", *where])


class SQLiteFullText:
    """FTS5 fragments for the queries of the web app (``newsgraph.query``)."""

    terms = staticmethod(fts_query)
    ranks_ids = False  # FTS5 ranks in the query that reads the matches (query/matches.py)
    keys_are_ids = False  # the matches are read as full-text rowids (query/matches.py)

    @staticmethod
    def article_match(param: str) -> str:
        """Condition on ``articles a``: the article matches the terms bound to ``:param``."""
        return ("a.rowid IN (SELECT a2.rowid FROM articles_fts f JOIN articles a2 ON a2.id = f.article_id "
                f"WHERE articles_fts MATCH :{param})")

    @staticmethod
    def quote_match(param: str) -> str:
        """Condition on ``quotes qu``."""
        return f"(qu.article_id, qu.idx) IN (SELECT article_id, idx FROM quotes_fts WHERE quotes_fts MATCH :{param})"

    @staticmethod
    def matching_articles(where: list[str], param: str) -> str:
        """A row for each article matching ``:param`` and ``where`` (to count them up to a bound)."""
        if not where:  # one row of the full-text table an article
            return f"SELECT 1 FROM articles_fts WHERE articles_fts MATCH :{param}"
        return ("SELECT 1 FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id WHERE "
                + _matching(where, param))

    @staticmethod
    def matching_quotes(param: str) -> str:
        """A row for each quote matching ``:param``."""
        return f"SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH :{param}"

    @staticmethod
    def first_matches(where: list[str], param: str, *, ranked: bool = False) -> str:
        """The full-text rowids of the ``:first`` most recently stored articles matching ``:param`` and
        ``where``, newest first: their number and the lowest rowid of the candidates of a capped search
        (FTS5 reads its rows in rowid order, the order they were written, backwards as cheaply as forwards;
        a rowid costs no read of the row, its article id would: ``candidate_ids`` reads those wanted)."""
        joined = " JOIN articles a ON a.id = articles_fts.article_id" if where else ""  # only for other filters
        return (f"SELECT articles_fts.rowid FROM articles_fts{joined} WHERE "
                + _matching(where, param) + " ORDER BY articles_fts.rowid DESC LIMIT :first")

    @staticmethod
    def candidate_ids(where: list[str], param: str) -> str:
        """The ids of the ``:scope`` most recently stored articles matching ``:param`` and ``where``, unranked."""
        joined = " JOIN articles a ON a.id = articles_fts.article_id" if where else ""  # only for other filters
        return (f"SELECT articles_fts.article_id FROM articles_fts{joined} WHERE "
                + _matching(where, param)
                + " ORDER BY articles_fts.rowid DESC LIMIT :scope")

    @staticmethod
    def first_quotes(param: str) -> str:
        """The full-text rowids of the ``:first`` most recently stored quotes matching ``:param``, newest first."""
        return f"SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :{param} ORDER BY rowid DESC LIMIT :first"

    @classmethod
    def quote_candidates(cls, param: str, m: Any) -> tuple[str, dict[str, Any]]:
        """Condition on ``quotes qu``: one of the quotes ``m`` (query/matches.py) read: capped, the rows of
        ``quotes_fts`` from the lowest candidate's on (FTS5 reads only those), else every match."""
        if not m.capped:
            return cls.quote_match(param), {param: m.terms}
        return (f"(qu.article_id, qu.idx) IN (SELECT article_id, idx FROM quotes_fts WHERE quotes_fts MATCH :{param} "
                "AND rowid >= :qfloor)", {param: m.terms, "qfloor": m.floor})

    @staticmethod
    def ranked_ids(where: list[str], param: str) -> str:
        """The ids of the ``:scope`` best articles matching ``:param`` and ``where``, best first."""
        return ("SELECT a.id FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id WHERE "
                + _matching(where, param) + " ORDER BY rank LIMIT :scope")

    @staticmethod
    def headline_params(param: str, terms: str) -> dict[str, Any]:
        return {}

    @staticmethod
    def ranked_articles(cols: str, where: list[str], param: str, mark_open: str, mark_close: str, *,
                        capped: bool = False) -> str:
        """SELECT ``cols`` and a snippet (hits between the marks) of the articles matching ``:param``
        and the conditions ``where`` on ``articles a``, best first, ``LIMIT :limit OFFSET :offset``.
        FTS5 hands its rows over best first, so only the page's rows get their columns and snippets.
        ``capped``: only the candidates are ranked, the rows of the full-text table from ``:floor`` (the
        lowest rowid of the most recently stored matches, query/matches.py) on, so FTS5 scores those only."""
        cond = [f"articles_fts MATCH :{param}", *where, *(["articles_fts.rowid >= :floor"] if capped else [])]
        return (f"SELECT {cols}, snippet(articles_fts, 2, '{mark_open}', '{mark_close}', ' … ', 16) AS snippet "
                "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id WHERE "
                + " AND ".join(cond) + " ORDER BY rank LIMIT :limit OFFSET :offset")


class SQLiteStore(SharedReads):
    """The default store.  Use as a context manager or call ``close()``."""

    fulltext = SQLiteFullText()
    cacheable = True  # the web app may cache results until the file changes

    def __init__(self, path: str | Path, *, read_only: bool = False, timeout_ms: int = 0) -> None:
        self.path = str(path)
        self.read_only = read_only
        try:
            if read_only:
                if not Path(self.path).is_file():
                    raise StoreError(f"database {self.path!r} not found; create it with 'newsgraph ingest'",
                                     code="E301")
                uri = Path(self.path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
                self.conn.execute("PRAGMA query_only = ON")
            else:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, check_same_thread=False)
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {self.path!r}: {exc}", code="E302") from exc
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 10000")
        if timeout_ms > 0:
            deadline = [0.0]

            def handler() -> int:
                return 1 if deadline[0] and time.monotonic() > deadline[0] else 0

            self._deadline = deadline
            self._timeout_s = timeout_ms / 1000
            self.conn.set_progress_handler(handler, 10_000)
        else:
            self._deadline = [0.0]
            self._timeout_s = 0.0
        if not read_only:
            self.migrate()

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    def migrate(self) -> None:
        """Create the schema, add the columns defined since the file was made, then apply numbered
        migrations up to SCHEMA_VERSION."""
        with self.conn:
            self.conn.executescript(render("sqlite"))
            existing = {t: [r[1] for r in self.conn.execute(f"PRAGMA table_info({t})")]
                        for (t,) in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table, column in missing_columns(existing):
                self.conn.execute(add_column_sql(table, column, "sqlite"))
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        if version > SCHEMA_VERSION:
            raise StoreError(f"database schema v{version} is newer than this newsgraph (v{SCHEMA_VERSION}); "
                             "upgrade newsgraph", code="E303")
        if version == 0:
            with self.conn:
                self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            return
        for v in range(version + 1, SCHEMA_VERSION + 1):
            with self.conn:
                if v in _MIGRATIONS:
                    self.conn.executescript(_MIGRATIONS[v])
                self.conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(v),))

    def schema_version(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 0

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Run a read query with bound parameters (and the time limit, if any)."""
        if self._timeout_s:
            self._deadline[0] = time.monotonic() + self._timeout_s
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise StoreError("query took longer than sql_time_limit_ms; narrow the filters",
                                 code="E304") from exc
            raise
        finally:
            self._deadline[0] = 0.0

    # ------------------------------------------------------------------ runs and resume
    def start_run(self, command: str) -> int:
        with self.conn:
            cur = self.conn.execute(
                "INSERT INTO runs(command, started) VALUES (?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))", (command,))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, ok: int, rejected: int, skipped: int) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE runs SET finished = strftime('%Y-%m-%dT%H:%M:%SZ','now'), n_ok = ?, n_rejected = ?, "
                "n_skipped = ? WHERE id = ?", (ok, rejected, skipped, run_id))

    def has_source(self, key: str) -> bool:
        return self.conn.execute("SELECT 1 FROM sources WHERE key = ? AND status = 'ok'", (key,)).fetchone() is not None

    # ------------------------------------------------------------------ writes
    def write(self, analysis: Analysis, *, source_key: str | None = None) -> None:
        """Store one Analysis in one transaction; an article already stored is replaced."""
        a = analysis.article
        c = self.conn
        try:
            with c:
                c.execute("BEGIN IMMEDIATE")

                def fetch(sql: str, params: dict[str, Any]) -> list[Any]:
                    return c.execute(sql, params).fetchall()

                before = counts_of(fetch, a.id) if fetch("SELECT 1 FROM articles WHERE id = :aid", {"aid": a.id}) \
                    else None
                self._delete_article(a.id)
                row = article_row(analysis)
                c.execute(insert_sql("articles", f"({ARTICLE_COLUMNS})", len(row), "?"), row)
                for table, columns, rows in child_rows(analysis):
                    if rows:
                        c.executemany(insert_sql(table, columns, len(rows[0]), "?"), rows)
                c.execute("INSERT INTO articles_fts(article_id, title, text) VALUES (?,?,?)", (a.id, a.title, a.text))
                c.executemany("INSERT INTO quotes_fts(article_id, idx, text, speaker) VALUES (?,?,?,?)",
                              [(a.id, i, q.span.text, q.speaker.name if q.speaker else None)
                               for i, q in enumerate(analysis.quotes)])
                apply(c.execute, c.executemany, a.id, before, counts_of(fetch, a.id))
                if source_key:
                    c.execute("INSERT OR REPLACE INTO sources(key, source, article_id, status) VALUES (?,?,?, 'ok')",
                              (source_key, a.source, a.id))
                c.execute("DELETE FROM rejects WHERE source = ?", (a.source,))
        except sqlite3.Error as exc:
            raise StoreError(f"could not store article {a.id}: {exc}", code="E305") from exc

    def _delete_article(self, article_id: str) -> None:
        c = self.conn
        for table in ("mentions", "entities", "events", "quotes", "timexes", "amounts", "places", "themes",
                      "articles_fts", "quotes_fts"):
            c.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
        c.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def reject(self, rejected: Rejected, *, run_id: int | None = None) -> None:
        with self.conn:
            self.conn.execute("INSERT OR REPLACE INTO rejects(source, code, message, run_id) VALUES (?,?,?,?)",
                              (rejected.source, rejected.code, rejected.message, run_id))

    # ------------------------------------------------------------------ reads
    def iter_analyses(self) -> Iterator[Analysis]:
        for row in self.conn.execute("SELECT analysis FROM articles ORDER BY published IS NOT NULL, published, id"):
            yield Analysis.from_json(row[0])

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Articles matching ``q`` (FTS5, best first) with a highlighted snippet."""
        fq = fts_query(q)
        if not fq:
            return []
        rows = self.query(
            "SELECT a.id, a.title, a.published, a.outlet, "
            "snippet(articles_fts, 2, '[', ']', ' … ', 12) AS snippet "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?", (fq, limit, offset))
        return [dict(r) for r in rows]

    def search_quotes(self, q: str, *, limit: int = 20) -> list[dict[str, Any]]:
        fq = fts_query(q)
        if not fq:
            return []
        rows = self.query(
            "SELECT q.article_id, q.idx, q.text, q.speaker_name, q.kind FROM quotes_fts f "
            "JOIN quotes q ON q.article_id = f.article_id AND q.idx = f.idx "
            "WHERE quotes_fts MATCH ? ORDER BY rank LIMIT ?", (fq, limit))
        return [dict(r) for r in rows]
