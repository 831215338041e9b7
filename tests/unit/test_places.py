"""Places: gazetteer look-up, disambiguation by the article, demonyms and metonyms."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Entity, Mention, Place
from newsgraph.nlp.places import extract_places, lookup, normalize
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context


def _places(text: str, entities: list[Entity] | None = None) -> list[Place]:
    ctx = Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text))
    if entities is not None:
        ctx.results["entities"] = entities
    out = extract_places(ctx)
    for p in out:
        assert text[p.span.start:p.span.end] == p.span.text
    return out


def _named(places: list[Place], text: str) -> list[Place]:
    return [p for p in places if p.span.text == text]


def test_lookup_knows_countries_aliases_cities_and_regions() -> None:
    assert normalize("the United  States") == "united states"
    assert lookup("U.S.")[0].country == "USA"
    assert lookup("Britain")[0].country == "GBR"
    assert lookup("Russia")[0].feature == "country"
    kyiv = lookup("Kiev")[0]
    assert (kyiv.name, kyiv.country, kyiv.feature) == ("Kyiv", "UKR", "city")
    assert lookup("Crimea")[0].country == "UKR"
    assert {e.country for e in lookup("Paris")} >= {"FRA", "USA"}
    assert lookup("Chinese") == []


@pytest.mark.slow
def test_paris_alone_is_the_french_capital() -> None:
    places = _places("Thousands of people marched in Paris on Saturday against the pension reform.")
    (paris,) = _named(places, "Paris")
    assert (paris.country, paris.feature, paris.geonames_id) == ("FRA", "city", 2988507)
    assert paris.lat is not None and 48 < paris.lat < 49


@pytest.mark.slow
def test_paris_in_a_texas_story_is_paris_texas() -> None:
    text = "The mayor of Paris, a small town in northeast Texas, said the storm hit the area on Monday."
    (paris,) = _named(_places(text), "Paris")
    assert paris.country == "USA"
    assert paris.lon is not None and paris.lon < -90


@pytest.mark.slow
def test_a_qualifier_after_the_name_decides() -> None:
    places = _places("She grew up in Paris, Texas, and later moved to Springfield, Illinois.")
    assert _named(places, "Paris")[0].country == "USA"
    spring = _named(places, "Springfield")[0]
    assert spring.lat is not None and 39 < spring.lat < 40.5  # the Illinois capital, not Massachusetts'
    assert _named(places, "Texas")[0].feature == "admin1"


@pytest.mark.slow
def test_demonyms_are_not_places() -> None:
    places = _places("Chinese and Russian diplomats met French officials in Geneva.")
    assert [p.span.text for p in places] == ["Geneva"]
    assert places[0].country == "CHE"


@pytest.mark.slow
def test_a_place_used_as_an_actor_is_located_once_and_a_locative_mention_wins() -> None:
    text = ("Beijing has benefited from cheap imports. Last year the minister made a trip to Beijing, "
            "and Beijing said it welcomed the visit.")
    places = _places(text)
    beijing = _named(places, "Beijing")
    assert len(beijing) == 1 and beijing[0].span.start == text.index("to Beijing") + 3
    assert beijing[0].country == "CHN"


@pytest.mark.slow
def test_entities_from_the_entity_stage_are_used_name_by_name() -> None:
    text = "Moscow warned Kyiv. Troops massed near the border of Russia."
    def mention(word: str) -> Mention:
        i = text.index(word)
        return Mention(i, i + len(word), word, "GPE")
    entities = [
        Entity("e1", "GPE", "Russia", (mention("Moscow"), mention("Russia")), actor="RUS", country="RUS"),
        Entity("e2", "GPE", "Ukraine", (mention("Kyiv"),), actor="UKR", country="UKR"),
    ]
    places = _places(text, entities)
    by_text = {p.span.text: p for p in places}
    assert by_text["Russia"].feature == "country" and by_text["Russia"].entity == "e1"
    assert by_text["Moscow"].feature == "city" and by_text["Moscow"].country == "RUS"
    assert by_text["Kyiv"].country == "UKR"


@pytest.mark.slow
@pytest.mark.parametrize("text", ["", "Paris,", ", Texas", "in Texas, Texas, Texas", "Georgia, Georgia.",
                                  "The Paris, France-based firm", "U.S., U.K. and E.U."])
def test_odd_inputs_never_raise_and_spans_stay_valid(text: str) -> None:
    _places(text)
