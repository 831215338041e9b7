"""Pronoun antecedents: he/she/they/it to the entity mentioned before, by agreement first
(gender and number, person vs organisation), then by speaker continuity (the last speaker of
a speech verb), syntactic role (subjects preferred) and distance, within a window of
sentences.

A he/she whose best candidate has no known gender is resolved only when it is the one
compatible candidate in the window, or when that best candidate is also the last speaker
(salience and speaker continuity agree); otherwise the pronoun is left unresolved (precision
first).  Each resolution is remembered as a mention, so "She ... she ... her" chains, and a
person resolved from "she" is female from then on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .gender import agree, pronoun_gender

PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
IT_PRONOUNS = frozenset({"it", "its", "itself"})
THEY_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
PRONOUNS = PERSON_PRONOUNS | IT_PRONOUNS | THEY_PRONOUNS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PLURAL_TYPES = frozenset({"ORG", "NORP", "GROUP", "GPE", "NOMINAL"})  # "they" may stand for these
THING_TYPES = frozenset({"ORG", "GPE", "FAC", "LOC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART",
                         "NOMINAL"})  # "it"

WINDOW = 3  # sentences back (besides the pronoun's own) in which an antecedent is looked for
SPEAKER_WINDOW = 8  # sentences back in which the last speaker still counts


@dataclass(frozen=True)
class Seen:
    """One mention in text order: the entities it refers to (two or more for "A and B"; an
    unnamed actor such as "the army" has the id "@<token>"), and the head token of the first
    mention of its chain (a pronoun's antecedent's head, not the pronoun)."""

    token: int
    entities: tuple[str, ...]
    sent: int
    subject: bool
    origin: int


def kind_agrees(low: str, entities: tuple[str, ...], types: dict[str, str]) -> bool:
    """Number and kind agreement of a pronoun with a mention's entities."""
    if low in THEY_PRONOUNS:
        return len(entities) > 1 or types.get(entities[0]) in PLURAL_TYPES
    if len(entities) != 1:
        return False
    kind = types.get(entities[0])
    if low in PERSON_PRONOUNS:
        return kind in ("PERSON", "NOMINAL")  # "NOMINAL": an unnamed singular actor ("a senior minister")
    return kind in THING_TYPES


def resolve(low: str, at_sent: int, history: Sequence[Seen], *, types: dict[str, str],
            genders: dict[str, str], last_speaker: tuple[str, int, int] | None,
            exclude: frozenset[str] = frozenset()) -> Seen | None:
    """The mention the pronoun ``low`` in sentence ``at_sent`` refers back to, or None when unsure.

    ``history`` holds the mentions before it (text order); ``last_speaker`` is the entity that
    last spoke, the head token of its chain and the sentence it spoke in; ``exclude`` entities
    cannot be its antecedent (the subject of the verb a non-reflexive object pronoun depends on).
    """
    want = pronoun_gender(low)
    best: dict[tuple[str, ...], float] = {}
    latest: dict[tuple[str, ...], Seen] = {}
    for seen in reversed(history):
        gap = at_sent - seen.sent
        if gap > WINDOW:
            break
        ents = seen.entities
        if not kind_agrees(low, ents, types) or set(ents) & exclude:
            continue
        if want is not None and not agree(want, genders.get(ents[0])):
            continue
        score = 3.0 - gap + (1.5 if seen.subject else 0.0)
        if want is not None and genders.get(ents[0]) == want:
            score += 1.0
        if last_speaker is not None and ents == (last_speaker[0],):
            score += 2.0
        if score > best.get(ents, -1.0):  # an entity's best mention in the window counts
            best[ents] = score
            latest[ents] = seen
    if want is not None and last_speaker is not None and (last_speaker[0],) not in best:
        spk, origin, sent = last_speaker
        if at_sent - sent <= SPEAKER_WINDOW and types.get(spk) == "PERSON" and spk not in exclude \
                and genders.get(spk) == want:
            best[(spk,)] = 1.0
            latest[(spk,)] = Seen(origin, (spk,), sent, True, origin)
    if not best:
        return None
    top = max(best, key=lambda k: best[k])
    if want is not None and genders.get(top[0]) is None and len(best) > 1 \
            and (last_speaker is None or top != (last_speaker[0],)):
        return None  # unknown gender: only the one compatible candidate, or the best one when it spoke last
    return latest[top]
