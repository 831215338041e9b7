"""PostgreSQL store: the SQLite store's tables and methods on a shared server.

Open it with a URL, ``postgresql://user@host:5432/dbname`` (``--db`` or ``NEWSGRAPH_DB``).  The
schema (``schema.py``, rendered for PostgreSQL) has the same tables and columns as the SQLite one; full-text
search uses ``tsvector`` columns with the ``simple`` configuration instead of FTS5 tables.

The rest of newsgraph writes its read queries in one SQL dialect (SQLite's ``?`` and ``:name``
parameters); ``translate`` turns them into psycopg's ``%s`` / ``%(name)s``.  Parameters are bound
by psycopg (client-side binding, every value quoted by the driver), never pasted by newsgraph.
Each article is written in one transaction, under an advisory lock on its id, so several
machines can ingest into one database at the same time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

from ..errors import StoreError
from ..model import Analysis, Rejected
from .common import ARTICLE_COLUMNS, SharedReads, article_row, child_rows, insert_sql
from .rollups import MIGRATION_V3, MIGRATION_V4, apply, counts_of
from .schema import MIGRATION_V5, SCHEMA_VERSION, add_column_sql, missing_columns, render

# version -> SQL that upgrades from version-1 (beyond added columns and tables)
_MIGRATIONS: dict[int, str] = {3: MIGRATION_V3, 4: MIGRATION_V4, 5: MIGRATION_V5}

_NOW = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
_TOKEN = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|::|\?|:[A-Za-z_]\w*|%|[^'\"?:%]+|.", re.S)
_LIKE = re.compile(r"\bLIKE\b", re.I)
_GLOB = re.compile(r"\bGLOB(\s*)$", re.I)


def is_postgres_url(path: str) -> bool:
    return path.startswith(("postgresql://", "postgres://"))


def translate(sql: str) -> str:
    """SQLite-style SQL -> PostgreSQL for psycopg: ``?`` and ``:name`` parameters become ``%s`` and
    ``%(name)s``, ``%`` is doubled, and ``LIKE`` becomes ``ILIKE`` (SQLite's LIKE ignores case)."""
    out: list[str] = []
    glob = False  # the next string literal is a GLOB pattern
    for tok in _TOKEN.findall(sql):
        if tok == "?":
            out.append("%s")
        elif tok.startswith(":") and tok != "::" and len(tok) > 1:
            out.append(f"%({tok[1:]})s")
        elif tok[:1] == "'" and glob:
            out.append("'" + _glob_regex(tok[1:-1].replace("''", "'")).replace("'", "''").replace("%", "%%") + "'")
            glob = False
        elif tok[:1] in "'\"":
            out.append(tok.replace("%", "%%"))
        else:  # SQLite's LIKE ignores ASCII case: ILIKE does the same here; GLOB becomes a regex match
            if _GLOB.search(tok):
                tok, glob = _GLOB.sub(r"~\1", tok), True
            elif tok.strip():
                glob = False
            out.append(_LIKE.sub("ILIKE", tok.replace("%", "%%")))
    return "".join(out)


def _glob_regex(pattern: str) -> str:
    """A SQLite GLOB pattern as an anchored POSIX regex (``*`` any run, ``?`` one, ``[..]`` a set)."""
    out = ["^"]
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "*":
            out.append(".*")
        elif ch == "?":
            out.append(".")
        elif ch == "[" and "]" in pattern[i + 1:]:
            j = pattern.index("]", i + 1)
            out.append(pattern[i:j + 1])
            i = j
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out) + "$"


def ts_query(q: str) -> str:
    """A user's words -> a safe ``to_tsquery('simple', ...)`` argument (AND; ``word*`` a prefix)."""
    parts = []
    for w in re.findall(r"[\w'’-]+\*?", q)[:20]:
        star = w.endswith("*")
        w = re.sub(r"[^\w]+", " ", w.rstrip("*")).strip().lower()
        for piece in w.split():
            parts.append(f"'{piece}'" + (":*" if star else ""))
    return " & ".join(parts)


