"""``MentionIndex``: in-article coreference built once per document, and the API every later
stage calls instead of resolving names or pronouns itself.

- ``entity_at(i)``: the entity whose named mention covers token ``i`` (entities.v1 has already
  put "Clinton" and "Mrs. Clinton" with the right person, see ``mentions.names``);
- ``antecedent(i)`` / ``antecedents(i)``: the entity a pronoun or role noun at token ``i``
  refers to (``antecedents`` gives both people of "Smith and Jones ... they");
- ``refers_to(i)``: either of the above; ``actor_at(i)``: that entity's actor code;
- ``antecedent_token(i)``: the head token of the phrase a pronoun refers back to, also when that
  phrase names no entity ("the army said it ..."), for the event coder, which codes such phrases;
- ``running_agent(i)``: the head token of the last actor that acted (the subject of an active verb, or
  the "by" agent of a passive) before token ``i``, in its sentence or the two before it: who is in
  charge of the story there, for an act told without its agent ("the police reached the village ...
  the crowd was dispersed");
  "we", "us" and "our" in reported speech refer to the speaker ("we detained him," a police officer
  said).

Building walks the tokens once, in text order, keeping the mentions seen so far (named mentions,
resolved pronouns and role nouns, and unnamed actor phrases headed by a role word of the actor
lexicon), the last speaker (the subject of a speech verb of data/cues.tsv) and what is known of
each person's gender.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..actors import lexicon
from ..actors.compose import role_of
from ..nlp.spacy_model import sentences, tokens
from .gender import first_name_gender, pronoun_gender, role_gender
from .names import NAME_TITLES, span_gender
from .pronouns import PRONOUNS, SUBJECT_DEPS, Seen, kind_agrees, resolve
from .roles import compatible, role_noun, role_nouns, title_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..model import Entity

ROLE_WINDOW = 15  # sentences back in which "the senator" looks for its antecedent
AGENT_WINDOW = 2  # sentences back in which the last actor that acted is still the story's running agent
_OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr"})
_REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves"})
WE_PRONOUNS = frozenset({"we", "us", "our", "ours", "ourselves"})
# quotation marks, straight, curly, doubled and as mojibake ("â€œ"): a sentence holding one is quoted speech
_QUOTE_MARKS = ('"', "\u201c", "\u201d", "''", "``", "\u00e2\u20ac")


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of one-word speech cues (the cue lexicon, kind "speech"): their subject is a speaker."""
    from ..nlp.quotes.cues import load_cues  # at call time: the quote package imports this one

    return frozenset(cue for cue, kind in load_cues().items() if kind == "speech" and " " not in cue)


