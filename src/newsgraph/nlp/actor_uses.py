"""Uses of an actor's name or title that name no actor here, read from the sentence around the span.
Used by the entity stage (nlp/entities.py).

- **A seat used as a location**: a building or address that stands for a government ("Downing Street
  said") is a place when the sentence puts someone or something in, at or around it: the object of a
  locative preposition ("remarks outside Downing Street", "walked into the White House", "the cabinet
  she assembled in the Kremlin"), the building whose part is named ("the steps of Downing Street"), or
  a word naming a physical part or resident of the building ("the Downing Street garden").
- **A place inside an organisation's name**: "the South Bank Centre" is no bank; a word after a compass word
  names a place, not the organisation's role.
- **A programme named with its outlet**: "the Network's Quiz Night", "Quiz Night (Network Two)": the outlet's
  code is not the programme's (a programme is no actor); a division named so ("the Network's World Service")
  is the outlet's.
- **A firm named by its predicate**: "Acme was the only Ohio-based automaker" calls Acme a firm (BUS).
- **A title that designates no actor**: "his remarks as Prime Minister" (a predicate, the office held
  by someone the sentence names otherwise), "the paper's political editor from 1992 to 2000" (a past
  job, a closed span of years).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# prepositions that place something in, at or around a building ("to"/"from" are left out: "a letter to
# the White House", "a call from Downing Street" address the government)
LOCATIVE_PREPS = frozenset({"outside", "inside", "into", "onto", "in", "at", "near", "around", "behind",
                            "within", "across", "through", "on"})
# parts and residents of a building: "the steps of Downing Street", "the White House lawn"
BUILDING_PARTS = frozenset({"steps", "step", "doorstep", "door", "doors", "gate", "gates", "lawn", "lawns",
                            "garden", "gardens", "front", "entrance", "roof", "window", "windows",
                            "corridor", "corridors", "lectern", "podium", "staircase", "grounds", "cat",
                            "dog", "balcony", "courtyard", "facade", "basement", "driveway", "railings"})


def seat_as_location(doc: Doc, start: int, end: int) -> bool:
    """Whether a seat of government at tokens ``start:end`` is used as a location (see the module
    docstring), not for the government it houses."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "pobj":
        if head.lower_ in LOCATIVE_PREPS:
            return True
        return head.lower_ == "of" and head.head.lower_ in BUILDING_PARTS
    return root.dep_ == "compound" and head.pos_ == "NOUN" and head.lower_ in BUILDING_PARTS


_YEAR = re.compile(r"(1[89]|20)\d\d")
_YEARS = re.compile(r"(1[89]|20)\d\d[-–](1[89]|20)?\d\d")  # "2000-2008", "1992-96"
_RANGE_OPEN = frozenset({"from", "between"})
_RANGE_SEP = frozenset({"to", "and", "until", "till", "-", "–", "—"})


def past_years_after(doc: Doc, end: int) -> bool:
    """Whether a closed span of years follows token ``end`` ("from 1992 to 2000", "between 2000 and
    2008", "2000-2008"): a job so dated is a past one."""
    words = [t.text for t in doc[end:end + 4]]
    if words and words[0].lower() in _RANGE_OPEN:
        words = words[1:]
    if words and _YEARS.fullmatch(words[0]):
        return True
    return len(words) >= 3 and bool(_YEAR.fullmatch(words[0])) and words[1].lower() in _RANGE_SEP \
        and bool(_YEAR.fullmatch(words[2]))


def title_designates_no_actor(doc: Doc, start: int, end: int) -> bool:
    """Whether a title phrase at tokens ``start:end`` ("British Prime Minister", "CNN's European
    editor") names an office rather than an actor: used as a predicate after "as" (not "such as" or
    "as well as", which list actors), as an indefinite predicate of "be" or "become" ("if I were an
    American citizen", "she became a British citizen": what someone is, not a set of actors), or dated as
    a past job."""
    if start > 0 and doc[start - 1].lower_ == "as":
        before = doc[start - 2].lower_ if start > 1 else ""
        if before not in ("such", "well"):
            return True
    head = doc[end - 1]
    if start > 0 and doc[start - 1].lower_ in ("a", "an") and head.dep_ == "attr" \
            and head.head.lemma_ in ("be", "become"):
        return True
    return past_years_after(doc, end)


_COMPASS = frozenset({"north", "south", "east", "west", "left", "right", "upper", "lower"})


def role_words_of_name(words: list[str]) -> list[str]:
    """The lower-case words of an organisation's name that may name its role: a word after a compass
    word is a place ("South Bank", "West Bank": a river bank, not a bank), so both are left out."""
    low = [w.lower() for w in words]
    return [w for i, w in enumerate(low) if w not in _COMPASS and (i == 0 or low[i - 1] not in _COMPASS)]


def predicate_role(doc: Doc, start: int, end: int, role_words: Mapping[str, str]) -> str | None:
    """BUS when the name at tokens ``start:end`` is the subject of "be" with an industry noun as its
    predicate ("Acme, the US arm of a German group, was the only Ohio-based automaker"): the sentence
    calls it a firm.  None otherwise (other roles are not read from a predicate)."""
    root = doc[start:end].root
    head = root.head
    if root.dep_ != "nsubj" or head.lemma_ != "be" or any(c.dep_ == "neg" for c in head.children):
        return None
    for child in head.children:
        if child.dep_ == "attr" and child.pos_ == "NOUN":
            role = role_words.get(child.lemma_.lower()) or role_words.get(child.lower_)
            return "BUS" if role == "BUS" else None
    return None


# words that make a name an outlet's division or channel rather than a programme ("World Service", "News")
MEDIA_NAME_WORDS = frozenset({"news", "radio", "tv", "television", "channel", "channels", "service", "services",
                              "online", "world", "worldwide", "network", "networks", "press", "studios", "films",
                              "publishing", "newspaper", "newspapers", "magazine", "group", "trust", "agency",
                              "media", "broadcasting", "digital", "international", "sport", "sports", "one",
                              "two", "three", "four", "america", "america's", "investigates"})


def programme_of_outlet(names: list[str], role: str | None, source: str | None, framed: bool) -> bool:
    """Whether a media outlet's code given to a non-person name by the words around it names a programme
    of the outlet: the code is a lexicon institution's MED (``source``), the outlet frames the name
    (``framed``: its possessive before the name, or the outlet in parentheses after it; "CNN affiliate X" is
    a title naming X itself), and the name has no word of a division or channel."""
    if role != "MED" or not framed or not (source or "").startswith("lexicon:institution:"):
        return False
    return not any(w.lower().strip("'’") in MEDIA_NAME_WORDS for n in names for w in n.split())


def war_name(doc: Doc, end: int) -> bool:
    """Whether the name ending before token ``end`` names a war ("the Iraq war", "anti-Vietnam War
    protests"): an event, which says nothing of whose story it is."""
    return end < len(doc) and doc[end].lower_ in ("war", "wars") and doc[end].pos_ == "NOUN"
