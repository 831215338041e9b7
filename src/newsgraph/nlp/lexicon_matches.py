"""Which lexicon matches stand for their lexicon entry (used by the entity stage, nlp/entities.py).

A lexicon phrase found in the text ("Madrid", "Europe", "Hindu", "FSA") is usually its entry, but not when
it is only a piece of another name or the common word of the same letters:

- **A place inside a longer place or team name**: "West" of "West Bengal", "Indians" of "Cleveland
  Indians" (``place_around`` in nlp/name_evidence.py).
- **A place inside a longer capitalised name**: a country, capital or region right after a capitalised
  word that is no name the lexicon knows, no title, no stop word and no place qualifier ("Real Madrid", a
  football club; "Open Europe", a think tank; "Oxfam India Trust"): the longer name is the entity (or none),
  not the place.  "Eastern Europe", "Mainland China", a quotation's first word ('"Put Britain first"') and a
  hyphenated modifier ("post-Brexit UK") keep the place.
- **A place at the end of an "X of (the) Place" name**: "Pirates of the Caribbean" (a film), "Church of
  England"; a state form, title or office before "of" keeps the place ("the Republic of Ireland", "the
  King of Spain", "the Government of India").
- **A place in a compound that names something else**: "all-Country" (a nationwide body's name, or an island
  of two states), a route in a named train's name ("the A-B Sunrise Express").
- **A demonym that opens an event's name or names a language**: "the French Open", "the Asian Games", "the US
  Open"; "the English term", "French speakers".
- **A place word that opens an organisation's name**: "the UK Independence Party", "the European Anti-Fraud
  Office": a capitalised run after the place ending in a name's head word (``opens_longer_name``).
- **A compass word before a region** that the lexicon names with it ("south-east Asia" left in lower case by
  the truecaser) is the sub-region (Southeast Asia), not the region.
- **A one-word institution name ending a longer name**: "the Sunday Herald" (a sibling paper of "The
  Herald"), "the trinamool Congress" (another party than the Congress): the longer name is the candidate.
- **A "The X" name without its article**: "The West" as the bare word ("Dundee East and West", "Kanye West")
  is a piece of a name, not the region; "The Hindu" or "The Guardian" as the bare word is the common word
  ("the vishwa hindu parishad"), and so is "the hindu religious leaders", where the word describes the
  noun after it: a newspaper's title is followed by a verb, a possessive or "newspaper", not by an
  adjective or a plural noun.
- **A title before a name**: "Economist Jane Doe" (a job), not the magazine "The Economist".
- **A heading in capitals**: "WHO WAS THERE?" is the pronoun, not the health agency.
- **Names run together**: an NER span made only of two or more places or organisations ("the European
  Union Britain needed", a lost full stop) is those names, each its own candidate (``run_together``).
- **An acronym the article defines otherwise**: "the Financial Services Authority (FSA)".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..actors import ActorEntry, first_key, lexicon
from ..mentions.names import NAME_TITLES
from .name_evidence import other_body, place_around
from .places import place_country
from .truecase import casing_model

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass
class Cand:
    """A mention candidate: a token span, its label, the lexicon entry it matched, where it came from."""

    start: int  # token index
    end: int
    label: str
    entry: ActorEntry | None = None
    source: str = "ner"


# capitalised words before a place that qualify the place itself, not name something else
PLACE_QUALIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                              "central", "north-east", "north-west", "south-east", "south-west", "northeast",
                              "northwest", "southeast", "southwest", "mid", "upper", "lower", "greater",
                              "inner", "outer", "mainland", "continental", "rural", "urban", "coastal",
                              "metropolitan", "downtown", "old", "new", "modern", "ancient", "medieval",
                              "communist", "nazi", "soviet", "imperial", "colonial", "post-war", "postwar",
                              "pre-war", "wartime", "global"})
# what follows a newspaper's bare title as a noun of its own ("The Guardian newspaper", "The Hindu editor")
_MEDIA_NOUNS = frozenset({"newspaper", "paper", "daily", "editor", "editors", "editorial", "report", "reports",
                          "reporter", "reporters", "columnist", "columnists", "correspondent", "website",
                          "journalist", "journalists", "group", "survey", "poll"})
_PLACE_KINDS = frozenset({"country", "capital", "region", "part"})


def inside_longer_place(words: list[str], m: Cand) -> bool:
    """A country, region or demonym match that opens or closes a longer place or team name ("West" of
    "West Bengal", "Indians" of "Cleveland Indians"): not that country (see nlp/name_evidence.py)."""
    e = m.entry
    return e is not None and e.kind in ("country", "region", "demonym", "part") \
        and place_around(words, m.start, m.end, lexicon(), place_country) is not None


def inside_longer_name(doc: Doc, m: Cand, head_end: int = 0) -> bool:
    """A country, capital or region right after a capitalised word of the same name ("Real Madrid",
    "Open Europe"): a piece of a longer proper name.  The word before must be inside a sentence (not its
    first word, not in a title-case headline, not after a line break), written as a name (a capital initial;
    an acronym only before a place not itself in capitals: "XY Europe", a firm), and be no lexicon name, role
    word, personal title or qualifier of places."""
    e = m.entry
    if e is None or e.kind not in _PLACE_KINDS or m.start == 0 or m.start < head_end:
        return False
    t = doc[m.start - 1]
    text, low = t.text, t.lower_
    if not (text[:1].isupper() and text.isalpha()) or t.is_sent_start or "\n" in t.whitespace_ or t.is_stop:
        return False
    if text.isupper() and (len(text) < 2 or len(text) > 5 or doc[m.start].text.isupper() or (
            m.start >= 2 and doc[m.start - 2].text.isupper() and doc[m.start - 2].text.isalpha())):
        return False  # an initial, or a heading in capitals ("JUST WATCHED Europe's ..."); an acronym before
        # a place is a firm ("XY Europe")
    if m.start >= 2 and (doc[m.start - 2].is_quote or doc[m.start - 2].text in ("-", "(", "[", ":", "—", "–")):
        return False  # '"Put Britain first"', "post-Brexit UK": a quotation's first word, a hyphenated modifier
    lx = lexicon()
    return not (lx.phrases.get(text) or low in lx.role_words or low in NAME_TITLES or low in PLACE_QUALIFIERS)


_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                            "western"})


def with_compass_regions(doc: Doc, ner: list[Cand], lex: list[Cand]) -> tuple[list[Cand], list[Cand]]:
    """NER and lexicon candidates of a region or country widened over a compass word before it when the
    lexicon names the sub-region so ("south-east Asia" in lower-cased copy, which the truecaser leaves in
    lower case; "southern Africa"): Southeast Asia, not Asia."""
    lx = lexicon()
    out: list[Cand] = []
    for m in lex:
        e = m.entry
        if e is not None and e.kind in ("region", "country") and m.start > 0:
            for k in (3, 1):
                i = m.start - k
                if i < 0 or doc[i].lower_ not in _COMPASS_WORDS or (k == 3 and (
                        doc[i + 1].text not in ("-", "–") or doc[i + 2].lower_ not in _COMPASS_WORDS)):
                    continue
                words = doc[i:m.end].text
                hit = lx.phrases.get(words) or lx.phrases.get(words.title())
                if hit and hit[0].kind in ("region", "country"):
                    m = Cand(i, m.end, hit[0].ner_type, hit[0], m.source)
                    break
        out.append(m)
    wide = [m for m in out if m not in lex]
    ner = [next((Cand(m.start, m.end, c.label, None, c.source) for m in wide if m.start <= c.start and c.end <= m.end),
                c) for c in ner]
    return ner, out


def longer_institution_name(doc: Doc, m: Cand, head_end: int = 0) -> bool:
    """A one-word institution name right after a word of a longer name: "the Sunday Herald" is not "The
    Herald", "the trinamool Congress" (lower-cased copy, the first word unknown to the casing model) is
    another party than the Congress.  The word before must be inside a sentence and not in a title-case
    headline, and be no lexicon name, role word, personal title, place qualifier or stop word; capitalised,
    or in lower case a word cased news never writes in lower case.  The name must end the body's own name
    (a head word a sibling shares), not be its nickname or acronym ("the rebel Tories" are its members)."""
    e = m.entry
    if e is None or e.kind != "institution" or m.end - m.start != 1 or m.start == 0 or m.start < head_end:
        return False
    if e.name.split()[-1] != doc[m.start].text and e.name.split()[-1].lower() != doc[m.start].lower_:
        return False  # a nickname or acronym ("Brexiter Tories", "Gujarat BJP"): members or a unit of the body
    t = doc[m.start - 1]
    text, low = t.text, t.lower_
    if not text.isalpha() or t.is_sent_start or t.is_space or "\n" in t.whitespace_ or t.is_stop:
        return False
    lx = lexicon()
    if lx.phrases.get(text) or low in lx.role_words or low in lx.head_words or low in NAME_TITLES \
            or low in PLACE_QUALIFIERS:
        return False
    if text[:1].isupper():
        return not text.isupper()
    model = casing_model()
    return text.islower() and low not in model.ordinary and low not in model.words and low not in model.in_names


def with_longer_institution_names(doc: Doc, ner: list[Cand], lex: list[Cand], head_end: int = 0
                                  ) -> tuple[list[Cand], list[Cand]]:
    """NER and lexicon candidates where a one-word institution name is the end of a longer name
    (``longer_institution_name``): the lexicon match is dropped and the name runs over the word before
    it (an NER span that already does is kept)."""
    longer = [m for m in lex if longer_institution_name(doc, m, head_end)]
    if not longer:
        return ner, lex
    out = [c for c in ner if not any(c.start == m.start and c.end == m.end for m in longer)]
    for m in longer:
        if not any(c.start <= m.start - 1 and c.end >= m.end for c in out):
            out = [c for c in out if not (c.start < m.end and m.start - 1 < c.end)]
            out.append(Cand(m.start - 1, m.end, "ORG"))
    return sorted(out, key=lambda c: (c.start, c.end)), [m for m in lex if m not in longer]


def _capital_word(doc: Doc, i: int) -> bool:
    """A word written in capitals that no lexicon name spells ("WAS", "SITS")."""
    if i < 0 or i >= len(doc):
        return False
    t = doc[i]
    return len(t.text) > 1 and t.text.isalpha() and t.text.isupper() and not lexicon().phrases.get(t.text)


def in_capitals_heading(doc: Doc, start: int, end: int) -> bool:
    """Whether an acronym that spells a common word, at tokens ``start:end``, stands in a heading written
    in capitals ("WHO WAS THERE?", "THE STARS WHO LEFT"): the word there (the pronoun "who"), not the
    organisation; the heading goes on after it.  "UK" spells no word, and "US" is a country's."""
    text = doc[start:end].text
    if not (text.isupper() and text.isalpha()) or text.lower() not in casing_model().ordinary:
        return False
    if any(e.kind == "country" for e in lexicon().phrases.get(text) or ()):
        return False  # "JUST WATCHED US citizen ...": a country's acronym in a caption is the country
    return _capital_word(doc, end)


