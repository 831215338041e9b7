"""Evidence the entity stage checks before a lexicon name codes an entity (issue 9, judged precision).

- **Names inside longer names.**  A leader's alias inside a longer person name is another person
  ("Mohammed Mustafa al-Rawi" is not the leader "Mohammed Mustafa"; "Assad Omar" is not Assad); a
  country, region or demonym that opens or closes a longer place or team name is not that country
  ("West" in "West Bengal"; "Indians" in "Cleveland Indians", a team of a U.S. city).
- **Acronyms the article defines.**  "the Financial Services Authority (FSA)": the article's own
  "FSA" is that body, not another organisation the lexicon lists under the same letters.
- **Former, late, then.**  "former Prime Minister X", "the late X", "X, who was prime minister": the
  office the leader table gives for the date (or, with no date, the latest office) is not held; "who
  until recently was the UK's foreign secretary", "formerly the ...": a role phrase after such words
  names an office no longer held (``former_before``).
- **A title the leader table does not know.**  "Chancellor of the Exchequer X" on a date when the table
  has X only as a former foreign secretary: the in-text title of an office the table does not record for
  X is the office on the article's date (the table is incomplete); a title of an office the table does
  record as ended ("Prime Minister X" years later) is history, and the table's former office stays.
- **Generic names of another country.**  A national institution named only by generic words or an
  acronym ("House of Commons", "the Commons", "FSA") is the lexicon's country's only when the article
  is about that country; in a Canadian story "House of Commons" is Canada's chamber, not Britain's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..actors import ActorEntry, Lexicon
from ..actors.coding import FORMER, GOVERNING_ROLES, Coded, code_title
from ..actors.context import CountryContext
from ..mentions.names import NAME_TITLES
from .places import place_country, region_country
from .title_words import Spanned as _Spanned
from .title_words import context_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FORMER_WORDS = FORMER | {"late"}  # the one list of words that put an office in the past (actors/coding.py)
# words of a name that say nothing of its country: a name made of these (and role words) is generic
GENERIC_NAME_WORDS = frozenset({"of", "the", "and", "house", "houses", "commons", "lords", "representatives",
                                "national", "assembly", "federal", "supreme", "high", "central", "state",
                                "people's", "upper", "lower", "chamber", "council", "court", "parliament",
                                "senate", "congress", "cabinet", "office", "ministry", "department", "agency",
                                "service", "services", "authority", "bureau", "commission"})
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Z&]{1,6})\)")
_POLITICS = frozenset({"government", "minister", "ministers", "election", "elections", "parliament", "cabinet",
                       "opposition", "party", "president", "senator", "congress", "policy", "summit", "treaty",
                       "vote", "voters", "campaign", "mps", "lawmakers", "diplomatic", "talks"})
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_TARGET_BEFORE = re.compile(r"\b(?:by|before|until|till)\s+(?:the\s+(?:end\s+of\s+)?(?:year\s+)?)?$", re.I)
_TEAM_NOUNS = frozenset({"club", "side", "team", "outfit", "franchise"})
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "abd", "ben"})
_MINOR = frozenset({"of", "and", "for", "the", "on", "in", "&"})


def name_token(t: Token) -> bool:
    """A token that continues a person's name: a capitalised proper noun or a hyphenated surname
    particle ("al-Rawi", "bin", "van"), not punctuation, a possessive or a title."""
    text = t.text
    if t.is_punct or text in ("'s", "’s") or not text[:1].isalpha():
        return False
    return text[:1].isupper() or text.lower().startswith(("al-", "el-", "bin", "ibn", "abu"))


def initial(t: Token) -> bool:
    """A one-letter initial ("g", "G.", "c"): in lower-cased copy it opens another person's name."""
    return len(t.text.rstrip(".")) == 1 and t.text[:1].isalpha() and t.text.lower() not in ("a", "i")


