"""Quotation marks: the quoted stretches of a text (``find_segments``), in any style (straight,
curly, guillemets, German low-high, doubled single marks, single marks used as quotation marks,
and the mojibake left when UTF-8 curly marks were read as Windows-1252: ``â€œ…â€``), including
quotes left open at a paragraph's end that go on in the next paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["CLOSERS", "MARKS", "PAIR_OPEN", "QUOTE_CHARS", "SENT_END", "TOGGLE", "Segment", "find_segments",
           "has_sentence_break"]

# mojibake of the curly marks (UTF-8 bytes read as Windows-1252); the closing double mark's last
# byte (0x9d) has no Windows-1252 character, so it is often lost: "â€" alone closes too
MOJI_OPEN, MOJI_CLOSE = "â€œ", "â€"
MOJI_SINGLE_OPEN, MOJI_SINGLE_CLOSE = "â€˜", "â€™"
# one mark for both (the straight double quote, doubled single marks).
PAIR_OPEN = {"“": "”", "„": "”", "«": "»", "‟": "”", MOJI_OPEN: MOJI_CLOSE}
CLOSERS = {"”", "»", MOJI_CLOSE}
TOGGLE = ('"', "''", "``")
SENT_END = {".", "!", "?"}
# stripped from both ends of a quoted segment (the mojibake marks' characters included)
MARKS = "\"'`\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a \u00e2\u20ac\u0153\u009d\u02dc\u2122"
QUOTE_CHARS = set('"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a`\u00e2')
# single marks: an opener and the marks that may close it (the straight one only after a check)
_SINGLE = {"\u2018": ("\u2019",), "\u201a": ("\u2018", "\u2019"), "'": ("'", "\u2019"),
           MOJI_SINGLE_OPEN: (MOJI_SINGLE_CLOSE,)}
# every character the paragraph scan acts on: a mark, the first of a doubled mark, a curly single
_MARK_START = re.compile("[" + re.escape("".join(sorted({'"', "'", "`", "\u2018", "\u201a", "\u00e2", "\u201c",
                                                          "\u201e", "\u00ab", "\u201f", "\u201d",
                                                          "\u00bb"}))) + "]")
_SENTENCE_BREAK = re.compile(r"[.!?][\"\u201d\u2019']?\s+[\"\u201c\u2018A-Z]")


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
        opens_here = first[:1] in PAIR_OPEN or first[:1] == '"' or first in ("''", "``")
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


def _mark_at(text: str, i: int, p1: int) -> tuple[str, int]:
    """The double quotation mark starting at ``i`` (its canonical form and its length in the text),
    or ``("", 0)``."""
    ch = text[i]
    two = text[i:i + 2]
    if two in ("''", "``"):
        return two, 2
    if ch in PAIR_OPEN or ch in CLOSERS or ch == '"':
        return ch, 1
    if two == MOJI_CLOSE:
        third = text[i + 2] if i + 2 < p1 else ""
        if third == "\u0153":
            return MOJI_OPEN, 3
        if third == "\u009d":
            return MOJI_CLOSE, 3
        if third not in ("\u02dc", "\u2122"):
            return MOJI_CLOSE, 2
    return "", 0


def _scan_paragraph(text: str, p0: int, p1: int, max_len: int) -> tuple[list[Segment], Segment | None]:
    segs: list[Segment] = []
    i = p0
    open_at = -1
    closer: str | None = None  # the mark that closes the open quote
    inner_toggles = 0  # straight double marks seen inside the open curly quote
    reopened = False  # the open quote continues one left open before it (see _reopens)
    while i < p1:
        mark, mlen = _mark_at(text, i, p1)
        if not mark and open_at < 0:
            end = _single_quote(text, i, p0, p1)
            if end > 0:
                segs.append(Segment(i, end, True))
                i = end
                continue
        if not mark:  # jump to the next character that is or starts a mark (same result, fewer steps)
            nxt = _MARK_START.search(text, i + 1, p1)
            i = p1 if nxt is None else nxt.start()
            continue
        if open_at < 0:
            if mark in PAIR_OPEN:
                open_at, closer = i, PAIR_OPEN[mark]
            elif mark in TOGGLE:
                before = text[i - 1] if i > p0 else " "
                after = text[i + mlen] if i + mlen < p1 else " "
                # a toggle mark glued to the text on its left and not on its right is a stray closer
                # ('word" ', '," he said'); a doubled mark inside a word is an apostrophe ("that''s")
                if mark in ('"', "''") and not before.isspace() and (not _is_word(after) or (
                        mark == "''" and _is_word(before))):
                    i += mlen
                    continue
                open_at, closer = i, ("''" if mark == "``" else mark)
            inner_toggles = 0
        else:
            after = text[i + mlen] if i + mlen < p1 else " "
            if mark != closer and _mixed_close(mark, closer, text[i - 1], after, inner_toggles):
                # the two styles mixed in one text: \u201cA," he said. "B.\u201d
                mark = closer or mark
            elif mark == '"' and closer in CLOSERS:
                inner_toggles += 1
            if mark == closer and mark in ('"', "''") and _reopens(text, p0, open_at, i, mlen, p1):
                # a quote left open at a paragraph's end and reopened by the next one, in text whose
                # paragraph breaks were lost: '"A. B. "C."' is "A. B." (open) and "C." (continuing it)
                end = i
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                if end - open_at <= max_len:
                    segs.append(Segment(open_at, end, False))
                open_at, closer = i, mark
                inner_toggles = 0
                i += mlen
                reopened = True
                continue
            if mark == closer:
                end = i + mlen
                if end - open_at <= max_len:
                    segs.append(Segment(open_at, end, True, continues=reopened))
                open_at, closer = -1, None
                reopened = False
            elif mark in PAIR_OPEN and closer in CLOSERS:
                after = text[i + mlen] if i + mlen < p1 else " "
                if not text[i - 1].isspace() and (after.isspace() or after in ".,;:!?"):
                    # a closing mark typed as an opening one: "It's unusual,\u201c he said; \u201e...\u201c
                    segs.append(Segment(open_at, i + mlen, True))
                    open_at, closer = -1, None
                else:
                    # an opener inside an open curly quote: the first one was never closed
                    open_at = i
        i += mlen
    unclosed = None
    if open_at >= 0:
        end = p1
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end - open_at > 1:
            unclosed = Segment(open_at, end, False)
    return segs, unclosed


def _reopens(text: str, p0: int, open_at: int, i: int, mlen: int, p1: int) -> bool:
    """Whether the toggle mark at ``i``, met while a quote opened at ``open_at`` is open, opens a new
    quote instead of closing that one: it has a space before it and a word after it (an opener's
    shape), and the text before it ends a sentence inside the open quote ('"A. B. "C."'), as when a
    quote left open at a paragraph's end goes on in the next paragraph and the break was lost."""
    before = text[i - 1] if i > p0 else " "
    after = text[i + mlen] if i + mlen < p1 else " "
    if not before.isspace() or not _is_word(after):
        return False
    inside = text[open_at + 1:i].rstrip()
    return len(inside) > 1 and inside[-1] in SENT_END


