"""PostgreSQL as the store, on a real server: the CLI, exports equal to SQLite's, several writers."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.store import PostgresStore, open_store
from newsgraph.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"

pytestmark = pytest.mark.slow


def _cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=str(ROOT))


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, pg_server: Any) -> tuple[str, str]:
    """The samples ingested by the CLI into a SQLite file and into a PostgreSQL database."""
    sqlite = str(tmp_path_factory.mktemp("pg") / "news.db")
    url = pg_server.new_database()
    for db in (sqlite, url):
        run = _cli("ingest", str(SAMPLES), "--db", db)
        assert run.returncode == 0, run.stderr
    return sqlite, url


def test_ingest_resumes_and_the_read_commands_work(both: tuple[str, str]) -> None:
    _, url = both
    again = _cli("ingest", str(SAMPLES), "--db", url)
    assert again.returncode == 0 and "0 analysed" in again.stderr and "already done" in again.stderr
    stats = json.loads(_cli("stats", "--db", url).stdout)
    assert stats["articles"] == len(list(SAMPLES.iterdir())) and stats["schema_version"] == SCHEMA_VERSION
    found = _cli("search", "Kremlin", "--db", url)
    assert found.returncode == 0 and found.stdout.strip()
    art = found.stdout.split()[0]
    shown = _cli("show", art[:8], "--db", url, "--json")
    assert json.loads(shown.stdout)["article"]["id"] == art


def test_every_command_gives_what_it_gives_on_sqlite(both: tuple[str, str], tmp_path: Path) -> None:
    sqlite, url = both
    for cmd in (["stats"], ["entities", "--type", "PERSON"], ["events", "--actor", "RUS"], ["dyads"]):
        a, b = _cli(*cmd, "--db", sqlite), _cli(*cmd, "--db", url)
        assert a.returncode == b.returncode == 0, (cmd, b.stderr)
        assert a.stdout == b.stdout, cmd
    # search: the same articles and quotes; the snippets are each engine's own (FTS5, ts_headline)
    hits = [[line.split()[:2] for line in _cli("search", "drones", "--db", db).stdout.splitlines()
             if re.match(r"^(quote )?[0-9a-f]{16}\b", line)] for db in (sqlite, url)]
    assert hits[0] and hits[0] == hits[1]
    for fmt in ("jsonl", "csv", "gdelt-events", "gdelt-mentions", "gkg", "parquet"):
        outs = []
        for name, db in (("s", sqlite), ("p", url)):
            out = tmp_path / f"{fmt}-{name}"
            run = _cli("export", "--format", fmt, "--db", db, "-o", str(out))
            assert run.returncode == 0, (fmt, run.stderr)
            outs.append(out)
        if fmt == "parquet":
            import pyarrow.parquet as pq

            for f in sorted(outs[0].iterdir()):
                a_rows = pq.read_table(f).to_pylist()
                b_rows = pq.read_table(outs[1] / f.name).to_pylist()
                drop = {"ingested_at", "fts"}
                assert [{k: v for k, v in r.items() if k not in drop} for r in a_rows] == \
                       [{k: v for k, v in r.items() if k not in drop} for r in b_rows], f.name
            continue
        a_text, b_text = outs[0].read_text(encoding="utf-8"), outs[1].read_text(encoding="utf-8")
        if fmt.startswith("gdelt") or fmt == "gkg":  # DATEADDED / record ids carry the ingest time
            a_text, b_text = _without_times(a_text), _without_times(b_text)
        assert a_text == b_text, fmt


def _without_times(tsv: str) -> str:
    return re.sub(r"\b20\d{12}\b", "T", tsv)


def test_two_machines_ingesting_into_one_database_store_each_article_once(pg_server: Any, tmp_path: Path) -> None:
    url = pg_server.new_database()
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(SAMPLES, a)
    shutil.copytree(SAMPLES, b)  # the same articles, read from another place by the second writer
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    procs = [subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(folder), "--db", url],
                              env=env, cwd=str(ROOT), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for folder in (a, b)]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    with open_store(url) as st:
        assert isinstance(st, PostgresStore)
        n = len(list(SAMPLES.iterdir()))
        assert st.count("articles") == n  # same ids: the second write replaced the first, no duplicates
        ids = [r[0] for r in st.query("SELECT article_id FROM events")]
        assert len({r[0] for r in st.query("SELECT id FROM articles")}) == n and set(ids) <= {
            r[0] for r in st.query("SELECT id FROM articles")}
        assert st.count("sources") == 2 * n  # each writer's documents are known for its resume


def test_batch_shards_merge_into_postgres(pg_server: Any, tmp_path: Path) -> None:
    url = pg_server.new_database()
    run = _cli("batch", str(SAMPLES), "--out", str(tmp_path / "shards"), "--workers", "1", "--db", url)
    assert run.returncode == 0, run.stderr
    with open_store(url, read_only=True) as st:
        assert st.count("articles") == len(list(SAMPLES.iterdir()))
        assert st.search("Kremlin")


def test_read_only_store_refuses_writes_and_an_empty_database_is_reported(pg_server: Any) -> None:
    from newsgraph.errors import StoreError

    url = pg_server.new_database()
    with pytest.raises(StoreError, match="create it with"):
        open_store(url, read_only=True)
    with open_store(url) as st:
        st.start_run("test")
    with open_store(url, read_only=True) as ro:
        with pytest.raises(Exception, match="read-only"):
            ro.query("INSERT INTO runs(command, started) VALUES ('x', 'y')")
        assert ro.count("runs") == 1


def test_a_version_1_database_gains_the_actor_source_column(pg_server: Any) -> None:
    import psycopg

    url = pg_server.new_database()
    with open_store(url) as st:
        st.start_run("test")
    with psycopg.connect(url, autocommit=True) as c:  # make it a v1 database
        c.execute("ALTER TABLE entities DROP COLUMN actor_source")
        c.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(url) as st:
        assert st.schema_version() == SCHEMA_VERSION
        assert st.query("SELECT count(actor_source) FROM entities")[0][0] == 0


def test_rows_by_name_and_position_and_queries_by_the_index_in_one_statement(pg_server: Any) -> None:
    from newsgraph.store.postgres import BY_INDEX

    url = pg_server.new_database()
    PostgresStore(url).close()  # the schema
    with open_store(url, read_only=True) as store:
        row = store.query("SELECT 1 AS a, CAST(2.5 AS numeric) AS b, CAST(3 AS numeric) AS c, 'x' AS d")[0]
        assert (row["a"], row["b"], row["c"], row["d"]) == (1, 2.5, 3, "x") == tuple(row)
        assert isinstance(row["c"], int) and row.keys() == ["a", "b", "c", "d"] and dict(row)["b"] == 2.5
        other = store.query("SELECT 'y' AS b, 7 AS a")[0]  # another result's names, the same rows' class kept apart
        assert (other["a"], other["b"], other.keys()) == (7, "y", ["b", "a"]) and row["a"] == 1
        with pytest.raises(IndexError):
            other["c"]
        # sequential scans off for the marked query only, sent as one statement: the connection stays idle
        assert store.query(f"SELECT {BY_INDEX} current_setting('enable_seqscan') AS s")[0]["s"] == "off"
        assert store.query("SELECT current_setting('enable_seqscan') AS s")[0]["s"] == "on"
        assert store.pg.info.transaction_status == 0
