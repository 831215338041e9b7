"""The store's tables come from one definition (store/schema.py): SQLite and PostgreSQL get the
same columns, databases made before keep opening, and a column added to the definition is added
to an existing database when it is opened."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Analysis, Article, Entity, Mention, Published
from newsgraph.store import open_store
from newsgraph.store.rollups import ROLLUPS
from newsgraph.store.schema import SCHEMA_VERSION, TABLES, Column, add_column_sql, rebuild_index_sql, render

LEGACY = Path(__file__).resolve().parents[1] / "data" / "schema_v1_sqlite.sql"
# each neutral type as each engine reports it (PRAGMA table_info / information_schema.columns)
REPORTED = {"text": ("TEXT", "text"), "int": ("INTEGER", "integer"), "real": ("REAL", "double precision"),
            "serial": ("INTEGER", "bigint")}


def _analysis(aid: str = "s1") -> Analysis:
    text = "Invented\n\nAda Byron met the mayor."
    art = Article(id=aid, text=text, title="Invented", published=Published("2024-01-02", "day", "input"))
    ent = Entity("e1", "PERSON", "Ada Byron", (Mention(10, 19, "Ada Byron", "PERSON"),), actor="GBR", kb_id="k1")
    return Analysis(article=art, entities=(ent,))


def _sqlite_columns(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str]]]:
    return {t.name: [(r[1], r[2]) for r in conn.execute(f"PRAGMA table_info({t.name})")] for t in TABLES}


def test_sqlite_tables_have_the_defined_columns_in_order(tmp_path: Path) -> None:
    with open_store(tmp_path / "n.db") as store:
        got = _sqlite_columns(store.conn)
    for t in TABLES:
        assert got[t.name] == [(c.name, REPORTED[c.type][0]) for c in t.columns], t.name


def test_the_rendered_schema_is_the_schema_databases_were_made_with(tmp_path: Path) -> None:
    """Rendering changed how the schema is written, not what it is: same tables, columns, types,
    defaults, keys, references and indexes as the v1 file, plus the columns added since, appended at
    the end (v2: entities.actor_source; then quotes.confidence), and v3's rollup tables, the index
    articles_newest and quotes_speaker widened, v4's article_actors and the partial index events_undated,
    v5's index events_shown."""
    def shape(sql: str) -> dict[str, Any]:
        c = sqlite3.connect(":memory:")
        c.executescript(sql)
        out: dict[str, Any] = {}
        for name, typ, text in c.execute("SELECT name, type, sql FROM sqlite_master ORDER BY name"):
            if typ == "table":
                out[name] = (c.execute(f"PRAGMA table_info({name})").fetchall(),
                             c.execute(f"PRAGMA foreign_key_list({name})").fetchall())
            elif text:
                out[name] = text.replace("IF NOT EXISTS ", "")
        return out

    v3 = [t for t in TABLES if t.name in ROLLUPS]
    legacy = LEGACY.read_text(encoding="utf-8") + ("\nALTER TABLE entities ADD COLUMN actor_source TEXT;\n"
                                                   "ALTER TABLE quotes ADD COLUMN confidence REAL;\n"
                                                   "CREATE INDEX articles_newest ON articles"
                                                   "((published IS NULL), published DESC, id);\n"
                                                   + rebuild_index_sql("quotes", "quotes_speaker")
                                                   + "CREATE INDEX events_undated ON events(confidence) "
                                                   "WHERE date IS NULL;\n"
                                                   + "CREATE INDEX events_shown ON events(confidence, negated, "
                                                   "date, source_actor, target_actor, code, root, quad_class, "
                                                   "article_id, idx);\n"
                                                   + "".join(t.sql("sqlite") for t in v3))
    assert shape(render("sqlite")) == shape(legacy)


def test_a_database_made_before_opens_and_gets_the_columns_added_since(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.executescript(LEGACY.read_text(encoding="utf-8"))
    conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    conn.execute("ALTER TABLE entities DROP COLUMN kb_id")  # as if kb_id had been added to the definition later
    conn.commit()
    conn.close()
    with open_store(db) as store:
        assert [r[1] for r in store.conn.execute("PRAGMA table_info(entities)")][-2:] == ["kb_id", "actor_source"]
        store.write(_analysis())
    with open_store(db, read_only=True) as store:
        assert store.query("SELECT kb_id FROM entities")[0][0] == "k1"
        assert store.get("s1") is not None and store.schema_version() == SCHEMA_VERSION


def test_a_column_that_cannot_be_added_to_old_rows_is_refused() -> None:
    assert add_column_sql("entities", Column("note"), "sqlite") == "ALTER TABLE entities ADD COLUMN note TEXT"
    with pytest.raises(ValueError, match="default"):
        add_column_sql("entities", Column("must", not_null=True), "postgres")


@pytest.mark.slow
def test_postgres_tables_have_the_same_columns_as_sqlite(pg_server: Any, tmp_path: Path) -> None:
    def pg_columns(store: Any) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for table, column, typ in store.pg.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position").fetchall():
            out.setdefault(table, []).append((column, typ))
        return out

    url = pg_server.new_database()
    with open_store(url) as store:
        pg = pg_columns(store)
        store.pg.execute("ALTER TABLE events DROP COLUMN trigger_text")  # as if added to the definition later
    with open_store(tmp_path / "n.db") as lite:
        sq = _sqlite_columns(lite.conn)
    for t in TABLES:
        assert [n for n, _ in pg[t.name]] == [n for n, _ in sq[t.name]], t.name
        assert pg[t.name] == [(c.name, REPORTED[c.type][1]) for c in t.columns], t.name
    with open_store(url) as store:  # opening it again adds the column back
        assert pg_columns(store) == pg
        store.write(_analysis())
        assert store.get("s1") is not None
