"""The sentence guard: a truecased lower-case text is not split in mid-sentence or after an initial."""

from __future__ import annotations

from newsgraph import analyze
from newsgraph.nlp.sentence_guard import guard_sentences
from newsgraph.nlp.spacy_model import load_nlp, parse_text


def test_no_sentence_starts_after_a_non_final_token_or_an_initial() -> None:
    text = ("Meanwhile, the pilgrims were sent home, additional director general of police (law and order) "
            "A K Varsh said. S. K. Tendulor, the collector, said the town was calm. Then he left.")
    doc = parse_text(load_nlp(), text, guard=True)
    assert [s[0].text for s in doc.sents] == ["Meanwhile", "S.", "Then"]
    # the guard only rules starts out: it leaves the ones after final punctuation to the parser
    guarded = guard_sentences(load_nlp().make_doc("He left. She stayed."))
    assert guarded[3].is_sent_start is None


def test_a_lower_cased_speaker_after_a_parenthesised_post_speaks() -> None:
    # invented name; lower case as scraped: truecased, guarded, then coded
    a = analyze("meanwhile, the pilgrims were sent home on monday, additional director general of police "
                "(law and order) a k varsh said.")
    # the officer's code is a role without a country (---COP), which the entity stage withholds (judged samples:
    # role-only person codes 8 of 21 right); without a coded source the statement falls below the shown events'
    # confidence threshold. The speaker is still found and keeps the role the rule gave:
    varsh = next(e for e in a.entities if e.name.lower().endswith("varsh"))
    assert varsh.actor is None and (varsh.actor_source or "").startswith("withheld:---COP:")
    assert not [e for e in a.events if e.code != "010"]


def test_run_together_sentences_are_split_with_the_text_kept() -> None:
    from newsgraph.nlp.sentence_guard import split_run_together

    text = "The mob set fire to shops in the evening.the police fired in the air. See rediff.com or dr.rao."
    doc = split_run_together(load_nlp().make_doc(text))
    assert doc.text == text
    words = [t.text for t in doc]
    assert words[8:11] == ["evening", ".", "the"] and doc[10].is_sent_start
    # web addresses and abbreviations stay whole
    assert "rediff.com" in words and not {"dr", "rao"} & set(words)
    # on a lower-cased article the police act after the run-together stop is coded (invented text)
    a = analyze("the mob set fire to shops in the evening.the police fired in the air to disperse them.")
    assert ("190", "---COP") in [(e.code, e.source.actor if e.source else None) for e in a.events]
