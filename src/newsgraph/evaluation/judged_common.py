"""The machinery every judged sample shares (entities, events, quotes): coordinated sampling by stable
SHA-256 ranks, the pipeline run, carrying verdicts over to a newer pipeline, Wilson intervals, shares per
group, confidence bands and thresholds, and merging the work of several judges.

Why one module: the entity, event and quote samples are drawn and scored the same way, so a fix to the
sampling or the interval is made once.  The rules of each sample are in docs/judging.md.

Coordinated sampling: an article's rank is ``sha256(seed:article:ID)``, an item's rank a hash of the seed,
its kind, its article and its *position* (offsets).  Per source the lowest-ranked records or items are
taken; an item a newer pipeline outputs at the same place keeps its rank, so re-sampling with the same seed
keeps it in the sample unless new items outrank it, and its verdicts carry over when its claim is unchanged.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import read_jsonl

JSON = dict[str, Any]
Z95 = 1.959964


@dataclass(frozen=True)
class Source:
    """One corpus sampled from: its short name, file under the data folder, articles and item quota."""

    name: str
    path: str
    articles: int
    quota: int


def rank(seed: int, *parts: object) -> str:
    """A stable pseudo-random rank: the hex SHA-256 of ``seed:part:part…`` (independent of file order)."""
    return hashlib.sha256(":".join(str(p) for p in (seed, *parts)).encode()).hexdigest()


def short_hash(text: str) -> str:
    """The first 12 hex digits of the SHA-1 of ``text``: says two texts are the same without storing them."""
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def third_of(seed: int, article: str) -> int:
    """The third (0, 1 or 2) an article's items belong to, from its rank; third 2 is held aside.  By
    article, so that no article of the held-aside third is read while the pipeline is tuned."""
    return int(rank(seed, "third", article)[:12], 16) % 3


# --- articles and the pipeline run ------------------------------------------------------------------

def with_id(rec: JSON) -> JSON:
    """A corpus record with ``id`` and ``date`` under those names (TempEval's are ``doc_id`` and ``dct``)."""
    if "id" in rec or "doc_id" not in rec:
        return rec
    return {**rec, "id": rec["doc_id"], "date": rec.get("date") or rec.get("dct")}


def input_record(rec: JSON) -> JSON:
    """The ``newsgraph analyze`` JSONL input line for a corpus record (id, text, title, date, url kept)."""
    out: JSON = {"id": rec["id"], "text": rec["text"]}
    if rec.get("title"):
        out["title"] = rec["title"]
    if rec.get("date"):
        out["date"] = str(rec["date"])[:10]
    if rec.get("url"):
        out["url"] = rec["url"]
    return out


def sample_articles(data: Path, seed: int, sources: Sequence[Source],
                    exclude: frozenset[str] = frozenset()) -> list[tuple[str, JSON]]:
    """[(source name, input line)] — per source the ``articles`` records of lowest rank, leaving out the
    article ids in ``exclude`` (so that a fresh, held-out sample shares no article with an earlier one)."""
    chosen: list[tuple[str, JSON]] = []
    for src in sources:
        recs = sorted((r for r in map(with_id, read_jsonl(data / src.path)) if str(r["id"]) not in exclude),
                      key=lambda r: rank(seed, "article", r["id"]))
        chosen += [(src.name, input_record(r)) for r in recs[: src.articles]]
    return chosen


def excluded_articles(paths: Iterable[Path]) -> frozenset[str]:
    """The article ids of earlier judgment files: a fresh sample leaves these articles out."""
    return frozenset(str(it["article"]) for p in paths for it in read_jsonl(p))


def pipeline_commit() -> str:
    """The git commit of the newsgraph being run (``+dirty`` when its tree has uncommitted changes)."""
    repo = Path(__file__).resolve().parents[3]
    try:
        head = subprocess.run(["git", "-C", str(repo), "rev-parse", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(repo), "status", "--porcelain", "--untracked-files=no", "src"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def run_pipeline(chosen: Sequence[tuple[str, JSON]], work: Path, reuse: bool) -> Path:
    """Write the input lines to WORK/inputs.jsonl and run ``newsgraph analyze`` on them (unless ``reuse``
    and WORK/analysis.jsonl exists); the analysis path.  The work folder holds article text: keep it out of
    the repo."""
    work.mkdir(parents=True, exist_ok=True)
    inputs, analysis_path = work / "inputs.jsonl", work / "analysis.jsonl"
    with open(inputs, "w", encoding="utf-8") as f:
        for _, rec in chosen:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if not (reuse and analysis_path.exists()):
        subprocess.run([sys.executable, "-m", "newsgraph", "analyze", str(inputs), "-o", str(analysis_path)],
                       check=True)
    return analysis_path


def analyses(work: Path) -> dict[str, JSON]:
    """The analyses of a work folder by article id (errors left out)."""
    return {a["article"]["id"]: a for a in read_jsonl(work / "analysis.jsonl") if "article" in a}


def write_jsonl(path: Path, rows: Iterable[JSON]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# --- sampling items ---------------------------------------------------------------------------------

def sample_items(items: Iterable[JSON], key: Callable[[JSON], str], sources: Sequence[Source]) -> list[JSON]:
    """Per source the ``quota`` items of lowest ``key`` (a rank); a source short of items leaves its rest to
    the others (filled in rank order over all remaining items), so the total stays the sum of the quotas.
    The result is in (source, article, rank) order, independent of the input's order."""
    by_src: dict[str, list[JSON]] = {s.name: [] for s in sources}
    for it in items:
        by_src.setdefault(it["source"], []).append(it)
    keyed = {name: sorted(lst, key=key) for name, lst in by_src.items()}
    chosen = [it for s in sources for it in keyed.get(s.name, [])[: s.quota]]
    short = sum(s.quota for s in sources) - len(chosen)
    if short > 0:
        rest = sorted((it for s in sources for it in keyed.get(s.name, [])[s.quota:]), key=key)
        chosen += rest[:short]
    order = {s.name: i for i, s in enumerate(sources)}
    return sorted(chosen, key=lambda it: (order.get(it["source"], 99), it["article"], key(it)))


# --- where an item is, robust to text changes ----------------------------------------------------------
# An item's offsets are absolute in article.text; a parse change that drops or repairs text before it (a
# boilerplate first line, mojibake) shifts them all.  Each kind of item names the paths of its offset pairs
# (``("trigger",)``, ``("source_party", "span")``, ``("system", "*", "trigger")``); the item's *window* is the
# smallest stretch covering them all (an event's sentence and any party outside it, a quote's span, speaker,
# cue and channel, a recall sentence), and ``sentence_sha1`` the hash of the window's text.  An item whose
# window text and offsets relative to the window's start are unchanged is the same item, wherever it moved.

OffsetPath = tuple[str, ...]


def _pairs(obj: Any, path: OffsetPath) -> list[Any]:
    """The offset pairs ``[start, end]`` found at ``path`` in ``obj`` (``"*"`` walks a list); absent or null
    ones are skipped."""
    if not path:
        return [obj] if isinstance(obj, list) and len(obj) == 2 and all(isinstance(x, int) for x in obj) else []
    head, rest = path[0], path[1:]
    if head == "*":
        return [p for x in obj for p in _pairs(x, rest)] if isinstance(obj, list) else []
    return _pairs(obj.get(head), rest) if isinstance(obj, dict) else []


def window(it: JSON, paths: Sequence[OffsetPath]) -> tuple[int, int] | None:
    """[start, end) of the smallest stretch of text covering every offset pair of ``it`` at ``paths``."""
    pairs = [p for path in paths for p in _pairs(it, path)]
    return (min(p[0] for p in pairs), max(p[1] for p in pairs)) if pairs else None


def sentence_sha1(text: str, it: JSON, paths: Sequence[OffsetPath]) -> str | None:
    """The short hash of the text of the item's window (see ``window``): says the item's sentence (and the
    spans it points to) is unchanged without storing it."""
    w = window(it, paths)
    return short_hash(text[w[0]:w[1]]) if w else None


def shifted(obj: JSON, paths: Sequence[OffsetPath], delta: int) -> JSON:
    """A deep copy of ``obj`` with every offset pair at ``paths`` moved by ``delta``."""
    out: JSON = json.loads(json.dumps(obj))
    for path in paths:
        for pair in _pairs(out, path):
            pair[0] += delta
            pair[1] += delta
    return out


def relative(it: JSON, paths: Sequence[OffsetPath]) -> JSON | None:
    """The item as seen from its window: offsets relative to the window's start and ``text_sha1`` replaced by
    ``sentence_sha1`` (so a carry-over key computed on it ignores everything outside the window); None when
    the item has no ``sentence_sha1`` (files drawn before it was recorded)."""
    w = window(it, paths)
    if w is None or not it.get("sentence_sha1"):
        return None
    return {**shifted(it, paths, -w[0]), "text_sha1": it["sentence_sha1"]}


# --- the rank frame: ranks that survive a text change ------------------------------------------------
# An item's rank hashes its absolute offsets, so an item that moved would get a new rank and the sample of a
# changed article would be drawn afresh (losing the old items whatever carry-over matches).  A *frame* maps an
# article's current text onto the text its sample was first drawn on (the matching blocks of the two: numbers
# only, no text); ranks are computed on the offsets mapped into that frame, so every item in unchanged text
# keeps exactly the rank it had — sampled or not, so the sample stays the one the seed draws — and only items
# in changed text get new ranks.

def text_map(current: str, frame: str) -> list[list[int]]:
    """The blocks ``[current_start, frame_start, length]`` in which ``current`` and ``frame`` (two versions
    of one article's text) agree."""
    sm = difflib.SequenceMatcher(None, current, frame, autojunk=False)
    return [[a, b, n] for a, b, n in sm.get_matching_blocks() if n]


def frame_record(article: str, current: str, frame: str) -> JSON:
    """One line of a frames file: the article, the hashes of both texts and the blocks (no text)."""
    return {"article": article, "text_sha1": short_hash(current), "frame_sha1": short_hash(frame),
            "blocks": text_map(current, frame)}


def _frame_pos(p: int, blocks: Sequence[Sequence[int]], *, end: bool) -> int:
    """Offset ``p`` of the current text in the frame: inside an unchanged block, the same character there;
    inside changed text (a repaired character, an inserted line), the edge of the changed stretch in the
    frame — its start for a start offset, its end for an end offset — so a span starting or ending on a
    repaired character keeps the place it had."""
    q = p - 1 if end else p  # an end offset is judged by its last character
    prev_end = 0
    for a, b, n in blocks:
        if a <= q < a + n:
            return b + q - a + (1 if end else 0)
        if a > q:
            return b if end else prev_end
        prev_end = b + n
    return prev_end


def _to_frame(pair: list[int], blocks: Sequence[Sequence[int]]) -> list[int]:
    return [_frame_pos(pair[0], blocks, end=False), _frame_pos(pair[1], blocks, end=True)]


def framed(it: JSON, paths: Sequence[OffsetPath], frames: dict[str, JSON]) -> JSON:
    """The item with its offsets at ``paths`` in its article's frame (``frames``: frames file lines by
    article), for computing its rank.  Unchanged when the article has no frame or its text is not the one
    the frame was made for."""
    fr = frames.get(it["article"])
    if fr is None or it.get("text_sha1") != fr["text_sha1"]:
        return it
    out: JSON = json.loads(json.dumps(it))
    for path in paths:
        for pair in _pairs(out, path):
            pair[0], pair[1] = _to_frame(pair, fr["blocks"])
    return out


def framed_key(key: Callable[[JSON], str], paths: Sequence[OffsetPath],
               frames: dict[str, JSON]) -> Callable[[JSON], str]:
    """``key`` (a rank) computed on the item in its article's frame (``paths``: the offsets the rank hashes)."""
    return lambda it: key(framed(it, paths, frames))


def read_frames(paths: Iterable[Path]) -> dict[str, JSON]:
    """Frames file lines by article (a later file's line for an article replaces an earlier one)."""
    return {str(fr["article"]): fr for p in paths for fr in read_jsonl(p)}


def carry_over(new: list[JSON], old: Iterable[JSON], same: Callable[[JSON], str], empty: JSON,
               judged: Callable[[JSON], bool], offsets: Sequence[OffsetPath] = (),
               verdict_offsets: Sequence[OffsetPath] = ()) -> tuple[list[JSON], int]:
    """Copy the verdict fields (the keys of ``empty``) from ``old`` judgments onto the ``new`` items with
    the same ``same`` key (the item's place and claim, not its confidence); the others get ``empty``'s
    values.  A carried item records ``judged_commit``, the pipeline commit the verdicts were given for.

    With ``offsets`` (the paths of the item's offset pairs) an item also matches an old one whose key is the
    same *relative to the item's window* when both carry ``sentence_sha1`` — same article, same window text,
    same offsets within it, same claim — so verdicts survive a text change elsewhere in the article that
    shifts every offset; offsets in the verdict (``verdict_offsets``: a judge's speaker mention, gold
    triggers) are moved by the same amount.  Returns (items, number carried)."""
    olds = [o for o in old if judged(o)]
    done = {same(o): o for o in olds}
    moved: dict[str, JSON] = {}
    for old_it in olds:
        r = relative(old_it, offsets) if offsets else None
        if r is not None:
            moved.setdefault(same(r), old_it)
    out, carried = [], 0
    for it in new:
        o, delta = done.get(same(it)), 0
        r = relative(it, offsets) if o is None and offsets else None
        if r is not None and (o := moved.get(same(r))) is not None:
            w_new, w_old = window(it, offsets), window(o, offsets)
            assert w_new is not None and w_old is not None
            delta = w_new[0] - w_old[0]
        it = dict(it)
        if o is not None:
            verdicts = {v: o.get(v) for v in empty}
            it.update(shifted(verdicts, verdict_offsets, delta) if delta else verdicts)
            it["judged_commit"] = o.get("judged_commit", o.get("pipeline_commit"))
            carried += 1
        else:
            it.update(json.loads(json.dumps(empty)))  # a fresh copy: no list shared between items
        out.append(it)
    return out, carried


def merge(base: Sequence[JSON], parts: Sequence[Sequence[JSON]], verdicts: Sequence[str],
          judged: Callable[[JSON], bool]) -> tuple[list[JSON], list[str]]:
    """The ``base`` items with the ``verdicts`` fields of whichever part judged them (parts are copies of the
    base, or of line ranges of it, each filled by one judge).  Items judged in two parts with different verdicts are
    conflicts: they keep the base's verdicts and their ids are returned.  Returns (items, conflicts)."""
    found: dict[str, list[JSON]] = {}
    for part in parts:
        for it in part:
            if judged(it):
                found.setdefault(it["item"], []).append(it)
    known = {it["item"] for it in base}
    stray = sorted(set(found) - known)
    if stray:
        raise ValueError(f"items not in the base file: {', '.join(stray[:5])}")
    out, conflicts = [], []
    for it in base:
        got = found.get(it["item"], [])
        fields = {json.dumps({v: g.get(v) for v in verdicts}, sort_keys=True) for g in got}
        if len(fields) > 1:
            conflicts.append(it["item"])
            out.append(dict(it))
        elif got:
            out.append({**it, **{v: got[0][v] for v in verdicts if v in got[0]},
                        **({"judged_commit": got[0]["judged_commit"]} if "judged_commit" in got[0] else {})})
        else:
            out.append(dict(it))
    return out, conflicts


# --- scoring ----------------------------------------------------------------------------------------

def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for k successes in n trials (95% by default); (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def share(items: Sequence[JSON], criterion: str) -> JSON:
    """The share of ``items`` whose verdict ``criterion`` is true, with its 95% Wilson interval."""
    k = sum(1 for it in items if it[criterion] is True)
    lo, hi = wilson(k, len(items))
    return {"share": round(k / len(items), 4) if items else None, "k": k, "n": len(items),
            "ci95": [round(lo, 4), round(hi, 4)]}


def shares(items: Sequence[JSON], criteria: Sequence[str]) -> JSON:
    return {c: share(items, c) for c in criteria}


def grouped(items: Sequence[JSON], field: str, criteria: Sequence[str]) -> JSON:
    """Shares per criterion for each value of ``field`` (per source, per third)."""
    groups = sorted({str(it.get(field)) for it in items})
    return {g: shares([it for it in items if str(it.get(field)) == g], criteria) for g in groups}


# confidence bands: [low, high) and a label
BANDS: tuple[tuple[float, float, str], ...] = (
    (0.0, 0.3, "<0.3"), (0.3, 0.5, "0.3-0.5"), (0.5, 0.7, "0.5-0.7"), (0.7, math.inf, ">=0.7"),
)
THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * i, 2) for i in range(20))


def band_of(confidence: float) -> str:
    return next(label for lo, hi, label in BANDS if lo <= confidence < hi) if confidence >= 0 else BANDS[0][2]


def by_band(items: Sequence[JSON], criteria: Sequence[str], conf: Callable[[JSON], float]) -> JSON:
    """Shares per criterion in each confidence band (calibration: is a higher confidence more often right?)."""
    return {label: shares([it for it in items if lo <= conf(it) < hi], criteria) for lo, hi, label in BANDS}


def at_thresholds(items: Sequence[JSON], criterion: str, conf: Callable[[JSON], float],
                  thresholds: Sequence[float] = THRESHOLDS) -> list[JSON]:
    """For each candidate threshold t: how many items are kept (confidence >= t), the share of the sample
    kept, and the share of kept items with ``criterion`` true (precision) with its interval.  The sample is
    uniform over the output, so these estimate what a user would see with ``--min-confidence t``."""
    rows = []
    for t in thresholds:
        kept = [it for it in items if conf(it) >= t]
        rows.append({"min_confidence": t, "kept": len(kept),
                     "kept_share": round(len(kept) / len(items), 4) if items else None,
                     "precision": share(kept, criterion)})
    return rows


def tally(items: Iterable[JSON]) -> JSON:
    """The count of each error tag, most frequent first."""
    counts: dict[str, int] = {}
    for it in items:
        for t in it.get("tags") or []:
            counts[t] = counts.get(t, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def conf(it: JSON) -> float:
    """An item's confidence (0 when the output gave none)."""
    c = it.get("confidence")
    return float(c) if c is not None else 0.0


def flat(it: JSON) -> JSON:
    """An event or quote line as the scorer reads it: its ``verdict`` object's fields beside its corpus
    (``corpus``: the line's ``source``), third, confidence, kind and commit."""
    return {"item": it["item"], "corpus": it["source"], "third": it.get("third", 0), "confidence": it.get("confidence"),
            "kind": it.get("kind"), "pipeline_commit": it.get("pipeline_commit"), **(it.get("verdict") or {})}


def split_judged(judgments: Iterable[JSON], criteria: Sequence[str]) -> tuple[list[JSON], int]:
    """(items with every verdict given, number pending); ``full`` must be the conjunction of the others."""
    done, pending = [], 0
    for it in judgments:
        if any(it.get(c) is None for c in criteria):
            pending += 1
            continue
        parts = [c for c in criteria if c != "full"]
        if it["full"] != all(it[c] for c in parts):
            raise ValueError(f"{it.get('item')}: full must be {' and '.join(parts)}")
        done.append(it)
    return done, pending
