"""Browser tests: Playwright driving Debian's headless Chromium against a real server process.

Search, open an article, see its highlights and events panel, filter the timeline, click an
edge of the actor network.  Screenshots are taken on every run (so taking them is tested) and
written to $NEWSGRAPH_SCREENSHOTS when set (e.g. docs/screenshots to refresh the docs), else to a
temporary folder, so a test run never rewrites tracked files.  A hostile article (script
tags, onerror, javascript: links, quote-breaking strings) must run no script: the tests
listen for dialogs, console errors and page errors on every page.

Skipped only when /usr/bin/chromium is absent (``apt-get install chromium``).
"""

from __future__ import annotations

import importlib.util
import os
import re
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(os.environ.get("NEWSGRAPH_SCREENSHOTS") or tempfile.mkdtemp(prefix="newsgraph-shots-"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed (apt-get install -y chromium)"
    ),
]


def _helpers() -> ModuleType:
    """The database and server helpers of test_api.py (loaded by path: no package needed)."""
    spec = importlib.util.spec_from_file_location(
        "newsgraph_api_test_helpers", Path(__file__).with_name("test_api.py")
    )
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


H = _helpers()


_BACKEND = {"name": "sqlite"}  # the screenshots come from the SQLite run


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The web app over the SQLite file, then over the same data in PostgreSQL."""
    folder = tmp_path_factory.mktemp("web")
    db: Any = folder / "news.db"
    if request.param == "postgres":
        db = request.getfixturevalue("pg_server").new_database()
        H.build_db(folder / "news.db", url=db)
    else:
        H.build_db(db)
    _BACKEND["name"] = request.param
    srv = H.Server(db, folder / f"server-{request.param}.log")
    yield srv
    srv.stop()


class Watch:
    """Collects what must never happen on a page: dialogs, console errors, page errors."""

    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def attach(self, page: Any) -> None:
        def on_dialog(d: Any) -> None:
            self.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", on_dialog)

        def on_console(m: Any) -> None:
            # a 404 page (asked for on purpose) is not a script error; CSP refusals and JS errors are
            if m.type == "error" and "status of 404" not in m.text:
                self.errors.append(m.text)

        page.on("console", on_console)
        page.on("pageerror", lambda e: self.errors.append(str(e)))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=True)
    pg = ctx.new_page()
    watch = Watch()
    watch.attach(pg)
    yield pg, watch
    ctx.close()
    assert watch.dialogs == [], f"a script ran: {watch.dialogs}"
    assert watch.errors == [], f"console errors: {watch.errors}"


def _shot(pg: Any, name: str) -> None:
    if _BACKEND["name"] != "sqlite":
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.evaluate("() => window.scrollTo(0, 0)")
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _quote(s: str) -> str:
    return urllib.parse.quote(s, safe="")


def test_search_then_open_an_article_with_highlights_and_events(server: Any, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(server.base + "/")
    pg.fill("#q", "fragile")
    pg.press("#q", "Enter")
    pg.wait_for_url(re.compile(r"q=fragile"))
    results = pg.locator("#results li.article a.title")
    assert results.count() == 1
    assert "Officials Trade Visits" in results.first.inner_text()
    assert pg.locator("#quote-results blockquote").count() >= 1
    assert pg.locator("#facet-outlet li").count() >= 1
    _shot(pg, "search")

    results.first.click()
    pg.wait_for_url(re.compile(r"/articles/fixture-dyads$"))
    text = pg.locator("#text")
    for cls in ("ent", "quote", "speaker", "timex", "amount", "place", "trigger"):
        assert text.locator(f"span.{cls}").count() >= 1, cls
    assert "GPE: China [CHNGOV]" in (
        text.locator("span.ent").filter(has_text="Beijing").first.get_attribute("title") or ""
    )
    assert "2024-02-05" in (text.locator("span.timex").first.get_attribute("title") or "")
    events = pg.locator("#events-panel li.event")
    assert events.count() == 3
    assert (
        "USAGOV (United States) → 042 Make a visit → CHNGOV (China), 2024-02-05" in events.first.inner_text()
    )
    # hovering an event lights up its evidence sentence in the text and shows it in the panel
    events.first.hover()
    pg.wait_for_selector("#text .lit")
    lit = " ".join(pg.locator("#text .lit").all_inner_texts())
    assert "visited" in lit
    assert events.first.locator(".evidence").is_visible()
    assert "Envoys meet in Beijing." in pg.locator("#apart").inner_text()
    assert pg.locator("#article-source a").get_attribute("href") == "https://news.example.org/2024/02/visits"
    _shot(pg, "article")
    # the legend hides a kind of highlight
    pg.locator("#legend input[data-kind=ent]").uncheck()
    assert "hide-ent" in (text.get_attribute("class") or "")


def test_sample_article_page_renders(server: Any, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(server.base + "/?q=ceasefire")
    link = pg.locator("#results li.article a.title").first
    link.click()
    pg.wait_for_selector("#text")
    assert pg.locator("#text span.ent").count() >= 3
    assert pg.locator("#events-panel").is_visible()


def test_timeline_filters(server: Any, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(server.base + "/timeline?from=2024-01")
    assert pg.locator("#timeline-chart rect.bar").count() >= 1
    _shot(pg, "timeline")
    pg.fill("input[name=source]", "USAGOV")
    pg.fill("input[name=target]", "CHNGOV")
    pg.select_option("#root", "04")
    pg.click("#apply")
    pg.wait_for_url(re.compile(r"root=04"))
    table = pg.locator("#timeline-table")
    assert "2024-02" in table.inner_text()
    assert "2024-03" not in table.inner_text()  # the 2024-03 event of this dyad is root 03
    pg.select_option("#root", "")
    pg.select_option("#quad_class", "3")
    pg.click("#apply")
    pg.wait_for_url(re.compile(r"quad_class=3"))
    assert "2024-02" in pg.locator("#timeline-table").inner_text()
    pg.fill("input[name=source]", "NOSUCHACTOR")
    pg.click("#apply")
    pg.wait_for_url(re.compile(r"source=NOSUCHACTOR"))
    assert pg.locator("#timeline-empty").is_visible()


def test_network_edge_click_lists_its_events(server: Any, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(server.base + "/network?from=2024-01")
    edge = pg.locator('#network-chart a.edge[data-source="USAGOV"][data-target="CHNGOV"] path.hit')
    assert edge.count() == 1
    # a real mouse click on the middle of the curve
    x, y = edge.evaluate(
        "el => { const p = el.getPointAtLength(el.getTotalLength() / 2); const m = el.getScreenCTM();"
        " return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f]; }"
    )
    pg.mouse.click(x, y)
    pg.wait_for_url(re.compile(r"es=USAGOV&et=CHNGOV"))
    panel = pg.locator("#edge-events")
    assert "USAGOV → CHNGOV" in panel.locator("h2").inner_text()
    items = panel.locator("li.event")
    assert items.count() >= 2
    assert "The American envoy visited Beijing" in panel.inner_text()
    _shot(pg, "network")


def test_quotes_grouped_by_speaker(server: Any, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(server.base + "/quotes")
    assert pg.locator("#speakers section.speaker-group").count() >= 1
    assert "the thaw is fragile" in pg.locator("#speakers").inner_text()
    _shot(pg, "quotes")


HOSTILE_PAGES = [
    "/articles/" + _quote(H.XSS_ID),
    "/articles/" + _quote(H.HOSTILE_FIXTURE_ID),
    "/?outlet=" + _quote("<script>alert('outlet')</script>"),
    "/?q=" + _quote("script alert"),
    "/?q=" + _quote("<script>alert(1)</script>") + "&outlet=" + _quote('"><img src=x onerror=alert(1)>'),
    "/?actor=" + _quote(H.HOSTILE_ACTOR),
    "/network",
    "/network?es=" + _quote(H.HOSTILE_ACTOR) + "&et=" + _quote("<img src=x onerror=alert('target')>"),
    "/timeline?actor=" + _quote('"><script>alert(1)</script>'),
    "/quotes",
    "/quotes?speaker=" + _quote("</blockquote><script>alert(1)</script>"),
    "/articles/" + _quote("<script>alert(1)</script>"),
]


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_hostile_text_never_runs_a_script(server: Any, page: tuple[Any, Watch], path: str) -> None:
    pg, _ = page
    pg.goto(server.base + path)
    pg.wait_for_load_state("load")
    for el in pg.locator("a.title, a.edge, section.speaker-group, li.event").all()[:5]:
        el.hover(force=True, timeout=3000)
    scripts = pg.evaluate("() => Array.from(document.scripts).map(s => s.src)")
    assert scripts == [server.base + "/static/app.js"]
    assert (
        pg.evaluate(
            "() => document.querySelectorAll('[onerror], [onload], [onclick], iframe, object').length"
        )
        == 0
    )
    hrefs = pg.evaluate(
        "() => Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href') || '')"
    )
    assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:", "vbscript:"))]


def test_hostile_article_shows_its_markup_as_text(server: Any, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(server.base + "/articles/" + _quote(H.XSS_ID))
    assert "<script>alert('title')</script>" in pg.locator("#article-title").inner_text()
    body = pg.locator("#text").inner_text()
    assert "<img src=x onerror=alert('img')>" in body
    assert "{{ 7*7 }}" in body and "49" not in body
    # a javascript: address is shown as text, never as a link
    assert pg.locator("#article-source a").count() == 0
    assert "javascript:" not in (pg.locator("#article-source").inner_html().split("href=")[1:] or [""])[0]
    pg.goto(server.base + "/articles/" + _quote(H.HOSTILE_FIXTURE_ID))
    assert "javascript:alert('url')" in pg.locator("#article-source").inner_text()
    assert pg.locator("#article-source a").count() == 0
    assert "<img src=x onerror=alert('ent')>" in pg.locator("#entities-panel").inner_text()
    assert "</text><script>alert('event')</script>" in pg.locator("#events-panel").inner_text()
    related = pg.locator("#apart").inner_text()
    assert "javascript:alert('related')" in related
    assert pg.locator("#apart a").count() == 1