# words before "of (the) <place>" that name the place itself, its state or an office or body of it
# ("the Republic of Ireland", "the King of Spain", "the Government of India"), not another name
STATE_FORMS = frozenset({"state", "states", "republic", "kingdom", "commonwealth", "federation", "union",
                         "emirate", "emirates", "sultanate", "principality", "people", "peoples", "nation",
                         "island", "islands", "city", "province", "county", "territory", "region", "duke",
                         "duchess", "earl", "count", "countess", "baron", "marquess", "emir", "sultan",
                         "shah", "crown", "citizens"})
_OFFICE_ROLES = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY", "IGO"})


def inside_of_name(doc: Doc, m: Cand, head_end: int = 0) -> bool:
    """A country, capital or region after "of" or "of the" that follows a capitalised word ("Pirates of
    the Caribbean", a film; "Friends of the Earth"; "Church of England"): the end of a longer proper name,
    not the place.  The capitalised word must be inside a sentence (not in a title-case headline) and be
    no lexicon name, personal title, state form or office ("the Republic of Ireland", "the King of Spain",
    "the Government of India" keep the place)."""
    e = m.entry
    if e is None or e.kind not in _PLACE_KINDS or m.start < head_end + 2:
        return False
    i = m.start - 1
    if doc[i].lower_ == "the":
        i -= 1
    if i < 1 or doc[i].lower_ != "of":
        return False
    t = doc[i - 1]
    text, low = t.text, t.lower_
    if not (text[:1].isupper() and text.isalpha()) or text.isupper() or t.is_sent_start or t.is_stop \
            or i - 1 < head_end or t.ent_type_ == "PERSON" or (i >= 2 and doc[i - 2].lower_ in NAME_TITLES):
        return False  # "Jane Ruiz of Spain", "Queen Anne of Denmark": a person's country
    lx = lexicon()
    return not (lx.phrases.get(text) or lx.role_words.get(low) in _OFFICE_ROLES or low in NAME_TITLES
                or low in STATE_FORMS or low in PLACE_QUALIFIERS)


