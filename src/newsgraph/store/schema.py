"""The store's tables, defined once and rendered for SQLite and for PostgreSQL.

Both stores create their tables from ``TABLES`` below (``render("sqlite")``,
``render("postgres")``), so their columns are the same by construction: same names, same order,
types that correspond (TEXT -> TEXT COLLATE "C", REAL -> DOUBLE PRECISION, ...).  Only full-text
search differs, and lives in ``_FULLTEXT`` per dialect (FTS5 virtual tables; tsvector tables).

**Adding a column is a one-place change**: append a ``Column`` at the END of its table here (and
give the value in ``common.child_rows`` / ``article_row``).  Opening an existing database adds
the missing columns (``missing_columns`` + ``add_column_sql``, run by both stores' ``migrate``),
so old databases keep opening; a new column must therefore be nullable or have a default.
Anything that is not a column added at the end (a renamed or retyped column, a new key) needs a
numbered migration and a new ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Dialect = Literal["sqlite", "postgres"]
SCHEMA_VERSION = 5  # v2: entities.actor_source (added to old databases when they are opened); v3: the rollups;
# v4: the rollup article_actors; v5: the index events_shown
EVENTS_SHOWN_SINCE = 5  # the schema version that added the index events_shown

# column types: the neutral name -> each dialect's
_TYPES: dict[str, dict[str, str]] = {
    "text": {"sqlite": "TEXT", "postgres": 'TEXT COLLATE "C"'},  # "C": byte order, as SQLite compares
    "int": {"sqlite": "INTEGER", "postgres": "INTEGER"},
    "real": {"sqlite": "REAL", "postgres": "DOUBLE PRECISION"},
    "serial": {"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgres": "BIGSERIAL PRIMARY KEY"},
}
# defaults that are expressions: the neutral name -> each dialect's
_NOW = {"sqlite": "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        "postgres": "(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"}


@dataclass(frozen=True)
class Column:
    """One column: ``type`` is text, int, real or serial; ``default`` an SQL literal or ``now``."""

    name: str
    type: str = "text"
    not_null: bool = False
    default: str | None = None
    primary: bool = False  # a one-column primary key
    references: str | None = None  # "articles(id)": deleted with its article
    doc: str = ""

    def sql(self, dialect: Dialect) -> str:
        name = f'"{self.name}"' if self.name in _QUOTED else self.name
        parts = [name, _TYPES[self.type][dialect]]
        if self.primary:
            parts.append("PRIMARY KEY")
        if self.not_null:
            parts.append("NOT NULL")
        if self.default is not None:
            parts.append("DEFAULT " + (_NOW[dialect] if self.default == "now" else self.default))
        if self.references:
            parts.append(f"REFERENCES {self.references} ON DELETE CASCADE")
        return " ".join(parts)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()  # a primary key of several columns
    # (index name, column or columns: "a DESC, b"; a partial index: "a WHERE b IS NULL")
    indexes: tuple[tuple[str, str], ...] = ()
    doc: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def sql(self, dialect: Dialect) -> str:
        lines = [c.sql(dialect) for c in self.columns]
        if self.key:
            lines.append(f"PRIMARY KEY ({', '.join(self.key)})")
        head = f"-- {self.doc}\n" if self.doc else ""
        out = head + f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(lines) + "\n);\n"
        for index, col in self.indexes:
            out += index_sql(self.name, index, col, exists_ok=True)
        return out


def index_sql(table: str, index: str, col: str, *, exists_ok: bool = False) -> str:
    """``CREATE INDEX`` of ``index`` on ``table``'s ``col`` (columns, and `` WHERE ...`` for a partial index)."""
    cols, _, where = col.partition(" WHERE ")
    return (f"CREATE INDEX {'IF NOT EXISTS ' if exists_ok else ''}{index} ON {table}({cols})"
            + (f" WHERE {where}" if where else "") + ";\n")


