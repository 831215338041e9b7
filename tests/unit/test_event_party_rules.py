"""Parties that are no parties, one-sided intentions, and how each party was found (``Event.evidence``):
a statement's co-speaker or topic is not its target, a consultation's topic or venue is no side, a meeting is
no actor, an intention towards a named other side is the subject's alone."""

from __future__ import annotations

from newsgraph.api import analyze
from newsgraph.model import Event

PUB = "2024-03-13"


def _events(text: str) -> list[Event]:
    return list(analyze(text, date=PUB).events)


def _pairs(evs: list[Event], trigger: str) -> set[tuple[str | None, str | None]]:
    got = {(e.source.actor if e.source else None, e.target.actor if e.target else None)
           for e in evs if e.trigger.text == trigger and not e.negated}
    assert got, [e.trigger.text for e in evs]
    return got


def test_a_consultations_topic_is_no_side() -> None:
    evs = _events("The UN Security Council will hold a meeting on Iran next week.")
    assert all("IRN" not in pair for e in evs for pair in [(e.source and e.source.actor, e.target and e.target.actor)])


def test_a_meetings_venue_is_no_side() -> None:
    evs = _events("The Lisbon summit of EU leaders ended on Friday.")
    assert _pairs(evs, "summit") == {("IGOEUREEC", None)}


def test_a_country_modifying_talks_is_a_side() -> None:
    evs = _events("Norwegian talks with Sweden ended on Friday.")
    assert ("NOR", "SWE") in _pairs(evs, "talks")


def test_a_meeting_is_no_actor() -> None:
    evs = _events("Ministers met at the Copenhagen climate talks on Friday.")
    assert all(e.target is None or e.target.actor != "DNK" for e in evs)


def test_a_visits_place_is_its_host() -> None:
    evs = _events("The Norwegian prime minister visited Stockholm on Friday.")
    assert ("NORGOV", "SWE") in _pairs(evs, "visited")


def test_an_intention_towards_a_named_side_is_one_sided() -> None:
    evs = _events("Norway is trying to strike a trade deal with Sweden.")
    assert _pairs(evs, "strike") == {("NOR", "SWE")}


def test_a_planned_meeting_keeps_both_orders() -> None:
    evs = _events("The Norwegian prime minister will meet the Swedish prime minister on Friday.")
    assert _pairs(evs, "meet") == {("NORGOV", "SWEGOV"), ("SWEGOV", "NORGOV")}


def test_a_statement_with_a_co_speaker_has_no_target() -> None:
    text = ("At a joint news conference with the Swedish prime minister on Friday, the Norwegian prime minister "
            "said that trade had grown.")
    evs = [e for e in _events(text) if e.code == "010"]
    assert evs and all(e.target is None for e in evs)


def test_evidence_says_how_each_party_was_found() -> None:
    evs = _events("The Norwegian prime minister arrived in Stockholm on Friday. She met the Swedish king.")
    met = next(e for e in evs if e.trigger.text == "met")
    assert met.evidence is not None and met.evidence.source_how == "pronoun" and met.evidence.source_via == "own"
    evs = _events("Norway expelled two Swedish diplomats on Friday and closed its embassy.")
    closed = [e for e in evs if e.trigger.text == "closed"]
    assert not closed or all(e.evidence and e.evidence.source_via == "inherited" for e in closed)


def test_two_people_of_one_code_are_two_sides() -> None:
    # two people of one code are two parties: the meeting keeps its other side (both British, of one role)
    evs = _events("Prime Minister Tony Blair met Chancellor Gordon Brown in Downing Street on Tuesday.")
    (pair,) = _pairs(evs, "met")
    assert pair[0] is not None and pair[0].startswith("GBR") and pair[0] == pair[1]


def test_one_side_named_twice_is_one_party() -> None:
    # a country and its own government in one phrase are not two sides of the act
    evs = _events("Russia and the Russian government signed the accord on Monday.")
    assert all(not (e.source and e.target and e.source.actor == e.target.actor) for e in evs)


def test_a_condemned_act_blames_its_doer_not_its_victim() -> None:
    # the target of a condemnation is who did the act; the act's victim is not blamed
    evs = _events("Israel condemned the rocket attack by Hamas on the town of Sderot.")
    assert _pairs(evs, "condemned") == {("ISR", "PSEREBHMS")}
    evs = _events("Pakistan condemned India's shelling of border villages on Monday.")
    assert _pairs(evs, "condemned") == {("PAK", "IND")}
    # no doer named: no target (the embassy attacked is not the one condemned), and no attack by the condemner
    evs = _events("Brazil condemned the bombing of the Spanish embassy on Tuesday.")
    assert _pairs(evs, "condemned") == {("BRA", None)}
    assert not [e for e in evs if e.trigger.text == "bombing"]


def test_offering_words_and_offering_aid_to_someone() -> None:
    # offered views are a statement (010), condolences an empathetic comment (018); aid offered "to X" or to an
    # indirect object has X as its target
    evs = _events("The senator offered advice to the president on Friday.")
    assert {e.code for e in evs if e.trigger.text == "offered"} == {"010"}
    evs = _events("The French president offered condolences to the families on Monday.")
    assert {e.code for e in evs if e.trigger.text == "offered"} == {"018"}
    evs = _events("Germany offered aid to Greece on Monday.")
    assert _pairs(evs, "offered") == {("DEU", "GRC")}
    evs = _events("Japan promised Ukraine more help on Monday.")
    assert _pairs(evs, "promised") == {("JPN", "UKR")}
