"""Attribution of quoted text: the cue and speaker written around a quotation (after it, before it,
after a colon, a ``- Name`` line, ``according to``), the speaker of the sentence before for a quote
that follows reported speech, and the ``according to`` channel of a cue.

``Attributor`` holds one document's state (parse, text, mention resolver, token offsets);
``reported.ReportedSpeech`` and the stage's ``QuoteExtractor`` build on it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...mentions import MentionIndex, index_for
from ...model import Entity, EntityRef
from ..spacy_model import doc_text, tokens
from .cues import channel_nouns, cue_kind, cue_span, has_content, speech_forms
from .marks import CLOSERS, MARKS, PAIR_OPEN, SENT_END, TOGGLE, Segment
from .speakers import (
    NOT_SPEAKER_ENTS,
    PERSON_PRONOUNS,
    SUBJ_DEPS,
    Resolver,
    find_mentions,
    np_range,
    relative_subject,
    speaker_of,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Attribution", "Attributor"]

_OBJ_PATH = {"dobj", "compound", "amod", "det", "nummod", "poss", "iobj", "dative", "attr"}


@dataclass
class Attribution:
    cue: Token | None
    cue_span: tuple[int, int] | None
    speaker: EntityRef | None
    channel: tuple[int, int] | None = None


_NAME = r"([A-Z][\w.'’-]*(?:[ ,]+(?:[A-Z(][\w.'’()-]*|of|the|and|de|van|von|al|bin))*?)"
_DASH_AFTER = re.compile(r"[\"”’'.,]*[ \t]*\n+[ \t]*[-–—]+[ \t]*" + _NAME + r"[ \t]*[.,]?[ \t]*(?=\n|$)")
_ACCORDING_AFTER = re.compile(r"[\"”’']*[ \t]*,?[ \t]*according to (?:the )?" + _NAME + r"[ \t]*[.,]")
_COLON_BEFORE = re.compile(r"(?:^|(?<=[\s\-–—]))(?:(?:More )?[Ff]rom |Said |As )?" + _NAME + r"[ \t]*:[ \t\n]*$",
                           re.M)


_RAISING = frozenset({"seem", "appear", "become"})
# verbs whose passive participle names the one addressed ("Asked about X, she said"), not the speaker
_ADDRESSEE_VERBS = frozenset({"ask", "press", "question", "quiz", "challenge"})


def _impersonal(cue: Token) -> bool:
    """The cue names no source: an expletive ``it`` (``it appears that``, ``it became clear that``,
    ``it was reported that``) or an agentless passive (``he was asked whether``: the one asked
    is not the speaker), also as a participle clause (``Asked about X, he said``)."""
    kids = list(cue.children)
    passive = any(c.dep_ == "auxpass" for c in kids)
    if any(c.dep_ == "agent" for c in kids):
        return False
    for c in kids:
        if c.dep_ == "expl":
            return True
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "it" and (passive or cue.lemma_.lower() in _RAISING):
            return True
    if (cue.tag_ == "VBN" and cue.dep_ in ("advcl", "acl") and cue.lemma_.lower() in _ADDRESSEE_VERBS
            and not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in kids)):
        return True  # "Asked about the crane, Voss said ...": whoever asked is not named
    return passive and cue.lemma_.lower() != "quote" and any(c.dep_ == "nsubjpass" for c in kids)


def _inside_modifier(doc: Doc, ref: EntityRef, subj: Token) -> bool:
    """The mention ``ref`` lies in a prepositional or clausal modifier of ``subj``."""
    if ref.start is None:
        return False
    span = doc.char_span(ref.start, ref.end or ref.start, alignment_mode="expand")
    if span is None or not len(span):
        return False
    t = span.root
    while t.i != subj.i and t.head.i != t.i:
        if (t.dep_ in ("pobj", "dobj") and subj in t.ancestors
                and not (t.dep_ == "pobj" and t.head.lower_ in ("by", "including"))):
            return True  # (but "an estimate by X", "critics, including X": X may well be the source)
        t = t.head
    return False


_LEADS_QUOTE = re.compile(r"[^.!?\n\"\u201c\u201d]{0,40}?[,:]\s*[\"\u201c\u201e\u00ab`']")


class Attributor:
    """Finds the cue, speaker and channel of quoted text in one document."""

    according: list[tuple[Token, Token | None, tuple[int, int]]]  # set by the extractor's run

    def __init__(self, doc: Doc, text: str, entities: Sequence[Entity], *, min_words: int,
                 unattributed: bool, kinds: frozenset[str], follow: bool, index: MentionIndex | None = None,
                 min_confidence: float = 0.0) -> None:
        self.kinds = kinds
        self.min_confidence = min_confidence
        self.follow = follow
        self.doc = doc
        self.text = text
        index = index or index_for(doc, entities)  # no entities given: the entity stage's, run here
        self.res = Resolver(doc, find_mentions(entities or index.entities), index)
        self.tok_starts = [t.idx for t in tokens(doc)]
        self.limit = len(doc_text(doc))
        self.min_words = min_words
        self.unattributed = unattributed

    def tok_from(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.tok_starts, pos)

    def tok_before(self, pos: int) -> int:
        """Index of the last token starting before ``pos``."""
        return bisect.bisect_left(self.tok_starts, pos) - 1

    # -- attribution windows around a quoted segment

    def after_cue(self, seg: Segment, stop: int) -> tuple[Token | None, int]:
        """A cue in the text right after ``seg`` (``..." Ushakov said.``), and where that text ends.

        Not a cue: one with content of its own (``..., but he denied that ...``), or one that
        introduces the next quotation after a finished sentence (``"A." He added, "B."``).
        When the quote ends open (``"A," Trump barked.``) a short clause of a name or pronoun and
        any verb is an attribution too."""
        doc = self.doc
        i = self.tok_from(seg.end)
        j = i
        found: Token | None = None
        verbs: list[Token] = []
        while j < len(doc) and j - i < 60:
            t = doc[j]
            if t.idx >= stop or "\n" in t.text:
                break
            if t.text in SENT_END or t.text == ":":
                j += 1
                break
            if t.text[:1] in PAIR_OPEN or t.text in TOGGLE or t.text[:1] in CLOSERS:
                break
            if found is None and j - i <= 20 and (cue_kind(t) in ("speech", "belief")
                                                  or t.lower_ in speech_forms()):
                found = t
            if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ"):
                verbs.append(t)
            j += 1
        end = doc[j - 1].idx + len(doc[j - 1].text) if j > i else seg.end
        if found is not None and has_content(found, seg.end):
            found = None
        first = next((t for t in doc[i:j] if not (t.is_punct or t.is_space)), None)
        if first is not None and first.tag_ in ("WP", "WDT"):
            return None, end  # '"...," who proceeded to sing': a relative clause, not an attribution
        if found is not None and self._leads_next(seg, found):
            found = None
        if found is None and verbs and self._ends_open(seg):
            v = verbs[0]
            short = j - i <= 8 and doc[j - 1].text in SENT_END
            # "..., Trump barked and ...": a name (or pronoun) and a verb right after the quote
            # ("..., who proceeded to ...", "..., which votes in June": a relative clause, no attribution)
            named = v.i - i <= 3 and any(
                (doc[k].pos_ in ("PROPN", "PRON") and doc[k].tag_ not in ("WP", "WDT")) or doc[k].ent_type_ == "PERSON"
                for k in range(max(i, v.i - 2), min(len(doc), v.i + 3)) if k != v.i)
            if any(c.dep_ in SUBJ_DEPS and c.tag_ in ("WP", "WDT") for c in v.children):
                named = short = False
            # "..., the Republican nominee riffed": the verb's own subject fills the gap after the quote
            comma = self._inner(seg).endswith(",")
            named = named or (comma and v.i - i <= 14 and any(
                c.dep_ in SUBJ_DEPS and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i == i for c in v.children))
            if ((short or named) and not has_content(v, seg.end)
                    and not any(c.dep_ == "dobj" for c in v.children)):
                found = v
        return found, end

    def _inner(self, seg: Segment) -> str:
        """The quoted text of ``seg`` without its quotation marks."""
        return self.text[seg.start:seg.end].strip(MARKS)

    def _ends_open(self, seg: Segment) -> bool:
        """The quoted text ends with a comma, a question or exclamation mark or a dash."""
        return (self._inner(seg)[-1:] in (",", "?", "!", "\u2014", "-", "\u2013")
                or self.text[seg.end:seg.end + 1] == ",")

    def _leads_next(self, seg: Segment, cue: Token) -> bool:
        """``cue`` opens a new sentence after ``seg`` and ends in a comma or colon right before
        another quotation: it introduces that one."""
        if self._inner(seg)[-1:] not in SENT_END:
            return False
        k = cue.idx + len(cue.text)
        rest = self.text[k:k + 80]
        m = _LEADS_QUOTE.match(rest)
        return m is not None

    def before_text(self, seg: Segment, floor: int) -> tuple[int, int]:
        """The stretch of the sentence before ``seg`` (from ``floor`` at the earliest)."""
        text = self.text
        k = seg.start
        while k > floor:
            ch = text[k - 1]
            if ch == "\n":
                break
            if ch in SENT_END and k < seg.start and text[k].isspace():
                break
            k -= 1
        return k, seg.start

    def before_cue(self, lo: int, hi: int) -> Token | None:
        doc = self.doc
        j = self.tok_before(hi)
        while j >= 0 and doc[j].idx >= lo:
            if cue_kind(doc[j]) in ("speech", "belief"):
                return doc[j]
            j -= 1
        return None

    def attribution(self, cue: Token | None, quote: Segment | None = None,
                    after: bool = False, inverted: bool = False) -> Attribution | None:
        """Cue, speaker and channel of ``cue``; ``quote`` is the quoted text it introduces
        (a subject inside it is a parse error) and ``after`` says the cue follows the quote."""
        if cue is None:
            return None
        if _impersonal(cue):
            return Attribution(cue, cue_span(cue), None, self.channel_for(cue))
        subj = subject_of(cue)
        if subj is not None and quote is not None and quote.start <= subj.idx < quote.end:
            subj = None
        if subj is not None and "\n" in self.text[min(subj.idx, cue.idx):max(subj.idx, cue.idx)]:
            subj = None  # a parse running over a paragraph break
        if after and quote is not None:
            stretch = [t for t in self.doc[self.tok_from(quote.end):cue.i]
                       if not (t.is_punct or t.is_space)]
            if stretch and (subj is None or not stretch[0].i <= subj.i <= stretch[-1].i):
                ids = {t.i for t in stretch}
                roots = [t for t in stretch if t.head.i not in ids and t.pos_ in ("PROPN", "NOUN", "PRON")]
                subj = roots[0] if roots else None
            elif not stretch and subj is not None and subj.i < cue.i:
                subj = None
        document = self.document(subj)
        if document is not None:  # "the statement said": the statement is the channel
            author, channel = document
            return Attribution(cue, cue_span(cue), author, channel)
        speaker = speaker_of(subj, self.res)
        rel = relative_subject(cue)
        if speaker is not None and rel is not None and subj is not None and subj.i == rel.head.head.i:
            # "Smith, who said ...": the relative pronoun is the speaker's mention, Smith its entity
            speaker = EntityRef(speaker.entity, speaker.actor, speaker.name, rel.idx, rel.idx + len(rel.text))
        if speaker is None or (speaker.entity is None and subj is not None and subj.pos_ == "NOUN"):
            adjacent = self.adjacent_name(cue)  # "No wonder Trump said": the name next to the cue
            if adjacent is not None and subj is not None and _inside_modifier(self.doc, adjacent, subj):
                adjacent = None  # "a source speaking to Fox News said": the name is not the subject
            if adjacent is not None:
                speaker = adjacent
        if speaker is None:
            speaker = self.window_speaker(cue, inverted=after or inverted)
        return Attribution(cue, cue_span(cue), speaker, self.channel_for(cue))

    def document(self, subj: Token | None) -> tuple[EntityRef | None, tuple[int, int]] | None:
        """When ``subj`` names a document or medium (``channel_nouns``: ``the statement``, ``a
        White House report``, ``a letter from Smith``, ``his tweet``): its author as the speaker
        when the text names one (a possessive, a name compounded with the noun, ``from``/``by``/
        ``of`` X, ``issued by`` X), else None; and the document's span as the channel."""
        if subj is None or subj.pos_ != "NOUN" or not {subj.lemma_.lower(), subj.lower_} & channel_nouns():
            return None  # (the word too: "data" has the lemma "datum")
        lo, hi = subj.left_edge, subj.right_edge
        channel = (lo.idx, hi.idx + len(hi.text))
        for c in subj.children:
            author: Token | None = None
            if c.dep_ == "poss":
                if c.pos_ == "PRON":
                    m = self.res.referent(c)
                    if m is None:
                        return None, channel
                    return EntityRef(m.entity, m.actor, m.name, c.idx, c.idx + len(c.text)), channel
                author = c
            elif c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                                           or self.res.at(c.idx, c.idx + len(c.text)) is not None):
                author = c  # "a White House statement", "Chinese customs data"
            elif c.dep_ == "prep" and c.lower_ in ("from", "by", "of") and c.i > subj.i:
                author = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ == "acl" and c.i > subj.i:
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                author = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            if author is None:
                continue
            ref = speaker_of(author, self.res)
            if ref is not None and (ref.entity is not None or author.pos_ in ("PROPN", "PRON")
                                    or author.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
                return ref, channel
        return None, channel

    def adjacent_name(self, cue: Token) -> EntityRef | None:
        """A person or organisation mention ending right before ``cue`` (adverbs aside)."""
        j = cue.i - 1
        while j >= 0 and self.doc[j].pos_ in ("ADV", "AUX", "PART") and cue.i - j < 4:
            j -= 1
        if j < 0:
            return None
        t = self.doc[j]
        m = self.res.at(t.idx, t.idx + len(t.text))
        if m is None or m.type not in ("PERSON", "ORG") or m.end > t.idx + len(t.text):
            return None
        return EntityRef(m.entity, m.actor, m.name, m.start, m.end)

    def window_speaker(self, cue: Token, *, inverted: bool) -> EntityRef | None:
        """The speaker next to ``cue`` when the parser did not link it: after it when the
        attribution may be inverted (``said Ushakov``), else just before it."""
        doc = self.doc
        for j in range(cue.i + 1, min(len(doc), cue.i + 6) if inverted else cue.i + 1):
            t = doc[j]
            if (t.is_punct and t.text not in (",",)) or t.pos_ == "ADP":  # "said by telephone"
                break
            if (t.ent_type_ in ("PERSON", "ORG") or t.lower_ in ("he", "she")
                    or t.pos_ in ("PROPN", "NOUN")) and t.ent_type_ not in NOT_SPEAKER_ENTS:
                head = t
                while (head.head.i != head.i and head.head.i > cue.i
                       and head.dep_ in ("compound", "flat", "amod", "nmod")):
                    head = head.head
                return speaker_of(head, self.res)
        j = cue.i - 1
        while j >= 0 and doc[j].pos_ in ("ADV", "AUX", "PART") and cue.i - j < 4:
            j -= 1
        if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN", "PRON") and doc[j].dep_ not in ("dobj", "pobj"):
            return speaker_of(doc[j], self.res)
        lo = max(cue.sent.start, cue.i - 12)
        for j in range(cue.i - 1, lo - 1, -1):
            t = doc[j]
            if t.text in SENT_END or t.text[:1] in CLOSERS or t.text[:1] in PAIR_OPEN or t.text in TOGGLE:
                break
            if t.ent_type_ in ("PERSON", "ORG") or t.lower_ in PERSON_PRONOUNS:
                head = t
                while head.head.i != head.i and head.dep_ in ("compound", "flat"):
                    head = head.head
                return speaker_of(head, self.res)
        return None

    def channel_for(self, cue: Token) -> tuple[int, int] | None:
        for acc, _obj, rng in self.according:
            if acc.sent == cue.sent:
                return rng
        return None

    def layout_speaker(self, start: int, end: int) -> EntityRef | None:
        """A speaker named by the layout around a quotation with no cue next to it:
        ``Name: "..."`` (a colon just before), a ``- Name.`` line just after, or
        ``"...," according to Name``."""
        text = self.text
        found: tuple[int, int] | None = None
        after = _DASH_AFTER.match(text, end) or _ACCORDING_AFTER.match(text, end)
        if after:
            found = after.span(1)
        else:
            line_start = text.rfind("\n", 0, start) + 1
            if line_start == start and start >= 2:  # the quote opens a paragraph: look at the one before
                line_start = text.rfind("\n", 0, text.rfind("\n", 0, start - 1)) + 1
            m = _COLON_BEFORE.search(text, line_start, start)
            if m is not None and not text[m.end():start].strip():
                found = m.span(1)
        if found is None:
            return None
        s, e = found
        while e > s and text[e - 1] in " .,;":
            e -= 1
        if e - s < 2 or not text[s].isupper():
            return None
        ment = self.res.at(s, e)
        if ment is not None:
            return EntityRef(ment.entity, ment.actor, ment.name, s, e)
        return EntityRef(None, None, text[s:e], s, e)

    def lead_in(self, seg: Segment) -> Attribution | None:
        """A quote opening its paragraph after a paragraph that ends with a colon, or opening a
        sentence right after one with reported speech (``Lau said in a statement. "There are..."``)."""
        text = self.text
        p = text.rfind("\n", 0, seg.start)
        k = seg.start
        while k > 0 and text[k - 1] in " \t\u00a0":
            k -= 1
        if text[p + 1:seg.start].strip():
            if not self.follow or k <= 0 or text[k - 1] != "." or k == seg.start:
                return None
        else:
            if p < 0:
                return None
            k = p
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if k <= 0:
                return None
            if text[k - 1] == ":":
                return self.colon_attribution(k - 1)
        if not self.follow:
            return None
        # the sentence before ends with reported speech ("..., Obama said."): the quote that
        # opens the next sentence or paragraph goes on with the same speaker
        ti = self.tok_before(k)
        if ti < 0:
            return None
        sent = self.doc[ti].sent
        for j in range(ti, sent.start - 1, -1):
            t = self.doc[j]
            if "\n" in t.text and j < ti:
                break
            if cue_kind(t) in ("speech", "belief"):
                attr = self.attribution(t)
                if attr is not None and attr.speaker is not None:
                    return attr
                return None
        return None

    def colon_attribution(self, colon: int) -> Attribution | None:
        """Who is introduced by the sentence ending at ``colon`` (``Cruz continued:``, ``Trump:``)."""
        doc = self.doc
        ti = self.tok_before(colon + 1)
        if ti < 0:
            return None
        sent = doc[ti].sent
        verb: Token | None = None
        for j in range(ti - 1, sent.start - 1, -1):
            if cue_kind(doc[j]) in ("speech", "belief", "report"):
                verb = doc[j]
                break
        named = self.colon_name(colon)
        if named is not None:
            return named
        if verb is None and sent.root.pos_ in ("VERB", "AUX") and sent.root.i < ti:
            verb = sent.root
        if verb is None and ti >= 1:  # the sentence runs on into the quotation: climb from the colon
            t = doc[ti - 1]  # "... issued the following statement:" -- through objects only
            while t.head.i != t.i and t.head.i < ti and t.pos_ not in ("VERB", "AUX") and t.dep_ in _OBJ_PATH:
                t = t.head
            if t.pos_ in ("VERB", "AUX") and t.i < ti:
                verb = t
        attr = self.attribution(verb) if verb is not None else None
        if attr is not None and attr.speaker is None and verb is not None:
            # "Clinton has since apologized for what happened:": the verb nearest the colon has no
            # speaker of its own; the verb it depends on (before the colon) has
            for up in verb.ancestors:
                if up.i >= ti or up.sent != sent:
                    continue
                if up.pos_ in ("VERB", "AUX"):
                    main = self.attribution(up)
                    if main is not None and main.speaker is not None:
                        return main
                    break
        return attr

    def colon_name(self, colon: int) -> Attribution | None:
        """A name standing alone before ``colon``: at the start of its sentence, after a dash set
        off by spaces (``Pollsters agree - Carl Bialik:``), or a headline's ``Name on topic:``."""
        doc = self.doc
        ti = self.tok_before(colon + 1)
        if ti < 1:
            return None
        sent = doc[ti].sent
        k = ti - 1
        if k > sent.start and doc[k].text == ")":
            while k > sent.start and doc[k].text != "(":
                k -= 1
            k -= 1
        head = doc[k] if k >= 0 else doc[ti]
        while head.dep_ == "conj" and head.head.i < head.i and head.head.pos_ == head.pos_:
            head = head.head  # "Blumenthal and Cohen:"
        if head.pos_ in ("PROPN", "NOUN") and head.ent_type_ not in ("DATE", "TIME"):
            np_lo = np_range(head)[0]
            pre = self.text[max(sent.start_char, np_lo - 4):np_lo]
            dash = pre.rstrip()[-1:] in ("-", "\u2014", "\u2013") and pre.rstrip()[-2:-1] in (" ", "")
            if np_lo <= sent.start_char or dash or pre.rstrip()[-1:] == ":" or not pre.strip():
                return Attribution(None, None, speaker_of(head, self.res), None)
        first = doc[sent.start]
        while first.i < ti and (first.is_space or first.is_punct):
            first = doc[first.i + 1]
        on = next((t for t in doc[first.i:ti] if t.lower_ == "on" and t.dep_ == "prep"), None)
        if on is not None and on.head.i < on.i:
            m = self.res.at(on.head.idx, on.head.idx + len(on.head.text))
            if m is not None and m.type == "PERSON" and m.start <= first.idx + len(first.text):
                return Attribution(None, None, EntityRef(m.entity, m.actor, m.name, m.start, m.end), None)
        return None