class Row(tuple):  # type: ignore[type-arg]
    """A result row readable by position and by column name, like ``sqlite3.Row``."""

    _names: tuple[str, ...] = ()

    def __new__(cls, names: tuple[str, ...], values: Sequence[Any]) -> Row:
        row = super().__new__(cls, [_number(v) if isinstance(v, Decimal) else v for v in values])
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no column {key!r}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _number(v: Decimal) -> int | float:
    """PostgreSQL's numeric (sum of integers, avg) as SQLite gives it: int when whole, else float."""
    return int(v) if v == v.to_integral_value() else float(v)


NUMERIC = 1700  # the type of PostgreSQL's numeric values (Decimal in Python)


@lru_cache(maxsize=2048)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    """A ``Row`` class holding the column names of a result, made once for each set of names (the read API
    asks a few hundred kinds of query: no class made, and left to the garbage collector, at each query)."""
    return type("Row", (Row,), {"_names": names})


def _row_factory(cursor: Any) -> Any:
    """Rows of one result as instances of its ``Row`` class, so that making a row is making a tuple (a
    search's 1,000 candidate ids cost 3 µs a row the other way), numerics converted when it has any."""
    columns = cursor.description or ()
    rows = _row_class(tuple(c.name for c in columns))
    make = tuple.__new__
    if any(c.type_code == NUMERIC for c in columns):
        return lambda values: make(rows, [_number(v) if isinstance(v, Decimal) else v for v in values])
    return lambda values: make(rows, values)


class _Cursor:
    """What ``store.conn.execute(sql)`` returns: rows by iteration, ``fetchone``, ``description``."""

    def __init__(self, cur: Any) -> None:
        self._cur = cur

    def __iter__(self) -> Iterator[Row]:
        return iter(self._cur)

    def fetchone(self) -> Row | None:
        row: Row | None = self._cur.fetchone()
        return row

    def fetchall(self) -> list[Row]:
        return list(self._cur.fetchall())

    @property
    def description(self) -> Any:
        return self._cur.description


class _Connection:
    """The part of a DB-API connection the exports and the linker use, in SQLite's dialect."""

    def __init__(self, pg: Any) -> None:
        self.pg = pg

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> _Cursor:
        cur = self.pg.cursor()
        cur.execute(translate(sql), params or None)
        return _Cursor(cur)


# Marks a query that reads a full-text table through its GIN index: ``PostgresStore.query`` runs it with
# sequential scans off.  The planner does not count the cost of reading each row's tsvector (kept apart,
# compressed, when long), so for a frequent word it picks a scan that reads every article's tsvector
# (brexit: 42,552 of them, 300 ms) over the index, which answers without reading any (10-30 ms).
BY_INDEX = "/* by the full-text index */"


def _matching(where: list[str], param: str) -> str:
    """The full-text row ``f`` matches the words bound to ``:param``, and every condition of ``where``."""
    return " AND ".join([f"f.fts @@ to_tsquery('simple', :{param})", *where])


# The search list's snippets: ts_headline over a window of the article's text instead of all of it (it
# parses every word it is given: 20 whole articles cost about 30 ms of server time at 50,000 articles).
# The window starts HEADLINE_BEFORE characters before the first word of the text that a query word matches
# (the text's start when none does) and is HEADLINE_WINDOW characters long: the fragment ts_headline picks,
# at most 32 words around the first cover, lies inside it; see docs/query.md for when it can differ.
HEADLINE_BEFORE = 400
HEADLINE_WINDOW = 1600
HEADLINE_OPTIONS = "MaxFragments=1, MaxWords=32, MinWords=12, FragmentDelimiter= … "


def ts_pattern(tsquery: str) -> str:
    """A regular expression (case ignored by the caller) finding the words of a ``ts_query`` text where the
    ``simple`` parser would find them: whole words, or word starts for a prefix (``'word':*``)."""
    words = [re.escape(w) + ("" if star else r"\M") for w, star in re.findall(r"'([^']+)'(:\*)?", tsquery)]
    return r"\m(?:" + "|".join(words) + ")" if words else r"\m(?!)"


