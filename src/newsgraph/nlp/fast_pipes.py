"""Faster drop-ins for spaCy's ``attribute_ruler`` and rule ``lemmatizer``: the same output.

In ``en_core_web_sm`` these two components cost about a sixth of the model's time, almost all
of it Python work per token: the attribute ruler runs a ``Matcher`` over the whole Doc to find,
for every token, which of its ~180 rules apply (most map a fine tag to a coarse one), and the
lemmatizer recomputes every token's lemma (spaCy caches only some branches of its rules).
Both results depend on a few attributes of the token only, so each is computed once per distinct
key and then written to the Doc with one array operation:

- attributes: key ``(TAG, LOWER, DEP, IS_SPACE)`` -> the values the rules set, applied in the
  rules' order (a later rule wins, as in spaCy); the few two-token rules are checked where
  their first word occurs.
- lemmas: key ``(ORTH, POS, MORPH)`` -> the stock lemmatizer's own answer for that token
  (English ``is_base_form`` reads only the token's text, POS and morphology).

``nlp.spacy_model.load_nlp`` swaps them in when ``fast_pipes`` holds for the model: the rules use
only the operators handled here, and ``tests/unit/test_fast_pipes.py`` compares every token
attribute with the stock pipeline on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

_READ = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # the token attributes rules test
_WRITE = (POS, MORPH, LEMMA, TAG, DEP)  # the attributes rules set, in the array's column order
Key = tuple[str, str, str, bool]
CACHE_LIMIT = 300_000  # (word, POS, morphology) lemmas kept before the cache starts afresh
Test = Callable[[Key], bool]


class Unsupported(ValueError):
    """A rule uses an operator or attribute this module does not implement (keep spaCy's)."""


def _value_test(col: int, spec: Any) -> Test:
    if isinstance(spec, dict):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda k: k[col] in allowed
        if set(spec) == {"NOT_IN"}:
            banned = frozenset(spec["NOT_IN"])
            return lambda k: k[col] not in banned
        if set(spec) == {"REGEX"}:
            rx = re.compile(spec["REGEX"])
            return lambda k: rx.search(str(k[col])) is not None
        raise Unsupported(f"operator {sorted(spec)}")
    return lambda k: k[col] == spec


def _token_test(spec: dict[str, Any]) -> Test:
    tests = []
    for attr, value in spec.items():
        if attr not in _READ:
            raise Unsupported(f"attribute {attr}")
        tests.append(_value_test(_READ[attr], value))
    return lambda k: all(t(k) for t in tests)


class FastAttributeRuler:
    """spaCy's ``AttributeRuler`` semantics, computed per distinct token key."""

    def __init__(self, name: str = "attribute_ruler") -> None:
        self.name = name
        self._single: list[tuple[int, Test, dict[int, int]]] = []
        self._multi: list[tuple[int, list[Test], int, dict[int, int]]] = []
        self._cache: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._words: set[str] = set()  # lower-case forms some rule tests
        self._regexes: list[re.Pattern[str]] = []
        self._relevant: dict[int, bool] = {}  # LOWER hash -> whether some rule can test it

    def init_from(self, ruler: Any, vocab: Vocab) -> FastAttributeRuler:
        """Take the rules of a loaded ``AttributeRuler`` (raises ``Unsupported`` if one can't be read)."""
        for rule_id, rule in enumerate(ruler.patterns):
            attrs = ruler.attrs[rule_id]
            if not set(attrs) <= set(_WRITE):
                raise Unsupported(f"sets {sorted(attrs)}")
            index = ruler.indices[rule_id]
            for pattern in rule["patterns"]:
                if any("OP" in tok for tok in pattern):
                    raise Unsupported("quantifier")
                tests = [_token_test(tok) for tok in pattern]
                self._note_words(pattern)
                if len(pattern) == 1:
                    if index not in (0, -1):
                        raise Unsupported("index")
                    self._single.append((rule_id, tests[0], dict(attrs)))
                else:
                    self._multi.append((rule_id, tests, index, dict(attrs)))

        return self

    def _note_words(self, pattern: Sequence[dict[str, Any]]) -> None:
        """Remember which lower-case forms any rule tests, so that other words share one cache key."""
        for spec in pattern:
            lower = spec.get("LOWER")
            if isinstance(lower, str):
                self._words.add(lower)
            elif isinstance(lower, dict) and set(lower) == {"IN"}:
                self._words.update(lower["IN"])
            elif isinstance(lower, dict) and set(lower) == {"REGEX"}:
                self._regexes.append(re.compile(lower["REGEX"]))
            elif lower is not None:
                raise Unsupported(f"LOWER {lower}")

    def _reduced(self, row: list[int], strings: Any) -> tuple[int, ...]:
        """The row with LOWER replaced by 0 when no rule can tell that word from any other."""
        lower = row[1]
        keep = self._relevant.get(lower)
        if keep is None:
            text = strings[lower]
            keep = self._relevant[lower] = text in self._words or any(rx.search(text) for rx in self._regexes)
        return tuple(row) if keep else (row[0], 0, *row[2:])

    def _entry(self, key: tuple[int, ...], strings: Any) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(new attribute values, multi-token rules that may start here) for a reduced key."""
        k = self._key(key, strings)
        sets: dict[int, int] = {}
        for _, test, attrs in self._single:
            if test(k):
                sets.update(attrs)
        new = tuple(sets.get(a, key[4 + c]) for c, a in enumerate(_WRITE))
        starts = tuple(r for r, (_, tests, _, _) in enumerate(self._multi) if tests[0](k))
        return new, starts

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        strings = doc.vocab.strings
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE, *_WRITE]).tolist()
        cache = self._cache
        keys = [self._reduced(row, strings) for row in rows]
        out = []
        starts: list[tuple[int, int]] = []
        for i, key in enumerate(keys):
            entry = cache.get(key)
            if entry is None:
                entry = cache[key] = self._entry(key, strings)
            out.append(entry[0])
            if entry[1]:
                starts.extend((i, r) for r in entry[1])
        if starts:
            self._apply_multi(starts, keys, out, strings)
        values: Any = np.array(out, dtype=np.uint64)
        doc.from_array(list(_WRITE), values)
        return doc

    @staticmethod
    def _key(row: Sequence[int], strings: Any) -> Key:
        return (strings[row[0]], strings[row[1]] if row[1] else "", strings[row[2]], bool(row[3]))

    def _apply_multi(self, starts: list[tuple[int, int]], keys: list[tuple[int, ...]],
                     out: list[tuple[int, ...]], strings: Any) -> None:
        """Where a multi-token rule matches, redo the token's attributes with every rule in order."""
        hits: dict[int, list[tuple[int, dict[int, int]]]] = {}
        for start, r in starts:
            rid, tests, index, attrs = self._multi[r]
            width = len(tests)
            if start + width > len(keys):
                continue
            if all(t(self._key(keys[start + j], strings)) for j, t in enumerate(tests)):
                target = start + (index if index >= 0 else width + index)
                hits.setdefault(target, []).append((rid, attrs))
        for i, extra in hits.items():
            key = self._key(keys[i], strings)
            single = [(rid, attrs) for rid, test, attrs in self._single if test(key)]
            pairs: dict[int, int] = {}
            for _, attrs in sorted(single + extra, key=lambda p: p[0]):
                pairs.update(attrs)
            out[i] = tuple(pairs.get(a, keys[i][4 + c]) for c, a in enumerate(_WRITE))


class FastLemmatizer:
    """A rule lemmatizer's answers, memoised on (ORTH, POS, MORPH) and written in one array call."""

    def __init__(self, name: str = "lemmatizer") -> None:
        self.name = name
        self._stock: Any = None
        self._cache: dict[tuple[int, int, int], int] = {}

    def init_from(self, lemmatizer: Any) -> FastLemmatizer:
        if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
            raise Unsupported("only a rule lemmatizer that does not overwrite")
        self._stock = lemmatizer
        # spaCy's rule lemmatizer tests ``form in index`` on word lists (57,528 nouns): the same
        # membership as a set answers in constant time.  Only this pipeline's copy is changed.
        if lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index.keys()):
                if isinstance(index[pos], list):
                    index[pos] = frozenset(index[pos])
        return self

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        cache, strings = self._cache, doc.vocab.strings
        lemmas = []
        for i, row in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if row[3]:
                lemmas.append(row[3])
                continue
            key = (row[0], row[1], row[2])
            value = cache.get(key)
            if value is None:
                if len(cache) >= CACHE_LIMIT:  # memory that does not grow over millions of articles
                    cache.clear()
                    self._stock.cache.clear()
                value = cache[key] = strings.add(self._stock.lemmatize(doc[i])[0])
            lemmas.append(value)
        column: Any = np.array(lemmas, dtype=np.uint64)
        doc.from_array([LEMMA], column)
        return doc


@Language.factory("newsgraph_attribute_ruler")
def _attribute_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(name)


@Language.factory("newsgraph_lemmatizer")
def _lemmatizer(nlp: Language, name: str) -> FastLemmatizer:
    return FastLemmatizer(name)


def use_fast_pipes(nlp: Language) -> list[str]:
    """Replace the stock attribute ruler and rule lemmatizer by the drop-ins above, where their
    rules are all readable here; returns the names replaced (the rest stay spaCy's)."""
    builds: dict[str, tuple[str, Callable[[Any], Any]]] = {
        "attribute_ruler": ("newsgraph_attribute_ruler", lambda old: FastAttributeRuler().init_from(old, nlp.vocab)),
        "lemmatizer": ("newsgraph_lemmatizer", lambda old: FastLemmatizer().init_from(old)),
    }
    done = []
    for name, (factory, build) in builds.items():
        if name not in nlp.pipe_names:
            continue
        try:
            fast = build(nlp.get_pipe(name))
        except Unsupported:
            continue
        nlp.replace_pipe(name, factory).__dict__.update(fast.__dict__)  # the new component, in place
        done.append(name)
    return done
