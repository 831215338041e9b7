"""Quotes and attribution (stage ``quotes.v1``): who said what, through which channel.

Three kinds of quote are found:

- ``direct``: text in quotation marks (any style: straight, curly, guillemets, doubled
  single marks), including quotes interrupted by the attribution (``"A," he said, "B."``)
  and quotes that run over several paragraphs (an unclosed paragraph followed by one that
  opens again) or that go on in the next paragraph without a new attribution.
- ``partial``: reported speech whose content contains a quoted fragment
  (``accused the U.S. of "interfering"``); the span is the whole reported content.
- ``indirect``: reported speech without quotation marks: the clausal complement of a
  speech, belief or report cue (``Xi said the two should ...``, ``told reporters that``),
  and the clause an ``according to X`` phrase attaches to.

Cues come from ``data/cues.tsv``.  The speaker is the subject of the cue (the object of
``according to``), resolved to an entity of the ``entities`` stage when it can be:
a name or surname by the mention it falls in, a pronoun to the most recent person (or
organisation) in subject position, a description (``the Kremlin aide``) to the most recent
entity whose role or title words it shares.  When the entity stage gave nothing, spaCy's
named entities stand in (a surname is grouped with the full name it ends).  The speaker span
is always the mention in the text; no speaker is guessed when the text names none.  An
``according to`` phrase next to another cue, or an outer attribution around a nested one
(``..., the Kremlin said``), is kept as the quote's ``channel``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from ..model import Entity, EntityRef, Quote, Span
from ..registry import Context, stage
from .model import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["direct", "partial", "indirect"]

# Quotation marks.  A "pair" style has distinct openers and closers; a "toggle" style uses
# one mark for both (the straight double quote, doubled single marks).
_PAIR_OPEN = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb", "\u201f": "\u201d"}
_CLOSERS = {"\u201d", "\u00bb"}
_TOGGLE = ('"', "''", "``")
_SENT_END = {".", "!", "?"}
_SPEAKER_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_SUBJ_DEPS = {"nsubj"}
_NOT_SPEAKER_ENTS = {"DATE", "TIME", "ORDINAL", "MONEY", "QUANTITY"}
# speech verbs whose direct object is what was said ("announced his candidacy", "denied the report")
_OBJECT_SPEECH = {"announce", "deny", "confirm", "reveal", "predict", "propose", "acknowledge", "admit",
                  "cite", "describe", "reject", "dismiss", "defend", "question", "demand", "recommend",
                  "disclose", "repeat", "reiterate", "mention", "suggest", "claim", "concede", "blame"}
_OBJ_PATH = {"dobj", "compound", "amod", "det", "nummod", "poss", "iobj", "dative", "attr"}
_NP_STOPS = {"-", "\u2014", "\u2013", "--", ":", ";", "(", ")", "[", "]", "|"}
_MARKS = "\"'`\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019 "  # stripped from both ends of a quoted segment
_QUOTE_CHARS = set('"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019`')
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019']?\s+[\"\u201c\u2018A-Z]")
_NOT_SPEAKERS = {"that", "which", "who", "whom", "what", "there", "this", "these", "whose"}
_NP_SKIP_DEPS = {"relcl", "acl", "appos", "punct", "prep", "advmod", "parataxis", "ccomp", "advcl"}
_GENERIC_HEADS = {
    "leader", "official", "officials", "spokesman", "spokeswoman", "spokesperson", "aide",
    "president", "minister", "senator", "candidate", "lawmaker", "governor", "chairman",
    "chief", "head", "director", "secretary", "representative", "congressman",
    "congresswoman", "mayor", "premier", "prime", "counterpart", "businessman", "billionaire",
    "nominee", "frontrunner", "source", "adviser", "advisor", "diplomat", "envoy", "general",
    "commander", "ambassador", "speaker", "democrat", "republican", "justice", "judge",
}


@lru_cache(maxsize=1)
def load_cues() -> dict[str, str]:
    """{cue: kind} from the package's ``cues.tsv`` (the first kind listed wins)."""
    raw = resources.files("newsgraph").joinpath("data/cues.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or parts[0] == "cue":
            continue
        out.setdefault(parts[0].strip().lower(), parts[1].strip().lower())
    return out


@lru_cache(maxsize=1)
def _verb_cues() -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    single: dict[str, str] = {}
    phrasal: dict[tuple[str, str], str] = {}
    for cue, kind in load_cues().items():
        words = cue.split()
        if kind == "source":
            continue
        if len(words) == 1:
            single[cue] = kind
        elif len(words) == 2:
            phrasal[(words[0], words[1])] = kind
    return single, phrasal


# --------------------------------------------------------------------------- quotation marks


@dataclass
class Segment:
    """Text between quotation marks: ``start``/``end`` include the marks."""

    start: int
    end: int
    closed: bool  # False when the paragraph ended before a closing mark
    continues: bool = False  # this segment re-opens a quote left open in the paragraph before


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        yield pos, end
        if nl < 0:
            break
        pos = nl + 1


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def find_segments(text: str, *, max_len: int = 5000) -> list[Segment]:
    """Quoted stretches of ``text`` (quotation marks included), in order.

    Each paragraph is scanned on its own.  A quote still open at the end of a paragraph is
    kept only when the next paragraph opens with a quotation mark (a multi-paragraph quote);
    otherwise the unbalanced mark is skipped.
    """
    out: list[Segment] = []
    pending: Segment | None = None  # unclosed segment waiting for the next paragraph
    for p0, p1 in _paragraphs(text):
        para = text[p0:p1]
        if not para.strip():
            continue
        lead = len(para) - len(para.lstrip())
        first = para[lead:lead + 2]
        opens_here = first[:1] in _PAIR_OPEN or first[:1] == '"' or first in ("''", "``")
        if pending is not None:
            if opens_here:
                out.append(pending)
            pending = None
        reopen = bool(out) and not out[-1].closed and opens_here and out[-1].end <= p0
        segs, unclosed = _scan_paragraph(text, p0, p1, max_len)
        if segs and reopen and segs[0].start == p0 + lead:
            segs[0].continues = True
        if unclosed is not None and reopen and not segs and unclosed.start == p0 + lead:
            unclosed.continues = True
        out.extend(segs)
        pending = unclosed
    return out


def _scan_paragraph(text: str, p0: int, p1: int, max_len: int) -> tuple[list[Segment], Segment | None]:
    segs: list[Segment] = []
    i = p0
    open_at = -1
    closer: str | None = None  # the mark that closes the open quote
    inner_toggles = 0  # straight double marks seen inside the open curly quote
    while i < p1:
        ch = text[i]
        two = text[i:i + 2]
        mark = ""
        if two in ("''", "``"):
            mark = two
        elif ch in _PAIR_OPEN or ch in _CLOSERS or ch == '"':
            mark = ch
        elif ch == "\u2018" and open_at < 0:
            end = _single_close(text, i, p1)
            if end > 0:
                segs.append(Segment(i, end, True))
                i = end
                continue
        if not mark:
            i += 1
            continue
        if open_at < 0:
            if mark in _PAIR_OPEN:
                open_at, closer = i, _PAIR_OPEN[mark]
            elif mark in _TOGGLE:
                before = text[i - 1] if i > p0 else " "
                after = text[i + len(mark)] if i + len(mark) < p1 else " "
                # a toggle mark glued to a word on its left and not on its right is a stray closer
                if _is_word(before) and not _is_word(after) and mark == '"':
                    i += len(mark)
                    continue
                open_at, closer = i, ("''" if mark == "``" else mark)
            inner_toggles = 0
        else:
            after = text[i + len(mark)] if i + len(mark) < p1 else " "
            if mark != closer and _mixed_close(mark, closer, text[i - 1], after, inner_toggles):
                # the two styles mixed in one text: “A," he said. "B.”
                mark = closer or mark
            elif mark == '"' and closer in _CLOSERS:
                inner_toggles += 1
            if mark == closer:
                end = i + len(mark)
                if end - open_at <= max_len:
                    segs.append(Segment(open_at, end, True))
                open_at, closer = -1, None
            elif mark in _PAIR_OPEN and closer in _CLOSERS:
                after = text[i + 1] if i + 1 < p1 else " "
                if not text[i - 1].isspace() and (after.isspace() or after in ".,;:!?"):
                    # a closing mark typed as an opening one: "It's unusual,“ he said
                    segs.append(Segment(open_at, i + 1, True))
                    open_at, closer = -1, None
                else:
                    # an opener inside an open curly quote: the first one was never closed
                    open_at = i
        i += len(mark)
    unclosed = None
    if open_at >= 0:
        end = p1
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            unclosed = Segment(open_at, end, False)
    return segs, unclosed


def _mixed_close(mark: str, closer: str | None, before: str, after: str, inner_toggles: int) -> bool:
    """A mark of the other style closing the open quote: a straight ``"`` closing a curly
    quote (with no straight mark open inside it), or a curly close ending a straight one;
    in both cases glued to the text on its left and not on its right."""
    if before.isspace() or _is_word(after):
        return False
    if mark == '"' and closer in _CLOSERS:
        return inner_toggles == 0
    return mark in _CLOSERS and closer == '"'


def _single_close(text: str, i: int, p1: int) -> int:
    """End of a curly single-quoted stretch opened at ``i``, or -1."""
    before = text[i - 1] if i > 0 else " "
    if _is_word(before) or i + 1 >= p1 or text[i + 1].isspace():
        return -1
    j = i + 1
    limit = min(p1, i + 400)
    while j < limit:
        j = text.find("\u2019", j, limit)
        if j < 0:
            return -1
        after = text[j + 1] if j + 1 < p1 else " "
        if not _is_word(after):
            return j + 1
        j += 1
    return -1


_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "reps", "sens", "gen", "col", "lt", "sgt",
                  "capt", "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "co", "corp", "ltd", "prof", "rev",
                  "hon", "pres", "atty", "supt", "no", "vs", "u.s", "u.k", "u.n", "d.c", "e.u", "jan", "feb",
                  "aug", "sept", "oct", "nov", "dec", "ariz", "calif", "fla", "ill", "mass", "mich", "minn",
                  "penn", "tenn", "tex", "va", "wash", "wis", "conn", "ga", "ky", "la", "md", "mo", "n.y",
                  "n.j", "ore", "okla", "ala", "ark", "colo", "del", "ind", "kan", "miss", "mont", "neb",
                  "nev", "vt", "wyo", "a.m", "p.m"}


