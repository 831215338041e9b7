"""Truecasing of lower-cased and all-caps articles, for the parser only.

Scraped newspaper text often arrives lower-cased ("ahmedabad: police arrested ...") or in capitals;
spaCy's tagger and NER lean on capitals, so such a document gets no entities and a poor parse.  This
module decides whether a text needs truecasing (``casing_mode``) and gives a truecased copy of
*exactly the same length* (``truecase``: only the case of letters changes, character by character),
so every offset into the copy is an offset into the original.

The casing model is ``data/casing.tsv``, built by ``scripts/build_casing.py`` from counts over the
cased news corpora and the package lexicons: the usual casing of each lower-cased word
("ahmedabad" -> "Ahmedabad", "bjp" -> "BJP", "i" -> "I") and of word pairs whose casing differs from
their words' ("new delhi" -> "New Delhi").  On top of it, the first word of each sentence and line
is capitalised, and a police rank abbreviation the table lists ("dgp", "dcp") is written in capitals
("dig", also an ordinary word, only as a title before a name).

How the pipeline uses it (``pipeline.annotate``): when ``casing_mode`` is not ``"cased"``, spaCy
parses the truecased text and the stages read an Article whose ``text`` (and title) is the truecased
copy; the Analysis keeps the original Article, and ``restore_spans`` puts the original characters
back into every ``Span`` and ``Mention`` (evidence is quoted verbatim).  Names (an entity's canonical
name, a place's name, a speaker's name) keep the truecased form, which is what a reader would write.
A normally cased text is returned unchanged (the same object), so its analysis is byte for byte what
it was without this module.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any, Literal, TypeVar

from spacy.lang.en.stop_words import STOP_WORDS

from ..datafiles import tsv_rows

Mode = Literal["cased", "lower", "upper"]
T = TypeVar("T")

_WORD = re.compile(r"[^\W\d_]+")
_SENT_START = re.compile(r"(?:^|[.!?][\"'”’)\]]*\s+|\n\s*)[\"'“‘(\[]*([^\W\d_])")
# thresholds (measured on the cased corpora, where the share of upper-case letters is >= 0.013 and at
# most ~37% of sentences start in lower case, and on scraped lower-case news, where >= 50% do and
# the share of capitals, boilerplate included, stays under 0.03)
LOWER_STARTS = 0.5
LOWER_MAX_CAPS = 0.03
UPPER_MIN_CAPS = 0.6
UPPER_MAX_LOWER_WORDS = 0.05  # CoNLL's all-caps standings tables with one cased sentence have 10-13%
MIN_LETTERS = 20


@dataclasses.dataclass(frozen=True)
class CasingModel:
    """Lower-cased word -> casing (``words``: wherever it stands; ``in_names``: only next to another
    capitalised word); lower-cased pair "a b" -> casing of both words."""

    words: dict[str, str]
    in_names: dict[str, str]
    pairs: dict[tuple[str, str], tuple[str, str]]
    ordinary: frozenset[str] = frozenset()  # written in lower case in cased news
    titles: frozenset[str] = frozenset()  # words a person's name follows ("commissioner", "mr")
    ranks: frozenset[str] = frozenset()  # police rank abbreviations, written in capitals ("dgp" -> "DGP")


@lru_cache(maxsize=1)
def casing_model() -> CasingModel:
    """The shipped model (``data/casing.tsv``), read once per process."""
    words: dict[str, str] = {}
    in_names: dict[str, str] = {}
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    ordinary: set[str] = set()
    titles: set[str] = set()
    ranks: set[str] = set()
    for row in tsv_rows("casing.tsv"):
        if len(row) == 2 and row[0] in ("l", "t", "r"):
            {"l": ordinary, "t": titles, "r": ranks}[row[0]].add(row[1])
            continue
        if len(row) < 3 or len(row[1]) != len(row[2]):
            continue
        kind, low, form = row[0], row[1], row[2]
        if kind == "w":
            words[low] = form
        elif kind == "s":
            in_names[low] = form
        elif kind == "b":
            a, _, b = low.partition(" ")
            fa, _, fb = form.partition(" ")
            pairs[(a, b)] = (fa, fb)
    return CasingModel(words, in_names, pairs, frozenset(ordinary), frozenset(titles), frozenset(ranks))


def casing_mode(text: str) -> Mode:
    """``"lower"`` when most sentences start in lower case and capitals are rare, ``"upper"`` when
    most letters are capitals and hardly any word is written in lower case, else ``"cased"`` (leave
    the text alone)."""
    letters = caps = 0
    for c in text:
        if c.isalpha():
            letters += 1
            caps += c.isupper()
    if letters < MIN_LETTERS:
        return "cased"
    share = caps / letters
    if share >= UPPER_MIN_CAPS:
        # an all-caps text has (almost) no lower-case words; a table of capitalised names with a
        # normally written sentence (sports standings) is a cased text, better left alone
        words = [w for w in _WORD.findall(text) if len(w) > 1]
        if words and sum(w.islower() for w in words) / len(words) < UPPER_MAX_LOWER_WORDS:
            return "upper"
        return "cased"
    starts = [m.group(1) for m in _SENT_START.finditer(text)]
    if starts and share < LOWER_MAX_CAPS and sum(c.islower() for c in starts) / len(starts) >= LOWER_STARTS:
        return "lower"
    return "cased"


def _lower_char(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c


def _upper_char(c: str) -> str:
    up = c.upper()
    return up if len(up) == 1 else c


def truecase(text: str, mode: Mode | None = None, model: CasingModel | None = None) -> str:
    """``text`` with letters recased by the casing model; same length, only case changes.

    ``mode`` defaults to ``casing_mode(text)``; ``"cased"`` returns ``text`` itself.  In ``"lower"``
    mode letters are only raised (capitals already there stay); in ``"upper"`` mode the text is
    lowered first.
    """
    mode = mode or casing_mode(text)
    if mode == "cased":
        return text
    model = model or casing_model()
    chars = list(text)
    if mode == "upper":
        chars = [_lower_char(c) for c in chars]
    base = "".join(chars)
    toks = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(base)]
    toks = [t for t in toks if t[1] - t[0] == len(t[2])]
    n = len(toks)
    joined = [i + 1 < n and toks[i + 1][0] == toks[i][1] + 1 and base[toks[i][1]] == " " for i in range(n)]
    forms: list[str | None] = [model.words.get(w) for _, _, w in toks]
    for i in range(n - 1):  # pairs whose casing differs from their words' ("New Delhi")
        if joined[i] and (pair := model.pairs.get((toks[i][2], toks[i + 1][2]))) is not None \
                and not (_acronym_of_word(pair[1], toks[i + 1][2], model) and (not joined[i + 1] or (
                    toks[i][2] != "the" and toks[i + 2][2] in STOP_WORDS))) \
                and not (_acronym_of_word(pair[0], toks[i][2], model) and toks[i + 1][2] in STOP_WORDS
                         and not (i and joined[i - 1] and toks[i - 1][2] == "the")):
            forms[i], forms[i + 1] = pair
    capital = [(f is not None and f != f.lower()) or any(c.isupper() for c in base[s:e])
               for f, (s, e, _) in zip(forms, toks, strict=True)]
    for _ in range(3):  # words capitalised inside names join a capitalised neighbour ("Gujarat University")
        grew = False
        for i, (_, _, w) in enumerate(toks):
            form = model.in_names.get(w)
            if capital[i] or form is None:
                continue
            if (i and joined[i - 1] and capital[i - 1]) or (joined[i] and capital[i + 1]):
                forms[i], capital[i], grew = form, True, True
        if not grew:
            break
    _name_slots(base, toks, forms, capital, model)
    for i, (_, _, w) in enumerate(toks):
        # a police rank abbreviation in capitals ("dcp sharma said" -> "DCP Sharma"): the parser and the
        # entity recogniser then read a title before a name; one that is also an ordinary word ("dig")
        # only as such a title, before a word raised as a name
        if w in model.ranks and (w not in model.ordinary or (joined[i] and capital[i + 1])):
            forms[i], capital[i] = w.upper(), True
    for i, (st, en, w) in enumerate(toks):
        if w in _MONTH_WORDS and not _date_context(base, st, en):
            forms[i] = None  # "a flag march", "will march": the noun or verb, not the month
    for (s, _, w), form in zip(toks, forms, strict=True):
        if form is not None and len(form) == len(w):
            for k, c in enumerate(form):
                if c.isupper():
                    chars[s + k] = c
    for m in _SENT_START.finditer(base):
        k = m.start(1)
        chars[k] = _upper_char(chars[k])
    out = "".join(chars)
    assert len(out) == len(text), "truecasing must keep every offset"
    return out


def _acronym_of_word(form: str, word: str, model: CasingModel) -> bool:
    """Whether a pair raises an ordinary word to an acronym of the same letters ("on us" -> "on US", as in
    "sanctions on US goods"): the acronym then modifies the next word, so the pair holds only when a word
    follows and that word is no function word; "a shame on us." and "the challenge before us is" keep the
    pronoun, "pressure by the us on" does not (after "the" the acronym holds; a pair that raises its first
    word before a function word, "us is", holds only after "the")."""
    return form.isupper() and len(form) > 1 and word in model.ordinary


# month names that are also ordinary words ("a protest march", "an august body"): raised only in a
# date context, next to a number or after a word that introduces a time ("in march", "last march")
_MONTH_WORDS = frozenset({"march", "august"})
_TIME_INTRO = frozenset({"in", "on", "since", "until", "till", "by", "from", "to", "of", "through",
                         "during", "before", "after", "last", "next", "this", "early", "mid", "late",
                         "end", "between", "and", "or", "within", "throughout", "dated"})
_NUMBER_BEFORE = re.compile(r"\d(?:st|nd|rd|th)?,?\s*$")
_NUMBER_AFTER = re.compile(r"^[\s,]*\d")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s-]*$")


def _date_context(base: str, start: int, end: int) -> bool:
    """Whether the month-like word at ``base[start:end]`` stands in a date: a number next to it
    ("march 15", "15th march", "march 2002") or a time-introducing word before it ("since march")."""
    before = base[max(0, start - 24):start]
    if _NUMBER_BEFORE.search(before) or _NUMBER_AFTER.match(base[end:end + 4]):
        return True
    m = _WORD_BEFORE.search(before)
    return m is None or m.group(1).lower() in _TIME_INTRO


_INITIAL_GAPS = frozenset({" ", ".", ". "})
# the past and present forms of the commonest verbs of saying (the quote cues' "say", "tell", "add", "state")
_SAID = frozenset({"said", "says", "told", "tells", "added", "adds", "stated", "states"})
_MAX_NAME_WORDS = 3


def _name_slots(base: str, toks: list[tuple[int, int, str]], forms: list[str | None], capital: list[bool],
                model: CasingModel) -> None:
    """Capitalise names the casing model cannot know (most Indian names in a lower-cased Indian paper):
    a word that cased news never writes as an ordinary word (``model.ordinary``) and the model gives no
    casing is a name when it follows initials ("m.n. singh", "a k mitra": the initials are raised too)
    or a title ("commissioner raju bhargav", "mr sahney") or a word the model capitalises ("rahul
    sharma": "Rahul" is known from cased news, "sharma" is not); the words of such a name that follow
    are raised with it ("vivek shrivastava"), and so is every other use of a word so raised.  Changes
    ``forms`` and ``capital`` in place."""
    if not model.ordinary:
        return
    n = len(toks)

    def gap(i: int) -> str:
        return base[toks[i][1]:toks[i + 1][0]] if i + 1 < n else "\n"

    def unknown(i: int) -> bool:
        w = toks[i][2]
        return len(w) >= 2 and not capital[i] and forms[i] is None and w not in model.ordinary \
            and w not in model.in_names

    names: set[str] = set()

    def _title_of(i: int) -> bool:
        """Token ``i`` ends a title with an "of" phrase: "superintendent of police", "governor of X"."""
        return i >= 2 and gap(i - 2) == " " and gap(i - 1) == " " and toks[i - 1][2] == "of" \
            and toks[i - 2][2] in model.titles

    def _titled_after(i: int) -> bool:
        """A run of unknown words from ``i`` is followed by a comma and a title within three words:
        "pravin tendulor, deputy commissioner of police" (a name with its post in apposition)."""
        k = i
        while k < n and k - i < _MAX_NAME_WORDS and unknown(k) and (k == i or gap(k - 1) == " "):
            k += 1
        if k == i or gap(k - 1) != ", ":
            return False
        return any(toks[m][2] in model.titles for m in range(k, min(n, k + 3)))

    def _titled_before(i: int) -> bool:
        """A run of unknown words from ``i`` follows a title, a parenthesis or a comma between
        ("deputy commissioner of police (crime), ravi doshi, said", "the commissioner, ravi doshi,
        said"); after a comma the run must close with one too (a name in apposition) or be the subject of
        a verb of saying ("the commissioner, ravi doshi said")."""
        k = i - 1
        if k < 0 or gap(k) not in (", ", ") ", "), "):
            return False
        if gap(k) == ", ":
            end = i
            while end < n and end - i < _MAX_NAME_WORDS and unknown(end) and (end == i or gap(end - 1) == " "):
                end += 1
            if gap(end - 1) != ", " and not (gap(end - 1) == " " and end < n and toks[end][2] in _SAID):
                return False
        if ")" in gap(k):  # back over the parenthesis to the title before it
            while k >= 0 and "(" not in gap(k):
                k -= 1
            if k < 0 or i - k > 6:
                return False
        return toks[k][2] in model.titles or _title_of(k)

    def raise_name(k: int) -> None:
        for j in range(k, min(n, k + _MAX_NAME_WORDS)):
            if j > k and (gap(j - 1) != " " or not unknown(j)):
                break
            if not capital[j]:
                forms[j], capital[j] = toks[j][2].capitalize(), True
                names.add(toks[j][2])

    i = 0
    while i < n:
        j = i  # a run of initials: single letters joined by a space or a full stop
        while j < n and len(toks[j][2]) == 1 and gap(j) in _INITIAL_GAPS:
            j += 1
        run = j - i
        if run and j < n and len(toks[j][2]) >= 2 and not (run == 1 and toks[i][2] in ("a", "i")) \
                and (unknown(j) or capital[j]):
            for k in range(i, j):
                forms[k], capital[k] = toks[k][2].upper(), True
            raise_name(j)
            i = j + 1
            continue
        if gap(i) == " " and i + 1 < n and (
                (toks[i][2] in model.titles and (unknown(i + 1) or forms[i + 1] is not None))
                or (capital[i] and toks[i][2] in model.words and unknown(i + 1))
                or (_title_of(i) and unknown(i + 1))):
            raise_name(i + 1)  # "commissioner raju bhargav", "mr sahney", "Rahul sharma",
            # "superintendent of police vivek varkosh"
        elif unknown(i) and (i == 0 or gap(i - 1) != " " or not unknown(i - 1)) and (
                _titled_after(i) or _titled_before(i)):
            raise_name(i)  # "pravin tendulor, deputy commissioner of police, said", "the dcp (east), ravi doshi,"
        i = max(j, i + 1)
    for i in range(n):  # a name found once is a name wherever else the article uses it ("mitra said")
        if toks[i][2] in names and unknown(i):
            forms[i], capital[i] = toks[i][2].capitalize(), True


def restore_spans(obj: T, text: str) -> T:
    """``obj`` (an Analysis or any part of it) with every Span's and Mention's ``text`` taken from
    ``text`` (the original article text) at its offsets."""
    return _restore(obj, text)  # type: ignore[no-any-return]


def _restore(obj: Any, text: str) -> Any:
    if isinstance(obj, tuple):
        items = tuple(_restore(x, text) for x in obj)
        return obj if all(a is b for a, b in zip(items, obj, strict=True)) else items
    if isinstance(obj, list):
        return [_restore(x, text) for x in obj]
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    changes: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(obj)}
    if {"start", "end", "text"} <= names:
        start, end = obj.start, obj.end  # type: ignore[attr-defined]
        if isinstance(start, int) and isinstance(end, int) and obj.text != text[start:end]:  # type: ignore[attr-defined]
            changes["text"] = text[start:end]
    for f in dataclasses.fields(obj):
        if f.name in changes or f.name == "article":
            continue
        val = getattr(obj, f.name)
        new = _restore(val, text)
        if new is not val:
            changes[f.name] = new
    return dataclasses.replace(obj, **changes) if changes else obj
