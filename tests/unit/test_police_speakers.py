"""Police officers as speakers: rank abbreviations in lower-cased text, members of a police body, statements
told around or after their content, surnames NER mislabels.  Every sentence here is invented for the rule it
tests."""

from __future__ import annotations

import pytest

from newsgraph.events.coder import code_events
from newsgraph.model import Article, Event, Published
from newsgraph.nlp.lexicon_matches import Cand
from newsgraph.nlp.name_forms import with_missed_surnames
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.nlp.truecase import casing_model, truecase
from newsgraph.pipeline import annotate
from newsgraph.registry import Context


def _events(text: str) -> list[Event]:
    art = Article(id="t", text=text, title="", published=Published("2002-03-01", "day", "input"))
    return code_events(Context(article=art, doc=load_nlp()(text)))


def _annotated(text: str) -> list[Event]:
    art = Article(id="t", text=text, title="", published=Published("2002-03-01", "day", "input"))
    return list(annotate(art).events)


def _said(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.code, (e.source.actor or "") if e.source is not None else "") for e in events if e.code == "010"]


def test_rank_abbreviations_are_read_from_the_role_table() -> None:
    ranks = casing_model().ranks
    assert {"dgp", "dsp", "dcp", "ssp", "sho", "acp", "ig", "dig"} <= ranks
    assert not ranks & {"police", "inspector", "constable", "sp"}  # words, or no police row ("SP", a party too)


def test_truecaser_writes_a_rank_abbreviation_in_capitals() -> None:
    got = truecase("the town was calm, dcp ravi doshi said. the dgp met traders on monday.")
    assert got.startswith("The town was calm, DCP Ravi Doshi said. The DGP met")
    # a rank that is also an ordinary word only as a title before a name
    assert truecase("they dig a trench every year.") == "They dig a trench every year."
    assert "DIG Vipul Tandoor" in truecase("the town was calm, dig vipul tandoor told reporters.")


def test_truecaser_raises_a_name_after_a_titled_parenthesis_and_a_comma() -> None:
    got = truecase("the deputy commissioner of police (crime), soumil tandoor, said the men fled. "
                   "they had help, tandoor said.")
    assert "(crime), Soumil Tandoor, said" in got and "help, Tandoor said" in got
    # a comma after a title needs a comma after the name too
    assert "bandobast" in truecase("the commissioner, bandobast was tight in the city, he said.")


@pytest.mark.slow
def test_lower_cased_rank_before_a_name_says_a_police_statement() -> None:
    events = _annotated("ahmedabad: the situation in the walled city is under control, dcp rakesh doshi said "
                        "on monday. shops opened in the evening.")
    assert ("010", "INDCOP") in _said(events)


@pytest.mark.slow
def test_an_officer_of_a_police_body_is_police() -> None:
    assert _said(_events("An officer of the CBI said the accused had been questioned on Monday.")) \
        == [("010", "INDCOP")]
    assert _said(_events("A senior officer of the crime branch said the accused had confessed on Monday.")) \
        == [("010", "---COP")]
    # an officer of the army stays the army's; an officer of a bank is the bank's, no force
    assert _said(_events("An officer of the army said the area was calm on Monday.")) == [("010", "---MIL")]
    assert _said(_events("An officer of the bank said the money was gone on Monday.")) == [("010", "---BUS")]


@pytest.mark.slow
def test_statement_told_around_its_clause_or_with_inform() -> None:
    lead = "Police commissioner Ravi Doshi told reporters on Monday that the city was calm. "
    for text in ("These groups, Doshi said, were being watched closely.",
                 "The city, he said, was calm.",
                 "Troublemakers would be dealt with firmly, Doshi informed."):
        events = _annotated("Ahmedabad: " + lead + text)
        assert len([s for s in _said(events) if s[1] == "INDCOP"]) == 2, text


