"""Entity mechanisms from the fifth judged sample's error kinds (invented sentences): which leader a
shared alias names, name suffixes, caption debris, datelines, former vs private posts, places that are
not their country's or a body's, roles that are plain, and words that are not names."""

from __future__ import annotations

import pytest

from newsgraph.actors import lexicon
from newsgraph.actors.provenance import rule_code
from newsgraph.model import Entity
from newsgraph.nlp.entities import extract_entities
from newsgraph.nlp.name_evidence import defined_acronyms
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context


def _entities(article) -> list[Entity]:  # type: ignore[no-untyped-def]
    return extract_entities(Context(article=article, doc=load_nlp()(article.text)))


def _at(ents: list[Entity], text: str) -> Entity | None:
    """The entity with a mention of exactly ``text`` (the first such)."""
    return next((e for e in ents if any(m.text == text for m in e.mentions)), None)


def test_shared_alias_names_the_holder_in_office_on_the_day() -> None:
    lx = lexicon()
    entries = lx.phrases["Bush"]
    assert lx.pick_entry(entries, "2004-12-31").name == "George W. Bush"
    assert lx.pick_entry(entries, "1990-06-01").name == "George H. W. Bush"
    assert lx.pick_entry(entries, None).name == "George W. Bush"  # undated, no year: the latest holder
    assert lx.pick_entry(entries, "2015-01-01").name == "George W. Bush"  # both former: the later one


