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
  article's date: an office's role (government, legislature, courts, forces, opposition) becomes ELI
  (elites), the same convention as ``Lexicon.leader_role`` uses for former leaders; any other role (a
  former captain, lawyer or chief executive held no office) is dropped, leaving the country.
- A country after "pro-" or "anti-" ("a pro-Iraq war MP") is the stance's object, not the person's country.
- A sport's name is no role ("rugby union" is no trade union).
- In an appositive, a role word inside an "of" phrase whose head is no role, post or body ("a master of
  reality television", "a critic of the government") is not the person's role.
- A place name in front of an institution word ("Columbia University", "Jordan Hospital";
  data/actors/institution_words.tsv) does not make the institution that country's.
- Ambiguous names ("Congress"; data/actors/ambiguous.tsv) take the article's context.

What a code carries (``Coded``) and the institution-word and ambiguous-name tables live in
actors/institutions.py; posts of organisations that are not a government's ("the Acme president") in
actors/posts.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..datafiles import tsv_dicts
from .context import CountryContext
from .institutions import (
    Coded,
    ambiguous_entry,
    ambiguous_names,
    inside_institution,
    institution_at,
    institution_head,
    institution_words,
    phrase_entries,
)
from .lexicon import Lexicon, country_role_span, lexicon, role_of_words, sport_masked, without_hyphens
from .posts import ORG_NOUNS, ORG_POSTS, POST_MODIFIERS, RELIGIOUS, in_name, post_of_organisation

__all__ = ["ORG_NOUNS", "ORG_POSTS", "RELIGIOUS", "Coded", "ambiguous_entry", "ambiguous_names", "code_title",
           "combine", "context_fits", "fill_country", "inside_institution", "institution_head", "institution_words",
           "phrase_entries", "role_span"]

CANDIDACY = frozenset({"candidate", "candidates", "nominee", "nominees", "hopeful", "hopefuls", "contender",
                       "challenger", "frontrunner", "front-runner"})
FORMER = frozenset({"former", "ex", "ex-", "erstwhile", "onetime", "one-time", "retired", "formerly", "previously"})
# words that put an office in the past: "former", "the late", "then-": on the article's date it is not held
PAST = FORMER | {"late", "then"}
# prefixes of a stance towards a country or body ("pro-Iraq war", "anti-EU"): not the holder's own country
STANCES = frozenset({"pro", "anti", "non"})
SPOKES = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "press secretary"})
SPOKES_PREP = frozenset({"for", "of", "at"})
PLACE_KINDS = frozenset({"country", "capital", "region", "part"})
# titles of a head of state or government: a country's context gives them only when leaders.tsv lists an
# office of that country with the word (a U.K. context does not make "President Jane Doe" British)
# posts a government sends to an international organisation: "UN Ambassador Jane Doe" is her country's
_POSTED_TO = frozenset({"ambassador", "ambassadors", "envoy", "envoys", "representative", "delegate",
                        "delegates", "observer"})
# head nouns of a state body's name: a title ending in one right before a person's name names no post
# ("the Secret Service Jane Doe"); a firm's nouns do describe a name typed PERSON ("technology firm Acme")
_ORG_FINAL = frozenset({"agency", "service", "services", "ministry", "department", "office", "bureau", "police",
                        "army", "navy", "court", "parliament", "senate", "congress", "government", "administration"})
GOVERNING_ROLES = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})  # offices a former holder no longer holds
HEAD_TITLES = frozenset({"president", "prime", "premier", "chancellor", "king", "queen", "emir", "sultan",
                         "monarch"})


@lru_cache(maxsize=1)
def role_countries() -> list[tuple[tuple[str, ...], str]]:
    """Title patterns of one country's offices ("sen." -> USA), longest first."""
    rows = [(tuple(r["pattern"].lower().split()), r["country"]) for r in tsv_dicts("actors", "role_countries.tsv")
            if r.get("pattern") and r.get("country")]
    return sorted(rows, key=lambda kv: -len(kv[0]))


def role_span(words: Sequence[str], lx: Lexicon, skip: set[int] | None = None) -> tuple[str, int, int] | None:
    """The rightmost, then longest, role pattern in lower-case ``words``: (code, start, end); a pattern
    whose words all lie in ``skip`` (inside a name the lexicon knows: "Parliament" of "European
    Parliament") is passed over; a sport's name ("rugby union") is no role."""
    flat, at = without_hyphens(words)  # "anti-terrorist squad" tokenized "anti", "-", "terrorist", "squad"
    flat = sport_masked(flat)
    for j in range(len(flat) - 1, -1, -1):
        for pat, code in lx.roles_by_last.get(flat[j], ()):
            k = len(pat)
            if j + 1 >= k and tuple(flat[j + 1 - k:j + 1]) == pat:
                start, end = at[j + 1 - k], at[j] + 1
                if skip and set(range(start, end)) <= skip:
                    continue
                return code, start, end
    return None