def _has_sentence_break(s: str) -> bool:
    """A sentence ends inside ``s`` (a period after an abbreviation or an initial does not count)."""
    for m in _SENTENCE_BREAK.finditer(s):
        k = m.start()
        j = k
        while j > 0 and (s[j - 1].isalpha() or s[j - 1] == "."):
            j -= 1
        word = s[j:k].lower()
        if s[k] == "." and (word in _ABBREVIATIONS or len(word) == 1):
            continue
        return True
    return False


# --------------------------------------------------------------------------- entity mentions


@dataclass
class _Mention:
    start: int
    end: int
    entity: str | None
    name: str
    type: str
    actor: str | None
    words: frozenset[str] = field(default_factory=frozenset)  # role and title words


def _mentions(doc: Doc, entities: Sequence[Entity]) -> list[_Mention]:
    """Mentions sorted by start: from the entity stage, else from spaCy's named entities."""
    out: list[_Mention] = []
    if entities:
        for e in entities:
            role = frozenset(w.lower() for w in (e.role or "").replace(",", " ").split())
            for m in e.mentions:
                out.append(_Mention(m.start, m.end, e.id, e.name, e.type, e.actor, role))
    else:
        full: dict[str, str] = {}
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                full.setdefault(ent[-1].text, ent.text)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC"):
                continue
            name = ent.text
            if ent.label_ == "PERSON" and len(ent) == 1:
                name = full.get(ent.text, name)
            out.append(_Mention(ent.start_char, ent.end_char, None, name, ent.label_, None))
    out.sort(key=lambda x: (x.start, x.end))
    words: dict[str, set[str]] = {}
    for men in out:
        key = men.entity or men.name
        words.setdefault(key, set()).update(men.words)
        words[key].update(_title_words(doc, men))
    for men in out:
        men.words = frozenset(words[men.entity or men.name])
    return out


