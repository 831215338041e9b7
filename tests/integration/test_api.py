"""REST API tests against a real server process (uvicorn on a free loopback port).

The database is built by the real pipeline from the bundled samples plus a hostile article
(script tags, onerror, javascript: links, quote-breaking strings), and one hand-built
Analysis with known events, quotes, dates, amounts and places, so every view has data
whatever stages are registered.  ``test_web.py`` reuses the helpers below.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.config import Settings, load_settings
from newsgraph.model import (
    Amount,
    Analysis,
    Article,
    Byline,
    Entity,
    EntityRef,
    Event,
    EventDate,
    Mention,
    Place,
    Published,
    Quote,
    Span,
    Timex,
)

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
XSS_ID = "x\"'><svg onload=alert('id')>"
FIXTURE_ID = "fixture-dyads"
HOSTILE_ACTOR = "X\"><script>alert('actor')</script>"
ROW_CAP = 5

HOSTILE_RECORD: dict[str, Any] = {
    "id": XSS_ID,
    "title": "<script>alert('title')</script> Breaking: \"quotes' </title> and {{ 7*7 }}",
    "date": "2024-05-02",
    "url": "javascript:alert('url')",
    "text": (
        'President Joe Biden said on Monday in Washington that "the talks will go on". '
        "<img src=x onerror=alert('img')> appeared in the text, and so did "
        "<script>alert('script')</script> and [click me](javascript:alert('link')) and "
        "<a href=\"javascript:alert('a')\">a link</a>.\n\n"
        "Senator Jane Smith told reporters \"'><script>alert('quote')</script>\" before leaving for London. "
        "Template braces {{ 7*7 }} and {% raw %} must stay text."
    ),
}

FIXTURE_TEXT = (
    "Officials Trade Visits and Barbs\n\n"
    "The American envoy visited Beijing on Monday, February 5, 2024, and met Chinese officials. "
    "A day later Washington criticized Beijing over export rules. "
    "In March, Beijing said it intends to negotiate with Washington. "
    'Analysts said "the thaw is fragile", citing $120 billion in trade.'
)
HOSTILE_FIXTURE_ID = "fixture-hostile"
HOSTILE_FIXTURE_TEXT = (
    'Markup </title> in "codes"\n\n'
    "<b>Markup</b> stays text, and Zed said '<script>alert(1)</script>' on January 15, 2023."
)


def _span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def _sentence(text: str, needle: str) -> Span:
    s = _span(text, needle)
    a = text.rfind(". ", 0, s.start)
    a = a + 2 if a >= 0 else text.index("\n\n") + 2
    b = text.find(". ", s.end)
    b = b + 1 if b >= 0 else len(text)
    return Span(a, b, text[a:b])


def fixture_analysis() -> Analysis:
    """A hand-built Analysis with known entities, events, quotes, dates, amounts and places."""
    t = FIXTURE_TEXT
    art = Article(
        id=FIXTURE_ID,
        text=t,
        title="Officials Trade Visits and Barbs",
        url="https://news.example.org/2024/02/visits",
        outlet="Example News",
        bylines=(Byline("Staff", "agency"),),
        published=Published("2024-02-05", "day", "input"),
        language="en",
        captions=("Envoys meet in Beijing. Credit: Example News",),
        related=("https://news.example.org/related",),
    )
    usa = Entity(
        "e1",
        "GPE",
        "United States",
        tuple(
            Mention(s.start, s.end, s.text, "GPE")
            for s in (_span(t, "Washington"), _span(t, "Washington", 1))
        ),
        actor="USAGOV",
        country="USA",
    )
    chn = Entity(
        "e2",
        "GPE",
        "China",
        tuple(
            Mention(s.start, s.end, s.text, "GPE")
            for s in (_span(t, "Beijing"), _span(t, "Beijing", 1), _span(t, "Beijing", 2))
        ),
        actor="CHNGOV",
        country="CHN",
    )
    us_ref, cn_ref = EntityRef("e1", "USAGOV", "United States"), EntityRef("e2", "CHNGOV", "China")
    events = (
        Event(
            "042",
            "04",
            1,
            1.9,
            us_ref,
            cn_ref,
            EventDate("2024-02-05", "day", "text"),
            None,
            _sentence(t, "visited"),
            _span(t, "visited"),
            name="Make a visit",
            confidence=0.8,
        ),
        Event(
            "111",
            "11",
            3,
            -2.0,
            us_ref,
            cn_ref,
            EventDate("2024-02-06", "day", "text"),
            None,
            _sentence(t, "criticized"),
            _span(t, "criticized"),
            name="Criticize or denounce",
            confidence=0.8,  # above the shipped threshold: these tests are about the filters, not it
        ),
        Event(
            "036",
            "03",
            1,
            4.0,
            cn_ref,
            us_ref,
            EventDate("2024-03", "month", "text"),
            None,
            _sentence(t, "intends"),
            _span(t, "intends"),
            name="Express intent to meet or negotiate",
            modality="intended",
            confidence=0.8,
        ),
    )
    analysts = _span(t, "Analysts")
    quotes = (
        Quote(
            _span(t, '"the thaw is fragile"'),
            "direct",
            EntityRef(None, None, "Analysts", analysts.start, analysts.end),
            _span(t, "said", 1),
            None,
            0.9,
        ),
    )
    timexes = (
        Timex(_span(t, "Monday, February 5, 2024"), "DATE", "2024-02-05"),
        Timex(_span(t, "In March"), "DATE", "2024-03"),
    )
    amounts = (Amount(_span(t, "$120 billion"), 120e9, "USD", "money"),)
    places = (Place(_span(t, "Beijing"), "Beijing", "CHN", 39.9, 116.4, 1816670, "city", "e2"),)
    return Analysis(
        article=art,
        entities=(usa, chn),
        events=events,
        quotes=quotes,
        timexes=timexes,
        amounts=amounts,
        places=places,
        stages=("fixture",),
    )


def hostile_fixture_analysis() -> Analysis:
    """Markup and quote-breaking strings in every field the pages show: names, codes, speakers."""
    t = HOSTILE_FIXTURE_TEXT
    markup, zed = _span(t, "Markup", 1), _span(t, "Zed")
    art = Article(
        id=HOSTILE_FIXTURE_ID,
        text=t,
        title='Markup </title> in "codes"',
        url="javascript:alert('url')",
        outlet="<script>alert('outlet')</script>",
        bylines=(Byline("<b>x</b>", "person"),),
        published=Published("2023-01-15", "day", "input"),
        captions=("A caption <i>with</i> markup",),
        related=("javascript:alert('related')", "https://news.example.org/related"),
    )
    bad = Entity(
        "e1",
        "ORG",
        "<img src=x onerror=alert('ent')>",
        (Mention(markup.start, markup.end, markup.text, "ORG"),),
        actor=HOSTILE_ACTOR,
    )
    events = (
        Event(
            "190",
            "19",
            4,
            -10.0,
            EntityRef("e1", HOSTILE_ACTOR, "<b>bad</b>"),
            EntityRef(None, "<img src=x onerror=alert('target')>", None),
            EventDate("2023-01-15", "day"),
            None,
            _sentence(t, "Markup"),
            _span(t, "Markup", 1),
            name="</text><script>alert('event')</script>",
        ),
    )
    quotes = (
        Quote(
            _span(t, "'<script>alert(1)</script>'"),
            "direct",
            EntityRef(
                None, "\"'><b>", "Zed</blockquote><script>alert('speaker')</script>", zed.start, zed.end
            ),
            None,
            None,
        ),
    )
    return Analysis(article=art, entities=(bad,), events=events, quotes=quotes, stages=("fixture",))


def pipeline_settings() -> Settings:
    """The default settings, limited to the stages registered right now."""
    from newsgraph.registry import registered

    settings = load_settings()
    names = tuple(n for n in settings.stages if n in registered())
    return settings.with_overrides(stages=names)


def build_db(path: Path, url: str | None = None) -> Path:
    """Samples + the hostile record through the real pipeline, then the hand-built fixture
    (into the SQLite file ``path``, or the PostgreSQL database ``url``)."""
    from newsgraph.api import read
    from newsgraph.model import Rejected
    from newsgraph.runner import process_all
    from newsgraph.store import open_store

    settings = pipeline_settings()
    path.parent.mkdir(parents=True, exist_ok=True)
    hostile = path.parent / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    with open_store(url or path) as store:
        n = 0
        for res in process_all(read(str(SAMPLES), str(hostile), settings=settings), settings):
            assert res is not None and not isinstance(res, Rejected), res
            store.write(res)
            n += 1
        assert n == len(list(SAMPLES.iterdir())) + 1
        store.write(fixture_analysis())
        store.write(hostile_fixture_analysis())
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``newsgraph serve`` in a subprocess; ``get``/``post`` speak raw HTTP (no URL clean-up)."""

    def __init__(self, db: Path | str, log: Path, **env: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        e = dict(os.environ)
        e["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + e.get("PYTHONPATH", "")
        e.update(env)
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "newsgraph", "serve", "--db", str(db), "--port", str(self.port)],
            cwd=str(ROOT),
            env=e,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if self.get("/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("server did not start: " + log.read_text())
            time.sleep(0.2)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
        finally:
            conn.close()

    def get(self, path: str, **params: Any) -> tuple[int, dict[str, str], bytes]:
        if params:
            path += "?" + urllib.parse.urlencode(params)
        return self.request("GET", path)

    def json(self, path: str, **params: Any) -> Any:
        status, _, body = self.get(path, **params)
        assert status == 200, (path, params, status, body[:500])
        return json.loads(body)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "news.db")


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Server]:
    """The server over the SQLite file, then over the same data in PostgreSQL: the same tests."""
    db: Path | str = db_path
    if request.param == "postgres":
        db = request.getfixturevalue("pg_server").new_database()
        build_db(db_path.parent / "pg-inputs" / "unused.db", url=str(db))
    srv = Server(db, db_path.parent / f"server-{request.param}.log", NEWSGRAPH_MAX_RETURNED_ROWS=str(ROW_CAP))
    yield srv
    srv.stop()