_QUOTED = frozenset({"end"})  # column names that are SQL keywords
_ARTICLE = Column("article_id", not_null=True, references="articles(id)")


def _c(name: str, type: str = "text", **kw: object) -> Column:
    return Column(name, type, **kw)  # type: ignore[arg-type]


def _span(text_not_null: bool = False) -> tuple[Column, ...]:
    """``idx, start, end, text``: the numbered, located rows below an article."""
    return (_c("idx", "int", not_null=True), _c("start", "int"), _c("end", "int"), _c("text", not_null=text_not_null))


TABLES: tuple[Table, ...] = (
    Table("meta", (_c("key", primary=True), _c("value", not_null=True))),
    Table("articles", (
        _c("id", primary=True), _c("url"), _c("outlet"), _c("title", not_null=True), _c("published"),
        _c("published_precision"), _c("language"),
        _c("bylines", not_null=True, default="'[]'", doc="JSON list of names"),
        _c("source"), _c("content_hash"), _c("text", not_null=True), _c("tone", "real"),
        _c("analysis", not_null=True, doc="the full Analysis JSON (output contract)"),
        _c("stages", not_null=True, default="''"),
        _c("ingested_at", not_null=True, default="now"),
    ), indexes=(("articles_published", "published"), ("articles_outlet", "outlet"),
                # the order of every article list: newest first, undated last (query/articles.py)
                ("articles_newest", "(published IS NULL), published DESC, id"))),
    Table("entities", (
        _ARTICLE, _c("eid", not_null=True), _c("type", not_null=True), _c("name", not_null=True), _c("actor"),
        _c("country"), _c("role"), _c("kb_id"), _c("n_mentions", "int", not_null=True),
        _c("actor_source"),  # the rule or lexicon row that gave the actor code
    ), key=("article_id", "eid"), indexes=(("entities_name", "name"), ("entities_actor", "actor"))),
    Table("mentions", (
        _ARTICLE, _c("eid", not_null=True), _c("start", "int", not_null=True), _c("end", "int", not_null=True),
        _c("text", not_null=True), _c("label"),
    ), indexes=(("mentions_article", "article_id"),)),
    Table("events", (
        _ARTICLE, _c("idx", "int", not_null=True), _c("code", not_null=True), _c("root", not_null=True), _c("name"),
        _c("quad_class", "int"), _c("goldstein", "real"),
        _c("source_actor"), _c("source_entity"), _c("source_name"), _c("source_start", "int"),
        _c("target_actor"), _c("target_entity"), _c("target_name"), _c("target_start", "int"),
        _c("date"), _c("date_precision"), _c("date_anchor"),
        _c("place_name"), _c("place_country"), _c("lat", "real"), _c("lon", "real"),
        _c("negated", "int", not_null=True, default="0"), _c("modality"), _c("confidence", "real"),
        _c("sentence_start", "int"), _c("sentence_end", "int"), _c("trigger_start", "int"), _c("trigger_end", "int"),
        _c("trigger_text"),
    ), key=("article_id", "idx"), indexes=(("events_code", "code"), ("events_source", "source_actor"),
                                           ("events_target", "target_actor"), ("events_date", "date"),
                                           # the events without a date of their own (query/events.py)
                                           ("events_undated", "confidence WHERE date IS NULL"),
                                           # the events a confidence threshold shows (query/events.py), with
                                           # the columns of the lists' order and of every filter but the article
                                           ("events_shown", "confidence, negated, date, source_actor, target_actor, "
                                                            "code, root, quad_class, article_id, idx"))),
    Table("quotes", (
        _ARTICLE, *_span(text_not_null=True), _c("kind"), _c("speaker_entity"), _c("speaker_name"),
        _c("speaker_actor"), _c("cue"), _c("channel"), _c("confidence", "real"),
    ), key=("article_id", "idx"), indexes=(("quotes_speaker", "speaker_name, confidence, article_id"),)),
    Table("timexes", (_ARTICLE, *_span(), _c("type"), _c("value")), key=("article_id", "idx")),
    Table("amounts", (
        _ARTICLE, *_span(), _c("value", "real"), _c("unit"), _c("kind"), _c("measure"), _c("date"),
    ), key=("article_id", "idx")),
    Table("places", (
        _ARTICLE, *_span(), _c("name"), _c("country"), _c("lat", "real"), _c("lon", "real"), _c("geonames_id", "int"),
    ), key=("article_id", "idx")),
    Table("themes", (_ARTICLE, _c("code", not_null=True), _c("n", "int", not_null=True)), key=("article_id", "code")),
    Table("sources", (
        _c("key", primary=True), _c("source", not_null=True), _c("article_id"), _c("status", not_null=True),
        _c("at", not_null=True, default="now"),
    ), doc="documents already processed (source + content hash), so an interrupted run resumes"),
    Table("rejects", (
        _c("source", primary=True), _c("code", not_null=True), _c("message", not_null=True), _c("run_id", "int"),
        _c("at", not_null=True, default="now"),
    )),
    Table("runs", (
        _c("id", "serial"), _c("command"), _c("started", not_null=True), _c("finished"),
        _c("n_ok", "int", default="0"), _c("n_rejected", "int", default="0"), _c("n_skipped", "int", default="0"),
    )),
    # Rollups: counts kept up to date by every write (store/rollups.py), so that the web app's
    # aggregates read a few rows per distinct key instead of every row.  A missing value is
    # stored as '' (text), 0 (quad_class) or -1 (confidence): keys cannot hold NULL.
    Table("entity_stats", (
        _c("name", not_null=True), _c("type", not_null=True), _c("actor", not_null=True),
        _c("articles", "int", not_null=True), _c("mentions", "int", not_null=True),
    ), key=("name", "type", "actor"), indexes=(("entity_stats_rank", "articles DESC, mentions DESC, name"),),
        doc="entities grouped by (name, type, actor): the articles that have one, their mentions"),
    Table("actor_stats", (_c("actor", primary=True), _c("articles", "int", not_null=True)),
          indexes=(("actor_stats_rank", "articles DESC, actor"),),
          doc="articles with an entity of each actor code"),
    Table("article_actors", (
        _c("article_id", not_null=True), _c("actor", not_null=True), _c("entities", "int", not_null=True),
    ), key=("article_id", "actor"),
        doc="each article's actor codes (its entities of each): the actors of any set of articles, one row each"),
    Table("event_stats", (
        _c("day", not_null=True), _c("source_actor", not_null=True), _c("target_actor", not_null=True),
        _c("code", not_null=True), _c("root", not_null=True), _c("quad_class", "int", not_null=True),
        _c("negated", "int", not_null=True), _c("confidence", "real", not_null=True),
        _c("n", "int", not_null=True), _c("goldstein_tenths", "real", not_null=True),
        _c("goldstein_n", "int", not_null=True),
    ), key=("day", "source_actor", "target_actor", "code", "root", "quad_class", "negated", "confidence"),
        doc="events grouped by day (their date, else their article's, cut to 10 characters) and every filter"),
    Table("quote_stats", (
        _c("speaker", not_null=True), _c("speaker_actor", not_null=True), _c("kind", not_null=True),
        _c("confidence", "real", not_null=True), _c("n", "int", not_null=True),
    ), key=("speaker", "speaker_actor", "kind", "confidence"), doc="quotes grouped by speaker and every filter"),
    Table("quote_dates", (
        _c("article_id", not_null=True), _c("idx", "int", not_null=True), _c("speaker", not_null=True),
        _c("confidence", "real", not_null=True), _c("published"),
    ), key=("article_id", "idx"),
        indexes=(("quote_dates_speaker", "speaker, (published IS NULL), published DESC, article_id, idx, confidence"),),
        doc="each quote's speaker and its article's date: a speaker's latest quotes down one index"),
    Table("row_counts", (_c("name", primary=True), _c("n", "int", not_null=True)),
          doc="rows of each table below articles (and of articles)"),
)
BY_NAME = {t.name: t for t in TABLES}