# capitalised words after a demonym that make it the name of an event, not a nationality
# ("the French Open", "the Asian Games", "the Chinese Grand Prix", "the American Revolution")
EVENT_WORDS = frozenset({"Open", "Cup", "Championship", "Championships", "Masters", "Grand", "Games",
                         "Derby", "Classic", "Revolution", "Olympics", "Marathon", "Rally"})


# nouns after a demonym that make it the name of a language ("the most used English term", "a French
# translation"): the language is no actor
LANGUAGE_NOUNS = frozenset({"term", "terms", "word", "words", "phrase", "phrases", "language", "languages",
                            "speaker", "speakers", "speaking", "translation", "translations", "dictionary",
                            "dictionaries", "grammar", "spelling", "vocabulary", "subtitles", "lesson",
                            "lessons", "idiom", "idioms", "expression", "expressions", "proficiency"})


# verbs whose bare demonym object is a language ("she speaks French", "translated it into Spanish")
LANGUAGE_VERBS = frozenset({"speak", "learn", "teach", "translate", "write", "read", "understand", "dub",
                            "subtitle", "study", "know", "converse", "broadcast", "publish"})


def demonym_of_language(doc: Doc, m: Cand) -> bool:
    """A demonym that names a language: right before a language noun, also through a hyphen ("the
    English term", "French speakers", "English-speaking nations"), or a bare object with no article:
    of "in"/"into" ("only available in English", "translated into Spanish") or of a verb of speaking,
    writing or learning ("she speaks French").  "The British said" (with its article) and a plural
    ("Americans") are people."""
    e = m.entry
    if e is None or e.kind != "demonym":
        return False
    nxt = m.end + 1 if m.end + 1 < len(doc) and doc[m.end].text in ("-", "–") and not doc[m.end - 1].whitespace_ \
        else m.end
    if nxt < len(doc) and doc[nxt].lower_ in LANGUAGE_NOUNS:
        return True
    span = doc[m.start:m.end]
    root = span.root
    if span.text.endswith("s") or any(c.dep_ in ("det", "poss", "nummod", "amod") for c in root.children) or \
            (m.end < len(doc) and doc[m.end].pos_ in ("NOUN", "PROPN")):
        return False  # "the British", "English clubs": the people, a nation's things
    head = root.head
    if root.dep_ == "pobj":
        return head.lower_ in ("in", "into")
    return root.dep_ == "dobj" and head.lemma_.lower() in LANGUAGE_VERBS


