"""Reported speech: the content of a speech, belief, report, charge, stance or intent cue written
without quotation marks (its clausal complement, an infinitive, an object), and the clause an
``according to X`` phrase attaches to; ``partial`` when a quotation lies inside it, else ``indirect``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ...model import EntityRef, Quote, Span
from .attribution import Attribution, Attributor
from .cues import OBJECT_SPEECH, cue_kind
from .marks import Segment
from .speakers import SUBJ_DEPS, np_range, speaker_of, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Kind", "ReportedSpeech", "trim_span"]

Kind = Literal["direct", "partial", "indirect"]


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:-\u2014\u2013"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-\u2014\u2013."):
        end -= 1
    return start, end


class ReportedSpeech(Attributor):
    """The attributor plus reported (indirect and partial) speech."""

    def reported(self, segments: list[Segment], direct: list[tuple[int, int]],
                 direct_cues: set[int]) -> list[Quote]:
        text = self.text
        doc = self.doc
        out: list[Quote] = []
        seg_bounds = [(s.start, s.end) for s in segments]
        contents: list[tuple[int, int, Attribution, float]] = []
        for t in doc:
            kind = cue_kind(t)
            if kind is None and "that" in self.kinds and t.pos_ == "VERB" and any(
                    c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                    for c in t.children):
                kind = "that"  # any verb with a that-clause: "I know that ...", "polls show that ..."
            if kind is None:
                continue
            if kind not in self.kinds:
                continue
            comp = self._clause_content(t)
            if comp is None:
                comp = self._infinitive_content(t)
            if comp is None and (kind in ("charge", "stance") or t.lemma_.lower() in OBJECT_SPEECH):
                comp = self._object_content(t)
                if comp is not None and _bare_name(doc, *comp):
                    comp = None  # "attacked Kyiv": a physical act on a named thing, not speech
            if comp is None:
                continue
            if kind in ("charge", "stance", "intent", "that") and any(a < t.idx < b for a, b in seg_bounds):
                continue  # "should ... defend X" inside a quotation is not an attribution
            start, end = self._in_paragraph(t.idx, *comp)
            for a, b in seg_bounds:  # a quotation that starts in the content ends it
                if start <= a < end < b and "\n" not in text[end:b]:
                    end = b
            start, end = trim_span(text, start, end)
            if end - start < 3 or not any(ch.isalpha() for ch in text[start:end]):
                continue
            attr = self.attribution(t, inverted=end <= t.idx)
            if attr is None:
                continue
            contents.append((start, end, attr, 0.7))
        for acc, obj, rng in self.according:
            head = acc.head
            if head.i == acc.i or cue_kind(head) in ("speech", "belief", "report"):
                continue  # a channel of that cue
            if any(cue_kind(a) in ("speech", "belief") for a in head.ancestors):
                continue
            sent = acc.sent
            lo_tok, hi_tok = sent[0], sent[-1]
            while hi_tok.i > lo_tok.i and (hi_tok.is_punct or hi_tok.is_space):
                hi_tok = doc[hi_tok.i - 1]
            while lo_tok.i < hi_tok.i and (lo_tok.is_punct or lo_tok.is_space):
                lo_tok = doc[lo_tok.i + 1]
            start, end = lo_tok.idx, hi_tok.idx + len(hi_tok.text)
            if rng[1] >= end - 1:
                end = rng[0]  # "..., according to X."
            elif rng[0] <= start + 1:
                start = rng[1]  # "According to X, ..."
            start, end = trim_span(text, start, end)
            if end - start < 8:
                continue
            speaker = speaker_of(obj, self.res) if obj is not None else None
            if speaker is not None and speaker.entity is None and obj is not None:
                speaker = self._source_head(obj) or speaker
            attr = Attribution(acc, (acc.idx, acc.idx + len("according to")), speaker, None)
            contents.append((start, end, attr, 0.6))
        contents.sort(key=lambda c: (c[0], c[1]))
        for start, end, attr, conf in contents:
            length = end - start
            cov = sum(max(0, min(end, b) - max(start, a)) for a, b in direct)
            if cov >= 0.5 * length or (cov and attr.cue is not None and attr.cue.i in direct_cues):
                continue
            inside = [(a, b) for a, b in seg_bounds if a < end and b > start]
            qkind: Kind = "partial" if inside else "indirect"
            channel = attr.channel
            if channel is None:
                channel = self._outer(start, end, attr, contents)
            out.append(Quote(
                span=Span.of(text, start, end), kind=qkind, speaker=attr.speaker,
                cue=Span.of(text, *attr.cue_span) if attr.cue_span else None,
                channel=Span.of(text, *channel) if channel else None,
                confidence=conf if attr.speaker else conf - 0.2,
            ))
        del doc
        return out

    def _in_paragraph(self, pos: int, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` cut to the paragraph around ``pos``."""
        p0 = self.text.rfind("\n", 0, pos) + 1
        p1 = self.text.find("\n", pos)
        return max(start, p0), min(end, p1 if p1 >= 0 else len(self.text))

    def _clause_content(self, cue: Token) -> tuple[int, int] | None:
        """The reported clause of ``cue``: its clausal complement, or the sentence a parenthetical
        cue interrupts (``The plan, she said, is dead``)."""
        doc = self.doc
        for c in cue.children:
            if c.dep_ == "ccomp":
                end_tok = c.right_edge
                for cc in c.children:  # "said X and urged Y": the second cue is not reported
                    if cc.dep_ == "conj" and cc.i > c.i and cue_kind(cc) is not None and not any(
                            g.dep_ in SUBJ_DEPS for g in cc.children):
                        k = cc.left_edge.i - 1
                        while k > c.i and (doc[k].is_punct or doc[k].dep_ == "cc"):
                            k -= 1
                        end_tok = doc[k]
                        break
                return c.left_edge.idx, end_tok.idx + len(end_tok.text)
        if cue.dep_ in ("parataxis", "ccomp") and cue.head.pos_ in ("VERB", "AUX") and cue.head.i != cue.i:
            head = cue.head
            subj = subject_of(cue)
            if subj is None or not (cue.left_edge.i <= subj.i <= cue.right_edge.i):
                return None
            lo, hi = head.left_edge.i, head.right_edge.i
            if cue.left_edge.i <= lo or cue.right_edge.i >= hi:
                return None  # the cue opens or closes the sentence: not parenthetical
            left = cue.left_edge.i - 1 if not cue.left_edge.is_punct else cue.left_edge.i
            right = cue.right_edge.i + 1 if not cue.right_edge.is_punct else cue.right_edge.i
            if doc[left].text not in (",", "\u2014", "-") or doc[right].text not in (",", "\u2014", "-"):
                return None
            return doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        return None

    def _source_head(self, obj: Token) -> EntityRef | None:
        """``according to a readout from CCTV``: the named source inside the phrase."""
        for t in obj.subtree:
            m = self.res.at(t.idx, t.idx + len(t.text))
            if m is not None and m.type in ("ORG", "PERSON", "NORP", "GPE"):
                start, end = np_range(obj)
                return EntityRef(m.entity, m.actor, m.name, start, end)
        return None

    def _outer(self, start: int, end: int, attr: Attribution,
               contents: list[tuple[int, int, Attribution, float]]) -> tuple[int, int] | None:
        """The attribution around a nested one (``..., the Kremlin said``) as its channel."""
        if attr.cue_span is None:
            return None
        cs = attr.cue_span[0]
        for s2, e2, a2, _ in contents:
            if a2 is attr or a2.cue_span is None or not (s2 <= cs < e2):
                continue
            lo = a2.cue_span[0]
            hi = a2.cue_span[1]
            if a2.speaker is not None and a2.speaker.start is not None and a2.speaker.end is not None:
                lo, hi = min(lo, a2.speaker.start), max(hi, a2.speaker.end)
            if hi - lo < 120:
                return lo, hi
            return a2.cue_span
        return None

    def _infinitive_content(self, verb: Token) -> tuple[int, int] | None:
        """``urged Congress to act``, ``vowed to fight``, ``called for talks``: what is wanted."""
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i < xcomp.i), None)
            first = obj.left_edge if obj is not None else xcomp.left_edge
            return first.idx, xcomp.right_edge.idx + len(xcomp.right_edge.text)
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "for" and c.i == verb.i + 1 and verb.lemma_.lower() == "call":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
        return None

    def _object_content(self, verb: Token) -> tuple[int, int] | None:
        """``accused the U.S. of "interfering" in ...``: the object and what follows it."""
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None:
            return None
        end_tok = obj.right_edge
        for c in verb.children:
            if c.i > obj.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))):
                end_tok = c.right_edge if c.right_edge.i > end_tok.i else end_tok
        return obj.left_edge.idx, end_tok.idx + len(end_tok.text)


def _bare_name(doc: Doc, start: int, end: int) -> bool:
    """True when [start, end) is nothing but a named entity (with its determiner)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not (t.is_punct or t.lower_ == "the")]
    return bool(words) and all(t.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP") for t in words)