def _title_words(doc: Doc, m: _Mention) -> set[str]:
    """Lower-cased modifiers written next to a name ("Kremlin aide Yuri Ushakov")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return set()
    head = span.root
    out: set[str] = set()
    for c in head.children:
        if c.dep_ in ("compound", "amod", "appos", "nmod") and not (m.start <= c.idx < m.end):
            out.update(t.lower_ for t in c.subtree if t.is_alpha)
    if head.dep_ == "appos":
        out.update(t.lower_ for t in head.head.subtree if t.is_alpha and t.i < span.start)
    if head.dep_ in ("compound",) and head.head.pos_ == "NOUN":
        out.add(head.head.lower_)
    return out


class _Resolver:
    """Finds the entity a speaker mention refers to."""

    def __init__(self, doc: Doc, mentions: list[_Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.starts = [m.start for m in mentions]

    def at(self, start: int, end: int) -> _Mention | None:
        i = bisect.bisect_right(self.starts, end) - 1
        while i >= 0 and self.mentions[i].end > start:
            m = self.mentions[i]
            if m.start < end and m.end > start:
                return m
            i -= 1
        # a mention ending inside [start, end) but starting before it
        return None

    def before(self, pos: int, types: set[str], window: int = 3000) -> list[_Mention]:
        i = bisect.bisect_left(self.starts, pos) - 1
        out: list[_Mention] = []
        while i >= 0 and self.mentions[i].start >= pos - window:
            m = self.mentions[i]
            if m.type in types and m.end <= pos:
                out.append(m)
            i -= 1
        return out

    def pronoun(self, tok: Token) -> _Mention | None:
        low = tok.lower_
        if low in _PERSON_PRONOUNS:
            types = {"PERSON"}
        elif low == "it":
            types = {"ORG", "GPE"}
        else:
            return None
        cands = self.before(tok.idx, types)
        for m in cands:  # most recent in subject position first
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and len(span) and span.root.dep_ in ("nsubj", "nsubjpass"):
                return m
        return cands[0] if cands else None

    def description(self, head: Token, words: set[str]) -> _Mention | None:
        types = {"PERSON"} if head.lemma_.lower() in _GENERIC_HEADS else {"PERSON", "ORG", "GPE"}
        best: _Mention | None = None
        best_score = 0
        for m in self.before(head.idx, types):
            score = len(words & m.words)
            if score > best_score:
                best, best_score = m, score
        return best


# --------------------------------------------------------------------------- attribution


@dataclass
class _Attribution:
    cue: Token | None
    cue_span: tuple[int, int] | None
    speaker: EntityRef | None
    channel: tuple[int, int] | None = None


@lru_cache(maxsize=1)
def _speech_forms() -> frozenset[str]:
    """Inflected forms of the one-word speech cues ("states", "noted"), for tokens the tagger
    did not take for verbs right after a quotation."""
    single, _ = _verb_cues()
    out = {"said", "told", "wrote", "spoke", "thought", "felt", "knew", "shot", "read", "reads"}
    for lemma, kind in single.items():
        if kind != "speech":
            continue
        out.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s"))
        if lemma.endswith("e"):
            out.add(lemma + "d")
        elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
            out.update({lemma[:-1] + "ied", lemma[:-1] + "ies"})
        else:
            out.add(lemma + "ed")
    return frozenset(out)


def _cue_kind(tok: Token) -> str | None:
    single, phrasal = _verb_cues()
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    if tok.dep_ == "amod":  # "a written statement"
        return None
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "prt" and (lemma, c.lower_) in phrasal:
            return phrasal[(lemma, c.lower_)]
    if tok.i + 1 < len(tok.doc) and (lemma, tok.doc[tok.i + 1].lower_) in phrasal:
        return phrasal[(lemma, tok.doc[tok.i + 1].lower_)]
    return single.get(lemma)


def _cue_span(tok: Token) -> tuple[int, int]:
    end = tok.idx + len(tok.text)
    for c in tok.children:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    return tok.idx, end


def _subject(verb: Token, depth: int = 0) -> Token | None:
    for c in verb.children:
        if c.dep_ in _SUBJ_DEPS:
            if c.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                return verb.head
            if c.lower_ in ("there",):
                return None
            return c
    if depth > 3:
        return None
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, depth + 1)
    if verb.tag_ in ("VBG", "VB", "VBN") and verb.dep_ in ("advcl", "xcomp", "pcomp", "conj", "acl"):
        head = verb.head
        for _ in range(2):
            if head.pos_ in ("ADP", "NOUN", "PROPN", "PRON") and head.head.i != head.i:
                head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return _subject(head, depth + 1)
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _np_range(head: Token) -> tuple[int, int]:
    """Character range of the noun phrase headed by ``head`` (no clauses, appositions, PPs)."""
    lo, hi = head.i, head.i
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _NP_SKIP_DEPS:
                continue
            if c.sent != head.sent:
                continue
            lo, hi = min(lo, c.i), max(hi, c.i)
            stack.append(c)
    doc = head.doc
    for j in range(head.i - 1, lo - 1, -1):  # never across a line break, a quotation mark or a dash
        if "\n" in doc[j].text or doc[j].text[:1] in _QUOTE_CHARS or doc[j].text in _NP_STOPS:
            lo = j + 1
            break
    for j in range(head.i + 1, hi + 1):
        if "\n" in doc[j].text or doc[j].text[:1] in _QUOTE_CHARS:
            hi = j - 1
            break
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _speaker(tok: Token | None, res: _Resolver) -> EntityRef | None:
    """The speaker mention headed by ``tok``, resolved to an entity when possible."""
    if tok is None:
        return None
    if tok.pos_ == "PRON" or tok.lower_ in _SPEAKER_PRONOUNS:
        if tok.lower_ in _NOT_SPEAKERS:
            return None
        if tok.lower_ not in _SPEAKER_PRONOUNS and tok.lower_ not in _PERSON_PRONOUNS:
            start, end = _np_range(tok)
            return EntityRef(None, None, doc_text(tok.doc)[start:end], start, end)
        start, end = tok.idx, tok.idx + len(tok.text)
        m = res.pronoun(tok)
        if m is None:
            return EntityRef(None, None, tok.text, start, end)
        return EntityRef(m.entity, m.actor, m.name, start, end)
    if tok.ent_type_ in _NOT_SPEAKER_ENTS:
        return None
    if tok.pos_ not in ("PROPN", "NOUN", "NUM", "X", "ADJ"):
        m = res.at(tok.idx, tok.idx + len(tok.text)) if tok.dep_ in _SUBJ_DEPS else None
        if m is None:  # a name the tagger took for a verb ("Trump/VERB shot back") is still a name
            return None
        return EntityRef(m.entity, m.actor, m.name, m.start, m.end)
    start, end = _np_range(tok)
    m = res.at(tok.idx, tok.idx + len(tok.text))
    if m is None:
        m = res.at(start, end) if tok.pos_ == "PROPN" else None
    if m is None:  # "the mayor, Peter Novak," -- the name in apposition
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN":
                m = res.at(c.idx, c.idx + len(c.text))
                if m is not None:
                    break
    if m is not None:
        return EntityRef(m.entity, m.actor, m.name, start, end)
    if tok.pos_ == "NOUN":
        words = {t.lower_ for t in tok.subtree if t.is_alpha and t.dep_ in ("amod", "compound")} | {
            tok.lower_, tok.lemma_.lower()}
        det = [c for c in tok.children if c.dep_ == "det"]
        if det and det[0].lower_ in ("the", "this", "that") and tok.tag_ == "NN":
            m = res.description(tok, words)
            if m is not None:
                return EntityRef(m.entity, m.actor, m.name, start, end)
    return EntityRef(None, None, doc_text(tok.doc)[start:end], start, end)


def _according(doc: Doc) -> list[tuple[Token, Token | None, tuple[int, int]]]:
    """(``according`` token, head of its object, phrase range) for each ``according to``."""
    out = []
    for t in doc:
        if t.lower_ != "according" or t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
            continue
        to = doc[t.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((c for c in t.children if c.dep_ == "pobj"), None)
        end_tok = obj.right_edge if obj is not None else to
        while end_tok.i > to.i and end_tok.is_punct:
            end_tok = doc[end_tok.i - 1]
        out.append((t, obj, (t.idx, end_tok.idx + len(end_tok.text))))
    return out


# --------------------------------------------------------------------------- the stage


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in ",;:-\u2014\u2013"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:-\u2014\u2013."):
        end -= 1
    return start, end


@dataclass
class _Group:
    segments: list[Segment]
    attribution: _Attribution | None
    window: tuple[int, int] | None  # text of the attribution written after the quote
    direct: bool = True
    lead: int | None = None  # start of the reported text before the quote (a mixed quote)


class _Extractor:
    def __init__(self, doc: Doc, text: str, entities: Sequence[Entity], *, min_words: int,
                 unattributed: bool, kinds: frozenset[str], follow: bool) -> None:
        self.kinds = kinds
        self.follow = follow
        self.doc = doc
        self.text = text
        self.res = _Resolver(doc, _mentions(doc, entities))
        self.tok_starts = [t.idx for t in doc]
        self.limit = len(doc.text)
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
            if t.text in _SENT_END or t.text == ":":
                j += 1
                break
            if t.text[:1] in _PAIR_OPEN or t.text in _TOGGLE or t.text[:1] in _CLOSERS:
                break
            if found is None and j - i <= 20 and (_cue_kind(t) in ("speech", "belief")
                                                  or t.lower_ in _speech_forms()):
                found = t
            if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ"):
                verbs.append(t)
            j += 1
        end = doc[j - 1].idx + len(doc[j - 1].text) if j > i else seg.end
        if found is not None and _has_content(found, seg.end):
            found = None
        if found is not None and self._leads_next(seg, found):
            found = None
        if found is None and verbs and self._ends_open(seg):
            v = verbs[0]
            short = j - i <= 8 and doc[j - 1].text in _SENT_END
            # "..., Trump barked and ...": a name (or pronoun) and a verb right after the quote
            named = v.i - i <= 3 and any(doc[k].pos_ in ("PROPN", "PRON") or doc[k].ent_type_ == "PERSON"
                                         for k in range(max(i, v.i - 2), min(len(doc), v.i + 3)) if k != v.i)
            # "..., the Republican nominee riffed": the verb's own subject fills the gap after the quote
            comma = self._inner(seg).endswith(",")
            named = named or (comma and v.i - i <= 14 and any(
                c.dep_ in _SUBJ_DEPS and c.pos_ in ("NOUN", "PROPN") and c.left_edge.i == i for c in v.children))
            if ((short or named) and not _has_content(v, seg.end)
                    and not any(c.dep_ == "dobj" for c in v.children)):
                found = v
        return found, end

    def _inner(self, seg: Segment) -> str:
        """The quoted text of ``seg`` without its quotation marks."""
        return self.text[seg.start:seg.end].strip(_MARKS)

    def _ends_open(self, seg: Segment) -> bool:
        """The quoted text ends with a comma, a question or exclamation mark or a dash."""
        return (self._inner(seg)[-1:] in (",", "?", "!", "\u2014", "-", "\u2013")
                or self.text[seg.end:seg.end + 1] == ",")

    def _leads_next(self, seg: Segment, cue: Token) -> bool:
        """``cue`` opens a new sentence after ``seg`` and ends in a comma or colon right before
        another quotation: it introduces that one."""
        if self._inner(seg)[-1:] not in _SENT_END:
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
            if ch in _SENT_END and k < seg.start and text[k].isspace():
                break
            k -= 1
        return k, seg.start

    def before_cue(self, lo: int, hi: int) -> Token | None:
        doc = self.doc
        j = self.tok_before(hi)
        while j >= 0 and doc[j].idx >= lo:
            if _cue_kind(doc[j]) in ("speech", "belief"):
                return doc[j]
            j -= 1
        return None

    def attribution(self, cue: Token | None, quote: Segment | None = None,
                    after: bool = False, inverted: bool = False) -> _Attribution | None:
        """Cue, speaker and channel of ``cue``; ``quote`` is the quoted text it introduces
        (a subject inside it is a parse error) and ``after`` says the cue follows the quote."""
        if cue is None:
            return None
        subj = _subject(cue)
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
        speaker = _speaker(subj, self.res)
        if speaker is None or (speaker.entity is None and subj is not None and subj.pos_ == "NOUN"):
            adjacent = self.adjacent_name(cue)  # "No wonder Trump said": the name next to the cue
            if adjacent is not None:
                speaker = adjacent
        if speaker is None:
            speaker = self.window_speaker(cue, inverted=after or inverted)
        return _Attribution(cue, _cue_span(cue), speaker, self.channel_for(cue))

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
                    or t.pos_ in ("PROPN", "NOUN")) and t.ent_type_ not in _NOT_SPEAKER_ENTS:
                head = t
                while (head.head.i != head.i and head.head.i > cue.i
                       and head.dep_ in ("compound", "flat", "amod", "nmod")):
                    head = head.head
                return _speaker(head, self.res)
        j = cue.i - 1
        while j >= 0 and doc[j].pos_ in ("ADV", "AUX", "PART") and cue.i - j < 4:
            j -= 1
        if j >= 0 and doc[j].pos_ in ("NOUN", "PROPN", "PRON") and doc[j].dep_ not in ("dobj", "pobj"):
            return _speaker(doc[j], self.res)
        lo = max(cue.sent.start, cue.i - 12)
        for j in range(cue.i - 1, lo - 1, -1):
            t = doc[j]
            if t.text in _SENT_END or t.text[:1] in _CLOSERS or t.text[:1] in _PAIR_OPEN or t.text in _TOGGLE:
                break
            if t.ent_type_ in ("PERSON", "ORG") or t.lower_ in _PERSON_PRONOUNS:
                head = t
                while head.head.i != head.i and head.dep_ in ("compound", "flat"):
                    head = head.head
                return _speaker(head, self.res)
        return None

    def channel_for(self, cue: Token) -> tuple[int, int] | None:
        for acc, _obj, rng in self.according:
            if acc.sent == cue.sent:
                return rng
        return None

    # -- main

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

    def run(self) -> list[Quote]:
        text = self.text
        self.according = _according(self.doc)
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
                if g.lead is not None and a is not None:
                    start, end = _trim(text, g.lead, end)
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

    def lead_in(self, seg: Segment) -> _Attribution | None:
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
            if _cue_kind(t) in ("speech", "belief"):
                attr = self.attribution(t)
                if attr is not None and attr.speaker is not None:
                    return attr
                return None
        return None

    def colon_attribution(self, colon: int) -> _Attribution | None:
        """Who is introduced by the sentence ending at ``colon`` (``Cruz continued:``, ``Trump:``)."""
        doc = self.doc
        ti = self.tok_before(colon + 1)
        if ti < 0:
            return None
        sent = doc[ti].sent
        verb: Token | None = None
        for j in range(ti - 1, sent.start - 1, -1):
            if _cue_kind(doc[j]) in ("speech", "belief", "report"):
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
        return self.attribution(verb) if verb is not None else None

    def colon_name(self, colon: int) -> _Attribution | None:
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
            np_lo = _np_range(head)[0]
            pre = self.text[max(sent.start_char, np_lo - 4):np_lo]
            dash = pre.rstrip()[-1:] in ("-", "\u2014", "\u2013") and pre.rstrip()[-2:-1] in (" ", "")
            if np_lo <= sent.start_char or dash or pre.rstrip()[-1:] == ":" or not pre.strip():
                return _Attribution(None, None, _speaker(head, self.res), None)
        first = doc[sent.start]
        while first.i < ti and (first.is_space or first.is_punct):
            first = doc[first.i + 1]
        on = next((t for t in doc[first.i:ti] if t.lower_ == "on" and t.dep_ == "prep"), None)
        if on is not None and on.head.i < on.i:
            m = self.res.at(on.head.idx, on.head.idx + len(on.head.text))
            if m is not None and m.type == "PERSON" and m.start <= first.idx + len(first.text):
                return _Attribution(None, None, EntityRef(m.entity, m.actor, m.name, m.start, m.end), None)
        return None

    def _continues(self, g: _Group, seg: Segment) -> bool:
        """``seg`` goes on with ``g``: nothing but the group's attribution (one sentence at most)
        and paragraph breaks lie between them."""
        gap = self.text[g.segments[-1].end:seg.start].strip()
        if not any(c.isalnum() for c in gap):
            return gap.count("\n") <= 3
        lines = [line for line in gap.split("\n") if line.strip()]
        if len(lines) > 1 or gap.count("\n") > 3:
            return False
        return not _has_sentence_break(lines[0].strip())

    # -- reported speech

    def reported(self, segments: list[Segment], direct: list[tuple[int, int]],
                 direct_cues: set[int]) -> list[Quote]:
        text = self.text
        doc = self.doc
        out: list[Quote] = []
        seg_bounds = [(s.start, s.end) for s in segments]
        contents: list[tuple[int, int, _Attribution, float]] = []
        for t in doc:
            kind = _cue_kind(t)
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
            if comp is None and (kind in ("charge", "stance") or t.lemma_.lower() in _OBJECT_SPEECH):
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
            start, end = _trim(text, start, end)
            if end - start < 3 or not any(ch.isalpha() for ch in text[start:end]):
                continue
            attr = self.attribution(t, inverted=end <= t.idx)
            if attr is None:
                continue
            contents.append((start, end, attr, 0.7))
        for acc, obj, rng in self.according:
            head = acc.head
            if head.i == acc.i or _cue_kind(head) in ("speech", "belief", "report"):
                continue  # a channel of that cue
            if any(_cue_kind(a) in ("speech", "belief") for a in head.ancestors):
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
            start, end = _trim(text, start, end)
            if end - start < 8:
                continue
            speaker = _speaker(obj, self.res) if obj is not None else None
            if speaker is not None and speaker.entity is None and obj is not None:
                speaker = self._source_head(obj) or speaker
            attr = _Attribution(acc, (acc.idx, acc.idx + len("according to")), speaker, None)
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
                    if cc.dep_ == "conj" and cc.i > c.i and _cue_kind(cc) is not None and not any(
                            g.dep_ in _SUBJ_DEPS for g in cc.children):
                        k = cc.left_edge.i - 1
                        while k > c.i and (doc[k].is_punct or doc[k].dep_ == "cc"):
                            k -= 1
                        end_tok = doc[k]
                        break
                return c.left_edge.idx, end_tok.idx + len(end_tok.text)
        if cue.dep_ in ("parataxis", "ccomp") and cue.head.pos_ in ("VERB", "AUX") and cue.head.i != cue.i:
            head = cue.head
            subj = _subject(cue)
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
                start, end = _np_range(obj)
                return EntityRef(m.entity, m.actor, m.name, start, end)
        return None

    def _outer(self, start: int, end: int, attr: _Attribution,
               contents: list[tuple[int, int, _Attribution, float]]) -> tuple[int, int] | None:
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


_NAME = r"([A-Z][\w.'’-]*(?:[ ,]+(?:[A-Z(][\w.'’()-]*|of|the|and|de|van|von|al|bin))*?)"
_DASH_AFTER = re.compile(r"[\"”’'.,]*[ \t]*\n+[ \t]*[-–—]+[ \t]*" + _NAME + r"[ \t]*[.,]?[ \t]*(?=\n|$)")
_ACCORDING_AFTER = re.compile(r"[\"”’']*[ \t]*,?[ \t]*according to (?:the )?" + _NAME + r"[ \t]*[.,]")
_COLON_BEFORE = re.compile(r"(?:^|(?<=[\s\-–—]))(?:(?:More )?[Ff]rom |Said |As )?" + _NAME + r"[ \t]*:[ \t\n]*$",
                           re.M)


_LEADS_QUOTE = re.compile(r"[^.!?\n\"\u201c\u201d]{0,40}?[,:]\s*[\"\u201c\u201e\u00ab`']")


def _has_content(verb: Token, after: int) -> bool:
    """``verb`` has a clause of its own after ``after``: ``denied that ...``, ``adding that ...``."""
    doc = verb.doc
    if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in ("that", "whether"):
        return True
    return any(c.dep_ == "ccomp" and c.idx >= after and c.idx > verb.idx
               and any(m.dep_ == "mark" and m.lower_ in ("that", "whether") and m.i > verb.i for m in c.children)
               for c in verb.children)


def _bare_name(doc: Doc, start: int, end: int) -> bool:
    """True when [start, end) is nothing but a named entity (with its determiner)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not (t.is_punct or t.lower_ == "the")]
    return bool(words) and all(t.ent_type_ in ("GPE", "LOC", "FAC", "PERSON", "ORG", "NORP") for t in words)


