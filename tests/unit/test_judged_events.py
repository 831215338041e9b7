"""Judged events and quotes: candidates carry no text, sampling is reproducible and coordinated, verdicts
carry over only to unchanged claims, the scorer's shares, bands, thresholds and intervals, the recall
estimate and merging the work of several judges (invented analyses and judgments; no spaCy)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluation import judged_common as jc
from newsgraph.evaluation import judged_events as je
from newsgraph.evaluation import judged_quotes as jq

TEXT = "Invented title\n\nThe mayor of Oslo met Ann Berg on Monday. \"We agreed,\" Berg said. Police arrested two men."


def _off(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _event(trigger: str, code: str, src: str | None, tgt: str | None, conf: float, **kw: Any) -> dict[str, Any]:
    ts, te = _off(trigger)
    sent = TEXT.rfind(".", 0, ts) + 2 if TEXT.rfind(".", 0, ts) > 0 else 16

    def party(word: str | None, actor: str) -> dict[str, Any] | None:
        if word is None:
            return None
        s, e = _off(word)
        return {"entity": "e1", "actor": actor, "name": word, "start": s, "end": e}

    return {"code": code, "root": code[:2], "source": party(src, "NORGOV"), "target": party(tgt, "NOR"),
            "trigger": {"start": ts, "end": te, "text": trigger}, "sentence": {"start": sent, "end": te + 10},
            "date": {"value": "2020-01-06", "precision": "day", "anchor": "text"}, "confidence": conf,
            "modality": "asserted", "negated": False, **kw}


def _analysis(aid: str = "a1", events: list[dict[str, Any]] | None = None,
              quotes: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {"article": {"id": aid, "text": TEXT, "published": "2020-01-07"},
            "events": events if events is not None else [_event("met", "040", "mayor", "Ann Berg", 0.6),
                                                         _event("arrested", "173", "Police", None, 0.2)],
            "quotes": quotes if quotes is not None else [
                {"start": _off("We agreed")[0], "end": _off("We agreed")[1], "text": "We agreed", "kind": "direct",
                 "speaker": {"entity": "e2", "actor": "NOR", "name": "Ann Berg", "start": _off("Berg", 1)[0],
                             "end": _off("Berg", 1)[1]},
                 "cue": {"start": _off("said")[0], "end": _off("said")[1], "text": "said"}, "channel": None,
                 "confidence": 0.9}]}


def test_event_and_quote_items_hold_offsets_codes_and_hashes_but_no_text() -> None:
    events = je.candidates(_analysis(), "bbc", "c0ffee", seed=1)
    quotes = jq.candidates(_analysis(), "cnn", "c0ffee", seed=1)
    met = events[0]
    assert met["trigger"] == list(_off("met")) and met["code"] == "040" and met["root"] == "04"
    assert met["source_party"] == {"actor": "NORGOV", "span": list(_off("mayor"))}
    assert met["target_party"]["actor"] == "NOR" and met["date"]["value"] == "2020-01-06"
    assert met["confidence"] == 0.6 and met["third"] in (0, 1, 2) and met["pipeline_commit"] == "c0ffee"
    assert events[1]["target_party"] is None
    assert quotes[0]["span"] == list(_off("We agreed")) and quotes[0]["speaker"]["actor"] == "NOR"
    blob = json.dumps(events + quotes)
    for word in ("mayor", "Berg", "agreed", "Police", "Oslo"):
        assert word not in blob.replace("bbc", "")  # the item ids and fields hold no article words


def test_thirds_are_by_article_and_fixed_by_the_seed() -> None:
    ids = [f"art{i}" for i in range(300)]
    thirds = [jc.third_of(5, a) for a in ids]
    assert thirds == [jc.third_of(5, a) for a in ids]
    assert all(60 < thirds.count(t) < 140 for t in (0, 1, 2))
    assert thirds != [jc.third_of(6, a) for a in ids]
    items = je.candidates(_analysis("art7"), "bbc", "x", seed=5)
    assert {it["third"] for it in items} == {jc.third_of(5, "art7")}


def _many(n_articles: int, source: str) -> list[dict[str, Any]]:
    return [it for i in range(n_articles) for it in je.candidates(_analysis(f"{source}{i}"), source, "c1", seed=3)]


def test_sampling_is_reproducible_and_independent_of_input_order() -> None:
    items = _many(10, "bbc") + _many(10, "police")
    srcs = (jc.Source("bbc", "-", 10, 6), jc.Source("police", "-", 10, 4))
    one = jc.sample_items(items, je.rank_key(3), srcs)
    assert len(one) == 10 and sum(it["source"] == "police" for it in one) == 4
    assert jc.sample_items(list(reversed(items)), je.rank_key(3), srcs) == one
    assert jc.sample_items(items, je.rank_key(4), srcs) != one


def test_a_recoded_or_rescored_event_keeps_its_rank_so_its_place_in_the_sample() -> None:
    before = je.candidates(_analysis(), "bbc", "c1", seed=3)
    after = je.candidates(_analysis(events=[_event("met", "043", "mayor", "Ann Berg", 0.95),
                                            _event("arrested", "173", "Police", None, 0.2)]), "bbc", "c2", seed=3)
    key = je.rank_key(3)
    assert [key(it) for it in before] == [key(it) for it in after]


def _judge(it: dict[str, Any], **verdict: Any) -> dict[str, Any]:
    v = dict(je.EMPTY["verdict"])
    v.update(verdict)
    return {**it, "verdict": v}


def test_verdicts_carry_over_to_unchanged_claims_only() -> None:
    old = [_judge(it, real=True, code=True, source=True, target=True, date=True, full=True, reason="ok")
           for it in je.candidates(_analysis(), "bbc", "c1", seed=3)]
    rescored = je.candidates(_analysis(events=[_event("met", "040", "mayor", "Ann Berg", 0.99),
                                               _event("arrested", "190", "Police", None, 0.2)]), "bbc", "c2", seed=3)
    out, carried = jc.carry_over(rescored, old, je.same, je.EMPTY, je.judged)
    assert carried == 1
    assert out[0]["verdict"]["full"] is True and out[0]["judged_commit"] == "c1" and out[0]["confidence"] == 0.99
    assert out[1]["verdict"]["full"] is None and out[1]["verdict"]["tags"] == []  # root 17 -> 19: judge again
    out[1]["verdict"]["tags"].append("x")
    assert jc.carry_over(rescored, [], je.same, je.EMPTY, je.judged)[0][0]["verdict"]["tags"] == []
    # a quote whose speaker changed is judged again; one whose confidence changed is not
    q_old = [{**it, "verdict": {**jq.EMPTY["verdict"], "real": True, "span": True, "speaker": True, "full": True}}
             for it in jq.candidates(_analysis(), "cnn", "c1", seed=3)]
    q_new = jq.candidates(_analysis(), "cnn", "c2", seed=3)
    q_new[0]["confidence"] = 0.1
    assert jq.carry_over(q_new, q_old)[1] == 1
    q_new[0]["speaker"] = {**q_new[0]["speaker"], "actor": "NORGOV"}
    assert jq.carry_over(q_new, q_old)[1] == 0


def _row(source: str, third: int, conf: float, *, real: bool = True, code: bool = True, parties: bool = True,
         date: bool = True, tags: tuple[str, ...] = ()) -> dict[str, Any]:
    full = real and code and parties and date
    return {"item": f"{source}-{third}-{conf}", "source": source, "third": third, "confidence": conf,
            "pipeline_commit": "abc",
            "verdict": {"real": real, "code": code, "source": parties, "target": parties, "date": date,
                        "full": full, "tags": list(tags), "reason": ""}}


ROWS = [
    _row("bbc", 0, 0.9), _row("bbc", 0, 0.75), _row("bbc", 1, 0.6, code=False, tags=("wrong-root",)),
    _row("cnn", 1, 0.55), _row("cnn", 0, 0.4, real=False, code=False, parties=False, date=False, tags=("not-real",)),
    _row("cnn", 1, 0.2, real=False, code=False, parties=False, date=False, tags=("not-real",)),
    _row("police", 0, 0.1, date=False, tags=("wrong-date",)),
    _row("police", 2, 0.95),  # held aside
    {**_row("police", 0, 0.5), "verdict": dict(je.EMPTY["verdict"])},  # pending
]


def test_the_score_gives_shares_per_source_band_and_threshold_with_wilson_intervals() -> None:
    r = je.score(ROWS)
    assert r["judged"] == 7 and r["pending"] == 1 and r["thirds"] == [0, 1]
    assert r["overall"]["full"] == {"share": round(3 / 7, 4), "k": 3, "n": 7,
                                    "ci95": [round(x, 4) for x in jc.wilson(3, 7)]}
    assert r["overall"]["real"]["k"] == 5 and r["overall"]["code"]["k"] == 4 and r["overall"]["date"]["k"] == 4
    assert r["by_source"]["bbc"]["full"]["k"] == 2 and r["by_source"]["cnn"]["full"]["n"] == 3
    assert set(r["by_third"]) == {"0", "1"}
    bands = {b: (v["full"]["k"], v["full"]["n"]) for b, v in r["by_band"].items()}
    assert bands == {"<0.3": (0, 2), "0.3-0.5": (0, 1), "0.5-0.7": (1, 2), ">=0.7": (2, 2)}
    at = {row["min_confidence"]: row for row in r["thresholds"]}
    assert at[0.0]["kept"] == 7 and at[0.5]["kept"] == 4 and at[0.5]["precision"]["k"] == 3
    assert at[0.6]["kept"] == 3 and at[0.6]["precision"]["share"] == round(2 / 3, 4)  # 0.6 itself is kept
    assert at[0.8]["precision"] == {"share": 1.0, "k": 1, "n": 1, "ci95": [round(x, 4) for x in jc.wilson(1, 1)]}
    assert r["error_tags"] == {"not-real": 2, "wrong-date": 1, "wrong-root": 1}
    r5 = je.score(ROWS, min_confidence=0.5)
    assert r5["at_min_confidence"]["kept"] == 4 and r5["at_min_confidence"]["full"]["k"] == 3
    negated = [*ROWS, {**_row("bbc", 1, 0.95, real=False, code=False, parties=False, date=False), "negated": True}]
    rn = je.score(negated)
    assert rn["overall"]["full"]["n"] == 8 and rn["negated"] == 1
    assert rn["thresholds"] == r["thresholds"]  # never shown, so not in the precision at a threshold
    held = je.score(ROWS, thirds=frozenset({2}))
    assert held["judged"] == 1 and held["overall"]["full"]["k"] == 1


def test_an_inconsistent_full_verdict_is_refused() -> None:
    bad = _row("bbc", 0, 0.5, code=False)
    bad["verdict"]["full"] = True
    with pytest.raises(ValueError):
        je.score([bad])


def test_the_quote_score_uses_its_own_criteria() -> None:
    def q(kind: str, conf: float, speaker: bool) -> dict[str, Any]:
        return {"item": f"{kind}{conf}", "source": "cnn", "third": 1, "confidence": conf, "kind": kind,
                "verdict": {"real": True, "span": True, "speaker": speaker, "full": speaker, "tags": []}}

    r = jq.score([q("direct", 0.9, True), q("indirect", 0.5, False), q("indirect", 0.7, True)], min_confidence=0.6)
    assert r["overall"]["full"]["k"] == 2 and r["by_kind"]["indirect"]["speaker"]["k"] == 1
    assert r["at_min_confidence"]["kept"] == 2 and r["at_min_confidence"]["full"]["share"] == 1.0
    assert r["by_band"][">=0.7"]["full"]["n"] == 2


def test_sentences_are_cut_at_end_marks_and_line_breaks_with_offsets_kept() -> None:
    text = 'Title line here\n\nHe said "it is over." Then he left. Ok.\nShort\nA last sentence without a stop'
    got = [text[s:e] for s, e in je.sentences(text, min_words=2)]
    assert got == ["Title line here", 'He said "it is over."', "Then he left.", "A last sentence without a stop"]


def test_recall_counts_gold_events_found_by_root_and_trigger_at_the_threshold() -> None:
    system = [{"code": "040", "root": "04", "trigger": [10, 13], "confidence": 0.6, "negated": False},
              {"code": "173", "root": "17", "trigger": [40, 48], "confidence": 0.2, "negated": False},
              {"code": "190", "root": "19", "trigger": [60, 66], "confidence": 0.9, "negated": True}]
    gold = [{"root": "04", "trigger": [9, 13]}, {"root": "17", "trigger": [40, 48]},
            {"root": "19", "trigger": [60, 66]}, {"root": "04", "trigger": [30, 34]}]
    assert je.found(gold, system, 0.0) == (2, 2)     # the negated one is not output as an event
    assert je.found(gold, system, 0.5) == (1, 1)
    assert je.found([{"root": ["03", "04"], "trigger": [11, 12]}], system, 0.0) == (1, 1)  # either root
    rows = [{"item": "s1", "source": "bbc", "third": 0, "gold": gold, "system": system},
            {"item": "s2", "source": "cnn", "third": 1, "gold": [], "system": []},
            {"item": "s3", "source": "cnn", "third": 2, "gold": gold, "system": []},
            {"item": "s4", "source": "cnn", "third": 0, "gold": None, "system": []}]
    r = je.recall_score(rows, min_confidence=0.0)
    assert r["sentences"] == 2 and r["pending"] == 1 and r["sentences_without_events"] == 1
    assert r["at_min_confidence"]["gold_events"] == 4 and r["at_min_confidence"]["recall"]["k"] == 2
    assert r["at_min_confidence"]["recall"]["ci95"] == [round(x, 4) for x in jc.wilson(2, 4)]
    assert {t["min_confidence"]: t["recall"]["k"] for t in r["thresholds"]}[0.5] == 1


def test_merge_takes_each_judges_lines_and_reports_conflicts(tmp_path: Path) -> None:
    base = je.candidates(_analysis(), "bbc", "c1", seed=3)
    base = jc.carry_over(base, [], je.same, je.EMPTY, je.judged)[0]
    part1 = [_judge(base[0], real=True, code=True, source=True, target=True, date=True, full=True, judge="A"),
             base[1]]
    part2 = [base[0], _judge(base[1], real=False, code=False, source=False, target=False, date=False, full=False,
                             judge="B")]
    merged, conflicts = jc.merge(base, [part1, part2[1:]], ("verdict",), je.judged)
    assert not conflicts and [m["verdict"]["judge"] for m in merged] == ["A", "B"]
    other = [_judge(base[0], real=True, code=False, source=True, target=True, date=True, full=False, judge="C")]
    merged, conflicts = jc.merge(base, [part1, other], ("verdict",), je.judged)
    assert conflicts == [base[0]["item"]] and merged[0]["verdict"]["full"] is None
    with pytest.raises(ValueError):
        jc.merge(base, [[{**part1[0], "item": "elsewhere"}]], ("verdict",), je.judged)
    # the command line: files in, merged file out, exit 1 on a conflict
    paths = []
    for name, rows in (("base", base), ("p1", part1), ("p2", part2)):
        paths.append(tmp_path / f"{name}.jsonl")
        jc.write_jsonl(paths[-1], rows)
    assert je.main(["merge", *map(str, paths), "-o", str(tmp_path / "m.jsonl")]) == 0
    assert je.kind_of([json.loads(x) for x in (tmp_path / "m.jsonl").read_text().splitlines()]) == "events"


def _committed(name: str) -> list[dict[str, Any]]:
    path = Path(__file__).resolve().parents[2] / "eval" / "judged" / name
    if not path.exists():
        pytest.skip(f"{name} not drawn yet")
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


@pytest.mark.parametrize("name,least", [("events.v1.jsonl", 400), ("quotes.v1.jsonl", 300),
                                        ("events.v2.jsonl", 400), ("quotes.v2.jsonl", 300)])
def test_the_committed_samples_are_large_enough_and_hold_no_article_text(name: str, least: int) -> None:
    rows = _committed(name)
    assert len(rows) >= least
    kind = je.kind_of(rows)
    (je.score if kind == "events" else jq.score)(rows)  # verdicts consistent where given
    for row in rows:
        reason = row["verdict"].get("reason") or ""
        assert '"' not in reason and len(reason) < 240
        assert {"item", "article", "source", "third", "text_sha1", "confidence", "verdict"} <= set(row)


def _moved(analysis: dict[str, Any], prefix: str, old: str = "", new: str = "") -> dict[str, Any]:
    """The analysis of the same article after a text change: ``prefix`` put before the text (as a boilerplate
    line a parser no longer drops, or the reverse) and ``old`` replaced by ``new`` (same length), every offset
    moved by the prefix's length."""
    assert len(old) == len(new)
    n = len(prefix)

    def mv(d: dict[str, Any] | None) -> dict[str, Any] | None:
        return None if d is None else {**d, **{k: d[k] + n for k in ("start", "end") if d.get(k) is not None}}

    art = analysis["article"]
    text = prefix + (art["text"].replace(old, new) if old else art["text"])
    events = [{**ev, "trigger": mv(ev["trigger"]), "sentence": mv(ev["sentence"]), "source": mv(ev.get("source")),
               "target": mv(ev.get("target"))} for ev in analysis["events"]]
    quotes = [{**mv(q), "speaker": mv(q.get("speaker")), "cue": mv(q.get("cue")), "channel": mv(q.get("channel"))}
              for q in analysis["quotes"]]
    return {"article": {**art, "text": text}, "events": events, "quotes": quotes}


