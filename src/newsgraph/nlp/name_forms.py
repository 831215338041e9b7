"""The extent and use of a name span: words NER or the lexicon leave out of a name, words they wrongly
take in, and a place name that is an address or dateline rather than a party.  Used by the entity stage
(nlp/entities.py) before and while candidates are merged and grouped.

- **A generational suffix** ("Jr.", "Sr.", "II", "III") after a person's name is part of it: "Donald
  Trump Jr." is the son, not the president, so the span runs over the suffix and the lexicon entry of
  the shorter name (the father) is dropped.  A suffixed alias the lexicon lists itself ("Bush Sr.") is
  matched whole by the lexicon and never reaches this rule.
- **Video-caption debris**: a web page's embedded-video captions end with a running time ("02:32") or
  the player's word "Replay" glued to the caption's last word ("customs union with EU Replay"); NER
  then takes them into the name.  A name never ends with a time stamp or that word, so they are cut;
  nor does a person's name end with a number, such as a match score NER ran into ("Jane Doe 6-2 7-5").
- **A time qualifier** NER takes in ("the new Democratic National Committee chairman") is cut, and so are
  the prepositions, conjunctions and articles a name never ends with ("the Minsk accords of 2015").
- **A nationality before a name** ("New Zealander Jane Roe", typed ORG) is a title word, not part of the name.
- **Two people in one span** ("Jane Roe & John Doe", a credit line) are two names.
- **Initials before a surname** ("J.B. Doe", NER taking only "J.B." as an organisation) are the front of a
  person's name: the span runs over the surname.
- **A work's title**: a name right after a work noun ("the comedy Team Xyz"), or one that speaks in the first
  or second person ("Have I Got Time For You"), is a film, book or show.
- **An agreement's name** ("the Minsk accords", "the Lisbon Treaty") names a document, not an actor: a
  capitalised one is a LAW (uncoded) and a place in it a piece of its name; a lower-case one is dropped,
  so the place in it is read as where the agreement was made.
- **A lower-case word that is no noun** ("ideas fed into science" tagged ORG) is no name.
- **Datelines and addresses**: a capital opening a line before ":" or "," ("new delhi: ...",
  "Brussels, Belgium (CNN)") or followed by its country is a place, not its country's government.
- **A U.S. state named like a country**: "Savannah, Georgia" is the state (USA), not the country.
- **A sport named with a demonym**: "American football" names a game, not the nation; NER's
  "Tampa Bay Buccaneers American" is cut before it.
- **Names with initials** ("M K Tandor", "A.K. Varsh") are taken whole as a person when NER took only a
  part of them (the initials alone, or the last initial and the name labelled ORG), or took them whole
  as a place or an organisation ("H.T. Ramdass" typed ORG), so that the surname alone finds them.
- **A party's meeting**: "the party congress" is a conference, not the Congress party.
- **A seat's district as a place**: "service to Westminster" is the district, not the parliament; a seat
  used as a location ("outside Downing Street") is a facility, not the government (nlp/actor_uses.py).
- **Seats of organisations**: a capital used as a party ("remind Brussels", "Brussels said") stands for
  the one organisation seated there that the article names (the EU), not the host country.
- **A surname NER missed**: a capitalised proper noun standing alone whose text ends a person's name NER
  found elsewhere in the article ("Police chief Ravi Doshi said ... Doshi said ...", the second left
  untagged, as often in a truecased lower-case copy) is a mention of a person, grouped as a short name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..actors import ActorEntry, Lexicon, lexicon
from ..actors.lexicon import igo_seats
from ..actors.posts import ORG_NOUNS
from ..mentions.gender import first_name_gender
from ..mentions.names import NAME_TITLES
from .actor_uses import seat_as_location
from .lexicon_matches import Cand
from .places import gazetteer, lookup, normalize
from .spacy_model import tokens

if TYPE_CHECKING:
    from spacy.tokens import Doc

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_TIME = re.compile(r"\d{1,2}:\d{2}")
CAPTION_WORDS = frozenset({"Replay"})
_SCORE = re.compile(r"[\d()]+([-–:/][\d()]*)*|[-–]")  # "6-2", "7-6(4)", "21" (or their tokens): never a name's end


def _suffix_end(doc: Doc, end: int) -> int:
    """The token after a generational suffix that follows a name ending at ``end`` ("Trump Jr."),
    else ``end``.  The comma form "Trump, Jr." is left alone (a comma can start an appositive)."""
    if end >= len(doc) or doc[end - 1].whitespace_ == "":
        return end
    t = doc[end]
    word = t.text.rstrip(".")
    if word.lower() not in SUFFIXES or not word[:1].isupper():
        return end
    if word.lower() in ("ii", "iii", "iv") and word != word.upper():
        return end  # "Iv" / "Ii" is a word, not a numeral
    nxt = end + 1
    if nxt < len(doc) and doc[nxt].text == "." and t.whitespace_ == "" and not t.text.endswith("."):
        nxt += 1  # the tokenizer split the full stop off ("Jr" ".")
    return nxt


def with_suffixes(doc: Doc, cands: Sequence[Cand]) -> list[Cand]:
    """Person candidates run over a following generational suffix; a candidate so extended is no
    longer its lexicon entry (the suffix names another person than the bare name)."""
    out: list[Cand] = []
    for c in cands:
        end = _suffix_end(doc, c.end) if c.label == "PERSON" else c.end
        if end != c.end:
            c = Cand(c.start, end, "PERSON", None, c.source)
        out.append(c)
    return out


def without_caption_debris(doc: Doc, cands: Sequence[Cand]) -> list[Cand]:
    """Candidates cut before a trailing time stamp or caption word ("EU 02:32" -> "EU"); a span that
    is nothing else is dropped."""
    out: list[Cand] = []
    for c in cands:
        end = c.end
        while end > c.start and (_TIME.fullmatch(doc[end - 1].text) or doc[end - 1].text in CAPTION_WORDS
                                 or (c.label == "PERSON" and _SCORE.fullmatch(doc[end - 1].text))):
            end -= 1
        if end == c.start:
            continue
        out.append(c if end == c.end else Cand(c.start, end, c.label, c.entry, c.source))
    return out


def dateline_place(doc: Doc, start: int, end: int) -> bool:
    """Whether a place name at tokens ``start:end`` is a dateline or a "City, Country" address, so a
    location, not its government: it opens a line and is followed by ":", "," or "(" ("new delhi: the
    board said", "Brussels, Belgium (CNN)"), or a comma and a country name follows ("Savannah,
    Georgia" is handled by the places stage; "Brussels, Belgium" names where, not who)."""
    if end >= len(doc):
        return False
    opens_line = start == 0 or doc[start - 1].is_space or "\n" in doc[start - 1].whitespace_
    nxt = doc[end].text
    if opens_line and nxt in (":", "(", "-", "--", "—"):
        return True
    if opens_line and nxt == "," and end + 1 < len(doc) and (doc[end + 1].text[:1].isupper() or doc[end + 1].is_digit):
        return True  # "BEIJING, Feb. 8", "Brussels, Belgium"; not "Beijing, meanwhile, has ..." (the government)
    if nxt != "," or end + 1 >= len(doc):
        return False
    entries = lexicon().phrases.get(doc[end + 1].text) or []
    return any(e.kind == "country" for e in entries)


def seat_organisation(capital: str, named: dict[str, ActorEntry],
                      counts: dict[str, int] | None = None) -> ActorEntry | None:
    """The international organisation a capital used as an actor stands for: the one organisation
    seated there (data/actors/igo_seats.tsv) among those the article names (``named``: kb id -> entry);
    when it names several, the one it names at least twice as often as each other (``counts``: kb id ->
    mentions; a Brexit story naming the EU ten times and NATO once); else None."""
    hits = [named[k] for k in igo_seats().get(capital, ()) if k in named]
    if len(hits) > 1 and counts:
        hits.sort(key=lambda e: -counts.get(e.kb_id, 0))
        if counts.get(hits[0].kb_id, 0) >= 2 * max(counts.get(e.kb_id, 0) for e in hits[1:]):
            return hits[0]
    return hits[0] if len(hits) == 1 else None


def us_state_after_city(doc: Doc, m: Cand) -> bool:
    """Whether a country name that is also a U.S. state's ("Georgia") follows "<U.S. city>, " in the
    text ("Savannah, Georgia"): the address names the state, not the country."""
    if m.entry is None or m.entry.kind != "country" or m.start < 2 or doc[m.start - 1].text != ",":
        return False
    if normalize(doc[m.start:m.end].text) not in gazetteer().us_states:
        return False
    j = m.start - 2
    while j > 0 and doc[j - 1].text[:1].isupper() and m.start - 2 - j < 3 and not doc[j - 1].is_punct:
        j -= 1  # a city of several words ("Palm Beach")
    city = doc[j:m.start - 1].text
    return any(e.feature == "city" and e.country == "USA" for e in lookup(city))


_NOT_NOUNS = frozenset({"VERB", "AUX", "ADV", "ADP", "ADJ", "PRON", "DET", "CCONJ", "SCONJ", "PART"})


def lower_word(doc: Doc, c: Cand) -> bool:
    """Whether an NER span is one lower-case word the tagger reads as no noun ("ideas fed into science"
    tagged ORG): a name is a noun, and a cased text capitalises it (a lower-case text reaches this stage
    truecased, so its known names are capitalised too)."""
    if c.end - c.start != 1:
        return False
    t = doc[c.start]
    return t.text.isalpha() and t.text.islower() and t.pos_ in _NOT_NOUNS


_MOTION_PREPS = frozenset({"to", "from", "near", "around", "outside", "towards", "toward", "via"})


def seat_as_place(doc: Doc, c: Cand) -> bool:
    """Whether an institution's or seat's alias that is also a district of its country ("Westminster",
    "Whitehall") names the district here: the object of "to"/"from"/"near"... attached to a noun
    ("service to Westminster", "the road near Whitehall"), a destination or location rather than the
    body ("elected to Westminster" attaches to a verb and stays the parliament)."""
    e = c.entry
    if e is None or e.kind not in ("institution", "seat") or not e.country:
        return False
    span = doc[c.start:c.end]
    if not any(x.feature == "city" and x.country == e.country for x in lookup(span.text)):
        return False
    root = span.root
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in _MOTION_PREPS and prep.head.pos_ in ("NOUN", "PROPN")


def places_not_bodies(doc: Doc, cands: Sequence[Cand]) -> list[Cand]:
    """Candidates with a district's use as a place (``seat_as_place``) freed of the body's entry, and a
    seat of government used as a location ("outside Downing Street", ``seat_as_location``) made a
    facility without its government's code."""
    out: list[Cand] = []
    for c in cands:
        if seat_as_place(doc, c):
            c = Cand(c.start, c.end, "GPE", None, c.source)
        elif c.entry is not None and c.entry.kind == "seat" and seat_as_location(doc, c.start, c.end):
            c = Cand(c.start, c.end, "FAC", None, c.source)
        out.append(c)
    return out


_MEETINGS = frozenset({"congress", "convention", "conference", "plenum", "congresses", "conventions"})


def party_meeting(doc: Doc, c: Cand) -> bool:
    """Whether a one-word candidate is a party's meeting, not a body of that name: "the party congress",
    "the CPM's congress" (a conference), not the Congress party or a legislature."""
    if c.end - c.start != 1 or doc[c.start].lower_ not in _MEETINGS or c.start == 0:
        return False
    prev = doc[c.start - 1]
    if prev.text in ("'s", "’s") and c.start >= 2:
        prev = doc[c.start - 2]
        return prev.lower_ in ("party", "party's") or (prev.pos_ == "PROPN" and prev.text.isupper())
    return prev.lower_ in ("party", "annual", "biennial", "triennial")


# sports named with a demonym: the adjective names the game, not a nationality ("at American football's
# Super Bowl", "the Tampa Bay Buccaneers American football team" where NER takes the adjective in)
SPORT_NAMES = frozenset({("american", "football"), ("gaelic", "football"), ("australian", "rules"),
                         ("canadian", "football")})


def without_sport_adjective(doc: Doc, cands: Sequence[Cand]) -> list[Cand]:
    """Candidates cut before a last word that starts a sport's name with the next word; a candidate
    that is only that word is dropped."""
    out: list[Cand] = []
    for c in cands:
        end = c.end
        if end < len(doc) and (doc[end - 1].lower_, doc[end].lower_) in SPORT_NAMES:
            end -= 1
        if end == c.start:
            continue
        out.append(c if end == c.end else Cand(c.start, end, c.label, c.entry, c.source))
    return out


# nouns that name a kind of work: the capitalised name right after one is the work's title ("the puppet
# comedy Team Xyz", "the novel Brave New World"), not an organisation or place it mentions
WORK_NOUNS = frozenset({"film", "movie", "comedy", "drama", "documentary", "thriller", "sitcom", "series",
                        "novel", "book", "memoir", "album", "song", "single", "musical", "play", "opera",
                        "ballet", "show", "programme", "program", "soap", "cartoon", "animation", "game",
                        "poem", "painting", "blockbuster", "sequel", "remake", "franchise"})


# first and second person pronouns: a name with one in it is a title ("Have I Got Time For You", a show)
TITLE_PRONOUNS = frozenset({"I", "Me", "My", "We", "Our", "You", "Your"})


def work_title(doc: Doc, c: Cand) -> bool:
    """Whether a capitalised non-person NER span follows a lower-case work noun ("the comedy Team
    Xyz"), or speaks in the first or second person ("Have I Got Time For You"): the title of a film,
    book or show, which names no actor."""
    if c.label == "PERSON" or not doc[c.start].text[:1].isupper():
        return False
    if c.end - c.start > 2 and any(t.text in TITLE_PRONOUNS for t in doc[c.start + 1:c.end]):
        return True
    if c.start == 0:
        return False
    prev = doc[c.start - 1]
    return prev.text.islower() and prev.text in WORK_NOUNS and prev.pos_ == "NOUN"


# lower-case words that date a name's holder or body, never part of the name ("the new Democratic
# National Committee chairman", "the former Soviet Union")
TIME_QUALIFIERS = frozenset({"new", "former", "then", "outgoing", "incoming", "future", "current", "present",
                             "acting", "interim", "erstwhile", "late", "newly", "ex", "so-called"})


def without_qualifier(doc: Doc, c: Cand) -> Cand:
    """An NER span without the lower-case time qualifiers it opens with ("new Democratic National
    Committee" -> "Democratic National Committee")."""
    start = c.start
    while start < c.end - 1 and doc[start].text in TIME_QUALIFIERS:
        start += 1
    return c if start == c.start else Cand(start, c.end, c.label, c.entry, c.source)


# words a name never ends with: NER ran it into the phrase after it ("the Minsk accords of 2015",
# "inspector Jane Doe of the town police")
TRAILING_WORDS = frozenset({"of", "for", "at", "in", "on", "to", "by", "from", "with", "and", "or", "the", "a",
                            "an", "&"})


def without_trailing_words(doc: Doc, c: Cand) -> Cand:
    """An NER span without the prepositions, conjunctions and articles it ends with."""
    end = c.end
    while end > c.start + 1 and doc[end - 1].lower_ in TRAILING_WORDS:
        end -= 1
    return c if end == c.end else Cand(c.start, end, c.label, c.entry, c.source)


# nouns that make a name an agreement's ("the Minsk accords", "the Paris Agreement", "Treaty of Rome"): a
# document, not an actor (a lexicon name such as an organisation named after its treaty is kept)
AGREEMENT_NOUNS = frozenset({"accord", "accords", "agreement", "agreements", "treaty", "treaties", "protocol",
                             "protocols", "pact", "deal", "declaration", "memorandum", "ceasefire", "truce",
                             "armistice", "charter", "convention", "conventions", "compact", "concordat"})


def agreement_name(doc: Doc, c: Cand) -> bool:
    """Whether a non-person NER span names an agreement: it ends with an agreement noun ("the Minsk
    accords") or opens with one before "of"/"on" ("the Treaty of Rome"), and the lexicon does not know it
    as an organisation ("North Atlantic Treaty Organization" ends otherwise anyway)."""
    if c.label == "PERSON" or c.end - c.start < 2:
        return False
    words = [t.lower_ for t in doc[c.start:c.end]]
    if words[-1] not in AGREEMENT_NOUNS and not (words[0] in AGREEMENT_NOUNS and words[1] in ("of", "on")):
        return False
    return not lexicon().phrases.get(" ".join(doc[c.start:c.end].text.split()))


# a person's initials: "M", "K.", "J.B.", "A.K.N." (not a two-letter acronym such as "UN")
_INITIAL = re.compile(r"(?:[A-Z]\.){1,3}|[A-Z]")
# labels NER gives a name with initials it takes for a place or a body ("H.T. Ramdass" typed ORG)
_NAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})


