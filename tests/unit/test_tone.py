"""Tone: GDELT-style percentages from the VADER lexicon with news adjustments."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Tone
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.nlp.tone import extract_tone, lexicon
from newsgraph.registry import Context


def _tone(text: str) -> Tone:
    return extract_tone(Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text)))


def test_lexicon_is_vader_with_news_words() -> None:
    lex = lexicon()
    assert lex["good"] > 0 and lex["terrible"] < 0  # from VADER
    assert lex["sanctions"] < 0 and lex["invasion"] < 0 and lex["ceasefire"] > 0  # added for news
    assert lex["natural"] == 0  # neutral in news


@pytest.mark.slow
def test_negative_news_has_negative_tone() -> None:
    t = _tone("The attack killed dozens, and officials condemned the brutal violence and the invasion.")
    assert t.tone < 0 < t.negative
    assert t.polarity == pytest.approx(t.positive + t.negative)
    assert t.word_count == 13


@pytest.mark.slow
def test_positive_news_has_positive_tone() -> None:
    t = _tone("The leaders praised the successful talks and welcomed a peace agreement that brings hope.")
    assert t.tone > 0 and t.positive > t.negative


@pytest.mark.slow
def test_negation_flips_a_word() -> None:
    assert _tone("The talks were not successful.").tone < 0


@pytest.mark.slow
def test_activity_and_self_group_are_shares_of_words() -> None:
    t = _tone("We will build our future, and we will win.")
    assert t.word_count == 9
    assert t.self_group == pytest.approx(100 * 3 / 9, abs=0.01)
    assert t.activity > 0


@pytest.mark.slow
def test_empty_text_has_zero_tone() -> None:
    t = _tone("   ")
    assert (t.tone, t.word_count) == (0.0, 0)