def demonym_of_event(doc: Doc, m: Cand) -> bool:
    """A demonym or country right before a capitalised event word ("French Open champion", "the US Open
    champion"): part of the event's name, not the nationality or the country."""
    e = m.entry
    return e is not None and e.kind in ("demonym", "country") and m.end < len(doc) \
        and doc[m.end].text in EVENT_WORDS


# the last word of an organisation's or a body's name: a place word that opens a capitalised run ending in
# one is the first word of that name ("the UK Independence Party", "the European Anti-Fraud Office")
NAME_HEADS = frozenset({"Party", "Office", "Agency", "Authority", "Institute", "Foundation", "Association",
                        "Society", "Federation", "League", "Fund", "Trust", "Council", "Museum", "Centre",
                        "Center", "Front", "Movement", "Alliance", "Organisation", "Organization", "Board",
                        "Commission", "Committee", "Service", "System", "Network", "Airways", "Airlines",
                        "Corporation", "Company", "Bank", "Group", "Union", "Programme", "Program"})
_RUN_LINKS = frozenset({"-", "of", "and", "for", "&"})


def opens_longer_name(doc: Doc, m: Cand, head_end: int = 0) -> bool:
    """A country, demonym or region whose next words are capitalised, inside a sentence, and run to a
    name's head word ("UK Independence Party", "European Anti-Fraud Office"): the place is the first word
    of that longer name, not an entity of its own.  A title after the place ("British Prime Minister", "US
    Foreign Office") keeps it: the run's first word is a role word, a personal title or a lexicon name."""
    e = m.entry
    if e is None or e.kind not in ("country", "demonym", "region") or m.start < head_end or m.end >= len(doc):
        return False
    first = doc[m.end]
    if not (first.text[:1].isupper() and first.text.isalpha()) or first.text.isupper() or first.is_sent_start:
        return False
    if first.ent_type_ == "PERSON" or (m.start and doc[m.start - 1].text in ("-", "–")
                                       and not doc[m.start - 1].whitespace_):
        return False  # a name; "the pro-European Green Party": a modifier before the name, not its first word
    lx = lexicon()
    low = first.lower_
    if low in lx.role_words or low in NAME_TITLES or lx.first_keys.get(first_key(first.text)) \
            or low in PLACE_QUALIFIERS:
        return False
    j, last = m.end, None
    while j < len(doc) and j - m.end < 6:
        t = doc[j]
        if t.text[:1].isupper() and t.text.isalpha() and not t.text.isupper():
            last = t
        elif not (t.lower_ in _RUN_LINKS and j + 1 < len(doc) and doc[j + 1].text[:1].isupper()):
            break
        j += 1
    return last is not None and last.text in NAME_HEADS