FULL = {"real": True, "code": True, "source": True, "target": True, "date": True, "full": True}


def test_verdicts_carry_over_when_a_text_change_elsewhere_shifts_every_offset() -> None:
    a = _analysis()
    old_ev = [_judge(it, **FULL) for it in je.candidates(a, "cnn", "c1", seed=3)]
    speaker = _off("Berg", 1)
    old_q = [{**it, "verdict": {**jq.EMPTY["verdict"], "real": True, "span": True, "speaker": False, "full": False,
                                "correct_speaker": list(speaker)}} for it in jq.candidates(a, "cnn", "c1", seed=3)]
    old_r = [{**it, "gold": [{"root": "04", "trigger": list(_off("met"))}]}
             for it in je.recall_candidates(a, "cnn", "c1", seed=3) if it["sentence"][0] <= _off("met")[0]
             < it["sentence"][1]]
    b = _moved(a, "This story is from an invented wire.\n")
    shift = len("This story is from an invented wire.\n")
    new_ev = je.candidates(b, "cnn", "c2", seed=3)
    assert new_ev[0]["text_sha1"] != old_ev[0]["text_sha1"] and new_ev[0]["trigger"] != old_ev[0]["trigger"]
    assert [it["sentence_sha1"] for it in new_ev] == [it["sentence_sha1"] for it in old_ev]
    ev, carried = je.carry_over(new_ev, old_ev)
    assert carried == 2 and all(it["verdict"]["full"] is True and it["judged_commit"] == "c1" for it in ev)
    q, carried = jq.carry_over(jq.candidates(b, "cnn", "c2", seed=3), old_q)
    assert carried == 1 and q[0]["verdict"]["correct_speaker"] == [speaker[0] + shift, speaker[1] + shift]
    r, carried = je.recall_carry_over(je.recall_candidates(b, "cnn", "c2", seed=3), old_r)
    met = _off("met")
    assert carried == 1 and [g["gold"] for g in r if g["gold"]] == [[{"root": "04",
                                                                      "trigger": [met[0] + shift, met[1] + shift]}]]
    # the old, absolute match still holds on the same text, and a file without sentence_sha1 still carries
    assert je.carry_over(je.candidates(a, "cnn", "c3", seed=3), old_ev)[1] == 2
    bare = [{k: v for k, v in it.items() if k != "sentence_sha1"} for it in old_ev]
    assert je.carry_over(je.candidates(a, "cnn", "c3", seed=3), bare)[1] == 2
    assert je.carry_over(new_ev, bare)[1] == 0  # moved, but nothing to tell the sentence is the same


