"""Police officers named with their rank, in lower-case and mixed-case text, coded COP by the entity stage
(actors/coding.py, nlp/title_words.py), so that every later stage (mentions, events, quotes) sees a police
officer.  Every sentence here is invented by the team for the rule it tests."""

from __future__ import annotations

import pytest

from newsgraph.actors.coding import code_title
from newsgraph.actors.context import CountryContext
from newsgraph.actors.lexicon import country_role_span
from newsgraph.model import Article, Entity, Event, Published
from newsgraph.pipeline import annotate

IND = CountryContext("IND", "mentions")
USA = CountryContext("USA", "mentions")


def _analysis(text: str) -> tuple[dict[str, Entity], list[Event]]:
    art = Article(id="t", text=text, title="", published=Published("2002-03-01", "day", "input"))
    a = annotate(art)
    return {e.name: e for e in a.entities}, list(a.events)


def test_a_rank_of_one_countrys_police_codes_in_that_country_only() -> None:
    assert country_role_span(["senior", "inspector"], "IND") == ("COP", 1, 2)
    assert country_role_span(["inspector"], "USA") is None
    got = code_title(["inspector"], IND, is_person=True, before_name=True, fill=False)
    assert got is not None and got.role == "COP"
    assert code_title(["inspector"], USA, is_person=True, before_name=True) is None  # a tax or fire inspector
    # "the inspector of the city police station": the post of the "of" phrase is the holder's
    got = code_title(["the", "inspector", "of", "the", "city", "police", "station"], IND, is_person=True)
    assert got is not None and got.role == "COP"


@pytest.mark.slow
def test_lower_case_rank_before_a_name_is_a_police_officer() -> None:
    ents, events = _analysis("new delhi: in india, inspector kamal deshwar said the two men had fled to the "
                             "hills. the curfew was lifted in the evening.")
    officer = next(e for n, e in ents.items() if "Deshwar" in n)
    assert officer.actor == "INDCOP"
    assert any(e.code == "010" and e.source is not None and e.source.actor == "INDCOP" for e in events)


@pytest.mark.slow
def test_rank_acronym_the_tagger_reads_as_a_verb() -> None:
    ents, _ = _analysis("new delhi: in india, dcp anil varkey told reporters that the town was calm. shops "
                        "opened on tuesday.")
    officer = next(e for n, e in ents.items() if "Varkey" in n)
    assert officer.actor == "INDCOP"


@pytest.mark.slow
def test_title_phrase_before_a_name_in_commas() -> None:
    ents, _ = _analysis("new delhi: in india, the sub-inspector of the old city police station, suresh "
                        "patel, said that the mob had run away. the curfew was lifted later.")
    officer = next(e for n, e in ents.items() if "Patel" in n)
    assert officer.actor == "INDCOP"
    # a police station as a place before the name is no title
    ents, _ = _analysis("new delhi: in india, at the old city police station, suresh patel, a trader, "
                        "said that the mob had run away. the curfew was lifted later.")
    trader = [e for n, e in ents.items() if "Patel" in n]
    assert all(e.role != "COP" for e in trader)


@pytest.mark.slow
def test_rank_in_an_appositive_after_the_name() -> None:
    ents, _ = _analysis("new delhi: in india, suresh patel, the inspector of the old city police station, "
                        "said that the mob had run away.")
    officer = next(e for n, e in ents.items() if "Patel" in n)
    assert officer.actor == "INDCOP"


@pytest.mark.slow
def test_rank_acronyms_of_indian_police() -> None:
    ents, events = _analysis("new delhi: in india, psi anil varkey is investigating the case. shops opened on "
                             "tuesday.")
    officer = next(e for n, e in ents.items() if "Varkey" in n)
    assert officer.actor == "INDCOP"
    assert any(e.code == "090" and e.source is not None and e.source.actor == "INDCOP" for e in events)
    # the verb is no rank
    _, events = _analysis("new delhi: in india, workers dig trenches near the market.")
    assert not any(e.source is not None and (e.source.actor or "").endswith("COP") for e in events)


@pytest.mark.slow
def test_a_list_item_before_a_name_is_no_title() -> None:
    ents, _ = _analysis("new delhi: in india, farmers, trade unions, suresh patel, the writers and others joined "
                        "the march on monday.")
    assert all(e.role is None or "union" not in e.role for n, e in ents.items() if "Patel" in n)
    assert all(not (e.actor or "").endswith("LAB") for n, e in ents.items() if "Patel" in n)
