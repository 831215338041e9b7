"""Themes: what an article is about, from a taxonomy of word patterns, each theme with its evidence.

``extract_themes`` (stage ``themes.v1``) matches the patterns of ``data/themes.tsv`` (in the spirit of
GDELT's GKG themes: DIPLOMACY, SANCTIONS, TRADE, ENERGY, ELECTION, ARMED_CONFLICT, ...) against the
article's tokens and returns one ``Theme`` per theme found, with every matching span, in order of
first appearance.  A pattern word matches a token's lemma or lower-cased form (``sanction`` matches
"sanctions"), a ``word*`` any token starting with it, a capitalised word the exact text (``AI``), and
``word/NOUN`` only a token of that part of speech.  Tokens inside person names are skipped.

The patterns are compiled once into dictionaries keyed by a pattern's first word, so matching costs
a few dictionary look-ups per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..model import Span, Theme
from ..registry import Context, stage
from .spacy_model import doc_text, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PREFIX_KEY = 4  # prefix patterns are indexed by their first four letters


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a pattern."""

    text: str
    prefix: bool = False  # "terror*"
    exact: bool = False  # "AI": the token's text, case kept
    pos: str | None = None  # "press/NOUN"

    def matches(self, tok: Token) -> bool:
        if self.pos is not None and tok.pos_ != self.pos:
            return False
        if self.exact:
            return tok.text == self.text
        low = tok.lower_
        if self.prefix:
            return low.startswith(self.text)
        return low == self.text or tok.lemma_.lower() == self.text


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Taxonomy:
    descriptions: dict[str, str]  # code -> description, in file order
    by_word: dict[str, tuple[Pattern, ...]]  # first word (lower-cased lemma or form) -> patterns
    by_exact: dict[str, tuple[Pattern, ...]]  # first word, case kept -> patterns
    by_prefix: dict[str, tuple[Pattern, ...]]  # first four letters of a prefix first word -> patterns


def _word(raw: str) -> Word:
    pos = None
    if "/" in raw and raw.rsplit("/", 1)[1].isupper():
        raw, pos = raw.rsplit("/", 1)
    if raw.endswith("*"):
        stem = raw[:-1].lower()
        if len(stem) < _PREFIX_KEY:
            raise ValueError(f"prefix pattern {raw!r} is shorter than {_PREFIX_KEY} letters")
        return Word(stem, prefix=True, pos=pos)
    if any(c.isupper() for c in raw):
        return Word(raw, exact=True, pos=pos)
    return Word(raw, pos=pos)


def parse_taxonomy(text: str) -> Taxonomy:
    """Read a taxonomy in the themes.tsv format (code, description, |-separated patterns)."""
    descriptions: dict[str, str] = {}
    by_word: dict[str, list[Pattern]] = {}
    by_exact: dict[str, list[Pattern]] = {}
    by_prefix: dict[str, list[Pattern]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, description, patterns = [*line.split("\t"), "", ""][:3]
        descriptions[code] = description
        for raw in patterns.split("|"):
            if not raw.strip():
                continue
            words = tuple(_word(w) for w in raw.split())
            p = Pattern(code, words)
            first = words[0]
            if first.prefix:
                by_prefix.setdefault(first.text[:_PREFIX_KEY], []).append(p)
            elif first.exact:
                by_exact.setdefault(first.text, []).append(p)
            else:
                by_word.setdefault(first.text, []).append(p)
    return Taxonomy(
        descriptions,
        {k: tuple(v) for k, v in by_word.items()},
        {k: tuple(v) for k, v in by_exact.items()},
        {k: tuple(v) for k, v in by_prefix.items()},
    )


@lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The package's theme taxonomy (data/themes.tsv), read once per process."""
    text = resources.files("newsgraph").joinpath("data/themes.tsv").read_text(encoding="utf-8")
    return parse_taxonomy(text)


def _candidates(tax: Taxonomy, tok: Token) -> list[Pattern]:
    low = tok.lower_
    out: list[Pattern] = []
    out += tax.by_word.get(low, ())
    lemma = tok.lemma_.lower()
    if lemma != low:
        out += tax.by_word.get(lemma, ())
    out += tax.by_exact.get(tok.text, ())
    out += tax.by_prefix.get(low[:_PREFIX_KEY], ())
    return out


def match_themes(doc: Doc, tax: Taxonomy | None = None) -> list[Theme]:
    """Every theme of ``tax`` (the package taxonomy by default) found in ``doc``, with its spans."""
    tax = tax or taxonomy()
    text = doc_text(doc)
    found: dict[str, list[tuple[int, int]]] = {}
    n = len(doc)
    for tok in tokens(doc):
        if tok.is_space or tok.is_punct or tok.ent_type_ == "PERSON":
            continue
        for p in _candidates(tax, tok):
            end = tok.i + len(p.words)
            if end > n or not all(w.matches(doc[tok.i + k]) for k, w in enumerate(p.words)):
                continue
            last = doc[end - 1]
            span = (tok.idx, last.idx + len(last.text))
            spans = found.setdefault(p.code, [])
            if span not in spans:
                spans.append(span)
    themes: list[Theme] = []
    for code, spans in found.items():
        kept = _outermost(spans)
        themes.append(Theme(code, tuple(Span(s, e, text[s:e]) for s, e in kept)))
    themes.sort(key=lambda t: t.spans[0].start)
    return themes


def _outermost(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans without those inside another ("election" inside "presidential election")."""
    ordered = sorted(spans, key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s, e in ordered:
        if out and s >= out[-1][0] and e <= out[-1][1]:
            continue
        out.append((s, e))
    return out


@stage("themes.v1", requires=(), produces="themes")
def extract_themes(ctx: Context) -> list[Theme]:
    """Themes of the article (data/themes.tsv), each with every span that evidences it."""
    return match_themes(ctx.doc)