def with_surname_after_initials(doc: Doc, c: Cand) -> Cand:
    """An NER span of initials only ("J.B." before "Doe remarked") is the front of a person's name: it
    runs over the capitalised word after it and is a person; a span of initials before anything else
    (an acronym that is a name: "the B.J.P. said") is left alone."""
    toks = doc[c.start:c.end]
    if c.entry is not None or not all(_INITIAL.fullmatch(t.text) for t in toks) or c.end >= len(doc):
        return c
    nxt = doc[c.end]
    if not (nxt.text[:1].isupper() and nxt.text.replace("’", "").replace("'", "").replace("-", "").isalpha()) \
            or nxt.is_stop or lexicon().phrases.get(nxt.text) or not toks[-1].whitespace_:
        return c
    return Cand(c.start, c.end + 1, "PERSON", None, c.source)


def split_joint_persons(doc: Doc, c: Cand) -> list[Cand]:
    """A PERSON span of two full names joined by "&" or "and" ("Jane Roe & John Doe", a credit line) is
    two people; a duo's short names ("Ant & Dec") stay one name."""
    if c.label != "PERSON":
        return [c]
    joins = [t.i for t in doc[c.start:c.end] if t.text in ("&", "and")]
    if len(joins) != 1:
        return [c]
    j = joins[0]
    left, right = doc[c.start:j], doc[j + 1:c.end]
    if len(left) < 2 or len(right) < 2 or not all(t.text[:1].isupper() for t in (*left, *right)):
        return [c]
    return [Cand(c.start, j, "PERSON", None, c.source), Cand(j + 1, c.end, "PERSON", None, c.source)]