# nouns of a named train: the places of its route before it are part of its name ("the Lakeside-Riverton
# Sunrise Express", "the hilltown-portville mail")
TRAIN_NOUNS = frozenset({"express", "mail", "passenger", "superfast", "shuttle"})
_HYPHENS = frozenset({"-", "–"})


def scope_or_route(doc: Doc, m: Cand) -> bool:
    """A place inside a compound that names something else: after "all-" ("the all-Country muslim board",
    "an all-Country final": a nationwide body or event, or the island of two states), or one end of a
    hyphenated route in a train's name ("the A-B Sunrise Express")."""
    e = m.entry
    if e is None or e.kind not in ("country", "capital", "region", "demonym", "part"):
        return False
    if m.start >= 2 and doc[m.start - 1].text in _HYPHENS and doc[m.start - 2].lower_ == "all" \
            and not doc[m.start - 2].whitespace_ and not doc[m.start - 1].whitespace_:
        return True
    i, j = m.start, m.end  # the hyphenated chain of names around the place
    while i >= 2 and doc[i - 1].text in _HYPHENS and doc[i - 2].text.isalpha():
        i -= 2
    while j + 1 < len(doc) and doc[j].text in _HYPHENS and doc[j + 1].text.isalpha():
        j += 2
    if (i, j) == (m.start, m.end):
        return False
    return any(t.lower_ in TRAIN_NOUNS for t in doc[j:j + 3])


