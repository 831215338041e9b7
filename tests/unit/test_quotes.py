"""Quotes: direct, interrupted, multi-paragraph, partial and indirect quotes, speakers, cues, channels."""

from __future__ import annotations

from typing import Any

import pytest

from newsgraph.evaluation.quotes import is_direct, match, score_article
from newsgraph.model import Article, EntityRef, Quote, Span
from newsgraph.nlp.quotes import DEFAULT_KINDS, extract_quotes, find_segments, load_cues
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.registry import Context, registered

THOUGHTS = (*DEFAULT_KINDS, "belief", "intent", "that")


def _quotes(text: str, **options: Any) -> list[Quote]:
    """Every quote found (no confidence floor unless one is given)."""
    options.setdefault("min_confidence", 0.0)
    out = extract_quotes(load_nlp()(text), **options)
    for q in out:
        assert text[q.span.start:q.span.end] == q.span.text
        for s in (q.cue, q.channel):
            if s is not None:
                assert text[s.start:s.end] == s.text
        if q.speaker is not None and q.speaker.start is not None and q.speaker.end is not None:
            assert 0 <= q.speaker.start < q.speaker.end <= len(text)
    return out


def _speaker_text(text: str, q: Quote) -> str | None:
    sp = q.speaker
    if sp is None or sp.start is None or sp.end is None:
        return None
    return text[sp.start:sp.end]


def _one(quotes: list[Quote], kind: str, contains: str) -> Quote:
    found = [q for q in quotes if q.kind == kind and contains in q.span.text]
    assert len(found) == 1, [(q.kind, q.span.text) for q in quotes]
    return found[0]


# --------------------------------------------------------------------------- quotation marks


def test_segments_pair_curly_straight_and_doubled_single_marks() -> None:
    text = "A \u201cone two\u201d b \"three four\" c ''five six'' d \u00absept\u00bb."
    segs = [text[s.start:s.end] for s in find_segments(text)]
    assert segs == ["\u201cone two\u201d", "\"three four\"", "''five six''", "\u00absept\u00bb"]


def test_segments_keep_a_quote_running_over_two_paragraphs() -> None:
    text = "\u201cFirst part of it.\n\n\u201cSecond part,\u201d she said."
    segs = find_segments(text)
    assert len(segs) == 2
    assert not segs[0].closed and segs[1].continues


def test_segments_find_a_quote_reopened_where_the_paragraph_break_was_lost() -> None:
    # the speaker goes on in a new paragraph that reopens the quote, but the text arrived on one line
    text = 'He was pleased. "We had chances. We kept going. "We won in the end," he said. Then he left.'
    segs = find_segments(text)
    assert [text[s.start:s.end] for s in segs] == ['"We had chances. We kept going.', '"We won in the end,"']
    assert not segs[0].closed and segs[1].continues


def test_segments_do_not_open_on_a_closing_mark_or_an_apostrophe_typed_twice() -> None:
    # a stray closing mark (the opener was lost) must not pair with the next quote's opener
    text = 'the plan," he said. "It will work," she added.'
    assert [text[s.start:s.end] for s in find_segments(text)] == ['"It will work,"']
    # ``...'' quotes whose apostrophes were typed as two single marks ("that''s")
    text = "``it is over.'' that''s what he said, and the land that''s shaken ``is safe now.''"
    assert [text[s.start:s.end] for s in find_segments(text)] == ["``it is over.''", "``is safe now.''"]


def test_segments_skip_an_unclosed_mark_with_nothing_after_it() -> None:
    text = "He was 6\" tall.\n\nAnother \"line with no end.\n\nPlain text."
    assert find_segments(text) == []


def test_cue_lexicon_has_kinds() -> None:
    cues = load_cues()
    assert cues["say"] == "speech" and cues["believe"] == "belief"
    assert cues["according to"] == "source" and cues["accuse"] == "charge"


# --------------------------------------------------------------------------- extraction


@pytest.mark.slow
def test_direct_quote_with_speaker_after_it() -> None:
    text = ("Dock workers walked out in Rotterdam on Monday.\n\n"
            "\u201cWe will not accept these terms,\u201d union leader Maria Lopez said.")
    q = _one(_quotes(text), "direct", "We will not accept")
    assert q.span.text == "\u201cWe will not accept these terms,\u201d"
    assert _speaker_text(text, q) is not None and "Maria Lopez" in str(_speaker_text(text, q))
    assert q.cue is not None and q.cue.text == "said"


