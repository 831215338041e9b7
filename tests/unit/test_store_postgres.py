"""The SQLite -> PostgreSQL query translation and the full-text query builder (no server needed)."""

from __future__ import annotations

from newsgraph.store import open_store
from newsgraph.store.postgres import _redact, is_postgres_url, translate, ts_query


def test_parameters_become_psycopg_placeholders_outside_string_literals() -> None:
    sql = "SELECT a FROM t WHERE x = ? AND y = :name AND s = 'a:b ? c' AND z::text = :z"
    assert translate(sql) == "SELECT a FROM t WHERE x = %s AND y = %(name)s AND s = 'a:b ? c' AND z::text = %(z)s"


def test_percent_signs_are_escaped_and_like_ignores_case_as_in_sqlite() -> None:
    got = translate("SELECT 1 WHERE a LIKE :p || '%' ESCAPE '\\'")
    assert got == "SELECT 1 WHERE a ILIKE %(p)s || '%%' ESCAPE '\\'"
    assert translate("SELECT 'LIKE %' AS t") == "SELECT 'LIKE %%' AS t"  # inside a literal: text


def test_glob_becomes_an_anchored_regex_match() -> None:
    got = translate("SELECT 1 WHERE d GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' AND e = 'GLOB'")
    assert got == "SELECT 1 WHERE d ~ '^[0-9][0-9][0-9][0-9]\\-[0-9][0-9].*$' AND e = 'GLOB'"


def test_ts_query_quotes_every_word_and_keeps_prefixes() -> None:
    assert ts_query("Kremlin drone*") == "'kremlin' & 'drone':*"
    assert ts_query("'); DROP TABLE articles; --") == "'drop' & 'table' & 'articles'"
    assert ts_query("!!! ???") == ""


def test_urls_are_recognised_and_passwords_never_shown() -> None:
    assert is_postgres_url("postgresql://u@h/db") and is_postgres_url("postgres://u@h/db")
    assert not is_postgres_url("news.db") and not is_postgres_url("/data/postgresql.db")
    assert _redact("postgresql://ann:s3cret@db.example:5432/news") == "postgresql://ann:***@db.example:5432/news"


def test_an_unreachable_server_is_a_store_error_that_says_what_to_check() -> None:
    import pytest

    from newsgraph.errors import StoreError

    with pytest.raises(StoreError) as err:
        open_store("postgresql://ann:s3cret@127.0.0.1:9/news?connect_timeout=2")
    assert err.value.code == "E302" and "s3cret" not in str(err.value) and "server is running" in str(err.value)
