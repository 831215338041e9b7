"""A GDELT 2.0-style view of an Analysis's events: one row per coded event, GDELT column names.

``event_rows(analysis)`` gives dicts keyed by ``EVENT_COLUMNS`` (the 61 columns of the GDELT
2.0 Events table), ready for a TSV, CSV or Parquet writer (the writers and the store are the
export module's job).  Differences from GDELT, by design:

- one article, so NumMentions/NumSources/NumArticles are 1 (the cross-article linker merges);
- negated events are left out (GDELT has no negated events);
- geography uses ISO 3166 alpha-3 country codes (GDELT uses FIPS 10-4) and the place the coder
  attached to the event (ActionGeo); actor geography is left empty;
- SQLDATE is the event's own date (day, or the first day of its month or year), else the
  publication date; IsRootEvent is 1 for events of the article's first body paragraph.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Analysis, EntityRef, Event

__all__ = ["EVENT_COLUMNS", "event_rows", "split_actor"]

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")

EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS), *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)

_TYPES = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "INS", "SEP", "EDU", "MED", "BUS", "CVL",
          "REF", "HLH", "LAB", "AGR", "REL", "CRM", "PTY", "SPY", "ELI", "IGO", "NGO", "IMG", "MNC",
          "UAF", "ENV", "HRI", "DEV", "MOD", "RAD", "NGM"}
_RELIGIONS = {"MUS", "CHR", "JEW", "BUD", "HIN", "SHI", "SUN", "CTH", "ORT", "PRO"}
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def split_actor(code: str | None) -> dict[str, str]:
    """Split a CAMEO actor code into GDELT's parts: country, known group, religion, types."""
    out = {"CountryCode": "", "KnownGroupCode": "", "EthnicCode": "", "Religion1Code": "",
           "Religion2Code": "", "Type1Code": "", "Type2Code": "", "Type3Code": ""}
    if not code:
        return out
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    types: list[str] = []
    religions: list[str] = []
    for i, ch in enumerate(chunks):
        if i == 0 and ch != "---" and ch not in _TYPES:
            out["CountryCode"] = ch
        elif ch in _TYPES:
            types.append(ch)
        elif ch in _RELIGIONS:
            religions.append(ch)
        elif ch != "---" and not out["KnownGroupCode"]:
            out["KnownGroupCode"] = ch
    for k, v in zip(("Type1Code", "Type2Code", "Type3Code"), types, strict=False):
        out[k] = v
    for k, v in zip(("Religion1Code", "Religion2Code"), religions, strict=False):
        out[k] = v
    return out


def _day(value: str | None) -> tuple[str, str, str, float] | None:
    """(SQLDATE, MonthYear, Year, FractionDate) of an ISO date, month or year."""
    m = _DATE.match(value or "")
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2) or "01", m.group(3) or "01"
    frac = int(y) + (int(mo) - 1) / 12 + (int(d) - 1) / 365
    return f"{y}{mo}{d}", f"{y}{mo}", y, round(frac, 4)


def _actor(prefix: str, ref: EntityRef | None) -> dict[str, str]:
    code = ref.actor if ref is not None else None
    parts = split_actor(code)
    row = {f"{prefix}Code": code or "", f"{prefix}Name": (ref.name or "").upper() if ref else ""}
    row.update({f"{prefix}{k}": v for k, v in parts.items()})
    return row


def _event_id(article_id: str, i: int) -> int:
    return int(hashlib.sha1(f"{article_id}#{i}".encode()).hexdigest()[:12], 16)


def _root_event(analysis: Analysis, e: Event) -> int:
    text = analysis.article.text
    start = analysis.article.body_start
    end = text.find("\n\n", start)
    return int(e.sentence.start < (end if end > 0 else len(text)))


def event_rows(analysis: Analysis) -> list[dict[str, str | int | float]]:
    """One GDELT-style row per event of ``analysis`` (negated events left out)."""
    art = analysis.article
    published = art.published.value if art.published else None
    added = re.sub(r"\D", "", published or "")[:14].ljust(14, "0") if published else ""
    tone = round(analysis.tone.tone, 4) if analysis.tone else 0.0
    rows: list[dict[str, str | int | float]] = []
    for i, e in enumerate(analysis.events):
        if e.negated:
            continue
        when = _day(e.date.value if e.date else None) or _day(published) or ("", "", "", 0.0)
        row: dict[str, str | int | float] = {c: "" for c in EVENT_COLUMNS}
        row.update({"GLOBALEVENTID": _event_id(art.id, i), "SQLDATE": when[0], "MonthYear": when[1],
                    "Year": when[2], "FractionDate": when[3]})
        row.update(_actor("Actor1", e.source))
        row.update(_actor("Actor2", e.target))
        row.update({
            "IsRootEvent": _root_event(analysis, e), "EventCode": e.code, "EventBaseCode": e.code[:3],
            "EventRootCode": e.root, "QuadClass": e.quad_class, "GoldsteinScale": e.goldstein,
            "NumMentions": 1, "NumSources": 1, "NumArticles": 1, "AvgTone": tone,
            "DATEADDED": added, "SOURCEURL": art.url or "",
        })
        if e.place is not None:
            p = e.place
            row.update({
                "ActionGeo_Type": 1 if p.feature == "country" else 4, "ActionGeo_FullName": p.name,
                "ActionGeo_CountryCode": p.country or "", "ActionGeo_Lat": p.lat if p.lat is not None else "",
                "ActionGeo_Long": p.lon if p.lon is not None else "",
                "ActionGeo_FeatureID": p.geonames_id if p.geonames_id is not None else "",
            })
        rows.append(row)
    return rows
