"""The actor lexicon: countries, capitals, seats of government, institutions, IGOs,
leaders (with their terms of office) and role words, read from data/actors/*.tsv.

``lexicon()`` loads everything once per process.  ``code_phrase("Chinese customs")``
codes a free phrase ("CHNGOV"); ``Lexicon.leader_role(kb_id, day)`` picks the office a
leader held on a given day, so an article's date selects the right code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..datafiles import tsv_dicts, tsv_rows
from .countries import countries, split_cell


@dataclass(frozen=True, slots=True)
class ActorEntry:
    kb_id: str  # "country:USA", "leader:Xi Jinping", "igo:United Nations", ...
    kind: str  # country | demonym | capital | seat | institution | igo | leader | region | part
    name: str  # canonical name
    code: str  # CAMEO actor code (for leaders: country + role of the latest office)
    country: str | None
    ner_type: str  # the OntoNotes label a mention of it should carry
    source: str = ""  # the row that gave it: "countries.tsv:ROM", "leaders.tsv:Xi Jinping", "us_people.tsv:P000197"


@dataclass(frozen=True, slots=True)
class Office:
    country: str
    role: str
    office: str
    start: str
    end: str  # "" = still in office
    source: str = ""  # the row: "leaders.tsv:<name>@<start>" or "us_people.tsv:<id>" (with its dates)


@dataclass
class Lexicon:
    phrases: dict[str, list[ActorEntry]] = field(default_factory=dict)  # exact-case alias -> entries
    offices: dict[str, list[Office]] = field(default_factory=dict)  # leader kb_id -> offices
    roles: list[tuple[tuple[str, ...], str]] = field(default_factory=list)  # (words, code), longest first
    role_words: dict[str, str] = field(default_factory=dict)  # single word -> code
    head_words: dict[str, str] = field(default_factory=dict)  # every role pattern, incl. head-only rows -> code
    roles_by_last: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    first_keys: dict[str, int] = field(default_factory=dict)  # first word-run of an alias -> most words
    country_names: dict[str, str] = field(default_factory=dict)  # code -> name
    genders: dict[str, str] = field(default_factory=dict)  # person kb_id -> "F" / "M" (us_people.tsv)
    # roles.tsv rows whose use is a country code: country -> [(words, code)], for a phrase of that country
    country_roles: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # the one-word patterns among them, of any country ("dcp", "sho")
    country_role_words: frozenset[str] = frozenset()

    def add(self, alias: str, entry: ActorEntry) -> None:
        alias = " ".join(alias.split())
        if not alias:
            return
        forms = {alias}
        if alias.lower().startswith("the ") and len(alias) > 4:
            forms.add(alias[4:])
        for form in list(forms):
            forms |= _punctuation_variants(form)
        for form in forms:
            key = first_key(form)
            self.first_keys[key] = max(self.first_keys.get(key, 0), len(form.split()))
            bucket = self.phrases.setdefault(form, [])
            if all(e.kb_id != entry.kb_id for e in bucket):
                bucket.append(entry)

    def leader_role(self, kb_id: str, day: str | None) -> Office | None:
        """The office held on ``day`` (YYYY-MM-DD); no day = the latest office.

        A person out of office on ``day`` holds none of their offices: a former office-holder is
        coded ELI, CAMEO's "Elites" type, whose members are former government officials (the CAMEO
        agents dictionary codes FORMER_PRESIDENT and FORMER_PRIME_MINISTER as ELI), not GOV or LEG;
        the office text says "former ...".  A person not yet in office gets None.
        """
        offices = self.offices.get(kb_id) or []
        if not offices:
            return None
        if not day:
            return max(offices, key=lambda o: o.start)
        held = [o for o in offices if o.start[: len(day)] <= day and (not o.end or day <= _end_bound(o.end))]
        if held:
            return max(held, key=lambda o: o.start)
        past = [o for o in offices if o.end and _end_bound(o.end) < day]
        if past:
            last = max(past, key=lambda o: o.end)
            return Office(last.country, "ELI", f"former {last.office}", last.start, last.end, last.source)
        return None  # not yet in office on that day: no role from the lexicon

    def pick_entry(self, entries: list[ActorEntry], day: str | None) -> ActorEntry:
        """The entry an alias shared by several leaders ("Bush", "President Bush") means on ``day``:
        the one in office then, else the one whose latest office started last before it (the most
        recent holder; no day = the latest holder).  The table's row order would otherwise pick the
        father for the son in a 2004 story.  Other entries keep their order (the first wins)."""
        leaders = [e for e in entries if e.kind == "leader"]
        if len(leaders) < 2 or entries[0].kind != "leader":
            return entries[0]

        def rank(e: ActorEntry) -> tuple[bool, str]:
            offices = self.offices.get(e.kb_id) or []
            if not day:
                return False, max((o.start for o in offices), default="")
            held = any(o.start[: len(day)] <= day and (not o.end or day <= _end_bound(o.end)) for o in offices)
            return held, max((o.start for o in offices if o.start[: len(day)] <= day), default="")

        return max(leaders, key=rank)


_INITIAL = re.compile(r"\b([A-Z])\.(?=\s)")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")


def _punctuation_variants(alias: str) -> set[str]:
    """The spellings news use for the same alias without its periods: a middle initial ("George W.
    Bush" -> "George W Bush") and the last period of dotted initials ("U.S." -> "U.S")."""
    out = set()
    if _INITIAL.search(alias):
        out.add(_INITIAL.sub(r"\1", alias))
    if _DOTTED.fullmatch(alias):
        out.add(alias[:-1])
    return out


def _end_bound(end: str) -> str:
    """'2012' -> '2012-12-31' so a year-only end date covers the whole year."""
    if len(end) == 4:
        return end + "-12-31"
    if len(end) == 7:
        return end + "-31"
    return end


def _rows(name: str) -> list[dict[str, str]]:
    try:
        return tsv_dicts("actors", name)
    except FileNotFoundError:
        return []


@lru_cache(maxsize=1)
def igo_seats() -> dict[str, list[str]]:
    """Capital -> kb ids of the international organisations seated there (data/actors/igo_seats.tsv):
    "Brussels" as a negotiating party is the EU when the article names the EU (docs/judging.md)."""
    out: dict[str, list[str]] = {}
    for r in _rows("igo_seats.tsv"):
        if r.get("seat") and r.get("igo"):
            out.setdefault(r["seat"], []).append(f"igo:{r['igo']}")
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lx = Lexicon()
    for c in countries().values():
        if c.kind == "place":
            continue  # located by the places stage, not coded as an actor
        code, name = c.code, c.name
        lx.country_names[code] = name
        if c.kind != "ethnic":  # an ethnic code stands for people ("Arabs"), not a place name
            region = c.kind == "region"
            ent = ActorEntry(f"country:{code}", "region" if region else "country", name, code, code,
                             "LOC" if region else "GPE", f"countries.tsv:{code}")
            for a in (name, *c.aliases):
                lx.add(a, ent)
        dem = ActorEntry(f"demonym:{code}", "demonym", name, code, code, "NORP", f"countries.tsv:{code}")
        for a in c.demonyms:
            lx.add(a, dem)
        for a in c.capitals:
            lx.add(a, ActorEntry(f"capital:{a}", "capital", a, code, code, "GPE", f"countries.tsv:{code}"))
        for a in c.seats:
            seat = a[4:] if a.lower().startswith("the ") else a
            lx.add(a, ActorEntry(f"seat:{seat}", "seat", seat, code + "GOV", code, "ORG", f"countries.tsv:{code}"))
    _load_parts(lx)
    for r in _rows("former_states.tsv"):  # "the Soviet Union": its own entity, not the successor's alias
        name, code = r.get("name", ""), r.get("code", "")
        former = ActorEntry(f"former-state:{name}", "country", name, code, code, "GPE", f"former_states.tsv:{name}")
        for a in [name, *split_cell(r.get("aliases", ""))]:
            for form in (a, *_punctuation_variants(a)):
                if form in lx.phrases:
                    lx.phrases[form] = [e for e in lx.phrases[form] if e.country != code]
            lx.add(a, former)
            for form in (a, *_punctuation_variants(a)):
                lx.phrases[form].sort(key=lambda e: e.kb_id != former.kb_id)
    for fname, kind in (("institutions.tsv", "institution"), ("igos.tsv", "igo")):
        for r in _rows(fname):
            name, code = r.get("name", ""), r.get("code", "")
            if not name or not code:
                continue
            country = code[:3] if code[:3] in lx.country_names else None
            ent = ActorEntry(f"{kind}:{name}", kind, name, code, country, "ORG", f"{fname}:{name}")
            for a in [name, *split_cell(r.get("aliases", ""))]:
                lx.add(a, ent)
    for r in _rows("leaders.tsv"):
        name, country, role = r.get("name", ""), r.get("country", ""), r.get("role", "") or "GOV"
        if not name or not country:
            continue
        kb = f"leader:{name}"
        start = r.get("start", "")
        lx.offices.setdefault(kb, []).append(
            Office(country, role, r.get("office", ""), start, r.get("end", ""), f"leaders.tsv:{name}@{start}"))
        _add_person(lx, ActorEntry(kb, "leader", name, country + role, country, "PERSON", f"leaders.tsv:{name}"),
                    [name, *split_cell(r.get("aliases", ""))])
    _load_people(lx)
    roles: dict[tuple[str, ...], str] = {}
    for r in _rows("roles.tsv"):
        pat, code = r.get("pattern", ""), r.get("code", "")
        for p in split_cell(pat):
            if not code:
                continue
            use = r.get("use", "")
            words = tuple(p.lower().split())
            # a hyphenated pattern also as separate words (the parser and the lemma split "sub-inspector"),
            # unless a row says otherwise
            split = tuple(p.lower().replace("-", " ").split())
            if re.fullmatch(r"[A-Z]{3}", use):  # a role word of one country's forces or offices
                lx.country_roles.setdefault(use, []).append((words, code))
                continue
            lx.head_words[" ".join(words)] = code
            if split != words:
                lx.head_words.setdefault(" ".join(split), code)
            if use != "head":  # "head" rows code only a phrase's head noun (event coder)
                roles[words] = code
                if split != words:
                    roles.setdefault(split, code)
    lx.roles = sorted(roles.items(), key=lambda kv: -len(kv[0]))
    lx.role_words = {k[0]: v for k, v in roles.items() if len(k) == 1}
    lx.country_role_words = frozenset(w[0] for rows in lx.country_roles.values() for w, _ in rows if len(w) == 1)
    for words, role in lx.roles:
        lx.roles_by_last.setdefault(words[-1], []).append((words, role))
    return lx


def _load_parts(lx: Lexicon) -> None:
    """Parts of a country that are entities of their own (data/regions.tsv, column ``entity`` = "part":
    England, Scotland, Wales, Northern Ireland): a place there is not the country, but its code is the
    country's (CAMEO codes the sovereign state)."""
    for r in tsv_rows("regions.tsv"):
        if len(r) < 7 or r[6].strip() != "part" or not r[2].strip():
            continue
        name, country = r[0].strip(), r[2].strip()
        ent = ActorEntry(f"part:{name}", "part", name, country, country, "GPE", f"regions.tsv:{name}")
        for a in (name, *split_cell(r[1])):
            lx.add(a, ent)


def _add_person(lx: Lexicon, ent: ActorEntry, names: list[str]) -> None:
    for a in names:
        if a.split()[0].lower().rstrip(".") in _TITLES and a != ent.name:
            continue  # "President Xi": the title is read from the context, the name from NER
        lx.add(a, ent)


def _load_people(lx: Lexicon) -> None:
    """People of us_people.tsv (built from the congress-legislators data by scripts/build_us_people.py).

    A person the table joins to a leaders.tsv row (column ``leader``) shares that row's kb_id, so the
    offices of both files are one person's; an office both files list (same office and start) is
    kept once, from the sourced table.  Two different people with one name get the id in the kb_id.
    """
    rows = _rows("us_people.tsv")
    leader_kbs = set(lx.offices)  # the people of leaders.tsv
    ids_by_name: dict[str, set[str]] = {}
    for r in rows:
        ids_by_name.setdefault(r.get("name", ""), set()).add(r.get("id", ""))
    for r in rows:
        pid, name, country, role = r.get("id", ""), r.get("name", ""), r.get("country", ""), r.get("role", "")
        if not pid or not name or not country or not role:
            continue
        joined = r.get("leader", "")
        if joined:
            kb = f"leader:{joined}"
        elif len(ids_by_name[name]) > 1 or f"leader:{name}" in leader_kbs:
            kb = f"leader:{name} ({pid})"
        else:
            kb = f"leader:{name}"
        office = Office(country, role, r.get("office", ""), r.get("start", ""), r.get("end", ""),
                        f"us_people.tsv:{pid}")
        held = lx.offices.setdefault(kb, [])
        held[:] = [o for o in held if (o.office, o.start) != (office.office, office.start)]
        held.append(office)
        ent = ActorEntry(kb, "leader", joined or name, country + role, country, "PERSON", f"us_people.tsv:{pid}")
        if r.get("gender"):
            lx.genders[kb] = r["gender"]
        _add_person(lx, ent, [name, *split_cell(r.get("aliases", ""))])


_RUN = re.compile(r"\w+")


@lru_cache(maxsize=65536)  # asked for every token of every article
def first_key(text: str) -> str:
    """The first run of word characters ("U.S." -> "U"): an index key for phrase look-ups."""
    m = _RUN.search(text)
    return m.group(0) if m else text


_TITLES = frozenset({"president", "prime", "pm", "chancellor", "king", "queen", "prince", "general", "gen",
                     "premier", "mr", "mrs", "ms", "dr", "sir", "lord", "sheikh", "emir", "minister",
                     "secretary", "senator", "sen", "rep", "governor", "gov", "chairman", "supreme", "ayatollah",
                     "former", "vice", "crown"})



# words for the members of any organisation: alone they are officials (GOV), after a role word the
# role's members ("cid officials", "police sources", "army officers")
MEMBER_WORDS = frozenset({"official", "officials", "officer", "officers", "personnel", "staff", "source",
                          "sources", "spokesman", "spokeswoman", "spokesperson", "team", "teams"})


# two-word names of sports whose second word is also a role word ("rugby union" is no trade union)
SPORT_ROLE_NAMES = frozenset({("rugby", "union"), ("rugby", "league")})


def sport_masked(words: Sequence[str]) -> list[str]:
    """Lower-case ``words`` with the role word of a sport's name blanked ("former England rugby union
    captain": the union is the game, not a trade union)."""
    out = list(words)
    for j in range(1, len(out)):
        if (out[j - 1], out[j]) in SPORT_ROLE_NAMES:
            out[j] = ""
    return out


HYPHENS = frozenset({"-", "\u2013", "\u2011"})


def without_hyphens(words: Sequence[str]) -> tuple[list[str], list[int]]:
    """``words`` less the hyphens the tokenizer split off ("anti", "-", "terrorist"), and the index in
    ``words`` of each word kept: a hyphenated role pattern is also stored as separate words ("anti
    terrorist squad"), so the two read alike."""
    keep = [i for i, w in enumerate(words) if w not in HYPHENS]
    return [words[i] for i in keep], keep


def role_of_words(words: list[str]) -> str | None:
    """The role code named by a sequence of lower-case words ("foreign", "minister") or None.

    The rightmost, then longest, match wins: it is the head of the phrase ("opposition leader").
    A word for members of any organisation ("officials", "personnel": ``MEMBER_WORDS``) matched
    alone takes the role of a role word right before it: "cid officials", "army personnel" are the
    police's and the army's, as "police officials" is.
    """
    by_last = lexicon().roles_by_last
    words = sport_masked(without_hyphens(words)[0])

    def ending_at(j: int) -> tuple[int, str] | None:
        for pat, code in by_last.get(words[j], ()):  # longest first
            k = len(pat)
            if j + 1 >= k and tuple(words[j + 1 - k:j + 1]) == pat:
                return k, code
        return None

    for j in range(len(words) - 1, -1, -1):
        got = ending_at(j)
        if got is not None:
            k, code = got
            if k == 1 and words[j] in MEMBER_WORDS and j > 0:
                owner = ending_at(j - 1)
                if owner is not None:
                    return owner[1]
            return code
    return None


def country_role(words: Sequence[str], country: str | None) -> str | None:
    """The role a phrase's words give in ``country`` by a row of roles.tsv for that country only ("para-military
    forces" in India are its central armed police: COP), wherever in the phrase the row's words stand; None
    when no such row applies.  ``words``: the phrase's words in lower case ("para-military" may be split)."""
    rows = lexicon().country_roles.get(country or "")
    if not rows:
        return None
    flat = [w for w in " ".join(words).replace(" - ", "-").replace("-", " ").split() if w]
    for pat, code in rows:
        pw = [w for w in " ".join(pat).replace("-", " ").split() if w]
        if any(flat[i:i + len(pw)] == pw for i in range(len(flat) - len(pw) + 1)):
            return code
    return None


def country_role_span(words: Sequence[str], country: str | None) -> tuple[str, int, int] | None:
    """The rightmost, then longest, row of roles.tsv for ``country`` only in lower-case ``words``: (code,
    start, end), as ``coding.role_span`` finds the rows that apply everywhere ("inspector" before a name in an
    Indian story is a police rank: COP); None without such a row or country."""
    rows = lexicon().country_roles.get(country or "")
    if not rows:
        return None
    for j in range(len(words) - 1, -1, -1):
        for pat in sorted((p for p, _ in rows if p[-1] == words[j]), key=len, reverse=True):
            k = len(pat)
            if j + 1 >= k and tuple(words[j + 1 - k:j + 1]) == pat:
                return next(c for p, c in rows if p == pat), j + 1 - k, j + 1
    return None


_WORD = re.compile(r"[\w.'’-]+")
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "lady", "queen"})
_MALE_TITLES = frozenset({"mr", "sir", "lord", "king"})