def leader_inside_longer_name(doc: Doc, start: int, end: int, ner_start: int, ner_end: int,
                              is_first_name: Callable[[Token], bool]) -> bool:
    """Whether a leader alias at ``[start, end)`` inside a PERSON span ``[ner_start, ner_end)`` is part of a
    longer name: a name word follows it inside the span ("Mustafa al-Rawi", "Assad Omar"), or a given name
    or an initial precedes it ("g c murmu")."""
    if end < ner_end and name_token(doc[end]) and doc[end].pos_ != "VERB":
        return True
    if end + 1 < len(doc) and doc[end].lower_ in _PARTICLES and doc[end + 1].text in ("-", "‐") \
            and not doc[end].whitespace_:
        return True  # "Mohammed Mustafa al-Rawi": the NER span stopped before the family name
    if start > ner_start and (is_first_name(doc[start - 1]) or initial(doc[start - 1])):
        return True
    return start > 0 and initial(doc[start - 1]) and bool(
        start < 2 or initial(doc[start - 2]) or doc[start - 2].is_punct or doc[start - 2].is_sent_start)


def leader_opens_org_name(doc: Doc, end: int, ner_end: int) -> bool:
    """Whether a leader alias ending at ``end`` inside an organisation or facility span ending at ``ner_end``
    is followed, inside the span, by more words of the name ("the Jane Doe Center for Freedom", "Acme Doe
    Management"): the span names the organisation, not the leader."""
    rest = doc[end:ner_end]
    return len(rest) > 0 and rest[0].text[:1].isupper() and rest[0].text.isalpha() \
        and rest[0].lower_ not in ("'s", "’s") and all(t.pos_ not in ("VERB", "AUX") for t in rest)


def place_around(words: Sequence[str], start: int, end: int, lx: Lexicon,
                 place_country: Callable[[str], str | None]) -> str | None:
    """The longer place name a country, region or demonym match at ``words[start:end]`` opens or closes
    ("West Bengal"), or a team named after a place and a people ("Cleveland Indians"); None when there is
    none.  The caller drops the match; the longer name is coded on its own."""
    for k in (2, 1):  # "West Bengal", "West Nusa Tenggara"
        if end + k <= len(words) and all(w[:1].isupper() for w in words[end:end + k]):
            longer = " ".join(words[start:end + k])
            if not lx.phrases.get(longer) and place_country(longer):
                return longer
    if start > 0 and words[start - 1].lower() in _TEAM_NOUNS and words[start][:1].isupper():
        entries = lx.phrases.get(" ".join(words[start:end]))
        if entries and entries[0].kind == "demonym":
            return " ".join(words[start - 1:end])  # "South African club Hellenic": the club's name, not Greece
    if start > 0 and words[start][:1].isupper() and words[end - 1].lower().endswith("s"):
        prev = words[start - 1]
        entries = lx.phrases.get(words[start])
        if entries and entries[0].kind == "demonym" and prev[:1].isupper() and not lx.phrases.get(prev) \
                and place_country(prev):
            return f"{prev} {' '.join(words[start:end])}"  # "Cleveland Indians", "Mumbai Indians"
    return None


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronyms an article defines: "the Financial Services Authority (FSA)" -> {"FSA": "Financial
    Services Authority"}; the long form's capitalised words give the letters (each capitalised part of a
    hyphenated word one), "of"/"and" may be skipped."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        acr = m.group(1).replace("&", "")
        words = text[max(0, m.start() - 120):m.start()].split()
        letters: list[str] = []
        for i in range(len(words) - 1, -1, -1):
            w = words[i].strip(",;:\"'“”")
            if not w:
                break
            if w.lower() in _MINOR and letters:
                continue
            if not w[:1].isupper():
                break
            # a hyphenated word gives each capitalised part's initial ("Carrier Pre-Section (CPS)")
            letters[:0] = [p[0] for p in w.split("-") if p[:1].isupper()]
            joined = "".join(letters)
            if joined == acr or (len(joined) > len(acr) and joined.endswith(acr)):
                out.setdefault(m.group(1), " ".join(words[i:]).strip(",;:\"'“”"))
                break
            if len(letters) > len(acr) + 2:
                break
    return out


