"""Amounts: money, percentages, counts and quantities, with what they measure.

``extract_amounts`` (stage ``amounts.v1``) finds

- money: a currency symbol or code before a number (``$240.1 billion``, ``US$5bn``, ``€3m``) or a
  currency name after it (``240 billion yuan``); scale words (thousand, million, billion, trillion,
  bn, m, tn, k) multiply the value; the unit is an ISO 4217 code from ``data/currencies.tsv``;
- percentages: ``26%``, ``26 percent``, ``26 per cent`` (unit ``PERCENT``) and percentage points
  (unit ``PERCENTAGE_POINT``);
- quantities: a number before a unit of measure (``5 million barrels``, ``300 km``), unit = its lemma;
- counts: a number governing a noun (``at least 12 people``, ``two countries``), unit = the noun's lemma.

A leading modifier (``at least``, ``about``, ``more than`` ...) belongs to the span; a range
(``$10-12 billion``, ``between 10 and 20 people``) takes its lower bound as the value.  Each amount
also gets, from the dependency parse, the thing it measures (``Trade between the two countries``),
the date of its clause (the temporal expression the clause layer gives that clause, from the
``timexes`` stage, which must run first; a bare year otherwise) and its source (``according to
Chinese customs data``).  Everything is regexes compiled once plus a walk over the parse: no
per-article loading.

The words and patterns live in ``amount_grammar``, the reading of measure, date and source in
``amount_context``; this module finds the amounts and is the stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Literal

from ..model import Amount, Span
from ..registry import Context, stage
from .amount_context import amount_date, amount_measure, amount_root, amount_source, dated_timexes
from .amount_grammar import (
    MEASURE_UNITS,
    MOD_BEFORE,
    MULTIPLIERS,
    NOT_NOUNS,
    SCALES,
    VAGUE,
    WORD_NUMBERS,
    YEAR,
    currencies,
    percent_re,
)
from .regex_gate import gated
from .spacy_model import doc_text, tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Kind = Literal["money", "percent", "count", "quantity"]

_CENTS = re.compile(r"\s+(?:cents?|pence)\b", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:\S+\s+)?\Z", re.IGNORECASE)


def _matches(pats: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> Iterable[re.Match[str]]:
    """Matches of the ranged pattern; 'from X to Y' gives X and Y apart (a change, not a range)."""
    ranged, single = pats
    search = gated(ranged).search  # the same matches, skipping where none can start
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return
        ranged_match = "num2" in m.re.groupindex and m.group("num2")
        sep = f" {text[m.end('num'):m.start('num2')]} " if ranged_match else ""
        if " to " in sep and _FROM_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            m1 = single.match(text, m.start())
            if m1 is not None:
                yield m1
                pos = max(m1.end(), m.start() + 1)
                continue
        yield m
        pos = m.end()


def _to_number(s: str) -> Decimal | None:
    """'1,200.5' -> 1200.5, 'twenty-five' -> 25, 'two' -> 2."""
    s = s.strip().lower()
    try:
        return Decimal(s.replace(",", "").lstrip("+"))
    except InvalidOperation:
        pass
    total = 0
    for part in re.split(r"[- ]+", s):
        if part in WORD_NUMBERS:
            total += WORD_NUMBERS[part]
        else:
            return None
    return Decimal(total)


def _scaled(num: str, scale: str | None) -> Decimal | None:
    n = _to_number(num)
    if n is None:
        return None
    if scale:
        n *= SCALES[scale.lower()]
    return n


def _plain(value: Decimal) -> float:
    """A Decimal as an int when integral (240100000000), else a float."""
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class _Found:
    start: int
    end: int
    value: Decimal
    unit: str | None
    kind: Kind


def _glued_scale(m: re.Match[str], num: str, scale: str) -> str | None:
    """The scale word after group ``num``; a one-letter scale ("5m") only when glued to the number."""
    if scale not in m.re.groupindex or num not in m.re.groupindex:
        return None
    sc = m.group(scale)
    if not sc or not m.group(num):
        return None
    if len(sc) == 1 and m.start(scale) != m.end(num):
        return None
    return sc


def _find_money(text: str) -> list[_Found]:
    cur = currencies()
    out: list[_Found] = []
    chinese = "yuan" in text or "China" in text or "Chinese" in text
    for m in _matches(cur.prefix, text):
        scale = _glued_scale(m, "num", "scale")
        scale2 = _glued_scale(m, "num2", "scale2")
        value = _scaled(m.group("num"), scale or scale2)
        if value is None:
            continue
        symbol = m.group("cur")
        code = cur.by_symbol.get(symbol) or cur.by_symbol.get(symbol.upper(), "USD")
        if symbol == "¥" and chinese:
            code = "CNY"
        if "num2" in m.re.groupindex and m.group("num2"):
            end = m.end("scale2") if scale2 else m.end("num2")
        else:
            end = m.end("scale") if scale else m.end("num")
        start = m.start("mod") if m.group("mod") else m.start("cur")
        out.append(_Found(start, end, value, code, "money"))
    taken = [(f.start, f.end) for f in out]
    for m in _matches(cur.suffix, text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        name = re.sub(r"\s+", " ", m.group("name")).lower()
        scale = _glued_scale(m, "num", "scale") or _glued_scale(m, "num2", "scale2")
        value = _scaled(m.group("num"), scale)
        if value is None:
            continue
        if name in cur.ambiguous and not scale and value < 1000:
            continue
        start = m.start("mod") if m.group("mod") else m.start("num")
        end = m.end()
        cents = _CENTS.match(text, end)
        if cents:  # "22 euro cents"
            value, end = value / 100, cents.end()
        out.append(_Found(start, end, value, cur.by_name[name], "money"))
    return out


def _find_percents(text: str, taken: list[tuple[int, int]]) -> list[_Found]:
    out: list[_Found] = []
    for m in _matches(percent_re(), text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        value = _to_number(m.group("num"))
        if value is None:
            continue
        unit = "PERCENTAGE_POINT" if "point" in m.group("unit").lower() else "PERCENT"
        start = m.start("mod") if m.group("mod") else m.start("num")
        out.append(_Found(start, m.end(), value, unit, "percent"))
    return out


def _count_value(words: Sequence[str]) -> Decimal | None:
    """Value of a number phrase: '12', '1,200', 'twenty-five', 'three hundred', '2.5 million'."""
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for w in words:
        if w in ("-", "and"):
            continue
        if w in MULTIPLIERS:
            current = (current or Decimal(1)) * MULTIPLIERS[w]
            if MULTIPLIERS[w] >= 1000:
                total += current
                current = Decimal(0)
            seen = True
            continue
        n = _to_number(w)
        if n is None:
            return None
        current += n
        seen = True
    return total + current if seen else None


_NOT_COUNTED = frozenset({"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"})
_NOT_NUMBERS = frozenset({"TIME", "ORDINAL", "MONEY", "PERCENT"})  # a DATE number may count ("10 people")


def _is_number_token(t: Token) -> bool:
    low = t.lower_
    if low in ("a", "an", "half"):
        return False
    if low == "one":
        return False  # "one of the", "one reason": a count of one is rarely a fact worth keeping
    return bool(t.like_num) or low in WORD_NUMBERS or low in MULTIPLIERS


def _joins(prev: Token, nxt: Token) -> bool:
    """Whether number token ``nxt`` continues the number phrase ending in ``prev`` ("2.5 million")."""
    if not _is_number_token(nxt):
        return False
    if nxt.lower_ in MULTIPLIERS:
        return True
    return prev.lower_ in WORD_NUMBERS or (prev.lower_ in MULTIPLIERS and not nxt.text[0].isdigit())


def _find_counts(doc: Doc, taken: list[tuple[int, int]]) -> list[tuple[_Found, Token]]:
    """Counts and quantities: a number governing (or quantifying) a noun."""
    out: list[tuple[_Found, Token]] = []
    i = 0
    n = len(doc)
    toks = tokens(doc)
    while i < n:
        t = toks[i]
        vague = _vague_at(doc, i, toks)
        if vague is not None:
            _add_count(doc, i, vague[1], vague[2], taken, out)
            i = vague[0]
            continue
        if not _is_number_token(t) or t.ent_type_ in _NOT_NUMBERS:
            i += 1
            continue
        j = i + 1
        while j < n:
            if _joins(doc[j - 1], doc[j]):
                j += 1
            elif ((doc[j].text == "-" and doc[j - 1].lower_ in WORD_NUMBERS)
                  or (doc[j].lower_ == "and" and doc[j - 1].lower_ in MULTIPLIERS)) \
                    and j + 1 < n and _joins(doc[j - 1], doc[j + 1]):
                j += 2
            else:
                break
        nums = doc[i:j]
        if j + 1 < n and doc[j].text in ("-", "–", "/", ":") and doc[j + 1].text[:1].isdigit():
            i = j + 2  # a score, a ratio or a time: "5-1", "24/7", "3:2"
            continue
        if any(tok.ent_type_ in _NOT_NUMBERS for tok in nums) or (j - i == 1 and YEAR.match(t.text)):
            i = j
            continue
        noun = _counted_noun(doc, i, j)
        value = _count_value([tok.lower_ for tok in nums]) if noun is not None else None
        if noun is not None and value is not None:
            _add_count(doc, i, value, noun, taken, out)
        i = j
    return out


def _vague_at(doc: Doc, i: int, toks: list[Token]) -> tuple[int, Decimal, Token] | None:
    """'thousands of people' at token i: (index after the phrase, least value, the noun 'people')."""
    low = toks[i].lower_
    if low not in VAGUE and low != "tens":
        return None
    j = i + 1
    phrase = doc[i].lower_
    if j + 2 < len(doc) and doc[j].lower_ == "of" and doc[j + 1].lower_ == "thousands":
        phrase = f"{phrase} of thousands"
        j += 2
    if phrase not in VAGUE or j >= len(doc) or doc[j].lower_ != "of":
        return None
    obj = next((c for c in doc[j].children if c.dep_ == "pobj"), None)
    if obj is None or obj.i - j > 5 or obj.pos_ not in ("NOUN", "PROPN") or obj.lemma_.lower() in NOT_NOUNS \
            or obj.ent_type_ in _NOT_COUNTED:
        return None
    return obj.i + 1, Decimal(VAGUE[phrase]), obj


def _counted_noun(doc: Doc, i: int, j: int) -> Token | None:
    """The noun a number phrase doc[i:j] counts, or None (a bare number, a year, a code)."""
    last = doc[j - 1]
    head = last.head
    if i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].whitespace_ != "":
        return None  # a model number: "PlayStation 3 chips", "Boeing 737 jets"
    if j < len(doc) and doc[j].lower_ in MEASURE_UNITS:
        return doc[j]  # "2 GB phones": the unit is what is measured
    if head.i >= j and (head.pos_ == "NOUN" or head.tag_ == "NNPS") and head.i - j <= 4 and last.dep_ in (
            "nummod", "quantmod", "compound", "amod", "nmod"):
        noun = head
    elif j < len(doc) and doc[j].pos_ == "NOUN":
        noun = doc[j]
    else:
        return None
    if noun.lemma_.lower() in NOT_NOUNS or noun.lower_ in NOT_NOUNS or noun.ent_type_ in _NOT_COUNTED:
        return None
    if i > 0 and doc[i - 1].text in ("#", "No.", "no.", "No", "number", "Number"):
        return None
    if any(doc[k].is_punct and doc[k].text not in ("-",) for k in range(j, noun.i)):
        return None
    return noun


def _add_count(doc: Doc, i: int, value: Decimal, noun: Token, taken: list[tuple[int, int]],
               out: list[tuple[_Found, Token]]) -> None:
    text = doc_text(doc)
    if i > 0 and doc[i - 1].lower_ in ("a", "an") and doc[i].lower_ in MULTIPLIERS:
        i -= 1  # "a million people"
    start = doc[i].idx
    end = noun.idx + len(noun.text)
    if any(s < end and start < e for s, e in taken):
        return
    m = MOD_BEFORE.search(text, max(0, start - 30), start)
    if m:
        start = m.start()
    lemma = noun.lemma_.lower() if noun.pos_ == "NOUN" else noun.text
    currency = currencies().by_name.get(noun.lower_)
    weight = noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ == "of"  # "300 pounds of sugar"
    unit = MEASURE_UNITS.get(noun.lower_) or MEASURE_UNITS.get(lemma)
    kind: Kind = "quantity" if unit else "count"
    if currency and not weight:
        unit, kind = currency, "money"
    taken.append((start, end))
    out.append((_Found(start, end, value, unit or lemma, kind), noun))



@stage("amounts.v1", requires=("timexes",), produces="amounts")
def extract_amounts(ctx: Context) -> list[Amount]:
    """Money, percentages, counts and quantities, each with what it measures, its date and source."""
    doc = ctx.doc
    text = doc_text(doc)
    found = _find_money(text)
    taken = [(f.start, f.end) for f in found]
    found += _find_percents(text, taken)
    taken = [(f.start, f.end) for f in found]
    nouns: dict[int, Token] = {}
    for f, noun in _find_counts(doc, taken):
        found.append(f)
        nouns[f.start] = noun
    timexes = dated_timexes(ctx.results.get("timexes"))
    out: list[Amount] = []
    for f in sorted(found, key=lambda x: x.start):
        root = amount_root(doc, f.start, f.end)
        measure = date = source = None
        if root is not None:
            if f.kind == "count" and f.start in nouns:
                root = nouns[f.start]
            if f.kind != "count":
                measure = amount_measure(doc, root, f.start, f.end, text)
            date = amount_date(doc, root, timexes)
            source = amount_source(doc, root, text)
        out.append(Amount(Span(f.start, f.end, text[f.start:f.end]), _plain(f.value), f.unit, f.kind,
                          measure, date, source))
    return out
