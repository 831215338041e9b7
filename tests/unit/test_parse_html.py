"""Tests for newsgraph.parse.html: main text, metadata, dates and robustness on bad input."""

from __future__ import annotations

import pytest

from newsgraph.parse import html as html_mod
from newsgraph.parse import html_body
from newsgraph.parse.html import HtmlExtract, extract_html, is_boilerplate

PARAGRAPHS = [
    "The harbour council of Westmere voted on Tuesday to rebuild the old stone pier, "
    "ending a dispute that had divided the fishing town for nearly a decade.",
    "Council leader Mara Ellison said the vote showed that residents, boat owners and shopkeepers "
    "could still agree on the things that mattered most to the town and its future.",
    "Work on the pier is expected to begin in the spring, and the contractors have promised "
    "to keep one berth open for the ferry throughout the construction period.",
    "Opponents of the plan, who wanted a new marina built further along the coast, "
    "said they would study the decision carefully before deciding whether to appeal it.",
]

ARTICLE_TEMPLATE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <title>Council votes to rebuild pier | The Westmere Gazette</title>
  <meta property="og:title" content="Council votes to rebuild pier">
  <meta property="og:site_name" content="The Westmere Gazette">
  <meta property="og:url" content="https://gazette.example/news/pier-vote">
  <meta name="description" content="The harbour council backs the stone pier.">
  <meta name="author" content="Jo Tanner">
  <link rel="canonical" href="https://gazette.example/news/2023/05/16/pier-vote">
  <script type="application/ld+json">
  {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Council votes to rebuild pier",
   "datePublished": "2023-05-16T09:30:00+01:00", "author": {"@type": "Person", "name": "Jo Tanner"}}
  </script>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>Council votes to rebuild pier</h1>
    <figure><img src="pier.jpg"><figcaption>The old pier at low tide. Photo: Sam Reed</figcaption></figure>
    <p>P0</p>
    <p>P1</p>
    <p>Share on Facebook</p>
    <p>P2</p>
    <p>P3</p>
    <p>Sign up for our daily newsletter</p>
  </article>
  <footer><p>Copyright 2023 The Westmere Gazette. All rights reserved.</p></footer>
