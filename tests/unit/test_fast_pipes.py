"""The attribute-ruler and lemmatizer drop-ins (nlp/fast_pipes.py) give spaCy's own answers.

Every token attribute the pipeline sets is compared, token by token, with the stock pipeline
as its package ships it, on the bundled sample articles, on the same text lower-cased and
upper-cased (the shapes truecasing sees), and on sentences that reach the ruler's two-token,
regular-expression and dependency rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG

from newsgraph.nlp.fast_pipes import FastAttributeRuler, FastLemmatizer, Unsupported
from newsgraph.nlp.spacy_model import load_nlp, load_stock_nlp

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
RULE_SENTENCES = [
    "Y'all ain't gonna believe it, but let's go: we gotta leave. C'mon, there is nothin' here.",
    "There were protests, and there's a vote that is expected; which one did they choose?",
    "I can't and won't sign it.  He has been told to go.\n\nThat was that, wasn't it?",
]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").iterdir()) if p.suffix in (".md", ".txt")]
    assert texts, "the bundled samples are missing"
    return texts + [t.lower() for t in texts[:3]] + [t.upper() for t in texts[:2]] + RULE_SENTENCES


def test_the_default_pipeline_uses_the_drop_ins() -> None:
    nlp = load_nlp()
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert nlp.pipe_names == load_stock_nlp().pipe_names


def test_every_token_attribute_equals_the_stock_pipeline() -> None:
    fast, stock = load_nlp(), load_stock_nlp()
    for text in _texts():
        a, b = stock(text), fast(text)
        assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all(), text[:60]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_rules_it_cannot_read_leave_the_stock_component() -> None:
    from types import SimpleNamespace

    ruler = SimpleNamespace(  # a rule with a quantifier, which the drop-in does not implement
        patterns=[{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {}, "index": 0}], attrs=[{}], indices=[0])
    with pytest.raises(Unsupported):
        FastAttributeRuler().init_from(ruler, load_stock_nlp().vocab)
