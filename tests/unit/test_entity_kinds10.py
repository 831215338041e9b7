"""Entity mechanisms from the ninth judged sample's error kinds (invented sentences): a place word that opens a
longer name is no entity; a title that takes a surname does not join a person by a given name; a description
naming another organisation is not the country's earlier person; the pronoun "us" of lower-cased copy is not
the U.S.; a target year does not date an undated story; a seat city standing for the organisation the article
names most."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Entity, Published
from newsgraph.nlp.entities import extract_entities
from newsgraph.nlp.name_evidence import era_day
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.nlp.truecase import truecase
from newsgraph.registry import Context

pytestmark = pytest.mark.slow


def _entities(text: str, date: str | None = "2004-06-01") -> list[Entity]:
    pub = Published(date, "day", "input") if date else None
    art = Article(id="t1", text=text, title="", published=pub)
    return extract_entities(Context(article=art, doc=load_nlp()(text)))


def _coded(ents: list[Entity]) -> dict[str, str | None]:
    return {m.text: e.actor for e in ents for m in e.mentions}


def test_place_word_opening_a_longer_name_is_no_entity() -> None:
    ents = _entities("The vote bolstered the anti-immigration Freedonia Liberty Party, whose leader spoke in "
                     "London. A spokesman for the European Anti-Fraud Office agreed with the report.")
    names = [e.name for e in ents]
    assert "European" not in names and "Europe" not in names
    ents = _entities("The Spanish player, who became the US Open champion last year, lost in Madrid.")
    assert not any(e.actor == "USA" for e in ents)
    ents = _entities("Austria's pro-European Green Party won seats in Vienna.")
    assert any(e.actor == "EUR" for e in ents)  # a modifier before the name, not its first word
    ents = _entities("The vote helped the UK Independence Party, a spokesman said in Leeds.")
    assert not any(e.actor == "GBR" and any(m.text == "UK" for m in e.mentions) for e in ents)


def test_title_after_place_keeps_the_place() -> None:
    ents = _entities("British Prime Minister Tony Blair met the German Foreign Office in Berlin.")
    assert _coded(ents)["British"] == "GBR"


def test_surname_title_does_not_join_a_given_name() -> None:
    ents = _entities("Sacked MP Howard Mint said he would fight on. At a news conference, Mr Howard insisted "
                     "he had followed the rules. Later Mr Mint spoke again.")
    mint = next(e for e in ents if e.name == "Howard Mint")
    assert "Howard" not in [m.text for m in mint.mentions]
    ents = _entities("Jane Ford arrived. Later Ms Ford spoke.")
    assert [m.text for m in next(e for e in ents if e.name == "Jane Ford").mentions] == ["Jane Ford", "Ford"]


def test_description_naming_another_body_is_not_the_earlier_person() -> None:
    ents = _entities("Dutch Prime Minister Mark Rutte won the vote in Amsterdam. The Dutch Labour party leader "
                     "conceded defeat. Later the Dutch leader thanked voters.", "2017-03-15")
    rutte = next(e for e in ents if e.name == "Mark Rutte")
    assert [m.text for m in rutte.mentions] == ["Mark Rutte", "the Dutch leader"]


def test_pronoun_us_in_lower_case_copy_stays_a_pronoun() -> None:
    out = truecase("the challenge before us is to win, he said. the us is a big country. sanctions on us goods "
                   "hurt us troops. there is pressure by the us on them.", "lower")
    assert "before us is" in out
    assert "The US is" in out and "on US goods" in out and "US troops" in out and "the US on" in out


def test_target_year_does_not_date_an_undated_story() -> None:
    text = ("Children will die before 2015 and budgets are half their 1960 levels. Ministers must act by 2008. "
            "In 2005 the minister promised more aid by 2008.")
    assert era_day(text) == "2005-12-31"


def test_seat_city_stands_for_the_organisation_named_most() -> None:
    ents = _entities("The EU plan gives Brussels too much control over the UK, says the EU critic. Talks between "
                     "the British government and Brussels stalled as the EU waited. NATO met too.", "2018-11-12")
    assert _coded(ents)["Brussels"] == "IGOEUREEC"
    ents = _entities("She flew to Brussels for the EU summit.", "2018-11-12")
    assert _coded(ents).get("Brussels") != "IGOEUREEC"


def test_former_office_takes_the_country_the_story_names_most() -> None:
    ents = _entities("Pets in office. Larry lives at Downing Street in London with the British prime minister. "
                     "The White House in Washington had a dog. Before Larry there was Sybil, the pet of former "
                     "chancellor Alistair Darling. Sybil came to Downing Street in 2007.", "2016-07-29")
    assert next(e for e in ents if e.name == "Alistair Darling").actor == "GBRELI"
    ents = _entities("Pets in office. The White House in Washington had a dog, and a US president kept a cat in "
                     "Washington. Larry lives at Downing Street in London with the British prime minister. Before "
                     "Larry there was Sybil, the pet of former chancellor Alistair Darling.", "2016-07-29")
    assert next(e for e in ents if e.name == "Alistair Darling").actor == "GBRELI"  # the U.S. has no chancellor


def test_indefinite_predicate_is_no_group() -> None:
    ents = _entities("He said: If I was an American citizen, I would not vote for her. American citizens abroad "
                     "voted early.", "2016-08-24")
    assert [e.name for e in ents if e.type == "GROUP"] == ["American citizens"]


def test_ambiguous_name_as_role_word_takes_the_context_meaning() -> None:
    ents = _entities("kanpur: senior congress leader and acting president of the state congress committee mohan "
                     "lal said the decision by the bjp government in lucknow was wrong. the congress will protest "
                     "in lucknow, lal said.", "2002-03-10")
    assert not any((e.actor or "").endswith("LEG") for e in ents)
    ents = _entities("WASHINGTON (CNN) Congress leader Nancy Pelosi said the House would vote on Monday in "
                     "Washington.", "2019-03-10")
    assert next(e for e in ents if e.name == "Nancy Pelosi").actor == "USALEG"


def test_city_before_resident_or_market_is_a_place() -> None:
    ents = _entities("Voters went to the polls in the Netherlands. I voted early, said Amsterdam resident Jan "
                     "Smit. The Netherlands will count tonight. London's stock market fell as Britain voted.",
                     "2017-03-15")
    nld = next(e for e in ents if e.actor == "NLD" and e.type == "GPE")
    assert "Amsterdam" not in [m.text for m in nld.mentions]
    britain = next(e for e in ents if "Britain" in [m.text for m in e.mentions])
    assert "London" not in [m.text for m in britain.mentions]


def test_bracketed_word_inside_a_name_is_no_group() -> None:
    ents = _entities('The minister wrote: "Together we revive the (European) Union." Talks went on.', "2017-03-15")
    assert not [e for e in ents if e.type == "GROUP"]
    ents = _entities("Later, India's second-largest car manufacturer raised prices in Delhi.", "2017-03-15")
    assert [e.actor for e in ents if e.type == "GROUP"] == ["INDBUS"]
