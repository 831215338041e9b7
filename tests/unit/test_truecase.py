"""Truecasing of lower-cased and all-caps articles: same length, only case, entities found."""

from __future__ import annotations

from newsgraph.model import Article, Published
from newsgraph.nlp.truecase import casing_mode, truecase
from newsgraph.pipeline import annotate

LOWER = ("new delhi: the police arrested two men in ahmedabad on monday after clashes near the "
         "railway station, officials said. the bjp said the government of india would send more "
         "troops to gujarat. i spoke to residents who said the city was calm.")
CASED = ("The police arrested two men in Ahmedabad on Monday after clashes near the railway "
         "station, officials said. The BJP said the government of India would send more troops.")


def test_lower_case_text_is_recognised_and_recased_in_place() -> None:
    assert casing_mode(LOWER) == "lower"
    out = truecase(LOWER)
    assert len(out) == len(LOWER)
    assert out.lower() == LOWER  # only the case of letters changed
    assert out.startswith("New Delhi: ")
    for word in ("Ahmedabad", "BJP", "India", "Gujarat", "Monday", " I spoke", "The BJP said"):
        assert word in out, word
    assert "the police arrested" in out  # common words stay lower case


def test_cased_text_is_returned_untouched() -> None:
    assert casing_mode(CASED) == "cased"
    assert truecase(CASED) is CASED


def test_all_caps_text_is_lowered_then_cased() -> None:
    text = "POLICE ARRESTED TWO MEN IN AHMEDABAD ON MONDAY, THE BJP SAID."
    assert casing_mode(text) == "upper"
    out = truecase(text)
    assert len(out) == len(text)
    assert out == "Police arrested two men in Ahmedabad on Monday, the BJP said."


def test_capitalised_table_with_a_cased_sentence_is_left_alone() -> None:
    text = ("FOOTBALL - LEAGUE TABLE AFTER SATURDAY 'S GAMES .\nLONDON 2001-05-05\n"
            "Standings of the league after games played on Saturday .\nARSENAL 10 8 1 1\n"
            "CHELSEA 10 7 2 1\nLEEDS 10 6 2 2\nEVERTON 10 5 3 2\nFULHAM 10 4 4 2\n")
    assert casing_mode(text) == "cased"
    assert truecase(text) is text


def test_characters_whose_case_changes_length_are_left_alone() -> None:
    text = "the İstanbul office said ß is a letter. police arrested two men in ahmedabad on monday."
    out = truecase(text, "lower")
    assert len(out) == len(text)
    assert "İstanbul" in out and " ß " in out
    up = truecase(text.upper(), "upper")
    assert len(up) == len(text.upper())


def test_lower_cased_article_gets_entities_with_original_spans() -> None:
    art = Article(id="lc", text=LOWER, title="", published=Published("2024-02-08", "day", "input"))
    a = annotate(art)
    assert a.article is art
    names = {e.name for e in a.entities}
    assert {"Ahmedabad", "India", "Gujarat"} & names, names
    for e in a.entities:
        for m in e.mentions:
            assert m.text == LOWER[m.start:m.end]  # evidence quoted verbatim from the original
    for p in a.places:
        assert p.span.text == LOWER[p.span.start:p.span.end]
    for ev in a.events:
        assert ev.trigger.text == LOWER[ev.trigger.start:ev.trigger.end]
        assert ev.sentence.text == LOWER[ev.sentence.start:ev.sentence.end]


def test_truecasing_can_be_switched_off(settings) -> None:  # type: ignore[no-untyped-def]
    art = Article(id="lc", text=LOWER, title="", published=Published("2024-02-08", "day", "input"))
    off = annotate(art, settings.with_overrides(truecase="off"))
    on = annotate(art, settings)
    assert len(on.entities) > len(off.entities)


def test_names_unknown_to_cased_news_are_raised_after_titles_and_initials() -> None:
    # invented names: no cased news or lexicon knows "varkosh" or "tendulor"
    text = ("the situation was calm, police commissioner m.n. varkosh said on monday. deputy "
            "commissioner of police d j tendulor said two men were held. later varkosh said the "
            "police remand ended at 6.30 a.m. on tuesday.")
    out = truecase(text)
    assert len(out) == len(text) and out.lower() == text
    for word in ("M.N. Varkosh", "D J Tendulor", "Later Varkosh said"):
        assert word in out, word  # initials, the name after them, and the name again later
    assert "police remand" in out  # ordinary words after a title word stay lower case
    assert "a.m." in out  # "a.m." before a common word is no pair of initials
    assert "a mob" in truecase("the crowd became a mob near the station on monday evening, police said.")


def test_names_after_a_post_of_the_police_and_before_a_post_in_apposition() -> None:
    # invented names: "varkosh", "tendulor", "jarvesh"
    out = truecase("it was made clear, said superintendent of police jarvesh varkosh. \"all is calm,\" "
                   "pravin tendulor, deputy commissioner of police, said on monday.")
    assert "superintendent of police Jarvesh Varkosh" in out
    assert "Pravin Tendulor, deputy commissioner" in out
    # an ordinary word before a comma and a title stays lower case
    assert "The riots, the commissioner said" in truecase("the riots, the commissioner said, were over.")
