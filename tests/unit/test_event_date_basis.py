"""Where an event's date comes from (``Event.evidence.date``) and when the publication date is not used:
a past act with no time of its own in a text that narrates earlier days, a present-tense scene (a caption),
an act dated so many days from a dated clause, an act placed at an occasion the article dates elsewhere."""

from __future__ import annotations

from newsgraph.api import analyze
from newsgraph.events.coder import code_events
from newsgraph.model import Article, Event, EventDate, Published, Span, Timex
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context

PUB = "2024-03-10"  # a Sunday
FRIDAY = "2024-03-08"


def _events(text: str, stamps: dict[str, str], title: str = "") -> list[Event]:
    txs = []
    for phrase, value in stamps.items():
        start = text.index(phrase)
        txs.append(Timex(Span(start, start + len(phrase), phrase), "DATE", value))
    art = Article(id="t", text=text, title=title, published=Published(PUB, "day", "input"))
    ctx = Context(article=art, doc=load_nlp()(text))
    ctx.results["timexes"] = txs
    return code_events(ctx)


def _one(evs: list[Event], trigger: str) -> Event:
    got = [e for e in evs if e.trigger.text == trigger]
    assert got, [e.trigger.text for e in evs]
    return got[0]


def _basis(ev: Event) -> str | None:
    return ev.evidence.date if ev.evidence else None


def test_own_time_is_the_clause_basis() -> None:
    ev = _one(_events("Norway attacked Sweden on Friday.", {"Friday": FRIDAY}), "attacked")
    assert ev.date == EventDate(FRIDAY, "day", "text") and _basis(ev) == "clause"


def test_a_past_act_after_an_earlier_day_is_left_undated() -> None:
    text = ("Norway attacked Sweden on Friday evening.\n\nThe border was calm.\n\nThe ministers were tired.\n\n"
            "Norway expelled Swedish diplomats.")
    ev = _one(_events(text, {"Friday evening": FRIDAY}), "expelled")
    assert ev.date is None and _basis(ev) == "past_undated"


def test_a_past_act_with_no_time_reference_at_all_is_left_undated() -> None:
    ev = _one(_events("Norway expelled Swedish diplomats.", {}), "expelled")
    assert ev.date is None and _basis(ev) == "past_undated"


def test_a_past_act_after_the_publication_day_takes_it() -> None:
    text = ("Norway attacked Sweden on Sunday.\n\nThe border was calm.\n\nThe ministers were tired.\n\n"
            "Norway expelled Swedish diplomats.")
    ev = _one(_events(text, {"Sunday": PUB}), "expelled")
    assert ev.date == EventDate(PUB, "day", "published") and _basis(ev) == "published_past"


def test_a_present_act_keeps_the_publication_date() -> None:
    ev = _one(_events("Norway is expelling Swedish diplomats.", {}), "expelling")
    assert ev.date == EventDate(PUB, "day", "published") and _basis(ev) == "published"


def test_a_present_tense_scene_is_not_the_days_news() -> None:
    # a caption: the simple present of a meeting is the photo's moment, not the publication day
    ev = _one(_events("Obama meets with Angela Merkel on the sidelines of the summit in Berlin.", {}), "meets")
    assert ev.date is None and _basis(ev) == "present_undated"
    # a statement in the present is the day's news
    evs = _events("Norway accuses Sweden of spying.", {})
    assert _one(evs, "accuses").date == EventDate(PUB, "day", "published")


def test_a_headline_in_the_present_keeps_the_publication_date() -> None:
    title = "Obama meets Merkel in Berlin"
    evs = list(analyze(title + "\n\nThe talks were long.", date=PUB, title=title).events)
    ev = _one(evs, "meets")
    assert ev.date == EventDate(PUB, "day", "published") and _basis(ev) == "published"


def test_days_before_a_present_clause() -> None:
    text = "The protests come two days after Norway expelled Swedish diplomats."
    ev = _one(_events(text, {}), "expelled")
    assert ev.date == EventDate(FRIDAY, "day", "text") and _basis(ev) == "inherited"


def test_days_after_a_dated_clause() -> None:
    text = "The strike came on Friday, three days before Norway expelled Swedish diplomats."
    ev = _one(_events(text, {"Friday": FRIDAY}), "expelled")
    assert ev.date == EventDate("2024-03-11", "day", "text")


def test_an_act_at_an_occasion_dated_elsewhere() -> None:
    text = ("At a memorial event held Wednesday in Dover, Obama read a prayer.\n\n"
            "Obama meets with Angela Merkel on the sidelines of the memorial event in Dover.")
    ev = _one(_events(text, {"Wednesday": "2024-03-06"}), "meets")
    assert ev.date == EventDate("2024-03-06", "day", "text") and _basis(ev) == "inherited"


def test_an_unnamed_occasion_is_not_matched() -> None:
    text = ("At a press conference held Wednesday, Obama read a statement.\n\n"
            "Obama met Angela Merkel at a press conference.")
    ev = _one(_events(text, {"Wednesday": "2024-03-06"}), "met")
    assert ev.date != EventDate("2024-03-06", "day", "text")


def test_an_as_clause_shares_its_main_clauses_time() -> None:
    text = "Obama made the comments on Saturday as he met with Angela Merkel in Berlin."
    ev = _one(_events(text, {"on Saturday": "2024-03-09"}), "met")
    assert ev.date == EventDate("2024-03-09", "day", "text")


def test_a_report_on_the_publication_day_tells_the_days_news() -> None:
    text = "Norway expelled two Swedish diplomats overnight, officials said on Sunday."
    ev = _one(_events(text, {"on Sunday": PUB}), "expelled")
    assert ev.date == EventDate(PUB, "day", "published") and _basis(ev) == "published_past"
    text = "Norway expelled two Swedish diplomats, officials said on Friday."
    assert _one(_events(text, {"on Friday": FRIDAY}), "expelled").date is None


def test_a_year_in_between_sets_no_running_day() -> None:
    text = ("Norway accused Sweden of spying on Sunday. Trade between them fell in 2023.\n\n"
            "Norway also expelled Swedish diplomats.")
    ev = _one(_events(text, {"on Sunday": PUB, "in 2023": "2023"}), "expelled")
    assert ev.date == EventDate(PUB, "day", "published")
