"""Context-aware actor coding: role words, country context, institutions, candidacy, provenance.

Every article here is invented by the team for the rule it tests."""

from __future__ import annotations

import pytest

from newsgraph.actors.context import country_context, dateline_country
from newsgraph.model import Article, Entity, Published
from newsgraph.nlp.entities import extract_entities
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context


def _entities(text: str, *, date: str = "2024-02-08", url: str | None = None) -> dict[str, Entity]:
    art = Article(id="t1", text=text, title="", published=Published(date, "day", "input"), url=url)
    ents = extract_entities(Context(article=art, doc=load_nlp()(text)))
    return {e.name: e for e in ents}


def test_dateline_gives_the_country() -> None:
    assert dateline_country("WASHINGTON — Lawmakers met on Friday.")[0] == "USA"
    assert dateline_country("NEW DELHI (Reuters) - The party said.")[0] == "IND"
    assert dateline_country("Ashford, United Kingdom (CNN) The town voted.")[0] == "GBR"
    assert dateline_country("Anna Berg - the mayor - said no.")[0] is None  # a sentence, not a dateline


def test_context_needs_a_clear_lead() -> None:
    assert country_context("The talks went on.", ["IND"] * 4).country == "IND"
    assert country_context("The talks went on.", ["IND"] * 5 + ["USA"] * 3).country is None  # unclear
    assert country_context("The talks went on.", ["IND"] * 2).country is None  # too little evidence
    assert country_context("NEW DELHI (Reuters) - The talks went on.", ["IND"]).country == "IND"
    ctx = country_context("The talks went on.", ["USA"] * 3, url="https://www.cnn.com/2024/x")
    assert ctx.country == "USA" and "outlet" in ctx.source


@pytest.mark.slow
def test_us_titles_code_legislators_and_governors() -> None:
    ents = _entities("Sen. Maria Hollings and Rep. Tom Barrow met House Speaker Jane Whitfield on "
                     "Tuesday. Gov. Ellen Park joined them later.")
    assert ents["Maria Hollings"].actor == "USALEG"
    assert ents["Tom Barrow"].actor == "USALEG"
    assert ents["Jane Whitfield"].actor == "USALEG"
    assert ents["Ellen Park"].actor == "USAGOV"
    assert ents["Maria Hollings"].actor_source == "role:Sen.+title-country:USA"


@pytest.mark.slow
def test_role_country_from_the_phrase_beats_the_title_country() -> None:
    ents = _entities("Indian police commissioner Rakesh Varma said the men were arrested in Mumbai.")
    assert ents["Rakesh Varma"].actor == "INDCOP"
    assert ents["Rakesh Varma"].actor_source == "role:police commissioner+phrase:IND"


@pytest.mark.slow
def test_bare_role_takes_the_article_context() -> None:
    ents = _entities("NEW DELHI (Reuters) - Prime Minister Arjun Mehta met officials in Mumbai. India "
                     "and its neighbours, Indian officials said, will talk again.")
    assert ents["Arjun Mehta"].actor == "INDGOV"
    assert "context:IND" in (ents["Arjun Mehta"].actor_source or "")


@pytest.mark.slow
def test_spokesperson_carries_the_organisation_code() -> None:
    ents = _entities("John Blake, a spokesman for the State Department, said the talks would go on. "
                     "Anna Moss, a spokeswoman for Amnesty International, disagreed.")
    assert ents["John Blake"].actor == "USAGOV"
    assert ents["Anna Moss"].actor == ents["Amnesty International"].actor
    assert (ents["John Blake"].actor_source or "").startswith("spokesperson-for:")


@pytest.mark.slow
def test_place_inside_an_institution_name_is_not_its_country() -> None:
    ents = _entities("Ruth Ellery, a historian at Columbia University, said Georgetown University and "
                     "Jordan Hospital had signed the deal.")
    for name, role in (("Columbia University", "EDU"), ("Georgetown University", "EDU"),
                       ("Jordan Hospital", "HLH")):
        e = ents[name]
        assert e.actor is not None and not e.actor.startswith(("COL", "GUY", "JOR")), name
        assert e.actor.endswith(role) and (e.actor_source or "").startswith("institution-word:")
    assert not (ents["Ruth Ellery"].actor or "").startswith("COL")
    assert not {"Columbia", "Colombia", "Georgetown", "Guyana", "Jordan"} & set(ents)
    assert _entities("Canon Ruth Ellery spoke at Westminster Abbey on Sunday.")["Westminster Abbey"].actor == "GBRREL"


