"""One handler per grammar rule: a regex match becomes (type, value, mod), or None to drop it.

``HANDLERS`` maps the rule names of ``grammar`` to these functions; the ``Resolver`` gives them the
anchor, the tense and the calendar arithmetic.
"""

from __future__ import annotations

import re
from datetime import timedelta

from .normalise import (
    Handler,
    Resolver,
    add_months,
    edge_mod,
    fmt_num,
    iso_duration,
    iso_week,
    norm,
    nth_weekday,
    parse_number,
    pre_mod,
    quarter_of,
)

__all__ = ["HANDLERS"]


def _h_mdy(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    month = r.month_of(m.group("month"))
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    edge = re.match(r"(?i)(?:the\s+)?(early|late|mid)", m.group(0))
    mod = edge_mod(edge.group(1)) if edge and not m.group("wday") else None
    if m.groupdict().get("year"):
        return "DATE", f"{r.year_of(m.group('year')):04d}-{month:02d}-{day:02d}", mod
    return "DATE", r.place_day(month, day), mod


def _h_iso(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if y < 100:
        y += 1900 if y > 30 else 2000
    v = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.groupdict().get("hh"):
        return "TIME", f"{v}T{m.group('hh')}:{m.group('mm')}", None
    return "DATE", v, None


def _h_my(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    return "DATE", f"{r.year_of(m.group('year')):04d}-{r.month_of(m.group('month')):02d}", \
        edge_mod(m.group("edge"))


# words before a bare month name that make it the month: when the article has a person of that surname
# ("Theresa May"), only these, for "by May", "and May", "to May" then name the person as often as the month
_MONTH_CUES = r"in|since|until|till|through|of|during|early|late|mid|last|this|next"
_MONTH_OR_NAME_CUES = r"by|from|before|after|and|to"


def _h_month(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    name = m.group("month")
    rel = m.group("mrel")
    surname = name.rstrip(".").lower() in r.surnames
    if not rel and (surname or name in ("May", "MAY")):
        cues = _MONTH_CUES if surname else f"{_MONTH_CUES}|{_MONTH_OR_NAME_CUES}"
        before = r.text[max(0, m.start() - 12):m.start()].lower()
        if not re.search(rf"\b({cues})\s+$", before):
            return None
    if name.endswith(".") and not rel:
        return None
    edge = edge_mod(rel) if rel and norm(rel) not in ("last", "this", "next", "this past", "this coming") \
        else None
    return "DATE", r.place_month(r.month_of(name), None if edge else rel), edge


def _h_year(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    y = int(m.group("year"))
    rel = norm(m.group("yrel") or "")
    if not rel:
        before = r.text[max(0, m.start() - 2):m.start()]
        after = r.text[m.end():m.end() + 14]
        if re.match(r"\s*(?:[a-z]+\s+)?(?:people|persons|men|women|troops|soldiers|shares|tons|feet|meters|"
                    r"miles|units|jobs|workers|members|votes|acres|barrels|cars)\b", after):
            return None
        if before.endswith("#") or before.endswith("No. "):
            return None
    mod = edge_mod(rel)
    if "half" in rel:
        return "DATE", f"{y}-H{1 if 'first' in rel else 2}", None
    return "DATE", str(y), mod


def _h_decade(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    if m.group("cent"):
        v = m.group("cent") + m.group("dec")
    else:
        d = int(m.group("dec2"))
        v = ("19" if d >= 3 else "20") + str(d)
    return "DATE", v, edge_mod(m.group("drel"))


_PART = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


def _h_wday(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    rel = m.group("wrel")
    wd = r.g.weekdays[m.group("wday").lower()]
    mod = edge_mod(rel) if rel and norm(rel) in ("earlier", "later", "early", "late") else None
    v = r.weekday(wd, None if mod else rel)
    part = m.groupdict().get("part")
    if part and (part.lower() != "morning" or v.startswith("X")):
        return "TIME", f"{v}T{_PART[part.lower()]}", mod
    return "DATE", v, mod


def _h_relday(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    w = m.group("rday").lower()
    part = m.groupdict().get("part")
    rel = m.groupdict().get("wrel")
    mod = edge_mod(rel)
    a = r.anchor
    shift = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "tomorrow": 1, "last": -1}[w]
    if w == "last" and part and part.lower() != "night":
        return None  # "last morning" is not a thing
    if a is None:
        v = "XXXX-XX-XX" if w != "today" else "PRESENT_REF"
        return "DATE", v, mod
    v = (a + timedelta(days=shift)).isoformat()
    if w == "tonight":
        return "TIME", f"{v}TNI", mod
    if part:
        return "TIME", f"{v}T{_PART[part.lower()]}", mod
    return "DATE", v, mod


def _h_time(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    hh = int(m.group("hh"))
    mm = int(m.group("mm") or 0)
    ampm = m.group("ampm").lower()
    if hh > 24 or (ampm != "o'clock" and hh > 12):
        return None
    if ampm.startswith("p") and hh < 12:
        hh += 12
    if ampm.startswith("a") and hh == 12:
        hh = 0
    day = r.anchor.isoformat() if r.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{hh:02d}:{mm:02d}", "APPROX" if m.group("pre") else None


def _h_noon(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    w = m.group("w").lower()
    day = r.anchor.isoformat() if r.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{'24:00' if w == 'midnight' else '12:00'}", None


_REL_SIGN = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1,
             "following": 1, "same": 0}


def _h_relper(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    rel = norm(m.group("rel"))
    unit = norm(m.group("unit"))
    mod = edge_mod(m.group("edge"))
    if m.group("unit")[0].isupper() and m.group("rel")[0].isupper() and m.start() > 0 \
            and not re.search(r"[.!?\n]\W*$", r.text[max(0, m.start() - 4):m.start()]):
        return None  # "This Week", a programme's name
    words = rel.split()
    key = words[-1]
    sign = _REL_SIGN.get(key, 0)
    if key == "past":
        sign = -1  # "the past year": last year, as TimeBank reads it
    if rel == "this past":
        sign = -1
    if rel == "this coming":
        sign = 1
    if rel == "the same":
        return None
    a = r.anchor
    if a is None:
        v = {"week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX", "weekend": "XXXX-WXX-WE"}.get(
            unit, "XXXX")
        return "DATE", v, mod
    if unit in ("year", "fiscal year"):
        return "DATE", str(a.year + sign), mod
    if unit == "month":
        return "DATE", add_months(a, sign).isoformat()[:7], mod
    if unit == "week":
        if rel == "this past" and a.isoweekday() >= 5:
            sign = 0  # "this past week" said on a Friday to Sunday: most of the seven days just gone are this week's
        elif rel == "last" and a.isoweekday() == 7:
            sign = 0  # "last week" said on a Sunday: the ISO week that ends that day, the working week just gone
        return "DATE", iso_week(a + timedelta(weeks=sign)), mod
    if unit == "weekend":
        d = a + timedelta(weeks=sign)
        if sign < 0 or (sign == 0 and a.isoweekday() <= 2):
            d = a - timedelta(days=a.isoweekday())  # the weekend just gone
            return "DATE", iso_week(d) + "-WE", mod
        return "DATE", iso_week(d) + "-WE", mod
    if unit == "quarter":
        y, q = quarter_of(add_months(a, 3 * sign))
        return "DATE", f"{y}-Q{q}", mod
    if unit == "decade":
        return "DATE", str(a.year // 10 + sign), mod
    if unit == "century":
        return "DATE", str(a.year // 100 + sign), mod
    return None


def _h_ago(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    n = parse_number(m.group("num"), r.g)
    unit = r.g.units[norm(m.group("unit"))]
    d = norm(m.group("dir"))
    sign = 1 if d in ("later", "after", "from now", "hence") else -1
    if d in ("earlier", "ago") and unit == "Y" and n == 1 and r.anchor is not None:
        return "DATE", "@YEARAGO", None
    mod = "APPROX" if "or so" in norm(m.group(0)) else None
    return "DATE", r.shifted(n, unit, sign), mod


def _h_agoadj(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    if r.anchor is None:
        return "DATE", "XXXX", None
    return "DATE", "@YEARAGO", None


def _h_dur(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    unit_word = norm(m.group("unit"))
    unit = r.g.units[unit_word]
    numtxt = norm(m.group("num"))
    n = parse_number(numtxt, r.g)
    if "and a half" in norm(m.group(0)) and n is not None:
        n += 0.5
    det = m.groupdict().get("det")
    rel = m.groupdict().get("rel")
    adj = m.groupdict().get("adj")
    if det and not rel and not m.group("pre") and "-" in m.group(0)[m.start("det") - m.start():]:
        r._shift = m.end("det") - m.start()  # "the two-year (term)"
    if numtxt in ("a", "an") and not (det or rel or adj or m.group("pre")):
        before = r.text[max(0, m.start() - 25):m.start()]
        if re.search(r"(?:\d|\bcents?|\bpercent|%|dollars?|\btimes|\bseats|\bflights)\s*$", before):
            return None  # "$1.76 a year", "four flights a week": a rate, not annotated as a timex
    if adj and "old" in adj.lower():
        return None  # ages ("a 6-year-old boy") are not temporal expressions
    if unit == "Q" and "-" in m.group(0):
        return None  # "three-quarters", "four-quarter"
    if unit == "Q" and n is not None:
        return "DURATION", f"P{fmt_num(n)}Q", pre_mod(m.group("pre"))
    if unit == "D" and unit_word.startswith("night") and numtxt in ("a", "an"):
        return None
    if unit == "S" and numtxt in ("a", "one") and not (det or rel):
        return None  # "a second time": an ordinal
    if m.group("unit")[0].isupper() and not m.group(0)[0].isupper():
        return None  # "60 Minutes": a title
    return "DURATION", iso_duration(n, unit), pre_mod(m.group("pre"))


def _h_durunit(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    word = norm(m.group("unit"))
    unit = r.g.units[word]
    n = None if word.endswith("s") and word != "hours" and word[:-1] in r.g.units else 1.0
    if word == "centuries" or word == "decades":
        n = None
    return "DURATION", iso_duration(n, unit), pre_mod(m.group("pre"))


def _h_plural(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    word = norm(m.group("unit")).split("-")[0]
    q = norm(m.group("q") or "")
    unit = r.g.units[word]
    if not q:
        before = r.text[max(0, m.start() - 12):m.start()].lower()
        lead = r"\b(for|in|over|within|took|take|takes|lasted|last|spent|spend|after)\s+$"
        if not re.search(lead, before) and "-long" not in m.group(0):
            return None
    if unit == "DE":
        return "DURATION", "PXE" if q else "PXY", None
    if q in ("recent", "past") and unit in ("Y", "M", "W", "D"):
        return "DATE", "PAST_REF", None  # "recent years", "past months": TimeBank's reading
    return "DURATION", iso_duration(None, unit), None


def _h_quarter(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    a = r.anchor
    year = m.groupdict().get("year")
    ordw = m.group("ord")
    lead = re.match(r"(?i)the\s+(?=\w+-quarter)", m.group(0))
    if lead:
        r._shift = lead.end()  # "the third-quarter (profit)"
    if ordw:
        q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}[
            ordw.lower()]
        year = year or m.group("y0")
        if year:
            return "DATE", f"{r.year_of(year)}-Q{q}", None
        if a is None:
            return "DATE", f"XXXX-Q{q}", None
        y, cur = quarter_of(a)
        t = r.tense_here()
        if t == "future" and q < cur - 1:
            y += 1
        elif q > cur:
            y -= 1 if t == "past" else 0
        return "DATE", f"{y}-Q{q}", None
    qm = norm(m.group("qmod") or "")
    if qm in ("year-ago", "year-earlier", "year-before"):
        return "DATE", "@YEARAGO", None
    if a is None:
        return "DATE", "XXXX-QX", None
    if year:
        return "DATE", f"{r.year_of(year)}-QX", None
    if qm in ("next",):
        y, q = quarter_of(add_months(a, 3))
        return "DATE", f"{y}-Q{q}", None
    if qm in ("current",):
        y, q = quarter_of(a)
        return "DATE", f"{y}-Q{q}", None
    if qm in ("fiscal",):
        return None
    return "DATE", "@QUARTER", None


def _h_half(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    h = 1 if m.group("h").lower() == "first" else 2
    if m.group("h").lower() == "last" and not m.groupdict().get("year"):
        return None
    year = m.groupdict().get("year")
    if year:
        return "DATE", f"{r.year_of(year)}-H{h}", None
    if r.anchor is None:
        return "DATE", f"XXXX-H{h}", None
    return "DATE", f"{r.anchor.year}-H{h}", None


def _h_season(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    s = r.g.seasons[m.group("season").lower()]
    year = m.groupdict().get("year")
    rel = norm(m.groupdict().get("srel") or "")
    mod = edge_mod(rel)
    if year:
        return "DATE", f"{r.year_of(year)}-{s}", mod
    a = r.anchor
    if a is None:
        return "DATE", f"XXXX-{s}", mod
    order = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
    cur = order[{1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU", 9: "FA",
                 10: "FA", 11: "FA", 12: "WI"}[a.month]]
    # January and February are in the winter that began the December before, the last season of the
    # previous year: counted from there, "last summer" said in January is the previous year's summer
    # and "next summer" this year's ("this summer" stays this year's)
    base = a.year - 1 if a.month <= 2 else a.year
    y = a.year
    if "last" in rel or "past" in rel:
        y = base - (1 if order[s] >= cur else 0)
    elif "next" in rel or "coming" in rel:
        y = base + (1 if order[s] <= cur else 0)
    elif rel in ("the",) or not rel:
        t = r.tense_here()
        if t == "past":
            y = base - (1 if order[s] > cur else 0)
        elif t == "future":
            y = base + (1 if order[s] < cur else 0)
    return "DATE", f"{y}-{s}", mod


def _h_ref(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    w = norm(m.group(0))
    v = r.g.refs.get(w)
    if v is None:
        return None
    if w == "current":
        after = r.text[m.end():m.end() + 30].lower()
        if re.match(r"\s+(?:fiscal\s+)?(?:year|quarter|month|week)", after):
            return None
    return "DATE", v, None


def _h_set(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    w = norm(m.group(0))
    if w.startswith(("a ", "an ", "per ")):
        before = r.text[max(0, m.start() - 25):m.start()]
        if not re.search(r"(?:\d|\bcents?|\bpercent|%|dollars?|\btimes|\bonce|\btwice)\s*$", before):
            return None
    return "SET", r.g.sets[w], None


def _h_holiday(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    word = m.group("hol")
    if word[0].islower():
        return None
    spec = r.g.holidays[norm(word)]
    a = r.anchor
    if a is None:
        return "DATE", "XXXX-" + spec if "-" in spec else "XXXX", None
    if "-" in spec:
        month, day = (int(x) for x in spec.split("-"))
        return "DATE", r.place_day(month, day), None
    nth, wname, mon = spec.split()
    days = [nth_weekday(y, int(mon), nth, {"monday": 1, "thursday": 4}[wname])
            for y in (a.year - 1, a.year, a.year + 1)]
    t = r.tense_here()
    if t in ("future", "present"):
        d = next(x for x in days if x >= a)
    else:
        d = [x for x in days if x <= a][-1]
    return "DATE", d.isoformat(), None


def _h_the(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    w = norm(m.group("w"))
    a = r.anchor
    start_shift = len(m.group("pre") or "")
    r._shift = start_shift
    if w in ("the moment", "the time"):
        return None
    if w == "year-end":
        return ("DATE", f"{a.year}-12-31" if a else "XXXX-12-31", None)
    if w == "year-to-date":
        return None
    edge = edge_mod(m.group("edge"))
    if m.group("edge") and "re" in m.group("edge").lower()[4:8]:
        edge = None  # "the rest of the year"
    if w in ("the year", "the full year", "the fiscal year"):
        if not edge and re.match(r"\s+(?:ended|ending|that\s+ended|to)\b", r.text[m.end():m.end() + 20]):
            return "DURATION", "P1Y", None  # "the year ended Sept. 30": a fiscal year, as a period
        return "DATE", str(a.year) if a else "XXXX", edge
    if w == "the week":
        return "DATE", f"{a.year}-WXX" if a else "XXXX-WXX", None
    if w == "the month":
        return "DATE", a.isoformat()[:7] if a else "XXXX-XX", edge
    if w == "the day":
        return None
    if w in ("the period", "the latest period", "the same period"):
        if w == "the latest period":
            return "DATE", "@QUARTER", None
        return None
    if w == "the weekend":
        if a is None:
            return "DATE", "XXXX-WXX-WE", None
        t = r.tense_here()
        if t == "future" or (t == "present" and a.isoweekday() >= 4):
            return "DATE", iso_week(a) + "-WE", None
        return "DATE", iso_week(a - timedelta(days=a.isoweekday())) + "-WE", None
    return None


def _h_monthrel(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    month = r.month_of(m.group("month"))
    if r.anchor is None:
        return "DATE", f"XXXX-{month:02d}", None
    shift = {"last": -1, "this": 0, "next": 1}[m.group("yrel").lower()]
    return "DATE", f"{r.anchor.year + shift:04d}-{month:02d}", None


_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _h_spelled(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    t = _TEENS[m.group("t").lower()]
    o = _ONES[m.group("o").lower()] if m.group("o") else 0
    if o and t < 20:
        return None
    cent = 19 if m.group("c").lower() == "nineteen" else 20
    return "DATE", f"{cent * 100 + t + o}", None


def _h_decword(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    d = int(r.g.decade_words[m.group("w").lower()])
    return "DATE", f"19{d}", edge_mod(m.group("drel"))


def _h_century(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    n = int(m.group("n"))
    if not 1 <= n <= 21:
        return None
    return "DATE", f"{n - 1:02d}", edge_mod(m.group("drel"))


def _h_setday(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    part = m.groupdict().get("part")
    suffix = f"T{_PART[part.lower()]}" if part else ""
    if m.groupdict().get("wday"):
        return "SET", f"XXXX-WXX-{r.g.weekdays[m.group('wday').lower()]}{suffix}", None
    return "SET", f"XXXX-{r.month_of(m.group('month')):02d}", None


def _h_setplural(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    return "SET", f"XXXX-WXX-{r.g.weekdays[m.group('wd')[:-1].lower()]}", None


def _h_timeday(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    if m.group("noon"):
        hhmm = "24:00" if m.group("noon").lower() == "midnight" else "12:00"
    else:
        hh, mm = int(m.group("hh")), int(m.group("mm") or 0)
        if hh > 12:
            return None
        ampm = m.group("ampm").lower()
        if ampm.startswith("p") and hh < 12:
            hh += 12
        if ampm.startswith("a") and hh == 12:
            hh = 0
        hhmm = f"{hh:02d}:{mm:02d}"
    a = r.anchor
    if m.group("rday"):
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[m.group("rday").lower()]
        day = (a + timedelta(days=shift)).isoformat() if a else "XXXX-XX-XX"
    elif m.group("wday"):
        day = r.weekday(r.g.weekdays[m.group("wday").lower()], None)
    else:
        month, d = r.month_of(m.group("month")), int(m.group("day"))
        if m.group("year"):
            day = f"{r.year_of(m.group('year')):04d}-{month:02d}-{d:02d}"
        else:
            day = r.place_day(month, d)
    return "TIME", f"{day}T{hhmm}", "APPROX" if m.group("pre") else None


def _h_yearperiod(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    return "DATE", f"@QOFYEAR:{m.group('year')}", None


def _h_y2k(m: re.Match[str], r: Resolver) -> tuple[str, str, str | None] | None:
    extra = {**_ONES, "ten": 10}.get((m.group("o") or "").lower(), 0)
    return "DATE", str(2000 + extra), None


HANDLERS: dict[str, Handler] = {
    "yearperiod": _h_yearperiod, "y2k": _h_y2k,
    "monthrel": _h_monthrel, "spelled": _h_spelled, "decword": _h_decword, "century": _h_century,
    "setday": _h_setday, "setplural": _h_setplural, "timeday": _h_timeday,
    "mdy": _h_mdy, "dmy": _h_mdy, "iso": _h_iso, "slash": _h_iso, "my": _h_my, "month": _h_month,
    "year": _h_year, "decade": _h_decade, "wday": _h_wday, "relday": _h_relday,
    "thispart": _h_relday, "time": _h_time, "noon": _h_noon, "relper": _h_relper,
    "ago": _h_ago, "agoadj": _h_agoadj, "dur": _h_dur, "durunit": _h_durunit, "plural": _h_plural,
    "quarter": _h_quarter, "half": _h_half, "season": _h_season, "season2": _h_season, "ref": _h_ref,
    "set": _h_set, "holiday": _h_holiday, "the": _h_the,
}
