"""The one country table and the one role table: places, actors, the event coder and the exports
read the same rows, so they agree on codes."""

from __future__ import annotations

import pytest

from newsgraph.actors import code_phrase, lexicon, role_of_words
from newsgraph.actors.compose import code_phrase as coder_phrase
from newsgraph.actors.compose import country_of, role_of
from newsgraph.actors.countries import countries, fips
from newsgraph.export.geo import fips_country, gdelt_geo
from newsgraph.model import Article
from newsgraph.nlp.places import extract_places, lookup
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context


def test_a_romanian_place_and_a_romanian_actor_carry_the_same_code() -> None:
    row = countries()["ROM"]
    assert (row.iso3, row.iso2, row.fips, row.name) == ("ROU", "RO", "RO", "Romania")
    assert lookup("Bucharest")[0].country == "ROM"
    assert lookup("Romania")[0].country == "ROM"
    assert code_phrase("the Romanian government") == "ROMGOV"
    assert country_of("Romanian") == "ROM"


@pytest.mark.slow
def test_the_places_stage_gives_the_actor_lexicons_country_code() -> None:
    text = "Heavy rain flooded villages near Cluj in Romania on Sunday, officials in Bucharest said."
    ctx = Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text))
    places = {p.span.text: p.country for p in extract_places(ctx)}
    assert places.get("Romania") == "ROM"
    assert places.get("Bucharest") in (None, "ROM")  # an actor here, but if located, Romanian


def test_fips_comes_from_the_country_table() -> None:
    assert fips("DEU") == "GM" and fips_country("DEU") == "GM"
    assert fips("ROM") == "RO"  # the CAMEO code a place carries turns into GDELT's FIPS code
    assert gdelt_geo("country", "MTN").country == "MJ"
    assert fips("WST") == "" and fips(None) == ""  # a CAMEO region has no FIPS code


def test_region_rows_are_actors_and_place_rows_are_only_places() -> None:
    lx = lexicon()
    assert any(e.code == "WST" for e in lx.phrases["the West"])
    assert lookup("Jersey") and lookup("Jersey")[0].country == "JEY"  # located by the gazetteer
    assert "Jersey" not in lx.phrases  # but not an actor: the lexicon skips kind=place rows


def test_the_settled_role_codes_are_the_same_for_entities_and_events() -> None:
    # the eight codes the two former tables disagreed on, settled by the CAMEO type list
    want = {"protester": "OPP", "demonstrators": "OPP", "activist": "OPP", "protestor": "OPP",
            "insurgent": "INS", "militant": "UAF", "militia": "UAF", "settler": "SET"}
    for word, code in want.items():
        assert role_of_words([word]) == code, word
        assert role_of(word) == code, word
    assert role_of("inhabitant") == "CVL"  # a lemma finds the plural the table lists


def test_head_only_role_words_code_a_head_noun_but_not_a_person() -> None:
    assert role_of("leader") == "GOV" and role_of("spokesman") == "GOV"
    assert role_of_words(["rebel", "leader"]) == "REB"  # not GOV: "leader" alone codes nothing here
    assert role_of_words(["spokesman"]) is None
    assert coder_phrase("the Syrian army") == "SYRMIL"
    assert coder_phrase("the rebels") == "---REB"  # a role without a country: CAMEO's unknown country


# ------------------------------------------------------------------ people from sourced facts

def test_congress_members_come_from_the_sourced_table_with_dated_offices() -> None:
    lx = lexicon()
    cruz = lx.phrases["Ted Cruz"][0]
    assert cruz.kb_id == "leader:Ted Cruz" and cruz.source.startswith("us_people.tsv:")
    senate = lx.leader_role(cruz.kb_id, "2024-03-01")
    assert senate is not None and (senate.country + senate.role, senate.office) == ("USALEG", "U.S. Senator from Texas")
    assert senate.source == cruz.source  # the row that gave the code
    assert lx.leader_role(cruz.kb_id, "2005-06-01") is None  # not yet in office: no office code
    assert lx.genders[cruz.kb_id] == "M"


def test_a_former_office_holder_is_coded_elite_not_government() -> None:
    lx = lexicon()
    kb = lx.phrases["Barack Obama"][0].kb_id
    assert lx.leader_role(kb, "2012-05-01").role == "GOV"  # type: ignore[union-attr]
    former = lx.leader_role(kb, "2020-05-01")
    assert former is not None and former.role == "ELI" and former.office.startswith("former ")


def test_leaders_rows_and_sourced_rows_are_one_person() -> None:
    lx = lexicon()
    pelosi = lx.phrases["Pelosi"]
    assert len({e.kb_id for e in pelosi}) == 1  # leaders.tsv and us_people.tsv joined
    kb = pelosi[0].kb_id
    speaker = lx.leader_role(kb, "2020-06-01")
    assert speaker is not None and speaker.office.startswith("Speaker") and speaker.source.startswith("us_people")
    assert lx.leader_role(kb, "2024-06-01").office == "U.S. Representative for CA-11"  # type: ignore[union-attr]
    xi = lx.leader_role("leader:Xi Jinping", "2020-01-01")
    assert xi is not None and xi.source.startswith("leaders.tsv:Xi Jinping@")


def test_a_shared_surname_is_no_alias_and_shared_names_stay_apart() -> None:
    lx = lexicon()
    # several members of Congress are called Johnson: the bare surname names none of them
    assert not any(e.source.startswith("us_people") for e in lx.phrases.get("Johnson", []))
    kennedys = {e.kb_id for e in lx.phrases["John Kennedy"]}
    assert len(kennedys) == 2  # the president and the senator are two people
    assert "Case" not in lx.phrases  # a surname that is an English word is no alias


@pytest.mark.slow
def test_a_senator_in_an_article_gets_the_office_held_on_its_date(article_factory) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.entities import extract_entities

    art = article_factory("Senator Amy Klobuchar said on Tuesday that the bill would pass. Klobuchar added "
                          "that talks would go on.", date="2024-02-08")
    ents = extract_entities(Context(article=art, doc=load_nlp()(art.text)))
    amy = [e for e in ents if e.name == "Amy Klobuchar"]
    assert amy and amy[0].actor == "USALEG"
