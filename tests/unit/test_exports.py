"""Exports: GDELT 2.0 Events/Mentions and GKG 2.1 parse back column by column; Parquet reads back."""

from __future__ import annotations

import io
from pathlib import Path

from newsgraph.export.gdelt import (
    EVENT_COLUMNS,
    parse_events_line,
    parse_mentions_line,
    split_actor,
    write_events,
    write_mentions,
)
from newsgraph.export.gkg import GKG_COLUMNS, write_gkg
from newsgraph.model import (
    Analysis,
    Article,
    Entity,
    EntityRef,
    Event,
    EventDate,
    Mention,
    Place,
    Published,
    Quote,
    Span,
    Theme,
    Timex,
    Tone,
)
from newsgraph.store import open_store

TEXT = ("Ministers Meet in Oslo\n\nNorway's prime minister visited Sweden on Monday, officials said. "
        "\"We agreed on energy,\" she said.")


def _analysis(aid: str, outlet: str, negated: bool = False) -> Analysis:
    art = Article(id=aid, text=TEXT, title="Ministers Meet in Oslo", url=f"https://{outlet}/{aid}",
                  outlet=outlet, published=Published("2024-02-05", "day", "input"))
    s_nor = TEXT.index("Norway")
    s_swe = TEXT.index("Sweden")
    trig = TEXT.index("visited")
    sent = Span.of(TEXT, TEXT.index("Norway"), TEXT.index("said.") + 5)
    ents = (Entity("e1", "GPE", "Norway", (Mention(s_nor, s_nor + 6, "Norway", "GPE"),), "NORGOV", "NOR"),
            Entity("e2", "GPE", "Sweden", (Mention(s_swe, s_swe + 6, "Sweden", "GPE"),), "SWE", "SWE"))
    ev = Event(code="042", root="04", quad_class=1, goldstein=1.9,
               source=EntityRef("e1", "NORGOV", "Norway", s_nor, s_nor + 6),
               target=EntityRef("e2", "SWE", "Sweden", s_swe, s_swe + 6),
               date=EventDate("2024-02-05", "day", "text"),
               place=Place(Span.of(TEXT, s_swe, s_swe + 6), "Sweden", "SWE", 62.0, 15.0, 2661886, "country"),
               sentence=sent, trigger=Span.of(TEXT, trig, trig + 7), negated=negated, confidence=0.8,
               name="Make a visit")
    q0 = TEXT.index("\"We")
    quote = Quote(Span.of(TEXT, q0, TEXT.index("energy,\"") + 8), "direct", EntityRef("e1", "NORGOV", "Norway"),
                  Span.of(TEXT, TEXT.rindex("said"), TEXT.rindex("said") + 4), None, 0.9)
    tx = Timex(Span.of(TEXT, TEXT.index("Monday"), TEXT.index("Monday") + 6), "DATE", "2024-02-05")
    theme = Theme("ENERGY", (Span.of(TEXT, TEXT.index("energy"), TEXT.index("energy") + 6),))
    return Analysis(article=art, entities=ents, events=(ev,), quotes=(quote,), timexes=(tx,), themes=(theme,),
                    places=(ev.place,) if ev.place else (), tone=Tone(1.5, 2.0, 0.5, 2.5, 10.0, 0.0, 20))


def _store(tmp_db: Path):  # type: ignore[no-untyped-def]
    st = open_store(tmp_db)
    st.write(_analysis("a1", "example.org"))
    st.write(_analysis("a2", "example.net"))
    st.write(_analysis("a3", "example.net", negated=True))
    return st


def test_split_actor_codes() -> None:
    assert split_actor("CHNGOV") == {"CountryCode": "CHN", "KnownGroupCode": "", "Religion1Code": "",
                                     "Religion2Code": "", "Type1Code": "GOV", "Type2Code": "", "Type3Code": ""}
    got = split_actor("IRQSHIMIL")
    assert (got["CountryCode"], got["Religion1Code"], got["Type1Code"]) == ("IRQ", "SHI", "MIL")
    assert split_actor("MOS")["Religion1Code"] == "MOS" and split_actor("MOS")["CountryCode"] == ""
    assert split_actor("SHN")["CountryCode"] == "SHN"  # Saint Helena, though SHN is also a religion code
    got = split_actor("IGOUNOMIL")
    assert got["Type1Code"] == "IGO" and got["KnownGroupCode"] == "UNO" and got["Type2Code"] == "MIL"
    assert split_actor("---GOV")["CountryCode"] == "" and split_actor("---GOV")["Type1Code"] == "GOV"


