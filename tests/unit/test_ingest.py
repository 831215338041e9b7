"""Readers: every kind of bad input becomes a coded Rejected; good documents still come through."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsgraph import errors as E
from newsgraph.ingest import iter_documents
from newsgraph.model import RawDocument, Rejected


def _docs(*paths: Path | str, max_bytes: int = 5_000_000) -> list[RawDocument | Rejected]:
    return list(iter_documents([str(p) for p in paths], max_bytes=max_bytes))


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Title two\n\nBody two.", encoding="utf-8")
    (tmp_path / "1.md").write_text("# One\n\nBody one.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    docs = _docs(tmp_path)
    assert [Path(d.source).name for d in docs] == ["1.md", "2.txt"]
    assert docs[0].format == "markdown"


def test_empty_file_is_rejected_with_code(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_text("", encoding="utf-8")
    (d,) = _docs(p)
    assert isinstance(d, Rejected) and d.code == E.E_EMPTY


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "blob.txt"
    p.write_bytes(bytes(range(256)) * 40)
    (d,) = _docs(p)
    assert isinstance(d, Rejected) and d.code == E.E_BINARY


def test_latin1_text_is_decoded_not_rejected(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\xe9 owners in S\xe3o Paulo protest\n\nThe caf\xe9 closed.".encode("latin-1"))
    (d,) = _docs(p)
    assert isinstance(d, RawDocument)
    assert "café" in d.content.lower()


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    p = tmp_path / "u16.txt"
    p.write_bytes("Title\n\nBody text here.".encode("utf-16"))
    (d,) = _docs(p)
    assert isinstance(d, RawDocument) and d.content.startswith("Title")


def test_oversized_file_is_rejected_without_reading_it_all(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text("word " * 300_000, encoding="utf-8")
    (d,) = _docs(p, max_bytes=1_000_000)
    assert isinstance(d, Rejected) and d.code == E.E_TOO_LARGE


def test_truncated_gzip_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "page.html.gz"
    data = gzip.compress(b"<html><body><p>" + b"text " * 2000 + b"</p></body></html>")
    p.write_bytes(data[: len(data) // 2])
    (d,) = _docs(p)
    assert isinstance(d, Rejected) and d.code == E.E_GZIP


def test_jsonl_bad_lines_are_rejected_and_good_lines_kept(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "First article body.", "date": "2024-02-08"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "html": "<p>Second article.</p>", "url": "https://example.org/x"}),
        json.dumps({"id": "d", "text": 42}),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = _docs(p)
    assert [type(d).__name__ for d in docs] == ["RawDocument", "Rejected", "Rejected", "Rejected", "RawDocument",
                                               "Rejected"]
    codes = [d.code for d in docs if isinstance(d, Rejected)]
    assert codes == [E.E_BAD_JSON, E.E_BAD_JSON, E.E_BAD_RECORD, E.E_BAD_RECORD]
    good = [d for d in docs if isinstance(d, RawDocument)]
    assert good[0].id == "a" and good[0].date == "2024-02-08"
    assert good[1].format == "html" and good[1].url == "https://example.org/x"
    assert docs[1].source.endswith("#L2")


def test_missing_path_is_rejected(tmp_path: Path) -> None:
    (d,) = _docs(tmp_path / "nope.md")
    assert isinstance(d, Rejected) and d.code == E.E_NOT_FOUND


def test_rss_feed_gives_one_document_per_entry(tmp_path: Path) -> None:
    p = tmp_path / "feed.xml"
    p.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>Talks resume</title><link>https://example.org/a</link>
        <pubDate>Thu, 08 Feb 2024 10:00:00 GMT</pubDate><author>Jo Doe</author>
        <description>&lt;p&gt;Negotiators met again in Geneva.&lt;/p&gt;</description></item>
        <item><title>Empty</title><link>https://example.org/b</link></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    docs = _docs(p)
    assert isinstance(docs[0], RawDocument)
    assert docs[0].title == "Talks resume" and docs[0].date and docs[0].date.startswith("2024-02-08")
    assert isinstance(docs[1], Rejected)


def test_warc_keeps_html_responses_and_skips_other_records(tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    p = tmp_path / "crawl.warc.gz"
    with open(p, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for uri, ctype, body in [
            ("https://example.org/story", "text/html; charset=utf-8",
             b"<html><head><title>Story</title></head><body><article><p>Ministers met in Oslo "
             b"to discuss the accord.</p></article></body></html>"),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers))
        w.write_record(w.create_warc_record("https://example.org/", "request", payload=BytesIO(b"GET /")))
    docs = _docs(p)
    assert len(docs) == 1 and isinstance(docs[0], RawDocument)
    assert docs[0].url == "https://example.org/story" and "Oslo" in docs[0].content


def test_broken_warc_is_rejected(tmp_path: Path) -> None:
    p = tmp_path / "broken.warc"
    p.write_bytes(b"WARC/1.0\r\nthis is not a warc record at all\r\n\r\n" * 3)
    docs = _docs(p)
    assert docs and all(isinstance(d, Rejected) and d.code == E.E_WARC for d in docs)
