"""Coding a person or organisation from the words around it, and names whose country is not what
they seem.  Used by the entity stage (newsgraph/nlp/entities.py); every result says which rule or
table row gave the code (``source``), for ``newsgraph show`` and for debugging.

- Title words ("Sen.", "House Speaker", "Indian police commissioner", "a spokesman for the State
  Department") give a role from data/actors/roles.tsv and a country from the phrase, else from the
  article's country context (actors/context.py), else from the title's own country
  (data/actors/role_countries.tsv: "Sen." is a U.S. title).  A spokesman carries the code of the
  organisation they speak for.
- Candidacy ("Republican nominee", "candidate for president", "who is running for"): a candidate
  holds no office, so a role named in the candidacy ("president", "Senate") is dropped and only
  the country stays.  CAMEO has no candidate type; OPP means opposition to the government, which
  the governing party's candidate is not, and PTY is a PETRARCH-only type, so no role is the
  honest code.  An office named outside the candidacy ("candidate Sen. Jane Doe") is kept.
- A possessive role ("the Queen's tour", "the president's wife") is the possessor's: it passes no
  role or country to what follows.
- "-elect" after a title ("President-elect") holds no office yet: the role is dropped, as for a candidate.
- "former", "ex-", "formerly", "previously", "the late" and "then-" before a role keep no office on the
  article's date: the role becomes ELI (elites), the same convention as ``Lexicon.leader_role`` uses for
  former leaders.
- A place name in front of an institution word ("Columbia University", "Jordan Hospital";
  data/actors/institution_words.tsv) does not make the institution that country's.
- Ambiguous names ("Congress"; data/actors/ambiguous.tsv) take the article's context.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import tsv_dicts
from .context import CountryContext, leading
from .lexicon import ActorEntry, Lexicon, lexicon, role_of_words

CANDIDACY = frozenset({"candidate", "candidates", "nominee", "nominees", "hopeful", "hopefuls", "contender",
                       "challenger", "frontrunner", "front-runner"})
FORMER = frozenset({"former", "ex", "ex-", "erstwhile", "onetime", "one-time", "retired", "formerly", "previously"})
# words that put an office in the past: "former", "the late", "then-": on the article's date it is not held
PAST = FORMER | {"late", "then"}
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "press secretary"})
SPOKES_PREP = frozenset({"for", "of", "at"})
PLACE_KINDS = frozenset({"country", "capital", "region", "part"})
# titles of a head of state or government: a country's context gives them only when leaders.tsv lists an
# office of that country with the word (a U.K. context does not make "President Jane Doe" British)
# posts that every kind of organisation has: qualified by a named organisation ("the Acme president",
# "president of the Widget Association") they are that organisation's, not a government's
ORG_POSTS = frozenset({"president", "vice president", "vice-president", "chairman", "chairwoman", "chair",
                       "chairperson", "director", "director general", "director-general", "head", "chief",
                       "secretary general", "secretary-general", "general secretary", "founder", "chief executive",
                       "ceo", "leader", "treasurer", "chancellor", "vice-chancellor", "vice chancellor"})
# head nouns of an organisation's name, in any case ("the muslim personal law board"): the words before a
# post that contain one name an organisation
ORG_NOUNS = frozenset({"association", "board", "society", "foundation", "charity", "trust", "federation",
                       "institute", "university", "college", "company", "firm", "corporation", "group",
                       "club", "league", "union", "forum", "organisation", "organization", "committee",
                       "council", "network", "agency", "bank", "church", "party", "movement", "front",
                       "academy", "school", "hospital", "inc", "inc.", "ltd", "plc", "corp", "corp."})
# words that make an organisation religious (CAMEO REL)
RELIGIOUS = frozenset({"muslim", "muslims", "islamic", "christian", "catholic", "hindu", "jewish", "sikh",
                       "buddhist", "church", "mosque", "temple", "diocese", "synagogue", "sufi", "waqf",
                       "religious", "clerics", "evangelical", "anglican", "orthodox"})
# words before a post that do not name an organisation ("Former President", "Acting Chairman")
_POST_MODIFIERS = frozenset({"former", "then", "acting", "shadow", "lord", "deputy", "interim", "senior", "outgoing",
                             "incoming", "new", "late", "ex", "founding", "first", "current", "the", "a", "an", "joint",
                             "assistant", "associate", "executive", "managing", "its", "his", "her", "their",
                             "our", "vice", "co", "'s", "’s", "-", "and", "of"})
# posts a government sends to an international organisation: "UN Ambassador Jane Doe" is her country's
_POSTED_TO = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "representative", "delegate",
                        "delegates", "observer"})
# words between two posts of one organisation ("president and chief operating officer of Acme")
_POST_LINKS = frozenset({"and", "chief", "executive", "operating", "financial", "officer", "managing", "director",
                         "co-founder", "founder", "chairman", "ceo", "&"})
# posts held only in parties, unions and associations (a Communist state's general secretary is its
# party's): never a government office
NON_GOVERNMENT_POSTS = frozenset({"general secretary", "general-secretary", "unit secretary", "unit president"})
# words before "secretary"/"president" that make one post of them ("state president" of a party)
_LEVELS = frozenset({"general", "state", "district", "city", "national", "provincial", "regional", "unit"})
# "state secretary", "national president": a party's or an association's post when the words before
# them name an organisation, else left to the role table (a "State Secretary" is a minister in Germany)
LEVEL_POSTS = frozenset({f"{lv} {p}" for lv in _LEVELS - {"general"} for p in ("secretary", "president")})
# words that make a general secretary a government's ("the cabinet general secretary" is rare; the UN's
# Secretary-General is an IGO post the lexicon codes)
_GOVERNMENT_QUALIFIERS = frozenset({"cabinet", "government", "ministry", "presidency"})
# head nouns of a state body's name: a title ending in one right before a person's name names no post
# ("the Secret Service Jane Doe"); a firm's nouns do describe a name typed PERSON ("technology firm Acme")
_ORG_FINAL = frozenset({"agency", "service", "services", "ministry", "department", "office", "bureau", "police",
                        "army", "navy", "court", "parliament", "senate", "congress", "government", "administration"})
GOVERNING_ROLES = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})  # offices a former holder no longer holds
HEAD_TITLES = frozenset({"president", "prime", "premier", "chancellor", "king", "queen", "emir", "sultan",
                         "monarch"})


@dataclass(frozen=True)
class Coded:
    """An actor code with its country, a description of the role, and the rule or row behind it."""

    code: str | None
    country: str | None
    desc: str | None
    source: str | None
    role: str | None = None  # the CAMEO role part of ``code``


@lru_cache(maxsize=1)
def institution_words() -> dict[tuple[str, ...], str]:
    """Institution head words ("University", "Medical Center") -> CAMEO role ('' = none)."""
    return {tuple(r["word"].split()): r.get("code", "") for r in tsv_dicts("actors", "institution_words.tsv")
            if r.get("word")}


@lru_cache(maxsize=1)
def role_countries() -> list[tuple[tuple[str, ...], str]]:
    """Title patterns of one country's offices ("sen." -> USA), longest first."""
    rows = [(tuple(r["pattern"].lower().split()), r["country"]) for r in tsv_dicts("actors", "role_countries.tsv")
            if r.get("pattern") and r.get("country")]
    return sorted(rows, key=lambda kv: -len(kv[0]))


