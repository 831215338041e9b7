"""The CLI end to end, in real processes: analyze, ingest, resume, jobs, exit codes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsgraph.config import load_settings

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True,
                          input=input, env={**os.environ, **(env or {})}, timeout=600)


def test_analyze_samples_gives_contract_lines(samples: Path) -> None:
    r = run("analyze", str(samples), "-o", "-")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == len(list(samples.glob("*.md"))) + len(list(samples.glob("*.txt")))
    for obj in lines:
        text = obj["article"]["text"]
        assert obj["article"]["id"] and obj["article"]["title"]
        for e in obj["entities"]:
            for m in e["mentions"]:
                assert text[m["start"]:m["end"]] == m["text"]
        for key in ("quotes", "timexes", "amounts", "places"):
            for item in obj[key]:
                assert text[item["start"]:item["end"]] == item["text"]


def test_bad_documents_are_reported_and_the_batch_goes_on(tmp_path: Path, samples: Path) -> None:
    (tmp_path / "good.md").write_text((samples / "003_kyiv_drone_attack.md").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "nested.html").write_text("<div>" * 20000 + "deep" + "</div>" * 20000, encoding="utf-8")
    r = run("analyze", str(tmp_path), "-o", "-")
    assert r.returncode == 1
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    errors = [x["error"] for x in lines if "error" in x]
    oks = [x for x in lines if "article" in x]
    assert len(oks) == 1 and oks[0]["article"]["title"].startswith("Russian Drones")
    assert {e["code"] for e in errors} >= {"E102", "E103"}
    assert all(e["message"] and e["source"] for e in errors)


def test_stdin_and_usage_errors() -> None:
    r = run("analyze", "-", "-o", "-", input="Talks Resume\n\nNegotiators from Chile met in Lima on Monday.")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["article"]["title"] == "Talks Resume"
    assert run("analyze").returncode == 2
    assert run("frobnicate").returncode == 2
    assert run("analyze", "x.md", env={"NEWSGRAPH_JOBS": "lots"}).returncode == 2


def test_jobs_output_is_identical_to_one_job(samples: Path) -> None:
    one = run("analyze", str(samples), "-o", "-", "--jobs", "1")
    two = run("analyze", str(samples), "-o", "-", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout


def test_ingest_is_idempotent_and_queryable(tmp_path: Path, samples: Path) -> None:
    db = str(tmp_path / "n.db")
    assert run("ingest", str(samples), "--db", db).returncode == 0
    s1 = json.loads(run("stats", "--db", db).stdout)
    r = run("ingest", str(samples), "--db", db)
    assert r.returncode == 0 and "already done" in r.stderr
    s2 = json.loads(run("stats", "--db", db).stdout)
    assert s1["articles"] == s2["articles"] == 4 and s1["mentions"] == s2["mentions"]
    found = run("search", "drones", "--db", db)
    assert "Kyiv" in found.stdout
    art_id = found.stdout.split()[0]
    shown = run("show", art_id, "--db", db)
    assert shown.returncode == 0 and "Zelensky" in shown.stdout
    # show lists what the CLI and the API show: items below the confidence settings are counted, not
    # listed; --min-confidence 0 lists them all, one row each with its confidence
    analysis = json.loads(run("show", art_id, "--db", db, "--json").stdout)
    every = run("show", art_id, "--db", db, "--min-confidence", "0", env={"COLUMNS": "250"}).stdout
    limit = load_settings().min_confidence_quotes
    low = [q for q in analysis["quotes"] if q["confidence"] < limit]
    assert low and f"{len(low)} quotes below confidence {limit:g} not shown" in shown.stdout
    assert "not shown" not in every
    assert all(f"{q['confidence']:.2f}" in every for q in analysis["quotes"])
    assert "Kremlin" in run("entities", "--db", db).stdout
    exported = run("export", "--format", "jsonl", "--db", db).stdout.splitlines()
    assert len(exported) == 4
    csv_out = run("export", "--format", "csv", "--table", "entities", "--db", db).stdout
    assert csv_out.startswith("article_id,eid,type,name,actor")


def test_killed_ingest_resumes_without_duplicates(tmp_path: Path, samples: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = (samples / "003_kyiv_drone_attack.md").read_text(encoding="utf-8")
    for i in range(40):
        (corpus / f"{i:03d}.md").write_text(base.replace("at least five people", f"at least {i + 6} people")
                                            .replace("kyiv-drones-2024", f"kyiv-drones-{i}"), encoding="utf-8")
    db = str(tmp_path / "k.db")
    proc = subprocess.Popen([sys.executable, "-m", "newsgraph", "ingest", str(corpus), "--db", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    import sqlite3

    while time.time() < deadline:
        time.sleep(0.5)
        try:
            n = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            n = 0
        if n >= 5:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    r = run("ingest", str(corpus), "--db", db)
    assert r.returncode == 0, r.stderr
    st = json.loads(run("stats", "--db", db).stdout)
    assert st["articles"] == 40
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM (SELECT DISTINCT article_id FROM entities)").fetchone()[0] == 40
    assert con.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 40


def test_ingest_rejects_broken_files_stores_the_rest_and_resumes_without_duplicates(tmp_path: Path) -> None:
    import gzip
    import sqlite3

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    page = ("<html><head><title>Council votes</title></head><body><article>"
            + "<p>The council of Springfield voted on Monday to rebuild the old bridge, the mayor said.</p>" * 40
            + "</article></body></html>").encode()
    (corpus / "a_good.html.gz").write_bytes(gzip.compress(page))
    packed = gzip.compress(page.replace(b"Springfield", b"Shelbyville"))
    (corpus / "b_truncated.html.gz").write_bytes(packed[: len(packed) // 2])
    (corpus / "c_good.txt").write_text("Talks resume\n\nNegotiators from Chile met in Lima on Monday.\n\n"
                                       "Contributing: Jo Roe", encoding="utf-8")
    (corpus / "d_garbage.txt").write_bytes(bytes(range(128, 256)) * 30)
    (corpus / "e_latin.html").write_bytes(
        '<html><head><meta charset="windows-1252"><title>Caf\u00e9 closes</title></head><body><article>'
        '<p>The caf\u00e9 owner said \u201cwe are closing\u201d on Monday, officials in the town confirmed.</p>'
        '</article></body></html>'.encode("cp1252"))
    db = str(tmp_path / "m.db")
    first = run("ingest", str(corpus), "--db", db)
    assert first.returncode == 1  # some documents were rejected; the rest landed
    con = sqlite3.connect(db)
    stored = dict(con.execute("SELECT source, text FROM articles").fetchall())
    assert sorted(Path(s).name for s in stored) == ["a_good.html.gz", "c_good.txt", "e_latin.html"]
    assert not any("Shelbyville" in t for t in stored.values())
    assert "Contributing" not in stored[str(corpus / "c_good.txt")]
    assert "café owner said “we are closing”" in stored[str(corpus / "e_latin.html")]
    rejects = {Path(s).name: c for s, c in con.execute("SELECT source, code FROM rejects")}
    assert rejects == {"b_truncated.html.gz": "E108", "d_garbage.txt": "E105"}
    con.close()
    assert "E108" in first.stderr and "b_truncated.html.gz" in first.stderr  # reported to the user too
    second = run("ingest", str(corpus), "--db", db)
    assert "0 analysed, 2 rejected, 3 already done" in second.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM rejects").fetchone()[0] == 2
