"""The words around a name that may say who or what it is: title words before it ("Russian
opposition leader", "Sens.", "its state president"), an appositive after it ("X, a Kremlin aide"),
and whether a relative clause says the person is running for an office.  Used by the entity stage
(nlp/entities.py) and its evidence checks (nlp/name_evidence.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..actors.coding import CANDIDACY
from ..actors.lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


class Spanned(Protocol):
    """Anything with a token span (a mention candidate)."""

    start: int  # token index
    end: int


_RUN_LEMMAS = frozenset({"run", "campaign"})


def _of_in_role(prev: Token, nxt: Token) -> bool:
    """Whether "PREV of NXT" ends a pattern of the role table, in any case ("superintendent of police"
    in a lower-cased article, where the capitals test cannot tell a title from a phrase)."""
    key = (prev.lower_, "of", nxt.lower_)
    return any(pat[-3:] == key for pat, _ in lexicon().roles_by_last.get(nxt.lower_, ()))


def _title_joiner(doc: Doc, i: int, start: int) -> bool:
    """'of'/'the'/'for' inside a title: "Secretary of State", "Speaker of the House", "candidate for governor"."""
    t = doc[i]
    nxt = doc[i + 1] if i + 1 < start else None
    prev = doc[i - 1] if i > 0 else None
    if nxt is None or prev is None:
        return False
    if t.lower_ == "of" and ((prev.text[:1].isupper() and nxt.text[:1].isupper()) or _of_in_role(prev, nxt)):
        return True
    if t.lower_ == "of" and prev.text[:1].isupper() and nxt.lower_ == "the" and i + 2 < start \
            and doc[i + 2].text[:1].isupper():
        return True  # "Chancellor of the Exchequer", "Speaker of the House"
    if t.lower_ == "the" and prev.lower_ == "of" and nxt.text[:1].isupper():
        return True
    return t.lower_ == "for" and prev.lower_ in CANDIDACY


def _participle_in_title(t: Token, words: list[str]) -> bool:
    """A participle that qualifies the post after it ("working president", "acting chairman"): part of
    the title, so the words before it (the organisation: "VHP working president") are read too; and
    the last word of a capitalised name the tagger reads as a verb ("Vishwa Hindu Parishad working
    president") before a lower-case post."""
    return any(w.lower() in lexicon().head_words for w in words) and (
        (t.tag_ in ("VBG", "VBN") and t.is_lower)
        or (t.pos_ == "VERB" and t.text[:1].isupper() and t.i > 0 and t.nbor(-1).pos_ == "PROPN"
            and t.nbor(-1).text[:1].isupper() and not words[0][:1].isupper()))  # "Hindu Parishad" tagged VBD


def _dateline(doc: Doc, end: int, cand: SpacySpan) -> bool:
    """Whether an appositive after a name ending at ``end`` is really a dateline: it lies past a line
    break (a headline's last name and the body's "(CNN) ..." that follows), or it is an agency in
    parentheses that opens a line ("(CNN) Farage said" / "Brussels, Belgium (CNN)").  A dateline
    names the outlet that filed the story, never the person's employer."""
    if any("\n" in doc[i].whitespace_ or doc[i].is_space for i in range(end - 1, cand.start)):
        return True
    if cand[0].text != "(" or cand.start == end:
        return False  # "Jane Doe (Reuters) said": the name's own affiliation
    j = cand.start - 1
    while j >= 0 and not doc[j].is_space and "\n" not in doc[j].whitespace_ and (
            doc[j].text == "," or doc[j].pos_ == "PROPN"):
        j -= 1  # the dateline's place: "Brussels, Belgium (CNN)"
    return j < 0 or doc[j].is_space or "\n" in doc[j].whitespace_


def _list_member(doc: Doc, c: Spanned, cand: SpacySpan) -> bool:
    """Whether a name and the "appositive" after it are items of a list of names ("A, B, Juventus,
    Monaco."): the name follows a comma after another name, and the next item is only names."""
    if c.start < 2 or doc[c.start - 1].text != "," or doc[c.start - 2].pos_ != "PROPN":
        return False
    return all(t.pos_ in ("PROPN", "PUNCT") for t in cand)


def _mistagged_rank(t: Token) -> bool:
    """A one-word role of the role table that the tagger read as a verb with no subject ("dcp", "sho" in a
    lower-cased article: "dcp X told reporters"): still the title before the name."""
    if t.pos_ not in ("VERB", "AUX") or any(ch.dep_ in ("nsubj", "nsubjpass") and not t.i < ch.i <= t.i + 4
                                            for ch in t.children):
        return False
    lx = lexicon()
    return t.lower_ in lx.role_words or t.lower_ in lx.country_role_words


def _listed(doc: Doc, start: int) -> bool:
    """Whether a phrase starting at ``start`` may be an item of a list ("trade unions, X, Y", "A and the B,
    X"): it does not open with a determiner as a title does ("the speaker, X", "a senior officer, X"), or
    "and" comes before it."""
    if start > 0 and doc[start - 1].lower_ in (";", "and", "&"):
        return True
    return doc[start].pos_ not in ("DET", "PRON") and doc[start].tag_ != "PRP$"


def _title_before(doc: Doc, c: Spanned, root: Token) -> SpacySpan | None:
    """The title phrase a name stands in apposition to, before it: "the inspector of the city police station,
    X, said": the name is the appositive of the phrase, which says who the person is as an appositive after
    the name would; None when the name is no such appositive or the phrase names no role."""
    head = root.head
    if root.dep_ != "appos" or head.i >= c.start or head.pos_ not in ("NOUN", "PROPN"):
        return None
    start = head.left_edge.i
    if _listed(doc, start):
        return None
    end = c.start
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start or end - start > 12 or any("\n" in doc[k].whitespace_ for k in range(start, end)):
        return None
    if any(t.i >= head.i and t.i != head.i and t.dep_ == "appos" for t in doc[start:end]):
        return None
    return doc[start:end]


def _speech_verbs() -> frozenset[str]:
    from ..mentions.index import speech_verbs  # at call time: the mention layer imports the entity stage's

    return speech_verbs()


def _title_before_comma(doc: Doc, c: Spanned, comma: int, sent_start: int) -> SpacySpan | None:
    """"the inspector of the city police station, X, said" when the parser did not read the name as an
    appositive: a noun phrase opening the sentence or a clause (after a colon, comma or quotation mark, not
    a preposition's object: "at the police station, X said" names a place) and closed by the comma before
    the name, with the name itself followed by a comma or by a verb of saying whose subject it is ("the
    director general of police, X said": the second comma left out)."""
    if c.end >= len(doc):
        return None
    after = doc[c.end]
    if after.text != "," and not (after.pos_ == "VERB" and after.lemma_.lower() in _speech_verbs()
                                  and any(t.dep_ == "nsubj" and c.start <= t.i < c.end for t in after.children)):
        return None
    j = comma - 1
    while j >= sent_start and comma - j <= 10:
        t = doc[j]
        if t.is_space or "\n" in t.whitespace_:
            break
        if (t.is_punct and t.text != "-") or t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM") or (
                t.pos_ == "ADP" and t.lower_ != "of"):
            if not t.is_punct:
                return None  # "at the police station, X": a place, not a title
            break
        j -= 1
    span = doc[j + 1:comma]
    if _listed(doc, j + 1):
        return None
    if len(span) == 0 or span[-1].pos_ not in ("NOUN", "PROPN") or span[0].lower_ == "of":
        return None
    return span