@lru_cache(maxsize=1)
def ambiguous_names() -> dict[str, dict[str, ActorEntry]]:
    """Ambiguous name -> {context country -> the lexicon entry it then stands for}."""
    lx = lexicon()
    out: dict[str, dict[str, ActorEntry]] = {}
    for r in tsv_dicts("actors", "ambiguous.tsv"):
        entries = lx.phrases.get(r.get("means", ""))
        if r.get("name") and r.get("country") and entries:
            out.setdefault(r["name"], {})[r["country"]] = entries[0]
    return out


def phrase_entries(lx: Lexicon, phrase: str, ctx: CountryContext) -> list[ActorEntry] | None:
    """The lexicon entries of a phrase inside title words, an ambiguous name ("Congress") read in the
    article's context: the Indian party in an Indian article; no entry when the context is unclear."""
    if phrase in ctx.redefined:
        return None  # the article defines the acronym as another body
    entries = lx.phrases.get(phrase)
    if entries and phrase.removeprefix("the ").removeprefix("The ") in ambiguous_names():
        _amb, entry, _src = ambiguous_entry([phrase], ctx)
        return [entry] if entry is not None else None
    return entries


def institution_at(words: Sequence[str], i: int) -> tuple[int, str] | None:
    """(length, role) of an institution word starting at ``words[i]``, else None."""
    table = institution_words()
    for k in (2, 1):
        key = tuple(words[i:i + k])
        if len(key) == k and key in table:
            return k, table[key]
    return None


