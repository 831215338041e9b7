"""Label text of a page that names no party of the sentence it is run into: a photo gallery's title and a
video player's caption line.

A scraped gallery repeats its title before every caption ("Photos: <title> <caption>. Hide Caption 3 of
20 Photos: <title> <caption> ..."), with no stop between the title and the caption, so the parser reads
the title as part of the caption's sentence and a country or region the title names ("... in Europe")
becomes a party of the act the caption tells.  The title is the run of words that follows every
occurrence of a marker ("Photos:", "Video:", "In pictures:", "Gallery:") with the same first words: the
longest word prefix they share (two occurrences at least; one alone does not show where the title ends;
captions that all begin with the same words lend them to the title).
A video player's line ("JUST WATCHED <clip title> Replay More Videos ... MUST WATCH <clip title> 01:04") is
a label as a whole line.  A party found inside a label is not a party of a trigger outside it
(``events/coder.py``).
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["in_label", "label_spans"]

_MARKER = re.compile(r"(?<![\w:])(?:Photos?|Videos?|Gallery|In pictures)\s*:\s+", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_VIDEO_LINE = re.compile(r"^[^\n]*\b(?:JUST WATCHED|MUST WATCH)\b[^\n]*$", re.MULTILINE)
_LOOK = 30  # words read after a marker
_KEY = 2  # occurrences are grouped by their first words


def _words_after(text: str, pos: int) -> list[re.Match[str]]:
    out: list[re.Match[str]] = []
    for m in _WORD.finditer(text, pos):
        if len(out) >= _LOOK or (out and "\n" in text[out[-1].end():m.start()]):
            break  # a title does not run past its line
        out.append(m)
    return out


@lru_cache(maxsize=8)
def label_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) character spans of the gallery titles and video caption lines of ``text``."""
    groups: dict[tuple[str, ...], list[tuple[int, list[re.Match[str]]]]] = {}
    for m in _MARKER.finditer(text):
        ws = _words_after(text, m.end())
        if len(ws) > _KEY:
            groups.setdefault(tuple(w.group() for w in ws[:_KEY]), []).append((m.start(), ws))
    out: list[tuple[int, int]] = []
    for occ in groups.values():
        if len(occ) < 2:
            continue
        n = min(len(ws) for _, ws in occ)
        k = 0
        while k < n and len({ws[k].group() for _, ws in occ}) == 1:
            k += 1
        if k == n:  # the same words all the way: no caption told apart from the title
            continue
        out.extend((start, ws[k - 1].end()) for start, ws in occ)
    out.extend((m.start(), m.end()) for m in _VIDEO_LINE.finditer(text))
    return tuple(sorted(out))


def in_label(text: str, start: int, end: int, trigger: int) -> bool:
    """Whether the phrase at ``start``-``end`` lies in a label that does not hold the trigger at ``trigger``."""
    for a, b in label_spans(text):
        if a <= start and end <= b:
            return not a <= trigger < b
        if a > end:
            break
    return False