def _error(body: bytes) -> dict[str, Any]:
    d = json.loads(body)
    assert (
        set(d) == {"error"} and isinstance(d["error"]["code"], str) and isinstance(d["error"]["message"], str)
    )
    assert "Traceback" not in body.decode()
    return d["error"]  # type: ignore[no-any-return]


# ------------------------------------------------------------------------------------------ endpoints


def test_healthz_counts_articles(server: Server) -> None:
    d = server.json("/healthz")
    assert d["status"] == "ok"
    assert d["articles"] == len(list(SAMPLES.iterdir())) + 3


def test_server_binds_loopback_only(server: Server) -> None:
    out = (
        subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=False).stdout
        if shutil.which("ss")
        else ""
    )
    lines = [ln for ln in out.splitlines() if f":{server.port} " in ln + " "]
    if lines:
        assert all("127.0.0.1:" in ln for ln in lines), lines


def test_articles_list_has_items_and_total(server: Server) -> None:
    d = server.json("/api/articles", limit=2)
    assert d["total"] == len(list(SAMPLES.iterdir())) + 3
    assert len(d["items"]) == 2
    assert {"id", "title", "url", "outlet", "published"} <= set(d["items"][0])
    page2 = server.json("/api/articles", limit=2, offset=2)
    assert not {i["id"] for i in d["items"]} & {i["id"] for i in page2["items"]}


