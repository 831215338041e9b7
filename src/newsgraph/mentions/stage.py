"""The ``mentions.v1`` stage: builds the article's ``MentionIndex`` once, for every later stage."""

from __future__ import annotations

from ..registry import Context, stage
from .index import MentionIndex


@stage("mentions.v1", requires=("entities",), produces="mentions")
def mentions_stage(ctx: Context) -> MentionIndex:
    """In-article coreference: surnames, titles, pronouns and role nouns to entities (an index, not output)."""
    return MentionIndex(ctx.doc, ctx.results.get("entities") or ())