def test_gdelt_events_parse_back_column_by_column(tmp_db: Path) -> None:
    with _store(tmp_db) as st:
        buf = io.StringIO()
        assert write_events(st, buf) == 1  # two articles, one real-world event; the negated one left out
        (line,) = buf.getvalue().splitlines()
    row = parse_events_line(line)
    assert list(row) == list(EVENT_COLUMNS)
    assert int(row["GLOBALEVENTID"]) > 0
    assert row["SQLDATE"] == "20240205" and row["MonthYear"] == "202402" and row["Year"] == "2024"
    assert abs(float(row["FractionDate"]) - 2024.0959) < 0.001
    assert row["Actor1Code"] == "NORGOV" and row["Actor1CountryCode"] == "NOR" and row["Actor1Type1Code"] == "GOV"
    assert row["Actor2Code"] == "SWE" and row["Actor2CountryCode"] == "SWE" and row["Actor2Type1Code"] == ""
    assert row["EventCode"] == "042" and row["EventBaseCode"] == "042" and row["EventRootCode"] == "04"
    assert row["QuadClass"] == "1" and float(row["GoldsteinScale"]) == 1.9
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    assert float(row["AvgTone"]) == 1.5
    assert row["ActionGeo_Type"] == "1" and row["ActionGeo_FullName"] == "Sweden"  # a country
    assert row["ActionGeo_CountryCode"] == "SW" and row["ActionGeo_ADM1Code"] == "SW"  # FIPS 10-4, not ISO
    assert float(row["ActionGeo_Lat"]) == 62.0
    assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()
    assert row["SOURCEURL"].startswith("https://example.")


def test_gdelt_mentions_link_to_events(tmp_db: Path) -> None:
    with _store(tmp_db) as st:
        ev, me = io.StringIO(), io.StringIO()
        write_events(st, ev)
        assert write_mentions(st, me) == 2
    event_id = parse_events_line(ev.getvalue().splitlines()[0])["GLOBALEVENTID"]
    for line in me.getvalue().splitlines():
        m = parse_mentions_line(line)
        assert m["GLOBALEVENTID"] == event_id
        assert m["MentionType"] == "1" and m["MentionSourceName"] in ("example.org", "example.net")
        assert m["MentionTimeDate"] == "20240205000000" and m["EventTimeDate"] == "20240205000000"
        assert int(m["SentenceID"]) == 2  # the title is sentence 1
        assert TEXT[int(m["Actor1CharOffset"]):].startswith("Norway")
        assert TEXT[int(m["Actor2CharOffset"]):].startswith("Sweden")
        assert TEXT[int(m["ActionCharOffset"]):].startswith("visited")
        assert m["Confidence"] == "80" and int(m["MentionDocLen"]) == len(TEXT)


def test_gkg_rows_have_27_columns_and_offsets(tmp_db: Path) -> None:
    with _store(tmp_db) as st:
        buf = io.StringIO()
        assert write_gkg(st, buf) == 3
    for line in buf.getvalue().splitlines():
        cells = line.split("\t")
        assert len(cells) == len(GKG_COLUMNS) == 27
        row = dict(zip(GKG_COLUMNS, cells, strict=True))
        assert row["V2.1DATE"] == "20240205000000"
        assert row["V1THEMES"] == "ENERGY"
        _, off = row["V2ENHANCEDTHEMES"].split(",")
        assert TEXT[int(off):].lower().startswith("energy")
        assert row["V1.5TONE"].split(",")[0] == "1.5"
        off, length, verb, _ = row["V2.1QUOTATIONS"].split("|")
        assert TEXT[int(off):int(off) + int(length)].startswith('"We agreed') and verb == "said"
        assert row["V2.1ENHANCEDDATES"].startswith("1#2#5#2024#")
        assert row["V2EXTRASXML"].startswith("<PAGE_TITLE>")
        (loc,) = row["V1LOCATIONS"].split(";")
        typ, name, country, adm1, lat, _lon, _fid = loc.split("#")
        assert (typ, name, country, adm1, float(lat)) == ("1", "Sweden", "SW", "SW", 62.0)
        v2 = row["V2ENHANCEDLOCATIONS"].split("#")
        assert len(v2) == 9 and v2[:4] == ["1", "Sweden", "SW", "SW"]
        assert TEXT[int(v2[8]):].startswith("Sweden")


def test_gdelt_geography_uses_fips_codes_and_geo_types() -> None:
    from newsgraph.export.geo import GdeltGeo, fips_country, gdelt_geo, place_feature

    assert [fips_country(c) for c in ("SWE", "DEU", "CHN", "GBR", "USA", "XXX", None)] == [
        "SW", "GM", "CH", "UK", "US", "", ""]
    assert gdelt_geo("country", "DEU") == GdeltGeo("1", "GM", "GM")
    assert gdelt_geo("city", "FRA").type == "4" and gdelt_geo("admin1", "CAN").type == "5"
    houston = place_feature("Houston", "USA", None, None)
    assert houston == ("city", "TX")
    g = gdelt_geo(*houston[:1], "USA", houston[1])
    assert (g.type, g.country, g.adm1) == ("3", "US", "USTX")
    assert gdelt_geo("admin1", "USA", "TX").type == "2"
    assert place_feature("Atlantis", "GRC", None, None) == (None, None)


def test_parquet_one_file_per_table(tmp_db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from newsgraph.export.parquet import write_parquet

    with _store(tmp_db) as st:
        counts = write_parquet(st, tmp_path / "pq")
    assert counts["articles"] == 3 and counts["events"] == 3
    t = pq.read_table(tmp_path / "pq" / "events.parquet")
    assert t.num_rows == 3 and "code" in t.column_names
    assert t.column("code").to_pylist()[0] == "042"