def defined_otherwise(doc: Doc, m: Cand, acronyms: dict[str, str]) -> bool:
    """An acronym the article defines as another name than the lexicon's ("the Financial Services
    Authority (FSA)" while the lexicon's "FSA" is another body): the article's meaning wins."""
    e = m.entry
    text = doc[m.start:m.end].text
    return e is not None and text in acronyms and other_body(e, acronyms[text], lexicon())


def title_before_name(doc: Doc, m: Cand, person_starts: set[int]) -> bool:
    """True for a lexicon match that is a job title right before a person's name: the name's "The" dropped
    ("The Economist" matched as "Economist") and a PERSON name starting on the next token."""
    e = m.entry
    return (e is not None and e.name.lower().startswith("the ") and doc[m.start].lower_ != "the"
            and m.end - m.start == len(e.name.split()) - 1 and m.end in person_starts)


def bare_the_name(doc: Doc, m: Cand) -> bool:
    """True for a one-word lexicon match that is a "The X" name without its article, or with its article
    but used as a describing word.  Organisations ("The Hindu" matched on "hindu" in "the vishwa hindu
    parishad", "from hindu side", "the hindu religious leaders"): such a title is written with "the"
    and followed by a verb, a possessive or a noun of its own, so the bare word, or the word before an
    adjective or a plural noun, is the common word (a religion, a job, an adjective).  The region
    "The West" as a bare capitalised "West" ("Dundee East and West", "West Ham") is a piece of a name.
    Other places ("Gambia" for "The Gambia") are left alone."""
    e = m.entry
    if e is None or e.kind not in ("institution", "igo", "region") or not e.name.lower().startswith("the "):
        return False
    if m.end - m.start != 1 or len(e.name.split()) != 2 or doc[m.start].lower_ != e.name.split()[1].lower():
        return False  # one common word ("Hindu", "Guardian"); "Wall Street Journal" is a name without "the"
    nxt = doc[m.end] if m.end < len(doc) else None
    if e.kind == "region":
        return not any(t.lower_ == "the" for t in doc[max(0, m.start - 5):m.start])  # "the US-led West"
    if nxt is not None and nxt.text[:1].isupper() and nxt.pos_ == "PROPN":
        return True  # "The Hindu Mahasabha": the word opens another organisation's name
    if nxt is not None and nxt.text.islower() and nxt.lower_ not in _MEDIA_NOUNS and (
            nxt.pos_ == "ADJ" or nxt.tag_ == "NNS"):
        return True  # "the hindu religious leaders", "the hindu pilgrims": the word describes what follows
    return m.start == 0 or doc[m.start - 1].lower_ != "the"


_RUN_KINDS = frozenset({"country", "capital", "region", "part", "igo"})


def run_together(c: Cand, lex: list[Cand]) -> list[Cand]:
    """The lexicon matches an NER span is made of when it is two or more places or international
    organisations run together, nothing else ("the European Union Britain needed", a full stop lost
    between sentences): each is its own candidate.  An NGO before a country names its national branch
    ("Oxfam India"), one name.  Empty when the span is one name."""
    inner = [m for m in lex if c.start <= m.start and m.end <= c.end]
    if len(inner) < 2 or any(m.entry is None or m.entry.kind not in _RUN_KINDS or m.entry.code.startswith("NGO")
                             for m in inner) \
            or len({m.entry.kb_id for m in inner if m.entry is not None}) < 2:
        return []
    covered = sum(m.end - m.start for m in inner)
    return inner if covered == c.end - c.start else []

