"""GDELT GKG 2.1 TSV (27 columns): one row per article, with character offsets as GKG encodes them.

Delimiters follow the GKG 2.1 codebook: ``;`` between items, ``#`` between the fields of a
location or count, ``,`` before an offset, ``|`` inside a quotation and ``#`` between quotations.
Field text is cleaned of those delimiters so a row always splits into 27 columns.
"""

from __future__ import annotations

import re
from html import escape
from typing import TYPE_CHECKING, TextIO

from ..model import Analysis
from .geo import gdelt_geo, place_feature

if TYPE_CHECKING:
    from ..store.sqlite import SQLiteStore

GKG_COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)
assert len(GKG_COLUMNS) == 27


def _f(s: object) -> str:
    """Field text without GKG delimiters or line breaks."""
    return re.sub(r"[\t\r\n;#|,]+", " ", str(s if s is not None else "")).strip()


def _stamp(a: Analysis) -> str:
    v = a.article.published.value if a.article.published else ""
    digits = re.sub(r"\D", "", v)[:14]
    return digits.ljust(14, "0") if len(digits) >= 8 else ""


def gkg_row(a: Analysis, n: int) -> list[str]:
    art = a.article
    stamp = _stamp(a)
    counts_v1, counts_v2 = [], []
    for m in a.amounts:
        if m.kind in ("count", "quantity"):
            base = f"{_f(m.unit or 'ITEMS').upper()}#{m.value:g}#{_f(m.measure.text if m.measure else m.unit)}#0#####"
            counts_v1.append(base)
            counts_v2.append(f"{base}#{m.span.start}")
    themes = sorted({t.code for t in a.themes})
    themes_v2 = [f"{t.code},{s.start}" for t in a.themes for s in t.spans]
    locs_v1, locs_v2 = [], []
    for p in a.places:
        state = place_feature(p.name, p.country, p.lat, p.lon)[1] if p.country == "USA" else None
        g = gdelt_geo(p.feature, p.country, state)
        lat = "" if p.lat is None else f"{p.lat:g}"
        lon = "" if p.lon is None else f"{p.lon:g}"
        fid = "" if p.geonames_id is None else str(p.geonames_id)
        locs_v1.append(f"{g.type}#{_f(p.name)}#{g.country}#{g.adm1}#{lat}#{lon}#{fid}")
        locs_v2.append(f"{g.type}#{_f(p.name)}#{g.country}#{g.adm1}##{lat}#{lon}#{fid}#{p.span.start}")
    persons = [e for e in a.entities if e.type == "PERSON"]
    orgs = [e for e in a.entities if e.type == "ORG"]
    tone = a.tone
    tone_s = (f"{tone.tone:g},{tone.positive:g},{tone.negative:g},{tone.polarity:g},{tone.activity:g},"
              f"{tone.self_group:g},{tone.word_count}") if tone else ""
    dates = []
    for t in a.timexes:
        dm = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", t.value)
        if dm and t.type == "DATE":
            res = 1 if dm.group(3) else 2 if dm.group(2) else 4
            dates.append(f"{res}#{int(dm.group(2) or 0)}#{int(dm.group(3) or 0)}#{dm.group(1)}#{t.span.start}")
    quotes = [f"{q.span.start}|{q.span.end - q.span.start}|{_f(q.cue.text if q.cue else '')}|{_f(q.span.text)}"
              for q in a.quotes if q.kind != "indirect"]
    names = [f"{_f(e.name)},{m.start}" for e in a.entities if e.type in ("PERSON", "ORG", "NORP", "EVENT")
             for m in e.mentions[:1]]
    amounts = [f"{m.value:g},{_f(m.measure.text if m.measure else m.unit or '')},{m.span.start}" for m in a.amounts]
    extras = f"<PAGE_TITLE>{escape(art.title)}</PAGE_TITLE>"
    if art.bylines:
        extras += f"<PAGE_AUTHORS>{escape(', '.join(b.name for b in art.bylines))}</PAGE_AUTHORS>"
    return [
        f"{stamp or '00000000000000'}-{n}", stamp, "1", _f(art.outlet or ""), _f(art.url or art.id),
        ";".join(counts_v1), ";".join(counts_v2), ";".join(themes), ";".join(themes_v2),
        ";".join(locs_v1), ";".join(locs_v2),
        ";".join(sorted({_f(e.name) for e in persons})),
        ";".join(f"{_f(e.name)},{m.start}" for e in persons for m in e.mentions),
        ";".join(sorted({_f(e.name) for e in orgs})),
        ";".join(f"{_f(e.name)},{m.start}" for e in orgs for m in e.mentions),
        tone_s, ";".join(dates), f"wc:{tone.word_count if tone else len(art.text.split())}", "", "", "", "",
        "#".join(quotes), ";".join(names), ";".join(amounts), "", extras.replace("\t", " ").replace("\n", " "),
    ]


def write_gkg(store: SQLiteStore, out: TextIO) -> int:
    n = 0
    for a in store.iter_analyses():
        row = gkg_row(a, n)
        assert len(row) == 27
        out.write("\t".join(row) + "\n")
        n += 1
    return n