def test_no_carry_over_when_the_sentence_itself_changed() -> None:
    a = _analysis()
    old_ev = [_judge(it, **FULL) for it in je.candidates(a, "police", "c1", seed=3)]
    old_q = [{**it, "verdict": {**jq.EMPTY["verdict"], "real": True, "span": True, "speaker": True, "full": True}}
             for it in jq.candidates(a, "police", "c1", seed=3)]
    # a repair inside the first sentence (same length, offsets unchanged there) and a line put before it
    b = _moved(a, "Boilerplate.\n", "mayor of", "mayor in")
    ev, carried = je.carry_over(je.candidates(b, "police", "c2", seed=3), old_ev)
    assert carried == 1  # the meeting's sentence changed: judged again; the arrest's sentence only moved
    assert ev[0]["verdict"]["full"] is None and ev[1]["verdict"]["full"] is True
    assert jq.carry_over(jq.candidates(b, "police", "c2", seed=3), old_q)[1] == 1  # the quote's text is intact
    c = _moved(a, "", "Berg said", "Berg aaid")  # the quote's cue changed in place
    assert jq.carry_over(jq.candidates(c, "police", "c2", seed=3), old_q)[1] == 0


def test_the_committed_samples_record_the_hash_of_each_items_sentence() -> None:
    for name in ("events.v1.jsonl", "quotes.v1.jsonl", "events_recall.v1.jsonl"):
        rows = _committed(name)
        assert all(len(r["sentence_sha1"]) == 12 for r in rows)
    texts = {r["article"]: r["text_sha1"] for r in _committed("events.v1.jsonl")}
    for fr in _committed("frames.v1.jsonl"):  # offsets and hashes only, onto the texts the sample was drawn on
        assert set(fr) == {"article", "text_sha1", "frame_sha1", "blocks"}
        assert texts.get(fr["article"], fr["frame_sha1"]) == fr["frame_sha1"]
        assert all(len(b) == 3 and all(isinstance(x, int) for x in b) for b in fr["blocks"])


