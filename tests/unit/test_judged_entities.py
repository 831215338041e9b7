"""Judged entities: the Wilson interval, scoring, coordinated sampling and carrying verdicts over (no spaCy)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluation.judged_entities import (
    Source,
    candidates,
    carry_over,
    excluded_articles,
    lenient,
    rank,
    sample_articles,
    sample_items,
    score,
    wilson,
)


def test_wilson_matches_the_closed_form_values() -> None:
    # 8 of 10: the textbook Wilson 95% interval is about (0.490, 0.943)
    lo, hi = wilson(8, 10)
    assert lo == pytest.approx(0.4902, abs=1e-4) and hi == pytest.approx(0.9433, abs=1e-4)
    # it stays inside [0, 1] at the extremes, unlike the normal approximation
    assert wilson(0, 20)[0] == 0.0 and 0.0 < wilson(0, 20)[1] < 0.2
    assert wilson(20, 20)[1] == pytest.approx(1.0) and 0.8 < wilson(20, 20)[0] < 1.0
    assert wilson(0, 0) == (0.0, 1.0)


def test_wilson_is_centred_on_half_and_narrows_with_n() -> None:
    lo, hi = wilson(50, 100)
    assert (lo + hi) / 2 == pytest.approx(0.5)
    assert (hi - lo) > (wilson(500, 1000)[1] - wilson(500, 1000)[0])
    # and it contains the observed share
    for k, n in ((3, 7), (190, 200), (1, 11)):
        lo, hi = wilson(k, n)
        assert lo <= k / n <= hi
        assert math.isfinite(lo) and math.isfinite(hi)


def judged(source: str, real: bool, grouping: bool, code: bool, tags: list[str] | None = None) -> dict[str, Any]:
    return {"item": f"{source}-x", "source": source, "real": real, "grouping": grouping, "code": code,
            "full": real and grouping and code, "tags": tags or [], "pipeline_commit": "abc"}


def test_score_counts_shares_per_criterion_and_per_source() -> None:
    rows = [judged("bbc", True, True, True), judged("bbc", True, False, True, ["place-in-country"]),
            judged("cnn", True, True, False, ["role-missing"]), judged("cnn", False, False, False, ["fragment"]),
            {"item": "p", "source": "police", "real": None, "grouping": None, "code": None, "full": None}]
    r = score(rows)
    assert r["judged"] == 4 and r["pending"] == 1
    assert r["overall"]["full"]["k"] == 1 and r["overall"]["full"]["share"] == 0.25
    assert r["overall"]["real"]["k"] == 3 and r["overall"]["grouping"]["k"] == 2 and r["overall"]["code"]["k"] == 2
    assert r["by_source"]["bbc"]["full"]["share"] == 0.5 and r["by_source"]["cnn"]["full"]["share"] == 0.0
    assert "police" not in r["by_source"]          # only pending there
    lo, hi = r["overall"]["full"]["ci95"]
    assert (lo, hi) == (round(wilson(1, 4)[0], 4), round(wilson(1, 4)[1], 4))
    # lenient: the under-coded item counts as right, the grouping error and the fragment do not
    assert r["overall"]["full_lenient"]["k"] == 2
    assert r["error_tags"] == {"fragment": 1, "place-in-country": 1, "role-missing": 1}
    assert r["full_by_type"]["other"]["n"] == 4          # the rows carry no type


def test_score_refuses_an_inconsistent_full_verdict() -> None:
    row = judged("bbc", True, False, True)
    row["full"] = True
    with pytest.raises(ValueError):
        score([row])


def test_lenient_accepts_only_under_coding() -> None:
    assert lenient(judged("bbc", True, True, False, ["country-missing"]))["full"] is True
    assert lenient(judged("bbc", True, True, False, ["wrong-role", "country-missing"]))["full"] is False
    assert lenient(judged("bbc", True, False, False, ["role-missing", "wrong-name"]))["full"] is False


def analysis(aid: str, text: str, entities: list[dict[str, Any]]) -> dict[str, Any]:
    return {"article": {"id": aid, "text": text, "published": "2020-01-02"}, "entities": entities}


def ent(name: str, actor: str | None, *spans: tuple[int, int], type: str = "PERSON") -> dict[str, Any]:
    return {"name": name, "type": type, "actor": actor,
            "mentions": [{"start": s, "end": e, "text": name} for s, e in spans]}


TEXT = "Minister Ann Berg met Tom Li in Oslo. Berg said Li agreed."


def test_candidates_keep_coded_entities_with_their_first_mention_and_no_text() -> None:
    a = analysis("a1", TEXT, [ent("Ann Berg", "NORGOV", (38, 42), (9, 17)), ent("Tom Li", None, (22, 28)),
                              ent("Oslo", "NOR", (32, 36), type="GPE")])
    items = candidates(a, "bbc", "c0ffee")
    assert [(it["start"], it["end"], it["actor"]) for it in items] == [(9, 17, "NORGOV"), (32, 36, "NOR")]
    first = items[0]
    assert first["item"] == "a1:9-17" and first["mentions"] == [[9, 17], [38, 42]]
    assert first["pipeline_commit"] == "c0ffee" and first["date"] == "2020-01-02"
    assert "Berg" not in json.dumps(items)      # no article text in an item


def make_items(source: str, n: int, article: str = "a") -> list[dict[str, Any]]:
    return [{"source": source, "article": f"{article}{i // 5}", "start": 10 * i, "end": 10 * i + 4} for i in range(n)]


def test_sample_items_meets_quotas_and_fills_a_short_source_from_the_others() -> None:
    srcs = (Source("bbc", "-", 1, 5), Source("police", "-", 1, 5))
    picked = sample_items(make_items("bbc", 30) + make_items("police", 2, "p"), seed=7, sources=srcs)
    assert len(picked) == 10
    assert sum(1 for it in picked if it["source"] == "police") == 2
    assert sum(1 for it in picked if it["source"] == "bbc") == 8


def test_sampling_is_coordinated_an_unchanged_item_keeps_its_place() -> None:
    srcs = (Source("bbc", "-", 1, 6),)
    before = make_items("bbc", 40)
    first = sample_items(before, seed=3, sources=srcs)
    # a newer pipeline drops some unsampled items and adds others: every earlier pick that still exists and
    # is not outranked stays picked, and the sample does not depend on input order
    picked_keys = {(it["article"], it["start"]) for it in first}
    after = [it for it in before if (it["article"], it["start"]) in picked_keys]
    after += [{"source": "bbc", "article": "z", "start": 1000 + i, "end": 1004 + i} for i in range(3)]
    second = sample_items(list(reversed(after)), seed=3, sources=srcs)
    kept = picked_keys & {(it["article"], it["start"]) for it in second}
    assert len(second) == 6 and len(kept) >= 3
    assert sample_items(list(reversed(before)), seed=3, sources=srcs) == first
    assert sample_items(before, seed=4, sources=srcs) != first


def test_carry_over_copies_verdicts_only_for_unchanged_items() -> None:
    base = {"item": "a1:9-17", "article": "a1", "text_sha1": "t", "start": 9, "end": 17, "type": "PERSON",
            "actor": "NORGOV", "mentions": [[9, 17], [38, 42]], "name_sha1": "n", "source": "bbc"}
    old = [{**base, "real": True, "grouping": False, "code": True, "full": False, "tags": ["wrong-mention"],
            "reason": "mention at 38 is someone else", "pipeline_commit": "old"}]
    same = {**base, "pipeline_commit": "new"}
    recoded = {**base, "actor": "NOR", "pipeline_commit": "new"}
    regrouped = {**base, "mentions": [[9, 17]], "pipeline_commit": "new"}
    out, carried = carry_over([same, recoded, regrouped], old)
    assert carried == 1
    assert out[0]["grouping"] is False and out[0]["reason"] and out[0]["judged_commit"] == "old"
    assert out[0]["pipeline_commit"] == "new"
    assert all(o["full"] is None for o in out[1:])


def test_sample_articles_is_fixed_by_the_seed_and_keeps_ids_and_dates(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for i in range(20):
            f.write(json.dumps({"id": f"x{i}", "text": f"Story {i}.", "title": f"T{i}",
                                "date": "2019-03-01T00:00:00" if i % 2 else None}) + "\n")
    srcs = (Source("cnn", "c.jsonl", 4, 1),)
    one = sample_articles(tmp_path, seed=1, sources=srcs)
    assert one == sample_articles(tmp_path, seed=1, sources=srcs) and len(one) == 4
    assert one != sample_articles(tmp_path, seed=2, sources=srcs)
    for name, rec in one:
        assert name == "cnn" and rec["text"].startswith("Story")
        assert ("date" in rec) == (int(rec["id"][1:]) % 2 == 1)
        if "date" in rec:
            assert rec["date"] == "2019-03-01"


def test_exclusion_draws_a_disjoint_sample_from_the_remaining_articles(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    with open(corpus, "w", encoding="utf-8") as f:
        for i in range(12):
            f.write(json.dumps({"id": f"x{i}", "text": f"Story {i}."}) + "\n")
    srcs = (Source("cnn", "c.jsonl", 5, 1),)
    first = sample_articles(tmp_path, seed=1, sources=srcs)
    earlier = tmp_path / "first.jsonl"
    earlier.write_text("".join(json.dumps({"item": f"{r['id']}:0-5", "article": r["id"]}) + "\n"
                               for _, r in first), encoding="utf-8")
    exclude = excluded_articles([earlier])
    assert exclude == {r["id"] for _, r in first}
    fresh = sample_articles(tmp_path, seed=1, sources=srcs, exclude=exclude)
    assert len(fresh) == 5 and not {r["id"] for _, r in fresh} & exclude
    # with the same seed the fresh sample is the next five in rank order
    ranked = sorted((f"x{i}" for i in range(12)), key=lambda a: rank(1, "article", a))
    assert [r["id"] for _, r in fresh] == ranked[5:10]
    # too few articles left: the source gives what remains and never an excluded one
    rest = sample_articles(tmp_path, seed=2, sources=(Source("cnn", "c.jsonl", 9, 1),), exclude=exclude)
    assert {r["id"] for _, r in rest} == {f"x{i}" for i in range(12)} - exclude


@pytest.mark.parametrize("name", ["entities.before.jsonl", "entities.after.jsonl", "entities.final.jsonl",
                                  "entities.fresh.jsonl"])
def test_the_committed_judgments_are_complete_and_hold_no_article_text(name: str) -> None:
    path = Path(__file__).resolve().parents[2] / "eval" / "judged" / name
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == 200
    r = score(rows)
    assert r["pending"] == 0
    allowed = {"item", "article", "source", "date", "text_sha1", "start", "end", "type", "actor", "mentions",
               "name_sha1", "pipeline_commit", "real", "grouping", "code", "full", "tags", "reason",
               "judged_commit"}
    for row in rows:
        assert set(row) <= allowed
        assert '"' not in row["reason"] and len(row["reason"]) < 200