_FULLTEXT: dict[Dialect, str] = {
    "sqlite": (
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(article_id UNINDEXED, title, text);\n"
        "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts "
        "USING fts5(article_id UNINDEXED, idx UNINDEXED, text, speaker);\n"
    ),
    # 'simple' configuration (no stemming, any language), in tables beside the ones above as in
    # SQLite, so every table above has exactly SQLite's columns
    "postgres": (
        "CREATE TABLE IF NOT EXISTS articles_fts (\n"
        '  article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,\n'
        "  fts tsvector NOT NULL\n);\n"
        "CREATE INDEX IF NOT EXISTS articles_fts_gin ON articles_fts USING gin(fts);\n"
        "CREATE TABLE IF NOT EXISTS quotes_fts (\n"
        '  article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n'
        "  idx INTEGER NOT NULL,\n  fts tsvector NOT NULL,\n  PRIMARY KEY (article_id, idx)\n);\n"
        "CREATE INDEX IF NOT EXISTS quotes_fts_gin ON quotes_fts USING gin(fts);\n"
        "-- SQLite's round(real, digits), which PostgreSQL only has for numeric\n"
        "CREATE OR REPLACE FUNCTION round(double precision, integer) RETURNS double precision\n"
        "  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT round($1::numeric, $2)::double precision';\n"
    ),
}