def test_a_frame_keeps_the_ranks_of_items_whose_text_only_moved() -> None:
    a = _analysis()
    b = _moved(a, "Wire copy\n")  # too short to be a recall sentence itself
    frames = {"a1": jc.frame_record("a1", b["article"]["text"], a["article"]["text"])}
    assert "Invented" not in json.dumps(frames)  # offsets and hashes only
    for cands, key, paths in ((je.candidates, je.rank_key(3), je.RANK_OFFSETS),
                              (jq.candidates, jq.rank_key(3), jq.RANK_OFFSETS),
                              (je.recall_candidates, je.recall_key(3), je.RECALL_OFFSETS)):
        before, after = cands(a, "police", "c1", 3), cands(b, "police", "c2", 3)
        assert [key(it) for it in before] != [key(it) for it in after]  # absolute offsets moved
        framed = jc.framed_key(key, paths, frames)
        assert [key(it) for it in before] == [framed(it) for it in after]
        assert [framed(it) for it in before] == [key(it) for it in before]  # another text: no mapping
    # a span that starts and ends on repaired characters keeps the place it had
    old, new = "He said \u00e2\u20ac\u0153no\u00e2\u20ac\u009d today.", "He said \u201cno\u201d today."
    blocks = jc.text_map(new, old)
    assert jc._to_frame([8, 12], blocks) == [8, 16]
    assert old[8:16].endswith("\u009d") and old[8:16].startswith("\u00e2") and new[8:12] == "\u201cno\u201d"
    assert jc._to_frame([0, 2], blocks) == [0, 2] and jc._to_frame([13, 18], blocks) == [17, 22]