def former_in_text(doc: Doc, spans: Iterable[_Spanned], office: str) -> bool:
    """Whether the article says a person no longer holds ``office`` (the leader table's office text):
    "former"/"ex-"/"late" before a mention with the office's title or with no title ("the late X"), or
    "X, who was prime minister" / "X, a former president" after it; "then-" keeps the office."""
    office_words = set(office.lower().replace("-", " ").split())
    for m in spans:
        end = m.end
        if end < len(doc) and doc[end].pos_ == "NOUN" and doc[end].text.islower():
            continue  # "former Sanders supporters": the name modifies a noun, "former" is the noun's
        low = [w.lower() for w in context_words(doc, m)[0]]
        if any(w in FORMER_WORDS or w.startswith("ex-") for w in low) and "then" not in low:
            titled = [w.removeprefix("ex-") for w in low if w not in FORMER_WORDS and w not in ("the", "-")]
            if not titled or all(w in office_words for w in titled):
                return True
        j = end
        if j < len(doc) and doc[j].text == ",":
            j += 1
        after = [t for t in doc[j:j + 6]]
        low_after = [t.lower_ for t in after]
        if low_after[:1] in (["who"],) and len(after) > 2 and after[1].lower_ == "was" and after[1].tag_ == "VBD":
            rest = [w for w in low_after[2:] if w not in ("the", "a", "an")]
            if rest and rest[0] in office_words and rest[0] not in ("of", "the"):
                return True  # "X, who was prime minister from 1990"
        if low_after[:2] in (["a", "former"], ["the", "former"], ["the", "late"]):
            rest = [w for w in low_after[2:] if w not in ("-",)]
            if rest and rest[0] in office_words:
                return True
    return False


def former_before(doc: Doc, start: int) -> bool:
    """Whether the words before a role phrase starting at token ``start`` put it in the past: "former",
    "ex-", "formerly", "previously" or "until recently" within the same clause ("who until recently was
    the UK's foreign secretary"); a verb or punctuation ends the look-back ("the former minister met
    the foreign secretary" is about the minister)."""
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    i = start - 1
    while i >= max(sent_start, start - 6):
        t = doc[i]
        if (t.is_punct and t.text not in ("-",)) or t.pos_ == "VERB":
            return False
        low = t.lower_
        if low in FORMER_WORDS or low.startswith("ex-") or (
                low == "recently" and i > 0 and doc[i - 1].lower_ == "until"):
            return True
        i -= 1
    return False


def _office_words(kb_id: str, lx: Lexicon) -> set[str]:
    """The lower-case words of every office the leader table records for ``kb_id``."""
    return {w for o in lx.offices.get(kb_id, ()) for w in o.office.lower().replace("-", " ").split()}


def titled_as_office(doc: Doc, start: int, end: int, kb_id: str, lx: Lexicon) -> bool:
    """Whether a short name carries a title word of an office the leader table records for ``kb_id``
    ("President Trump", "Chancellor Merkel"), in the span or right before it: the title names the
    office-holder, not a namesake the article names in full ("Donald Trump Jr.")."""
    recorded = _office_words(kb_id, lx) - {"of", "the", "and", "for"}
    i = start
    while i < end and doc[i].text.lower().rstrip(".") in NAME_TITLES:
        if doc[i].lower_ in recorded:
            return True
        i += 1
    return start > 0 and doc[start - 1].lower_ in recorded and doc[start - 1].text[:1].isupper()


def office_in_title(doc: Doc, spans: Sequence[_Spanned], kb_id: str, country: str, lx: Lexicon,
                    ctx: CountryContext) -> Coded | None:
    """The office an in-text title right before a leader-table person's name gives ("Chancellor of the
    Exchequer X"), when the table has the person out of office on the date and records no office with
    the title's words: the article's title on its date is then newer than the table.  None when no
    mention has such a title, or the title names an office the table records (then it is history)."""
    recorded = _office_words(kb_id, lx)
    for m in spans:
        words = context_words(doc, m)[0]
        c = code_title(words, ctx, is_person=True, fill=False, before_name=True) if words else None
        if c is None or c.role not in GOVERNING_ROLES or c.country not in (None, country):
            continue
        own = [w.lower() for w in words if w.lower() not in ("of", "the", "and", "for", "'s", "’s", "-")
               and not lx.phrases.get(w)]
        if own and not all(w in recorded for w in own):
            return Coded(country + c.role, country, " ".join(words),
                         f"title-before-name:{' '.join(words)}+not-in-leaders.tsv", c.role)
    return None


def generic_name(names: Sequence[str], lx: Lexicon) -> bool:
    """Whether every name is an acronym ("FSA") or made only of generic institution words ("House of
    Commons", "the Commons"), with no country, demonym or capital in it."""
    for n in names:
        words = n.split()
        if len(words) == 1 and n.replace(".", "").isupper() and len(n) <= 7:
            continue
        if not all(w.lower() in GENERIC_NAME_WORDS or w.lower() in lx.head_words for w in words):
            return False
    return bool(names)


