"""Event errors of political news: idioms and light uses of force and protest words, warnings that threaten
nothing, a preposition taken for a phrasal verb's particle, and roles at the event's date (a former office,
a law officer, a leader named before taking office).

Every text here is invented for the test; each assertion is one rule that could fail.
"""

from __future__ import annotations

from newsgraph.config import load_settings
from newsgraph.evaluation.events import _stages
from newsgraph.model import Article, Event, Published
from newsgraph.pipeline import annotate


def _events(text: str, date: str) -> list[Event]:
    base = load_settings()
    settings = base.with_overrides(stages=_stages(base))
    art = Article(id="t", text=text, title="", published=Published(date, "day", "input"))
    return list(annotate(art, settings).events)


def _by_trigger(text: str, trigger: str, date: str = "2016-05-10") -> list[Event]:
    return [e for e in _events(text, date=date) if e.trigger.text == trigger]


def _roots(text: str, trigger: str, date: str = "2016-05-10") -> set[str]:
    return {e.root for e in _by_trigger(text, trigger, date)}


# ------------------------------------------------------------------ "hit": an idiom, criticism, force
def test_hitting_the_road_or_the_campaign_trail_is_no_attack() -> None:
    assert "19" not in _roots("Elizabeth Warren hit the road again this week with Bernie Sanders.", "hit")
    assert "19" not in _roots("The governor hit the airwaves on Sunday to defend the budget.", "hit")


def test_hitting_a_rival_on_or_over_an_issue_is_criticism() -> None:
    got = _by_trigger("Bernie Sanders hit Hillary Clinton over her speeches to bankers on Friday.", "hit")
    assert [e.root for e in got] == ["11"]
    assert got[0].source is not None and got[0].source.actor == "USALEG"
    assert got[0].target is not None and got[0].target.actor == "USAELI"


def test_hitting_someone_on_the_head_stays_force() -> None:
    assert _roots("Police hit the protester on the head with a baton.", "hit") == {"19"}


# ------------------------------------------------------------------ "rally": gathering, campaigning, protest
def test_rallying_a_party_is_no_protest() -> None:
    assert "14" not in _roots("Elizabeth Warren rallied the remaining members of the Democratic Party.", "rallied")


def test_a_politicians_rally_is_campaigning_unless_it_is_against_something() -> None:
    assert "14" not in _roots("Bernie Sanders held a rally in Ohio on Tuesday.", "held")
    assert _roots("Bernie Sanders held a rally against the trade deal in Ohio.", "held") == {"14"}


# ------------------------------------------------------------------ warnings
def test_a_warning_of_what_may_happen_is_a_pessimistic_comment_to_the_one_warned() -> None:
    got = _by_trigger("The German government warned Russia that the pipeline could divide Europe.", "warned")
    assert [e.code for e in got] == ["012"]
    assert got[0].target is not None and got[0].target.actor == "RUS"


def test_a_warning_of_the_warners_own_act_is_a_threat_to_the_one_warned() -> None:
    got = _by_trigger("The German government warned Russia that it would impose sanctions.", "warned")
    assert [e.root for e in got] == ["13"]
    assert got[0].target is not None and got[0].target.actor == "RUS"


def test_a_warning_noun_is_a_pessimistic_comment() -> None:
    assert _roots("The German government issued a warning to Russia on Monday.", "issued") == {"01"}


# ------------------------------------------------------------------ particles
def test_a_preposition_with_its_object_is_no_particle_of_give_in() -> None:
    text = "The former president gave a crowd of students in the gym a warm endorsement of his wife."
    assert _roots(text, "gave") == {"05"}
    assert _roots("The Greek government gave in on Monday after two weeks of talks.", "gave") == {"08"}


# ------------------------------------------------------------------ roles
def test_a_former_office_word_is_an_elite_not_the_government() -> None:
    got = _by_trigger("The former president praised his wife on Monday.", "praised")
    assert got and got[0].source is not None and got[0].source.actor == "---ELI"
    then = _by_trigger("The president praised his wife on Monday.", "praised")
    assert then and then[0].source is not None and then[0].source.actor == "---GOV"


def test_a_law_officer_and_a_justice_department_are_government_not_courts() -> None:
    got = _by_trigger("The attorney general criticized the mayor on Monday.", "criticized")
    assert got and got[0].source is not None and got[0].source.actor == "---GOV"
    got = _by_trigger("The Justice Department accused the bank of fraud on Monday.", "accused")
    assert got and got[0].source is not None and got[0].source.actor == "USAGOV"
    got = _by_trigger("The judge criticized the mayor on Monday.", "criticized")
    assert got and got[0].source is not None and got[0].source.actor == "---JUD"


def test_a_leader_named_by_surname_is_coded_by_the_office_held_on_the_articles_date() -> None:
    text = "Mr. Trump criticized Hillary Clinton on Saturday."
    before = _by_trigger(text, "criticized", date="2016-06-25")
    assert before and before[0].source is not None and before[0].source.actor == "USA"
    after = _by_trigger(text, "criticized", date="2018-06-25")
    assert after and after[0].source is not None and after[0].source.actor == "USAGOV"


def test_a_leader_named_by_surname_is_recoded_on_a_dated_events_day() -> None:
    dated = _by_trigger("In 2000, Mr. Clinton met Jacques Chirac in Paris.", "met", date="2019-06-05")
    assert any(e.source is not None and e.source.actor == "USAGOV" for e in dated)
    now = _by_trigger("Mr. Clinton met Emmanuel Macron in Paris on Monday.", "met", date="2019-06-05")
    assert any(e.source is not None and e.source.actor == "USAELI" for e in now)


# ------------------------------------------------------------------ targets
def test_a_quoted_title_of_a_document_is_no_addressee() -> None:
    text = "The war ended plans to go back, Elizabeth Warren said in her 2014 memoir, ''An American Chance.''"
    got = _by_trigger(text, "said")
    assert got and all(e.target is None for e in got)