def inside_institution(words: Sequence[str], end: int) -> bool:
    """True when the place name ending before ``words[end]`` is followed by an institution word,
    possibly after more capitalised words ("Columbia University", "Georgia Tech", "Jordan Memorial
    Hospital")."""
    j = end
    while j < len(words) and j - end <= 3:
        if institution_at(words, j):
            return True
        if not words[j][:1].isupper():
            return False
        j += 1
    return False


def institution_head(name: str) -> tuple[str, str] | None:
    """(head word, role) when a name ends with an institution word and starts with a place that is
    not its country ("Georgetown University"); names "X of Y" are left alone (see the data file)."""
    words = name.split()
    if len(words) < 2:
        return None
    for k in (2, 1):
        hit = institution_at(words, len(words) - k)
        if hit and hit[0] == k:
            return " ".join(words[-k:]), hit[1]
    return None


def ambiguous_entry(names: Sequence[str], ctx: CountryContext) -> tuple[bool, ActorEntry | None, str | None]:
    """(is ambiguous, entry, source) for a group whose every name is an ambiguous name ("Congress")."""
    table = ambiguous_names()
    stripped = [n[4:] if n.lower().startswith("the ") else n for n in names]
    if not stripped or any(n not in table for n in stripped):
        return False, None, None
    name = stripped[0]
    if ctx.country and ctx.country in table[name]:
        return True, table[name][ctx.country], f"ambiguous.tsv:{name}+context:{ctx.country}"
    # no clear country overall (a U.S.-British story): the name's own countries may still be told apart
    country = leading({c: ctx.scores.get(c, 0.0) for c in table[name]})
    if country is not None:
        return True, table[name][country], f"ambiguous.tsv:{name}+context-among-rows:{country}"
    return True, None, f"ambiguous.tsv:{name}+no-clear-context"


def role_span(words: Sequence[str], lx: Lexicon, skip: set[int] | None = None) -> tuple[str, int, int] | None:
    """The rightmost, then longest, role pattern in lower-case ``words``: (code, start, end); a pattern
    whose words all lie in ``skip`` (inside a name the lexicon knows: "Parliament" of "European
    Parliament") is passed over."""
    for j in range(len(words) - 1, -1, -1):
        for pat, code in lx.roles_by_last.get(words[j], ()):
            k = len(pat)
            if j + 1 >= k and tuple(words[j + 1 - k:j + 1]) == pat:
                if skip and set(range(j + 1 - k, j + 1)) <= skip:
                    continue
                return code, j + 1 - k, j + 1
    return None


def _title_country(low: Sequence[str]) -> str | None:
    for pat, country in role_countries():
        k = len(pat)
        if any(tuple(low[i:i + k]) == pat for i in range(len(low) - k + 1)):
            return country
    return None


