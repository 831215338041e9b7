"""Reported speech: the content of a speech, belief, report, charge, stance or intent cue written
without quotation marks (its clausal complement, an infinitive, an object), and the clause an
``according to X`` phrase attaches to; ``partial`` when a quotation lies inside it, else ``indirect``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ...model import EntityRef, Quote, Span
from ..spacy_model import tokens
from .attribution import Attribution, Attributor
from .cues import OBJECT_SPEECH, cue_kind
from .marks import Segment
from .speakers import SUBJ_DEPS, np_range, speaker_of, subject_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["ASPECTUAL", "THOUGHT_KINDS", "Kind", "ReportedSpeech", "confidence", "trim_span"]

Kind = Literal["direct", "partial", "indirect"]
QuoteKind = Literal["direct", "partial", "indirect", "thought"]
# cue kinds of cues.tsv that report a state of mind (belief, forecast, wish, plan), not speech:
# their content is a ``thought`` when those kinds are asked for, never a quote
THOUGHT_KINDS = frozenset({"belief", "intent"})


@dataclass
class _Content:
    """Reported content found for one cue: where it is, who said it, the cue's kind (cues.tsv) and
    the form of the content (``that`` clause, bare ``clause``, ``parenthetical``, ``infinitive``,
    ``object``, ``according`` to X)."""

    start: int
    end: int
    attr: Attribution
    kind: str
    form: str


# verbs whose infinitive is their aspect, not what was said ("continues to rise", "went on to win")
ASPECTUAL = frozenset({"continue", "go"})

# how often reported content is a real attribution with the right content, by the cue's kind
# (speech and ``according to`` apart from the rest: report, charge, stance) and the content's
# form; read off the even-indexed half of the development set (PolNeAR, docs/evaluation.md), with a
# resolved speaker; a quotation inside the content raises it, an unresolved speaker lowers it, no
# speaker at all lowers it most
_CONFIDENCE = {
    ("speech", "that"): 0.86, ("speech", "parenthetical"): 0.86, ("speech", "clause"): 0.8,
    ("speech", "infinitive"): 0.6, ("speech", "object"): 0.6, ("source", "according"): 0.82,
    ("other", "that"): 0.82, ("other", "clause"): 0.5, ("other", "parenthetical"): 0.5,
    ("other", "infinitive"): 0.62, ("other", "object"): 0.62,
}


def confidence(kind: str, form: str, quoted: bool, speaker: EntityRef | None) -> float:
    """Confidence of a reported quote of cue kind ``kind`` and content form ``form``
    (``_CONFIDENCE``), ``quoted`` when a quotation lies inside the content."""
    conf = _CONFIDENCE.get((kind if kind in ("speech", "source") else "other", form), 0.5)
    if quoted:
        conf += 0.04
    if speaker is None:
        conf -= 0.25
    elif speaker.entity is None:
        conf -= 0.04
    return round(max(0.05, min(0.95, conf)), 2)


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
        contents: list[_Content] = []
        for t in tokens(doc):
            kind = cue_kind(t)
            if kind is None and "that" in self.kinds and t.pos_ == "VERB" and any(
                    c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                    for c in t.children):
                kind = "that"  # any verb with a that-clause: "I know that ...", "polls show that ..."
            if kind is None or kind not in self.kinds:
                continue
            found = self._clause_content(t) or self._infinitive_content(t)
            if found is None and (kind in ("charge", "stance") or t.lemma_.lower() in OBJECT_SPEECH):
                found = self._object_content(t, seg_bounds)
            if found is None:
                continue
            if kind in ("charge", "stance", "intent", "that") and any(a < t.idx < b for a, b in seg_bounds):
                continue  # "should ... defend X" inside a quotation is not an attribution
            c0, c1, form = found
            start, end = self._in_paragraph(t.idx, c0, c1)
            for a, b in seg_bounds:  # a quotation that starts in the content ends it
                if start <= a < end < b and "\n" not in text[end:b]:
                    end = b
            start, end = trim_span(text, start, end)
            if end - start < 3 or not any(ch.isalpha() for ch in text[start:end]):
                continue
            attr = self.attribution(t, inverted=end <= t.idx)
            if attr is None:
                continue
            contents.append(_Content(start, end, attr, kind, form))
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
            document = self.document(obj)
            if document is not None:  # "according to the report": the report is no speaker
                speaker = document[0]
            else:
                speaker = speaker_of(obj, self.res) if obj is not None else None
            if speaker is not None and speaker.entity is None and obj is not None:
                speaker = self._source_head(obj) or speaker
            attr = Attribution(acc, (acc.idx, acc.idx + len("according to")), speaker, None)
            contents.append(_Content(start, end, attr, "source", "according"))
        contents.sort(key=lambda c: (c.start, c.end))
        for c in contents:
            start, end, attr = c.start, c.end, c.attr
            length = end - start
            cov = sum(max(0, min(end, b) - max(start, a)) for a, b in direct)
            if cov >= 0.5 * length or (cov and attr.cue is not None and attr.cue.i in direct_cues):
                continue
            inside = [(a, b) for a, b in seg_bounds if a < end and b > start]
            qkind: QuoteKind = "partial" if inside else "indirect"
            if c.kind in THOUGHT_KINDS:
                qkind = "thought"
            conf = confidence(c.kind, c.form, bool(inside), attr.speaker)
            if conf < self.min_confidence:
                continue
            channel = attr.channel
            if channel is None:
                channel = self._outer(start, end, attr, contents)
            out.append(Quote(
                span=Span.of(text, start, end), kind=qkind, speaker=attr.speaker,
                cue=Span.of(text, *attr.cue_span) if attr.cue_span else None,
                channel=Span.of(text, *channel) if channel else None,
                confidence=conf,
            ))
        del doc
        return out

    def _in_paragraph(self, pos: int, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` cut to the paragraph around ``pos``."""
        p0 = self.text.rfind("\n", 0, pos) + 1
        p1 = self.text.find("\n", pos)
        return max(start, p0), min(end, p1 if p1 >= 0 else len(self.text))

    def _clause_content(self, cue: Token) -> tuple[int, int, str] | None:
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
                marked = any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in c.children)
                return c.left_edge.idx, end_tok.idx + len(end_tok.text), ("that" if marked else "clause")
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
            return doc[lo].idx, doc[hi].idx + len(doc[hi].text), "parenthetical"
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
               contents: list[_Content]) -> tuple[int, int] | None:
        """The attribution around a nested one (``..., the Kremlin said``) as its channel."""
        if attr.cue_span is None:
            return None
        cs = attr.cue_span[0]
        for c in contents:
            s2, e2, a2 = c.start, c.end, c.attr
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

    def _infinitive_content(self, verb: Token) -> tuple[int, int, str] | None:
        """``urged Congress to act``, ``vowed to fight``, ``called for talks``: what is wanted."""
        xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
        if verb.lemma_.lower() in ASPECTUAL:
            xcomp = None  # "continues to rise": the verb's aspect, not speech
        if xcomp is not None and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children):
            obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i < xcomp.i), None)
            first = obj.left_edge if obj is not None else xcomp.left_edge
            return first.idx, xcomp.right_edge.idx + len(xcomp.right_edge.text), "infinitive"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "for" and c.i == verb.i + 1 and verb.lemma_.lower() == "call":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj.left_edge.idx, c.right_edge.idx + len(c.right_edge.text), "object"
        return None

    def _object_content(self, verb: Token, seg_bounds: list[tuple[int, int]]) -> tuple[int, int, str] | None:
        """``accused the U.S. of "interfering" in ...``, ``called the plan a disaster``: the object
        and what follows it, when it states something: a quotation inside it, a predicate of the
        object (``call X Y``) or a clause or gerund after ``of``/``for``/``as`` (``accused X of
        lying``).  A bare noun phrase (``announce the review``, ``defended the plan``) is what the
        act was about, not what was said: no content."""
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
        if obj is None:
            return None
        end_tok = obj.right_edge
        stated = False
        for c in verb.children:
            if c.i > obj.i and (c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))):
                end_tok = c.right_edge if c.right_edge.i > end_tok.i else end_tok
                stated = stated or c.dep_ == "oprd" or any(
                    g.dep_ == "pcomp" or g.tag_ == "VBG" for g in c.children)
        start, end = obj.left_edge.idx, end_tok.idx + len(end_tok.text)
        if not stated and not any(start <= a and b <= end for a, b in seg_bounds):
            return None
        if _bare_name(verb.doc, start, end):
            return None  # "attacked Kyiv": a physical act on a named thing, not speech
        return start, end, "object"


def _bare_name(doc: Doc, start: int, end: int) -> bool:
    """True when [start, end) is nothing but a named entity (with its determiner)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not (t.is_punct or t.lower_ == "the")]
    return bool(words) and all(t.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP") for t in words)
