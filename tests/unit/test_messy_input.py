"""Messy real input: mojibake repaired, boilerplate lines left out, bad bytes rejected with a code.

Every test goes through the real readers and parse (files written in tmp_path), no mocks.
"""

from __future__ import annotations

import bz2
import gzip
import json
from io import BytesIO
from pathlib import Path

import newsgraph
from newsgraph import errors as E
from newsgraph.ingest import iter_documents
from newsgraph.model import RawDocument, Rejected
from newsgraph.parse import parse
from newsgraph.parse.repair import MOJIBAKE, repair_in_place, repair_text

# UTF-8 read as windows-1252: “ -> â€œ, ’ -> â€™, and ” -> â€ + U+FFFD (0x9D has no windows-1252 character)
LQ, RQ_LOST, APOS = "\u00e2\u20ac\u0153", "\u00e2\u20ac\ufffd", "\u00e2\u20ac\u2122"


def _docs(*paths: Path) -> list[RawDocument | Rejected]:
    return list(iter_documents([str(p) for p in paths]))


def _article(path: Path) -> newsgraph.Article:
    (doc,) = _docs(path)
    assert isinstance(doc, RawDocument), doc
    art = parse(doc)
    assert not isinstance(art, Rejected), art
    return art


def test_mojibake_quote_is_repaired_and_extracted_with_its_speaker(tmp_path: Path) -> None:
    p = tmp_path / "bridge.txt"
    p.write_text(f"Bridge to reopen\n\nThe mayor of Springfield, Ann Lee, visited the site on Monday. "
                 f"{LQ}We will open the bridge next week,{RQ_LOST} Lee told reporters. "
                 f"The city{APOS}s council agreed.", encoding="utf-8")
    a = newsgraph.analyze(p, date="2024-02-08")
    text = a.article.text
    assert "“We will open the bridge next week,”" in text and "city’s council" in text
    assert not MOJIBAKE.search(text)
    (q,) = [q for q in a.quotes if q.kind == "direct"]
    assert text[q.span.start:q.span.end] == q.span.text == "“We will open the bridge next week,”"
    assert q.speaker is not None and q.speaker.name == "Ann Lee"


def test_fine_text_is_left_exactly_as_it_is() -> None:
    fine = ("She said “yes” and ‘no’ — it’s the café’s ﬁnal offer: ＡＢＣ, e\u0301, 5\u00a0km, "
            "Müller, São Paulo, Łódź, Ελλάδα, Москва, 東京.")
    assert repair_text(fine) == fine
    assert repair_text("plain ASCII, untouched.") == "plain ASCII, untouched."


def test_repair_handles_double_and_lowercased_mojibake() -> None:
    assert repair_text("the mayor\u00e2\u20ac\u2122s office") == "the mayor’s office"
    assert repair_text("caf\u00c3\u00a9 owners") == "café owners"
    assert repair_text("a \u00e2\u20ac\u201d b") == "a — b"


def test_boilerplate_lines_are_left_out_and_offsets_point_into_the_stored_text(tmp_path: Path) -> None:
    p = tmp_path / "records.jsonl"
    body = ("this story is from march 6, 2002\n\n"
            "Police in Lyon arrested two men on Friday, said Marie Dubois, a city spokeswoman.\n\n"
            "Contributing: Jo Roe\n\n"
            "Follow us on Twitter and Facebook\n\n"
            "Click here to read more stories\n\n"
            "(Reporting by Sam Lee; Editing by Kim Park)\n\n"
            "Copyright 2024 Example News. All rights reserved.")
    p.write_text(json.dumps({"id": "r1", "text": body, "date": "2024-03-01"}) + "\n", encoding="utf-8")
    (doc,) = _docs(p)
    assert isinstance(doc, RawDocument)
    a = newsgraph.analyze_record({"id": "r1", "text": body, "date": "2024-03-01"})
    text = a.article.text
    assert text == "Police in Lyon arrested two men on Friday, said Marie Dubois, a city spokeswoman."
    for banned in ("story is from", "Contributing", "Follow us", "Click here", "Reporting by", "Copyright"):
        assert banned.lower() not in text.lower()
    assert a.entities
    for e in a.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_boilerplate_rule_spares_real_sentences_and_wrapped_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Court ruling\n\nCopyright holders sued the studio on Monday, lawyers said.\n"
                 "Readers who wanted the filing could\nclick here to see it, the court's site said.\n\n"
                 "Follow the money, the senator said.", encoding="utf-8")
    text = _article(p).text
    assert "Copyright holders sued" in text and "click here to see it" in text and "Follow the money" in text