</body>
</html>
"""
ARTICLE = ARTICLE_TEMPLATE
for _i, _p in enumerate(PARAGRAPHS):
    ARTICLE = ARTICLE.replace(f"<p>P{_i}</p>", f"<p>{_p}</p>")


def test_extract_html_finds_title_body_and_metadata() -> None:
    ex = extract_html(ARTICLE)
    assert isinstance(ex, HtmlExtract)
    assert ex.title == "Council votes to rebuild pier"
    paragraphs = ex.body.split("\n\n")
    assert paragraphs[0].startswith("The harbour council of Westmere voted")
    assert all(p in ex.body for p in PARAGRAPHS)
    assert ex.url == "https://gazette.example/news/2023/05/16/pier-vote"
    assert ex.site_name == "The Westmere Gazette"
    assert ex.language == "en"
    assert ex.description == "The harbour council backs the stone pier."
    assert "Jo Tanner" in ex.bylines


def test_extract_html_keeps_captions_and_boilerplate_out_of_the_body() -> None:
    ex = extract_html(ARTICLE)
    assert any("old pier at low tide" in c for c in ex.captions)
    assert "low tide" not in ex.body
    assert "Share on Facebook" not in ex.body
    assert "newsletter" not in ex.body
    assert "Home" not in ex.body


def test_extract_html_reads_the_publication_date_from_json_ld() -> None:
    ex = extract_html(ARTICLE)
    assert ex.published is not None and ex.published.startswith("2023-05-16")
    assert ex.published_source == "jsonld"
    assert ex.published_precision == "time"


def test_extract_html_reads_meta_and_time_dates() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2021-11-03">'
        f"</head><body><p>{PARAGRAPHS[0]}</p></body></html>"
    )
    ex = extract_html(page)
    assert ex.published == "2021-11-03"
    assert ex.published_source == "meta"
    assert ex.published_precision == "day"


def test_extract_html_takes_the_date_from_the_url_when_nothing_else_has_it() -> None:
    page = f"<html><body><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></body></html>"
    ex = extract_html(page, url="https://news.example/2019/07/04/fireworks")
    assert ex.published == "2019-07-04"


def test_extract_html_refuses_future_dates() -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2999-01-05T10:00:00Z">'
        f"</head><body><p>{PARAGRAPHS[0]}</p></body></html>"
    )
    ex = extract_html(page)
    assert ex.published is None or not ex.published.startswith("2999")


def test_extract_html_falls_back_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_body, "_trafilatura", lambda tree, **kw: "")
    ex = extract_html(ARTICLE)
    assert PARAGRAPHS[0] in ex.body
    assert PARAGRAPHS[3] in ex.body


def test_extract_html_gives_text_for_a_page_of_bare_divs() -> None:
    page = "<html><body>" + "".join(f"<div>{p}</div>" for p in PARAGRAPHS) + "</body></html>"
    ex = extract_html(page)
    assert "stone pier" in ex.body


def test_extract_html_survives_broken_html() -> None:
    broken = "<html><body><p>Unclosed <b>bold <i>and <div></p></span>\x00\x07 stray &bogus; <p" + "<" * 50
    ex = extract_html(broken)
    assert isinstance(ex.body, str)
    assert extract_html("").body == ""
    assert extract_html("   ").body == ""
    assert isinstance(
        extract_html('<?xml version="1.0" encoding="utf-8"?><html><body>x</body></html>').body, str
    )


def test_extract_html_survives_deep_nesting() -> None:
    deep = "<html><body>" + "<div>" * 5000 + f"<p>{PARAGRAPHS[0]}</p>" + "</div>" * 5000 + "</body></html>"
    ex = extract_html(deep)
    assert isinstance(ex.body, str)
    nested = "<html><body>" + "<span><b>" * 3000 + "deep text" + "</b></span>" * 3000 + "</body></html>"
    assert isinstance(extract_html(nested).body, str)


def test_extract_html_refuses_huge_pages() -> None:
    huge = "<html><body>" + "<p>word </p>" * (html_mod.MAX_HTML_CHARS // 10) + "</body></html>"
    assert extract_html(huge).body == ""


def test_extract_html_rejects_the_wrong_type() -> None:
    with pytest.raises(TypeError):
        extract_html(b"<html></html>")  # type: ignore[arg-type]


def test_is_boilerplate_spares_real_sentences() -> None:
    assert is_boilerplate("Share this article")
    assert is_boilerplate("Related articles")
    assert not is_boilerplate("Shares in the company rose by 4% after the results were published on Monday.")


def test_extract_html_prefers_the_headline_over_a_logo_h1() -> None:
    page = (
        "<html><head><title>Storm closes coastal road for two days | Daily Wave</title></head><body>"
        f"<header><h1>Daily Wave</h1></header><article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
        "</article></body></html>"
    )
    assert extract_html(page).title == "Storm closes coastal road for two days"


def test_extract_html_drops_hover_cards_but_keeps_the_linked_name() -> None:
    card = (
        '<span class="person-rollover"><a class="rollover-link" href="/p/mara">Mara Ellison</a>'
        '<span class="rollover-card"><a href="/x">Other story about her</a> <a href="/y">Yet another</a>'
        "</span></span>"
    )
    page = (
        f"<html><body><article><p>Council leader {card} said the vote was historic for the town and its "
        f"people, who had waited years for it.</p><p>{PARAGRAPHS[2]}</p><p>{PARAGRAPHS[3]}</p>"
        "</article></body></html>"
    )
    body = extract_html(page).body
    assert "Council leader Mara Ellison said" in body
    assert "Other story" not in body