@pytest.mark.slow
def test_interrupted_quote_is_one_quote_and_pronoun_resolves_to_the_person() -> None:
    text = ("Maria Lopez spoke to the crowd at the harbour gate.\n\n"
            "\"The offer is an insult,\" she said, \"and we will stay out until it changes.\"")
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    assert len(quotes) == 1
    q = quotes[0]
    assert q.span.text.startswith("\"The offer") and q.span.text.endswith("changes.\"")
    assert _speaker_text(text, q) == "she"
    assert q.speaker is not None and q.speaker.name == "Maria Lopez"


@pytest.mark.slow
def test_multi_paragraph_quote_after_a_colon() -> None:
    text = ("The mayor, Peter Novak, read a statement:\n\n"
            "\u201cThe bridge will stay closed while engineers inspect it.\n\n"
            "\u201cWe ask drivers to use the ferry until further notice.\u201d\n\n"
            "The council meets again next week.")
    q = _one(_quotes(text), "direct", "The bridge will stay closed")
    assert q.span.text.endswith("further notice.\u201d")
    assert q.speaker is not None and "Novak" in (q.speaker.name or "")


@pytest.mark.slow
def test_partial_quote_inside_reported_speech() -> None:
    text = "The transport minister accused the rail company of \"cheating\" its passengers."
    q = _one(_quotes(text), "partial", "\"cheating\"")
    assert q.span.text.startswith("the rail company")
    assert _speaker_text(text, q) == "The transport minister"
    assert q.cue is not None and q.cue.text == "accused"


@pytest.mark.slow
def test_indirect_speech_with_told_reporters_that() -> None:
    text = "Peter Novak told reporters that the factory would close next year."
    q = _one(_quotes(text), "indirect", "factory")
    assert q.span.text == "that the factory would close next year"
    assert _speaker_text(text, q) == "Peter Novak"
    assert q.cue is not None and q.cue.text == "told"


@pytest.mark.slow
def test_according_to_is_kept_as_the_channel_of_another_cue() -> None:
    text = ("Anna Berg said the two firms should merge before the summer, "
            "according to a statement from her office.")
    q = _one(_quotes(text), "indirect", "merge")
    assert _speaker_text(text, q) == "Anna Berg"
    assert q.channel is not None and q.channel.text == "according to a statement from her office"


@pytest.mark.slow
def test_according_to_alone_names_the_source() -> None:
    text = "Grain exports fell by a third last year, according to the farm ministry."
    q = _one(_quotes(text), "indirect", "Grain exports")
    assert q.span.text == "Grain exports fell by a third last year"
    assert _speaker_text(text, q) == "the farm ministry"
    assert q.cue is not None and q.cue.text == "according to"


@pytest.mark.slow
def test_no_speaker_is_guessed_when_the_text_names_none() -> None:
    text = ("Storms closed three airports on Friday.\n\n"
            "\u201cNobody expected the river to rise this fast.\u201d\n\n"
            "Repairs will take weeks.")
    q = _one(_quotes(text), "direct", "Nobody expected")
    assert q.speaker is None


@pytest.mark.slow
def test_scare_quotes_are_not_quotes() -> None:
    text = "The so-called \"reform\" passed the senate by two votes."
    assert [q for q in _quotes(text) if "reform" in q.span.text] == []


@pytest.mark.slow
def test_belief_cue_gives_a_thought_only_when_asked_for() -> None:
    text = "Most economists believe that prices will keep rising."
    assert _quotes(text) == []  # a belief is not a quote
    q = _one(_quotes(text, kinds=THOUGHTS), "thought", "prices")
    assert q.span.text == "that prices will keep rising"
    assert _speaker_text(text, q) == "Most economists"


@pytest.mark.slow
def test_nested_attribution_keeps_the_outer_one_as_channel() -> None:
    text = "The two leaders accused the bank of \"meddling\" in the election, the palace said."
    inner = [q for q in _quotes(text) if q.cue is not None and q.cue.text == "accused"]
    assert len(inner) == 1 and inner[0].kind == "partial"
    inner_quote = inner[0]
    assert inner_quote.span.text == "the bank of \"meddling\" in the election"
    assert _speaker_text(text, inner_quote) == "The two leaders"
    assert inner_quote.channel is not None and "the palace said" in inner_quote.channel.text