def test_markdown_footer_blocks_are_left_out(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_text("# Talks resume\n\nNegotiators met in Geneva on Monday.\n\n**Contributing:** Jo Roe\n\n"
                 "© 2024 Example Wire\n\nShare prices fell 3% on Monday, traders said.", encoding="utf-8")
    text = _article(p).text
    assert "Contributing" not in text and "©" not in text
    assert "Share prices fell 3%" in text  # a sentence starting "Share" is not a share button


def test_invalid_utf8_file_is_rejected_not_stored_as_garbage(tmp_path: Path) -> None:
    import random

    rnd = random.Random(7)
    garbage = bytes(rnd.choice([b for b in range(32, 256) if b != 127]) for _ in range(4000))
    (tmp_path / "garbage.txt").write_bytes(garbage)
    # UTF-8 text where a third of the words are damaged bytes: not text in any encoding
    damaged = ("Müller said ".encode() + b"\xff\xfe\x9d\xc3") * 300
    (tmp_path / "damaged.txt").write_bytes(damaged)
    docs = _docs(tmp_path / "garbage.txt", tmp_path / "damaged.txt")
    assert [(type(d), getattr(d, "code", None)) for d in docs] == [(Rejected, E.E_DECODE)] * 2


def test_utf8_with_one_stray_byte_is_kept(tmp_path: Path) -> None:
    p = tmp_path / "stray.txt"
    p.write_bytes(("Talks in São Paulo\n\n" + "Negotiators from Brazil met in São Paulo on Monday. " * 20)
                  .encode() + b"\x93" + b" The talks ended.")
    (doc,) = _docs(p)
    assert isinstance(doc, RawDocument)
    assert "São Paulo" in doc.content and "\ufffd The talks ended." in doc.content


def test_windows_1252_is_decoded_right(tmp_path: Path) -> None:
    html = ('<html><head><meta charset="iso-8859-1"><title>Caf\u00e9 closes</title></head><body><article>'
            '<p>The caf\u00e9 owner in S\u00e3o Paulo said \u201cwe are closing\u201d on Monday, '
            'according to officials who visited the shop.</p></article></body></html>')
    (tmp_path / "declared.html").write_bytes(html.encode("cp1252"))
    (tmp_path / "undeclared.txt").write_bytes(
        "Caf\u00e9 closes\n\nThe caf\u00e9 owner in S\u00e3o Paulo said \u201cwe are closing\u201d on Monday."
        .encode("cp1252"))
    for name in ("declared.html", "undeclared.txt"):
        text = _article(tmp_path / name).text
        assert "café owner in São Paulo said “we are closing”" in text, (name, text)


def test_truncated_compressed_files_are_rejected(tmp_path: Path) -> None:
    page = b"<html><body><article>" + b"<p>The council met on Monday and voted.</p>" * 300 + b"</article></body></html>"
    for suffix, compress in ((".gz", gzip.compress), (".bz2", bz2.compress)):
        data = compress(page)
        (tmp_path / f"cut.html{suffix}").write_bytes(data[: len(data) * 2 // 3])
        (tmp_path / f"whole.html{suffix}").write_bytes(data)
    docs = {Path(d.source).name: d for d in _docs(tmp_path)}
    assert {n: getattr(d, "code", "ok") for n, d in docs.items()} == {
        "cut.html.bz2": E.E_GZIP, "cut.html.gz": E.E_GZIP, "whole.html.bz2": "ok", "whole.html.gz": "ok"}


def test_jsonl_line_of_damaged_bytes_is_rejected_and_the_rest_read(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "a", "text": "Ministers met in Oslo on Monday."}, ensure_ascii=False).encode()
    bad = b'{"id": "b", "text": "' + b"\xff\xfe\x9d" * 40 + b'"}'
    p.write_bytes(good + b"\n" + bad + b"\n" + good.replace(b'"a"', b'"c"') + b"\n")
    docs = _docs(p)
    assert [getattr(d, "code", d.id if isinstance(d, RawDocument) else None) for d in docs] == ["a", E.E_DECODE, "c"]


def test_truncated_warc_record_is_rejected_and_earlier_records_kept(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i in range(2):
        body = (f"<html><body><article><p>Story {i}: ministers met in Oslo.</p></article></body></html>" * 50).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"https://example.org/{i}", "response", payload=BytesIO(body),
                                            http_headers=headers))
    data = buf.getvalue()
    p = tmp_path / "crawl.warc.gz"
    p.write_bytes(data[: len(data) - 40])
    docs = _docs(p)
    assert isinstance(docs[0], RawDocument) and docs[0].url == "https://example.org/0"
    assert len(docs) == 2 and isinstance(docs[1], Rejected) and docs[1].code == E.E_GZIP


def test_in_place_repair_keeps_every_offset_and_every_letter_where_it_was() -> None:
    bad = ("\u00e2\u20ac\u0153our men are out,\u00e2\u20ac\ufffd the hornet\u00e2\u20ac\u2122s nest, "
           "we don\u00e2\u20ac\u2122t")
    fixed = repair_in_place(bad)
    assert len(fixed) == len(bad) and not MOJIBAKE.search(fixed)
    assert fixed == "  \u201cour men are out,\u201d   the hornet  \u2019s nest, we do  n\u2019t"
    for word in ("our", "men", "hornet", "nest"):  # letters keep their offsets
        assert bad.index(word) == fixed.index(word)
    assert repair_in_place("fine text") == "fine text" and repair_in_place("caf\u00e9") == "caf\u00e9"


def test_text_analysed_as_given_is_parsed_repaired_and_reported_as_given() -> None:
    # a record analysed exactly as scraped (lower case, mojibake): the parser reads the repaired copy,
    # the spans quote the original
    text = ("\u00e2\u20ac\u0153our officers are in touch with the leaders,\u00e2\u20ac\u2122\u00e2\u20ac\u2122 "
            "a senior police officer stated on monday.")
    from newsgraph.model import Article
    from newsgraph.pipeline import annotate

    a = annotate(Article(id="t", text=text, title=""))
    assert a.article.text == text
    assert [(e.code, e.source.actor if e.source else None) for e in a.events] == [("010", "---COP")]
    trig = a.events[0].trigger
    assert text[trig.start:trig.end] == trig.text == "stated"


def test_sql_escaped_apostrophes_are_halved_in_place() -> None:
    from newsgraph.parse.repair import repair_apostrophes

    bad = "on monday''s march the clerks'' union said, ''''we won''t go back,'''' and left."
    fixed = repair_apostrophes(bad)
    assert fixed == "on monday 's march the clerks'  union said,   ''we wo n't go back,''   and left."
    for word in ("monday", "march", "clerks", "union", "back", "left"):  # letters keep their offsets
        assert bad.index(word) == fixed.index(word)
    # no letter-''-letter signature: a "''" is a closing double quote and stays
    assert repair_apostrophes("he called it ``a farce'' on monday") == "he called it ``a farce'' on monday"
    assert repair_apostrophes("x''y and ''' here") == "x 'y and ''' here"  # an odd run stays


def test_sql_escaped_text_parses_possessives_and_finds_the_quote() -> None:
    from newsgraph.model import Article
    from newsgraph.pipeline import annotate

    text = ("the district collector''s office was closed on tuesday. the superintendent of police said, "
            "''''we didn''t open fire on the crowd at the farmers'' rally.'''' the inquiry began on friday.")
    a = annotate(Article(id="t", text=text, title=""))
    assert a.article.text == text
    quote = text.index("we didn")
    assert any(q.span.start <= quote < q.span.end and "rally" in q.span.text for q in a.quotes)
    assert all(q.span.text in text for q in a.quotes)