AGENCY_ROLES = frozenset({"GOV", "COP", "SPY", "JUD", "LEG", "MIL"})


def foreign_generic(names: Sequence[str], code: str, country: str | None, own_mentions: int,
                    scores: Mapping[str, float], context: str | None, lx: Lexicon) -> bool:
    """A generic name of a national state body ("House of Commons", an agency's acronym) in an article
    whose country evidence points elsewhere: another country has at least two mentions and twice the
    evidence the lexicon's country has besides the name's own mentions (a news agency's one mention does
    not make a story British); for an acronym that other country is the article's clear country.
    Media, firms and parties keep their code: "BBC" is British wherever it is named."""
    if country is None or code[3:6] not in AGENCY_ROLES or not generic_name(names, lx):
        return False
    rest = scores.get(country, 0.0) - own_mentions  # the country's evidence besides the name itself
    others = [s for c, s in scores.items() if c != country]
    if not others or max(others) < 2 or 2 * rest >= max(others):
        return False
    if all(len(n.split()) == 1 and n.replace(".", "").isupper() for n in names):
        return context is not None and context != country
    return True


def surname_evidence(text: str, full_name: str, title: Sequence[str], office_words: set[str],
                     leader_country: str | None, context: str | None, context_score: float) -> bool:
    """Whether a bare surname ("Johnson") may stand for the leader-table person of that surname: the
    article names the person in full somewhere, or a title of the person's offices stands before the
    surname ("Chancellor Johnson"), or the article is about the person's country and its politics (the
    country named besides the surname, not another country as its clear context, and a word of the
    person's offices or of politics in the text).  A footballer or a lawyer who shares a politician's
    surname in an article about something else is not the politician."""
    low = text.lower()
    if full_name.lower() in low:
        return True
    if any(w.lower().rstrip(".") in office_words for w in title):
        return True
    if leader_country is None or context_score < 1 or context not in (None, leader_country):
        return False
    words = set(re.findall(r"[a-z]+", low))
    return bool(words & (office_words | _POLITICS))


def acronym_in_lower_case(text: str, entry: ActorEntry | None, lx: Lexicon) -> bool:
    """A one-word lexicon match not in capitals while the same letters in capitals are an alias of the
    entry ("uma" for "UMA", "us" for "US"): the all-capital aliases are matched case-sensitively."""
    if entry is None or " " in text or text.isupper() or len(text) > 5:
        return False
    return any(x.kb_id == entry.kb_id for x in lx.phrases.get(text.upper(), []))


def other_body(e: ActorEntry, long_form: str, lx: Lexicon) -> bool:
    """Whether an article's long form of an acronym names another body than the lexicon entry ``e``."""
    same = any(x.kb_id == e.kb_id for x in lx.phrases.get(long_form, []))
    return not same and e.name.lower() not in long_form.lower()


def redefined(text: str, lx: Lexicon) -> set[str]:
    """The acronyms the article defines as another body than the lexicon entry of the same letters."""
    return {acr for acr, long_form in defined_acronyms(text).items()
            if (entries := lx.phrases.get(acr)) and other_body(entries[0], long_form, lx)}


# ---------------------------------------------------------------- places inside titles and names


def region_title(words: Sequence[str], c: Coded) -> Coded:
    """A role without a country, its title words naming a state or province of one country ("West
    Bengal Chief Minister", "Ontario Premier"): that country, as the words would give for a country name."""
    for k in (3, 2, 1):
        for i in range(len(words) - k + 1):
            country = region_country(" ".join(words[i:i + k]))
            if country and c.role:
                return Coded(country + c.role, country, c.desc, f"{c.source}+region:{country}", c.role)
    return c


def region_in_name(names: Sequence[str], c: Coded) -> Coded:
    """An institution named after a state or province of one country ("Florida State University",
    "Gujarat University") is that country's; a city or country name inside one is not (see
    ``code_org_name``; ``city_in_name`` for a town of a country the article names)."""
    words = max(names, key=len).split()[:-1]
    for k in (2, 1):
        for i in range(len(words) - k + 1):
            country = region_country(" ".join(words[i:i + k]))
            if country:
                return Coded(country + (c.role or ""), country, c.desc, f"{c.source}+region:{country}", c.role)
    return c