def _mixed_close(mark: str, closer: str | None, before: str, after: str, inner_toggles: int) -> bool:
    """A mark of the other style closing the open quote: a straight ``"`` closing a curly
    quote (with no straight mark open inside it), or a curly close ending a straight one;
    in both cases glued to the text on its left and not on its right."""
    if before.isspace() or _is_word(after):
        return False
    if mark == '"' and closer in CLOSERS:
        return inner_toggles == 0
    return mark in CLOSERS and closer == '"'


def _single_quote(text: str, i: int, p0: int, p1: int) -> int:
    """End of a stretch in single quotation marks opened at ``i`` (curly, low-9, straight or
    mojibake), or -1.  The opener follows no letter and precedes one; the closer follows text and
    precedes no letter or digit (an apostrophe inside a word, ``don't``, never closes).  A straight
    closer also needs punctuation before it or no word after it, and a plural possessive
    (``the players' union``) does not close."""
    opener = next((o for o in _SINGLE if text.startswith(o, i)), None)
    if opener is None:
        return -1
    k = i + len(opener)
    before = text[i - 1] if i > p0 else " "
    if _is_word(before) or k >= p1 or not (_is_word(text[k]) or text[k] in "\u2026."):
        return -1
    straight = opener == "'"
    limit = min(p1, i + 400)
    j = k
    while j < limit:
        found = [(text.find(c, j, limit), c) for c in _SINGLE[opener]]
        hits = [(pos, c) for pos, c in found if pos >= 0]
        if not hits:
            return -1
        pos, c = min(hits)
        end = pos + len(c)
        after = text[end] if end < p1 else " "
        prev = text[pos - 1]
        if _is_word(after) or prev.isspace():
            j = pos + 1
            continue
        if straight or c == "'":
            nxt = text[end:end + 3].lstrip()[:1]
            if prev not in ".,!?;:\u2026" and prev == "s" and (after == " " and nxt.islower()):
                j = pos + 1  # "the players' union"
                continue
            if pos - k < 2:
                return -1
        return end
    return -1


_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gov", "sen", "rep", "reps", "sens", "gen", "col", "lt", "sgt",
                  "capt", "cmdr", "adm", "maj", "st", "jr", "sr", "inc", "co", "corp", "ltd", "prof", "rev",
                  "hon", "pres", "atty", "supt", "no", "vs", "u.s", "u.k", "u.n", "d.c", "e.u", "jan", "feb",
                  "aug", "sept", "oct", "nov", "dec", "ariz", "calif", "fla", "ill", "mass", "mich", "minn",
                  "penn", "tenn", "tex", "va", "wash", "wis", "conn", "ga", "ky", "la", "md", "mo", "n.y",
                  "n.j", "ore", "okla", "ala", "ark", "colo", "del", "ind", "kan", "miss", "mont", "neb",
                  "nev", "vt", "wyo", "a.m", "p.m"}


def has_sentence_break(s: str) -> bool:
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