# heads of an appositive that make an "of" phrase's role their holder's ("a member of the police", "head
# of the army")
_OF_HOLDERS = frozenset({"member", "members", "head", "chief", "part", "officer", "officers", "commander",
                         "leader", "director", "official", "officials", "spokesman", "spokeswoman", "spokesperson",
                         "employee", "employees", "staff", "one", "manager", "managers", "editor", "editors",
                         "owner", "owners", "partner", "partners", "worker", "workers", "correspondent",
                         # collective heads: "a group of MPs" is the MPs
                         "group", "groups", "body", "collection", "committee", "coalition", "alliance",
                         "association", "union", "network", "organisation", "organization", "caucus"}) | ORG_POSTS


def _role_after_other_head(low: Sequence[str], start: int, lx: Lexicon) -> bool:
    """Whether a role pattern starting at ``low[start]`` in an appositive sits in an "of" phrase after a
    head that is no role word or post ("a master of reality television", "a son of the president", "a
    critic of the government"): the appositive's person is no holder of the role."""
    of = next((j for j in range(start - 1, -1, -1) if low[j] == "of"), None)
    if of is None or of == 0:
        return False
    head = low[of - 1]
    if head in _OF_HOLDERS or head in lx.head_words or any(w in lx.head_words for w in low[:of]) or any(
            pat == (head,) for rows in lx.country_roles.values() for pat, _ in rows):  # "inspector of"
        return False
    return not any(w in ("and", ",", "who", "which") for w in low[of + 1:start])


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
                elif e.kind == "region" and in_name(words, i, i + k, lx, skip=title_span):
                    pass  # "GM Europe's chief", "the Europe Program": a region inside a name is no country
                elif e.kind == "demonym" and in_name(words, i + k, i + k, lx, skip=title_span):
                    pass  # "Irish Lions coach", "the German Marshall Fund": a demonym opening a name
                elif i >= 2 and low[i - 1] in ("-", "–") and low[i - 2] in STANCES:
                    # "pro-Iraq war MP", "anti-EU campaigner": the stance's object, not the person's own
                    if k > 1:  # (its words still belong to a name: "pro-European Union" has no union)
                        covered.update(range(i, i + k))
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
    # a role word of one country's offices or forces (roles.tsv rows with a country in "use"), in a phrase of
    # that country or an article of that context: "inspector X" in an Indian story is a police rank
    local = country_role_span(low, named_country or ctx.country)
    if local is not None and (span is None or local[2] > span[2] or (local[2] == span[2] and local[1] < span[1])):
        span = local
    igo = next((f for f in found if f[1].startswith(("IGO", "NGO"))), None)
    igo_at_end = bool(span and igo is not None and span[2] == len(low) and set(range(span[1], span[2])) <= covered)
    role = span[0] if span else None
    notes: list[str] = []
    if span and role and span[2] - span[1] == 1:
        amb = next((n for n in ambiguous_names() if n.lower() == low[span[1]]), None)
        if amb is not None:
            # "senior Congress leader" in an Indian story: the party's leader, not a legislator; the role is
            # that of the institution the name stands for in the article's context, none when unclear
            meant = ambiguous_entry([amb], ctx)[1]
            role = (meant.code[3:] or None) if meant is not None and meant.country else None
            notes.append("ambiguous-role")
    if span:
        notes.append("role:" + " ".join(words[span[1]:span[2]]))
        org = post_of_organisation(words, low, span, lx, code_at, ctx)
        if org is not None:
            return org
    if span and role and not before_name and _role_after_other_head(low, span[1], lx):
        role = None  # "a master of reality television", "a critic of the government": not the role's holder
        notes.append("role-after-other-head")
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
        # a former office holder is an elite (ELI); a former captain, coach or lawyer held no office: no role
        role = "ELI" if role in GOVERNING_ROLES or role == "OPP" else None
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
            w.isalpha() and w.islower() and len(w) > 1 and w not in lx.head_words and w not in POST_MODIFIERS
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
    if country is None and c.role == "ELI" and top and ctx.scores[top] > 0:
        # "former chancellor X" in a story of several countries: the most named one that has such an office,
        # when it is named at least half as often as the most named (a former office is rarely a third
        # country's); no context country is required
        office = [w for w in (c.desc or "").split() if w.lower().strip("-") not in FORMER]
        fits = [k for k in sorted(ctx.scores, key=lambda k: -ctx.scores[k])
                if ctx.scores[k] >= ctx.scores[top] / 2 and context_fits(office, k)]
        if fits:
            country, how = fits[0], f"former-office-leads:{fits[0]}"
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
                          "EDU", "HLH", "LAB", "AGR", "HRI", "NGO", "CRM", "REL"})
