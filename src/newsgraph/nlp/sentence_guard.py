"""Sentence starts the parser may not invent: set on the tokenized Doc before the parser runs.

spaCy's parser splits sentences itself, and on a truecased lower-case article (``nlp.truecase``) it
often starts a new sentence at a capitalised name in mid-sentence ("... director general of police
(law and order) | A K Varsh said") or after a person's initial ("S. | K. Varlan said").  Both cut a
speaker from their verb and a title from its name.  The parser keeps a sentence boundary a component
before it has ruled out (``Token.is_sent_start = False``), so the guard marks every token that cannot
open a sentence:

- a token whose previous token is not sentence-final punctuation (``.``, ``!``, ``?``, ``…``, a colon
  or semicolon, or a closing quotation mark or bracket after one), on the same line;
- a token right after a person's initial and its full stop ("S." or "S" + "."), unless a line break
  comes between them.

Scraped text also runs sentences together: "... in the evening.there was ..." (a full stop with no space
after it), which the tokenizer keeps as one token and the parser as one sentence.  Such a token (two words
of letters joined by one full stop, neither part a web address's nor the first an abbreviation's) is split
in three before the guard, and its second word opens a sentence; the text and its offsets do not change.

Only the truecased copy of a lower-case or all-caps article is guarded (``pipeline.annotate`` and the
runner pass ``guard``): a normally cased text is parsed exactly as before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["guard_sentences", "split_run_together"]

_FINAL = frozenset({".", "!", "?", "…", ":", ";", "...", "?!", "!!"})
_CLOSERS = frozenset({'"', "'", "”", "’", "''", ")", "]", "»"})
_INITIAL = re.compile(r"^[A-Z]\.?$")
_RUN_TOGETHER = re.compile(r"^([A-Za-z]{2,})\.([A-Za-z]{2,})$")
# parts of web addresses ("rediff.com", "nic.in") and abbreviations written with a full stop ("mr.singh")
_ADDRESS_PARTS = frozenset({"com", "org", "net", "gov", "edu", "co", "nic", "ac", "info", "biz", "htm", "html",
                            "cms", "php", "asp", "aspx", "jsp", "www", "uk", "us", "tv", "io"})
_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "no", "nos", "vs", "jr", "sr", "lt", "col", "gen",
                            "capt", "prof", "govt", "dept", "rs", "smt", "shri", "sri", "km", "ltd", "inc",
                            "corp", "maj", "brig", "supt", "insp", "hon", "rev", "fig", "etc", "approx"})


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether token ``i`` may close a sentence (final punctuation, or a closer right after one)."""
    t = doc[i]
    if t.text in _FINAL or (t.text.endswith(".") and len(t.text) > 1 and not _INITIAL.match(t.text)):
        return True
    if t.text in _CLOSERS and i > 0 and not doc[i - 1].whitespace_:
        return _ends_sentence(doc, i - 1)
    return False


def _after_initial(doc: Doc, i: int) -> bool:
    """Token ``i`` follows a person's initial: "S." as one token, or "S" + "." with no space between."""
    prev = doc[i - 1]
    if _INITIAL.match(prev.text) and prev.text.endswith("."):
        return True
    return prev.text == "." and i >= 2 and not doc[i - 2].whitespace_ and _INITIAL.match(doc[i - 2].text) is not None \
        and (i < 3 or not doc[i - 3].is_alpha or doc[i - 3].whitespace_ != "")


def _run_together(text: str) -> tuple[str, str] | None:
    """The two words of a token that joins two sentences at a full stop ("evening.there"), or None."""
    m = _RUN_TOGETHER.match(text)
    if m is None:
        return None
    left, right = m.group(1), m.group(2)
    if left.lower() in _ABBREVIATIONS or left.lower() in _ADDRESS_PARTS or right.lower() in _ADDRESS_PARTS:
        return None
    return left, right


def split_run_together(doc: Doc) -> Doc:
    """``doc`` with each run-together token ("evening.there") split into word, full stop and word, the
    second word opening a sentence (a tokenized Doc, before the parser; the text is unchanged)."""
    found = [(t.i, parts) for t in doc if (parts := _run_together(t.text)) is not None]
    if not found:
        return doc
    with doc.retokenize() as retok:
        for i, (left, right) in found:
            tok = doc[i]
            retok.split(tok, [left, ".", right], heads=[(tok, 0), (tok, 0), (tok, 0)])
    shift = 0
    for i, _ in found:
        doc[i + shift + 2].is_sent_start = True  # the word after the full stop
        shift += 2
    return doc


def guard_sentences(doc: Doc) -> Doc:
    """``doc`` with ``is_sent_start = False`` on every token that cannot open a sentence (see above), after
    run-together sentences are split (``split_run_together``)."""
    doc = split_run_together(doc)
    for i in range(1, len(doc)):
        t, prev = doc[i], doc[i - 1]
        if t.is_space or prev.is_space or "\n" in prev.whitespace_:
            continue
        if not _ends_sentence(doc, i - 1) or _after_initial(doc, i):
            t.is_sent_start = False
    return doc
