"""What an actor code carries (``Coded``), and the tables of names whose meaning depends on the words
around them: institution head words ("University", "Central Bank"; data/actors/institution_words.tsv) and
ambiguous names read in the article's country context ("Congress"; data/actors/ambiguous.tsv).  Used by
the title coding (actors/coding.py), the posts of organisations (actors/posts.py) and the entity stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import tsv_dicts
from .context import CountryContext, leading
from .lexicon import ActorEntry, Lexicon, lexicon


@dataclass(frozen=True)
class Coded:
    """An actor code with its country, a description of the role, and the rule or row behind it."""

    code: str | None
    country: str | None
    desc: str | None
    source: str | None
    role: str | None = None  # the CAMEO role part of ``code``


@lru_cache(maxsize=1)
def institution_words() -> dict[tuple[str, ...], str]:
    """Institution head words ("University", "Medical Center") -> CAMEO role ('' = none)."""
    return {tuple(r["word"].split()): r.get("code", "") for r in tsv_dicts("actors", "institution_words.tsv")
            if r.get("word")}


@lru_cache(maxsize=1)
def ambiguous_names() -> dict[str, dict[str, ActorEntry]]:
    """Ambiguous name -> {context country -> the lexicon entry it then stands for}."""
    lx = lexicon()
    out: dict[str, dict[str, ActorEntry]] = {}
    for r in tsv_dicts("actors", "ambiguous.tsv"):
        entries = lx.phrases.get(r.get("means", ""))
        if r.get("name") and r.get("country") and entries:
            out.setdefault(r["name"], {})[r["country"]] = entries[0]
    return out


def phrase_entries(lx: Lexicon, phrase: str, ctx: CountryContext) -> list[ActorEntry] | None:
    """The lexicon entries of a phrase inside title words, an ambiguous name ("Congress") read in the
    article's context: the Indian party in an Indian article; no entry when the context is unclear."""
    if phrase in ctx.redefined:
        return None  # the article defines the acronym as another body
    entries = lx.phrases.get(phrase)
    if entries and phrase.removeprefix("the ").removeprefix("The ") in ambiguous_names():
        _amb, entry, _src = ambiguous_entry([phrase], ctx)
        return [entry] if entry is not None else None
    return entries


def institution_at(words: Sequence[str], i: int) -> tuple[int, str] | None:
    """(length, role) of an institution word starting at ``words[i]``, else None."""
    table = institution_words()
    for k in (2, 1):
        key = tuple(words[i:i + k])
        if len(key) == k and key in table:
            return k, table[key]
    return None


def inside_institution(words: Sequence[str], end: int) -> bool:
    """True when the place name ending before ``words[end]`` is followed by an institution word,
    possibly after more capitalised words ("Columbia University", "Georgia Tech", "Jordan Memorial
    Hospital")."""
    j = end
    while j < len(words) and j - end <= 3:
        if institution_at(words, j):
            return True
        if not words[j][:1].isupper():
            return False
        j += 1
    return False


def institution_head(name: str) -> tuple[str, str] | None:
    """(head word, role) when a name ends with an institution word and starts with a place that is
    not its country ("Georgetown University"); names "X of Y" are left alone (see the data file)."""
    words = name.split()
    if len(words) < 2:
        return None
    for k in (2, 1):
        hit = institution_at(words, len(words) - k)
        if hit and hit[0] == k:
            return " ".join(words[-k:]), hit[1]
    return None


def ambiguous_entry(names: Sequence[str], ctx: CountryContext) -> tuple[bool, ActorEntry | None, str | None]:
    """(is ambiguous, entry, source) for a group whose every name is an ambiguous name ("Congress")."""
    table = ambiguous_names()
    stripped = [n[4:] if n.lower().startswith("the ") else n for n in names]
    if not stripped or any(n not in table for n in stripped):
        return False, None, None
    name = stripped[0]
    if ctx.country and ctx.country in table[name]:
        return True, table[name][ctx.country], f"ambiguous.tsv:{name}+context:{ctx.country}"
    # no clear country overall (a U.S.-British story): the name's own countries may still be told apart
    country = leading({c: ctx.scores.get(c, 0.0) for c in table[name]})
    if country is not None:
        return True, table[name][country], f"ambiguous.tsv:{name}+context-among-rows:{country}"
    return True, None, f"ambiguous.tsv:{name}+no-clear-context"
