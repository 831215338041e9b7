"""Country context from places and "city:" datelines; party and association offices; former holders of
a seat's office; bare "The X" names; a bare head word of another entity's name; a country from another
mention.  Every sentence here is invented by the team for the rule it tests."""

from __future__ import annotations

import pytest

from newsgraph.actors.coding import code_title
from newsgraph.actors.context import CountryContext, colon_dateline, country_context
from newsgraph.model import Article, Entity, Published
from newsgraph.nlp.entities import extract_entities
from newsgraph.nlp.places import place_country, region_country
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context

IND = CountryContext("IND", "mentions")
GBR = CountryContext("GBR", "mentions")
USA = CountryContext("USA", "mentions")


def _entities(text: str, *, date: str = "2024-02-08") -> dict[str, Entity]:
    art = Article(id="t1", text=text, title="", published=Published(date, "day", "input"))
    ents = extract_entities(Context(article=art, doc=load_nlp()(text)))
    return {e.name: e for e in ents}


def test_place_country_takes_one_country_or_none() -> None:
    assert place_country("Gujarat") == "IND"  # an ISO 3166-2 state
    assert place_country("Ontario") == "CAN"  # the province, not the Californian city
    assert place_country("Birmingham") == "GBR"  # its largest bearer dominates the U.S. towns
    assert place_country("Texas") == "USA"
    assert place_country("Punjab") is None  # a state of India and a province of Pakistan
    assert place_country("APEX") is None  # an acronym, not the town
    assert place_country("Qwertyville") is None


def test_colon_dateline_is_a_place_opening_a_line() -> None:
    assert colon_dateline("ahmedabad: the curfew was lifted on monday.") == "ahmedabad"
    assert colon_dateline("Headline\n\nnew delhi: the party met.") == "new delhi"
    assert colon_dateline("The minister then said: we will act.") is None  # too long to be a place
    assert colon_dateline("No dateline in this text at all.") is None


def test_places_and_a_colon_dateline_give_the_context() -> None:
    text = "surat: the curfew was lifted, the commissioner said."
    assert country_context(text, []).country is None  # the lexicon alone knows no place here
    ctx = country_context(text, [], place_countries=["IND"], resolve_place=place_country)
    assert ctx.country == "IND" and ctx.dateline == "IND"  # dateline 3 + one place
    # places count like mentions: a clear lead is still needed
    assert country_context("x", [], place_countries=["IND", "IND", "PAK", "PAK"]).country is None
    assert country_context("x", ["GBR"], place_countries=["GBR"] * 3).country == "GBR"
    # an unknown "word:" opening is no dateline
    assert country_context("note: the talks went on.", [], resolve_place=place_country).dateline is None


def test_general_secretary_is_never_a_government_office() -> None:
    party = code_title(["Nationalist", "Communist", "Party", "general", "secretary"], IND, is_person=True)
    assert party is not None and party.code == "INDPTY"
    assert party.source is not None and "post-of:party" in party.source
    # an organisation the words do not make known: no code rather than GOV
    unknown = code_title(["vhp", "general", "secretary"], IND, is_person=True)
    assert unknown is None or unknown.code is None


def test_state_posts_of_an_organisation_and_department_secretaries() -> None:
    org = code_title(["Cpi", "state", "secretary"], IND, is_person=True)
    assert org is None or org.code is None  # a party's state secretary: not the government's
    home = code_title(["Home", "Secretary"], GBR, is_person=True)
    assert home is not None and home.code == "GBRGOV"  # a department's secretary stays a minister
    plain = code_title(["State", "Secretary"], GBR, is_person=True)
    assert plain is not None and plain.code == "GBRGOV"


def test_ambiguous_name_in_a_title_takes_the_context() -> None:
    india = code_title(["Congress", "president"], IND, is_person=True)
    assert india is not None and india.code == "INDPTY"
    us = code_title(["Congress", "president"], USA, is_person=True)
    assert us is None or us.code != "INDPTY"


def test_a_former_holder_of_a_seats_office_is_no_official() -> None:
    former = code_title(["Former", "Downing", "Street", "communications", "chief"], GBR, is_person=True)
    assert former is not None and former.code == "GBRELI"
    current = code_title(["Downing", "Street", "communications", "chief"], GBR, is_person=True)
    assert current is not None and current.code == "GBRGOV"


@pytest.mark.slow
def test_indian_places_give_officials_their_country() -> None:
    ents = _entities("Surat: Police commissioner Ravi Malhotra said on Monday that the curfew was lifted in "
                     "Vadodara and Rajkot. Shops reopened in Ahmedabad and Bhavnagar on Tuesday.", date="2002-03-04")
    person = ents.get("Ravi Malhotra")
    assert person is not None and person.actor == "INDCOP"


@pytest.mark.slow
def test_a_bare_the_name_word_is_not_the_newspaper() -> None:
    ents = _entities("Leaders of the Vishwa Hindu Parishad met in Lucknow. Later, The Hindu reported the talks.")
    papers = [e for e in ents.values() if e.kb_id == "institution:The Hindu"]
    assert len(papers) == 1 and [m.start for m in papers[0].mentions] == [papers[0].mentions[0].start]
    assert papers[0].mentions[0].text == "Hindu" and papers[0].mentions[0].start > 40


@pytest.mark.slow
def test_the_union_in_a_european_union_story_is_not_a_labour_union() -> None:
    ents = _entities("The European Union met in Brussels on Monday. Leaders of the Union agreed to extend the "
                     "deadline, and the Union will meet again in June.", date="2019-04-10")
    assert ents["European Union"].actor is not None
    assert all(e.actor is None or not e.actor.endswith("LAB") for e in ents.values())


def test_region_country_is_for_states_not_cities_or_countries() -> None:
    assert region_country("Ontario") == "CAN"
    assert region_country("Texas") == "USA"
    assert region_country("Georgia") is None  # a country too
    assert region_country("Georgetown") is None  # a city name says nothing of an institution's country


@pytest.mark.slow
def test_an_institution_named_after_a_state_is_that_states_country() -> None:
    ents = _entities("Researchers at Ontario State University and at Columbia University published the study.")
    assert ents["Ontario State University"].actor == "CANEDU"
    assert (ents["Columbia University"].actor or "---")[:3] != "COL"