@pytest.mark.slow
def test_stage_is_registered_and_reads_entities() -> None:
    st = registered()["quotes.v1"]
    assert st.produces == "quotes" and st.requires == ("entities", "mentions")
    text = "\u201cWe are ready,\u201d Anna Berg said."
    ctx = Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text))
    ctx.results["entities"] = []
    out = st.fn(ctx)
    assert len(out) == 1 and out[0].kind == "direct"


# --------------------------------------------------------------------------- evaluation metric


def test_direct_definition_follows_quotation_marks() -> None:
    text = 'He said "the plan is dead," and left. She said the plan was "a disaster".'
    assert is_direct(text, [[8, 27]])  # "the plan is dead,"
    assert is_direct(text, [[9, 25]])  # inside the marks
    mixed_start = text.index("the plan was")
    assert not is_direct(text, [[mixed_start, len(text) - 1]])


def test_matching_ignores_the_gap_of_an_interrupted_gold_quote() -> None:
    gold = [set(range(0, 10)) | set(range(20, 30))]
    pred = [set(range(0, 30))]  # covers the interrupting "he said" as well
    assert match(gold, pred) == [(0, 0)]
    assert match(gold, [set(range(0, 8))]) == []  # 8 < half of 20


def test_score_article_counts_speakers_by_span_or_name() -> None:
    text = "\u201cWe are ready,\u201d Anna Berg said."
    record = {"text": text, "quotes": [{"quote": text[:16], "speaker": "Anna Berg", "cue": "said",
                                        "quote_spans": [[0, 16]], "speaker_spans": [[17, 26]]}]}
    q = Quote(Span.of(text, 0, 16), "direct", EntityRef(None, None, "Anna Berg", 17, 26),
              Span.of(text, 27, 31), None)
    counts = score_article(record, [q])
    assert counts["direct"]["tp"] == 1 and counts["direct"]["speaker"] == 1
    wrong = Quote(q.span, "direct", EntityRef(None, None, "Someone", 0, 3), q.cue, None)
    assert score_article(record, [wrong])["direct"]["speaker"] == 0


def test_speaker_from_a_dash_line_after_the_quote() -> None:
    from newsgraph import analyze
    from newsgraph.config import load_settings

    s = load_settings().with_overrides(stages=("entities.v1", "mentions.v1", "quotes.v1"))
    text = ("Budget Notes\n\nThe committee met for six hours on Monday.\n\n"
            "\"We will not reopen the budget before the summer recess.\"\n\n- Tomas Reyes.\n\n"
            "Reyes has led the committee since 2019.")
    a = analyze(text, settings=s)
    direct = [q for q in a.quotes if q.kind == "direct"]
    assert len(direct) == 1
    (q,) = direct
    assert q.speaker is not None and a.article.text[q.speaker.start:q.speaker.end] == "Tomas Reyes"
    assert q.speaker.start > q.span.end  # named on the dash line after the quotation


def test_segments_close_a_curly_quote_with_a_straight_mark_when_styles_mix() -> None:
    text = "\u201cThe port is full,\" Lopez said. \"We need a second berth.\u201d"
    segs = [text[s.start:s.end] for s in find_segments(text)]
    assert segs == ["\u201cThe port is full,\"", "\"We need a second berth.\u201d"]


@pytest.mark.slow
def test_a_short_clause_after_an_open_quote_attributes_it_whatever_the_verb() -> None:
    text = ("The minister left the stage early.\n\n"
            "\u201cAsk the treasury,\u201d Anna Berg shrugged and walked to her car.")
    q = _one(_quotes(text), "direct", "Ask the treasury")
    assert _speaker_text(text, q) == "Anna Berg"


@pytest.mark.slow
def test_a_cue_that_introduces_the_next_quote_does_not_attribute_the_previous_one() -> None:
    text = ("Tomas Reyes spoke after the vote.\n\n"
            "\"We lost,\" he said. \"The count was fair.\" Anna Berg added, \"We will try again next year.\"")
    quotes = [q for q in _quotes(text) if q.kind == "direct"]
    fair = _one(quotes, "direct", "The count was fair")
    assert "We lost" in fair.span.text  # goes on with the first quotation, Reyes speaking
    assert fair.speaker is not None and fair.speaker.name == "Tomas Reyes"
    again = _one(quotes, "direct", "try again")
    assert _speaker_text(text, again) == "Anna Berg"


@pytest.mark.slow
def test_a_cue_with_its_own_that_clause_is_not_the_attribution_of_the_quote_before() -> None:
    text = ("Anna Berg defended the plan on Tuesday, saying, \"The harbour needs the money now,\" "
            "but she denied that the city would raise fees.")
    q = _one(_quotes(text), "direct", "The harbour needs")
    assert q.cue is not None and q.cue.text == "saying"
    assert q.speaker is not None and q.speaker.name == "Anna Berg"


