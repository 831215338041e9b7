"""Tone: GDELT-style tone scores from the VADER sentiment lexicon.

``extract_tone`` (stage ``tone.v1``) counts the article's words (alphabetic tokens) and, as GDELT's
GKG V1.5 tone does, reports percentages of them:

- ``positive``: share of words with a positive VADER valence (``good``, ``hail``, ``benefit``);
- ``negative``: share of words with a negative valence (``reject``, ``sanctions``, ``invasion``);
- ``tone`` = positive - negative; ``polarity`` = positive + negative;
- ``activity``: share of active words (verbs, auxiliaries excluded);
- ``self_group``: share of first-person pronouns (I, we, us, our, ...);
- ``word_count``: the number of words.

The lexicon is VADER's (read once per process from the installed vaderSentiment package) adjusted
for news by ``data/tone_news.tsv``: conflict and policy words VADER lacks (sanctions, invasion,
interference, ceasefire, cooperation) are added, and words that are neutral in news ("natural
resources", "security forces", "the United States") are made neutral.  A lexicon word counts when
its mean valence is at least ``min_valence`` in size; a negator (not, never, no, n't ...) within the
three words before it flips its sign, as VADER does.  Words inside
names (``Power of Siberia``, ``Justice Department``) and function words (``like`` as a preposition)
carry no tone.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from ..model import Tone
from ..registry import Context, stage
from .spacy_model import tokens

_NEGATORS = frozenset(
    {"not", "n't", "never", "no", "nor", "neither", "without", "cannot", "nothing", "nobody", "none",
     "nowhere", "hardly", "barely", "scarcely", "rarely", "seldom", "lack", "lacked", "lacks"}
)
_FIRST_PERSON = frozenset(
    {"i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"}
)
_FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "AUX", "PART", "NUM", "INTJ"})
_NAME_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
)


@lru_cache(maxsize=1)
def lexicon() -> dict[str, float]:
    """Word -> mean valence (-4..4): VADER's lexicon with the news adjustments of data/tone_news.tsv."""
    out: dict[str, float] = {}
    vader = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    news = resources.files("newsgraph").joinpath("data/tone_news.tsv").read_text(encoding="utf-8")
    for text in (vader, news):
        for line in text.splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and not line.startswith("#") and any(c.isalpha() for c in parts[0]):
                try:
                    out[parts[0].lower()] = float(parts[1])
                except ValueError:
                    continue
    return out


def _round(x: float) -> float:
    return round(x, 4)


@stage("tone.v1", requires=(), produces="tone")
def extract_tone(ctx: Context, *, min_valence: float = 0.5) -> Tone:
    """Tone, positive and negative word shares, polarity, activity and self/group reference (GDELT style)."""
    lex = lexicon()
    words = pos = neg = active = self_group = 0
    recent: list[str] = []  # the last three words, for negation
    for tok in tokens(ctx.doc):
        if not tok.is_alpha and tok.lower_ != "n't":
            continue
        low = tok.lower_
        if tok.is_alpha:
            words += 1
            if tok.pos_ == "VERB":
                active += 1
            if low in _FIRST_PERSON and tok.pos_ == "PRON":
                self_group += 1
        if tok.ent_type_ not in _NAME_TYPES and tok.pos_ not in _FUNCTION_POS:
            valence = lex.get(low)
            if valence is None:
                valence = lex.get(tok.lemma_.lower())
            if valence is not None and abs(valence) >= min_valence:
                if any(w in _NEGATORS for w in recent):
                    valence = -valence
                if valence > 0:
                    pos += 1
                else:
                    neg += 1
        recent = [*recent[-2:], low]
    if words == 0:
        return Tone(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0)
    p = 100.0 * pos / words
    n = 100.0 * neg / words
    return Tone(_round(p - n), _round(p), _round(n), _round(p + n), _round(100.0 * active / words),
                _round(100.0 * self_group / words), words)