def test_sampling_with_frames_after_a_text_change_draws_the_same_items() -> None:
    texts = {f"p{i}": TEXT for i in range(6)}
    moved = {aid: _moved({**_analysis(aid), "article": {**_analysis(aid)["article"]}}, "Byline.\n" * (i % 3))
             for i, aid in enumerate(texts)}
    sources = (jc.Source("police", "-", 6, 7),)
    before = jc.sample_items([it for aid in texts for it in je.candidates(_analysis(aid), "police", "c1", 5)],
                             je.rank_key(5), sources)
    frames = {aid: jc.frame_record(aid, m["article"]["text"], TEXT) for aid, m in moved.items()}
    after_items = [it for m in moved.values() for it in je.candidates(m, "police", "c2", 5)]
    after = jc.sample_items(after_items, jc.framed_key(je.rank_key(5), je.RANK_OFFSETS, frames), sources)
    assert [(it["article"], it["sentence_sha1"], it["code"]) for it in before] == \
        [(it["article"], it["sentence_sha1"], it["code"]) for it in after]
    old = [_judge(it, **FULL) for it in before]
    assert je.carry_over(after, old)[1] == 7
    unframed = jc.sample_items(after_items, je.rank_key(5), sources)  # ranks of the moved offsets: drawn afresh
    assert je.carry_over(unframed, old)[1] < 7