def test_articles_filters(server: Server) -> None:
    d = server.json("/api/articles", outlet="Example News")
    assert [i["id"] for i in d["items"]] == [FIXTURE_ID]
    d = server.json("/api/articles", **{"from": "2024-02", "to": "2024-02-29"})
    assert FIXTURE_ID in {i["id"] for i in d["items"]}
    assert all("2024-02" <= i["published"] <= "2024-02-29~" for i in d["items"])
    d = server.json("/api/articles", entity="CHNGOV")
    assert FIXTURE_ID in {i["id"] for i in d["items"]}
    d = server.json("/api/articles", entity="China")
    assert FIXTURE_ID in {i["id"] for i in d["items"]}
    d = server.json("/api/articles", q="fragile thaw")
    assert d["total"] == 1 and d["items"][0]["id"] == FIXTURE_ID
    assert "fragile" in d["items"][0]["snippet"]


def test_article_is_the_stored_analysis(server: Server, db_path: Path) -> None:
    from newsgraph.store import open_store

    d = server.json("/api/articles/" + urllib.parse.quote(FIXTURE_ID, safe=""))
    with open_store(db_path, read_only=True) as store:
        stored = json.loads(store.query("SELECT analysis FROM articles WHERE id = ?", (FIXTURE_ID,))[0][0])
    assert d == stored
    assert d == fixture_analysis().to_dict()
    for key in ("article", "entities", "events", "quotes", "timexes", "amounts", "places", "themes", "tone"):
        assert key in d
    # an id full of markup round-trips through the URL
    d = server.json("/api/articles/" + urllib.parse.quote(XSS_ID, safe=""))
    assert d["article"]["id"] == XSS_ID