def context_words(doc: Doc, c: Spanned) -> tuple[list[str], SpacySpan | None, bool]:
    """Title words before a mention ("Russian opposition leader"), an appositive after it, and whether
    a relative clause says the person is running ("who is running for governor")."""
    words: list[str] = []
    i = c.start - 1
    stop = -1  # the token that ended the title words
    sent_start = doc[c.start].sent.start if doc.has_annotation("SENT_START") else 0
    skipped = 0  # tokens of a parenthetical passed over (they do not count in the window)
    while i >= sent_start and c.start - i - skipped <= 8:
        t = doc[i]
        if t.is_space or "\n" in t.whitespace_:
            break
        if t.text == ")" and not words:
            # the post's own qualifier in parentheses between title and name: "superintendent of police
            # (rural) X", "additional director general of police (law and order) X"
            j = next((k for k in range(i - 1, max(sent_start, i - 6) - 1, -1) if doc[k].text == "("), None)
            if j is not None and j > sent_start:
                skipped += i - j + 1
                i = j - 1
                continue
        if t.text == "." and i - 1 >= sent_start and not doc[i - 1].whitespace_ and doc[i - 1].text.isalpha() \
                and doc[i - 1].text[:1].isupper() and len(doc[i - 1].text) <= 5:
            words.insert(0, doc[i - 1].text + ".")  # an abbreviated title the tokenizer split ("Sens.")
            i -= 2
            continue
        stop = i
        # a hyphen inside a title ("vice-president") joins it; a spaced dash ("linked to Russian spies - Mr. X")
        # ends a clause before the name
        dash = t.text == "-" and bool(t.whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)
        if dash or (((t.is_punct and t.text not in ("-", "'s", "’s")) or t.pos_ in (
                "VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "NUM")) and not _title_joiner(doc, i, c.start)
                and not _participle_in_title(t, words) and not _mistagged_rank(t)):
            if t.lower_ in ("its", "their") and words:
                words.insert(0, t.text)  # "its state president": the post of an organisation named before
            break
        words.insert(0, t.text)
        i -= 1
    appos = None
    running = False
    root = doc[c.start:c.end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= c.end and appos is None:
            cand = doc[child.left_edge.i:child.right_edge.i + 1]
            if len(cand) <= 12 and "\n" not in cand.text and cand.start >= c.end and not _dateline(doc, c.end, cand) \
                    and not _list_member(doc, c, cand):
                appos = cand
        if child.dep_ == "relcl" and child.lemma_.lower() in _RUN_LEMMAS and any(
                g.lower_ == "for" for g in child.children):
            running = True
    # a title phrase before the name ("the speaker, X, said") says who a person is; of other names the phrase
    # before them is more often a list's item or a place ("the university, Ludhiana")
    person = root.ent_type_ == "PERSON"
    if appos is None and not words and person:
        appos = _title_before(doc, c, root)
    if appos is None and person and stop >= sent_start and doc[stop].text == "," and all(
            doc[k].pos_ == "PROPN" for k in range(stop + 1, c.start)):
        appos = _title_before_comma(doc, c, stop, sent_start)
    return words, appos, running


def linked_country(doc: Doc, i: int, code_at: Callable[[int], str | None]) -> str | None:
    """The one country of the coded names linked to the name whose head is token ``i``: names in
    coordination with it ("Barr and Deputy Attorney General X"), the phrase it stands in apposition to
    ("Hong Kong's top official, chief executive X"), and their possessors and modifiers; ``code_at(j)`` is
    the code of another entity at token j.  None when they name no country or several."""
    root = doc[i]
    nodes = [root, *(c for c in root.children if c.dep_ in ("conj", "appos"))]
    if root.dep_ in ("conj", "appos"):
        nodes.append(root.head)
    sent = root.sent
    tokens = {t.i for n in nodes for t in (n, *(c for c in n.children if c.dep_ in ("poss", "compound", "amod",
                                                                                  "nmod")))
              if sent.start <= t.i < sent.end}
    if tokens and any("\n" in doc[j].whitespace_ or doc[j].is_space for j in range(min(tokens), max(tokens))):
        return None  # a heading's name on the line before is no link ("Hong Kong and China" \n "X, lawmaker")
    countries = {code[:3] for j in tokens if (code := code_at(j)) and not code.startswith(("---", "IGO", "NGO"))}
    return next(iter(countries)) if len(countries) == 1 else None