class PostgresFullText:
    """tsvector fragments for the queries of the web app (``newsgraph.query``).  ``window``: make the
    snippets from a window of the text (``regexp_instr``, PostgreSQL 15 on), else from all of it."""

    terms = staticmethod(ts_query)
    ranks_ids = True  # a search's candidates are ranked by their ids, once per request (query/matches.py)
    keys_are_ids = True  # the matches are read as their ids (articles) and (article id, index) pairs (quotes)

    def __init__(self, *, window: bool = True) -> None:
        self.window = window

    @staticmethod
    def article_match(param: str) -> str:
        return f"a.id IN (SELECT article_id FROM articles_fts WHERE fts @@ to_tsquery('simple', :{param}))"

    @staticmethod
    def quote_match(param: str) -> str:
        return (f"(qu.article_id, qu.idx) IN (SELECT article_id, idx FROM quotes_fts "
                f"WHERE fts @@ to_tsquery('simple', :{param}))")

    @staticmethod
    def matching_articles(where: list[str], param: str) -> str:
        """A row for each article matching ``:param`` and ``where``, read through the GIN index
        (``BY_INDEX``): counted up to a bound, a frequent word costs the bound's index entries."""
        if not where:
            return f"SELECT 1 {BY_INDEX} FROM articles_fts WHERE fts @@ to_tsquery('simple', :{param})"
        return (f"SELECT 1 {BY_INDEX} FROM articles_fts f JOIN articles a ON a.id = f.article_id WHERE "
                + _matching(where, param))

    @staticmethod
    def matching_quotes(param: str) -> str:
        return f"SELECT 1 {BY_INDEX} FROM quotes_fts WHERE fts @@ to_tsquery('simple', :{param})"

    @staticmethod
    def first_matches(where: list[str], param: str, *, ranked: bool = False) -> str:
        """The ids of the first ``:first`` articles matching ``:param`` and ``where`` that the GIN index
        hands over (a bitmap read in the table's storage order): the candidates of a capped search;
        ``ranked``: and each one's ``ts_rank``, read from the row the index found (no second read by id)."""
        joined = " JOIN articles a ON a.id = f.article_id" if where else ""  # only for other filters: the index alone
        rank = f", ts_rank(f.fts, to_tsquery('simple', :{param}))" if ranked else ""
        return (f"SELECT {BY_INDEX} f.article_id{rank} FROM articles_fts f{joined} WHERE {_matching(where, param)} "
                "LIMIT :first")

    @staticmethod
    def first_quotes(param: str) -> str:
        """(article id, index) of the first ``:first`` quotes matching ``:param`` the GIN index hands over."""
        return (f"SELECT {BY_INDEX} article_id, idx FROM quotes_fts WHERE fts @@ to_tsquery('simple', :{param}) "
                "LIMIT :first")

    @staticmethod
    def quote_candidates(param: str, m: Any) -> tuple[str, dict[str, Any]]:
        """Condition on ``quotes qu``: one of the quotes ``m`` (query/matches.py) read, by their keys."""
        return ("(qu.article_id, qu.idx) IN (SELECT cq.ca, cq.ci FROM unnest(CAST(:qca AS text[]), "
                "CAST(:qci AS integer[])) AS cq(ca, ci))",
                {"qca": [k[0] for k in m.keys], "qci": [k[1] for k in m.keys]})

    @staticmethod
    def ranked_by_id(param: str, ids: str) -> str:
        """The articles of the ids bound to ``:ids``, best match of ``:param`` first (``ts_rank`` reads each
        one's ``tsvector``).  ``BY_INDEX``: the planner would read 1,000 ids by scanning the table (50,000
        rows, each compared with the ids: 18 ms) rather than by the primary key (4 ms)."""
        return (f"SELECT {BY_INDEX} f.article_id FROM articles_fts f WHERE f.article_id = ANY(:{ids}) "
                f"ORDER BY ts_rank(f.fts, to_tsquery('simple', :{param})) DESC, f.article_id")

    def headline(self, param: str, mark_open: str, mark_close: str) -> str:
        """The snippet of article ``a`` for the words bound to ``:param`` (hits between the marks).  With
        ``window``, made from the window of its text around the first hit (``headline_params`` binds the
        pattern); when the window shows no hit although the text has one (several words, none of the others
        near the first), from the whole text, as without ``window``."""
        options = f"'StartSel={mark_open}, StopSel={mark_close}, {HEADLINE_OPTIONS}'"
        whole = f"ts_headline('simple', a.text, to_tsquery('simple', :{param}), {options})"
        if not self.window:
            return whole
        part = (f"ts_headline('simple', substr(a.text, greatest(1, hit.at - {HEADLINE_BEFORE}), {HEADLINE_WINDOW}), "
                f"to_tsquery('simple', :{param}), {options})")
        # (OFFSET 0: each subquery is computed once, not pasted into each place that reads its column)
        return (f"(SELECT CASE WHEN h.at > 0 AND strpos(h.snip, '{mark_open}') = 0 THEN {whole} ELSE h.snip END "
                f"FROM (SELECT hit.at, {part} AS snip FROM (SELECT regexp_instr(a.text, :{param}_re, 1, 1, 0, 'i') "
                "AS at OFFSET 0) AS hit OFFSET 0) AS h)")

    def headline_params(self, param: str, terms: str) -> dict[str, Any]:
        return {f"{param}_re": ts_pattern(terms)} if self.window else {}

    def articles_by_id(self, cols: str, param: str, ids: str, mark_open: str, mark_close: str) -> str:
        """SELECT ``cols`` and the snippet of the articles of the ids bound to ``:ids`` (in no order)."""
        return f"SELECT {cols}, {self.headline(param, mark_open, mark_close)} AS snippet FROM articles a " \
               f"WHERE a.id = ANY(:{ids})"

    @staticmethod
    def ranked_ids(where: list[str], param: str) -> str:
        """Every match of ``:param`` and ``where``, best first, ``LIMIT :scope`` (no cap: query/matches.py)."""
        return ("SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.article_id WHERE "
                f"{_matching(where, param)} ORDER BY ts_rank(f.fts, to_tsquery('simple', :{param})) DESC, a.id "
                "LIMIT :scope")

    def ranked_articles(self, cols: str, where: list[str], param: str, mark_open: str, mark_close: str, *,
                        capped: bool = False) -> str:
        """Every match, best first, ``LIMIT :limit OFFSET :offset``, with ``cols`` and the snippets (no cap:
        a capped search ranks its candidates by id, ``ranked_by_id``); the page is picked first, then only
        its rows get their columns and snippets."""
        return (f"SELECT {cols}, {self.headline(param, mark_open, mark_close)} AS snippet FROM (SELECT a.id AS pid, "
                f"ts_rank(f.fts, to_tsquery('simple', :{param})) AS prank FROM articles_fts f JOIN articles a "
                f"ON a.id = f.article_id WHERE {_matching(where, param)} "
                "ORDER BY prank DESC, a.id LIMIT :limit OFFSET :offset) AS page "
                "JOIN articles a ON a.id = page.pid ORDER BY page.prank DESC, a.id")