def test_unknown_article_is_a_json_404(server: Server) -> None:
    status, headers, body = server.get("/api/articles/does-not-exist")
    assert status == 404 and headers["content-type"].startswith("application/json")
    assert _error(body)["code"] == "not_found"


def test_entities_counts_and_filters(server: Server) -> None:
    d = server.json("/api/entities", type="GPE", actor="CHN")
    assert d["items"] and all(i["type"] == "GPE" and i["actor"].startswith("CHN") for i in d["items"])
    china = [i for i in d["items"] if i["name"] == "China" and i["actor"] == "CHNGOV"]
    assert china and china[0]["articles"] >= 1 and china[0]["mentions"] >= 3


def test_row_cap_limits_every_list(server: Server) -> None:
    for path in ("/api/entities", "/api/articles", "/api/events", "/api/quotes", "/api/dyads"):
        d = server.json(path, limit=100000)
        assert len(d["items"]) <= ROW_CAP, path
        assert d["limit"] == ROW_CAP
    assert server.json("/api/entities")["total"] > ROW_CAP


def test_events_filters(server: Server) -> None:
    d = server.json("/api/events", source="USAGOV", target="CHNGOV")
    codes = sorted(i["code"] for i in d["items"] if i["article_id"] == FIXTURE_ID)
    assert codes == ["042", "111"]
    ev = next(i for i in d["items"] if i["code"] == "042")
    assert ev["sentence"]["text"].startswith("The American envoy visited Beijing")
    assert ev["trigger"]["text"] == "visited" and ev["date"]["value"] == "2024-02-05"
    assert ev["source"]["actor"] == "USAGOV" and ev["quad_class"] == 1
    d = server.json("/api/events", article=FIXTURE_ID, root="03")
    assert [i["code"] for i in d["items"]] == ["036"]
    d = server.json("/api/events", article=FIXTURE_ID, quad_class=3)
    assert [i["code"] for i in d["items"]] == ["111"]
    d = server.json("/api/events", article=FIXTURE_ID, code="04")
    assert [i["code"] for i in d["items"]] == ["042"]
    d = server.json("/api/events", article=FIXTURE_ID, actor="CHNGOV", **{"from": "2024-03", "to": "2024-03"})
    assert [i["code"] for i in d["items"]] == ["036"]


def test_dyads_by_month(server: Server) -> None:
    d = server.json("/api/dyads", source="USAGOV", target="CHNGOV")
    feb = [
        i
        for i in d["items"]
        if i["source"] == "USAGOV" and i["target"] == "CHNGOV" and i["month"] == "2024-02"
    ]
    assert feb and feb[0]["count"] >= 2
    assert feb[0]["goldstein_mean"] == pytest.approx((1.9 - 2.0) / 2, abs=0.5)


def test_timeline_and_network(server: Server) -> None:
    d = server.json("/api/timeline", source="USAGOV", target="CHNGOV")
    assert {i["period"] for i in d["items"]} >= {"2024-02"}
    d = server.json("/api/network")
    assert any(e["source"] == "USAGOV" and e["target"] == "CHNGOV" for e in d["edges"])
    assert {"USAGOV", "CHNGOV"} <= {n["id"] for n in d["nodes"]}


def test_quotes_and_search(server: Server) -> None:
    d = server.json("/api/quotes", speaker="analysts")
    assert any(q["text"] == '"the thaw is fragile"' for q in d["items"])
    d = server.json("/api/quotes", q="thaw")
    assert d["total"] >= 1
    d = server.json("/api/search", q="thaw")
    assert [a["id"] for a in d["articles"]] == [FIXTURE_ID]
    assert d["quotes"] and d["quotes"][0]["article_id"] == FIXTURE_ID


def test_openapi_lists_the_endpoints(server: Server) -> None:
    spec = server.json("/openapi.json")
    for p in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/entities",
        "/api/events",
        "/api/quotes",
        "/api/dyads",
        "/api/search",
        "/api/analyze",
        "/healthz",
    ):
        assert p in spec["paths"], p