def code_title(words: Sequence[str], ctx: CountryContext, *, is_person: bool,
               code_at: Callable[[int], tuple[str | None, str | None]] | None = None,
               candidacy: bool = False, fill: bool = True, before_name: bool = False) -> Coded | None:
    """Code a person or organisation from title or appositive words.

    ``words`` are the words before a name ("Indian", "police", "commissioner") or of an appositive
    ("a", "spokesman", "for", "the", "State", "Department"); ``code_at(i)`` gives the (code, source)
    of a named entity at ``words[i]`` when the caller knows one; ``candidacy`` is set when the
    sentence says the person is running ("who is running for governor"); with ``fill`` false a
    role without a country in the words is returned without one (``fill_country`` adds it later).
    """
    lx = lexicon()
    low = [w.lower() for w in words]
    country: str | None = None
    bare_country_last = False
    leader_country: str | None = None
    seat: tuple[str, str] | None = None  # (code, source) of a seat or institution named in the words
    found: list[tuple[int, str, str]] = []  # (index, code, source) of lexicon hits, for "spokesman for X"
    covered: set[int] = set()  # the word indices of those hits
    first_span = role_span(low, lx)
    title_span = range(first_span[1], first_span[2]) if first_span else range(0)  # "Foreign Minister"
    i = 0
    while i < len(words):
        step = 1
        for k in (3, 2, 1):
            entries = phrase_entries(lx, " ".join(words[i:i + k]), ctx)
            n = len(words[i:i + k])
            if entries and is_person and i + n == len(words) and entries[0].name.lower().startswith("the ") \
                    and (i == 0 or low[i - 1] != "the") and n == len(entries[0].name.split()) - 1:
                entries = None  # "Economist Jane Doe": a job title before the name, not "The Economist"
            if entries:
                e = entries[0]
                step = k
                if e.kind in PLACE_KINDS and inside_institution(words, i + k):
                    hit = institution_at(words, i + k) or (1, "")
                    step = k + hit[0]  # "Columbia University": the place names the institution, not a country
                elif e.kind == "leader":  # "Putin aide": the leader's country, not the leader's role
                    leader_country = leader_country or e.country
                elif e.kind == "region" and _in_name(words, i, i + k, lx, skip=title_span):
                    pass  # "GM Europe's chief", "the Europe Program": a region inside a name is no country
                elif e.kind == "demonym" and _in_name(words, i + k, i + k, lx, skip=title_span):
                    pass  # "Irish Lions coach", "the German Marshall Fund": a demonym opening a name
                else:
                    if country is None and e.kind in ("country", "capital") and i + n == len(words):
                        bare_country_last = True  # "Germany Catherine": a country noun right before a name
                    country = country or e.country
                    if e.kind in ("seat", "institution", "igo") and len(e.code) > 3 \
                            and not (is_person and i + k == len(words) and e.kind != "seat"):
                        # (an organisation's name right before a person's is no post: "... the Secret
                        # Service Jane Doe"; a seat is: "Kremlin's Jane Doe" is its official)
                        seat = seat or (e.code, f"lexicon:{e.kb_id}")
                    found.append((i, e.code, f"lexicon:{e.kb_id}"))
                    if k > 1:  # a longer name ("European Union"); a one-word name is its own role word
                        covered.update(range(i, i + k))
                break
        i += step
    # "a spokesman for the State Department" / "State Department spokesman": the organisation's code
    for s, w in enumerate(low):
        if w not in SPOKES and " ".join(low[s:s + 2]) not in SPOKES:
            continue
        after = [f for f in found if f[0] > s and low[s + 1:s + 2] and low[s + 1] in SPOKES_PREP]
        if after:
            return Coded(after[0][1], after[0][1][:3] if after[0][1][:3] in lx.country_names else None,
                         " ".join(words), f"spokesperson-for:{after[0][2]}", after[0][1][3:] or None)
        if code_at is not None and s + 1 < len(low) and low[s + 1] in SPOKES_PREP:
            for j in range(s + 2, len(words)):
                code, src = code_at(j)
                if code:
                    return Coded(code, code[:3] if code[:3] in lx.country_names else None, " ".join(words),
                                 f"spokesperson-for:{src}", code[3:] or None)
        before = [f for f in found if f[0] < s]
        if before and is_person:
            f = before[-1]
            code = f[1]
            between = role_of_words(low[f[0] + 1:s]) if len(code) == 3 and f[0] + 1 < s else None
            if between:  # "French government spokesman": the government's, not the bare country's
                code += between
            return Coded(code, code[:3] if code[:3] in lx.country_names else None, " ".join(words),
                         f"spokesperson-for:{f[2]}" + (f"+role:{between}" if between else ""), code[3:] or None)
    named_country = country
    country = country or leader_country
    span = role_span(low, lx, covered) or role_span(low, lx)
    igo = next((f for f in found if f[1].startswith(("IGO", "NGO"))), None)
    igo_at_end = bool(span and igo is not None and span[2] == len(low) and set(range(span[1], span[2])) <= covered)
    role = span[0] if span else None
    notes: list[str] = []
    if span:
        notes.append("role:" + " ".join(words[span[1]:span[2]]))
        org = _post_of_organisation(words, low, span, lx, code_at, ctx)
        if org is not None:
            return org
    cand_at = next((j for j, w in enumerate(low) if w in CANDIDACY), None)
    if span and (candidacy or cand_at is not None):
        in_candidacy = cand_at is None or span[1] < cand_at or (
            span[1] > cand_at and "for" in low[cand_at:span[1]])
        if in_candidacy:
            role = None
            notes.append("candidacy")
    if span and low[span[2]:span[2] + 1] in (["'s"], ["’s"], ["'"]):
        # "the Queen's tour", "the president's plane": the role is the possessor's, not the thing's
        return None
    if span and role and (low[span[2]:span[2] + 1] == ["elect"] or low[span[2]:span[2] + 2] == ["-", "elect"]):
        role = None  # "President-elect": not in office yet, so no office's role (as a candidate's)
        notes.append("elect")
    if span and role and any(w in PAST or w.startswith("ex-") for w in low[:span[1]]):
        role = "ELI"
        notes.append("former")
    if span and role and set(range(span[1], span[2])) <= covered and not igo_at_end:
        role = None  # "anti-European Union figure": the role word is part of a name the lexicon knows
        notes.append("role-inside-name")
    if span and role in ("GOV", "LEG") and "shadow" in low[:span[1]]:
        role = "OPP"  # "shadow chancellor": the opposition's spokesperson for the office, not its holder
        notes.append("shadow")
    if span and role and role != "ELI" and named_country is None and igo is not None and is_person \
            and (igo_at_end or not covered & set(range(span[1], span[2]))) \
            and (igo[0] < span[1] or igo_at_end or low[span[2]:span[2] + 1] in (["of"], ["at"])) \
            and low[span[2] - 1] not in _POSTED_TO:
        # (the organisation before the post or after "of"/"at": "Secretary of State for Exiting the EU"
        # and "ambassador to the EU" are a government's posts, and so is a "UN ambassador": a country's
        # envoy to the organisation)
        # (not the "Union" of "anti-European Union figure"; "the European Parliament Antonio Tajani" is)
        # "the EU's chief negotiator", "president of the European Parliament": an official of the
        # international organisation, whatever their home country
        return Coded(igo[1], None, " ".join(words), "+".join([*notes, f"official-of:{igo[2]}"]), igo[1][3:] or None)
    if seat and not role and not notes:
        role = seat[0][3:]
        notes.append(seat[1])
        if any(w in PAST or w.startswith("ex-") for w in low) and role in GOVERNING_ROLES:
            role = "ELI"  # "Former Downing Street communications chief": no office any more
            notes.append("former")
    if role is None and country is None:
        return None
    if before_name and is_person and role is None and bare_country_last:
        # a country's noun (not its demonym, not "Germany's") right before a name is no nationality: a
        # caption's "... Poland and Germany Catherine ..." ran a place into the name
        return None
    if before_name and not is_person and span and role and low[span[1]:span[2]] == ["official"] \
            and span[2] == len(low):
        role = None  # "the official Pakistan news channel": the adjective, not an official
        notes.append("official-adjective")
    if before_name and is_person and role and span and span[2] < len(low) \
            and any(w[:1].isupper() for w in words[span[1]:span[2]]) and all(
            w.isalpha() and w.islower() and len(w) > 1 and w not in lx.head_words and w not in _POST_MODIFIERS
            for w in words[span[2]:]):
        # "Members of the Secret Service rush Trump": a verb tagged as a noun after the capitalised role,
        # so the role words are not a title of the name (lower-cased copy writes titles and names alike)
        role = None
        notes.append("role-not-before-name")
    if is_person and role and span and span[2] == len(low) and low[-1] in _ORG_FINAL and role != "ELI" \
            and "of" not in low[span[1]:span[2]]:
        # "... the Secret Service Jane Doe": an organisation's name is no post of the person's (but a post
        # "of" the organisation is: "superintendent of police Jane Doe")
        role = None
        notes.append("organisation-before-name")
    if is_person and role and role not in PERSON_ROLES:
        role = None  # "Kremlin aide" keeps GOV; a person is not a "ministry"
    if country:
        notes.append(f"phrase:{country}")
    out = Coded(((country or "---") + role) if role else country, country, " ".join(words) or None,
                "+".join(notes) or None, role)
    return fill_country(out, ctx) if fill else out