def test_a_shown_sample_keeps_only_events_the_default_output_shows() -> None:
    events = [_event("met", "040", "mayor", "Ann Berg", 0.6), _event("arrested", "173", "Police", None, 0.2),
              _event("agreed", "057", "Berg", None, 0.7, negated=True)]
    items = je.candidates(_analysis(events=events), "bbc", "c0ffee", seed=1)
    kept = [it["code"] for it in items if je.shown(it, 0.5)]
    assert kept == ["040"]  # 0.2 is under the threshold; the negated event is never shown
    assert [it["code"] for it in items if je.shown(it, 0.1)] == ["040", "173"]


def test_a_shown_sample_takes_at_most_a_few_items_of_one_article() -> None:
    items = [{"article": "a", "r": r} for r in (5, 1, 4, 2, 3)] + [{"article": "b", "r": 9}]
    kept = je.per_article(items, lambda it: it["r"], 3)
    assert sorted((it["article"], it["r"]) for it in kept) == [("a", 1), ("a", 2), ("a", 3), ("b", 9)]


def test_another_source_is_drawn_by_its_own_id_and_date_fields(tmp_path: Path) -> None:
    # a TempEval-style file names its id and date doc_id and dct; the sampler reads both
    rows = [{"doc_id": f"d{i}", "dct": "1998-01-0" + str(i + 1), "text": f"Invented text {i}."} for i in range(3)]
    path = tmp_path / "timex" / "docs.jsonl"
    path.parent.mkdir()
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    src = jc.Source("tempeval", "timex/docs.jsonl", 2, 0)
    chosen = jc.sample_articles(tmp_path, 7, [src], exclude=frozenset({"d0"}))
    assert sorted(rec["id"] for _, rec in chosen) == ["d1", "d2"]
    assert {rec["id"]: rec["date"] for _, rec in chosen} == {"d1": "1998-01-02", "d2": "1998-01-03"}
    assert jc.with_id({"id": "x", "doc_id": "y"})["id"] == "x"  # a record with an id keeps it
    assert set(je.OTHER_SOURCES) == {"polnear", "tempeval"}
