"""The clause layer: tense, modality, negation and the timex of each clause (invented sentences)."""

from __future__ import annotations

import pytest

from newsgraph.clauses import Clause, Modality, Tense, clauses
from newsgraph.events.coder import code_events
from newsgraph.model import Article, Event, Published, Span, Timex
from newsgraph.nlp.amounts import extract_amounts
from newsgraph.nlp.spacy_model import load_nlp
from newsgraph.nlp.timex import find_timexes
from newsgraph.registry import Context


def _clause(text: str, word: str) -> Clause:
    doc = load_nlp()(text)
    tok = next(t for t in doc if t.text == word)
    return clauses(doc).clause_of(tok)


def _mod(text: str, word: str) -> tuple[Modality, str | None]:
    c = _clause(text, word)
    return c.modality, c.modality_cue.lower_ if c.modality_cue is not None else None


# ------------------------------------------------------------------ clause and range


def test_a_token_belongs_to_the_clause_of_the_verb_above_it() -> None:
    text = "The mayor said that the bridge collapsed in the storm."
    doc = load_nlp()(text)
    idx = clauses(doc)
    storm = next(t for t in doc if t.text == "storm")
    c = idx.clause_of(storm)
    assert c.head.text == "collapsed"
    assert doc[c.start:c.end].text == "that the bridge collapsed in the storm"
    assert c.parent is not None and c.parent.head.text == "said"
    assert idx.clause_of(doc[0]).head.text == "said"
    assert clauses(doc) is idx  # cached on the Doc


# ------------------------------------------------------------------ tense


@pytest.mark.parametrize(("text", "word", "tense", "perfect"), [
    ("The council will vote on the plan.", "vote", Tense.FUTURE, False),
    ("She'll sign the bill tomorrow.", "sign", Tense.FUTURE, False),
    ("The governor is going to veto the bill.", "veto", Tense.FUTURE, False),
    ("The envoy is to visit Lagos.", "visit", Tense.FUTURE, False),
    ("The hearing is scheduled to resume in June.", "resume", Tense.FUTURE, False),
    ("The ferry sank near the harbour.", "sank", Tense.PAST, False),
    ("The mill employs forty workers.", "employs", Tense.PRESENT, False),
    ("The firm has opened a second plant.", "opened", Tense.PRESENT, True),
    ("The firm had opened a second plant.", "opened", Tense.PAST, True),
])
def test_tense(text: str, word: str, tense: Tense, perfect: bool) -> None:
    c = _clause(text, word)
    assert (c.tense, c.perfect) == (tense, perfect)


def test_a_present_perfect_is_past_as_seen_from_now() -> None:
    assert _clause("The firm has opened a second plant.", "opened").time is Tense.PAST
    assert _clause("The mill employs forty workers.", "employs").time is Tense.PRESENT


# ------------------------------------------------------------------ modality


def test_conditional_covers_the_if_clause_and_its_would_clause() -> None:
    text = "If elected, the candidate would appoint a new auditor."
    assert _mod(text, "elected") == (Modality.CONDITIONAL, "if")
    assert _mod(text, "appoint") == (Modality.CONDITIONAL, "would")
    assert _mod("The deal would collapse without the bank.", "collapse") == (Modality.HYPOTHETICAL, "would")
    assert _mod("The strike will end unless wages rise.", "rise") == (Modality.CONDITIONAL, "unless")


@pytest.mark.parametrize(("text", "word", "cue"), [
    ("The mayor urged the tenants to leave the tower.", "leave", "urged"),
    ("The union called on the board to resign.", "resign", "called"),
    ("The ministry should publish the figures.", "publish", "should"),
])
def test_advised(text: str, word: str, cue: str) -> None:
    assert _mod(text, word) == (Modality.ADVISED, cue)


