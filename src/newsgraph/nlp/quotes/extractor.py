"""The stage ``quotes.v1``: quoted segments grouped into direct quotes (an interrupted quote, a
multi-paragraph quote, a quote that goes on after its attribution), attributed, and joined by the
reported speech of the text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...calibration import calibrate_quote
from ...mentions import MentionIndex, mention_index
from ...model import Entity, Quote, Span
from ...registry import Context, stage
from ..spacy_model import doc_text
from .attribution import Attribution
from .marks import Segment, find_segments, has_sentence_break
from .reported import ReportedSpeech, trim_span
from .speakers import according_phrases

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["DEFAULT_KINDS", "extract_quotes", "quotes_stage"]


@dataclass
class _Group:
    segments: list[Segment]
    attribution: Attribution | None
    window: tuple[int, int] | None  # text of the attribution written after the quote
    direct: bool = True
    lead: int | None = None  # start of the reported text before the quote (a mixed quote)


class QuoteExtractor(ReportedSpeech):
    """Direct quotes from the quoted segments, then reported speech (``run``)."""

    def run(self) -> list[Quote]:
        text = self.text
        self.according = according_phrases(self.doc)
        segments = [s for s in find_segments(text) if s.end <= self.limit]
        groups: list[_Group] = []
        prev_end = 0
        for seg in segments:
            group = self.attach(seg, groups, prev_end)
            if group is not None and group not in groups:
                groups.append(group)
            prev_end = seg.end
        quotes: list[Quote] = []
        direct_chars: list[tuple[int, int]] = []
        direct_cues: set[int] = set()
        for g in groups:
            start, end = g.segments[0].start, g.segments[-1].end
            a = g.attribution
            if not g.direct:
                if g.lead is not None and a is not None and (0.7 if a.speaker else 0.5) >= self.min_confidence:
                    start, end = trim_span(text, g.lead, end)
                    direct_chars.append((start, end))
                    quotes.append(Quote(
                        span=Span.of(text, start, end), kind="partial", speaker=a.speaker,
                        cue=Span.of(text, *a.cue_span) if a.cue_span else None,
                        channel=Span.of(text, *a.channel) if a.channel else None,
                        confidence=0.7 if a.speaker else 0.5))
                continue
            if a is None and not self.unattributed:
                continue
            direct_chars.append((start, end))
            if a is not None and a.cue is not None:
                direct_cues.add(a.cue.i)
            speaker = a.speaker if a else None
            if speaker is None:
                speaker = self.layout_speaker(start, end)
            quotes.append(Quote(
                span=Span.of(text, start, end), kind="direct",
                speaker=speaker,
                cue=Span.of(text, *a.cue_span) if a and a.cue_span else None,
                channel=Span.of(text, *a.channel) if a and a.channel else None,
                confidence=0.9 if a and a.speaker else 0.6,
                parts=tuple(Span.of(text, x.start, x.end) for x in g.segments) if len(g.segments) > 1 else (),
            ))
        quotes.extend(self.reported(segments, direct_chars, direct_cues))
        quotes.sort(key=lambda q: (q.span.start, q.span.end))
        return quotes

    def attach(self, seg: Segment, groups: list[_Group], prev_end: int) -> _Group | None:
        """Attribute one quoted segment: a new group, an existing one, or None (a scare quote)."""
        text = self.text
        inner = self._inner(seg)
        n_words = len(inner.split())
        last = groups[-1] if groups else None
        if seg.continues and last is not None and last.direct:
            last.segments.append(seg)
            return last
        lo, hi = self.before_text(seg, prev_end)
        before = text[lo:hi].strip()
        nxt = seg.end
        after_cue, after_end = self.after_cue(seg, len(text))
        ends_open = self._ends_open(seg)
        if (before and after_cue is not None and ends_open and before.endswith(",") and not inner[:1].isupper()
                and self.before_cue(lo, hi) is None and len(before.split()) >= 3):
            # "The plan, ''is a disaster,'' he said": a mixed quote, reported as partial
            start = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
            return _Group([seg], self.attribution(after_cue, seg, after=True), (nxt, after_end),
                          direct=False, lead=start)
        if not before or (after_cue is not None and ends_open and before.endswith((":", ","))):
            opens_para = not text[text.rfind("\n", 0, seg.start) + 1:seg.start].strip()
            if after_cue is not None and (ends_open or n_words >= self.min_words or inner[-1:] == "."
                                          or opens_para):
                cue_tok = after_cue
                # "A," he said, "B." -- the same cue as the previous segment: one quote
                if (last is not None and last.attribution is not None and last.attribution.cue is not None
                        and last.attribution.cue.i == cue_tok.i):
                    last.segments.append(seg)
                    last.window = (nxt, after_end)
                    return last
                return _Group([seg], self.attribution(cue_tok, seg, after=True), (nxt, after_end))
            if last is not None and last.direct and self._continues(last, seg):
                last.segments.append(seg)
                if after_cue is not None:
                    last.window = (nxt, after_end)
                return last
            lead = self.lead_in(seg)
            if lead is not None:
                return _Group([seg], lead, None)
            if n_words >= self.min_words and inner[:1].isupper():
                return _Group([seg], None, None)
            return None
        # text before the quote in the same sentence
        if before.endswith(":"):
            named = self.colon_name(self.text.rfind(":", lo, hi))
            if named is not None:
                return _Group([seg], named, None)
        before_cue = self.before_cue(lo, hi)
        if before_cue is not None and (before.endswith((":", ",")) or before_cue.idx + len(before_cue.text)
                                       >= hi - 1 - (len(text[lo:hi]) - len(text[lo:hi].rstrip()))):
            if (last is not None and last.attribution is not None and last.attribution.cue is not None
                    and last.attribution.cue.i == before_cue.i):
                last.segments.append(seg)
                return last
            return _Group([seg], self.attribution(before_cue, seg), None)
        if before.endswith(":") and before_cue is None:
            colon = self.text.rfind(":", lo, hi)
            return _Group([seg], self.colon_attribution(colon), None)
        return None  # embedded: a partial quote, found through its cue's content

    def _continues(self, g: _Group, seg: Segment) -> bool:
        """``seg`` goes on with ``g``: nothing but the group's attribution (one sentence at most)
        and paragraph breaks lie between them."""
        gap = self.text[g.segments[-1].end:seg.start].strip()
        if not any(c.isalnum() for c in gap):
            return gap.count("\n") <= 3
        lo, hi = g.segments[-1].end, seg.start
        a = g.attribution
        if a is None or not any(x is not None and lo <= x < hi for x in (
                a.cue_span[0] if a.cue_span else None, a.speaker.start if a.speaker else None)):
            return False  # narration between two quotations, not their attribution: two quotes
        lines = [line for line in gap.split("\n") if line.strip()]
        if len(lines) > 1 or gap.count("\n") > 3:
            return False
        return not has_sentence_break(lines[0].strip())


# the cue kinds (cues.tsv) whose content is a quote by default: speech acts, documents' findings,
# charges and stances; beliefs, forecasts, wishes and plans (``belief``, ``intent``) and any verb
# with a that-clause (``that``) may be asked for, and then come as ``thought`` (belief, intent)
DEFAULT_KINDS = ("speech", "report", "charge", "stance")
# the default floor on a reported (indirect, partial) quote's confidence, chosen on the even half
# of the development set for precision first (docs/evaluation.md)
DEFAULT_MIN_CONFIDENCE = 0.65


def extract_quotes(doc: Doc, entities: Sequence[Entity] = (), *, min_words: int = 4,
                   unattributed: bool = True, kinds: Sequence[str] = DEFAULT_KINDS,
                   follow: bool = True, mentions: MentionIndex | None = None,
                   min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Quote]:
    """Direct, partial and indirect quotes of ``doc`` with speakers, cues and channels.

    ``min_words``: shortest quotation (in words) taken as a direct quote when no cue is next to
    it; ``unattributed``: keep direct quotes whose speaker the text does not name (speaker None);
    ``kinds``: the cue kinds of ``cues.tsv`` whose reported content becomes a quote (``belief``
    and ``intent`` give ``thought`` items, not quotes);
    ``follow``: a quotation opening a paragraph right after a paragraph that ends with reported
    speech (``... , Obama said.``) is credited to that speaker (the news convention);
    ``mentions``: the article's mention index (built from ``entities`` when not given);
    ``min_confidence``: reported (indirect, partial, thought) items below this confidence are left out.
    """
    return QuoteExtractor(doc, doc_text(doc), entities, min_words=min_words, unattributed=unattributed,
                          kinds=frozenset(kinds), follow=follow, index=mentions,
                          min_confidence=min_confidence).run()


@stage("quotes.v1", requires=("entities", "mentions"), produces="quotes")
def quotes_stage(ctx: Context, *, min_words: int = 4, unattributed: bool = True,
                 kinds: Sequence[str] = DEFAULT_KINDS, follow: bool = True,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Quote]:
    """Direct, partial and indirect quotes with speaker, cue and channel.

    ``min_confidence``: the floor on reported quotes' confidence; ``kinds``: the cue kinds read as
    speech (see ``extract_quotes``)."""
    entities = ctx.results.get("entities") or ()
    quotes = extract_quotes(ctx.doc, entities, min_words=min_words, unattributed=unattributed, kinds=kinds,
                            follow=follow, mentions=mention_index(ctx), min_confidence=min_confidence)
    return [calibrate_quote(q) for q in quotes]  # reported confidence: the calibrated P(fully right)
