"""Event dates (docs/judging.md, "Judging an event" (e)): the clause's own time; a retold event's
earlier date; no publication date for an event the text does not tell as the day's news."""

from __future__ import annotations

from newsgraph.api import analyze
from newsgraph.model import Event, EventDate

PUB = "2024-03-13"  # a Wednesday


def _events(text: str, title: str | None = None) -> list[Event]:
    return list(analyze(text, date=PUB, title=title).events)


def _dates(evs: list[Event], trigger: str) -> set[EventDate | None]:
    got = {e.date for e in evs if e.trigger.text == trigger}
    assert got, [e.trigger.text for e in evs]
    return got


def test_a_plain_past_statement_keeps_the_publication_date() -> None:
    # a verbal act in a text with no other time is the day's news; another past act is left undated
    # (test_event_date_basis.py)
    evs = _events("Norway accused Sweden of spying.")
    assert _dates(evs, "accused") == {EventDate(PUB, "day", "published")}
    evs = _events("Norway expelled the Swedish ambassador.")
    assert _dates(evs, "expelled") == {None}


def test_perfect_and_future_events_without_a_time_get_no_date() -> None:
    evs = _events("The Norwegian government had expelled the Swedish ambassador.")
    assert _dates(evs, "expelled") == {None}
    evs = _events("Norway will expel the Swedish ambassador.")
    assert _dates(evs, "expel") == {None}
    evs = _events("Norway will expel the Swedish ambassador on Friday.")
    assert _dates(evs, "expel") == {EventDate("2024-03-15", "day", "text")}


def test_a_schedule_shares_its_time_with_the_scheduled_act() -> None:
    evs = _events("On Friday, the Norwegian prime minister is set to visit Sweden.")
    assert _dates(evs, "visit") == {EventDate("2024-03-15", "day", "text")}


def test_that_same_day_is_the_day_named_before() -> None:
    text = ("On March 20, the Swedish king will open parliament. "
            "On that same day, Norwegian and Swedish diplomats are due to start negotiations in Oslo.")
    assert _dates(_events(text), "start") == {EventDate("2024-03-20", "day", "text")}


def test_a_time_after_a_background_phrase_is_not_the_events() -> None:
    text = ("The Norwegian prime minister arrived in Sweden on March 11. "
            "She is the first Norwegian leader to visit Sweden since Gro Harlem Brundtland in 1990.")
    dates = _dates(_events(text), "visit")
    assert EventDate("1990", "year", "text") not in dates
    assert dates == {EventDate("2024-03-11", "day", "text")}  # the visit told before


def test_an_event_noun_takes_the_time_of_the_clause_that_tells_of_it() -> None:
    text = ("The minister apologised for her meetings with Swedish officials, which took place in January.")
    assert _dates(_events(text), "meetings") == {EventDate("2024-01", "month", "text")}


def test_news_of_an_event_is_not_dated_by_the_news() -> None:
    text = ("The Norwegian minister met Swedish officials in January.\n\n"
            "News of the Norwegian minister's meetings with Swedish officials emerged on Monday.")
    dates = _dates(_events(text), "meetings")
    assert EventDate("2024-03-11", "day", "text") not in dates
    assert dates == {EventDate("2024-01", "month", "text")}  # the meeting told before


def test_a_definite_noun_retells_an_event_dated_before() -> None:
    text = ("The Norwegian prime minister will visit Sweden on March 22.\n\n"
            "The timing of the Norwegian prime minister's visit to Sweden is significant.")
    assert _dates(_events(text), "visit") == {EventDate("2024-03-22", "day", "text")}


def test_a_month_of_the_paragraphs_narration_dates_a_later_past_act() -> None:
    text = ("When the Norwegian prime minister toured Europe in January, she met many leaders. "
            "She criticized Sweden at a press conference.")
    evs = _events(text)
    assert _dates(evs, "met") == {EventDate("2024-01", "month", "text")}  # the when-clause's time
    assert _dates(evs, "criticized") == {EventDate("2024-01", "month", "narrative")}
    text = ("Trade between Norway and Sweden was worth 30 billion euros last year. "
            "The Norwegian prime minister criticized Sweden.")
    assert _dates(_events(text), "criticized") == {EventDate(PUB, "day", "published")}


def test_a_headline_event_takes_the_date_the_body_gives_it() -> None:
    title = "Norwegian PM Jonas Gahr Store to visit Sweden"
    body = "Norwegian Prime Minister Jonas Gahr Store is set to visit Sweden on Friday, officials said."
    evs = _events(body, title=title)
    title_events = [e for e in evs if e.trigger.start < len(title)]
    assert title_events
    assert {e.date for e in title_events} == {EventDate("2024-03-15", "day", "text")}


def test_an_intent_is_dated_when_it_is_stated() -> None:
    evs = _events("Norway said on Monday that it plans to cooperate with Sweden.")
    assert {e.date for e in evs if e.root == "03"} == {EventDate("2024-03-11", "day", "text")}
    evs = _events("Norway said on Monday that Norway and Sweden should cooperate closely.")
    assert {e.date for e in evs if e.root == "03"} == {EventDate("2024-03-11", "day", "text")}
    evs = _events("Norway said that Norway and Sweden should cooperate closely.")
    assert {e.date for e in evs if e.root == "03"} == {EventDate(PUB, "day", "published")}