@pytest.mark.parametrize(("text", "word", "cue"), [
    ("The rebels vowed to retake the valley.", "retake", "vowed"),
    ("The company plans to close the depot.", "close", "plans"),
    ("The club wants to sign the striker.", "sign", "wants"),
    ("The senator intends to run again.", "run", "intends"),
    ("The agency seeks to recover the money.", "recover", "seeks"),
])
def test_intended(text: str, word: str, cue: str) -> None:
    c = _clause(text, word)
    assert (c.modality, c.modality_cue.lower_ if c.modality_cue else None) == (Modality.INTENDED, cue)
    assert c.tense is Tense.FUTURE


def test_reported_under_a_speech_verb_an_according_to_and_a_trailing_said() -> None:
    assert _mod("The coach said that the team lost the final.", "lost") == (Modality.REPORTED, "said")
    assert _mod("According to the coroner, the climber fell.", "fell") == (Modality.REPORTED, "according")
    assert _mod("The shop burned down, neighbours said.", "burned")[0] is Modality.REPORTED
    # everything inside the reported content is reported, a relative clause too
    text = "The coach said that the player who scored left the club."
    assert _mod(text, "scored")[0] is Modality.REPORTED
    # the saying itself is asserted
    assert _mod("The coach said that the team lost the final.", "said") == (Modality.ASSERTED, None)


@pytest.mark.parametrize(("text", "word", "cue"), [
    ("The talks could collapse.", "collapse", "could"),
    ("The storm might reach the coast.", "reach", "might"),
    ("The plant may close.", "close", "may"),
    ("The vote is likely to fail.", "fail", "likely"),
])
def test_hypothetical(text: str, word: str, cue: str) -> None:
    assert _mod(text, word) == (Modality.HYPOTHETICAL, cue)


def test_future() -> None:
    assert _mod("Troops will withdraw from the border.", "withdraw") == (Modality.FUTURE, "will")
    assert _mod("The governor is going to veto the bill.", "veto") == (Modality.FUTURE, "going")
    assert _mod("The hearing is scheduled to resume.", "resume") == (Modality.FUTURE, "scheduled")
    c = _clause("The verdict is due on Friday.", "Friday")
    assert (c.modality, c.tense) == (Modality.FUTURE, Tense.FUTURE)


def test_an_own_modal_beats_the_governing_verb_and_a_conjunct_inherits() -> None:
    assert _mod("The coach thinks the team could lose.", "lose") == (Modality.HYPOTHETICAL, "could")
    # "would" under a reporting verb is a reported "will"
    assert _mod("The coach said the team would lose.", "lose") == (Modality.FUTURE, "would")
    assert _mod("The senator intends to run and win.", "win") == (Modality.INTENDED, "intends")


# ------------------------------------------------------------------ negation


def _neg(text: str, word: str) -> tuple[bool, str | None]:
    c = _clause(text, word)
    return c.negated, c.negation_cue.lower_ if c.negation_cue is not None else None


@pytest.mark.parametrize(("text", "word", "cue"), [
    ("The mayor did not visit the site.", "visit", "not"),
    ("The mayor didn't visit the site.", "visit", "n't"),
    ("The mayor never visited the site.", "visited", "never"),
    ("The baker no longer sells bread.", "sells", "longer"),
    ("No one was arrested.", "arrested", "no"),
    ("None of the guests attended the dinner.", "attended", "none"),
    ("Neither Smith nor Jones attended.", "attended", "neither"),
    ("There is nothing to investigate.", "investigate", "nothing"),
    ("The army has no plans to attack.", "attack", "no"),
    ("The police found nothing.", "found", "nothing"),
    ("The guests walked out without paying.", "paying", "without"),
])
def test_negation(text: str, word: str, cue: str) -> None:
    assert _neg(text, word) == (True, cue)


def test_a_clause_without_negation_is_not_negated() -> None:
    assert _neg("The mayor visited the site.", "visited") == (False, None)
    assert _neg("One guard was arrested.", "arrested") == (False, None)