@pytest.mark.slow
def test_a_statement_announced_before_a_colon_names_the_subject() -> None:
    text = ("After the flood, Mayor Peter Novak issued the following statement:\n\n"
            "\u201cOur thoughts are with every family that lost a home this week.\u201d")
    q = _one(_quotes(text), "direct", "Our thoughts")
    assert q.speaker is not None and "Novak" in (q.speaker.name or "")


@pytest.mark.slow
def test_a_name_set_off_by_a_dash_before_the_colon_is_the_speaker() -> None:
    text = ("Forecasts held up well - Maria Lopez: \u201cThe late surveys caught the shift that "
            "the early ones missed.\u201d")
    q = _one(_quotes(text), "direct", "late surveys")
    assert _speaker_text(text, q) == "Maria Lopez"


@pytest.mark.slow
def test_a_quote_opening_the_sentence_after_reported_speech_keeps_its_speaker() -> None:
    text = ("Anna Berg, the harbour master, said in a statement. \u201cNo ship will wait more than a day "
            "once the new crane arrives.\u201d\n\nThe crane is due in March.")
    q = _one(_quotes(text), "direct", "No ship will wait")
    assert _speaker_text(text, q) == "Anna Berg"


def test_a_relative_pronoun_is_the_speaker_mention_and_its_noun_the_entity() -> None:
    text = ("The plan was backed by Mayor Ellen Voss, who said the bridge would open in May.\n\n"
            "Farmers who said the drought had ruined their crops asked for aid.")
    quotes = _quotes(text)
    q = _one(quotes, "indirect", "bridge would open")
    assert _speaker_text(text, q) == "who"
    assert q.speaker is not None and q.speaker.name == "Ellen Voss" and q.speaker.entity is not None
    q = _one(quotes, "indirect", "drought had ruined")
    assert _speaker_text(text, q) == "who"


def test_an_expletive_it_or_an_agentless_passive_names_no_speaker() -> None:
    text = ("It was reported on Friday that the harbour would close.\n\n"
            "It appears that the new crane will arrive late.\n\n"
            "Mayor Ellen Voss was asked whether the bridge would open in May.\n\n"
            "Mayor Ellen Voss said the ferry would run in June.")
    quotes = _quotes(text, kinds=THOUGHTS)  # "appears that": any verb with a that-clause
    assert _one(quotes, "indirect", "harbour would close").speaker is None
    assert _one(quotes, "indirect", "crane will arrive").speaker is None
    assert _one(quotes, "indirect", "whether the bridge").speaker is None
    assert _speaker_text(text, _one(quotes, "indirect", "ferry would run")) == "Mayor Ellen Voss"


def test_the_subject_of_was_quoted_as_saying_is_the_speaker() -> None:
    text = "\u201cWe will rebuild the harbour before the winter storms arrive,\u201d Voss is quoted as saying.\n"
    q = _one(_quotes(text), "direct", "rebuild the harbour")
    assert _speaker_text(text, q) == "Voss"


def test_a_participle_hanging_on_an_actor_takes_that_actor_as_speaker() -> None:
    text = ("Mayor Ellen Voss was interrupted by dozens of dock workers chanting \u201cno crane, no deal\u201d "
            "at the back of the hall.\n\nThe share of voters saying the crane should be rebuilt rose to 60 percent.\n\n"
            "Voss gave a speech attacking the port authority for delaying the crane.")
    quotes = _quotes(text)
    assert _speaker_text(text, _one(quotes, "direct", "no crane")) == "dock workers"
    assert _speaker_text(text, _one(quotes, "indirect", "crane should be rebuilt")) == "voters"
    assert _speaker_text(text, _one(quotes, "indirect", "port authority")) == "Voss"


def test_a_relative_clause_after_a_quote_is_not_its_attribution() -> None:
    text = ("The host, Anna Berg, interjected, \u201cPlease welcome our next guest, Mr. Tom Lind,\u201d "
            "who proceeded to sing a folk song.\n")
    q = _one(_quotes(text), "direct", "Please welcome")
    assert _speaker_text(text, q) == "The host"


