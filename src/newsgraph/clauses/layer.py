"""Clauses of a parsed Doc with their tense, modality and negation.

A clause is a verb (or the sentence root) and the tokens it governs up to the next clause head
below it. Each clause is read once from the spaCy parse and cached on the Doc:

- tense: past / present / future, and whether it is a perfect. The future comes from "will",
  "'ll", "shall", modal auxiliaries, "going to", "is to", and infinitives under a schedule or an
  intention ("scheduled to", "plans to"); an infinitive or participle with no such governor
  takes the time of the clause that governs it (a perfect counting as past), and so does
  "could" (past ability or a mere possibility).
- modality, with the token that decided it (``modality_cue``): the clause's own subordinator or
  modal auxiliary first ("if" → conditional; "would" → conditional with an if/unless clause,
  future under a reporting verb ("said it would"), hypothetical otherwise; "could" →
  hypothetical; "should" → advised; "will" → future); then the word that governs it ("said
  that" → reported, "plans to" → intended, "urged X to" → advised, "scheduled to" → future,
  "likely to" → hypothetical); then an "according to" or a parenthetical "officials said". A
  clause with none of these inherits a reported modality from any clause above it, and any
  other from the clause whose complement, conjunct or adverbial clause it is.
- negation, with its cue: "not", "n't", "never", "no longer"; a negative subject or object
  ("no one was arrested", "none of them", "there is nothing"); an infinitive under a negative
  noun ("nothing to investigate", "no plans to attack") or after "without"; a complement of a
  negative implicative ("declined to", "refused to", "failed to", "denied that"), unless that
  verb is itself negated; an infinitive under a positive implicative, an intention, advice or a
  schedule takes the negation of its governor ("did not manage to escape", "won't try to
  clash", "does not want to sign").

The word classes are in ``data/clause_words.tsv`` (reporting verbs: the cues of ``cues.tsv``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from ..nlp.spacy_model import doc_text
from .words import Words, words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..model import Span

__all__ = ["Clause", "ClauseIndex", "Modality", "Tense", "clauses"]


class _Spanned(Protocol):
    @property
    def span(self) -> Span: ...


T = TypeVar("T", bound=_Spanned)


class Tense(StrEnum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


class Modality(StrEnum):
    """How a clause's content is put forward (the ``modality`` of events and other items)."""

    ASSERTED = "asserted"
    REPORTED = "reported"
    INTENDED = "intended"
    CONDITIONAL = "conditional"
    ADVISED = "advised"
    HYPOTHETICAL = "hypothetical"
    FUTURE = "future"


@dataclass(slots=True, eq=False)
class Clause:
    """One clause: its head, token range ``[start, end)`` (the head's subtree) and readings."""

    head: Token
    start: int
    end: int
    parent: Clause | None
    tense: Tense | None  # None: no verb to read it from (a verbless root)
    perfect: bool
    modality: Modality
    modality_cue: Token | None  # the word that decided the modality (None: asserted by default)
    own_modality: Modality  # from the clause's own subordinator and auxiliaries only
    negated: bool
    negation_cue: Token | None
    governor: str | None  # the class of the word governing the clause ("intend", "report", ...)
    scheduled: bool  # in the future by a schedule ("scheduled to", "due on"), not by a will or a plan

    @property
    def time(self) -> Tense | None:
        """Past, present or future as seen from the time of writing: a perfect is past."""
        if self.tense is Tense.PRESENT and self.perfect:
            return Tense.PAST
        return self.tense

    def __contains__(self, tok: Token) -> bool:
        return self.start <= tok.i < self.end


_NOT_HEAD = frozenset({"aux", "auxpass", "prep", "amod", "compound", "nmod", "det", "punct", "agent",
                       "advmod", "npadvmod", "poss", "case", "prt", "neg", "dep"})
