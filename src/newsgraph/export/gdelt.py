"""GDELT 2.0 Events (61 columns) and Mentions (16 columns) TSV, in the codebook's order and formats.

CAMEO codes stay strings with their leading zeros; dates are ``YYYYMMDD`` (SQLDATE) and
``YYYYMMDDHHMMSS`` UTC (DATEADDED, mention times).  Actor codes are split into the
codebook's country / known-group / type fields.  Geography: the event's place with GDELT's
geo type, FIPS 10-4 country code and ADM1 code (``geo.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, TextIO

from ..isodate import leading_day
from ..link import linked_events, mention_rows
from .geo import gdelt_geo, place_feature

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore

EVENT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    *[f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                             "Religion2Code", "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *[f"{p}_{c}" for p in ("Actor1Geo", "Actor2Geo", "ActionGeo")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
)
MENTION_COLUMNS = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)
assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16

# CAMEO type codes (codebook facts); any other 3-letter block after the country is a known group
TYPES = frozenset({"COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
                   "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
                   "AMN", "IRC", "GRP", "UNO", "PKO", "UIS", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET"})
_INTERNATIONAL = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "NGM"})
# CAMEO religion codes (codebook facts)
RELIGIONS = frozenset({"ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "DRZ", "HIN", "HSD",
                       "ITR", "JAN", "JEW", "JHW", "LDS", "MOS", "MRN", "NRM", "PAG", "PRO", "SFI", "SHI", "SHN",
                       "SIK", "SUN", "TAO", "UDX", "ZRO"})


def _is_country(block: str) -> bool:
    import pycountry

    return pycountry.countries.get(alpha_3=block) is not None


def split_actor(code: str) -> dict[str, str]:
    """'CHNGOV' -> country CHN, type1 GOV; 'IGOUNOMIL' -> type1 IGO, known group UNO, type2 MIL;
    'IRQSHI' -> country IRQ, religion1 SHI."""
    out = {"CountryCode": "", "KnownGroupCode": "", "Religion1Code": "", "Religion2Code": "",
           "Type1Code": "", "Type2Code": "", "Type3Code": ""}
    blocks = [code[i:i + 3] for i in range(0, len(code), 3) if code[i:i + 3]]
    types: list[str] = []
    religions: list[str] = []
    for i, b in enumerate(blocks):
        if i > 0 and blocks[i - 1] in _INTERNATIONAL and b in ("UNO", "AMN", "IRC", "GRP") \
                and not out["KnownGroupCode"]:
            out["KnownGroupCode"] = b  # IGOUNO: the UN as a known group of an IGO
        elif i == 0 and b not in TYPES and b != "---" and (b not in RELIGIONS or _is_country(b)):
            out["CountryCode"] = b
        elif b in TYPES:
            types.append(b)
        elif b in RELIGIONS:
            religions.append(b)
        elif b != "---" and not out["KnownGroupCode"]:
            out["KnownGroupCode"] = b
    for k, t in zip(("Type1Code", "Type2Code", "Type3Code"), types, strict=False):
        out[k] = t
    for k, t in zip(("Religion1Code", "Religion2Code"), religions, strict=False):
        out[k] = t
    return out


def _stamp(value: str | None) -> str:
    """ISO date or date-time -> YYYYMMDDHHMMSS (UTC as stored)."""
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)[:14]
    return digits.ljust(14, "0") if len(digits) >= 8 else ""


def _num(x: Any, nd: int = 4) -> str:
    if x is None or x == "":
        return ""
    return str(round(x, nd)) if isinstance(x, float) else str(x)


def _geo(row: dict[str, Any]) -> list[str]:
    if row.get("place_name") is None:
        return ["0", "", "", "", "", "", "", ""]
    feature, state = place_feature(row["place_name"], row.get("place_country"), row.get("lat"), row.get("lon"))
    g = gdelt_geo(feature, row.get("place_country"), state)
    return [g.type, row["place_name"], g.country, g.adm1, "", _num(row.get("lat")), _num(row.get("lon")), ""]


def _clean(s: Any) -> str:
    return re.sub(r"[\t\r\n]+", " ", str(s)) if s is not None else ""


def write_events(store: SQLiteStore, out: TextIO, min_confidence: float = 0.0) -> int:
    """GDELT 2.0 Events rows (one per linked event) from the non-negated events of at least
    ``min_confidence``; the number written."""
    n = 0
    for ev in linked_events(store, min_confidence):
        r = ev.first_row
        d = leading_day(ev.date, fill=True)
        a1, a2 = split_actor(ev.source), split_actor(ev.target)
        frac = f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}" if d else ""
        first_para_end = (r.get("article_text") or "").find("\n\n", len(r.get("title") or "") + 2)
        is_root = int(first_para_end < 0 or (r.get("sentence_start") or 0) <= first_para_end)
        row = [
            str(ev.event_id), d.strftime("%Y%m%d") if d else "", d.strftime("%Y%m") if d else "",
            str(d.year) if d else "", frac,
            ev.source, _clean(r.get("source_name")), a1["CountryCode"], a1["KnownGroupCode"], "",
            a1["Religion1Code"], a1["Religion2Code"], a1["Type1Code"], a1["Type2Code"], a1["Type3Code"],
            ev.target, _clean(r.get("target_name")), a2["CountryCode"], a2["KnownGroupCode"], "",
            a2["Religion1Code"], a2["Religion2Code"], a2["Type1Code"], a2["Type2Code"], a2["Type3Code"],
            str(is_root), ev.code, ev.code[:3], ev.code[:2], str(r.get("quad_class") or ""),
            _num(r.get("goldstein"), 1), str(ev.num_mentions), str(ev.num_sources), str(ev.num_articles),
            _num(ev.avg_tone),
            "0", "", "", "", "", "", "", "",
            "0", "", "", "", "", "", "", "",
            *_geo(r),
            _stamp(r.get("ingested_at")), _clean(r.get("url") or r.get("article_id")),
        ]
        assert len(row) == 61
        out.write("\t".join(row) + "\n")
        n += 1
    return n


_SENT_END = re.compile(r"[.!?][\"”’')\]]*\s+|\n\n")


def write_mentions(store: SQLiteStore, out: TextIO, min_confidence: float = 0.0) -> int:
    """GDELT 2.0 Mentions rows (one per event mention of at least ``min_confidence``); the number written."""
    n = 0
    for eid, r in mention_rows(store, min_confidence):
        text = r.get("article_text") or ""
        start = r.get("sentence_start") or 0
        sentence_id = len(_SENT_END.findall(text[:start])) + 1
        src = r["source_start"] if r.get("source_start") is not None else -1
        tgt = r["target_start"] if r.get("target_start") is not None else -1
        when = _stamp(r.get("published")) or _stamp(r.get("ingested_at"))
        row = [
            str(eid), _stamp(r.get("date") or r.get("published")) or when, when, "1",
            _clean(r.get("outlet") or ""), _clean(r.get("url") or r.get("article_id")), str(sentence_id),
            str(src), str(tgt), str(r.get("trigger_start") if r.get("trigger_start") is not None else -1),
            "1", str(round(100 * float(r.get("confidence") or 0))), str(r.get("doc_len") or 0),
            _num(r.get("article_tone") or 0.0), "", "",
        ]
        assert len(row) == 16
        out.write("\t".join(row) + "\n")
        n += 1
    return n


def parse_events_line(line: str) -> dict[str, str]:
    """One Events TSV line -> {column: value} (used by tests and by readers of our exports)."""
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 61:
        raise ValueError(f"a GDELT 2.0 event row has 61 columns, this one {len(cells)}")
    return dict(zip(EVENT_COLUMNS, cells, strict=True))


def parse_mentions_line(line: str) -> dict[str, str]:
    cells = line.rstrip("\n").split("\t")
    if len(cells) != 16:
        raise ValueError(f"a GDELT 2.0 mention row has 16 columns, this one {len(cells)}")
    return dict(zip(MENTION_COLUMNS, cells, strict=True))