@pytest.mark.parametrize(("text", "word", "cue"), [
    ("The company declined to comment.", "comment", "declined"),
    ("The board refused to resign.", "resign", "refused"),
    ("The rescuers failed to reach the boat.", "reach", "failed"),
    ("Officials denied that guards fired on the crowd.", "fired", "denied"),
])
def test_negative_implicatives_negate_their_complement_not_themselves(text: str, word: str, cue: str) -> None:
    assert _neg(text, word) == (True, cue)
    verb = next(w for w in ("declined", "refused", "failed", "denied") if w in text)
    assert _neg(text, verb) == (False, None)


def test_implicatives_and_the_negation_of_their_governor() -> None:
    assert _neg("The prisoner managed to escape.", "escape") == (False, None)
    assert _neg("The prisoner did not manage to escape.", "escape") == (True, "not")
    assert _neg("The minister did not refuse to meet them.", "meet") == (False, None)
    # a negated intention or advice is not intended or advised
    assert _neg("The club does not want to sign him.", "sign") == (True, "not")
    assert _neg("The mayor did not urge them to leave.", "leave") == (True, "not")
    # a negated report leaves the reported content open
    assert _neg("The coach did not say that the team lost.", "lost") == (False, None)


def test_ability_adjectives_and_instead_of() -> None:
    # "unable to" negates its complement; "able to" is negated by its copula's negation, not by itself
    assert _neg("The rescuers were unable to reach the boat.", "reach") == (True, "unable")
    assert _neg("The rescuers have not been able to reach the boat.", "reach") == (True, "not")
    assert _neg("The rescuers were able to reach the boat.", "reach") == (False, None)
    assert _neg("The rescuers were not unable to reach the boat.", "reach") == (False, None)
    # what was done instead of an act tells that the act did not happen
    assert _neg("Instead of dispersing the crowd, the guards watched.", "dispersing") == (True, "of")
    assert _neg("Instead of dispersing the crowd, the guards watched.", "watched") == (False, None)
    # "too ... to": the act is not done; "enough to" leaves it open
    assert _neg("It is too early to discuss the budget with the unions.", "discuss") == (True, "early")
    assert _neg("The ministry said it was too soon to meet the unions.", "meet") == (True, "soon")
    assert _neg("The army was strong enough to defend the town.", "defend") == (False, None)


# ------------------------------------------------------------------ background


@pytest.mark.parametrize(("text", "word", "background"), [
    ("Since the army seized the port, prices have doubled.", "seized", True),
    ("The talks collapsed over the dispute about fishing.", "dispute", True),
    ("The envoy, who visited Kyiv, met the minister.", "visited", True),
    ("The envoy met the minister after the talks failed.", "failed", True),
    ("The envoy met the minister.", "met", False),
])
def test_background(text: str, word: str, background: bool) -> None:
    doc = load_nlp()(text)
    assert clauses(doc).background(next(t for t in doc if t.text == word)) is background


# ------------------------------------------------------------------ temporal expressions


def _timex(text: str, phrase: str) -> Timex:
    i = text.index(phrase)
    return Timex(Span.of(text, i, i + len(phrase)), "DATE", "2024-01-01")


def test_a_timex_belongs_to_its_own_clause_not_the_one_above() -> None:
    text = "The police said on Wednesday that the suspect fled last month."
    doc = load_nlp()(text)
    idx = clauses(doc)
    wed, month = _timex(text, "Wednesday"), _timex(text, "last month")
    txs = [wed, month]
    said = idx.clause_of(next(t for t in doc if t.text == "said"))
    fled = idx.clause_of(next(t for t in doc if t.text == "fled"))
    assert idx.own_timexes(said, txs) == [wed]
    assert idx.own_timexes(fled, txs) == [month]
    assert idx.timexes_for(fled, txs) == [month]


def test_a_finite_complement_does_not_take_its_governors_timex() -> None:
    text = "The police said on Wednesday that the suspect fled."
    doc = load_nlp()(text)
    idx = clauses(doc)
    txs = [_timex(text, "Wednesday")]
    fled = idx.clause_of(next(t for t in doc if t.text == "fled"))
    assert idx.timexes_for(fled, txs) == []