def render(dialect: Dialect) -> str:
    """The whole schema as SQL for ``dialect`` (idempotent: CREATE ... IF NOT EXISTS)."""
    head = f"-- newsgraph store schema v{SCHEMA_VERSION} for {dialect}, rendered from store/schema.py\n"
    return head + "\n".join(t.sql(dialect) for t in TABLES) + "\n" + _FULLTEXT[dialect]


def rebuild_index_sql(table: str, index: str) -> str:
    """Drop ``index`` and create it as defined now (for a migration that changes an index's columns)."""
    return f"DROP INDEX IF EXISTS {index};\n" + index_sql(table, index, dict(BY_NAME[table].indexes)[index])


def create_index_sql(table: str, index: str) -> str:
    """Create ``index`` as defined now unless it exists (for a migration that adds an index)."""
    return index_sql(table, index, dict(BY_NAME[table].indexes)[index], exists_ok=True)


# the v5 migration: the index events_shown (made already by ``render`` when a database is opened for writing;
# the version says to the reads that it is there)
MIGRATION_V5 = create_index_sql("events", "events_shown")


def columns(table: str, *, without: tuple[str, ...] = ()) -> str:
    """``table``'s column names in order, comma-separated and quoted where needed (for INSERT and SELECT)."""
    return ", ".join(f'"{n}"' if n in _QUOTED else n for n in BY_NAME[table].column_names if n not in without)


def missing_columns(existing: dict[str, list[str]]) -> list[tuple[str, Column]]:
    """(table, column) of every column defined here but absent from an existing database
    (``existing``: table -> its column names; tables absent from it were just created)."""
    out: list[tuple[str, Column]] = []
    for t in TABLES:
        have = existing.get(t.name)
        if have is None:
            continue
        out += [(t.name, c) for c in t.columns if c.name not in have]
    return out


def add_column_sql(table: str, column: Column, dialect: Dialect) -> str:
    """``ALTER TABLE ... ADD COLUMN`` for a column added to the definition after the database was made."""
    if column.primary or column.type == "serial" or (column.not_null and column.default is None):
        raise ValueError(f"{table}.{column.name} cannot be added to an existing database: give it a default "
                         "or make it nullable, or write a numbered migration")
    return f"ALTER TABLE {table} ADD COLUMN {column.sql(dialect)}"