@pytest.mark.slow
def test_congress_follows_the_article_country() -> None:
    india = _entities("NEW DELHI (Reuters) - The Congress said on Monday it would contest every seat in "
                      "the state. India's ruling BJP, in power in New Delhi, dismissed the claim.")
    congress = [e for e in india.values() if any(m.text.endswith("Congress") for m in e.mentions)]
    assert len(congress) == 1 and congress[0].actor == "INDPTY"
    us = _entities("WASHINGTON — Congress passed the budget on Friday after the White House agreed to "
                   "the cuts, U.S. officials said.")
    congress = [e for e in us.values() if any(m.text.endswith("Congress") for m in e.mentions)]
    assert len(congress) == 1 and congress[0].actor == "USALEG"
    # Britain and the U.S. equally present: no country context, but of Congress's countries the U.S. leads
    mixed = _entities("Britain and the United States want a trade deal. British and American officials met "
                      "in London and Washington, and the U.S. and the U.K. agreed, but Congress must approve "
                      "it and Britain's parliament too.")
    congress = [e for e in mixed.values() if any(m.text.endswith("Congress") for m in e.mentions)]
    assert len(congress) == 1 and congress[0].actor == "USALEG"
    assert "context-among-rows:USA" in (congress[0].actor_source or "")
    unclear = _entities("Congress met on Friday and the vote was close.")
    congress = [e for e in unclear.values() if any(m.text.endswith("Congress") for m in e.mentions)]
    assert all(e.actor is None for e in congress)


@pytest.mark.slow
def test_candidate_and_nominee_hold_no_office() -> None:
    ents = _entities("Republican presidential nominee Dan Carver spoke in Iowa. Lisa Ortiz, the "
                     "Democratic candidate for governor, also spoke. Frank Doyle, who is running for "
                     "president, agreed.")
    for name in ("Dan Carver", "Lisa Ortiz", "Frank Doyle"):
        assert not (ents[name].actor or "").endswith("GOV"), name


@pytest.mark.slow
def test_former_official_keeps_no_office() -> None:
    ents = _entities("WASHINGTON — Former Secretary of State Mark Yelton said on Monday that the White "
                     "House was wrong. Secretary of State Ann Cole disagreed.")
    assert ents["Mark Yelton"].actor == "USAELI"
    assert "former" in (ents["Mark Yelton"].actor_source or "")
    assert ents["Ann Cole"].actor == "USAGOV"


@pytest.mark.slow
def test_leader_office_source_names_the_row_and_date() -> None:
    ents = _entities("Xi Jinping met officials in Beijing.", date="2024-02-08")
    xi = ents["Xi Jinping"]
    assert xi.actor == "CHNGOV" and (xi.actor_source or "").startswith("leaders.tsv:Xi Jinping@")


@pytest.mark.slow
def test_actor_source_is_in_the_json_and_in_show() -> None:
    from rich.console import Console

    from newsgraph.api import analyze
    from newsgraph.model import Analysis
    from newsgraph.render import render_analysis

    a = analyze("WASHINGTON — Sen. Maria Hollings said on Tuesday that the deal was dead.", date="2024-02-08")
    d = a.to_dict()
    ent = next(e for e in d["entities"] if e["name"] == "Maria Hollings")
    assert ent["actor"] == "USALEG" and ent["actor_source"] == "role:Sen.+title-country:USA"
    assert Analysis.from_dict(d) == a
    console = Console(record=True, width=300)
    render_analysis(a, console)
    assert "role:Sen.+title-country:USA" in console.export_text()


@pytest.mark.slow
def test_context_gives_only_what_the_country_has() -> None:
    uk = _entities("LONDON (Reuters) - British ministers said Parliament would vote on Tuesday. Officials in "
                   "London said Britain would wait, and President Tom Varga of the visiting delegation agreed.")
    parliament = [e for e in uk.values() if e.name == "Parliament"]
    assert parliament and parliament[0].actor == "GBRLEG"
    assert not (uk["Tom Varga"].actor or "").startswith("GBR")  # Britain has no president
    us = _entities("WASHINGTON — Parliament in London voted on Tuesday. The Senate, U.S. officials and "
                   "the White House said, would wait for Washington's allies.")
    assert [e.actor for e in us.values() if e.name == "Senate"] == ["USALEG"]
    assert all(e.actor is None for e in us.values() if e.name == "Parliament")



def _title(words: str, country: str | None = "USA") -> tuple[str | None, str | None]:
    """(code, role) that ``code_title`` gives the words before or after a person's name."""
    from newsgraph.actors.coding import code_title
    from newsgraph.actors.context import CountryContext

    c = code_title(words.split(" "), CountryContext(country, "mentions"), is_person=True)
    return (c.code, c.role) if c is not None else (None, None)