def city_in_name(names: Sequence[str], c: Coded, ctx: CountryContext, lx: Lexicon) -> Coded:
    """An institution named after a town ("Bath University") whose country the article also names is that
    country's, not the article's context country; a town of a country the article never names
    ("Georgetown" in a U.S. story) leaves the context's code, and so do country names ("Jordan Hospital")."""
    region = region_in_name(names, replace(c, country=None))
    if region.country and region.country != c.country and ctx.scores.get(region.country, 0.0) >= 1:
        return region  # ("North" is a region of Cameroon: not in an Indian story that never names it)
    words = max(names, key=len).split()[:-1]
    for k in (3, 2, 1):  # the longest place first: "New York", not its "York"
        for i in range(len(words) - k + 1):
            part = words[i:i + k]
            if not all(w[:1].isupper() for w in part) or lx.phrases.get(" ".join(part)):
                continue
            country = place_country(" ".join(part))
            if country is None:
                continue
            if country != c.country and ctx.scores.get(country, 0.0) >= 1:
                return Coded(country + (c.role or ""), country, c.desc,
                             f"institution-word+town:{' '.join(part)}:{country}", c.role)
            return c
    return c


# ---------------------------------------------------------------- leaders: which person, which post


def igo_title(doc: Doc, spans: Sequence[_Spanned], ctx: CountryContext) -> Coded | None:
    """The code of an international organisation's post that a mention's title or appositive gives
    ("the EU's chief negotiator", "president of the European Parliament"), for a leader-table person out
    of national office on the date; None when no mention gives one."""
    for m in spans:
        words, appos, _running = context_words(doc, m)
        for ws in (words, [t.text for t in appos] if appos is not None else []):
            c = code_title(ws, ctx, is_person=True, fill=False) if ws else None
            if c is not None and c.code and c.code.startswith(("IGO", "NGO")) and not c.code.endswith("ELI"):
                return c
    return None


def surname_ok(doc: Doc, names: Sequence[str], spans: Sequence[_Spanned], e: ActorEntry, lx: Lexicon,
               ctx: CountryContext) -> bool:
    """A group named only by one word ("Johnson") is the leader of that surname only with evidence: the
    full name in the article, a title of the leader's offices before a mention, or the leader's country
    as the article's country (``surname_evidence``)."""
    if any(len(n.split()) > 1 for n in names) or len(e.name.split()) < 2:
        return True
    office_words = {w for o in lx.offices.get(e.kb_id, ()) for w in o.office.lower().replace("-", " ").split()
                    if w not in ("of", "the", "and", "for")}
    title = [w for m in spans for w in context_words(doc, m)[0]]
    score = ctx.scores.get(e.country or "", 0.0) - len(spans)
    return surname_evidence(doc.text, e.name, title, office_words, e.country, ctx.country, score)


def _told_as_past(tok: Token) -> bool:
    """Whether the year at ``tok`` dates something the text tells as past: the verb its phrase hangs on
    is in the past tense ("were stolen in 2000", "won in 1998"), not a future or a plan ("will host
    in 2012")."""
    head = tok.head
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head is head:
            break
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return False
    if any(c.tag_ == "MD" or c.lower_ in ("to",) for c in head.children):
        return False
    return head.tag_ == "VBD" or (head.tag_ == "VBN" and any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass")
                                                          for c in head.children))


def era_day(text: str, doc: Doc | None = None) -> str | None:
    """For an undated article, the end of the year it mentions most (ties: the later year), as the day
    the leader table is read for: a 2005 story naming "2004" and "2005" is judged as of 2005, not as of
    its people's latest offices (a senator then, a secretary of state years later).  A year after "by",
    "before", "until" or "till" is a target ("double aid by 2008"), not counted ("by 2004's end" is).  An article is not
    older than the latest year it tells as past (``doc`` given): a history of an award naming 1968 most
    and "statues were stolen in 2000" is read as of 2000 at least.  None when the text names no year."""
    counts: dict[str, int] = {}
    for m in _YEAR.finditer(text):
        if _TARGET_BEFORE.search(text, max(0, m.start() - 24), m.start()) \
                and not text.startswith(("'s", "’s"), m.end()):
            continue  # "by 2008", "before 2015": a target or deadline, not when the story is told
        counts[m.group()] = counts.get(m.group(), 0) + 1
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], y))
    if doc is not None:
        told = [t.text for t in doc if _YEAR.fullmatch(t.text) and _told_as_past(t)]
        year = max([year, *told])
    return f"{year}-12-31"