_COMPLEMENT = frozenset({"xcomp", "ccomp", "csubj", "csubjpass"})
_INHERITS = frozenset({"xcomp", "ccomp", "csubj", "csubjpass", "conj", "advcl", "pcomp"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_FUTURE_GOVERNORS = frozenset({"schedule", "intend", "advise", "hypothetical", "going", "be_to"})
_SCHEDULE_GOVERNORS = frozenset({"schedule", "going", "be_to"})  # their time is their complement's
# governors whose negation is their complement's: "did not manage to escape" (it did not happen),
# "does not want to sign" (not intended), "did not urge them to leave" (not advised); not a
# reporting verb ("did not say that X left" leaves open whether X left)
_CARRIES_NEGATION = frozenset({"pos_implicative", "intend", "advise", "schedule", "going", "be_to",
                               "hypothetical"})
_SUBJECT_OBJECT = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative", "expl"})
_CACHE_KEY = "newsgraph_clauses"
_Kid = tuple["Token", str, str]  # a child token, its dependency label and its lower-case text


def is_head(t: Token) -> bool:
    """Whether ``t`` heads a clause: the root, or a verb that is not an auxiliary or modifier."""
    if t.head.i == t.i:
        return True
    return t.pos_ in ("VERB", "AUX") and t.dep_ not in _NOT_HEAD


def _headline_infinitive(h: Token) -> bool:
    """Whether infinitive ``h`` is a headline's "is to" with the verb left out ("PM to visit Washington"):
    the root of its sentence, or the infinitive of a verbless root noun; its act is in the future."""
    if h.tag_ != "VB":
        return False
    return h.dep_ == "ROOT" or (h.dep_ == "acl" and h.head.dep_ == "ROOT" and h.head.pos_ in ("NOUN", "PROPN"))


def _negative_np(n: Token, w: Words) -> Token | None:
    """The negative word of a noun phrase ("nothing", "no one", "none of", "neither X nor Y")."""
    if n.lower_ in w.classes.get("negative", ()):
        return n
    for d in n.children:
        if d.dep_ in ("det", "preconj", "neg", "advmod") and d.lower_ in ("no", "neither"):
            return d
    return None


class ClauseIndex:
    """The clauses of one Doc, built on demand and cached (use :func:`clauses`)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.w = words()
        self._by_head: dict[int, Clause] = {}
        self._heads: dict[int, int] = {}  # token index -> its clause head's index
        self._timex_maps: dict[int, tuple[Sequence[Any], dict[int, list[Any]]]] = {}

    # ------------------------------------------------------------------ lookup
    def head_of(self, tok: Token) -> Token:
        """The head of the clause ``tok`` belongs to (``tok`` itself when it heads one)."""
        got = self._heads.get(tok.i)
        if got is not None:
            return self.doc[got]
        cur = tok
        for _ in range(64):
            if is_head(cur):
                break
            cur = cur.head
        self._heads[tok.i] = cur.i
        return cur

    def clause_of(self, tok: Token) -> Clause:
        """The clause ``tok`` belongs to."""
        h = self.head_of(tok)
        got = self._by_head.get(h.i)
        if got is not None:
            return got
        chain = [h]
        cur = h
        for _ in range(64):
            if cur.head.i == cur.i:
                break
            up = self.head_of(cur.head)
            if up.i in self._by_head:
                break
            chain.append(up)
            cur = up
        for head in reversed(chain):
            parent = None if head.head.i == head.i else self._by_head.get(self.head_of(head.head).i)
            self._by_head[head.i] = self._build(head, parent)
        return self._by_head[h.i]

    def clause_at(self, start: int, end: int) -> Clause | None:
        """The clause of the syntactic head of the characters ``[start, end)``."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        return self.clause_of(span.root)

    # ------------------------------------------------------------------ reading one clause
    def _build(self, h: Token, parent: Clause | None) -> Clause:
        w = self.w
        kids = [(c, c.dep_, c.lower_) for c in h.children]  # read once: spaCy attributes are not free
        auxes = [c for c, dep, _ in kids if dep in ("aux", "auxpass") and c.i < h.i]
        modal = next((a for a in auxes if a.tag_ == "MD" or a.lower_ in w.classes["future_aux"]), None)
        perfect = any(a.lemma_ == "have" and a.tag_ != "MD" for a in auxes) and (
            h.tag_ == "VBN" or any(a.lower_ == "been" for a in auxes))
        to_inf = any(dep == "aux" and low == "to" for _, dep, low in kids)
        sched = self._scheduled(h, kids)
        gov, gtok = self._governor(h, to_inf)
        tense = Tense.FUTURE if sched is not None or (to_inf and _headline_infinitive(h)) else self._tense(
            h, auxes, modal, perfect, parent, gov)
        own, own_cue = self._own_modality(kids, modal, perfect, gov, sched)
        if own is Modality.HYPOTHETICAL and self._evidential(h, kids, modal):
            own, own_cue = Modality.ASSERTED, None  # "could be seen patrolling": what was seen
        modality, cue = own, own_cue
        if own_cue is None:
            modality, cue = self._governed_modality(h, kids, parent, gov, gtok)
        negated, neg_cue = self._negation(h, kids, to_inf, parent, gov, gtok)
        scheduled = gov == "schedule" or (own_cue is not None and own_cue is sched)
        return Clause(h, h.left_edge.i, h.right_edge.i + 1, parent, tense, perfect, modality, cue, own,
                      negated, neg_cue, gov, scheduled)

    def _governor(self, h: Token, to_inf: bool) -> tuple[str | None, Token | None]:
        """The class of the word that governs clause ``h`` as its complement, and that word."""
        g = h.head
        if g.i == h.i:
            return None, None
        w = self.w
        dep = h.dep_
        if h.tag_ == "VBG" and dep in ("advcl", "ccomp", "xcomp", "attr") and g.tag_ != "VBD" \
                and any(c.dep_ == "nsubj" for c in h.children) \
                and any(c.dep_ == "nsubj" and w.has("scenario", c.lemma_.lower()) for c in g.children):
            return "hypothetical", g  # "the logical outcome is X attending the summit": a projection, not an act
        if dep in ("acl", "relcl"):
            if not to_inf:
                return None, None
        elif dep not in _COMPLEMENT:
            return None, None
        lemma = g.lemma_.lower()
        keys = [lemma, g.lower_] + [f"{lemma} {c.lower_}" for c in g.children if c.dep_ in ("prep", "prt")]
        if any(w.has("neg_implicative", k) for k in keys):
            return "neg_implicative", g
        if any(w.has("pos_implicative", k) for k in keys):
            return "pos_implicative", g
        if to_inf or dep == "xcomp":
            if lemma == "go" and g.tag_ == "VBG" and dep == "xcomp":
                return "going", g
            if lemma == "be" and to_inf and g.pos_ == "AUX" and dep == "xcomp":
                return "be_to", g
            for cls in ("schedule", "intend", "advise", "hypothetical"):
                if any(w.has(cls, k) for k in keys):
                    return cls, g
        if dep in _COMPLEMENT and g.pos_ in ("VERB", "AUX") and lemma in w.report:
            return "report", g
        return None, None

    def _tense(self, h: Token, auxes: list[Token], modal: Token | None, perfect: bool,
               parent: Clause | None, gov: str | None) -> Tense | None:
        w = self.w
        if modal is not None:
            if modal.lower_ in w.classes["future_aux"]:
                return Tense.FUTURE
            if perfect:
                return Tense.PAST  # "would have won", "could have stopped"
            if modal.lower_ == "could":  # past ability or a possibility: as the clause above, if any
                return parent.time if parent is not None else None
            return Tense.PRESENT if modal.lower_ == "can" else Tense.FUTURE
        finite = next((a for a in auxes if a.tag_ in _FINITE_TAGS), None)
        if finite is not None:
            return Tense.PAST if finite.tag_ == "VBD" else Tense.PRESENT
        if h.tag_ == "VBD":
            return Tense.PAST
        if h.tag_ in ("VBZ", "VBP"):
            return Tense.PRESENT
        if gov in _FUTURE_GOVERNORS:
            return Tense.FUTURE  # "plans to visit", "is going to visit", "urged X to leave"
        if h.dep_ == "conj" and parent is not None:
            return parent.time  # "was arrested and charged"
        if h.tag_ == "VBN" and h.dep_ not in ("xcomp",):
            return Tense.PAST  # "the man arrested on Monday"
        if parent is not None:
            return parent.time  # "has slumped, closing unchanged on Friday": past
        return None

    def _own_modality(self, kids: list[_Kid], modal: Token | None, perfect: bool,
                      gov: str | None, sched: Token | None) -> tuple[Modality, Token | None]:
        w = self.w
        for c, dep, low in kids:
            if dep == "mark":
                if low in w.classes["conditional_mark"]:
                    return Modality.CONDITIONAL, c
                if low in w.classes["hypothetical_mark"]:
                    return Modality.HYPOTHETICAL, c
        if modal is not None:
            low = modal.lower_
            if low in w.classes["future_aux"]:
                return Modality.FUTURE, modal
            if low in w.classes["conditional_aux"] and modal.tag_ == "MD":
                if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in w.classes["conditional_mark"]
                                                 for m in c.children) for c, _, _ in kids):
                    return Modality.CONDITIONAL, modal  # "if elected, he would appoint"
                if gov == "report" and not perfect:
                    return Modality.FUTURE, modal  # "said it would withdraw": a reported "will"
                return Modality.HYPOTHETICAL, modal
            if low in w.classes["hypothetical_aux"]:
                return Modality.HYPOTHETICAL, modal
            if low in w.classes["advice_aux"]:
                # "must have been" is a guess about the past, not advice
                return (Modality.HYPOTHETICAL if perfect else Modality.ADVISED), modal
        if sched is not None:
            return Modality.FUTURE, sched  # "the vote is due on Friday"
        return Modality.ASSERTED, None

    def _evidential(self, h: Token, kids: list[_Kid], modal: Token | None) -> bool:
        """Whether "can"/"could" with a passive verb of perception reports what was perceived
        ("policemen could be seen patrolling the roads", "shots could be heard ringing out"):
        the act in its participle complement is told, not a possibility."""
        return modal is not None and modal.lower_ in ("can", "could") and h.tag_ == "VBN" \
            and self.w.has("perception", h.lemma_.lower()) \
            and any(dep == "auxpass" for _, dep, _ in kids) \
            and any(dep == "xcomp" and c.tag_ == "VBG" for c, dep, _ in kids)

    def _scheduled(self, h: Token, kids: list[_Kid]) -> Token | None:
        """The word that puts clause ``h`` itself on a schedule ("is scheduled for", "is due on")."""
        sched = self.w.classes.get("schedule_self", frozenset())
        if h.lower_ in sched:
            return h
        return next((c for c, dep, low in kids if dep in ("acomp", "oprd") and low in sched), None)

    def _governed_modality(self, h: Token, kids: list[_Kid], parent: Clause | None, gov: str | None,
                           gtok: Token | None) -> tuple[Modality, Token | None]:
        by_gov = {"schedule": Modality.FUTURE, "going": Modality.FUTURE, "be_to": Modality.FUTURE,
                  "intend": Modality.INTENDED, "advise": Modality.ADVISED,
                  "hypothetical": Modality.HYPOTHETICAL, "report": Modality.REPORTED}
        if gov in by_gov:
            return by_gov[gov], gtok
        for c, dep, low in kids:
            # "According to police, ...", "The attack, officials said, ..."
            if dep == "prep" and low == "according":
                return Modality.REPORTED, c
            if dep == "parataxis" and c.lemma_.lower() in self.w.report and any(
                    s.dep_ == "nsubj" for s in c.children):
                return Modality.REPORTED, c
        own_cue = parent is not None and parent.modality_cue is not None and parent.modality_cue.i == h.i
        if parent is not None and parent.modality is not Modality.ASSERTED and not own_cue and (
                parent.modality is Modality.REPORTED or h.dep_ in _INHERITS
                or gov in ("neg_implicative", "pos_implicative")):
            return parent.modality, parent.modality_cue
        return Modality.ASSERTED, None

    def _negation(self, h: Token, kids: list[_Kid], to_inf: bool, parent: Clause | None, gov: str | None,
                  gtok: Token | None) -> tuple[bool, Token | None]:
        w = self.w
        for c, dep, low in kids:
            if dep == "neg" or (dep == "advmod" and low == "never"):
                return True, c
            if dep == "advmod" and low in ("longer", "more") and any(
                    d.lower_ == "no" for d in c.children):
                return True, c  # "no longer"
            if dep in _SUBJECT_OBJECT:
                neg = _negative_np(c, w)
                if neg is not None:
                    return True, neg
        if to_inf and h.dep_ in ("acl", "relcl"):
            neg = _negative_np(h.head, w)
            if neg is not None:
                return True, neg  # "nothing to investigate", "no plans to attack"
        if h.dep_ == "pcomp" and h.head.lower_ == "without":
            return True, h.head
        if h.dep_ == "pcomp" and h.head.lower_ == "of" and any(c.lower_ == "instead" for c in h.head.children):
            return True, h.head  # "instead of cracking down on the mob, they stood by": it did not happen
        if to_inf and h.dep_ == "xcomp" and h.head.pos_ in ("ADJ", "ADV") and any(
                c.dep_ == "advmod" and c.lower_ == "too" for c in h.head.children):
            return True, h.head  # "it is too early to discuss strategy", "too weak to fight": not done
        # the governor's own clause, or the copula of an adjective governor ("have not been able to")
        gov_clause = h.head.head.i if h.head.dep_ == "acomp" else h.head.i
        if gov == "neg_implicative" and gtok is not None:
            if parent is not None and parent.negated and parent.head.i in (gtok.i, gov_clause):
                return False, None  # "did not refuse to", "was not unable to": double negation
            return True, gtok
        if gov in _CARRIES_NEGATION and parent is not None and parent.negated \
                and parent.head.i in (h.head.i, gov_clause):
            return True, parent.negation_cue  # "did not manage to escape", "won't try to clash"
        return False, None

    def background(self, tok: Token) -> bool:
        """Whether ``tok`` is told as background to the news: in the object of a background
        preposition ("over its invasion", "amid protests", "since the war"), in a clause opened by a
        background subordinator ("since the West hit Russia", "after talks failed") or in a relative
        clause ("troops, who crossed the border, ...")."""
        marks = self.w.classes["background_mark"]
        preps = self.w.classes["background_prep"]
        cur = tok
        for _ in range(12):
            if cur.dep_ == "pobj" and cur.head.lemma_.lower() in preps:
                return True
            if cur.pos_ in ("VERB", "AUX"):
                if any(c.dep_ == "mark" and c.lower_ in marks for c in cur.children):
                    return True
                if cur.dep_ == "relcl":
                    return True
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return False

    # ------------------------------------------------------------------ temporal expressions
    def assign(self, timexes: Sequence[T]) -> dict[int, list[T]]:
        """{clause head index: the timexes whose own clause it is}, for a sequence of items with a
        ``span`` (character ``start``/``end``), e.g. the ``timexes`` result; cached per sequence."""
        got = self._timex_maps.get(id(timexes))
        if got is not None and got[0] is timexes:
            return got[1]
        out: dict[int, list[T]] = {}
        n = len(doc_text(self.doc))
        for tx in timexes:
            if tx.span.end > n:
                continue
            cl = self.clause_at(tx.span.start, tx.span.end)
            if cl is not None:
                out.setdefault(cl.head.i, []).append(tx)
        self._timex_maps[id(timexes)] = (timexes, out)
        return out

    def own_timexes(self, clause: Clause, timexes: Sequence[T]) -> list[T]:
        """The timexes inside ``clause`` and not inside a clause below it ("said on Wednesday")."""
        return self.assign(timexes).get(clause.head.i, [])

    def timexes_for(self, clause: Clause, timexes: Sequence[T]) -> list[T]:
        """The timexes that date ``clause``: its own; else those of a participle or conjunct below
        it that shares its time ("a visit starting on Sunday"); else, when the clause itself shares
        the time of the clause above it, that clause's. Clauses share a time when one is a conjunct
        with no subject of its own ("met on Monday and signed") or a participle or infinitive that
        is not in the future ("entered on Monday, killing five"); a finite subordinate clause does
        not ("said on Wednesday that Y happened": Wednesday is not Y's date, nor last month the
        saying's)."""
        own = self.own_timexes(clause, timexes)
        if own:
            return own
        for tok in self.doc[clause.start:clause.end]:
            if tok.i != clause.head.i and is_head(tok):
                below = self.clause_of(tok)
                if below.parent is clause and self.shares_time(below):
                    got = self.own_timexes(below, timexes)
                    if got:
                        return got
        cur = clause
        for _ in range(8):
            if cur.parent is None or not self.shares_time(cur):
                break
            cur = cur.parent
            own = self.own_timexes(cur, timexes)
            if own:
                return own
        return []

    @staticmethod
    def when_clause(h: Token) -> bool:
        """Whether ``h`` heads an adverbial clause that gives its main clause's time ("when she toured
        Europe in January, she met leaders", "spoke on Saturday as he met May")."""
        return h.dep_ == "advcl" and any((c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while"))
                                         or (c.dep_ == "mark" and c.lower_ == "as") for c in h.children)

    @staticmethod
    def shares_time(cl: Clause) -> bool:
        """Whether ``cl`` happens when the clause above it does (see :meth:`timexes_for`); an
        infinitive under a schedule does ("is due to start on Monday", "on Friday she is set to
        visit": the schedule's time is its complement's), one under an intention or advice does not
        ("vowed on Monday to visit")."""
        h = cl.head
        if h.dep_ == "conj":
            return not any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children)
        if ClauseIndex.when_clause(h):
            return True
        return (h.dep_ in ("advcl", "xcomp", "acl") and h.tag_ in ("VBG", "VBN", "VB")
                and not any(c.dep_ in ("aux", "auxpass", "mark", "nsubj", "nsubjpass") and c.lower_ != "to"
                            for c in h.children)
                and (cl.governor not in _FUTURE_GOVERNORS or cl.governor in _SCHEDULE_GOVERNORS))


def clauses(doc: Doc) -> ClauseIndex:
    """The clause index of ``doc``, made once and kept in ``doc.user_data``."""
    got = doc.user_data.get(_CACHE_KEY)
    if isinstance(got, ClauseIndex) and got.doc is doc:
        return got
    idx = ClauseIndex(doc)
    doc.user_data[_CACHE_KEY] = idx
    return idx