@pytest.mark.slow
def test_undated_story_of_2003_gets_the_son(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("The Bush administration took a harder line on trade. President Bush's officials "
                          "said in 2003 that tariffs would stay.", date=None)
    bush = _at(_entities(art), "Bush")
    assert bush is not None and bush.name == "George W. Bush" and bush.actor == "USAGOV"


@pytest.mark.slow
def test_a_generational_suffix_makes_another_person(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("Donald Trump Jr. toured a factory in Ohio. President Trump stayed in Washington.",
                          date="2018-05-02")
    ents = _entities(art)
    son = _at(ents, "Donald Trump Jr.")
    assert son is not None and son.kb_id is None and son.actor is None
    father = _at(ents, "Trump")
    assert father is not None and father is not son and father.actor == "USAGOV"


@pytest.mark.slow
def test_caption_time_stamps_and_replay_are_not_part_of_a_name(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("JUST WATCHED Ministers discuss a trade pact with EU Replay More Videos ... MUST WATCH "
                          "Ministers discuss a trade pact with the EU 02:41\n\nThe talks resume next week.",
                          date="2018-05-02")
    names = {e.name for e in _entities(art)}
    assert not any("Replay" in n or "02:41" in n for n in names)
    assert "European Union" in names


@pytest.mark.slow
def test_an_agency_dateline_is_not_the_headline_persons_employer(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("(CNN) Nobody expected the week to end this way. Nigel Farage gave a speech.",
                          title="Why Farage stayed on", date="2016-07-01")
    farage = _at(_entities(art), "Nigel Farage")
    code = rule_code(farage.actor, farage.actor_source) if farage is not None else None
    assert code is not None and not code.endswith("MED")


@pytest.mark.slow
def test_private_lawyers_are_not_courts_and_a_special_counsel_serves(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("Another statement came from Trump lawyer Jane Roe on Monday. The case troubles "
                          "ex-Trump attorney John Doe. It also reached special counsel Robert Mueller.",
                          date="2018-11-05")
    ents = _entities(art)
    for name in ("Jane Roe", "John Doe"):
        e = _at(ents, name)
        assert e is None or e.actor is None or e.actor[3:] not in ("JUD", "ELI")
    mueller = _at(ents, "Robert Mueller")
    assert mueller is not None and mueller.actor == "USAGOV"


@pytest.mark.slow
def test_state_after_a_us_city_and_an_organisation_named_by_its_seat(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("The firm builds engines in Atlanta, Georgia, and in Wales. The prime minister told "
                          "Brussels that the EU must move, and Brussels said it would not.", date="2018-12-01")
    ents = _entities(art)
    georgia = _at(ents, "Georgia")
    assert georgia is None or georgia.actor != "GEO"
    seat = _at(ents, "Brussels")
    assert seat is not None and seat.actor == "IGOEUREEC"


@pytest.mark.slow
def test_a_dateline_capital_is_a_place_not_its_country(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("Lisbon, Portugal (CNN) The vote was close. Portugal said it would wait.",
                          date="2018-12-01")
    ents = _entities(art)
    assert _at(ents, "Lisbon") is not _at(ents, "Portugal")
    # a capital opening a paragraph as the subject ("Lisbon, meanwhile, ...") is its government, no dateline
    art = article_factory("Portugal voted on Monday.\n\nLisbon, meanwhile, has gained from cheap loans.",
                          date="2018-12-01")
    ents = _entities(art)
    assert _at(ents, "Lisbon") is _at(ents, "Portugal")


@pytest.mark.slow
def test_plain_business_roles_and_a_title_of_one_country(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("Dutch brewing giant Grolsch reported a loss. The Irish property tycoon Sean Byrne "
                          "bought shares. Lord Smith, the Lord Chief Justice, spoke.", date=None)
    ents = _entities(art)
    grolsch, byrne, smith = _at(ents, "Grolsch"), _at(ents, "Sean Byrne"), _at(ents, "Smith")
    assert grolsch is not None and grolsch.actor == "NLDBUS"
    assert byrne is not None and byrne.actor == "IRLBUS"
    assert smith is not None and smith.actor == "GBRJUD"


def test_a_hyphenated_long_form_defines_its_acronym() -> None:
    assert defined_acronyms("lines using Carrier Pre-Selection (CPS) services") == {"CPS": "Carrier Pre-Selection"}


@pytest.mark.slow
def test_words_that_are_not_names_or_actors(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("Many ideas fed into physics. Fans watched American football on Sunday. Plans for a "
                          "Trump Tower Moscow were dropped. The bus service to Westminster was cut. At the party "
                          "congress the CPM attacked the Congress in India. The Soviet Union collapsed, and "
                          "Russia rose.", date="2019-01-22")
    ents = _entities(art)
    assert _at(ents, "fed") is None and _at(ents, "American") is None
    tower = _at(ents, "Trump Tower Moscow")
    assert tower is None or tower.actor is None
    west = _at(ents, "Westminster")
    assert west is None or west.actor is None or not west.actor.endswith("LEG")
    assert _at(ents, "congress") is None
    soviet = _at(ents, "Soviet Union")
    assert soviet is not None and soviet.name == "Soviet Union" and soviet is not _at(ents, "Russia")


@pytest.mark.slow
def test_an_organisations_working_president_holds_no_public_office(article_factory) -> None:  # type: ignore[no-untyped-def]
    art = article_factory("Police allowed Vishwa Hindu Parishad working president Ram Kumar to visit the town.",
                          date="2002-03-13")
    kumar = _at(_entities(art), "Ram Kumar")
    assert kumar is None or kumar.actor is None or not kumar.actor.endswith("GOV")


def test_a_name_with_initials_is_one_person(article_factory) -> None:  # type: ignore[no-untyped-def]
    # invented names; NER alone takes "M K" or "K Varsh" (as an organisation)
    ents = _entities(article_factory("Joint commissioner of police M K Tandor said the town was calm. "
                                     "Inspector A K Varsh said two men were held. The U.S. Army said nothing."))
    tandor = _at(ents, "M K Tandor")
    assert tandor is not None and tandor.type == "PERSON" \
        and (rule_code(tandor.actor, tandor.actor_source) or "").endswith("COP")  # (---COP: withheld)
    varsh = _at(ents, "A K Varsh")
    assert varsh is not None and varsh.type == "PERSON"
    army = _at(ents, "U.S. Army")
    assert army is not None and army.type != "PERSON"  # initials the lexicon knows name no person


def test_a_name_with_initials_typed_an_organisation_is_a_person() -> None:
    from newsgraph.nlp.lexicon_matches import Cand
    from newsgraph.nlp.name_forms import with_initial_names

    doc = load_nlp()("Commissioner H.T. Ramdass met A.B. Company and the U.S. Army on Monday.")

    def label(text: str, kind: str = "ORG") -> str:
        span = next(doc[i:j] for i in range(len(doc)) for j in range(i + 1, len(doc) + 1) if doc[i:j].text == text)
        (c,) = [c for c in with_initial_names(doc, [Cand(span.start, span.end, kind)])
                if (c.start, c.end) == (span.start, span.end)]
        return c.label

    assert label("H.T. Ramdass") == "PERSON" and label("H.T. Ramdass", "GPE") == "PERSON"
    assert label("A.B. Company") == "ORG" and label("U.S. Army") == "ORG"  # an organisation noun; known initials