def test_a_participle_and_a_conjunct_share_their_governors_timex() -> None:
    text = "Troops entered the town on Monday, killing five people, and seized the bridge."
    doc = load_nlp()(text)
    idx = clauses(doc)
    mon = _timex(text, "Monday")
    for word in ("entered", "killing", "seized"):
        c = idx.clause_of(next(t for t in doc if t.text == word))
        assert idx.timexes_for(c, [mon]) == [mon], word
    # an intention does not happen on the day it was announced
    text = "The minister agreed on Monday to resign."
    doc = load_nlp()(text)
    c = clauses(doc).clause_of(next(t for t in doc if t.text == "resign"))
    assert clauses(doc).timexes_for(c, [_timex(text, "Monday")]) == []


def test_a_clause_takes_the_timex_of_a_participle_below_it_but_not_of_a_finite_clause() -> None:
    text = "The envoy will meet the rebels during a visit starting on Sunday."
    doc = load_nlp()(text)
    sun = _timex(text, "Sunday")
    meet = clauses(doc).clause_of(next(t for t in doc if t.text == "meet"))
    assert clauses(doc).timexes_for(meet, [sun]) == [sun]
    text = "The police said that the suspect fled last month."
    doc = load_nlp()(text)
    said = clauses(doc).clause_of(next(t for t in doc if t.text == "said"))
    assert clauses(doc).timexes_for(said, [_timex(text, "last month")]) == []


def test_the_layer_works_with_the_date_stage_output() -> None:
    text = "The mayor said on Friday that the pool will reopen in May."
    doc = load_nlp()(text)
    txs = find_timexes(text, "2024-03-12", doc)
    idx = clauses(doc)
    reopen = idx.clause_of(next(t for t in doc if t.text == "reopen"))
    assert [t.span.text for t in idx.timexes_for(reopen, txs)] == ["May"]
    assert reopen.modality is Modality.FUTURE and reopen.tense is Tense.FUTURE


# ------------------------------------------------------------------ the event coder reads the layer


def _coded(text: str, *, unasserted: bool = False) -> list[Event]:
    art = Article(id="t", text=text, title="", published=Published("2024-02-08", "day", "input"))
    ctx = Context(article=art, doc=load_nlp()(text))
    ctx.results["timexes"] = find_timexes(text, "2024-02-08", ctx.doc)
    return code_events(ctx, unasserted=unasserted)


def test_events_take_modality_negation_and_date_from_the_clause_layer() -> None:
    said = _coded("Russia said on Wednesday that Ukraine attacked its border posts last month.")
    accusation = next(e for e in said if e.code.startswith("11"))
    assert accusation.date is not None and (accusation.date.value, accusation.date.anchor) == ("2024-02-07", "text")
    assert not _coded("If elected, Smith would meet Putin in Moscow.")  # not told as happening
    cond = _coded("If elected, Smith would meet Putin in Moscow.", unasserted=True)
    assert cond and all(e.modality == "conditional" for e in cond)
    nobody = _coded("No one from Germany met the French president.")
    assert nobody and all(e.negated for e in nobody)
    failed = _coded("France failed to help Germany.")
    assert failed and all(e.negated and e.rule_confidence is not None and e.rule_confidence <= 0.1 for e in failed)


def test_an_amount_takes_the_timex_of_its_own_clause() -> None:
    text = "The ministry said on Monday that exports reached $5 billion in 2022."
    ctx = Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text))
    ctx.results["timexes"] = find_timexes(text, "2024-02-08", ctx.doc)
    money = next(a for a in extract_amounts(ctx) if a.kind == "money")
    assert money.date == "2022"
    text = "The ministry said on Monday that exports reached $5 billion."
    ctx = Context(article=Article(id="t", text=text, title=""), doc=load_nlp()(text))
    ctx.results["timexes"] = find_timexes(text, "2024-02-08", ctx.doc)
    assert next(a for a in extract_amounts(ctx) if a.kind == "money").date is None