class MentionIndex:
    """Who each token refers to; see the module docstring."""

    def __init__(self, doc: Doc, entities: Sequence[Entity]) -> None:
        self.doc = doc
        self._entities = {e.id: e for e in entities}
        self._tok: list[str | None] = [None] * len(doc)
        self._spans: dict[str, list[tuple[int, int]]] = {}
        for e in entities:
            for m in e.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                self._spans.setdefault(e.id, []).append((span.start, span.end))
                for i in range(span.start, span.end):
                    if self._tok[i] is None:
                        self._tok[i] = e.id
        self._ante: dict[int, Seen] = {}
        self._agents: list[tuple[int, int, int]] = []  # (token, its sentence, head token of its chain)
        self._sent_of: list[int] = []
        self.words: dict[str, frozenset[str]] = {eid: self._title_words(eid) for eid in self._spans}
        self.genders: dict[str, str] = {}
        for eid in self._spans:
            g = self._gender(eid)
            if g:
                self.genders[eid] = g
        self._walk()

    # ---- the API
    @property
    def entities(self) -> list[Entity]:
        """The entities the index refers to, in the entity stage's order."""
        return list(self._entities.values())

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id."""
        return self._entities.get(entity_id)

    def entity_at(self, i: int) -> str | None:
        """Id of the entity whose named mention covers token ``i``."""
        return self._tok[i] if 0 <= i < len(self._tok) else None

    def antecedents(self, i: int) -> tuple[str, ...]:
        """Entities the pronoun or role noun at token ``i`` refers to (() when none or unsure)."""
        seen = self._ante.get(i)
        return tuple(e for e in seen.entities if e in self._entities) if seen else ()

    def antecedent(self, i: int) -> str | None:
        """The one entity the pronoun or role noun at token ``i`` refers to, else None."""
        ents = self.antecedents(i)
        return ents[0] if len(ents) == 1 else None

    def antecedent_token(self, i: int) -> int | None:
        """Head token of the mention the pronoun or role noun at token ``i`` refers back to (a named
        mention, or an unnamed actor such as "the army"), for a stage that codes that phrase itself."""
        seen = self._ante.get(i)
        return seen.origin if seen else None

    def running_agent(self, i: int, window: int = AGENT_WINDOW) -> int | None:
        """Head token of the last actor mention that acted before token ``i`` (the subject of an active
        verb, a resolved pronoun included, or the "by" agent of a passive), in the sentence of ``i`` or
        the ``window`` sentences before it; None when there is none."""
        if not 0 <= i < len(self._sent_of):
            return None
        sent = self._sent_of[i]
        for tok, k, origin in reversed(self._agents):
            if tok >= i:
                continue
            if sent - k > window:
                break
            return origin
        return None

    def refers_to(self, i: int) -> str | None:
        """The entity token ``i`` names or refers back to."""
        return self.entity_at(i) or self.antecedent(i)

    def actor_at(self, i: int) -> str | None:
        """Actor code (else country code) of the entity token ``i`` names or refers back to."""
        eid = self.refers_to(i)
        e = self._entities.get(eid) if eid else None
        return (e.actor or e.country) if e is not None else None

    def gender(self, entity_id: str) -> str | None:
        """"M", "F" or None, as far as the article says."""
        return self.genders.get(entity_id)

    # ---- building
    def _title_words(self, eid: str) -> frozenset[str]:
        """Title and description words around an entity's mentions ("Sen.", "a spokeswoman for")."""
        doc = self.doc
        out: set[str] = set()
        e = self._entities[eid]
        out.update(title_word(w) for w in (e.role or "").replace(",", " ").split())
        for s, end in self._spans.get(eid, []):
            out.update(title_word(t.text) for t in doc[s:end] if t.text.lower().rstrip(".") in NAME_TITLES)
            j = s - 1
            while j >= 0 and s - j <= 5 and "\n" not in doc[j].text and not doc[j].is_sent_end:
                t = doc[j]
                if t.pos_ not in ("PROPN", "NOUN", "ADJ") and t.text != ".":
                    break
                if t.text != ".":
                    out.add(title_word(t.text))
                j -= 1
            root = doc[s:end].root
            nouns = [c for c in root.children if c.dep_ == "appos" and c.i >= end]
            if root.dep_ == "appos" and root.head.i < s:
                nouns.append(root.head)
            for n in nouns:
                out.add(n.lemma_.lower())
                out.update(title_word(c.text) for c in n.children if c.dep_ in ("compound", "amod"))
        return frozenset(out)

    def _gender(self, eid: str) -> str | None:
        e = self._entities[eid]
        if e.type != "PERSON":
            return None
        seen = {g for s, end in self._spans[eid] if (g := span_gender(self.doc, s, end))}
        seen.update(g for w in self.words[eid] if (g := role_gender(w)))
        words = e.name.split()  # the canonical name ("Barack Obama") when the text says only "Obama"
        if len(words) > 1 and (g := first_name_gender(words[0])):
            seen.add(g)
        return seen.pop() if len(seen) == 1 else None

    def _walk(self) -> None:
        doc = self.doc
        sent_of = [0] * len(doc)
        for k, sent in enumerate(sentences(doc)):
            for i in range(sent.start, sent.end):
                sent_of[i] = k
        roots: dict[int, str] = {}  # head token of each named mention -> entity
        for eid, spans in self._spans.items():
            for s, end in spans:
                roots.setdefault(doc[s:end].root.i, eid)
        types = {eid: e.type for eid, e in self._entities.items()}
        for eid, spans in self._spans.items():  # "British minister" (a GROUP of one): he or it
            if types[eid] == "GROUP" and doc[spans[0][0]:spans[0][1]].root.tag_ in ("NN", "NNP"):
                types[eid] = "NOMINAL"
        self._sent_of = sent_of
        history: list[Seen] = []
        speaker: tuple[str, int, int] | None = None
        speech = speech_verbs()
        for t in tokens(doc):
            got: Seen | None = None
            subj = t.dep_ in SUBJECT_DEPS
            if t.i in roots:
                head = t.head  # "the Umma party", "Palestinian bombers": the phrase the name modifies
                if t.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") and head.i > t.i \
                        and self._tok[head.i] is None:
                    got = Seen(t.i, (roots[t.i],), sent_of[t.i], head.dep_ in SUBJECT_DEPS, head.i)
                else:
                    got = Seen(t.i, (roots[t.i],), sent_of[t.i], subj, t.i)
                history.append(got)
                mates = tuple(roots[c.i] for c in t.children if c.dep_ == "conj" and c.i in roots)
                if mates:  # "Smith and Jones": "they" may mean both
                    history.append(Seen(t.i, got.entities + mates, sent_of[t.i], subj, t.i))
            elif self._tok[t.i] is None and t.lower_ in PRONOUNS and t.pos_ == "PRON" and t.dep_ != "expl":
                ante = self._reflexive(t, history, types) or self._bound(t, history, types, speech) or resolve(
                    t.lower_, sent_of[t.i], history, types=types, genders=self.genders, last_speaker=speaker,
                    exclude=self._excluded(t, roots))
                if ante is not None:
                    got = Seen(t.i, ante.entities, sent_of[t.i], subj, ante.origin)
                    self._ante[t.i] = got
                    history.append(got)
                    want = pronoun_gender(t.lower_)
                    if want and len(ante.entities) == 1 and ante.entities[0] not in self.genders:
                        self.genders[ante.entities[0]] = want  # a pronoun already linked tells the gender
            elif self._tok[t.i] is None and t.pos_ == "NOUN":
                got = self._noun(t, sent_of, history, types)
            if got is not None and len(got.entities) == 1 and subj and t.head.lemma_.lower() in speech \
                    and types.get(got.entities[0]) == "PERSON":
                speaker = (got.entities[0], got.origin, sent_of[t.i])
            head = doc[got.origin] if got is not None and got.origin in (t.i, t.head.i) else t
            if got is not None and ((head.dep_ == "nsubj" and head.head.pos_ == "VERB") or (
                    head.dep_ == "pobj" and head.head.dep_ == "agent")):
                self._agents.append((t.i, sent_of[t.i], got.origin))  # an actor that acted
        self._first_person(sent_of, {s.token: s for s in history}, speech)

    def _first_person(self, sent_of: list[int], seen_at: dict[int, Seen], speech: frozenset[str]) -> None:
        """"we", "us", "our" in reported speech stand for the speaker's side: the subject of the speech
        verb of their sentence ("we will detain them," the commissioner said), or, in a quotation
        that runs over two sentences, of the sentence right after or before it.  The speaker is any
        mention already seen (a name, a resolved pronoun, an unnamed actor such as "a police
        official"); with no speaker the pronoun stays unresolved."""
        doc = self.doc
        sents = sentences(doc)
        toks = tokens(doc)
        speakers: dict[int, tuple[int, Seen]] = {}  # sentence -> (speech verb, its subject's mention)
        for k, sent in enumerate(sents):
            for v in toks[sent.start:sent.end]:
                if v.lemma_.lower() not in speech or v.pos_ not in ("VERB", "AUX"):
                    continue
                subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
                seen = seen_at.get(subj.i) if subj is not None and subj.lower_ not in WE_PRONOUNS else None
                if seen is not None:
                    speakers.setdefault(k, (v.i, seen))
        for t in toks:
            if t.lower_ not in WE_PRONOUNS or t.pos_ != "PRON" or t.i in self._ante:
                continue
            k = sent_of[t.i]
            quoted = any(q in sents[k].text for q in _QUOTE_MARKS)
            for kk in (k, k + 1, k - 1):
                got = speakers.get(kk)
                if got is None or (kk != k and not quoted):
                    continue
                verb, seen = got
                if kk == k and not quoted and not any(a.i == verb for a in t.ancestors):
                    continue  # outside a quotation only inside the reported clause itself
                self._ante[t.i] = Seen(t.i, seen.entities, k, t.dep_ in SUBJECT_DEPS, seen.origin)
                break

    def _noun(self, t: Token, sent_of: list[int], history: list[Seen], types: dict[str, str]) -> Seen | None:
        """A role noun resolved to the last compatible entity ("the senator"), else an unnamed actor
        ("the army", "police") that a later pronoun may refer to."""
        subj = t.dep_ in SUBJECT_DEPS
        rn = role_noun(t)
        if rn is not None:
            for seen in reversed(history):
                if sent_of[t.i] - seen.sent > ROLE_WINDOW:
                    break
                e = self._entities.get(seen.entities[0]) if len(seen.entities) == 1 else None
                if e is not None and compatible(rn, e, self.words.get(e.id, frozenset())):
                    got = Seen(t.i, seen.entities, sent_of[t.i], subj, t.i)
                    self._ante[t.i] = got
                    history.append(got)
                    return got
        if t.dep_ not in _ARG_DEPS:
            return None
        low = t.lemma_.lower()
        table = role_nouns().get(low)
        if (table is not None and table.type == "PERSON") or role_gender(low):
            kind = "PERSON"
        elif low in lexicon().role_words or t.lower_ in lexicon().role_words or any(
                c.dep_ in ("compound", "amod") and c.i < t.i and role_of(f"{c.lower_} {low}") for c in t.children):
            # "the army": it; "a soldier": he or it; "the police inspector"; "police sources", "cid
            # officials": the role's members
            kind = "GROUP" if t.tag_ in ("NNS", "NNPS") else "NOMINAL"
        else:
            return None
        pid = f"@{t.i}"
        types[pid] = kind
        if kind == "PERSON" and (g := role_gender(low)):
            self.genders[pid] = g
        got = Seen(t.i, (pid,), sent_of[t.i], subj, t.i)
        history.append(got)
        return got

    def _reflexive(self, t: Token, history: list[Seen], types: dict[str, str]) -> Seen | None:
        """A reflexive pronoun ("themselves") refers to the subject of its own clause."""
        if t.lower_ not in _REFLEXIVE:
            return None
        verb = t.head
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.i < t.i), None)
        if subj is None:
            return None
        for seen in reversed(history):
            if subj.i in (seen.token, seen.origin) and kind_agrees(t.lower_, seen.entities, types):
                return seen
        return None

    def _bound(self, t: Token, history: list[Seen], types: dict[str, str], speech: frozenset[str]) -> Seen | None:
        """He/she whose antecedent the sentence itself fixes, whatever is known of its gender (unless
        it contradicts): the subject of a clause reported by a speech verb is that verb's subject
        ("Rajoy said he would ...")."""
        want = pronoun_gender(t.lower_)
        if want is None or t.dep_ not in SUBJECT_DEPS:
            return None
        verb = t.head
        if verb.dep_ == "ccomp" and verb.head.lemma_.lower() in speech:
            subj = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS and c.i < t.i), None)
            if subj is None:
                return None
            for seen in reversed(history):
                if subj.i in (seen.token, seen.origin) and len(seen.entities) == 1 \
                        and types.get(seen.entities[0]) == "PERSON" \
                        and self.genders.get(seen.entities[0], want) == want:
                    return seen
        return None

    def _excluded(self, t: Token, roots: dict[int, str]) -> frozenset[str]:
        """A non-reflexive object pronoun cannot be its own verb's subject ("Smith praised him")."""
        if t.dep_ not in _OBJECT_DEPS or t.lower_ in _REFLEXIVE:
            return frozenset()
        return frozenset(roots[c.i] for c in t.head.children if c.dep_ in SUBJECT_DEPS and c.i in roots)
