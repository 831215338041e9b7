"""Cleaning extracted text: boilerplate lines (``parse/boilerplate.py``, shared with the other
readers), a headline, standfirst or dateline repeated at the top, and paragraphs repeated right
after themselves."""

from __future__ import annotations

import difflib
import re

from .boilerplate import is_boilerplate
from .html_tree import DATE_LINE, WS, norm_words

__all__ = ["clean_body"]


_TRAILING_JUNK = re.compile(r"\s*(click to tweet|tweet this)\s*$", re.I)
_SENTENCE_END = re.compile(r"[.!?…\"”»)。！？」』]\s*$")


def _similar(a: str, b: str) -> bool:
    """Same wording, allowing a site suffix or a little editing (compared on word tokens)."""
    na, nb = norm_words(a), norm_words(b)
    if not na or not nb:
        return False
    if na == nb or (len(na) > 20 and (na in nb or nb in na)):
        return True
    return difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio() >= 0.85


def _is_header_line(line: str, title: str, description: str | None) -> bool:
    """A headline, standfirst or date/byline line that sits above the article text."""
    if len(line) > 300 or _SENTENCE_END.search(line):
        return False
    if _similar(line, title) or (description and _similar(line, description)):
        return True
    return len(line) <= 80 and DATE_LINE.search(line) is not None


def clean_body(text: str, title: str, description: str | None = None) -> str:
    lines = [_TRAILING_JUNK.sub("", WS.sub(" ", ln).strip()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    # headline, standfirst and dateline repeated at the top of the body
    head = 0
    while head < min(3, len(lines) - 1) and _is_header_line(lines[head], title, description):
        head += 1
    kept = [ln for ln in lines[head:] if not is_boilerplate(ln, notices=False)]  # notices: parse() drops them
    # collapse a paragraph repeated right after itself (sticky headers, doubled teasers)
    out: list[str] = []
    for ln in kept:
        if out and len(ln) > 30 and norm_words(ln) == norm_words(out[-1]):
            continue
        out.append(ln)
    return "\n\n".join(out)
