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
- **A "The X" name without its article**: "The West" as the bare word ("Dundee East and West", "Kanye West")
  is a piece of a name, not the region; "The Hindu" or "The Guardian" as the bare word is the common word
  ("the vishwa hindu parishad"), and so is "the hindu religious leaders", where the word describes the
  noun after it: a newspaper's title is followed by a verb, a possessive or "newspaper", not by an
  adjective or a plural noun.
- **A title before a name**: "Economist Jane Doe" (a job), not the magazine "The Economist".
- **An acronym the article defines otherwise**: "the Financial Services Authority (FSA)".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..actors import ActorEntry, lexicon
from ..mentions.names import NAME_TITLES
from .name_evidence import other_body, place_around
from .places import place_country

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
    first word, not in a title-case headline, not after a line break), written as a name (capital initial,
    not all capitals), and be no lexicon name, role word, personal title or qualifier of places."""
    e = m.entry
    if e is None or e.kind not in _PLACE_KINDS or m.start == 0 or m.start < head_end:
        return False
    t = doc[m.start - 1]
    text, low = t.text, t.lower_
    if not (text[:1].isupper() and text.isalpha()) or text.isupper() or t.is_sent_start or "\n" in t.whitespace_ \
            or t.is_stop:
        return False
    if m.start >= 2 and (doc[m.start - 2].is_quote or doc[m.start - 2].text in ("-", "(", "[", ":", "—", "–")):
        return False  # '"Put Britain first"', "post-Brexit UK": a quotation's first word, a hyphenated modifier
    lx = lexicon()
    return not (lx.phrases.get(text) or low in lx.role_words or low in NAME_TITLES or low in PLACE_QUALIFIERS)


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