def test_post_of_a_named_organisation_is_not_a_government_title() -> None:
    # an unknown firm's president: no government role, and no country from the article's context
    assert _title("Brightlane president") == (None, None)
    # an IGO's president takes the IGO's code
    assert _title("European Parliament President")[0] == "IGOEUREEC"
    # a religious board's officer: REL with the country its name gives
    assert _title("vice-president of the Muslim Welfare Board of India") == ("INDREL", "REL")
    assert _title("vice-president of the Indian Muslim Welfare Board")[1] == "REL"
    assert _title("all-india muslim personal law board vice-president")[1] == "REL"
    # a foundation's chief executive: NGO, not business
    assert _title("chief executive of the Kindly Children's Foundation")[1] == "NGO"
    # a country's own titles are unchanged
    assert _title("Russian President")[0] == "RUSGOV"
    assert _title("President of France")[0] == "FRAGOV"
    assert _title("President")[0] == "USAGOV"


def test_regions_give_no_context_and_no_country_inside_a_name() -> None:
    from newsgraph.actors.context import CountryContext
    from newsgraph.actors.org_names import code_org_name

    # "Europe" mentioned six times does not make the article's titles European
    assert country_context("The markets fell.", ["EUR"] * 6).country is None
    assert country_context("The markets fell.", ["EUR"] * 6 + ["USA"] * 4).country == "USA"
    # a region word inside an organisation's or unit's name is not its country
    assert code_org_name(["Europe Program"], CountryContext(None, "")) is None
    assert _title("Brightlane Europe's chief executive", None) == ("---BUS", "BUS")
    # nor a demonym opening a name: a team of several countries, a think tank named after a plan
    assert _title("Irish Lions coach", None) == (None, None)  # title words stop at "and"
    assert _title("director of the Europe Program at the German Marshall Fund", None)[0] is None
    assert _title("Chinese Foreign Minister", None)[0] == "CHNGOV"
    # alone before a role it still is: "European officials"
    assert _title("European officials", None)[0] == "EURGOV"


def test_firm_nouns_give_business_and_the_eea_is_an_igo() -> None:
    from newsgraph.actors import lexicon

    assert _title("American firm", None)[0] == "USABUS"
    assert _title("the operator of Japan 's largest dam", None)[0] == "JPNBUS"
    assert _title("the German carmaker", None)[0] == "DEUBUS"
    assert lexicon().phrases["European Economic Area"][0].code == "IGO"


def test_a_possessive_role_is_the_possessors() -> None:
    assert _title("the Queen 's") == (None, None)  # "the Queen's Jubilee Tour"
    assert _title("the Queen 's horse") == (None, None)  # "Moonlit Dancer, the Queen's horse"
    assert _title("the president 's aide")[1] == "GOV"  # the aide's own role still counts


def test_a_job_title_before_a_name_is_not_the_outlet() -> None:
    assert _title("Economist", None) == (None, None)  # "Economist Jane Doe said": not The Economist
    assert _title("an Economist journalist", None)[0] == "GBRMED"


def test_a_leaders_surname_after_another_given_name_or_title_is_someone_else() -> None:
    from newsgraph.actors import code_phrase, lexicon

    surname = next(a for a, es in lexicon().phrases.items() if len(a.split()) == 1 and es[0].kind == "leader"
                   and lexicon().genders.get(es[0].kb_id) == "M" and len(es) == 1 and es[0].name.endswith(a))
    assert code_phrase(surname) is not None  # the leader himself
    assert code_phrase(f"Mrs. Zelinda {surname}") is None  # a different first name
    assert code_phrase(f"Mrs. {surname}") is None  # a woman: not the male leader
    assert code_phrase(f"Mr. {surname}") == code_phrase(surname)


def test_a_place_names_words_are_no_role_words() -> None:
    from newsgraph.actors import code_phrase

    # "union" and "bank" name a trade union and a business, but not inside a country's or region's name
    assert code_phrase("the Soviet Union") == "RUS"
    assert code_phrase("Soviet Union officials") == "RUSGOV"
    assert code_phrase("the occupied West Bank") == "WSB"
    assert code_phrase("the West Bank") == "WSB"  # not "the West" (WST) and a bank
    assert code_phrase("the West") == "WST" and code_phrase("The Hague") == "NLD"
    # outside the name the word still codes its role, and an organisation's own words still give its sector
    assert code_phrase("Russian union leaders") == "RUSLAB"
    assert code_phrase("Norwegian Refugee Council") == "NGOREF"


def test_an_ordinary_word_in_lower_case_is_no_acronym() -> None:
    from newsgraph.actors.compose import country_of

    # "the plan" is no PLAN (the PLA Navy), "who" no WHO; in capitals, or a word no cased news writes in lower
    # case ("bjp" of a lower-cased story), the capitals still name the body
    assert country_of("plan") is None and country_of("who") is None
    assert country_of("PLAN") == "CHNMIL" and country_of("WHO") == "IGOWHO"
    assert country_of("bjp") == "INDPTY"