def test_a_colon_after_a_subjectless_verb_takes_the_speaker_of_the_verb_it_depends_on() -> None:
    text = ("Voss has since apologized for what happened: \u201cI should have told the council about the "
            "crane much earlier. I am sorry.\u201d\n")
    q = _one(_quotes(text), "direct", "told the council")
    assert _speaker_text(text, q) == "Voss"


def test_a_name_inside_the_subjects_modifier_is_not_the_speaker() -> None:
    text = ("Another harbour official speaking to Radio Nord said, \u201cThe crane will not arrive before "
            "the spring storms.\u201d\n")
    q = _one(_quotes(text), "direct", "crane will not arrive")
    assert _speaker_text(text, q) == "Another harbour official"


def test_an_age_standing_for_a_person_is_the_speaker() -> None:
    text = "The council met on Monday.\n\n\"The crane will be rebuilt,\" the 43-year-old said.\n"
    q = _one(_quotes(text), "direct", "crane will be rebuilt")
    assert _speaker_text(text, q) == "the 43-year-old"


def test_the_one_asked_in_a_participle_clause_is_not_the_asker() -> None:
    text = "Asked whether the crane would be rebuilt, Voss said the council had not decided.\n"
    quotes = _quotes(text)
    assert _one(quotes, "indirect", "whether the crane").speaker is None
    assert _speaker_text(text, _one(quotes, "indirect", "council had not decided")) == "Voss"


def test_a_participle_of_feeling_keeps_its_subject_and_an_estimate_by_keeps_its_author() -> None:
    text = ("Worried that the crane might arrive late, the harbour board asked the council for money.\n\n"
            "A 2014 estimate by the Harbour Trust projected that the crane would cost $3 million.\n")
    quotes = _quotes(text, kinds=THOUGHTS)
    assert _speaker_text(text, _one(quotes, "thought", "might arrive late")) == "the harbour board"
    estimate = _one(quotes, "indirect", "would cost")  # the estimate is the channel, its author speaks
    assert _speaker_text(text, estimate) == "the Harbour Trust"
    assert estimate.channel is not None and estimate.channel.text == "A 2014 estimate by the Harbour Trust"


# --------------------------------------------------------------------------- issue 10: precision


@pytest.mark.parametrize("text, inner", [
    ("Er sagte \u201eWir bauen den Hafen neu\u201c und ging.", "Wir bauen den Hafen neu"),
    ("Sie sagte \u201aDer Kran kommt sp\u00e4t\u2018 und ging.", "Der Kran kommt sp\u00e4t"),
    ("Il a dit \u00ab le port est ferm\u00e9 \u00bb hier.", " le port est ferm\u00e9 "),
    ("'We will rebuild the harbour,' Voss said.", "We will rebuild the harbour,"),
    ("Voss said \u00e2\u20ac\u0153the crane is late\u00e2\u20ac\u009d on Monday.", "the crane is late"),
    ("Voss said \u00e2\u20ac\u0153the crane is late\u00e2\u20ac on Monday.", "the crane is late"),
    ("Voss called it \u00e2\u20ac\u02dca disgrace\u00e2\u20ac\u2122 on Monday.", "a disgrace"),
])
def test_segments_in_every_style_of_quotation_mark(text: str, inner: str) -> None:
    segs = find_segments(text)
    assert len(segs) == 1, [text[s.start:s.end] for s in segs]
    assert inner in text[segs[0].start:segs[0].end]


def test_apostrophes_are_not_single_quotation_marks() -> None:
    text = "The players' union didn't back Voss's plan, and the dockers' leader won't either."
    assert find_segments(text) == []


@pytest.mark.slow
def test_a_mojibake_quotation_is_a_direct_quote() -> None:
    text = "\u00e2\u20ac\u0153We will not accept these terms,\u00e2\u20ac\u009d union leader Maria Lopez said."
    q = _one(_quotes(text), "direct", "We will not accept")
    assert _speaker_text(text, q) is not None and "Maria Lopez" in str(_speaker_text(text, q))


@pytest.mark.slow
def test_a_cue_with_a_bare_noun_object_is_not_a_quote() -> None:
    text = ("The senator urged the minister not to announce the new review before the vote.\n\n"
            "Mayor Ellen Voss defended the budget on Monday.\n\n"
            "The union accused the harbour board of lying about the crane.")
    quotes = _quotes(text)
    assert not [q for q in quotes if q.span.text in ("the new review", "the new review before the vote")]
    assert not [q for q in quotes if "budget" in q.span.text]
    assert _one(quotes, "indirect", "of lying").cue is not None  # a charge that states something stays


