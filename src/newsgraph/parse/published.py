"""Publication dates written in many ways -> ISO values with a precision."""

from __future__ import annotations

import re
from datetime import date

from ..model import Published

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MON = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?" \
       r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME = r"(?:[ T,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_PATTERNS = [
    # 2024-02-08, 2024-02-08T15:00:00Z, 2024/02/08
    ("ymd", re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})" + _TIME, re.I)),
    ("ymd", re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})?)?\s*$")),
    # February 08, 2024 / Feb. 8 2024 / Thursday, February 8, 2024
    ("mdy", re.compile(r"^\s*(?:[a-z]+day,?\s+)?" + _MON + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})" + _TIME, re.I)),
    # 8 February 2024
    ("dmy", re.compile(r"^\s*(?:[a-z]+day,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(\d{4})" + _TIME, re.I)),
    # February 2024
    ("my", re.compile(r"^\s*" + _MON + r",?\s+(\d{4})\s*$", re.I)),
    ("ym", re.compile(r"^\s*(\d{4})[-/](\d{1,2})\s*$")),
    ("y", re.compile(r"^\s*(\d{4})\s*$")),
]


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1800 <= y <= 2200


def parse_date(text: str | None, *, source: str = "input") -> Published | None:
    """Parse a date string ("2024-02-08", "20240208", "February 08, 2024", ISO 8601 with time)."""
    if not text:
        return None
    s = str(text).strip()
    if len(s) > 80:
        return None
    for kind, rx in _PATTERNS:
        m = rx.match(s)
        if not m:
            continue
        g = m.groups()
        if kind == "ymd":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
            hh, mm = g[3], g[4]
        elif kind == "mdy":
            mo, d, y = MONTHS[g[0].lower().rstrip(".")], int(g[1]), int(g[2])
            hh, mm = g[3], g[4]
        elif kind == "dmy":
            d, mo, y = int(g[0]), MONTHS[g[1].lower().rstrip(".")], int(g[2])
            hh, mm = g[3], g[4]
        elif kind == "my":
            mo, y = MONTHS[g[0].lower().rstrip(".")], int(g[1])
            if not _valid(y, mo, 1):
                return None
            return Published(f"{y:04d}-{mo:02d}", "month", source)
        elif kind == "ym":
            y, mo = int(g[0]), int(g[1])
            return Published(f"{y:04d}-{mo:02d}", "month", source) if _valid(y, mo, 1) else None
        else:
            y = int(g[0])
            return Published(f"{y:04d}", "year", source) if 1800 <= y <= 2200 else None
        if not _valid(y, mo, d):
            return None
        if hh is not None and mm is not None and int(hh) < 24 and int(mm) < 60 and (int(hh) or int(mm)):
            return Published(f"{y:04d}-{mo:02d}-{d:02d}T{int(hh):02d}:{int(mm):02d}", "time", source)
        return Published(f"{y:04d}-{mo:02d}-{d:02d}", "day", source)
    return None
