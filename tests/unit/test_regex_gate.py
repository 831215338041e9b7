"""GatedPattern gives exactly the matches of the plain pattern, only faster."""

from __future__ import annotations

import re

import pytest

from newsgraph.nlp.regex_gate import GatedPattern, first_chars
from newsgraph.nlp.timex.grammar import load_grammar

TEXTS = [
    "On Monday, March 3, 2019 the minister said talks would resume in two weeks' time.",
    "Sales fell 4% in the third quarter of 2018, from $12.5 billion a year earlier; the 1990s were kinder.",
    "THE MEETING ENDS AT 5 P.M. TODAY. Rates rose 3 per cent over the past few months, ten years ago.",
    "a 5\u212a run (Kelvin sign) and the \u017fame long s; mid-2020, 12/31/99, 2019-06-01T10:30 and noon",
    "",
    "x",
]


def _same(rx: re.Pattern[str], text: str) -> None:
    g = GatedPattern(rx)
    assert [(m.span(), m.groups()) for m in g.finditer(text)] == \
        [(m.span(), m.groups()) for m in rx.finditer(text)]
    for pos in range(0, len(text) + 1, 7):
        a, b = g.search(text, pos), rx.search(text, pos)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


@pytest.mark.parametrize("text", TEXTS)
def test_every_timex_rule_matches_as_the_plain_pattern(text: str) -> None:
    for _name, rx in load_grammar().rules:
        _same(rx, text)


@pytest.mark.parametrize("pattern,flags", [
    (r"\b(?i:two|three|ten)\s+(?:weeks?|years?)\b", 0),
    (r"(?<![\d.])\d+(?:\.\d+)?\s*%", 0),
    (r"\bk\w+", re.IGNORECASE),             # the Kelvin sign folds to k
    (r"\bs\w+", re.IGNORECASE),             # the long s folds to s
    (r"(?:the\s+)?(?P<y>(?:19|20)\d\d)", 0),
    (r"[^\sA-Za-z]+", 0),
])
def test_hand_written_patterns_match_as_the_plain_pattern(pattern: str, flags: int) -> None:
    rx = re.compile(pattern, flags)
    for text in TEXTS:
        _same(rx, text)


def test_first_characters_follow_optional_parts_and_case() -> None:
    assert first_chars(re.compile(r"\b(?:the\s+)?\d{4}")) == frozenset("t0123456789")
    assert first_chars(re.compile(r"(?i:the)\s+\d")) == frozenset("tT")
    assert first_chars(re.compile(r"\b[A-C]x")) == frozenset("ABC")


def test_patterns_that_can_match_empty_are_scanned_plainly() -> None:
    rx = re.compile(r"\d*")
    assert first_chars(rx) is None
    assert [m.span() for m in GatedPattern(rx).finditer("a1")] == [m.span() for m in rx.finditer("a1")]


def test_money_and_percent_patterns_search_as_the_plain_pattern() -> None:
    from newsgraph.nlp.amount_grammar import currencies, percent_re

    cur = currencies()
    texts = [*TEXTS, "It paid about $10 billion to $12 billion, up from 240 billion yuan and 3-4 per cent."]
    for rx in (*cur.prefix, *cur.suffix, *percent_re()):
        for text in texts:
            _same(rx, text)