def _in_name(words: Sequence[str], start: int, end: int, lx: Lexicon, *, skip: range = range(0)) -> bool:
    """Whether ``words[start:end]`` sits inside a longer proper name: a capitalised neighbour that is
    neither a lexicon name nor a role word nor in the title ``skip`` ("GM Europe", "Europe Program",
    "Irish Lions"; not "Russian Foreign Minister").  With ``start == end`` only the next word counts."""
    for j in ((start - 1, end) if start < end else (end,)):
        if 0 <= j < len(words) and j not in skip:
            w = words[j].removesuffix("'s").removesuffix("’s")
            if w[:1].isupper() and not lx.phrases.get(w) and w.lower() not in lx.head_words \
                    and w.lower() not in _POST_MODIFIERS:
                return True
    return False


def _org_words(words: Sequence[str], low: Sequence[str], lx: Lexicon) -> list[int]:
    """Indices of ``words`` that name an organisation rather than a country or a post: a capitalised
    word the lexicon does not know ("Netcraft", "Acme") or an organisation head noun ("board")."""
    out: list[int] = []
    i = 0
    while i < len(words):
        k = next((k for k in (3, 2, 1) if i + k <= len(words) and lx.phrases.get(" ".join(words[i:i + k]))), 0)
        if k:
            i += k
            continue
        w = low[i].strip("'’")
        if w in ORG_NOUNS or _lower_acronym(w) or (
                words[i][:1].isupper() and w not in _POST_MODIFIERS and w not in lx.head_words
                and w.rstrip("s'’") not in _POST_MODIFIERS and w not in ("'s", "’s")):
            out.append(i)
        i += 1
    return out


