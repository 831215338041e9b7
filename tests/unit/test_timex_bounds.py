"""The time-expression stage's two rules of "when" that the event coder reads: the ends of a span get their TIMEX3
``mod`` ("since 1990" ON_OR_AFTER; ``nlp/timex/bounds.py``), and a weekday falls on the side of the anchor its
modifier or tense points to (``weekday_toward``, used for a timex and for a schedule's weekday heading).
Invented sentences."""

from __future__ import annotations

from datetime import date

from newsgraph.model import Span, Timex
from newsgraph.nlp.timex import bounds_span, find_timexes, tense_side, weekday_toward

ANCHOR = "2021-06-16"  # a Wednesday


def _mods(text: str) -> dict[str, str | None]:
    return {t.span.text: t.mod for t in find_timexes(text, ANCHOR)}


def test_the_ends_of_a_span_are_read_from_the_words_around_the_expressions() -> None:
    got = _mods("The two ministers have met each spring since 1990 and talked from 2001 to 2003, "
                "then on Monday, and from Tuesday.")
    assert got["1990"] == "ON_OR_AFTER"  # "since" opens a span
    assert (got["2001"], got["2003"]) == ("ON_OR_AFTER", "ON_OR_BEFORE")  # a range: both ends
    assert got["Monday"] is None and got["Tuesday"] is None  # a point; "from" with no closing end
    got = _mods("The strike at the port lasted between March and May.")
    assert (got["March"], got["May"]) == ("ON_OR_AFTER", "ON_OR_BEFORE")
    got = _mods("The embassy stays shut until Friday.")
    assert got["Friday"] == "ON_OR_BEFORE"
    # a clock time bounds a span as a date does; "after" and "before" leave a point, as for a date
    got = _mods("The curfew was lifted until 4 pm. Shops opened after 9 am, shortly before 10 a.m.")
    assert got["4 pm"] == "ON_OR_BEFORE" and got["9 am"] is None and got["shortly before 10 a.m."] == "APPROX"


def test_the_past_year_after_over_is_the_span_up_to_now() -> None:
    got = {t.span.text: t for t in find_timexes("Exports grew over the past year, the ministry said.", ANCHOR)}
    assert got["the past year"].value == "2020" and got["the past year"].mod == "ON_OR_AFTER"
    # the same words as a point of their own: last year, no bound
    got = {t.span.text: t for t in find_timexes("The past year was the ministry's worst.", ANCHOR)}
    assert got["The past year"].mod is None


def test_a_bound_replaces_an_edge_of_the_period_and_a_duration_keeps_its_own_mod() -> None:
    got = _mods("The general has led the army since early 2017.")
    assert got["early 2017"] == "ON_OR_AFTER"
    assert _mods("The general took over in early 2017.")["early 2017"] == "START"
    got = _mods("Talks have run for more than two years since the deal.")
    assert got["more than two years"] == "MORE_THAN"


def test_only_the_end_of_a_span_is_one_that_dates_no_act() -> None:
    def tx(mod: str | None) -> Timex:
        return Timex(Span(0, 4, "2017"), "DATE", "2017", mod)

    assert bounds_span(tx("ON_OR_AFTER")) and bounds_span(tx("ON_OR_BEFORE"))
    assert not any(bounds_span(tx(m)) for m in (None, "START", "END", "MID", "APPROX"))


def test_a_weekday_falls_on_the_side_of_the_anchor_asked_for() -> None:
    wed = date(2021, 6, 16)
    assert weekday_toward(1, wed, "on_or_before") == date(2021, 6, 14)
    assert weekday_toward(1, wed, "on_or_after") == date(2021, 6, 21)
    assert weekday_toward(3, wed, "on_or_before") == wed == weekday_toward(3, wed, "on_or_after")
    assert weekday_toward(3, wed, "before") == date(2021, 6, 9)  # "last Wednesday" said on a Wednesday
    assert weekday_toward(3, wed, "after") == date(2021, 6, 23)
    assert weekday_toward(5, wed, "before") == date(2021, 6, 11)
    assert weekday_toward(5, wed, "after") == date(2021, 6, 18)


def test_a_weekday_told_in_the_future_or_present_lies_ahead_in_the_past_behind() -> None:
    assert tense_side("future") == tense_side("present") == "on_or_after"
    assert tense_side("past") == "on_or_before"
    assert tense_side(None) is None
    # the stage's own weekdays follow the same rule: "last" and "next" strictly, a bare one with no verb behind
    got = {t.span.text: t.value for t in find_timexes("last Friday, next Friday, Friday, Wednesday", ANCHOR)}
    assert got == {"last Friday": "2021-06-11", "next Friday": "2021-06-18", "Friday": "2021-06-11",
                   "Wednesday": "2021-06-16"}


def test_last_weekday_is_that_day_of_the_week_before_this_past_the_nearest() -> None:
    # published on a Wednesday: "last Monday" is the Monday of the week before (nine days back), not two days back,
    # as "last week" is that week; "this past Monday" is the nearest; a later weekday is last week's either way
    got = {t.span.text: t.value for t in find_timexes(
        "They met last Monday. This past Monday was quiet. It ended last Friday.", ANCHOR)}
    assert got == {"last Monday": "2021-06-07", "This past Monday": "2021-06-14", "last Friday": "2021-06-11"}
    # published on a Sunday: "last week" is the week ending that day, so "last Monday" is six days back
    sunday = {t.span.text: t.value for t in find_timexes("They met last Monday.", "2021-06-20")}
    assert sunday == {"last Monday": "2021-06-14"}
