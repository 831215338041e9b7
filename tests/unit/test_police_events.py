"""Police events: police words as actors, implied agents of arrests, agents in cause phrases."""

from __future__ import annotations

from newsgraph.events.coder import code_events
from newsgraph.model import Article, Event, Published
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context


def _events(text: str) -> list[Event]:
    art = Article(id="t", text=text, title="", published=Published("2002-03-01", "day", "input"))
    return code_events(Context(article=art, doc=load_nlp()(text)))


def _src(e: Event) -> str | None:
    return e.source.actor if e.source is not None else None


def test_bare_police_word_is_the_source() -> None:
    ev = _events("Policemen detained two men near the market.")
    assert [(e.code, _src(e)) for e in ev] == [("173", "---COP")]


def test_agentless_arrest_implies_the_police_without_a_name_or_span() -> None:
    ev = _events("Over 50 persons were arrested in the town on Tuesday.")
    assert [(e.code, _src(e)) for e in ev] == [("173", "---COP")]
    src = ev[0].source
    assert src is not None and src.name is None and src.start is None and src.end is None
    # the same verb with a named agent keeps that agent
    ev = _events("The men were arrested by the army on Tuesday.")
    assert [_src(e) for e in ev if e.code == "173"] == ["---MIL"]


def test_agent_in_a_cause_phrase() -> None:
    ev = _events("Two persons died in police firing on Monday.")
    assert [(e.code, _src(e)) for e in ev if e.code == "1823"] == [("1823", "---COP")]
    # a death without an acting party is no event
    assert not [e for e in _events("He died in hospital on Monday.") if e.code == "1823"]


def test_indian_police_forces_are_coded_as_police() -> None:
    ev = _events("The Central Reserve Police Force fired tear gas shells at the mob.")
    assert any(e.code == "175" and _src(e) == "INDCOP" for e in ev), [(e.code, _src(e)) for e in ev]
