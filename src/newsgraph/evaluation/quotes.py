"""Evaluation of the quotes stage (``quotes.v1``) on PolNeAR attribution relations.

Data: ``<data>/quotes/polnear.train_dev.jsonl``, one article a line with its gold attribution
relations (content ``quote_spans``, ``speaker_spans``, ``cue_spans``).  Each record becomes an
Article whose text is exactly the record's text (title and date from the record), and runs
through the pipeline with the stages the quotes stage needs.

Metrics (the definitions of the reference scorer's README, implemented here):

- A gold relation is *direct* when its content (first span's start to last span's end, trimmed
  of whitespace) starts with an opening quotation mark or follows one, and ends with a closing
  mark (possibly before trailing punctuation) or is followed by one.
- Matching: a prediction and a gold content match when their character overlap is at least half
  of the longer of the two; characters of the prediction that fall in the gaps of a
  discontinuous gold content (an interrupting "he said") are left out first.  One-to-one,
  greedily by overlap ratio.
- ``direct``: gold direct relations against predictions of kind ``direct``; ``all``: every gold
  relation against every prediction.  P = matched / predicted, R = matched / gold.
- ``speaker_accuracy`` over matched pairs: the predicted speaker span overlaps a gold speaker
  span, or its name equals the gold speaker text (case-insensitive); a gold relation without a
  speaker is right only when no speaker is predicted.  ``speaker_accuracy_entity`` also accepts
  any mention of the predicted speaker entity overlapping a gold speaker span;
  ``speaker_accuracy_channel`` also counts a gold speaker that is the predicted quote's ``channel``
  (a document or statement: newsgraph credits its author, or no one, and keeps it as the channel).

``part``: ``even`` or ``odd`` scores only the records at even (0, 2, ...) or odd positions of the
file, so rules can be read off one half and checked on the other; the two halves' counts sum to
the whole set's.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..model import Article, Entity, Published, Quote

_FILE = ("quotes", "polnear.train_dev.jsonl")
_OPENERS = ("\u201c", "\u201e", "\u00ab", "\u2018", '"', "``", "''")
_CLOSERS = ("\u201d", "\u00bb", "\u2019", '"', "''")
_TRAILING = ".,;:!?\u2014\u2013- \t\n\u00a0"


def is_direct(text: str, spans: Sequence[Sequence[int]]) -> bool:
    """True when the content given by ``spans`` is enclosed in quotation marks."""
    if not spans:
        return False
    ordered = sorted((int(a), int(b)) for a, b in spans)
    start, end = ordered[0][0], ordered[-1][1]
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return False
    body = text[start:end]
    opens = body.startswith(_OPENERS) or text[max(0, start - 2):start].endswith(_OPENERS)
    closes = (body.endswith(_CLOSERS) or body.rstrip(_TRAILING).endswith(_CLOSERS)
              or text[end:end + 4].lstrip(".,;:!?").startswith(_CLOSERS))
    return opens and closes


def _charset(spans: Iterable[Sequence[int]]) -> set[int]:
    out: set[int] = set()
    for a, b in spans:
        out.update(range(int(a), int(b)))
    return out


def match(gold: list[set[int]], pred: list[set[int]], *, ratio: float = 0.5) -> list[tuple[int, int]]:
    """One-to-one (gold, prediction) pairs overlapping by >= ``ratio`` of the longer, best first."""
    cands: list[tuple[float, int, int]] = []
    for i, g in enumerate(gold):
        if not g:
            continue
        hole = set(range(min(g), max(g) + 1)) - g
        for j, p in enumerate(pred):
            if hole:
                p = p - hole
            if not p:
                continue
            ov = len(g & p)
            longer = max(len(g), len(p))
            if ov and ov >= ratio * longer:
                cands.append((ov / longer, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    return pairs


def speaker_correct(gold: dict[str, Any], quote: Quote,
                    mentions: dict[str, list[tuple[int, int]]]) -> tuple[bool, bool]:
    """(right by span or name, right also counting any mention of the speaker's entity)."""
    gspans = gold.get("speaker_spans") or []
    gname = str(gold.get("speaker") or "").strip()
    sp = quote.speaker
    if not gspans and not gname:
        return sp is None, sp is None
    if sp is None:
        return False, False
    gchars = _charset(gspans)
    ok = False
    if sp.start is not None and sp.end is not None:
        ok = bool(gchars & set(range(sp.start, sp.end)))
    name = (sp.name or "").strip()
    if not ok and name and gname and name.lower() == gname.lower():
        ok = True
    ok_entity = ok
    if not ok_entity and sp.entity in mentions:
        ok_entity = any(gchars & set(range(a, b)) for a, b in mentions[sp.entity])
    return ok, ok_entity


def channel_credited(gold: dict[str, Any], quote: Quote) -> bool:
    """The gold speaker is a document or medium newsgraph keeps as the quote's ``channel`` (``the
    report said``: the report is the channel; no speaker, or its named author, is predicted)."""
    ch = quote.channel
    gspans = gold.get("speaker_spans") or []
    return ch is not None and bool(gspans) and bool(_charset(gspans) & set(range(ch.start, ch.end)))


def score_article(record: dict[str, Any], quotes: Sequence[Quote],
                  entities: Sequence[Entity] = ()) -> dict[str, dict[str, Any]]:
    """Counts for one article: per key (direct, all) tp, n_pred, n_gold, speaker hits, errors."""
    text = record["text"]
    gold_all = [q for q in record.get("quotes") or [] if q.get("quote_spans")]
    gold_direct = [q for q in gold_all if is_direct(text, q["quote_spans"])]
    mentions = {e.id: [(m.start, m.end) for m in e.mentions] for e in entities}
    out: dict[str, dict[str, Any]] = {}
    for key, golds, preds in (("direct", gold_direct, [q for q in quotes if q.kind == "direct"]),
                              ("all", gold_all, list(quotes))):
        gsets = [_charset(g["quote_spans"]) for g in golds]
        psets = [set(range(q.span.start, q.span.end)) for q in preds]
        pairs = match(gsets, psets)
        spk = spk_ent = spk_ch = 0
        wrong: list[dict[str, Any]] = []
        for i, j in pairs:
            ok, ok_ent = speaker_correct(golds[i], preds[j], mentions)
            spk += ok
            spk_ent += ok_ent
            spk_ch += ok or channel_credited(golds[i], preds[j])
            if not ok:
                sp = preds[j].speaker
                wrong.append({"quote": preds[j].span.text[:80], "gold": golds[i].get("speaker"),
                              "pred": (text[sp.start:sp.end] if sp and sp.start is not None else None)})
        got_g = {i for i, _ in pairs}
        got_p = {j for _, j in pairs}
        out[key] = {
            "tp": len(pairs), "n_pred": len(preds), "n_gold": len(golds), "speaker": spk,
            "speaker_entity": spk_ent, "speaker_channel": spk_ch, "wrong_speaker": wrong,
            "missed": [golds[i] for i in range(len(golds)) if i not in got_g],
            "spurious": [preds[j] for j in range(len(preds)) if j not in got_p],
        }
    return out


def summarize(counts: Iterable[dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """Micro-averaged P/R/F1 and speaker accuracy from per-article counts."""
    tot = {k: {"tp": 0, "n_pred": 0, "n_gold": 0, "speaker": 0, "speaker_entity": 0, "speaker_channel": 0}
           for k in ("direct", "all")}
    for c in counts:
        for k, v in tot.items():
            for f in v:
                v[f] += c[k][f]
    out: dict[str, Any] = {}
    for k, v in tot.items():
        tp, npred, ngold = v["tp"], v["n_pred"], v["n_gold"]
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[k] = {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "tp": tp,
                  "n_pred": npred, "n_gold": ngold,
                  "speaker_accuracy": round(v["speaker"] / tp, 4) if tp else 0.0,
                  "speaker_accuracy_entity": round(v["speaker_entity"] / tp, 4) if tp else 0.0,
                  "speaker_accuracy_channel": round(v["speaker_channel"] / tp, 4) if tp else 0.0}
    return out


def load_records(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    recs: list[dict[str, Any]] = []
    with Path(data).joinpath(*_FILE).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                recs.append(json.loads(line))
                if limit is not None and len(recs) >= limit:
                    break
    return recs


def article_of(record: dict[str, Any]) -> Article:
    """The Article for one record: its text exactly as given, so gold offsets line up."""
    date = str(record.get("date") or "")[:10]
    return Article(id=str(record["id"]), text=record["text"], title=str(record.get("title") or ""),
                   published=Published(date, "day", "input") if len(date) == 10 else None)


def _needed_stages(settings: Settings) -> tuple[str, ...]:
    """``quotes.v1`` and the configured stages it depends on (directly or not), in order."""
    from ..registry import registered

    table = registered()
    configured = [n for n in settings.stages if n in table]
    wanted = {"quotes"}
    keep: list[str] = []
    for name in reversed(configured + ([] if "quotes.v1" in configured else ["quotes.v1"])):
        st = table[name]
        if st.produces in wanted:
            keep.append(name)
            wanted.discard(st.produces)
            wanted.update(st.requires)
    return tuple(reversed(keep))


PARTS = ("even", "odd")


def select_part(recs: list[dict[str, Any]], part: str | None) -> list[dict[str, Any]]:
    """The records at even or odd positions (``part``), or all of them (None)."""
    if part is None:
        return recs
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(PARTS)}, not {part!r}")
    return recs[PARTS.index(part)::2]


def evaluate(data: Path, *, settings: Settings | None = None, limit: int | None = None,
             part: str | None = None) -> dict[str, Any]:
    """Direct-quote P/R/F1, speaker accuracy and all-attribution P/R/F1 on PolNeAR (``part``:
    only the even- or odd-indexed records)."""
    from ..pipeline import annotate

    base = settings or load_settings()
    settings = base.with_overrides(stages=_needed_stages(base))
    recs = select_part(load_records(Path(data), limit), part)
    counts = []
    t0 = time.perf_counter()
    for r in recs:
        analysis = annotate(article_of(r), settings)
        counts.append(score_article(r, analysis.quotes, analysis.entities))
    out = summarize(counts)
    out.update(articles=len(recs), part=part or "all", stages=list(settings.stages),
               seconds=round(time.perf_counter() - t0, 1))
    return out
