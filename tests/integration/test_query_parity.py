"""One read API: ``newsgraph events|dyads --format json`` answers exactly what ``/api/events`` and
``/api/dyads`` answer, for the same filters, on SQLite and on PostgreSQL; and the filters mean
what docs/query.md says (prefix codes in any case, the article's date when the event has none,
negated events only when asked for, events and quotes below the confidence threshold left out, the
threshold given or else the setting's).

The database holds invented articles with hand-built events (no NLP runs), so each expected
answer is known.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.model import Analysis, Article, EntityRef, Event, EventDate, Published, Quote, Span
from newsgraph.store import open_store

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from newsgraph.cli import app as cli_app  # noqa: E402
from newsgraph.server.app import create_app  # noqa: E402

# (source, target, code, own date or None, negated) per event; the article's date is the fallback
ARTICLES: list[tuple[str, str, list[tuple[str | None, str | None, str, str | None, bool]]]] = [
    ("a1", "2024-02-10", [
        ("GBRGOV", "FRA", "042", "2024-02-09", False),
        ("GBR", "USA", "190", None, False),              # dated by its article: 2024-02-10
        ("GBRMIL", "RUS", "190", "2024-02-08", True),     # negated: "did not attack"
    ]),
    ("a2", "2024-03-05", [
        ("USA", "GBRGOV", "046", None, False),
        ("USAGOV", "FRAMIL", "111", "2023-12", False),  # a month-precision date of its own
        ("FRA", None, "010", None, False),               # no target: not a dyad
    ]),
    ("a3", "2024-03-20", [
        ("RUS", "UKR", "190", "2024-03-19", False),
        ("RUS", "UKR", "190", "2024-03-18", False),
        ("GBR", "USA", "040", "2024", False),            # a year-only date
    ]),
]


@pytest.fixture(autouse=True)
def _threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    """The invented confidences below were set around an event threshold of 0.15: pin it, so the filters are
    tested whatever the shipped default (``min_confidence_events``) is; tests that set it override this."""
    monkeypatch.setenv("NEWSGRAPH_MIN_CONFIDENCE_EVENTS", "0.15")


# each event's confidence (article, index); 0.5 when not listed
CONFIDENCE = {("a1", 0): 0.9, ("a1", 1): 0.3, ("a1", 2): 0.1, ("a2", 0): 0.6, ("a2", 1): 0.2, ("a3", 0): 0.8,
              ("a3", 2): 0.45}


def _analysis(aid: str, published: str, rows: list[tuple[str | None, str | None, str, str | None, bool]]) -> Analysis:
    sentences = [f"Sentence {i} about {s} and {t}." for i, (s, t, *_rest) in enumerate(rows)]
    text = "Invented report\n\n" + " ".join(sentences)
    events = []
    pos = len("Invented report\n\n")
    for (src, tgt, code, date, neg), sent in zip(rows, sentences, strict=True):
        events.append(Event(
            code=code, root=code[:2], quad_class=4 if code.startswith(("19", "11")) else 1,
            goldstein=-10.0 if code.startswith("19") else 3.0,
            source=EntityRef(None, src, src) if src else None, target=EntityRef(None, tgt, tgt) if tgt else None,
            date=EventDate(date, "day" if len(date) == 10 else "month" if len(date) == 7 else "year", "text")
            if date else None,
            place=None, sentence=Span.of(text, pos, pos + len(sent)), trigger=Span.of(text, pos, pos + 8),
            negated=neg, name=f"code {code}", confidence=CONFIDENCE.get((aid, len(events)), 0.5)))
        pos += len(sent) + 1
    art = Article(id=aid, text=text, title="Invented report", published=Published(published, "day", "input"))
    return Analysis(article=art, events=tuple(events))


def _fill(db: str) -> None:
    with open_store(db) as store:
        for aid, pub, rows in ARTICLES:
            store.write(_analysis(aid, pub, rows))


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("parity") / "news.db")
    _fill(db)
    return db


@pytest.fixture(scope="module")
def pg_db(pg_server: Any) -> str:
    url: str = pg_server.new_database()
    _fill(url)
    return url


# (CLI options, API query) pairs meaning the same filters
CASES: list[tuple[list[str], dict[str, str]]] = [
    ([], {}),
    (["--actor", "GBR"], {"actor": "GBR"}),
    (["--actor", "gbr"], {"actor": "gbr"}),
    (["--actor", "GBR", "--negated"], {"actor": "GBR", "negated": "true"}),
    (["--actor", "GBR", "--from", "2024-02", "--to", "2024-02"], {"actor": "GBR", "from": "2024-02", "to": "2024-02"}),
    (["--source", "usa", "--code", "04"], {"source": "usa", "code": "04"}),
    (["--quad-class", "4", "--to", "2024-03-18"], {"quad_class": "4", "to": "2024-03-18"}),
    (["--target", "FRA", "--from", "2023"], {"target": "FRA", "from": "2023"}),
    (["--actor", "RUS", "--limit", "1", "--offset", "1"], {"actor": "RUS", "limit": "1", "offset": "1"}),
    (["--min-confidence", "0.5"], {"min_confidence": "0.5"}),
    (["--actor", "GBR", "--negated", "--min-confidence", "0.05"], {"actor": "GBR", "negated": "true",
                                                                   "min_confidence": "0.05"}),
    (["--source", "RUS", "--min-confidence", "0.8"], {"source": "RUS", "min_confidence": "0.8"}),
    (["--min-confidence", "0"], {"min_confidence": "0"}),
]


def _cli_json(*args: str) -> Any:
    res = CliRunner().invoke(cli_app, list(args))
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def _api_json(client: TestClient, path: str, params: dict[str, str]) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def _same_answers(db: str) -> None:
    client = TestClient(create_app(db))
    for cli, api in CASES:
        for command, path, extra_cli, extra_api in (
            ("events", "/api/events", [], {}),
            ("dyads", "/api/dyads", [], {}),
            ("dyads", "/api/dyads", ["--by", "year"], {"period": "year"}),
            ("dyads", "/api/dyads", ["--by", "all"], {"period": "all"}),
        ):
            got_cli = _cli_json(command, "--db", db, "--format", "json", *cli, *extra_cli)
            got_api = _api_json(client, path, {**api, **extra_api})
            assert got_cli == got_api, (command, cli, extra_cli)


def _keys(answer: dict[str, Any]) -> list[tuple[str, int]]:
    return [(it["article_id"], it["idx"]) for it in answer["items"]]


def test_cli_and_api_agree_on_sqlite(sqlite_db: str) -> None:
    _same_answers(sqlite_db)


@pytest.mark.slow
def test_cli_and_api_agree_on_postgres(pg_db: str, sqlite_db: str) -> None:
    _same_answers(pg_db)
    for cli, _ in CASES:  # and PostgreSQL answers what SQLite answers
        for command in ("events", "dyads"):
            a = _cli_json(command, "--db", sqlite_db, "--format", "json", *cli)
            b = _cli_json(command, "--db", pg_db, "--format", "json", *cli)
            assert a == b, (command, cli)


def test_actor_is_a_prefix_in_any_case_and_negated_events_are_left_out(sqlite_db: str) -> None:
    upper = _cli_json("events", "--db", sqlite_db, "--format", "json", "--actor", "GBR")
    lower = _cli_json("events", "--db", sqlite_db, "--format", "json", "--actor", "gbr")
    assert upper == lower
    assert sorted(_keys(upper)) == [("a1", 0), ("a1", 1), ("a2", 0), ("a3", 2)]  # GBRGOV, GBR; not GBRMIL (negated)
    with_neg = _cli_json("events", "--db", sqlite_db, "--format", "json", "--actor", "GBR", "--negated",
                         "--min-confidence", "0")  # the negated event's confidence is 0.1, below the default
    assert ("a1", 2) in _keys(with_neg) and with_neg["total"] == 5


def test_an_event_without_a_date_takes_its_articles(sqlite_db: str) -> None:
    feb = _cli_json("events", "--db", sqlite_db, "--format", "json", "--from", "2024-02", "--to", "2024-02")
    assert sorted(_keys(feb)) == [("a1", 0), ("a1", 1)]  # a1/1 has no date: its article's 2024-02-10
    newest_first = _keys(_cli_json("events", "--db", sqlite_db, "--format", "json"))
    assert newest_first[0] == ("a3", 0)  # 2024-03-19
    assert newest_first[-2:] == [("a3", 2), ("a2", 1)]  # "2024" after every 2024-MM-DD, then "2023-12"


def test_dyads_need_both_actors_and_group_by_period(sqlite_db: str) -> None:
    months = _cli_json("dyads", "--db", sqlite_db, "--format", "json")
    assert months["items"][0] == {"source": "RUS", "target": "UKR", "period": "2024-03", "count": 2,
                                  "goldstein_mean": -10.0, "month": "2024-03"}
    assert all(it["source"] and it["target"] for it in months["items"])
    assert {it["period"] for it in months["items"]} == {"2024-03", "2024-02", "2023-12", "2024"}
    years = _cli_json("dyads", "--db", sqlite_db, "--format", "json", "--by", "year")
    assert {it["period"] for it in years["items"]} == {"2024", "2023"} and "month" not in years["items"][0]
    # GBR->USA of 2024-02-10 and of "2024" are one; FRA->(none) and the negated GBRMIL->RUS are no dyads
    assert years["total"] == 5


def test_bad_dates_and_periods_are_refused(sqlite_db: str) -> None:
    bad = CliRunner().invoke(cli_app, ["events", "--db", sqlite_db, "--from", "March"])
    assert bad.exit_code == 2
    bad = CliRunner().invoke(cli_app, ["dyads", "--db", sqlite_db, "--by", "week"])
    assert bad.exit_code == 2


def test_export_tables_come_from_the_read_api(sqlite_db: str, tmp_path: Path) -> None:
    import io

    from newsgraph.export import export_csv

    out = io.StringIO()
    with open_store(sqlite_db, read_only=True) as store:
        n = export_csv(store, out, table="events")
    assert n == 9 and out.getvalue().splitlines()[0].startswith("article_id,idx,code,")


def test_min_confidence_leaves_out_the_less_confident_events(sqlite_db: str) -> None:
    def keys(*opts: str) -> list[tuple[str, int]]:
        return sorted(_keys(_cli_json("events", "--db", sqlite_db, "--format", "json", *opts)))

    everything = keys()
    assert len(everything) == 8  # the 9 events but the negated one
    assert keys("--min-confidence", "0.5") == [("a1", 0), ("a2", 0), ("a2", 2), ("a3", 0), ("a3", 1)]
    assert keys("--min-confidence", "0.85") == [("a1", 0)]
    # an event exactly at the threshold is kept
    assert ("a2", 0) in keys("--min-confidence", "0.6") and ("a2", 0) not in keys("--min-confidence", "0.61")
    dyads = _cli_json("dyads", "--db", sqlite_db, "--format", "json", "--min-confidence", "0.7", "--by", "all")
    assert [(d["source"], d["target"], d["count"]) for d in dyads["items"]] == [("GBRGOV", "FRA", 1), ("RUS", "UKR", 1)]


def test_the_setting_is_the_default_threshold_on_the_cli_and_the_api(sqlite_db: str, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.config import load_settings

    monkeypatch.delenv("NEWSGRAPH_MIN_CONFIDENCE_EVENTS")  # the setting comes from the file below
    config = tmp_path / "strict.toml"
    config.write_text("min_confidence_events = 0.5\nmin_confidence_quotes = 0.5\n", encoding="utf-8")
    client = TestClient(create_app(sqlite_db, load_settings(config)))
    by_setting = _cli_json("events", "--db", sqlite_db, "--format", "json", "--config", str(config))
    assert by_setting == _api_json(client, "/api/events", {})
    assert by_setting == _cli_json("events", "--db", sqlite_db, "--format", "json", "--min-confidence", "0.5")
    # a threshold given wins over the setting, 0 shows everything again
    assert _cli_json("events", "--db", sqlite_db, "--format", "json", "--config", str(config), "--min-confidence",
                     "0")["total"] == 8 == _api_json(client, "/api/events", {"min_confidence": "0"})["total"]
    monkeypatch.setenv("NEWSGRAPH_MIN_CONFIDENCE_EVENTS", "0.85")
    assert _keys(_cli_json("events", "--db", sqlite_db, "--format", "json")) == [("a1", 0)]
    assert _keys(TestClient(create_app(sqlite_db)).get("/api/events").json()) == [("a1", 0)]
    # the pages use the same filter
    page = client.get("/network", params={"es": "GBR", "et": "USA"})
    assert page.status_code == 200
    assert client.get("/api/events", params={"min_confidence": "1.5"}).status_code == 422


def test_quotes_and_exports_follow_the_threshold(tmp_path: Path) -> None:
    from newsgraph.config import load_settings

    text = "Invented quotes\n\nAda said yes. Bo said no. Cy said maybe."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("yes", "no.", "maybe")]
    quotes = tuple(Quote(Span.of(text, s, e), "indirect", EntityRef(None, None, name), None, None, confidence=c)
                   for (s, e), name, c in zip(spans, ("Ada", "Bo", "Cy"), (0.9, 0.4, 0.6), strict=True))
    art = Article(id="q1", text=text, title="Invented quotes", published=Published("2024-01-05", "day", "input"))
    db = str(tmp_path / "q.db")
    with open_store(db) as store:
        store.write(Analysis(article=art, quotes=quotes))
        for aid, pub, rows in ARTICLES:
            store.write(_analysis(aid, pub, rows))
    client = TestClient(create_app(db, load_settings(min_confidence_quotes=0.0, min_confidence_events=0.0)))
    strict = TestClient(create_app(db, load_settings(min_confidence_quotes=0.7)))

    def speakers(params: dict[str, str]) -> list[str]:
        return [q["speaker_name"] for q in _api_json(client, "/api/quotes", params)["items"]]

    assert sorted(speakers({})) == ["Ada", "Bo", "Cy"]
    # the search answers quotes by the same threshold, on the REST API and the CLI
    assert [q["speaker_name"] for q in _api_json(client, "/api/search", {"q": "maybe"})["quotes"]] == ["Cy"]
    assert _api_json(client, "/api/search", {"q": "maybe", "min_confidence": "0.7"})["quotes"] == []
    assert _api_json(strict, "/api/search", {"q": "maybe"})["quotes"] == []
    found = CliRunner().invoke(cli_app, ["search", "maybe", "--db", db, "--min-confidence", "0"])
    assert found.exit_code == 0 and "quote q1  Cy: maybe" in found.stdout
    found = CliRunner().invoke(cli_app, ["search", "maybe", "--db", db, "--min-confidence", "0.7"])
    assert found.exit_code == 0 and "quote q1" not in found.stdout
    assert sorted(speakers({"min_confidence": "0.5"})) == ["Ada", "Cy"]
    assert [q["speaker_name"] for q in strict.get("/api/quotes").json()["items"]] == ["Ada"]
    assert "Bo" not in strict.get("/quotes").text and "Cy" in client.get("/quotes").text

    def exported(*opts: str) -> list[str]:
        res = CliRunner().invoke(cli_app, ["export", "--db", db, *opts])
        assert res.exit_code == 0, res.output
        return res.stdout.splitlines()

    assert len(exported("--format", "csv", "--table", "quotes")) == 2  # the default setting (0.85): Ada only
    assert len(exported("--format", "csv", "--table", "quotes", "--min-confidence", "0")) == 4
    assert len(exported("--format", "csv", "--table", "quotes", "--min-confidence", "0.5")) == 3
    assert len(exported("--format", "csv", "--table", "events", "--min-confidence", "0.5")) == 1 + 5
    assert len(exported("--format", "gdelt-mentions", "--min-confidence", "0")) == 8
    assert len(exported("--format", "gdelt-mentions", "--min-confidence", "0.7")) == 2
