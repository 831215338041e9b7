"""Events: talking to an audience, and other fixes of the eighth shown sample's error kinds.

Every text here is invented for the test; each assertion is one rule that could fail.
"""

from __future__ import annotations

from newsgraph.config import load_settings
from newsgraph.evaluation.events import _stages
from newsgraph.model import Article, Event, Published
from newsgraph.pipeline import annotate


def _events(text: str, *, date: str = "2021-03-10") -> list[Event]:
    base = load_settings()
    settings = base.with_overrides(stages=_stages(base))
    art = Article(id="t", text=text, title="", published=Published(date, "day", "input"))
    return list(annotate(art, settings).events)


def test_talking_to_an_audience_is_a_statement_not_a_consultation() -> None:
    evs = [e for e in _events("Prime Minister Ann Holt was talking to reporters in Paris on Monday.")
           if e.trigger.text == "talking"]
    assert evs and all(e.code == "010" for e in evs)
    # talking to another party is still a consultation
    evs = [e for e in _events("Prime Minister Ann Holt talked to President Jean Moreau of France on Monday.")
           if e.trigger.text == "talked"]
    assert evs and all(e.code.startswith("04") for e in evs)