def _one_person(demonym: str, lx: Lexicon) -> bool:
    """Whether a demonym is a noun for one person only ("New Zealander", "Frenchman"), not an adjective
    ("German", which also opens names such as "German Aerospace Centre")."""
    if demonym.endswith("er"):
        return True
    return demonym.endswith("man") and bool(lx.phrases.get(demonym[:-3] + "men"))


def without_demonym_before_person(doc: Doc, c: Cand) -> Cand:
    """An NER span that opens with a person's nationality ("New Zealander Jane Roe", typed ORG or
    PERSON) is the person without it: the nationality is a title word, read as such by the coding.  The
    demonym must be a noun for one person ("New Zealander", "Frenchman") or the name after it start with
    a known given name."""
    lx = lexicon()
    for k in (2, 1):
        if c.end - c.start < k + 2:
            continue
        words = doc[c.start:c.start + k].text
        entries = lx.phrases.get(words) or []
        if not any(e.kind == "demonym" for e in entries):
            continue
        rest = doc[c.start + k:c.end]
        if not all(t.text[:1].isupper() and t.text.replace(".", "").replace("-", "").isalpha() for t in rest):
            return c
        if _one_person(words, lx) or first_name_gender(rest[0].text) is not None:
            return Cand(c.start + k, c.end, "PERSON", None, c.source)
        return c
    return c


