"""The stage ``timexes.v1``: scan the text with every grammar rule, keep the longest non-overlapping
matches, normalise them, fill in values that depend on earlier expressions (the quarter a report
is about) and mark the expressions that bound a span ("since 1952": ``bounds``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from ...isodate import leading_day
from ...model import Entity, Span, Timex
from ...registry import Context, stage
from ..regex_gate import GatedPattern
from .bounds import mark_bounds
from .grammar import load_grammar
from .handlers import HANDLERS
from .normalise import Cand, Resolver, quarter_of
from .tense import Tense

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_timexes", "find_timexes"]

_TYPES = ("DATE", "TIME", "DURATION", "SET")


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest matches first, then leftmost; no two kept candidates overlap."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[tuple[int, int]] = []
    out: list[Cand] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        out.append(c)
    out.sort(key=lambda c: c.start)
    return out


def _resolve_discourse(cands: list[Cand], text: str, anchor: date | None) -> None:
    """Fill in values that depend on earlier expressions (the quarter a report is about)."""
    if anchor is None:
        for c in cands:
            if c.value.startswith("@QOFYEAR:"):
                c.value = c.value.split(":")[1]
            elif c.value.startswith("@"):
                c.value = "XXXX-QX" if c.value == "@QUARTER" else "XXXX"
        return
    # The quarter the article reports on: the one it names most often (first one on a tie), else the
    # last completed quarter before the anchor.
    y, q = quarter_of(anchor)
    main_q = f"{y}-Q{q - 1}" if q > 1 else f"{y - 1}-Q4"
    named = [c.value for c in cands if re.fullmatch(r"\d{4}-Q\d", c.value)]
    if named:
        counts = Counter(named)
        main_q = max(named, key=lambda v: (counts[v], -named.index(v)))
    seen_quarter = False
    for c in cands:
        if re.fullmatch(r"\d{4}-Q\d", c.value):
            seen_quarter = True
        elif c.value == "@QUARTER":
            c.value = main_q
        elif c.value.startswith("@QOFYEAR:"):
            c.value = f"{c.value.split(':')[1]}-Q{main_q[-1]}"  # "the 1988 period": that year's same quarter
        elif c.value == "@YEARAGO":
            s0 = text.rfind(".", 0, c.start)
            s1 = text.find(".", c.end)
            sent = text[s0 + 1:s1 if s1 >= 0 else len(text)].lower()
            if seen_quarter or "quarter" in sent or re.search(r"\bperiod\b", sent):
                yy, qq = main_q.split("-Q")
                c.value = f"{int(yy) - 1}-Q{qq}"
            else:
                c.value = str(anchor.year - 1)


@lru_cache(maxsize=1)
def _scans() -> tuple[tuple[str, GatedPattern], ...]:
    """The grammar's rules, each with a scan that skips where the rule cannot start (same matches)."""
    return tuple((name, GatedPattern(rx)) for name, rx in load_grammar().rules)


def find_timexes(text: str, anchor: str | None = None, doc: Doc | None = None,
                 people: Sequence[Entity] = ()) -> list[Timex]:
    """Every temporal expression in ``text``, normalised against ``anchor`` (``YYYY-MM-DD…``).
    ``people``: the article's PERSON entities; a month name that is one's surname ("May" of
    "Theresa May") is the month only after a word of time ("in May", "early May"), and no
    expression is found inside a person's mention."""
    g = load_grammar()
    a = leading_day(anchor)
    surnames = frozenset(e.name.split()[-1].lower() for e in people if len(e.name.split()) > 1)
    res = Resolver(text, a, Tense(doc), g, surnames)
    cands: list[Cand] = []
    for name, rx in _scans():
        handler = HANDLERS[name]
        for m in rx.finditer(text):
            if m.end() == m.start():
                continue
            res.m = m
            res._shift = 0
            out = handler(m, res)
            if out is None:
                continue
            typ, value, mod = out
            start = m.start() + res._shift
            end = m.end()
            # trim surrounding whitespace and a trailing period of a non-abbreviation
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                cands.append(Cand(start, end, typ, value, mod, name))
    named = [(mn.start, mn.end) for e in people for mn in e.mentions]
    kept = _select([c for c in cands if not any(s <= c.start and c.end <= e for s, e in named)])
    _resolve_discourse(kept, text, a)
    kept = [c for c in kept if c.type in _TYPES]
    mark_bounds(text, kept)
    anchor_s = a.isoformat() if a else None
    return [Timex(Span.of(text, c.start, c.end), c.type, c.value, c.mod, anchor_s)  # type: ignore[arg-type]
            for c in kept]


@stage("timexes.v1", requires=("entities",), produces="timexes")
def extract_timexes(ctx: Context) -> list[Timex]:
    """Temporal expressions (TIMEX3), normalised against the publication date."""
    pub = ctx.article.published
    anchor = pub.value[:10] if pub is not None and pub.value else None
    people = [e for e in ctx.results.get("entities") or () if e.type == "PERSON"]
    return find_timexes(ctx.article.text, anchor, ctx.doc, people)