def _lower_acronym(w: str) -> bool:
    """An organisation's acronym in lower-cased copy ("vhp", "rss"): two to five letters without a vowel."""
    return w.isalpha() and 2 <= len(w) <= 5 and not set(w) & set("aeiouy")


def _post_of_organisation(words: Sequence[str], low: Sequence[str], span: tuple[str, int, int], lx: Lexicon,
                          code_at: Callable[[int], tuple[str | None, str | None]] | None,
                          ctx: CountryContext) -> Coded | None:
    """A post ("president", "chief executive") qualified by a named organisation that is not a country's
    government: the organisation's code, or its sector and the country the words name; None when the post
    is not qualified that way (a country's own title, "President of France", "Russian President").

    The qualifier is the words before the post ("the Acme president", "European Parliament President") or
    after it behind "of"/"at" ("president of the Widget Association").
    """
    code, start, end = span
    if start > 0 and low[start - 1] in _LEVELS and low[start:end] in (["secretary"], ["president"]):
        start -= 1  # "general secretary", "state secretary", "state president": one post
    post = " ".join(low[start:end])
    before = list(range(0, start))
    link = end
    while link < len(low) and link - end < 5 and low[link] in _POST_LINKS:
        link += 1  # "president and chief operating officer of Acme": the posts share the organisation
    after = list(range(link + 1, len(words))) if link < len(words) and low[link] in ("of", "at") else []
    if "its" in low[:start] or "their" in low[:start]:
        # "its state president": the post of an organisation named before, not a government's
        return _post_of_named_organisation(words, before + after, start, lx, code_at, ctx, " ".join(words)) \
            or Coded(None, None, " ".join(words), f"post-of:its-organisation:{' '.join(low[start:end])}")
    qual = before + after
    desc = " ".join(words)
    if post in NON_GOVERNMENT_POSTS and not any(w in _GOVERNMENT_QUALIFIERS for w in low[:start]):
        # a general secretary is an officer of a party, union or association, never a government's: the
        # organisation's code when the words name it, else no code rather than a guess
        return _post_of_named_organisation(words, qual, start, lx, code_at, ctx, desc) \
            or Coded(None, None, desc, f"post-of:organisation:{post}")
    if post == "secretary" and before:
        # "the Acme Party's secretary", "XYZ secretary": a secretary of a named organisation (a party, a
        # movement) or of one named by an acronym the lexicon does not know holds no government office
        org_code = _post_of_named_organisation(words, before, start, lx, code_at, ctx, desc)
        if org_code is not None:
            return org_code
        if any(len(words[i]) > 1 and words[i].isalpha() and words[i].isupper() and not lx.phrases.get(words[i])
               for i in before):
            return Coded(None, None, desc, "post-of:organisation:secretary")
    if post not in ORG_POSTS and low[end - 1] not in ORG_POSTS and post not in LEVEL_POSTS:
        return None
    if not qual:
        return None
    known = _post_of_named_organisation(words, qual, start, lx, code_at, ctx, desc)
    if known is not None:
        return known
    org = [i for i in _org_words(words, low, lx) if i in qual]
    if not org:
        return None  # a country's own title; "State Secretary" alone is a government rank in some countries
    # the organisation's country: a country or demonym among the qualifier's words (never a region)
    country = next((named[0].country for i in qual for k in (3, 2, 1)
                    if (named := lx.phrases.get(" ".join(words[i:i + k])))
                    and named[0].kind in ("country", "demonym") and named[0].country
                    and not (named[0].kind == "demonym" and _in_name(words, i + k, i + k, lx))), None)
    sector: str | None = None
    if any(low[i].strip("'’") in RELIGIOUS for i in qual):
        sector = "REL"
    else:
        for i in qual:
            head = institution_at([w.capitalize() for w in words], i)
            if head and head[1]:
                sector = head[1]
                break
    if sector is None and code in ("BUS", "MNC"):
        sector = code  # a chief executive of an unknown organisation: most often a firm's
    if sector is None and country is None:
        return Coded(None, None, desc, "post-of:organisation")
    src = "post-of:organisation" + (f"+sector:{sector}" if sector else "") + (f"+phrase:{country}" if country else "")
    return Coded(((country or "---") + sector) if sector else country, country, desc, src, sector)


