"""Normalising a matched expression into a TIMEX3 value against the anchor (the publication date):
numbers written in words, ISO 8601 durations, calendar arithmetic, modifiers (``early`` -> START,
``about`` -> APPROX), the side of the anchor a weekday falls on (``weekday_toward``, ``tense_side``: also
the event coder's rule for a weekday heading), and the ``Resolver`` that places a month, day or weekday
before or after the anchor by modifier and tense."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from .grammar import Grammar
from .tense import Tense

__all__ = ["Cand", "Handler", "Resolver", "Side", "add_months", "edge_mod", "fmt_num", "iso_duration", "iso_week",
           "last_weekday", "norm", "nth_weekday", "parse_number", "pre_mod", "quarter_of", "tense_side",
           "weekday_toward"]


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def parse_number(s: str | None, g: Grammar) -> float | None:
    """A number written in digits or words; None when vague ("several")."""
    if s is None:
        return None
    s = norm(s)
    if s in g.vague:
        return None
    m = re.match(r"(.+?)\s+(?:or|to|and)\s+(.+)", s)
    if m:
        return parse_number(m.group(2), g)
    if s.endswith(" 1/2"):
        s = s[:-4]
        base = parse_number(s, g)
        return base + 0.5 if base is not None else None
    try:
        return float(s.replace(",", ""))
    except ValueError:
        pass
    if s in g.numbers:
        return float(g.numbers[s])
    total = 0.0
    for part in re.split(r"[-\s]+", s):
        if part not in g.numbers:
            return None
        total += g.numbers[part]
    return total


def fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def iso_duration(n: float | None, unit_code: str) -> str:
    """ISO 8601 duration: (2, "Y") -> P2Y; (1, "H") -> PT1H; unknown count -> PXY."""
    if unit_code == "2W":
        unit_code, n = "W", (n or 1) * 2 if n is not None else None
    if unit_code == "DE":
        return f"P{fmt_num(n * 10)}Y" if n is not None else "PXE"
    if unit_code == "CE":
        return f"P{fmt_num(n * 100)}Y" if n is not None else "PXC"
    if n is not None and n != int(n):
        whole = int(n)
        if unit_code == "Y":
            return f"P{whole}Y{int((n - whole) * 12)}M" if whole else f"P{int(n * 12)}M"
        if unit_code == "M":
            return f"P{whole}M{int((n - whole) * 30)}D" if whole else f"P{int(n * 30)}D"
        if unit_code == "H":
            return f"PT{whole}H{int((n - whole) * 60)}M" if whole else f"PT{int(n * 60)}M"
        if unit_code == "D":
            return f"P{whole}DT{int((n - whole) * 24)}H" if whole else f"PT{int(n * 24)}H"
        if unit_code == "MIN":
            return f"PT{whole}M{int((n - whole) * 60)}S" if whole else f"PT{int(n * 60)}S"
    count = fmt_num(n) if n is not None else "X"
    if unit_code in ("H", "MIN", "S"):
        return f"PT{count}{'M' if unit_code == 'MIN' else unit_code}"
    return f"P{count}{unit_code}"


def add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, 28))


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def nth_weekday(year: int, month: int, nth: str, wd: int) -> date:
    if nth == "last":
        d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        while d.isoweekday() != wd:
            d -= timedelta(days=1)
        return d
    order = {"first": 0, "second": 1, "third": 2, "fourth": 3}[nth]
    d = date(year, month, 1)
    while d.isoweekday() != wd:
        d += timedelta(days=1)
    return d + timedelta(weeks=order)


Side = Literal["before", "after", "on_or_before", "on_or_after"]


def weekday_toward(wd: int, anchor: date, side: Side) -> date:
    """The day of ISO weekday ``wd`` (1 = Monday) nearest ``anchor`` on ``side`` of it: "before" / "after" (a
    week back or ahead when ``anchor`` is that weekday: "last Friday", "next Friday"), "on_or_before" /
    "on_or_after" (``anchor`` itself when it is that weekday: "Friday" told in the past or the future)."""
    back, ahead = (anchor.isoweekday() - wd) % 7, (wd - anchor.isoweekday()) % 7
    if side == "before":
        return anchor - timedelta(days=back or 7)
    if side == "after":
        return anchor + timedelta(days=ahead or 7)
    if side == "on_or_before":
        return anchor - timedelta(days=back)
    return anchor + timedelta(days=ahead)


def last_weekday(wd: int, anchor: date) -> date:
    """"Last <weekday>" told on ``anchor``: that weekday of the ISO week before the anchor's, as "last week" is that
    week ("last Monday" in a Wednesday story is the Monday nine days before, not two: a day of the current week is
    named bare, "on Monday"); told on a Sunday, the weekday of the week that ends that day, as "last week" is then
    (``handlers``), which is the nearest one before it.  "This past <weekday>" is always the nearest one before."""
    if anchor.isoweekday() == 7:
        return weekday_toward(wd, anchor, "before")
    return anchor - timedelta(days=anchor.isoweekday() - 1 + 7) + timedelta(days=wd - 1)


def tense_side(tense: str | None) -> Side | None:
    """The side of the anchor a bare weekday told in ``tense`` lies on: on or after it for the present and
    the future ("the council votes on Tuesday"), on or before it for the past; None for no tense."""
    if tense in ("present", "future"):
        return "on_or_after"
    return "on_or_before" if tense == "past" else None


_EDGE_MOD = {"early": "START", "beginning": "START", "start": "START", "late": "END", "end": "END",
             "mid": "MID", "middle": "MID", "earlier": "START", "later": "END"}


def edge_mod(s: str | None) -> str | None:
    if not s:
        return None
    for k, v in _EDGE_MOD.items():
        if k in s.lower():
            return v
    return None


_PRE_MOD = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
            "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less": "LESS_THAN",
            "fewer": "LESS_THAN", "under": "LESS_THAN", "up": "EQUAL_OR_LESS", "most": "EQUAL_OR_LESS",
            "more": "MORE_THAN", "over": "MORE_THAN", "least": "EQUAL_OR_MORE"}


def pre_mod(s: str | None) -> str | None:
    if not s:
        return None
    for w in re.findall(r"[a-z]+", s.lower()):
        if w in _PRE_MOD:
            return _PRE_MOD[w]
    return None


@dataclass
class Cand:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    rule: str = ""


Handler = Callable[[re.Match[str], "Resolver"], "tuple[str, str, str | None] | None"]


class Resolver:
    """Turns a match of one grammar rule into (type, value, mod), given the anchor and the tense."""

    def __init__(self, text: str, anchor: date | None, tense: Tense, g: Grammar,
                 surnames: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.anchor = anchor
        self.tense = tense
        self.g = g
        self.surnames = surnames  # lower-case surnames of the article's people ("may" of "Theresa May")
        self.m: re.Match[str] | None = None
        self._shift = 0  # characters to drop from the start of the current match ("in the year")

    # -- shared pieces
    def tense_here(self) -> str | None:
        assert self.m is not None
        return self.tense.at(self.m.start(), self.m.end())

    def month_of(self, s: str) -> int:
        return self.g.months[s.rstrip(".").lower()]

    def year_of(self, s: str) -> int:
        if s.startswith("'"):
            y = int(s[1:])
            return 1900 + y if y > 30 else 2000 + y
        return int(s)

    def _year_for(self, month: int, day: int, rel: str | None) -> int:
        """The year that puts month/day nearest the anchor, within a window set by modifier and tense."""
        a = self.anchor
        assert a is not None
        r = norm(rel or "")
        if r in ("this",):
            return a.year
        if r in ("last", "this past"):
            lo, hi = -400, -1
        elif r in ("next", "this coming"):
            lo, hi = 1, 400
        else:
            t = self.tense_here()
            lo, hi = {"past": (-330, 120), "future": (-120, 330)}.get(t or "", (-240, 180))
        for y in (a.year, a.year - 1, a.year + 1):
            try:
                d = date(y, month, min(day, 28) if day else 15)
            except ValueError:
                continue
            diff = (d - a).days
            if day == 0 and d.month == a.month and y == a.year:
                if r in ("last", "this past"):
                    continue
                if r in ("next", "this coming"):
                    continue
                return y
            if lo <= diff <= hi:
                return y
        return a.year

    def place_month(self, month: int, rel: str | None) -> str:
        if self.anchor is None:
            return f"XXXX-{month:02d}"
        return f"{self._year_for(month, 0, rel):04d}-{month:02d}"

    def place_day(self, month: int, day: int) -> str:
        if self.anchor is None:
            return f"XXXX-{month:02d}-{day:02d}"
        return f"{self._year_for(month, day, None):04d}-{month:02d}-{day:02d}"

    def weekday(self, wd: int, rel: str | None) -> str:
        """A weekday placed by its modifier ("last", "next"), else by the tense (``tense_side``; no tense: the
        past), the anchor itself when it is that weekday."""
        a = self.anchor
        r = norm(rel or "")
        if a is None:
            return f"XXXX-WXX-{wd}"
        if r == "last":
            return last_weekday(wd, a).isoformat()
        if r == "this past":
            side: Side = "before"
        elif r in ("next", "this coming"):
            side = "after"
        elif wd == a.isoweekday():
            return a.isoformat()
        else:
            side = tense_side(self.tense_here()) or "on_or_before"
        return weekday_toward(wd, a, side).isoformat()

    def shifted(self, n: float | None, unit: str, sign: int) -> str:
        a = self.anchor
        if n is None:
            return "PAST_REF" if sign < 0 else "FUTURE_REF"
        if a is None:
            return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX"}.get(unit, "XXXX-XX-XX")
        k = int(n) if n == int(n) else n
        if unit == "Y":
            return str(a.year + sign * int(k))
        if unit == "DE":
            return str((a.year + sign * int(k) * 10) // 10)
        if unit == "CE":
            return str((a.year + sign * int(k) * 100) // 100)
        if unit == "M":
            return add_months(a, sign * int(k)).isoformat()[:7]
        if unit == "Q":
            d = add_months(a, sign * 3 * int(k))
            y, q = quarter_of(d)
            return f"{y}-Q{q}"
        if unit in ("W", "2W"):
            weeks = int(k) * (2 if unit == "2W" else 1)
            return iso_week(a + timedelta(weeks=sign * weeks))
        if unit == "D":
            return (a + timedelta(days=sign * float(k))).isoformat()
        if unit in ("H", "MIN", "S"):
            return a.isoformat()
        return a.isoformat()
