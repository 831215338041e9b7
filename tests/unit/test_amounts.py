"""Amounts: money with currencies and scale words, percentages, counts, and what they measure."""

from __future__ import annotations

import pytest

from newsgraph.model import Amount, Article, Span, Timex
from newsgraph.nlp.amounts import extract_amounts
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context


def _amounts(text: str, timexes: list[Timex] | None = None) -> list[Amount]:
    ctx = Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text))
    if timexes is not None:
        ctx.results["timexes"] = timexes
    out = extract_amounts(ctx)
    for a in out:
        for s in (a.span, a.measure, a.source):
            if s is not None:
                assert text[s.start:s.end] == s.text
    return out


def _by_text(amounts: list[Amount]) -> dict[str, Amount]:
    return {a.span.text: a for a in amounts}


@pytest.mark.slow
def test_money_with_scale_words_currency_measure_date_and_source() -> None:
    text = ("Exports from the two neighbours have grown fast, reaching $12.5 billion in 2022, "
            "a 14% rise, according to official statistics.")
    found = _by_text(_amounts(text))
    money = found["$12.5 billion"]
    assert (money.value, money.unit, money.kind) == (12_500_000_000, "USD", "money")
    assert money.measure is not None and money.measure.text == "Exports from the two neighbours"
    assert money.date == "2022"
    assert money.source is not None and money.source.text == "official statistics"
    pct = found["14%"]
    assert (pct.value, pct.unit, pct.kind) == (14, "PERCENT", "percent")
    assert pct.measure is not None and pct.measure.text == "rise"


@pytest.mark.slow
def test_currencies_symbols_codes_and_names() -> None:
    text = ("The fund lent €3bn to the port, £450m to the airline and US$2 million to farmers. "
            "Moscow spent 500 million rubles and Beijing 40 billion yuan. Tokyo paid 1.2 trillion yen.")
    found = _by_text(_amounts(text))
    assert (found["€3bn"].value, found["€3bn"].unit) == (3_000_000_000, "EUR")
    assert (found["£450m"].value, found["£450m"].unit) == (450_000_000, "GBP")
    assert (found["US$2 million"].value, found["US$2 million"].unit) == (2_000_000, "USD")
    assert (found["500 million rubles"].value, found["500 million rubles"].unit) == (500_000_000, "RUB")
    assert (found["40 billion yuan"].value, found["40 billion yuan"].unit) == (40_000_000_000, "CNY")
    assert found["1.2 trillion yen"].unit == "JPY"


@pytest.mark.slow
def test_percent_spellings_ranges_and_changes() -> None:
    text = ("Prices rose 3.5 per cent, wages 2 percent and rents about 6-8%. "
            "Support fell from 40% to 35%.")
    found = _by_text(_amounts(text))
    assert found["3.5 per cent"].value == 3.5
    assert found["2 percent"].unit == "PERCENT"
    assert found["about 6-8%"].value == 6  # a range keeps its lower bound; the modifier stays in the span
    assert {"40%", "35%"} <= set(found)  # "from X to Y" is a change, not a range


@pytest.mark.slow
def test_counts_with_the_counted_noun_and_modifiers() -> None:
    text = ("At least 12 people were killed and dozens of others were hurt when two buses collided. "
            "Thousands of residents fled, and 3,000 soldiers crossed 40 km of desert in 2021.")
    found = _by_text(_amounts(text))
    assert (found["At least 12 people"].value, found["At least 12 people"].kind) == (12, "count")
    assert found["At least 12 people"].unit == "people"
    assert (found["two buses"].value, found["two buses"].unit) == (2, "bus")
    assert found["Thousands of residents"].unit == "resident"
    assert found["3,000 soldiers"].value == 3000
    assert (found["40 km"].kind, found["40 km"].unit) == ("quantity", "kilometre")
    assert not any("2021" in a.span.text for a in found.values())  # a year is not a count


@pytest.mark.slow
def test_date_comes_from_a_timex_in_the_same_clause() -> None:
    text = "Sales hit $5 billion in March, and profits doubled last year."
    start = text.index("March")
    march = Timex(Span(start, start + 5, "March"), "DATE", "2024-03")
    found = _by_text(_amounts(text, [march]))
    assert found["$5 billion"].date == "2024-03"
    assert found["$5 billion"].measure is not None and found["$5 billion"].measure.text == "Sales"


@pytest.mark.slow
def test_plain_text_without_amounts_gives_nothing() -> None:
    assert _amounts("The minister said the talks were useful and would go on.") == []


@pytest.mark.slow
@pytest.mark.parametrize("text", ["$", "5-", "€ bn", "from 5 to", "US$ , 3m 4bn £", "one two three",
                                  "1,000,000,000,000,000 yuan yuan", "between and people", "50%%",
                                  "\n\n$5\n\nbn"])
def test_odd_inputs_never_raise_and_spans_stay_valid(text: str) -> None:
    _amounts(text)