def _post_of_named_organisation(words: Sequence[str], qual: Sequence[int], start: int, lx: Lexicon,
                                code_at: Callable[[int], tuple[str | None, str | None]] | None,
                                ctx: CountryContext, desc: str) -> Coded | None:
    """The code of a non-government organisation the qualifier words name: one the lexicon or the caller
    knows ("European Parliament President", "Congress president" in an Indian article), else a party
    named by the word "party" ("Nationalist Communist Party general secretary": PTY, the country from
    the words or the article's context)."""
    for i in qual:
        for k in (4, 3, 2, 1):
            entries = phrase_entries(lx, " ".join(words[i:i + k]), ctx)
            if entries and i + k <= (start if i < start else len(words)):
                e = entries[0]
                if i + k < start and words[i + k][:1].isupper() and not lx.phrases.get(words[i + k]):
                    break  # "Vishwa Hindu Parishad": the phrase is a piece of a longer name, not "The Hindu"
                if e.kind in ("igo", "institution") and not e.code.endswith("GOV"):
                    return Coded(e.code, e.country, desc, f"post-of:lexicon:{e.kb_id}", e.code[3:] or None)
                break
        if code_at is not None:
            oc, src = code_at(i)
            if oc and len(oc) > 3 and not oc.endswith("GOV"):
                return Coded(oc, oc[:3] if oc[:3] in lx.country_names else None, desc, f"post-of:{src}",
                             oc[3:] or None)
    if any(words[i].lower() in ("party", "party's") for i in qual):
        country = next((named[0].country for i in qual for k in (3, 2, 1)
                        if (named := lx.phrases.get(" ".join(words[i:i + k])))
                        and named[0].kind in ("country", "demonym") and named[0].country), None)
        how = f"phrase:{country}" if country else ""
        if country is None and ctx.country:
            country, how = ctx.country, f"context:{ctx.country}"
        if country is None:
            return Coded(None, None, desc, "post-of:party")
        return Coded(country + "PTY", country, desc, f"post-of:party+{how}", "PTY")
    return None