class PostgresStore(SharedReads):
    """A store on a PostgreSQL server.  Use as a context manager or call ``close()``."""

    fulltext = PostgresFullText()
    cacheable = False  # a shared server changes under the web app: no result cache
    steer_plans = False  # the planner has statistics: the read API leaves the plans to it (query/sql.py)
    binds_arrays = True  # a list of values is one parameter (query/sql.py: one_of)

    def __init__(self, url: str, *, read_only: bool = False, timeout_ms: int = 0) -> None:
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("psycopg is not installed; install the PostgreSQL extra: "
                             "pip install 'newsgraph[postgres]'", code="E307") from exc
        self.path = url
        self.read_only = read_only
        self._errors = psycopg.Error
        self._canceled = psycopg.errors.QueryCanceled
        try:
            self.pg = psycopg.connect(url, autocommit=True, row_factory=_row_factory,
                                      cursor_factory=psycopg.ClientCursor, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to {_redact(url)}: {str(exc).strip()}; check the URL and that "
                             "the server is running", code="E302") from exc
        self.conn = _Connection(self.pg)
        if self.pg.info.server_version < 150000:  # no regexp_instr: snippets from the whole text
            self.fulltext = PostgresFullText(window=False)
        if timeout_ms > 0:
            self.pg.execute(f"SET statement_timeout = {int(timeout_ms)}")
        if read_only:
            self.pg.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            if self.schema_version() == 0:
                raise StoreError(f"no newsgraph database at {_redact(url)}; create it with 'newsgraph ingest'",
                                 code="E301")
        else:
            self.migrate()

    # ------------------------------------------------------------------ lifecycle
    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.pg.close()

    def migrate(self) -> None:
        """Create the schema and add the columns defined since the database was made (one writer at a time)."""
        with self.pg.transaction():
            self.pg.execute("SELECT pg_advisory_xact_lock(hashtext('newsgraph schema'))")
            self.pg.execute(render("postgres"))
            existing: dict[str, list[str]] = {}
            for table, column in self.pg.execute(
                    "SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position").fetchall():
                existing.setdefault(table, []).append(column)
            for table, column in missing_columns(existing):
                self.pg.execute(add_column_sql(table, column, "postgres"))
            row = self.pg.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = int(row[0]) if row else 0
            if version > SCHEMA_VERSION:
                raise StoreError(f"database schema v{version} is newer than this newsgraph (v{SCHEMA_VERSION}); "
                                 "upgrade newsgraph", code="E303")
            if version == 0:
                self.pg.execute("INSERT INTO meta VALUES ('schema_version', %s)", (str(SCHEMA_VERSION),))
                return
            for v in range(version + 1, SCHEMA_VERSION + 1):
                if v in _MIGRATIONS:
                    self.pg.execute(_MIGRATIONS[v])
                self.pg.execute("UPDATE meta SET value = %s WHERE key = 'schema_version'", (str(v),))

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Row:
        row: Row | None = self.pg.execute(sql, params or None).fetchone()
        if row is None:
            raise StoreError(f"no row from {sql[:40]!r}", code="E305")
        return row

    def schema_version(self) -> int:
        try:
            row = self.pg.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except self._errors:
            return 0
        return int(row[0]) if row else 0

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[Row]:
        """Run a read query (SQLite-style parameters) with bound parameters and the time limit."""
        try:
            if BY_INDEX in sql:  # sequential scans off for this query only: both statements sent at once run in
                # one implicit transaction, which SET LOCAL lasts (one round trip, not BEGIN, SET, query, COMMIT)
                cur = self.pg.execute("SET LOCAL enable_seqscan = off; " + translate(sql), params or None)
                cur.nextset()
                return list(cur.fetchall())
            return list(self.pg.execute(translate(sql), params or None).fetchall())
        except self._canceled as exc:
            raise StoreError("query took longer than sql_time_limit_ms; narrow the filters", code="E304") from exc

    # ------------------------------------------------------------------ runs and resume
    def start_run(self, command: str) -> int:
        return int(self._one(f"INSERT INTO runs(command, started) VALUES (%s, {_NOW}) RETURNING id", (command,))[0])

    def finish_run(self, run_id: int, *, ok: int, rejected: int, skipped: int) -> None:
        self.pg.execute(f"UPDATE runs SET finished = {_NOW}, n_ok = %s, n_rejected = %s, n_skipped = %s "
                        "WHERE id = %s", (ok, rejected, skipped, run_id))

    def has_source(self, key: str) -> bool:
        return self.pg.execute("SELECT 1 FROM sources WHERE key = %s AND status = 'ok'", (key,)).fetchone() is not None

    # ------------------------------------------------------------------ writes
    def write(self, analysis: Analysis, *, source_key: str | None = None) -> None:
        """Store one Analysis in one transaction; an article already stored is replaced."""
        a = analysis.article
        try:
            with self.pg.transaction(), self.pg.cursor() as c:
                c.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (a.id,))

                def run(sql: str, params: dict[str, Any]) -> None:
                    c.execute(translate(sql), params or None)

                def fetch(sql: str, params: dict[str, Any]) -> list[Any]:
                    c.execute(translate(sql), params or None)
                    return list(c.fetchall())

                def many(sql: str, values: list[Any]) -> None:
                    c.executemany(translate(sql), values)

                before = counts_of(fetch, a.id) if fetch("SELECT 1 FROM articles WHERE id = :aid", {"aid": a.id}) \
                    else None
                c.execute("DELETE FROM articles WHERE id = %s", (a.id,))  # rows of the other tables cascade
                row = article_row(analysis)
                c.execute(insert_sql("articles", f"({ARTICLE_COLUMNS})", len(row), "%s"), row)
                for table, columns, rows in child_rows(analysis):
                    if rows:
                        c.executemany(insert_sql(table, columns, len(rows[0]), "%s"), rows)
                c.execute("INSERT INTO articles_fts SELECT id, to_tsvector('simple', title || ' ' || text) "
                          "FROM articles WHERE id = %s", (a.id,))
                c.execute("INSERT INTO quotes_fts SELECT article_id, idx, to_tsvector('simple', text || ' ' || "
                          "coalesce(speaker_name, '')) FROM quotes WHERE article_id = %s", (a.id,))
                apply(run, many, a.id, before, counts_of(fetch, a.id))
                if source_key:
                    c.execute("INSERT INTO sources(key, source, article_id, status) VALUES (%s,%s,%s,'ok') "
                              "ON CONFLICT (key) DO UPDATE SET source = EXCLUDED.source, "
                              "article_id = EXCLUDED.article_id, status = 'ok'", (source_key, a.source, a.id))
                c.execute("DELETE FROM rejects WHERE source = %s", (a.source,))
        except self._errors as exc:
            raise StoreError(f"could not store article {a.id}: {str(exc).strip()}", code="E305") from exc

    def reject(self, rejected: Rejected, *, run_id: int | None = None) -> None:
        self.pg.execute(
            f"INSERT INTO rejects(source, code, message, run_id) VALUES (%s,%s,%s,%s) ON CONFLICT (source) DO UPDATE "
            f"SET code = EXCLUDED.code, message = EXCLUDED.message, run_id = EXCLUDED.run_id, at = {_NOW}",
            (rejected.source, rejected.code, rejected.message, run_id))

    # ------------------------------------------------------------------ reads
    def iter_analyses(self) -> Iterator[Analysis]:
        with self.pg.transaction(), self.pg.cursor(name="newsgraph_analyses") as cur:  # streamed from the server
            cur.execute("SELECT analysis FROM articles ORDER BY published IS NOT NULL, published, id")
            for row in cur:
                yield Analysis.from_json(row[0])

    def search(self, q: str, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Articles matching ``q`` (best first) with a highlighted snippet."""
        tq = ts_query(q)
        if not tq:
            return []
        rows = self.query(
            "SELECT a.id, a.title, a.published, a.outlet, "
            "ts_headline('simple', a.text, to_tsquery('simple', :tq), "
            "'StartSel=[, StopSel=], MaxFragments=1, MaxWords=24, MinWords=8, FragmentDelimiter= … ') AS snippet "
            "FROM articles a JOIN articles_fts f ON f.article_id = a.id WHERE f.fts @@ to_tsquery('simple', :tq) "
            "ORDER BY ts_rank(f.fts, to_tsquery('simple', :tq)) DESC, a.id LIMIT :limit OFFSET :offset",
            {"tq": tq, "limit": limit, "offset": offset})
        return [dict(zip(r.keys(), r, strict=True)) for r in rows]

    def search_quotes(self, q: str, *, limit: int = 20) -> list[dict[str, Any]]:
        tq = ts_query(q)
        if not tq:
            return []
        rows = self.query(
            "SELECT q.article_id, q.idx, q.text, q.speaker_name, q.kind FROM quotes q JOIN quotes_fts f "
            "ON f.article_id = q.article_id AND f.idx = q.idx WHERE f.fts @@ to_tsquery('simple', :tq) "
            "ORDER BY ts_rank(f.fts, to_tsquery('simple', :tq)) DESC, q.article_id, q.idx LIMIT :limit",
            {"tq": tq, "limit": limit})
        return [dict(zip(r.keys(), r, strict=True)) for r in rows]


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
