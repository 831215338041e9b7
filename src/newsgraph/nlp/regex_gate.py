"""Faster ``search``/``finditer`` for patterns that can only start on a few characters.

Python's regex engine scans for a match at every position of the text unless the pattern opens
with a plain character class; a pattern that opens with ``\\b`` and a long case-insensitive
alternation (the TIMEX rules, the money patterns) is tried in full at every word boundary.
:class:`GatedPattern` reads from the parsed pattern the set of characters a match can start
with and compiles a second pattern

    ``(?-i:[first characters, and any non-ASCII character])(?<=(?=PATTERN)[\\s\\S])``

which opens with that character class, so the engine skips in C to the next character that
can start a match and then checks the whole pattern there in a look-ahead.  The match itself
is then taken with ``pattern.match`` at that position, so callers get the very
``re.Match`` the plain pattern would have given: same span, same groups.

The rewrite is only used when it is safe: the pattern never matches the empty string (so every
match consumes a first character) and every construct before the first character is one the
analysis knows (literals, classes, groups, alternations, repeats, anchors, look-arounds).
Otherwise the plain pattern is used.  Characters outside ASCII are always let through, so
case-folding corner cases (the Kelvin sign, the long s) cannot be missed.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

__all__ = ["GatedPattern", "first_chars", "gated"]

_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

_ASCII = tuple(chr(i) for i in range(128))


class _Unknown(Exception):
    """A construct the first-character analysis does not handle."""


def _first(items: Any, flags: int, out: list[tuple[Any, Any, int]]) -> bool:
    """Add to ``out`` the (op, argument, flags) items a match of ``items`` can start with.

    Returns True when ``items`` can match without consuming a character (so what follows can
    start the match too).
    """
    for op, av in items:
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue  # zero-width
        if op is _c.LITERAL or op is _c.IN:
            out.append((op, av, flags))
            return False
        if op is _c.SUBPATTERN:
            _group, add, delete, sub = av
            if not _first(sub.data, (flags | add) & ~delete, out):
                return False
        elif op is _c.ATOMIC_GROUP:
            if not _first(av.data, flags, out):
                return False
        elif op is _c.BRANCH:
            nullable = False
            for alt in av[1]:
                nullable = _first(alt.data, flags, out) or nullable
            if not nullable:
                return False
        elif op is _c.MAX_REPEAT or op is _c.MIN_REPEAT or op is _c.POSSESSIVE_REPEAT:
            low, _high, sub = av
            if not _first(sub.data, flags, out) and low > 0:
                return False
        else:
            raise _Unknown(op)
    return True


_CATEGORIES = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


def _one_char(op: Any, av: Any, flags: int) -> re.Pattern[str]:
    """A pattern matching one character exactly as the item (op, av) does under ``flags``."""
    if op is _c.LITERAL:
        body = re.escape(chr(av))
    else:
        parts: list[str] = []
        negate = ""
        for o, a in av:
            if o is _c.NEGATE:
                negate = "^"
            elif o is _c.LITERAL:
                parts.append(re.escape(chr(a)))
            elif o is _c.RANGE:
                parts.append(f"{re.escape(chr(a[0]))}-{re.escape(chr(a[1]))}")
            elif o is _c.CATEGORY and getattr(a, "name", "") in _CATEGORIES:
                parts.append(_CATEGORIES[a.name])
            else:
                raise _Unknown(o)
        body = f"[{negate}{''.join(parts)}]"
    return re.compile(body, flags & (re.IGNORECASE | re.ASCII | re.UNICODE))


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can start with (any non-ASCII one may too).

    None when the pattern can match the empty string or uses a construct the analysis does not
    know before its first character.
    """
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        if parsed.getwidth()[0] < 1:
            return None
        items: list[tuple[Any, Any, int]] = []
        if _first(parsed.data, parsed.state.flags, items):
            return None
        tests = [_one_char(op, av, fl) for op, av, fl in items]
    except (_Unknown, re.error, ValueError, TypeError):
        return None
    return frozenset(ch for ch in _ASCII if any(t.fullmatch(ch) for t in tests))


class GatedPattern:
    """A compiled pattern with ``search`` and ``finditer`` that skip where no match can start.

    Both return exactly what ``pattern.search`` / ``pattern.finditer`` return (the matches
    come from ``pattern.match``); only positions no match can start at are skipped faster.
    """

    __slots__ = ("_gate", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._gate: re.Pattern[str] | None = None
        chars = first_chars(pattern)
        if chars is None:
            return
        cls = "".join(re.escape(ch) for ch in sorted(chars)) + "\\x80-\\U0010ffff"
        try:
            self._gate = re.compile(f"(?-i:[{cls}])(?<=(?={pattern.pattern})[\\s\\S])", pattern.flags)
        except re.error:  # e.g. global inline flags inside the pattern: keep the plain scan
            self._gate = None

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """``pattern.search(text, pos)``."""
        if self._gate is None:
            return self.pattern.search(text, pos)
        g = self._gate.search(text, pos)
        return None if g is None else self.pattern.match(text, g.start())

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)`` (the pattern never matches empty, so matches follow on)."""
        if self._gate is None:
            yield from self.pattern.finditer(text)
            return
        search, match = self._gate.search, self.pattern.match
        pos = 0
        while True:
            g = search(text, pos)
            if g is None:
                return
            m = match(text, g.start())
            if m is None:  # cannot happen (the gate checked the pattern matches there): plain scan
                yield from self.pattern.finditer(text, g.start())
                return
            yield m
            pos = m.end()


@lru_cache(maxsize=256)
def gated(pattern: re.Pattern[str]) -> GatedPattern:
    """The :class:`GatedPattern` of a compiled pattern, built once per pattern."""
    return GatedPattern(pattern)