@lru_cache(maxsize=1)
def _national_words() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The lower-case words of each country's offices (leaders.tsv), and of its institutions' names per
    country + role ("USALEG": congress, senate, house, ...; institutions.tsv)."""
    lx = lexicon()
    offices: dict[str, set[str]] = defaultdict(set)
    for rows in lx.offices.values():
        for o in rows:
            offices[o.country] |= set(o.office.lower().split())
    institutions: dict[str, set[str]] = defaultdict(set)
    for alias, entries in lx.phrases.items():
        for e in entries:
            if e.kind == "institution" and e.country and e.code.startswith(e.country):
                institutions[e.code[:6]] |= set(alias.lower().split())
    return offices, institutions


def context_fits(words: Sequence[str], country: str, *, role: str | None = None) -> bool:
    """Whether the context country can hold this title, or this institution name of role ``role``.

    A head-of-state title needs an office of that country with the word (leaders.tsv). A bare
    institution name ("Parliament", "Senate") fits a country that has no listed institution of that
    role, or one named with all its words (institutions.tsv: "British Parliament", "U.S. Senate"), so
    a U.S. context, which has Congress, does not turn "Parliament" into the U.S. legislature.
    """
    offices, institutions = _national_words()
    low = [w.lower() for w in words]
    if role is not None:
        named = institutions.get(country + role[:3])
        return named is None or all(w in named for w in low if w != "the")
    return all(w in offices.get(country, ()) for w in low if w in HEAD_TITLES)


def fill_country(c: Coded, ctx: CountryContext) -> Coded:
    """A role without a country takes the title's own country (role_countries.tsv), else the context's."""
    if c.country or not c.role:
        return c
    country = _title_country((c.desc or "").lower().split())
    how = f"title-country:{country}" if country else ""
    if country is None and ctx.country and context_fits((c.desc or "").split(), ctx.country):
        country, how = ctx.country, f"context:{ctx.country}"
    top = max(ctx.scores, key=lambda k: ctx.scores[k]) if ctx.scores else None
    if country is None and ctx.country is None and ctx.dateline and ctx.dateline == top \
            and context_fits((c.desc or "").split(), ctx.dateline):
        # "Hong Kong (CNN) ... lawmaker": no clear context, but the dateline's place is also the most named
        country, how = ctx.dateline, f"dateline-leads:{ctx.dateline}"
    if country is None:
        return c
    return Coded(country + c.role, country, c.desc, f"{c.source}+{how}" if c.source else how, c.role)


def combine(title: Coded | None, appos: Coded | None, ctx: CountryContext) -> Coded | None:
    """One code from the words before a name and its appositive: a spokesperson's organisation
    first; else the role of the first that has one and the country of the first that names one
    ("European Parliament President" + "an Italian" -> ITALEG); else the context fills the country."""
    have = [c for c in (title, appos) if c is not None and (c.code or c.role)]
    if not have:
        return None
    for c in have:
        if (c.source or "").startswith("spokesperson-for:") or "official-of:" in (c.source or ""):
            return c  # a spokesperson's organisation; an international organisation's official
    with_role = next((c for c in have if c.role), None)
    with_country = next((c for c in have if c.country), None)
    if with_role is None:
        return with_country
    if with_country is None or with_country is with_role:
        return fill_country(with_role, ctx)
    country = with_country.country
    assert country is not None
    return Coded(country + (with_role.role or ""), country, with_role.desc,
                 f"{with_role.source}+phrase:{country}", with_role.role)


PERSON_ROLES = frozenset({"GOV", "MIL", "OPP", "LEG", "JUD", "COP", "SPY", "MED", "ELI", "REB", "BUS", "CVL",
                          "EDU", "HLH", "LAB", "AGR", "HRI", "NGO", "CRM"})
