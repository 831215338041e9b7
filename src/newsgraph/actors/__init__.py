"""Who: the actor lexicon and the coding of names and phrases to CAMEO actor codes.

- ``lexicon``: the lexicon read from data/actors/*.tsv (countries, capitals, seats,
  institutions, IGOs, leaders with their terms of office, role words).
- ``compose``: composing a country (or region, IGO) code with a CAMEO role code for
  noun phrases that are not named entities ("the Georgian army" -> GEOMIL).
"""

from .lexicon import ActorEntry, Lexicon, Office, code_phrase, first_key, lexicon, role_of_words

__all__ = ["ActorEntry", "Lexicon", "Office", "code_phrase", "first_key", "lexicon", "role_of_words"]
