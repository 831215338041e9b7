"""Posts of organisations that are not a government's: "the Acme president", "president of the Widget
Association", a party's general secretary, "its state president".  The post takes the organisation's code
(from the lexicon or the entity named there), else its sector (a religious body REL, an institution word's
role) and the country the words name; a post no organisation qualifies is left to the title coding
(actors/coding.py), which calls ``post_of_organisation``."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .context import CountryContext
from .institutions import Coded, institution_at, phrase_entries
from .lexicon import Lexicon

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
POST_MODIFIERS = frozenset({"former", "then", "acting", "shadow", "lord", "deputy", "interim", "senior", "outgoing",
                            "incoming", "new", "late", "ex", "founding", "first", "current", "the", "a", "an", "joint",
                            "assistant", "associate", "executive", "managing", "its", "his", "her", "their",
                            "our", "vice", "co", "'s", "’s", "-", "and", "of"})
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


def in_name(words: Sequence[str], start: int, end: int, lx: Lexicon, *, skip: range = range(0)) -> bool:
    """Whether ``words[start:end]`` sits inside a longer proper name: a capitalised neighbour that is
    neither a lexicon name nor a role word nor in the title ``skip`` ("GM Europe", "Europe Program",
    "Irish Lions"; not "Russian Foreign Minister").  With ``start == end`` only the next word counts."""
    for j in ((start - 1, end) if start < end else (end,)):
        if 0 <= j < len(words) and j not in skip:
            w = words[j].removesuffix("'s").removesuffix("’s")
            if w[:1].isupper() and not lx.phrases.get(w) and w.lower() not in lx.head_words \
                    and w.lower() not in POST_MODIFIERS:
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
                words[i][:1].isupper() and w not in POST_MODIFIERS and w not in lx.head_words
                and w.rstrip("s'’") not in POST_MODIFIERS and w not in ("'s", "’s")):
            out.append(i)
        i += 1
    return out


def _lower_acronym(w: str) -> bool:
    """An organisation's acronym in lower-cased copy ("vhp", "rss"): two to five letters without a vowel."""
    return w.isalpha() and 2 <= len(w) <= 5 and not set(w) & set("aeiouy")


def post_of_organisation(words: Sequence[str], low: Sequence[str], span: tuple[str, int, int], lx: Lexicon,
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
        if any(len(words[i]) > 1 and words[i].isalpha() and (words[i].isupper() or _lower_acronym(words[i]))
               and not lx.phrases.get(words[i]) for i in before):  # "XYZ secretary", "xyz secretary"
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
                    and not (named[0].kind == "demonym" and in_name(words, i + k, i + k, lx))), None)
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
