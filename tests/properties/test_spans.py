"""Properties: for any text every span lies in bounds and equals its slice; random bytes never raise."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.config import load_settings
from newsgraph.ingest import iter_documents
from newsgraph.model import Analysis, Rejected
from newsgraph.runner import process_document

WORDS = ["Putin", "said", "the", "U.S.", "Kremlin", "on", "Thursday", "\"", "$5 billion", "26%", "Beijing",
         "in", "October", "accused", "China", "of", "interfering", ".", ",", "\n\n", "Xi", "met", "attack",
         "Ukraine", "according", "to", "Reuters", "last", "year", "’", "“", "”", "police", "é", "ß", "中国"]


def _check(a: Analysis) -> None:
    text = a.article.text
    spans = [(m.start, m.end, m.text) for e in a.entities for m in e.mentions]
    spans += [(x.span.start, x.span.end, x.span.text) for x in (*a.quotes, *a.timexes, *a.amounts, *a.places)]
    spans += [(q.cue.start, q.cue.end, q.cue.text) for q in a.quotes if q.cue]
    spans += [(e.trigger.start, e.trigger.end, e.trigger.text) for e in a.events]
    spans += [(e.sentence.start, e.sentence.end, e.sentence.text) for e in a.events]
    spans += [(s.start, s.end, s.text) for t in a.themes for s in t.spans]
    for s, e, t in spans:
        assert 0 <= s <= e <= len(text)
        assert text[s:e] == t
    assert Analysis.from_json(a.to_json()) == a


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60))
def test_spans_always_match_the_text(words: list[str]) -> None:
    from newsgraph.model import RawDocument

    raw = RawDocument(source="h", format="text", content=" ".join(words), date="2024-02-08")
    res = process_document(raw, load_settings())
    if isinstance(res, Rejected):
        assert res.code in ("E102",)
    else:
        _check(res)


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    p = Path(tmp_path_factory.mktemp("rb")) / "x.html"
    p.write_bytes(data)
    for d in iter_documents([str(p)]):
        assert d.source