def test_bad_parameters_are_json_422(server: Server) -> None:
    for path, params in [
        ("/api/articles", {"from": "yesterday"}),
        ("/api/events", {"quad_class": "9"}),
        ("/api/articles", {"limit": "0"}),
        ("/api/articles", {"offset": "-1"}),
        ("/api/events", {"root": "1; DROP"}),
        ("/api/search", {}),
    ]:
        status, headers, body = server.get(path, **params)
        assert status == 422, (path, params, status)
        assert headers["content-type"].startswith("application/json")
        assert _error(body)["code"] == "invalid_parameter"
    status, _, body = server.request("DELETE", "/api/articles")
    assert status == 405 and _error(body)["code"] == "method_not_allowed"


def test_security_headers(server: Server) -> None:
    _, headers, _ = server.get("/api/articles")
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


# ------------------------------------------------------------------------------------------ security

INJECTIONS = [
    "' OR '1'='1",
    '" OR "1"="1',
    "1; DROP TABLE articles; --",
    "') UNION SELECT sql FROM sqlite_master --",
    "%",
    "_",
    "\\",
    "*",
    '"',
    "' OR 1=1 --",
    "NEAR(a b)",
    "x' AND (SELECT count(*) FROM articles) > 0 --",
    "\x00",
    "ü' OR ''='",
]
FILTERS = {
    "/api/articles": ["outlet", "entity", "actor"],
    "/api/entities": ["type", "actor", "name"],
    "/api/events": ["actor", "source", "target", "article"],
    "/api/dyads": ["actor", "source", "target"],
    "/api/timeline": ["actor", "source", "target", "article"],
    "/api/network": ["actor", "source", "target"],
    "/api/quotes": ["speaker", "article"],
}


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_in_filters_gives_nothing_or_4xx(server: Server, payload: str) -> None:
    n_articles = server.json("/healthz")["articles"]
    for path, names in FILTERS.items():
        for name in names:
            status, _, body = server.get(path, **{name: payload})
            assert status < 500, (path, name, payload, body[:300])
            if status != 200:
                _error(body)
                continue
            d = json.loads(body)
            rows = d.get("items", d.get("edges", []))
            assert rows == [], (path, name, payload, rows)
    for path, name in (("/api/articles", "q"), ("/api/quotes", "q"), ("/api/search", "q")):
        status, _, body = server.get(path, **{name: payload})
        assert status < 500, (path, name, payload, body[:300])
        if status == 200:
            d = json.loads(body)
            assert len(d.get("items", d.get("articles", []))) <= n_articles
    for path, name in (("/api/events", "code"), ("/api/events", "root"), ("/api/articles", "from")):
        status, _, body = server.get(path, **{name: payload})
        assert status in (400, 422) or (status == 200 and json.loads(body)["items"] == []), (
            path,
            name,
            payload,
        )
    assert server.json("/healthz")["articles"] == n_articles


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/articles/../../../etc/passwd",
        "/api/articles/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/api/articles/....//....//etc/passwd",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2Fapp.py",
        "/static/%2e%2e/%2e%2e/store/schema.sql",
        "/api/articles/%00",
        "/api/articles/..%5C..%5Cwindows",
    ],
)
def test_path_traversal_fails(server: Server, path: str) -> None:
    status, _, body = server.request("GET", path)
    assert status in (400, 404), (path, status)
    text = body.decode("utf-8", "replace")
    assert "root:" not in text and "import " not in text and "CREATE TABLE" not in text


def test_no_traceback_in_any_error(server: Server) -> None:
    for path in (
        "/api/articles?limit=abc",
        "/api/nothing",
        "/api/events?from=2024-13-99x",
        "/openapi.json/x",
    ):
        status, _, body = server.request("GET", path)
        assert status >= 400
        assert b"Traceback" not in body and b'File "' not in body


# ------------------------------------------------------------------------------------------ analyze


