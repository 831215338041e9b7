"""Parsing: metadata and clean text from markdown, plain text and records."""

from __future__ import annotations

from newsgraph.model import Article, RawDocument, Rejected
from newsgraph.parse import parse
from newsgraph.parse.metadata import classify_bylines, outlet_from_url, safe_url, stable_id
from newsgraph.parse.published import parse_date

MD = """# Ministers Agree on Grain Corridor

By [Maria Lopez](#) and [Reuters](#)

October 03, 2023

Ships wait at the port of Odesa. **Jane Roe / Example Photo Agency**

Ministers from Turkey and Ukraine agreed on Tuesday to reopen the corridor, officials said.

**Related article:** [Prices Rise Again](#)

Grain prices fell by 3\\% after the \\$2 billion deal was announced.

Original url:

<https://www.theguardian.com/world/2023/oct/03/grain-corridor>
"""


def test_markdown_metadata_and_clean_text() -> None:
    a = parse(RawDocument(source="x.md", format="markdown", content=MD))
    assert isinstance(a, Article)
    assert a.title == "Ministers Agree on Grain Corridor"
    assert [(b.name, b.kind) for b in a.bylines] == [("Maria Lopez", "person"), ("Reuters", "agency")]
    assert a.published is not None and a.published.value == "2023-10-03" and a.published.precision == "day"
    assert a.url == "https://www.theguardian.com/world/2023/oct/03/grain-corridor"
    assert a.outlet == "The Guardian"
    assert a.language == "en"
    assert a.text.startswith("Ministers Agree on Grain Corridor\n\nMinisters from Turkey")
    assert "Odesa" not in a.text and "Jane Roe" not in a.text  # caption and credit kept apart
    assert "Prices Rise Again" not in a.text
    assert a.captions[0] == "Ships wait at the port of Odesa."
    assert any("Jane Roe" in c for c in a.captions)
    assert a.related == ("Prices Rise Again",)
    assert "3% after the $2 billion deal" in a.text  # markdown escapes removed
    assert a.id == stable_id(url=a.url, text=a.text)


def test_same_article_gets_same_id_twice() -> None:
    one = parse(RawDocument(source="a.md", format="markdown", content=MD))
    two = parse(RawDocument(source="b.md", format="markdown", content=MD))
    assert isinstance(one, Article) and isinstance(two, Article) and one.id == two.id


def test_plain_text_title_is_first_short_line() -> None:
    a = parse(RawDocument(source="t.txt", format="text", content="Storm Hits Coast\n\nA storm hit the coast."))
    assert isinstance(a, Article)
    assert a.title == "Storm Hits Coast" and a.text == "Storm Hits Coast\n\nA storm hit the coast."


def test_record_title_is_prepended_once() -> None:
    raw = RawDocument(source="r", format="jsonl", content="Storm Hits Coast.\n\nBody.", title="Storm Hits Coast",
                      id="r1", date="20240208")
    a = parse(raw)
    assert isinstance(a, Article)
    assert a.text == "Storm Hits Coast.\n\nBody." and a.id == "r1"
    assert a.published is not None and a.published.value == "2024-02-08"
    raw2 = RawDocument(source="r", format="jsonl", content="Body only.", title="Headline", id="r2")
    a2 = parse(raw2)
    assert isinstance(a2, Article) and a2.text == "Headline\n\nBody only."


def test_whitespace_only_body_is_rejected() -> None:
    r = parse(RawDocument(source="e.md", format="markdown", content="# Title only\n\n"))
    assert isinstance(r, Rejected) and r.code == "E102"


def test_date_formats() -> None:
    cases = {
        "2024-02-08": ("2024-02-08", "day"), "20240208": ("2024-02-08", "day"),
        "February 08, 2024": ("2024-02-08", "day"), "8 Feb. 2024": ("2024-02-08", "day"),
        "Thursday, February 8, 2024": ("2024-02-08", "day"),
        "2024-02-08T15:30:00Z": ("2024-02-08T15:30", "time"), "February 2024": ("2024-02", "month"),
    }
    for s, (value, precision) in cases.items():
        p = parse_date(s)
        assert p is not None and (p.value, p.precision) == (value, precision), s
    assert parse_date("2024-02-30") is None and parse_date("not a date") is None and parse_date("121108") is None


def test_bylines_outlets_and_urls() -> None:
    assert [(b.name, b.kind) for b in classify_bylines(["By Associated Press"])] == [("AP", "agency")]
    assert [b.kind for b in classify_bylines(["John Smith, CNN"])] == ["person", "organisation"]
    assert outlet_from_url("https://edition.cnn.com/2019/x") == "CNN"
    assert outlet_from_url("https://news.example.co.uk/a") == "news.example.co.uk"
    assert safe_url("javascript:alert(1)") is None and safe_url("https://a.org/x") == "https://a.org/x"
