"""Entities and actors: spaCy NER, corrected and completed by the actor lexicon,
grouped per article, and coded to CAMEO actor codes.

1. Candidates: spaCy's named entities, plus every actor-lexicon phrase found in the
   text (countries, demonyms, capitals, seats of government, institutions, IGOs,
   leaders).  Where both agree on a span the lexicon fixes the label (a known leader
   tagged ORG becomes PERSON); a lexicon phrase NER missed is added.
2. Grouping: one entity per lexicon id ("U.S." and "United States"), per person
   (a later "Putin" joins "Vladimir Putin"), per acronym ("EU" joins "European
   Union"), else per normalised name.
3. Coding: a leader gets the office held on the article's date (CHNGOV); a person
   introduced with a title ("Kremlin aide Yuri Ushakov", "Ushakov, a Kremlin aide")
   gets country + role from those words; countries, seats, institutions and IGOs get
   their lexicon code; "Chinese customs" and "Russian troops" become GROUP actors.
4. Descriptions ("the Chinese leader", "his Russian counterpart") join the person
   entity of that country mentioned before, when exactly one fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..actors import ActorEntry, Lexicon, code_phrase, first_key, lexicon, role_of_words
from ..model import Entity, Mention
from ..registry import Context, stage

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

KEEP = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART",
                  "LAW", "LANGUAGE"})
PERSON_ROLES = frozenset({"GOV", "MIL", "OPP", "LEG", "JUD", "COP", "SPY", "MED", "ELI", "REB", "BUS"})
MAX_PHRASE = 6
_DESC_HEADS = frozenset({"leader", "president", "counterpart", "premier", "minister", "chancellor",
                         "aide", "envoy", "diplomat", "ambassador", "spokesman", "spokeswoman",
                         "spokesperson", "official", "general", "commander", "king", "queen", "prince",
                         "monarch", "dictator", "strongman", "head", "chief", "secretary"})


@dataclass
class _Cand:
    start: int  # token index
    end: int
    label: str
    entry: ActorEntry | None = None
    source: str = "ner"


@dataclass
class _Group:
    key: str
    type: str
    mentions: list[_Cand] = field(default_factory=list)
    entry: ActorEntry | None = None
    names: list[str] = field(default_factory=list)
    code: str | None = None
    country: str | None = None
    role: str | None = None


def _lexicon_matches(doc: Doc, lx: Lexicon) -> list[_Cand]:
    """Longest lexicon phrases, left to right, never overlapping each other."""
    out: list[_Cand] = []
    n = len(doc)
    words = [t.text for t in doc]
    keys = lx.first_keys
    i = 0
    while i < n:
        w = words[i]
        most = keys.get(first_key(w), 0)
        if not most or w.lower() == "the" or doc[i].is_space:
            i += 1  # every alias is also listed without "the", so a match never needs to start there
            continue
        hit: _Cand | None = None
        for k in range(min(2 * most + 1, MAX_PHRASE, n - i), 0, -1):
            span = doc[i:i + k]
            if span[-1].is_space:
                continue
            entries = lx.phrases.get(" ".join(span.text.split()))
            if entries:
                hit = _Cand(i, i + k, entries[0].ner_type, entries[0], "lexicon")
                break
        if hit:
            out.append(hit)
            i = hit.end
        else:
            i += 1
    return out


def _norm(s: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", s.strip(), flags=re.I)
    s = re.sub(r"['’]s$", "", s)
    return " ".join(s.split()).lower()


def _overlaps(a: _Cand, b: _Cand) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(doc: Doc, ner: list[_Cand], lex: list[_Cand]) -> list[_Cand]:
    """NER spans with lexicon entries attached; lexicon-only spans added; labels corrected."""
    full_names = {c.entry.kb_id for c in lex if c.entry and c.entry.kind == "leader" and c.end - c.start > 1}
    out: list[_Cand] = []
    used: set[int] = set()
    for c in ner:
        best: tuple[int, _Cand] | None = None
        for j, m in enumerate(lex):
            if not _overlaps(c, m):
                continue
            if (m.start, m.end) == (c.start, c.end):
                best = (j, m)
                break
            # a leader's name inside a longer NER span ("Chinese President Xi Jinping")
            if m.start >= c.start and m.end <= c.end and best is None:
                best = (j, m)
                rest = [t for t in doc[c.start:c.end] if t.i < m.start or t.i >= m.end]
                # NER ran the name into quotes or a verb ("U.S. 'Interference"): the lexicon span wins
                if m.entry is not None and m.entry.kind != "leader" and any(
                        t.is_punct or t.is_quote or t.pos_ in ("VERB", "AUX") for t in rest):
                    used.add(j)
                    out.append(_Cand(m.start, m.end, m.entry.ner_type, m.entry, "lexicon"))
                    best = None
                    break
        if out and out[-1].source == "lexicon" and _overlaps(out[-1], c):
            continue
        if best is not None:
            j, m = best
            entry = m.entry
            assert entry is not None
            if entry.kind == "leader" and m.end - m.start == 1 and entry.kb_id not in full_names \
                    and c.label not in ("PERSON", "ORG", "GPE", "NORP"):
                entry = None
            if entry is not None and entry.kind == "capital" and c.label == "PERSON" and c.end - c.start > 1:
                entry = None  # "George Washington"; a lone "Kyiv" tagged PERSON is still the city
            rest = [t for t in doc[c.start:c.end] if t.i < m.start or t.i >= m.end]
            if entry is not None and ((m.start, m.end) == (c.start, c.end) or (
                    entry.kind != "leader" and all(t.pos_ == "DET" for t in rest))):
                used.add(j)
                out.append(_Cand(m.start, m.end, entry.ner_type, entry, "ner+lexicon"))
                continue
            if entry is not None and entry.kind == "leader":
                used.add(j)
                out.append(_Cand(m.start, m.end, "PERSON", entry, "ner+lexicon"))
                # keep the rest of the NER span (e.g. a NORP before the title) as its own candidate
                continue
        out.append(c)
    for j, m in enumerate(lex):
        if j in used or any(_overlaps(m, c) for c in out):
            continue
        assert m.entry is not None
        tok = doc[m.start]
        if m.entry.kind == "leader" and m.end - m.start == 1 and m.entry.kb_id not in full_names:
            continue  # a bare surname the NER did not see as a name ("May", "Lee")
        if m.end - m.start == 1 and not (tok.text[:1].isupper() or tok.text.isupper()):
            continue
        out.append(m)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _person_key(tokens: list[str], groups: list[_Group]) -> _Group | None:
    """A person group whose name contains all of these tokens (a surname, or first + last)."""
    want = [t.lower() for t in tokens if t not in ("'s", "’s")]
    if not want:
        return None
    for g in reversed(groups):
        if g.type != "PERSON":
            continue
        for name in g.names:
            have = name.lower().split()
            if all(w in have for w in want) and (len(want) < len(have) or want == have):
                return g
    return None


_LOCATIVE = frozenset({"in", "at", "to", "from", "near", "outside", "inside", "into", "across", "via", "around",
                       "through", "toward", "towards", "within", "throughout", "between", "of"})


def _locative(span: SpacySpan) -> bool:
    """True when a place name is used as a location ("in Beijing"), not as an actor ("Beijing said")."""
    root = span.root
    return (root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE) or root.dep_ in ("npadvmod",)


def _acronym(s: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", s) if w[0].isupper())


def _group(doc: Doc, cands: list[_Cand]) -> list[_Group]:
    groups: list[_Group] = []
    by_key: dict[str, _Group] = {}
    # full names before their short forms, so "Putin" finds "Vladimir Putin" even if it comes first
    order = sorted(range(len(cands)), key=lambda i: (-(cands[i].end - cands[i].start), i))
    assigned: dict[int, _Group] = {}
    for i in order:
        c = cands[i]
        span = doc[c.start:c.end]
        text = span.text
        if c.entry is not None:
            key = c.entry.kb_id
            if c.entry.kind == "capital" and not _locative(doc[c.start:c.end]):
                key = f"country:{c.entry.country}"  # "Washington said" = the U.S. government
        elif c.label == "PERSON":
            g = _person_key([t.text for t in span], groups)
            key = g.key if g else "person:" + _norm(text)
        else:
            key = f"{c.label}:{_norm(text)}"
            if text.isupper() and 2 <= len(text) <= 6:
                for g in groups:
                    if g.type == c.label and any(_acronym(n) == text for n in g.names):
                        key = g.key
                        break
        g = by_key.get(key)
        if g is None:
            g = _Group(key, c.label, entry=c.entry)
            by_key[key] = g
            groups.append(g)
        if c.entry is not None and (g.entry is None or (g.entry.kind == "capital" and c.entry.kind == "country")):
            g.entry = c.entry
        g.names.append(" ".join(text.split()))
        assigned[i] = g
    for i, c in enumerate(cands):
        assigned[i].mentions.append(c)
    return sorted(groups, key=lambda g: min(m.start for m in g.mentions))


def _context_words(doc: Doc, c: _Cand) -> tuple[list[str], SpacySpan | None]:
    """Title words before a mention ("Russian opposition leader") and an appositive after it."""
    words: list[str] = []
    i = c.start - 1
    sent_start = doc[c.start].sent.start if doc.has_annotation("SENT_START") else 0
    while i >= sent_start and c.start - i <= 6:
        t = doc[i]
        if t.is_space or "\n" in t.whitespace_:
            break
        if (t.is_punct and t.text not in ("-", "'s", "’s")) or t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON",
                                                                          "CCONJ", "SCONJ", "NUM"):
            break
        words.insert(0, t.text)
        i -= 1
    appos = None
    root = doc[c.start:c.end].root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= c.end:
            cand = doc[child.left_edge.i:child.right_edge.i + 1]
            if len(cand) <= 12 and "\n" not in cand.text and cand.start >= c.end:
                appos = cand
            break
    return words, appos


def _code_from_words(words: list[str], lx: Lexicon) -> tuple[str | None, str | None, str]:
    """(country, role, description) from title words such as ['Kremlin', 'aide']."""
    country: str | None = None
    leader_country: str | None = None
    seat_code: str | None = None
    i = 0
    while i < len(words):
        step = 1
        for k in (3, 2, 1):
            entries = lx.phrases.get(" ".join(words[i:i + k]))
            if entries:
                e = entries[0]
                step = k
                if e.kind == "leader":  # "Putin aide": the leader's country, not the leader's role
                    leader_country = leader_country or e.country
                else:
                    country = country or e.country
                    if e.kind in ("seat", "institution") and len(e.code) > 3:
                        seat_code = seat_code or e.code
                break
        i += step
    country = country or leader_country
    role = role_of_words([w.lower() for w in words])
    if seat_code and not role:
        role = seat_code[3:]
    return country, role, " ".join(words)


def _code(doc: Doc, g: _Group, lx: Lexicon, day: str | None) -> tuple[str | None, str | None, str | None]:
    """(actor code, country, role description) of a group."""
    e = g.entry
    if e is not None and e.kind == "leader":
        office = lx.leader_role(e.kb_id, day)
        if office is not None:
            return office.country + office.role, office.country, office.office
    if e is not None and e.kind != "leader":
        return e.code, e.country, None
    if g.type in ("PERSON", "ORG"):
        for m in g.mentions:
            words, appos = _context_words(doc, m)
            country, role, desc = _code_from_words(words, lx)
            if appos is not None and not (country and role):
                c2, r2, d2 = _code_from_words([t.text for t in appos], lx)
                country, role = country or c2, role or r2
                desc = desc or d2
            if g.type == "PERSON" and role and role not in PERSON_ROLES and role not in ("CVL",):
                role = role if role in ("EDU", "HLH", "LAB", "AGR", "HRI", "NGO", "CRM") else None
            if country or role:
                if e is not None and e.kind == "leader" and country is None:
                    country = e.country
                code = (country or "---") + (role or "") if role else country
                return code, country, desc or None
        if e is not None:
            return e.country, e.country, None
        if g.type == "ORG":
            for name in sorted(set(g.names), key=len, reverse=True):
                code = code_phrase(name)  # "Russian Defence Ministry" -> RUSMIL
                if code:
                    return code, code[:3] if code[:3] in lx.country_names else None, None
    return None, None, None


def _groups_of_roles(doc: Doc, cands: list[_Cand], lx: Lexicon) -> list[tuple[int, int, str, str | None]]:
    """Nominal actors: a role noun modified by a country word ("Chinese customs", "Russian troops")."""
    by_token = {}
    for c in cands:
        if c.entry is not None and c.entry.kind in ("country", "demonym", "capital", "seat", "region"):
            for t in range(c.start, c.end):
                by_token[t] = c
    named = {t for c in cands if c.label in ("PERSON", "ORG") for t in range(c.start, c.end)}
    out: list[tuple[int, int, str, str | None]] = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN") or tok.i in by_token or tok.i in named:
            continue
        if (tok.i + 1 < len(doc) and tok.i + 1 in named) or tok.head.i in named:
            continue  # a title before a name ("Kremlin aide Yuri Ushakov"), not a group
        role = lx.role_words.get(tok.lemma_.lower()) or lx.role_words.get(tok.text.lower())
        if role is None:
            continue
        start = tok.i
        country: str | None = None
        mods = list(tok.lefts)
        if tok.dep_ == "compound":  # "Chinese customs data": the country word hangs on the head
            mods += [t for t in tok.head.lefts if t.i < tok.i]
        for child in mods:
            if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i in by_token:
                c = by_token[child.i]
                country = c.entry.country if c.entry else None
                start = min(start, c.start)
        if country is None:
            continue
        # take compound/amod words between the country word and the head ("state broadcaster")
        words = [t.text.lower() for t in doc[start:tok.i + 1]]
        role = role_of_words(words) or role
        out.append((start, tok.i + 1, country + role, country))
    return out


def _descriptions(doc: Doc, groups: list[_Group], lx: Lexicon) -> None:
    """'the Chinese leader' / 'his Russian counterpart' -> the one earlier person of that country."""
    persons = [g for g in groups if g.type == "PERSON"]
    if not persons:
        return
    for chunk in doc.noun_chunks:
        head = chunk.root
        if head.lemma_.lower() not in _DESC_HEADS or head.pos_ != "NOUN":
            continue
        first = chunk[0]
        if first.lower_ not in ("the", "his", "her", "their", "its"):
            continue
        country = None
        for t in chunk[1:-1]:
            entries = lx.phrases.get(t.text)
            if entries and entries[0].kind in ("demonym", "country", "seat"):
                country = entries[0].country
        if country is None:
            continue
        before = [g for g in persons if g.country == country and min(m.start for m in g.mentions) < chunk.start]
        if len(before) == 1:
            before[0].mentions.append(_Cand(chunk.start, chunk.end, "PERSON", None, "description"))


def _resolve_country(groups: list[_Group], doc: Doc, lx: Lexicon, day: str | None) -> None:
    for g in groups:
        code, country, role = _code(doc, g, lx, day)
        g.code, g.country, g.role = code, country, role


@stage("entities.v1", produces="entities")
def extract_entities(ctx: Context) -> list[Entity]:
    """Named entities and nominal actors, grouped per article and coded to CAMEO actors."""
    doc = ctx.doc
    text = ctx.article.text
    lx = lexicon()
    day = ctx.article.published.value[:10] if ctx.article.published else None
    ner = [_Cand(e.start + 1 if len(e) > 1 and e[0].lower_ == "the" else e.start, e.end, e.label_)
           for e in doc.ents if e.label_ in KEEP]
    lex = _lexicon_matches(doc, lx)
    cands = _merge(doc, ner, lex)
    groups = _group(doc, cands)
    _resolve_country(groups, doc, lx, day)
    _descriptions(doc, groups, lx)
    entities: list[Entity] = []
    for g in groups:
        mentions = sorted({(doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1].text), m.label
                            if m.source != "description" else "DESC") for m in g.mentions})
        if g.entry is not None and g.entry.kind not in ("capital", "demonym"):
            name = g.entry.name
        else:
            name = max(g.names, key=lambda n: (len(n.split()), len(n)))
        name = re.sub(r"^(?i:the)\s+", "", name) if g.type != "PERSON" else name
        entities.append(Entity(
            id="", type=g.type, name=name,
            mentions=tuple(Mention(s, e, text[s:e], lab) for s, e, lab in mentions),
            actor=g.code, country=g.country, role=g.role, kb_id=g.entry.kb_id if g.entry else None,
        ))
    for s, e, code, country in _groups_of_roles(doc, cands, lx):
        cs, ce = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        name = re.sub(r"^(?i:the)\s+", "", text[cs:ce])
        entities.append(Entity(id="", type="GROUP", name=name,
                               mentions=(Mention(cs, ce, text[cs:ce], "GROUP"),), actor=code,
                               country=country, role=None, kb_id=None))
    entities.sort(key=lambda en: en.mentions[0].start)
    return [Entity(f"e{i}", en.type, en.name, en.mentions, en.actor, en.country, en.role, en.kb_id)
            for i, en in enumerate(entities, 1)]
