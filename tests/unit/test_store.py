"""SQLite store: round trips, idempotent writes, rejects, read-only mode, safe search."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import StoreError
from newsgraph.model import Analysis, Article, Entity, Mention, Published, Rejected
from newsgraph.store import open_store
from newsgraph.store.schema import SCHEMA_VERSION


def _analysis(aid: str = "a1", title: str = "Talks in Oslo") -> Analysis:
    text = f"{title}\n\nNorway hosted talks in Oslo on Monday."
    art = Article(id=aid, text=text, title=title, published=Published("2024-02-08", "day", "input"),
                  url="https://example.org/" + aid, outlet="example.org", source=f"{aid}.md")
    s = text.index("Norway")
    ent = Entity("e1", "GPE", "Norway", (Mention(s, s + 6, "Norway", "GPE"),), actor="NOR", country="NOR",
                 actor_source="lexicon:country:NOR")
    return Analysis(article=art, entities=(ent,), stages=("entities.v1",))


def test_write_and_read_back_is_lossless(tmp_db: Path) -> None:
    a = _analysis()
    with open_store(tmp_db) as st:
        st.write(a, source_key="k1")
        assert st.get("a1") == a
        assert st.count("entities") == 1 and st.count("mentions") == 1


def test_rewriting_the_same_article_adds_no_rows(tmp_db: Path) -> None:
    with open_store(tmp_db) as st:
        for _ in range(3):
            st.write(_analysis(), source_key="k1")
        assert st.count("articles") == 1 and st.count("entities") == 1 and st.count("mentions") == 1
        assert len(st.search("Oslo")) == 1


def test_resume_key_and_rejects(tmp_db: Path) -> None:
    with open_store(tmp_db) as st:
        assert not st.has_source("k1")
        st.write(_analysis(), source_key="k1")
        assert st.has_source("k1")
        st.reject(Rejected("bad.txt", "E103", "binary"))
        st.reject(Rejected("bad.txt", "E103", "binary"))
        assert st.count("rejects") == 1
        assert st.stats()["reject_codes"] == {"E103": 1}


def test_search_treats_user_input_as_words(tmp_db: Path) -> None:
    with open_store(tmp_db) as st:
        st.write(_analysis("a1"))
        st.write(_analysis("a2", "Ceasefire Holds"))
        assert st.search("'; DROP TABLE articles; --") == []
        assert st.search('Oslo"') != []  # a stray quote cannot break the FTS query
        assert st.count("articles") == 2
        assert [r["id"] for r in st.search("ceasefire")] == ["a2"]


def test_read_only_store_refuses_writes(tmp_db: Path) -> None:
    with open_store(tmp_db) as st:
        st.write(_analysis())
    with open_store(tmp_db, read_only=True) as ro:
        assert ro.get("a1") is not None
        with pytest.raises(StoreError):
            ro.write(_analysis("a9"))
    with pytest.raises(StoreError):
        open_store(tmp_db.parent / "missing.db", read_only=True)


def test_schema_version_is_recorded(tmp_db: Path) -> None:
    with open_store(tmp_db) as st:
        assert st.schema_version() == SCHEMA_VERSION
    with open_store(tmp_db) as st:  # reopening migrates nothing and keeps data
        assert st.schema_version() == SCHEMA_VERSION


def test_version_1_database_gains_actor_source_column(tmp_db: Path) -> None:
    import sqlite3

    with open_store(tmp_db) as st:  # make a v1 database: no actor_source column, version 1
        st.write(_analysis())
    con = sqlite3.connect(tmp_db)
    con.execute("ALTER TABLE entities DROP COLUMN actor_source")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with open_store(tmp_db) as st:
        assert st.schema_version() == SCHEMA_VERSION
        st.write(_analysis("a2"))
        rows = st.query("SELECT eid, actor_source FROM entities WHERE article_id = 'a2'")
        assert [tuple(r) for r in rows] == [("e1", "lexicon:country:NOR")]
        assert st.get("a1") is not None
