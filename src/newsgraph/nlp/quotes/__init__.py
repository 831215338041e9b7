"""Quotes and attribution (stage ``quotes.v1``): who said what, through which channel.

Three kinds of quote are found:

- ``direct``: text in quotation marks (any style: straight, curly, guillemets, doubled
  single marks), including quotes interrupted by the attribution (``"A," he said, "B."``)
  and quotes that run over several paragraphs (an unclosed paragraph followed by one that
  opens again) or that go on in the next paragraph without a new attribution.
- ``partial``: reported speech whose content contains a quoted fragment
  (``accused the U.S. of "interfering"``); the span is the whole reported content.
- ``indirect``: reported speech without quotation marks: the clausal complement of a
  speech or report cue (``Xi said the two should ...``, ``told reporters that``), an
  infinitive (``urged X to ...``), a charge that states something (``accused X of lying``),
  and the clause an ``according to X`` phrase attaches to.  A cue with only a noun object
  (``announced the review``) gives no quote.
- ``thought`` (only when the ``belief`` or ``intent`` cue kinds are asked for): what someone
  believes, expects, wants or plans -- never a quote.

Reported quotes carry a confidence (by cue kind, content form and speaker) and the stage leaves
out those below ``min_confidence``.  A document or statement as the cue's subject (``the report
said``) is the channel; its author, when named, the speaker.

Cues come from ``data/cues.tsv``.  The speaker is the subject of the cue (the object of
``according to``), resolved to an entity of the ``entities`` stage when it can be:
a name or surname by the mention it falls in, a pronoun or a description (``the Kremlin
aide``) by the mention layer (``newsgraph.mentions``, which also groups names when no entities
are given: the entity stage is run then).  The speaker span
is always the mention in the text; no speaker is guessed when the text names none.  An
``according to`` phrase next to another cue, or an outer attribution around a nested one
(``..., the Kremlin said``), is kept as the quote's ``channel``.

The package, by concept: ``marks`` (quotation-mark segmentation), ``cues`` (the cue lexicon and cue
detection), ``speakers`` (speaker mentions and the entities they resolve to), ``attribution`` (cue
and speaker around a quotation), ``reported`` (indirect and partial speech), ``extractor`` (direct quotes
and the stage ``quotes.v1``).
"""

from .cues import load_cues
from .extractor import DEFAULT_KINDS, extract_quotes, quotes_stage
from .marks import Segment, find_segments
from .reported import Kind

__all__ = ["DEFAULT_KINDS", "Kind", "Segment", "extract_quotes", "find_segments", "load_cues", "quotes_stage"]