def _same_person(lx: Lexicon, e: ActorEntry, tokens: list[str], i: int, k: int) -> bool:
    """Whether a leader's alias at ``tokens[i:i+k]`` can be that leader: a surname alone is not when a
    different given name comes before it ("Ana Ruiz") or a title of the other sex ("Mrs. Ruiz")."""
    if k >= len(e.name.split()) or i == 0:
        return True
    prev = tokens[i - 1]
    title = prev.lower().rstrip(".")
    gender = lx.genders.get(e.kb_id)
    if title in _FEMALE_TITLES or title in _MALE_TITLES:
        return gender is None or gender == ("F" if title in _FEMALE_TITLES else "M")
    # a given name: a capitalised plain word that is not a title, a place or a demonym ("Iran's Rouhani")
    return not (prev[:1].isupper() and prev.isalpha() and title not in _TITLES and prev not in e.name.split()
                and not lx.phrases.get(prev))



def code_phrase(text: str, lookup: Callable[[str], list[ActorEntry] | None] | None = None) -> str | None:
    """Code a free phrase: 'Chinese customs' -> CHNGOV, 'Russian troops' -> RUSMIL, 'the Kremlin' -> RUSGOV.

    The country comes from a country name, demonym, capital or seat; the role from the
    role words; a phrase with a country and no role gives the country alone.  ``lookup`` finds a
    phrase's lexicon entries (default: the lexicon's; the entity stage reads ambiguous names such as
    "Congress" in the article's context).  Only the default lookup is cached: a lookup bound to an
    article's context would make every call a new cache key.
    """
    return _code_phrase_cached(text) if lookup is None else _code_phrase(text, lookup)


