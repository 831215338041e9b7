"""In-article coreference: which entity a surname, title + surname, pronoun or role noun
("the senator", "the ministry") refers to.

- ``names``: salience of people sharing a name (used by the entity grouping);
- ``gender``: gender evidence (titles, role nouns, pronouns, a sourced first-name table);
- ``pronouns``: pronoun antecedents by agreement, speaker continuity and syntactic role;
- ``roles``: definite role nouns to the last compatible entity;
- ``index``: ``MentionIndex``, the API every later stage calls (``entity_at``,
  ``antecedent``, ``actor_at``);
- ``stage``: the ``mentions.v1`` stage that builds the index once per document.
"""

from .index import MentionIndex
from .stage import index_for, mention_index

__all__ = ["MentionIndex", "index_for", "mention_index"]