DEFAULT_KINDS = ("speech", "belief", "report", "charge", "stance", "intent", "that")


def extract_quotes(doc: Doc, entities: Sequence[Entity] = (), *, min_words: int = 4,
                   unattributed: bool = True, kinds: Sequence[str] = DEFAULT_KINDS,
                   follow: bool = True) -> list[Quote]:
    """Direct, partial and indirect quotes of ``doc`` with speakers, cues and channels.

    ``min_words``: shortest quotation (in words) taken as a direct quote when no cue is next to
    it; ``unattributed``: keep direct quotes whose speaker the text does not name (speaker None);
    ``kinds``: the cue kinds of ``cues.tsv`` whose reported content becomes a quote;
    ``follow``: a quotation opening a paragraph right after a paragraph that ends with reported
    speech (``... , Obama said.``) is credited to that speaker (the news convention).
    """
    return _Extractor(doc, doc.text, entities, min_words=min_words, unattributed=unattributed,
                      kinds=frozenset(kinds), follow=follow).run()


@stage("quotes.v1", requires=("entities",), produces="quotes")
def quotes_stage(ctx: Context) -> list[Quote]:
    """Direct, partial and indirect quotes with speaker, cue and channel."""
    entities = ctx.results.get("entities") or ()
    return extract_quotes(ctx.doc, entities)
