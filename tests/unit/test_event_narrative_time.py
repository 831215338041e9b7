"""Event dates from the narrative's reference time: a report that dates its incident once and then
narrates it sentence by sentence dates the later sentences' past events to that day too."""

from __future__ import annotations

from newsgraph.events.coder import code_events
from newsgraph.model import Article, Event, EventDate, Published, Span, Timex
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context

PUB = "2024-03-10"  # a Sunday
FRIDAY = "2024-03-08"


def _events(text: str, stamps: dict[str, str]) -> list[Event]:
    """Code ``text`` published on :data:`PUB`, with a timex for each phrase in ``stamps``."""
    txs = []
    for phrase, value in stamps.items():
        start = text.index(phrase)
        txs.append(Timex(Span(start, start + len(phrase), phrase), "DATE", value))
    art = Article(id="t", text=text, title="", published=Published(PUB, "day", "input"))
    ctx = Context(article=art, doc=load_nlp()(text))
    ctx.results["timexes"] = txs
    return code_events(ctx)


def _date_of(evs: list[Event], trigger: str) -> EventDate | None:
    got = [e for e in evs if e.trigger.text == trigger]
    assert got, [e.trigger.text for e in evs]
    return got[0].date


def test_later_sentences_of_a_dated_incident_take_its_day() -> None:
    text = ("Norway attacked Sweden on Friday evening. Sweden had shelled Norwegian towns. "
            "Norway arrested Swedish spies.")
    evs = _events(text, {"Friday evening": FRIDAY})
    assert _date_of(evs, "attacked") == EventDate(FRIDAY, "day", "text")
    assert _date_of(evs, "arrested") == EventDate(FRIDAY, "day", "narrative")


def test_a_new_paragraph_reaches_back_one_sentence_only() -> None:
    # beyond the narrative's reach the past act is not dated Friday; nor, the text's last time being
    # Friday, the publication day: it is left undated (test_event_date_basis.py)
    text = "Norway attacked Sweden on Friday evening.\n\nThe town was calm.\n\nNorway arrested Swedish spies."
    evs = _events(text, {"Friday evening": FRIDAY})
    assert _date_of(evs, "arrested") is None
    text = "Norway attacked Sweden on Friday evening.\n\nNorway arrested Swedish spies."
    evs = _events(text, {"Friday evening": FRIDAY})
    assert _date_of(evs, "arrested") == EventDate(FRIDAY, "day", "narrative")


def test_present_tense_event_keeps_the_publication_date() -> None:
    text = "Norway attacked Sweden on Friday evening. Norway is arresting Swedish spies."
    evs = _events(text, {"Friday evening": FRIDAY})
    assert _date_of(evs, "arresting") == EventDate(PUB, "day", "published")


def test_a_coarser_or_current_reference_time_gives_no_narrative_day() -> None:
    text = "Norway expelled the Swedish envoy earlier this month. Norway arrested Swedish spies."
    evs = _events(text, {"earlier this month": "2024-03"})
    assert _date_of(evs, "arrested") is None  # not the day's news either: the text's time is earlier
    text = "Norway attacked Sweden on Sunday. Norway arrested Swedish spies."
    evs = _events(text, {"Sunday": PUB})
    assert _date_of(evs, "arrested") == EventDate(PUB, "day", "published")


def test_a_date_inside_a_quotation_is_not_the_narrative_time() -> None:
    text = '"Norway attacked us on Friday," Sweden said. Norway arrested Swedish spies.'
    evs = _events(text, {"Friday": FRIDAY})
    assert _date_of(evs, "arrested") is None  # no time of the narration: an act other than speech is undated
    text = '"Norway attacked us on Friday," Sweden said. Norway accused Sweden of spying.'
    evs = _events(text, {"Friday": FRIDAY})
    assert _date_of(evs, "accused") == EventDate(PUB, "day", "published")


def test_a_date_told_as_background_is_not_the_narrative_time() -> None:
    text = "Norway condemned the riots that began on Friday. Norway accused Sweden of spying."
    evs = _events(text, {"Friday": FRIDAY})
    assert _date_of(evs, "accused") == EventDate(PUB, "day", "published")
