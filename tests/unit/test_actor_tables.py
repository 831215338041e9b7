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
from newsgraph.nlp.model import load_nlp
from newsgraph.nlp.places import extract_places, lookup
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