def without_rank_before_person(doc: Doc, c: Cand) -> Cand:
    """An NER span that opens with a police rank abbreviation in capitals ("DCP Anil Varkey" typed ORG, the
    truecaser having raised "dcp"; the ranks of ``nlp.truecase``'s casing table) before a person's name is
    the person without it: the rank is a title word, read as such by the coding.  The name's words are
    capitalised and none is an ordinary word of cased news ("CID Crime Branch" is a unit), nor is the name a
    place ("SSP Faizpur": the police chief of a district, named by his post)."""
    from .truecase import casing_model

    model = casing_model()
    first = doc[c.start]
    if c.end - c.start < 2 or not first.text.isupper() or first.lower_ not in model.ranks:
        return c
    rest = doc[c.start + 1:c.end]
    if all(t.text[:1].isupper() and t.text.replace(".", "").isalpha() and t.lower_ not in model.ordinary
           for t in rest) and not lookup(rest.text):
        return Cand(c.start + 1, c.end, "PERSON", None, c.source)
    return c


def as_agreement(doc: Doc, c: Cand) -> Cand | None:
    """An agreement's NER span as what it is: named with a capital ("the Lisbon Treaty", "the Treaty of
    Rome") it is a name of its own, a LAW with no actor code, and the place in it a piece of it; in lower
    case ("the Minsk accords") it is dropped, and the place is read as where the agreement was made.
    Other spans are returned as they are."""
    if not agreement_name(doc, c):
        return c
    if doc[c.end - 1].text[:1].isupper() or doc[c.start].lower_ in AGREEMENT_NOUNS:
        return Cand(c.start, c.end, "LAW", None, c.source)
    return None


