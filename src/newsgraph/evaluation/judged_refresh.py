"""Judged events on the current pipeline: every judged item of earlier files matched to today's output.

A judged file records what the pipeline claimed when it was drawn.  To train the calibrated confidence on
evidence the coder records now (``Event.evidence``: where the date came from, how each party was found), or
to see what a change did to judged items, the files' articles are analysed again and each judged item is
matched to today's output event:

- ``same``: today's output has an event with the same claim (place, root, parties, negation, date value;
  ``judged_events.same``), also when only its sentence moved (``judged_common.carry_over``): the verdict
  holds; the row is today's item (its confidence and evidence) with the verdict;
- ``changed``: an event at the same place (article, trigger, the parties' span starts) with another claim:
  the row is today's item without a verdict and the old claim and verdict under ``previous``, to be
  judged again;
- ``rejudged``: a changed item whose new claim a file of re-judged claims (``--rejudged``) holds: today's
  item with that verdict;
- ``gone``: no output event at that place: the old row, unchanged.

``python -m newsgraph.evaluation.judged_refresh --data ../shared/data --work WORK FILE... --out-dir DIR``
writes ``DIR/<file name>`` for each file (the article text stays in WORK: keep both out of the repo unless
the rows are to be committed) and prints the counts.  The analysis of all the files' articles is one run
(``--reuse`` reads WORK/analysis.jsonl again).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import judged_common as jc
from . import judged_events as je
from .common import read_jsonl
from .judged_common import JSON

__all__ = ["refresh", "refresh_rows"]

STATUSES = ("same", "rejudged", "changed", "gone")


def _place(it: JSON) -> str:
    """An event's place: article, trigger and its parties' span starts (``judged_events.rank_key``'s parts)."""
    return json.dumps([it["article"], it["trigger"], je._start(it.get("source_party")),
                       je._start(it.get("target_party"))])


def _relative_place(it: JSON) -> str | None:
    r = jc.relative(it, je.OFFSETS)
    return None if r is None else json.dumps([r.get("sentence_sha1"), _place(r)])


def _carried(now: JSON, judged: JSON, refresh: JSON) -> JSON:
    """Today's item ``now`` with the verdict of ``judged`` (and the commit it was given for)."""
    row = dict(now)
    row.update({k: judged.get(k) for k in je.EMPTY})
    row["judged_commit"] = judged.get("judged_commit", judged.get("pipeline_commit"))
    row["refresh"] = refresh
    return row


def refresh_rows(old: Sequence[JSON], current: Sequence[JSON], label: str = "",
                 rejudged: Sequence[JSON] = ()) -> list[JSON]:
    """Each judged row of ``old`` matched to today's candidates ``current`` (``judged_events.candidates``
    of the same articles): see the module's doc.  Rows without a verdict are left out.  A changed item
    whose new claim ``rejudged`` holds (judged rows of new claims) takes that verdict (``rejudged``)."""
    again = {je.same(r): r for r in rejudged if je.judged(r)}
    by_same: dict[str, JSON] = {}
    by_rel_same: dict[str, JSON] = {}
    by_place: dict[str, JSON] = {}
    by_rel_place: dict[str, JSON] = {}
    for it in current:
        by_same.setdefault(je.same(it), it)
        by_place.setdefault(_place(it), it)
        r = jc.relative(it, je.OFFSETS)
        if r is not None:
            by_rel_same.setdefault(je.same(r), it)
        rp = _relative_place(it)
        if rp is not None:
            by_rel_place.setdefault(rp, it)
    out: list[JSON] = []
    for o in old:
        if not je.judged(o):
            continue
        r = jc.relative(o, je.OFFSETS)
        now = by_same.get(je.same(o)) or (by_rel_same.get(je.same(r)) if r is not None else None)
        if now is not None:
            out.append(_carried(now, o, {"status": "same", "from": o["item"], "file": label}))
            continue
        rp = _relative_place(o)
        now = by_place.get(_place(o)) or (by_rel_place.get(rp) if rp is not None else None)
        if now is not None and (j := again.get(je.same(now))) is not None:
            out.append(_carried(now, j, {"status": "rejudged", "from": o["item"], "file": label}))
            continue
        if now is not None:
            row = dict(now)
            row.update(json.loads(json.dumps(je.EMPTY)))
            row["refresh"] = {"status": "changed", "from": o["item"], "file": label}
            row["previous"] = {k: o.get(k) for k in ("code", "source_party", "target_party", "date", "negated",
                                                     "verdict")}
            out.append(row)
            continue
        row = dict(o)
        row["refresh"] = {"status": "gone", "from": o["item"], "file": label}
        out.append(row)
    return out


def _records(data: Path, wanted: dict[str, str]) -> list[tuple[str, JSON]]:
    """The input lines of the ``wanted`` articles ({id: source name}) from the corpora the samples draw on
    (the corpus sources and ``judged_events.OTHER_SOURCES``: polnear, tempeval)."""
    paths = {s.name: s.path for s in je.ARTICLES} | {n: s.path for n, (s, _, _) in je.OTHER_SOURCES.items()}
    out: list[tuple[str, JSON]] = []
    for name, path in paths.items():
        ids = {a for a, src in wanted.items() if src == name}
        if ids:
            out += [(name, jc.input_record(r)) for r in map(jc.with_id, read_jsonl(data / path))
                    if str(r["id"]) in ids]
    return out


def refresh(files: Iterable[Path], data: Path, work: Path, out_dir: Path, reuse: bool = False,
            rejudged: Iterable[Path] = ()) -> JSON:
    """Refresh every judged file of ``files`` into ``out_dir`` (see the module's doc); the counts.
    ``rejudged``: files of judged new claims of changed items."""
    olds = {p: list(read_jsonl(p)) for p in files}
    again = [r for p in rejudged for r in read_jsonl(p)]
    wanted = {str(it["article"]): str(it["source"]) for rows in olds.values() for it in rows}
    chosen = _records(data, wanted)
    analysis = jc.run_pipeline(chosen, work, reuse)
    source_of = {rec["id"]: name for name, rec in chosen}
    commit = jc.pipeline_commit()
    current: dict[str, list[JSON]] = {}
    for a in read_jsonl(analysis):
        if "article" in a:
            aid = a["article"]["id"]
            current[aid] = je.candidates(a, source_of[aid], commit)
    summary: JSON = {"articles": len(chosen), "missing": sorted(set(wanted) - set(source_of)),
                     "pipeline_commit": commit}
    for p, rows in olds.items():
        mine = [c for aid in dict.fromkeys(str(it["article"]) for it in rows) for c in current.get(aid, [])]
        got = refresh_rows(rows, mine, p.name, again)
        jc.write_jsonl(out_dir / p.name, got)
        summary[p.name] = dict(Counter(r["refresh"]["status"] for r in got))
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsgraph.evaluation.judged_refresh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", type=Path, nargs="+", help="judged events files")
    ap.add_argument("--data", type=Path, required=True, help="the data folder (../shared/data)")
    ap.add_argument("--work", type=Path, required=True, help="scratch folder for inputs and analysis (not the repo)")
    ap.add_argument("--out-dir", type=Path, required=True)
    ap.add_argument("--reuse", action="store_true", help="reuse WORK/analysis.jsonl instead of re-running")
    ap.add_argument("--rejudged", type=Path, action="append", default=[],
                    help="judged rows of the new claims of changed items (repeatable)")
    args = ap.parse_args(argv)
    print(json.dumps(refresh(args.files, args.data, args.work, args.out_dir, args.reuse, args.rejudged), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
