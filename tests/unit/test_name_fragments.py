"""Issue 9, judged entities: places inside longer names, titles on the article's date, past offices,
ambiguous names inside longer names, adjectives that are not names or roles.  Sentences invented by the
team (none from the judged samples)."""

from __future__ import annotations

import pytest

from newsgraph.model import Article, Entity, Published
from newsgraph.nlp.entities import extract_entities
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context


def _entities(text: str, *, date: str = "2024-02-08") -> list[Entity]:
    art = Article(id="t1", text=text, title="", published=Published(date, "day", "input"))
    return extract_entities(Context(article=art, doc=load_nlp()(text)))


def _at(ents: list[Entity], text: str) -> list[Entity]:
    return [e for e in ents if any(m.text == text for m in e.mentions)]


@pytest.mark.slow
def test_a_place_inside_a_longer_capitalised_name_is_not_the_place() -> None:
    ents = _entities("The striker once played for Athletic Lisbon. A report by Open Asia, a small research "
                     "group, found costs rose in Portugal and in Eastern Europe.")
    assert not [e for e in _at(ents, "Lisbon") if e.actor == "PRT"]  # a club's name
    assert not [e for e in _at(ents, "Asia") if e.actor]  # a think tank's name
    assert any(e.actor == "PRT" for e in _at(ents, "Portugal"))


@pytest.mark.slow
def test_bare_west_in_a_name_is_not_the_region() -> None:
    ents = _entities("Voters in Leeds North and West chose a new MP. Moscow accused the West of meddling.")
    west = [m.start for e in ents if e.actor == "WST" for m in e.mentions]
    assert all(start > 40 for start in west)  # only "the West" of the second sentence


@pytest.mark.slow
def test_a_role_word_inside_a_league_name_is_no_government() -> None:
    ents = _entities("Clubs in the Scottish Premier League want new rules on foreign players.")
    assert not [e for e in ents if e.type == "GROUP" and (e.actor or "").endswith("GOV")]


@pytest.mark.slow
def test_an_in_text_title_on_the_date_beats_the_tables_former_office() -> None:
    # the leader table has Philip Hammond as foreign secretary until 2016, not as chancellor
    ents = _entities("In his budget speech, Chancellor of the Exchequer Philip Hammond promised more money "
                     "for schools.", date="2017-03-20")
    assert _at(ents, "Philip Hammond")[0].actor == "GBRGOV"


@pytest.mark.slow
def test_until_recently_makes_a_role_former() -> None:
    ents = _entities("Jane Doe, who until recently was the UK's trade secretary, wrote a book.", date="2018-05-01")
    groups = [e for e in ents if e.type == "GROUP"]
    assert groups and all(not (g.actor or "").endswith("GOV") for g in groups)


@pytest.mark.slow
def test_congress_inside_a_longer_name_takes_the_article_country() -> None:
    ents = _entities("ahmedabad: the congress won two seats in the rajya sabha. the congress said its mla "
                     "votes held. maharashtra pradesh congress committee chief ravi kumar thanked the "
                     "voters of gujarat and the bjp conceded.", date="2002-03-14")
    assert not [e for e in ents if e.actor == "USALEG"]


@pytest.mark.slow
def test_an_adjective_before_a_noun_is_not_the_newspaper() -> None:
    ents = _entities("lucknow: the hindu religious leaders met the district officials on monday.",
                     date="2002-03-05")
    assert not [e for e in ents if e.kb_id == "institution:The Hindu"]


@pytest.mark.slow
def test_a_country_noun_before_a_name_is_no_nationality() -> None:
    ents = _entities("Photos: Royals tour Spain and Portugal Maria waves to the crowd in Lisbon on Friday.")
    assert not [e for e in _at(ents, "Maria") if e.actor == "PRT"]


@pytest.mark.slow
def test_a_possessive_does_not_hide_an_institution() -> None:
    ents = _entities("The Foreign and Commonwealth Office's budget was cut, the minister said.", date="2005-03-01")
    assert _at(ents, "Foreign and Commonwealth Office")[0].actor == "GBRGOV"


@pytest.mark.slow
def test_official_as_an_adjective_is_no_role_and_a_news_channel_is_media() -> None:
    ents = _entities("She spoke live on the official Ruritania News Channel and on Chile News Channel.")
    assert not [e for e in ents if (e.actor or "").endswith("GOV")]


def test_a_name_inside_a_leaders_longer_alias_is_that_leader() -> None:
    # the NER sees "Hussein" in "King Hussein of Jordan": the leader table's alias names the king, so the name is
    # not grouped with another leader of that surname named earlier (invented sentences)
    ents = _entities("Iraqi President Saddam Hussein refused to leave Kuwait. King Hussein of Jordan flew to "
                     "Washington on Thursday.", date="1990-08-16")
    king = [e for e in ents if any(m.start >= 56 for m in e.mentions) and e.type == "PERSON"]
    assert [e.actor for e in king] == ["JORGOV"]
    assert [e.actor for e in ents if e.name == "Saddam Hussein"] == ["IRQGOV"]
    # the same when the NER's name keeps the title ("King Hussein")
    ents = _entities("President Saddam Hussein of Iraq refused to leave Kuwait. Also today, King Hussein of Jordan "
                     "flew to Washington seeking to mediate.", date="1990-08-16")
    assert [e.actor for e in ents if any(m.text.startswith("King") for m in e.mentions)] == ["JORGOV"]


def test_a_spaced_dash_ends_the_words_before_a_name() -> None:
    # "... linked to Dutch spies - Mr. X and Mr. Y face ...": the dash closes a clause, so "Dutch spies" is no
    # title of X; a hyphen inside a title still joins it
    ents = _entities("The leak, which officials have linked to Dutch spies - Mr. Paul Ramsden and his aide face "
                     "questions. Former vice-president Dick Cheney spoke on Monday.", date="2016-08-02")
    assert [e.actor for e in ents if e.name == "Paul Ramsden"] == [None]
    assert [e.actor for e in ents if e.name == "Dick Cheney"] == ["USAELI"]
