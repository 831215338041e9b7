"""The ``mentions.v1`` stage: builds the article's ``MentionIndex`` once, for every later stage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..registry import Context, stage
from .index import MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..model import Article, Entity


@stage("mentions.v1", requires=("entities",), produces="mentions")
def mentions_stage(ctx: Context) -> MentionIndex:
    """In-article coreference: surnames, titles, pronouns and role nouns to entities (an index, not output)."""
    return MentionIndex(ctx.doc, ctx.results.get("entities") or ())


def mention_index(ctx: Context) -> MentionIndex:
    """The stage's index for ``ctx.doc``; built here when the stage did not run or ``ctx`` holds
    another parse of the text (the event coder's re-cased headline), with the entity stage run
    first when it did not run either."""
    idx = ctx.results.get("mentions")
    if isinstance(idx, MentionIndex) and idx.doc is ctx.doc:
        return idx
    if "entities" not in ctx.results:  # called outside the pipeline: group names by the one rule
        return index_for(ctx.doc, article=ctx.article)
    return MentionIndex(ctx.doc, ctx.results["entities"] or ())


def index_for(doc: Doc, entities: Sequence[Entity] = (), *, article: Article | None = None) -> MentionIndex:
    """An index for a bare ``doc`` (a function called outside the pipeline): the entity stage is
    run on it first when no entities are given, so names are grouped by the one rule."""
    if not entities:
        from ..model import Article
        from ..nlp.entities import extract_entities

        art = article or Article(id="", text=doc.text, title="")
        entities = extract_entities(Context(article=art, doc=doc))
    return MentionIndex(doc, entities)
