"""Tests for the temporal-expression stage (timexes.v1): spans and TIMEX3 values against a fixed anchor."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.evaluation.timex import match_spans, score_document
from newsgraph.model import Article, Entity, Mention, Published, Timex
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.nlp.timex import extract_timexes, find_timexes
from newsgraph.registry import Context

ANCHOR = "2024-02-08"  # a Thursday


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp()


def tag(nlp, text: str, anchor: str | None = ANCHOR) -> dict[str, Timex]:  # type: ignore[no-untyped-def]
    """{span text: Timex} for ``text``, parsed with spaCy so tense is available."""
    out = find_timexes(text, anchor, nlp(text))
    for t in out:
        assert text[t.span.start:t.span.end] == t.span.text
    return {t.span.text: t for t in out}


@pytest.mark.slow
def test_dates_weekday_is_the_anchor_day_or_the_last_one_in_past_tense(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "The two leaders spoke by phone on Thursday. They had met on Monday.")
    assert got["Thursday"].value == "2024-02-08"
    assert got["Thursday"].type == "DATE"
    assert got["Monday"].value == "2024-02-05"
    assert "on Thursday" not in got


@pytest.mark.slow
def test_dates_weekday_in_future_tense_is_the_next_one(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "The ministers will meet again on Tuesday.")
    assert got["Tuesday"].value == "2024-02-13"


@pytest.mark.slow
def test_dates_month_without_year_follows_tense_and_context(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "The president visited the capital in October. "
                   "The country faces upcoming elections in March.")
    assert got["October"].value == "2023-10"
    assert got["March"].value == "2024-03"


@pytest.mark.slow
def test_dates_years_relative_years_and_edges(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "Exports grew in 2023. Last year was hard, and a plant opens in mid-2024. "
                   "Prices fell a year ago.")
    assert got["2023"].value == "2023"
    assert got["Last year"].value == "2023"
    assert got["mid-2024"].value == "2024" and got["mid-2024"].mod == "MID"
    assert got["a year ago"].value == "2023"


@pytest.mark.slow
def test_dates_durations(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "Ties deepened over the last two years. It was an hour-long call. "
                   "The talks lasted three days. The past five years were calm.")
    assert got["the last two years"].value == "P2Y"
    assert got["the last two years"].type == "DURATION"
    assert got["an hour-long"].value == "PT1H"
    assert got["three days"].value == "P3D"
    assert got["The past five years"].value == "P5Y"


@pytest.mark.slow
def test_dates_weeks_months_and_calendar_dates(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "The decision was taken earlier this month and takes effect next week. "
                   "The report came out on Feb. 8 and another on March 3, 2021.")
    assert got["earlier this month"].value == "2024-02"
    assert got["next week"].value == "2024-W07"
    assert got["Feb. 8"].value == "2024-02-08"
    assert got["March 3, 2021"].value == "2021-03-03"


@pytest.mark.slow
def test_dates_reference_words_quarters_seasons_decades_and_times(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "Prices are now stable and the firm is currently hiring. Profit rose in the third quarter "
                   "of 1998. Sales peaked this summer, as in the 1990s. The vote closed at 3 p.m. today.")
    assert got["now"].value == "PRESENT_REF"
    assert got["currently"].value == "PRESENT_REF"
    assert got["the third quarter of 1998"].value == "1998-Q3"
    assert got["this summer"].value == "2024-SU"
    assert got["the 1990s"].value == "199"
    assert got["3 p.m. today"].value == "2024-02-08T15:00"
    assert got["3 p.m. today"].type == "TIME"


@pytest.mark.slow
def test_dates_sets(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "The paper is published daily and the board meets every Thursday.")
    assert got["daily"].type == "SET" and got["daily"].value == "P1D"
    assert got["every Thursday"].value == "XXXX-WXX-4"


@pytest.mark.slow
def test_dates_without_anchor_stay_underspecified(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "They met in October and again on Thursday. Last year was hard.", anchor=None)
    assert got["October"].value == "XXXX-10"
    assert got["Thursday"].value == "XXXX-WXX-4"
    assert got["Last year"].value == "XXXX"
    assert got["Last year"].anchor is None


@pytest.mark.slow
def test_dates_leaves_modal_may_and_ages_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    got = tag(nlp, "The court may rule soon. A 6-year-old boy was rescued. He scored 1,990 points.")
    assert "May" not in got and "may" not in got
    assert "6-year-old" not in got
    assert not any("1,990" in k or k == "990" for k in got)


@pytest.mark.slow
def test_a_month_that_is_a_persons_surname_is_the_month_only_after_a_word_of_time(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Prime Minister Anna May met the mayor. The mayor was thanked by May and then met May's aides. "
            "The vote came in May, and the budget is due by May next year.")
    may = Entity("e1", "PERSON", "Anna May", (Mention(15, 23, "Anna May", "PERSON"),))
    with_person = {t.span.start: t for t in find_timexes(text, ANCHOR, nlp(text), [may])}
    without = {t.span.start: t for t in find_timexes(text, ANCHOR, nlp(text))}
    by_may, in_may = text.index("by May"), text.index("in May")
    assert by_may + 3 in without  # no person of that name: "by May" is the month
    assert by_may + 3 not in with_person  # the article's person: "thanked by May" is her
    assert with_person[in_may + 3].value == without[in_may + 3].value  # "in May": the month either way
    assert text.index("May next year") in with_person  # a month with its own year word stays one
    assert not any(15 <= s < 23 for s in with_person)  # nothing inside the person's own mention


@pytest.mark.slow
def test_dates_stage_offsets_point_into_article_text(nlp) -> None:  # type: ignore[no-untyped-def]
    title = "Leaders talk on Thursday"
    body = "The two presidents spoke on Thursday, a year after a visit in October.\nTrade grew in 2023."
    text = f"{title}\n\n{body}"
    art = Article(id="a1", text=text, title=title, published=Published("2024-02-08", "day", "input"))
    out = extract_timexes(Context(article=art, doc=nlp(text)))
    assert len(out) >= 4
    for t in out:
        assert art.text[t.span.start:t.span.end] == t.span.text
        assert t.anchor == "2024-02-08"
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@pytest.mark.slow
def test_dates_empty_text_gives_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    assert find_timexes("", ANCHOR, nlp("")) == []
    assert find_timexes("No dates here at all.", ANCHOR) == []


def test_dates_work_without_a_parse() -> None:
    text = "On Feb. 8, 2024, at 3 p.m., after two years of talks, prices fell 3% in 2023 and last year."
    got = {t.span.text: t for t in find_timexes(text, ANCHOR)}
    assert got["Feb. 8, 2024"].value == "2024-02-08"
    assert got["3 p.m."].value == "2024-02-08T15:00"
    assert got["two years"].value == "P2Y"
    assert got["2023"].value == "2023"
    assert got["last year"].value == "2023"
    for t in got.values():
        assert text[t.span.start:t.span.end] == t.span.text


def test_timex_evaluation_matches_greedily_and_scores_values() -> None:
    assert match_spans([(0, 8), (10, 14)], [(0, 5), (0, 8), (12, 20)]) == [(0, 1), (1, 2)]
    text = "on Thursday in 2023"
    pred = find_timexes(text, ANCHOR)
    gold = [{"start": 3, "end": 11, "text": "Thursday", "value": "2024-02-08", "type": "DATE"},
            {"start": 15, "end": 19, "text": "2023", "value": "2022", "type": "DATE"}]
    s = score_document(gold, pred)
    assert (s["strict"], s["relaxed"], s["value"], s["type"]) == (2, 2, 1, 2)


_WORDS = ("on", "in", "the", "last", "next", "a", "two", "1999", "2024", "Feb.", "30", "May", "may", "Monday",
          "night", "noon", "3", "p.m.", "year", "years", "ago", "earlier", "third-quarter", "Christmas",
          "decade", "1990s", "mid-", "summer", "weekend", "daily", "every", "now", "hour-long", ",", ".")


@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from(["2024-02-08", "1999-12-31", None]))
@settings(max_examples=300, deadline=None)
def test_dates_spans_always_slice_the_text(words: list[str], anchor: str | None) -> None:
    text = " ".join(words)
    out = find_timexes(text, anchor)
    for t in out:
        assert 0 <= t.span.start < t.span.end <= len(text)
        assert text[t.span.start:t.span.end] == t.span.text
        assert t.value
    starts = [t.span.start for t in out]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in pairwise(out))


def test_seasons_said_in_january_and_the_past_week_said_at_a_week_end() -> None:
    def value(text: str, anchor: str) -> str:
        return find_timexes(text, anchor)[0].value

    # January is in the winter that began in December: the summer gone is the previous year's
    assert value("They met in Singapore last summer.", "2019-01-20") == "2018-SU"
    assert value("They will meet next summer.", "2019-01-20") == "2019-SU"
    assert value("They met last summer.", "2019-07-20") == "2018-SU"
    assert value("Sales peaked this summer.", "2024-02-08") == "2024-SU"
    # "this past week" on a Saturday is the week now ending; on a Tuesday, the one before
    assert value("He visited Britain this past week.", "2019-06-08") == "2019-W23"
    assert value("He visited Britain this past week.", "2019-06-04") == "2019-W22"
    assert value("He resigned last week.", "2019-06-08") == "2019-W22"
    # "last week" in a Sunday article is the week that ends that day (Monday to Saturday just gone)
    assert value("The minister resigned last week.", "2021-03-14") == "2021-W10"
    assert value("The minister resigned last week.", "2021-03-15") == "2021-W10"
