"""Entity mechanisms from the sixth judged sample's error kinds (invented sentences): seats used as
locations, titles that designate no actor, pieces of work, event and award names, scores in names,
names run together, party officials, firms named by an industry noun, and "us" in lower-case copy."""

from __future__ import annotations

import pytest

from newsgraph.actors.provenance import rule_code
from newsgraph.model import Entity
from newsgraph.nlp.actor_uses import past_years_after, role_words_of_name
from newsgraph.nlp.entities import extract_entities
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.nlp.truecase import truecase
from newsgraph.registry import Context


def _entities(article) -> list[Entity]:  # type: ignore[no-untyped-def]
    return extract_entities(Context(article=article, doc=load_nlp()(article.text)))


def _at(ents: list[Entity], text: str) -> Entity | None:
    """The entity with a mention of exactly ``text`` (the first such)."""
    return next((e for e in ents if any(m.text == text for m in e.mentions)), None)


def _starting(ents: list[Entity], text: str, pos: int) -> Entity | None:
    """The entity with a mention at character ``pos`` whose text starts with ``text``."""
    return next((e for e in ents if any(m.start == pos and m.text.startswith(text) for m in e.mentions)), None)


@pytest.mark.slow
def test_a_seat_used_as_a_location_is_no_government(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = ("The new premier gave a short speech outside Downing Street on Monday. Her husband waved from the "
            "steps of Downing Street. Later, Downing Street said the cabinet would meet on Tuesday.")
    ents = _entities(article_factory(text, date="2019-07-24"))
    coded = [e for e in ents if e.actor == "GBRGOV"]
    gov = [m.start for e in coded for m in e.mentions if m.text == "Downing Street"]
    assert gov == [text.rindex("Downing Street")]  # only the one that speaks for the government
    place = [e for e in ents if e.type == "FAC" and e.name == "Downing Street"]
    assert place and place[0].actor is None and len(place[0].mentions) == 2


@pytest.mark.slow
def test_titles_as_predicates_or_past_jobs_are_no_actors(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = ("Jane Roe gave her first speech as Canadian Prime Minister on Friday. Her adviser, Tom Lake, was "
            "the network's Canadian political editor between 1995 and 2003. Canadian officials said the "
            "budget was ready.")
    ents = _entities(article_factory(text, date="2021-03-05"))
    groups = {e.name: e.actor for e in ents if e.type == "GROUP"}
    assert "Canadian Prime Minister" not in groups
    assert "Canadian political editor" not in groups
    assert groups.get("Canadian officials") == "CANGOV"  # a title naming serving actors stays


def test_a_closed_span_of_years_dates_a_past_job() -> None:
    nlp = load_nlp()
    for tail, past in (("from 1990 to 1994 .", True), ("between 2001 and 2009 .", True), ("2000-2008 .", True),
                       ("since 2010 .", False), ("in 2012 .", False)):
        doc = nlp("He was the paper's editor " + tail)
        end = next(t.i for t in doc if t.text == "editor") + 1
        assert past_years_after(doc, end) is past, tail


@pytest.mark.slow
def test_pieces_of_works_events_and_languages_are_no_actors(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = ("Critics loved the animated comedy Team Canada: Hockey Heroes. The sequel to Ghosts of the "
            "Mediterranean opens soon. The Spanish Open champion Ana Ruiz beat a qualifier. The most used "
            "German word of the year was chosen by Italian officials.")
    ents = _entities(article_factory(text, date="2012-05-01"))
    for piece in ("Team Canada", "Mediterranean", "Spanish", "German"):
        e = _at(ents, piece)
        assert e is None or e.actor is None, piece
    italian = _at(ents, "Italian officials")
    assert italian is not None and italian.actor == "ITAGOV"


def test_a_state_form_or_office_before_of_keeps_the_place(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = ("The President of Kenya met the King of Spain, Queen Mirela of Denmark and the Government of India "
            "on Monday.")
    ents = _entities(article_factory(text, date="2015-05-01"))
    for place, code in (("Kenya", "KEN"), ("Denmark", "DNK"), ("Government of India", "INDGOV")):
        e = _at(ents, place)
        assert e is not None and (rule_code(e.actor, e.actor_source) or "").startswith(code), place


@pytest.mark.slow
def test_scores_and_qualifiers_are_not_part_of_names(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = ("Top seed Maria Lopez beat Spain's Carla Rivas Mendoza 6-3 7-6 in the first round. Jo Kent met the "
            "new Republican National Committee chairman on Monday.")
    ents = _entities(article_factory(text, date="2017-04-10"))
    rivas = _starting(ents, "Carla", text.index("Carla"))
    assert rivas is not None and rivas.name == "Carla Rivas Mendoza" \
        and rule_code(rivas.actor, rivas.actor_source) == "ESP"
    rnc = _starting(ents, "Republican", text.index("Republican"))
    assert rnc is not None and not rnc.name.startswith("new ")


@pytest.mark.slow
def test_names_run_together_by_a_lost_full_stop_are_split(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = "After the vote to leave the European Union Britain needed a plan, the minister said."
    ents = _entities(article_factory(text, date="2017-04-18"))
    eu = _at(ents, "European Union")
    uk = _at(ents, "Britain")
    assert eu is not None and eu.actor is not None and eu.actor.startswith("IGO")
    assert uk is not None and uk.actor == "GBR"


@pytest.mark.slow
def test_officials_of_a_party_or_movement_are_not_government(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = ("The BJP's Kerala unit secretary Arun Pillai said the rally would go on. XYZM secretary Ravi Menon "
            "agreed. Home Minister Vijay Rao disagreed.")
    ents = _entities(article_factory(text, date="2004-03-01"))
    pillai = _at(ents, "Arun Pillai")
    menon = _at(ents, "Ravi Menon")
    assert pillai is not None and not (pillai.actor or "").endswith("GOV")
    assert menon is not None and not (menon.actor or "").endswith("GOV")


@pytest.mark.slow
def test_firms_named_by_an_industry_noun_and_places_in_names(article_factory) -> None:  # type: ignore[no-untyped-def]
    text = ("Voltaro, the US arm of a Japanese group, was the only Ohio-based automaker to lift sales. The "
            "festival will be held at London's North Bank Hall.")
    ents = _entities(article_factory(text, date="2005-02-01"))
    voltaro = _at(ents, "Voltaro")
    assert voltaro is not None and voltaro.actor == "USABUS"
    hall = _at(ents, "North Bank Hall")
    assert hall is None or not (hall.actor or "").endswith("BUS")


def test_a_compass_word_makes_the_next_word_a_place() -> None:
    assert role_words_of_name(["South", "Bank", "Centre"]) == ["centre"]
    assert role_words_of_name(["Bank", "of", "Spain"]) == ["bank", "of", "spain"]


def test_lower_case_us_before_a_full_stop_stays_the_pronoun() -> None:
    out = truecase("it is a shame on us. tariffs on us goods rose.", "lower")
    assert "on us." in out and "on US goods" in out