@pytest.mark.slow
def test_surname_the_ner_missed_is_a_person_mention() -> None:
    doc = load_nlp()("Inspector Ravi Doshi reached the spot. Later Doshi said the men had fled.")
    first = next(t.i for t in doc if t.text == "Doshi")
    second = next(t.i for t in doc if t.text == "Doshi" and t.i != first)
    got = with_missed_surnames(doc, [Cand(first - 1, first + 1, "PERSON")])
    assert doc[second].pos_ == "PROPN"
    assert Cand(second, second + 1, "PERSON") in got
    # no person to take the surname from: nothing added
    assert with_missed_surnames(doc, []) == []


def test_role_pattern_across_a_split_hyphen() -> None:
    from newsgraph.actors.coding import role_span
    from newsgraph.actors.lexicon import lexicon, role_of_words

    assert role_of_words(["anti", "-", "terrorist", "squad"]) == "COP"
    assert role_of_words(["anti", "-", "terrorist", "squad", "officers"]) == "COP"
    assert role_of_words(["pro", "-", "government", "militias"]) == "UAF"
    # the span is given in the words as tokenized, hyphen included
    assert role_span(["the", "anti", "-", "terrorist", "squad"], lexicon()) == ("COP", 1, 5)


@pytest.mark.slow
def test_more_verbs_of_saying_and_a_police_statement_beside_a_negated_act() -> None:
    lead = "Ahmedabad: Police commissioner Ravi Doshi told reporters on Monday that the city was calm. "
    for text in ("He replied that the shops would open on Tuesday.",
                 "He clarified that no curfew had been imposed in the old city.",
                 "\"Senior officers may face action,\" opined another senior police officer."):
        events = _annotated(lead + text)
        assert len([s for s in _said(events) if s[1].endswith("COP")]) == 2, text
    # a speaker who is no police officer keeps the rule: the negated act alone
    events = _annotated("Ahmedabad: The trader Ravi Doshi said on Monday that the mob had not attacked his shop.")
    assert not _said(events)


@pytest.mark.slow
def test_rank_before_a_name_in_one_ner_span_is_the_person() -> None:
    from newsgraph.nlp.name_forms import without_rank_before_person

    doc = load_nlp()("The town was calm, DCP Anil Varkey said. SSP Ahmedabad met CID Crime Branch officers.")
    i = next(t.i for t in doc if t.text == "DCP")
    assert without_rank_before_person(doc, Cand(i, i + 3, "ORG")) == Cand(i + 1, i + 3, "PERSON")
    # a place after the rank names the officer by his post; ordinary words name a unit
    j = next(t.i for t in doc if t.text == "SSP")
    assert without_rank_before_person(doc, Cand(j, j + 2, "ORG")) == Cand(j, j + 2, "ORG")
    k = next(t.i for t in doc if t.text == "CID")
    assert without_rank_before_person(doc, Cand(k, k + 3, "ORG")) == Cand(k, k + 3, "ORG")


@pytest.mark.slow
def test_a_general_post_of_the_police_headed_by_its_first_word() -> None:
    # the parser heads "director general" by "director" and hangs "of police" on "general"
    for text in ("The director general of police, Ravi Vajpat, said that all leave had been cancelled.",
                 "Director general of police Ravi Vajpat said that all leave had been cancelled."):
        assert ("010", "---COP") in _said(_events(text)), text


@pytest.mark.slow
def test_title_in_a_comma_before_the_speaker_the_second_comma_left_out() -> None:
    assert "police, Ravi Vajpat said" in truecase("the director general of police, ravi vajpat said it.")
    events = _annotated("kolkata: the director general of police, ravi vajpat said that all leave had been "
                        "cancelled. he said that the situation was peaceful in the state.")
    assert _said(events).count(("010", "INDCOP")) == 2
    # a place before the comma is no title: the name stays as it was written
    assert "ravi vajpat said" in truecase("at the police station, ravi vajpat said that he had been beaten.")