def test_analyze_returns_an_analysis_and_stores_only_when_asked(db_path: Path) -> None:
    copy = db_path.parent / "analyze.db"
    shutil.copy(db_path, copy)
    srv = Server(copy, db_path.parent / "analyze.log", NEWSGRAPH_STAGES=",".join(pipeline_settings().stages))
    try:
        before = srv.json("/healthz")["articles"]
        body = json.dumps(
            {
                "text": "Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Tuesday.",
                "title": "Scholz meets Macron",
                "date": "2024-02-06",
                "id": "posted-1",
            }
        ).encode()
        status, _, out = srv.request(
            "POST", "/api/analyze", body, {"content-type": "application/json"}, timeout=120
        )
        assert status == 200, out[:500]
        d = json.loads(out)
        assert d["article"]["id"] == "posted-1" and d["article"]["text"].startswith("Scholz meets Macron")
        assert any(e["name"].endswith("Macron") for e in d["entities"])
        assert srv.json("/healthz")["articles"] == before
        status, _, out = srv.request(
            "POST", "/api/analyze?store=true", body, {"content-type": "application/json"}, timeout=120
        )
        assert status == 200
        assert srv.json("/healthz")["articles"] == before + 1
        assert srv.json("/api/articles/posted-1")["article"]["title"] == "Scholz meets Macron"
        status, _, out = srv.request(
            "POST", "/api/analyze", b'{"text": ""}', {"content-type": "application/json"}
        )
        assert status == 422 and _error(out)["code"] == "invalid_parameter"
        status, _, out = srv.request(
            "POST", "/api/analyze", b"not json", {"content-type": "application/json"}
        )
        assert status == 422 and _error(out)
        # a path is text, never a file to read
        status, _, out = srv.request(
            "POST",
            "/api/analyze",
            json.dumps({"text": "/etc/passwd"}).encode(),
            {"content-type": "application/json"},
            timeout=120,
        )
        assert b"root:" not in out
    finally:
        srv.stop()


# ------------------------------------------------------------------------------------------ in process


def test_database_is_read_only_for_routes(db_path: Path) -> None:
    import sqlite3

    from newsgraph.server.app import AppState

    st = AppState(str(db_path), load_settings())
    store = st.open_ro()
    try:
        with pytest.raises(sqlite3.OperationalError):
            store.conn.execute("DELETE FROM articles")
    finally:
        store.close()


def test_slow_query_is_stopped_with_a_json_504(db_path: Path) -> None:
    from fastapi import Depends
    from fastapi.testclient import TestClient

    from newsgraph.server import create_app
    from newsgraph.server.app import read_store
    from newsgraph.store import SQLiteStore

    app = create_app(db_path, load_settings().with_overrides(sql_time_limit_ms=50))

    @app.get("/api/slow")
    def slow(store: SQLiteStore = Depends(read_store)) -> dict[str, Any]:
        store.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
        return {}

    client = TestClient(app, raise_server_exceptions=False)
    r = client.get("/api/slow")
    assert r.status_code == 504 and r.json()["error"]["code"] == "E304"
    r = client.get("/api/articles")
    assert r.status_code == 200


# ------------------------------------------------------------------------------------------ fuzz


def test_fuzzing_every_get_endpoint_from_the_openapi_spec_finds_no_5xx(server: Server) -> None:
    """A small OpenAPI-driven fuzz run (in the spirit of schemathesis, with hypothesis)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    spec = server.json("/openapi.json")
    endpoints = []
    for path, ops in spec["paths"].items():
        if "get" in ops:
            params = [p for p in ops["get"].get("parameters", []) if p["in"] in ("query", "path")]
            endpoints.append((path, params))
    assert len(endpoints) >= 10
    samples = ["2024", "2024-02", "2024-02-30", "USAGOV", "04", "-1", "1e9", "%", "..", "*"]
    value = st.one_of(st.text(max_size=30), st.integers(-(10**12), 10**12).map(str), st.sampled_from(samples))

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        path, params = data.draw(st.sampled_from(endpoints))
        query: dict[str, str] = {}
        for p in params:
            if p["in"] == "path":
                part = urllib.parse.quote(data.draw(value) or "x", safe="")
                path = path.replace("{" + p["name"] + "}", part)
            elif data.draw(st.booleans()):
                query[p["name"]] = data.draw(value)
        url = path + ("?" + urllib.parse.urlencode(query) if query else "")
        status, _, body = server.request("GET", url)
        assert status < 500, (url, status, body[:300])
        if status >= 400:
            _error(body)

    check()


def test_an_oversized_body_is_refused_before_it_is_read(server: Server) -> None:
    status, _, body = server.request(
        "POST", "/api/analyze", b"{}", {"content-type": "application/json", "content-length": str(10**10)}
    )
    assert status == 413 and _error(body)["code"] == "too_large"