@lru_cache(maxsize=65536)  # pure over the static lexicon; asked for the same phrases again and again
def _code_phrase_cached(text: str) -> str | None:
    return _code_phrase(text, lexicon().phrases.get)


def _code_phrase(text: str, find: Callable[[str], list[ActorEntry] | None]) -> str | None:
    lx = lexicon()
    tokens = _WORD.findall(text)
    country: str | None = None
    code: str | None = None
    # the words of a matched place name are no role words ("the Soviet Union" is no union, "the West Bank" no
    # bank); an organisation's may be ("the Norwegian Refugee Council": REF)
    named: set[int] = set()

    def longest(i: int) -> tuple[int, list[ActorEntry]] | None:
        """The longest lexicon name at ``tokens[i]``: (its number of words, its entries)."""
        for k in (4, 3, 2, 1):
            cand = " ".join(tokens[i:i + k])
            entries = find(cand) or find(cand.title() if cand.islower() else cand)
            if entries and entries[0].kind == "leader":  # "Mrs. Ana Ruiz": not a leader with her surname
                entries = [e for e in entries if e.kind != "leader" or _same_person(lx, e, tokens, i,
                                                                                     len(tokens[i:i + k]))]
            if entries and entries[0].name.lower().startswith("the ") and len(entries[0].name.split()) == 2 \
                    and len(tokens[i:i + k]) == 1 and len(tokens) > 1 and tokens[i].lower() != "the":
                entries = None  # "Vishwa Hindu Parishad": a "The X" title's word inside another name
            if entries:
                return len(tokens[i:i + k]), entries
        return None

    i = 0
    while i < len(tokens):
        hit = longest(i)
        if tokens[i].lower() == "the" and i + 1 < len(tokens):
            # "the West Bank" is the West Bank, not "the West" and a bank: the longer name after "the" wins
            after = longest(i + 1)
            if after is not None and (hit is None or after[0] >= hit[0]):
                i, hit = i + 1, after
        if hit is None:
            i += 1
            continue
        k, entries = hit
        e = entries[0]
        country = country or e.country
        if e.kind in ("seat", "institution", "igo", "leader") and code is None:
            code = e.code
        if e.kind in ("country", "region", "capital"):
            named.update(range(i, i + k))
        i += k
    role = role_of_words([t.lower() for j, t in enumerate(tokens) if j not in named])
    if code and role and code[3:] == "":
        return code + role
    if code:
        return code
    if country and role:
        return country + role
    if country:
        return country
    return None
