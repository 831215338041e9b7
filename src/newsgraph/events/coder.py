"""CAMEO event coding on the dependency parse: the stage ``events.v1``.

For every sentence the coder finds event triggers from the pattern lexicon
(``data/event_patterns.tsv``): verbs (with a particle or object when the pattern names one),
event nouns ("telephone call", "invasion", "sanctions") and predicate adjectives ("ready to").
Then it reads the parties off the parse:

- source and target from subjects and objects, passives ("was attacked by"), prepositional
  targets ("met with Xi in Beijing"), possessives and modifiers of event nouns ("its invasion
  of Ukraine", "the sanctions imposed by the West", "U.S. sanctions");
- compound actors ("Xi and Putin") give one event for each party; symmetric events (meet,
  talk, agree) are coded both ways;
- light verbs ("held talks", "hit Russia with sanctions") take their code from the event noun;
- frame verbs compose codes: "promise to X" -> 03x, "urge T to X" -> 02x, "demand that T X"
  -> 10x, "refuse to X" -> 12x, "threaten to X" -> 13x (via the M table of the lexicon);
- reported speech codes the reported event, not the saying; an allegation ("claimed that Y
  attacked Z") codes the accusation against Y;
- negation and modality (future, conditional, intention, denial) are recorded; a negated
  intention becomes a refusal (12x); other negated events stay in the output with
  ``negated=True`` and a low confidence (consumers that count events should skip them);
- the date is the sentence's own temporal expression attached to the event's clause, else the date
  an earlier mention of the same event gave it, else the narrative's or the publication date;
  background, perfect and future events with no date of their own get none (``anchoring``);
- the place is a place name attached to the event's clause (or a visit's destination).

Actor codes come from the entity stage (``Entity.actor``) and, for phrases it leaves uncoded,
from ``actors.compose`` (country + role words).

The package, by concept: ``patterns`` (the pattern table), ``heads`` (the actor a noun-phrase head
stands for), ``parties`` (who: a phrase's parties, pronouns resolved; subjects and objects),
``triggers`` (matching patterns and building a sentence's candidates), ``frames`` (frame verbs,
reported speech, modal shifts), ``clauses`` (clause verb and modality), ``anchoring`` (date and
place), ``selection`` (pairs, confidence, which events are kept); this module runs them over an
article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..actors.compose import has_role
from ..actors.context import colon_dateline_span, dateline_span
from ..calibration import calibrate_event
from ..model import Event, EventEvidence, Place, Span
from ..nlp.places import gazetteer
from ..nlp.spacy_model import doc_text, parse_text, sentences
from ..registry import Context, stage
from .anchoring import Dater, place_of
from .cameo import lookup
from .implied import supply_source
from .labels import in_label
from .matcher import Matcher
from .parties import Party
from .patterns import Lexicon, lexicon
from .retold import headline_date
from .selection import event_pairs, pair_confidence, police_side_acts, salient_events
from .tenure import at_event_date
from .triggers import SentenceCoder

if TYPE_CHECKING:
    from spacy.tokens import Span as SpanT

__all__ = ["Lexicon", "code_events", "lexicon"]


_CAP_WORD = re.compile(r"\b[A-Z][a-z]+\b")


def _title_context(ctx: Context) -> Context | None:
    """A Context over the title re-cased to sentence case, when the title is in title case.

    Headline case ("Xi and Putin Reject U.S. 'Interference'") defeats the tagger; lower-casing
    the capitalised words that are not entity mentions keeps every offset and gives a usable
    parse.  The title is parsed with the pipeline that parsed the article (a few words: cheap).
    """
    art = ctx.article
    title = art.title
    if not title or not art.text.startswith(title):
        return None
    words = [w for w in re.findall(r"[A-Za-z]+", title) if len(w) > 3]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.6 * len(words):
        return None
    mentioned: set[int] = set()
    for e in ctx.results.get("entities") or ():
        for m in e.mentions:
            if m.end <= len(title):
                mentioned.update(range(m.start, m.end))
    chars = list(title)
    for m in _CAP_WORD.finditer(title):
        if m.start() == 0 or m.start() in mentioned:
            continue
        chars[m.start()] = chars[m.start()].lower()
    recased = "".join(chars)
    nlp = _nlp(ctx)
    if nlp is None:
        return None
    return Context(article=art, doc=parse_text(nlp, recased), results=ctx.results, nlp=nlp)


def _nlp(ctx: Context) -> Any:
    """The pipeline that parsed the article (or the default one; None when there is none)."""
    if ctx.nlp is not None:
        return ctx.nlp
    from ..errors import ConfigError
    from ..nlp.spacy_model import load_nlp

    try:
        return load_nlp()
    except ConfigError:  # no default model: keep the original parse
        return None


def _dateline_context(ctx: Context, start: int) -> tuple[Context, int, int, Place | None] | None:
    """The first sentence of a datelined body re-parsed without its dateline, and where it is.

    "MOSCOW (Reuters) - Russia expelled ..." and "Lucknow: police arrested ..." parse with the place as
    the subject; the dateline is blanked (same length, so every offset holds) and the sentence parsed
    again.  Returns (context over the new parse, dateline end, sentence end, the dateline's place from
    the places stage)."""
    text = ctx.article.text
    body = text[start:]
    span = dateline_span(body)  # "MOSCOW (Reuters) -"
    colon = span is None and (span := colon_dateline_span(body)) is not None  # "Ahmedabad: "
    if span is None:
        return None
    a, b = start + span[0], start + span[1]
    first = next((s for s in sentences(ctx.doc) if s.end_char > b), None)
    nlp = _nlp(ctx)
    if first is None or nlp is None:
        return None
    places: Sequence[Place] = ctx.results.get("places") or ()
    place = next((p for p in places if a <= p.span.start and p.span.end <= b), None)
    head = re.split(r"[(—–]|\s-", text[a:b])[0]
    if colon and place is None and text[a:b].rstrip(": \t").lower() not in gazetteer().cities:
        return None  # "Note: ...", "Update: ...": a label, not a city
    if (place is None and not colon) or not all(w[:1].isupper() for w in head.replace(",", " ").split()):
        return None  # "The Philippines and the European Union (EU) agree": a sentence, not a dateline
    doc = parse_text(nlp, " " * b + text[b:first.end_char], guard=bool(ctx.doc.user_data.get("newsgraph_guard")))
    return Context(article=ctx.article, doc=doc, results=ctx.results, nlp=nlp), b, first.end_char, place


def code_events(ctx: Context, *, unasserted: bool = False) -> list[Event]:
    """Code the CAMEO events of every sentence of ``ctx.doc`` (the title re-parsed when in title case);
    ``unasserted``: see ``events_stage``."""
    events: list[Event] = []
    seen: set[tuple[Any, ...]] = set()
    title = _words(ctx.article.title or "")
    if len(title) >= _REPEAT_MIN_WORDS:
        seen.add(("title", title))  # a body line that repeats the headline (a gallery's captions) is not coded again
    title_ctx = _title_context(ctx)
    skip_before = 0
    if title_ctx is not None:
        _code_sentences(title_ctx, list(sentences(title_ctx.doc)), events, seen, unasserted=unasserted)
        skip_before = len(ctx.article.title)
    dated = _dateline_context(ctx, skip_before)
    if dated is not None:
        dctx, body, end, place = dated
        first = [dctx.doc[t.i: t.sent.end] for t in dctx.doc if t.idx >= body and not t.is_space][:1]
        _code_sentences(dctx, first, events, seen, dateline=place, unasserted=unasserted)
        skip_before = end
    sents: list[SpanT] = []
    for s in sentences(ctx.doc):
        if s.start_char >= skip_before:
            sents.append(s)
        elif s.end_char > skip_before:  # a sentence the parser ran across the title: keep the body part
            rest = [t for t in s if t.idx >= skip_before and not t.is_space]
            if rest:
                sents.append(ctx.doc[rest[0].i: s.end])
    _code_sentences(ctx, sents, events, seen, unasserted=unasserted)
    return _date_headline(events, len(ctx.article.title or ""))


def _date_headline(events: list[Event], title_end: int) -> list[Event]:
    """The headline's undated events dated as the body's first telling of them dates them (``retold``),
    their confidence recomputed for the new date."""
    out: list[Event] = []
    for ev in events:
        if ev.trigger.start < title_end and (ev.date is None or ev.date.anchor == "published"):
            date = headline_date(ev, title_end, events)
            if date is not None:
                n = sum(1 for e in events if e.sentence.start == ev.sentence.start)
                evidence = replace(ev.evidence, date="inherited") if ev.evidence else None
                ev = calibrate_event(replace(ev, date=date, evidence=evidence), n)
        out.append(ev)
    return out


_REPEAT_MIN_WORDS = 4  # a shorter headline ("Watch live") may stand in the body as ordinary words


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _code_sentences(ctx: Context, sents: list[SpanT], events: list[Event],
                    seen: set[tuple[Any, ...]], *, dateline: Place | None = None,
                    unasserted: bool = False) -> None:
    """Code ``sents`` into ``events``; ``dateline``: the place of the dateline that opens them."""
    coder = Matcher(ctx)
    dater = Dater(ctx)
    places: Sequence[Place] = ctx.results.get("places") or ()
    text = ctx.article.text
    entities = {e.id: e for e in ctx.results.get("entities") or ()}
    for sent in sents:
        coder.sentence_no += 1
        if coder.lex.is_credit(sent.text):  # a byline or credit line tells no event
            continue
        if sent.start_char > len(ctx.article.title or "") and ("title", _words(sent.text)) in seen:
            continue  # the headline again, in the body: its events were coded in the title
        try:
            cands = SentenceCoder(coder, sent).run()
        except (RecursionError, IndexError):  # a pathological parse: skip the sentence, keep the article
            cands = []
        sent_events: list[Event] = []
        for c in cands:
            entry = lookup(c.code)
            if entry is None:
                continue
            supply_source(c, coder, coder.lex)  # implied agents of police acts (events/implied.py)
            # a gallery title or a video caption run into the sentence names no party of it (events/labels.py)
            c.sources = [p for p in c.sources if not _in_label(sent, p, c.trigger.idx)]
            c.targets = [p for p in c.targets if not _in_label(sent, p, c.trigger.idx)]
            pairs = event_pairs(c)
            if not pairs:
                continue
            police = next((p for p in c.sources if p.key and has_role(p.actor, "COP")), None)
            if police is not None and not c.negated:
                coder.last_police_act = (coder.sentence_no, police)  # the police in charge of the story
            sent_span = Span(sent.start_char, sent.end_char, text[sent.start_char: sent.end_char])
            trig = Span(c.trigger.idx, c.trigger.idx + len(c.trigger.text), c.trigger.text)
            actors = [(s.actor if s else None, t.actor if t else None) for s, t in pairs]
            date, basis = dater.dated(c, sent, actors, events)
            # a known office-holder coded by the office held on the event's date (``tenure``)
            pairs = at_event_date(pairs, date, dater.published.value if dater.published else None, entities)
            place = place_of(c, places, sent, dateline=dateline)
            for s, t in pairs:
                key = (s.key if s else None, t.key if t else None, c.code, trig.start)
                if key in seen:
                    continue
                seen.add(key)
                conf = pair_confidence(c, s, t)
                sent_events.append(Event(
                    code=c.code, root=entry.root, quad_class=entry.quad_class, goldstein=entry.goldstein,
                    source=s.ref() if s else None, target=t.ref() if t else None, date=date, place=place,
                    sentence=sent_span, trigger=trig, negated=c.negated, modality=c.modality,
                    confidence=conf, name=entry.name, evidence=EventEvidence(
                        basis, s.how if s else None, s.via if s else None, t.how if t else None,
                        t.via if t else None),
                ))
        # emission decided on the rule score; the reported confidence is the calibrated P(fully right)
        kept = salient_events(sent_events, unasserted=unasserted)
        # police acts left out beside a stronger event are kept too, calibrated as the sentence's others
        events.extend(calibrate_event(e, len(kept)) for e in police_side_acts(sent_events, kept))
        # remember the last compound subject for "the two" in later sentences
        for tok in sent:
            if tok.dep_ == "nsubj" and tok.pos_ in ("PROPN", "NOUN"):
                ps = coder.parties(tok)
                if len(ps) >= 2:
                    coder.recent_group = ps
        coder._party_cache.clear()


_AT_PHRASE = frozenset({"entity", "words", "uncoded"})  # party "how"s whose token is the phrase itself


def _in_label(sent: SpanT, p: Party, trigger: int) -> bool:
    """Whether party ``p``, found at its own phrase (a name or words, not a pronoun's or a role noun's
    referent, whose phrase is elsewhere), lies in a label of the page that does not hold the trigger
    (``labels``)."""
    if p.how not in _AT_PHRASE or not 0 <= p.token < len(sent.doc):
        return False
    tok = sent.doc[p.token]
    return in_label(doc_text(sent.doc), tok.idx, tok.idx + len(tok.text), trigger)


@stage("events.v1", requires=("entities", "mentions", "timexes", "places"), produces="events")
def events_stage(ctx: Context, *, unasserted: bool = False) -> list[Event]:
    """CAMEO events (source, target, code, date, place) coded on the dependency parse.
    ``unasserted``: also keep, as a sentence's best event, a merely possible act ("would support",
    "could attack", "if elected, he would appoint"), flagged by its modality at a low confidence;
    off by default since such events were judged wrong on real news."""
    return code_events(ctx, unasserted=unasserted)
