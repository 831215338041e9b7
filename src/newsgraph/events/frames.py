"""Composed events: frame verbs ("promise to", "urge ... to", "refuse to", "threaten to"), reported
speech ("X said Y attacked Z"), and shifts by modality (future cooperation is an intention, future
force a threat, a negated intention a refusal).

Each function takes the ``SentenceCoder`` of the sentence (its parties, lexicon and consumed tokens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..actors.compose import has_role
from ..clauses import Modality, clauses
from .argclass import word_classes
from .candidate import UNSURE, Candidate
from .parties import Party

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .triggers import SentenceCoder

__all__ = ["ADDRESSEE_PREPS", "attribution_event", "frame_event", "modal_shift", "speech_event"]

STATEMENT_CONFIDENCE = 0.2
# the coercive roots (threaten, exhibit force posture, reduce relations, coerce, assault, fight, mass violence): an
# intention to do one of them is read as a threat (CAMEO 13)
_COERCIVE_ROOTS = ("13", "15", "16", "17", "18", "19", "20")


def _on_condition(v: Token) -> bool:
    """Whether ``v`` has an "unless" clause: a conditional announcement ("will withdraw unless")."""
    idx = clauses(v.doc)
    for c in v.children:
        if c.dep_ == "advcl":
            cl = idx.clause_of(c)
            if cl.modality is Modality.CONDITIONAL and cl.modality_cue is not None \
                    and cl.modality_cue.lower_ == "unless":
                return True
    return False


# the prepositions that name the addressee of an appeal or a demand ("appealed to X", "called on X", "demanded
# from X")
ADDRESSEE_PREPS = ("on", "upon", "to", "from")


def frame_event(s: SentenceCoder, v: Token, frame: str, inner: Candidate, srcs: list[Party], negated: bool,
                modality: str) -> Candidate:
    """A frame verb around an inner event: "promised to X" (03x), "urged T to X", "refused to X" (12x)."""
    s.consumed.add(inner.trigger.i)
    s.consumed |= inner.consumed
    inner_code = inner.base or inner.code
    if inner.negated and frame == "intent":
        frame = "reject"
    if negated and frame == "intent":
        frame = "reject"
        negated = False
    if frame == "warn":
        return _warning(s, v, inner, srcs, negated)
    conditional = _on_condition(v) or _on_condition(inner.trigger)
    if frame == "intent" and (conditional or inner_code[:2] in _COERCIVE_ROOTS):
        frame = "threaten"  # "plans to impose restrictions", "is prepared to impose martial law"
    if frame == "intent" and inner_code[:2] in ("10", "11", "12", "14"):
        code = inner_code  # "vowed to protest": the act itself
    elif frame == "intent" and inner_code[:2] == "03":
        code = inner_code
    else:
        code = s.lex.frame_code(frame, inner_code) or inner_code
    tgts: list[Party] = []
    named = False
    asked = frame in ("appeal", "demand") and any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
    if asked:
        # "the police were asked to keep watch": the passive subject is the addressee, the asker the agent
        # only (``srcs``), never the addressee standing in for a missing one
        tgts = [p for c in v.children if c.dep_ == "nsubjpass" for p in s.c.parties(c)]
    if frame in ("appeal", "demand"):
        addressee = [c for c in v.children if c.dep_ in ("dobj", "dative")]
        if addressee and not tgts:
            tgts = s.c.parties(addressee[0])
        if not tgts:
            for c in v.children:
                if c.dep_ == "prep" and c.lemma_ in ADDRESSEE_PREPS:
                    for p in c.children:
                        if p.dep_ == "pobj":
                            tgts = s.c.parties(p)
        named = bool(tgts)  # an addressee the sentence names (object, "on"/"to" phrase, passive subject)
        if not tgts:
            inner_srcs = [p for p in inner.sources if p not in srcs]
            tgts = inner_srcs or inner.targets
    else:
        tgts = inner.targets
        if not tgts and inner.trigger.head.i == v.i and inner.trigger.dep_ == "dobj":
            # the frame verb's own recipient of its event noun: "offered aid to Greece", "promised Kyiv help"
            tgts = [p for c in v.children if c.dep_ == "dative" or (c.dep_ == "prep" and c.lemma_ == "to")
                    for o in ([c] if c.dep_ == "dative" else [x for x in c.children if x.dep_ == "pobj"])
                    for p in s.c.parties(o)]
        if not tgts and inner.sources and not set(p.key for p in inner.sources) & set(
                p.key for p in srcs):
            tgts = inner.sources
    if not srcs and not asked:  # a named addressee who is to act is not the one asking
        srcs = [p for p in inner.sources if not named or p.key not in {t.key for t in tgts if t.key}]
    if named and not negated:
        _directed_act(s, inner, tgts)
    mod = {"intent": "intended", "reject": "asserted", "threaten": "asserted"}.get(frame, modality)
    if modality in UNSURE:
        mod = modality
    cand = Candidate(code, v, srcs, tgts, inner.flags - {"sym"} if frame != "intent" else inner.flags,
                     negated, mod, clause=v)
    cand.consumed = {inner.trigger.i, *inner.consumed}
    cand.confidence = 0.75
    return cand


def _warning(s: SentenceCoder, v: Token, inner: Candidate, srcs: list[Party], negated: bool) -> Candidate:
    """A warning: a threat (13x, "warned it would impose sanctions") only of an act the warner itself would
    do; a warning of what others may do or of what may happen ("warned that the deal could cost jobs",
    "warned that the rebels would attack") threatens nothing the warner does: a pessimistic comment (012),
    addressed to the one warned (the object, "warned Britain that ...")."""
    warned = [p for c in v.children if c.dep_ in ("dobj", "dative") for p in s.c.parties(c)]
    own = {p.key for p in srcs if p.key} & {p.key for p in inner.sources if p.key}
    if own:
        threat = frame_event(s, v, "threaten", inner, srcs, negated, "asserted")
        threat.targets = threat.targets or warned  # "warned Russia it would impose sanctions": Russia
        return threat
    s.consumed.add(inner.trigger.i)
    s.consumed |= inner.consumed
    cand = Candidate("012", v, srcs, warned, frozenset(), negated, "asserted", clause=v, base="012")
    cand.consumed = {inner.trigger.i, *inner.consumed}
    cand.confidence = 0.6
    return cand


def _directed_act(s: SentenceCoder, inner: Candidate, addressee: list[Party]) -> None:
    """The act asked or ordered of an addressee who is to do it ("directed the police to arrest the
    organisers", "the police were asked to keep watch"): coded beside the request as the addressee's own
    act, ``advised`` (an act that should happen, not one told as done: below any default threshold and out
    of the GDELT export), so that who is to act is recorded.  Only when the parse gives the inner act the
    addressee as its doer and the inner act is not negated."""
    keys = {p.key for p in addressee if p.key}
    if not keys or inner.negated or not {p.key for p in inner.sources if p.key} <= keys \
            or not any(p.key for p in inner.sources):
        return
    act = Candidate(inner.code, inner.trigger, list(inner.sources), list(inner.targets), inner.flags,
                    False, "advised" if inner.modality == "asserted" else inner.modality,
                    inner.confidence, inner.nominal, set(inner.consumed), inner.clause, inner.base)
    s.extra.append(act)


_POLICING_ROOTS = ("15", "17")  # force posture; coercion: arrests, curfews, seizures


def _policing(c: Candidate) -> bool:
    """An act of law enforcement by the police (arrest, search, curfew, deployment): reported by
    someone else ("he said the police had arrested two men") it is news of the act, not an
    accusation of the police; force (18-20) reported by a third party stays an accusation."""
    return c.code[:2] in _POLICING_ROOTS and bool(c.sources) and all(
        has_role(p.actor, "COP") for p in c.sources if p.actor) \
        and any(p.actor for p in c.sources)


def statement_event(s: SentenceCoder, v: Token, comp: Token, srcs: list[Party]) -> Candidate | None:
    """A statement that reports no coded event ("the situation was peaceful, police said"): CAMEO 010,
    "make statement" (all public statements not otherwise specified), by a named speaker.

    Only a speaker with an actor code says who made it (an unresolved pronoun or a "sources said"
    gives no event), and the statement needs its content clause (``comp``); an allegation or
    forecast verb ("claim", "believe", "think") is not a statement of this kind.  The addressee of
    "tell" ("told reporters") is the target.
    """
    speakers = [p for p in srcs if p.actor]
    if not speakers or s.lex.speech.get(v.lemma_.lower(), frozenset()) & {"allege", "belief"}:
        return None
    if clauses(comp.doc).clause_of(v).modality is not Modality.ASSERTED or v.i in s.consumed:
        return None
    heard = [p for c in v.children if c.dep_ in ("dobj", "dative") and not _title(c) for p in s.c.parties(c)]
    # a low confidence: the sentence's other events (selection.salient_events keeps a sentence's best)
    # are what the statement reports, so the statement never crowds them out
    return Candidate("010", v, speakers, heard, frozenset(), False, "asserted", confidence=STATEMENT_CONFIDENCE,
                     clause=v, base="010")


_QUOTE_MARKS = frozenset({'"', "''", "``", "“", "”", "‘", "’", "'"})


def _title(h: Token) -> bool:
    """Whether the phrase headed by ``h`` is the quoted title of a document named just before it ("said in his
    book, 'An X Story'"): never the one a statement is addressed to (words quoted after "tweeted" may be:
    "'Dear voters: ...'")."""
    doc = h.doc
    left, right = h.left_edge.i, h.right_edge.i
    if left == 0 or doc[left - 1].text not in _QUOTE_MARKS or not any(
            t.text in _QUOTE_MARKS for t in doc[right + 1: right + 3]):
        return False
    j = left - 2
    while j >= 0 and doc[j].is_punct:
        j -= 1
    return j >= 0 and "document" in word_classes().get(doc[j].lemma_.lower(), frozenset())


def attribution_event(s: SentenceCoder, t: Token) -> Candidate | None:
    """"According to X, ...": a statement (010) by X, as "X said" (``statement_event``), kept only when
    the sentence reports no coded event of its own (selection keeps a sentence's best)."""
    if t.lower_ != "according" or t.i in s.consumed:
        return None
    objs = [p for c in t.children if c.dep_ == "prep" and c.lower_ == "to"
            for p in c.children if p.dep_ == "pobj"]
    speakers = [p for o in objs for p in s.c.parties(o) if p.actor]
    if not speakers:
        return None
    clause = t.head if t.head.i != t.i else t
    return Candidate("010", t, speakers, [], frozenset(), False, "asserted", confidence=STATEMENT_CONFIDENCE,
                     clause=clause, base="010")


def speech_event(s: SentenceCoder, v: Token, comp: Token, srcs: list[Party]) -> Candidate | None:
    """Reported speech: code the reported event; an allegation of force becomes an accusation."""
    inner = s.verb_event(comp, nested=True) if comp.pos_ in ("VERB", "AUX") else s.adj_event(comp)
    must = clauses(comp.doc).clause_of(comp).own_modality is Modality.ADVISED  # "must", "should"
    if inner is None and must and srcs:
        # "X said Y must ensure security": a demand to Y
        addressee = [p for c in comp.children if c.dep_ == "nsubj" for p in s.c.parties(c)]
        if addressee and not {p.key for p in addressee} & {p.key for p in srcs}:
            s.consumed.add(comp.i)
            return Candidate("100", v, srcs, addressee, frozenset(), False, "asserted", confidence=0.6,
                             clause=v, base="100")
    if inner is None:
        return statement_event(s, v, comp, srcs)
    s.consumed.add(comp.i)
    s.consumed |= inner.consumed
    flags = s.lex.speech.get(v.lemma_.lower(), frozenset())
    inner_root = inner.code[:2]
    speaker = {p.key for p in srcs}
    # "X must/should do Y", said by someone else: a demand
    if must and srcs and inner.sources and not speaker & {p.key for p in inner.sources}:
        code = s.lex.frame_code("demand", inner.code) or "100"
        cand = Candidate(code, v, srcs, inner.sources, frozenset(), inner.negated, "asserted", clause=v)
        cand.consumed = {comp.i, *inner.consumed}
        cand.confidence = 0.7
        return cand
    if must and srcs and inner.sources:
        # "Xi said the two should closely collaborate": the speaker's own intention
        if inner_root in ("04", "05", "06", "07", "08"):
            inner.code = s.lex.frame_code("intent", inner.code) or "030"
        inner.modality = "intended"
    that = v.i < comp.i  # "X said (that) Y attacked Z"; not the trailing "..., officials said"
    if ("allege" in flags or (that and not _policing(inner))) and srcs and inner.sources \
            and not inner.negated and inner_root in ("15", "17", "18", "19", "20"):
        if speaker & {p.key for p in inner.sources}:
            if "allege" not in flags:
                if inner.modality == "asserted":  # keep a "could", "would", "should" of the clause
                    inner.modality = "reported"
                return inner
            cand = Candidate("015", v, srcs, inner.targets, frozenset(), False, "asserted", clause=v)
        else:
            cand = Candidate("112", v, srcs, inner.sources, frozenset(), False, "asserted", clause=v)
            if "allege" not in flags:  # keep the reported act too, less sure of it
                if inner.modality == "asserted":
                    inner.modality = "reported"
                inner.confidence -= 0.15
                s.extra.append(inner)
        cand.consumed = {comp.i, *inner.consumed}
        cand.confidence = 0.65
        return cand
    if inner.modality == "asserted":
        inner.modality = "reported"
    if not inner.sources and srcs and inner.code[:2] in ("03",):
        inner.sources = srcs
    inner.confidence -= 0.02
    # the saying itself, by a coded speaker: kept only when the reported act is not (selection keeps
    # a sentence's best event): "police said two men had been killed" names no killer, "...
    # would be arrested, an official said" is no asserted arrest; the statement is what was done (a
    # negated act is kept, flagged, as the sentence's own: "said it could not comment"; a police speaker's
    # statement stays beside it: "police said no one had been arrested" tells what the police did)
    said = None if inner.negated and not any(has_role(p.actor, "COP") for p in srcs) \
        else statement_event(s, v, comp, srcs)
    if said is not None:
        s.extra.append(said)
    return inner


def modal_shift(s: SentenceCoder, cand: Candidate) -> Candidate:
    """Future cooperation is an intention (03x), future force a threat (13x); refusals (12x).

    A scheduled event ("is scheduled to attend") is told as a plan of record, not as a promise or
    threat of its actor: it keeps its own code.
    """
    root = cand.code[:2]
    v = cand.clause
    if cand.negated and cand.modality in ("future", "intended") and root == "03":
        cand.code = s.lex.frame_code("reject", cand.code) or "120"  # "will not accept"
        cand.negated = False
        cand.modality = "asserted"
        return cand
    if cand.modality == "future" and v is not None and _on_condition(v):
        # "will withdraw its troops unless ...": a conditional announcement is a threat
        cand.code = s.lex.frame_code("threaten", cand.code) or "130"
        cand.modality = "asserted"
        return cand
    scheduled = v is not None and clauses(v.doc).clause_of(v).scheduled
    if cand.modality in ("future",) and root in ("04", "05", "06", "07", "08") and not scheduled:
        frame = "reject" if cand.negated else "intent"
        cand.code = s.lex.frame_code(frame, cand.code) or cand.code
        cand.modality = "intended" if frame == "intent" else "asserted"
        cand.negated = False
        cand.flags = cand.flags - {"sym"} if frame == "reject" else cand.flags
    elif cand.modality in ("future",) and root in ("16", "17", "18", "19", "20") and not cand.negated \
            and not scheduled:
        cand.code = s.lex.frame_code("threaten", cand.code) or "130"
        cand.modality = "asserted"
    return cand