@pytest.mark.slow
@pytest.mark.parametrize("text", [
    "The Greens are expected to gain seats in the next election.",
    "Mayor Ellen Voss wants to build a second harbour before 2030.",
    "The harbour board plans to sell the old ferry next spring.",
    "Voss believes the crane will arrive late.",
    "Most dockers hope that the strike will end soon.",
    "The union fears the port will close.",
    "Voss thinks the ferry is too slow.",
])
def test_mental_forecast_and_volition_verbs_are_not_quotes(text: str) -> None:
    assert _quotes(text) == []
    assert {q.kind for q in _quotes(text, kinds=THOUGHTS)} <= {"thought", "indirect"}


@pytest.mark.slow
def test_a_document_is_the_channel_and_its_author_the_speaker() -> None:
    text = ("A statement from Nordport Shipping said the terminal would close on Friday.\n\n"
            "The report said the bridge was unsafe.\n\n"
            "\u201cThe crane will be late,\u201d a Nordport Shipping statement said.")
    quotes = _quotes(text)
    q = _one(quotes, "indirect", "terminal would close")
    assert q.speaker is not None and "Nordport" in (q.speaker.name or "")
    assert q.channel is not None and q.channel.text.startswith("A statement")
    q = _one(quotes, "indirect", "bridge was unsafe")
    assert q.speaker is None  # no author named: the report is not the speaker
    assert q.channel is not None and q.channel.text == "The report"
    q = _one(quotes, "direct", "crane will be late")
    assert q.speaker is not None and "Nordport" in (q.speaker.name or "")
    assert q.channel is not None and "statement" in q.channel.text


@pytest.mark.slow
def test_an_interrupted_quote_keeps_the_narration_out_of_its_content() -> None:
    text = ("Maria Lopez spoke at the gate.\n\n"
            "\u201cThe offer is an insult,\u201d she said, \u201cand we will stay out until it changes.\u201d")
    q = _one(_quotes(text), "direct", "The offer")
    assert [p.text for p in q.parts] == ["\u201cThe offer is an insult,\u201d",
                                         "\u201cand we will stay out until it changes.\u201d"]
    assert all("she said" not in p.text for p in q.parts)
    assert Quote.from_dict(q.to_dict()) == q


@pytest.mark.slow
def test_min_confidence_leaves_out_weak_reported_quotes_but_not_direct_ones() -> None:
    text = ("It was reported on Friday that the harbour would close.\n\n"
            "\u201cWe will reopen it,\u201d Mayor Ellen Voss said.")
    everything = _quotes(text)
    assert _one(everything, "indirect", "harbour would close").confidence < 0.9
    default = extract_quotes(load_nlp()(text))  # the default floor: no one credited, left out
    assert [q.kind for q in default] == ["direct"]
    strict = _quotes(text, min_confidence=0.9)
    assert not [q for q in strict if q.kind != "direct"]
    assert _one(strict, "direct", "We will reopen it").speaker is not None


@pytest.mark.slow
def test_a_narration_paragraph_between_two_quotations_makes_two_quotes() -> None:
    text = ("\u201cThe crane is late. The ferry is late,\u201d Voss said. \u201cEverything is late.\u201d\n\n"
            "The mayor was quick to add that the harbour itself would open on time.\n\n"
            "\u201cThe harbour? Never late.\u201d")
    direct = [q for q in _quotes(text) if q.kind == "direct"]
    first = _one(direct, "direct", "The crane is late")
    assert "Everything is late" in first.span.text  # the attribution between them: one quote
    assert "quick to add" not in first.span.text
    assert "Never late" not in first.span.text
    assert _one(direct, "direct", "Never late").span.text == "\u201cThe harbour? Never late.\u201d"


@pytest.mark.slow
def test_find_out_is_not_speech() -> None:
    assert _quotes("Today the voters will find out whether the harbour stays open.") == []


@pytest.mark.slow
def test_according_to_a_document_credits_its_author_or_no_one() -> None:
    text = ("Grain exports fell by a third last year, according to the report.\n\n"
            "Ferry traffic rose by a fifth in 2023, according to a report by Nordport Shipping.")
    quotes = _quotes(text)
    assert _one(quotes, "indirect", "Grain exports").speaker is None
    q = _one(quotes, "indirect", "Ferry traffic")
    assert q.speaker is not None and "Nordport" in (q.speaker.name or "")
    assert [q.kind for q in extract_quotes(load_nlp()(text))] == ["indirect"]  # the default floor