def _initial_names(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of initials followed by one or two capitalised words: "M K Tandor", "A.K. Varsh",
    "S. K. Verlan".  A lone "A" or "I" is the article or the pronoun, and initials the actor lexicon
    knows ("U.S.", "U.N.") name no person."""
    out: list[tuple[int, int]] = []
    phrases = lexicon().phrases
    i, n = 0, len(doc)
    while i < n:
        j = i
        while j < n and _INITIAL.fullmatch(doc[j].text) and j - i < 4:
            j += 1
        k = j
        while k < n and k - j < 2 and doc[k].is_alpha and len(doc[k].text) > 1 and doc[k].text.istitle() \
                and not doc[k].is_stop and "\n" not in doc[k - 1].whitespace_:
            k += 1
        lone = j - i == 1 and doc[i].text in ("A", "I")
        known = any(doc[m].text in phrases for m in range(i, j))
        if j > i and k > j and not lone and not known and all(not doc[m].whitespace_.count("\n") for m in range(i, j)):
            out.append((i, k))
            i = k
        else:
            i = max(j, i + 1)
    return out


def with_initial_names(doc: Doc, ner: Sequence[Cand]) -> list[Cand]:
    """NER candidates with a person named by initials whole: NER often takes only the initials ("M K"
    of "M K Tandor") or the last initial and the name ("K Varsh" of "A K Varsh", labelled ORG), above all
    in a truecased lower-case text; a candidate that only partly covers such a name gives way to the
    whole name as a PERSON, and a name NER missed is added.  A candidate that covers the whole name (or
    more) is left alone, but for one of exactly the name labelled a place or an organisation ("H.T.
    Ramdass" typed ORG in a truecased text): a person, unless the lexicon knows the name or its last
    word heads an organisation's or a post's name ("A.B. Company")."""
    out = list(ner)
    lx = lexicon()
    for s, e in _initial_names(doc):
        over = [c for c in out if c.start < e and s < c.end]
        same = next((c for c in over if (c.start, c.end) == (s, e) and c.label in _NAME_LABELS
                     and c.entry is None), None)
        last = doc[e - 1]
        if same is not None and doc[s:e].text not in lx.phrases and last.lower_ not in ORG_NOUNS \
                and last.lower_ not in lx.head_words:
            out[out.index(same)] = Cand(s, e, "PERSON", None, same.source)
            continue
        if any(c.start <= s and c.end >= e for c in over):
            continue
        out = [c for c in out if c not in over]
        out.append(Cand(s, e, "PERSON", None, "ner"))
    return sorted(out, key=lambda c: (c.start, c.end))


def tidy_ner(doc: Doc, ner: Sequence[Cand]) -> list[Cand]:
    """NER candidates without caption debris ("EU 02:32"), opening time qualifiers ("new"), trailing
    prepositions ("... accords of"), a nationality before a person ("New Zealander Jane Roe"), lower-case
    non-nouns ("fed") and the titles of works ("the film X"); initials run over the surname after them,
    agreements made LAWs or dropped, two people in one span split; names with initials whole ("M K Tandor")."""

    def tidy(c: Cand) -> Cand:
        c = without_trailing_words(doc, without_qualifier(doc, c))
        return with_surname_after_initials(doc, without_rank_before_person(doc, without_demonym_before_person(doc, c)))

    out = [tidy(c) for c in without_caption_debris(doc, ner) if not lower_word(doc, c) and not work_title(doc, c)]
    out = [a for c in out if (a := as_agreement(doc, c)) is not None]
    return with_initial_names(doc, [part for c in out for part in split_joint_persons(doc, c)])


def tidy_merged(doc: Doc, cands: Sequence[Cand]) -> list[Cand]:
    """Merged candidates with suffixes taken in ("Trump Jr."), districts freed of their bodies ("service
    to Westminster"), sport adjectives cut ("American football"), party meetings dropped and surnames NER
    missed added."""
    out = without_sport_adjective(doc, places_not_bodies(doc, with_suffixes(doc, cands)))
    return with_missed_surnames(doc, [c for c in out if not party_meeting(doc, c)])


def with_missed_surnames(doc: Doc, cands: list[Cand]) -> list[Cand]:
    """``cands`` with a PERSON candidate on each capitalised proper noun, outside every candidate and
    next to no other capitalised proper noun, whose text is the last word of a person's name NER found
    ("... Doshi said": a short name of Ravi Doshi, grouped as one)."""
    toks = tokens(doc)
    surnames = {toks[c.end - 1].text for c in cands if c.label == "PERSON" and c.entry is None
                and len(toks[c.end - 1].text) > 2 and toks[c.end - 1].text[:1].isupper()
                and toks[c.end - 1].text[1:].islower()}
    if not surnames:
        return cands
    covered = {i for c in cands for i in range(c.start, c.end)}

    def name_word(i: int) -> bool:  # a courtesy title before the surname is no other name ("Mr Doshi")
        return 0 <= i < len(toks) and toks[i].pos_ == "PROPN" and toks[i].text[:1].isupper() \
            and toks[i].text.lower().rstrip(".") not in NAME_TITLES

    added = [Cand(t.i, t.i + 1, "PERSON", None, "ner") for t in toks
             if t.text in surnames and t.i not in covered and t.pos_ == "PROPN"
             and not name_word(t.i - 1) and not name_word(t.i + 1)]
    return sorted([*cands, *added], key=lambda c: (c.start, c.end)) if added else cands
