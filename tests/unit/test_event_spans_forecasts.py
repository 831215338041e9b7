"""Event dates and non-events of branch evfix4: a time expression that bounds a span ("since 1952", "from
2017 to 2019"; the timex stage marks it, tests/unit/test_timex_bounds.py) dates no single act; a passive
expectation ("X is expected to meet Y") is a forecast, neither X's intention nor a meeting; a person training or
exercising with no armed party is no force posture. Invented sentences."""

from __future__ import annotations

from newsgraph.api import analyze
from newsgraph.model import Event, Span, Timex


def _events(text: str, pub: str = "2021-06-16") -> list[Event]:
    return [e for e in analyze(text, date=pub).events if not e.negated]


def _tx(text: str, word: str, value: str) -> Timex:
    at = text.index(word)
    return Timex(Span(at, at + len(word), word), "DATE", value)


def test_a_record_since_a_year_is_not_dated_by_that_year() -> None:
    evs = _events("The Dutch king has met every Belgian prime minister since 1994, his office said.")
    met = [e for e in evs if e.trigger.text == "met"]
    assert met and all(e.date is None or e.date.value != "1994" for e in met)


def test_acts_over_a_range_of_years_take_neither_end() -> None:
    evs = _events("The Canadian prime minister met the Mexican president from 2015 to 2018 at several summits.")
    met = [e for e in evs if e.trigger.text == "met"]
    assert met and all(e.date is None or e.date.value not in ("2015", "2018") for e in met)


def test_an_own_point_date_still_dates_the_act() -> None:
    evs = _events("The Canadian prime minister met the Mexican president in Ottawa on Monday.")
    assert {e.date.value for e in evs if e.trigger.text == "met" and e.date} == {"2021-06-14"}


def test_a_meeting_only_expected_is_no_meeting_and_no_intention() -> None:
    evs = _events("The Canadian prime minister is expected to meet the Mexican president at the summit.")
    assert not [e for e in evs if e.code[:2] in ("03", "04") and e.modality in ("asserted", "intended", "future")]


def test_an_actor_that_expects_to_meet_states_an_intention() -> None:
    evs = _events("The Canadian prime minister expects to meet the Mexican president on Friday.")
    assert any(e.code.startswith("03") for e in evs)


def test_training_with_a_sports_team_is_no_mobilisation() -> None:
    evs = _events("The Canadian prime minister trained with the national hockey team in Toronto.")
    assert not [e for e in evs if e.code.startswith("15") or e.code.startswith("06")]
    evs = _events("The Turkish army trained Syrian rebels near the border.")
    assert any(e.code.startswith("154") for e in evs)
    evs = _events("Iran has trained hundreds of hackers to attack banks in Canada, officials said on Monday.")
    assert any(e.code.startswith("154") for e in evs)


def test_a_heading_line_dates_the_items_below_it_by_their_tense() -> None:
    from newsgraph.events.headings import Headings
    from newsgraph.model import EventDate

    text = "Week ahead\n\nWEDNESDAY\n\n• The mayor opens a bridge.\n\nThe council met on budget day.\n"
    wed = _tx(text, "WEDNESDAY", "2019-02-20")  # resolved backwards from a Sunday, as a verbless line is
    heads = Headings(text, [wed])
    pub = EventDate("2019-02-24", "day", "published")
    item = text.index("The mayor")
    assert heads.date_at(item, "present", pub) == EventDate("2019-02-27", "day", "text")
    assert heads.date_at(item, "future", pub) == EventDate("2019-02-27", "day", "text")
    assert heads.date_at(item, "past", pub) == EventDate("2019-02-20", "day", "text")
    assert heads.date_at(text.index("WEDNESDAY") - 1, "present", pub) is None  # above the heading
    # a line with more than a day on it is no heading; nor is the text's first line
    text2 = "Tuesday\n\nOn Wednesday the mayor opened a bridge.\n"
    assert Headings(text2, [_tx(text2, "Tuesday", "2019-02-19"), _tx(text2, "Wednesday", "2019-02-20")]).heads == []


def test_an_item_of_a_week_ahead_list_takes_its_headings_day() -> None:
    text = ("The week ahead\n\nMONDAY\n\n• The Dutch king opens a new bridge in Rotterdam.\n\nWEDNESDAY\n\n"
            "• The two leaders are in Ottawa for a two-day summit of Canada and Mexico.\n")
    evs = _events(text, "2019-02-24")
    summit = [e for e in evs if e.trigger.text == "summit"]
    assert summit and all(e.date is not None and e.date.value == "2019-02-27" for e in summit)
    assert all(e.evidence.date == "heading" for e in summit)


def test_a_weekday_heading_takes_its_sections_tense_and_dates_no_past_act_to_come() -> None:
    from newsgraph.events.headings import Headings
    from newsgraph.model import EventDate

    text = "Week ahead\n\nTUESDAY\n\n• The council is expected to vote. The mayor warned of delays.\n"
    tue = _tx(text, "TUESDAY", "2019-01-22")  # resolved backwards from a Sunday
    heads = Headings(text, [tue], tense_after=lambda at: "future")
    pub = EventDate("2019-01-27", "day", "published")
    at = text.index("The mayor")
    assert heads.date_at(at, "present", pub) == EventDate("2019-01-29", "day", "text")
    assert heads.date_at(at, "past", pub) is None  # a past act under a day still to come


def test_a_past_act_in_a_week_ahead_item_is_not_dated_by_the_heading() -> None:
    text = ("The week ahead\n\nTUESDAY\n\n• The Dutch parliament is expected to vote on the budget. "
            "The Dutch king called on the Belgian prime minister to back the plan.\n")
    evs = _events(text, "2019-01-27")
    assert all(e.date is None or e.date.value != "2019-01-22" for e in evs)
